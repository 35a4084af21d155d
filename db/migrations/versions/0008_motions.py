"""motions and their ballots

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def upgrade() -> None:
    op.create_table(
        "motion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=300), nullable=False),
        sa.Column("options", sa.JSON(none_as_null=True), nullable=True),
        sa.Column(
            "voters", _enum("motion_voters", "per_member", "per_organization"), nullable=False
        ),
        sa.Column("secret", sa.Boolean(), nullable=False),
        sa.Column("quorum_percent", sa.Integer(), nullable=False),
        sa.Column("opens_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", _enum("motion_status", "open", "closed"), nullable=False),
        sa.Column("result_posted", sa.Boolean(), nullable=False),
        sa.Column("result_posted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "quorum_percent BETWEEN 0 AND 100", name=op.f("ck_motion_quorum_is_a_percentage")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_motion_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["person.id"],
            name=op.f("fk_motion_created_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_motion")),
    )
    with op.batch_alter_table("motion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_motion_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_motion_closes_at"), ["closes_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_motion_status"), ["status"], unique=False)
    op.create_table(
        "ballot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("motion_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("option", sa.Integer(), nullable=False),
        sa.Column("cast_by_id", sa.Integer(), nullable=True),
        sa.Column("by_proxy", sa.Boolean(), nullable=False),
        sa.Column("cast_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(person_id IS NULL) <> (organization_id IS NULL)",
            name=op.f("ck_ballot_one_kind_of_voter"),
        ),
        sa.ForeignKeyConstraint(
            ["motion_id"],
            ["motion.id"],
            name=op.f("fk_ballot_motion_id_motion"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_ballot_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_ballot_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["cast_by_id"],
            ["person.id"],
            name=op.f("fk_ballot_cast_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot")),
        sa.UniqueConstraint("motion_id", "person_id", name="uq_ballot_motion_person"),
        sa.UniqueConstraint("motion_id", "organization_id", name="uq_ballot_motion_organization"),
    )


def downgrade() -> None:
    op.drop_table("ballot")
    with op.batch_alter_table("motion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_motion_status"))
        batch_op.drop_index(batch_op.f("ix_motion_closes_at"))
        batch_op.drop_index(batch_op.f("ix_motion_meeting_id"))
    op.drop_table("motion")
