"""Cases end to end through the one service, on SQLite and PostgreSQL: survey answers through personal links
become cases for the touchpoint's owner (consent decides who is shown), are worked through their lifecycle
with every change in the history, go late, get a follow-up survey whose answer lands on the case; negative
comments and alerts open cases too; nothing opens twice."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from safar.accounts import Accounts, Role
from safar.context import Context
from safar.errors import InputError, NotFoundError, ValidationError
from safar.maps.templates import load_template
from safar.services import case_sweep
from safar.services import cases as service
from safar.services.notifications import add_address, digest
from safar.store import cases as store
from safar.surveys import Surveys, answer, open_link, quick_survey
from safar.workspace import Workspace


def _answer(ws: Workspace, token: str, invitation: str | None, fields: dict[str, Any]) -> None:
    assert answer(ws, open_link(ws.engine, token, invitation), fields, lang="en") == []


def _loop(workspace: Workspace) -> tuple[Context, int, dict[str, int]]:
    """A map, a survey that asks consent, three customers' answers through their personal links."""
    ctx = Context(workspace, "en")
    stored = workspace.create_map(load_template("insurance", "en"))
    surveys = Surveys(workspace)
    info = surveys.create(
        stored.id,
        quick_survey(
            stored.document,
            ["nps:report_claim", "text:report_claim", "csat:wait_for_agent"],
            ask_consent=True,
        ),
    )
    links = {m.customer_id: m.token for m in surveys.invite(info.id, ["C1", "C2", "C3"])}
    _answer(workspace, info.public_token, links["C1"], {
        "nps_report_claim": "3", "text_report_claim": "Nobody followed up and my file was lost",
        "csat_wait_for_agent": "2", "_consent": "yes",
    })  # fmt: skip
    _answer(workspace, info.public_token, links["C2"], {"nps_report_claim": "9", "_consent": "yes"})
    _answer(workspace, info.public_token, links["C3"], {"nps_report_claim": "5"})  # no consent
    return ctx, stored.id, {"survey": info.id}


def test_answers_become_cases_for_the_owner_and_consent_decides_who_is_shown(workspace: Workspace) -> None:
    ctx, map_id, _ = _loop(workspace)
    now = datetime.now(UTC)
    rule = service.add_rule(
        ctx, map_id, "NPS<=۶", touchpoint="report_claim", sla=timedelta(hours=48),
        since=now - timedelta(hours=1), actor="ana",
    )  # fmt: skip
    assert (rule.condition, rule.touchpoint_name, rule.department, rule.sla_hours) == (
        "nps<=6", "Reports an accident to the claims line", None, 48.0,
    )  # fmt: skip
    swept = case_sweep.sweep(ctx, now=now)
    assert len(swept.opened) == 2 and swept.mails == 0 and swept.late == []
    assert case_sweep.sweep(ctx, now=now).opened == []  # nothing opens twice

    found = service.queue(ctx, now=now)
    assert found.total == 2 and found.departments == ["Claims"]
    assert found.counts == {"new": 2, "in_progress": 0, "resolved": 0, "closed": 0, "reopened": 0, "late": 0}
    shown = {c.customer_id: c for c in found.cases}
    assert set(shown) == {"C1", None}
    told = shown["C1"]
    assert (told.department, told.touchpoint, told.priority, told.status, told.shared, told.condition) == (
        "Claims", "report_claim", "normal", "new", True, "nps<=6",
    )  # fmt: skip
    assert told.customer_link == "/w/default/customers/C1"
    assert [(a.kind, a.value, a.text) for a in told.answers] == [
        ("nps", 3.0, None), ("text", None, "Nobody followed up and my file was lost"), ("csat", 2.0, None),
    ]  # fmt: skip
    assert datetime.fromisoformat(told.due_at) == datetime.fromisoformat(told.opened_at) + timedelta(hours=48)
    hidden = shown[None]
    assert (hidden.shared, hidden.customer_link, [a.value for a in hidden.answers]) == (False, None, [5.0])
    with pytest.raises(InputError) as caught:
        service.follow_up(ctx, hidden.id, 1, actor="ana", via="cli")
    assert caught.value.code == "case.follow_up_no_consent"

    exported = service.export_csv(ctx).decode("utf-8-sig").splitlines()
    assert exported[0].split(",")[:10] == list(service.EXPORT_COLUMNS[:10])
    assert sum("C1" in line for line in exported) == 1 and not any("C3" in line for line in exported)


