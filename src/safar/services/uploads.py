"""Event files brought in through the web app (بارگذاری رویدادها): kept on disk while a person looks at them
and maps their columns, then imported as a job whose progress the page follows.

1. :func:`keep_upload` streams the sent file to ``SAFAR_HOME/uploads`` (refused over :data:`MAX_UPLOAD`,
   never held in memory) under a random token.
2. :func:`upload_screen` is the mapping step: the first rows as they will be read, the column each role would
   take, the encoding, sheet, calendar and time zone, and the times of the first rows read that way
   (:func:`safar.events.preview.preview_file`). The person confirms or changes them.
3. :func:`ImportJobs.start` imports it with :func:`safar.services.ingestion.ingest_events` (the same as
   ``safar events ingest`` and the API: re-importing a file is idempotent, importing into an existing dataset
   appends) on a background thread; :func:`ImportJobs.status` says how far it got, then read / loaded /
   duplicates / rejected, or what went wrong and what to do. The kept file is removed once imported.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import shutil
import threading
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from safar.errors import InputError, NotFoundError, SafarError
from safar.events.ingest import FORMATS, detect_format
from safar.events.preview import ROLES, preview_file
from safar.i18n import translate

if TYPE_CHECKING:
    from safar.config import Settings
    from safar.context import Context
    from safar.events.stage import Progress
    from safar.services.ingestion import EventIngest

MAX_UPLOAD = 512 * 1024 * 1024
KEEP_HOURS = 24  # an upload nobody imported is removed after this
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
DATASET = re.compile(r"^[\w.-]{1,200}$")


class FilePreviewOut(BaseModel):
    """A file's first rows and how they would be read: the mapping step's, and ``safar events preview``'s."""

    format: str
    columns: list[str]
    rows: list[list[str]] = Field(description="The first rows, as text, as they will be read.")
    roles: dict[str, str | None] = Field(description="Role → the column it takes (None: none).")
    fixed: bool = Field(description="The format names its own roles (XES): nothing to choose.")
    attributes: list[str] = Field(description="The columns no role takes, kept with each event.")
    encoding: str | None
    sheets: list[str]
    sheet: str | None
    calendar: str = Field(description="The calendar asked for: auto, jalali or gregorian.")
    read_calendar: str | None = Field(description="How the first rows' dates read.")
    tz: str
    time_format: str | None = Field(default=None, description="The times' layout given (strftime), if any.")
    times: list[dt.datetime | None] = Field(description="Each shown row's time (UTC), as it will be read.")
    time_problem: str | None = Field(
        description="Why the time column cannot be read so, in the reader's language."
    )


class UploadScreen(FilePreviewOut):
    """The mapping step of one kept upload."""

    token: str
    name: str = Field(description="The file's name as it was sent.")
    size: int = Field(description="Bytes.")
    datasets: list[str] = Field(description="The workspace's datasets (importing into one appends to it).")
    suggested: str = Field(description="A dataset name made from the file's name.")


class ImportJobOut(BaseModel):
    """How an import started from the web app is going, then how it went."""

    id: str
    dataset: str
    source: str
    state: Literal["running", "done", "failed"]
    fraction: float | None = Field(description="Share of the file read so far (0–1), while running.")
    started_at: dt.datetime
    finished_at: dt.datetime | None
    read: int | None = None
    loaded: int | None = None
    duplicates: int | None = None
    rejected: int | None = None
    alerts_fired: int | None = None
    columns: dict[str, str] = Field(default_factory=dict)
    reading: dict[str, str] = Field(default_factory=dict)
    problem: str | None = Field(
        default=None, description="What went wrong and what to do, in the reader's language."
    )
    upload: str | None = Field(default=None, description="The kept upload to map again, after a failure.")


# 1. Keep ----------------------------------------------------------------------------------------------------


def uploads_folder(settings: Settings) -> Path:
    return settings.home / "uploads"


