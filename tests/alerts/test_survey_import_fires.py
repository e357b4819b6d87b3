"""Importing survey answers that show a real fall in satisfaction delivers the owner's webhook at once."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path
from typing import Any

from alerts_helpers import T0


def answers(path: Path, *, baseline: float, recent: float) -> Path:
    """28 baseline days then 7 recent days of 8 CSAT answers a day on "pay"; ``share`` in the top two boxes."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "when", "csat_pay"])
        for day in range(35):
            share = baseline if day < 28 else recent
            for k in range(8):
                happy = k < round(8 * share)
                out.writerow(
                    [f"r{day}-{k}", (T0 + timedelta(days=day, hours=k)).isoformat(), 5 if happy else 2]
                )
    return path


def test_a_survey_import_with_a_real_drop_reaches_the_owner(
    cli: Any, hook: Any, shop: int, tmp_path: Path
) -> None:
    survey = cli("survey", "create", str(shop), "-q", "csat:pay", "--json")
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "pay", "--kind", "satisfaction_falls")
    cli("alerts", "destination", "set", "Payments", hook.url)
    steady = cli(
        "survey",
        "import",
        str(survey["id"]),
        str(answers(tmp_path / "a.csv", baseline=0.75, recent=0.75)),
        "--response-col",
        "id",
        "--time-col",
        "when",
        "--json",
    )
    assert steady["loaded"] == 280 and hook.received == []
    falling = answers(tmp_path / "b.csv", baseline=0.75, recent=0.25)
    survey2 = cli("survey", "create", str(shop), "-q", "csat:pay", "--json")
    cli(
        "survey",
        "import",
        str(survey2["id"]),
        str(falling),
        "--response-col",
        "id",
        "--time-col",
        "when",
        "--json",
    )
    assert [(p["kind"], p["target"]["id"], p["owners"]) for p in hook.received] == [
        ("satisfaction_falls", "pay", ["Payments"])
    ]
    assert hook.received[0]["recent"]["value"] < hook.received[0]["baseline"]["value"]
