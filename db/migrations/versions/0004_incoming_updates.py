"""updates stored before they are confirmed; replies kept until shown

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 13:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incoming_update",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_incoming_update")),
    )
    with op.batch_alter_table("incoming_update", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incoming_update_handled_at"), ["handled_at"], unique=False
        )

    op.create_table(
        "pending_reply",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("update_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("text", sa.JSON(), nullable=False),
        sa.Column("keyboard", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_reply")),
    )
    with op.batch_alter_table("pending_reply", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pending_reply_update_id"), ["update_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("pending_reply", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pending_reply_update_id"))
    op.drop_table("pending_reply")
    with op.batch_alter_table("incoming_update", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incoming_update_handled_at"))
    op.drop_table("incoming_update")
