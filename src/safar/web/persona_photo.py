"""A persona's photo or avatar, uploaded on the map's personas page and kept in the map itself.

``POST /w/{ws}/maps/{id}/personas/{persona}/photo`` with a picture (JPEG, PNG, WebP or GIF, at most
:data:`MAX_BYTES`): Pillow reads it (a file that is not a picture, or one larger than :data:`MAX_PIXELS`, is
refused with a message in the page's language), turns it upright by its EXIF orientation, shrinks it to at
most :data:`SIDE` pixels a side and stores it as a JPEG data URI in the persona (``photo``), one revision of
the map; ``remove=1`` takes it away. Kept in the document, the photo travels with exports and revisions and
needs no file store; at 256 px it is about 10–30 kB.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile
from starlette.requests import Request

from safar.accounts import Role
from safar.errors import InputError
from safar.maps.edits import Edit, apply_edit
from safar.web.context import workspace_access
from safar.web.security import check_csrf

router = APIRouter()

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
SIDE = 256


def photo_uri(data: bytes, name: str, side: int = SIDE, too_big: str = "persona.photo_too_big") -> str:
    """The picture ``data`` (file ``name``) as an upright JPEG data URI at most ``side`` pixels a side, or an
    ``InputError`` saying why not (``too_big``: the message of a file over the limits).

    >>> from PIL import Image
    >>> buffer = io.BytesIO(); Image.new("RGB", (800, 400), "teal").save(buffer, "PNG")
    >>> photo_uri(buffer.getvalue(), "a.png")[:23]
    'data:image/jpeg;base64,'
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        raise InputError(too_big, file=name, mb=MAX_BYTES // (1024 * 1024))
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise InputError(too_big, file=name, mb=MAX_BYTES // (1024 * 1024))
            image.load()
            picture = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise InputError("persona.not_a_photo", file=name) from None
    picture.thumbnail((side, side))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")


async def save_picture(
    request: Request,
    ws: str,
    map_id: int,
    field: str,
    edit_of: Callable[[str], Edit],
    side: int = SIDE,
    too_big: str = "persona.photo_too_big",
) -> int:
    """The picture uploaded in the form's ``field`` (``remove=1``: none) put in the map by ``edit_of(uri)``,
    saved as one revision on the form's ``base_revision`` by the editor who sent it; the new revision."""
    async with request.form() as form:
        check_csrf(request, str(form.get("csrf") or "") or None)
        access = workspace_access(request, ws, Role.EDITOR)
        revision = str(form.get("base_revision") or "")
        if not revision.isdecimal():
            raise InputError("edit.bad_value", problem="base_revision")
        if form.get("remove"):
            picture = ""
        else:
            sent = form.get(field)
            if not isinstance(sent, UploadFile) or not sent.filename:
                raise InputError("persona.no_photo")
            picture = photo_uri(await sent.read(), sent.filename, side, too_big)
        message = str(form.get("message") or "").strip() or None
    stored = access.workspace.get_map(map_id, int(revision))
    result = access.workspace.save_map(
        map_id,
        apply_edit(stored.document, edit_of(picture)),
        base_revision=stored.revision,
        author=access.user.username,
        message=message,
    )
    return result.revision


@router.post(
    "/w/{ws}/maps/{map_id}/personas/{persona_id}/photo",
    include_in_schema=False,
    max_body_size=MAX_BYTES + 65_536,
)
async def photo_post(request: Request, ws: str, map_id: int, persona_id: str) -> Response:
    saved = await save_picture(
        request,
        ws,
        map_id,
        "photo",
        lambda uri: Edit(op="update_persona", persona=persona_id, fields={"photo": uri}),
    )
    target = f"/w/{quote(ws)}/maps/{map_id}/personas?saved={saved}#persona-{quote(persona_id)}"
    return RedirectResponse(target, status_code=303)
