"""monthly series in Gregorian or Solar Hijri months

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 04:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting_series", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "calendar", sa.String(length=20), server_default="gregorian", nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("meeting_series", schema=None) as batch_op:
        batch_op.drop_column("calendar")
