"""The voice report's trend counts what its headline counts (metrics.survey.map_level), against a plain reading."""

from __future__ import annotations

import datetime as dt

import ibis
import pyarrow as pa

from safar.voice.report import headline, map_trend

# (kind, touchpoint, stage, value, day): NPS is asked about the journey and about a touchpoint, so its trend
# counts only the journey-level answers; CSAT is asked only about touchpoints, so it counts every answer.
ANSWERS = [
    ("nps", None, None, 10.0, "2026-01-05"),
    ("nps", None, None, 2.0, "2026-01-20"),
    ("nps", "claim", None, 0.0, "2026-01-21"),
    ("nps", "claim", None, 0.0, "2026-02-02"),
    ("nps", None, None, 9.0, "2026-02-03"),
    ("nps", None, "after", 1.0, "2026-02-04"),
    ("csat", "claim", None, 5.0, "2026-01-10"),
    ("csat", "claim", None, 2.0, "2026-02-10"),
    ("csat", None, "after", 4.0, "2026-02-11"),
]


def plain_nps(values: list[float]) -> float:
    return round(100 * (sum(v >= 9 for v in values) - sum(v <= 6 for v in values)) / len(values), 2)


def plain_csat(values: list[float]) -> float:
    return round(100 * sum(v >= 4 for v in values) / len(values), 2)


def reference() -> dict[str, dict[str, float]]:
    """Per kind and month: the journey-level answers when the kind has any, else every answer of the kind."""
    out: dict[str, dict[str, float]] = {}
    for kind, measure in (("nps", plain_nps), ("csat", plain_csat)):
        mine = [a for a in ANSWERS if a[0] == kind]
        counted = [a for a in mine if a[1] is None and a[2] is None] or mine
        months = sorted({a[4][:7] for a in counted})
        out[kind] = {m: measure([a[3] for a in counted if a[4][:7] == m]) for m in months}
    return out


def answers() -> ibis.Table:
    return ibis.memtable(
        pa.table(
            {
                "kind": [a[0] for a in ANSWERS],
                "touchpoint_id": pa.array([a[1] for a in ANSWERS], pa.string()),
                "stage_id": pa.array([a[2] for a in ANSWERS], pa.string()),
                "value": [a[3] for a in ANSWERS],
                "ts": [dt.datetime.fromisoformat(a[4]) for a in ANSWERS],
            }
        )
    )


def test_the_trend_counts_the_answers_the_headline_counts() -> None:
    trend = map_trend(answers(), "month", min_n=1)
    got = {kind: {row["period"][:7]: row["value"] for row in rows} for kind, rows in trend.items()}
    assert got == reference()
    assert got == {
        "nps": {"2026-01": 0.0, "2026-02": 100.0},  # pooled, both months would read −33.33
        "csat": {"2026-01": 100.0, "2026-02": 50.0},
    }
    assert [row["n"] for row in trend["nps"]] == [2, 1]
    # the trend's periods together hold exactly the headline's answers
    total = headline(answers(), min_n=1)
    assert {k: sum(r["n"] for r in rows) for k, rows in trend.items()} == {
        k: v["n"] for k, v in total.items()
    }


def test_the_breakdown_by_period_skips_a_metric_nobody_answered() -> None:
    """No CES answers at all: the by-period breakdown lists NPS and CSAT (it failed with KeyError 'group',
    found by schemathesis on GET …/voice?by=period)."""
    from safar.events.periods import GREGORIAN_UTC
    from safar.voice.report import _breakdown

    out = _breakdown(answers(), "period", "month", 1, GREGORIAN_UTC)
    assert out["by"] == "period"
    assert sorted({(r["metric"], r["group"]) for r in out["rows"]}) == [
        ("csat", "2026-01-01"),
        ("csat", "2026-02-01"),
        ("nps", "2026-01-01"),
        ("nps", "2026-02-01"),
    ]
