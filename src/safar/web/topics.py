"""The topics page (``/w/{ws}/topics``): the workspace's taxonomy (add, accept from a discovery, rename, edit
phrases and keywords, merge, remove), a map's topics with their counts, negative share, touchpoints and what is
rising or new, and the topics discovered in a map's comments; and their JSON twins under ``/api/v1``.
Everything comes from :mod:`safar.services.topics`; viewers read, editors change the taxonomy."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.requests import Request

from safar.accounts import Role
from safar.errors import InputError
from safar.i18n.numbers import format_datetime
from safar.services import topics as service
from safar.services.topics import DiscoveryOut, MapTopicsOut, TopicOut
from safar.voice.lang import detect_lang
from safar.web.api import ERRORS, MapId
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import api_access, lang_of, screen_context, workspace_access
from safar.web.forms import editor_form
from safar.web.render import render
from safar.web.threads import run_long

router = APIRouter()
TopicKey = Annotated[str, Path(min_length=1, max_length=64)]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").replace("،", "\n").splitlines() if line.strip()]


@router.get("/w/{ws}/topics", include_in_schema=False)
def topics_page(
    request: Request,
    ws: str,
    map: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
    discover: bool = False,
    dataset: Annotated[str | None, Query(pattern=r"^[\w.-]{0,200}$")] = None,
    text_col: Annotated[str | None, Query(max_length=200)] = None,
    activity: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """The taxonomy and the map's topics; with ``discover``, the topics found in the map's comments, or in a
    dataset's (its comments, or its events' ``text_col`` attribute of ``activity``)."""
    from datetime import datetime

    access = workspace_access(request, ws)
    ctx = screen_context(request, access)
    lang = lang_of(request)
    maps = access.workspace.list_maps()
    chosen = map or (maps[0].id if maps else None)
    figures = service.topics_on_map(ctx, chosen) if chosen else None
    found = None
    if discover and dataset:
        found = service.discover_dataset(ctx, dataset, text_col=text_col or None, activity=activity or None)
    elif discover and chosen:
        found = service.discover_map(ctx, chosen)
    names: dict[str, str] = {}
    if chosen:
        names = {tp.id: tp.name for tp in access.workspace.get_map(chosen).document.touchpoints()}
    return render(
        request,
        "topics.html",
        {
            "ws": ws,
            "topics": service.taxonomy(ctx),
            "maps": maps,
            "chosen": chosen,
            "figures": figures,
            "found": found,
            "datasets": access.workspace.datasets(),
            "dataset": dataset if found and dataset else None,
            "touchpoint_names": names,
            "lang_of_text": detect_lang,
            "stamp": lambda text: format_datetime(datetime.fromisoformat(text), lang) if text else "—",
            "can_edit": access.role.can_edit,
        },
    )


def _back(ws: str, request_map: str | None = None) -> RedirectResponse:
    suffix = f"?map={request_map}" if request_map and request_map.isdecimal() else ""
    return RedirectResponse(f"/w/{quote(ws)}/topics{suffix}#taxonomy", status_code=303)


@router.post("/w/{ws}/topics", include_in_schema=False)
async def add_form(request: Request, ws: str) -> Response:
    form, access = await editor_form(request, ws)
    await run_long(
        service.add_topic,
        screen_context(request, access),
        name_fa=form.get("name_fa", ""),
        name_en=form.get("name_en", ""),
        phrases=_lines(form.get("phrases", "")),
        keywords=_lines(form.get("keywords", "")),
        actor=access.user.username,
    )
    return _back(ws, form.get("map"))


@router.post("/w/{ws}/topics/{key}/edit", include_in_schema=False)
async def edit_form(request: Request, ws: str, key: TopicKey) -> Response:
    form, access = await editor_form(request, ws)
    await run_long(
        service.change_topic,
        screen_context(request, access),
        key,
        name_fa=form.get("name_fa", ""),
        name_en=form.get("name_en", ""),
        phrases=_lines(form.get("phrases", "")),
        keywords=_lines(form.get("keywords", "")),
    )
    return _back(ws, form.get("map"))


@router.post("/w/{ws}/topics/{key}/merge", include_in_schema=False)
async def merge_form(request: Request, ws: str, key: TopicKey) -> Response:
    form, access = await editor_form(request, ws)
    into = form.get("into", "")
    if not into:
        raise InputError("topic.merge_into")
    await run_long(service.merge_topics, screen_context(request, access), key, into)
    return _back(ws, form.get("map"))


@router.post("/w/{ws}/topics/{key}/remove", include_in_schema=False)
async def remove_form(request: Request, ws: str, key: TopicKey) -> Response:
    form, access = await editor_form(request, ws)
    await run_long(service.remove_topic, screen_context(request, access), key)
    return _back(ws, form.get("map"))


# API ----------------------------------------------------------------------------------------------

API = "/api/v1/workspaces/{ws}"


class TopicIn(BaseModel):
    name_fa: str = Field(default="", max_length=200)
    name_en: str = Field(default="", max_length=200)
    phrases: list[str] = Field(min_length=1, max_length=service.MAX_PHRASES)
    keywords: list[str] = Field(default_factory=list, max_length=service.MAX_PHRASES)


class TopicChangeIn(BaseModel):
    name_fa: str | None = Field(default=None, max_length=200)
    name_en: str | None = Field(default=None, max_length=200)
    phrases: list[str] | None = Field(default=None, max_length=service.MAX_PHRASES)
    keywords: list[str] | None = Field(default=None, max_length=service.MAX_PHRASES)


class MergeIn(BaseModel):
    into: str = Field(min_length=1, max_length=64)


@router.get(API + "/topics", response_model=list[TopicOut], responses=ERRORS, tags=["topics"])
def topics_api(request: Request, ws: WorkspaceSlug) -> list[TopicOut]:
    return service.taxonomy(screen_context(request, api_access(request, ws)))


@router.post(API + "/topics", response_model=TopicOut, status_code=201, responses=ERRORS, tags=["topics"])
def add_api(request: Request, ws: WorkspaceSlug, body: TopicIn) -> TopicOut:
    access = api_access(request, ws, Role.EDITOR)
    return service.add_topic(
        screen_context(request, access),
        name_fa=body.name_fa,
        name_en=body.name_en,
        phrases=body.phrases,
        keywords=body.keywords,
        actor=access.user.username,
    )


@router.patch(API + "/topics/{key}", response_model=TopicOut, responses=ERRORS, tags=["topics"])
def change_api(request: Request, ws: WorkspaceSlug, key: TopicKey, body: TopicChangeIn) -> TopicOut:
    access = api_access(request, ws, Role.EDITOR)
    return service.change_topic(
        screen_context(request, access),
        key,
        name_fa=body.name_fa,
        name_en=body.name_en,
        phrases=body.phrases,
        keywords=body.keywords,
    )


@router.post(API + "/topics/{key}/merge", response_model=TopicOut, responses=ERRORS, tags=["topics"])
def merge_api(request: Request, ws: WorkspaceSlug, key: TopicKey, body: MergeIn) -> TopicOut:
    access = api_access(request, ws, Role.EDITOR)
    return service.merge_topics(screen_context(request, access), key, body.into)


@router.delete(API + "/topics/{key}", response_model=TopicOut, responses=ERRORS, tags=["topics"])
def remove_api(request: Request, ws: WorkspaceSlug, key: TopicKey) -> TopicOut:
    access = api_access(request, ws, Role.EDITOR)
    return service.remove_topic(screen_context(request, access), key)


@router.get(API + "/maps/{map_id}/topics", response_model=MapTopicsOut, responses=ERRORS, tags=["topics"])
def map_topics_api(request: Request, ws: WorkspaceSlug, map_id: MapId) -> MapTopicsOut:
    return service.topics_on_map(screen_context(request, api_access(request, ws)), map_id)


@router.get(
    API + "/maps/{map_id}/topics/discover", response_model=DiscoveryOut, responses=ERRORS, tags=["topics"]
)
def discover_api(
    request: Request,
    ws: WorkspaceSlug,
    map_id: MapId,
    k: Annotated[int | None, Query(ge=2, le=50)] = None,
) -> DiscoveryOut:
    return service.discover_map(screen_context(request, api_access(request, ws)), map_id, k=k)
