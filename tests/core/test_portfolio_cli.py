"""`safar map rename|duplicate|future|archive|delete`: the portfolio's acts from the terminal, as on its pages."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from safar.cli import app

runner = CliRunner()


def safar(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def as_json(*args: str) -> dict[str, object]:
    code, out, err = safar(*args, "--json")
    assert code == 0, err
    found: dict[str, object] = json.loads(out)
    return found


def test_a_map_is_renamed_copied_made_future_archived_and_deleted(database: str) -> None:
    assert safar("map", "new", "--template", "insurance", "--lang", "en")[0] == 0
    assert as_json("map", "rename", "1", "--title", "Claims 2027", "--status", "in_review") == {
        "id": 1,
        "title": "Claims 2027",
        "status": "in_review",
        "owner": None,
    }
    assert as_json("map", "duplicate", "1") == {"id": 2, "revision": 1, "title": "Copy of Claims 2027"}
    future = as_json("map", "future", "1")
    assert future["id"] == 3
    made = json.loads(safar("map", "export", "3", "--format", "json")[1])
    assert (made["type"], made["based_on"]["map"]) == ("future_state", 1)
    assert as_json("map", "archive", "2") == {"id": 2, "title": "Copy of Claims 2027", "archived": True}

    def listed(*args: str) -> list[int]:
        return [m["id"] for m in json.loads(safar("map", "list", *args, "--json")[1])]

    # as the maps page: the archived map only when asked for
    assert (listed(), listed("--show", "archived"), listed("--show", "all")) == ([1, 3], [2], [1, 2, 3])
    assert listed("--show", "all", "--search", "copy") == [2]
    assert safar("map", "list", "--show", "hidden")[0] == 2
    code, _, err = safar("map", "rename", "2", "--title", "Renamed while archived")
    assert code != 0 and "archived" in err.lower()
    assert as_json("map", "archive", "2", "--restore")["archived"] is False
    code, _, err = safar("map", "delete", "2")
    assert code == 2 and "--yes" in err
    assert as_json("map", "delete", "2", "--yes")["id"] == 2
    listed = json.loads(safar("map", "list", "--json")[1])
    assert [m["id"] for m in listed] == [1, 3]


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_terminal_says_what_was_done_and_refuses_a_bad_status(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAFAR_LANG", lang)
    assert safar("map", "new", "--template", "insurance", "--lang", lang)[0] == 0
    code, out, _ = safar("map", "rename", "1", "--status", "published")
    expected = {"en": "status Published.", "fa": "وضعیت منتشرشده."}[lang]
    assert code == 0 and expected in out
    code, _, err = safar("map", "rename", "1", "--status", "done")
    assert code == 2 and "draft, in_review, published" in err
    code, _, err = safar("map", "rename", "1", "--title", "  ")
    assert code == 2 and "--title" in err
