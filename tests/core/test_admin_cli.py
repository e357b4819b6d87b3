"""``safar user …`` and ``safar workspace …``: the administration pages' equals, audited as done from the
command line by ``SAFAR_USER``."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from typer.testing import CliRunner

from safar.cli import app

runner = CliRunner()


def safar(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_the_terminal_administers_as_the_pages_do() -> None:
    password = {"SAFAR_NEW_PASSWORD": "a long enough password"}
    assert safar("user", "create", "ana", "--admin", "--name", "Ana", env=password)[0] == 0
    code, out, _ = safar("user", "create", "mina", "--role", "viewer", env=password)
    assert (code, out) == (0, "User 'mina' can now log in (viewer of workspace default).\n")
    assert safar("workspace", "create", "claims", "--name", "Claims")[1] == "Workspace claims is created.\n"
    assert (
        safar("workspace", "rename", "claims", "Claims team")[1]
        == "Workspace claims is now called 'Claims team'.\n"
    )
    assert safar("--workspace", "claims", "user", "grant", "mina", "--role", "editor")[0] == 0
    code, token, err = safar(
        "user",
        "token",
        "mina",
        "--name",
        "sync",
        "--scope",
        "read",
        "--limit-to",
        "claims",
        "--expires-days",
        "7",
    )
    assert code == 0 and token.startswith("sft_") and "shown only once" in err
    assert (
        safar("user", "disable", "mina")[1]
        == "'mina' is disabled: they cannot log in, are signed out everywhere and their tokens no longer work.\n"
    )
    assert safar("user", "enable", "mina")[1] == "'mina' can log in again.\n"
    assert safar("user", "password", "mina", env={"SAFAR_NEW_PASSWORD": "another long one"})[0] == 0
    assert safar("--workspace", "claims", "user", "ungrant", "mina")[0] == 0

    code, out, _ = safar("user", "list", "--json")
    users = json.loads(out)["users"]
    assert [
        (u["username"], u["admin"], u["disabled"], [(m["workspace"], m["role"]) for m in u["workspaces"]])
        for u in users
    ] == [
        ("ana", True, False, [("default", "admin")]),
        ("mina", False, False, [("default", "viewer")]),
    ]
    tokens = json.loads(safar("user", "tokens", "--json")[1])["tokens"]
    assert [(t["name"], t["username"], t["scope"], t["workspace"], t["active"]) for t in tokens] == [
        ("sync", "mina", "read", "claims", True)
    ]
    life = datetime.fromisoformat(tokens[0]["expires_at"]) - datetime.fromisoformat(tokens[0]["created_at"])
    assert abs(life - timedelta(days=7)) < timedelta(seconds=5)
    assert "no end" not in safar("user", "tokens")[1]
    assert safar("user", "revoke-token", "mina", "sync")[1] == "The token 'sync' of 'mina' is revoked.\n"
    code, _, err = safar("user", "revoke-token", "mina", "sync")
    assert (code, err.strip()) == (
        2,
        "'mina' has no working token called 'sync'. Run `safar user tokens` to see them.",
    )
    code, _, err = safar("user", "token", "mina", "--scope", "everything")
    assert (code, err) == (2, "Unknown token scope 'everything'; use one of: read, write.\n")
    workspaces = json.loads(safar("workspace", "list", "--json")[1])["workspaces"]
    assert [(w["slug"], w["name"]) for w in workspaces] == [("default", "default"), ("claims", "Claims team")]

    from safar.accounts import Accounts
    from safar.config import Settings
    from safar.store.engine import make_engine

    engine = make_engine(Settings.from_env().database_url)
    try:
        entries, total = Accounts(engine).audit()
    finally:
        engine.dispose()
    assert [(e.actor, e.via, e.action, e.target, e.workspace) for e in reversed(entries)] == [
        ("tester", "cli", "user.create", "ana", "default"),
        ("tester", "cli", "user.create", "mina", "default"),
        ("tester", "cli", "workspace.create", "claims", "claims"),
        ("tester", "cli", "workspace.rename", "claims", "claims"),
        ("tester", "cli", "member.grant", "mina", "claims"),
        ("tester", "cli", "token.create", "mina", "claims"),
        ("tester", "cli", "user.disable", "mina", None),
        ("tester", "cli", "user.enable", "mina", None),
        ("tester", "cli", "user.password", "mina", None),
        ("tester", "cli", "member.remove", "mina", "claims"),
        ("tester", "cli", "token.revoke", "mina", None),
    ] and total == 11


def test_the_terminal_gives_and_takes_the_administrator_flag() -> None:
    password = {"SAFAR_NEW_PASSWORD": "a long enough password"}
    assert safar("user", "create", "ana", "--admin", env=password)[0] == 0
    assert safar("user", "create", "mina", env=password)[0] == 0
    assert safar("user", "admin", "mina", "--on") == (
        0,
        "'mina' is now an administrator of this installation.\n",
        "",
    )
    assert (
        safar("user", "admin", "ana", "--off")[1]
        == "'ana' is no longer an administrator of this installation.\n"
    )
    code, _, err = safar("user", "admin", "mina", "--off")
    assert (code, err) == (
        2,
        "'mina' is the last active administrator of this installation and stays one: make another user an "
        "administrator first.\n",
    )
    code, _, err = safar("user", "disable", "mina")
    assert code == 2 and "last active administrator" in err
    users = json.loads(safar("user", "list", "--json")[1])["users"]
    assert [(u["username"], u["admin"], u["disabled"]) for u in users] == [
        ("ana", False, False),
        ("mina", True, False),
    ]


def test_a_password_reset_says_which_tokens_still_work_or_revokes_them() -> None:
    password = {"SAFAR_NEW_PASSWORD": "a long enough password"}
    assert safar("user", "create", "mina", "--role", "editor", env=password)[0] == 0
    assert safar("user", "token", "mina", "--name", "crm")[0] == 0
    assert safar("user", "token", "mina", "--name", "bi", "--scope", "read")[0] == 0
    code, out, _ = safar("user", "password", "mina", env={"SAFAR_NEW_PASSWORD": "another long one"})
    assert code == 0
    assert " ".join(out.split()) == (
        "The password of 'mina' is changed. Their sessions have ended; 2 of their API tokens still work. "
        "Revoke them with `safar user revoke-token mina NAME` (`safar user tokens` lists them), or reset "
        "with --revoke-tokens."
    )
    assert [t["active"] for t in json.loads(safar("user", "tokens", "--json")[1])["tokens"]] == [True, True]
    code, out, _ = safar(
        "user", "password", "mina", "--revoke-tokens", env={"SAFAR_NEW_PASSWORD": "yet another long one"}
    )
    assert (code, out) == (0, "The password of 'mina' is changed.\n")
    assert [t["active"] for t in json.loads(safar("user", "tokens", "--json")[1])["tokens"]] == [False, False]
