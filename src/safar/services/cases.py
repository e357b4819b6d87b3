"""Cases (پرونده‌ها): the one service behind the cases pages, their API twins and ``safar case``.

* **Rules** (:func:`add_rule`): a condition (:mod:`safar.cases.conditions`) on a map, optionally one
  touchpoint; the department (else the touchpoint's owner on the map), priority and SLA of what it opens;
  answers, comments and alerts from ``since`` on (default: from when the rule is made).
* **Sweep** (:func:`sweep`): opens a case for each new source a rule matches — a survey response (one case
  per response, whichever of its answers matched), a comment from a file, a fired alert — queues the e-mails
  about new and late cases and new alerts, and records the follow-up surveys answered since. The web app
  runs it every minute (``SAFAR_CASES_EVERY``); ``safar case sweep`` runs it from cron.
* **Work** (:func:`assign`, :func:`move`, :func:`add_note`, :func:`follow_up`): every change is a line in the
  case's history (who, through what, when, from → to).
* **Consent**: a survey response opens a *shared* case only when the respondent said yes to the survey's
  contact question (``consent`` in the response: ``yes``, ``true``, ``1``, «بله»); otherwise the case never
  shows who they are — no customer id, no customer 360 link, no follow-up — on any page, API, CLI output or
  export. A comment from a file or an alert carries what the workspace loaded itself.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from safar.cases.conditions import Condition, parse_condition
from safar.cases.lifecycle import (
    DEFAULT_SLA,
    MOVES,
    PRIORITIES,
    STATUSES,
    check_move,
    check_priority,
    is_late,
)
from safar.errors import InputError, NotFoundError, ValidationError
from safar.events.digits import ascii_digits
from safar.store import cases as store
from safar.voice.topics import TopicDefinition

if TYPE_CHECKING:
    from safar.context import Context
    from safar.model import JourneyMap

__all__ = [
    "CaseOut",
    "QueueOut",
    "RuleOut",
    "SweepOut",
    "add_note",
    "add_rule",
    "assign",
    "case_screen",
    "export_csv",
    "follow_up",
    "move",
    "queue",
    "remove_rule",
    "rules",
    "sweep",
]

CONSENT_YES = frozenset({"yes", "true", "1", "بله", "آری"})
MOST_PER_SWEEP = 1000  # cases one rule opens in one sweep; the rest wait for the next one
MAX_NOTE = 4000
SYSTEM = "safar"


class RuleOut(BaseModel):
    id: int
    map_id: int
    condition: str
    touchpoint: str | None
    touchpoint_name: str | None
    department: str | None
    priority: str
    sla_hours: float
    since: str
    enabled: bool
    created_by: str


class EventOut(BaseModel):
    at: str
    actor: str
    via: str
    action: str
    before: str | None
    after: str | None
    text: str | None
    text_lang: str | None = None


class AnswerOut(BaseModel):
    question: str
    kind: str
    touchpoint: str | None
    value: float | None
    text: str | None
    text_lang: str | None = None  # the language the text is written in (by its script)


class FollowUpOut(BaseModel):
    survey_id: int
    survey_title: str
    link: str
    sent_at: str
    sent_by: str
    answered_at: str | None = None
    answers: list[AnswerOut] = []


class CaseOut(BaseModel):
    id: int
    map_id: int
    map_title: str
    rule_id: int | None
    source: str
    status: str
    priority: str
    department: str
    assignee: str | None
    touchpoint: str | None
    touchpoint_name: str | None
    shared: bool
    customer_id: str | None  # only when the customer agreed to be known
    customer_link: str | None
    condition: str | None
    topic: str | None = None  # the topic's name, when a topic opened the case
    answered_at: str | None
    answers: list[AnswerOut]
    comment: str | None
    comment_lang: str | None
    alert: dict[str, str] | None
    opened_at: str
    due_at: str
    resolved_at: str | None
    closed_at: str | None
    late: bool
    moves: list[str]
    follow_up: FollowUpOut | None
    history: list[EventOut]


class QueueOut(BaseModel):
    total: int
    offset: int
    cases: list[CaseOut]
    counts: dict[str, int]  # by status, and "late"
    departments: list[str]


class SweepOut(BaseModel):
    opened: list[int]
    late: list[int]
    mails: int
    follow_ups: list[int]


# Rules ----------------------------------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now(UTC)


def add_rule(
    ctx: Context,
    map_id: int,
    condition: str,
    *,
    touchpoint: str | None = None,
    department: str | None = None,
    priority: str = "normal",
    sla: timedelta = DEFAULT_SLA,
    since: datetime | None = None,
    actor: str,
) -> RuleOut:
    """A rule on ``map_id``; the sources it matches from ``since`` on become cases at the next sweep."""
    parsed = parse_condition(condition)
    if parsed.topic is not None:
        from safar.services.topics import taxonomy

        known_topics = [t.key for t in taxonomy(ctx)]
        if parsed.topic not in known_topics:
            raise NotFoundError("topic.not_found", topic=parsed.topic, known=", ".join(known_topics) or "-")
    journey = ctx.workspace.get_map(map_id).document
    if touchpoint:
        known = [tp.id for tp in journey.touchpoints()]
        if touchpoint not in known:
            raise NotFoundError("case.unknown_touchpoint", touchpoint=touchpoint[:64], known=", ".join(known))
    if department is not None and not 0 < len(department.strip()) <= 200:
        raise InputError("case.bad_department", value=department[:60])
    with Session(ctx.engine, expire_on_commit=False) as s, s.begin():
        stored = store.add_rule(
            s,
            ctx.workspace.workspace_id,
            map_id=map_id,
            condition=parsed.text,
            touchpoint_id=touchpoint or None,
            department=department.strip() if department else None,
            priority=check_priority(priority),
            sla_minutes=int(sla.total_seconds() // 60),
            since=since or _now(),
            created_by=actor,
        )
    return _rule_out(stored, journey)


def rules(ctx: Context, map_id: int | None = None) -> list[RuleOut]:
    with Session(ctx.engine) as s:
        found = store.rules(s, ctx.workspace.workspace_id, map_id)
    maps: dict[int, JourneyMap] = {}
    out = []
    for rule in found:
        if rule.map_id not in maps:
            maps[rule.map_id] = ctx.workspace.get_map(rule.map_id).document
        out.append(_rule_out(rule, maps[rule.map_id]))
    return out


def remove_rule(ctx: Context, rule_id: int) -> RuleOut:
    """Remove a rule; the cases it opened stay."""
    with Session(ctx.engine, expire_on_commit=False) as s, s.begin():
        gone = store.remove_rule(s, ctx.workspace.workspace_id, rule_id)
    return _rule_out(gone, ctx.workspace.get_map(gone.map_id).document)


def _rule_out(rule: store.StoredRule, journey: JourneyMap) -> RuleOut:
    names = {tp.id: tp.name for tp in journey.touchpoints()}
    return RuleOut(
        id=rule.id,
        map_id=rule.map_id,
        condition=rule.condition,
        touchpoint=rule.touchpoint_id,
        touchpoint_name=names.get(rule.touchpoint_id or ""),
        department=rule.department,
        priority=rule.priority,
        sla_hours=round(rule.sla_minutes / 60, 2),
        since=rule.since.isoformat(),
        enabled=rule.enabled,
        created_by=rule.created_by,
    )


# Sweep ----------------------------------------------------------------------------------------------


def sweep(ctx: Context, *, now: datetime | None = None, via: str = "cli") -> SweepOut:
    """Open the cases the workspace's rules find, tell the departments, and record answered follow-ups."""
    now = now or _now()
    with Session(ctx.engine) as s:
        found = [r for r in store.rules(s, ctx.workspace.workspace_id) if r.enabled]
    opened: list[int] = []
    journeys = {r.map_id: ctx.workspace.get_map(r.map_id).document for r in found}
    for rule in found:
        if parse_condition(rule.condition).source == "alert":
            opened += _open(ctx, _alert_cases(ctx, rule, journeys[rule.map_id], now), via=via, now=now)
    scanned = [r for r in found if parse_condition(r.condition).source != "alert"]
    if scanned and ctx.has_warehouse():
        from safar.surveys import Surveys

        orders = {i.id: [q.id for q in i.survey.questions] for i in Surveys(ctx.workspace).list()}
        with Session(ctx.engine) as s:
            known = store.source_keys(s, ctx.workspace.workspace_id)
        from safar.services.topics import definitions

        topics = definitions(ctx) if any(parse_condition(r.condition).topic for r in scanned) else []
        with ctx.warehouse() as warehouse:
            for rule in scanned:
                condition = parse_condition(rule.condition)
                news = _matches(warehouse, rule, condition, journeys[rule.map_id], now, orders, known, topics)
                known |= {n.source_key for n in news}
                opened += _open(ctx, news, via=via, now=now)
    mails = 0
    with Session(ctx.engine) as s, s.begin():
        workspace_id = ctx.workspace.workspace_id
        for case_id in opened:
            mails += store.queue_mail(
                s, workspace_id, "case_opened", str(case_id), _department_of(s, ctx, case_id)
            )
        late = store.late_unnoticed(s, workspace_id, now)
        for case in late:
            mails += store.queue_mail(s, workspace_id, "case_late", str(case.id), case.department)
        store.mark_late_noticed(s, [c.id for c in late], now)
        mails += _queue_alert_mails(s, ctx, now)
    from safar.services.notifications import queue_digests

    mails += queue_digests(ctx, now=now)
    answered = _record_follow_ups(ctx, via=via)
    return SweepOut(opened=opened, late=[c.id for c in late], mails=mails, follow_ups=answered)


