"""Answers to invitations, the waitlist, and the counts coordinators see."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from sqlalchemy import Executable, Table, and_, bindparam, func, null, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import delivery, network
from bot.services.actor import Actor, is_coordinator
from bot.services.errors import DomainError, NotAllowed
from bot.services.meetings import PROMOTION, ensure_open, is_invited, lock, message_person
from db.models import (
    Meeting,
    MeetingStatus,
    Membership,
    Organization,
    OrgStatus,
    Person,
    Rsvp,
    RsvpAnswer,
)


@dataclass(frozen=True)
class RsvpResult:
    """The person's answer after a tap, and who got a seat because of it."""

    meeting: Meeting
    rsvp: Rsvp
    changed: bool
    waitlist_position: int | None
    promoted: list[Person] = field(default_factory=list)
    # Seats given now, for the card's "seats left"; None when the meeting has no capacity.
    seats_taken: int | None = None


def parse_answer(value: str) -> RsvpAnswer:
    try:
        return RsvpAnswer(value)
    except ValueError:
        raise DomainError("error-stale-button") from None


NOTE_LIMIT = 200


async def seats_taken(session: AsyncSession, meeting_id: int) -> int:
    """Seats given now (Going and not waiting), for the card's "seats left"."""
    return await _seats_taken(session, meeting_id)


async def seats_shown(session: AsyncSession, meeting: Meeting) -> int | None:
    """Seats given now, counted only when the meeting has a capacity (the card shows no other)."""
    if meeting.capacity is None:
        return None
    return await _seats_taken(session, meeting.id)


async def _seats_taken(session: AsyncSession, meeting_id: int) -> int:
    return (
        await session.execute(
            select(func.count()).where(
                Rsvp.meeting_id == meeting_id,
                Rsvp.answer == RsvpAnswer.GOING,
                Rsvp.waitlisted.is_(False),
            )
        )
    ).scalar_one()


async def waitlist_position(session: AsyncSession, rsvp: Rsvp) -> int | None:
    """1 for the first person waiting, and so on; None when not waiting."""
    if not rsvp.waitlisted or rsvp.going_since is None:
        return None
    ahead = await session.execute(
        select(func.count()).where(
            Rsvp.meeting_id == rsvp.meeting_id,
            Rsvp.waitlisted.is_(True),
            (Rsvp.going_since < rsvp.going_since)
            | (and_(Rsvp.going_since == rsvp.going_since, Rsvp.id < rsvp.id)),
        )
    )
    return int(ahead.scalar_one()) + 1


# Built once: every card shown asks it (building costs more than running).
_CURRENT = select(Rsvp).where(
    Rsvp.meeting_id == bindparam("meeting_id"), Rsvp.person_id == bindparam("person_id")
)


async def current(session: AsyncSession, person: Person, meeting_id: int) -> Rsvp | None:
    found = await session.execute(_CURRENT, {"meeting_id": meeting_id, "person_id": person.id})
    return found.scalar_one_or_none()


def _answer(dialect: str) -> Executable:
    table = cast(Table, Rsvp.__table__)
    upsert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = upsert(table).values(
        meeting_id=bindparam("meeting_id"),
        person_id=bindparam("person_id"),
        answer=bindparam("answer"),
        waitlisted=bindparam("waitlisted"),
        going_since=bindparam("going_since"),
        answered_at=bindparam("now"),
        note=null(),
    )
    new = statement.excluded
    upserted = statement.on_conflict_do_update(
        index_elements=["meeting_id", "person_id"],
        # A note goes with Can't go, and a new answer says something else.
        set_={
            "answer": new.answer,
            "waitlisted": new.waitlisted,
            "going_since": new.going_since,
            "answered_at": new.answered_at,
            "note": null(),
        },
        where=table.c.answer != new.answer,
    ).returning(*table.c)
    # Loaded as an Rsvp from a Core statement: the ORM's bulk INSERT path costs more.
    return select(Rsvp).from_statement(upserted)


# Built once: every tap on an invitation runs it.
_ANSWER = {dialect: _answer(dialect) for dialect in ("postgresql", "sqlite")}


async def _record_answer(
    session: AsyncSession,
    meeting: Meeting,
    person: Person,
    answer: RsvpAnswer,
    now: datetime,
    *,
    waitlisted: bool,
) -> Rsvp | None:
    """Insert or change the answer in one statement; None when it already was this answer.

    Two taps at once from the same person meet at the unique constraint: one row, never two.
    """
    values = {
        "meeting_id": meeting.id,
        "person_id": person.id,
        "answer": answer,
        "waitlisted": waitlisted,
        "going_since": now if answer == RsvpAnswer.GOING else None,
        "now": now,
    }
    statement = _ANSWER[session.get_bind().dialect.name]
    found = await session.scalars(statement, values, execution_options={"populate_existing": True})
    return found.one_or_none()


