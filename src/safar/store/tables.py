"""The app database's tables (SQLAlchemy 2). Alembic migrations create them; this module describes them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, overload

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine


class Document(TypeDecorator[Any]):
    """A JSON document: ``JSONB`` on PostgreSQL, ``JSON`` elsewhere. The PostgreSQL type is looked up
    only when that dialect is in use, so a command on SQLite does not import it."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())


def utcnow() -> datetime:
    return datetime.now(UTC)


@overload
def as_utc(moment: datetime) -> datetime: ...
@overload
def as_utc(moment: None) -> None: ...
def as_utc(moment: datetime | None) -> datetime | None:
    """A stored time as aware UTC (SQLite gives it back naive)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class WorkspaceRow(Base):
    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ChannelRow(Base):
    """A channel a workspace adds to the built-in catalogue."""

    __tablename__ = "channels"
    __table_args__ = (UniqueConstraint("workspace_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    name_fa: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))


class MapRow(Base):
    """A journey map; its content lives in its revisions, ``head`` is the latest revision number."""

    __tablename__ = "journey_maps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    type: Mapped[str] = mapped_column(String(32))
    lang: Mapped[str] = mapped_column(String(2))
    head: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The portfolio (migration 0013): who looks after the map (a member's user name), how far it is
    # (draft, in_review, published), and since when it is archived (hidden and read-only) if it is.
    owner: Mapped[str | None] = mapped_column(String(100), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="draft", server_default="draft")
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class RevisionRow(Base):
    """One immutable saved version of a map."""

    __tablename__ = "map_revisions"
    __table_args__ = (UniqueConstraint("map_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("journey_maps.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(200))
    # The message as a catalogue key and its values (safar.i18n.message), shown in the reader's language.
    message_key: Mapped[str] = mapped_column(String(100))
    message_values: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    digest: Mapped[str] = mapped_column(String(64))
    document: Mapped[dict[str, Any]] = mapped_column(Document())


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class MembershipRow(Base):
    """A user's role in a workspace: viewer, editor or admin."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "workspace_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))


class ApiTokenRow(Base):
    """An API token for integrations; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    scope: Mapped[str] = mapped_column(String(16), default="write", server_default="write")
    workspace_id: Mapped[int | None] = mapped_column(
        ForeignKey("workspaces.id", name="fk_api_tokens_workspace", ondelete="CASCADE"), nullable=True
    )
    prefix: Mapped[str | None] = mapped_column(String(16), nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # NULL: no end (tokens made before 0014, when tokens did not expire)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class SessionRow(Base):
    """A signed-in browser's session: the cookie holds a random id, the database its SHA-256. Ending the row
    (log-out, a new password, a disabled user) ends the session at once, whatever copy of the cookie exists."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    ended_by: Mapped[str | None] = mapped_column(String(32), nullable=True)


class DatasetRow(Base):
    """Which workspace a warehouse dataset belongs to (the warehouse itself knows no workspaces)."""

    __tablename__ = "datasets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SurveyRow(Base):
    """A survey on a map; its questions live in ``document`` (:class:`safar.model.survey.Survey`)."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("journey_maps.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    document: Mapped[dict[str, Any]] = mapped_column(Document())
    public_token: Mapped[str] = mapped_column(String(64), unique=True)
    one_per_token: Mapped[bool] = mapped_column(Boolean, default=False)
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SurveyLinkRow(Base):
    """A personal invitation to a survey: one answer per link; only the token's SHA-256 is stored."""

    __tablename__ = "survey_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    customer_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    channel: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class PendingAnswerRow(Base):
    """A survey answer taken while the warehouse was held by another program (an ingest from the command
    line): its warehouse rows, kept here until the server's schedule writes them (safar.voice.pending)."""

    __tablename__ = "pending_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    response_id: Mapped[str] = mapped_column(String(64), unique=True)
    rows: Mapped[list[dict[str, Any]]] = mapped_column(Document())
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(200), nullable=True)


