"""Future-state targets against the current-state map's data: today, the gap, the trend, the snapshots."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from safar.cli import app
from safar.model import BasedOn, JourneyMap, MapType, Stage
from safar.workspace import Workspace


def future_map(shop_tp: Any, m: Any) -> JourneyMap:
    return JourneyMap(
        title="Shop, next year",
        lang="en",
        type=MapType.FUTURE_STATE,
        based_on=BasedOn(map=1),
        metrics=[
            m("end to end", "conversion", 20, unit="%"),
            m("care NPS", "nps", 30, stage="care"),
            m("awareness", "customers"),  # no target: measured, but not a target
        ],
        stages=[
            Stage(
                id="visit",
                name="Visit",
                touchpoints=[shop_tp("home", m("conversion", "conversion", 70, unit="%"))],
            ),
            Stage(
                id="buy",
                name="Buy",
                touchpoints=[shop_tp("one_click", m("buyers", "customers", 3), improves=["cart"])],
            ),
            Stage(
                id="care",
                name="Care",
                touchpoints=[
                    shop_tp("helpdesk", improves=["support"]),
                    shop_tp("chatbot", m("bot CSAT", "csat", 80)),
                ],
            ),
        ],
    )


@pytest.fixture
def maps(
    workspace: Workspace,
    tmp_path: Path,
    shop: Any,
    shop_tp: Any,
    kpi_metric: Any,
    events_loader: Any,
    voice_loader: Any,
    journeys: Any,
) -> Workspace:
    workspace.create_map(shop(home=[kpi_metric("conversion", "conversion", 60, unit="%")]))
    workspace.create_map(future_map(shop_tp, kpi_metric))
    events_loader(workspace, tmp_path, journeys)
    voice_loader(workspace.settings, 1)
    return workspace


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_future_targets_are_measured_on_the_current_maps_data(maps: Workspace) -> None:
    got = run("insights", "targets", "2", "--json")
    assert (got["map"], got["based_on"], got["dataset"], got["period"]) == (2, 1, "shop", "month")
    rows = {t["metric"]: t for t in got["targets"]}
    assert list(rows) == ["end to end", "care NPS", "conversion", "buyers", "bot CSAT"]
    # only ana of 4 customers reaches the last stage of the current map
    assert {k: rows["end to end"][k] for k in ("current", "n", "met", "gap")} == {
        "current": 25.0,
        "n": 4,
        "met": True,
        "gap": -5.0,
    }
    # care is new; its helpdesk improves support, where the NPS is 25 from 4 answers
    care = rows["care NPS"]
    assert (care["current"], care["n"], care["met"], care["gap"]) == (25.0, 4, False, 5.0)
    assert care["measure"] == {
        "kind": "nps",
        "touchpoint": None,
        "stage": "care",
        "dataset": None,
        "over": ["support"],
    }
    # home keeps its id: 2 of its 3 customers go on
    assert rows["conversion"]["current"] == pytest.approx(200 / 3, abs=1e-3)
    assert rows["conversion"]["touchpoint"] == "home" and rows["conversion"]["met"] is False
    assert [(p["period"], p["value"], p["n"]) for p in rows["conversion"]["trend"]] == [
        ("2024-01-01", 50.0, 2),
        ("2024-02-01", 100.0, 1),
    ]
    # one_click improves cart, where ana and cy were
    buyers = rows["buyers"]
    assert (buyers["current"], buyers["met"], buyers["gap"], buyers["measure"]["over"]) == (
        2.0,
        False,
        1.0,
        ["cart"],
    )
    # the chatbot is new and improves nothing: nothing today to compare with
    assert rows["bot CSAT"]["current"] is None and rows["bot CSAT"]["reason"] == "no_current_touchpoint"
    assert all(t["snapshots"] == [] for t in got["targets"])


def test_a_current_state_map_with_targets_uses_its_own_data(maps: Workspace) -> None:
    got = run("insights", "targets", "1", "--period", "week", "--json")
    assert got["based_on"] is None and got["period"] == "week"
    [target] = got["targets"]
    assert target["current"] == pytest.approx(200 / 3, abs=1e-3) and target["met"] is True
    assert [p["period"] for p in target["trend"]] == ["2024-01-08", "2024-02-19"]


def test_targets_show_progress_by_revision_snapshot(maps: Workspace) -> None:
    from safar.kpis import snapshot

    snapshot(maps, 2)
    got = run("insights", "targets", "2", "--json")
    rows = {t["metric"]: t for t in got["targets"]}
    assert [(s["revision"], s["value"], s["n"]) for s in rows["end to end"]["snapshots"]] == [(1, 25.0, 4)]


def test_the_table_is_in_the_users_language(maps: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    english = runner.invoke(app, ["insights", "targets", "2"])
    assert english.exit_code == 0 and "Targets of map 2" in english.stdout and "not met" in english.stdout
    monkeypatch.setenv("SAFAR_LANG", "fa")
    persian = runner.invoke(app, ["insights", "targets", "2"])
    assert persian.exit_code == 0 and "هدف‌های نقشه ۲" in persian.stdout and "۲۵" in persian.stdout


def test_an_unknown_map_is_a_one_line_error(maps: Workspace) -> None:
    result = CliRunner().invoke(app, ["insights", "targets", "9", "--json"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["code"] == "map.not_found"
