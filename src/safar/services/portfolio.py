"""Maps as a portfolio: a blank map, rename, duplicate, the future state of a current map, owner and status,
archive and unarchive, delete.

One function per act, called by the maps pages (``/w/{ws}``, ``/w/{ws}/maps/{id}/settings``), their JSON
twins under ``/api/v1/workspaces/{ws}/maps`` and any command. What changes a map's document is a revision
with a message saying what happened (``msg.blank``, ``msg.renamed``, ``msg.copied``, ``msg.future_from``);
what changes only its place in the portfolio (owner, status, archived) and deleting it are entries of the
audit log (``map.owner``, ``map.status``, ``map.archive``, ``map.unarchive``, ``map.delete``).

An archived map is read-only: its document cannot change (``map.archived``) and neither can its owner or
status, until it is unarchived.

>>> BlankMapIn(title="Claims").model_dump()
{'title': 'Claims', 'lang': 'fa', 'type': 'current_state', 'stage': ''}
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from safar.accounts import Accounts, Actor
from safar.context import Context
from safar.errors import ConflictError, InputError, ValidationError
from safar.events.dates import read_day
from safar.i18n import translate
from safar.i18n.message import Message
from safar.model import MapType, Scope
from safar.store.repository import MapInfo

if TYPE_CHECKING:
    from safar.workspace import StoredMap

__all__ = [
    "MAP_TYPES",
    "STATUSES",
    "BlankMapIn",
    "DeletedMapOut",
    "DeletionScreen",
    "MapDetailsIn",
    "Member",
    "archive_map",
    "change_details",
    "delete_map",
    "deletion_screen",
    "duplicate_map",
    "future_state_map",
    "map_members",
    "new_blank_map",
]

STATUSES = ("draft", "in_review", "published")
MAP_TYPES = ("current_state", "day_in_the_life", "future_state", "service_blueprint")
MapTypeName = Literal["current_state", "day_in_the_life", "future_state", "service_blueprint"]
StatusName = Literal["draft", "in_review", "published"]


class BlankMapIn(BaseModel):
    """A map started from nothing: a title, a language, a type and one empty stage (``stage`` its name)."""

    title: str = Field(min_length=1, max_length=300, pattern=r"\S")
    lang: Literal["fa", "en"] = "fa"
    type: MapTypeName = "current_state"
    stage: str = Field(default="", max_length=200)


class MapDetailsIn(BaseModel):
    """What to change of a map; a field left out stays as it is. ``owner`` ``""`` leaves it without one."""

    title: str | None = Field(default=None, min_length=1, max_length=300, pattern=r"\S")
    description: str | None = Field(default=None, max_length=5000)
    owner: str | None = Field(default=None, max_length=100)
    status: StatusName | None = None
    type: MapType | None = None
    timeline: str | None = Field(default=None, max_length=300)
    start: str | None = Field(default=None, max_length=40, description="Jalali or Gregorian; '' clears it")
    end: str | None = Field(default=None, max_length=40, description="Jalali or Gregorian; '' clears it")


class Member(BaseModel):
    username: str
    display_name: str


class DeletionScreen(BaseModel):
    """A map about to be deleted and how many rows of each kind would go with it, for the person to confirm."""

    id: int
    title: str
    lang: str
    removed: dict[str, int]


class DeletedMapOut(BaseModel):
    id: int
    title: str
    removed: dict[str, int] = Field(
        description="Rows deleted with the map: revisions, surveys, alert_rules, snapshots, opportunities."
    )


def new_blank_map(ctx: Context, actor: Actor, new: BlankMapIn) -> StoredMap:
    """A new map with one empty stage, at revision 1 ("Created as a blank map")."""
    from safar.maps.derive import blank_map

    document = blank_map(new.title, new.lang, new.type, new.stage)
    return ctx.workspace.create_map(document, message=Message("msg.blank"), author=actor.username)


def duplicate_map(ctx: Context, actor: Actor, map_id: int) -> StoredMap:
    """A new map with the latest document of ``map_id``, titled "Copy of …", its own history starting at
    revision 1 with a message naming the map and revision it came from."""
    from safar.maps.derive import copy_of

    source = ctx.workspace.get_map(map_id)
    message = Message(
        "msg.copied", {"map": map_id, "revision": source.revision, "title": source.document.title}
    )
    return ctx.workspace.create_map(copy_of(source.document), message=message, author=actor.username)


def future_state_map(ctx: Context, actor: Actor, map_id: int) -> StoredMap:
    """A future-state map based on the latest revision of ``map_id`` (a map that is not itself a future
    state): the same journey, each touchpoint improving the one it copies, measured on that map's data."""
    from safar.maps.derive import future_state_of

    source = ctx.workspace.get_map(map_id)
    document = future_state_of(source.document, map_id, source.revision)
    message = Message(
        "msg.future_from", {"map": map_id, "revision": source.revision, "title": source.document.title}
    )
    return ctx.workspace.create_map(document, message=message, author=actor.username)


