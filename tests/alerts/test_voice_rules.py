"""Satisfaction (CSAT top-2-box, NPS) from survey answers and the negative-comment share from
`safar feedback ingest`: each fires on a real fall and reaches the owner's webhook."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from alerts_helpers import T0

from safar.alerts import check_after_ingest
from safar.config import Settings
from safar.warehouse import open_warehouse
from safar.workspace import Workspace


def answers(
    kind: str,
    *,
    days: range,
    per_day: int,
    values: list[float],
    touchpoint: str | None,
    stage: str | None = None,
) -> list[tuple[Any, ...]]:
    """``per_day`` answers a day, their values cycling through ``values``."""
    out = []
    for d in days:
        for i in range(per_day):
            rid = f"{kind}-{d}-{i}"
            at = T0 + timedelta(days=d, hours=10, minutes=i)
            out.append(
                (
                    1,
                    1,
                    rid,
                    "q1",
                    kind,
                    touchpoint,
                    stage,
                    rid,
                    None,
                    at,
                    values[(d * per_day + i) % len(values)],
                    "survey",
                )
            )
    return out


def insert_answers(rows: list[tuple[Any, ...]]) -> None:
    with open_warehouse(Settings.from_env()) as wh:
        assert wh.raw is not None
        wh.raw.executemany(
            "INSERT INTO responses (survey_id, map_id, response_id, question_id, kind, touchpoint_id, stage_id, "
            "customer_id, channel, ts, value, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def test_satisfaction_falls_on_csat_and_nps(cli, hook, shop) -> None:
    cli("alerts", "destination", "set", "Payments", hook.url)
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "pay", "--kind", "satisfaction_falls")
    cli(
        "alerts",
        "rule",
        "add",
        str(shop),
        "--stage",
        "buy",
        "--kind",
        "satisfaction_falls",
        "--metric",
        "nps",
    )
    cli("alerts", "rule", "add", str(shop), "--channel", "call_centre", "--kind", "satisfaction_falls")
    # CSAT: 17 of 20 answers are 4–5 in the baseline (85%), 6 of 10 in the recent week (60%).
    good, poor = [5, 4, 5, 4, 5] * 3 + [4, 5, 3, 2, 1], [5, 4, 5, 4, 5, 4, 3, 2, 1, 2]
    # NPS: promoters 50%, detractors 20% (NPS +30) in the baseline; 30% and 40% (NPS −10) recently.
    before, after = [10, 9, 9, 10, 9, 7, 8, 8, 3, 6], [10, 9, 10, 7, 8, 7, 2, 5, 6, 0]
    insert_answers(
        answers("csat", days=range(0, 28), per_day=10, values=good, touchpoint="pay")
        + answers("csat", days=range(28, 35), per_day=10, values=poor, touchpoint="pay")
        + answers("nps", days=range(0, 28), per_day=10, values=before, touchpoint=None, stage="buy")
        + answers("nps", days=range(28, 35), per_day=10, values=after, touchpoint="pay")
    )
    with Workspace.open(Settings.from_env()) as ws:
        results = [r.to_dict() for r in check_after_ingest(ws, map_id=shop)]
    assert [(r["rule_id"], r["status"], r["metric"]) for r in results] == [
        (1, "fired", "csat_top2"),
        (2, "fired", "nps"),
        (3, "too_few", "csat_top2"),
    ]
    # Survey answers have a time of their own: "now" is the latest answer of the map.
    assert {r["now"] for r in results[:2]} == {"2024-02-04T10:09:00+00:00"}
    assert [
        (r["baseline"]["n"], r["baseline"]["hits"], r["recent"]["n"], r["recent"]["hits"])
        for r in results[:2]
    ] == [
        (280, 238, 70, 42),
        (280, 140, 70, 21),
    ]
    assert (results[1]["baseline"]["detractors"], results[1]["recent"]["detractors"]) == (56, 28)
    assert [a["message"]["en"] for a in hook.received] == [
        "Satisfaction (CSAT, share of 4–5) at Pay fell from 85.0% to 60.0% (n 280 → 70, p = 0.0000).",
        "NPS at Buy fell from 30.0 to -10.0 (n 280 → 70, p = 0.0001).",
    ]
    assert [a["owners"] for a in hook.received] == [["Payments"], ["Payments"]]


def comments(path: Path, days: range, per_day: int, negative: int) -> list[str]:
    lines = []
    for d in days:
        for i in range(per_day):
            text = "Worst support ever, terrible" if i < negative else "Great service, thank you!"
            lines.append(
                f"{text},support,c{d}-{i},{(T0 + timedelta(days=d, hours=12, minutes=i)).isoformat()}"
            )
    return lines


def test_negative_comments_rise_through_feedback_ingest(cli, hook, shop, tmp_path: Path) -> None:
    cli("alerts", "destination", "set", "Care", hook.url)
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "support", "--kind", "negative_sentiment_rises")
    path = tmp_path / "comments.csv"
    rows = comments(path, range(0, 28), 5, 1) + comments(path, range(28, 35), 10, 5)
    path.write_text("text,touchpoint,customer,time\n" + "\n".join(rows) + "\n", encoding="utf-8")
    report = cli(
        "feedback",
        "ingest",
        str(path),
        "--map",
        str(shop),
        "--dataset",
        "fb",
        "--touchpoint-col",
        "touchpoint",
        "--customer-col",
        "customer",
        "--time-col",
        "time",
        "--json",
    )
    assert report == {
        "read": 210,
        "loaded": 210,
        "duplicates": 0,
        "rejected": 0,
        "quarantine": "rejected",
        "columns": {"text": "text", "touchpoint": "touchpoint", "customer": "customer", "time": "time"},
        "reading": {"encoding": "UTF-8", "calendar": "gregorian", "tz": "UTC"},
    }
    [alert] = hook.received
    assert (
        alert["kind"],
        alert["target"],
        alert["owners"],
        alert["baseline"]["n"],
        alert["baseline"]["hits"],
        alert["recent"]["n"],
        alert["recent"]["hits"],
    ) == (
        "negative_sentiment_rises",
        {"kind": "touchpoint", "id": "support", "name": "Support"},
        ["Care"],
        140,
        28,
        70,
        35,
    )
    assert (
        alert["message"]["en"]
        == "Negative comments about Support rose from 20.0% to 50.0% (n 140 → 70, p = 0.0000)."
    )
