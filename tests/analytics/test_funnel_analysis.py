"""Funnel analysis on the receipt log (a Dutch municipality's permit service, each case with its entry channel)
against plain pandas walking the events: the funnel per entry channel, this period against the one before
with its test, and the time distributions of each step (to convert, in the step before, before leaving)."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Any

import pandas as pd
import pytest
from analytics_helpers import journeys_for, to_events_table

from safar.alerts.stats import normal_cdf
from safar.analytics.funnel_analysis import BINS, breakdown, compare_previous, funnel_times

STEPS = [
    "Confirmation of receipt",
    "T02 Check confirmation of receipt",
    "T04 Determine confirmation of receipt",
    "T05 Print and send confirmation of receipt",
]


def _chains(frame: pd.DataFrame, steps: list[str]) -> pd.DataFrame:
    """Per customer: the time of each step reached in order (first occurrence of the first, then the earliest
    later one), the channel of the first step's event, and the customer's last event."""
    out = []
    for customer, g in frame.groupby("customer_id", sort=False):
        acts, times, channels = g.activity.tolist(), g.ts.tolist(), g.channel.tolist()
        pos, reached, channel = -1, [], None
        for step in steps:
            try:
                pos = acts.index(step, pos + 1)
            except ValueError:
                break
            if not reached:
                channel = channels[pos]
            reached.append(times[pos])
        if reached:
            out.append({"customer_id": customer, "channel": channel, "times": reached, "last": max(times)})
    return pd.DataFrame(out)


def _counts(chains: pd.DataFrame, n: int) -> list[int]:
    return [int((chains.times.map(len) > k).sum()) for k in range(n)]


def _stats(values: list[float]) -> tuple[Any, ...]:
    if not values:
        return (0, None, None, None, None, None)
    s = pd.Series(values, dtype=float)
    return (len(s), s.mean(), *(s.quantile(q) for q in (0.25, 0.5, 0.75, 0.9)))


def _close(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return all(
        (x is None and y is None) or (x is not None and y is not None and math.isclose(x, y, abs_tol=1e-3))
        for x, y in zip(a, b, strict=True)
    )


@pytest.fixture(scope="module")
def receipt(real_logs: Any) -> tuple[pd.DataFrame, Any, pd.DataFrame]:
    _, frame = real_logs["receipt"]
    return frame, to_events_table(frame), _chains(frame, STEPS)


def test_the_funnel_per_entry_channel_equals_pandas(receipt: Any) -> None:
    _frame, events, chains = receipt
    found = breakdown(events, STEPS, "channel")
    expected = {ch: _counts(g, len(STEPS)) for ch, g in chains.groupby("channel")}
    assert {g.group: [s.customers for s in g.funnel.steps] for g in found} == expected
    assert next(g.group for g in found) == max(expected, key=lambda c: expected[c][0])  # largest first
    assert sum(g.funnel.steps[0].customers for g in found) == len(chains)


def test_this_period_against_the_one_before_equals_pandas(receipt: Any) -> None:
    _frame, events, chains = receipt
    start, end = dt.datetime(2011, 1, 1), dt.datetime(2011, 7, 1)
    before = start - (end - start)
    found = compare_previous(events, STEPS, start=start, end=end)
    began = chains.times.map(lambda t: t[0])
    now = _counts(chains[(began >= start) & (began < end)], len(STEPS))
    then = _counts(chains[(began >= before) & (began < start)], len(STEPS))
    assert [(s.current, s.previous) for s in found.steps] == list(zip(now, then, strict=True))
    assert now[0] > 100 and then[0] > 100 and now[-1] > 0
    last = found.steps[-1]
    p0, p1 = then[-1] / then[0], now[-1] / now[0]
    pooled = (then[-1] + now[-1]) / (then[0] + now[0])
    z = (p1 - p0) / math.sqrt(pooled * (1 - pooled) * (1 / then[0] + 1 / now[0]))
    assert last.z is not None and math.isclose(last.z, z, rel_tol=1e-9)
    assert last.p_value is not None and math.isclose(last.p_value, 2 * (1 - normal_cdf(abs(z))), rel_tol=1e-9)
    assert (found.start, found.previous_start) == (start.isoformat(), before.isoformat())

    def medians(began_in: pd.Series) -> list[float | None]:
        chosen = chains[began_in]
        out: list[float | None] = []
        for k in range(len(STEPS)):
            took = [(t[k] - t[0]).total_seconds() for t in chosen.times if len(t) > k]
            out.append(float(pd.Series(took).median()) if took else None)
        return out

    assert [s.current_median for s in found.steps] == pytest.approx(medians((began >= start) & (began < end)))
    assert [s.previous_median for s in found.steps] == pytest.approx(
        medians((began >= before) & (began < start))
    )


def test_the_times_of_each_step_equal_pandas(receipt: Any) -> None:
    _frame, events, chains = receipt
    found = funnel_times(events, STEPS)
    assert [t.step for t in found] == STEPS[1:]
    for k, times in enumerate(found, start=1):
        went = chains[chains.times.map(len) > k]
        stayed = chains[chains.times.map(len) == k]
        convert = [(t[k] - t[0]).total_seconds() for t in went.times]
        in_step = [(t[k] - t[k - 1]).total_seconds() for t in went.times]
        left = [(row.last - row.times[k - 1]).total_seconds() for row in stayed.itertuples()]
        d = times.to_dict()
        assert _close(tuple(d["to_convert"].values()), _stats(convert)), (k, "convert")
        assert _close(tuple(d["in_step"].values()), _stats(in_step)), (k, "in step")
        assert _close(tuple(d["dropped"].values()), _stats(left)), (k, "dropped")
        edges = [0, *BINS, math.inf]
        counts = [sum(1 for v in convert if lo <= v < hi) for lo, hi in itertools.pairwise(edges)]
        assert list(times.histogram) == counts


def test_a_segment_and_a_persona_split_the_customers_written_out() -> None:
    t0 = dt.datetime(2024, 1, 1)
    h = dt.timedelta(hours=1)
    events = journeys_for(
        {
            "ana": [("visit", t0, "web", {"tier": "gold"}), ("buy", t0 + h, "web")],
            "bob": [("visit", t0, "app"), ("visit", t0 + h, "app", {"tier": "silver"})],
            "cy": [("visit", t0, "web")],
        }
    )
    tiers = breakdown(events, ["visit", "buy"], "segment:tier")
    assert [(g.group, [s.customers for s in g.funnel.steps]) for g in tiers] == [
        ("gold", [1, 1]),
        ("silver", [1, 0]),
        (None, [1, 0]),
    ]
    gold = breakdown(events, ["visit", "buy"], "persona", segment=(("tier", "gold"),))
    assert [(g.group, [s.customers for s in g.funnel.steps]) for g in gold] == [
        ("others", [2, 0]),
        ("persona", [1, 1]),
    ]


def test_a_window_per_step_counts_from_the_step_before() -> None:
    from safar.analytics import funnel
    from safar.errors import InputError

    t0 = dt.datetime(2024, 1, 1)
    h = dt.timedelta(hours=1)
    events = journeys_for(
        {
            "ana": [("visit", t0), ("cart", t0 + h), ("buy", t0 + 30 * h)],  # cart quickly, buy a day later
            "bob": [("visit", t0), ("cart", t0 + 5 * h), ("buy", t0 + 6 * h)],  # cart slowly, buy at once
            "cy": [("visit", t0), ("cart", t0 + 2 * h)],
        }
    )
    steps = ["visit", "cart", "buy"]

    def counts(limits: list[dt.timedelta | None], order: str = "sequential") -> list[int]:
        return [s.customers for s in funnel(events, steps, order=order, step_windows=limits).steps]

    assert counts([None, None]) == [3, 3, 2]
    assert counts([dt.timedelta(hours=3), None]) == [3, 2, 1]  # bob's cart came after 5 hours
    assert counts([None, dt.timedelta(hours=2)]) == [3, 3, 1]  # ana bought 29 hours after her cart
    assert counts([dt.timedelta(hours=3), dt.timedelta(hours=2)], "strict") == [3, 2, 0]
    with pytest.raises(InputError) as raised:
        counts([None])
    assert raised.value.code == "analytics.bad_step_windows"
