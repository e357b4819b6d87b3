"""Every table of the CLI besides ``safar analyze`` (tests/analytics/test_cli_width.py) over the demo, in
Persian and English, in an 80-column terminal: every line within 80 columns, no cell cut with "…" (a table
whose words cannot fit says to use --json), touchpoints by name, durations in days and shares in percent;
``--json`` keeps the raw numbers."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from safar.cli import app
from safar.config import Settings
from safar.i18n import format_percent, translate

pytestmark = [
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning"),
]

BAD = "width-bad-rows"
COMMANDS = {
    "map list": ["map", "list"],
    "map history": ["map", "history", "{map}"],
    "map templates": ["map", "templates"],
    "map show": ["map", "show", "{map}"],
    "map overlay": ["map", "overlay", "{map}"],
    "map journeys": ["map", "journeys", "{map}"],
    "map kpis": ["map", "kpis", "{map}"],
    "map customers": ["map", "customers", "{map}", "--per-page", "5"],
    "insights drivers": ["insights", "drivers", "--map", "{map}", "--bootstrap", "20"],
    "insights quadrants": ["insights", "quadrants", "--map", "{map}"],
    "insights gaps": ["insights", "gaps", "--map", "{map}"],
    "insights moments": ["insights", "moments", "{map}", "--bootstrap", "0"],
    "insights opportunities": ["insights", "opportunities", "{map}"],
    "insights targets": ["insights", "targets", "{map}"],
    "survey list": ["survey", "list"],
    "survey show": ["survey", "show", "1"],
    "voice report": ["voice", "report", "{map}"],
    "alerts rules": ["alerts", "rules"],
    "alerts list": ["alerts", "list"],
    "alerts check": ["alerts", "check"],
    "alerts destinations": ["alerts", "destinations"],
    "events datasets": ["events", "datasets"],
    "events rejected": ["events", "rejected", "--dataset", BAD],
    "channel list": ["channel", "list"],
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, str]]:
    """The demo made once for the module, and a small file with bad rows ingested: (map id, SAFAR_HOME)."""
    from safar.demo import create_demo_map
    from safar.events import ingest_file
    from safar.workspace import Workspace

    folder = tmp_path_factory.mktemp("tables")
    home = str(folder / "home")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SAFAR_HOME", home)
        env.setenv("SAFAR_LANG", "en")
        env.setenv("SAFAR_USER", "tester")
        env.setenv("COLUMNS", "80")
        for name in ("SAFAR_DATABASE_URL", "SAFAR_WORKSPACE", "SAFAR_TZ"):
            env.delenv(name, raising=False)
        settings = Settings.from_env()
        with Workspace.open(settings) as ws:
            map_id = create_demo_map(ws, settings, "en")
            ws.claim_dataset(BAD)
        bad = Path(folder / "bad.csv")
        bad.write_text(
            "customer_id,timestamp,activity\nC1,2026-01-01T10:00:00Z,call\nC2,not a time,call\n,2026-01-02,call\n",
            encoding="utf-8",
        )
        ingest_file(settings, bad, dataset=BAD)
        yield map_id, home


@pytest.fixture(autouse=True)
def _eighty_columns(terminal_width: Callable[[int], None]) -> None:
    terminal_width(80)


# Commands that only read the module's demo: several tests read the same output, printed once.
READ_ONLY = {"insights opportunities", "insights moments", "channel list"}
PRINTED: dict[tuple[str, str, str, tuple[str, ...]], str] = {}


def _run(demo: tuple[int, str], command: str, lang: str, *extra: str) -> str:
    map_id, home = demo
    key = (home, command, lang, extra)
    if command in READ_ONLY and key in PRINTED:
        return PRINTED[key]
    args = [a.replace("{map}", str(map_id)) for a in COMMANDS[command]]
    env = {"SAFAR_LANG": lang, "SAFAR_HOME": home, "COLUMNS": "80"}
    result = CliRunner().invoke(app, [*args, *extra], env=env)
    assert result.exit_code == 0, result.output
    if command in READ_ONLY:
        PRINTED[key] = result.stdout
    return result.stdout


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_table_fits_80_columns_and_cuts_nothing(demo: tuple[int, str], command: str, lang: str) -> None:
    out = _run(demo, command, lang)
    lines = out.splitlines()
    assert lines, command
    assert max(cell_len(line) for line in lines) <= 80, out
    assert not [line for line in lines if "…" in line and line.lstrip().startswith(("│", "┃"))], out


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_table_too_wide_for_its_words_says_json(demo: tuple[int, str], lang: str) -> None:
    """Opportunities have twelve columns: they cannot fit 80, so the table points to --json; the channels fit."""
    hint = translate("cli.too_wide", lang, width=80)
    assert hint in " ".join(_run(demo, "insights opportunities", lang).split())
    assert hint not in " ".join(_run(demo, "channel list", lang).split())


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_alert_rules_read_durations_and_names(demo: tuple[int, str], lang: str) -> None:
    raw = json.loads(_run(demo, "alerts rules", lang, "--json"))
    assert raw[0]["params"]["window"] == 30 * 86400  # JSON: seconds
    out = " ".join(_run(demo, "alerts rules", lang).split())
    assert translate("unit.days", lang, n="").strip() in out and "30d" not in out
    assert "wait_for_agent" not in out.replace(" ", "")  # the touchpoint's name, not its id
    assert format_percent(5, lang, 0) in out  # the minimum effect 0.05 in percent


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_moments_rates_in_percent_and_touchpoints_by_name(demo: tuple[int, str], lang: str) -> None:
    raw = json.loads(_run(demo, "insights moments", lang, "--json"))
    first = raw["moments"][0]
    rate = first["with"]["rate"]
    assert 0 < rate < 1  # JSON: a fraction
    out = _run(demo, "insights moments", lang)
    assert format_percent(100 * rate, lang, 1) in out
    assert first["touchpoint"] not in out.replace("\n", "")
