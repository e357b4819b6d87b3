"""Bringing a comments file in for a map from the browser: send it, map its columns, import, then give the
comments without a touchpoint one.

Pages: ``/w/{ws}/maps/{map_id}/comments/upload`` (the file), ``…/comments/upload/{upload}`` (the mapping
step; showing it again with other choices is a GET, importing a POST), ``/w/{ws}/maps/{map_id}/comment-sets/
{dataset}`` (the import's accounting and the comments without a touchpoint, with a form to assign them).
API twin: ``POST /api/v1/workspaces/{ws}/maps/{map_id}/comment-sets/{dataset}`` with the file as the body.
All call :mod:`safar.services.comment_uploads`.
"""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator, Mapping
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile
from starlette.requests import Request

from safar.accounts import Role
from safar.errors import InputError
from safar.i18n.numbers import format_datetime
from safar.services.comment_uploads import (
    LANGS,
    ROLES,
    CommentChoice,
    CommentsImportOut,
    assign_comments,
    bring_in_comments,
    check_comments_file,
    comment_set_screen,
    comments_screen,
    import_comments,
)
from safar.services.uploads import MAX_UPLOAD, keep_upload, write_limited
from safar.web import limits
from safar.web.api import ERRORS, MapId
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import lang_of, screen_context, workspace_access
from safar.web.forms import read_form
from safar.web.render import render
from safar.web.security import check_csrf
from safar.web.threads import run_long
from safar.web.uploads import CALENDARS, CHUNK

router = APIRouter()
DatasetName = Annotated[str, Path(pattern=r"^[\w.-]{1,200}$")]
Column = Annotated[str | None, Query(max_length=200)]


def _base(ws: str, map_id: int) -> str:
    return f"/w/{quote(ws)}/maps/{map_id}"


