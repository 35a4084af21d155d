"""concerns, the private link to their senders, and dot votes on them

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def upgrade() -> None:
    op.create_table(
        "concern",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column(
            "topic",
            _enum(
                "concern_topic",
                "coordination",
                "security",
                "funding",
                "media",
                "capacity",
                "other",
            ),
            nullable=False,
        ),
        sa.Column("kind", _enum("concern_kind", "text", "voice", "photo"), nullable=False),
        sa.Column("text", sa.String(length=1000), nullable=True),
        sa.Column("file_id", sa.String(length=255), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            _enum("concern_status", "submitted", "approved", "merged", "rejected"),
            nullable=False,
        ),
        sa.Column("rejection_reason", sa.String(length=500), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "NOT anonymous OR author_id IS NULL",
            name=op.f("ck_concern_anonymous_has_no_author"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_concern_meeting_id_meeting"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["person.id"],
            name=op.f("fk_concern_author_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["concern.id"],
            name=op.f("fk_concern_merged_into_id_concern"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern")),
    )
    with op.batch_alter_table("concern", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_concern_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_concern_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_concern_status"), ["status"], unique=False)
    op.create_table(
        "concern_sender",
        sa.Column("concern_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["concern_id"],
            ["concern.id"],
            name=op.f("fk_concern_sender_concern_id_concern"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_concern_sender_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("concern_id", name=op.f("pk_concern_sender")),
    )
    with op.batch_alter_table("concern_sender", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_concern_sender_person_id"), ["person_id"], unique=False
        )
    op.create_table(
        "agenda_vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("concern_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_agenda_vote_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["concern_id"],
            ["concern.id"],
            name=op.f("fk_agenda_vote_concern_id_concern"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_vote")),
        sa.UniqueConstraint("person_id", "concern_id", name="uq_agenda_vote_person_concern"),
    )
    with op.batch_alter_table("agenda_vote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_vote_concern_id"), ["concern_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("agenda_vote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_vote_concern_id"))
    op.drop_table("agenda_vote")
    with op.batch_alter_table("concern_sender", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_concern_sender_person_id"))
    op.drop_table("concern_sender")
    with op.batch_alter_table("concern", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_concern_status"))
        batch_op.drop_index(batch_op.f("ix_concern_author_id"))
        batch_op.drop_index(batch_op.f("ix_concern_meeting_id"))
    op.drop_table("concern")
