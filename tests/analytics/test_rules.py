"""The map's rules on the help desk's real log against pandas walking each ticket's bound events: who each rule
applies to, who broke it, and what breaking it cost in drop-off and time; the same on Spark is in test_spark."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pandas as pd
import pytest
from analytics_helpers import to_events_table
from test_cohort import _helpdesk_map

from safar.analytics.rules import map_rules, rule_breakers

STAGE_OF = {
    "Insert ticket": 0,
    "Assign seriousness": 0,
    "Take in charge ticket": 1,
    "Wait": 1,
    "Require upgrade": 1,
    "Create SW anomaly": 1,
    "Resolve SW anomaly": 1,
    "Escalate to expert": 2,
    "Resolve ticket": 3,
    "Closed": 4,
}
IDS = ["intake", "work", "escalate", "resolve", "close"]
BREAKERS: dict[tuple[str, tuple[str, ...]], set[str]] = {}  # the last reference's breakers of each rule


def _reference(
    frame: pd.DataFrame, within: float
) -> dict[tuple[str, tuple[str, ...]], tuple[int, int, float | None, float | None]]:
    bound = frame[frame.activity.isin(STAGE_OF)].assign(stage=lambda f: f.activity.map(STAGE_OF))
    present = sorted(bound.stage.unique())
    per = []
    for customer, g in bound.groupby("customer_id", sort=False):
        g = g.sort_values(["ts", "seq"])
        firsts = g.groupby("stage").ts.min().to_dict()
        per.append(
            {
                "customer": str(customer),
                "first": g.stage.iloc[0],
                "top": g.stage.max(),
                "firsts": firsts,
                "took": (g.ts.max() - g.ts.min()).total_seconds(),
            }
        )
    last = present[-1]
    out = {}

    def record(key: tuple[str, tuple[str, ...]], applies: list[dict[str, Any]], broke: list[bool]) -> None:
        bad = [p for p, b in zip(applies, broke, strict=True) if b]
        good = [p for p, b in zip(applies, broke, strict=True) if not b]
        left = sum(1 for p in bad if p["top"] < last) / len(bad) if bad else None
        out[key] = (
            len(applies),
            len(bad),
            left,
            pd.Series([p["took"] for p in bad]).median() if bad else None,
        )
        BREAKERS[key] = {p["customer"] for p in bad}
        assert good or not applies

    record(("starts_with", (IDS[present[0]],)), per, [p["first"] != present[0] for p in per])
    for i, j in itertools.pairwise(present):
        both = [p for p in per if i in p["firsts"] and j in p["firsts"]]
        record(("must_follow", (IDS[i], IDS[j])), both, [p["firsts"][j] < p["firsts"][i] for p in both])
        ordered = [p for p in both if p["firsts"][j] >= p["firsts"][i]]
        record(
            ("within", (IDS[i], IDS[j])),
            ordered,
            [(p["firsts"][j] - p["firsts"][i]).total_seconds() > within for p in ordered],
        )
    for i in present[1:-1]:
        later = [p for p in per if p["top"] > i]
        record(("must_not_skip", (IDS[i],)), later, [i not in p["firsts"] for p in later])
    return out


@pytest.mark.slow
def test_helpdesk_rules_equal_pandas(real_logs: Any) -> None:
    _, frame = real_logs["helpdesk"]
    within = dt.timedelta(days=7)
    found = map_rules(to_events_table(frame), _helpdesk_map(), within=within)
    expected = _reference(frame, within.total_seconds())
    got = {(r.rule, r.where): (r.applies, r.broken, r.dropoff_broken, r.median_broken) for r in found.rules}
    assert got.keys() == expected.keys()
    for key, (n, b, left, median) in expected.items():
        assert got[key][:2] == (n, b), key
        assert (got[key][2] is None) == (left is None) and (
            left is None or abs(got[key][2] - left) < 1e-12
        ), key
        assert (got[key][3] is None) == (median is None) and (
            median is None or abs(got[key][3] - median) < 1e-3
        ), key
    assert found.customers == frame[frame.activity.isin(STAGE_OF)].customer_id.nunique()
    for rule, where in expected:  # each rule's breakers, as the page's link lists them
        listed = rule_breakers(to_events_table(frame), _helpdesk_map(), rule, where, within=within)
        assert set(listed.to_pyarrow().column("customer_id").to_pylist()) == BREAKERS[(rule, where)], rule
    assert sum(r.broken for r in found.rules) > 0 and 0 < found.keeping_all < found.customers
