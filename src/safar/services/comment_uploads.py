"""Comments brought in through the web app for a map (آوردن نظرها), as events are
(:mod:`safar.services.uploads`): the file is kept while a person looks at it, the column each role would take
is proposed on a preview of its first rows, then the comments are imported and scored for sentiment.

1. :func:`comments_screen` is the mapping step: the first rows, the text, time, customer and touchpoint
   columns proposed from their names (:data:`safar.events.columns.COMMENT_ROLES`) or chosen, or one of the
   map's touchpoints for every comment, the language of the comments (as their script says, or fa/en), and
   the encoding, sheet, calendar and time zone with the first times read that way.
2. :func:`import_comments` (and :func:`bring_in_comments`, the API's) imports them with
   :func:`safar.services.ingestion.ingest_comments`, the same as ``safar feedback ingest``: read, loaded,
   duplicates, rejected, and how many of the dataset's comments have no touchpoint.
3. :func:`comment_set_screen` is a comments dataset of the map: its latest import and the comments without
   a touchpoint, which :func:`assign_comments` gives one. The voice page counts them
   (:func:`unassigned_comments`), so that they are never silently left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from safar.errors import InputError, SafarError
from safar.events.columns import COMMENT_ROLES, pick_columns
from safar.events.ingest import detect_format
from safar.events.preview import preview_file
from safar.i18n import translate
from safar.services.datasets import ImportOut
from safar.services.uploads import DATASET, forget_upload, kept, suggest_name

if TYPE_CHECKING:
    from safar.context import Context

ROLES = ("text", "time", "customer", "channel", "touchpoint")
FORMATS = ("csv", "xlsx", "jsonl", "parquet")
LANGS = ("auto", "fa", "en")


@dataclass(frozen=True)
class CommentChoice:
    """What the person chose on the mapping step (a role left out: the proposal; ``""``: no such column)."""

    columns: dict[str, str] = field(default_factory=dict)
    touchpoint: str | None = None  # every comment's, instead of a column
    lang: str = "auto"
    encoding: str | None = None
    sheet: str | None = None
    calendar: str = "auto"
    tz: str | None = None


class TouchpointOut(BaseModel):
    id: str
    name: str


class CommentsScreen(BaseModel):
    """The mapping step of a comments file kept for a map."""

    token: str
    name: str = Field(description="The file's name as it was sent.")
    size: int
    map: int
    title: str
    format: str
    columns: list[str]
    rows: list[list[str]] = Field(description="The first rows, as text, as they will be read.")
    roles: dict[str, str | None] = Field(
        description="text, time, customer, channel, touchpoint → column (None: none)."
    )
    touchpoint: str | None = Field(description="The touchpoint every comment is given (instead of a column).")
    touchpoints: list[TouchpointOut]
    lang: str = Field(description="auto (each comment's script), fa or en.")
    encoding: str | None
    sheets: list[str]
    sheet: str | None
    calendar: str
    read_calendar: str | None
    tz: str
    times: list[dt.datetime | None] = Field(description="Each shown row's time (UTC), as it will be read.")
    time_problem: str | None
    suggested: str = Field(description="A dataset name made from the file's name.")


class CommentsImportOut(BaseModel):
    """How a comments import went."""

    map: int
    dataset: str
    source: str
    read: int
    loaded: int
    duplicates: int
    rejected: int
    alerts_fired: int
    unassigned: int = Field(description="The dataset's comments about the map that have no touchpoint.")
    columns: dict[str, str] = Field(description="Which column of the file took which role.")
    reading: dict[str, str] = Field(description="Encoding, calendar and time zone the file was read with.")


class CommentSetScreen(BaseModel):
    """A comments dataset of a map: its latest import, and its comments that have no touchpoint."""

    map: int
    title: str
    dataset: str
    comments: int
    unassigned: int
    last_import: ImportOut | None
    quarantined: int
    touchpoints: list[TouchpointOut]


def check_comments_file(name: str) -> None:
    """A comments file is CSV/TSV, Excel, JSON Lines or Parquet (not an XES log)."""
    if detect_format(Path(name)) not in FORMATS:
        raise InputError("comments.format", name=name)


def comments_screen(
    ctx: Context, map_id: int, token: str, choice: CommentChoice | None = None
) -> CommentsScreen:
    """The mapping step of the comments file kept as ``token`` for map ``map_id``."""
    from safar.services.ingestion import zone_of

    choice = choice or CommentChoice()
    journey = ctx.workspace.get_map(map_id).document
    upload = kept(ctx.settings, ctx.workspace.slug, token)
    check_comments_file(upload.name)
    tz = choice.tz or zone_of(ctx.workspace)
    try:
        first = preview_file(upload.path, encoding=choice.encoding, sheet=choice.sheet, given={"time": ""})
        roles = _roles(first.columns, choice, upload.name)
        seen = preview_file(
            upload.path,
            encoding=choice.encoding,
            sheet=choice.sheet,
            given={"time": roles["time"] or ""},
            tz=tz,
            calendar=choice.calendar,
        )
    except SafarError as err:
        raise err.renamed(str(upload.path), upload.name) from err.__cause__
    problem = translate(seen.time_problem, ctx.lang, **seen.time_values) if seen.time_problem else None
    return CommentsScreen(
        token=token,
        name=upload.name,
        size=upload.size,
        map=map_id,
        title=journey.title,
        format=seen.format,
        columns=seen.columns,
        rows=seen.rows,
        roles=roles,
        touchpoint=choice.touchpoint,
        touchpoints=[TouchpointOut(id=t.id, name=t.name) for t in journey.touchpoints()],
        lang=choice.lang,
        encoding=seen.encoding,
        sheets=seen.sheets,
        sheet=seen.sheet,
        calendar=choice.calendar,
        read_calendar=seen.calendar,
        tz=tz,
        times=[None if t is None else t.replace(tzinfo=dt.UTC) for t in seen.times],
        time_problem=problem,
        suggested=suggest_name(upload.name),
    )


def _roles(columns: list[str], choice: CommentChoice, name: str) -> dict[str, str | None]:
    given: dict[str, str | None] = {role: column for role, column in choice.columns.items() if column}
    absent = [role for role, column in choice.columns.items() if column == ""]
    if choice.touchpoint:
        absent.append("touchpoint")
    found = pick_columns(columns, COMMENT_ROLES, given=given, source=name, absent=absent)
    return {role: found.get(role) for role in ROLES}


def import_comments(
    ctx: Context, map_id: int, token: str, dataset: str, choice: CommentChoice
) -> CommentsImportOut:
    """Import the comments file kept as ``token`` into ``dataset`` for map ``map_id``; the file is then
    no longer kept."""
    upload = kept(ctx.settings, ctx.workspace.slug, token)
    check_comments_file(upload.name)
    done = bring_in_comments(ctx, map_id, upload.path, dataset, choice, source=upload.name)
    forget_upload(ctx.settings, token)
    return done


def bring_in_comments(
    ctx: Context, map_id: int, path: Path, dataset: str, choice: CommentChoice, *, source: str
) -> CommentsImportOut:
    """Score and store the comments of ``path`` (sent as ``source``) for map ``map_id`` in ``dataset``."""
    from safar.services.ingestion import ingest_comments

    if not DATASET.match(dataset):
        raise InputError("events.bad_dataset", dataset=dataset)
    if choice.lang not in LANGS:
        raise InputError("voice.bad_lang", value=choice.lang, allowed=list(LANGS))
    columns = choice.columns
    try:
        done = ingest_comments(
            ctx.workspace,
            path,
            map_id=map_id,
            dataset=dataset,
            text_col=columns.get("text") or None,
            touchpoint_col="" if choice.touchpoint else columns.get("touchpoint"),
            customer_col=columns.get("customer"),
            time_col=columns.get("time"),
            channel_col=columns.get("channel"),
            tz=choice.tz,
            calendar=choice.calendar,
            encoding=choice.encoding,
            sheet=choice.sheet,
            touchpoint=choice.touchpoint,
            lang=None if choice.lang == "auto" else choice.lang,
            source_name=source,
        )
    except SafarError as err:
        raise err.renamed(str(path), source) from err.__cause__
    report = done.report
    return CommentsImportOut(
        map=map_id,
        dataset=dataset,
        source=source,
        read=report.read,
        loaded=report.loaded,
        duplicates=report.duplicates,
        rejected=report.rejected,
        alerts_fired=len(done.fired),
        unassigned=comment_set_screen(ctx, map_id, dataset).unassigned,
        columns=report.columns,
        reading=report.reading,
    )


def comment_set_screen(ctx: Context, map_id: int, dataset: str) -> CommentSetScreen:
    """The comments of ``dataset`` about map ``map_id``: how many, how many have no touchpoint, its latest
    import and its quarantine."""
    from safar.voice.assign import dataset_comments

    journey = ctx.workspace.get_map(map_id).document
    ctx.workspace.require_dataset(dataset)
    total = free = quarantined = 0
    last = None
    if ctx.has_warehouse():
        with ctx.warehouse() as warehouse:
            total, free = dataset_comments(warehouse, map_id, dataset)
            runs = warehouse.con.table("ingestions")
            ours = runs.filter(runs.dataset == dataset).order_by(runs.finished_at.desc()).limit(1)
            found = ours.to_pyarrow().to_pylist()
            rejected = warehouse.con.table("rejected")
            quarantined = int(rejected.filter(rejected.dataset == dataset).count().to_pyarrow().as_py())
        if found:
            run = found[0]
            last = ImportOut(
                source=str(run["source"]),
                finished_at=run["finished_at"].replace(tzinfo=dt.UTC),
                **{k: int(run[k]) for k in ("read", "loaded", "duplicates", "rejected")},
            )
    return CommentSetScreen(
        map=map_id,
        title=journey.title,
        dataset=dataset,
        comments=total,
        unassigned=free,
        last_import=last,
        quarantined=quarantined,
        touchpoints=[TouchpointOut(id=t.id, name=t.name) for t in journey.touchpoints()],
    )


def assign_comments(ctx: Context, map_id: int, dataset: str, touchpoint: str) -> int:
    """Give ``touchpoint`` (an id of the map) to the comments of ``dataset`` about map ``map_id`` that have
    no touchpoint; how many were given it."""
    from safar.voice.assign import assign_touchpoint

    journey = ctx.workspace.get_map(map_id).document
    if journey.stage_of(touchpoint) is None:
        raise InputError("edit.unknown_touchpoint", touchpoint=touchpoint)
    ctx.workspace.require_dataset(dataset)
    if not ctx.has_warehouse():
        return 0
    with ctx.warehouse() as warehouse:
        return assign_touchpoint(warehouse, map_id, dataset, touchpoint)


def unassigned_comments(ctx: Context, map_id: int) -> dict[str, int]:
    """Dataset → how many of its comments about map ``map_id`` have no touchpoint (a survey's comments about
    the whole journey are meant so, and left out)."""
    from safar.surveys import Surveys
    from safar.voice.assign import unassigned_counts
    from safar.voice.responses import dataset_of

    if not ctx.has_warehouse():
        return {}
    surveys = [dataset_of(s.id) for s in Surveys(ctx.workspace).list(map_id)]
    with ctx.warehouse() as warehouse:
        return unassigned_counts(warehouse, map_id, leave_out=surveys)
