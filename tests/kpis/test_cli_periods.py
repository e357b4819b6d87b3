"""The CLI counts as the pages do: `safar voice report` names Jalali months in Persian and Gregorian ones in
English; `safar analyze --from/--to` take Jalali dates and Persian digits, naive in the workspace's zone;
a value it cannot read says so with examples it does read (issue 14, item 3).

The shop's journeys start on 10 January 2024 (20 Dey 1402) for ana and bob, 19 February (30 Bahman) for
cy and 20 February (1 Esfand) for dan, at 09:00 UTC (12:30 in Tehran).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from safar.cli import app
from safar.i18n import translate
from safar.workspace import Workspace


@pytest.fixture
def shop_ws(
    workspace: Workspace, tmp_path: Path, shop: Any, events_loader: Any, voice_loader: Any, journeys: Any
) -> Workspace:
    workspace.create_map(shop())
    events_loader(workspace, tmp_path, journeys)
    voice_loader(workspace.settings, 1, comments=())
    return workspace


def trend_rows(stdout: str, labels: tuple[str, ...]) -> list[str]:
    """The first cell of each table row that names one of ``labels``."""
    cells = [line.split("│")[1].strip() for line in stdout.splitlines() if line.count("│") > 2]
    return [c for c in cells if c.endswith(labels)]


@pytest.mark.parametrize(
    ("lang", "period", "expected"),
    [
        ("fa", "month", ["دی ۱۴۰۲", "بهمن ۱۴۰۲"]),
        ("fa", "quarter", ["زمستان ۱۴۰۲"]),
        ("en", "month", ["Jan 2024", "Feb 2024"]),
        ("en", "quarter", ["2024 Q1"]),
    ],
)
def test_the_voice_report_names_the_reader_s_periods(
    shop_ws: Workspace,
    lang: str,
    period: str,
    expected: list[str],
    monkeypatch: pytest.MonkeyPatch,
    terminal_width: Callable[[int], None],
) -> None:
    monkeypatch.setenv("SAFAR_LANG", lang)
    terminal_width(200)
    result = CliRunner().invoke(app, ["voice", "report", "1", "--period", period])
    assert result.exit_code == 0, result.output
    assert trend_rows(result.stdout, ("۱۴۰۲", "2024", "Q1")) == expected


def test_a_workspace_calendar_overrides_the_language(
    shop_ws: Workspace, monkeypatch: pytest.MonkeyPatch, terminal_width: Callable[[int], None]
) -> None:
    monkeypatch.setenv("SAFAR_LANG", "en")
    monkeypatch.setenv("SAFAR_CALENDAR", "jalali")
    monkeypatch.setenv("SAFAR_TZ", "Asia/Tehran")
    terminal_width(200)
    result = CliRunner().invoke(app, ["voice", "report", "1", "--json"])
    data = json.loads(result.stdout)
    assert data["calendar"] == "jalali"
    assert [(r["period"], r["label"]) for r in data["trend"]["nps"]] == [
        ("2023-12-22", "Dey 1402"),
        ("2024-01-21", "Bahman 1402"),
    ]


def customers_from(start: str | None, end: str | None = None) -> int:
    args = ["analyze", "summary", "--dataset", "shop", "--map", "1", "--json"]
    args += ["--from", start] if start else []
    args += ["--to", end] if end else []
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["customers"])


def test_from_and_to_read_jalali_dates_and_persian_digits_in_the_workspace_s_zone(
    shop_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAFAR_LANG", "fa")
    assert customers_from(None) == 4
    assert customers_from("1402/11/30") == 2  # 30 Bahman = 19 February: cy and dan
    # cy's last event, the cart, is at 10:00 UTC: 13:30 in Tehran
    assert customers_from("۱۴۰۲-۱۱-۳۰ ۱۳:۳۰") == 2
    assert customers_from("۱۴۰۲-۱۱-۳۰ ۱۳:۳۱") == 1  # a minute later: dan only
    assert customers_from("2024-02-19T10:01:00Z") == 1
    assert customers_from("1402/10/20", "1402/10/21") == 2  # 20 Dey: ana and bob
    monkeypatch.setenv("SAFAR_TZ", "UTC")
    assert customers_from("۱۴۰۲-۱۱-۳۰ ۱۰:۰۰") == 2  # the cart's instant written in UTC
    assert customers_from("۱۴۰۲-۱۱-۳۰ ۱۰:۰۱") == 1


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize(
    ("value", "code"), [("yesterday", "time.bad_moment"), ("05/02/2024", "time.ambiguous_moment")]
)
def test_a_time_it_cannot_read_is_an_error_whose_examples_it_reads(
    shop_ws: Workspace, monkeypatch: pytest.MonkeyPatch, lang: str, value: str, code: str
) -> None:
    monkeypatch.setenv("SAFAR_LANG", lang)
    result = CliRunner().invoke(
        app, ["analyze", "summary", "--dataset", "shop", "--map", "1", "--from", value]
    )
    assert result.exit_code == 2
    zone = "Asia/Tehran" if lang == "fa" else "UTC"
    assert result.stderr.strip() == translate(code, lang, option="--from", value=value, tz=zone)
    examples = re.findall(r"`([^`]+)`", result.stderr)
    assert len(examples) >= 2
    for example in examples:  # as printed, Persian included: Latin digits the user can type
        assert customers_from(example) >= 0


def test_period_help_says_what_each_calendar_does(terminal_width: Callable[[int], None]) -> None:
    terminal_width(400)
    for command in (
        ["map", "kpis", "--help"],
        ["voice", "report", "--help"],
        ["insights", "targets", "--help"],
    ):
        text = " ".join(CliRunner().invoke(app, command).stdout.split())
        assert "Jalali periods (weeks from Saturday, quarters are the seasons" in text, command
        assert "Gregorian ones (weeks from Monday)" in text, command
    text = " ".join(CliRunner().invoke(app, ["analyze", "funnel", "--help"]).stdout.split())
    assert "ISO 8601 or Jalali, Latin or Persian digits" in text
