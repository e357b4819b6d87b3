"""Upgrades keep data: an app database made at each schema revision since 0001, with rows in every table
that revision has, migrates to the latest schema with every row intact and readable through the Python
API; and a backup made at each old revision restores and upgrades the same way. On SQLite and PostgreSQL.

When a migration is added, ``REVISIONS`` and ``INTRODUCED`` must name it (the first test says so), and
``rows()`` must fill the tables it adds.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from argon2 import PasswordHasher
from sqlalchemy import MetaData, create_engine, select, text

from safar.accounts import Accounts, AuditEntry, Role, TokenGrant, TokenScope, User
from safar.alerts import Alerts
from safar.alerts.deliver import Attempt, Destination
from safar.alerts.feed import FiredAlert
from safar.alerts.rules import AlertRule, RuleKind, RuleParams, TargetKind
from safar.backup import backup, restore
from safar.config import Settings
from safar.i18n.message import Message
from safar.maps.templates import load_template
from safar.model import Channel, ChannelKind
from safar.model.survey import Survey
from safar.store.engine import MIGRATIONS, make_engine, migrate
from safar.store.opportunities import OpportunityStore, StoredNote, StoredOpportunity
from safar.store.repository import RevisionInfo, digest
from safar.store.snapshots import SnapshotInfo, list_snapshots
from safar.store.tables import Base
from safar.surveys import Surveys, quick_survey
from safar.voice.responses import response_counts
from safar.warehouse import open_warehouse
from safar.workspace import Workspace

REVISIONS = [
    "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011", "0012", "0013",
    "0014", "0015", "0016", "0017",
]  # fmt: skip
HEAD = REVISIONS[-1]
# The tables each revision adds, in an order that respects their foreign keys.
INTRODUCED = {
    "0001": ["workspaces", "channels", "journey_maps", "map_revisions"],
    "0002": ["users", "memberships", "api_tokens"],
    "0003": ["datasets"],
    "0004": ["surveys", "survey_links"],
    "0005": ["alert_rules", "alert_destinations", "alerts", "alert_deliveries"],
    "0006": ["opportunities", "opportunity_notes"],
    "0007": ["kpi_snapshots"],
    "0008": [],
    "0009": [],
    "0010": ["results"],
    "0011": ["audit_log"],
    "0012": ["sources"],
    "0013": [],
    "0014": ["sessions"],
    "0015": ["case_rules", "cases", "case_events", "mail_addresses", "mail_outbox"],
    "0016": ["topics", "kb_articles"],
    "0017": ["pending_answers"],
}
T0 = datetime(2025, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)
FIRST = load_template("insurance", "en")
SECOND = FIRST.model_copy(deep=True)
SECOND.stages[0].name += " (revised)"
PASSWORD = "correct horse battery staple"
# An Argon2 hash carries its own cost, which verifying it follows: a light one, as an installation with other
# settings could have stored, keeps each log-in check of ``readable`` quick (Safar's own costs 0.3 s).
HASH = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
TOKEN = "sft_" + "u" * 43
SURVEY = quick_survey(FIRST, ["nps:report_claim", "csat:report_claim", "text"])
PARAMS = RuleParams.parse({"window": "30d", "baseline": "90d"}).to_json()
HOOK = "https://hooks.example.com/safar"
METRICS = [{"id": "nps", "name": "NPS", "value": 12.5, "unit": "points", "n": 240}]


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def rows(revision: str) -> dict[str, list[dict[str, Any]]]:
    """Realistic rows for every table that exists at ``revision``; ids are the ones the database gives
    (1, 2, … in this order). Before 0008 the same rule could fire twice for one data window (alert 2)."""
    duplicate_window = at(600) if revision < "0008" else at(660)
    every = {
        "workspaces": [
            {"slug": "default", "name": "default", "created_at": at(0)},
            {"slug": "team", "name": "Team", "created_at": at(1)},
        ],
        "channels": [
            {"workspace_id": 1, "key": "kiosk", "name_fa": "کیوسک", "name_en": "Kiosk", "kind": "physical"}
        ],
        "journey_maps": [
            {
                "workspace_id": 1,
                "title": SECOND.title,
                "type": "current_state",
                "lang": "en",
                "head": 2,
                "created_at": at(2),
                "updated_at": at(3),
            }
        ],
        "map_revisions": [
            {
                "map_id": 1,
                "number": number,
                "author": author,
                **_message(revision, number),
                "created_at": at(1 + number),
                "digest": digest(document.to_document()),
                "document": document.to_document(),
            }
            for number, author, document in ((1, "ana", FIRST), (2, "bob", SECOND))
        ],
        "users": [
            {
                "username": "ana",
                "display_name": "Ana",
                "password_hash": HASH,
                "is_admin": True,
                "created_at": at(4),
            },
            {
                "username": "bob",
                "display_name": "بابک",
                "password_hash": HASH,
                "is_admin": False,
                "created_at": at(5),
            },
        ],
        "memberships": [
            {"user_id": 1, "workspace_id": 1, "role": "admin"},
            {"user_id": 2, "workspace_id": 1, "role": "viewer"},
            {"user_id": 2, "workspace_id": 2, "role": "editor"},
        ],
        "api_tokens": [
            {"user_id": 1, "name": "ci", "token_hash": sha(TOKEN), "created_at": at(6)} | _token(revision)
        ],
        "datasets": [{"workspace_id": 1, "name": "insurance-demo", "created_at": at(7)}],
        "surveys": [
            {
                "workspace_id": 1,
                "map_id": 1,
                "title": SURVEY.title.en,
                "document": SURVEY.to_document(),
                "public_token": "public-token-1",
                "one_per_token": True,
                "is_open": True,
                "created_at": at(8),
            }
        ],
        "survey_links": [
            {
                "survey_id": 1,
                "token_hash": sha("invite-1"),
                "customer_id": "C00001",
                "channel": "sms",
                "created_at": at(9),
                "used_at": at(90),
            },
            {
                "survey_id": 1,
                "token_hash": sha("invite-2"),
                "customer_id": None,
                "channel": None,
                "created_at": at(9),
                "used_at": None,
            },
        ],
        "alert_rules": [
            {
                "workspace_id": 1,
                "map_id": 1,
                "target_kind": "touchpoint",
                "target_id": "report_claim",
                "kind": "satisfaction_falls",
                "params": PARAMS,
                "owner": "claims team",
                "cooldown_seconds": 86400,
                "enabled": True,
                "created_by": "ana",
                "created_at": at(10),
            }
        ],
        "alert_destinations": [
            {
                "workspace_id": 1,
                "department": "*",
                "url": HOOK,
                "attempts": 4,
                "backoff_ms": 1000,
                "updated_at": at(11),
            }
        ],
        "alerts": [
            alert(rule_id=1, fired=at(601), window_end=at(600), acknowledged=True),
            alert(rule_id=1, fired=at(602), window_end=duplicate_window, acknowledged=False),
            alert(rule_id=None, fired=at(700), window_end=at(699), acknowledged=False),
        ],
        "alert_deliveries": [
            {
                "alert_id": 1,
                "department": "*",
                "url": HOOK,
                "attempt": 1,
                "status_code": 500,
                "error": "HTTP 500",
                "ok": False,
                "at": at(601),
            },
            {
                "alert_id": 1,
                "department": "*",
                "url": HOOK,
                "attempt": 2,
                "status_code": 200,
                "error": None,
                "ok": True,
                "at": at(602),
            },
            {
                "alert_id": 2,
                "department": "*",
                "url": HOOK,
                "attempt": 1,
                "status_code": 200,
                "error": None,
                "ok": True,
                "at": at(603),
            },
        ],
        "opportunities": [
            opportunity("tp:report_claim", "report_claim", "", "accepted"),
            opportunity("custom-1", None, "A claims status page", "open"),
        ],
        "opportunity_notes": [
            {
                "opportunity_id": 1,
                "author": "bob",
                "text": "Agreed with the claims lead.",
                "created_at": at(21),
            }
        ],
        "kpi_snapshots": [
            {
                "map_id": 1,
                "revision": 2,
                "computed_at": at(30),
                "author": "ana",
                "data_map": 1,
                "dataset": "insurance-demo",
                "metrics": METRICS,
            }
        ],
        "audit_log": [
            {
                "at": at(40),
                "actor": "ana",
                "via": "web",
                "action": "member.grant",
                "target": "bob",
                "workspace": "team",
                "details": {"role": "editor", "before": "viewer"},
            }
        ],
        "sources": [
            {
                "workspace_id": 1,
                "dataset": "crm",
                "kind": "postgres",
                "sealed_url": "gAAAAAB" + "s" * 100,
                "shown": "postgresql+psycopg://reader:***@db/crm",
                "query": "SELECT customer_id, activity, happened_at FROM visits",
                "columns": {"time": "happened_at", "channel": ""},
                "tz": "Asia/Tehran",
                "calendar": "auto",
                "every_minutes": 60,
                "created_by": "ana",
                "created_at": at(41),
                "last_pull_at": at(42),
                "last_result": {"state": "done", "read": 4, "loaded": 3, "duplicates": 0, "rejected": 1},
            }
        ],
        "sessions": [
            {
                "user_id": 1,
                "token_hash": sha("a browser's session"),
                "created_at": at(50),
                "last_seen_at": at(51),
                "ended_at": None,
                "ended_by": None,
            },
            {
                "user_id": 1,
                "token_hash": sha("an ended session"),
                "created_at": at(52),
                "last_seen_at": at(53),
                "ended_at": at(54),
                "ended_by": "logout",
            },
        ],
        "case_rules": [
            {
                "workspace_id": 1,
                "map_id": 1,
                "condition": "nps<=6",
                "touchpoint_id": "report_claim",
                "department": None,
                "priority": "high",
                "sla_minutes": 2880,
                "since": at(60),
                "enabled": True,
                "created_by": "ana",
                "created_at": at(60),
            }
        ],
        "cases": [
            {
                "workspace_id": 1,
                "map_id": 1,
                "rule_id": 1,
                "source_key": "response:1:R00001",
                "source_kind": "response",
                "customer_id": "C00042",
                "shared": True,
                "touchpoint_id": "report_claim",
                "department": "Claims",
                "priority": "high",
                "status": "in_progress",
                "trigger": {
                    "condition": "nps<=6",
                    "survey_id": 1,
                    "response_id": "R00001",
                    "answers": [
                        {
                            "question": "nps_report_claim",
                            "kind": "nps",
                            "touchpoint": "report_claim",
                            "value": 3.0,
                            "text": None,
                            "text_lang": None,
                        }
                    ],
                },
                "opened_at": at(61),
                "due_at": at(61 + 2880),
                "assignee": "bob",
                "resolved_at": None,
                "closed_at": None,
                "updated_at": at(62),
                "late_noticed_at": None,
                "follow_up": None,
            }
        ],
        "case_events": [
            {
                "case_id": 1,
                "at": at(61),
                "actor": "safar",
                "via": "web",
                "action": "opened",
                "before": None,
                "after": "new",
                "text": None,
            },
            {
                "case_id": 1,
                "at": at(62),
                "actor": "ana",
                "via": "web",
                "action": "status",
                "before": "new",
                "after": "in_progress",
                "text": "با مشتری تماس گرفتم",
            },
        ],
        "mail_addresses": [
            {
                "workspace_id": 1,
                "department": "Claims",
                "address": "claims@example.com",
                "lang": "fa",
                "created_at": at(59),
            }
        ],
        "mail_outbox": [
            {
                "workspace_id": 1,
                "kind": "case_opened",
                "ref": "1",
                "address": "claims@example.com",
                "lang": "fa",
                "created_at": at(61),
                "attempts": 1,
                "sent_at": at(61),
                "error": None,
            }
        ],
        "topics": [
            {
                "workspace_id": 1,
                "key": "waiting-on-the-line",
                "name_fa": "انتظار پشت خط",
                "name_en": "Waiting on the line",
                "phrases": ["نیم ساعت پشت خط ماندم", "The wait was far too long"],
                "keywords": ["پشت خط"],
                "created_by": "ana",
                "created_at": at(70),
                "updated_at": at(71),
            }
        ],
        "kb_articles": [
            {
                "workspace_id": 1,
                "key": "a0001",
                "lang": "fa",
                "title": "پرداخت قسطی حق بیمه",
                "body": "حق بیمه را می‌توانید در سه قسط بپردازید.",
                "tags": ["قسط", "پرداخت"],
                "source": "راهنما.md",
                "imported_by": "ana",
                "imported_at": at(72),
            }
        ],
        "pending_answers": [
            {
                "workspace_id": 1,
                "survey_id": 1,
                "response_id": "web:00112233445566778899",
                "rows": [{"survey_id": 1, "question_id": "nps", "ts": "2025-03-01T11:00:00", "value": 9.0}],
                "received_at": at(73),
                "attempts": 1,
                "last_error": "KeyError",
            }
        ],
        "results": [
            {
                "workspace_id": 1,
                "key": "k" * 64,
                "kind": "safar.services.overlay.canvas",
                "map_id": 1,
                "fingerprint": "f" * 64,
                "computed_at": at(31),
                "seconds": 0.25,
                "document": {"map": 1, "revision": 2, "customers": 600},
            }
        ],
    }
    if revision >= "0011":  # a user can be disabled (bob was, and is again enabled: not disabled)
        every["users"] = [u | {"disabled_at": None} for u in every["users"]]
    if revision >= "0013":  # a map has an owner and a status, and may be archived (this one is not)
        every["journey_maps"] = [m | _portfolio(revision) for m in every["journey_maps"]]
    return {table: every[table] for r in REVISIONS if r <= revision for table in INTRODUCED[r]}


def _portfolio(revision: str) -> dict[str, Any]:
    """Since 0013 a map has an owner and a status and may be archived; before, it becomes a draft without an
    owner, not archived."""
    if revision < "0013":
        return {"owner": None, "status": "draft", "archived_at": None}
    return {"owner": "bob", "status": "in_review", "archived_at": None}


def _token(revision: str) -> dict[str, Any]:
    """Since 0011 a token has a scope, may be limited to a workspace and remembers its last use; before,
    it becomes what it always was: read and write, in every workspace of its owner, never used. Since 0014
    it has an end; a token made before keeps none."""
    if revision < "0011":
        return {}
    return {
        "scope": "read",
        "workspace_id": 1,
        "prefix": TOKEN[:8],
        "last_used_at": at(50),
        "revoked_at": None,
    } | ({"expires_at": at(60 * 24 * 365 * 20)} if revision >= "0014" else {})


def alert(
    *, rule_id: int | None, fired: datetime, window_end: datetime, acknowledged: bool
) -> dict[str, Any]:
    return {
        "workspace_id": 1,
        "rule_id": rule_id,
        "map_id": 1,
        "kind": "satisfaction_falls",
        "target_kind": "touchpoint",
        "target_id": "report_claim",
        "fired_at": fired,
        "window_end": window_end,
        "payload": {
            "event": "safar.alert",
            "metric": "csat",
            "message_params": {"before": 81.2, "after": 64.0},
        },
        "acknowledged_by": "ana" if acknowledged else None,
        "acknowledged_at": at(800) if acknowledged else None,
    }


def opportunity(key: str, touchpoint: str | None, words: str, status: str) -> dict[str, Any]:
    return {
        "workspace_id": 1,
        "map_id": 1,
        "key": key,
        "touchpoint_id": touchpoint,
        "text": words,
        "owner": "claims team",
        "status": status,
        "created_by": "ana",
        "created_at": at(20),
        "updated_at": at(22),
    }


# Revision messages: text before 0009 (one Safar wrote, one a person typed), a key and values since.
MESSAGES = {
    1: (
        "Created from template insurance (en)",
        Message("msg.from_template", {"template": "insurance", "lang": "en"}),
    ),
    2: ("Rename the first stage", Message("msg.legacy", {"text": "Rename the first stage"})),
}


def _message(revision: str, number: int) -> dict[str, Any]:
    text, message = MESSAGES[number]
    if revision < "0009":
        return {"message": text}
    return {"message_key": message.key, "message_values": message.values}


def with_ids(found: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    return {table: [{"id": n, **row} for n, row in enumerate(items, 1)] for table, items in found.items()}


def expected_after_upgrade(revision: str) -> dict[str, list[dict[str, Any]]]:
    """Every table at the latest schema: the rows as inserted, less what migration 0008 removes (the
    second copy of an alert, with its delivery log), revision messages as keys and values (0009), and
    nothing in the tables added since."""
    found = with_ids(rows(revision))
    found["map_revisions"] = [
        {k: v for k, v in r.items() if k != "message"} | _message(HEAD, r["number"])
        for r in found["map_revisions"]
    ]
    if revision < "0011" and "users" in found:
        found["users"] = [u | {"disabled_at": None} for u in found["users"]]
        found["api_tokens"] = [
            t
            | {
                "scope": "write",
                "workspace_id": None,
                "prefix": None,
                "last_used_at": None,
                "revoked_at": None,
            }
            for t in found["api_tokens"]
        ]
    if revision < "0014" and "api_tokens" in found:
        found["api_tokens"] = [t | {"expires_at": None} for t in found["api_tokens"]]
    if revision < "0013":
        found["journey_maps"] = [m | _portfolio(revision) for m in found["journey_maps"]]
    if revision < "0008" and "alerts" in found:
        found["alerts"] = [a for a in found["alerts"] if a["id"] != 2]
        found["alert_deliveries"] = [d for d in found["alert_deliveries"] if d["alert_id"] != 2]
    return {table: found.get(table, []) for r in REVISIONS for table in INTRODUCED[r]}


# Building a database at an old revision --------------------------------------------------------------
def config() -> Config:
    made = Config()
    made.set_main_option("script_location", str(MIGRATIONS))
    return made


def fill(settings: Settings, revision: str) -> None:
    """The app database at ``revision`` (alembic upgrade), with ``rows(revision)`` in it; survey
    responses in the warehouse once surveys exist."""
    engine = make_engine(settings.database_url)
    try:
        with engine.begin() as conn:
            setup = config()
            setup.attributes["connection"] = conn
            command.upgrade(setup, revision)
            metadata = MetaData()
            metadata.reflect(conn)
            for table, items in rows(revision).items():
                for row in items:  # one at a time, so the database gives the ids in order
                    conn.execute(metadata.tables[table].insert(), row)
    finally:
        engine.dispose()
    if revision >= "0004":
        with open_warehouse(settings) as warehouse:
            assert warehouse.raw is not None
            for n, value in enumerate((9, 10, 3), 1):
                warehouse.raw.execute(
                    "INSERT INTO responses (survey_id, map_id, response_id, question_id, kind, touchpoint_id, "
                    "customer_id, ts, value, source) VALUES (1, 1, ?, 'nps_report_claim', 'nps', 'report_claim', "
                    "?, ?, ?, 'import:answers.csv')",
                    [f"r{n}", f"C{n:05d}", at(100 + n).replace(tzinfo=None), value],
                )


def table_rows(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every Safar table, times as aware UTC (SQLite keeps them naive)."""
    engine = make_engine(url)
    metadata = MetaData()
    try:
        with engine.connect() as conn:
            metadata.reflect(conn)
            return {
                table.name: [
                    {k: _utc(v) for k, v in row.items()}
                    for row in conn.execute(select(table).order_by(table.c.id)).mappings()
                ]
                for table in metadata.sorted_tables
                if table.name != "alembic_version"
            }
    finally:
        engine.dispose()


