"""Monthly meeting series: which day, which hour across DST, and rolling meetings over once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FakeClock
from bot.services import meetings, series
from bot.services.errors import DomainError, NotAllowed
from bot.services.meetings import INVITATION, Change
from bot.services.series import LAST, Rule
from db.models import Meeting, MeetingStatus
from tests.factories import act, make_person
from tests.unit.meeting_factories import PLAN, make_coordinator, make_members, outbox_rows

MONDAY, TUESDAY, THURSDAY, FRIDAY, SUNDAY = 0, 1, 3, 4, 6
LEAD = timedelta(days=14)
THIRD_MONDAY_KABUL = Rule(3, MONDAY, 14, 0, "Asia/Kabul")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("year", "month", "week", "weekday", "expected"),
    [
        pytest.param(2026, 12, 3, MONDAY, date(2026, 12, 21), id="third-monday-december-2026"),
        pytest.param(2026, 12, LAST, FRIDAY, date(2026, 12, 25), id="last-friday-december-2026"),
        pytest.param(2027, 1, LAST, FRIDAY, date(2027, 1, 29), id="last-friday-january-2027"),
        pytest.param(2027, 2, 1, MONDAY, date(2027, 2, 1), id="first-monday-is-the-first"),
        pytest.param(2027, 2, LAST, SUNDAY, date(2027, 2, 28), id="last-sunday-is-the-last"),
        pytest.param(2026, 11, 4, THURSDAY, date(2026, 11, 26), id="fourth-thursday"),
        pytest.param(2027, 3, 3, MONDAY, date(2027, 3, 15), id="third-monday-march-2027"),
        pytest.param(2028, 2, LAST, FRIDAY, date(2028, 2, 25), id="last-friday-leap-february"),
    ],
)
def test_the_day_of_a_monthly_rule(
    year: int, month: int, week: int, weekday: int, expected: date
) -> None:
    assert series.day_in_month(year, month, week, weekday) == expected


@pytest.mark.parametrize(
    ("rule", "after", "expected"),
    [
        pytest.param(
            THIRD_MONDAY_KABUL, utc(2026, 12, 1, 8), utc(2026, 12, 21, 9, 30), id="this-month"
        ),
        pytest.param(
            THIRD_MONDAY_KABUL,
            utc(2026, 12, 21, 9, 30),
            utc(2027, 1, 18, 9, 30),
            id="strictly-after",
        ),
        pytest.param(
            THIRD_MONDAY_KABUL,
            utc(2026, 12, 21, 9, 29),
            utc(2026, 12, 21, 9, 30),
            id="a-minute-before",
        ),
        pytest.param(
            Rule(LAST, FRIDAY, 10, 0, "Asia/Kabul"),
            utc(2026, 12, 25, 6),
            utc(2027, 1, 29, 5, 30),
            id="last-friday-next-year",
        ),
        pytest.param(
            # 23:30 UTC on 30 November is already 1 December in Kabul.
            Rule(1, TUESDAY, 9, 0, "Asia/Kabul"),
            utc(2026, 11, 30, 23, 30),
            utc(2026, 12, 1, 4, 30),
            id="the-month-is-the-local-one",
        ),
    ],
)
def test_the_next_meeting_of_a_rule(rule: Rule, after: datetime, expected: datetime) -> None:
    assert series.next_occurrence(rule, after) == expected


def test_a_series_keeps_its_wall_clock_time_across_daylight_saving_time() -> None:
    rule = Rule(3, MONDAY, 14, 0, "Europe/Berlin")

    march = series.next_occurrence(rule, utc(2027, 3, 1))
    april = series.next_occurrence(rule, march)

    assert (march, april) == (utc(2027, 3, 15, 13), utc(2027, 4, 19, 12))
    berlin = ZoneInfo("Europe/Berlin")
    assert [m.astimezone(berlin).hour for m in (march, april)] == [14, 14]


async def test_roll_over_across_daylight_saving_time_keeps_the_local_hour(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    await series.start(
        session,
        clock,
        await act(session, coordinator, ()),
        Rule(3, MONDAY, 14, 0, "Europe/Berlin"),
        "Treffen",
        "Saal",
    )

    clock.set(utc(2027, 3, 10))
    (march,) = await series.roll_over(session, clock, PLAN, LEAD)
    clock.set(utc(2027, 4, 10))
    (april,) = await series.roll_over(session, clock, PLAN, LEAD)

    assert (march.starts_at, april.starts_at) == (utc(2027, 3, 15, 13), utc(2027, 4, 19, 12))
    assert march.timezone == april.timezone == "Europe/Berlin"


async def _meeting_count(session: AsyncSession) -> int:
    return (await session.execute(select(func.count()).select_from(Meeting))).scalar_one()


async def test_roll_over_creates_the_next_meeting_once_it_is_within_the_lead_and_only_once(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    await make_members(session, clock, 2)
    started = await series.start(
        session,
        clock,
        await act(session, coordinator, ()),
        THIRD_MONDAY_KABUL,
        "  Monthly meeting ",
        "Union hall",
    )
    december = utc(2026, 12, 21, 9, 30)

    assert await series.roll_over(session, clock, PLAN, LEAD) == []
    clock.set(december - LEAD - timedelta(minutes=1))
    assert await series.roll_over(session, clock, PLAN, LEAD) == []
    clock.set(december - LEAD)
    (meeting,) = await series.roll_over(session, clock, PLAN, LEAD)
    for _ in range(3):
        assert await series.roll_over(session, clock, PLAN, LEAD) == []
    clock.advance(timedelta(days=5))
    assert await series.roll_over(session, clock, PLAN, LEAD) == []

    assert (meeting.starts_at, meeting.series_id, meeting.created_by_id) == (
        december,
        started.id,
        None,
    )
    assert (meeting.title, meeting.venue, meeting.timezone) == (
        "Monthly meeting",
        "Union hall",
        "Asia/Kabul",
    )
    assert await _meeting_count(session) == 1
    (invitations,) = await outbox_rows(session, kind=INVITATION, fanout=True)
    assert invitations.due_at == december - PLAN.invitation_lead


async def test_roll_over_moves_on_to_the_next_month_once_this_one_is_done(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    await series.start(
        session, clock, await act(session, coordinator, ()), THIRD_MONDAY_KABUL, "Monthly", "Hall"
    )
    clock.set(utc(2026, 12, 10))
    await series.roll_over(session, clock, PLAN, LEAD)

    clock.set(utc(2026, 12, 22))  # the December meeting is over; January is 27 days away
    assert await series.roll_over(session, clock, PLAN, LEAD) == []
    clock.set(utc(2027, 1, 5))
    (january,) = await series.roll_over(session, clock, PLAN, LEAD)

    assert january.starts_at == utc(2027, 1, 18, 9, 30)
    assert await _meeting_count(session) == 2


@pytest.mark.parametrize(
    "moved_by",
    [
        pytest.param(timedelta(days=1), id="a-day-later"),
        pytest.param(timedelta(days=-1), id="a-day-earlier"),
        pytest.param(timedelta(hours=2), id="two-hours-later"),
    ],
)
async def test_a_rolled_over_meeting_that_was_moved_is_not_created_again(
    session: AsyncSession, clock: FakeClock, moved_by: timedelta
) -> None:
    coordinator = await make_coordinator(session, clock)
    await series.start(
        session, clock, await act(session, coordinator, ()), THIRD_MONDAY_KABUL, "Monthly", "Hall"
    )
    clock.set(utc(2026, 12, 10))
    (meeting,) = await series.roll_over(session, clock, PLAN, LEAD)

    await meetings.edit(
        session,
        clock,
        await act(session, coordinator, ()),
        meeting.id,
        Change(starts_at=meeting.starts_at + moved_by, fields=("starts_at",)),
        PLAN,
    )

    for _ in range(2):
        assert await series.roll_over(session, clock, PLAN, LEAD) == []
        clock.advance(timedelta(days=1))
    assert await _meeting_count(session) == 1


async def test_a_meeting_postponed_into_the_next_month_does_not_hold_up_the_next_one(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    await series.start(
        session, clock, await act(session, coordinator, ()), THIRD_MONDAY_KABUL, "Monthly", "Hall"
    )
    clock.set(utc(2026, 12, 10))
    (december,) = await series.roll_over(session, clock, PLAN, LEAD)
    await meetings.edit(
        session,
        clock,
        await act(session, coordinator, ()),
        december.id,
        Change(starts_at=utc(2027, 1, 6, 9, 30)),
        PLAN,
    )

    clock.set(utc(2027, 1, 5))
    (january,) = await series.roll_over(session, clock, PLAN, LEAD)

    assert january.starts_at == utc(2027, 1, 18, 9, 30)
    assert await series.roll_over(session, clock, PLAN, LEAD) == []


async def test_a_cancelled_series_meeting_is_not_created_again(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    await series.start(
        session, clock, await act(session, coordinator, ()), THIRD_MONDAY_KABUL, "Monthly", "Hall"
    )
    clock.set(utc(2026, 12, 10))
    (meeting,) = await series.roll_over(session, clock, PLAN, LEAD)

    await meetings.cancel(session, clock, await act(session, coordinator, ()), meeting.id)

    assert await series.roll_over(session, clock, PLAN, LEAD) == []
    assert meeting.status == MeetingStatus.CANCELLED
    assert await _meeting_count(session) == 1


async def test_starting_a_series_replaces_the_one_before(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    first = await series.start(
        session, clock, await act(session, coordinator, ()), THIRD_MONDAY_KABUL, "Old", "Hall"
    )
    clock.advance(timedelta(hours=1))

    second = await series.start(
        session,
        clock,
        await act(session, coordinator, ()),
        Rule(LAST, FRIDAY, 10, 0, "Asia/Kabul"),
        "New",
        "Hall",
    )

    assert (first.active, first.stopped_at) == (False, clock.now())
    assert await series.active(session) == second
    clock.set(utc(2026, 12, 20))
    (meeting,) = await series.roll_over(session, clock, PLAN, LEAD)
    assert (meeting.series_id, meeting.starts_at) == (second.id, utc(2026, 12, 25, 5, 30))


async def test_stopping_ends_the_series_and_keeps_its_meetings(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    started = await series.start(
        session, clock, await act(session, coordinator, ()), THIRD_MONDAY_KABUL, "M", "H"
    )
    clock.set(utc(2026, 12, 10))
    (meeting,) = await series.roll_over(session, clock, PLAN, LEAD)

    stopped = await series.stop(session, clock, await act(session, coordinator))

    assert (stopped.id, stopped.active, stopped.stopped_at) == (started.id, False, clock.now())
    assert await series.active(session) is None
    clock.set(utc(2027, 1, 10))
    assert await series.roll_over(session, clock, PLAN, LEAD) == []
    assert meeting.status == MeetingStatus.SCHEDULED
    with pytest.raises(DomainError) as error:
        await series.stop(session, clock, await act(session, coordinator))
    assert error.value.key == "series-none"


async def test_stopping_when_there_is_no_series_is_explained(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    with pytest.raises(DomainError) as error:
        await series.stop(session, clock, await act(session, coordinator))
    assert error.value.key == "series-none"
    assert await series.roll_over(session, clock, PLAN, LEAD) == []


async def test_only_coordinators_start_or_stop_a_series(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    member = await make_person(session, clock)
    await series.start(
        session, clock, await act(session, coordinator, ()), THIRD_MONDAY_KABUL, "Monthly", "Hall"
    )

    with pytest.raises(NotAllowed):
        await series.start(
            session, clock, await act(session, member, ()), THIRD_MONDAY_KABUL, "Mine", "Hall"
        )
    with pytest.raises(NotAllowed):
        await series.stop(session, clock, await act(session, member))

    configured = await series.stop(session, clock, await act(session, member, {member.tg_user_id}))
    assert configured.title == "Monthly"


@pytest.mark.parametrize(
    ("week", "weekday", "hour", "minute", "key"),
    [
        pytest.param(5, MONDAY, 14, 0, "error-stale-button", id="fifth-week"),
        pytest.param(0, MONDAY, 14, 0, "error-stale-button", id="week-zero"),
        pytest.param(1, 7, 14, 0, "error-stale-button", id="weekday-seven"),
        pytest.param(1, MONDAY, 24, 0, "series-time-invalid", id="hour-24"),
        pytest.param(1, MONDAY, 14, 60, "series-time-invalid", id="minute-60"),
    ],
)
def test_a_rule_that_cannot_be_kept_is_refused(
    week: int, weekday: int, hour: int, minute: int, key: str
) -> None:
    with pytest.raises(DomainError) as error:
        Rule(week, weekday, hour, minute, "Asia/Kabul")
    assert error.value.key == key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("14:00", (14, 0), id="plain"),
        pytest.param(" 9:05 ", (9, 5), id="one-digit-hour"),
        pytest.param("۱۴:۳۰", (14, 30), id="persian-digits"),
        pytest.param("14.30", (14, 30), id="dot"),
        pytest.param("00:00", (0, 0), id="midnight"),
    ],
)
def test_a_time_of_day_is_read(text: str, expected: tuple[int, int]) -> None:
    assert series.parse_clock(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("24:00", id="hour-24"),
        pytest.param("14:60", id="minute-60"),
        pytest.param("14", id="no-minutes"),
        pytest.param("14:5", id="one-digit-minutes"),
        pytest.param("two pm", id="words"),
        pytest.param("", id="empty"),
        pytest.param("²:00", id="superscript-digit"),
    ],
)
def test_a_time_of_day_that_cannot_be_read_is_explained(text: str) -> None:
    with pytest.raises(DomainError) as error:
        series.parse_clock(text)
    assert error.value.key == "series-time-invalid"


@pytest.mark.parametrize(
    ("year", "month", "week", "weekday", "expected"),
    [
        pytest.param(1405, 9, 3, 0, date(2026, 12, 7), id="third-monday-of-qaws-1405"),
        pytest.param(1405, 9, -1, 4, date(2026, 12, 18), id="last-friday-of-qaws-1405"),
        pytest.param(1404, 1, 1, 5, date(2025, 3, 22), id="first-saturday-of-hamal-1404"),
        pytest.param(1404, 12, -1, 3, date(2026, 3, 19), id="last-thursday-of-hut-1404"),
    ],
)
def test_solar_hijri_months_have_their_own_nth_weekdays(
    year: int, month: int, week: int, weekday: int, expected: date
) -> None:
    assert series.day_in_month(year, month, week, weekday, series.SOLAR_HIJRI) == expected


def test_a_solar_hijri_series_moves_from_month_to_month_in_its_own_calendar() -> None:
    rule = series.Rule(3, 0, 14, 0, "Asia/Kabul", series.SOLAR_HIJRI)
    first = series.next_occurrence(rule, datetime(2026, 12, 8, tzinfo=UTC))
    # After Qaws' third Monday (7 Dec) comes Jadi's: Jadi 1405 starts on Tuesday 22 December,
    # so its Mondays are 28 December, 4 and 11 January.
    assert first.date() == date(2027, 1, 11)
    assert series.previous_occurrence(rule, first).date() == date(2026, 12, 7)
