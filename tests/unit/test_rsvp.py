"""Answers to invitations, the waitlist, racing taps, and the attendance coordinators see."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.services import meetings, rsvp
from bot.services.errors import DomainError, NotAllowed, NotFound
from bot.services.meetings import PROMOTION
from bot.services.rsvp import Counts
from db.models import Meeting, Membership, Organization, OrgStatus, Person, RsvpAnswer
from tests.factories import act, make_org, make_person
from tests.unit.meeting_factories import (
    make_coordinator,
    make_meeting,
    make_members,
    outbox_rows,
    rsvps,
)

MINUTE, DAY = timedelta(minutes=1), timedelta(days=1)
GOING, MAYBE, DECLINED = RsvpAnswer.GOING, RsvpAnswer.MAYBE, RsvpAnswer.DECLINED


async def answer(
    session: AsyncSession, clock: FakeClock, person: Person, meeting: Meeting, value: RsvpAnswer
) -> rsvp.RsvpResult:
    return await rsvp.record(session, clock, await act(session, person, ()), meeting.id, value)


async def positions(session: AsyncSession, meeting: Meeting) -> dict[int, int | None]:
    """Each answer's waitlist position (None: not waiting), by person id."""
    return {
        row.person_id: await rsvp.waitlist_position(session, row)
        for row in await rsvps(session, meeting.id)
    }