class AlertRuleRow(Base):
    """An alert rule on a map's touchpoint, stage or channel (see :mod:`safar.alerts`)."""

    __tablename__ = "alert_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("journey_maps.id", ondelete="CASCADE"), index=True)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict[str, Any]] = mapped_column(Document())
    owner: Mapped[str | None] = mapped_column(String(200), nullable=True)
    cooldown_seconds: Mapped[int] = mapped_column(Integer)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AlertDestinationRow(Base):
    """Where a department's alerts are POSTed; department ``*`` catches every department without one."""

    __tablename__ = "alert_destinations"
    __table_args__ = (UniqueConstraint("workspace_id", "department"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    department: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(2000))
    attempts: Mapped[int] = mapped_column(Integer)
    backoff_ms: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AlertRow(Base):
    """A fired alert; it keeps what its rule said, so the feed survives the rule's removal."""

    __tablename__ = "alerts"
    # One alert per rule and data window, even when two processes check at once (migration 0008).
    __table_args__ = (Index("uq_alerts_rule_window", "rule_id", "window_end", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("alert_rules.id", ondelete="SET NULL"), nullable=True, index=True
    )
    map_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(64))
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(200))
    fired_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    window_end: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    payload: Mapped[dict[str, Any]] = mapped_column(Document())
    acknowledged_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AlertDeliveryRow(Base):
    """One attempt to POST an alert to a webhook."""

    __tablename__ = "alert_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    department: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(2000))
    attempt: Mapped[int] = mapped_column(Integer)
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class KpiSnapshotRow(Base):
    """The measured key metrics of a map revision at one moment; ``metrics`` lists the metric values."""

    __tablename__ = "kpi_snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("journey_maps.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    author: Mapped[str] = mapped_column(String(200))
    data_map: Mapped[int] = mapped_column(Integer)
    dataset: Mapped[str | None] = mapped_column(String(200), nullable=True)
    metrics: Mapped[list[dict[str, Any]]] = mapped_column(Document())


