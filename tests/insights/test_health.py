"""Customer health written out: every component and score of three customers by hand (recency, frequency by
rank, the latest NPS answer, the sentiment of comments, an open case), the trend against 30 days earlier, the
weights changing the score, and a bad weight refused."""

from __future__ import annotations

import datetime as dt
import math

import ibis
import pyarrow as pa
import pytest

from safar.errors import InputError
from safar.insights.health import health

T = dt.datetime(2024, 6, 30, 12)
D = dt.timedelta(days=1)


def _events() -> ibis.Table:
    rows = [("ana", T - 10 * D), ("ana", T), ("bob", T - 45 * D), ("cy", T - 100 * D)]
    return ibis.memtable(
        pa.table(
            {
                "customer_id": [r[0] for r in rows],
                "activity": ["visit"] * len(rows),
                "ts": pa.array([r[1] for r in rows], pa.timestamp("us")),
                "seq": list(range(len(rows))),
                "attributes": ['{"tier": "gold"}', "{}", '{"tier": "silver"}', "{}"],
            }
        )
    )


def _said() -> tuple[ibis.Table, ibis.Table]:
    responses = ibis.memtable(
        pa.table(
            {
                "customer_id": ["ana", "ana"],
                "kind": ["nps", "nps"],
                "value": [3.0, 9.0],
                "ts": pa.array([T - 20 * D, T - 5 * D], pa.timestamp("us")),
                "response_id": ["r1", "r2"],
            }
        )
    )
    comments = ibis.memtable(
        pa.table(
            {
                "customer_id": ["bob"],
                "label": ["negative"],
                "ts": pa.array([T - 50 * D], pa.timestamp("us")),
            }
        )
    )
    return responses, comments


def test_each_component_and_score_as_written() -> None:
    responses, comments = _said()
    found = health(
        _events(),
        as_of=T,
        responses=responses,
        comments=comments,
        open_cases={"cy"},
        named_cases={"cy"},
        segment="tier",
    )
    by = {c.customer_id: c for c in found.lowest}
    assert by["ana"].components == pytest.approx(
        {"recency": 1.0, "frequency": (2 + 0.5) / 3, "survey": 0.9}
    )  # the latest answer counts (9, not 3)
    assert by["bob"].components == pytest.approx({"recency": 0.5, "frequency": 1.5 / 3, "sentiment": 0.0})
    assert by["cy"].components == pytest.approx({"recency": 0.0, "frequency": 0.5 / 3, "cases": 0.0})
    scores = {c: round(by[c].score, 3) for c in by}
    assert scores == {
        "ana": round(100 * (1 + 2.5 / 3 + 0.9) / 3, 3),
        "bob": 33.333,
        "cy": round(100 * 0.5 / 9, 3),
    }
    assert [c.customer_id for c in found.lowest] == ["cy", "bob", "ana"]
    assert by["ana"].coverage == pytest.approx(3 / 5)  # contacts weigh nothing without contact activities
    assert found.bands == (1, 1, 0, 0, 1)
    assert [(v, b) for v, b, _ in found.segments] == [
        ("gold", (0, 0, 0, 0, 1)),
        ("silver", (0, 1, 0, 0, 0)),
        (None, (1, 0, 0, 0, 0)),
    ]
    # 30 days earlier ana had not started; bob and cy were both seen once in the 90 days before (rank 0.5 each)
    # and closer to their last event; the case is today's only
    befores = {c: None if by[c].before is None else round(by[c].before, 3) for c in by}
    assert befores == {
        "ana": None,
        "bob": round(100 * (1 - 15 / 90 + 0.5 + 0.0) / 3, 3),
        "cy": round(100 * (1 - 70 / 90 + 0.5) / 2, 3),
    }
    assert (found.improved, found.worsened) == (0, 2)
    assert math.isclose(found.mean or 0, sum(c.score for c in found.lowest) / 3)


def test_weights_change_the_score_and_a_bad_one_is_refused() -> None:
    only_recency = health(
        _events(), as_of=T, weights={k: 0.0 for k in ("frequency", "survey", "sentiment", "cases")}
    )
    assert {c.customer_id: round(c.score, 3) for c in only_recency.lowest} == {
        "ana": 100.0,
        "bob": 50.0,
        "cy": 0.0,
    }
    with pytest.raises(InputError) as raised:
        health(_events(), as_of=T, weights={"mood": 1.0})
    assert raised.value.code == "health.bad_weights"


def test_each_account_is_the_mean_of_its_customers_and_a_band_lists_its_own() -> None:
    rows = [("ana", T, "gold"), ("dan", T - 30 * D, "gold"), ("bob", T - 45 * D, "silver"), ("cy", T, None)]
    events = ibis.memtable(
        pa.table(
            {
                "customer_id": [r[0] for r in rows],
                "activity": ["visit"] * len(rows),
                "ts": pa.array([r[1] for r in rows], pa.timestamp("us")),
                "seq": list(range(len(rows))),
                "attributes": ["{}" if r[2] is None else f'{{"company": "{r[2]}"}}' for r in rows],
            }
        )
    )
    found = health(events, as_of=T, account="company", weights={"frequency": 0.0})  # recency alone
    # recency: ana and cy 1, dan 1 − 30/90, bob 1 − 45/90; gold = (100 + 66.667) / 2, silver = 50
    assert [(a.account, a.customers, round(a.score, 3), a.weakest) for a in found.lowest_accounts] == [
        ("silver", 1, 50.0, "bob"),
        ("gold", 2, round((100 + 100 * (1 - 30 / 90)) / 2, 3), "dan"),
    ]
    assert (found.accounts, found.account_bands, found.without_account) == (2, (0, 0, 1, 0, 1), 1)
    # a band's count opens its customers: 60–80 holds dan alone; a segment value's, its own
    band = health(events, as_of=T, weights={"frequency": 0.0}, band=3)
    assert ([c.customer_id for c in band.lowest], band.listed) == (["dan"], 1)
    gold = health(events, as_of=T, weights={"frequency": 0.0}, segment="company", value=("gold",), band=4)
    assert [c.customer_id for c in gold.lowest] == ["ana"]
    nobody = health(events, as_of=T, weights={"frequency": 0.0}, segment="company", value=(None,))
    assert [c.customer_id for c in nobody.lowest] == ["cy"]
    with pytest.raises(InputError) as raised:
        health(events, as_of=T, band=5)
    assert raised.value.code == "health.bad_band"
