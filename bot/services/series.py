"""Monthly meeting series: "third Monday at 14:00", turned into meetings ahead of time."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n.calendar import from_solar_hijri, to_solar_hijri
from bot.services import audit, meetings
from bot.services.actor import Actor
from bot.services.errors import DomainError
from db.models import Meeting, MeetingSeries

LAST = -1
WEEKS = (1, 2, 3, 4, LAST)
GREGORIAN, SOLAR_HIJRI = "gregorian", "solar_hijri"
CALENDARS = (SOLAR_HIJRI, GREGORIAN)


@dataclass(frozen=True)
class Rule:
    """The n-th (or last) weekday of every month, at a wall-clock time in a zone.

    The months are Gregorian or Solar Hijri: "the third Monday of every month" falls on
    different days in the two calendars, and the network decides which it means.
    """

    week: int
    weekday: int
    hour: int
    minute: int
    timezone: str
    calendar: str = GREGORIAN

    def __post_init__(self) -> None:
        if self.week not in WEEKS or not 0 <= self.weekday <= 6:
            raise DomainError("error-stale-button")
        if self.calendar not in CALENDARS:
            raise DomainError("error-stale-button")
        if not (0 <= self.hour <= 23 and 0 <= self.minute <= 59):
            raise DomainError("series-time-invalid")


def parse_clock(text: str) -> tuple[int, int]:
    """A time of day typed as 14:00 (Persian digits welcome)."""
    from bot.i18n.calendar import normalize_digits

    value = normalize_digits(text).strip().replace(".", ":")
    hours, _, minutes = value.partition(":")
    # ASCII digits only: str.isdigit() also accepts "²", which int() then refuses.
    if not (value.isascii() and hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise DomainError("series-time-invalid")
    if len(hours) > 2:  # and int() refuses more than 4,300 digits
        raise DomainError("series-time-invalid")
    hour, minute = int(hours), int(minutes)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise DomainError("series-time-invalid")
    return hour, minute


def _days_of_month(year: int, month: int, calendar_name: str) -> list[date]:
    if calendar_name == SOLAR_HIJRI:
        days = []
        for day in range(1, 32):
            try:
                days.append(from_solar_hijri(year, month, day))
            except ValueError:
                break  # months have 29 to 31 days
        return days
    return [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month]


def _month_of(day: date, calendar_name: str) -> tuple[int, int]:
    if calendar_name == SOLAR_HIJRI:
        year, month, _ = to_solar_hijri(day)
        return year, month
    return day.year, day.month


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def day_in_month(
    year: int, month: int, week: int, weekday: int, calendar_name: str = GREGORIAN
) -> date:
    """The date of the n-th (or last) `weekday` of a month of the calendar."""
    days = [d for d in _days_of_month(year, month, calendar_name) if d.weekday() == weekday]
    return days[-1] if week == LAST else days[week - 1]


def occurrence(rule: Rule, year: int, month: int) -> datetime:
    """The rule's meeting in a month, as an aware UTC instant (wall time kept across DST)."""
    day = day_in_month(year, month, rule.week, rule.weekday, rule.calendar)
    wall = datetime.combine(day, time(rule.hour, rule.minute), tzinfo=ZoneInfo(rule.timezone))
    return wall.astimezone(UTC)


def next_occurrence(rule: Rule, after: datetime) -> datetime:
    """The first meeting of the rule strictly after `after`."""
    local = after.astimezone(ZoneInfo(rule.timezone))
    year, month = _month_of(local.date(), rule.calendar)
    for _ in range(3):
        when = occurrence(rule, year, month)
        if when > after:
            return when
        year, month = _shift_month(year, month, 1)
    raise AssertionError("a monthly rule always has a meeting within three months")


def previous_occurrence(rule: Rule, when: datetime) -> datetime:
    """The rule's meeting in the month before the one `when` falls in (in the rule's zone)."""
    local = when.astimezone(ZoneInfo(rule.timezone))
    year, month = _shift_month(*_month_of(local.date(), rule.calendar), -1)
    return occurrence(rule, year, month)


def rule_of(series: MeetingSeries) -> Rule:
    return Rule(
        series.week, series.weekday, series.hour, series.minute, series.timezone, series.calendar
    )


async def active(session: AsyncSession) -> MeetingSeries | None:
    return (
        (
            await session.execute(
                select(MeetingSeries)
                .where(MeetingSeries.active.is_(True))
                .order_by(MeetingSeries.id)
            )
        )
        .scalars()
        .first()
    )


async def start(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    rule: Rule,
    title: str,
    venue: str,
) -> MeetingSeries:
    """Set the network's monthly rule, replacing the one before."""
    actor.require_coordinator()
    previous = await active(session)
    if previous is not None:
        previous.active = False
        previous.stopped_at = clock.now()
    series = MeetingSeries(
        week=rule.week,
        weekday=rule.weekday,
        hour=rule.hour,
        minute=rule.minute,
        timezone=rule.timezone,
        calendar=rule.calendar,
        title=meetings.clean_title(title),
        venue=meetings.clean_venue(venue),
        active=True,
        created_by_id=actor.person_id,
        created_at=clock.now(),
    )
    session.add(series)
    await session.flush()
    audit.record(session, clock, actor.person, "series.started", "meeting_series", series.id)
    return series


async def stop(session: AsyncSession, clock: Clock, actor: Actor) -> MeetingSeries:
    """Stop creating meetings; meetings already created stay."""
    actor.require_coordinator()
    series = await active(session)
    if series is None:
        raise DomainError("series-none")
    series.active = False
    series.stopped_at = clock.now()
    audit.record(session, clock, actor.person, "series.stopped", "meeting_series", series.id)
    return series


async def roll_over(
    session: AsyncSession, clock: Clock, plan: meetings.DeliveryPlan, lead: timedelta
) -> list[Meeting]:
    """Create the series' next meeting once it is within `lead` of now (once only)."""
    series = await active(session)
    if series is None:
        return []
    rule = rule_of(series)
    when = next_occurrence(rule, clock.now())
    if when - lead > clock.now():
        return []
    # The meeting made for this occurrence may have been moved since (or cancelled), so it is
    # found by when it was made: after the previous occurrence, which was made before it.
    exists = (
        await session.execute(
            select(Meeting.id)
            .where(
                Meeting.series_id == series.id,
                or_(
                    Meeting.starts_at == when,
                    Meeting.created_at >= previous_occurrence(rule, when),
                ),
            )
            .limit(1)
        )
    ).scalar_one_or_none()
    if exists is not None:
        return []
    draft = meetings.Draft(
        title=series.title, starts_at=when, timezone=series.timezone, venue=series.venue
    )
    meeting = await meetings.schedule(session, clock, None, draft, plan, series_id=series.id)
    return [meeting]
