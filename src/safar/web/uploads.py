"""Bringing an event file in from the browser: send it, map its columns, follow the import, remove a dataset.

Pages: ``/w/{ws}/datasets/upload`` (the file), ``/w/{ws}/datasets/upload/{upload}`` (the mapping step: a
preview with the proposed columns, encoding, sheet, calendar and time zone, each changeable; showing it
again with other choices is a GET, importing a POST), ``/w/{ws}/datasets/imports/{job}`` (progress, then
the accounting and the way to the quarantine), ``/w/{ws}/datasets/{dataset}/remove`` (admins, after typing
the dataset's name). API twins: ``GET /api/v1/workspaces/{ws}/imports/{job}`` (what the progress page
polls) and ``DELETE /api/v1/workspaces/{ws}/datasets/{dataset}``. All call :mod:`safar.services.uploads`
and :mod:`safar.services.datasets`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from safar.accounts import Role
from safar.errors import InputError
from safar.events.preview import ROLES
from safar.i18n.numbers import format_datetime
from safar.services.datasets import RemovedOut, removal_screen, remove_dataset
from safar.services.uploads import (
    MAX_UPLOAD,
    ImportJobOut,
    ImportJobs,
    Reading,
    keep_upload,
    upload_screen,
)
from safar.web import limits
from safar.web.api import ERRORS
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import lang_of, screen_context, workspace_access
from safar.web.forms import read_form
from safar.web.render import render
from safar.web.security import check_csrf
from safar.web.threads import run_long

router = APIRouter()
DatasetName = Annotated[str, Path(pattern=r"^[\w.-]{1,200}$")]
CALENDARS = ("auto", "jalali", "gregorian")
CHUNK = 1 << 20


def _jobs(request: Request) -> ImportJobs:
    app = request.app
    if not hasattr(app.state, "imports"):
        app.state.imports = ImportJobs()
    return app.state.imports  # type: ignore[no-any-return]


@router.get("/w/{ws}/datasets/upload", include_in_schema=False)
def upload_page(request: Request, ws: str, dataset: str = "", corrects: str = "") -> Response:
    access = workspace_access(request, ws, Role.EDITOR)
    context = {
        "ws": ws,
        "limit_mb": MAX_UPLOAD // 2**20,
        "datasets": access.workspace.datasets(),
        "dataset": dataset,
        "corrects": corrects,
    }
    return render(request, "upload.html", context)


@router.post("/w/{ws}/datasets/upload", include_in_schema=False, max_body_size=limits.DATA_FILE)
async def upload_file(request: Request, ws: str) -> Response:
    access = workspace_access(request, ws, Role.EDITOR)  # who asks, before a byte of the file is read
    async with request.form(max_files=1) as form:
        check_csrf(request, str(form.get("csrf") or "") or None)
        sent = form.get("file")
        if not isinstance(sent, UploadFile) or not sent.filename:
            raise InputError("upload.no_file")
        token = await keep_upload(access.workspace.settings, ws, sent.filename, _chunks(sent))
    dataset = str(form.get("dataset") or "").strip()
    corrects = str(form.get("corrects") or "").strip()
    chosen = {k: v for k, v in (("dataset", dataset), ("corrects", corrects)) if v}
    query = f"?{urlencode(chosen)}" if chosen else ""
    return RedirectResponse(f"/w/{quote(ws)}/datasets/upload/{token}{query}", status_code=303)


async def _chunks(sent: UploadFile) -> AsyncIterator[bytes]:
    while chunk := await sent.read(CHUNK):
        yield chunk


@router.get("/w/{ws}/datasets/upload/{upload}", include_in_schema=False)
def mapping_page(request: Request, ws: str, upload: str) -> Response:
    access = workspace_access(request, ws, Role.EDITOR)
    query = request.query_params
    reading = _reading({k: query.get(k, "") for k in query})
    screen = upload_screen(screen_context(request, access), upload, reading)
    lang = lang_of(request)
    times = [None if t is None else format_datetime(t, lang, screen.tz) for t in screen.times]
    dataset = (query.get("dataset") or "").strip() or screen.suggested
    context = {
        "ws": ws,
        "screen": screen,
        "times": times,
        "dataset": dataset,
        "calendars": CALENDARS,
        "corrects": (query.get("corrects") or "").strip(),
    }
    return render(request, "mapping.html", context)


@router.post("/w/{ws}/datasets/upload/{upload}", include_in_schema=False)
async def start_import(request: Request, ws: str, upload: str) -> Response:
    form = await read_form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    job = _jobs(request).start(
        screen_context(request, access),
        upload,
        str(form.get("dataset") or "").strip(),
        _reading(form),
        corrects=str(form.get("corrects") or "").strip() or None,
    )
    return RedirectResponse(f"/w/{quote(ws)}/datasets/imports/{job}", status_code=303)


@router.get("/w/{ws}/datasets/imports/{job}", include_in_schema=False)
def import_page(request: Request, ws: str, job: str) -> Response:
    access = workspace_access(request, ws, Role.EDITOR)
    status = _jobs(request).status(screen_context(request, access), job)
    return render(request, "import_job.html", {"ws": ws, "job": status})


@router.get(
    "/api/v1/workspaces/{ws}/imports/{job}", response_model=ImportJobOut, responses=ERRORS, tags=["ingestion"]
)
def import_api(request: Request, ws: WorkspaceSlug, job: str) -> ImportJobOut:
    """How an import started from the web app's upload is going: the share of the file read, then read /
    loaded / duplicates / rejected, or what went wrong."""
    access = workspace_access(request, ws, Role.EDITOR)
    return _jobs(request).status(screen_context(request, access), job)


@router.get("/w/{ws}/datasets/{dataset}/remove", include_in_schema=False)
def remove_page(request: Request, ws: str, dataset: DatasetName) -> Response:
    access = workspace_access(request, ws, Role.ADMIN)
    screen = removal_screen(screen_context(request, access), dataset)
    return render(request, "remove_dataset.html", {"ws": ws, "screen": screen})


@router.post("/w/{ws}/datasets/{dataset}/remove", include_in_schema=False)
async def remove_post(request: Request, ws: str, dataset: DatasetName) -> Response:
    form = await read_form(request)
    access = workspace_access(request, ws, Role.ADMIN)
    if str(form.get("confirm") or "").strip() != dataset:
        raise InputError("dataset.confirm_name", dataset=dataset)
    await run_long(remove_dataset, screen_context(request, access), dataset)  # waits on an ingest
    return RedirectResponse(f"/w/{quote(ws)}/datasets?removed={quote(dataset)}", status_code=303)


@router.delete(
    "/api/v1/workspaces/{ws}/datasets/{dataset}",
    response_model=RemovedOut,
    responses=ERRORS,
    tags=["ingestion"],
)
def remove_api(request: Request, ws: WorkspaceSlug, dataset: DatasetName) -> RemovedOut:
    """Remove a dataset (admins): its events, customers, comments, quarantine and load records; the maps
    that read it then show no data until it is loaded again."""
    access = workspace_access(request, ws, Role.ADMIN)
    if not getattr(request.state, "token_auth", False):
        check_csrf(request, None)
    return remove_dataset(screen_context(request, access), dataset)


def _reading(values: FormData | dict[str, str]) -> Reading:
    """The person's choices on the mapping step; a blank select is the proposal."""

    def text(key: str) -> str | None:
        value = str(values.get(key) or "").strip()
        return value or None

    calendar = text("calendar") or "auto"
    if calendar not in CALENDARS:
        raise InputError("time.bad_calendar", calendar=calendar, allowed=list(CALENDARS))
    columns: dict[str, str | None] = {}
    for role in ROLES:
        chosen = values.get(f"col_{role}")
        if chosen is None or chosen == "*":  # not sent, or "as proposed"
            continue
        columns[role] = str(chosen)  # "" is "no such column" for an optional role
    return Reading(
        columns=columns,
        encoding=text("encoding"),
        sheet=text("sheet"),
        calendar=calendar,
        tz=text("tz"),
        time_format=text("time_format"),
    )
