"""Moments of truth from behaviour: 2 × 2 tables by hand, odds ratios, Fisher, the evidence verdicts, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pytest
from scipy.stats import fisher_exact as scipy_fisher
from typer.testing import CliRunner

from safar.cli import app
from safar.errors import InputError
from safar.insights.behaviour import Comparison, Moment, MomentsResult, behaviour_moments
from safar.insights.drivers import DriverImportance, DriversResult
from safar.insights.evidence import evidence_verdicts
from safar.insights.moments import map_moments
from safar.insights.oddsratio import benjamini_hochberg, fisher_exact, odds_ratio
from safar.insights.responses import RatingDrivers
from safar.model import BindingRule, JourneyMap, MomentOfTruth, Stage, Touchpoint
from safar.warehouse import open_warehouse
from safar.workspace import Workspace

T0 = dt.datetime(2025, 1, 1, 9, 0)
H = dt.timedelta(hours=1)
Z = 1.959963984540054


def events_for(journeys: Mapping[str, Sequence[str]], dataset: str = "shop") -> ir.Table:
    """``{"c1": ["ad", "buy"]}``: each customer's activities one hour apart, in the order written."""
    records = [
        {
            "dataset": dataset,
            "event_id": f"{c}-{i}",
            "customer_id": c,
            "activity": a,
            "ts": T0 + i * H,
            "seq": i,
        }
        for c, steps in journeys.items()
        for i, a in enumerate(steps)
    ]
    return ibis.memtable(pa.Table.from_pylist(records))


def tp(id: str, **extra: Any) -> Touchpoint:
    return Touchpoint(id=id, name=id.title(), channel="website", bind=[BindingRule(activity=id)], **extra)


def shop_map() -> JourneyMap:
    """s1: ad, call (call claimed a moment of truth by management); s2: buy."""
    claim = MomentOfTruth(evidence=["management"], note="Agents close deals")
    return JourneyMap(
        title="shop",
        stages=[
            Stage(id="s1", name="S1", touchpoints=[tp("ad"), tp("call", moment_of_truth=claim)]),
            Stage(id="s2", name="S2", touchpoints=[tp("buy")]),
        ],
    )


# c6 calls after buying: that call cannot have caused the purchase and is not counted.
JOURNEYS = {
    "c1": ["ad", "call", "buy"],
    "c2": ["ad", "buy"],
    "c3": ["ad", "call"],
    "c4": ["call"],
    "c5": ["ad"],
    "c6": ["buy", "call"],
}


def rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [rounded(v) for v in value]
    return value


def woolf(a: float, b: float, c: float, d: float) -> dict[str, float]:
    log_or = math.log(a * d / (b * c))
    se = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    return {
        "odds_ratio": math.exp(log_or),
        "or_low": math.exp(log_or - Z * se),
        "or_high": math.exp(log_or + Z * se),
        "log_or": log_or,
    }


def table(with_: tuple[int, int], without: tuple[int, int], **stats: Any) -> dict[str, Any]:
    return {
        "with": {"customers": with_[0], "outcome": with_[1], "rate": with_[1] / with_[0]},
        "without": {"customers": without[0], "outcome": without[1], "rate": without[1] / without[0]},
        **stats,
    }


def test_odds_ratio_by_hand_and_fisher_equals_scipy() -> None:
    t = odds_ratio(20, 10, 10, 20)
    assert (t.odds_ratio, t.corrected) == (pytest.approx(4.0), False)
    assert (t.low, t.high) == (
        pytest.approx(math.exp(math.log(4) - Z * math.sqrt(0.3))),
        pytest.approx(11.7026, abs=1e-4),
    )
    h = odds_ratio(5, 0, 2, 8)  # Haldane: 5.5·8.5 / (0.5·2.5)
    assert (h.odds_ratio, h.corrected) == (pytest.approx(5.5 * 8.5 / (0.5 * 2.5)), True)
    for cells in [
        (20, 10, 10, 20),
        (5, 0, 2, 8),
        (1, 2, 2, 1),
        (0, 7, 9, 0),
        (120, 900, 80, 1100),
        (3, 1, 1, 3),
    ]:
        a, b, c, d = cells
        assert fisher_exact(*cells) == pytest.approx(
            scipy_fisher([[a, b], [c, d]]).pvalue, rel=1e-9, abs=1e-300
        )
    assert benjamini_hochberg([0.01, 0.04, 0.03, 0.5]) == pytest.approx(
        [0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5]
    )