class OpportunityRow(Base):
    """A decision on an opportunity of a map: a scored touchpoint (key ``tp:<id>``) or one a user added."""

    __tablename__ = "opportunities"
    __table_args__ = (UniqueConstraint("map_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("journey_maps.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(100))
    touchpoint_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OpportunityNoteRow(Base):
    """A user's note on an opportunity."""

    __tablename__ = "opportunity_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ResultRow(Base):
    """One screen's computed result for one set of parameters (``key``) and the data it was computed from
    (``fingerprint``): read many times, recomputed when the data changes (safar.services.results)."""

    __tablename__ = "results"
    __table_args__ = (UniqueConstraint("workspace_id", "key", name="uq_results_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(100))
    map_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    seconds: Mapped[float] = mapped_column(Float)
    document: Mapped[dict[str, Any]] = mapped_column(Document())


class AuditRow(Base):
    """One administrative act: who (``actor``, through ``via``: web, api or cli) did what (``action``) to
    whom or what (``target``), in which workspace, when, with what else matters (``details``; never a
    password or a token)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    via: Mapped[str] = mapped_column(String(8))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200))
    workspace: Mapped[str | None] = mapped_column(String(64), nullable=True)
    details: Mapped[dict[str, Any]] = mapped_column(Document())


class SourceRow(Base):
    """A database source (safar.services.sources): the query whose rows feed ``dataset``, on a server whose
    connection URL is kept only sealed with the installation's secret (``sealed_url``; ``shown`` is the
    same without its password). ``columns`` maps each role to a column of the query's result (``None``: as
    proposed); ``every_minutes`` is its schedule (``None``: pulled on demand only); ``last_result`` says how
    its last pull went (the accounting, or the error's code and details)."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    dataset: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    sealed_url: Mapped[str] = mapped_column(Text)
    shown: Mapped[str] = mapped_column(String(500))
    query: Mapped[str] = mapped_column(Text)
    columns: Mapped[dict[str, Any]] = mapped_column(Document())
    tz: Mapped[str | None] = mapped_column(String(64), nullable=True)
    calendar: Mapped[str] = mapped_column(String(16), default="auto")
    every_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_pull_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_result: Mapped[dict[str, Any] | None] = mapped_column(Document(), nullable=True)


class CaseRuleRow(Base):
    """A rule that opens cases on a map (safar.cases): its ``condition`` as typed (``nps<=6``, ``negative``,
    ``alert``), optionally one touchpoint; the department (else the touchpoint's owner), priority and SLA of
    the cases it opens; answers, comments and alerts from ``since`` on are looked at."""

    __tablename__ = "case_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("journey_maps.id", ondelete="CASCADE"), index=True)
    condition: Mapped[str] = mapped_column(String(64))
    touchpoint_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    department: Mapped[str | None] = mapped_column(String(200), nullable=True)
    priority: Mapped[str] = mapped_column(String(16))
    sla_minutes: Mapped[int] = mapped_column(Integer)
    since: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CaseRow(Base):
    """A case: one per source (a survey response, a comment, an alert — ``source_key``) in a workspace.
    ``shared`` says whether the customer agreed to be known (a survey's consent question); without it the
    case never shows who they are. ``trigger`` is what opened it (the answers, the comment, the alert)."""

    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("workspace_id", "source_key", name="uq_cases_source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("journey_maps.id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("case_rules.id", ondelete="SET NULL"), nullable=True, index=True
    )
    source_key: Mapped[str] = mapped_column(String(300))
    source_kind: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    touchpoint_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    department: Mapped[str] = mapped_column(String(200), default="")
    priority: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="new")
    trigger: Mapped[dict[str, Any]] = mapped_column(Document())
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    assignee: Mapped[str | None] = mapped_column(String(100), nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    late_noticed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    follow_up: Mapped[dict[str, Any] | None] = mapped_column(Document(), nullable=True)


class CaseEventRow(Base):
    """One change to a case, kept for good: who (through web, api or cli), when, what (``action``), from what
    to what, and a note's text."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    via: Mapped[str] = mapped_column(String(8))
    action: Mapped[str] = mapped_column(String(32))
    before: Mapped[str | None] = mapped_column(String(200), nullable=True)
    after: Mapped[str | None] = mapped_column(String(200), nullable=True)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)


class MailAddressRow(Base):
    """Who is told by e-mail about a department's new cases, late cases and alerts (department ``*``: every
    department), and in which language."""

    __tablename__ = "mail_addresses"
    __table_args__ = (UniqueConstraint("workspace_id", "department", "address", name="uq_mail_addresses"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    department: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(320))
    lang: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MailRow(Base):
    """One e-mail to send (the outbox): what it is about (``kind`` and ``ref``: a case or an alert), to whom,
    in which language. Written in the transaction that made its reason, sent behind it and retried, so a mail
    server that is down loses nothing; one row per reason and address, so nothing is sent twice."""

    __tablename__ = "mail_outbox"
    __table_args__ = (UniqueConstraint("kind", "ref", "address", name="uq_mail_outbox"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    ref: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(320))
    lang: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)


class TopicRow(Base):
    """A topic of the workspace's taxonomy (safar.voice.topics): its names in both languages, the example
    phrases comments are compared with, and keywords that assign a comment outright."""

    __tablename__ = "topics"
    __table_args__ = (UniqueConstraint("workspace_id", "key", name="uq_topics_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    name_fa: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    phrases: Mapped[list[str]] = mapped_column(Document())
    keywords: Mapped[list[str]] = mapped_column(Document())
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ArticleRow(Base):
    """A knowledge-base article or chatbot intent (safar.kb): importing a file again updates the articles with
    the same key."""

    __tablename__ = "kb_articles"
    __table_args__ = (UniqueConstraint("workspace_id", "key", name="uq_kb_articles_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(100))
    lang: Mapped[str] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(Document())
    source: Mapped[str] = mapped_column(String(300))
    imported_by: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
