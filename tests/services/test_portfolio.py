"""Maps as a portfolio (safar.services.portfolio and the maps list): each act on SQLite and PostgreSQL, with
the revision or audit entry it leaves."""

from __future__ import annotations

from typing import Any

import pytest

from safar.accounts import Accounts, Actor, AuditEntry
from safar.context import Context
from safar.errors import ConflictError, InputError, NotFoundError, ValidationError
from safar.i18n.message import Message
from safar.maps.edits import Edit, apply_edit
from safar.services.maps import maps_list
from safar.services.portfolio import (
    BlankMapIn,
    DeletedMapOut,
    MapDetailsIn,
    archive_map,
    change_details,
    delete_map,
    deletion_screen,
    duplicate_map,
    future_state_map,
    new_blank_map,
)
from safar.surveys import Surveys, quick_survey
from safar.workspace import Workspace

ANA = Actor("ana", "web")


@pytest.fixture
def ctx(workspace: Workspace) -> Context:
    accounts = Accounts(workspace.engine)
    accounts.create_user("ana", "a long enough password", display_name="Ana", admin=True)
    accounts.create_user("bob", "a long enough password", display_name="بابک")
    accounts.create_user("otto", "a long enough password", workspace="other")
    return Context(workspace, "en")


def audit(ctx: Context) -> list[tuple[str, str, str, str | None, dict[str, Any]]]:
    entries, _ = Accounts(ctx.engine).audit()
    return [(e.actor, e.via, e.action, e.target, e.details) for e in reversed(entries) if _map_act(e)]


def _map_act(entry: AuditEntry) -> bool:
    return entry.action.startswith("map.")


def test_a_blank_map_has_a_title_a_language_a_type_and_one_empty_stage(ctx: Context) -> None:
    made = new_blank_map(ctx, ANA, BlankMapIn(title="Onboarding", lang="fa", type="service_blueprint"))
    assert made.document.to_document() == {
        "safar": 1,
        "title": "Onboarding",
        "type": "service_blueprint",
        "lang": "fa",
        "stages": [{"id": "mrhle-1", "name": "مرحله ۱"}],
    }
    assert (made.revision, made.info.author, made.info.message) == (1, "ana", Message("msg.blank"))
    named = new_blank_map(ctx, ANA, BlankMapIn(title="Claims", lang="en", stage="Report the claim"))
    assert [(s.id, s.name) for s in named.document.stages] == [("report-the-claim", "Report the claim")]
    assert named.document.type.value == "current_state"
    assert made.info.message.render("fa") == "به‌صورت نقشه خالی ساخته شد"


def test_renaming_is_a_revision_that_says_so_and_a_description_alone_is_summarised(ctx: Context) -> None:
    made = new_blank_map(ctx, ANA, BlankMapIn(title="Claims", lang="en"))
    info = change_details(
        ctx, ANA, made.id, MapDetailsIn(title="  Claims 2026 ", description="For the board")
    )
    assert (info.title, info.head) == ("Claims 2026", 2)
    stored = ctx.workspace.get_map(made.id)
    assert (stored.document.title, stored.document.description) == ("Claims 2026", "For the board")
    assert stored.info.message == Message("msg.renamed", {"before": "Claims", "after": "Claims 2026"})
    assert stored.info.message.render("en") == "Renamed “Claims” to “Claims 2026”"
    change_details(ctx, ANA, made.id, MapDetailsIn(description="For the board and the claims team"))
    assert ctx.workspace.get_map(made.id).info.message == Message.summary({"changed": 1})
    same = change_details(ctx, ANA, made.id, MapDetailsIn(title="Claims 2026"))  # nothing to change
    assert same.head == 3
    assert audit(ctx) == []  # the document's changes are revisions, not audit entries


def test_a_duplicate_has_the_same_document_and_its_own_history(ctx: Context) -> None:
    source = ctx.workspace.new_from_template("insurance", "fa")
    edited = apply_edit(source.document, Edit(op="add_stage", fields={"name": "وفاداری"}))
    ctx.workspace.save_map(source.id, edited, base_revision=1)
    copy = duplicate_map(ctx, ANA, source.id)
    assert copy.id != source.id and copy.revision == 1
    assert copy.document.title == "رونوشت " + source.document.title
    assert copy.document.model_copy(update={"title": source.document.title}) == edited
    assert copy.info.message == Message(
        "msg.copied", {"map": source.id, "revision": 2, "title": source.document.title}
    )
    assert copy.info.message.render("fa") == f"رونوشت نقشه ۱ («{source.document.title}»)، نسخه ۲"
    assert [r.number for r in ctx.workspace.history(copy.id)] == [1]


def test_the_future_state_of_a_current_map_improves_each_touchpoint_and_binds_nothing(ctx: Context) -> None:
    from safar.model import BasedOn, BindingRule

    source = ctx.workspace.new_from_template("insurance", "en")
    bound = source.document.model_copy(deep=True)
    first = next(bound.touchpoints())
    first.bind = [BindingRule(activity="visit", dataset="shop")]
    ctx.workspace.save_map(source.id, bound, base_revision=1)
    future = future_state_map(ctx, ANA, source.id)
    doc = future.document
    assert (doc.type.value, doc.based_on.model_dump() if doc.based_on else None) == (
        "future_state",
        {"map": source.id, "revision": 2},
    )
    assert doc.title == "Future state: " + source.document.title
    assert [(t.id, t.improves, t.bind) for t in doc.touchpoints()] == [
        (t.id, [t.id], []) for t in source.document.touchpoints()
    ]
    assert (
        future.info.message.render("en") == f"Future state of map 1 (“{source.document.title}”), revision 2"
    )
    with pytest.raises(InputError) as refused:
        future_state_map(ctx, ANA, future.id)
    assert refused.value.code == "map.future_of_future"
    # `safar map new --template insurance --based-on 1`: a template based on a map is its future state too.
    templated = ctx.workspace.new_from_template("insurance", "en", based_on=source.id).document
    assert (templated.type.value, templated.based_on) == ("future_state", BasedOn(map=source.id))


