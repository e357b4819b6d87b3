"""Who is told by e-mail about a department's new and late cases and its alerts (the workspace's mail
addresses), what was sent, and each address's daily digest (its departments' cases and alerts; for addresses of
every department also the customer questions no article answers that are new or rising): one service for the
cases page's settings, its API twin and ``safar case mail``."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlalchemy.orm import Session

from safar.cases.lifecycle import OPEN
from safar.errors import InputError
from safar.i18n import LANGS
from safar.services.cases import CaseOut
from safar.store import cases as store

if TYPE_CHECKING:
    from safar.context import Context

_ADDRESS = re.compile(r"^[^@\s<>,;\"]{1,64}@[^@\s<>,;\"]{1,255}$")


class AddressOut(BaseModel):
    id: int
    department: str
    address: str
    lang: str


class MailOut(BaseModel):
    kind: str
    ref: str
    address: str
    lang: str
    created_at: str
    attempts: int
    sent_at: str | None
    error: str | None


def add_address(ctx: Context, department: str, address: str, lang: str) -> AddressOut:
    """Tell ``address`` (in ``lang``) about ``department``'s cases and alerts; ``*``: every department's."""
    department, address = (department or "").strip(), (address or "").strip()
    if not 0 < len(department) <= 200:
        raise InputError("case.bad_department", value=department[:60])
    if not _ADDRESS.match(address):
        raise InputError("mail.bad_address", value=address[:80])
    if lang not in LANGS:
        raise InputError("mail.bad_lang", value=lang[:8], allowed=", ".join(LANGS))
    with Session(ctx.engine, expire_on_commit=False) as s, s.begin():
        made = store.add_address(s, ctx.workspace.workspace_id, department, address, lang)
    return AddressOut(id=made.id, department=made.department, address=made.address, lang=made.lang)


def addresses(ctx: Context) -> list[AddressOut]:
    with Session(ctx.engine) as s:
        found = store.addresses(s, ctx.workspace.workspace_id)
    return [AddressOut(id=a.id, department=a.department, address=a.address, lang=a.lang) for a in found]


def remove_address(ctx: Context, address_id: int) -> None:
    with Session(ctx.engine) as s, s.begin():
        store.remove_address(s, ctx.workspace.workspace_id, address_id)


def outbox(ctx: Context, *, limit: int = 50) -> list[MailOut]:
    """The workspace's latest mails, sent or waiting, newest first."""
    with Session(ctx.engine) as s:
        found = store.mails(s, ctx.workspace.workspace_id, limit=limit)
    return [
        MailOut(
            kind=m.kind,
            ref=m.ref,
            address=m.address,
            lang=m.lang,
            created_at=m.created_at.isoformat(),
            attempts=m.attempts,
            sent_at=m.sent_at.isoformat() if m.sent_at else None,
            error=m.error,
        )
        for m in found
    ]


# The daily digest ------------------------------------------------------------------------------------

DIGEST_HOUR = (
    8  # an address's digest goes out from 08:00 in its own time (Tehran for Persian, UTC for English)
)
DIGEST_CASES = 10


class DigestOut(BaseModel):
    """What one address is told in its daily digest: its departments' open, late and new cases (the most
    urgent listed), and their alerts of the last day."""

    departments: list[str]  # ["*"]: every department
    open: int
    late: int
    new: int
    cases: list[CaseOut]
    alerts: list[dict[str, str]]
    questions: list[str]  # unanswered question groups that are new or rising (the knowledge base's gaps)


def digest(ctx: Context, address: str, *, now: datetime | None = None) -> DigestOut:
    from safar.services.cases import queue
    from safar.store.alerts import alerts_since

    now = now or datetime.now(UTC)
    with Session(ctx.engine) as s:
        mine = sorted(
            {a.department for a in store.addresses(s, ctx.workspace.workspace_id) if a.address == address}
        )
        fired = alerts_since(s, ctx.workspace.workspace_id, now - timedelta(days=1))
        said = [
            (dict(a.payload or {}).get("owners") or [], dict(a.payload or {}).get("message") or {})
            for a in fired
        ]
    every = store.ALL_DEPARTMENTS in mine
    found = queue(ctx, limit=1_000_000, now=now).cases
    theirs = [c for c in found if every or c.department in mine]
    still = [c for c in theirs if c.status in OPEN]
    return DigestOut(
        departments=[store.ALL_DEPARTMENTS] if every else mine,
        open=len(still),
        late=sum(1 for c in still if c.late),
        new=sum(1 for c in theirs if datetime.fromisoformat(c.opened_at) >= now - timedelta(days=1)),
        cases=still[:DIGEST_CASES],
        alerts=[message for owners, message in said if every or not owners or set(owners) & set(mine)],
        questions=_surging_questions(ctx) if every else [],
    )


def _surging_questions(ctx: Context) -> list[str]:
    """The unanswered question groups of the workspace's maps that are new or rising (for everyone's digest)."""
    from safar.services.kb import articles, gaps_for_map

    if not articles(ctx):
        return []
    found = []
    for info in ctx.workspace.list_maps():
        for group in gaps_for_map(ctx, info.id).groups:
            if group.new or group.rising:
                found.append(f"{info.title}: {group.name} ({group.questions})")
    return found


def queue_digests(ctx: Context, *, now: datetime | None = None) -> int:
    """Queue today's digest for each address whose morning has come and that has something to read (open
    cases or a new alert); once a day each (in the address's own calendar day)."""
    from safar.i18n.numbers import display_timezone

    now = now or datetime.now(UTC)
    queued = 0
    with Session(ctx.engine) as s:
        found = store.addresses(s, ctx.workspace.workspace_id)
    for address, lang in sorted({(a.address, a.lang) for a in found}):
        local = now.astimezone(ZoneInfo(display_timezone(lang)))
        if local.hour < DIGEST_HOUR:
            continue
        ref = f"{ctx.workspace.workspace_id}:{local.date().isoformat()}"
        with Session(ctx.engine) as s:
            if store.has_mail(s, "digest", ref, address):  # today's is made: nothing to compute
                continue
        told = digest(ctx, address, now=now)
        if not told.open and not told.alerts and not told.questions:
            continue
        with Session(ctx.engine) as s, s.begin():
            queued += store.queue_one(s, ctx.workspace.workspace_id, "digest", ref, address, lang)
    return queued
