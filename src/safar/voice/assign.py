"""Comments loaded without a touchpoint (نظرهای بی‌نقطه تماس): counted, so that they are never silently left
out of a touchpoint's numbers, and given one.

A comments file whose rows name no touchpoint is loaded all the same (its comments are the map's); the voice
page says how many there are per dataset, and :func:`assign_touchpoint` gives them one afterwards: on DuckDB
one ``UPDATE``, on Spark the comments table written again under the folder's write lock.

>>> import tempfile
>>> from safar.config import Settings
>>> from safar.warehouse import open_warehouse
>>> with open_warehouse(Settings.from_env({"SAFAR_HOME": tempfile.mkdtemp()})) as wh:
...     _ = wh.raw.execute(
...         "INSERT INTO comments VALUES ('talk', 'a', 1, NULL, NULL, NULL, 'slow', 'en', 'negative', -0.5, 1, NULL)"
...     )
...     before = unassigned_counts(wh, 1)
...     given = assign_touchpoint(wh, 1, "talk", "pay")
...     before, given, unassigned_counts(wh, 1)
({'talk': 1}, 1, {})
"""

from __future__ import annotations

from collections.abc import Collection

from safar.events.transform import ql
from safar.warehouse import Warehouse


def unassigned_counts(
    warehouse: Warehouse, map_id: int, *, leave_out: Collection[str] = ()
) -> dict[str, int]:
    """Dataset → how many of its comments about map ``map_id`` have no touchpoint (``leave_out``: datasets
    whose comments are about the whole map on purpose, a survey's journey-level questions)."""
    table = warehouse.con.table("comments")
    mine = table.filter((table.map_id == map_id) & table.touchpoint_id.isnull())
    if leave_out:
        mine = mine.filter(~mine.dataset.isin(list(leave_out)))
    counted = mine.group_by("dataset").agg(n=mine.count()).order_by("dataset")
    return {row["dataset"]: int(row["n"]) for row in counted.to_pyarrow().to_pylist()}


def dataset_comments(warehouse: Warehouse, map_id: int, dataset: str) -> tuple[int, int]:
    """(comments, those without a touchpoint) of ``dataset`` about map ``map_id``."""
    table = warehouse.con.table("comments")
    mine = table.filter((table.map_id == map_id) & (table.dataset == dataset))
    found = mine.aggregate(n=mine.count(), free=mine.touchpoint_id.isnull().cast("int64").sum())
    row = found.to_pyarrow().to_pylist()[0]
    return int(row["n"] or 0), int(row["free"] or 0)


def assign_touchpoint(warehouse: Warehouse, map_id: int, dataset: str, touchpoint: str) -> int:
    """Give ``touchpoint`` to the comments of ``dataset`` about map ``map_id`` that have none; how many."""
    which = f"map_id = {int(map_id)} AND dataset = {ql(dataset)} AND touchpoint_id IS NULL"
    if warehouse.raw is not None:
        found = warehouse.raw.execute(f"UPDATE comments SET touchpoint_id = {ql(touchpoint)} WHERE {which}")
        row = found.fetchone()
        return int(row[0]) if row else 0
    count = dataset_comments(warehouse, map_id, dataset)[1]
    if not count:
        return 0
    if warehouse.spark is not None:
        from safar.events.ingest import INGEST_MEMORY
        from safar.events.spark_load import rewrite, scratch

        changed = {"touchpoint_id": f"CASE WHEN {which} THEN {ql(touchpoint)} ELSE touchpoint_id END"}
        with scratch(warehouse.spark, INGEST_MEMORY) as (con, folder):
            rewrite(con, folder, warehouse.spark, "comments", "true", changed=changed)
        return count
    warehouse.con.raw_sql(f"UPDATE comments SET touchpoint_id = {ql(touchpoint)} WHERE {which}")
    return count
