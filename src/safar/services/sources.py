"""Database sources (منبع‌های پایگاه داده): a dataset fed from a SQL query on PostgreSQL or MySQL/MariaDB.

An administrator adds one (:func:`add_source`: the connection is tried and the first rows read before it is
kept; its URL is stored only sealed with the installation's secret), sees its first rows with the column
each role takes and changes them (:func:`source_screen`, :func:`change_source`), and removes it
(:func:`remove_source`); an editor pulls it (:func:`pull_source`, as a job from the web app), and the server
pulls each source with a schedule when it is due (:func:`pull_due`). A pull runs the query into a Parquet
file and imports it with :func:`safar.services.ingestion.ingest_events`, exactly as a file: rows already
loaded count as duplicates, a rejected row goes to the quarantine (the source's earlier quarantine replaced).
Each act of a person is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from safar.errors import InputError, NotFoundError, SafarError
from safar.events.preview import ROLES, preview_file
from safar.keys import installation_secret
from safar.services.uploads import DATASET, FilePreviewOut, Reading, preview_screen
from safar.sources import SourceUrl, open_sealed, pull_rows, seal, source_url
from safar.store import sources as store
from safar.store.sources import Audit, KeptSource

if TYPE_CHECKING:
    from safar.accounts import Actor
    from safar.context import Context
    from safar.events.stage import Progress
    from safar.services.ingestion import EventIngest
    from safar.services.uploads import ImportJobs
    from safar.workspace import Workspace

log = logging.getLogger("safar.sources")
PREVIEW_ROWS = 10
CALENDARS = ("auto", "jalali", "gregorian")
MIN_EVERY, MAX_EVERY = 5, 7 * 24 * 60  # minutes between scheduled pulls


class SourceIn(BaseModel):
    """A new database source: its connection (a URL, or host, port, database, user and password), its query,
    the dataset it feeds and how often it is pulled."""

    kind: Literal["postgres", "mysql"] = Field(description="postgres, or mysql (MariaDB too).")
    url: str | None = Field(default=None, max_length=2000, description="postgresql://… or mysql://…")
    host: str | None = Field(default=None, max_length=255)
    port: int | None = Field(default=None, ge=1, le=65535)
    database: str | None = Field(default=None, max_length=255)
    user: str | None = Field(default=None, max_length=255)
    password: str | None = Field(default=None, max_length=1000)
    query: str = Field(min_length=1, max_length=20000)
    dataset: str = Field(pattern=r"^[\w.-]{1,200}$")
    every_minutes: int | None = Field(
        default=None, ge=MIN_EVERY, le=MAX_EVERY, description="Minutes between pulls; none: on demand only."
    )
    check: bool = Field(default=True, description="Connect and read the first rows before keeping it.")


class SourceChange(BaseModel):
    """What an administrator may change of a source: the columns, the reading of times, the query, the schedule."""

    columns: dict[str, str | None] = Field(
        default_factory=dict, description="Role → column; '' none; absent: proposed."
    )
    tz: str | None = Field(default=None, max_length=64)
    calendar: Literal["auto", "jalali", "gregorian"] = "auto"
    query: str | None = Field(default=None, min_length=1, max_length=20000)
    every_minutes: int | None = Field(default=None, ge=MIN_EVERY, le=MAX_EVERY)


class PullOut(BaseModel):
    """How a source's pull went."""

    state: Literal["done", "failed"]
    at: dt.datetime = Field(description="When it ended (UTC).")
    read: int | None = None
    loaded: int | None = None
    duplicates: int | None = None
    rejected: int | None = None
    alerts_fired: int | None = None
    code: str | None = Field(default=None, description="The error's code, when it failed.")
    problem: str | None = Field(default=None, description="What went wrong, in the reader's language.")