def test_conversion_against_every_customer_by_hand() -> None:
    result = behaviour_moments(events_for(JOURNEYS), shop_map(), target="buy", population="all", alpha=0.5)
    # ad:   had c1 c2 c3 c5 (2 bought) · not c4 c6 (1 bought)  → OR (2·1)/(2·1) = 1
    # call: had c1 c3 c4 (1 bought)    · not c2 c5 c6 (2 bought) → OR (1·1)/(2·2) = 0.25
    # Neither is significant (both p = 1): map order.
    assert rounded(result.to_dict()) == rounded(
        {
            "outcome": {"target": "buy", "kind": "touchpoint", "churn": False, "cutoff": None},
            "population": "all",
            "customers": 6,
            "outcome_customers": 3,
            "alpha": 0.5,
            "equivalence": 1.5,
            "confidence": 0.95,
            "moments": [
                {
                    "touchpoint": "ad",
                    "stage": "s1",
                    **table((4, 2), (2, 1), **woolf(2, 2, 1, 1), haldane=False, p_value=1.0, q_value=1.0),
                    "significant": False,
                    "effect": "unknown",
                    "experience": None,
                },
                {
                    "touchpoint": "call",
                    "stage": "s1",
                    **table((3, 1), (3, 2), **woolf(1, 2, 2, 1), haldane=False, p_value=1.0, q_value=1.0),
                    "significant": False,
                    "effect": "unknown",
                    "experience": None,
                },
            ],
        }
    )


def test_within_the_stage_churn_flips_the_ratio_and_negative_comments_split_the_exposed() -> None:
    comments = ibis.memtable(
        pa.Table.from_pylist(
            [
                {"map_id": 1, "touchpoint_id": "call", "customer_id": "c3", "label": "negative", "ts": T0},
                {"map_id": 1, "touchpoint_id": "call", "customer_id": "c1", "label": "positive", "ts": T0},
                {"map_id": 2, "touchpoint_id": "call", "customer_id": "c1", "label": "negative", "ts": T0},
            ]
        )
    )
    result = behaviour_moments(
        events_for(JOURNEYS), shop_map(), target="buy", churn=True, comments=comments, map_id=1
    ).to_dict()
    # Stage s1 before the outcome: c1..c5 (c6 only called after buying); churned = c3 c4 c5.
    by = {m["touchpoint"]: m for m in result["moments"]}
    # ad: had c1 c2 c3 c5 (2 churned) · not c4 (churned): a cell is 0 → Haldane
    assert rounded(by["ad"]["odds_ratio"]) == rounded(2.5 * 0.5 / (2.5 * 1.5))
    assert by["ad"]["haldane"] is True
    # call: had c1 c3 c4 (2 churned) · not c2 c5 (1 churned) → OR 2·1/(1·1) = 2 (1/0.5 of conversion)
    assert (by["call"]["with"], by["call"]["without"]) == (
        {"customers": 3, "outcome": 2, "rate": 2 / 3},
        {"customers": 2, "outcome": 1, "rate": 0.5},
    )
    assert by["call"]["odds_ratio"] == pytest.approx(2.0)
    # experience at call: negative c3 (churned) · not c1 (stayed), c4 (churned) → Haldane 1.5·1.5/(0.5·1.5)
    assert by["call"]["experience"]["with"] == {"customers": 1, "outcome": 1, "rate": 1.0}
    assert by["call"]["experience"]["odds_ratio"] == pytest.approx(3.0)
    assert by["ad"]["experience"]["with"]["customers"] == 0 and by["ad"]["experience"]["odds_ratio"] is None


