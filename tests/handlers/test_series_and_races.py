"""The monthly series through Telegram, and taps that arrive at the same moment."""

import asyncio
from datetime import UTC, datetime

from sqlalchemy import func, select
from telegram import Update

from bot.app import runtime
from bot.jobs.series import roll_over
from db.models import Meeting, Rsvp
from db.session import transaction
from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.network import AMIR, JOHN, ZAHRA, add_members, schedule


async def _meetings(bot: Harness) -> list[Meeting]:
    async with transaction(runtime(bot.app).sessions) as session:
        return list((await session.execute(select(Meeting).order_by(Meeting.id))).scalars())


async def test_a_series_creates_the_third_monday_meeting_within_the_lead(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/series")
    assert "No monthly rule" in bot.texts(COORDINATOR)[-2]
    await bot.press(COORDINATOR, "ser:week:3")
    await bot.press(COORDINATOR, "ser:day:3:0")
    assert bot.labels(COORDINATOR) == ["Solar Hijri months", "Gregorian months"]
    await bot.press(COORDINATOR, "ser:cal:3:0:g")
    await bot.send(COORDINATOR, "14:00")
    await bot.send(COORDINATOR, "Monthly coordination meeting")
    await bot.send(COORDINATOR, "Balkh University, hall 2")
    await bot.press(COORDINATOR, "ser:ok")
    status, created = bot.texts(COORDINATOR)[-2:]
    assert "the third Monday of every Gregorian month at 14:00" in status
    # On 1 December the third Monday (the 21st) is 20 days away: beyond the 14-day lead.
    assert "created 14 days before" in created
    assert await _meetings(bot) == []

    bot.clock.set(datetime(2026, 12, 7, 10, 0, tzinfo=UTC))
    assert await roll_over(runtime(bot.app)) == 1
    assert await roll_over(runtime(bot.app)) == 0  # once, however often it runs
    (meeting,) = await _meetings(bot)
    assert meeting.starts_at == datetime(2026, 12, 21, 9, 30, tzinfo=UTC)
    bot.clock.set(datetime(2026, 12, 14, 9, 30, tzinfo=UTC))  # a week before: invitations
    await bot.dispatch()
    assert "Monday 21 December 2026, 14:00" in bot.last(JOHN)


async def test_a_series_in_solar_hijri_months_meets_in_qaws_not_december(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/series")
    await bot.press(COORDINATOR, "ser:week:3")
    await bot.press(COORDINATOR, "ser:day:3:0")
    await bot.press(COORDINATOR, "ser:cal:3:0:s")
    for answer in ("14:00", "Monthly coordination meeting", "Balkh University"):
        await bot.send(COORDINATOR, answer)
    await bot.press(COORDINATOR, "ser:ok")
    # Qaws 1405 runs from 22 November to 21 December 2026: its third Monday is 7 December,
    # 6 days away on 1 December, so the meeting is created at once.
    (meeting,) = await _meetings(bot)
    assert meeting.starts_at == datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
    assert "Solar Hijri" in bot.texts(COORDINATOR)[-2]


async def test_series_off_stops_it(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/series off")
    assert "No monthly rule" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "/series")
    await bot.press(COORDINATOR, "ser:week:-1")
    await bot.press(COORDINATOR, "ser:day:-1:4")
    await bot.press(COORDINATOR, "ser:cal:-1:4:s")
    await bot.send(COORDINATOR, "25:00")
    assert "like 14:00" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "09:30")
    await bot.send(COORDINATOR, "Friday meeting")
    await bot.send(COORDINATOR, "Online")
    await bot.press(COORDINATOR, "ser:ok")
    await bot.send(COORDINATOR, "/series off")
    assert "is stopped" in bot.last(COORDINATOR)


async def test_two_taps_processed_at_once_make_one_answer(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00", capacity="1")
    await bot.dispatch()
    taps = [
        bot.api.callback_update(JOHN, "rsvp:go:1"),
        bot.api.callback_update(JOHN, "rsvp:maybe:1"),
        bot.api.callback_update(AMIR, "rsvp:go:1"),
        bot.api.callback_update(ZAHRA, "rsvp:go:1"),
    ]
    await asyncio.gather(*(bot.app.process_update(Update.de_json(t, bot.app.bot)) for t in taps))
    async with transaction(runtime(bot.app).sessions) as session:
        rows = (await session.execute(select(Rsvp))).scalars().all()
        per_person = (
            await session.execute(select(Rsvp.person_id, func.count()).group_by(Rsvp.person_id))
        ).all()
    assert all(count == 1 for _person, count in per_person)
    seats = [r for r in rows if r.answer.value == "going" and not r.waitlisted]
    assert len(seats) <= 1  # capacity 1, however the taps interleave
    assert len(bot.answers()) >= 4  # every tap answered


async def test_two_quick_answers_in_a_conversation_take_turns(bot: Harness) -> None:
    from tests.handlers.helpers import onboard

    await onboard(bot, JOHN)
    await bot.send(JOHN, "/register")
    answers = [bot.api.message_update(JOHN, text) for text in ("First Name", "Second Name")]
    await asyncio.gather(*(bot.app.process_update(Update.de_json(a, bot.app.bot)) for a in answers))
    replies = bot.texts(JOHN)[-2:]
    assert sum("What kind" in r for r in replies) == 1  # one became the name
    assert sum("buttons" in r for r in replies) == 1  # the other was asked to use the buttons
