"""Scheduling meetings, changing and cancelling them, and planning what is sent when."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n.calendar import DateInputError, format_offset, normalize_digits, parse_meeting_time
from bot.services import audit, outbox
from bot.services.actor import is_coordinator
from bot.services.coordination import coordination_chat
from bot.services.errors import DomainError, NotAllowed, NotFound
from bot.services.text import clean_line
from db.models import (
    Meeting,
    MeetingStatus,
    Membership,
    Organization,
    OrgStatus,
    Outbox,
    OutboxStatus,
    Person,
    Rsvp,
    RsvpAnswer,
)

TITLE_LIMIT = 200
VENUE_LIMIT = 300
AGENDA_LIMIT = 1000
CAPACITY_LIMIT = 100_000

INVITATION, REMINDER, NUDGE, UPDATE, CANCELLATION, PROMOTION = (
    "invitation",
    "reminder",
    "nudge",
    "update",
    "cancellation",
    "promotion",
)
GROUP = "group"  # a notice to the coordination group


@dataclass(frozen=True)
class DeliveryPlan:
    """When invitations, reminders and nudges go out, relative to the meeting."""

    invitation_lead: timedelta = timedelta(days=7)
    reminders: Sequence[timedelta] = (timedelta(days=1), timedelta(hours=2))
    nudge: timedelta | None = timedelta(days=3)


@dataclass(frozen=True)
class Draft:
    """A meeting as the coordinator described it, already checked."""

    title: str
    starts_at: datetime
    timezone: str
    venue: str
    agenda: str | None = None
    capacity: int | None = None
    rsvp_deadline: datetime | None = None

    def as_meeting(self) -> Meeting:
        """An unsaved meeting with these details (to preview, or to schedule)."""
        return Meeting(
            title=self.title,
            starts_at=self.starts_at,
            timezone=self.timezone,
            venue=self.venue,
            agenda=self.agenda,
            capacity=self.capacity,
            rsvp_deadline=self.rsvp_deadline,
            status=MeetingStatus.SCHEDULED,
            revision=0,
        )


@dataclass(frozen=True)
class Change:
    """What an edit changes; None leaves a field as it is."""

    starts_at: datetime | None = None
    venue: str | None = None
    agenda: str | None = None
    capacity: int | None = None
    clear_capacity: bool = False
    fields: tuple[str, ...] = field(default_factory=tuple)


# --- reading what the coordinator typed -------------------------------------------------


def clean_title(text: str | None) -> str:
    return clean_line(text, limit=TITLE_LIMIT)


def clean_venue(text: str | None) -> str:
    return clean_line(text, limit=VENUE_LIMIT)


def clean_agenda(text: str | None) -> str:
    value = (text or "").strip()
    if not value:
        raise DomainError("error-empty")
    if len(value) > AGENDA_LIMIT:
        raise DomainError("error-too-long", limit=AGENDA_LIMIT, length=len(value))
    return value


def parse_when(text: str, tz: str, now: datetime) -> datetime:
    """A meeting time typed as `2026-12-21 14:00` or Solar Hijri `1405-09-30 14:00`."""
    try:
        return parse_meeting_time(text, tz, now)
    except DateInputError as error:
        raise DomainError(f"date-{error.reason}", text=text.strip()[:40]) from None


def parse_capacity(text: str) -> int:
    """A positive whole number of seats."""
    value = normalize_digits(text).strip()
    # ASCII digits only: str.isdigit() also accepts "²", which int() then refuses.
    if not (value.isascii() and value.isdigit()):
        raise DomainError("meeting-capacity-invalid", text=text.strip()[:20])
    seats = int(value)
    if seats < 1 or seats > CAPACITY_LIMIT:
        raise DomainError("meeting-capacity-invalid", text=text.strip()[:20])
    return seats


def parse_deadline(text: str, tz: str, now: datetime, starts_at: datetime) -> datetime:
    """An RSVP deadline: in the future and no later than the meeting."""
    deadline = parse_when(text, tz, now)
    if deadline > starts_at:
        raise DomainError("meeting-deadline-after-start")
    return deadline


# --- scheduling --------------------------------------------------------------------------


def _require_coordinator(actor: Person, coordinators: Collection[int]) -> None:
    if not is_coordinator(actor, coordinators):
        raise NotAllowed("error-coordinators-only")


async def schedule(
    session: AsyncSession,
    clock: Clock,
    actor: Person | None,
    coordinators: Collection[int],
    draft: Draft,
    plan: DeliveryPlan,
    *,
    series_id: int | None = None,
) -> Meeting:
    """Put a meeting on the calendar and plan its invitations and reminders."""
    if actor is not None:
        _require_coordinator(actor, coordinators)
    if draft.starts_at <= clock.now():
        raise DomainError("date-past", text="")
    meeting = draft.as_meeting()
    meeting.series_id = series_id
    meeting.created_by_id = actor.id if actor else None
    meeting.created_at = clock.now()
    session.add(meeting)
    await session.flush()
    await plan_deliveries(session, clock, meeting, plan)
    await tell_group(session, clock, meeting, "scheduled")
    audit.record(session, clock, actor, "meeting.scheduled", "meeting", meeting.id)
    return meeting


async def plan_deliveries(
    session: AsyncSession, clock: Clock, meeting: Meeting, plan: DeliveryPlan
) -> None:
    """Write the fan-out rows for this revision of the meeting: invitations, reminders, nudge."""
    now, start, rev = clock.now(), meeting.starts_at, meeting.revision
    if meeting.invited_at is None:
        await outbox.enqueue(
            session,
            clock,
            kind=INVITATION,
            fanout=True,
            meeting_id=meeting.id,
            dedupe_key=f"{INVITATION}s:m{meeting.id}:r{rev}",
            # At once if the meeting is sooner than the lead.
            due_at=max(now, start - plan.invitation_lead),
            not_after=start,
        )
    for offset in plan.reminders:
        due = start - offset
        if due <= now:
            continue  # the meeting is sooner than this reminder; the invitation says it all
        label = format_offset(offset)
        await outbox.enqueue(
            session,
            clock,
            kind=REMINDER,
            fanout=True,
            meeting_id=meeting.id,
            dedupe_key=f"{REMINDER}s:m{meeting.id}:r{rev}:{label}",
            due_at=due,
            not_after=start,
            payload={"offset": label},
        )
    if plan.nudge is not None:
        due = start - plan.nudge
        latest = min(start, meeting.rsvp_deadline or start)
        invitations_due = max(now, start - plan.invitation_lead)
        # A nudge before the invitation would reach nobody (nobody is invited yet).
        if now < due < latest and due > invitations_due:
            await outbox.enqueue(
                session,
                clock,
                kind=NUDGE,
                fanout=True,
                meeting_id=meeting.id,
                dedupe_key=f"{NUDGE}s:m{meeting.id}:r{rev}",
                due_at=due,
                not_after=latest,
            )


async def _tell_invited(
    session: AsyncSession,
    clock: Clock,
    meeting: Meeting,
    kind: str,
    dedupe_key: str,
    payload: dict[str, Any] | None = None,
) -> None:
    """A fan-out to everyone invited, now; before the invitations went out there is nobody."""
    if meeting.invited_at is None:
        return
    await outbox.enqueue(
        session,
        clock,
        kind=kind,
        fanout=True,
        meeting_id=meeting.id,
        dedupe_key=dedupe_key,
        due_at=clock.now(),
        not_after=meeting.starts_at,
        payload=payload,
    )


async def message_person(
    session: AsyncSession, clock: Clock, meeting: Meeting, person: Person, kind: str, key: str
) -> bool:
    """One message about the meeting to one person, now, useful until the meeting starts."""
    return await outbox.enqueue(
        session,
        clock,
        kind=kind,
        meeting_id=meeting.id,
        person_id=person.id,
        chat_id=person.tg_user_id,
        dedupe_key=key,
        due_at=clock.now(),
        not_after=meeting.starts_at,
    )


async def tell_group(session: AsyncSession, clock: Clock, meeting: Meeting, event: str) -> None:
    """Post a notice for everyone to the coordination group, if one is bound."""
    chat = await coordination_chat(session)
    if chat is None:
        return
    await outbox.enqueue(
        session,
        clock,
        kind=GROUP,
        meeting_id=meeting.id,
        chat_id=chat.tg_chat_id,
        dedupe_key=f"{GROUP}:m{meeting.id}:r{meeting.revision}:{event}",
        due_at=clock.now(),
        payload={"event": event},
    )


async def get(session: AsyncSession, meeting_id: int) -> Meeting:
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("error-stale-button")
    return meeting


async def lock(session: AsyncSession, meeting_id: int) -> Meeting:
    """The meeting, locked until the transaction ends, so seat counts cannot race."""
    meeting = (
        await session.execute(
            select(Meeting)
            .where(Meeting.id == meeting_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).scalar_one_or_none()
    if meeting is None:
        raise NotFound("error-stale-button")
    return meeting


def ensure_open(meeting: Meeting, now: datetime) -> None:
    """Refuse changes to a cancelled meeting or one that already started."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError("meeting-is-cancelled", title=meeting.title)
    if meeting.starts_at <= now:
        raise DomainError("meeting-is-past", title=meeting.title)


