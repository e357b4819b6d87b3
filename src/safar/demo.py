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

from safar.model import BasedOn, BindingRule, JourneyMap, MapType, Metric
from safar.model.journey import Measure

DATASET = "insurance-demo"
_CONTINUE = (0.92, 0.8, 0.72, 0.85, 0.9, 0.75, 0.6)  # share of customers going on after each stage
# Touchpoints that change the odds of going on (the demo's moments of truth, for the insights to find):
# comparing quotes online and a helpful agent keep customers, the vehicle inspection and waiting lose them.
_EFFECT = {
    "compare_quotes_online": 1.2,
    "ask_agent_plans": 1.12,
    "vehicle_inspection": 0.8,
    "wait_for_agent": 0.88,
}


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
            keep = _CONTINUE[min(index, len(_CONTINUE) - 1)]
            for tp in visited:
                keep = min(0.99, keep * _EFFECT.get(tp.id, 1.0))
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
            if rng.random() > keep:
                break
            when += timedelta(hours=rng.expovariate(1 / 24))
    return rows


# The demo survey: which questions, on which touchpoints (ids of the insurance template).
SURVEY_SPECS = (
    "csat:wait_for_agent",
    "text:wait_for_agent",
    "ces:fill_application",
    "csat:online_payment",
    "nps:report_claim",
    "text:report_claim",
    "csat:damage_assessment",
    "gap:wait_for_agent",
    "gap:online_payment",
    "nps",
)
# Expectation and perception (1–7) the synthetic respondents give to the gap questions.
_GAPS = {"gap_wait_for_agent": (5.9, 3.4), "gap_online_payment": (5.6, 5.9)}
# Mean answers the synthetic respondents give (the waiting line is the designed pain point).
_MEANS = {
    "csat_wait_for_agent": 2.4,
    "ces_fill_application": 4.2,
    "csat_online_payment": 4.3,
    "nps_report_claim": 6.0,
    "csat_damage_assessment": 3.2,
}
_SAYS = {  # what respondents write, by how the experience went for them
    "text_wait_for_agent": {
        "bad": {
            "fa": ("نیم ساعت پشت خط ماندم و کسی جواب نداد", "زمان انتظار خیلی طولانی بود و خسته شدم"),
            "en": ("I waited half an hour on the line and nobody answered", "The wait was far too long"),
        },
        "good": {
            "fa": ("کارشناس مودب بود و سریع جواب داد", "خیلی زود وصل شدم، عالی بود"),
            "en": ("The agent was polite and answered quickly", "I got through very fast, great"),
        },
    },
    "text_report_claim": {
        "bad": {
            "fa": ("هیچ‌کس پیگیری نکرد و پرونده‌ام گم شد", "فرم خسارت گیج‌کننده بود و اذیت شدم"),
            "en": ("Nobody followed up and my file was lost", "The claim form was confusing"),
        },
        "good": {
            "fa": ("اعلام خسارت ساده و سریع بود", "کارشناس خسارت خیلی خوب راهنمایی کرد"),
            "en": ("Reporting the claim was quick and simple", "The claims agent guided me very well"),
        },
    },
}