def test_owner_and_status_are_audited_and_the_owner_is_a_member(ctx: Context) -> None:
    made = new_blank_map(ctx, ANA, BlankMapIn(title="Claims", lang="en"))
    info = change_details(ctx, ANA, made.id, MapDetailsIn(owner="bob", status="in_review"))
    assert (info.owner, info.status, info.head) == ("bob", "in_review", 1)
    change_details(ctx, ANA, made.id, MapDetailsIn(owner="", status="in_review"))
    with pytest.raises(ValidationError) as refused:
        change_details(ctx, ANA, made.id, MapDetailsIn(owner="otto"))
    assert refused.value.code == "map.owner_not_member"
    assert refused.value.details["allowed"] == ["ana", "bob"]
    assert audit(ctx) == [
        ("ana", "web", "map.owner", "Claims", {"map": made.id, "before": None, "owner": "bob"}),
        ("ana", "web", "map.status", "Claims", {"map": made.id, "before": "draft", "status": "in_review"}),
        ("ana", "web", "map.owner", "Claims", {"map": made.id, "before": "bob", "owner": None}),
    ]


def test_an_archived_map_is_hidden_from_the_list_and_read_only(ctx: Context) -> None:
    kept = new_blank_map(ctx, ANA, BlankMapIn(title="Claims", lang="en"))
    old = new_blank_map(ctx, ANA, BlankMapIn(title="Claims 2024", lang="en"))
    assert archive_map(ctx, ANA, old.id).archived
    assert archive_map(ctx, ANA, old.id).archived  # twice: still archived, audited once
    listed = maps_list(ctx)
    assert ([m.id for m in listed.maps], listed.archived) == ([kept.id], 1)
    assert [m.id for m in maps_list(ctx, show="archived").maps] == [old.id]
    assert [m.id for m in maps_list(ctx, show="all").maps] == [kept.id, old.id]
    for refused in (
        lambda: ctx.workspace.save_map(old.id, old.document.model_copy(update={"title": "x"})),
        lambda: change_details(ctx, ANA, old.id, MapDetailsIn(status="published")),
        lambda: ctx.workspace.revert(old.id, 1),
    ):
        with pytest.raises(ConflictError) as err:
            refused()
        assert (err.value.code, err.value.details) == (
            "map.archived",
            {"map_id": old.id, "title": "Claims 2024"},
        )
    assert not archive_map(ctx, ANA, old.id, archived=False).archived
    change_details(ctx, ANA, old.id, MapDetailsIn(status="published"))
    assert [a[2] for a in audit(ctx)] == ["map.archive", "map.unarchive", "map.status"]


def test_the_list_searches_titles_and_tells_maps_with_one_title_apart(ctx: Context) -> None:
    ids = [
        new_blank_map(ctx, ANA, BlankMapIn(title=t, lang="fa")).id for t in ("نقشه‌ي كاربر", "خرید", "خرید")
    ]
    change_details(ctx, ANA, ids[2], MapDetailsIn(owner="bob"))
    assert [m.id for m in maps_list(ctx, query="نقشه ی کاربر").maps] == [ids[0]]  # Arabic letters, a joiner
    assert [m.id for m in maps_list(ctx, query="۲").maps] == [ids[1]]  # an id, in Persian digits
    found = maps_list(ctx, query="خرید")
    assert [(m.id, m.same_title, m.owner, m.owner_name) for m in found.maps] == [
        (ids[1], True, None, None),
        (ids[2], True, "bob", "بابک"),
    ]
    assert [m.same_title for m in maps_list(ctx).maps] == [False, True, True]
    assert maps_list(ctx, query="nothing like it").maps == []


def test_deleting_a_map_takes_its_history_and_surveys_and_is_audited(ctx: Context) -> None:
    source = ctx.workspace.new_from_template("insurance", "en")
    other = ctx.workspace.new_from_template("saas", "en")
    Surveys(ctx.workspace).create(source.id, quick_survey(source.document, ["nps"]))
    Surveys(ctx.workspace).create(other.id, quick_survey(other.document, ["nps"]))
    screen = deletion_screen(ctx, source.id)
    removed = {"revisions": 1, "surveys": 1, "alert_rules": 0, "snapshots": 0, "opportunities": 0}
    assert (screen.title, screen.removed) == (source.document.title, removed)
    assert delete_map(ctx, ANA, source.id) == DeletedMapOut(
        id=source.id, title=source.document.title, removed=removed
    )
    assert [m.id for m in ctx.workspace.list_maps()] == [other.id]
    assert [s.map_id for s in Surveys(ctx.workspace).list()] == [other.id]
    with pytest.raises(NotFoundError):
        ctx.workspace.get_map(source.id)
    with pytest.raises(NotFoundError):
        delete_map(ctx, ANA, source.id)
    assert audit(ctx) == [("ana", "web", "map.delete", source.document.title, {"map": source.id, **removed})]
