"""The CLI contract, driven as a user would drive it (Typer's CliRunner, in-process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from safar.cli import app

runner = CliRunner()


def safar(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_newcomer_flow(tmp_path: Path, database: str) -> None:
    """README: create a map from the insurance template, change it, see the diff, revert it."""
    assert safar("init")[0] == 0
    code, out, _ = safar("map", "new", "--template", "insurance", "--lang", "fa")
    assert (code, out) == (0, "1\n")
    exported = tmp_path / "insurance.yaml"
    assert safar("map", "export", "1", "-o", str(exported))[0] == 0
    doc = yaml.safe_load(exported.read_text(encoding="utf-8"))
    doc["stages"][0]["touchpoints"].pop()
    doc["title"] = "سفر خرید بیمه بدنه"
    exported.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, out, _ = safar("map", "import", str(exported), "--map", "1", "--base-revision", "1", "-m", "edit")
    assert code == 0 and "saved revision 2" in out

    code, out, _ = safar("map", "diff", "1", "1", "2", "--json")
    changes = json.loads(out)["changes"]
    assert [(c["kind"], c["target"]) for c in changes] == [("changed", "map"), ("removed", "touchpoint")]

    code, out, err = safar("map", "import", str(exported), "--map", "1", "--base-revision", "1")
    assert code == 2 and out == ""
    assert "has changed since revision 1" in err and "--base-revision 2" in err

    assert safar("map", "revert", "1", "1")[0] == 0
    history = json.loads(safar("map", "history", "1", "--json")[1])
    assert [(h["revision"], h["message"], h["message_key"], h["message_values"]) for h in history] == [
        (
            1,
            "Created from template Insurance: buying and using a policy (Persian)",
            "msg.from_template",
            {"template": "insurance", "lang": "fa"},
        ),
        (2, "edit", "msg.text", {"text": "edit"}),
        (3, "Revert to revision 1", "msg.revert", {"revision": 1}),
    ]
    assert json.loads(safar("map", "diff", "1", "1", "3", "--json")[1])["changes"] == []
    listed = json.loads(safar("map", "list", "--json")[1])
    assert [(m["id"], m["revision"], m["lang"]) for m in listed] == [(1, 3, "fa")]


def test_validate_exits_2_listing_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "title: x\nstages:\n  - {id: s, name: S, touchpoints: [{id: a, name: A, channel: fax}]}\n"
        "  - {id: s, name: T}\n",
        encoding="utf-8",
    )
    code, out, err = safar("map", "validate", str(bad))
    assert code == 2 and out == ""
    assert err.splitlines()[0] == f"{bad}: 2 problem(s) in the journey map; nothing was saved."
    assert err.splitlines()[1].startswith("  stages[0].touchpoints[0].channel: not in the channel catalogue")
    assert "stages[1].id" in err.splitlines()[2]
    code, out, _ = safar("map", "validate", str(bad), "--json")
    error = json.loads(out)["error"]
    assert (code, error["code"], len(error["details"]["errors"])) == (2, "map.invalid", 2)

    good = tmp_path / "good.yaml"
    good.write_text("title: x\nstages: [{id: s, name: S}]\n", encoding="utf-8")
    assert safar("map", "validate", str(good)) == (
        0,
        f"{good}: valid journey map (1 stages, 0 touchpoints).\n",
        "",
    )


def test_errors_speak_persian_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAFAR_LANG")
    code, _, err = safar("map", "show", "42")
    assert code == 2
    assert err.strip() == (
        "نقشه سفری با شناسه ۴۲ در این فضای کاری نیست. برای دیدن نقشه‌ها `safar map list` را اجرا کنید."
    )


def test_read_commands_print_json(database: str) -> None:
    safar("map", "new", "--template", "ecommerce", "--lang", "en", "--title", "Food <b>delivery</b>")
    shown = json.loads(safar("map", "show", "1", "--json")[1])
    assert (shown["id"], shown["revision"], shown["document"]["title"]) == (1, 1, "Food <b>delivery</b>")
    assert shown["author"] == "tester"
    schema = json.loads(safar("map", "schema")[1])
    assert schema["title"] == "JourneyMap" and "stages" in schema["properties"]
    templates = json.loads(safar("map", "templates", "--json")[1])
    assert [t["name"] for t in templates] == [
        "insurance",
        "ecommerce",
        "saas",
        "saas-day",
        "saas-future",
        "contact-centre",
    ]
    channels = json.loads(safar("channel", "list", "--json")[1])
    assert {
        "id": "call_centre",
        "name_fa": "مرکز تماس",
        "name_en": "Call centre",
        "kind": "voice",
    } in channels


def test_export_json_and_show_in_the_terminal(tmp_path: Path) -> None:
    safar("map", "new", "--template", "insurance", "--lang", "en")
    code, out, _ = safar("map", "export", "1", "--format", "json")
    assert code == 0 and json.loads(out)["lang"] == "en"
    code, out, _ = safar("map", "show", "1")
    assert code == 0 and "★" in out


def test_channel_add_then_use(tmp_path: Path) -> None:
    code, out, _ = safar(
        "channel", "add", "bale", "--name-fa", "بله", "--name-en", "Bale", "--kind", "messaging"
    )
    assert (code, out) == (0, "bale: Bale\n")
    code, _, err = safar("channel", "add", "Bad Id", "--name-fa", "x", "--name-en", "x")
    assert code == 2 and "The channel is not valid" in err
    path = tmp_path / "m.yaml"
    path.write_text(
        "title: x\nstages: [{id: s, name: S, touchpoints: [{id: a, name: A, channel: bale}]}]\n",
        encoding="utf-8",
    )
    assert safar("map", "validate", str(path))[0] == 0
    assert safar("map", "import", str(path)) == (0, "Created map 1 (revision 1).\n", "")


def test_demo_prepares_the_workspace_once_and_keeps_the_password() -> None:
    code, out, _ = safar("demo", "--lang", "en", "--no-serve")
    assert code == 0 and "/w/default/maps/1" in out and "log in as 'demo'" in out
    password = out.rsplit(" ", 1)[1].strip()
    code, again, _ = safar("demo", "--lang", "en", "--no-serve")
    assert code == 0 and again.rsplit(" ", 1)[1].strip() == password
    maps = json.loads(safar("map", "list", "--json")[1])
    assert [(m["id"], m["type"]) for m in maps] == [(1, "current_state"), (2, "future_state")]
