"""One alert per rule and data window: a unique index on ``alerts (rule_id, window_end)``.

A CLI check and the web app's schedule in two processes could both store the alert of the same
rule and data; the index makes the second insert fail, and the check reports it as a duplicate.
Alerts already stored twice keep their first copy (the copies carry the same rule and data window;
their delivery log goes with them).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        sa.text(
            "DELETE FROM alerts WHERE rule_id IS NOT NULL AND id NOT IN "
            "(SELECT min(id) FROM alerts WHERE rule_id IS NOT NULL GROUP BY rule_id, window_end)"
        )
    )
    op.create_index("uq_alerts_rule_window", "alerts", ["rule_id", "window_end"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_alerts_rule_window", table_name="alerts")