def _department_of(s: Session, ctx: Context, case_id: int) -> str:
    return store.get_case(s, ctx.workspace.workspace_id, case_id).department


def _queue_alert_mails(s: Session, ctx: Context, now: datetime) -> int:
    """A mail for each alert of the last week to each address of its departments added before it fired."""
    from safar.store.alerts import alerts_since

    queued = 0
    for alert in alerts_since(s, ctx.workspace.workspace_id, now - timedelta(days=7)):
        fired = alert.fired_at if alert.fired_at.tzinfo else alert.fired_at.replace(tzinfo=UTC)
        for department in (alert.payload or {}).get("owners") or [store.ALL_DEPARTMENTS]:
            queued += store.queue_mail(
                s, ctx.workspace.workspace_id, "alert", str(alert.id), department, since=fired
            )
    return queued


def _open(ctx: Context, news: Iterable[store.NewCase], *, via: str, now: datetime) -> list[int]:
    listed = list(news)
    if not listed:
        return []
    opened = []
    with Session(ctx.engine, expire_on_commit=False) as s, s.begin():
        known = store.known_sources(s, ctx.workspace.workspace_id, [n.source_key for n in listed])
        for new in listed:
            if new.source_key in known:
                continue
            case = store.open_case(s, ctx.workspace.workspace_id, new, actor=SYSTEM, via=via, now=now)
            if case is not None:
                opened.append(case.id)
                known.add(new.source_key)
    return opened


