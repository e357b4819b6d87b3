"""The demo workspace: the insurance map with a synthetic, seeded event log bound to it.

The events are made here, not taken from anyone: a few thousand customers walk the
map's stages in order, some leave at each stage, some call the contact centre again,
each touchpoint in its own channel. They exist so a new user sees a map with live
numbers on it; they are labelled as synthetic wherever they are shown.

>>> from safar.maps.templates import load_template
>>> rows = synthetic_events(load_template("insurance", "en"), customers=50, seed=1)
>>> len({r["customer_id"] for r in rows}), rows[0]["activity"] in {t.id for t in load_template("insurance", "en").stages[0].touchpoints}
(50, True)
"""

from __future__ import annotations

import csv
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from safar.model import BindingRule, JourneyMap

DATASET = "insurance-demo"
_CONTINUE = (0.92, 0.8, 0.72, 0.85, 0.9, 0.75, 0.6)  # share of customers going on after each stage


def synthetic_events(journey: JourneyMap, *, customers: int = 2500, seed: int = 7) -> list[dict[str, Any]]:
    """Seeded events for ``journey``: activity = touchpoint id, channel = its channel."""
    rng = random.Random(seed)
    start = datetime(2026, 3, 21, 8, 0, tzinfo=UTC)
    rows: list[dict[str, Any]] = []
    for n in range(customers):
        customer = f"C{n + 1:05d}"
        when = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 180))
        segment = rng.choice(("new", "new", "returning"))
        for index, stage in enumerate(journey.stages):
            visited = [tp for tp in stage.touchpoints if rng.random() < 0.75] or stage.touchpoints[:1]
            for tp in visited:
                repeats = 1 + (rng.random() < 0.25 if tp.channel in ("call_centre", "ivr") else 0)
                for _ in range(repeats):
                    when += timedelta(minutes=rng.expovariate(1 / (30 if index < 3 else 600)))
                    rows.append(
                        {
                            "customer_id": customer,
                            "activity": tp.id,
                            "timestamp": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                            "channel": tp.channel,
                            "segment": segment,
                        }
                    )
            if rng.random() > _CONTINUE[min(index, len(_CONTINUE) - 1)]:
                break
            when += timedelta(hours=rng.expovariate(1 / 24))
    return rows


def write_csv(rows: list[dict[str, Any]], path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def bind_to_dataset(journey: JourneyMap, dataset: str = DATASET) -> JourneyMap:
    """The map with one rule per touchpoint: its own id as the activity, in ``dataset``."""
    bound = journey.model_copy(deep=True)
    for tp in bound.touchpoints():
        if not any(rule.dataset == dataset for rule in tp.bind):
            tp.bind.append(BindingRule(activity=tp.id, dataset=dataset))
    return bound
