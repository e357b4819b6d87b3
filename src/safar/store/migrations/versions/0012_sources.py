"""Database sources: a dataset fed from a SQL query on PostgreSQL or MySQL/MariaDB, its connection URL kept
encrypted with the installation's secret, pulled on demand or every few minutes.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _document() -> sa.types.TypeEngine:  # type: ignore[type-arg]
    return sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "workspace_id",
            sa.Integer(),
            sa.ForeignKey("workspaces.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("dataset", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("sealed_url", sa.Text(), nullable=False),
        sa.Column("shown", sa.String(500), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("columns", _document(), nullable=False),
        sa.Column("tz", sa.String(64), nullable=True),
        sa.Column("calendar", sa.String(16), nullable=False),
        sa.Column("every_minutes", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_pull_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_result", _document(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("sources")