def _department(rule: store.StoredRule, journey: JourneyMap, touchpoint: str | None) -> str:
    if rule.department:
        return rule.department
    for tp in journey.touchpoints():
        if tp.id == touchpoint:
            return tp.owner.strip()
    return ""


def _new(
    rule: store.StoredRule,
    journey: JourneyMap,
    *,
    key: str,
    kind: str,
    customer: str | None,
    shared: bool,
    touchpoint: str | None,
    trigger: dict[str, Any],
    now: datetime,
) -> store.NewCase:
    return store.NewCase(
        map_id=rule.map_id,
        rule_id=rule.id,
        source_key=key,
        source_kind=kind,
        customer_id=customer if shared else None,
        shared=shared,
        touchpoint_id=touchpoint,
        department=_department(rule, journey, touchpoint),
        priority=rule.priority,
        trigger=trigger,
        due_at=now + timedelta(minutes=rule.sla_minutes),
    )


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


Orders = dict[int, list[str]]  # each survey's question ids in order: a case lists its answers so


def _matches(
    warehouse: Any,
    rule: store.StoredRule,
    condition: Condition,
    journey: JourneyMap,
    now: datetime,
    orders: Orders,
    known: set[str],
    topics: list[TopicDefinition],
) -> list[store.NewCase]:
    if condition.scored:
        return _response_cases(warehouse, rule, condition, journey, now, orders, known)
    if condition.topic is not None:
        chosen = [t for t in topics if t.key == condition.topic]
        return _comment_cases(
            warehouse, rule, journey, now, orders, known, topic=chosen[0] if chosen else None
        )
    return _comment_cases(warehouse, rule, journey, now, orders, known)