class SourceOut(BaseModel):
    id: int
    dataset: str
    kind: str
    shown: str = Field(description="The connection without its password.")
    where: str = Field(description="host/database.")
    query: str
    columns: dict[str, str | None]
    tz: str | None
    calendar: str
    every_minutes: int | None
    created_by: str
    created_at: dt.datetime
    last_pull: PullOut | None
    next_pull_at: dt.datetime | None = Field(
        description="When the schedule pulls it next (UTC); none: on demand."
    )


class SourcesScreen(BaseModel):
    sources: list[SourceOut]
    datasets: list[str] = Field(description="The workspace's datasets (a source may feed one of them).")


class SourceScreen(BaseModel):
    """One source: what it is, its first rows as the import reads them, or why they cannot be read now."""

    source: SourceOut
    preview: FilePreviewOut | None
    problem: str | None = Field(
        description="Why the first rows cannot be read now, in the reader's language."
    )


# Reading ------------------------------------------------------------------------------------------------------


def list_sources(ctx: Context) -> SourcesScreen:
    kept = store.list_sources(ctx.engine, ctx.workspace.workspace_id)
    return SourcesScreen(sources=[_out(k, ctx.lang) for k in kept], datasets=ctx.workspace.datasets())


def get_source(ctx: Context, source_id: int) -> SourceOut:
    return _out(_kept(ctx, source_id), ctx.lang)


def source_screen(ctx: Context, source_id: int, reading: Reading | None = None) -> SourceScreen:
    """The source ``source_id`` and its first rows read as ``reading`` says (by default: as it is kept)."""
    kept = _kept(ctx, source_id)
    reading = reading or _reading(kept)
    preview = problem = None
    try:
        with tempfile.TemporaryDirectory(prefix="safar-source-") as folder:
            path = Path(folder) / "rows.parquet"
            pull_rows(_url(ctx, kept), kept.query, path, limit=PREVIEW_ROWS, label=_label(kept))
            preview = preview_screen(ctx, path, reading, name=_label(kept))
    except SafarError as err:
        problem = err.message_for(ctx.lang)
    return SourceScreen(source=_out(kept, ctx.lang), preview=preview, problem=problem)


# Changing -----------------------------------------------------------------------------------------------------


def add_source(ctx: Context, actor: Actor, new: SourceIn) -> SourceOut:
    """Keep the source ``new`` (its connection tried and its first rows read first, unless ``check`` is off)."""
    found = source_url(
        new.kind,
        url=new.url,
        host=new.host,
        port=new.port,
        database=new.database,
        user=new.user,
        password=new.password,
    )
    if not DATASET.match(new.dataset):
        raise InputError("events.bad_dataset", dataset=new.dataset)
    if new.check:
        with tempfile.TemporaryDirectory(prefix="safar-source-") as folder:
            pull_rows(found, new.query, Path(folder) / "rows.parquet", limit=PREVIEW_ROWS, label=found.shown)
    ctx.workspace.claim_dataset(new.dataset)  # another workspace's name is refused
    kept = store.add_source(
        ctx.engine,
        ctx.workspace.workspace_id,
        _audit(ctx, actor),
        dataset=new.dataset,
        kind=found.kind,
        sealed_url=seal(found.url, _secret(ctx.workspace)),
        shown=found.shown,
        query=new.query.strip(),
        columns={},
        tz=None,
        calendar="auto",
        every_minutes=new.every_minutes,
        created_by=actor.username,
    )
    return _out(kept, ctx.lang)


def change_source(ctx: Context, actor: Actor, source_id: int, change: SourceChange) -> SourceOut:
    """Keep ``change`` as the source's columns, time reading, query and schedule."""
    _kept(ctx, source_id)
    unknown = sorted(set(change.columns) - set(ROLES))
    if unknown:
        raise InputError("source.bad_role", role=unknown[0], allowed=list(ROLES))
    fields: dict[str, Any] = {
        "columns": {role: column for role, column in change.columns.items() if column is not None},
        "tz": change.tz or None,
        "calendar": change.calendar,
        "every_minutes": change.every_minutes,
    }
    if change.query is not None:
        fields["query"] = change.query.strip()
    changed = store.change_source(ctx.engine, source_id, _audit(ctx, actor), **fields)
    if changed is None:
        raise NotFoundError("source.not_found", source=source_id)
    return _out(changed, ctx.lang)


