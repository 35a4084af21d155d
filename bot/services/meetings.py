"""Scheduling meetings, changing and cancelling them, and planning what is sent when."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n.calendar import DateInputError, format_offset, normalize_digits, parse_meeting_time
from bot.services import audit, delivery, motions, network, outbox
from bot.services.actor import Actor
from bot.services.coordination import coordination_chat
from bot.services.errors import DomainError, NotFound
from bot.services.kinds import Kind
from bot.services.text import clean_line, clean_text
from db.models import (
    Meeting,
    MeetingStatus,
    Person,
)

TITLE_LIMIT = 200
VENUE_LIMIT = 300
AGENDA_LIMIT = 1000
CAPACITY_LIMIT = 100_000
ID_LIMIT = 2**31 - 1  # ids are 32-bit columns

# Short names for the kinds a meeting plans, stops or sends (declared in bot.services.delivery).
INVITATION, REMINDER, NUDGE, UPDATE, CANCELLATION, PROMOTION, GROUP = (
    Kind.INVITATION,
    Kind.REMINDER,
    Kind.NUDGE,
    Kind.CHANGE,
    Kind.CANCELLATION,
    Kind.PROMOTION,
    Kind.GROUP,
)
CARD_EDIT = Kind.CARD_EDIT


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
    latitude: float | None = None
    longitude: float | None = None

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
            latitude=self.latitude,
            longitude=self.longitude,
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
    return clean_text(text, limit=AGENDA_LIMIT)


def parse_when(text: str, tz: str, now: datetime) -> datetime:
    """A meeting time typed as `2026-12-21 14:00`, Solar Hijri `1405-09-30 14:00`, or
    relative to today: `tomorrow 14:00`, «فردا ۱۴:۰۰», `Monday 10:00`."""
    try:
        return parse_meeting_time(text, tz, now)
    except DateInputError as error:
        # Unreadable: the refusal shows every form the parser takes, relative ones too.
        key = "picker-date-format" if error.reason == "format" else f"date-{error.reason}"
        raise DomainError(key, text=text.strip()[:40]) from None


def check_location(latitude: float, longitude: float) -> tuple[float, float]:
    """A point on the map, as Telegram's location messages give it."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise DomainError("picker-location-invalid")
    return latitude, longitude


def invitations_due(meeting: Meeting, plan: DeliveryPlan, now: datetime) -> datetime:
    """When the invitations go out: the lead before the meeting, or now if that has passed."""
    return max(now, meeting.starts_at - plan.invitation_lead)


def parse_capacity(text: str) -> int:
    """A positive whole number of seats."""
    value = normalize_digits(text).strip()
    # ASCII digits only: str.isdigit() also accepts "²", which int() then refuses; and a few
    # of them: int() refuses more than 4,300 digits.
    if not (value.isascii() and value.isdigit() and len(value) <= 9):
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


async def schedule(
    session: AsyncSession,
    clock: Clock,
    actor: Actor | None,
    draft: Draft,
    plan: DeliveryPlan,
    *,
    series_id: int | None = None,
) -> Meeting:
    """Put a meeting on the calendar and plan its invitations and reminders.

    `actor` is None when a monthly series creates the meeting on its own.
    """
    if actor is not None:
        actor.require_coordinator()
    if draft.starts_at <= clock.now():
        raise DomainError("date-past", text="")
    meeting = draft.as_meeting()
    meeting.series_id = series_id
    meeting.created_by_id = actor.person_id if actor else None
    meeting.created_at = clock.now()
    session.add(meeting)
    await session.flush()
    await plan_deliveries(session, clock, meeting, plan)
    await tell_group(session, clock, meeting, "scheduled")
    audit.record(
        session, clock, actor.person if actor else None, "meeting.scheduled", "meeting", meeting.id
    )
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
    kind: Kind,
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
    session: AsyncSession, clock: Clock, meeting: Meeting, person: Person, kind: Kind, key: str
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


async def _get(session: AsyncSession, meeting_id: int) -> Meeting:
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("error-stale-button")
    return meeting


async def visible(session: AsyncSession, actor: Actor, meeting_id: int) -> Meeting:
    """A meeting whose details (venue, agenda, calendar file) the actor may see.

    Only the network sees meetings; a cancelled one no longer has details to hand out.
    The refusal for a stranger comes before any lookup, so a forged id tells them nothing.
    """
    actor.require_network()
    meeting = await _get(session, meeting_id)
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError("meeting-is-cancelled", title=meeting.title)
    return meeting


async def for_coordinator(session: AsyncSession, actor: Actor, meeting_id: int) -> Meeting:
    """A meeting a coordinator is about to report on or change."""
    actor.require_coordinator()
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("meeting-not-found", number=str(meeting_id))
    return meeting


MEETING_NUMBER = re.compile(r"#?([0-9]{1,9})")


def parse_meeting_number(text: str) -> int:
    """A meeting number as typed after a command (`7` or `#7`, Latin or Persian digits)."""
    found = MEETING_NUMBER.fullmatch(normalize_digits(text.strip()))
    if found is None or not 0 < int(found.group(1)) <= ID_LIMIT:
        raise DomainError("meeting-id-invalid", text=text.strip()[:20])
    return int(found.group(1))