def _response_cases(
    warehouse: Any,
    rule: store.StoredRule,
    condition: Condition,
    journey: JourneyMap,
    now: datetime,
    orders: Orders,
    known: set[str],
) -> list[store.NewCase]:
    """The responses with a matching answer that have no case yet, oldest first (at most
    :data:`MOST_PER_SWEEP`): their keys are read whole, so a long backlog never hides newer answers."""
    t = warehouse.con.table("responses")
    hits = t.filter(
        t.map_id == rule.map_id,
        t.kind == condition.source,
        t.value.notnull(),
        t.ts >= _naive(rule.since),
    )
    if rule.touchpoint_id:
        hits = hits.filter(hits.touchpoint_id == rule.touchpoint_id)
    op = condition.op or "="
    bound = condition.value or 0.0
    compare = {
        "<=": hits.value <= bound,
        ">=": hits.value >= bound,
        "<": hits.value < bound,
        ">": hits.value > bound,
        "=": hits.value == bound,
    }[op]
    hits = hits.filter(compare).order_by(["ts", "survey_id", "response_id"])
    rows = hits.select("survey_id", "response_id", "touchpoint_id").to_pyarrow().to_pylist()
    first: dict[tuple[int, str], dict[str, Any]] = {}
    for row in rows:
        key = (int(row["survey_id"]), row["response_id"])
        if key in first or _response_key(*key) in known:
            continue
        first[key] = row
        if len(first) == MOST_PER_SWEEP:
            break
    return _response_news(warehouse, rule, journey, now, list(first.items()), condition.text, orders)


def _response_key(survey_id: int, response_id: str) -> str:
    return f"response:{survey_id}:{response_id}"


def _response_news(
    warehouse: Any,
    rule: store.StoredRule,
    journey: JourneyMap,
    now: datetime,
    chosen: list[tuple[tuple[int, str], dict[str, Any]]],
    condition: str,
    orders: Orders,
) -> list[store.NewCase]:
    if not chosen:
        return []
    answers = _answers(warehouse, [key for key, _ in chosen])
    news = []
    for (survey_id, response_id), row in chosen:
        order = orders.get(survey_id, [])
        given = sorted(
            answers.get((survey_id, response_id), []),
            key=lambda a: (
                order.index(a["question_id"]) if a["question_id"] in order else len(order),
                a["question_id"],
            ),
        )
        head = given[0] if given else {}
        shared = _consents(head.get("consent"))
        news.append(
            _new(
                rule,
                journey,
                key=_response_key(survey_id, response_id),
                kind="response",
                customer=head.get("customer_id"),
                shared=shared,
                touchpoint=row.get("touchpoint_id"),
                trigger={
                    "condition": condition,
                    "survey_id": survey_id,
                    "response_id": response_id,
                    "answered_at": _iso(head.get("ts")),
                    "answers": [_answer(a) for a in given][:30],
                },
                now=now,
            )
        )
    return news


def _answers(warehouse: Any, keys: list[tuple[int, str]]) -> dict[tuple[int, str], list[dict[str, Any]]]:
    """Every answer of the responses ``keys`` names."""
    t = warehouse.con.table("responses")
    out: dict[tuple[int, str], list[dict[str, Any]]] = {}
    by_survey: dict[int, list[str]] = {}
    for survey_id, response_id in keys:
        by_survey.setdefault(survey_id, []).append(response_id)
    for survey_id, ids in by_survey.items():
        for start in range(0, len(ids), 500):
            part = t.filter(t.survey_id == survey_id, t.response_id.isin(ids[start : start + 500]))
            # the consent alone, not the whole attributes map (which Spark's results cannot give as a map)
            part = part.select(
                "survey_id",
                "response_id",
                "question_id",
                "kind",
                "touchpoint_id",
                "value",
                "text",
                "customer_id",
                "ts",
                "row_number",
                consent=part.attributes.get("consent"),
            )
            for row in part.to_pyarrow().to_pylist():
                out.setdefault((int(row["survey_id"]), row["response_id"]), []).append(row)
    return out


def _answer(row: dict[str, Any]) -> dict[str, Any]:
    text = row.get("text")
    return {
        "question": row["question_id"],
        "kind": row["kind"],
        "touchpoint": row.get("touchpoint_id"),
        "value": row.get("value"),
        "text": text,
        "text_lang": _lang(text),
    }


