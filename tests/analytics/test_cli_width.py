"""The CLI's tables over the demo data, in an 80-column terminal: durations in minutes, hours or days,
shares in percent, every line within 80 columns, and a table whose words cannot fit says to use --json.
``--json`` keeps the raw numbers (seconds, fractions)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from safar.cli.analyze import app
from safar.config import Settings
from safar.i18n import format_percent, translate
from safar.i18n.units import format_duration

pytestmark = [
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning"),
]

DATASET = "insurance-demo"
COMMANDS = {
    "summary": ["summary", "--map", "{map}"],
    "timing": ["timing", "--level", "touchpoint", "--map", "{map}"],
    "dropoff": ["dropoff", "--level", "touchpoint", "--map", "{map}"],
    "funnel": ["funnel", "--steps", "awareness,contact,evaluation", "--level", "stage", "--map", "{map}"],
    "channels": ["channels", "--request", "wait_for_agent", "--response", "ask_agent_plans"],
    "loops": ["loops", "--level", "touchpoint", "--map", "{map}"],
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, str]]:
    """The demo made once for the module: (its map id, its SAFAR_HOME), which each command is given."""
    from safar.demo import create_demo_map
    from safar.workspace import Workspace

    home = str(tmp_path_factory.mktemp("width") / "home")
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
        yield map_id, home


@pytest.fixture(autouse=True)
def _eighty_columns(terminal_width: Callable[[int], None]) -> None:
    terminal_width(80)


def _run(demo: tuple[int, str], command: str, lang: str, *extra: str) -> str:
    map_id, home = demo
    args = [a.replace("{map}", str(map_id)) for a in COMMANDS[command]]
    env = {"SAFAR_LANG": lang, "SAFAR_HOME": home, "COLUMNS": "80"}
    result = CliRunner().invoke(app, [*args, "--dataset", DATASET, *extra], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_tables_fit_80_columns_and_cut_nothing(demo: tuple[int, str], command: str, lang: str) -> None:
    out = _run(demo, command, lang)
    lines = out.splitlines()
    assert lines, command
    assert max(cell_len(line) for line in lines) <= 80, out
    assert not [line for line in lines if "…" in line and line.lstrip().startswith(("│", "┃"))], out


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_table_too_wide_for_its_words_says_json(demo: tuple[int, str], lang: str) -> None:
    """The channels table has 14 columns: its words cannot fit 80 columns, so it points to --json."""
    hint = translate("cli.too_wide", lang, width=80)
    assert hint in " ".join(_run(demo, "channels", lang).split())
    assert hint not in " ".join(_run(demo, "dropoff", lang).split())
    raw = json.loads(_run(demo, "channels", lang, "--json"))
    assert isinstance(raw["overall"]["unanswered_share"], float)


def test_durations_read_as_time_not_seconds(demo: int) -> None:
    raw = json.loads(_run(demo, "timing", "en", "--json"))
    first = raw["transitions"][0]
    assert isinstance(first["median"], float) and first["median"] > 60  # JSON: raw seconds
    out = _run(demo, "timing", "en")
    assert format_duration(first["median"], "en") in out
    assert f"{first['median']:,.3f}".rstrip("0").rstrip(".") not in out
    assert any(unit in out for unit in (" min", " h", " days"))


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_shares_read_as_percentages(demo: tuple[int, str], lang: str) -> None:
    raw = json.loads(_run(demo, "dropoff", lang, "--json"))
    step = raw["steps"][0]
    assert 0 < step["share"] < 1  # JSON: a fraction
    out = _run(demo, "dropoff", lang)
    assert format_percent(step["share"] * 100, lang, 1) in out
    assert str(round(step["share"], 3)) not in out
