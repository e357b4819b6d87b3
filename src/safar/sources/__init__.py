"""Database sources: a dataset fed from a SQL query on PostgreSQL or MySQL/MariaDB.

:mod:`.connection` makes and describes the connection URL (never showing its password), :mod:`.sealing`
keeps it encrypted with the installation's secret, :mod:`.pull` runs the query into a Parquet file that
the ordinary ingestion reads (so identity, duplicates and the quarantine are exactly a file's).
"""

from safar.sources.connection import KINDS, SourceUrl, source_url
from safar.sources.pull import pull_rows
from safar.sources.sealing import open_sealed, seal

__all__ = ["KINDS", "SourceUrl", "open_sealed", "pull_rows", "seal", "source_url"]