def change_details(ctx: Context, actor: Actor, map_id: int, change: MapDetailsIn) -> MapInfo:
    """Rename a map or reword its description (a revision: "Renamed …" when the title changes), and set its
    owner (a member of the workspace, or nobody) or its status (audited)."""
    workspace = ctx.workspace
    info = workspace.map_info(map_id)
    if info.archived:
        raise ConflictError("map.archived", map_id=map_id, title=info.title)
    fields: dict[str, object] = {}  # checked before anything is saved, so a refusal changes nothing
    if change.owner is not None:
        fields["owner"] = _member(ctx, change.owner.strip()) if change.owner.strip() else None
    if change.status is not None:
        fields["status"] = change.status
    stored = workspace.get_map(map_id)
    document = stored.document.model_copy(deep=True)
    if change.title is not None:
        document.title = change.title.strip()
    if change.description is not None:
        document.description = change.description.strip()
    if change.type is not None:
        document.type = change.type
    document.scope = _scope(document.scope, change, ctx.lang)
    if document != stored.document:
        renamed = document.title != stored.document.title
        message = (
            Message("msg.renamed", {"before": stored.document.title, "after": document.title})
            if renamed
            else None
        )
        workspace.save_map(
            map_id, document, base_revision=stored.revision, message=message, author=actor.username
        )
    if fields:
        return workspace.set_map_fields(map_id, by=actor, **fields)
    return workspace.map_info(map_id)


def _scope(scope: Scope, change: MapDetailsIn, lang: str) -> Scope:
    """The map's period after ``change``: its words, and its first and last days typed in the Jalali or the
    Gregorian calendar (an empty one clears it); a period that ends before it starts is refused."""
    data = scope.model_dump()
    if change.timeline is not None:
        data["timeline"] = change.timeline.strip()
    for key, typed in (("start", change.start), ("end", change.end)):
        if typed is not None:
            label = translate(f"field.{key}", lang)
            data[key] = read_day(typed, option=label) if typed.strip() else None
    if data["start"] and data["end"] and data["end"] < data["start"]:
        raise InputError("portfolio.scope_order", start=str(data["start"]), end=str(data["end"]))
    return Scope.model_validate(data)


def archive_map(ctx: Context, actor: Actor, map_id: int, archived: bool = True) -> MapInfo:
    """Archive a map (hidden from the maps list unless asked for, read-only) or bring it back."""
    workspace = ctx.workspace
    if workspace.map_info(map_id).archived == archived:
        return workspace.map_info(map_id)
    return workspace.set_map_fields(map_id, by=actor, archived_at=datetime.now(UTC) if archived else None)


def deletion_screen(ctx: Context, map_id: int) -> DeletionScreen:
    """What deleting ``map_id`` would take away."""
    info = ctx.workspace.map_info(map_id)
    removed = ctx.workspace.map_dependants(map_id)
    return DeletionScreen(id=info.id, title=info.title, lang=info.lang, removed=removed)


def delete_map(ctx: Context, actor: Actor, map_id: int) -> DeletedMapOut:
    """Delete a map for good: every revision, its surveys, alert rules, snapshots and opportunities.
    Fired alerts stay in the feed and survey answers in the warehouse, as they do when a rule goes."""
    info, removed = ctx.workspace.delete_map(map_id, by=actor)
    return DeletedMapOut(id=info.id, title=info.title, removed=removed)


def map_members(ctx: Context) -> list[Member]:
    """The members of the workspace, who may own a map, by user name."""
    from safar.services.members import members_screen

    found = members_screen(Accounts(ctx.engine), ctx.workspace.slug)
    return [Member(username=m.username, display_name=m.display_name) for m in found.members]


def _member(ctx: Context, username: str) -> str:
    members = [m.username for m in map_members(ctx)]
    if username not in members:
        raise ValidationError(
            "map.owner_not_member", owner=username, workspace=ctx.workspace.slug, allowed=members
        )
    return username
