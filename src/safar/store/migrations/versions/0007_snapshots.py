"""Snapshots of a map revision's measured key metrics.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kpi_snapshots",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "map_id",
            sa.Integer(),
            sa.ForeignKey("journey_maps.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("data_map", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(200), nullable=True),
        sa.Column(
            "metrics", sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql"), nullable=False
        ),
    )


def downgrade() -> None:
    op.drop_table("kpi_snapshots")