async def record(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    meeting_id: int,
    answer: RsvpAnswer,
) -> RsvpResult:
    """Record or change a person's answer; a full meeting puts new Going answers on a waitlist."""
    # Before anything about the meeting is looked at: a stranger learns nothing from its id.
    if not actor.in_network:
        raise NotAllowed("rsvp-not-invited")
    person = actor.person
    meeting = await lock(session, meeting_id)
    now = clock.now()
    ensure_open(meeting, now)
    if meeting.rsvp_deadline is not None and now > meeting.rsvp_deadline:
        raise DomainError("rsvp-closed", title=meeting.title)
    if meeting.capacity is None:
        # No seats to count and nobody waiting (clearing the capacity gave everyone a seat).
        changed = await _record_answer(session, meeting, person, answer, now, waitlisted=False)
        if changed is not None:
            return RsvpResult(meeting, changed, True, None)
        same = await current(session, person, meeting.id)
        assert same is not None
        return RsvpResult(meeting, same, False, await waitlist_position(session, same))
    before = await current(session, person, meeting.id)
    if before is not None and before.answer == answer:
        position = await waitlist_position(session, before)
        taken = await _seats_taken(session, meeting.id)
        return RsvpResult(meeting, before, False, position, seats_taken=taken)
    held_seat = before is not None and before.answer == RsvpAnswer.GOING and not before.waitlisted
    # A new Going answer holds no seat yet: it waits when the others took them all.
    full = (
        answer == RsvpAnswer.GOING and await _seats_taken(session, meeting.id) >= meeting.capacity
    )
    rsvp = await _record_answer(session, meeting, person, answer, now, waitlisted=full)
    assert rsvp is not None
    promoted: list[Person] = []
    if held_seat and answer != RsvpAnswer.GOING:
        promoted = await fill_free_seats(session, clock, meeting)
    position = await waitlist_position(session, rsvp)
    taken = await _seats_taken(session, meeting.id)
    return RsvpResult(meeting, rsvp, True, position, promoted, taken)


async def fill_free_seats(session: AsyncSession, clock: Clock, meeting: Meeting) -> list[Person]:
    """Give free seats to the waitlist in order, and queue a message to each promoted person."""
    promoted: list[Person] = []
    while True:
        if meeting.capacity is not None and await _seats_taken(session, meeting.id) >= (
            meeting.capacity
        ):
            break
        first = (
            await session.execute(
                select(Rsvp)
                .where(Rsvp.meeting_id == meeting.id, Rsvp.waitlisted.is_(True))
                .order_by(Rsvp.going_since, Rsvp.id)
                .limit(1)
            )
        ).scalar_one_or_none()
        if first is None:
            break
        first.waitlisted = False
        await session.flush()
        person = await session.get(Person, first.person_id)
        assert person is not None
        key = delivery.promotion_key(meeting.id, person.id, first.going_since)
        await message_person(session, clock, meeting, person, PROMOTION, key)
        promoted.append(person)
    return promoted


async def _open_answer(
    session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int
) -> tuple[Meeting, Rsvp | None]:
    """The meeting, locked, and the person's answer, while answers may still change."""
    if not actor.in_network:
        raise NotAllowed("rsvp-not-invited")
    meeting = await lock(session, meeting_id)
    now = clock.now()
    ensure_open(meeting, now)
    if meeting.rsvp_deadline is not None and now > meeting.rsvp_deadline:
        raise DomainError("rsvp-closed", title=meeting.title)
    return meeting, await current(session, actor.person, meeting.id)


async def withdraw(
    session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int
) -> tuple[Meeting, list[Person]]:
    """Take back an answer; a seat it held goes to the first person waiting, who is told."""
    meeting, answer = await _open_answer(session, clock, actor, meeting_id)
    if answer is None:
        return meeting, []
    held_seat = answer.answer == RsvpAnswer.GOING and not answer.waitlisted
    await session.delete(answer)
    await session.flush()
    promoted = await fill_free_seats(session, clock, meeting) if held_seat else []
    return meeting, promoted


async def declined(session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int) -> Meeting:
    """The meeting the person answered Can't go to, so they may add a note; else refused."""
    meeting, answer = await _open_answer(session, clock, actor, meeting_id)
    if answer is None or answer.answer != RsvpAnswer.DECLINED:
        raise DomainError("note-needs-cant-go")
    return meeting


async def save_note(
    session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int, note: str
) -> Meeting:
    """Keep a one-line note for the coordinators with a Can't go answer."""
    meeting = await declined(session, clock, actor, meeting_id)
    answer = await current(session, actor.person, meeting.id)
    assert answer is not None
    answer.note = note
    return meeting


async def notes(
    session: AsyncSession,
    actor: Actor,
    meeting_id: int,
    *,
    coordinators: Collection[int] = frozenset(),
) -> list[tuple[str, str]]:
    """The notes people left with Can't go, by name, for coordinators; only the network's."""
    actor.require_coordinator()
    rows = await session.execute(
        select(Person, Rsvp.note)
        .join(Rsvp, Rsvp.person_id == Person.id)
        .where(
            Rsvp.meeting_id == meeting_id,
            Rsvp.answer == RsvpAnswer.DECLINED,
            Rsvp.note.is_not(None),
            network.in_network(coordinators),
        )
        .order_by(Rsvp.answered_at, Rsvp.id)
    )
    return [(person.display_name, str(note)) for person, note in rows]


