"""Cases (پرونده‌ها): the one service behind the cases pages, their API twins and ``safar case``.

* **Rules** (:func:`add_rule`): a condition (:mod:`safar.cases.conditions`) on a map, optionally one
  touchpoint; the department (else the touchpoint's owner on the map), priority and SLA of what it opens;
  answers, comments and alerts from ``since`` on (default: from when the rule is made).
* **Sweep** (:mod:`safar.services.case_sweep`): opens a case for each new source a rule matches — a survey
  response, a comment from a file, a fired alert — tells the departments, and records follow-up answers.
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
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from safar.cases.conditions import parse_condition
from safar.cases.lifecycle import (
    DEFAULT_SLA,
    MOVES,
    STATUSES,
    check_move,
    check_priority,
    is_late,
)
from safar.errors import InputError, NotFoundError, ValidationError
from safar.store import cases as store

if TYPE_CHECKING:
    from safar.context import Context
    from safar.model import JourneyMap

__all__ = [
    "CaseOut",
    "QueueOut",
    "RuleOut",
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
]

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


def text_lang(text: str | None) -> str | None:
    from safar.voice.lang import detect_lang

    return detect_lang(text) if text else None


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
        comment_lang=text_lang(trigger.get("comment")),
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
                text_lang=text_lang(e.text),
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
