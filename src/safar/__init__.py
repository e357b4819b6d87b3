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

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from safar.config import Settings
    from safar.errors import SafarError
    from safar.maps.validate import read_map_file as load_map
    from safar.model import JourneyMap
    from safar.workspace import SaveResult, StoredMap, Workspace

__version__ = "0.2.0"
__all__ = ["JourneyMap", "SafarError", "SaveResult", "Settings", "StoredMap", "Workspace", "load_map"]

# The API's names are imported when first used, so ``import safar.<module>`` (and the ``safar``
# command's start) does not pay for the app database's and the warehouse's libraries.
_LAZY = {
    "Settings": ("safar.config", "Settings"),
    "SafarError": ("safar.errors", "SafarError"),
    "load_map": ("safar.maps.validate", "read_map_file"),
    "JourneyMap": ("safar.model", "JourneyMap"),
    "SaveResult": ("safar.workspace", "SaveResult"),
    "StoredMap": ("safar.workspace", "StoredMap"),
    "Workspace": ("safar.workspace", "Workspace"),
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'safar' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value
