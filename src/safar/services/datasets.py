"""The workspace's data (داده‌های فضای کار): each event dataset with its size, time span, the maps that read it,
its latest import and its quarantine; and one dataset's rejected rows, each with its row, field and reason.

The datasets page (``/w/{ws}/datasets``), its JSON twin (``GET /api/v1/workspaces/{ws}/datasets``) and the
rejected rows' page, CSV download and API call these; ``safar events datasets`` and ``safar events rejected``
read the same warehouse tables.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from safar.errors import NotFoundError

if TYPE_CHECKING:
    from safar.context import Context

MAX_ROWS = 500


class ImportOut(BaseModel):
    source: str
    finished_at: dt.datetime = Field(description="When the import ended (UTC).")
    read: int
    loaded: int
    duplicates: int
    rejected: int


class DatasetOut(BaseModel):
    name: str
    events: int
    customers: int
    activities: int
    first: dt.datetime | None = Field(description="The earliest event (UTC).")
    last: dt.datetime | None = Field(description="The latest event (UTC).")
    maps: list[str] = Field(description="The titles of the maps whose touchpoints read this dataset.")
    imports: int = Field(description="How many imports it has had.")
    last_import: ImportOut | None
    quarantined: int = Field(description="Rows in its quarantine now (the latest import of each file).")


class DatasetsScreen(BaseModel):
    datasets: list[DatasetOut]


class RejectedOut(BaseModel):
    source: str
    row: int | None
    field: str
    reason: str = Field(description="The reason's code (a catalogue key).")
    message: str = Field(description="The reason in the reader's language.")
    raw: str | None = Field(description="The row as it was read.")


class RejectedScreen(BaseModel):
    dataset: str
    total: int
    shown: int
    rows: list[RejectedOut]
    sources: dict[str, int] = Field(default_factory=dict, description="Rejected rows per file, all of them.")


def datasets_screen(ctx: Context) -> DatasetsScreen:
    """Every event dataset of the workspace, by name (a claimed dataset with no events yet shows zeros)."""
    names = ctx.workspace.datasets()
    readers = _readers(ctx)
    if not names or not ctx.has_warehouse():
        return DatasetsScreen(datasets=[_empty(n, readers) for n in names])
    with ctx.warehouse() as warehouse:
        infos = {d.name: d for d in warehouse.datasets() if d.name in names}
        runs = warehouse.con.table("ingestions")
        runs = runs.filter(runs.dataset.isin(names))
        latest = runs.order_by([runs.dataset, runs.finished_at.desc()]).to_pyarrow().to_pylist()
        rejected = warehouse.con.table("rejected")
        ours = rejected.filter(rejected.dataset.isin(names))
        counts = ours.group_by("dataset").agg(n=ours.count())
        quarantined = {r["dataset"]: int(r["n"]) for r in counts.to_pyarrow().to_pylist()}
    last: dict[str, dict[str, object]] = {}
    imports: dict[str, int] = {}
    for run in latest:
        last.setdefault(run["dataset"], run)
        imports[run["dataset"]] = imports.get(run["dataset"], 0) + 1
    out = []
    for name in names:
        info = infos.get(name)
        if info is None:
            out.append(_empty(name, readers, imports.get(name, 0), last.get(name), quarantined.get(name, 0)))
            continue
        out.append(
            DatasetOut(
                name=name,
                events=info.events,
                customers=info.customers,
                activities=info.activities,
                first=_utc(info.first),
                last=_utc(info.last),
                maps=readers.get(name, []),
                imports=imports.get(name, 0),
                last_import=_import(last.get(name)),
                quarantined=quarantined.get(name, 0),
            )
        )
    return DatasetsScreen(datasets=out)


def rejected_screen(ctx: Context, dataset: str, *, limit: int | None = MAX_ROWS) -> RejectedScreen:
    """The quarantine of one of the workspace's datasets: the first ``limit`` rows (all with None), by file
    and row, each with its reason in the reader's language."""
    from safar.events.quarantine import rejected_rows

    if dataset not in ctx.workspace.datasets():
        raise NotFoundError("dataset.not_found", dataset=dataset, known=ctx.workspace.datasets() or ["-"])
    if not ctx.has_warehouse():
        return RejectedScreen(dataset=dataset, total=0, shown=0, rows=[])
    try:
        with ctx.warehouse() as warehouse:
            found = rejected_rows(warehouse, dataset, ctx.lang, web=True)
    except NotFoundError:  # claimed, never imported: nothing rejected yet
        found = []
    chosen = found if limit is None else found[:limit]
    rows = [
        RejectedOut(
            source=str(r["source"]),
            row=r["row_number"],
            field=str(r["field"] or ""),
            reason=str(r["reason"]),
            message=str(r["message"]),
            raw=r["raw"],
        )
        for r in chosen
    ]
    sources: dict[str, int] = {}
    for r in found:
        sources[str(r["source"])] = sources.get(str(r["source"]), 0) + 1
    return RejectedScreen(dataset=dataset, total=len(found), shown=len(rows), rows=rows, sources=sources)