@router.get("/w/{ws}/maps/{map_id}/comments/upload", include_in_schema=False)
def upload_page(request: Request, ws: str, map_id: int) -> Response:
    access = workspace_access(request, ws, Role.EDITOR)
    stored = access.workspace.get_map(map_id)
    context = {"ws": ws, "map_id": map_id, "journey": stored.document, "limit_mb": MAX_UPLOAD // 2**20}
    return render(request, "comments_upload.html", context)


@router.post("/w/{ws}/maps/{map_id}/comments/upload", include_in_schema=False, max_body_size=limits.DATA_FILE)
async def upload_file(request: Request, ws: str, map_id: int) -> Response:
    access = workspace_access(request, ws, Role.EDITOR)  # who asks, before a byte of the file is read
    async with request.form(max_files=1) as form:
        check_csrf(request, str(form.get("csrf") or "") or None)
        access.workspace.get_map(map_id)
        sent = form.get("file")
        if not isinstance(sent, UploadFile) or not sent.filename:
            raise InputError("upload.no_file")
        check_comments_file(sent.filename)
        token = await keep_upload(access.workspace.settings, ws, sent.filename, _chunks(sent))
    return RedirectResponse(f"{_base(ws, map_id)}/comments/upload/{token}", status_code=303)


async def _chunks(sent: UploadFile) -> AsyncIterator[bytes]:
    while chunk := await sent.read(CHUNK):
        yield chunk


@router.get("/w/{ws}/maps/{map_id}/comments/upload/{upload}", include_in_schema=False)
def mapping_page(request: Request, ws: str, map_id: int, upload: str) -> Response:
    access = workspace_access(request, ws, Role.EDITOR)
    query = request.query_params
    screen = comments_screen(screen_context(request, access), map_id, upload, _choice(query))
    lang = lang_of(request)
    times = [None if t is None else format_datetime(t, lang, screen.tz) for t in screen.times]
    dataset = (query.get("dataset") or "").strip() or screen.suggested
    context = {
        "ws": ws,
        "screen": screen,
        "times": times,
        "dataset": dataset,
        "calendars": CALENDARS,
        "langs": LANGS,
    }
    return render(request, "comments_mapping.html", context)


@router.post("/w/{ws}/maps/{map_id}/comments/upload/{upload}", include_in_schema=False)
async def start_import(request: Request, ws: str, map_id: int, upload: str) -> Response:
    form = await read_form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    dataset = str(form.get("dataset") or "").strip()
    ctx = screen_context(request, access)
    await run_long(import_comments, ctx, map_id, upload, dataset, _choice(form))
    return RedirectResponse(f"{_base(ws, map_id)}/comment-sets/{quote(dataset)}", status_code=303)


@router.get("/w/{ws}/maps/{map_id}/comment-sets/{dataset}", include_in_schema=False)
def comment_set_page(request: Request, ws: str, map_id: int, dataset: DatasetName) -> Response:
    access = workspace_access(request, ws)
    screen = comment_set_screen(screen_context(request, access), map_id, dataset)
    assigned = request.query_params.get("assigned")
    context = {
        "ws": ws,
        "screen": screen,
        "can_edit": access.role.can_edit,
        "assigned": int(assigned) if assigned and assigned.isdecimal() else None,
    }
    return render(request, "comment_set.html", context)


@router.post("/w/{ws}/maps/{map_id}/comment-sets/{dataset}/assign", include_in_schema=False)
async def assign_post(request: Request, ws: str, map_id: int, dataset: DatasetName) -> Response:
    form = await read_form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    touchpoint = str(form.get("touchpoint") or "").strip()
    given = await run_long(assign_comments, screen_context(request, access), map_id, dataset, touchpoint)
    return RedirectResponse(
        f"{_base(ws, map_id)}/comment-sets/{quote(dataset)}?assigned={given}", status_code=303
    )


@router.post(
    "/api/v1/workspaces/{ws}/maps/{map_id}/comment-sets/{dataset}",
    response_model=CommentsImportOut,
    responses=ERRORS,
    tags=["ingestion"],
    max_body_size=limits.DATA_FILE,  # a comments file, as the page's upload takes (not the 1 MB of a form)
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def import_api(
    request: Request,
    ws: WorkspaceSlug,
    map_id: MapId,
    dataset: DatasetName,
    format: Annotated[Literal["csv", "xlsx", "jsonl", "parquet"], Query()] = "csv",
    text_col: Column = None,
    time_col: Column = None,
    customer_col: Column = None,
    channel_col: Column = None,
    touchpoint_col: Column = None,
    touchpoint: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    lang: Annotated[Literal["auto", "fa", "en"], Query()] = "auto",
    tz: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    calendar: Annotated[Literal["auto", "jalali", "gregorian"], Query()] = "auto",
    encoding: Annotated[str | None, Query(min_length=1, max_length=40)] = None,
    sheet: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
) -> CommentsImportOut:
    """Import the comments file sent as the body into ``dataset`` for the map, scored for sentiment, as the
    voice page's upload does: each column named or found by its name (``""``: the file has none), or one
    ``touchpoint`` (an id of the map) for every comment. The answer says how many of the dataset's comments
    have no touchpoint."""
    access = workspace_access(request, ws, Role.EDITOR)
    if not getattr(request.state, "token_auth", False):
        check_csrf(request, None)
    access.workspace.get_map(map_id)
    named = {
        "text": text_col,
        "time": time_col,
        "customer": customer_col,
        "channel": channel_col,
        "touchpoint": touchpoint_col,
    }
    choice = CommentChoice(
        columns={role: column for role, column in named.items() if column is not None},
        touchpoint=touchpoint,
        lang=lang,
        encoding=encoding,
        sheet=sheet,
        calendar=calendar,
        tz=tz,
    )
    suffix = {"csv": ".csv", "xlsx": ".xlsx", "jsonl": ".jsonl", "parquet": ".parquet"}[format]
    with tempfile.TemporaryDirectory() as folder:
        path = FilePath(folder) / f"comments{suffix}"
        if await write_limited(request.stream(), path) == 0:
            raise InputError("api.empty_body")
        ctx = screen_context(request, access)
        return await run_long(
            bring_in_comments, ctx, map_id, path, dataset, choice, source=f"{dataset}{suffix}"
        )


def _choice(values: Mapping[str, Any]) -> CommentChoice:
    """The person's choices on the mapping step; a blank select is the proposal."""
    get = values.get

    def text(key: str) -> str | None:
        value = str(get(key) or "").strip()
        return value or None

    calendar = text("calendar") or "auto"
    if calendar not in CALENDARS:
        raise InputError("time.bad_calendar", calendar=calendar, allowed=list(CALENDARS))
    lang = text("lang") or "auto"
    if lang not in LANGS:
        raise InputError("voice.bad_lang", value=lang, allowed=list(LANGS))
    columns: dict[str, str] = {}
    for role in ROLES:
        chosen = get(f"col_{role}")
        if chosen is None or chosen == "*":
            continue
        columns[role] = str(chosen)
    touchpoint = text("touchpoint")
    return CommentChoice(
        columns=columns,
        touchpoint=touchpoint,
        lang=lang,
        encoding=text("encoding"),
        sheet=text("sheet"),
        calendar=calendar,
        tz=text("tz"),
    )
