"""foundation: people, organizations, members, invites, audit

Revision ID: 0001
Revises:
Create Date: 2026-11-28 03:32:33.208092
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("person",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("tg_user_id", sa.BigInteger(), nullable=False),
    sa.Column("first_name", sa.String(length=255), nullable=False),
    sa.Column("last_name", sa.String(length=255), nullable=True),
    sa.Column("username", sa.String(length=64), nullable=True),
    sa.Column("language", sa.String(length=5), nullable=True),
    sa.Column("reachable", sa.Boolean(), nullable=False),
    sa.Column("is_coordinator", sa.Boolean(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    sa.UniqueConstraint("tg_user_id", name=op.f("uq_person_tg_user_id"))
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_username"), ["username"], unique=False)

    op.create_table("audit_log",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor_id", sa.Integer(), nullable=True),
    sa.Column("action", sa.String(length=50), nullable=False),
    sa.Column("subject_type", sa.String(length=30), nullable=False),
    sa.Column("subject_id", sa.Integer(), nullable=True),
    sa.Column("details", sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(["actor_id"], ["person.id"], name=op.f("fk_audit_log_actor_id_person")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log"))
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)

    op.create_table("coordination_chat",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("tg_chat_id", sa.BigInteger(), nullable=False),
    sa.Column("title", sa.String(length=255), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("bound_by_id", sa.Integer(), nullable=False),
    sa.Column("bound_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["bound_by_id"], ["person.id"], name=op.f("fk_coordination_chat_bound_by_id_person")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_coordination_chat")),
    sa.UniqueConstraint("tg_chat_id", name=op.f("uq_coordination_chat_tg_chat_id"))
    )
    with op.batch_alter_table("coordination_chat", schema=None) as batch_op:
        batch_op.create_index("uq_coordination_chat_active", ["active"], unique=True, sqlite_where=sa.text("active"), postgresql_where=sa.text("active"))

    op.create_table("dialog",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("person_id", sa.Integer(), nullable=False),
    sa.Column("flow", sa.String(length=30), nullable=False),
    sa.Column("step", sa.String(length=30), nullable=False),
    sa.Column("data", sa.JSON(), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_dialog_person_id_person"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_dialog")),
    sa.UniqueConstraint("person_id", name=op.f("uq_dialog_person_id"))
    )
    op.create_table("organization",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=100), nullable=False),
    sa.Column("name_key", sa.String(length=400), nullable=False),
    sa.Column("kind", sa.Enum("ngo", "media", "university", "union", "other", name="org_kind", native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column("province", sa.String(length=100), nullable=False),
    sa.Column("district", sa.String(length=100), nullable=False),
    sa.Column("focus", sa.String(length=300), nullable=False),
    sa.Column("contact", sa.String(length=200), nullable=True),
    sa.Column("status", sa.Enum("pending", "approved", "rejected", "suspended", name="org_status", native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column("rejection_reason", sa.Text(), nullable=True),
    sa.Column("registered_by_id", sa.Integer(), nullable=False),
    sa.Column("decided_by_id", sa.Integer(), nullable=True),
    sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["decided_by_id"], ["person.id"], name=op.f("fk_organization_decided_by_id_person")),
    sa.ForeignKeyConstraint(["registered_by_id"], ["person.id"], name=op.f("fk_organization_registered_by_id_person")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_organization"))
    )
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organization_status"), ["status"], unique=False)
        batch_op.create_index("uq_organization_name_key_active", ["name_key"], unique=True, sqlite_where=sa.text("status != 'rejected'"), postgresql_where=sa.text("status != 'rejected'"))

    op.create_table("invite_code",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("organization_id", sa.Integer(), nullable=False),
    sa.Column("code", sa.String(length=32), nullable=False),
    sa.Column("created_by_id", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(["created_by_id"], ["person.id"], name=op.f("fk_invite_code_created_by_id_person")),
    sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], name=op.f("fk_invite_code_organization_id_organization"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_invite_code")),
    sa.UniqueConstraint("code", name=op.f("uq_invite_code_code"))
    )
    with op.batch_alter_table("invite_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invite_code_organization_id"), ["organization_id"], unique=False)

    op.create_table("membership",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("person_id", sa.Integer(), nullable=False),
    sa.Column("organization_id", sa.Integer(), nullable=False),
    sa.Column("role", sa.Enum("member", "admin", name="member_role", native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column("is_delegate", sa.Boolean(), nullable=False),
    sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], name=op.f("fk_membership_organization_id_organization"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_membership_person_id_person"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_membership")),
    sa.UniqueConstraint("person_id", "organization_id", name="uq_membership_person_org")
    )
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_membership_organization_id"), ["organization_id"], unique=False)
        batch_op.create_index("uq_membership_delegate", ["organization_id"], unique=True, sqlite_where=sa.text("is_delegate"), postgresql_where=sa.text("is_delegate"))



def downgrade() -> None:
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.drop_index("uq_membership_delegate", sqlite_where=sa.text("is_delegate"), postgresql_where=sa.text("is_delegate"))
        batch_op.drop_index(batch_op.f("ix_membership_organization_id"))

    op.drop_table("membership")
    with op.batch_alter_table("invite_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invite_code_organization_id"))

    op.drop_table("invite_code")
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_index("uq_organization_name_key_active", sqlite_where=sa.text("status != 'rejected'"), postgresql_where=sa.text("status != 'rejected'"))
        batch_op.drop_index(batch_op.f("ix_organization_status"))

    op.drop_table("organization")
    op.drop_table("dialog")
    with op.batch_alter_table("coordination_chat", schema=None) as batch_op:
        batch_op.drop_index("uq_coordination_chat_active", sqlite_where=sa.text("active"), postgresql_where=sa.text("active"))

    op.drop_table("coordination_chat")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_username"))

    op.drop_table("person")
