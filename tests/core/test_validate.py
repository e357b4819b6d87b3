"""Bad map files get a clear error naming every problem, and nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safar.errors import InputError, ValidationError
from safar.maps.validate import read_map_file
from safar.workspace import Workspace

GOOD = """\
safar: 1
title: خرید بیمه
lang: fa
stages:
  - id: awareness
    name: آگاهی
    touchpoints:
      - id: ad
        name: تبلیغ
        channel: advertising
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_a_good_file_is_read(tmp_path: Path) -> None:
    journey = read_map_file(write(tmp_path, "m.yaml", GOOD))
    assert journey.title == "خرید بیمه"
    assert [t.id for t in journey.touchpoints()] == ["ad"]


def test_every_problem_is_reported_at_once_with_path_value_and_allowed(tmp_path: Path) -> None:
    bad = """\
title: ""
type: past_state
surprise: 1
stages:
  - id: Awareness Stage
    name: A
    touchpoints:
      - {id: call, name: Call, channel: fax, emotion: {score: 5}}
      - {id: call, name: Call again, channel: call_centre}
  - id: buy
    name: Buy
    touchpoints:
      - {id: pay, channel: website}
  - id: buy
    name: Buy again
"""
    with pytest.raises(ValidationError) as caught:
        read_map_file(write(tmp_path, "bad.yaml", bad))
    err = caught.value
    assert err.code == "map.invalid"
    problems = [(p["path"], p["code"], p["value"]) for p in err.details["errors"]]
    assert problems == [
        ("stages[0].id", "string_pattern_mismatch", "Awareness Stage"),
        ("stages[0].touchpoints[0].channel", "unknown_channel", "fax"),
        ("stages[0].touchpoints[0].emotion.score", "less_than_equal", 5),
        ("stages[0].touchpoints[1].id", "duplicate_id", "call"),
        ("stages[1].touchpoints[0].name", "missing", None),
        ("stages[2].id", "duplicate_id", "buy"),
        ("surprise", "extra_forbidden", 1),
        ("title", "string_too_short", ""),
        ("type", "enum", "past_state"),
    ]
    assert err.details["count"] == 9
    by_path = {p["path"]: p for p in err.details["errors"]}
    assert "call_centre" in by_path["stages[0].touchpoints[0].channel"]["allowed"]
    assert (
        by_path["type"]["allowed"]
        == "'current_state', 'day_in_the_life', 'future_state' or 'service_blueprint'"
    )
    assert str(tmp_path / "bad.yaml") in err.message_for("en")


@pytest.mark.parametrize(
    ("name", "content", "code", "details"),
    [
        ("broken.yaml", "title: x\nstages: [\n  - id: a\n", "file.bad_yaml", {"line": 3}),
        ("dupkey.yaml", "title: x\ntitle: y\n", "file.bad_yaml", {"line": 2, "column": 1}),
        ("alias.yaml", "a: &x [1]\nb: *x\n", "file.bad_yaml", {"line": 2}),
        ("broken.json", '{"title": "x",}', "file.bad_json", {"line": 1}),
        ("latin1.yaml", "title: caf\xe9\n".encode("latin-1"), "file.not_utf8", {"line": 1, "byte": 10}),
        ("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00", "file.binary", {}),
        ("list.yaml", "- a\n- b\n", "map.invalid", {"count": 1}),
    ],
)
def test_unreadable_files_get_a_clear_error(
    tmp_path: Path, name: str, content: str | bytes, code: str, details: dict[str, object]
) -> None:
    with pytest.raises((InputError, ValidationError)) as caught:
        read_map_file(write(tmp_path, name, content))
    assert caught.value.code == code
    assert {k: caught.value.details[k] for k in details} == details
    assert caught.value.details["source"].endswith(name)


def test_a_10_mb_garbage_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "garbage.yaml"
    path.write_bytes(bytes(range(256)) * (10 * 1024 * 1024 // 256))
    with pytest.raises(InputError) as caught:
        read_map_file(path)
    assert caught.value.code == "file.too_large"
    assert caught.value.details["size_mb"] == 10.0


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_map_file(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="is a folder"):
        read_map_file(tmp_path)


def test_a_workspace_channel_is_known_once_added(workspace: Workspace, tmp_path: Path) -> None:
    from safar.model import Channel

    path = write(tmp_path, "m.yaml", GOOD.replace("advertising", "bale"))
    with pytest.raises(ValidationError):
        workspace.import_map(path)
    workspace.add_channel(Channel(id="bale", name_fa="بله", name_en="Bale messenger", kind="messaging"))
    assert workspace.import_map(path).revision == 1


def test_a_document_may_declare_its_own_channels(tmp_path: Path) -> None:
    doc = GOOD.replace("advertising", "kiosk") + (
        "channels:\n  - {id: kiosk, name_fa: کیوسک, name_en: Kiosk, kind: in_person}\n"
    )
    assert read_map_file(write(tmp_path, "m.yaml", doc)).channels[0].id == "kiosk"


def test_failed_import_writes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    workspace.import_map(write(tmp_path, "good.yaml", GOOD))
    bad = write(tmp_path, "bad.json", json.dumps({"title": "x", "stages": [{"id": "s"}]}))
    with pytest.raises(ValidationError):
        workspace.import_map(bad, map_id=1)
    with pytest.raises(ValidationError):
        workspace.import_map(bad)
    assert [(m.id, m.head) for m in workspace.list_maps()] == [(1, 1)]
