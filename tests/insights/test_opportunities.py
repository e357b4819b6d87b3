"""Opportunities: the score by hand, components from the warehouse, decisions on both databases, CLI, web."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import ibis
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from typer.testing import CliRunner

from safar.cli import app
from safar.context import Context
from safar.errors import InputError, NotFoundError
from safar.insights.drivers import key_drivers
from safar.insights.opportunities import add_opportunity, annotate, decide, map_opportunities
from safar.insights.responses import rating_drivers, touchpoint_gaps
from safar.insights.scoring import ComponentInputs, parse_weights, score_touchpoints
from safar.model import BindingRule, JourneyMap, Stage, Touchpoint
from safar.services.opportunities import map_opportunities_screen
from safar.warehouse import open_warehouse
from safar.workspace import Workspace

T0 = dt.datetime(2025, 1, 1, 9, 0)
H = dt.timedelta(hours=1)
RESPONSE_COLUMNS = ("survey_id", "map_id", "response_id", "question_id", "kind", "touchpoint_id", "stage_id",
                    "customer_id", "channel", "ts", "value", "expected", "choice", "text", "lang", "source")  # fmt: skip


def abc_map(dataset: str | None = None) -> JourneyMap:
    """s1: a (owner Sales, a pain point and an idea), b; s2: c."""

    def tp(id: str, **extra: Any) -> Touchpoint:
        rule = BindingRule(activity=id, dataset=dataset)
        return Touchpoint(id=id, name=id.upper(), channel="website", bind=[rule], **extra)

    a = tp("a", owner="Sales", pain_points=["Slow"], opportunities=["Call back"])
    return JourneyMap(
        title="abc",
        stages=[
            Stage(id="s1", name="S1", touchpoints=[a, tp("b", owner="IT")]),
            Stage(id="s2", name="S2", touchpoints=[tp("c")]),
        ],
    )


def test_the_score_by_hand_with_a_missing_component_re_spread() -> None:
    inputs = ComponentInputs(
        reach={"a": 100, "b": 50, "c": 25},
        dropoff={"a": 0.2, "b": 0.4, "c": 0.9},  # c ends the journey: completion, not drop-off
        driver={"a": 0.3, "b": 0.1},
        gap={"a": -1.0, "b": 0.5},  # b exceeds expectations: no shortfall
    )
    scored = score_touchpoints(abc_map(), inputs, parse_weights(["dropoff=2"]))
    got = {s.touchpoint: (s.score, {k: c.to_dict() for k, c in s.components.items()}) for s in scored}
    missing = {"raw": None, "normalised": None, "weight": 0.0, "missing": True}

    def c(raw: float, norm: float, weight: float) -> dict[str, Any]:
        return {
            "raw": raw,
            "normalised": pytest.approx(norm),
            "weight": pytest.approx(weight),
            "missing": False,
        }

    assert got == {
        # (1·1 + 2·0.5 + 1·1 + 1·1) / 5
        "a": (pytest.approx(0.8), {"reach": c(100, 1, 0.2), "dropoff": c(0.2, 0.5, 0.4), "driver": c(0.3, 1, 0.2),
                                   "gap": c(-1.0, 1, 0.2), "sentiment": missing}),
        # (1·0.5 + 2·1 + 1·⅓ + 1·0) / 5
        "b": (pytest.approx((0.5 + 2 + 1 / 3) / 5), {"reach": c(50, 0.5, 0.2), "dropoff": c(0.4, 1, 0.4),
                                                     "driver": c(0.1, 1 / 3, 0.2), "gap": c(0.5, 0, 0.2), "sentiment": missing}),
        "c": (pytest.approx(0.25), {"reach": c(25, 0.25, 1.0), "dropoff": missing, "driver": missing, "gap": missing,
                                    "sentiment": missing}),
    }  # fmt: skip
    # coverage: weight present / weight applicable (6 in all; dropoff, weight 2, does not apply to c)
    assert {s.touchpoint: (s.coverage, s.priority) for s in scored} == {
        "a": (pytest.approx(5 / 6), pytest.approx(0.8 * 5 / 6)),
        "b": (pytest.approx(5 / 6), pytest.approx((0.5 + 2 + 1 / 3) / 6)),
        "c": (pytest.approx(1 / 4), pytest.approx(0.25 / 4)),
    }
    nothing = score_touchpoints(abc_map(), ComponentInputs())
    assert [(s.score, s.coverage, s.priority) for s in nothing] == [(None, 0.0, None)] * 3


def test_a_touchpoint_known_by_one_component_cannot_outrank_one_all_the_evidence_points_at() -> None:
    inputs = ComponentInputs(
        reach={"a": 100, "b": 90},
        dropoff={"b": 0.5},
        driver={"b": 0.4},
        gap={"b": -1.0},
        sentiment={"b": 0.6},
    )
    scored = {s.touchpoint: s for s in score_touchpoints(abc_map(), inputs)}
    assert scored["a"].score == 1.0 and scored["b"].score == pytest.approx((0.9 + 4) / 5)
    assert scored["a"].priority == pytest.approx(0.2) and scored["b"].priority == pytest.approx(0.98)


@pytest.mark.parametrize(
    ("items", "code"),
    [(["speed=1"], "insights.bad_weight"), (["reach"], "insights.bad_weight"), (["reach=x"], "insights.bad_weight"),
     (["reach=-1"], "insights.negative_weight"), (["reach=inf"], "insights.negative_weight"),
     ([f"{k}=0" for k in ("reach", "dropoff", "driver", "gap", "sentiment")], "insights.zero_weights")],
)  # fmt: skip
def test_bad_weights_are_refused(items: list[str], code: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_weights(items)
    assert caught.value.code == code


def survey_rows(n: int = 120, seed: int = 5) -> list[dict[str, Any]]:
    """Survey 1 on map 1: overall (nps, journey level) driven by a's csat, not by b's likert; gap answers on a."""
    rng = np.random.default_rng(seed)
    rows: list[dict[str, Any]] = []
    for i in range(n):
        a, b = int(rng.integers(1, 6)), int(rng.integers(1, 6))
        overall = float(np.clip(round(2 * a + rng.normal()), 0, 10))
        base = {"survey_id": 1, "map_id": 1, "response_id": f"r{i}", "stage_id": None, "customer_id": f"c{i}",
                "channel": None, "ts": T0, "expected": None, "choice": None, "text": None, "lang": "en", "source": "test"}  # fmt: skip
        rows.append(
            {**base, "question_id": "overall", "kind": "nps", "touchpoint_id": None, "value": overall}
        )
        rows.append({**base, "question_id": "qa", "kind": "csat", "touchpoint_id": "a", "value": float(a)})
        if i % 3:  # b is asked of two customers in three
            rows.append(
                {**base, "question_id": "qb", "kind": "likert", "touchpoint_id": "b", "value": float(b)}
            )
        if i < 10:
            rows.append(
                {
                    **base,
                    "question_id": "ga",
                    "kind": "gap",
                    "touchpoint_id": "a",
                    "value": 3.0,
                    "expected": 4.0 + i % 2,
                }
            )
    rows.append({**rows[0], "map_id": 2, "response_id": "other-map", "value": 0.0})
    return rows


def test_rating_drivers_are_johnsons_weights_on_the_pivoted_answers_and_gaps_are_means() -> None:
    rows = survey_rows()
    table = ibis.memtable(pa.Table.from_pylist(rows))
    result = rating_drivers(table, 1, touchpoints=["a", "b", "c"], bootstrap=0)
    assert (result.survey_id, result.question_id, result.left_out) == (1, "overall", ())
    mine = pd.DataFrame([r for r in rows if r["map_id"] == 1])
    frame = mine.pivot_table(index="response_id", columns="question_id", values="value", aggfunc="mean")
    expected = key_drivers(frame, outcome="overall", drivers=["qa", "qb"], missing="pairwise", bootstrap=0)
    assert result.importance() == pytest.approx(
        {"a": expected.drivers[0].importance, "b": expected.drivers[1].importance}
    )
    assert result.result is not None and result.result.r2 == pytest.approx(expected.r2)
    assert result.importance()["a"] > 0.5 > result.importance()["b"]
    gaps = touchpoint_gaps(table, 1)
    assert {k: g.to_dict() for k, g in gaps.items()} == {
        # perception 3 against expectations 4 (five answers) and 5 (five answers)
        "a": {"touchpoint": "a", "n": 10, "perception": 3.0, "expectation": 4.5, "gap": -1.5}
    }
    none = rating_drivers(table, 3)
    assert (none.result, none.reason) == (None, "no_outcome_question")


@pytest.fixture
def abc(workspace: Workspace) -> Workspace:
    """Map 1 = abc_map on dataset "abc" with events, survey answers and comments in the warehouse."""
    workspace.create_map(abc_map("abc"))
    workspace.claim_dataset("abc")
    journeys = {"x": ["a", "b", "c"], "y": ["a", "b"], "z": ["a"], "w": ["b", "c"]}
    events = pa.Table.from_pylist(
        [{"dataset": "abc", "event_id": f"{c}{i}", "customer_id": c, "activity": s, "ts": T0 + i * H, "seq": i}
         for c, steps in journeys.items() for i, s in enumerate(steps)]
    )  # fmt: skip
    comments = pa.Table.from_pylist(
        [{"dataset": "abc", "comment_id": f"k{i}", "map_id": 1, "touchpoint_id": "b", "customer_id": None, "ts": None,
          "text": "…", "lang": "en", "label": label, "score": 0.0, "row_number": i}
         for i, label in enumerate(["negative", "negative", "positive", "neutral"])]
    )  # fmt: skip
    responses = pa.Table.from_pylist(survey_rows())
    with open_warehouse(workspace.settings) as warehouse:
        assert warehouse.raw is not None
        warehouse.raw.register("new_events", events)
        warehouse.raw.execute(
            "INSERT INTO events SELECT dataset, event_id, customer_id, activity, ts, seq, NULL, NULL, NULL, NULL FROM new_events"
        )
        warehouse.raw.register("new_comments", comments)
        warehouse.raw.execute("INSERT INTO comments BY NAME SELECT * FROM new_comments")
        warehouse.raw.register("new_responses", responses)
        columns = ", ".join(RESPONSE_COLUMNS)
        warehouse.raw.execute(f"INSERT INTO responses ({columns}) SELECT {columns} FROM new_responses")
    return workspace


def test_map_opportunities_from_the_warehouse_with_decisions(abc: Workspace) -> None:
    result = map_opportunities(abc, 1)
    by = {o.ref: o for o in result.opportunities}
    # reach: a 3, b 3, c 2 customers; drop-off: z ends at a (1/3), y at b (1/3), c is the final touchpoint
    assert {r: (o.components["reach"].raw, o.components["dropoff"].raw) for r, o in by.items()} == {
        "a": (3.0, pytest.approx(1 / 3)), "b": (3.0, pytest.approx(1 / 3)), "c": (2.0, None),
    }  # fmt: skip
    assert by["a"].components["gap"].raw == -1.5 and by["b"].components["gap"].missing
    assert by["b"].components["sentiment"].raw == 0.5 and by["a"].components["sentiment"].missing
    drivers = rating_drivers(ibis.memtable(pa.Table.from_pylist(survey_rows())), 1, bootstrap=0).importance()
    assert by["a"].components["driver"].raw == pytest.approx(drivers["a"])
    assert [o.ref for o in result.opportunities] == ["a", "b", "c"]
    assert (by["a"].owner, by["a"].stage, by["a"].pain_points, by["a"].map_opportunities) == (
        "Sales",
        "s1",
        ["Slow"],
        ["Call back"],
    )
    assert result.sources["customers"] == 4 and result.sources["drivers"]["outcome_question"] == "overall"

    decide(abc, 1, "a", "accepted", author="ana")
    decide(abc, 1, "b", "rejected", author="ana")
    decide(abc, 1, "b", "open", author="vic")
    annotate(abc, 1, "a", "  Pilot in Q3 ", author="ana")
    ref = add_opportunity(abc, 1, "Chat on the website", touchpoint="b", author="ana")
    second = add_opportunity(abc, 1, "Loyalty card", owner="Marketing", author="vic")
    assert (ref, second) == ("custom-1", "custom-2")
    decide(abc, 1, "custom-2", "rejected", author="ana")
    after = map_opportunities(abc, 1, weights={"reach": 0})
    assert after.weights == {"reach": 0.0, "dropoff": 1.0, "driver": 1.0, "gap": 1.0, "sentiment": 1.0}
    rows = [
        (o.ref, o.kind, o.status, o.owner, o.stage, [n["text"] for n in o.notes]) for o in after.opportunities
    ]
    assert rows[3:] == [
        ("custom-1", "custom", "open", "IT", "s1", []),
        ("custom-2", "custom", "rejected", "Marketing", None, []),
    ]
    assert {r[0]: r[2:] for r in rows[:3]} == {
        "a": ("accepted", "Sales", "s1", ["Pilot in Q3"]), "b": ("open", "IT", "s1", []), "c": ("open", "", "s2", []),
    }  # fmt: skip
    assert after.opportunities[0].notes[0]["author"] == "ana" or after.opportunities[1].notes

    with pytest.raises(NotFoundError) as missing:
        decide(abc, 1, "custom-9", "accepted", author="ana")
    assert missing.value.code == "insights.unknown_opportunity" and "custom-1" in missing.value.message_for(
        "en"
    )
    for call, code in [
        (lambda: decide(abc, 1, "a", "maybe", author="ana"), "insights.bad_status"),
        (lambda: annotate(abc, 1, "a", "   ", author="ana"), "insights.empty_text"),
        (lambda: annotate(abc, 1, "a", "x" * 2001, author="ana"), "insights.text_too_long"),
        (lambda: add_opportunity(abc, 1, "x", touchpoint="zz", author="ana"), "insights.unknown_touchpoint"),
        (lambda: map_opportunities(abc, 1, weights={"speed": 1}), "insights.bad_weight"),
    ]:
        with pytest.raises(InputError) as caught:
            call()
        assert caught.value.code == code


def test_the_cli_ranks_decides_annotates_and_adds(abc: Workspace) -> None:
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(app, ["insights", *args])

    result = run("opportunities", "1", "--weight", "reach=2", "--weight", "gap=0", "--json")
    assert result.exit_code == 0, result.output
    expected = map_opportunities_screen(Context(abc, "en"), 1, weights={"reach": 2, "gap": 0})
    assert json.loads(result.stdout) == expected.model_dump(mode="json")  # the service's result, as the API
    assert run("opportunity", "accept", "1", "a").stdout.strip() == "a: accepted"
    assert run("opportunity", "note", "1", "a", "Ask IT").exit_code == 0
    added = run("opportunity", "add", "1", "Self-service", "--touchpoint", "c", "--owner", "Ops", "--json")
    assert json.loads(added.stdout) == {"ref": "custom-1"}
    assert run("opportunity", "reject", "1", "custom-1").exit_code == 0
    out = json.loads(run("opportunities", "1", "--json").stdout)["opportunities"]
    assert [(o["ref"], o["status"], o["owner"], [n["text"] for n in o["notes"]]) for o in out if o["status"] != "open"] == [
        ("a", "accepted", "Sales", ["Ask IT"]), ("custom-1", "rejected", "Ops", []),
    ]  # fmt: skip
    bad = run("opportunities", "1", "--weight", "speed=3")
    assert bad.exit_code == 2 and "'speed=3' is not a weight" in bad.stderr
    table = run("opportunities", "1")
    assert table.exit_code == 0 and "Opportunities of map 1, by priority" in table.stdout