def test_churn_by_cut_off_counts_only_events_before_it() -> None:
    journeys = {
        "a": ["ad", "call", "ad"],
        "b": ["ad"],
        "c": ["call", "ad", "ad", "ad"],
        "d": ["ad", "ad", "ad", "ad"],
    }
    cutoff = (
        T0 + 2 * H
    )  # events at hours 0 and 1 count; an event at or after hour 2 means the customer stayed
    result = behaviour_moments(events_for(journeys), shop_map(), cutoff=cutoff, churn=True, population="all")
    assert (result.customers, result.outcome_customers) == (4, 1)  # b churned
    by = {m.touchpoint: m.occurrence for m in result.moments}
    assert (by["call"].with_n, by["call"].with_outcome, by["call"].without_n, by["call"].without_outcome) == (
        2, 0, 2, 1,
    )  # fmt: skip
    assert by["buy"].with_n == 0 and by["buy"].odds_ratio is None


def test_a_strong_effect_is_significant_and_ranked_and_a_null_one_is_ruled_out() -> None:
    journeys: dict[str, list[str]] = {}
    for i in range(400):
        calls = i % 2 == 0
        buys = (i % 10 < 8) if calls else (i % 10 < 2)  # 80 % against 20 %
        journeys[f"c{i}"] = ["ad"] + (["call"] if calls else []) + (["buy"] if buys else [])
    result = behaviour_moments(events_for(journeys), shop_map(), target="buy", population="all")
    call = result.moments[0]
    assert call.touchpoint == "call" and call.occurrence.significant and call.occurrence.effect == "matters"
    assert call.occurrence.odds_ratio == pytest.approx((160 * 160) / (40 * 40))
    ad = result.moments[1].occurrence  # everyone saw the ad: no comparison group
    assert (ad.without_n, ad.odds_ratio, ad.effect) == (0, None, "unknown")


def test_bad_outcomes_are_explained() -> None:
    events = events_for(JOURNEYS)
    with pytest.raises(InputError) as caught:
        behaviour_moments(events, shop_map(), target="pay")
    assert caught.value.code == "insights.outcome_not_found"
    assert "ad, call, buy" in caught.value.message_for("en")
    for kwargs, code in [
        ({}, "insights.no_outcome_target"),
        ({"target": "buy", "cutoff": T0, "churn": True}, "insights.cutoff_with_target"),
        ({"cutoff": T0}, "insights.cutoff_needs_churn"),
        ({"cutoff": T0 - H, "churn": True}, "insights.no_customers_before_cutoff"),
        ({"target": "buy", "alpha": 1.5}, "insights.bad_alpha"),
        ({"target": "buy", "equivalence": 1.0}, "insights.bad_equivalence"),
        ({"target": "buy", "population": "some"}, "insights.bad_population"),
    ]:
        with pytest.raises(InputError) as caught:
            behaviour_moments(events, shop_map(), **kwargs)
        assert caught.value.code == code


def _comparison(effect: str) -> Comparison:
    return Comparison(10, 5, 10, 5, effect=effect)


def _driver(name: str, importance: float, low: float, high: float) -> DriverImportance:
    return DriverImportance(name, importance, low, high, 0.5, "positive", 0.3, 0.3, 4.0, 50)


