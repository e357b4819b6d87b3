"""The CLI end to end: a temporary SAFAR_HOME with a warehouse and a stored map, Typer's CliRunner."""

from __future__ import annotations

import json

import pytest
import typer
from analytics_helpers import T0, H, simple_map
from typer.testing import CliRunner

from safar.cli.analyze import app, bind_command
from safar.config import Settings

# Not Safar's code: Ibis 12's DuckDB backend calls duckdb 2.0's deprecated fetch_arrow_table() when it
# reads a table's schema; under "warnings are errors" that fails every command before analytics start.
pytestmark = [
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning"),
]

ROWS = [
    ("ana", "ad", T0, "web"),
    ("ana", "site", T0 + H, "web"),
    ("ana", "order", T0 + 2 * H, "app"),
    ("bob", "ad", T0, "web"),
    ("bob", "noise", T0 + H, "web"),
]


@pytest.fixture
def home(tmp_path, monkeypatch):
    from safar.warehouse import open_warehouse
    from safar.workspace import Workspace

    monkeypatch.setenv("SAFAR_HOME", str(tmp_path))
    monkeypatch.setenv("SAFAR_LANG", "en")
    settings = Settings.from_env()
    with open_warehouse(settings) as wh:
        for i, (customer, activity, ts, channel) in enumerate(ROWS):
            wh.raw.execute(
                "INSERT INTO events VALUES ('shop', ?, ?, ?, ?, ?, ?, NULL, NULL, '{\"tier\": \"gold\"}')",
                [f"e{i}", customer, activity, ts, i, channel],
            )
    with Workspace.open(settings) as ws:
        map_id = ws.create_map(simple_map()).id
    return map_id


def _json(args):
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_funnel_json(home):
    assert _json(["funnel", "--dataset", "shop", "--steps", "ad,site,order"]) == {
        "steps": [
            {"step": "ad", "customers": 2, "rate_from_start": 1.0, "rate_from_previous": 1.0},
            {"step": "site", "customers": 1, "rate_from_start": 0.5, "rate_from_previous": 0.5},
            {"step": "order", "customers": 1, "rate_from_start": 0.5, "rate_from_previous": 1.0},
        ]
    }


def test_every_command_runs_with_the_shared_filters(home):
    common = ["--dataset", "shop", "--from", "2024-03-20", "--to", "2024-03-21", "--segment", "tier=gold"]
    mapped = [*common, "--map", str(home)]
    # paths names its times --since and --until: its --from and --to are steps
    timed = ["--dataset", "shop", "--since", "2024-03-20", "--until", "2024-03-21", "--segment", "tier=gold"]
    assert _json(["paths", *timed, "--top", "1"])["n_variants"] == 2
    assert _json(["paths", *timed, "--from", "ad", "--depth", "2"])["flow"]["paths"] == [
        {"steps": ["noise", "(end)"], "customers": 1},
        {"steps": ["site", "order"], "customers": 1},
    ]
    stops = _json(["dropoff", *mapped, "--level", "stage"])
    # The customer who ends in "buy", the last stage with data, completed the journey: not a stop.
    assert (stops["steps"], stops["completed"]) == ([{"step": "aware", "customers": 1, "share": 0.5}], 1)
    assert _json(["timing", *common, "--final", "order"])["conversion"]["median"] == 7200.0
    assert _json(["loops", *common])["customers_with_repeats"] == 0
    assert (
        _json(["channels", *common, "--request", "ad", "--response", "order", "--sla", "1d"])["overall"][
            "within_sla"
        ]
        == 1
    )
    assert _json(["conformance", *mapped])["conforming"] == 1
    assert [t["events"] for t in _json(["summary", *mapped])["touchpoints"]] == [2, 1, 0, 1]
    assert _json(["funnel", *common, "--channel", "app", "--steps", "order"])["steps"][0]["customers"] == 1


def test_bind_preview(home):
    cli = typer.Typer()
    cli.command("bind")(bind_command)
    cli.command("other")(lambda: None)
    result = CliRunner().invoke(cli, ["bind", str(home), "--dataset", "shop", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["top_unbound"] == [{"activity": "noise", "events": 1}]


def test_human_output_is_tables_in_the_users_language(home, monkeypatch):
    result = CliRunner().invoke(app, ["funnel", "--dataset", "shop", "--steps", "ad,site"])
    assert result.exit_code == 0
    assert "rate from start" in result.stdout and "50.0%" in result.stdout  # a share reads as a percentage
    monkeypatch.setenv("SAFAR_LANG", "fa")
    result = CliRunner().invoke(app, ["funnel", "--dataset", "shop", "--steps", "ad,site"])
    assert result.exit_code == 0
    assert "نرخ از شروع" in result.stdout and "۵۰٫۰٪" in result.stdout


def test_names_from_the_data_keep_their_digits_in_persian(home, monkeypatch):
    from safar.warehouse import open_warehouse

    with open_warehouse(Settings.from_env()) as wh:
        wh.raw.execute(
            "INSERT INTO events VALUES ('shop', 'x', 'cem', 'T02 Check', ?, 99, NULL, NULL, NULL, NULL)", [T0]
        )
    monkeypatch.setenv("SAFAR_LANG", "fa")
    result = CliRunner().invoke(app, ["dropoff", "--dataset", "shop"])
    assert "T02 Check" in result.stdout and "۳۳٫۳٪" in result.stdout


@pytest.mark.parametrize(
    ("args", "lang", "expected"),
    [
        (
            ["funnel", "--dataset", "shop", "--steps", "ad", "--window", "soon"],
            "en",
            "Cannot read the duration",
        ),
        (["funnel", "--dataset", "shop", "--steps", "ad", "--order", "up"], "fa", "ترتیب قیف"),
        (["paths", "--dataset", "shop", "--level", "stage"], "en", "needs a journey map"),
        (["paths", "--dataset", "nowhere"], "en", "nowhere"),
    ],
)
def test_errors_are_one_line_in_the_users_language_and_exit_2(home, monkeypatch, args, lang, expected):
    monkeypatch.setenv("SAFAR_LANG", lang)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1
