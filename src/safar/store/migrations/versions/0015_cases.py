"""Cases (the closed loop): the rules that open them, the cases and every change to them; and e-mail: who is
told about a department's cases and alerts, and the outbox the mails are sent from.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def _document() -> sa.types.TypeEngine:  # type: ignore[type-arg]
    return sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql")


def _workspace() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "workspace_id", sa.Integer(), sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False
    )


def _map() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "map_id", sa.Integer(), sa.ForeignKey("journey_maps.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    moment = sa.DateTime(timezone=True)
    op.create_table(
        "case_rules",
        sa.Column("id", sa.Integer(), primary_key=True),
        _workspace(),
        _map(),
        sa.Column("condition", sa.String(64), nullable=False),
        sa.Column("touchpoint_id", sa.String(64), nullable=True),
        sa.Column("department", sa.String(200), nullable=True),
        sa.Column("priority", sa.String(16), nullable=False),
        sa.Column("sla_minutes", sa.Integer(), nullable=False),
        sa.Column("since", moment, nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", moment, nullable=False),
    )
    op.create_index("ix_case_rules_workspace_id", "case_rules", ["workspace_id"])
    op.create_index("ix_case_rules_map_id", "case_rules", ["map_id"])
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), primary_key=True),
        _workspace(),
        _map(),
        sa.Column(
            "rule_id", sa.Integer(), sa.ForeignKey("case_rules.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("source_key", sa.String(300), nullable=False),
        sa.Column("source_kind", sa.String(16), nullable=False),
        sa.Column("customer_id", sa.String(200), nullable=True),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("touchpoint_id", sa.String(64), nullable=True),
        sa.Column("department", sa.String(200), nullable=False),
        sa.Column("priority", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("trigger", _document(), nullable=False),
        sa.Column("opened_at", moment, nullable=False),
        sa.Column("due_at", moment, nullable=False),
        sa.Column("assignee", sa.String(100), nullable=True),
        sa.Column("resolved_at", moment, nullable=True),
        sa.Column("closed_at", moment, nullable=True),
        sa.Column("updated_at", moment, nullable=False),
        sa.Column("late_noticed_at", moment, nullable=True),
        sa.Column("follow_up", _document(), nullable=True),
        sa.UniqueConstraint("workspace_id", "source_key", name="uq_cases_source"),
    )
    op.create_index("ix_cases_workspace_id", "cases", ["workspace_id"])
    op.create_index("ix_cases_map_id", "cases", ["map_id"])
    op.create_index("ix_cases_rule_id", "cases", ["rule_id"])
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", moment, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("via", sa.String(8), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("before", sa.String(200), nullable=True),
        sa.Column("after", sa.String(200), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
    )
    op.create_index("ix_case_events_case_id", "case_events", ["case_id"])
    op.create_table(
        "mail_addresses",
        sa.Column("id", sa.Integer(), primary_key=True),
        _workspace(),
        sa.Column("department", sa.String(200), nullable=False),
        sa.Column("address", sa.String(320), nullable=False),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("created_at", moment, nullable=False),
        sa.UniqueConstraint("workspace_id", "department", "address", name="uq_mail_addresses"),
    )
    op.create_index("ix_mail_addresses_workspace_id", "mail_addresses", ["workspace_id"])
    op.create_table(
        "mail_outbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        _workspace(),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("ref", sa.String(64), nullable=False),
        sa.Column("address", sa.String(320), nullable=False),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("created_at", moment, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("sent_at", moment, nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.UniqueConstraint("kind", "ref", "address", name="uq_mail_outbox"),
    )
    op.create_index("ix_mail_outbox_workspace_id", "mail_outbox", ["workspace_id"])


def downgrade() -> None:
    for table in ("mail_outbox", "mail_addresses", "case_events", "cases", "case_rules"):
        op.drop_table(table)
