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
import os
import random
import secrets
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safar.config import Settings
from safar.i18n import translate
from safar.i18n.message import Message
from safar.model import BasedOn, BindingRule, JourneyMap, MapType, Metric
from safar.model.journey import Measure

if TYPE_CHECKING:
    from safar.workspace import Workspace

DATASET = "insurance-demo"
USER = "demo"
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
    consents = random.Random(seed + 1)  # its own stream: the answers above stay as they were
    for row in rows:
        row["consent"] = "yes" if consents.random() < 0.7 else "no"
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
    """The map with key metrics for what the demo's survey and comments ask about, besides the template's
    own (which already say what they measure); a kind the touchpoint already measures is not added twice.

    >>> from safar.maps.templates import load_template
    >>> m = measure_metrics(load_template("insurance", "en"))
    >>> waiting = next(t for t in m.touchpoints() if t.id == "wait_for_agent")
    >>> [(x.name, x.measure.kind.value) for x in waiting.metrics if x.measure][2:]  # the template's two first
    [('Satisfaction with waiting (CSAT)', 'csat'), ('Drop-off after waiting', 'dropoff')]
    """
    measured = journey.model_copy(deep=True)
    by_id = {tp.id: tp for tp in measured.touchpoints()}
    for touchpoint, kind, unit, target, higher, name_fa, name_en in _MEASURED:
        tp = by_id.get(touchpoint)
        name = name_fa if measured.lang == "fa" else name_en
        if tp is None or any(m.name == name or _measures(m, kind, tp.id) for m in tp.metrics):
            continue
        tp.metrics.append(
            Metric(name=name, unit=unit, target=target, higher_is_better=higher, measure=Measure(kind=kind))
        )
    return measured


def _measures(metric: Metric, kind: str, touchpoint: str) -> bool:
    """Whether ``metric`` (on ``touchpoint``) already measures ``kind`` at that touchpoint."""
    m = metric.measure
    return m is not None and m.kind.value == kind and m.stage is None and m.touchpoint in (None, touchpoint)


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


# Who the demo's personas are in its events (each event carries the customer's ``segment``).
PERSONAS_IN_DATA = {"new_car_owner": "segment=new"}


def with_personas_in_data(journey: JourneyMap) -> JourneyMap:
    """The map with its personas' ``data_segment`` in the demo's events (:data:`PERSONAS_IN_DATA`)."""
    out = journey.model_copy(deep=True)
    for persona in out.personas:
        if persona.id in PERSONAS_IN_DATA and not persona.data_segment:
            persona.data_segment = PERSONAS_IN_DATA[persona.id]
    return out


# The demo's own lanes: the team's note on the systems behind the claim, and the customers' negative
# comments drawn along the journey (a figure lane, filled from the map's data).
DEMO_LANES = {
    "fa": ("سامانه‌های پشت کار", "سهم نظرهای منفی", ["سامانه خسارت", "پرونده الکترونیک"]),
    "en": ("Systems behind it", "Negative comments", ["Claims system", "Electronic file"]),
}


def with_lanes(journey: JourneyMap) -> JourneyMap:
    """The map with the demo's two lanes (:data:`DEMO_LANES`), unless it has lanes of its own."""
    from safar.model import Lane, LaneFigure, LaneKind

    if journey.lanes:
        return journey
    systems, negative, claim = DEMO_LANES[journey.lang]
    out = journey.model_copy(deep=True)
    cells = {tp.id: claim for tp in out.touchpoints() if tp.id == "report_claim"}
    out.lanes = [
        Lane(id="systems", name=systems, kind=LaneKind.LIST, cells=cells),
        Lane(id="negative", name=negative, kind=LaneKind.FIGURE, figure=LaneFigure.NEGATIVE_SHARE),
    ]
    return out


@dataclass(frozen=True)
class DemoReady:
    """What ``safar demo`` prints: the demo map to open and how to log in."""

    map_id: int
    user: str
    password: str


def prepare(settings: Settings, lang: str, *, computed: bool = False) -> DemoReady:
    """The demo workspace in ``settings.home``: made on the first run, found again on the next ones;
    ``computed``: with the map's screens computed and kept (:func:`compute_screens`), before it is served."""
    from safar.workspace import Workspace

    with Workspace.open(settings) as ws:
        existing = [m for m in ws.list_maps() if m.lang == lang]
        map_id = existing[0].id if existing else create_demo_map(ws, settings, lang)
        ws.claim_dataset(DATASET)  # a demo made before datasets had owners gets its owner now
        if computed:
            compute_screens(ws, map_id, lang)
    return DemoReady(map_id, USER, demo_password(settings))


