"""The administrator flag and a workspace's members: each act's whole result, its audit row, and the
refusals that keep someone able to manage (the installation's last administrator, a workspace's last admin)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from safar.accounts import Accounts, Actor, Role
from safar.config import Settings
from safar.errors import SafarError
from safar.services import admin, members
from safar.store.engine import make_engine, migrate

ANA = Actor("ana", "web")


@pytest.fixture
def accounts(database: str) -> Iterator[Accounts]:
    engine = make_engine(Settings.from_env().database_url)
    migrate(engine)
    made = Accounts(engine)
    made.create_user("ana", "a long password", display_name="Ana", admin=True)
    made.create_user("wanda", "a long password", display_name="Wanda", workspace="claims", role=Role.ADMIN)
    yield made
    engine.dispose()


def refusal(act: Callable[[], object]) -> tuple[str, dict[str, object]]:
    with pytest.raises(SafarError) as caught:
        act()
    return caught.value.code, caught.value.details


def test_the_administrator_flag_is_given_and_taken_but_never_lost_by_the_last(accounts: Accounts) -> None:
    made = admin.set_user_admin(accounts, ANA, "wanda", True)
    assert made.model_dump(exclude={"created_at"}) == {
        "username": "wanda",
        "display_name": "Wanda",
        "admin": True,
        "disabled": False,
        "disabled_at": None,
        "workspaces": [{"workspace": "claims", "workspace_name": "claims", "role": "admin"}],
    }
    admin.set_user_admin(accounts, ANA, "wanda", True)  # again: nothing changes, nothing audited
    assert refusal(lambda: admin.set_user_admin(accounts, ANA, "ana", False)) == (
        "user.admin_self",
        {"username": "ana"},
    )
    assert admin.set_user_admin(accounts, Actor("wanda", "api"), "ana", False).admin is False
    cli = Actor("tester", "cli")
    assert refusal(lambda: admin.set_user_admin(accounts, cli, "wanda", False)) == (
        "user.last_admin",
        {"username": "wanda"},
    )
    assert refusal(lambda: admin.set_user_disabled(accounts, cli, "wanda", True)) == (
        "user.last_admin",
        {"username": "wanda"},
    )
    # A disabled administrator is no administrator: the last active one is kept.
    admin.set_user_admin(accounts, cli, "ana", True)
    admin.set_user_disabled(accounts, cli, "ana", True)
    assert refusal(lambda: admin.set_user_admin(accounts, cli, "wanda", False))[0] == "user.last_admin"
    assert refusal(lambda: admin.set_user_admin(accounts, cli, "nobody", True))[0] == "user.not_found"
    assert [(e.actor, e.via, e.action, e.target) for e in reversed(admin.audit_log(accounts).entries)] == [
        ("ana", "web", "user.admin_grant", "wanda"),
        ("wanda", "api", "user.admin_revoke", "ana"),
        ("tester", "cli", "user.admin_grant", "ana"),
        ("tester", "cli", "user.disable", "ana"),
    ]


def test_a_workspace_admin_invites_changes_and_removes_in_their_workspace(accounts: Accounts) -> None:
    wanda = Actor("wanda", "web")
    invited = members.invite_member(
        accounts, wanda, "claims", members.NewMemberIn(username="nima", display_name="Nima", role="editor")
    )
    assert invited.generated_password and accounts.authenticate("nima", invited.generated_password)
    assert invited.user.model_dump(exclude={"created_at"}) == {
        "username": "nima",
        "display_name": "Nima",
        "admin": False,
        "disabled": False,
        "disabled_at": None,
        "workspaces": [{"workspace": "claims", "workspace_name": "claims", "role": "editor"}],
    }
    added = members.set_member(accounts, wanda, "claims", "ana", "viewer")
    assert added.model_dump(exclude={"created_at"}) == {
        "slug": "claims",
        "name": "claims",
        "members": [
            {"username": "ana", "display_name": "Ana", "role": "viewer", "disabled": False},
            {"username": "nima", "display_name": "Nima", "role": "editor", "disabled": False},
            {"username": "wanda", "display_name": "Wanda", "role": "admin", "disabled": False},
        ],
    }
    assert refusal(lambda: members.set_member(accounts, wanda, "claims", "wanda", "editor")) == (
        "member.last_admin",
        {"username": "wanda", "workspace": "claims"},
    )
    assert (
        refusal(lambda: members.remove_member(accounts, wanda, "claims", "wanda"))[0] == "member.last_admin"
    )
    members.set_member(accounts, wanda, "claims", "nima", "admin")
    after = members.remove_member(accounts, wanda, "claims", "wanda")  # another admin is left
    assert [(m.username, m.role) for m in after.members] == [("ana", "viewer"), ("nima", "admin")]
    assert refusal(lambda: members.members_screen(accounts, "nowhere")) == (
        "workspace.not_found",
        {"workspace": "nowhere"},
    )
    assert refusal(
        lambda: members.invite_member(accounts, wanda, "nowhere", members.NewMemberIn(username="x"))
    ) == ("workspace.not_found", {"workspace": "nowhere"})
    assert not accounts.exists("x")
    assert [(e.action, e.target, e.workspace) for e in reversed(admin.audit_log(accounts).entries)] == [
        ("user.create", "nima", "claims"),
        ("member.grant", "ana", "claims"),
        ("member.grant", "nima", "claims"),
        ("member.remove", "wanda", "claims"),
    ]
