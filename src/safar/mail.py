"""E-mail: the outbox's mails written in each recipient's language and sent over SMTP.

A mail is queued (:func:`safar.store.cases.queue_mail`) in the transaction that made its reason — a new case,
a late case, a fired alert — and sent behind it by :func:`send_pending` (the web app's schedule, or
``safar case sweep``): a mail server that is down loses nothing; each mail is tried up to
:data:`MOST_ATTEMPTS` times, its last error kept. Its text is written when it is sent, from the case or alert
as it is then, in the address's language (Persian with the Jalali calendar and Persian digits).

``SAFAR_SMTP_URL``: ``smtp://host:25``, ``smtp+starttls://user:password@host:587`` or
``smtps://user:password@host:465``; ``SAFAR_MAIL_FROM`` the sender; ``SAFAR_PUBLIC_URL`` the app's address the
mails link to. Python's own ``smtplib`` speaks SMTP, so mail needs no extra package.

>>> parse_smtp("smtp+starttls://bot:s%40cret@mail.example.com:587")
SmtpServer(host='mail.example.com', port=587, security='starttls', user='bot', password='s@cret')
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from safar.errors import ConfigError, NotFoundError
from safar.i18n import translate
from safar.i18n.numbers import format_datetime
from safar.store import cases as store

if TYPE_CHECKING:
    from safar.config import Settings

MOST_ATTEMPTS = 5
SCHEMES = {"smtp": "plain", "smtp+starttls": "starttls", "smtps": "tls"}


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    security: str
    user: str | None = None
    password: str | None = field(default=None, repr=True)


def parse_smtp(url: str) -> SmtpServer:
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise ConfigError("mail.bad_smtp_url", url=f"{parts.scheme}://{parts.hostname or ''}")
    security = SCHEMES[parts.scheme]
    default = {"plain": 25, "starttls": 587, "tls": 465}[security]
    return SmtpServer(
        parts.hostname,
        parts.port or default,
        security,
        unquote(parts.username) if parts.username else None,
        unquote(parts.password) if parts.password else None,
    )


class SendOut(BaseModel):
    sent: int
    failed: int
    errors: list[str]


Deliver = Callable[[EmailMessage], None]


def smtp_sender(server: SmtpServer, *, timeout: float = 10.0) -> Deliver:
    def send(message: EmailMessage) -> None:
        if server.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                server.host, server.port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=timeout)
        with client:
            if server.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if server.user:
                client.login(server.user, server.password or "")
            client.send_message(message)

    return send


def send_pending(
    engine: Engine, settings: Settings, *, deliver: Deliver | None = None, limit: int = 200
) -> SendOut:
    """Send the outbox's unsent mails (each at most :data:`MOST_ATTEMPTS` times); nothing when no SMTP server
    is set (the mails wait for one)."""
    if deliver is None:
        if not settings.smtp_url:
            return SendOut(sent=0, failed=0, errors=[])
        deliver = smtp_sender(parse_smtp(settings.smtp_url))
    with Session(engine) as s:
        pending = store.unsent(s, most_attempts=MOST_ATTEMPTS, limit=limit)
    sent, failed, errors = 0, 0, []
    for mail in pending:
        error: str | None = None
        try:
            deliver(compose(engine, settings, mail))
        except (OSError, smtplib.SMTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"[:500]
        except NotFoundError:
            error = "gone: its case or alert no longer exists"
        with Session(engine) as s, s.begin():
            store.mail_tried(s, mail.id, error=error)
        if error is None:
            sent += 1
        else:
            failed += 1
            errors.append(f"{mail.address}: {error}")
    return SendOut(sent=sent, failed=failed, errors=errors[:20])


def compose(engine: Engine, settings: Settings, mail: store.Mail) -> EmailMessage:
    """The mail ``mail`` stands for, written now in its language."""
    from safar.context import Context
    from safar.store.repository import all_workspaces
    from safar.workspace import Workspace

    with Session(engine) as s:
        slug = dict(all_workspaces(s)).get(mail.workspace_id)
    if slug is None:
        raise NotFoundError("workspace.not_found", workspace=mail.workspace_id)
    ctx = Context(Workspace(engine, mail.workspace_id, slug, settings), mail.lang)
    base = settings.public_url
    if mail.kind == "alert":
        subject, body = _alert_text(engine, mail, slug, base)
    elif mail.kind == "digest":
        subject, body = _digest_text(ctx, mail, base)
    else:
        subject, body = _case_text(ctx, mail, base)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = formataddr(("Safar", settings.mail_from))
    message["To"] = mail.address
    message["Message-ID"] = make_msgid(domain="safar.local")
    message.set_content(body)
    message["Content-Language"] = mail.lang  # after the content, which sets the Content-* headers anew
    return message


def _case_text(ctx: Any, mail: store.Mail, base: str) -> tuple[str, str]:
    from safar.services.cases import case_screen

    lang = mail.lang
    case = case_screen(ctx, int(mail.ref))
    where = case.touchpoint_name or case.map_title
    department = case.department or translate("case.no_department", lang)
    subject = translate(f"mail.{mail.kind}.subject", lang, case=case.id, where=where, department=department)
    lines = [
        translate(f"mail.{mail.kind}.lead", lang, case=case.id, where=where, department=department),
        "",
        f"{translate('case.field.map', lang)}: {case.map_title}",
        f"{translate('case.field.condition', lang)}: {case.condition or '-'}",
        f"{translate('case.field.priority', lang)}: {translate('case.priority.' + case.priority, lang)}",
        f"{translate('case.field.due', lang)}: {format_datetime(_moment(case.due_at), lang)}",
    ]
    for answer in case.answers:
        shown = answer.text if answer.text else translate("case.answer_value", lang, value=answer.value or 0)
        lines.append(f"· {answer.kind.upper()} — {shown}")
    if case.comment:
        lines.append(f"· {case.comment}")
    lines += ["", f"{base}/w/{ctx.workspace.slug}/cases/{case.id}"]
    return subject, "\n".join(lines) + "\n"


def _digest_text(ctx: Any, mail: store.Mail, base: str) -> tuple[str, str]:
    from safar.services.notifications import digest

    lang = mail.lang
    told = digest(ctx, mail.address)
    every = told.departments == [store.ALL_DEPARTMENTS]
    departments = (
        translate("cases.every_department", lang)
        if every
        else "، ".join(told.departments)
        if lang == "fa"
        else ", ".join(told.departments)
    )
    subject = translate("mail.digest.subject", lang, open=told.open, late=told.late)
    lines = [
        translate(
            "mail.digest.lead", lang, departments=departments, open=told.open, late=told.late, new=told.new
        ),
        "",
    ]
    for case in told.cases:
        late = f" — {translate('cases.late_mark', lang)}" if case.late else ""
        due = format_datetime(_moment(case.due_at), lang)
        lines.append(
            f"· {translate('case.number', lang, id=case.id)}: {case.touchpoint_name or case.map_title} "
            f"({translate('case.status.' + case.status, lang)}{'؛' if lang == 'fa' else ';'} "
            f"{translate('case.field.due', lang)} {due}{late})"
        )
    if told.alerts:
        lines += ["", translate("mail.digest.alerts", lang)]
        lines += [f"· {message.get(lang) or message.get('en') or ''}" for message in told.alerts]
    if told.questions:
        lines += ["", translate("mail.digest.questions", lang)]
        lines += [f"· {group}" for group in told.questions]
        lines += [f"{base}/w/{ctx.workspace.slug}/knowledge-base"]
    lines += ["", f"{base}/w/{ctx.workspace.slug}/cases"]
    return subject, "\n".join(lines) + "\n"


def _alert_text(engine: Engine, mail: store.Mail, slug: str, base: str) -> tuple[str, str]:
    from safar.store.alerts import get_alert

    with Session(engine) as s:
        alert = get_alert(s, mail.workspace_id, int(mail.ref))
        if alert is None:
            raise NotFoundError("alerts.alert_not_found", alert_id=mail.ref)
        payload = dict(alert.payload or {})
    said = (payload.get("message") or {}).get(mail.lang) or (payload.get("message") or {}).get("en") or ""
    target = (
        (payload.get("target_names") or {}).get(mail.lang) or (payload.get("target") or {}).get("name") or ""
    )
    subject = translate("mail.alert.subject", mail.lang, target=target)
    examples = "".join(f"· {e}\n" for e in payload.get("examples") or [])  # surging questions, as asked
    link = str(payload.get("link") or f"/w/{slug}/alerts")
    return subject, f"{said}\n\n{examples}{chr(10) if examples else ''}{base}{link}\n"


def _moment(text: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(text)