async def upcoming(session: AsyncSession, clock: Clock, *, limit: int = 10) -> list[Meeting]:
    """Scheduled meetings that have not started, soonest first."""
    result = await session.execute(
        select(Meeting)
        .where(Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at > clock.now())
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(limit)
    )
    return list(result.scalars())


async def edit(
    session: AsyncSession,
    clock: Clock,
    actor: Person,
    coordinators: Collection[int],
    meeting_id: int,
    change: Change,
    plan: DeliveryPlan,
) -> tuple[Meeting, list[Person]]:
    """Change a meeting and tell everyone invited; returns people promoted from the waitlist."""
    _require_coordinator(actor, coordinators)
    meeting = await lock(session, meeting_id)
    ensure_open(meeting, clock.now())
    if change.starts_at is not None and change.starts_at <= clock.now():
        raise DomainError("date-past", text="")
    promoted: list[Person] = []
    if change.starts_at is not None and change.starts_at != meeting.starts_at:
        if meeting.rsvp_deadline is not None and meeting.rsvp_deadline > change.starts_at:
            meeting.rsvp_deadline = change.starts_at
        meeting.starts_at = change.starts_at
    if change.venue is not None:
        meeting.venue = change.venue
    if change.agenda is not None:
        meeting.agenda = change.agenda
    if change.clear_capacity:
        meeting.capacity = None
    elif change.capacity is not None:
        meeting.capacity = change.capacity
    meeting.revision += 1
    await session.flush()
    if change.starts_at is not None:
        # Reminders and nudges planned for the old time would now come at the wrong moment.
        # Once invitations fanned out, those still waiting to be sent (a retry, a latecomer)
        # stay: they are rendered with the new time, and nothing else would invite them.
        stale = (
            [REMINDER, NUDGE] if meeting.invited_at is not None else [INVITATION, REMINDER, NUDGE]
        )
        await outbox.skip_pending(session, meeting.id, stale, reason="meeting time changed")
        await outbox.move_deadline(session, meeting.id, meeting.starts_at)
        await plan_deliveries(session, clock, meeting, plan)
    if change.capacity is not None or change.clear_capacity:
        from bot.services.rsvp import fill_free_seats

        promoted = await fill_free_seats(session, clock, meeting)
    await _tell_invited(
        session,
        clock,
        meeting,
        UPDATE,
        f"{UPDATE}s:m{meeting.id}:r{meeting.revision}",
        {"fields": list(change.fields)},
    )
    await tell_group(session, clock, meeting, "changed")
    audit.record(
        session, clock, actor, "meeting.edited", "meeting", meeting.id, fields=list(change.fields)
    )
    return meeting, promoted


