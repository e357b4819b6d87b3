"""Administration: a user can be disabled; an API token has a scope (read or write), may be limited to one
workspace, is revoked rather than deleted and remembers when it was last used; every administrative act is
written to an audit log (who, what, on whom, when).

Tokens made before this revision keep what they could do: scope ``write``, every workspace of their owner.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("scope", sa.String(16), nullable=False, server_default="write"))
        batch.add_column(
            sa.Column(
                "workspace_id",
                sa.Integer(),
                sa.ForeignKey("workspaces.id", name="fk_api_tokens_workspace", ondelete="CASCADE"),
                nullable=True,
            )
        )
        batch.add_column(sa.Column("prefix", sa.String(16), nullable=True))
        batch.add_column(sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("via", sa.String(8), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("workspace", sa.String(64), nullable=True),
        sa.Column(
            "details", sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql"), nullable=False
        ),
    )


def downgrade() -> None:
    op.drop_table("audit_log")
    with op.batch_alter_table("api_tokens") as batch:
        for column in ("revoked_at", "last_used_at", "prefix", "workspace_id", "scope"):
            batch.drop_column(column)
    with op.batch_alter_table("users") as batch:
        batch.drop_column("disabled_at")
