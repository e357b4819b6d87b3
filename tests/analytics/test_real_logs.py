"""On the real logs the directly-follows graph, variants, start/end, funnel and timing equal independent computations.

PM4Py (AGPL) is the reference for the directly-follows graph and variants; it is imported only here.
"""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd
import pytest
from analytics_helpers import reference_funnel, to_events_table

from safar.analytics import Distribution, dropoff, funnel, paths, timing

pytestmark = pytest.mark.slow

LOGS = ["receipt", "helpdesk", "bpic2013_closed"]


def _pm4py():  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pm4py
    return pm4py


@pytest.mark.parametrize("name", LOGS)
def test_dfg_variants_start_end_equal_pm4py(real_logs, name):
    raw, frame = real_logs[name]
    pm4py = _pm4py()
    dfg, start, end = pm4py.discover_dfg(raw)
    variants = pm4py.get_variants(raw)

    result = paths(to_events_table(frame), top=0)

    assert {(e[0], e[1]): e[2] for e in result.edges} == dict(dfg)
    assert dict(result.variants) == {tuple(k): int(v) for k, v in variants.items()}
    assert result.n_variants == len(variants)
    assert dict(result.start) == dict(start)
    assert dict(result.end) == dict(end)


def _first_step_after(group: pd.DataFrame, steps: list[str]) -> int:
    """Plain reference for the sequential funnel: how many steps the customer reaches (first occurrence)."""
    acts = group["activity"].tolist()
    reached, pos = 0, -1
    for step in steps:
        try:
            pos = acts.index(step, pos + 1)
        except ValueError:
            break
        reached += 1
    return reached


@pytest.mark.parametrize(
    ("name", "steps"),
    [
        (
            "receipt",
            [
                "Confirmation of receipt",
                "T02 Check confirmation of receipt",
                "T04 Determine confirmation of receipt",
                "T05 Print and send confirmation of receipt",
                "T06 Determine necessity of stop advice",
                "T10 Determine necessity to stop indication",
            ],
        ),
        ("helpdesk", ["Assign seriousness", "Take in charge ticket", "Resolve ticket", "Closed"]),
        ("bpic2013_closed", ["Queued", "Accepted", "Completed"]),
    ],
)
def test_sequential_funnel_equals_pandas(real_logs, name, steps):
    _, frame = real_logs[name]
    reached = frame.groupby("customer_id", sort=False).apply(
        lambda g: _first_step_after(g, steps), include_groups=False
    )
    expected = [int((reached >= k).sum()) for k in range(1, len(steps) + 1)]

    result = funnel(to_events_table(frame), steps)

    assert [s.customers for s in result.steps] == expected


@pytest.mark.parametrize("name", LOGS)
def test_timing_equals_pandas(real_logs, name):
    _, frame = real_logs[name]
    frame = frame.copy()
    ts = frame["ts"].dt.floor("ms")
    frame["secs"] = (ts - pd.Timestamp("1970-01-01")).dt.total_seconds()
    frame["next_act"] = frame.groupby("customer_id")["activity"].shift(-1)
    frame["gap"] = frame.groupby("customer_id")["secs"].shift(-1) - frame["secs"]
    pairs = frame.dropna(subset=["next_act"])
    expected = {}
    for (a, b), g in pairs.groupby(["activity", "next_act"]):
        x = g["gap"]
        expected[(a, b)] = (len(x), x.mean(), x.quantile(0.25), x.median(), x.quantile(0.75), x.quantile(0.9))
    per = frame.groupby("customer_id")["secs"]
    convert = per.max() - per.min()

    result = timing(to_events_table(frame))

    got = {(t.source, t.target): t.stats for t in result.transitions}
    assert set(got) == set(expected)
    for key, (n, *stats) in expected.items():
        d = got[key]
        assert d.n == n
        assert [d.mean, d.p25, d.median, d.p75, d.p90] == pytest.approx(stats, rel=1e-9, abs=1e-6)
    c = result.conversion
    assert isinstance(c, Distribution)
    assert c.n == len(convert)
    assert [c.mean, c.p25, c.median, c.p75, c.p90] == pytest.approx(
        [convert.mean(), *(convert.quantile(q) for q in (0.25, 0.5, 0.75, 0.9))], rel=1e-9, abs=1e-6
    )


FUNNELS = {
    "receipt": [
        "Confirmation of receipt",
        "T02 Check confirmation of receipt",
        "T04 Determine confirmation of receipt",
        "T05 Print and send confirmation of receipt",
        "T06 Determine necessity of stop advice",
    ],
    "helpdesk": ["Assign seriousness", "Take in charge ticket", "Resolve ticket", "Closed"],
    "bpic2013_closed": ["Queued", "Accepted", "Completed"],
}


@pytest.mark.parametrize("name", LOGS)
@pytest.mark.parametrize("order", ["sequential", "strict", "any"])
@pytest.mark.parametrize("window", [None, dt.timedelta(days=7)])
def test_every_funnel_order_equals_the_reference(real_logs, name, order, window):
    _, frame = real_logs[name]
    journeys = {c: list(zip(g["activity"], g["ts"], strict=True)) for c, g in frame.groupby("customer_id")}
    expected = reference_funnel(journeys, FUNNELS[name], order, window)

    result = funnel(to_events_table(frame), FUNNELS[name], order=order, window=window)

    assert [s.customers for s in result.steps] == expected


def test_receipt_timing_per_entry_channel_equals_pandas(real_logs):
    _, frame = real_logs["receipt"]
    secs = (frame["ts"].dt.floor("ms") - pd.Timestamp("1970-01-01")).dt.total_seconds()
    per = (
        frame.assign(secs=secs)
        .groupby("customer_id")
        .agg(channel=("channel", "first"), lo=("secs", "min"), hi=("secs", "max"))
    )
    per["gap"] = per["hi"] - per["lo"]

    result = timing(to_events_table(frame))

    got = dict(result.channel_conversion)
    assert set(got) == set(per["channel"])
    for channel, g in per.groupby("channel"):
        x = g["gap"]
        d = got[channel]
        assert d.n == len(x)
        assert [d.mean, d.p25, d.median, d.p75, d.p90] == pytest.approx(
            [x.mean(), *(x.quantile(q) for q in (0.25, 0.5, 0.75, 0.9))], rel=1e-9, abs=1e-6
        )


@pytest.mark.parametrize("name", LOGS)
def test_dropoff_equals_pandas(real_logs, name):
    _, frame = real_logs[name]
    last = frame.groupby("customer_id")["activity"].last().value_counts()

    result = dropoff(to_events_table(frame))

    assert result.customers == frame["customer_id"].nunique()
    assert dict(result.steps) == last.to_dict()
