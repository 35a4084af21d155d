"""Dot voting on the agenda: the limit, taking a dot back, closing, and racing taps."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.i18n import catalog
from bot.services import agenda
from bot.services.errors import DomainError, NotAllowed, NotFound
from bot.services.kinds import Kind
from bot.views import AgendaLine, card
from db.models import (
    AgendaItem,
    AgendaVote,
    Concern,
    ConcernKind,
    ConcernStatus,
    ConcernTopic,
    Meeting,
    MeetingStatus,
    Outbox,
    Person,
)
from db.session import transaction
from tests.factories import act, make_person
from tests.unit.meeting_factories import make_meeting, make_members

DOTS = 3


async def make_concern(
    session: AsyncSession, clock: FakeClock, meeting: Meeting, **overrides: Any
) -> Concern:
    """A concern raised for `meeting`, approved unless told otherwise."""
    values: dict[str, Any] = {
        "meeting_id": meeting.id,
        "topic": ConcernTopic.SECURITY,
        "kind": ConcernKind.TEXT,
        "text": "Roads to the districts are unsafe for staff",
        "anonymous": True,
        "status": ConcernStatus.APPROVED,
        "created_at": clock.now(),
    }
    values.update(overrides)
    concern = Concern(**values)
    session.add(concern)
    await session.flush()
    return concern


async def dot(session: AsyncSession, clock: FakeClock, person: Person, concern: Concern) -> None:
    await agenda.add_dot(session, clock, await act(session, person), concern.id, DOTS)


async def board_of(
    session: AsyncSession, clock: FakeClock, person: Person, meeting: Meeting
) -> agenda.Board:
    return await agenda.board(session, clock, await act(session, person), meeting.id, DOTS)


async def test_concerns_rank_by_dots_and_ties_go_to_the_older_concern(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (amir, zahra) = await make_members(session, clock, 2)
    meeting = await make_meeting(session, clock)
    first, second, third = [await make_concern(session, clock, meeting) for _ in range(3)]
    await dot(session, clock, amir, third)
    await dot(session, clock, zahra, third)
    await dot(session, clock, zahra, second)
    await dot(session, clock, amir, first)

    board = await board_of(session, clock, amir, meeting)

    assert [(i.concern_id, i.dots, i.mine) for i in board.items] == [
        (third.id, 2, True),
        (first.id, 1, True),  # one dot each: the older concern first
        (second.id, 1, False),
    ]
    assert (board.dots_left, board.closed) == (1, False)


async def test_a_fourth_dot_is_refused_until_one_is_taken_back(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (amir,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock)
    concerns = [await make_concern(session, clock, meeting) for _ in range(4)]
    for concern in concerns[:3]:
        await dot(session, clock, amir, concern)

    with pytest.raises(DomainError) as refused:
        await dot(session, clock, amir, concerns[3])
    assert (refused.value.key, refused.value.params) == ("agenda-no-dots-left", {"dots": 3})

    await agenda.take_dot(session, clock, await act(session, amir), concerns[0].id)
    await dot(session, clock, amir, concerns[3])
    board = await board_of(session, clock, amir, meeting)
    assert {i.concern_id for i in board.items if i.mine} == {c.id for c in concerns[1:]}
    assert board.dots_left == 0


async def test_the_same_dot_twice_is_one_dot(session: AsyncSession, clock: FakeClock) -> None:
    _org, (amir,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock)
    concern = await make_concern(session, clock, meeting)
    await dot(session, clock, amir, concern)
    await dot(session, clock, amir, concern)
    assert [i.dots for i in (await board_of(session, clock, amir, meeting)).items] == [1]


@pytest.mark.parametrize(
    "status",
    [
        pytest.param(ConcernStatus.REJECTED, id="rejected"),
        pytest.param(ConcernStatus.MERGED, id="merged"),
        pytest.param(ConcernStatus.SUBMITTED, id="not-yet-approved"),
    ],
)
async def test_a_concern_that_is_not_approved_takes_no_dot(
    session: AsyncSession, clock: FakeClock, status: ConcernStatus
) -> None:
    _org, (amir,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock)
    concern = await make_concern(session, clock, meeting, status=status)
    with pytest.raises(DomainError) as refused:
        await dot(session, clock, amir, concern)
    assert refused.value.key == f"agenda-concern-{status.value}"
    assert (await board_of(session, clock, amir, meeting)).items == []


async def test_a_dot_on_a_concern_later_merged_comes_back(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (amir,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock)
    concerns = [await make_concern(session, clock, meeting) for _ in range(3)]
    for concern in concerns:
        await dot(session, clock, amir, concern)
    concerns[0].status = ConcernStatus.MERGED
    await session.flush()
    assert (await board_of(session, clock, amir, meeting)).dots_left == 1
    await dot(session, clock, amir, await make_concern(session, clock, meeting))


async def test_voting_closes_when_the_meeting_starts(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (amir,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock, starts_in=timedelta(days=1))
    concern = await make_concern(session, clock, meeting)
    await dot(session, clock, amir, concern)
    clock.advance(timedelta(days=1))

    for attempt in (
        dot(session, clock, amir, concern),
        agenda.take_dot(session, clock, await act(session, amir), concern.id),
    ):
        with pytest.raises(DomainError) as refused:
            await attempt
        assert refused.value.key == "agenda-voting-closed"
    board = await board_of(session, clock, amir, meeting)
    assert board.closed and [i.dots for i in agenda.agenda_of(board)] == [1]


async def test_voting_can_close_a_set_time_before_the_meeting_and_its_agenda_is_stored_then(
    session: AsyncSession, clock: FakeClock
) -> None:
    before = timedelta(hours=12)
    _org, (amir,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock, starts_in=timedelta(days=1))
    concern = await make_concern(session, clock, meeting)
    actor = await act(session, amir)
    await agenda.add_dot(session, clock, actor, concern.id, DOTS, closes_before=before)
    clock.advance(timedelta(hours=11, minutes=59))
    assert await agenda.freeze_due(session, clock, closes_before=before) == []
    await agenda.take_dot(session, clock, actor, concern.id, closes_before=before)
    await agenda.add_dot(session, clock, actor, concern.id, DOTS, closes_before=before)

    clock.advance(timedelta(minutes=1))  # twelve hours before the start: voting is over
    with pytest.raises(DomainError) as refused:
        await agenda.take_dot(session, clock, actor, concern.id, closes_before=before)
    assert refused.value.key == "agenda-voting-closed"
    shown = await agenda.board(session, clock, actor, meeting.id, DOTS, closes_before=before)
    assert shown.closed
    [(meeting_id, chosen)] = await agenda.freeze_due(session, clock, closes_before=before)
    assert meeting_id == meeting.id
    assert [(item.concern_id, item.dots) for item in chosen] == [(concern.id, 1)]
    # Without the setting the same moment is still open for dots.
    assert not (await agenda.board(session, clock, actor, meeting.id, DOTS)).closed


async def test_a_stranger_can_neither_vote_nor_see_the_board(
    session: AsyncSession, clock: FakeClock
) -> None:
    stranger = await make_person(session, clock)
    meeting = await make_meeting(session, clock)
    concern = await make_concern(session, clock, meeting)
    with pytest.raises(NotAllowed):
        await dot(session, clock, stranger, concern)
    with pytest.raises(NotAllowed):
        await board_of(session, clock, stranger, meeting)


async def test_a_forged_concern_id_is_a_stale_button(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (amir,) = await make_members(session, clock, 1)
    with pytest.raises(NotFound):
        await agenda.add_dot(session, clock, await act(session, amir), 2**31 - 1, DOTS)


# --- racing taps, each in its own transaction, as two updates handled at once -------------


async def _setup(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, concerns: int
) -> tuple[int, list[int]]:
    async with transaction(sessions) as session:
        _org, (amir,) = await make_members(session, clock, 1)
        meeting = await make_meeting(session, clock)
        made = [await make_concern(session, clock, meeting) for _ in range(concerns)]
        return amir.id, [c.id for c in made]


async def _tap(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, person_id: int, concern_id: int
) -> str:
    try:
        async with transaction(sessions) as session:
            person = await session.get(Person, person_id)
            assert person is not None
            await agenda.add_dot(session, clock, await act(session, person), concern_id, DOTS)
    except DomainError as error:
        return error.key
    return "ok"


async def _votes(sessions: async_sessionmaker[AsyncSession], person_id: int) -> int:
    async with sessions() as session:
        query = select(func.count()).where(AgendaVote.person_id == person_id)
        return (await session.execute(query)).scalar_one()


async def test_two_taps_at_once_on_one_concern_make_one_dot(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    person_id, (concern_id,) = await _setup(sessions, clock, 1)
    results = await asyncio.gather(*(_tap(sessions, clock, person_id, concern_id) for _ in "ab"))
    assert results == ["ok", "ok"]
    assert await _votes(sessions, person_id) == 1


async def test_with_one_dot_left_two_taps_at_once_on_two_concerns_make_one_dot(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    person_id, concern_ids = await _setup(sessions, clock, 4)
    for concern_id in concern_ids[:2]:
        assert await _tap(sessions, clock, person_id, concern_id) == "ok"
    results = await asyncio.gather(
        *(_tap(sessions, clock, person_id, concern_id) for concern_id in concern_ids[2:])
    )
    assert sorted(results) == ["agenda-no-dots-left", "ok"]
    assert await _votes(sessions, person_id) == 3


async def stored(session: AsyncSession, meeting: Meeting) -> list[tuple[int, int, int]]:
    rows = await session.execute(
        select(AgendaItem.rank, AgendaItem.concern_id, AgendaItem.dots)
        .where(AgendaItem.meeting_id == meeting.id)
        .order_by(AgendaItem.rank)
    )
    return [(rank, concern_id, dots) for rank, concern_id, dots in rows]


async def card_refreshes(session: AsyncSession, meeting: Meeting) -> int:
    return (
        await session.execute(
            select(func.count())
            .select_from(Outbox)
            .where(Outbox.meeting_id == meeting.id, Outbox.kind == Kind.CARD_EDIT)
        )
    ).scalar_one()


async def test_the_agenda_is_stored_when_the_meeting_starts_ranked_with_ties_to_the_older(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, people = await make_members(session, clock, 3)
    meeting = await make_meeting(session, clock)
    concerns = [await make_concern(session, clock, meeting) for _ in range(7)]
    rejected = await make_concern(session, clock, meeting)
    merged = await make_concern(session, clock, meeting)
    for person in people:
        await dot(session, clock, person, concerns[6])
        await dot(session, clock, person, rejected)
        await dot(session, clock, person, merged)
    rejected.status, merged.status = ConcernStatus.REJECTED, ConcernStatus.MERGED
    await dot(session, clock, people[0], concerns[4])
    await dot(session, clock, people[1], concerns[2])

    assert await agenda.freeze_due(session, clock) == []  # voting is still open
    clock.set(meeting.starts_at)
    [(meeting_id, chosen)] = await agenda.freeze_due(session, clock)

    assert meeting_id == meeting.id
    expected = [
        (1, concerns[6].id, 3),
        (2, concerns[2].id, 1),  # one dot each: the older concern first
        (3, concerns[4].id, 1),
        (4, concerns[0].id, 0),
        (5, concerns[1].id, 0),
    ]
    assert [(i.concern_id, i.dots) for i in chosen] == [(c, d) for _, c, d in expected]
    assert await stored(session, meeting) == expected
    assert meeting.agenda_frozen_at == clock.now()
    assert await card_refreshes(session, meeting) == 1


async def test_the_agenda_is_stored_once_across_runs_and_later_dots_change_nothing(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with transaction(sessions) as session:
        _org, (amir,) = await make_members(session, clock, 1)
        meeting = await make_meeting(session, clock)
        first = await make_concern(session, clock, meeting)
        second = await make_concern(session, clock, meeting)
        await dot(session, clock, amir, second)
    clock.set(meeting.starts_at + timedelta(minutes=1))
    async with transaction(sessions) as session:
        assert len(await agenda.freeze_due(session, clock)) == 1
    clock.advance(timedelta(hours=1))
    async with transaction(sessions) as session:
        # A dot that slipped in afterwards (voting closed) cannot change the stored order.
        session.add(AgendaVote(person_id=amir.id, concern_id=first.id, created_at=clock.now()))
        await session.flush()
        assert await agenda.freeze_due(session, clock) == []
        assert await agenda.freeze(session, clock, meeting.id) is None
        assert await stored(session, meeting) == [(1, second.id, 1), (2, first.id, 0)]
        assert await card_refreshes(session, meeting) == 1
        board = await board_of(session, clock, amir, meeting)
        assert [i.concern_id for i in agenda.agenda_of(board)] == [second.id, first.id]


async def test_no_approved_concerns_store_an_empty_agenda_and_refresh_no_card(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting = await make_meeting(session, clock)
    await make_concern(session, clock, meeting, status=ConcernStatus.REJECTED)
    await make_concern(session, clock, meeting, status=ConcernStatus.SUBMITTED)
    clock.set(meeting.starts_at)

    assert await agenda.freeze_due(session, clock) == [(meeting.id, [])]
    assert meeting.agenda_frozen_at == clock.now()
    assert await stored(session, meeting) == []
    assert await card_refreshes(session, meeting) == 0
    assert await agenda.frozen_lines(session, [meeting.id]) == {}
    assert await agenda.freeze_due(session, clock) == []


def test_the_card_shows_the_stored_agenda_after_the_note_cut_to_sixty_characters() -> None:
    meeting = Meeting(
        id=1,
        title="Monthly",
        starts_at=datetime(2026, 12, 21, 9, 30, tzinfo=UTC),
        timezone="Asia/Kabul",
        venue="Hall 2",
        agenda="Security; budget",
        status=MeetingStatus.SCHEDULED,
        revision=0,
    )
    lines = [AgendaLine(1, 12, "Water   for the camps " * 10), AgendaLine(2, 7, None)]
    english = catalog().render("en", card(meeting, frozen=lines))
    assert english.splitlines()[-4:] == [
        "📝 \u2068Security; budget\u2069",
        "🗳 <b>Agenda</b>",
        "1. #12 \u2068" + ("Water for the camps " * 3)[:59].rstrip() + "…\u2069",
        "2. #7 \u2068…\u2069",
    ]
    dari = catalog().render("fa", card(meeting, frozen=lines)).splitlines()
    assert dari[-2].startswith("\u200f۱. #۱۲ ")
    assert "<b>Agenda</b>" not in catalog().render("en", card(meeting))
