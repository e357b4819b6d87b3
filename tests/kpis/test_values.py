"""Every measure kind on the shop journey, against values computed by hand (see conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from safar.kpis import measure_map
from safar.metrics.stats import wilson_interval
from safar.workspace import Workspace


def measured(ws: Workspace, map_id: int = 1, period: str | None = None) -> dict[str, dict[str, Any]]:
    return {v.key: v.to_dict() for v in measure_map(ws, map_id, period=period).values}


@pytest.fixture
def shop_ws(
    workspace: Workspace, tmp_path: Path, shop: Any, kpi_metric: Any, events_loader: Any, journeys: Any
) -> Workspace:
    m = kpi_metric
    doc = shop(
        [
            m("all customers", "customers"),
            m("end to end", "conversion", 30, unit="%"),
            m("lost", "dropoff", 80, unit="%", higher_is_better=False),
            m("visit conversion", "conversion", stage="visit"),
            m("visit dropoff", "dropoff", stage="visit"),
            m("support conversion", "conversion", touchpoint="support"),
            m("NPS at support", "nps", 20, touchpoint="support"),
            m("CSAT of buying", "csat", stage="buy"),
            m("CES", "ces"),
        ],
        home=[
            m("reach", "customers", 3),
            m("conversion", "conversion", 70, unit="%"),
            m("dropoff", "dropoff"),
            m("pace", "median_time_to_next", 15, unit="minutes", higher_is_better=False),
        ],
        search=[m("conversion", "conversion"), m("dropoff", "dropoff")],
        support=[m("negative", "negative_share", 40, unit="%", higher_is_better=False)],
    )
    workspace.create_map(doc)
    events_loader(workspace, tmp_path, journeys)
    return workspace


def test_events_kinds_match_the_hand_computed_values(shop_ws: Workspace) -> None:
    got = measured(shop_ws)
    assert (got["home/reach"]["value"], got["home/reach"]["n"], got["home/reach"]["met"]) == (3.0, 3, True)
    # home: ana and cy reach a later stage, bob does not
    conv = got["home/conversion"]
    low, high = wilson_interval(2, 3, 0.95)
    assert conv["value"] == pytest.approx(200 / 3, abs=1e-3) and conv["n"] == 3
    assert (conv["low"], conv["high"]) == (
        pytest.approx(100 * low, abs=1e-3),
        pytest.approx(100 * high, abs=1e-3),
    )
    assert conv["met"] is False and conv["gap"] == pytest.approx(70 - 200 / 3, abs=1e-3)
    # nobody ends at home; bob and dan end at search
    assert got["home/dropoff"]["value"] == 0.0
    assert got["search/dropoff"]["value"] == pytest.approx(200 / 3, abs=1e-3)
    assert got["search/conversion"]["value"] == pytest.approx(100 / 3, abs=1e-3)
    # home → next bound event: 10, 20 and 60 minutes; the metric is written in minutes
    pace = got["home/pace"]
    assert (pace["value"], pace["n"], pace["met"], pace["gap"]) == (20.0, 3, False, 5.0)
    # the stage visit: 4 customers, ana and cy go on, bob and dan end there
    assert got["visit conversion"]["value"] == 50.0 and got["visit conversion"]["n"] == 4
    assert got["visit dropoff"]["value"] == 50.0
    # the whole map: only ana reaches the last stage
    assert got["all customers"]["value"] == 4.0
    assert got["end to end"]["value"] == 25.0 and got["end to end"]["met"] is False
    assert got["lost"]["value"] == 75.0 and got["lost"]["met"] is True and got["lost"]["gap"] == -5.0
    assert got["support conversion"]["value"] is None
    assert got["support conversion"]["reason"] == "last_stage"


def test_touchpoint_values_equal_the_map_overlay(shop_ws: Workspace) -> None:
    from safar.context import Context
    from safar.services.overlay import map_overlay

    overlay = map_overlay(Context(shop_ws), shop_ws.get_map(1).document)
    assert overlay is not None
    got = measured(shop_ws)
    for tp in ("home", "search"):
        row = overlay.touchpoints[tp]
        assert row.conversion_to_next_stage is not None and row.dropoff_share is not None
        assert got[f"{tp}/conversion"]["value"] == pytest.approx(100 * row.conversion_to_next_stage, abs=1e-3)
        assert got[f"{tp}/dropoff"]["value"] == pytest.approx(100 * row.dropoff_share, abs=1e-3)
    assert got["home/pace"]["value"] * 60 == overlay.touchpoints["home"].median_seconds_to_next


def test_voice_kinds_come_from_answers_and_comments(shop_ws: Workspace, voice_loader: Any) -> None:
    before = measured(shop_ws)
    assert before["NPS at support"]["value"] is None and before["NPS at support"]["reason"] == "no_answers"
    voice_loader(shop_ws.settings, 1)
    got = measured(shop_ws)
    # 10, 9 promoters, 3 detractor, 7 passive: (2 − 1) / 4
    nps = got["NPS at support"]
    assert (nps["value"], nps["n"], nps["met"], nps["small_n"]) == (25.0, 4, True, True)
    assert nps["low"] is not None and nps["low"] < 25 < nps["high"]
    # stage buy: answers with stage_id buy (5, 4) and at its touchpoint cart (2); not home's 1
    assert (
        got["CSAT of buying"]["value"] == pytest.approx(200 / 3, abs=1e-3) and got["CSAT of buying"]["n"] == 3
    )
    # the whole map: its journey-level CES question (4), not home's touchpoint answer (2)
    assert (got["CES"]["value"], got["CES"]["n"]) == (4.0, 1)
    negative = got["support/negative"]
    assert (negative["value"], negative["n"], negative["met"]) == (50.0, 4, False)
    low, high = wilson_interval(2, 4, 0.95)
    assert (negative["low"], negative["high"]) == (
        pytest.approx(100 * low, abs=1e-3),
        pytest.approx(100 * high, abs=1e-3),
    )


def test_another_maps_answers_are_not_counted(shop_ws: Workspace, voice_loader: Any) -> None:
    voice_loader(shop_ws.settings, 99)
    assert measured(shop_ws)["NPS at support"]["reason"] == "no_answers"


def test_trend_puts_each_customer_in_the_period_their_journey_started(
    shop_ws: Workspace, voice_loader: Any
) -> None:
    voice_loader(shop_ws.settings, 1)
    got = measured(shop_ws, period="month")
    # January: ana and bob start; February: cy and dan
    assert got["all customers"]["trend"] == [
        {"period": "2024-01-01", "value": 2.0, "n": 2},
        {"period": "2024-02-01", "value": 2.0, "n": 2},
    ]
    assert [(p["period"], p["value"]) for p in got["home/conversion"]["trend"]] == [
        ("2024-01-01", 50.0),
        ("2024-02-01", 100.0),
    ]
    # answers by the month they were given: January 10, 9 → 100; February 3, 7 → −50
    assert [(p["period"], p["value"], p["n"]) for p in got["NPS at support"]["trend"]] == [
        ("2024-01-01", 100.0, 2),
        ("2024-02-01", -50.0, 2),
    ]
    assert [(p["period"], p["value"]) for p in got["support/negative"]["trend"]] == [
        ("2024-01-01", 50.0),
        ("2024-02-01", 50.0),
    ]


def test_a_metric_without_measure_or_data_says_why(workspace: Workspace, shop: Any, kpi_metric: Any) -> None:
    from safar.model import Metric

    doc = shop([Metric(name="awareness", unit="%", target=45)], home=[kpi_metric("reach", "customers")])
    doc.stages[0].touchpoints[0].bind = []
    doc.stages[0].touchpoints[1].bind = []
    doc.stages[1].touchpoints[0].bind = []
    doc.stages[2].touchpoints[0].bind = []
    workspace.create_map(doc)
    got = measured(workspace)
    assert got["awareness"]["reason"] == "not_bound" and got["awareness"]["measure"] is None
    assert got["home/reach"]["reason"] == "no_dataset" and got["home/reach"]["value"] is None


def test_a_dataset_of_another_workspace_is_refused_per_metric(
    workspace: Workspace, shop: Any, kpi_metric: Any
) -> None:
    workspace.create_map(shop(home=[kpi_metric("reach", "customers", dataset="elsewhere")]))
    got = measured(workspace)["home/reach"]
    assert got["value"] is None and got["reason"] == "dataset.not_in_workspace"
    assert got["measure"]["dataset"] == "elsewhere"


def test_an_unknown_period_is_an_error(shop_ws: Workspace) -> None:
    from safar.errors import InputError

    with pytest.raises(InputError) as caught:
        measure_map(shop_ws, 1, period="fortnight")
    assert caught.value.code == "kpis.bad_period"


@pytest.mark.parametrize("period", [None, "month"])
def test_scopes_counted_together_equal_each_scope_measured_alone(
    shop_ws: Workspace, voice_loader: Any, period: str | None
) -> None:
    """A page asks the data once for all its scopes (steps_counts, survey_counts); each scope's values are
    what asking for that scope alone gives: the filtered steps, and metric_by over the filtered answers."""
    from safar.kpis import measures
    from safar.metrics.survey import map_level
    from safar.voice.groups import metric_by
    from safar.warehouse import open_warehouse

    voice_loader(shop_ws.settings, 1)
    journey = shop_ws.get_map(1).document
    scopes = {
        "home": frozenset({"home"}),
        "visit": frozenset({"home", "search"}),
        "support": frozenset({"support"}),
        "nothing": frozenset(),
        "map": None,
    }
    with open_warehouse(shop_ws.settings) as wh:
        steps = measures.measured_steps(wh.events("shop"), journey)
        together = measures.steps_counts(steps, scopes, period)
        for name, scope in scopes.items():
            for kind in measures.EVENT_KINDS:
                alone = measures.steps_counts(steps, {name: scope}, period)[name]
                assert [measures.step_value(kind, r) for r in together[name]] == [
                    measures.step_value(kind, r) for r in alone
                ], (name, kind)
        answers = wh.con.table("responses")
        for kind in measures.SURVEY_KINDS:
            counts = measures.survey_counts(answers, kind, map_id=1, period=period)
            for scope, stage in [(None, None), (frozenset({"support"}), None), (frozenset({"cart"}), "buy")]:
                got = measures.survey_value(
                    counts, kind, scope=scope, stage=stage, period=period, answers=answers, map_id=1
                )
                mine = answers.filter(
                    (answers.map_id == 1) & (answers.kind == kind) & answers.value.notnull()
                )
                if scope is None:
                    mine = map_level(mine)
                else:
                    where = mine.touchpoint_id.isin(list(scope))
                    mine = mine.filter(where | (mine.stage_id == stage) if stage else where)
                mine = (
                    measures.with_period(mine, period, time_col="ts")
                    if period
                    else mine.mutate(period=measures.ibis.null().cast("date"))
                )
                expected = metric_by(mine, kind, by="period", score_col="value", confidence=0.95)
                assert [(r["value"], r["n"], r["low"], r["high"], r["small_n"]) for r in got] == [
                    (float(e["value"]), int(e["n"]), e.get("ci_low"), e.get("ci_high"), bool(e["small_n"]))
                    for e in expected.to_dict("records")
                ], (kind, scope, stage)
                records = expected.to_dict("records")
                assert [r["period"] for r in got] == [e["period"] if period else None for e in records]