def test_a_case_is_worked_followed_up_and_its_history_kept(workspace: Workspace) -> None:
    ctx, map_id, made = _loop(workspace)
    Accounts(workspace.engine).create_user("mo", "correct horse battery", role=Role.EDITOR)
    now = datetime.now(UTC)
    service.add_rule(
        ctx, map_id, "nps<=6", touchpoint="report_claim", since=now - timedelta(hours=1), actor="ana"
    )
    case_sweep.sweep(ctx, now=now)
    case = next(c for c in service.queue(ctx).cases if c.customer_id == "C1")

    with pytest.raises(ValidationError) as caught:
        service.assign(ctx, case.id, "stranger", actor="ana", via="web")
    assert caught.value.code == "case.assignee_not_member"
    service.assign(ctx, case.id, "mo", actor="ana", via="web")
    service.move(ctx, case.id, "in_progress", actor="mo", via="web")
    service.add_note(ctx, case.id, "Called the customer", actor="mo", via="api")
    with pytest.raises(InputError) as moved:
        service.move(ctx, case.id, "reopened", actor="mo", via="web")
    assert moved.value.details["allowed"] == "resolved, closed"
    with pytest.raises(InputError) as early:
        service.follow_up(ctx, case.id, made["survey"], actor="mo", via="web")
    assert early.value.code == "case.follow_up_not_resolved"
    resolved = service.move(ctx, case.id, "resolved", actor="mo", via="web", note="Paid")
    assert resolved.resolved_at is not None and resolved.moves == ["closed", "reopened"]

    follow = Surveys(workspace).create(
        map_id, quick_survey(workspace.get_map(map_id).document, ["csat:report_claim"])
    )
    sent = service.follow_up(ctx, case.id, follow.id, actor="mo", via="web")
    assert sent.follow_up is not None and sent.follow_up.link.startswith(f"/s/{follow.public_token}?t=")
    assert sent.follow_up.answered_at is None
    token = sent.follow_up.link.split("?t=")[1]
    _answer(workspace, follow.public_token, token, {"csat_report_claim": "5"})
    swept = case_sweep.sweep(ctx)
    assert swept.follow_ups == [case.id]
    after = service.case_screen(ctx, case.id)
    assert after.follow_up is not None and after.follow_up.answered_at is not None
    assert [(a.kind, a.value) for a in after.follow_up.answers] == [("csat", 5.0)]
    assert case_sweep.sweep(ctx).follow_ups == []  # recorded once
    assert [(e.actor, e.via, e.action, e.before, e.after, e.text) for e in after.history] == [
        ("safar", "cli", "opened", None, "new", None),
        ("ana", "web", "assigned", None, "mo", None),
        ("mo", "web", "status", "new", "in_progress", None),
        ("mo", "api", "note", None, None, "Called the customer"),
        ("mo", "web", "status", "in_progress", "resolved", "Paid"),
        ("mo", "web", "follow_up", None, None, None),
        ("safar", "cli", "follow_up_answered", None, None, None),
    ]
    reopened = service.move(ctx, case.id, "reopened", actor="mo", via="web")
    assert reopened.resolved_at is None and reopened.status == "reopened"
    assert datetime.fromisoformat(reopened.due_at) > datetime.fromisoformat(after.due_at)


def test_late_cases_new_ones_and_the_morning_digest_are_mailed_once(workspace: Workspace) -> None:
    ctx, map_id, _ = _loop(workspace)
    add_address(ctx, "Claims", "claims@example.com", "fa")
    add_address(ctx, "*", "cx@example.com", "en")
    add_address(ctx, "Marketing", "marketing@example.com", "en")
    # 00:30 UTC is 04:00 in Tehran: nobody's morning yet, so no digest goes with the new cases
    now = datetime.combine(datetime.now(UTC).date() + timedelta(days=1), time(0, 30), tzinfo=UTC)
    service.add_rule(
        ctx, map_id, "nps<=6", since=now - timedelta(days=2), sla=timedelta(hours=4), actor="ana"
    )
    opened = case_sweep.sweep(ctx, now=now)
    assert len(opened.opened) == 2 and opened.mails == 4  # each case to Claims and to everyone's address
    later = now + timedelta(hours=5)  # 05:30 UTC, 09:00 in Tehran: the Persian address's morning
    assert service.queue(ctx, late=True, now=now).total == 0
    assert service.queue(ctx, late=True, now=later).total == 2
    late = case_sweep.sweep(ctx, now=later)
    assert sorted(late.late) == sorted(opened.opened) and late.mails == 5  # 2 × 2 late, 1 digest
    evening = case_sweep.sweep(
        ctx, now=later + timedelta(hours=3)
    )  # 08:30 UTC: the English address's morning
    assert (evening.late, evening.mails) == ([], 1)  # told once; one digest each a day
    told = digest(ctx, "claims@example.com", now=later)
    assert (told.departments, told.open, told.late, told.new, [c.id for c in told.cases]) == (
        ["Claims"], 2, 2, 2, sorted(opened.opened),
    )  # fmt: skip
    assert digest(ctx, "marketing@example.com", now=later).open == 0
    from sqlalchemy.orm import Session

    with Session(workspace.engine) as s:
        queued = store.unsent(s, most_attempts=5)
    day = now.astimezone(ZoneInfo("Asia/Tehran")).date().isoformat()
    expected = [
        (kind, address, lang)
        for kind in ("case_opened", "case_late")
        for _ in range(2)
        for address, lang in (("claims@example.com", "fa"), ("cx@example.com", "en"))
    ] + [("digest", "claims@example.com", "fa"), ("digest", "cx@example.com", "en")]
    assert sorted((m.kind, m.address, m.lang) for m in queued) == sorted(expected)
    assert {m.ref for m in queued if m.kind == "digest"} == {f"{workspace.workspace_id}:{day}"}