def _lang(text: str | None) -> str | None:
    from safar.voice.lang import detect_lang

    return detect_lang(text) if text else None


def _consents(value: Any) -> bool:
    """Whether a response's ``consent`` says yes (``yes``, ``true``, ``1``, «بله»; anything else is no)."""
    return value is not None and ascii_digits(str(value)).strip().lower() in CONSENT_YES


def _iso(moment: Any) -> str | None:
    if not isinstance(moment, datetime):
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def _comment_cases(
    warehouse: Any,
    rule: store.StoredRule,
    journey: JourneyMap,
    now: datetime,
    orders: Orders,
    known: set[str],
    *,
    topic: TopicDefinition | bool | None = False,
) -> list[store.NewCase]:
    """The negative comments (or, with ``topic``, the comments in that topic) without a case, oldest first (at
    most :data:`MOST_PER_SWEEP`); a comment given in a survey response opens (or is part of) that response's
    case."""
    from safar.voice.corrections import labelled_comments
    from safar.voice.topics import assign

    if topic is None:  # the rule's topic was removed: nothing matches it
        return []
    t = labelled_comments(warehouse)
    hits = t.filter(t.map_id == rule.map_id, t.ts >= _naive(rule.since))
    if topic is False:
        hits = hits.filter(hits.label == "negative")
    if rule.touchpoint_id:
        hits = hits.filter(hits.touchpoint_id == rule.touchpoint_id)
    hits = hits.order_by(["ts", "dataset", "comment_id"])
    columns = ["dataset", "comment_id", "touchpoint_id", "customer_id", "ts"]
    rows = hits.select(*columns, *(["text"] if topic else [])).to_pyarrow().to_pylist()
    if isinstance(topic, TopicDefinition):
        given = assign([r["text"] for r in rows], [topic])
        rows = [r for r, a in zip(rows, given, strict=True) if a.topic == topic.key]
    from_files: dict[str, dict[str, Any]] = {}
    from_surveys: dict[tuple[int, str], dict[str, Any]] = {}
    for row in rows:
        dataset, comment_id = row["dataset"], row["comment_id"]
        if dataset.startswith("survey-") and dataset[7:].isdigit() and ":" in comment_id:
            response = (int(dataset[7:]), comment_id.rsplit(":", 1)[0])
            if response not in from_surveys and _response_key(*response) not in known:
                from_surveys[response] = row
        else:
            key = f"comment:{dataset}:{comment_id}"[:300]
            if key not in known:
                from_files.setdefault(key, row)
        if len(from_files) + len(from_surveys) == MOST_PER_SWEEP:
            break
    texts = _comment_texts(warehouse, rule.map_id, list(from_files.values()))
    condition = f"topic:{topic.key}" if isinstance(topic, TopicDefinition) else "negative"
    news = [
        _new(
            rule,
            journey,
            key=key,
            kind="comment",
            customer=row.get("customer_id"),
            shared=True,
            touchpoint=row.get("touchpoint_id"),
            trigger={
                "condition": condition,
                "dataset": row["dataset"],
                "comment_id": row["comment_id"],
                "answered_at": _iso(row.get("ts")),
                "comment": texts.get((row["dataset"], row["comment_id"]), "")[:4000],
            },
            now=now,
        )
        for key, row in from_files.items()
    ]
    return news + _response_news(
        warehouse, rule, journey, now, list(from_surveys.items()), "negative", orders
    )