def _readers(ctx: Context) -> dict[str, list[str]]:
    """Dataset → the titles of the maps whose touchpoints read it."""
    readers: dict[str, list[str]] = {}
    for stored in ctx.workspace.list_maps():
        for name in ctx.workspace.get_map(stored.id).document.datasets():
            readers.setdefault(name, []).append(stored.title)
    return readers


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    return None if moment is None else moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def _import(run: dict[str, object] | None) -> ImportOut | None:
    if run is None:
        return None
    finished = run["finished_at"]
    assert isinstance(finished, dt.datetime)
    return ImportOut(
        source=str(run["source"]),
        finished_at=finished.replace(tzinfo=dt.UTC),
        **{k: int(run[k]) for k in ("read", "loaded", "duplicates", "rejected")},  # type: ignore[call-overload]
    )


def _empty(
    name: str,
    readers: dict[str, list[str]],
    imports: int = 0,
    last: dict[str, object] | None = None,
    quarantined: int = 0,
) -> DatasetOut:
    return DatasetOut(
        name=name,
        events=0,
        customers=0,
        activities=0,
        first=None,
        last=None,
        maps=readers.get(name, []),
        imports=imports,
        last_import=_import(last),
        quarantined=quarantined,
    )


class RemovalScreen(BaseModel):
    """What removing a dataset takes away, for the person to confirm."""

    dataset: DatasetOut


class RemovedOut(BaseModel):
    dataset: str
    removed: dict[str, int] = Field(description="Rows removed per warehouse table.")
    maps: list[str] = Field(description="The maps that read it: they show no data until it is loaded again.")


def removal_screen(ctx: Context, dataset: str) -> RemovalScreen:
    """The dataset about to be removed, with its size and the maps that read it."""
    ctx.workspace.require_dataset(dataset)
    found = next(d for d in datasets_screen(ctx).datasets if d.name == dataset)
    return RemovalScreen(dataset=found)


def remove_dataset(ctx: Context, dataset: str) -> RemovedOut:
    """Remove ``dataset`` from the warehouse (every table, all or nothing) and let the workspace go of it.

    The maps' binding rules that name it stay, so loading it again brings the maps back as they were.
    """
    from safar.events.removal import remove_dataset as remove

    ctx.workspace.require_dataset(dataset)
    maps = _readers(ctx).get(dataset, [])
    removed: dict[str, int] = {}
    if ctx.has_warehouse():
        with ctx.warehouse() as warehouse:
            removed = remove(warehouse, dataset)
    ctx.workspace.release_dataset(dataset)
    return RemovedOut(dataset=dataset, removed=removed, maps=maps)


class CorrectionOut(BaseModel):
    """The rejected rows of one file laid out in the file's own columns, to correct and send again."""

    dataset: str
    source: str
    columns: list[str]
    rows: list[list[str]] = Field(description="The rows that were read into columns, as they were read.")
    reasons: list[tuple[int | None, str]] = Field(
        description="Each rejected row's number in the file and why it was rejected, in the reader's language."
    )
    unsplit: list[tuple[int | None, str]] = Field(
        description="Rows that could not be read into columns at all (a broken CSV line), as they were read."
    )


def rows_to_correct(ctx: Context, dataset: str, source: str) -> CorrectionOut:
    """The rejected rows of ``source`` (a file of ``dataset``) in its own columns: corrected and sent again
    under the same name, they replace this quarantine (rows already loaded are not loaded twice)."""
    import json

    found = [r for r in rejected_screen(ctx, dataset, limit=None).rows if r.source == source]
    if not found:
        raise NotFoundError("dataset.no_rejected_rows", dataset=dataset, source=source)
    columns: list[str] = []
    parsed: list[dict[str, object]] = []
    unsplit: list[tuple[int | None, str]] = []
    for r in found:
        try:
            value = json.loads(r.raw or "")
        except ValueError:
            value = None
        if isinstance(value, dict):
            parsed.append(value)
            columns.extend(k for k in value if k not in columns and k != "attributes")
        else:
            unsplit.append((r.row, r.raw or ""))
    rows = [["" if p.get(c) is None else str(p.get(c)) for c in columns] for p in parsed]
    return CorrectionOut(
        dataset=dataset,
        source=source,
        columns=columns,
        rows=rows,
        reasons=[(r.row, r.message) for r in found],
        unsplit=unsplit,
    )
