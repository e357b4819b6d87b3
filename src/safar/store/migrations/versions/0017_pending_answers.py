"""Survey answers taken while the warehouse was held by another program, kept until they are written.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_answers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "workspace_id", sa.Integer(), sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("survey_id", sa.Integer(), sa.ForeignKey("surveys.id", ondelete="CASCADE"), nullable=False),
        sa.Column("response_id", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "rows", sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(200), nullable=True),
    )
    op.create_index("ix_pending_answers_workspace_id", "pending_answers", ["workspace_id"])
    op.create_index("ix_pending_answers_survey_id", "pending_answers", ["survey_id"])


def downgrade() -> None:
    op.drop_table("pending_answers")
