"""meetings, series, rsvp, outbox

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 03:44:06.922690
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("meeting_series",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("week", sa.Integer(), nullable=False),
    sa.Column("weekday", sa.Integer(), nullable=False),
    sa.Column("hour", sa.Integer(), nullable=False),
    sa.Column("minute", sa.Integer(), nullable=False),
    sa.Column("timezone", sa.String(length=64), nullable=False),
    sa.Column("title", sa.String(length=200), nullable=False),
    sa.Column("venue", sa.String(length=300), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("created_by_id", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(["created_by_id"], ["person.id"], name=op.f("fk_meeting_series_created_by_id_person")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_series"))
    )
    op.create_table("meeting",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("title", sa.String(length=200), nullable=False),
    sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("timezone", sa.String(length=64), nullable=False),
    sa.Column("venue", sa.String(length=300), nullable=False),
    sa.Column("agenda", sa.Text(), nullable=True),
    sa.Column("capacity", sa.Integer(), nullable=True),
    sa.Column("rsvp_deadline", sa.DateTime(timezone=True), nullable=True),
    sa.Column("status", sa.Enum("scheduled", "cancelled", name="meeting_status", native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column("series_id", sa.Integer(), nullable=True),
    sa.Column("revision", sa.Integer(), nullable=False),
    sa.Column("invited_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("created_by_id", sa.Integer(), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["created_by_id"], ["person.id"], name=op.f("fk_meeting_created_by_id_person")),
    sa.ForeignKeyConstraint(["series_id"], ["meeting_series.id"], name=op.f("fk_meeting_series_id_meeting_series")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    sa.UniqueConstraint("series_id", "starts_at", name="uq_meeting_series_start")
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_starts_at"), ["starts_at"], unique=False)

    op.create_table("outbox",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.String(length=30), nullable=False),
    sa.Column("fanout", sa.Boolean(), nullable=False),
    sa.Column("meeting_id", sa.Integer(), nullable=True),
    sa.Column("person_id", sa.Integer(), nullable=True),
    sa.Column("chat_id", sa.BigInteger(), nullable=True),
    sa.Column("dedupe_key", sa.String(length=160), nullable=False),
    sa.Column("payload", sa.JSON(), nullable=False),
    sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("not_after", sa.DateTime(timezone=True), nullable=True),
    sa.Column("status", sa.Enum("pending", "sending", "sent", "skipped", "unreachable", "failed", name="outbox_status", native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column("attempts", sa.Integer(), nullable=False),
    sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("tg_message_id", sa.BigInteger(), nullable=True),
    sa.Column("last_error", sa.String(length=300), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_outbox_meeting_id_meeting"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_outbox_person_id_person"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    sa.UniqueConstraint("dedupe_key", name=op.f("uq_outbox_dedupe_key"))
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_due", ["status", "next_attempt_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_meeting_id"), ["meeting_id"], unique=False)

    op.create_table("rsvp",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("meeting_id", sa.Integer(), nullable=False),
    sa.Column("person_id", sa.Integer(), nullable=False),
    sa.Column("answer", sa.Enum("going", "maybe", "declined", name="rsvp_answer", native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column("waitlisted", sa.Boolean(), nullable=False),
    sa.Column("going_since", sa.DateTime(timezone=True), nullable=True),
    sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_rsvp_meeting_id_meeting"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_rsvp_person_id_person"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_rsvp")),
    sa.UniqueConstraint("meeting_id", "person_id", name="uq_rsvp_meeting_person")
    )


def downgrade() -> None:
    op.drop_table("rsvp")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_meeting_id"))
        batch_op.drop_index("ix_outbox_due")

    op.drop_table("outbox")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_starts_at"))

    op.drop_table("meeting")
    op.drop_table("meeting_series")