def synthetic_responses(
    journey: JourneyMap, *, respondents: int = 600, seed: int = 11
) -> list[dict[str, Any]]:
    """Seeded answers to the demo survey, one row per respondent, in the import format.

    Waiting for an agent gets worse in the last month, so the data shows a real drop.

    >>> from safar.maps.templates import load_template
    >>> rows = synthetic_responses(load_template("insurance", "en"), respondents=5)
    >>> len(rows), {"response_id", "customer_id", "time", "nps"} <= set(rows[0])
    (5, True)
    """
    rng = random.Random(seed)
    start = datetime(2026, 3, 21, 9, 0, tzinfo=UTC)
    rows: list[dict[str, Any]] = []
    for n in range(respondents):
        when = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 180))
        late = when >= start + timedelta(days=150)
        row: dict[str, Any] = {
            "response_id": f"R{n + 1:05d}",
            "customer_id": f"C{rng.randrange(1, 2501):05d}",
            "time": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        scores = []
        for field, mean in _MEANS.items():
            if rng.random() < 0.2:
                continue  # not every respondent answers every question
            low, high = (0, 10) if field.startswith("nps") else (1, 7) if field.startswith("ces") else (1, 5)
            centre = mean - (1.2 if late and field == "csat_wait_for_agent" else 0)
            value = min(high, max(low, round(rng.gauss(centre, (high - low) / 5))))
            row[field] = value
            scores.append((value - low) / (high - low) * (-1 if field.startswith("ces") else 1))
        for field, (expected, perceived) in _GAPS.items():
            if rng.random() < 0.5:
                row[field + "_expected"] = min(7, max(1, round(rng.gauss(expected, 1.0))))
                row[field] = min(7, max(1, round(rng.gauss(perceived, 1.2))))
        mood = sum(scores) / len(scores) if scores else 0.5
        row["nps"] = min(10, max(0, round(rng.gauss(2 + 9 * mood, 1.5))))
        for field, says in _SAYS.items():
            if rng.random() < 0.35:
                lang = "fa" if rng.random() < 0.8 else "en"
                row[field] = rng.choice(says["good" if rng.random() < mood else "bad"][lang])
        rows.append(row)
    return rows


def write_csv(rows: list[dict[str, Any]], path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        fields: list[str] = []
        for row in rows:
            fields += [k for k in row if k not in fields]
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


# Key metrics the demo measures from its data: touchpoint, kind, unit, target, higher is better, names.
_MEASURED = (
    (
        "wait_for_agent",
        "csat",
        "%",
        70.0,
        True,
        "رضایت از انتظار برای کارشناس (CSAT)",
        "Satisfaction with waiting (CSAT)",
    ),
    ("wait_for_agent", "dropoff", "%", 5.0, False, "ریزش پس از انتظار", "Drop-off after waiting"),
    ("fill_application", "ces", "", 3.0, False, "زحمت تکمیل فرم (CES)", "Effort to fill the form (CES)"),
    ("online_payment", "csat", "%", 85.0, True, "رضایت از پرداخت (CSAT)", "Satisfaction with payment (CSAT)"),
    ("report_claim", "nps", "", 20.0, True, "NPS پس از اعلام خسارت", "NPS after reporting a claim"),
    (
        "report_claim",
        "negative_share",
        "%",
        20.0,
        False,
        "سهم نظرهای منفی درباره اعلام خسارت",
        "Negative comments on reporting a claim",
    ),
)


def measure_metrics(journey: JourneyMap) -> JourneyMap:
    """The map with key metrics that say what they measure in the demo's data (so their values show)."""
    measured = journey.model_copy(deep=True)
    by_id = {tp.id: tp for tp in measured.touchpoints()}
    for touchpoint, kind, unit, target, higher, name_fa, name_en in _MEASURED:
        tp = by_id.get(touchpoint)
        name = name_fa if measured.lang == "fa" else name_en
        if tp is not None and all(m.name != name for m in tp.metrics):
            tp.metrics.append(
                Metric(
                    name=name, unit=unit, target=target, higher_is_better=higher, measure=Measure(kind=kind)
                )
            )
    return measured


def future_state(current: JourneyMap, current_id: int) -> JourneyMap:
    """A future-state map based on ``current``: the same journey with the demo's targets raised."""
    future = measure_metrics(current).model_copy(deep=True)
    future.type = MapType.FUTURE_STATE
    future.based_on = BasedOn(map=current_id)
    future.title = ("نقشه آینده: " if current.lang == "fa" else "Future state: ") + current.title
    for tp in future.touchpoints():
        tp.bind = []
        for metric in tp.metrics:
            if metric.measure is not None and metric.target is not None:
                metric.target = round(metric.target * (1.1 if metric.higher_is_better else 0.8), 1)
    return future


def bind_to_dataset(journey: JourneyMap, dataset: str = DATASET) -> JourneyMap:
    """The map with one rule per touchpoint: its own id as the activity, in ``dataset``."""
    bound = journey.model_copy(deep=True)
    for tp in bound.touchpoints():
        if not any(rule.dataset == dataset for rule in tp.bind):
            tp.bind.append(BindingRule(activity=tp.id, dataset=dataset))
    return bound
