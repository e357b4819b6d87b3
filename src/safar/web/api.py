"""The JSON API (``/api/v1``): everything the pages do, for integrations and scripts.

Authentication: the browser session (mutations then need the ``X-CSRF-Token`` header) or
``Authorization: Bearer <token>`` from ``safar user token``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Query
from pydantic import BaseModel, Field
from starlette.requests import Request

from safar.accounts import Role
from safar.maps.edits import Edit, apply_edit
from safar.maps.validate import validate_document
from safar.web import limits
from safar.web.context import EDITOR_FIRST, WorkspaceAccess, lang_of, workspace_access
from safar.web.security import check_csrf

router = APIRouter(prefix="/api/v1", tags=["maps"])

MAX_ID = 2_147_483_647
MapId = Annotated[int, Path(ge=1, le=MAX_ID)]
Workspace = Annotated[str, Path(min_length=1, max_length=64)]


class ErrorBody(BaseModel):
    code: str
    message: str
    details: dict[str, Any]


class ErrorOut(BaseModel):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (400, 401, 403, 404, 409, 413, 422)
}


class MapSummary(BaseModel):
    id: int
    title: str
    type: str
    lang: str
    revision: int
    created_at: str
    updated_at: str
    owner: str | None = Field(default=None, description="The member who looks after the map (user name).")
    status: Literal["draft", "in_review", "published"] = "draft"
    archived_at: str | None = Field(default=None, description="When it was archived; null when it is not.")


class RevisionOut(BaseModel):
    map_id: int
    revision: int
    author: str
    message: str = Field(description="The message in the reader's language; a person's words as written.")
    message_key: str = Field(description="The message as stored: its catalogue key (msg.text: typed words).")
    message_values: dict[str, Any] = Field(description="The values of the key's placeholders, as stored.")
    created_at: str
    digest: str


class StoredMapOut(RevisionOut):
    id: int
    head: int
    document: dict[str, Any]


class ChangeOut(BaseModel):
    kind: str
    target: str
    id: str | None = None
    field: str | None = None
    before: Any = None
    after: Any = None
    stage: str | None = None


class SaveOut(BaseModel):
    map_id: int
    revision: int
    created: bool
    changes: list[ChangeOut]


class DiffOut(BaseModel):
    map_id: int
    from_revision: int
    to_revision: int
    changes: list[ChangeOut]


class NewMapIn(BaseModel):
    template: (
        Literal["insurance", "ecommerce", "saas", "saas-day", "saas-future", "contact-centre"] | None
    ) = None
    lang: str = Field(default="fa", pattern="^(fa|en)$")
    title: str | None = Field(default=None, max_length=300)
    document: dict[str, Any] | None = Field(
        default=None, description="A whole map document instead of a template"
    )
    message: str | None = Field(default=None, max_length=2000)


class SaveIn(BaseModel):
    document: dict[str, Any]
    base_revision: int = Field(ge=1, le=MAX_ID)
    message: str | None = Field(default=None, max_length=2000)


EDIT_KEYS = {"op", "stage", "touchpoint", "persona", "lane", "position", "fields"}  # an EditIn's Edit


class EditIn(Edit):
    base_revision: int = Field(ge=1, le=MAX_ID)
    message: str | None = Field(default=None, max_length=2000)


class RevertIn(BaseModel):
    revision: int = Field(ge=1, le=MAX_ID)
    base_revision: int = Field(
        ge=1, le=MAX_ID, description="The newest revision the reverting person saw: a newer one is a 409."
    )
    message: str | None = Field(default=None, max_length=2000)


def _access(request: Request, ws: Workspace, needed: Role = Role.VIEWER) -> WorkspaceAccess:
    access = workspace_access(request, ws, needed)
    if request.method != "GET" and not getattr(request.state, "token_auth", False):
        check_csrf(request, None)
    return access


@router.get("/workspaces/{ws}/maps", response_model=list[MapSummary], responses=ERRORS)
def list_maps(
    request: Request,
    ws: Workspace,
    q: str = Query(
        default="", max_length=300, description="Keep the maps whose title holds this, or this id."
    ),
    show: Literal["active", "archived", "all"] = Query(
        default="active", description="Maps in use (the default), archived maps, or all of them."
    ),
) -> list[dict[str, Any]]:
    """The maps of the workspace; archived maps only when asked for, as on the maps page."""
    from safar.services.maps import select_maps

    maps = _access(request, ws).workspace.list_maps()
    return [m.to_dict() for m in select_maps(maps, query=q, show=show)]


@router.post(
    "/workspaces/{ws}/maps",
    response_model=StoredMapOut,
    status_code=201,
    responses=ERRORS,
    max_body_size=limits.DOCUMENT,
    dependencies=[EDITOR_FIRST],
)
def create_map(request: Request, ws: Workspace, body: NewMapIn) -> dict[str, Any]:
    access = _access(request, ws, Role.EDITOR)
    workspace = access.workspace
    if body.document is not None:
        document = validate_document(body.document, source="request", channels=workspace.channels())
        stored = workspace.create_map(document, message=body.message, author=access.user.username)
    else:
        stored = workspace.new_from_template(
            body.template or "insurance", body.lang, title=body.title, author=access.user.username
        )
    return stored.to_dict(lang_of(request))


@router.get("/workspaces/{ws}/maps/{map_id}", response_model=StoredMapOut, responses=ERRORS)
def get_map(
    request: Request,
    ws: Workspace,
    map_id: MapId,
    revision: int | None = Query(default=None, ge=1, le=MAX_ID),
) -> dict[str, Any]:
    return _access(request, ws).workspace.get_map(map_id, revision).to_dict(lang_of(request))


@router.put(
    "/workspaces/{ws}/maps/{map_id}",
    response_model=SaveOut,
    responses=ERRORS,
    max_body_size=limits.DOCUMENT,
    dependencies=[EDITOR_FIRST],
)
def save_map(request: Request, ws: Workspace, map_id: MapId, body: SaveIn) -> dict[str, Any]:
    access = _access(request, ws, Role.EDITOR)
    document = validate_document(body.document, source="request", channels=access.workspace.channels())
    result = access.workspace.save_map(
        map_id, document, base_revision=body.base_revision, message=body.message, author=access.user.username
    )
    return result.to_dict()


@router.post(
    "/workspaces/{ws}/maps/{map_id}/edits",
    response_model=SaveOut,
    responses=ERRORS,
    dependencies=[EDITOR_FIRST],
)
def edit_map(request: Request, ws: Workspace, map_id: MapId, body: EditIn) -> dict[str, Any]:
    access = _access(request, ws, Role.EDITOR)
    stored = access.workspace.get_map(map_id, body.base_revision)
    edit = Edit.model_validate(body.model_dump(include=EDIT_KEYS))
    result = access.workspace.save_map(
        map_id,
        apply_edit(stored.document, edit),
        base_revision=body.base_revision,
        message=body.message,
        author=access.user.username,
    )
    return result.to_dict()


@router.get("/workspaces/{ws}/maps/{map_id}/history", response_model=list[RevisionOut], responses=ERRORS)
def history(request: Request, ws: Workspace, map_id: MapId) -> list[dict[str, Any]]:
    return [r.to_dict(lang_of(request)) for r in _access(request, ws).workspace.history(map_id)]


@router.get("/workspaces/{ws}/maps/{map_id}/diff", response_model=DiffOut, responses=ERRORS)
def diff(
    request: Request,
    ws: Workspace,
    map_id: MapId,
    a: int = Query(ge=1, le=MAX_ID),
    b: int = Query(ge=1, le=MAX_ID),
) -> dict[str, Any]:
    changes = _access(request, ws).workspace.diff(map_id, a, b)
    return {"map_id": map_id, "from_revision": a, "to_revision": b, "changes": [c.to_dict() for c in changes]}


@router.post(
    "/workspaces/{ws}/maps/{map_id}/revert",
    response_model=SaveOut,
    responses=ERRORS,
    dependencies=[EDITOR_FIRST],
)
def revert(request: Request, ws: Workspace, map_id: MapId, body: RevertIn = Body()) -> dict[str, Any]:
    access = _access(request, ws, Role.EDITOR)
    return access.workspace.revert(
        map_id,
        body.revision,
        base_revision=body.base_revision,
        message=body.message,
        author=access.user.username,
    ).to_dict()


@router.get("/workspaces/{ws}/channels", responses=ERRORS)
def channels(request: Request, ws: Workspace) -> list[dict[str, Any]]:
    return [c.model_dump(mode="json") for c in _access(request, ws).workspace.channels().values()]
