"""Meetings fire at the intended instant in Asia/Kabul and across Europe/Berlin's clock change."""

from datetime import UTC, datetime, timedelta

from bot.clock import FakeClock
from tests.conftest import Database
from tests.handlers.conftest import Harness, start_harness, stop_harness
from tests.handlers.network import JOHN, add_members, schedule

ONLY_2H = {"SHURA_REMINDERS": "2h", "SHURA_NUDGE": "off"}


async def _first_arrival(
    bot: Harness, clock: FakeClock, until: datetime, chat_id: int, label: str
) -> datetime:
    """Move the clock minute by minute: the instant the first message with `label` arrives."""
    while clock.now() <= until:
        before = len([t for t in bot.texts(chat_id) if label in t])
        await bot.dispatch()
        if len([t for t in bot.texts(chat_id) if label in t]) > before:
            return clock.now()
        clock.advance(timedelta(minutes=1))
    raise AssertionError(f"no {label!r} message by {until}")


async def test_kabul_meetings_are_at_half_past_in_utc_and_reminders_fire_on_time(
    database: Database,
) -> None:
    clock = FakeClock(datetime(2026, 12, 19, 0, 0, tzinfo=UTC))
    bot = await start_harness(database, clock, SHURA_TIMEZONE="Asia/Kabul", **ONLY_2H)
    try:
        await add_members(bot)
        await schedule(bot, "1405-09-30 14:00")  # 2026-12-21 14:00 +04:30
        await bot.dispatch()
        await bot.press(JOHN, "rsvp:go:1")
        clock.set(datetime(2026, 12, 21, 7, 0, tzinfo=UTC))
        fired = await _first_arrival(
            bot, clock, datetime(2026, 12, 21, 9, 30, tzinfo=UTC), JOHN, "Reminder"
        )
        assert fired == datetime(2026, 12, 21, 7, 30, tzinfo=UTC)  # 2 hours before 09:30 UTC
    finally:
        await stop_harness(bot)


async def test_berlin_meetings_keep_their_wall_time_across_the_clock_change(
    database: Database,
) -> None:
    # Clocks go forward on 2027-03-28: 14:00 on the 29th is 12:00 UTC, not 13:00.
    clock = FakeClock(datetime(2027, 3, 27, 12, 0, tzinfo=UTC))
    bot = await start_harness(database, clock, SHURA_TIMEZONE="Europe/Berlin", **ONLY_2H)
    try:
        await add_members(bot)
        await schedule(bot, "2027-03-29 14:00")
        await bot.dispatch()
        assert "Monday 29 March 2027, 14:00 (Berlin time)" in bot.last(JOHN)
        await bot.press(JOHN, "rsvp:go:1")
        clock.set(datetime(2027, 3, 29, 9, 0, tzinfo=UTC))
        fired = await _first_arrival(
            bot, clock, datetime(2027, 3, 29, 12, 0, tzinfo=UTC), JOHN, "Reminder"
        )
        assert fired == datetime(2027, 3, 29, 10, 0, tzinfo=UTC)  # 12:00 local, 2 h before
    finally:
        await stop_harness(bot)