def _comment_texts(warehouse: Any, map_id: int, rows: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    t = warehouse.con.table("comments")
    by_dataset: dict[str, list[str]] = {}
    for row in rows:
        by_dataset.setdefault(row["dataset"], []).append(row["comment_id"])
    found: dict[tuple[str, str], str] = {}
    for dataset, ids in by_dataset.items():
        for start in range(0, len(ids), 500):
            part = t.filter(
                t.map_id == map_id, t.dataset == dataset, t.comment_id.isin(ids[start : start + 500])
            )
            for row in part.select("dataset", "comment_id", "text").to_pyarrow().to_pylist():
                found[(row["dataset"], row["comment_id"])] = row["text"]
    return found


def _alert_cases(
    ctx: Context, rule: store.StoredRule, journey: JourneyMap, now: datetime
) -> list[store.NewCase]:
    from safar.store.alerts import alerts_since

    with Session(ctx.engine) as s:
        fired = [
            a for a in alerts_since(s, ctx.workspace.workspace_id, rule.since) if a.map_id == rule.map_id
        ]
    news = []
    for alert in fired[:MOST_PER_SWEEP]:
        payload = alert.payload or {}
        touchpoint = alert.target_id if alert.target_kind == "touchpoint" else None
        if rule.touchpoint_id and touchpoint != rule.touchpoint_id:
            continue
        owners = payload.get("owners") or []
        news.append(
            store.NewCase(
                map_id=rule.map_id,
                rule_id=rule.id,
                source_key=f"alert:{alert.id}",
                source_kind="alert",
                customer_id=None,
                shared=False,
                touchpoint_id=touchpoint,
                department=rule.department
                or (owners[0] if owners else _department(rule, journey, touchpoint)),
                priority=rule.priority,
                trigger={"condition": "alert", "alert_id": alert.id, "message": payload.get("message") or {}},
                due_at=now + timedelta(minutes=rule.sla_minutes),
            )
        )
    return news


# Reading --------------------------------------------------------------------------------------------


def queue(
    ctx: Context,
    *,
    department: str | None = None,
    status: str | None = None,
    map_id: int | None = None,
    assignee: str | None = None,
    late: bool = False,
    offset: int = 0,
    limit: int = 100,
    now: datetime | None = None,
) -> QueueOut:
    """A queue of cases (a department's, one status's, the late ones), the most urgent first, with the counts
    of the whole queue by status."""
    if status is not None and status not in STATUSES:
        raise InputError("case.bad_status", value=status[:40], allowed=", ".join(STATUSES))
    now = now or _now()
    query = store.CaseQuery(
        department=department, status=status, map_id=map_id, assignee=assignee, late_at=now if late else None
    )
    with Session(ctx.engine) as s:
        found, total = store.find_cases(s, ctx.workspace.workspace_id, query, offset=offset, limit=limit)
        tally = store.counts(
            s,
            ctx.workspace.workspace_id,
            store.CaseQuery(department=department, map_id=map_id, assignee=assignee),
            now,
        )
        departments = store.departments(s, ctx.workspace.workspace_id)
    counts = {name: tally.get(name, 0) for name in STATUSES} | {"late": tally["late"]}
    titles = _titles(ctx)
    return QueueOut(
        total=total,
        offset=offset,
        cases=[_case_out(ctx, c, titles, now=now) for c in found],
        counts=counts,
        departments=departments,
    )


def case_screen(ctx: Context, case_id: int, *, now: datetime | None = None) -> CaseOut:
    with Session(ctx.engine) as s:
        found = store.get_case(s, ctx.workspace.workspace_id, case_id)
    return _case_out(ctx, found, _titles(ctx), now=now or _now())


def _titles(ctx: Context) -> dict[str, Any]:
    """What a case's page names in words: the maps' titles, the topics' names."""
    from safar.services.topics import taxonomy

    return {
        "maps": {m.id: m.title for m in ctx.workspace.list_maps()},
        "topics": {t.key: t.name for t in taxonomy(ctx)},
    }


def _case_out(ctx: Context, case: store.StoredCase, titles: dict[str, Any], *, now: datetime) -> CaseOut:
    trigger = case.trigger
    condition = str(trigger.get("condition") or "")
    topic = titles["topics"].get(condition[6:], condition[6:]) if condition.startswith("topic:") else None
    known: dict[int, dict[str, str]] = titles.setdefault("touchpoints", {})
    if case.map_id not in known:  # each map read once for a whole queue
        try:
            known[case.map_id] = {
                tp.id: tp.name for tp in ctx.workspace.get_map(case.map_id).document.touchpoints()
            }
        except NotFoundError:
            known[case.map_id] = {}
    names = known[case.map_id]
    shown = case.customer_id if case.shared else None
    customer_link = f"/w/{ctx.workspace.slug}/customers/{shown}" if shown else None
    follow = case.follow_up
    return CaseOut(
        id=case.id,
        map_id=case.map_id,
        map_title=titles["maps"].get(case.map_id, ""),
        rule_id=case.rule_id,
        source=case.source_kind,
        status=case.status,
        priority=case.priority,
        department=case.department,
        assignee=case.assignee,
        touchpoint=case.touchpoint_id,
        touchpoint_name=names.get(case.touchpoint_id or ""),
        shared=case.shared,
        customer_id=shown,
        customer_link=customer_link,
        condition=trigger.get("condition"),
        topic=topic,
        answered_at=trigger.get("answered_at"),
        answers=[AnswerOut.model_validate(a) for a in trigger.get("answers") or []],
        comment=trigger.get("comment"),
        comment_lang=_lang(trigger.get("comment")),
        alert=trigger.get("message") or None,
        opened_at=case.opened_at.isoformat(),
        due_at=case.due_at.isoformat(),
        resolved_at=case.resolved_at.isoformat() if case.resolved_at else None,
        closed_at=case.closed_at.isoformat() if case.closed_at else None,
        late=is_late(case.status, case.due_at, case.resolved_at, now),
        moves=list(MOVES.get(case.status, ())),
        follow_up=FollowUpOut.model_validate(follow) if follow and case.shared else None,
        history=[
            EventOut(
                at=e.at.isoformat(),
                actor=e.actor,
                via=e.via,
                action=e.action,
                before=e.before,
                after=e.after,
                text=e.text,
                text_lang=_lang(e.text),
            )
            for e in case.events
        ],
    )


# Work -----------------------------------------------------------------------------------------------


def _change(ctx: Context, case_id: int, *, actor: str, via: str, action: str, **kwargs: Any) -> CaseOut:
    with Session(ctx.engine, expire_on_commit=False) as s, s.begin():
        store.change_case(
            s, ctx.workspace.workspace_id, case_id, actor=actor, via=via, action=action, **kwargs
        )
    return case_screen(ctx, case_id)


def _current(ctx: Context, case_id: int) -> store.StoredCase:
    with Session(ctx.engine) as s:
        return store.get_case(s, ctx.workspace.workspace_id, case_id)


def assign(ctx: Context, case_id: int, assignee: str | None, *, actor: str, via: str) -> CaseOut:
    """Give the case to a member of the workspace (``None``: to nobody)."""
    from safar.services.portfolio import map_members

    case = _current(ctx, case_id)
    if assignee:
        members = [m.username for m in map_members(ctx)]
        if assignee not in members:
            raise ValidationError(
                "case.assignee_not_member",
                assignee=assignee[:100],
                workspace=ctx.workspace.slug,
                allowed=members,
            )
    return _change(
        ctx,
        case_id,
        actor=actor,
        via=via,
        action="assigned",
        before=case.assignee,
        after=assignee or None,
        assignee=assignee or None,
    )


def move(
    ctx: Context, case_id: int, status: str, *, actor: str, via: str, note: str | None = None
) -> CaseOut:
    """Move the case along its lifecycle (resolved and closed times are kept; reopening clears them and
    starts a new SLA of the same length from now)."""
    case = _current(ctx, case_id)
    check_move(case.status, status, case=case_id)
    now = _now()
    fields: dict[str, Any] = {"status": status}
    if status == "resolved":
        fields["resolved_at"] = now
    if status == "closed":
        fields["closed_at"] = now
        if case.resolved_at is None:
            fields["resolved_at"] = now
    if status == "reopened":
        fields.update(resolved_at=None, closed_at=None, late_noticed_at=None)
        fields["due_at"] = now + (case.due_at - case.opened_at)
    text = _note_text(note) if note else None
    return _change(
        ctx,
        case_id,
        actor=actor,
        via=via,
        action="status",
        before=case.status,
        after=status,
        text=text,
        **fields,
    )


def set_priority(ctx: Context, case_id: int, priority: str, *, actor: str, via: str) -> CaseOut:
    case = _current(ctx, case_id)
    return _change(
        ctx,
        case_id,
        actor=actor,
        via=via,
        action="priority",
        before=case.priority,
        after=check_priority(priority),
        priority=priority,
    )


def _note_text(text: str) -> str:
    cleaned = (text or "").replace("\x00", "").strip()
    if not cleaned:
        raise InputError("case.empty_note")
    if len(cleaned) > MAX_NOTE:
        raise InputError("case.long_note", most=MAX_NOTE, length=len(cleaned))
    return cleaned


def add_note(ctx: Context, case_id: int, text: str, *, actor: str, via: str) -> CaseOut:
    return _change(ctx, case_id, actor=actor, via=via, action="note", text=_note_text(text))


def follow_up(ctx: Context, case_id: int, survey_id: int, *, actor: str, via: str) -> CaseOut:
    """A personal one-answer link to ``survey_id`` for the case's customer, kept on the case; the answer given
    through it is recorded on the case by the next sweep. Only a resolved case of a customer who agreed to be
    contacted gets one."""
    from safar.surveys import Surveys

    case = _current(ctx, case_id)
    if not case.shared or not case.customer_id:
        raise InputError("case.follow_up_no_consent", case=case_id)
    if case.status != "resolved":
        raise InputError("case.follow_up_not_resolved", case=case_id, status=case.status)
    surveys = Surveys(ctx.workspace)
    info = surveys.get(survey_id)
    if not info.is_open:
        raise InputError("case.follow_up_closed", survey=survey_id)
    made = surveys.invite(survey_id, [case.customer_id], channel="follow-up")[0]
    now = _now()
    record = {
        "survey_id": survey_id,
        "survey_title": info.survey.title.get(ctx.lang),
        "link": f"{info.path}?t={made.token}",
        "sent_at": now.isoformat(),
        "sent_by": actor,
    }
    return _change(ctx, case_id, actor=actor, via=via, action="follow_up", follow_up=record)


def _record_follow_ups(ctx: Context, *, via: str) -> list[int]:
    """Write on each case with an unanswered follow-up the answer its customer gave since it was sent."""
    with Session(ctx.engine) as s:
        waiting, _ = store.find_cases(s, ctx.workspace.workspace_id, store.CaseQuery(), limit=1_000_000)
    waiting = [c for c in waiting if c.follow_up and not c.follow_up.get("answered_at") and c.customer_id]
    if not waiting or not ctx.has_warehouse():
        return []
    answered = []
    with ctx.warehouse() as warehouse:
        t = warehouse.con.table("responses")
        for case in waiting:
            record = dict(case.follow_up or {})
            sent = datetime.fromisoformat(record["sent_at"])
            rows = (
                t.filter(
                    t.survey_id == int(record["survey_id"]),
                    t.customer_id == case.customer_id,
                    t.ts >= _naive(sent) - timedelta(seconds=5),
                    t.channel == "follow-up",
                )
                .select("question_id", "kind", "touchpoint_id", "value", "text", "ts", "row_number")
                .to_pyarrow()
                .to_pylist()
            )
            if not rows:
                continue
            record["answered_at"] = _iso(max(r["ts"] for r in rows))
            record["answers"] = [_answer(r) for r in rows][:30]
            with Session(ctx.engine) as s, s.begin():
                store.change_case(
                    s,
                    ctx.workspace.workspace_id,
                    case.id,
                    actor=SYSTEM,
                    via=via,
                    action="follow_up_answered",
                    follow_up=record,
                )
            answered.append(case.id)
    return answered


# Export ---------------------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    "id",
    "status",
    "priority",
    "department",
    "assignee",
    "map",
    "touchpoint",
    "source",
    "condition",
    "customer_id",
    "answered_at",
    "opened_at",
    "due_at",
    "resolved_at",
    "closed_at",
    "late",
    "comment",
)


def export_csv(ctx: Context, **filters: Any) -> bytes:
    """The queue as CSV (UTF-8 with a byte-order mark, for Excel): a customer who did not agree to be known
    is not named; a cell that could be read as a formula is quoted as text."""
    from safar.services.exports import neutral

    found = queue(ctx, limit=1_000_000, **filters)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for case in found.cases:
        texts = [a.text for a in case.answers if a.text]
        comment = case.comment or (" / ".join(texts) if texts else "")
        row = [
            case.id,
            case.status,
            case.priority,
            case.department,
            case.assignee or "",
            case.map_title,
            case.touchpoint_name or case.touchpoint or "",
            case.source,
            case.condition or "",
            case.customer_id or "",
            case.answered_at or "",
            case.opened_at,
            case.due_at,
            case.resolved_at or "",
            case.closed_at or "",
            "yes" if case.late else "no",
            comment,
        ]
        writer.writerow([neutral(str(v)) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def priorities() -> tuple[str, ...]:
    return PRIORITIES