async def cancel(
    session: AsyncSession,
    clock: Clock,
    actor: Person,
    coordinators: Collection[int],
    meeting_id: int,
) -> Meeting:
    """Cancel a meeting; everyone invited is told, and nothing else is sent for it."""
    _require_coordinator(actor, coordinators)
    meeting = await lock(session, meeting_id)
    ensure_open(meeting, clock.now())
    meeting.status = MeetingStatus.CANCELLED
    meeting.revision += 1
    await outbox.skip_pending(
        session,
        meeting.id,
        [INVITATION, REMINDER, NUDGE, UPDATE, PROMOTION],
        reason="meeting cancelled",
    )
    await _tell_invited(session, clock, meeting, CANCELLATION, f"{CANCELLATION}s:m{meeting.id}")
    await tell_group(session, clock, meeting, "cancelled")
    audit.record(session, clock, actor, "meeting.cancelled", "meeting", meeting.id)
    return meeting


# --- who gets what -------------------------------------------------------------------------


def _members_of_approved_orgs() -> Any:
    return (
        select(Membership.person_id)
        .join(Organization, Organization.id == Membership.organization_id)
        .where(Organization.status == OrgStatus.APPROVED)
    )


async def is_invited(session: AsyncSession, person: Person) -> bool:
    """Members of approved organizations are invited to every meeting."""
    found = await session.execute(
        select(exists(_members_of_approved_orgs().where(Membership.person_id == person.id)))
    )
    return bool(found.scalar())


def _invited_people(meeting_id: int) -> Any:
    """People who have (or may have) the invitation, and anyone who answered.

    An invitation still waiting to be sent needs no update: it is written when it goes out.
    One being sent right now may have arrived, so it counts.
    """
    invited = select(Outbox.person_id).where(
        Outbox.meeting_id == meeting_id,
        Outbox.kind == INVITATION,
        Outbox.fanout.is_(False),
        Outbox.status.in_([OutboxStatus.SENT, OutboxStatus.SENDING]),
    )
    answered = select(Rsvp.person_id).where(Rsvp.meeting_id == meeting_id)
    return invited.union(answered)


