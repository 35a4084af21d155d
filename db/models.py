"""Typed SQLAlchemy models: the nouns of Shura."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on every database; SQLite would otherwise hand back naive ones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store aware UTC datetimes only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so migrations name constraints alike."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
    }


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    """A portable enum column: VARCHAR plus a CHECK constraint, on SQLite and PostgreSQL."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [member.value for member in members],
    )


class OrgKind(enum.StrEnum):
    NGO = "ngo"
    MEDIA = "media"
    UNIVERSITY = "university"
    UNION = "union"
    OTHER = "other"


class OrgStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class MemberRole(enum.StrEnum):
    MEMBER = "member"
    ADMIN = "admin"


class Person(Base):
    """Someone who has talked to the bot."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    tg_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    first_name: Mapped[str] = mapped_column(String(255))
    last_name: Mapped[str | None] = mapped_column(String(255))
    username: Mapped[str | None] = mapped_column(String(64), index=True)
    # None until the person picks one; until then Telegram's hint or the default is used.
    language: Mapped[str | None] = mapped_column(String(5))
    reachable: Mapped[bool] = mapped_column(Boolean, default=True)
    # Promoted by a coordinator; those named in SHURA_COORDINATORS need no flag.
    is_coordinator: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name, self.username, self.tg_user_id)


def display_name(
    first_name: str | None, last_name: str | None, username: str | None, tg_user_id: int
) -> str:
    """How a person is named: their names, else @username, else their Telegram id; from the
    columns alone, for a list of thousands read without loading whole rows."""
    name = " ".join(part for part in (first_name, last_name) if part)
    return name or (f"@{username}" if username else str(tg_user_id))


class Organization(Base):
    """A member organization of the network."""

    __tablename__ = "organization"
    __table_args__ = (
        # A rejected organization frees its name for a corrected application.
        Index(
            "uq_organization_name_key_active",
            "name_key",
            unique=True,
            sqlite_where=text("status != 'rejected'"),
            postgresql_where=text("status != 'rejected'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(400))
    kind: Mapped[OrgKind] = mapped_column(_enum(OrgKind, "org_kind"))
    province: Mapped[str] = mapped_column(String(100))
    district: Mapped[str] = mapped_column(String(100))
    focus: Mapped[str] = mapped_column(String(300))
    contact: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[OrgStatus] = mapped_column(_enum(OrgStatus, "org_status"), index=True)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    registered_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    registered_by: Mapped[Person] = relationship(foreign_keys=[registered_by_id])
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organization", cascade="all, delete-orphan"
    )


class Membership(Base):
    """A person's place in an organization."""

    __tablename__ = "membership"
    __table_args__ = (
        UniqueConstraint("person_id", "organization_id", name="uq_membership_person_org"),
        # One delegate per organization.
        Index(
            "uq_membership_delegate",
            "organization_id",
            unique=True,
            sqlite_where=text("is_delegate"),
            postgresql_where=text("is_delegate"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[MemberRole] = mapped_column(_enum(MemberRole, "member_role"))
    is_delegate: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_at: Mapped[datetime]

    person: Mapped[Person] = relationship(back_populates="memberships")
    organization: Mapped[Organization] = relationship(back_populates="memberships")


class InviteCode(Base):
    """The code in an organization's invite link; a new one revokes the old."""

    __tablename__ = "invite_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(32), unique=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]

    organization: Mapped[Organization] = relationship()


class CoordinationChat(Base):
    """The Telegram group that receives summaries and notices."""

    __tablename__ = "coordination_chat"
    __table_args__ = (
        # At most one group is the coordination group at a time.
        Index(
            "uq_coordination_chat_active",
            "active",
            unique=True,
            sqlite_where=text("active"),
            postgresql_where=text("active"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tg_chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    title: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    bound_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    bound_at: Mapped[datetime]


class AuditLog(Base):
    """Who did what, when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    action: Mapped[str] = mapped_column(String(50))
    subject_type: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Dialog(Base):
    """A half-finished conversation (registering, giving a reason), kept across restarts."""

    __tablename__ = "dialog"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    flow: Mapped[str] = mapped_column(String(30))
    step: Mapped[str] = mapped_column(String(30))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]


class MeetingStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class RsvpAnswer(enum.StrEnum):
    GOING = "going"
    MAYBE = "maybe"
    DECLINED = "declined"


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    SKIPPED = "skipped"  # no longer useful when it came due (meeting started, answer changed)
    UNREACHABLE = "unreachable"  # blocked the bot or never started it
    FAILED = "failed"  # gave up after retries: a dead letter for the coordinators to see


class MeetingSeries(Base):
    """A monthly rule such as "third Monday at 14:00 Asia/Kabul" that creates meetings."""

    __tablename__ = "meeting_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    # 1..4 for first..fourth, -1 for the last such weekday of the month.
    week: Mapped[int] = mapped_column(Integer)
    weekday: Mapped[int] = mapped_column(Integer)  # Monday is 0, as datetime.weekday()
    hour: Mapped[int] = mapped_column(Integer)
    minute: Mapped[int] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(64))
    # Whose months: "gregorian" or "solar_hijri" (Hamal, Sawr, …).
    calendar: Mapped[str] = mapped_column(
        String(20), default="gregorian", server_default="gregorian"
    )
    title: Mapped[str] = mapped_column(String(200))
    venue: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime]
    stopped_at: Mapped[datetime | None]


class Meeting(Base):
    """One coordination meeting."""

    __tablename__ = "meeting"
    __table_args__ = (
        # A series creates each of its meetings once, however often the roll-over runs.
        UniqueConstraint("series_id", "starts_at", name="uq_meeting_series_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    timezone: Mapped[str] = mapped_column(String(64))
    venue: Mapped[str] = mapped_column(String(300))
    # Where the venue is on the map, when the coordinator shared it: sent as a venue message.
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    agenda: Mapped[str | None] = mapped_column(Text)
    capacity: Mapped[int | None] = mapped_column(Integer)
    rsvp_deadline: Mapped[datetime | None]
    status: Mapped[MeetingStatus] = mapped_column(_enum(MeetingStatus, "meeting_status"))
    series_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_series.id"))
    # Bumped on every change people are told about; calendar files carry it as SEQUENCE.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    # When the invitations fanned out: people who join later are invited on joining.
    invited_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime]
    # When voting on its agenda closed and the most-dotted concerns were stored (AgendaItem).
    agenda_frozen_at: Mapped[datetime | None]
    # The code attendees send (or scan) to check in; made when a coordinator opens check-in.
    checkin_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    # When the outcome summary was queued for the coordination group: it is posted once.
    summary_queued_at: Mapped[datetime | None]


class Rsvp(Base):
    """A person's answer to a meeting invitation, and their place on the waitlist."""

    __tablename__ = "rsvp"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id", name="uq_rsvp_meeting_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    answer: Mapped[RsvpAnswer] = mapped_column(_enum(RsvpAnswer, "rsvp_answer"))
    # Going, but the meeting is full: waiting for a seat, in order of `going_since`.
    waitlisted: Mapped[bool] = mapped_column(Boolean, default=False)
    going_since: Mapped[datetime | None]
    answered_at: Mapped[datetime]
    # With Can't go, a line for the organizers; cleared when the answer changes.
    note: Mapped[str | None] = mapped_column(String(200))

    person: Mapped[Person] = relationship()


class MeetingCard(Base):
    """The message holding a person's live card of a meeting: edited when the meeting changes.

    One per person and meeting; a newer card (a reminder, /next) takes its place, and the
    older message loses its buttons.
    """

    __tablename__ = "meeting_card"
    __table_args__ = (
        UniqueConstraint("meeting_id", "person_id", name="uq_meeting_card_meeting_person"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    sent_at: Mapped[datetime]


class Outbox(Base):
    """A message the bot has decided to send: durable until it is sent or given up."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # e.g. invitation, reminder, nudge, update, cancellation, promotion, broadcast; a fan-out row
    # (person_id NULL) expands into one row per recipient when it comes due.
    kind: Mapped[str] = mapped_column(String(30))
    fanout: Mapped[bool] = mapped_column(Boolean, default=False)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    # The broadcast a row delivers, so its progress can be counted.
    broadcast_id: Mapped[int | None] = mapped_column(
        ForeignKey("broadcast.id", ondelete="CASCADE"), index=True
    )
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    dedupe_key: Mapped[str] = mapped_column(String(160), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    due_at: Mapped[datetime]
    # Past this instant the message is useless (the meeting started): skipped, not sent late.
    not_after: Mapped[datetime | None]
    status: Mapped[OutboxStatus] = mapped_column(_enum(OutboxStatus, "outbox_status"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    claimed_at: Mapped[datetime | None]
    # The process sending it (bot_process.name) and until when the row is its own: only that
    # process records the result, and another takes the row back after the lease, or at once
    # when the owner is known dead.
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    lease_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    tg_message_id: Mapped[int | None] = mapped_column(BigInteger)
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime]


class IncomingUpdate(Base):
    """An update from Telegram, stored before it is confirmed, so a crash cannot lose it."""

    __tablename__ = "incoming_update"
    # The few kept edits among two days of handled updates, by the message they replace.
    __table_args__ = (
        Index(
            "ix_incoming_update_kept_edit",
            "edits_chat_id",
            "edits_message_id",
            sqlite_where=text("edit IS NOT NULL"),
            postgresql_where=text("edit IS NOT NULL"),
        ),
    )

    # Telegram's own id: a resent update (unconfirmed before a crash) finds its row.
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # The update as Telegram sent it; dropped once handled (it holds what people typed).
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    received_at: Mapped[datetime]
    handled_at: Mapped[datetime | None] = mapped_column(index=True)
    # The replies its handling decided, committed with it and dropped once shown: a crash in
    # between shows them at the next start. New messages, then the edit of the message
    # pressed (the card), with which message that is.
    replies: Mapped[list[Any] | None] = mapped_column(JSON(none_as_null=True))
    edit: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    edits_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    edits_message_id: Mapped[int | None] = mapped_column(BigInteger)


class ConcernTopic(enum.StrEnum):
    COORDINATION = "coordination"
    SECURITY = "security"
    FUNDING = "funding"
    MEDIA = "media"
    CAPACITY = "capacity"
    OTHER = "other"


class ConcernKind(enum.StrEnum):
    TEXT = "text"
    VOICE = "voice"
    PHOTO = "photo"


class ConcernStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    MERGED = "merged"
    REJECTED = "rejected"


class Concern(Base):
    """Something a member wants the meeting to discuss; shown to people as `#<id>`.

    An anonymous concern has no author here, ever: who sent it lives only in `ConcernSender`,
    which is deleted after the meeting (see `SHURA_CONCERN_LINK_RETENTION`).
    """

    __tablename__ = "concern"
    __table_args__ = (
        CheckConstraint("NOT anonymous OR author_id IS NULL", name="anonymous_has_no_author"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The meeting it is raised for; None when none was scheduled when it was sent.
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), index=True
    )
    topic: Mapped[ConcernTopic] = mapped_column(_enum(ConcernTopic, "concern_topic"))
    kind: Mapped[ConcernKind] = mapped_column(_enum(ConcernKind, "concern_kind"))
    # The text, or a photo's caption; at most 1,000 characters.
    text: Mapped[str | None] = mapped_column(String(1000))
    # A voice note's or photo's Telegram file id: the bot never downloads the file.
    file_id: Mapped[str | None] = mapped_column(String(255))
    anonymous: Mapped[bool] = mapped_column(Boolean)
    # Named concerns only: shown to coordinators, kept after the sender link goes.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[ConcernStatus] = mapped_column(
        _enum(ConcernStatus, "concern_status"), index=True
    )
    rejection_reason: Mapped[str | None] = mapped_column(String(500))
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("concern.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]


class ConcernSender(Base):
    """Who sent a concern, kept only to list it in /myconcerns and to tell them the decision."""

    __tablename__ = "concern_sender"

    concern_id: Mapped[int] = mapped_column(
        ForeignKey("concern.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)


class AgendaVote(Base):
    """A member's dot on a concern: the most-dotted concerns lead the agenda."""

    __tablename__ = "agenda_vote"
    __table_args__ = (
        UniqueConstraint("person_id", "concern_id", name="uq_agenda_vote_person_concern"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    concern_id: Mapped[int] = mapped_column(
        ForeignKey("concern.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime]


class AgendaItem(Base):
    """One concern on a meeting's agenda as it stood when voting closed, in its place."""

    __tablename__ = "agenda_item"
    __table_args__ = (
        UniqueConstraint("meeting_id", "rank", name="uq_agenda_item_meeting_rank"),
        UniqueConstraint("meeting_id", "concern_id", name="uq_agenda_item_meeting_concern"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    concern_id: Mapped[int] = mapped_column(
        ForeignKey("concern.id", ondelete="CASCADE"), index=True
    )
    rank: Mapped[int] = mapped_column(Integer)
    dots: Mapped[int] = mapped_column(Integer)


class MotionVoters(enum.StrEnum):
    MEMBER = "per_member"  # each member of an approved organization votes
    ORGANIZATION = "per_organization"  # each approved organization votes through its delegate


class MotionStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Motion(Base):
    """A question the network decides by ballot, tied to a meeting."""

    __tablename__ = "motion"
    __table_args__ = (
        CheckConstraint("quorum_percent BETWEEN 0 AND 100", name="quorum_is_a_percentage"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(String(300))
    # The coordinator's own options; None for the standard Yes / No / Abstain, which are
    # shown in each reader's language.
    options: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))
    voters: Mapped[MotionVoters] = mapped_column(_enum(MotionVoters, "motion_voters"))
    # Secret: only the totals are ever shown, to anyone.
    secret: Mapped[bool] = mapped_column(Boolean)
    # The share of eligible voters (members or organizations) who must vote, in percent.
    quorum_percent: Mapped[int] = mapped_column(Integer)
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime] = mapped_column(index=True)
    status: Mapped[MotionStatus] = mapped_column(_enum(MotionStatus, "motion_status"), index=True)
    # Set in the same transaction as the result is queued: it is posted once, even across
    # restarts.
    result_posted: Mapped[bool] = mapped_column(Boolean, default=False)
    result_posted_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]


class Ballot(Base):
    """One voter's choice on a motion: a person's, or an organization's (cast by its delegate).

    A per-member ballot names the person, a per-organization ballot the organization; the
    unique constraints keep one ballot per voter however the taps race.
    """

    __tablename__ = "ballot"
    __table_args__ = (
        UniqueConstraint("motion_id", "person_id", name="uq_ballot_motion_person"),
        UniqueConstraint("motion_id", "organization_id", name="uq_ballot_motion_organization"),
        CheckConstraint(
            "(person_id IS NULL) <> (organization_id IS NULL)", name="one_kind_of_voter"
        ),
        # A motion's ballots counted from the index alone (bot.services.motions.tallies):
        # 100,000 ballots read four times faster on SQLite than from the table.
        Index("ix_ballot_count", "motion_id", "option", "by_proxy", "person_id", "organization_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motion.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE")
    )
    # The index of the chosen option in the motion's options.
    option: Mapped[int] = mapped_column(Integer)
    cast_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    # Recorded by a coordinator for someone without a phone.
    by_proxy: Mapped[bool] = mapped_column(Boolean, default=False)
    cast_at: Mapped[datetime]


class CheckIn(Base):
    """Someone who came to a meeting: checked in by their own code, or by a coordinator.

    A coordinator can check in someone with no phone: a known person, or only a name.
    """

    __tablename__ = "check_in"
    __table_args__ = (
        UniqueConstraint("meeting_id", "person_id", name="uq_check_in_meeting_person"),
        CheckConstraint("(person_id IS NOT NULL) OR (name IS NOT NULL)", name="someone"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    # A walk-in with no Telegram account, as the coordinator wrote the name.
    name: Mapped[str | None] = mapped_column(String(200))
    # The organization they represented when they checked in.
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL")
    )
    # The coordinator who checked them in; None when they checked in themselves.
    by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    checked_in_at: Mapped[datetime]


class OutcomeKind(enum.StrEnum):
    DECISION = "decision"
    ACTION = "action"


class ActionItem(Base):
    """A decision the meeting took, or an action item: what, which organization owns it, when."""

    __tablename__ = "action_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[OutcomeKind] = mapped_column(_enum(OutcomeKind, "outcome_kind"))
    text: Mapped[str] = mapped_column(String(500))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))
    # The day it is due, in the meeting's time zone.
    due_on: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]


class BroadcastStatus(enum.StrEnum):
    DRAFT = "draft"  # previewed, waiting for the coordinator's confirmation
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class Broadcast(Base):
    """A coordinator's notice to an audience, delivered through the outbox."""

    __tablename__ = "broadcast"

    id: Mapped[int] = mapped_column(primary_key=True)
    # everyone, admins, delegates, going, maybe, no_answer, checked_in, organization
    audience: Mapped[str] = mapped_column(String(20))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE")
    )
    # The meeting an answer- or check-in-based audience is taken from.
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    # text, photo or document; a photo or document travels by Telegram file id.
    content_kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str | None] = mapped_column(Text)
    file_id: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[BroadcastStatus] = mapped_column(_enum(BroadcastStatus, "broadcast_status"))
    total: Mapped[int] = mapped_column(Integer, default=0)
    # The coordinator's status message, edited with progress.
    status_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    status_message_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class BotState(Base):
    """What the bot last told Telegram that Telegram keeps (its command menus): a digest per
    thing, so a restart repeats only what changed."""

    __tablename__ = "bot_state"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime]


class ProcessRole(enum.StrEnum):
    STANDBY = "standby"  # waits for the leader's lock
    LEADER = "leader"  # takes the updates, runs the scheduler and the outbox
    STOPPING = "stopping"  # finishing what it holds before it exits


class BotProcess(Base):
    """A running `shura run`: its role, and when it was last seen; for `shura status` and to
    tell a live owner of outbox rows from a dead one."""

    __tablename__ = "bot_process"

    # host:pid:random, unique per run; outbox.claimed_by names it.
    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    host: Mapped[str] = mapped_column(String(100))
    pid: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(10))  # polling or webhook
    role: Mapped[ProcessRole] = mapped_column(_enum(ProcessRole, "process_role"))
    started_at: Mapped[datetime]
    seen_at: Mapped[datetime]
    leader_since: Mapped[datetime | None]
    # When its outbox dispatcher last ran to the end.
    dispatched_at: Mapped[datetime | None]
    # On PostgreSQL, the server session holding its locks: the process is alive while this
    # session is (pg_stat_activity), to the microsecond of its start.
    backend_pid: Mapped[int | None] = mapped_column(Integer)
    backend_start: Mapped[datetime | None]