def compute_screens(ws: Workspace, map_id: int, lang: str) -> None:
    """The map's screens computed and kept before its URL is printed (safar.services.results), so the
    first page a new user opens shows its numbers at once instead of "being computed". Numbers already
    current are only read."""
    from safar.context import Context
    from safar.services.journeys import journeys
    from safar.services.kpis import key_metrics
    from safar.services.overlay import canvas
    from safar.services.results import current
    from safar.services.voice import voice

    ctx = Context(ws, lang)
    for screen in (canvas, journeys, key_metrics, voice):
        current(ctx, screen, map_id)


def create_demo_map(ws: Workspace, settings: Settings, lang: str) -> int:
    """The insurance map, bound to a synthetic event log ingested through the normal path, with its survey,
    alert rules and future-state map; returns the current-state map's id."""
    from safar.events import ingest_file

    stored = ws.new_from_template("insurance", lang)
    ws.claim_dataset(DATASET)
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(synthetic_events(stored.document), Path(folder) / "insurance-demo.csv")
        ingest_file(settings, path, dataset=DATASET, channel_col="channel")
    ws.save_map(
        stored.id,
        with_lanes(with_personas_in_data(measure_metrics(bind_to_dataset(stored.document)))),
        base_revision=stored.revision,
        message=Message("ui.demo_bound", {"dataset": DATASET}),
    )
    _add_survey(ws, settings, stored.id)
    _add_alerts(ws, stored.id)
    _add_topics(ws, lang)
    _add_articles(ws, lang)
    _add_cases(ws, stored.id, lang)
    current = ws.get_map(stored.id).document
    ws.create_map(future_state(current, stored.id), message=Message("ui.demo_future"))
    return stored.id


def _add_alerts(ws: Workspace, map_id: int) -> None:
    """Alert rules on the demo's pain points, checked once: the waiting line's satisfaction falls in the
    last month of the synthetic answers, so the feed opens with a real alert."""
    from safar.alerts import Alerts

    alerts = Alerts(ws)
    window = {"window": "30d", "baseline": "90d"}
    alerts.add_rule(map_id, kind="satisfaction_falls", touchpoint="wait_for_agent", params=dict(window))
    alerts.add_rule(map_id, kind="negative_sentiment_rises", touchpoint="report_claim", params=dict(window))
    alerts.add_rule(map_id, kind="conversion_drops", touchpoint="fill_application", params=dict(window))
    alerts.check(map_id=map_id)


# The demo's cases: detractors about reporting a claim in the last ten days of the synthetic answers.
CASES_SINCE = datetime(2026, 9, 7, tzinfo=UTC)


def _add_cases(ws: Workspace, map_id: int, lang: str) -> None:
    """A case rule on the demo's claim line (NPS ≤ 6 → the touchpoint's owner, 48 h), swept once, with one case
    being worked and one resolved, so the cases page opens on a real queue."""
    from safar.context import Context
    from safar.services.case_sweep import sweep
    from safar.services.cases import add_note, add_rule, move

    ctx = Context(ws, lang)
    add_rule(ctx, map_id, "nps<=6", touchpoint="report_claim", priority="high", since=CASES_SINCE, actor=USER)
    opened = sweep(ctx, via="cli").opened
    if len(opened) >= 2:
        move(ctx, opened[0], "in_progress", actor=USER, via="web")
        add_note(ctx, opened[0], translate("demo.case_note", lang), actor=USER, via="web")
        move(ctx, opened[1], "resolved", actor=USER, via="web", note=translate("demo.case_resolved", lang))


def _add_survey(ws: Workspace, settings: Settings, map_id: int) -> None:
    """A survey on the map's touchpoints with synthetic answers, imported through the normal path."""
    from safar.surveys import Surveys, quick_survey
    from safar.voice.responses import import_responses
    from safar.warehouse import open_warehouse

    journey = ws.get_map(map_id).document
    info = Surveys(ws).create(map_id, quick_survey(journey, SURVEY_SPECS, ask_consent=True))
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(synthetic_responses(journey), Path(folder) / "insurance-demo-survey.csv")
        with open_warehouse(settings) as warehouse:
            import_responses(
                warehouse,
                path,
                survey_id=info.id,
                map_id=map_id,
                survey=info.survey,
                journey=journey,
                response_col="response_id",
                customer_col="customer_id",
                time_col="time",
                source_name=path.name,
            )


