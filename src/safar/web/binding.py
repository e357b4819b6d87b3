"""Binding a map's touchpoints to the events of a dataset, by clicking: the page, its form posts and its JSON twin.

Page ``/w/{ws}/maps/{map_id}/binding`` (``?dataset=``): the coverage, the dataset's activities by frequency
with the touchpoint each goes to, and each touchpoint's rules. An editor binds an activity to a touchpoint
(optionally only on one channel) or unbinds it; each is the map edit ``bind``/``unbind`` saved as a revision
(the same edit the API takes at ``POST …/maps/{id}/edits``). API ``GET /api/v1/workspaces/{ws}/maps/{id}/binding``.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query
from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request

from safar.accounts import Role
from safar.maps.edits import Edit, apply_edit
from safar.services.binding import BindingScreen, binding_screen
from safar.web.api import ERRORS, EditIn, MapId
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import lang_of, screen_context, workspace_access
from safar.web.forms import filled, parse_form, read_form
from safar.web.render import render

router = APIRouter()


@router.get("/w/{ws}/maps/{map_id}/binding", include_in_schema=False)
def binding_page(request: Request, ws: str, map_id: int, dataset: str | None = None) -> Response:
    access = workspace_access(request, ws)
    screen = binding_screen(screen_context(request, access), map_id, dataset or None)
    context = {"ws": ws, "screen": screen, "editable": access.role.can_edit}
    return render(request, "binding.html", context)


@router.post("/w/{ws}/maps/{map_id}/binding", include_in_schema=False)
async def binding_post(request: Request, ws: str, map_id: int) -> Response:
    form = await read_form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    fields = {k[2:]: v for k, v in form.items() if k.startswith("f_")}
    body = parse_form(EditIn, filled(form, EditIn) | {"fields": fields}, lang_of(request))
    edit = Edit.model_validate(body.model_dump(include={"op", "touchpoint", "fields"}))
    stored = access.workspace.get_map(map_id, body.base_revision)
    access.workspace.save_map(
        map_id,
        apply_edit(stored.document, edit),
        base_revision=stored.revision,
        author=access.user.username,
        message=body.message,
    )
    query = urlencode({"dataset": fields.get("dataset", "")})
    anchor = f"#tp-{edit.touchpoint}" if edit.op == "unbind" else "#activities"
    return RedirectResponse(f"/w/{quote(ws)}/maps/{map_id}/binding?{query}{anchor}", status_code=303)


@router.get(
    "/api/v1/workspaces/{ws}/maps/{map_id}/binding",
    response_model=BindingScreen,
    responses=ERRORS,
    tags=["maps"],
)
def binding_api(
    request: Request,
    ws: WorkspaceSlug,
    map_id: MapId,
    dataset: str | None = Query(default=None, pattern=r"^[\w.-]{1,200}$"),
) -> BindingScreen:
    """How the map's touchpoints bind a dataset's events (the page ``/w/{ws}/maps/{id}/binding``); change it
    with the edits ``bind`` and ``unbind`` at ``POST …/maps/{id}/edits``."""
    access = workspace_access(request, ws)
    return binding_screen(screen_context(request, access), map_id, dataset)
