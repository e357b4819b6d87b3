"""Correcting comment labels from the voice page and the API (:mod:`safar.services.corrections`)."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.requests import Request

from safar.accounts import Actor, Role
from safar.services.corrections import (
    CorrectionOut,
    CorrectionsView,
    correct_comment,
    label_corrections,
    reset_adaptation,
)
from safar.web.api import ERRORS, MapId
from safar.web.context import (
    EDITOR_FIRST,
    api_access,
    lang_of,
    screen_context,
)
from safar.web.forms import editor_form, filled, parse_form

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["voice"])
router = APIRouter()

WorkspaceSlug = Annotated[str, Path(min_length=1, max_length=64)]
Label = Literal["positive", "negative", "neutral"]


class CorrectionIn(BaseModel):
    """The comment (its dataset and id, as the comments list gives them) and the label it should have."""

    dataset: str = Field(min_length=1, max_length=200, pattern=r"^[\w.-]+$")
    comment_id: str = Field(min_length=1, max_length=200)
    label: Label


@pages.post("/w/{ws}/maps/{map_id}/comments/label")
async def correct_form(request: Request, ws: str, map_id: int) -> Response:
    form, access = await editor_form(request, ws)
    body = parse_form(CorrectionIn, filled(form, CorrectionIn), lang_of(request))
    correct_comment(
        screen_context(request, access),
        map_id,
        dataset=body.dataset,
        comment_id=body.comment_id,
        label=body.label,
        by=Actor(access.user.username, "web"),
    )
    return _back(ws, map_id, form)


@pages.post("/w/{ws}/maps/{map_id}/adaptation/reset")
async def reset_form(request: Request, ws: str, map_id: int) -> Response:
    form, access = await editor_form(request, ws)
    reset_adaptation(screen_context(request, access), map_id, by=Actor(access.user.username, "web"))
    return _back(ws, map_id, form, "#corrections")


@api.get("/workspaces/{ws}/maps/{map_id}/corrections", response_model=CorrectionsView, responses=ERRORS)
def corrections_api(request: Request, ws: WorkspaceSlug, map_id: MapId) -> CorrectionsView:
    """The map's newest label corrections (who, when, from which label to which) and what the workspace learnt
    from its corrections: how many comments it labels now and, leave-one-out, how often its labels match."""
    return label_corrections(screen_context(request, api_access(request, ws)), map_id)


@api.post(
    "/workspaces/{ws}/maps/{map_id}/corrections",
    response_model=CorrectionOut,
    status_code=201,
    responses=ERRORS,
    dependencies=[EDITOR_FIRST],
)
def correct_api(request: Request, ws: WorkspaceSlug, map_id: MapId, body: CorrectionIn) -> CorrectionOut:
    """Correct a comment's sentiment label (an editor): it counts at once wherever comments count, and the
    workspace's similar comments with the same mistake follow it. The shipped model stays as it is."""
    access = api_access(request, ws, Role.EDITOR)
    return correct_comment(
        screen_context(request, access),
        map_id,
        dataset=body.dataset,
        comment_id=body.comment_id,
        label=body.label,
        by=Actor(access.user.username, "api"),
    )


@api.post(
    "/workspaces/{ws}/maps/{map_id}/corrections/reset",
    response_model=CorrectionsView,
    responses=ERRORS,
    dependencies=[EDITOR_FIRST],
)
def reset_api(request: Request, ws: WorkspaceSlug, map_id: MapId) -> CorrectionsView:
    """Forget what the workspace learnt from its corrections; each corrected comment keeps its editor's label."""
    access = api_access(request, ws, Role.EDITOR)
    return reset_adaptation(screen_context(request, access), map_id, by=Actor(access.user.username, "api"))


def _back(ws: str, map_id: int, form: dict[str, str], anchor: str = "#voice-comments") -> RedirectResponse:
    """Back to the voice page, with the list's filters as they were."""
    query = {k: form[k] for k in ("touchpoint", "label_filter", "by", "period") if form.get(k)}
    if "label_filter" in query:
        query["label"] = query.pop("label_filter")
    suffix = f"?{urlencode(query)}" if query else ""
    return RedirectResponse(f"/w/{quote(ws)}/maps/{map_id}/voice{suffix}{anchor}", status_code=303)


router.include_router(api)
router.include_router(pages)
