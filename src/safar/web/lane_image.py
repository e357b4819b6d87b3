"""A picture in a cell of an image lane (a sketch, a screenshot of the screen the customer sees), uploaded
from the canvas's editing dialog and kept in the map itself, as a persona's photo is
(:mod:`safar.web.persona_photo` reads it: upright, at most :data:`SIDE` pixels a side, JPEG).

``POST /w/{ws}/maps/{id}/lanes/{lane}/cells/{touchpoint}/image`` with ``picture``; ``remove=1`` empties the
cell. One revision of the map either way, and back to the canvas at the touchpoint with its undo.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile
from starlette.requests import Request

from safar.accounts import Role
from safar.errors import InputError
from safar.maps.edits import Edit, apply_edit
from safar.web.context import workspace_access
from safar.web.persona_photo import MAX_BYTES, photo_uri
from safar.web.security import check_csrf

router = APIRouter()

SIDE = 480


@router.post(
    "/w/{ws}/maps/{map_id}/lanes/{lane_id}/cells/{touchpoint_id}/image",
    include_in_schema=False,
    max_body_size=MAX_BYTES + 65_536,
)
async def lane_image_post(
    request: Request, ws: str, map_id: int, lane_id: str, touchpoint_id: str
) -> Response:
    async with request.form() as form:
        check_csrf(request, str(form.get("csrf") or "") or None)
        access = workspace_access(request, ws, Role.EDITOR)
        revision = str(form.get("base_revision") or "")
        if not revision.isdigit():
            raise InputError("edit.bad_value", problem="base_revision")
        if form.get("remove"):
            picture = ""
        else:
            sent = form.get("picture")
            if not isinstance(sent, UploadFile) or not sent.filename:
                raise InputError("persona.no_photo")
            picture = photo_uri(await sent.read(), sent.filename, SIDE, "lane.picture_too_big")
        message = str(form.get("message") or "").strip() or None
    stored = access.workspace.get_map(map_id, int(revision))
    edit = Edit(op="set_lane_cell", lane=lane_id, touchpoint=touchpoint_id, fields={"value": picture})
    result = access.workspace.save_map(
        map_id,
        apply_edit(stored.document, edit),
        base_revision=stored.revision,
        author=access.user.username,
        message=message,
    )
    target = f"/w/{quote(ws)}/maps/{map_id}?saved={result.revision}#{quote(touchpoint_id)}"
    return RedirectResponse(target, status_code=303)