async def recipients(session: AsyncSession, row: Outbox) -> list[Person]:
    """Who a fan-out row expands to, decided when it comes due."""
    meeting_id = row.meeting_id
    query = select(Person)
    if row.kind == INVITATION:
        query = query.where(Person.id.in_(_members_of_approved_orgs()))
    elif row.kind == REMINDER:
        query = query.where(
            Person.id.in_(
                select(Rsvp.person_id).where(
                    Rsvp.meeting_id == meeting_id,
                    Rsvp.answer.in_([RsvpAnswer.GOING, RsvpAnswer.MAYBE]),
                )
            )
        )
    elif row.kind == NUDGE:
        answered = select(Rsvp.person_id).where(Rsvp.meeting_id == meeting_id)
        query = query.where(
            Person.id.in_(_invited_people(row.meeting_id or 0)), Person.id.not_in(answered)
        )
    elif row.kind in (UPDATE, CANCELLATION):
        query = query.where(Person.id.in_(_invited_people(row.meeting_id or 0)))
    else:
        raise ValueError(f"no fan-out for {row.kind!r}")
    return list((await session.execute(query.order_by(Person.id))).scalars())


def person_key(row: Outbox, person: Person) -> str:
    """The dedupe key of one recipient's copy of a fan-out row."""
    if row.kind in (INVITATION, CANCELLATION):
        # One invitation and one cancellation per person and meeting, whatever the revision.
        return f"{row.kind}:m{row.meeting_id}:p{person.id}"
    stem = row.dedupe_key.split(":", 1)[1]
    return f"{row.kind}:{stem}:p{person.id}"


async def expand(session: AsyncSession, clock: Clock, row: Outbox) -> int:
    """Turn a due fan-out row into one row per recipient, in the same transaction."""
    now = clock.now()
    if row.not_after is not None and now >= row.not_after:
        await outbox.finish(session, clock, row.id, outbox.Outcome(OutboxStatus.SKIPPED, "stale"))
        return 0
    # Locked while the recipients are read: someone joining right now either is already a
    # member when they are read, or finds the meeting invited and is invited on joining.
    meeting = await lock(session, row.meeting_id) if row.meeting_id else None
    if (
        meeting is not None
        and meeting.status == MeetingStatus.CANCELLED
        and row.kind != CANCELLATION
    ):
        await outbox.finish(
            session, clock, row.id, outbox.Outcome(OutboxStatus.SKIPPED, "meeting cancelled")
        )
        return 0
    people = await recipients(session, row)
    created = await outbox.enqueue_many(
        session,
        clock,
        [
            {
                "kind": row.kind,
                "meeting_id": row.meeting_id,
                "person_id": person.id,
                "chat_id": person.tg_user_id,
                "dedupe_key": person_key(row, person),
                "due_at": now,
                "not_after": row.not_after,
                "payload": row.payload,
                # Known to have blocked the bot: counted, not tried.
                "status": OutboxStatus.PENDING if person.reachable else OutboxStatus.UNREACHABLE,
            }
            for person in people
        ],
    )
    if row.kind == INVITATION and meeting is not None and meeting.invited_at is None:
        meeting.invited_at = now
    await outbox.finish(session, clock, row.id, outbox.Outcome(OutboxStatus.SENT))
    return created


async def invite_latecomer(session: AsyncSession, clock: Clock, person: Person) -> int:
    """Someone joined after invitations went out: invite them to those meetings now."""
    # FOR SHARE waits for a fan-out in progress (see expand) to finish.
    upcoming_meetings = select(Meeting.id).where(
        Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at > clock.now()
    )
    await session.execute(upcoming_meetings.with_for_update(read=True))
    meetings = await session.execute(
        select(Meeting)
        .where(Meeting.id.in_(upcoming_meetings), Meeting.invited_at.is_not(None))
        .execution_options(populate_existing=True)
    )
    created = 0
    for meeting in meetings.scalars():
        key = f"{INVITATION}:m{meeting.id}:p{person.id}"
        created += await message_person(session, clock, meeting, person, INVITATION, key)
    return created


async def count_invitable(session: AsyncSession) -> int:
    return (
        await session.execute(
            select(func.count()).select_from(
                select(Person.id).where(Person.id.in_(_members_of_approved_orgs())).subquery()
            )
        )
    ).scalar_one()