async def test_an_answer_is_recorded_and_can_be_changed(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (person,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock)

    first = await answer(session, clock, person, meeting, MAYBE)
    assert (first.changed, first.rsvp.answer, first.rsvp.going_since) == (True, MAYBE, None)
    clock.advance(MINUTE)
    second = await answer(session, clock, person, meeting, GOING)

    assert (second.changed, second.waitlist_position, second.promoted) == (True, None, [])
    (row,) = await rsvps(session, meeting.id)
    assert (row.person_id, row.answer, row.waitlisted) == (person.id, GOING, False)
    assert row.answered_at == row.going_since == clock.now()
    assert await rsvp.current(session, person, meeting.id) == row


@pytest.mark.parametrize("value", [pytest.param(v, id=v.value) for v in RsvpAnswer])
async def test_the_same_answer_twice_changes_nothing(
    session: AsyncSession, clock: FakeClock, value: RsvpAnswer
) -> None:
    _org, (person,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock)
    await answer(session, clock, person, meeting, value)
    answered_at = clock.now()
    clock.advance(MINUTE)

    again = await answer(session, clock, person, meeting, value)

    assert (again.changed, again.rsvp.answer, again.promoted) == (False, value, [])
    (row,) = await rsvps(session, meeting.id)
    assert row.answered_at == answered_at


async def test_going_beyond_the_capacity_puts_people_on_a_waitlist_in_order(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, people = await make_members(session, clock, 4)
    meeting = await make_meeting(session, clock, capacity=2)

    results = []
    for person in people:
        results.append(await answer(session, clock, person, meeting, GOING))
        clock.advance(MINUTE)

    assert [r.waitlist_position for r in results] == [None, None, 1, 2]
    assert [r.rsvp.waitlisted for r in results] == [False, False, True, True]


async def test_a_repeated_going_tap_keeps_the_place_on_the_waitlist(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, people = await make_members(session, clock, 3)
    meeting = await make_meeting(session, clock, capacity=1)
    for person in people:
        await answer(session, clock, person, meeting, GOING)
        clock.advance(MINUTE)

    again = await answer(session, clock, people[1], meeting, GOING)

    assert (again.changed, again.waitlist_position) == (False, 1)
    assert await positions(session, meeting) == {
        people[0].id: None,
        people[1].id: 1,
        people[2].id: 2,
    }


@pytest.mark.parametrize(
    "new_answer", [pytest.param(MAYBE, id="maybe"), pytest.param(DECLINED, id="declined")]
)
async def test_a_freed_seat_goes_to_the_first_person_waiting(
    session: AsyncSession, clock: FakeClock, new_answer: RsvpAnswer
) -> None:
    _org, (holder, other, first, second) = await make_members(session, clock, 4)
    meeting = await make_meeting(session, clock, capacity=2)
    for person in (holder, other, first, second):
        await answer(session, clock, person, meeting, GOING)
        clock.advance(MINUTE)

    result = await answer(session, clock, holder, meeting, new_answer)

    assert (result.changed, result.waitlist_position, result.promoted) == (True, None, [first])
    assert await positions(session, meeting) == {
        holder.id: None,
        other.id: None,
        first.id: None,
        second.id: 1,
    }
    (promotion,) = await outbox_rows(session, kind=PROMOTION)
    assert (promotion.person_id, promotion.chat_id, promotion.meeting_id) == (
        first.id,
        first.tg_user_id,
        meeting.id,
    )
    assert (promotion.fanout, promotion.due_at, promotion.not_after) == (
        False,
        clock.now(),
        meeting.starts_at,
    )


async def test_someone_waiting_who_declines_frees_no_seat(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (holder, first, second) = await make_members(session, clock, 3)
    meeting = await make_meeting(session, clock, capacity=1)
    for person in (holder, first, second):
        await answer(session, clock, person, meeting, GOING)
        clock.advance(MINUTE)

    result = await answer(session, clock, first, meeting, DECLINED)

    assert (result.changed, result.promoted, result.waitlist_position) == (True, [], None)
    assert await positions(session, meeting) == {holder.id: None, first.id: None, second.id: 1}
    assert [(r.answer, r.waitlisted) for r in await rsvps(session, meeting.id)] == [
        (GOING, False),
        (DECLINED, False),
        (GOING, True),
    ]
    assert await outbox_rows(session, kind=PROMOTION) == []


async def test_going_again_after_maybe_joins_the_end_of_the_waitlist(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (holder, first, second) = await make_members(session, clock, 3)
    meeting = await make_meeting(session, clock, capacity=1)
    for person in (holder, first, second):
        await answer(session, clock, person, meeting, GOING)
        clock.advance(MINUTE)

    await answer(session, clock, first, meeting, MAYBE)
    clock.advance(MINUTE)
    back = await answer(session, clock, first, meeting, GOING)

    assert back.waitlist_position == 2
    assert await positions(session, meeting) == {holder.id: None, first.id: 2, second.id: 1}


async def _deadline_passed(
    session: AsyncSession, clock: FakeClock, coordinator: Person, meeting: Meeting
) -> None:
    clock.set(meeting.starts_at - 2 * DAY + MINUTE)


async def _cancelled(
    session: AsyncSession, clock: FakeClock, coordinator: Person, meeting: Meeting
) -> None:
    await meetings.cancel(session, clock, await act(session, coordinator, ()), meeting.id)


async def _started(
    session: AsyncSession, clock: FakeClock, coordinator: Person, meeting: Meeting
) -> None:
    clock.set(meeting.starts_at)


@pytest.mark.parametrize(
    ("situation", "key"),
    [
        pytest.param(_deadline_passed, "rsvp-closed", id="after-the-rsvp-deadline"),
        pytest.param(_cancelled, "meeting-is-cancelled", id="cancelled"),
        pytest.param(_started, "meeting-is-past", id="started"),
    ],
)
async def test_answers_are_refused_when_the_meeting_is_closed(
    session: AsyncSession,
    clock: FakeClock,
    situation: Callable[[AsyncSession, FakeClock, Person, Meeting], Awaitable[None]],
    key: str,
) -> None:
    coordinator = await make_coordinator(session, clock)
    _org, (person,) = await make_members(session, clock, 1)
    start = clock.now() + 10 * DAY
    meeting = await make_meeting(session, clock, by=coordinator, rsvp_deadline=start - 2 * DAY)
    await situation(session, clock, coordinator, meeting)

    for who in (person, coordinator):
        with pytest.raises(DomainError) as error:
            await rsvp.record(session, clock, await act(session, who, ()), meeting.id, GOING)
        assert error.value.key == key
    assert await rsvps(session, meeting.id) == []


async def test_an_answer_at_the_deadline_itself_still_counts(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (person,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock, rsvp_deadline=clock.now() + DAY)
    clock.set(meeting.rsvp_deadline)  # type: ignore[arg-type]

    assert (await answer(session, clock, person, meeting, GOING)).changed


async def test_an_answer_to_a_meeting_that_does_not_exist_is_refused(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (person,) = await make_members(session, clock, 1)
    with pytest.raises(NotFound):
        await rsvp.record(session, clock, await act(session, person, ()), 424242, GOING)


@pytest.mark.parametrize(
    "status",
    [
        pytest.param(None, id="in-no-organization"),
        pytest.param(OrgStatus.PENDING, id="organization-pending"),
        pytest.param(OrgStatus.REJECTED, id="organization-rejected"),
        pytest.param(OrgStatus.SUSPENDED, id="organization-suspended"),
    ],
)
async def test_someone_not_invited_cannot_answer(
    session: AsyncSession, clock: FakeClock, status: OrgStatus | None
) -> None:
    person = await make_person(session, clock)
    if status is not None:
        await make_org(session, clock, person, admins=(person,), status=status)
    meeting = await make_meeting(session, clock)

    with pytest.raises(NotAllowed) as error:
        await answer(session, clock, person, meeting, GOING)

    assert error.value.key == "rsvp-not-invited"
    assert await rsvps(session, meeting.id) == []


@pytest.mark.parametrize(
    "configured",
    [pytest.param(True, id="named-in-configuration"), pytest.param(False, id="promoted")],
)
async def test_a_coordinator_in_no_organization_may_answer_anyway(
    session: AsyncSession, clock: FakeClock, configured: bool
) -> None:
    person = await make_person(session, clock, is_coordinator=not configured)
    coordinators = {person.tg_user_id} if configured else set()
    meeting = await make_meeting(session, clock)

    result = await rsvp.record(
        session, clock, await act(session, person, coordinators), meeting.id, GOING
    )

    assert (result.changed, result.rsvp.person_id) == (True, person.id)


# --- racing taps, each in its own transaction ---------------------------------------------


async def _commit_setup(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, people: int, capacity: int | None
) -> tuple[list[int], int]:
    async with sessions() as session, session.begin():
        _org, members = await make_members(session, clock, people)
        meeting = await make_meeting(session, clock, capacity=capacity)
        return [p.id for p in members], meeting.id


async def _tap(
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
    start: asyncio.Barrier,
    person_id: int,
    meeting_id: int,
    value: RsvpAnswer,
) -> rsvp.RsvpResult:
    async with sessions() as session, session.begin():
        person = await session.get(Person, person_id)
        assert person is not None
        # Both transactions are open, on connections of their own, before either answers:
        # otherwise the first would finish while the second is still connecting.
        await start.wait()
        return await rsvp.record(session, clock, await act(session, person, ()), meeting_id, value)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(GOING, GOING, id="same-answer"),
        pytest.param(GOING, DECLINED, id="different-answers"),
    ],
)
async def test_two_taps_at_once_from_one_person_make_one_answer(
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
    first: RsvpAnswer,
    second: RsvpAnswer,
) -> None:
    (person_id,), meeting_id = await _commit_setup(sessions, clock, 1, None)

    start = asyncio.Barrier(2)
    results = await asyncio.gather(
        _tap(sessions, clock, start, person_id, meeting_id, first),
        _tap(sessions, clock, start, person_id, meeting_id, second),
    )

    async with sessions() as session:
        (row,) = await rsvps(session, meeting_id)
    assert row.person_id == person_id
    assert row.answer in (first, second)
    assert sum(result.changed for result in results) == (1 if first == second else 2)


async def test_two_people_racing_for_the_last_seat_get_one_seat_and_one_place_in_line(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    people, meeting_id = await _commit_setup(sessions, clock, 2, 1)

    start = asyncio.Barrier(len(people))
    results = await asyncio.gather(
        *(_tap(sessions, clock, start, person_id, meeting_id, GOING) for person_id in people)
    )

    assert sorted(r.waitlist_position or 0 for r in results) == [0, 1]
    async with sessions() as session:
        rows = await rsvps(session, meeting_id)
    assert sorted(row.waitlisted for row in rows) == [False, True]
    assert {row.person_id for row in rows} == set(people)


# --- attendance --------------------------------------------------------------------------------


async def test_attendance_counts_answers_overall_and_per_organization(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    going, maybe, shared, waiting, silent, outsider = [
        await make_person(session, clock) for _ in range(6)
    ]
    await make_org(session, clock, going, name="Alpha", admins=(going,), members=(maybe, shared))
    await make_org(session, clock, shared, name="Beta", admins=(shared,), members=(waiting, silent))
    await make_org(
        session, clock, outsider, name="Gamma", members=(outsider,), status=OrgStatus.PENDING
    )
    meeting = await make_meeting(session, clock, by=coordinator, capacity=1)
    for person, value in [
        (going, GOING),
        (maybe, MAYBE),
        (shared, DECLINED),
        (waiting, GOING),
        (coordinator, MAYBE),
    ]:
        await answer(session, clock, person, meeting, value)

    result = await rsvp.attendance(session, await act(session, coordinator, ()), meeting.id)

    assert result.capacity == 1
    assert result.total == Counts(going=1, maybe=2, declined=1, waitlist=1, no_answer=1)
    assert result.by_organization == [
        ("Alpha", Counts(going=1, maybe=1, declined=1)),
        ("Beta", Counts(declined=1, waitlist=1, no_answer=1)),
    ]


async def test_attendance_of_a_meeting_nobody_answered_counts_everyone_as_no_answer(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    await make_members(session, clock, 3, name="Alpha")
    meeting = await make_meeting(session, clock, by=coordinator)

    result = await rsvp.attendance(session, await act(session, coordinator, ()), meeting.id)

    assert result.total == Counts(no_answer=3)
    assert result.by_organization == [("Alpha", Counts(no_answer=3))]


async def test_attendance_counts_who_is_in_the_network_now(
    session: AsyncSession, clock: FakeClock
) -> None:
    configured = await make_person(session, clock)  # a coordinator by SHURA_COORDINATORS
    staying, leaving, suspended_member = [await make_person(session, clock) for _ in range(3)]
    alpha = await make_org(session, clock, staying, name="Alpha", members=(staying, leaving))
    gone = await make_org(session, clock, suspended_member, members=(suspended_member,))
    meeting = await make_meeting(session, clock)
    for person in (staying, leaving, suspended_member):
        await answer(session, clock, person, meeting, GOING)
    coordinators = {configured.tg_user_id}
    await rsvp.record(
        session, clock, await act(session, configured, coordinators), meeting.id, DECLINED
    )
    # Since they answered: one left Alpha, the other's organization was suspended.
    await session.execute(
        delete(Membership).where(
            Membership.person_id == leaving.id, Membership.organization_id == alpha.id
        )
    )
    await session.execute(
        update(Organization).where(Organization.id == gone.id).values(status=OrgStatus.SUSPENDED)
    )
    viewer = await act(session, configured, coordinators)

    result = await rsvp.attendance(session, viewer, meeting.id, coordinators=coordinators)

    assert result.total == Counts(going=1, declined=1)
    assert result.by_organization == [("Alpha", Counts(going=1))]


async def test_only_coordinators_see_attendance(session: AsyncSession, clock: FakeClock) -> None:
    _org, (member,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock)

    with pytest.raises(NotAllowed) as error:
        await rsvp.attendance(session, await act(session, member, ()), meeting.id)

    assert error.value.key == "error-coordinators-only"
    assert (
        await rsvp.attendance(session, await act(session, member, {member.tg_user_id}), meeting.id)
    ).total == (Counts(no_answer=1))


@pytest.mark.parametrize(
    ("value", "expected"),
    [pytest.param(v.value, v, id=v.value) for v in RsvpAnswer],
)
def test_an_answer_from_a_button_is_read(value: str, expected: RsvpAnswer) -> None:
    assert rsvp.parse_answer(value) == expected


@pytest.mark.parametrize("value", [pytest.param("yes", id="unknown"), pytest.param("", id="empty")])
def test_a_forged_answer_is_a_stale_button(value: str) -> None:
    with pytest.raises(DomainError) as error:
        rsvp.parse_answer(value)
    assert error.value.key == "error-stale-button"
