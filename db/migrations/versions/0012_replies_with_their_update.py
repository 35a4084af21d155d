"""replies kept with the update that decided them: one statement marks it handled and keeps them

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 20:00:00
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_updates = sa.table(
    "incoming_update",
    sa.column("update_id", sa.BigInteger()),
    sa.column("payload", sa.JSON()),
    sa.column("received_at", sa.DateTime(timezone=True)),
    sa.column("handled_at", sa.DateTime(timezone=True)),
    sa.column("replies", sa.JSON(none_as_null=True)),
    sa.column("edit", sa.JSON(none_as_null=True)),
    sa.column("edits_chat_id", sa.BigInteger()),
    sa.column("edits_message_id", sa.BigInteger()),
)
_pending = sa.table(
    "pending_reply",
    sa.column("id", sa.Integer()),
    sa.column("update_id", sa.BigInteger()),
    sa.column("chat_id", sa.BigInteger()),
    sa.column("message_id", sa.BigInteger()),
    sa.column("lang", sa.String(5)),
    sa.column("text", sa.JSON()),
    sa.column("keyboard", sa.JSON()),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
_FIELDS = ("chat_id", "message_id", "lang", "text", "keyboard")


def upgrade() -> None:
    with op.batch_alter_table("incoming_update", schema=None) as batch_op:
        batch_op.add_column(sa.Column("replies", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("edit", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("edits_chat_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("edits_message_id", sa.BigInteger(), nullable=True))
        batch_op.create_index(
            "ix_incoming_update_kept_edit",
            ["edits_chat_id", "edits_message_id"],
            unique=False,
            sqlite_where=sa.text("edit IS NOT NULL"),
            postgresql_where=sa.text("edit IS NOT NULL"),
        )

    # Replies a stopped run kept and never showed move to their update, to be shown at start.
    connection = op.get_bind()
    kept: dict[int, list[Any]] = defaultdict(list)
    decided: dict[int, Any] = {}
    for row in connection.execute(sa.select(_pending).order_by(_pending.c.id)).mappings():
        kept[row["update_id"]].append({name: row[name] for name in _FIELDS})
        decided.setdefault(row["update_id"], row["created_at"])
    for update_id, replies in kept.items():
        edits = [reply for reply in replies if reply["message_id"] is not None]
        values = {
            "replies": [reply for reply in replies if reply["message_id"] is None] or None,
            "edit": edits[-1] if edits else None,
            "edits_chat_id": edits[-1]["chat_id"] if edits else None,
            "edits_message_id": edits[-1]["message_id"] if edits else None,
        }
        moved = connection.execute(
            sa.update(_updates).where(_updates.c.update_id == update_id).values(**values)
        )
        if not moved.rowcount:
            connection.execute(
                sa.insert(_updates).values(
                    update_id=update_id,
                    payload=None,
                    received_at=decided[update_id],
                    handled_at=decided[update_id],
                    **values,
                )
            )

    with op.batch_alter_table("pending_reply", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pending_reply_update_id"))
    op.drop_table("pending_reply")


def downgrade() -> None:
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

    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_updates.c.update_id, _updates.c.handled_at, _updates.c.edit, _updates.c.replies)
        .where(_updates.c.edit.is_not(None) | _updates.c.replies.is_not(None))
        .order_by(_updates.c.handled_at, _updates.c.update_id)
    )
    for update_id, handled_at, edit, replies in rows:
        for reply in ([edit] if edit else []) + list(replies or []):
            connection.execute(
                sa.insert(_pending).values(
                    update_id=update_id,
                    created_at=handled_at,
                    **{name: reply[name] for name in _FIELDS},
                )
            )

    with op.batch_alter_table("incoming_update", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_incoming_update_kept_edit",
            sqlite_where=sa.text("edit IS NOT NULL"),
            postgresql_where=sa.text("edit IS NOT NULL"),
        )
        batch_op.drop_column("edits_message_id")
        batch_op.drop_column("edits_chat_id")
        batch_op.drop_column("edit")
        batch_op.drop_column("replies")
