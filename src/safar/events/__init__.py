"""Customer interaction events: ingestion (CSV, Parquet, JSON Lines, XES) and the quarantine.

>>> import tempfile, pathlib
>>> from safar.config import Settings
>>> home = pathlib.Path(tempfile.mkdtemp())
>>> _ = (home / "log.csv").write_text("customer,activity,time\\nana,visit,2024-03-01 10:00\\n")
>>> ingest_file(Settings.from_env({"SAFAR_HOME": str(home)}), home / "log.csv", dataset="demo").summary()
{'read': 1, 'loaded': 1, 'duplicates': 0, 'rejected': 0, 'quarantine': 'rejected'}
"""

from safar.events.ingest import FORMATS, IngestReport, detect_format, ingest_file
from safar.events.quarantine import export_rejected, rejected_rows

__all__ = ["FORMATS", "IngestReport", "detect_format", "export_rejected", "ingest_file", "rejected_rows"]
