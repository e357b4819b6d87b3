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
from starlette.requests import Request

from safar.maps.edits import Edit
from safar.web.persona_photo import MAX_BYTES, save_picture

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
    saved = await save_picture(
        request,
        ws,
        map_id,
        "picture",
        lambda uri: Edit(op="set_lane_cell", lane=lane_id, touchpoint=touchpoint_id, fields={"value": uri}),
        SIDE,
        "lane.picture_too_big",
    )
    return RedirectResponse(
        f"/w/{quote(ws)}/maps/{map_id}?saved={saved}#{quote(touchpoint_id)}", status_code=303
    )