@dataclass(frozen=True)
class Counts:
    going: int = 0
    maybe: int = 0
    declined: int = 0
    waitlist: int = 0
    no_answer: int = 0


@dataclass(frozen=True)
class Attendance:
    total: Counts
    by_organization: list[tuple[str, Counts]]
    capacity: int | None


Grouped = tuple[RsvpAnswer | None, bool | None, int]  # an answer, waitlisted, how many


def _counts(rows: Iterable[Grouped]) -> Counts:
    """Counts from (answer, waitlisted, how many) rows, as the database grouped them."""
    going = maybe = declined = waitlist = no_answer = 0
    for answer, waitlisted, count in rows:
        if answer is None:
            no_answer += count
        elif answer == RsvpAnswer.GOING:
            if waitlisted:
                waitlist += count
            else:
                going += count
        elif answer == RsvpAnswer.MAYBE:
            maybe += count
        else:
            declined += count
    return Counts(going, maybe, declined, waitlist, no_answer)


async def attendance(
    session: AsyncSession,
    actor: Actor,
    meeting_id: int,
    *,
    coordinators: Collection[int] = frozenset(),
) -> Attendance:
    """Who is coming, overall and per organization (a person in two counts in both).

    Only people in the network now count: a removed member's old answer does not, a
    coordinator's (one of the configured `coordinators`, or promoted) does. Counted in the
    database: a network of thousands is a few rows here.
    """
    actor.require_coordinator()
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise DomainError("error-stale-button")
    answered = and_(Rsvp.person_id == Membership.person_id, Rsvp.meeting_id == meeting_id)
    rows = await session.execute(
        select(Organization.name, Rsvp.answer, Rsvp.waitlisted, func.count())
        .select_from(Membership)
        .join(Organization, Organization.id == Membership.organization_id)
        .outerjoin(Rsvp, answered)
        .where(Organization.status == OrgStatus.APPROVED)
        .group_by(Organization.id, Organization.name, Rsvp.answer, Rsvp.waitlisted)
        .order_by(Organization.name, Organization.id)
    )
    per_org: dict[str, list[Grouped]] = {}
    for name, answer, waitlisted, count in rows:
        per_org.setdefault(name, []).append((answer, waitlisted, count))
    # Each person once: the members, and the coordinators in no organization who answered.
    total = await session.execute(
        select(Rsvp.answer, Rsvp.waitlisted, func.count())
        .select_from(Person)
        .outerjoin(Rsvp, and_(Rsvp.person_id == Person.id, Rsvp.meeting_id == meeting_id))
        .where(
            or_(
                Person.id.in_(network.members_of_approved_orgs()),
                and_(Rsvp.id.is_not(None), network.a_coordinator(coordinators)),
            )
        )
        .group_by(Rsvp.answer, Rsvp.waitlisted)
    )
    return Attendance(
        total=_counts(total),
        by_organization=[(name, _counts(counted)) for name, counted in per_org.items()],
        capacity=meeting.capacity,
    )


@dataclass(frozen=True)
class FreedSeat:
    """A seat someone gave up, and who on the waitlist got it (nobody, if nobody waited)."""

    meeting: Meeting
    promoted: list[Person]


async def release_seats(
    session: AsyncSession, clock: Clock, person_id: int, *, coordinators: Collection[int] = ()
) -> list[Meeting]:
    """A person no longer in the network gives up their answers to meetings still to come.

    Called after a membership ends (removed, left, forgotten) or an organization stops
    counting: if the person is still a member elsewhere, or a coordinator, nothing changes.
    Freed seats go to the waitlist in order. Returns the meetings whose seat was given up.
    """
    freed = await give_up_seats(session, clock, person_id, coordinators=coordinators)
    return [seat.meeting for seat in freed]


async def give_up_seats(
    session: AsyncSession, clock: Clock, person_id: int, *, coordinators: Collection[int] = ()
) -> list[FreedSeat]:
    """As release_seats, telling who got each freed seat (each is told by a message)."""
    person = await session.get(Person, person_id)
    if person is None or is_coordinator(person, coordinators):
        return []
    if await is_invited(session, person):
        return []
    answers = (
        await session.execute(
            select(Rsvp, Meeting)
            .join(Meeting, Meeting.id == Rsvp.meeting_id)
            .where(
                Rsvp.person_id == person_id,
                Meeting.status == MeetingStatus.SCHEDULED,
                Meeting.starts_at > clock.now(),
            )
            .order_by(Meeting.starts_at, Meeting.id)
        )
    ).all()
    freed: list[FreedSeat] = []
    for answer, meeting in answers:
        held_seat = answer.answer == RsvpAnswer.GOING and not answer.waitlisted
        await session.delete(answer)
        await session.flush()
        if held_seat:
            await lock(session, meeting.id)
            freed.append(FreedSeat(meeting, await fill_free_seats(session, clock, meeting)))
    return freed
