"""Versioned maps in the app database — every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from safar.config import Settings
from safar.errors import ConflictError, NotFoundError, ValidationError
from safar.i18n.message import Message
from safar.model import JourneyMap, Stage, Touchpoint
from safar.workspace import Workspace


def small_map(title: str = "Buying") -> JourneyMap:
    return JourneyMap(
        title=title,
        lang="en",
        stages=[
            Stage(
                id="aware",
                name="Awareness",
                touchpoints=[Touchpoint(id="ad", name="Ad", channel="advertising")],
            ),
            Stage(
                id="buy", name="Purchase", touchpoints=[Touchpoint(id="pay", name="Pay", channel="website")]
            ),
        ],
    )


def test_every_save_is_an_immutable_revision(workspace: Workspace) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    stored = workspace.create_map(small_map(), message="first", author="ana")
    doc = stored.document
    doc.stages[1].touchpoints[0].channel = "mobile_app"
    second = workspace.save_map(stored.id, doc, base_revision=1, message="app payments", author="bob")
    assert (second.revision, second.created, [c.field for c in second.changes]) == (2, True, ["channel"])
    history = workspace.history(stored.id)
    assert [(r.number, r.author, r.message) for r in history] == [
        (1, "ana", Message.typed("first")),
        (2, "bob", Message.typed("app payments")),
    ]
    assert all(before <= r.created_at <= datetime.now(UTC) for r in history)
    assert workspace.get_map(stored.id, 1).document == small_map()
    assert workspace.get_map(stored.id).document.stages[1].touchpoints[0].channel == "mobile_app"
    assert [(m.id, m.title, m.head) for m in workspace.list_maps()] == [(stored.id, "Buying", 2)]


def test_a_map_read_is_the_readers_own_to_change(workspace: Workspace) -> None:
    """Each revision's document is validated once and kept; a reader who changes what it read changes its
    own copy, not the next reader's, and a reader who only reads may share the kept one."""
    stored = workspace.create_map(small_map())
    mine = workspace.get_map(stored.id).document
    mine.title, mine.stages[0].name = "Changed here", "Changed too"
    again = workspace.get_map(stored.id).document
    assert (again.title, again.stages[0].name) == ("Buying", "Awareness")
    assert (
        workspace.get_map(stored.id, copy=False).document is workspace.get_map(stored.id, copy=False).document
    )
    assert workspace.get_map(stored.id, copy=False).document == again


def test_a_stale_save_is_refused_and_shows_what_changed(workspace: Workspace) -> None:
    stored = workspace.create_map(small_map())
    mine, theirs = stored.document.model_copy(deep=True), stored.document.model_copy(deep=True)
    theirs.title = "Their title"
    workspace.save_map(stored.id, theirs, base_revision=1)
    mine.stages[0].name = "My awareness"
    with pytest.raises(ConflictError) as caught:
        workspace.save_map(stored.id, mine, base_revision=1)
    assert caught.value.details == {
        "map_id": stored.id,
        "base": 1,
        "head": 2,
        "changes": [
            {"kind": "changed", "target": "map", "field": "title", "before": "Buying", "after": "Their title"}
        ],
    }
    assert workspace.get_map(stored.id).document.title == "Their title"
    assert workspace.get_map(stored.id).head == 2


def test_saving_the_same_document_writes_nothing(workspace: Workspace) -> None:
    stored = workspace.create_map(small_map())
    result = workspace.save_map(stored.id, stored.document, base_revision=1)
    assert (result.revision, result.created, result.changes) == (1, False, [])
    assert len(workspace.history(stored.id)) == 1


def test_revert_creates_a_new_revision_equal_to_the_old_one(workspace: Workspace) -> None:
    stored = workspace.create_map(small_map())
    changed = stored.document.model_copy(deep=True)
    changed.stages.reverse()
    workspace.save_map(stored.id, changed, base_revision=1)
    result = workspace.revert(stored.id, 1)
    assert result.revision == 3
    assert workspace.get_map(stored.id, 3).document == workspace.get_map(stored.id, 1).document
    assert workspace.history(stored.id)[-1].message == Message("msg.revert", {"revision": 1})
    assert workspace.history(stored.id)[-1].message.render("fa") == "بازگشت به نسخه ۱"
    assert workspace.diff(stored.id, 1, 3) == []


def test_unknown_map_and_revision(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError) as caught:
        workspace.get_map(99)
    assert caught.value.code == "map.not_found"
    stored = workspace.create_map(small_map())
    with pytest.raises(NotFoundError) as caught:
        workspace.get_map(stored.id, 5)
    assert caught.value.details == {"map_id": stored.id, "revision": 5, "head": 1}


def test_workspaces_do_not_see_each_others_maps(workspace: Workspace) -> None:
    stored = workspace.create_map(small_map())
    with Workspace.open(Settings.from_env(), workspace="other") as other:
        assert other.list_maps() == []
        with pytest.raises(NotFoundError):
            other.get_map(stored.id)
        with pytest.raises(NotFoundError):
            other.save_map(stored.id, small_map("stolen"))
    assert workspace.get_map(stored.id).document.title == "Buying"


def test_future_state_map_points_at_real_touchpoints(workspace: Workspace) -> None:
    current = workspace.create_map(small_map())
    future = small_map("Tomorrow")
    future.type = "future_state"  # type: ignore[assignment]
    future.stages[1].touchpoints[0].improves = ["pay", "nowhere"]
    future.based_on = {"map": current.id}  # type: ignore[assignment]
    with pytest.raises(ValidationError) as caught:
        workspace.create_map(future)
    assert [(p["path"], p["value"]) for p in caught.value.details["errors"]] == [
        ("stages[1].touchpoints[0].improves[1]", "nowhere")
    ]
    future.stages[1].touchpoints[0].improves = ["pay"]
    assert workspace.create_map(future).document.based_on.map == current.id  # type: ignore[union-attr]


def test_reopening_keeps_everything(workspace: Workspace) -> None:
    stored = workspace.create_map(small_map())
    with Workspace.open(Settings.from_env()) as again:
        assert again.get_map(stored.id).document == small_map()