async def keep_upload(settings: Settings, workspace: str, name: str, chunks: AsyncIterator[bytes]) -> str:
    """Stream ``chunks`` to disk as the upload ``name`` of ``workspace``; its token."""
    sent = Path(name).name.strip()
    if not sent:
        raise InputError("upload.no_file")
    try:
        detect_format(Path(sent))
    except InputError:
        raise InputError("events.unknown_format", path=sent, formats=list(FORMATS)) from None
    _clear_old(settings)
    token = secrets.token_urlsafe(18)
    folder = uploads_folder(settings) / token
    folder.mkdir(parents=True)
    path = folder / ("upload" + _suffix(sent))  # never the sent name as a path
    try:
        size = await write_limited(chunks, path)
        if size == 0:
            raise InputError("upload.empty", name=sent)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    meta = {"workspace": workspace, "name": sent, "size": size, "kept_at": time.time()}
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return token


async def write_limited(chunks: AsyncIterator[bytes], path: Path, limit: int = MAX_UPLOAD) -> int:
    """Stream ``chunks`` into ``path``; its size, or ``upload.too_large`` as soon as it passes ``limit``."""
    size = 0
    with path.open("wb") as out:
        async for chunk in chunks:
            size += len(chunk)
            if size > limit:
                raise InputError("upload.too_large", size_mb=round(size / 2**20, 1), limit_mb=limit // 2**20)
            out.write(chunk)
    return size


@dataclass(frozen=True)
class Kept:
    token: str
    path: Path
    name: str
    size: int


def kept(settings: Settings, workspace: str, token: str) -> Kept:
    """The kept upload ``token`` of ``workspace`` (another workspace's, or one gone, is not found)."""
    folder = uploads_folder(settings) / token
    meta_path = folder / "meta.json"
    if not _TOKEN.match(token) or not meta_path.is_file():
        raise NotFoundError("upload.not_found")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("workspace") != workspace:
        raise NotFoundError("upload.not_found")
    path = next(p for p in folder.iterdir() if p.name.startswith("upload"))
    return Kept(token, path, str(meta["name"]), int(meta["size"]))


def forget_upload(settings: Settings, token: str) -> None:
    if _TOKEN.match(token):
        shutil.rmtree(uploads_folder(settings) / token, ignore_errors=True)


def _suffix(name: str) -> str:
    """The kept file's suffix: the sent name's, both parts of a gzipped one (``.csv.gz``)."""
    lowered = Path(name.lower())
    if lowered.suffix == ".gz":
        return Path(lowered.stem).suffix[:8] + ".gz"
    return lowered.suffix[:8]


def _clear_old(settings: Settings) -> None:
    folder = uploads_folder(settings)
    if not folder.is_dir():
        return
    cutoff = time.time() - KEEP_HOURS * 3600
    for old in folder.iterdir():
        try:
            if old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue


# 2. Map -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """What the person chose on the mapping step (``None``: the proposal)."""

    columns: dict[str, str | None] = field(default_factory=dict)  # role → column; "" for none
    encoding: str | None = None
    sheet: str | None = None
    calendar: str = "auto"
    tz: str | None = None
    time_format: str | None = None

    def given(self) -> dict[str, str | None]:
        return {role: self.columns.get(role) for role in ROLES}


def upload_screen(ctx: Context, token: str, reading: Reading | None = None) -> UploadScreen:
    """The mapping step of the kept upload ``token``: what it holds and how it would be read."""
    upload = kept(ctx.settings, ctx.workspace.slug, token)
    seen = preview_screen(ctx, upload.path, reading, name=upload.name)
    return UploadScreen(
        **dict(seen),
        token=token,
        name=upload.name,
        size=upload.size,
        datasets=ctx.workspace.datasets(),
        suggested=suggest_name(upload.name),
    )


def preview_screen(
    ctx: Context, path: Path, reading: Reading | None = None, *, name: str | None = None
) -> FilePreviewOut:
    """The first rows of the event file ``path`` read as ``reading`` says (the rest as proposed), with the
    column each role would take; ``name`` is what the file is called in a message (the sent name of an
    upload, not the path it is kept at)."""
    from safar.services.ingestion import zone_of

    reading = reading or Reading()
    tz = reading.tz or zone_of(ctx.workspace)
    try:
        seen = preview_file(
            path,
            encoding=reading.encoding,
            sheet=reading.sheet,
            given=reading.given(),
            tz=tz,
            calendar=reading.calendar,
            time_format=reading.time_format,
        )
    except SafarError as err:
        if name is None:
            raise
        raise err.renamed(str(path), name) from err.__cause__
    problem = None
    if seen.time_problem is not None:
        problem = translate(seen.time_problem, ctx.lang, **seen.time_values)
    return FilePreviewOut(
        format=seen.format,
        columns=seen.columns,
        rows=seen.rows,
        roles={role: seen.roles.get(role) for role in ROLES} if not seen.fixed else dict(seen.roles),
        fixed=seen.fixed,
        attributes=seen.attributes,
        encoding=seen.encoding,
        sheets=seen.sheets,
        sheet=seen.sheet,
        calendar=reading.calendar,
        read_calendar=seen.calendar,
        tz=tz,
        time_format=reading.time_format,
        times=[None if t is None else t.replace(tzinfo=dt.UTC) for t in seen.times],
        time_problem=problem,
    )


def suggest_name(name: str) -> str:
    """A dataset name from a file name: its stem, with what a dataset name cannot hold made ``-``.

    >>> suggest_name("Claims export 1402.csv"), suggest_name("داده.xlsx"), suggest_name("log.xes.gz")
    ('Claims-export-1402', 'داده', 'log')
    """
    stem = name
    for suffix in (
        ".gz",
        *[
            s
            for s in (
                ".xes",
                ".csv",
                ".tsv",
                ".txt",
                ".xlsx",
                ".xlsm",
                ".parquet",
                ".pq",
                ".jsonl",
                ".ndjson",
                ".json",
            )
        ],
    ):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    cleaned = re.sub(r"[^\w.-]+", "-", stem).strip("-.")[:200]
    return cleaned or "events"


# 3. Import --------------------------------------------------------------------------------------------------


@dataclass
class _Job:
    id: str
    workspace: str
    dataset: str
    source: str
    upload: str
    started_at: dt.datetime
    total: int
    done: int = 0
    state: Literal["running", "done", "failed"] = "running"
    finished_at: dt.datetime | None = None
    outcome: dict[str, object] | None = None
    error: SafarError | None = None


class ImportJobs:
    """The web app's imports, one at a time (the warehouse takes one writer), each followed by its page."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="safar-import")
        self._jobs: dict[str, _Job] = {}
        self._lock = threading.Lock()

    def start(
        self, ctx: Context, token: str, dataset: str, reading: Reading, *, corrects: str | None = None
    ) -> str:
        """Begin importing the kept upload ``token`` into ``dataset``; the job's id.

        ``corrects``: the file of ``dataset`` whose rejected rows this upload corrects; it is imported under
        that file's name, so that file's quarantine is replaced by what is still wrong.
        """
        if corrects is not None:
            from safar.services.datasets import rejected_screen

            if corrects not in rejected_screen(ctx, dataset, limit=0).sources:
                raise NotFoundError("dataset.no_rejected_rows", dataset=dataset, source=corrects)
        from safar.services.ingestion import ingest_events

        if not DATASET.match(dataset):
            raise InputError("events.bad_dataset", dataset=dataset)
        upload = kept(ctx.settings, ctx.workspace.slug, token)
        ctx.workspace.claim_dataset(dataset)  # another workspace's name is refused before anything runs
        workspace = ctx.workspace

        def work(progress: Progress) -> EventIngest:
            try:
                result = ingest_events(
                    workspace,
                    upload.path,
                    dataset=dataset,
                    customer_col=reading.columns.get("customer") or None,
                    time_col=reading.columns.get("time") or None,
                    activity_col=reading.columns.get("activity") or None,
                    channel_col=reading.columns.get("channel"),
                    id_col=reading.columns.get("id"),
                    reply_to_col=reading.columns.get("reply_to") or None,
                    inbound_col=reading.columns.get("inbound") or None,
                    tz=reading.tz,
                    encoding=reading.encoding,
                    calendar=reading.calendar,
                    time_format=reading.time_format,
                    sheet=reading.sheet,
                    progress=progress,
                    source_name=corrects or upload.name,
                )
            except SafarError as err:
                raise err.renamed(str(upload.path), upload.name) from err.__cause__
            forget_upload(workspace.settings, token)
            return result

        return self.run(ctx, dataset=dataset, source=upload.name, work=work, total=upload.size, upload=token)

    def run(
        self,
        ctx: Context,
        *,
        dataset: str,
        source: str,
        work: Callable[[Progress], EventIngest],
        total: int = 0,
        upload: str = "",
    ) -> str:
        """Run ``work`` (an ingestion into ``dataset`` that reports its progress) as a job; the job's id.
        ``upload`` is the kept upload to map again should it fail (none for a database source)."""
        job = _Job(
            id=secrets.token_urlsafe(12),
            workspace=ctx.workspace.slug,
            dataset=dataset,
            source=source,
            upload=upload,
            started_at=dt.datetime.now(dt.UTC),
            total=total,
        )

        def progress(done: int, total: int | None) -> None:
            job.done = done
            if total:
                job.total = total

        def run() -> None:
            try:
                result = work(progress)
            except SafarError as err:
                job.error = err
                job.state = "failed"
            except Exception as exc:
                job.error = SafarError("upload.failed", detail=f"{type(exc).__name__}: {exc}"[:300])
                job.state = "failed"
            else:
                job.outcome = {**result.report.summary(), "alerts_fired": len(result.fired)}
                job.outcome["columns"] = result.report.columns
                job.outcome["reading"] = result.report.reading
                job.state = "done"
            finally:
                job.finished_at = dt.datetime.now(dt.UTC)

        with self._lock:
            self._jobs[job.id] = job
        self._pool.submit(run)
        return job.id

    def status(self, ctx: Context, job_id: str) -> ImportJobOut:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None or job.workspace != ctx.workspace.slug:
            raise NotFoundError("upload.job_not_found")
        out = ImportJobOut(
            id=job.id,
            dataset=job.dataset,
            source=job.source,
            state=job.state,
            fraction=min(job.done / job.total, 1.0) if job.total and job.state == "running" else None,
            started_at=job.started_at,
            finished_at=job.finished_at,
        )
        if job.outcome is not None:
            found = job.outcome
            out.read, out.loaded, out.duplicates, out.rejected, out.alerts_fired = (
                int(found[k])  # type: ignore[call-overload]
                for k in ("read", "loaded", "duplicates", "rejected", "alerts_fired")
            )
            out.columns = dict(found["columns"])  # type: ignore[call-overload]
            out.reading = dict(found["reading"])  # type: ignore[call-overload]
        if job.error is not None:
            out.problem = _problem(job.error, job.source, ctx.lang)
            out.upload = job.upload or None
        return out

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _problem(error: SafarError, name: str, lang: str) -> str:
    """What went wrong, said for the web app: a column Safar could not find is chosen on the mapping step,
    not named with a command-line option."""
    if error.code == "events.no_column":
        columns = "، ".join if lang == "fa" else ", ".join
        return translate(
            "upload.no_column",
            lang,
            name=name,
            role=translate(f"column_role.{error.details['role']}", lang),
            columns=columns(f"`{c}`" for c in error.details.get("columns", [])),
        )
    return error.message_for(lang)