def _utc(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    return value


def readable(settings: Settings, revision: str) -> None:
    """What was stored at ``revision`` reads back through the Python API, whole."""
    with Workspace.open(settings) as ws:
        assert [
            (
                m.id,
                m.title,
                m.type,
                m.lang,
                m.head,
                m.created_at,
                m.updated_at,
                m.owner,
                m.status,
                m.archived_at,
            )
            for m in ws.list_maps()
        ] == [(1, SECOND.title, "current_state", "en", 2, at(2), at(3), *_portfolio(revision).values())]
        assert ws.history(1) == [
            RevisionInfo(1, 1, "ana", MESSAGES[1][1], at(2), digest(FIRST.to_document())),
            RevisionInfo(1, 2, "bob", MESSAGES[2][1], at(3), digest(SECOND.to_document())),
        ]
        assert (ws.get_map(1, 1).document, ws.get_map(1).document) == (FIRST, SECOND)
        assert ws.channels()["kiosk"] == Channel(
            id="kiosk", name_fa="کیوسک", name_en="Kiosk", kind=ChannelKind.PHYSICAL
        )
        assert Workspace.attach(ws.engine, settings, "team").workspace_id == 2
        if revision >= "0002":
            accounts = Accounts(ws.engine)
            ana, bob = User(1, "ana", "Ana", True), User(2, "bob", "بابک", False)
            assert (accounts.authenticate("ana", PASSWORD), accounts.authenticate("bob", PASSWORD)) == (
                ana,
                bob,
            )
            assert accounts.authenticate("ana", "not the password") is None
            assert accounts.workspaces(bob) == [
                ("default", "default", Role.VIEWER),
                ("team", "Team", Role.EDITOR),
            ]
            if revision >= "0011":
                assert accounts.token_grant(TOKEN) == TokenGrant(ana, 1, "ci", TokenScope.READ, "default")
                assert accounts.audit() == (
                    [
                        AuditEntry(
                            1,
                            at(40),
                            "ana",
                            "web",
                            "member.grant",
                            "bob",
                            "team",
                            {"role": "editor", "before": "viewer"},
                        )
                    ],
                    1,
                )
            else:  # an old token keeps what it could do: write, in every workspace of its owner
                assert accounts.token_grant(TOKEN) == TokenGrant(ana, 1, "ci", TokenScope.WRITE, None)
                assert accounts.audit() == ([], 0)
            assert accounts.user_for_token(TOKEN) == ana
        if revision >= "0003":
            assert ws.datasets() == ["insurance-demo"]
        if revision >= "0004":
            surveys = Surveys(ws)
            assert [
                (s.id, s.map_id, s.survey, s.public_token, s.one_per_token, s.is_open, _utc(s.created_at))
                for s in surveys.list()
            ] == [(1, 1, Survey.model_validate(SURVEY.to_document()), "public-token-1", True, True, at(8))]
            assert surveys.invitations(1) == (2, 1)
            with open_warehouse(settings) as warehouse:
                assert response_counts(warehouse, [1]) == {1: 3}
        if revision >= "0005":
            alerts = Alerts(ws)
            assert alerts.rules() == [
                AlertRule(
                    1,
                    1,
                    TargetKind.TOUCHPOINT,
                    "report_claim",
                    RuleKind.SATISFACTION_FALLS,
                    RuleParams.model_validate(PARAMS),
                    "claims team",
                    86400,
                    True,
                    "ana",
                    at(10),
                )
            ]
            assert alerts.destinations() == [Destination("*", HOOK, 4, 1000)]
            assert alerts.feed() == feed(revision)
        if revision >= "0006":
            note = StoredNote("bob", "Agreed with the claims lead.", at(21))
            found = OpportunityStore(ws.engine, 1).for_map(1)
            assert {
                k: (o.id, o.touchpoint_id, o.text, o.owner, o.status, o.created_by) for k, o in found.items()
            } == {
                "tp:report_claim": (1, "report_claim", "", "claims team", "accepted", "ana"),
                "custom-1": (2, None, "A claims status page", "claims team", "open", "ana"),
            }
            assert [
                StoredNote(n.author, n.text, _utc(n.created_at)) for n in found["tp:report_claim"].notes
            ] == [note]
            assert isinstance(found["custom-1"], StoredOpportunity) and found["custom-1"].notes == ()
        if revision >= "0007":
            assert list_snapshots(ws.engine, 1) == [
                SnapshotInfo(1, 1, 2, at(30), "ana", 1, "insurance-demo", METRICS)
            ]
        if revision >= "0016":
            from safar.context import Context as TopicsContext
            from safar.services.kb import articles
            from safar.services.topics import taxonomy

            assert [(a.key, a.title, a.tags, a.source) for a in articles(TopicsContext(ws, "fa"))] == [
                ("a0001", "پرداخت قسطی حق بیمه", ["قسط", "پرداخت"], "راهنما.md")
            ]
            assert [(t.key, t.name, t.phrases, t.keywords) for t in taxonomy(TopicsContext(ws, "fa"))] == [
                ("waiting-on-the-line", "انتظار پشت خط", ["نیم ساعت پشت خط ماندم", "The wait was far too long"],
                 ["پشت خط"]),
            ]  # fmt: skip
        if revision >= "0015":
            from safar.context import Context
            from safar.services.cases import case_screen

            case = case_screen(Context(ws, "en"), 1, now=at(100))
            assert (case.status, case.department, case.assignee, case.customer_id, case.late) == (
                "in_progress", "Claims", "bob", "C00042", False,
            )  # fmt: skip
            assert [(e.actor, e.action, e.before, e.after, e.text) for e in case.history] == [
                ("safar", "opened", None, "new", None),
                ("ana", "status", "new", "in_progress", "با مشتری تماس گرفتم"),
            ]


def feed(revision: str) -> list[FiredAlert]:
    """The alerts feed, newest first: before 0008 the second copy of alert 1 is gone after the upgrade."""
    payload = {"event": "safar.alert", "metric": "csat", "message_params": {"before": 81.2, "after": 64.0}}

    def fired(
        id_: int, rule: int | None, when: datetime, window: datetime, ack: bool, tries: list[Attempt]
    ) -> FiredAlert:
        return FiredAlert(
            id_,
            rule,
            1,
            "satisfaction_falls",
            "touchpoint",
            "report_claim",
            when,
            window,
            payload,
            "ana" if ack else None,
            at(800) if ack else None,
            tries,
        )

    first = [
        Attempt("*", HOOK, 1, 500, "HTTP 500", False, at(601)),
        Attempt("*", HOOK, 2, 200, None, True, at(602)),
    ]
    found = [fired(3, None, at(700), at(699), False, [])]
    if revision >= "0008":
        found.append(fired(2, 1, at(602), at(660), False, [Attempt("*", HOOK, 1, 200, None, True, at(603))]))
    return [*found, fired(1, 1, at(601), at(600), True, first)]


# The tests ---------------------------------------------------------------------------------------------
@pytest.fixture
def pg_schema(pg_url: str) -> Iterator[Callable[[], str]]:
    """More fresh PostgreSQL schemas on the server of ``pg_url``, each dropped afterwards."""
    base = pg_url.split("?", 1)[0]
    admin = create_engine(base)
    made: list[str] = []

    def make() -> str:
        schema = "t_" + uuid.uuid4().hex[:12]
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        made.append(schema)
        return f"{base}?options=-csearch_path%3D{schema}"

    yield make
    with admin.begin() as conn:
        for schema in made:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def test_every_migration_is_covered() -> None:
    scripts = ScriptDirectory.from_config(config())
    assert [s.revision for s in reversed(list(scripts.walk_revisions()))] == REVISIONS == list(INTRODUCED)
    assert sorted(t for tables in INTRODUCED.values() for t in tables) == sorted(rows(HEAD))


@pytest.mark.parametrize("revision", REVISIONS)
def test_an_old_database_and_a_backup_of_it_upgrade_with_every_row_intact(
    revision: str, empty_database: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """One database filled at ``revision`` (filling is most of the time) gives both cases: the database
    itself upgraded in place, and a backup taken of it before that, restored into a fresh installation."""
    source = Settings.from_env()
    fill(source, revision)
    assert table_rows(source.database_url) == with_ids(rows(revision))

    file = tmp_path / f"safar-{revision}.tar.gz"
    made = backup(source, file)
    assert made.manifest["database"]["revision"] == revision
    names = [t["name"] for t in made.manifest["database"]["tables"]]
    assert sorted(names) == sorted(rows(revision))
    parents = {
        (fk.column.table.name, table) for table in names for fk in Base.metadata.tables[table].foreign_keys
    }
    assert [pair for pair in sorted(parents) if names.index(pair[0]) > names.index(pair[1])] == []

    engine = make_engine(source.database_url)  # the old database itself, upgraded in place
    try:
        migrate(engine)
    finally:
        engine.dispose()
    assert table_rows(source.database_url) == expected_after_upgrade(revision)
    readable(source, revision)
    with Workspace.open(source) as ws:  # and it takes new rows after the old ones
        assert ws.new_from_template("ecommerce", "en").id == 2

    url = request.getfixturevalue("pg_schema")() if empty_database == "postgres" else None
    env = {"SAFAR_HOME": str(tmp_path / "restored"), "SAFAR_USER": "tester"}
    target = Settings.from_env({**env, "SAFAR_DATABASE_URL": url} if url else env)
    report = restore(target, file)  # the backup taken at the old revision, restored and upgraded
    assert (report.revision, report.head) == (revision, HEAD)
    assert table_rows(target.database_url) == expected_after_upgrade(revision)
    readable(target, revision)
    with Workspace.open(target) as ws:
        assert ws.new_from_template("ecommerce", "en").id == 2


def test_old_revision_messages_become_keys_and_values() -> None:
    """Migration 0009 reads the texts Safar wrote in either language; anything else is kept as written."""
    import importlib.util

    path = MIGRATIONS / "versions" / "0009_revision_messages_as_keys.py"
    spec = importlib.util.spec_from_file_location("migration_0009", path)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    cases = {
        "Created": ("msg.created", {}),
        "ساخته شد": ("msg.created", {}),
        "1 added, 12 changed": ("msg.summary", {"counts": [["added", 1], ["changed", 12]]}),
        "Revert to revision 4": ("msg.revert", {"revision": 4}),
        "بازگشت به نسخه ۱۲": ("msg.revert", {"revision": 12}),
        "ساخته شده از الگوی saas (fa)": ("msg.from_template", {"template": "saas", "lang": "fa"}),
        "از shop.yaml وارد شد": ("msg.imported", {"file": "shop.yaml"}),
        "اتصال همه نقاط تماس به رویدادهای ساختگی نمایشی (insurance-demo)": (
            "ui.demo_bound",
            {"dataset": "insurance-demo"},
        ),
        "Revert to revision soon": ("msg.legacy", {"text": "Revert to revision soon"}),
        "3 renamed": ("msg.legacy", {"text": "3 renamed"}),
        "": ("msg.legacy", {"text": ""}),
    }
    assert {old: migration.parse(old) for old in cases} == cases
    # Read back in the reader's language: template and language by their names, typed words as typed.
    read = {old: (Message(*cases[old]).render("en"), Message(*cases[old]).render("fa")) for old in cases}
    assert read["بازگشت به نسخه ۱۲"] == ("Revert to revision 12", "بازگشت به نسخه ۱۲")
    assert read["1 added, 12 changed"] == ("1 added, 12 changed", "۱ افزودن، ۱۲ تغییر")
    assert (
        read["ساخته شده از الگوی saas (fa)"][0]
        == "Created from template SaaS: discovery to renewal (Persian)"
    )
    assert read["3 renamed"] == ("3 renamed", "3 renamed")
    assert migration.english(*cases["بازگشت به نسخه ۱۲"]) == "Revert to revision 12"  # the downgrade's text