def remove_source(ctx: Context, actor: Actor, source_id: int) -> None:
    """Forget the source (the dataset and what it loaded stay)."""
    _kept(ctx, source_id)
    store.remove_source(ctx.engine, source_id, _audit(ctx, actor))


# Pulling ------------------------------------------------------------------------------------------------------


def pull_source(
    ctx: Context, source_id: int, *, actor: Actor | None = None, progress: Progress | None = None
) -> EventIngest | None:
    """Run the source's query and import its rows into its dataset; the import (``None``: no rows).

    How it went is kept as the source's last pull, an error included (and raised)."""
    kept = _kept(ctx, source_id)
    if actor is not None:
        store.change_source(ctx.engine, kept.id, _audit(ctx, actor), "source.pull")
    return _pull(ctx.workspace, kept, progress)


def start_pull(ctx: Context, actor: Actor, source_id: int, jobs: ImportJobs) -> str:
    """Pull the source as a job of the web app's imports (followed like an upload's); the job's id."""
    kept = _kept(ctx, source_id)
    store.change_source(ctx.engine, kept.id, _audit(ctx, actor), "source.pull")
    workspace = ctx.workspace

    def work(progress: Progress) -> EventIngest:
        done = _pull(workspace, kept, progress)
        if done is None:
            raise InputError("source.no_rows", source=_label(kept))
        return done

    return jobs.run(ctx, dataset=kept.dataset, source=_label(kept), work=work)


def pull_due(engine: Any, settings: Any, now: dt.datetime | None = None) -> int:
    """Pull every workspace's source whose schedule is due; how many were pulled (a failure is kept as the
    source's last pull and does not stop the others)."""
    from safar.workspace import Workspace

    now = now or dt.datetime.now(dt.UTC)
    pulled = 0
    for slug, kept in store.scheduled_sources(engine):
        due = _next_pull(kept)
        if due is not None and due > now:
            continue
        workspace = Workspace(engine, kept.workspace_id, slug, settings)
        try:
            _pull(workspace, kept, None)
        except Exception:  # kept as its last pull (shown on its page); the other sources are still pulled
            log.warning("source %s of workspace %s: pull failed", kept.id, slug, exc_info=True)
        pulled += 1
    return pulled


def _pull(workspace: Workspace, kept: KeptSource, progress: Progress | None) -> EventIngest | None:
    from safar.services.ingestion import ingest_events

    label = _label(kept)
    try:
        with tempfile.TemporaryDirectory(prefix="safar-source-") as folder:
            path = Path(folder) / "rows.parquet"
            count = pull_rows(_url_of(workspace, kept), kept.query, path, label=label)
            if not count:
                _record(
                    workspace, kept, {"state": "done", "read": 0, "loaded": 0, "duplicates": 0, "rejected": 0}
                )
                return None
            try:
                columns = _columns(path, kept)
                done = ingest_events(
                    workspace,
                    path,
                    dataset=kept.dataset,
                    format="parquet",
                    customer_col=columns["customer"] or None,
                    time_col=columns["time"] or None,
                    activity_col=columns["activity"] or None,
                    channel_col=columns["channel"] or "",
                    id_col=columns["id"] or "",
                    reply_to_col=columns["reply_to"] or None,
                    inbound_col=columns["inbound"] or None,
                    tz=kept.tz,
                    calendar=kept.calendar,
                    progress=progress,
                    source_name=label,
                )
            except SafarError as err:
                raise err.renamed(str(path), label) from err.__cause__
    except SafarError as err:
        _record(workspace, kept, {"state": "failed", "code": err.code, "details": err.to_dict()["details"]})
        raise
    except Exception as exc:
        failed = SafarError("source.failed", source=label, detail=f"{type(exc).__name__}: {exc}"[:300])
        _record(
            workspace, kept, {"state": "failed", "code": failed.code, "details": failed.to_dict()["details"]}
        )
        raise failed from exc
    summary = done.report.summary()
    _record(
        workspace,
        kept,
        {"state": "done", **{k: int(summary[k]) for k in ("read", "loaded", "duplicates", "rejected")}}
        | {"alerts_fired": len(done.fired)},
    )
    return done


