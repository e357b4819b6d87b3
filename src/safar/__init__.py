"""Safar (سفر): customer journey maps backed by real data.

The Python API in brief:

>>> import safar, tempfile
>>> ws = safar.Workspace.open(safar.Settings.from_env({"SAFAR_HOME": tempfile.mkdtemp()}))
>>> stored = ws.new_from_template("ecommerce", "fa")
>>> doc = stored.document
>>> doc.stages[0].name = doc.stages[0].name + " (بازبینی)"
>>> ws.save_map(stored.id, doc, base_revision=1, message="rename").revision
2
>>> [c.field for c in ws.diff(stored.id, 1, 2)]
['name']
>>> ws.close()
"""

from safar.config import Settings
from safar.errors import SafarError
from safar.maps.validate import read_map_file as load_map
from safar.model import JourneyMap
from safar.workspace import SaveResult, StoredMap, Workspace

__version__ = "0.1.0"
__all__ = ["JourneyMap", "SafarError", "SaveResult", "Settings", "StoredMap", "Workspace", "load_map"]