def demo_password(settings: Settings) -> str:
    """The demo user's password: made once per installation and kept in SAFAR_HOME (mode 600); the demo
    user is (again) an administrator of the workspace with it."""
    from safar.accounts import Accounts, Role
    from safar.store.engine import make_engine, migrate

    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        accounts = Accounts(engine)
        path = settings.home / "demo_password"
        if path.exists():
            password = path.read_text().strip()
            if accounts.authenticate(USER, password):
                return password
        password = secrets.token_urlsafe(9)
        settings.home.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(password)
        if accounts.exists(USER):
            accounts.set_password(USER, password)
            accounts.grant(USER, settings.workspace, Role.ADMIN)
        else:
            accounts.create_user(
                USER, password, display_name="Demo", admin=True, workspace=settings.workspace
            )
        return password
    finally:
        engine.dispose()


# The demo's topics: what its comments are about, named in both languages (the workspace's taxonomy).
DEMO_TOPICS = (
    (
        "انتظار پشت خط",
        "Waiting on the line",
        ("نیم ساعت پشت خط ماندم و کسی جواب نداد", "زمان انتظار خیلی طولانی بود", "I waited half an hour on the line",
         "The wait was far too long"),
        ("پشت خط", "on the line"),
    ),
    (
        "پیگیری پرونده خسارت",
        "Claim follow-up",
        ("هیچ‌کس پیگیری نکرد و پرونده‌ام گم شد", "Nobody followed up and my file was lost"),
        (),
    ),
    ("فرم خسارت", "The claim form", ("فرم خسارت گیج‌کننده بود", "The claim form was confusing"), ()),
    (
        "برخورد کارشناس",
        "How the agent treated me",
        ("کارشناس مودب بود و سریع جواب داد", "کارشناس خسارت خیلی خوب راهنمایی کرد", "The agent was polite",
         "The claims agent guided me very well"),
        (),
    ),
)  # fmt: skip


def _add_topics(ws: Workspace, lang: str) -> None:
    """The demo's topics, once per workspace (both demo maps share them)."""
    from safar.context import Context
    from safar.services.topics import add_topic, taxonomy

    ctx = Context(ws, lang)
    if taxonomy(ctx):
        return
    for name_fa, name_en, phrases, keywords in DEMO_TOPICS:
        add_topic(
            ctx, name_fa=name_fa, name_en=name_en, phrases=list(phrases), keywords=list(keywords), actor=USER
        )


# The demo's knowledge base (Markdown, as a team keeps it): three articles customers need, and one nobody does.
DEMO_ARTICLES = """# مدارک لازم برای خرید بیمه بدنه
tags: مدارک; خرید; بیمه بدنه
برای خرید بیمه بدنه کارت ملی، کارت خودرو، بیمه‌نامه قبلی و عکس خودرو از چهار طرف لازم است. مدارک را می‌توانید در
سایت بارگذاری کنید یا همراه خود به شعبه بیاورید.

# پرداخت قسطی حق بیمه
tags: قسط; پرداخت
حق بیمه بدنه را می‌توانید در سه یا شش قسط بپردازید. قسط نخست هنگام صدور و باقی با چک یا برداشت خودکار از حساب پرداخت
می‌شود.

# خرید آنلاین بیمه‌نامه
tags: آنلاین; خرید
بیمه‌نامه را می‌توانید بدون آمدن به شعبه آنلاین بخرید: استعلام قیمت، بارگذاری مدارک، پرداخت در درگاه و دریافت
بیمه‌نامه الکترونیکی.

# ساعت کاری شعبه‌ها در نوروز ۱۳۹۸
tags: شعبه; نوروز
شعبه‌ها از ۲۸ اسفند ۱۳۹۷ تا ۱۳ فروردین ۱۳۹۸ تعطیل‌اند.

# Documents you need to buy car body insurance
tags: documents; buying
To buy car body insurance you need your national ID card, the car's registration card, your previous policy and
photos of the car from four sides. Upload them on the website or bring them to a branch.

# Paying your premium in instalments
tags: instalments; payment
You can pay the car body premium in three or six instalments: the first when the policy is issued, the rest by
cheque or direct debit.

# Buying a policy online
tags: online; buying
You can buy a policy online without visiting a branch: get a quote, upload the documents, pay at the gateway and
receive the electronic policy.
"""


def _add_articles(ws: Workspace, lang: str) -> None:
    """The demo's knowledge base, once per workspace, imported as a user would import its Markdown file."""
    from safar.context import Context
    from safar.services.kb import articles, import_file

    ctx = Context(ws, lang)
    if articles(ctx):
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "knowledge-base.md"
        path.write_text(DEMO_ARTICLES, encoding="utf-8")
        import_file(ctx, path, actor=USER)