def _columns(path: Path, kept: KeptSource) -> dict[str, str | None]:
    """The column of each role: the one chosen on the source's page, else the one the mapping step proposes
    for these rows (as an upload's import takes what its mapping step showed)."""
    given = {role: kept.columns.get(role) for role in ROLES}
    proposed = preview_file(path, format="parquet", given=given).roles
    return {role: proposed.get(role) for role in ROLES}


def _record(workspace: Workspace, kept: KeptSource, result: dict[str, Any]) -> None:
    store.change_source(workspace.engine, kept.id, last_pull_at=dt.datetime.now(dt.UTC), last_result=result)


# Helpers ------------------------------------------------------------------------------------------------------


def _kept(ctx: Context, source_id: int) -> KeptSource:
    kept = store.get_source(ctx.engine, ctx.workspace.workspace_id, source_id)
    if kept is None:
        raise NotFoundError("source.not_found", source=source_id)
    return kept


def _secret(workspace: Workspace) -> str:
    return installation_secret(workspace.settings.home, workspace.settings.secret_key)


def _url(ctx: Context, kept: KeptSource) -> SourceUrl:
    return _url_of(ctx.workspace, kept)


def _url_of(workspace: Workspace, kept: KeptSource) -> SourceUrl:
    return source_url(kept.kind, url=open_sealed(kept.sealed_url, _secret(workspace)))


def _label(kept: KeptSource) -> str:
    """How the source's imports and quarantine name it: kind, server and database, and which source."""
    return f"{kept.kind}:{_where(kept)} #{kept.id}"


def _where(kept: KeptSource) -> str:
    """The server and database of the kept (password-less) URL."""
    return kept.shown.split("://", 1)[-1].split("@")[-1].split("?")[0]


def _reading(kept: KeptSource) -> Reading:
    return Reading(columns=dict(kept.columns), calendar=kept.calendar, tz=kept.tz)


def _audit(ctx: Context, actor: Actor) -> Audit:
    return Audit(actor.username, actor.via, ctx.workspace.slug)


def _next_pull(kept: KeptSource) -> dt.datetime | None:
    if kept.every_minutes is None:
        return None
    if kept.last_pull_at is None:
        return kept.created_at
    return kept.last_pull_at + dt.timedelta(minutes=kept.every_minutes)


def _out(kept: KeptSource, lang: str) -> SourceOut:
    last = None
    if kept.last_result is not None and kept.last_pull_at is not None:
        found = dict(kept.last_result)
        problem = None
        if found.get("state") == "failed":
            problem = SafarError(str(found.get("code")), **dict(found.get("details") or {})).message_for(lang)
        last = PullOut(
            state="failed" if found.get("state") == "failed" else "done",
            at=kept.last_pull_at,
            read=found.get("read"),
            loaded=found.get("loaded"),
            duplicates=found.get("duplicates"),
            rejected=found.get("rejected"),
            alerts_fired=found.get("alerts_fired"),
            code=found.get("code"),
            problem=problem,
        )
    return SourceOut(
        id=kept.id,
        dataset=kept.dataset,
        kind=kept.kind,
        shown=kept.shown,
        where=_where(kept),
        query=kept.query,
        columns=dict(kept.columns),
        tz=kept.tz,
        calendar=kept.calendar,
        every_minutes=kept.every_minutes,
        created_by=kept.created_by,
        created_at=kept.created_at,
        last_pull=last,
        next_pull_at=_next_pull(kept),
    )
