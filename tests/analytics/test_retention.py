"""Cohort retention, churn and churn risk against known answers and plain reference computations.

- journeys written out around Nowruz: Jalali months (Esfand, then Farvardin), Gregorian months, a start step,
  revenue with a value that is not a number;
- the help desk's real log, its customers' tickets over four years: every cohort's retention in Gregorian
  months (UTC) and Jalali months (Tehran), and the churn after 90 days, equal to pandas walking the raw events;
- the churn-risk model on a synthetic log whose complaints make customers leave: its time-split labels equal a
  plain count, it finds the complaints, and it ranks those customers first.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

import ibis
import jdatetime
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from analytics_helpers import EVENTS_SCHEMA, journeys_for

from safar.analytics.churn import churn
from safar.analytics.retention import retained_customers, retention
from safar.events.periods import Calendar
from safar.insights.churn_risk import churn_risk
from safar.metrics.churn import churn_status

TEHRAN = Calendar("jalali", "Asia/Tehran")
NOON = dt.time(12)


def _at(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), NOON)


NOWRUZ = {
    "ana": [("visit", _at("2024-03-18"), None, {"amount": "10"}), ("visit", _at("2024-03-25"), None, {"amount": "x"}),
            ("buy", _at("2024-05-25"), None, {"amount": "2.5"})],
    "bob": [("visit", _at("2024-03-21")), ("buy", _at("2024-04-25"), None, {"amount": "7"})],
    "cy": [("visit", _at("2024-03-19"))],
}  # fmt: skip


def test_cohorts_are_cut_in_the_readers_calendar() -> None:
    events = journeys_for(NOWRUZ)
    jalali = retention(events, "month", TEHRAN).to_dict()
    assert [(c["start"], c["size"], c["retained"]) for c in jalali["cohorts"]] == [
        ("2024-02-20", 2, [2, 1, 0, 1]),  # Esfand 1402: ana and cy; ana in Farvardin and Khordad
        ("2024-03-20", 1, [1, 1, 0]),  # Farvardin 1403: bob, back in Ordibehesht
    ]
    assert (jalali["partial"], jalali["customers"], jalali["average"]) == (True, 3, [1.0, 2 / 3, 0.0, 0.5])
    gregorian = retention(events, "month").to_dict()
    assert [(c["start"], c["size"], c["retained"]) for c in gregorian["cohorts"]] == [
        ("2024-03-01", 3, [3, 1, 1])
    ]
    bought = retention(events, "month", start="buy", value="amount").to_dict()
    assert [(c["start"], c["size"], c["retained"], c["revenue"]) for c in bought["cohorts"]] == [
        ("2024-04-01", 1, [1, 0], [7.0, 0.0]),
        ("2024-05-01", 1, [1], [2.5]),
    ]
    every = retention(events, "month", value="amount").to_dict()
    assert every["cohorts"][0]["revenue"] == [10.0, 7.0, 2.5] and every["unreadable_values"] == 1
    cell = retained_customers(events, dt.date(2024, 2, 20), 3, "month", TEHRAN)
    assert cell.to_pyarrow().column("customer_id").to_pylist() == ["ana"]


def _helpdesk(raw: pd.DataFrame) -> tuple[pd.DataFrame, Any]:
    """The help desk's events with their customer (the tickets' ``customer`` attribute) as the customer."""
    frame = pd.DataFrame(
        {
            "dataset": "helpdesk",
            "event_id": [str(i) for i in range(len(raw))],
            "customer_id": raw["customer"].astype(str),
            "activity": raw["concept:name"].astype(str),
            "ts": raw["time:timestamp"].dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[us]"),
            "seq": range(len(raw)),
        }
    )
    data = {c: frame[c].tolist() if c in frame else [None] * len(frame) for c in EVENTS_SCHEMA.names}
    data["attributes"] = ["{}"] * len(frame)
    return frame, ibis.memtable(pa.Table.from_pydict(data, schema=EVENTS_SCHEMA))


def _reference(frame: pd.DataFrame, key: Any) -> list[tuple[Any, int, list[int]]]:
    """Per cohort (by ``key``: an event's period as an ordinal), its size and customers active k periods on."""
    f = frame.assign(p=key(frame.ts))
    first = f.groupby("customer_id").p.min().rename("cohort")
    f = f.join(first, on="customer_id")
    last = f.p.max()
    out = []
    for cohort, members in f.groupby("cohort"):
        active = members.groupby("p").customer_id.nunique()
        out.append((cohort, int(active[cohort]), [int(active.get(p, 0)) for p in range(cohort, last + 1)]))
    return out


def test_helpdesk_retention_equals_pandas_in_both_calendars(real_logs: Any) -> None:
    frame, events = _helpdesk(real_logs["helpdesk"][0])
    gregorian = retention(events, "month")
    expected = _reference(frame, lambda ts: ts.dt.year * 12 + ts.dt.month - 1)
    assert [(c.size, list(c.retained)) for c in gregorian.cohorts] == [(n, r) for _, n, r in expected]
    assert [c.start for c in gregorian.cohorts] == [dt.date(o // 12, o % 12 + 1, 1) for o, _, _ in expected]

    def jalali(ts: pd.Series) -> pd.Series:
        local = ts.dt.tz_localize("UTC").dt.tz_convert("Asia/Tehran")
        days = [jdatetime.date.fromgregorian(date=d) for d in local.dt.date]
        return pd.Series([d.year * 12 + d.month - 1 for d in days], index=ts.index)

    tehran = retention(events, "month", TEHRAN)
    expected = _reference(frame, jalali)
    assert [(c.size, list(c.retained)) for c in tehran.cohorts] == [(n, r) for _, n, r in expected]
    assert len(tehran.cohorts) >= 40 and sum(c.size for c in tehran.cohorts) == frame.customer_id.nunique()


def test_helpdesk_churn_after_90_days_equals_pandas(real_logs: Any) -> None:
    frame, events = _helpdesk(real_logs["helpdesk"][0])
    found = churn(events, inactive=dt.timedelta(days=90))
    as_of = frame.ts.max()
    per = frame.groupby("customer_id").ts.agg(["min", "max"])
    gone = per["max"] < as_of - pd.Timedelta(days=90)
    assert (found.customers, found.churned, found.as_of) == (len(per), int(gone.sum()), as_of.isoformat())
    months = per["min"].dt.to_period("M")
    expected = [(str(m), len(g), int(gone[g.index].sum())) for m, g in per.groupby(months)]
    assert [(c.start.isoformat()[:7], c.customers, c.churned) for c in found.cohorts] == expected


def test_an_explicit_churn_event_counts_only_customers_who_did_not_come_back() -> None:
    t = _at("2024-01-10")
    events = journeys_for(
        {
            "ana": [("buy", t), ("cancel", t + dt.timedelta(days=5))],
            "bob": [("buy", t), ("cancel", t + dt.timedelta(days=5)), ("buy", t + dt.timedelta(days=9))],
            "cy": [("buy", t + dt.timedelta(days=10))],
        }
    )
    found = churn(events, churn_event="cancel")
    assert (found.customers, found.churned, found.as_of) == (3, 1, (t + dt.timedelta(days=10)).isoformat())
    status = churn_status(events, as_of=t + dt.timedelta(days=6), churn_event="cancel")
    # bob churned on day 5 and came back on day 9; cy had not started on day 6, so is not counted
    assert sorted((r["customer_id"], r["churned"]) for r in status.to_pyarrow().to_pylist()) == [
        ("ana", True),
        ("bob", True),
    ]


def _leaving(seed: int = 1, customers: int = 2500) -> list[tuple[str, str, dt.datetime, int]]:
    """A log where three in ten customers complain, and those who complain leave five times as often."""
    rng = random.Random(seed)
    out: list[tuple[str, str, dt.datetime, int]] = []
    t0 = dt.datetime(2023, 1, 1)
    for c in range(customers):
        t = t0 + dt.timedelta(days=rng.uniform(0, 500))
        bad = rng.random() < 0.3
        while t < t0 + dt.timedelta(days=730):
            act = "complaint" if bad and rng.random() < 0.5 else rng.choice(["visit", "buy", "app"])
            out.append((f"c{c:04d}", act, t, len(out)))
            if rng.random() < (0.25 if bad else 0.05):
                break
            t += dt.timedelta(days=rng.expovariate(1 / 20))
    return out


def _table(found: list[tuple[str, str, dt.datetime, int]]) -> Any:
    data = {
        "dataset": ["x"] * len(found),
        "event_id": [str(r[3]) for r in found],
        "customer_id": [r[0] for r in found],
        "activity": [r[1] for r in found],
        "ts": [r[2] for r in found],
        "seq": [r[3] for r in found],
        "channel": [None] * len(found),
        "lifecycle": [None] * len(found),
        "resource": [None] * len(found),
        "attributes": ["{}"] * len(found),
    }
    return ibis.memtable(pa.Table.from_pydict(data, schema=EVENTS_SCHEMA))


def test_the_risk_model_finds_what_makes_customers_leave_and_is_checked_on_a_later_period() -> None:
    found = _leaving()
    events = _table(found)
    frame = pd.DataFrame(found, columns=["customer_id", "activity", "ts", "seq"])
    as_of = frame.ts.max().to_pydatetime()
    span = dt.timedelta(days=90)
    risk = churn_risk(events, as_of=as_of, inactive=span, top=10_000)  # every customer scored, listed
    assert risk.available and risk.validation is not None
    v = risk.validation

    def labels(cutoff: dt.datetime) -> tuple[int, int]:
        """Customers started and not churned at ``cutoff``, and those of them with no event in the next 90 days."""
        before = frame[frame.ts <= cutoff].groupby("customer_id").ts.max()
        alive = before[before >= cutoff - span].index
        later = set(frame[(frame.ts > cutoff) & (frame.ts <= cutoff + span)].customer_id)
        return len(alive), sum(1 for c in alive if c not in later)

    assert (v.train_customers, v.train_churned) == labels(as_of - 2 * span)
    assert (v.test_customers, v.test_churned) == labels(as_of - span)
    assert v.auc is not None and v.auc > 0.75
    assert abs(np.mean([b.predicted for b in v.calibration]) - v.base_rate) < 0.05  # calibrated on average
    steps = [e for e in risk.effects if e.step is not None]
    assert steps[0].step == "complaint" and steps[0].odds_ratio > 1.3
    complainers = set(frame[frame.activity == "complaint"].customer_id)
    assert len(risk.customers) == risk.scored > 300
    assert [c.risk for c in risk.customers] == sorted((c.risk for c in risk.customers), reverse=True)
    theirs = [c.risk for c in risk.customers if c.customer_id in complainers]
    others = [c.risk for c in risk.customers if c.customer_id not in complainers]
    assert np.mean(theirs) > 1.5 * np.mean(others)
    said = [c for c in risk.customers if c.customer_id in complainers and c.risk > 0.5]
    assert sum("step:complaint" in c.reasons for c in said) >= 0.8 * len(said)
    assert json.loads(json.dumps(risk.to_dict()))["validation"]["test_customers"] == v.test_customers


def test_too_little_data_gives_no_model_and_says_why() -> None:
    found = _leaving(customers=2500)
    events = _table(found)
    as_of = max(r[2] for r in found)
    short = churn_risk(events, as_of=as_of, inactive=dt.timedelta(days=400))
    assert (short.available, short.reason) == (False, "churn.short_history")
    few = churn_risk(_table(found[:40]), as_of=as_of, inactive=dt.timedelta(days=30))
    assert (few.available, few.reason) == (False, "churn.too_few")


@pytest.mark.parametrize("period", ["week", "quarter", "year"])
def test_every_period_counts_each_customer_once_in_their_cohort(real_logs: Any, period: str) -> None:
    frame, events = _helpdesk(real_logs["helpdesk"][0])
    found = retention(events, period, TEHRAN)
    assert sum(c.size for c in found.cohorts) == frame.customer_id.nunique()
    assert all(c.retained[0] == c.size and max(c.retained) == c.size for c in found.cohorts)
