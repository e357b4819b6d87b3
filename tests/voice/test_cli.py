"""`safar sentiment` through Typer's CliRunner, mounted the way the lead mounts it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from safar.cli import voice
from safar.cli.output import SafarGroup
from safar.voice.explain import drivers
from safar.voice.sentiment import score


@pytest.fixture
def run() -> object:
    root = typer.Typer(cls=SafarGroup)

    @root.callback()
    def _root() -> None:
        pass

    root.add_typer(voice.app)
    runner = CliRunner()
    return lambda *args, **kw: runner.invoke(root, list(args), **kw)


def test_one_text_plain_and_json(run) -> None:  # type: ignore[no-untyped-def]
    result = run("sentiment", "خیلی عالی بود، ممنون")
    assert result.exit_code == 0
    label, value, lang, why = result.stdout.strip().split("\t")
    assert (label, lang) == ("positive", "fa") and float(value) > 0
    assert "عالی" in why  # what drove the label, with its weight
    result = run("sentiment", "--json", "Worst support ever")
    found = json.loads(result.stdout)
    said = score(["Worst support ever"])[0]
    assert found == {
        "label": "negative",
        "score": said.score,
        "lang": "en",
        # what drove it: the model's log-odds of "negative" fall by the weight without the word
        "drivers": [d.to_dict() for d in drivers("Worst support ever", "negative", "en")],
    }
    assert [d["phrase"] for d in found["drivers"]][:1] == ["Worst"] and found["drivers"][0]["weight"] < 0


def test_file_gives_one_json_object_per_line(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "comments.txt"
    path.write_text("غذا سرد بود\n\nGreat, thanks!\nپیک مودب بود\n", encoding="utf-8")
    result = run("sentiment", "--file", str(path))
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["label"], r["lang"]) for r in rows] == [
        ("negative", "fa"),
        ("neutral", "fa"),
        ("positive", "en"),
        ("positive", "fa"),
    ]
    assert all(set(r) == {"label", "score", "lang"} for r in rows)


def test_stdin(run) -> None:  # type: ignore[no-untyped-def]
    result = run("sentiment", "--file", "-", input="عالی\nbad\n")
    assert [json.loads(line)["label"] for line in result.stdout.splitlines()] == ["positive", "negative"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Give a text to score, or --file FILE with one text per line."),
        (("a", "--file", "x.txt"), "Give either a text or --file FILE, not both."),
        (("--file", "nowhere.txt"), "nowhere.txt: no such file. Check the path."),
        (("--text-lang", "de", "hallo"), "Unknown language 'de'. Use one of: fa, en."),
    ],
)
def test_errors_are_one_line_and_exit_2(run, args: tuple[str, ...], message: str) -> None:  # type: ignore[no-untyped-def]
    result = run("sentiment", *args)
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert result.stdout == ""


def test_not_utf8_names_the_line(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.txt"
    path.write_bytes("خوب\n".encode() + b"\xff\xfe bad\n")
    monkeypatch.setenv("SAFAR_LANG", "fa")
    result = run("sentiment", "--file", str(path))
    assert result.exit_code == 2
    assert "در خط ۲" in result.stderr


def test_long_files_show_a_progress_bar_on_a_terminal(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console

    monkeypatch.setattr(voice, "PROGRESS_FROM", 10)
    monkeypatch.setattr(voice, "Console", lambda stderr: Console(stderr=stderr, force_terminal=True))
    path = tmp_path / "many.txt"
    path.write_text("خوب بود\n" * 1200, encoding="utf-8")
    result = run("sentiment", "--file", str(path))
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1200
    assert "sentiment" in result.stderr