def test_every_verdict_of_the_evidence_table() -> None:
    claim = MomentOfTruth(evidence=["frontline_staff", "retention_data"])
    ids = ["agree", "contra", "unk", "unclaimed", "quiet", "nodata"]
    claimed = {"agree", "contra", "unk"}
    m = JourneyMap(
        title="t",
        stages=[
            Stage(
                id="s",
                name="S",
                touchpoints=[tp(i, moment_of_truth=claim if i in claimed else None) for i in ids],
            )
        ],
    )
    effects = {
        "agree": "no_effect",
        "contra": "no_effect",
        "unk": "unknown",
        "unclaimed": "unknown",
        "quiet": "no_effect",
    }
    moments = MomentsResult(
        "x", "activity", False, None, "all", 20, 10, 0.05, 1.5, 0.95,
        tuple(Moment(t, "s", _comparison(e), None) for t, e in effects.items()),
    )  # fmt: skip
    drivers = DriversResult(
        drivers=(_driver("agree", 0.2, 0.1, 0.3), _driver("unclaimed", 0.1, 0.05, 0.2), _driver("unk", 0.01, 0.0, 0.05)),
        r2=0.31, n=500, n_rows=500, outcome="o", positive=None, na=(), bootstrap=100, bootstrap_used=100,
        seed=7, confidence=0.95, small_n=False,
    )  # fmt: skip
    verdicts = evidence_verdicts(m, moments, RatingDrivers(1, "overall", drivers))
    assert [(v.touchpoint, v.occurrence, v.ratings, v.data, v.verdict) for v in verdicts] == [
        ("agree", "no_effect", "matters", "matters", "agreed"),
        ("contra", "no_effect", None, "no_effect", "contradicted"),
        ("unk", "unknown", "unknown", "unknown", "unknown"),
        ("unclaimed", "unknown", "matters", "matters", "unclaimed"),
        ("quiet", "no_effect", None, "no_effect", "not_a_moment"),
        ("nodata", None, None, "unknown", "unknown"),
    ]
    assert verdicts[0].to_dict()["evidence"] == ["frontline_staff", "retention_data"]


@pytest.fixture
def shop(workspace: Workspace) -> Workspace:
    """Map 1 = shop_map bound to dataset "shop" in the warehouse, with JOURNEYS as its events."""
    document = shop_map()
    for t in document.touchpoints():
        t.bind = [BindingRule(activity=t.id, dataset="shop")]
    workspace.create_map(document)
    workspace.claim_dataset("shop")
    frame = events_for(JOURNEYS).to_pyarrow()
    with open_warehouse(workspace.settings) as warehouse:
        assert warehouse.raw is not None
        warehouse.raw.register("new_events", frame)
        warehouse.raw.execute(
            "INSERT INTO events SELECT dataset, event_id, customer_id, activity, ts, seq, NULL, NULL, NULL, NULL"
            " FROM new_events"
        )
    return workspace


def test_the_cli_prints_what_map_moments_returns(shop: Workspace) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "insights",
            "moments",
            "1",
            "--dataset",
            "shop",
            "--outcome",
            "buy",
            "--population",
            "all",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    expected = map_moments(shop, 1, dataset="shop", target="buy", population="all")
    # the service's result (services.moments): map_moments's document with the map's title and the outcome question
    added = {"title": expected.title, "outcome_question": ""}
    assert json.loads(result.stdout) == json.loads(json.dumps(expected.to_dict() | added))
    out = json.loads(result.stdout)
    assert [m["touchpoint"] for m in out["moments"]] == ["ad", "call"]
    assert out["ratings"]["reason"] == "no_outcome_question"
    assert [(v["touchpoint"], v["claimed"], v["verdict"]) for v in out["evidence"]] == [
        ("ad", False, "unknown"),
        ("call", True, "unknown"),
        ("buy", False, "unknown"),
    ]
    table = runner.invoke(app, ["insights", "moments", "1"])  # the outcome defaults to the last touchpoint
    assert (
        table.exit_code == 0
        and "Moments of truth from behaviour: outcome buy (3 of 6 customers)" in table.stdout
    )
    bad = runner.invoke(app, ["insights", "moments", "1", "--outcome", "pay"])
    assert bad.exit_code == 2 and "No customer reached 'pay'" in bad.stderr
