"""The knowledge-base page (``/w/{ws}/knowledge-base``): import articles or chatbot intents (CSV, Excel, JSON,
Markdown), list them, and for a map the customer questions no article answers, grouped and ranked, and the
articles nobody needs; and their JSON twins under ``/api/v1``. Everything comes from :mod:`safar.services.kb`."""

from __future__ import annotations

import tempfile
from pathlib import Path as FilePath
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile
from starlette.requests import Request

from safar.accounts import Role
from safar.errors import InputError
from safar.i18n.numbers import format_datetime
from safar.services import kb as service
from safar.services.kb import ArticleOut, GapsOut
from safar.voice.lang import detect_lang
from safar.web import limits
from safar.web.api import ERRORS, MapId
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import api_access, lang_of, screen_context, workspace_access
from safar.web.forms import editor_form, refuse_nul_in_form
from safar.web.render import render
from safar.web.security import check_csrf
from safar.web.threads import run_long

router = APIRouter()
MAX_FILE = 20 * 1024 * 1024
KINDS = (".csv", ".xlsx", ".json", ".md", ".markdown")
ArticleKey = Annotated[str, Path(min_length=1, max_length=100)]


DatasetName = Annotated[str, Path(pattern=r"^[\w.-]{1,200}$")]
Text = Annotated[str | None, Query(max_length=200)]


@router.get("/w/{ws}/knowledge-base", include_in_schema=False)
def kb_page(
    request: Request,
    ws: str,
    map: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
    dataset: Annotated[str | None, Query(pattern=r"^[\w.-]{0,200}$")] = None,
    text_col: Text = None,
    activity: Text = None,
) -> Response:
    """The articles, and the questions no article answers: a map's (``map``) or a dataset's (``dataset``: its
    comments, or its events' ``text_col`` attribute, of ``activity`` only when given)."""
    from datetime import datetime

    access = workspace_access(request, ws)
    ctx = screen_context(request, access)
    lang = lang_of(request)
    maps = access.workspace.list_maps()
    dataset = dataset or None
    chosen = None if dataset else map or (maps[0].id if maps else None)
    found = service.articles(ctx)
    gaps = None
    if found and dataset:
        gaps = service.gaps_for_dataset(ctx, dataset, text_col=text_col or None, activity=activity or None)
    elif found and chosen:
        gaps = service.gaps_for_map(ctx, chosen)
    return render(
        request,
        "knowledge_base.html",
        {
            "ws": ws,
            "articles": found,
            "maps": maps,
            "chosen": chosen,
            "datasets": access.workspace.datasets(),
            "dataset": dataset,
            "text_col": text_col or "",
            "activity": activity or "",
            "gaps": gaps,
            "imported": request.query_params.get("imported"),
            "lang_of_text": detect_lang,
            "stamp": lambda text: format_datetime(datetime.fromisoformat(text), lang) if text else "—",
            "can_edit": access.role.can_edit,
        },
    )


async def _upload(request: Request, ws: str) -> tuple[service.ImportOut, str]:
    workspace_access(request, ws, Role.EDITOR)  # who asks, before a byte of the file is read
    form = await request.form(max_files=1, max_fields=20)
    try:
        check_csrf(request, str(form.get("csrf") or "") or None)
        await refuse_nul_in_form(request, form)
        access = workspace_access(request, ws, Role.EDITOR)
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InputError("file.not_found", source="(no file chosen)")
        name = FilePath(upload.filename).name
        suffix = FilePath(name).suffix.lower()
        if suffix not in KINDS:
            raise InputError("kb.bad_kind", source=name)
        raw = await upload.read(MAX_FILE + 1)
        columns = {k: (str(form.get(f"{k}_col") or "").strip() or None) for k in ("title", "body", "tags")}
    finally:
        await form.close()
    if len(raw) > MAX_FILE:
        raise InputError("upload.too_large", size_mb=round(len(raw) / 2**20, 1), limit_mb=MAX_FILE // 2**20)
    with tempfile.TemporaryDirectory() as folder:
        path = FilePath(folder) / f"articles{suffix}"
        path.write_bytes(raw)
        done = await run_long(
            service.import_file, screen_context(request, access), path, columns=columns, source=name,
            actor=access.user.username,
        )  # fmt: skip
    return done, name


@router.post("/w/{ws}/knowledge-base/import", include_in_schema=False, max_body_size=MAX_FILE + limits.FORM)
async def import_form(request: Request, ws: str) -> Response:
    done, _ = await _upload(request, ws)
    return render(request, "knowledge_base_import.html", {"ws": ws, "done": done})


@router.post("/w/{ws}/knowledge-base/{key}/remove", include_in_schema=False)
async def remove_form(request: Request, ws: str, key: ArticleKey) -> Response:
    _, access = await editor_form(request, ws)
    await run_long(service.remove_article, screen_context(request, access), key)
    return RedirectResponse(f"/w/{quote(ws)}/knowledge-base#articles", status_code=303)


# API ----------------------------------------------------------------------------------------------

API = "/api/v1/workspaces/{ws}"


@router.get(API + "/kb/articles", response_model=list[ArticleOut], responses=ERRORS, tags=["knowledge base"])
def articles_api(request: Request, ws: WorkspaceSlug) -> list[ArticleOut]:
    return service.articles(screen_context(request, api_access(request, ws)))


@router.delete(API + "/kb/articles/{key}", status_code=204, responses=ERRORS, tags=["knowledge base"])
def remove_api(request: Request, ws: WorkspaceSlug, key: ArticleKey) -> Response:
    service.remove_article(screen_context(request, api_access(request, ws, Role.EDITOR)), key)
    return Response(status_code=204)


@router.get(API + "/maps/{map_id}/kb-gaps", response_model=GapsOut, responses=ERRORS, tags=["knowledge base"])
def gaps_api(request: Request, ws: WorkspaceSlug, map_id: MapId) -> GapsOut:
    return service.gaps_for_map(screen_context(request, api_access(request, ws)), map_id)


@router.get(
    API + "/datasets/{dataset}/kb-gaps", response_model=GapsOut, responses=ERRORS, tags=["knowledge base"]
)
def dataset_gaps_api(
    request: Request, ws: WorkspaceSlug, dataset: DatasetName, text_col: Text = None, activity: Text = None
) -> GapsOut:
    """A dataset's questions no article answers: its comments, or its events' ``text_col`` attribute (of
    ``activity`` only when given)."""
    ctx = screen_context(request, api_access(request, ws))
    return service.gaps_for_dataset(ctx, dataset, text_col=text_col or None, activity=activity or None)
