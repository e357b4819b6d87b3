"""The behaviour metrics (safar.metrics.behaviour) against a plain Python reference, on journeys stated
declaratively, and the same figures on every surface: overlay, "where customers stop", KPIs, alerts."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analytics"))

from analytics_helpers import T0, H, journey_map, journeys_for, tp

from safar.alerts.measure import measure
from safar.alerts.rules import AlertRule, RuleKind, RuleParams, TargetKind
from safar.analytics import channels, dropoff, on_map, summary
from safar.analytics._common import rows
from safar.kpis.measures import events_measure
from safar.metrics._order import seconds
from safar.metrics.behaviour import (
    converted_within,
    customer_counts,
    dropped_customers,
    first_columns,
    map_customers,
    measured,
    reached_the_end,
    requests_table,
)

STAGES = {"aware": ["ad"], "consider": ["site", "call"], "buy": ["order"], "keep": ["renew"]}


def shop(stages: dict[str, list[str]] = STAGES) -> Any:
    return journey_map({s: [tp(t, {"activity": t}) for t in tps] for s, tps in stages.items()})


def reference(journeys: dict[str, list[tuple[Any, ...]]], stages: dict[str, list[str]]) -> dict[str, dict]:
    """Per touchpoint, by hand: customers, converted, dropped, completed, gaps (seconds to next)."""
    stage_of = {t: i for i, tps in enumerate(stages.values()) for t in tps}
    bound = {c: [e for e in evs if e[0] in stage_of] for c, evs in journeys.items()}
    bound = {c: sorted(evs, key=lambda e: e[1]) for c, evs in bound.items() if evs}  # stable: seq
    with_data = {stage_of[e[0]] for evs in bound.values() for e in evs}
    top = max(with_data, default=-1)
    out = {
        t: {"customers": set(), "converted": set(), "dropped": 0, "completed": 0, "gaps": []}
        for t in stage_of
    }
    for c, evs in bound.items():
        for i, (a, ts, *_) in enumerate(evs):
            here = out[a]
            here["customers"].add(c)
            if any(stage_of[later[0]] > stage_of[a] for later in evs[i + 1 :]):
                here["converted"].add(c)
            if i + 1 < len(evs):
                here["gaps"].append((evs[i + 1][1] - ts).total_seconds())
        last = evs[-1][0]
        if stage_of[last] == top:
            out[last]["completed"] += 1
        elif stage_of[last] + 1 in with_data:
            out[last]["dropped"] += 1
    for t, here in out.items():
        n = len(here["customers"])
        final = stage_of[t] >= top
        gaps = sorted(here["gaps"])
        here["conversion"] = None if final or not n else len(here["converted"]) / n
        here["dropoff_share"] = here["dropped"] / n if n else None
        here["median"] = None if not gaps else (gaps[(len(gaps) - 1) // 2] + gaps[len(gaps) // 2]) / 2
        here["customers"] = n
    return out


CASES = {
    "completion is not drop-off": {
        "ana": [("ad", T0), ("site", T0 + H), ("order", T0 + 2 * H), ("renew", T0 + 5 * H)],
        "bob": [("ad", T0), ("site", T0 + 2 * H)],
        "cem": [
            ("ad", T0),
            ("call", T0 + H),
            ("order", T0 + 3 * H),
            ("renew", T0 + 4 * H),
            ("ad", T0 + 6 * H),
        ],
    },
    "a skipped stage": {
        "ana": [("ad", T0), ("order", T0 + H), ("renew", T0 + 2 * H)],
        "bob": [("site", T0), ("renew", T0 + 3 * H)],
        "cem": [("ad", T0), ("order", T0 + H)],
    },
    "a customer with one event": {
        "ana": [("site", T0)],
        "bob": [("ad", T0), ("site", T0 + H), ("renew", T0 + 2 * H)],
        "cem": [("noise", T0), ("renew", T0 + H)],
    },
    "no data in the next stage": {  # nobody reaches "buy": those ending in "consider" are not drop-offs
        "ana": [("ad", T0), ("site", T0 + H)],
        "bob": [("ad", T0), ("site", T0 + H), ("renew", T0 + 9 * H)],
        "cem": [("ad", T0)],
    },
    "going back and coming again": {  # a first step later on the map than one after it
        "ana": [
            ("order", T0),
            ("ad", T0 + H),
            ("site", T0 + 2 * H),
            ("order", T0 + 3 * H),
            ("site", T0 + 4 * H),
        ],
        "bob": [("call", T0), ("ad", T0 + H), ("call", T0 + 2 * H), ("renew", T0 + 3 * H)],
        "cem": [("renew", T0), ("ad", T0 + H)],
    },
    "ties in time keep the written order": {
        "ana": [("ad", T0), ("site", T0), ("order", T0)],
        "bob": [("order", T0), ("ad", T0)],
    },
}


def _overlay(journeys: dict[str, list[tuple[Any, ...]]], stages: dict[str, list[str]]) -> dict[str, dict]:
    return {
        t["touchpoint"]: t for t in summary(journeys_for(journeys), shop(stages)).to_dict()["touchpoints"]
    }


@pytest.mark.parametrize("case", list(CASES))
def test_overlay_matches_the_reference(case: str) -> None:
    found, expected = _overlay(CASES[case], STAGES), reference(CASES[case], STAGES)
    for t, want in expected.items():
        got = found[t]
        assert (got["customers"], got["dropoff"], got["completed"]) == (
            want["customers"],
            want["dropped"],
            want["completed"],
        ), t
        assert got["conversion_to_next_stage"] == pytest.approx(want["conversion"]), t
        assert got["dropoff_share"] == pytest.approx(want["dropoff_share"]), t
        assert got["median_seconds_to_next"] == pytest.approx(want["median"]), t


@pytest.mark.parametrize("size", [(5, 4), (64, 64)], ids=["bits", "windows"])
@pytest.mark.parametrize("case", list(CASES))
def test_customers_counted_from_their_first_steps_are_the_reference(case: str, size: tuple[int, int]) -> None:
    """The kept steps count customers by their first step at a touchpoint, in a stage and on the map
    (:func:`customer_counts`; marked from bits on a map of up to 63 touchpoints, by windows past that): the
    same numbers as counting them distinct, and as by hand."""
    on = on_map(journeys_for(CASES[case]), shop())
    plain = measured(on)
    marked = plain.mutate(**first_columns(on, *size))
    expected = reference(CASES[case], STAGES)
    by_tp = [
        {
            r["touchpoint_id"]: r
            for r in rows(t.group_by("touchpoint_id").agg(**customer_counts(t, "touchpoint")))
        }
        for t in (marked, plain)
    ]
    assert by_tp[0] == by_tp[1]
    for t, want in expected.items():
        got = by_tp[0].get(t, {"customers": 0, "converted": 0})
        assert (got["customers"], got["converted"]) == (want["customers"], len(want["converted"])), t
    by_stage = [
        rows(t.group_by("stage_index").agg(**customer_counts(t, "stage")).order_by("stage_index"))
        for t in (marked, plain)
    ]
    assert by_stage[0] == by_stage[1]
    whole = [
        rows(t.agg(c=map_customers(t), e=reached_the_end(t), d=dropped_customers(t))) for t in (marked, plain)
    ]
    assert whole[0] == whole[1]
    bound = {
        c
        for c, evs in CASES[case].items()
        if any(e[0] in {t for ts in STAGES.values() for t in ts} for e in evs)
    }
    assert whole[0][0]["c"] == len(bound)


@pytest.mark.parametrize("case", list(CASES))
def test_an_empty_trailing_stage_changes_nothing(case: str) -> None:
    longer = {**STAGES, "refer": ["invite"]}
    before, after = _overlay(CASES[case], STAGES), _overlay(CASES[case], longer)
    assert {t: before[t] for t in before} == {t: after[t] for t in before}
    assert after["invite"]["customers"] == 0 and after["invite"]["dropoff"] == 0
    assert (
        dropoff(journeys_for(CASES[case]), level="stage", journey_map=shop(longer)).to_dict()
        == dropoff(journeys_for(CASES[case]), level="stage", journey_map=shop(STAGES)).to_dict()
    )


def test_the_final_touchpoint_has_completions_not_drop_offs() -> None:
    renew = _overlay(CASES["completion is not drop-off"], STAGES)["renew"]
    assert (
        renew["dropoff"],
        renew["dropoff_share"],
        renew["completed"],
        renew["conversion_to_next_stage"],
    ) == (
        0,
        0.0,
        1,  # ana; cem went back to the ad afterwards and stops there, in the first stage
        None,
    )


def test_where_customers_stop_lists_completion_apart() -> None:
    journeys = {
        "ana": [("ad", T0), ("site", T0 + H), ("order", T0 + 2 * H), ("renew", T0 + 3 * H)],
        "bob": [("ad", T0), ("site", T0 + H)],
        "cem": [("ad", T0), ("order", T0 + H), ("renew", T0 + 3 * H)],
        "dan": [("ad", T0)],
        "eve": [("ad", T0), ("call", T0 + H)],
    }
    assert dropoff(journeys_for(journeys), level="stage", journey_map=shop()).to_dict() == {
        "level": "stage",
        "customers": 5,
        "completed": 2,
        "unobserved": 0,
        "steps": [
            {"step": "consider", "customers": 2, "share": 0.4},
            {"step": "aware", "customers": 1, "share": 0.2},
        ],
    }


def test_before_a_stage_without_data_is_unobserved_not_a_stop() -> None:
    found = dropoff(journeys_for(CASES["no data in the next stage"]), level="touchpoint", journey_map=shop())
    assert found.to_dict() == {
        "level": "touchpoint",
        "customers": 3,
        "completed": 1,
        "unobserved": 1,
        "steps": [{"step": "ad", "customers": 1, "share": 1 / 3}],
    }


def test_conversion_within_a_time_limit_and_to_a_touchpoint() -> None:
    journeys = {
        "ana": [("ad", T0), ("site", T0 + H)],
        "bob": [("ad", T0), ("site", T0 + 30 * H)],
        "cem": [("ad", T0), ("ad", T0 + H), ("order", T0 + 2 * H)],
    }
    on = on_map(journeys_for(journeys), shop())
    first = on.filter(on.touchpoint_id == "ad").order_by(["customer_id", "ts"])

    def judged(**kw: Any) -> dict[str, list[bool]]:
        found: dict[str, list[bool]] = {}
        for r in rows(converted_within(first, on, **kw).order_by(["customer_id", "ts"])):
            found.setdefault(r["customer_id"], []).append(r["converted"])
        return found

    assert judged(within_seconds=24 * 3600) == {"ana": [True], "bob": [False], "cem": [True, True]}
    assert judged(within_seconds=24 * 3600, to="order") == {
        "ana": [False],
        "bob": [False],
        "cem": [True, True],
    }


def test_requests_and_responses_by_hand() -> None:
    journeys = {
        "ana": [("ask", T0, "tw"), ("ask", T0 + H, "tw"), ("reply", T0 + 3 * H, "tw")],
        "bob": [("ask", T0, "tw"), ("reply", T0 - H, "tw")],
        "cem": [("ask", T0, "mail"), ("noise", T0 + H, "mail")],
    }
    ev = journeys_for(journeys)
    req = rows(requests_table(ev, request=ev.activity == "ask", response=ev.activity == "reply"))
    assert sorted((r["customer_id"], r["gap"] or 0.0) for r in req) == [
        ("ana", 7200.0),  # asked again an hour later: the same reply answers both
        ("ana", 10800.0),
        ("bob", 0.0),  # the reply came before the request: unanswered
        ("cem", 0.0),
    ]
    assert [r["answered_ts"] is None for r in sorted(req, key=lambda r: r["customer_id"])][2:] == [True, True]
    assert channels(ev, request=["ask"], response=["reply"]).overall.to_dict()["unanswered_share"] == 0.5


def _warehouse(events: Any) -> Any:
    """What the alert reads from a warehouse: ``con.table("events")``."""
    return SimpleNamespace(con=SimpleNamespace(table=lambda name: events))


def _rule(kind: RuleKind, target_kind: TargetKind, target: str, **params: str) -> AlertRule:
    return AlertRule(
        id=1,
        map_id=1,
        target_kind=target_kind,
        target_id=target,
        kind=kind,
        params=RuleParams.parse({"window": "3000d", "baseline": "1m", "within": "365d", **params}),
        owner=None,
        cooldown=0,
        enabled=True,
        created_by="test",
        created_at=dt.datetime(2024, 1, 1),
    )


def test_the_unanswered_alert_counts_what_analyze_channels_counts() -> None:
    """On a support log: requests at the 'inbound' touchpoint, answered by a later 'reply'."""
    start = dt.datetime(2020, 1, 1)
    journeys = {
        f"c{i}": [("inbound", start + dt.timedelta(days=i), "tw")]
        + ([("reply", start + dt.timedelta(days=i, hours=2), "tw")] if i % 4 else [])
        for i in range(40)
    }
    journeys["zz"] = [("noise", start + dt.timedelta(days=450))]  # "now": every request had its year
    events = journeys_for(journeys)
    m = journey_map(
        {"ask": [tp("inbound", {"activity": "inbound"})], "answer": [tp("reply", {"activity": "reply"})]}
    )
    found = measure(
        _warehouse(events),
        _rule(RuleKind.UNANSWERED_RISES, TargetKind.TOUCHPOINT, "inbound"),
        m,
        dataset="test",
    )
    assert found is not None
    expected = channels(events, request=["inbound"], response=["reply"]).overall.to_dict()
    assert (found.recent.n, found.recent.n - found.recent.hits) == (
        expected["requests"],
        expected["answered"],
    )
    assert found.recent.value == pytest.approx(expected["unanswered_share"]) == pytest.approx(10 / 40)


def _demo_like() -> tuple[Any, Any]:
    from safar.demo import bind_to_dataset, synthetic_events
    from safar.maps.templates import load_template

    m = bind_to_dataset(load_template("insurance", "en"), "test")
    back = dt.timedelta(days=3 * 365)
    journeys: dict[str, list[tuple[Any, ...]]] = {}
    for r in synthetic_events(m, customers=300, seed=3):
        when = dt.datetime.fromisoformat(r["timestamp"].replace("Z", "")) - back
        journeys.setdefault(r["customer_id"], []).append((r["activity"], when, r["channel"]))
    last = max(e[1] for evs in journeys.values() for e in evs)
    journeys["zz"] = [("noise", last + dt.timedelta(days=400))]  # the data's "now", long after every journey
    return journeys_for(journeys), m


def test_the_same_conversion_and_drop_off_on_every_surface() -> None:
    events, m = _demo_like()
    overlay = {t["touchpoint"]: t for t in summary(events, m).to_dict()["touchpoints"]}
    stops = {
        s["step"]: s["customers"]
        for s in dropoff(events, level="touchpoint", journey_map=m).to_dict()["steps"]
    }
    mine = events.filter(events.customer_id != "zz")
    spans = rows(mine.group_by("customer_id").agg(span=seconds(mine.ts.max()) - seconds(mine.ts.min())))
    # the alert's 365-day limit cuts nothing short
    assert max(r["span"] for r in spans) < 300 * 86400
    for stage in m.stages[:-1]:
        for t in stage.touchpoints:
            here = overlay[t.id]
            conversion = events_measure(events, m, "conversion", {t.id})[0]
            drop = events_measure(events, m, "dropoff", {t.id})[0]
            assert conversion["n"] == drop["n"] == here["customers"], t.id
            assert conversion["value"] == pytest.approx(100 * here["conversion_to_next_stage"], abs=1e-4), (
                t.id
            )
            assert drop["value"] == pytest.approx(100 * here["dropoff_share"], abs=1e-4), t.id
            assert stops.get(t.id, 0) == here["dropoff"], t.id
    renew = [t.id for t in m.stages[-1].touchpoints]
    assert all(overlay[t]["dropoff"] == 0 and overlay[t]["conversion_to_next_stage"] is None for t in renew)
    assert not set(stops) & set(renew)
    assert all(events_measure(events, m, "dropoff", {t})[0]["value"] == 0.0 for t in renew)
    alert = measure(
        _warehouse(events),
        _rule(RuleKind.CONVERSION_DROPS, TargetKind.STAGE, "evaluation"),
        m,
        dataset="test",
    )
    kpi = events_measure(events, m, "conversion", {t.id for t in m.stages[2].touchpoints})[0]
    assert alert is not None and m.stages[2].id == "evaluation"
    assert (alert.recent.n, round(100 * alert.recent.value, 4)) == (kpi["n"], kpi["value"])
