"""Maps as a portfolio: each map has an owner (a member's user name, or none), a status (draft, in review,
published) and may be archived (hidden from the maps list by default and read-only until unarchived).

Maps made before this revision are drafts without an owner, not archived.

The columns are added with plain ``ALTER TABLE … ADD COLUMN`` rather than a batch copy of the table: on
SQLite a batch copy drops ``journey_maps``, and with foreign keys on that would take every revision with it.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

COLUMNS = ("archived_at", "status", "owner")


def upgrade() -> None:
    op.add_column("journey_maps", sa.Column("owner", sa.String(100), nullable=True))
    op.add_column("journey_maps", sa.Column("status", sa.String(16), nullable=False, server_default="draft"))
    op.add_column("journey_maps", sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    for column in COLUMNS:  # DROP COLUMN: SQLite 3.35 and later, and PostgreSQL
        op.execute(f"ALTER TABLE journey_maps DROP COLUMN {column}")