def test_negative_comments_and_alerts_open_cases(workspace: Workspace, tmp_path: Path) -> None:
    from safar.voice.feedback import ingest_feedback
    from safar.warehouse import open_warehouse

    ctx, map_id, _ = _loop(workspace)
    workspace.claim_dataset("complaints")
    comments = tmp_path / "complaints.csv"
    comments.write_text(
        "customer,time,text\n"
        "K1,2026-11-30T10:00:00Z,زمان انتظار خیلی طولانی بود و خسته شدم\n"
        "K2,2026-11-30T11:00:00Z,کارشناس مودب بود و سریع جواب داد\n"
        "K3,2026-01-01T11:00:00Z,هیچ‌کس پیگیری نکرد و پرونده‌ام گم شد\n",
        encoding="utf-8",
    )
    journey = workspace.get_map(map_id).document
    with open_warehouse(workspace.settings) as wh:
        ingest_feedback(
            wh, comments, dataset="complaints", map_id=map_id, journey=journey, text_col="text",
            customer_col="customer", time_col="time", touchpoint="wait_for_agent",
        )  # fmt: skip
    since = datetime(2026, 11, 1, tzinfo=UTC)
    service.add_rule(
        ctx, map_id, "negative", department="Contact centre", priority="high", since=since, actor="ana"
    )
    swept = case_sweep.sweep(ctx)
    cases = service.queue(ctx).cases
    by_source = sorted((c.source, c.customer_id, c.department, c.priority, c.comment) for c in cases)
    # the survey's negative comment (C1, answered now) and K1's from the file; K2 is praise, K3 is too old
    assert by_source == [
        ("comment", "K1", "Contact centre", "high", "زمان انتظار خیلی طولانی بود و خسته شدم"),
        ("response", "C1", "Contact centre", "high", None),
    ]
    assert len(swept.opened) == 2

    with pytest.raises(NotFoundError) as unknown:
        service.add_rule(ctx, map_id, "alert", touchpoint="nowhere", actor="ana")
    assert unknown.value.code == "case.unknown_touchpoint"
    from sqlalchemy.orm import Session

    from safar.store.alerts import add_alert

    with Session(workspace.engine) as s, s.begin():
        row = add_alert(
            s, workspace_id=workspace.workspace_id, rule_id=None, map_id=map_id, kind="satisfaction_falls",
            target_kind="touchpoint", target_id="wait_for_agent", fired_at=datetime.now(UTC),
            window_end=datetime.now(UTC), payload={"owners": ["Contact centre"], "message": {"en": "CSAT fell", "fa": "رضایت افتاد"}},
        )  # fmt: skip
        alert_id = row.id
    service.add_rule(ctx, map_id, "alert", since=datetime.now(UTC) - timedelta(minutes=5), actor="ana")
    opened = case_sweep.sweep(ctx).opened
    assert len(opened) == 1
    alert_case = service.case_screen(ctx, opened[0])
    assert (alert_case.source, alert_case.department, alert_case.alert, alert_case.customer_id) == (
        "alert", "Contact centre", {"en": "CSAT fell", "fa": "رضایت افتاد"}, None,
    )  # fmt: skip
    assert alert_case.touchpoint == "wait_for_agent" and alert_case.source == "alert"
    assert case_sweep.sweep(ctx).opened == [] and alert_id > 0


def test_a_backlog_is_opened_a_sweep_at_a_time_oldest_first(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, map_id, _ = _loop(workspace)
    monkeypatch.setattr(case_sweep, "MOST_PER_SWEEP", 1)
    service.add_rule(ctx, map_id, "nps<=6", since=datetime.now(UTC) - timedelta(hours=1), actor="ana")
    first, second, third = (case_sweep.sweep(ctx).opened for _ in range(3))
    assert (len(first), len(second), third) == (1, 1, [])
    cases = {c.id: c for c in service.queue(ctx).cases}
    assert [cases[first[0]].customer_id, cases[second[0]].customer_id] == ["C1", None]  # C1 answered first
