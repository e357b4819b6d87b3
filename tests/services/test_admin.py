"""The administration service: each act's whole result, its audit row, and the refusals a serious product
makes (your own account, a token for a workspace its user is not in, a bad short name)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from safar.accounts import Accounts, Actor, Role, TokenGrant, TokenScope, User
from safar.config import Settings
from safar.errors import NotFoundError, SafarError, ValidationError
from safar.services import admin
from safar.store.engine import make_engine, migrate

BY = Actor("ana", "web")


@pytest.fixture
def accounts() -> Iterator[Accounts]:
    engine = make_engine(Settings.from_env().database_url)
    migrate(engine)
    made = Accounts(engine)
    made.create_user("ana", "a long password", display_name="Ana", admin=True)
    yield made
    engine.dispose()


def test_a_user_made_with_a_generated_password_logs_in_with_it(accounts: Accounts) -> None:
    made = admin.create_user(accounts, BY, admin.NewUserIn(username="mina", display_name="Mina"))
    assert made.generated_password is not None and accounts.authenticate("mina", made.generated_password)
    assert made.user.model_dump(exclude={"created_at"}) == {
        "username": "mina",
        "display_name": "Mina",
        "admin": False,
        "disabled": False,
        "disabled_at": None,
        "workspaces": [{"workspace": "default", "workspace_name": "default", "role": "viewer"}],
    }
    chosen = admin.reset_password(accounts, BY, "mina", "chosen by the admin")
    assert chosen.generated_password is None and accounts.authenticate("mina", "chosen by the admin")


def test_refusals_name_what_was_wrong(accounts: Accounts) -> None:
    def code(act: object) -> tuple[str, dict[str, object]]:
        with pytest.raises(SafarError) as caught:
            act()  # type: ignore[operator]
        return caught.value.code, caught.value.details

    assert code(lambda: admin.set_user_disabled(accounts, BY, "ana", True)) == (
        "user.disable_self",
        {"username": "ana"},
    )
    assert code(lambda: admin.create_workspace(accounts, BY, admin.WorkspaceIn(slug="Claims Team"))) == (
        "workspace.bad_slug",
        {"workspace": "Claims Team"},
    )
    accounts.create_user("crm", "a long password", role=Role.EDITOR)
    assert code(
        lambda: admin.create_token(
            accounts, BY, admin.TokenIn(username="crm", name="sync", workspace="other")
        )
    ) == ("workspace.not_found", {"workspace": "other"})
    admin.create_workspace(accounts, BY, admin.WorkspaceIn(slug="other", name="Other"))
    assert code(
        lambda: admin.create_token(
            accounts, BY, admin.TokenIn(username="crm", name="sync", workspace="other")
        )
    ) == ("token.not_member", {"username": "crm", "workspace": "other"})
    assert code(lambda: admin.remove_member(accounts, BY, "other", "crm")) == (
        "member.not_found",
        {"username": "crm", "workspace": "other"},
    )
    with pytest.raises(NotFoundError):
        admin.revoke_token(accounts, BY, 99)
    with pytest.raises(ValidationError):
        admin.reset_password(accounts, BY, "crm", "short")


def test_a_token_is_recorded_when_used_and_ends_when_revoked(accounts: Accounts) -> None:
    accounts.create_user("crm", "a long password", role=Role.EDITOR)
    made = admin.create_token(accounts, BY, admin.TokenIn(username="crm", name="sync", workspace="default"))
    assert made.about.last_used_at is None and made.token.startswith(made.about.prefix or "-")
    crm = User(2, "crm", "crm", False)
    assert accounts.token_grant(made.token) == TokenGrant(
        crm, made.about.id, "sync", TokenScope.READ, "default"
    )
    used = admin.tokens_screen(accounts).tokens[0].last_used_at
    assert used is not None and datetime.now(UTC) - used < timedelta(minutes=1)
    revoked = admin.revoke_token(accounts, BY, made.about.id)
    assert (revoked.active, accounts.token_grant(made.token)) == (False, None)
    # A second revocation changes nothing and is not audited twice.
    admin.revoke_token(accounts, BY, made.about.id)
    assert [e.action for e in admin.audit_log(accounts).entries] == ["token.revoke", "token.create"]
