"""E-mail through a real SMTP server (aiosmtpd, on this machine): a new case's mail reaches its department in
each address's language, a server that is down loses nothing and the mail goes once it is back."""

from __future__ import annotations

import dataclasses
import email
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from email.message import EmailMessage
from email.policy import default
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from safar.context import Context
from safar.mail import MOST_ATTEMPTS, send_pending
from safar.maps.templates import load_template
from safar.services import case_sweep
from safar.services import cases as service
from safar.services.notifications import add_address, outbox
from safar.surveys import Surveys, answer, open_link, quick_survey
from safar.workspace import Workspace

# 00:30 UTC tomorrow: 04:00 in Tehran, before anyone's morning digest (tested below on its own)
NIGHT = datetime.combine(datetime.now(UTC).date() + timedelta(days=1), time(0, 30), tzinfo=UTC)


class Inbox:
    def __init__(self) -> None:
        self.mails: list[tuple[str, list[str], EmailMessage]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=default)
        self.mails.append((envelope.mail_from, list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def _a_detractor(workspace: Workspace) -> Context:
    ctx = Context(workspace, "en")
    stored = workspace.create_map(load_template("insurance", "en"))
    surveys = Surveys(workspace)
    info = surveys.create(stored.id, quick_survey(stored.document, ["nps:report_claim"], ask_consent=True))
    link = surveys.invite(info.id, ["C1"])[0]
    fields = {"nps_report_claim": "2", "_consent": "yes"}
    assert (
        answer(workspace, open_link(workspace.engine, info.public_token, link.token), fields, lang="en") == []
    )
    service.add_rule(
        ctx, stored.id, "nps<=6", touchpoint="report_claim", since=datetime.now(UTC) - timedelta(hours=1),
        actor="ana",
    )  # fmt: skip
    return ctx


def test_a_new_case_is_mailed_to_its_department_in_each_language(
    workspace: Workspace, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    ctx = _a_detractor(workspace)
    add_address(ctx, "Claims", "claims@example.com", "fa")
    add_address(ctx, "*", "cx@example.com", "en")
    add_address(ctx, "Marketing", "marketing@example.com", "en")
    assert len(case_sweep.sweep(ctx, now=NIGHT).opened) == 1
    settings = dataclasses.replace(
        workspace.settings, smtp_url=f"smtp://127.0.0.1:{port}", mail_from="cx-bot@example.com",
        public_url="https://safar.example.com",
    )  # fmt: skip
    sent = send_pending(workspace.engine, settings)
    assert (sent.sent, sent.failed) == (2, 0)
    by_address = {rcpt[0]: message for _, rcpt, message in inbox.mails}
    assert sorted(by_address) == ["claims@example.com", "cx@example.com"]
    fa, en = by_address["claims@example.com"], by_address["cx@example.com"]
    assert fa["Subject"] == "پرونده تازه ۱: Reports an accident to the claims line (Claims)"
    assert en["Subject"] == "New case 1: Reports an accident to the claims line (Claims)"
    assert fa["From"] == "Safar <cx-bot@example.com>" and fa["Content-Language"] == "fa"
    fa_body, en_body = fa.get_content(), en.get_content()
    assert (
        "پاسخ یک مشتری پرونده ۱ را در «Reports an accident to the claims line» برای Claims باز کرد."
        in fa_body
    )
    assert (
        "https://safar.example.com/w/default/cases/1" in fa_body
        and "https://safar.example.com/w/default/cases/1" in en_body
    )
    due = service.case_screen(ctx, 1).due_at
    from safar.i18n.numbers import format_datetime

    assert f"مهلت: {format_datetime(datetime.fromisoformat(due), 'fa')}" in fa_body  # Jalali, Persian digits
    assert f"Due: {format_datetime(datetime.fromisoformat(due), 'en')}" in en_body
    assert "· NPS — answered 2" in en_body
    assert send_pending(workspace.engine, settings).sent == 0  # each mail once
    assert sorted((m.kind, m.address, m.sent_at is not None) for m in outbox(ctx)) == [
        ("case_opened", "claims@example.com", True),
        ("case_opened", "cx@example.com", True),
    ]


def test_a_server_that_is_down_loses_nothing(workspace: Workspace, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    ctx = _a_detractor(workspace)
    add_address(ctx, "Claims", "claims@example.com", "en")
    case_sweep.sweep(ctx, now=NIGHT)
    down = dataclasses.replace(workspace.settings, smtp_url=f"smtp://127.0.0.1:{_free_port()}")
    failed = send_pending(workspace.engine, down)
    assert (failed.sent, failed.failed) == (
        0,
        1,
    ) and "claims@example.com: ConnectionRefusedError" in failed.errors[0]
    waiting = outbox(ctx)[0]
    assert (waiting.attempts, waiting.sent_at, waiting.error is not None) == (1, None, True)
    assert (
        send_pending(workspace.engine, dataclasses.replace(down, smtp_url=None)).sent == 0
    )  # no server: waits
    up = dataclasses.replace(workspace.settings, smtp_url=f"smtp://127.0.0.1:{port}")
    assert send_pending(workspace.engine, up).sent == 1 and len(inbox.mails) == 1
    assert outbox(ctx)[0].attempts == 2 and MOST_ATTEMPTS == 5


def test_the_morning_digest_lists_a_department_s_cases_in_its_language(
    workspace: Workspace, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    ctx = _a_detractor(workspace)
    add_address(ctx, "Claims", "claims@example.com", "fa")
    case_sweep.sweep(ctx, now=NIGHT)
    morning = NIGHT + timedelta(hours=5)  # 09:00 in Tehran
    assert case_sweep.sweep(ctx, now=morning).mails == 1
    settings = dataclasses.replace(workspace.settings, smtp_url=f"smtp://127.0.0.1:{port}")
    assert send_pending(workspace.engine, settings).sent == 2  # the new case's mail, then the digest
    digest_mail = inbox.mails[-1][2]
    assert digest_mail["Subject"] == "پرونده‌های امروز شما: ۱ باز، ۰ دیرکرد"
    body = digest_mail.get_content()
    assert "Claims: ۱ پرونده باز، ۰ پرونده از مهلت گذشته، ۱ پرونده تازه از دیروز. فوری‌ترها:" in body
    assert "· پرونده ۱: Reports an accident to the claims line (تازه؛ مهلت " in body
    assert body.rstrip().endswith("/w/default/cases")