# Built once: every tap on an invitation locks its meeting. FOR NO KEY UPDATE on PostgreSQL:
# the lock keeps seat counts from racing, yet lets other transactions insert rows that
# reference the meeting (their foreign key check only shares its key) without waiting.
_LOCK = select(Meeting).where(Meeting.id == bindparam("meeting_id")).with_for_update(key_share=True)


async def lock(session: AsyncSession, meeting_id: int) -> Meeting:
    """The meeting, locked until the transaction ends, so seat counts cannot race."""
    found = await session.execute(
        _LOCK, {"meeting_id": meeting_id}, execution_options={"populate_existing": True}
    )
    meeting = found.scalar_one_or_none()
    if meeting is None:
        raise NotFound("error-stale-button")
    return meeting


def ensure_open(meeting: Meeting, now: datetime) -> None:
    """Refuse changes to a cancelled meeting or one that already started."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError("meeting-is-cancelled", title=meeting.title)
    if meeting.starts_at <= now:
        raise DomainError("meeting-is-past", title=meeting.title)


# Built once: /next and /meetings ask it at every update (building costs more than running).
_UPCOMING = (
    select(Meeting)
    .where(Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at > bindparam("now"))
    .order_by(Meeting.starts_at, Meeting.id)
    .limit(bindparam("limit"))
)


async def upcoming(
    session: AsyncSession, clock: Clock, actor: Actor, *, limit: int = 10
) -> list[Meeting]:
    """Scheduled meetings that have not started, soonest first: for the network only."""
    actor.require_network()
    result = await session.execute(_UPCOMING, {"now": clock.now(), "limit": limit})
    return list(result.scalars())


async def edit(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    meeting_id: int,
    change: Change,
    plan: DeliveryPlan,
) -> tuple[Meeting, list[Person]]:
    """Change a meeting and tell everyone invited; returns people promoted from the waitlist."""
    actor.require_coordinator()
    meeting = await lock(session, meeting_id)
    ensure_open(meeting, clock.now())
    if change.starts_at is not None and change.starts_at <= clock.now():
        raise DomainError("date-past", text="")
    promoted: list[Person] = []
    before = _shown_values(meeting)
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
    # Each card is edited to the meeting as it is now, then a short notice says what changed.
    await _tell_invited(
        session, clock, meeting, CARD_EDIT, f"{CARD_EDIT}s:m{meeting.id}:r{meeting.revision}"
    )
    after = _shown_values(meeting)
    changes = [
        {"field": name, "old": old, "new": after[name]}
        for name, old in before.items()
        if old != after[name]
    ]
    await _tell_invited(
        session,
        clock,
        meeting,
        UPDATE,
        f"{UPDATE}s:m{meeting.id}:r{meeting.revision}",
        {"fields": list(change.fields), "changes": changes},
    )
    await tell_group(session, clock, meeting, "changed")
    audit.record(
        session,
        clock,
        actor.person,
        "meeting.edited",
        "meeting",
        meeting.id,
        fields=list(change.fields),
    )
    return meeting, promoted


def _shown_values(meeting: Meeting) -> dict[str, Any]:
    """What a change notice compares, as JSON: the time, venue, agenda and seats."""
    return {
        "starts_at": meeting.starts_at.isoformat(),
        "venue": meeting.venue,
        "agenda": meeting.agenda,
        "capacity": meeting.capacity,
    }


async def cancel(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    meeting_id: int,
) -> Meeting:
    """Cancel a meeting; everyone invited is told, and nothing else is sent for it."""
    actor.require_coordinator()
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
    await _tell_invited(
        session, clock, meeting, CARD_EDIT, f"{CARD_EDIT}s:m{meeting.id}:r{meeting.revision}"
    )
    await _tell_invited(session, clock, meeting, CANCELLATION, f"{CANCELLATION}s:m{meeting.id}")
    await tell_group(session, clock, meeting, "cancelled")
    # Its open motions end with it: nothing is decided at a meeting that does not take place.
    await motions.close_with_meeting(session, clock, actor, meeting.id)
    audit.record(session, clock, actor.person, "meeting.cancelled", "meeting", meeting.id)
    return meeting


# --- who gets what -------------------------------------------------------------------------
# Who receives each kind, and when it is still worth sending, is declared in
# bot.services.delivery; here only what joining and scheduling need to know.


async def is_invited(session: AsyncSession, person: Person) -> bool:
    """Members of approved organizations are invited to every meeting."""
    return await network.is_member(session, person.id)


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
        key = delivery.invitation_key(meeting.id, person.id)
        created += await message_person(session, clock, meeting, person, INVITATION, key)
    return created


async def count_invitable(session: AsyncSession) -> int:
    return (
        await session.execute(
            select(func.count()).select_from(
                select(Person.id)
                .where(Person.id.in_(network.members_of_approved_orgs()))
                .subquery()
            )
        )
    ).scalar_one()
