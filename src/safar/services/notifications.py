"""Who is told by e-mail about a department's new and late cases and its alerts (the workspace's mail
addresses), and what was sent: one service for the cases page's settings, its API twin and ``safar case mail``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import BaseModel
from sqlalchemy.orm import Session

from safar.errors import InputError
from safar.i18n import LANGS
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
