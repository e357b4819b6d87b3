"""The case sweep: what the rules of a workspace find becomes cases (safar.services.cases), the departments are
told by e-mail, and the follow-up surveys answered since are written on their cases. The web app runs it every
minute (``SAFAR_CASES_EVERY``); ``safar case sweep`` runs it from cron.

A rule's sources are read whole as keys and those with a case skipped, oldest first, at most
:data:`MOST_PER_SWEEP` a rule a sweep: a backlog never hides newer answers. A survey response opens one case
(whichever of its answers matched); a comment given in a response opens, or is part of, that response's case.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from safar.cases.conditions import OPS, Condition, parse_condition
from safar.events.digits import ascii_digits
from safar.services.cases import SYSTEM, text_lang
from safar.store import cases as store
from safar.voice.topics import TopicDefinition

if TYPE_CHECKING:
    from safar.context import Context
    from safar.model import JourneyMap

__all__ = ["SweepOut", "sweep"]

CONSENT_YES = frozenset({"yes", "true", "1", "بله", "آری"})
MOST_PER_SWEEP = 1000  # cases one rule opens in one sweep; the rest wait for the next one


class SweepOut(BaseModel):
    opened: list[int]
    late: list[int]
    mails: int
    follow_ups: list[int]


# The sweep ----------------------------------------------------------------------------------------------


def sweep(ctx: Context, *, now: datetime | None = None, via: str = "cli") -> SweepOut:
    """Open the cases the workspace's rules find, tell the departments, and record answered follow-ups."""
    now = now or datetime.now(UTC)
    with Session(ctx.engine) as s:
        found = [r for r in store.rules(s, ctx.workspace.workspace_id) if r.enabled]
    opened: list[tuple[int, str]] = []  # each opened case and its department
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
        for case_id, department in opened:
            mails += store.queue_mail(s, workspace_id, "case_opened", str(case_id), department)
        late = store.late_unnoticed(s, workspace_id, now)
        for case in late:
            mails += store.queue_mail(s, workspace_id, "case_late", str(case.id), case.department)
        store.mark_late_noticed(s, [c.id for c in late], now)
        mails += _queue_alert_mails(s, ctx, now)
    from safar.services.notifications import queue_digests

    mails += queue_digests(ctx, now=now)
    answered = _record_follow_ups(ctx, via=via)
    return SweepOut(
        opened=[case_id for case_id, _ in opened], late=[c.id for c in late], mails=mails, follow_ups=answered
    )


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


OPEN_AT_ONCE = 25  # cases opened in one transaction: the app database's writers wait no longer than that


def _open(ctx: Context, news: Iterable[store.NewCase], *, via: str, now: datetime) -> list[tuple[int, str]]:
    """Store the new cases (those whose source has none yet), a few per transaction so that the pages'
    own writes (sessions, kept results, survey answers) never wait behind a long sweep; each opened case's
    id and department."""
    listed = list(news)
    opened: list[tuple[int, str]] = []
    for start in range(0, len(listed), OPEN_AT_ONCE):
        part = listed[start : start + OPEN_AT_ONCE]
        with Session(ctx.engine, expire_on_commit=False) as s, s.begin():
            known = store.known_sources(s, ctx.workspace.workspace_id, [n.source_key for n in part])
            for new in part:
                if new.source_key in known:
                    continue
                case = store.open_case(s, ctx.workspace.workspace_id, new, actor=SYSTEM, via=via, now=now)
                if case is not None:
                    opened.append((case.id, case.department))
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
    compare = OPS[condition.op or "="](hits.value, condition.value or 0.0)  # the condition's own comparison
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
        "text_lang": text_lang(text),
    }


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
        if dataset.startswith("survey-") and dataset[7:].isdecimal() and ":" in comment_id:
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


# Follow-ups ---------------------------------------------------------------------------------------


def _record_follow_ups(ctx: Context, *, via: str) -> list[int]:
    """Write on each case with an unanswered follow-up the answer its customer gave since it was sent."""
    with Session(ctx.engine) as s:
        waiting = [c for c in store.awaiting_follow_up(s, ctx.workspace.workspace_id) if c.customer_id]
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
