"""Reading and writing cases, their rules and history, and the e-mail outbox: the only place with SQL for them.

Every change to a case and the event that tells it are written in one transaction, so the history is the
case's whole story. A case is unique per workspace and source (``source_key``): a second sweep, or two at
once, cannot open it twice.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from safar.errors import NotFoundError
from safar.store.tables import (
    CaseEventRow,
    CaseRow,
    CaseRuleRow,
    MailAddressRow,
    MailRow,
    as_utc,
    utcnow,
)

ALL_DEPARTMENTS = "*"


@dataclass(frozen=True)
class StoredRule:
    id: int
    map_id: int
    condition: str
    touchpoint_id: str | None
    department: str | None
    priority: str
    sla_minutes: int
    since: datetime
    enabled: bool
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class StoredEvent:
    at: datetime
    actor: str
    via: str
    action: str
    before: str | None
    after: str | None
    text: str | None


@dataclass(frozen=True)
class StoredCase:
    id: int
    map_id: int
    rule_id: int | None
    source_key: str
    source_kind: str
    customer_id: str | None
    shared: bool
    touchpoint_id: str | None
    department: str
    priority: str
    status: str
    trigger: dict[str, Any]
    opened_at: datetime
    due_at: datetime
    assignee: str | None
    resolved_at: datetime | None
    closed_at: datetime | None
    updated_at: datetime
    late_noticed_at: datetime | None
    follow_up: dict[str, Any] | None
    events: tuple[StoredEvent, ...] = ()


@dataclass(frozen=True)
class NewCase:
    """A case a sweep found, before it is stored."""

    map_id: int
    rule_id: int | None
    source_key: str
    source_kind: str
    customer_id: str | None
    shared: bool
    touchpoint_id: str | None
    department: str
    priority: str
    trigger: dict[str, Any]
    due_at: datetime


@dataclass(frozen=True)
class CaseQuery:
    """Which cases a queue shows; ``late`` keeps only those past their SLA (``now`` says when that is)."""

    department: str | None = None
    status: str | None = None
    map_id: int | None = None
    assignee: str | None = None
    open_only: bool = False
    late_at: datetime | None = None


@dataclass(frozen=True)
class MailAddress:
    id: int
    department: str
    address: str
    lang: str
    created_at: datetime


@dataclass(frozen=True)
class Mail:
    id: int
    workspace_id: int
    kind: str
    ref: str
    address: str
    lang: str
    attempts: int
    sent_at: datetime | None
    error: str | None
    created_at: datetime


# Rules ----------------------------------------------------------------------------------------------


def _rule(row: CaseRuleRow) -> StoredRule:
    return StoredRule(
        row.id,
        row.map_id,
        row.condition,
        row.touchpoint_id,
        row.department,
        row.priority,
        row.sla_minutes,
        as_utc(row.since),
        row.enabled,
        row.created_by,
        as_utc(row.created_at),
    )


def add_rule(s: Session, workspace_id: int, **fields: Any) -> StoredRule:
    row = CaseRuleRow(workspace_id=workspace_id, created_at=utcnow(), enabled=True, **fields)
    s.add(row)
    s.flush()
    return _rule(row)


def rules(s: Session, workspace_id: int, map_id: int | None = None) -> list[StoredRule]:
    query = select(CaseRuleRow).where(CaseRuleRow.workspace_id == workspace_id)
    if map_id is not None:
        query = query.where(CaseRuleRow.map_id == map_id)
    return [_rule(r) for r in s.scalars(query.order_by(CaseRuleRow.id))]


def _rule_row(s: Session, workspace_id: int, rule_id: int) -> CaseRuleRow:
    row = s.get(CaseRuleRow, rule_id)
    if row is None or row.workspace_id != workspace_id:
        raise NotFoundError("case.rule_not_found", rule=rule_id)
    return row


def set_rule_enabled(s: Session, workspace_id: int, rule_id: int, enabled: bool) -> StoredRule:
    row = _rule_row(s, workspace_id, rule_id)
    row.enabled = enabled
    return _rule(row)


def remove_rule(s: Session, workspace_id: int, rule_id: int) -> StoredRule:
    row = _rule_row(s, workspace_id, rule_id)
    found = _rule(row)
    s.delete(row)
    return found


# Cases ----------------------------------------------------------------------------------------------


def _event(row: CaseEventRow) -> StoredEvent:
    return StoredEvent(as_utc(row.at), row.actor, row.via, row.action, row.before, row.after, row.text)


def _case(row: CaseRow, events: Iterable[StoredEvent] = ()) -> StoredCase:
    return StoredCase(
        row.id,
        row.map_id,
        row.rule_id,
        row.source_key,
        row.source_kind,
        row.customer_id,
        row.shared,
        row.touchpoint_id,
        row.department,
        row.priority,
        row.status,
        dict(row.trigger or {}),
        as_utc(row.opened_at),
        as_utc(row.due_at),
        row.assignee,
        as_utc(row.resolved_at),
        as_utc(row.closed_at),
        as_utc(row.updated_at),
        as_utc(row.late_noticed_at),
        dict(row.follow_up) if row.follow_up else None,
        tuple(events),
    )


def source_keys(s: Session, workspace_id: int) -> set[str]:
    """The source of every case of the workspace (a sweep opens a case only for a source not in it)."""
    return set(s.scalars(select(CaseRow.source_key).where(CaseRow.workspace_id == workspace_id)))


def known_sources(s: Session, workspace_id: int, keys: Collection[str]) -> set[str]:
    """Of ``keys``, those that already have a case."""
    found: set[str] = set()
    listed = list(keys)
    for start in range(0, len(listed), 500):
        chunk = listed[start : start + 500]
        found.update(
            s.scalars(
                select(CaseRow.source_key).where(
                    CaseRow.workspace_id == workspace_id, CaseRow.source_key.in_(chunk)
                )
            )
        )
    return found


def open_case(
    s: Session, workspace_id: int, new: NewCase, *, actor: str, via: str, now: datetime
) -> StoredCase | None:
    """Store ``new``, opened ``now``, with its "opened" event; ``None`` when its source has a case already
    (another sweep)."""
    try:
        with s.begin_nested():
            row = CaseRow(
                workspace_id=workspace_id,
                map_id=new.map_id,
                rule_id=new.rule_id,
                source_key=new.source_key,
                source_kind=new.source_kind,
                customer_id=new.customer_id,
                shared=new.shared,
                touchpoint_id=new.touchpoint_id,
                department=new.department,
                priority=new.priority,
                status="new",
                trigger=new.trigger,
                opened_at=now,
                due_at=new.due_at,
                updated_at=now,
            )
            s.add(row)
            s.flush()
            event = CaseEventRow(case_id=row.id, at=now, actor=actor, via=via, action="opened", after="new")
            s.add(event)
            s.flush()
    except IntegrityError:
        return None
    return _case(row, [_event(event)])


def _case_row(s: Session, workspace_id: int, case_id: int, *, lock: bool = False) -> CaseRow:
    query = select(CaseRow).where(CaseRow.id == case_id, CaseRow.workspace_id == workspace_id)
    row = s.scalars(query.with_for_update() if lock else query).first()
    if row is None:
        raise NotFoundError("case.not_found", case=case_id)
    return row


def get_case(s: Session, workspace_id: int, case_id: int) -> StoredCase:
    row = _case_row(s, workspace_id, case_id)
    events = s.scalars(select(CaseEventRow).where(CaseEventRow.case_id == row.id).order_by(CaseEventRow.id))
    return _case(row, [_event(e) for e in events])


def change_case(
    s: Session,
    workspace_id: int,
    case_id: int,
    *,
    actor: str,
    via: str,
    action: str,
    before: str | None = None,
    after: str | None = None,
    text: str | None = None,
    **fields: Any,
) -> StoredCase:
    """Set ``fields`` on the case (locked for the change) and tell it in its history."""
    row = _case_row(s, workspace_id, case_id, lock=True)
    now = utcnow()
    for name, value in fields.items():
        setattr(row, name, value)
    row.updated_at = now
    s.add(
        CaseEventRow(
            case_id=row.id, at=now, actor=actor, via=via, action=action, before=before, after=after, text=text
        )
    )
    s.flush()
    return get_case(s, workspace_id, case_id)


def _where(workspace_id: int, query: CaseQuery) -> list[Any]:
    """The conditions of ``query`` other than its status and lateness."""
    where = [CaseRow.workspace_id == workspace_id]
    if query.department is not None:
        where.append(CaseRow.department == query.department)
    if query.map_id is not None:
        where.append(CaseRow.map_id == query.map_id)
    if query.assignee is not None:
        where.append(CaseRow.assignee == query.assignee)
    return where


def find_cases(
    s: Session, workspace_id: int, query: CaseQuery, *, offset: int = 0, limit: int = 100
) -> tuple[list[StoredCase], int]:
    """The cases ``query`` names, the most urgent first (open before done, then earliest due), and how many."""
    from safar.cases.lifecycle import OPEN

    where = _where(workspace_id, query)
    if query.status is not None:
        where.append(CaseRow.status == query.status)
    if query.open_only or query.late_at is not None:
        where.append(CaseRow.status.in_(sorted(OPEN)))
    if query.late_at is not None:
        where.append(CaseRow.due_at < query.late_at)
    total = s.scalar(select(func.count()).select_from(CaseRow).where(*where)) or 0
    done = CaseRow.status.in_(["resolved", "closed"])
    rows = s.scalars(
        select(CaseRow).where(*where).order_by(done, CaseRow.due_at, CaseRow.id).offset(offset).limit(limit)
    )
    return [_case(r) for r in rows], total


def counts(s: Session, workspace_id: int, query: CaseQuery, now: datetime) -> dict[str, int]:
    """How many cases ``query`` names in each status, and how many of them are open past their due time."""
    from safar.cases.lifecycle import OPEN

    where = _where(workspace_id, query)
    found = dict(s.execute(select(CaseRow.status, func.count()).where(*where).group_by(CaseRow.status)).all())
    late = s.scalar(
        select(func.count()).where(*where, CaseRow.status.in_(sorted(OPEN)), CaseRow.due_at < now)
    )
    return {**{str(k): int(v) for k, v in found.items()}, "late": int(late or 0)}


def departments(s: Session, workspace_id: int) -> list[str]:
    """Every department that has a case, by name."""
    return sorted(
        set(s.scalars(select(CaseRow.department).where(CaseRow.workspace_id == workspace_id).distinct()))
    )


def awaiting_follow_up(s: Session, workspace_id: int) -> list[StoredCase]:
    """The cases with a follow-up survey sent whose answer is not written on them yet."""
    rows = s.scalars(
        select(CaseRow).where(CaseRow.workspace_id == workspace_id, CaseRow.follow_up.is_not(None))
    )
    return [c for c in map(_case, rows) if c.follow_up and not c.follow_up.get("answered_at")]


def late_unnoticed(s: Session, workspace_id: int, now: datetime) -> list[StoredCase]:
    """Open cases past their due time whose breach nobody has been told of yet."""
    from safar.cases.lifecycle import OPEN

    rows = s.scalars(
        select(CaseRow).where(
            CaseRow.workspace_id == workspace_id,
            CaseRow.status.in_(sorted(OPEN)),
            CaseRow.due_at < now,
            CaseRow.late_noticed_at.is_(None),
        )
    )
    return [_case(r) for r in rows]


def mark_late_noticed(s: Session, case_ids: Collection[int], now: datetime) -> None:
    for row in s.scalars(select(CaseRow).where(CaseRow.id.in_(list(case_ids)))):
        row.late_noticed_at = now


# E-mail ---------------------------------------------------------------------------------------------


def add_address(s: Session, workspace_id: int, department: str, address: str, lang: str) -> MailAddress:
    row = s.scalars(
        select(MailAddressRow).where(
            MailAddressRow.workspace_id == workspace_id,
            MailAddressRow.department == department,
            MailAddressRow.address == address,
        )
    ).first()
    if row is None:
        row = MailAddressRow(
            workspace_id=workspace_id, department=department, address=address, lang=lang, created_at=utcnow()
        )
        s.add(row)
    row.lang = lang
    s.flush()
    return MailAddress(row.id, row.department, row.address, row.lang, as_utc(row.created_at))


def addresses(s: Session, workspace_id: int) -> list[MailAddress]:
    rows = s.scalars(
        select(MailAddressRow)
        .where(MailAddressRow.workspace_id == workspace_id)
        .order_by(MailAddressRow.department, MailAddressRow.address)
    )
    return [MailAddress(r.id, r.department, r.address, r.lang, as_utc(r.created_at)) for r in rows]


def remove_address(s: Session, workspace_id: int, address_id: int) -> None:
    gone = s.execute(
        delete(MailAddressRow).where(
            MailAddressRow.id == address_id, MailAddressRow.workspace_id == workspace_id
        )
    )
    if not gone.rowcount:  # type: ignore[attr-defined]
        raise NotFoundError("mail.address_not_found", address=address_id)


def queue_mail(
    s: Session, workspace_id: int, kind: str, ref: str, department: str, *, since: datetime | None = None
) -> int:
    """One mail about ``kind``/``ref`` for each address of ``department`` and of every department (``*``),
    each once (``since``: only addresses added by then); how many were queued now."""
    queued = 0
    for found in addresses(s, workspace_id):
        if found.department not in (department, ALL_DEPARTMENTS):
            continue
        if since is not None and found.created_at > since:
            continue
        queued += queue_one(s, workspace_id, kind, ref, found.address, found.lang)
    return queued


def has_mail(s: Session, kind: str, ref: str, address: str) -> bool:
    return (
        s.scalar(
            select(func.count()).where(MailRow.kind == kind, MailRow.ref == ref, MailRow.address == address)
        )
        or 0
    ) > 0


def queue_one(s: Session, workspace_id: int, kind: str, ref: str, address: str, lang: str) -> int:
    """One mail to ``address``, unless it is queued already (1 when queued now, else 0)."""
    try:
        with s.begin_nested():
            s.add(
                MailRow(
                    workspace_id=workspace_id,
                    kind=kind,
                    ref=ref,
                    address=address,
                    lang=lang,
                    created_at=utcnow(),
                    attempts=0,
                )
            )
            s.flush()
    except IntegrityError:  # queued before
        return 0
    return 1


def _mail(row: MailRow) -> Mail:
    return Mail(
        row.id,
        row.workspace_id,
        row.kind,
        row.ref,
        row.address,
        row.lang,
        row.attempts,
        as_utc(row.sent_at),
        row.error,
        as_utc(row.created_at),
    )


def unsent(s: Session, *, most_attempts: int, limit: int = 200) -> list[Mail]:
    rows = s.scalars(
        select(MailRow)
        .where(MailRow.sent_at.is_(None), MailRow.attempts < most_attempts)
        .order_by(MailRow.id)
        .limit(limit)
    )
    return [_mail(r) for r in rows]


def mails(s: Session, workspace_id: int, *, limit: int = 100) -> list[Mail]:
    rows = s.scalars(
        select(MailRow).where(MailRow.workspace_id == workspace_id).order_by(MailRow.id.desc()).limit(limit)
    )
    return [_mail(r) for r in rows]


def mail_tried(s: Session, mail_id: int, *, error: str | None) -> Mail:
    row = s.get(MailRow, mail_id)
    if row is None:
        raise NotFoundError("mail.not_found", mail=mail_id)
    row.attempts += 1
    row.error = error
    if error is None:
        row.sent_at = utcnow()
    s.flush()
    return replace(_mail(row))


def customer_cases(s: Session, workspace_id: int) -> tuple[set[str], set[str]]:
    """The customers named by a case (those who agreed to be known), and those of them with an open case."""
    from safar.cases.lifecycle import OPEN

    found = s.execute(
        select(CaseRow.customer_id, CaseRow.status).where(
            CaseRow.workspace_id == workspace_id, CaseRow.shared.is_(True), CaseRow.customer_id.is_not(None)
        )
    )
    named: set[str] = set()
    open_: set[str] = set()
    for customer, status in found:
        named.add(str(customer))
        if status in OPEN:
            open_.add(str(customer))
    return named, open_
