"""/agenda through Telegram: the ranked board, a dot per tap, pages, and bad input."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select
from telegram import Update

from bot.app import runtime
from bot.clock import FakeClock
from bot.jobs.agenda import JOB_NAME, close_due
from db.models import AgendaVote, Concern, ConcernKind, ConcernStatus, ConcernTopic, Meeting
from db.session import transaction
from tests.conftest import Database
from tests.handlers.conftest import Harness, start_harness, stop_harness
from tests.handlers.helpers import onboard
from tests.handlers.network import AMIR, JOHN, ZAHRA, add_members, schedule

STRANGER = 4_000_077


async def raise_concerns(bot: Harness, meeting_id: int, *texts: str, **overrides: object) -> None:
    async with transaction(runtime(bot.app).sessions) as session:
        for text in texts:
            values: dict[str, object] = {
                "meeting_id": meeting_id,
                "topic": ConcernTopic.COORDINATION,
                "kind": ConcernKind.TEXT,
                "text": text,
                "anonymous": True,
                "status": ConcernStatus.APPROVED,
                "created_at": bot.clock.now(),
            }
            values.update(overrides)
            session.add(Concern(**values))


async def dots(bot: Harness) -> int:
    async with transaction(runtime(bot.app).sessions) as session:
        return (await session.execute(select(func.count()).select_from(AgendaVote))).scalar_one()


async def test_a_member_puts_dots_on_concerns_and_the_board_is_edited_in_place(
    bot: Harness,
) -> None:
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-21 14:00")
    await raise_concerns(bot, meeting, "Water for the camps", "Staff safety on the roads")
    await bot.send(JOHN, "/agenda")
    assert "You have 3 dots left of 3" in bot.last(JOHN)
    assert bot.labels(JOHN) == ["#1 Water for the camps", "#2 Staff safety on the roads"]
    before = len(bot.api.messages(JOHN))

    await bot.press_label(JOHN, "#2")

    assert len(bot.api.messages(JOHN)) == before  # edited, not sent again
    board = bot.last(JOHN)
    assert "You have 2 dots left of 3" in board
    assert board.index("Staff safety") < board.index("Water for the camps")
    assert bot.labels(JOHN) == ["✅ #2 Staff safety on the roads", "#1 Water for the camps"]
    assert bot.answers()[-1]["text"] == "Dot added to #2."
    await bot.press_label(JOHN, "✅ #2")
    assert "You have 3 dots left of 3" in bot.last(JOHN)
    assert await dots(bot) == 0


async def test_the_board_in_dari_and_pashto(bot: Harness) -> None:
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-21 14:00")
    await raise_concerns(bot, meeting, "آب آشامیدنی")
    await bot.send(AMIR, "/agenda")
    assert "۳ نقطه" in bot.last(AMIR) and "اجندا" in bot.last(AMIR)
    await bot.press_label(AMIR, "#")
    assert "۲ نقطه" in bot.last(AMIR)
    await bot.send(ZAHRA, "/agenda")
    assert "اجنډا" in bot.last(ZAHRA) and "۳ ټکي" in bot.last(ZAHRA)
    await bot.press_label(ZAHRA, "#")
    assert "۲ ټکي" in bot.last(ZAHRA) and "یو ټکی" in bot.last(ZAHRA)


async def test_a_long_list_has_pages(bot: Harness) -> None:
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-21 14:00")
    await raise_concerns(bot, meeting, *(f"Concern number {n}" for n in range(1, 9)))
    await bot.send(JOHN, "/agenda")
    assert len(bot.labels(JOHN)) == 7 and bot.labels(JOHN)[-1] == "Next ›"
    await bot.press_label(JOHN, "Next ›")
    assert bot.labels(JOHN) == ["#7 Concern number 7", "#8 Concern number 8", "‹ Previous"]
    await bot.press_label(JOHN, "#8")
    assert "Page 2 of 2" in bot.last(JOHN)


async def test_the_meeting_card_opens_the_agenda(bot: Harness) -> None:
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-03 10:00")
    await raise_concerns(bot, meeting, "Water for the camps")
    await bot.dispatch()
    await bot.press_label(JOHN, "🗳 Agenda")
    assert "Water for the camps" in bot.last(JOHN)


async def test_refusals_a_stranger_a_rejected_concern_forged_data_and_a_closed_vote(
    bot: Harness,
) -> None:
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-21 14:00")
    await raise_concerns(bot, meeting, "Water")
    await raise_concerns(bot, meeting, "Spam", status=ConcernStatus.REJECTED)
    await onboard(bot, STRANGER)
    await bot.send(STRANGER, "/agenda")
    assert "only for members" in bot.last(STRANGER)
    await bot.forge(STRANGER, "agd:add:1:0")
    await bot.send(JOHN, "/agenda")
    await bot.forge(JOHN, "agd:add:2:0")
    await bot.forge(JOHN, "agd:add:99999:0")
    await bot.forge(JOHN, "agd:add:99999999999:0")
    await bot.forge(JOHN, "agd:page:99999:0")
    texts = [answer.get("text", "") for answer in bot.answers()]
    assert "Concern #2 was rejected, so it cannot take dots." in texts
    assert sum("no longer valid" in text for text in texts) == 3
    assert await dots(bot) == 0
    await bot.send(JOHN, "/agenda")
    bot.clock.set(bot.clock.now().replace(year=2027))
    await bot.press_label(JOHN, "#1")
    assert "has closed" in bot.answers()[-1]["text"]
    assert await dots(bot) == 0


async def test_two_taps_at_once_record_one_dot(bot: Harness) -> None:
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-21 14:00")
    await raise_concerns(bot, meeting, "Water")
    await bot.send(JOHN, "/agenda")
    taps = [bot.api.callback_update(JOHN, "agd:add:1:0") for _ in "ab"]
    await asyncio.gather(*(bot.app.process_update(Update.de_json(t, bot.app.bot)) for t in taps))
    assert await dots(bot) == 1


async def test_when_voting_closes_each_card_shows_the_agenda_once_in_its_language(
    database: Database, clock: FakeClock
) -> None:
    bot = await start_harness(database, clock)
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-03 10:00")
    await raise_concerns(bot, meeting, "Water for the camps", "Staff safety on the roads")
    await bot.dispatch()
    await bot.send(JOHN, "/agenda")
    await bot.press_label(JOHN, "#2")
    assert JOB_NAME in {job.name for job in bot.app.job_queue.jobs()}  # type: ignore[union-attr]
    cards = {user: len(bot.api.messages(user)) for user in (JOHN, AMIR)}

    async with transaction(runtime(bot.app).sessions) as session:
        starts_at = (await session.get(Meeting, meeting)).starts_at  # type: ignore[union-attr]
    clock.set(starts_at)
    assert await close_due(runtime(bot.app)) == 1
    await bot.dispatch()

    english = next(t for t in bot.texts(JOHN) if "Monthly coordination meeting" in t)
    assert "Agenda\n1. #2 Staff safety on the roads\n2. #1 Water for the camps" in english
    dari = next(t for t in bot.texts(AMIR) if "Monthly coordination meeting" in t)
    assert "\u200f۱. #۲ Staff safety on the roads" in dari
    # Edited in place: nobody got a new message.
    assert {user: len(bot.api.messages(user)) for user in (JOHN, AMIR)} == cards
    await stop_harness(bot)

    again = await start_harness(database, clock, api=bot.api)
    assert await close_due(runtime(again.app)) == 0
    await again.dispatch()
    assert {user: len(again.api.messages(user)) for user in (JOHN, AMIR)} == cards
    await again.press_label(JOHN, "🗳 Agenda")
    final = again.last(JOHN)
    assert "Voting has closed" in final
    assert final.index("Staff safety") < final.index("Water for the camps")
    await stop_harness(again)


async def meeting_starts(bot: Harness, meeting: int) -> None:
    """The clock reaches the meeting's start, and the closing job stores its agenda."""
    async with transaction(runtime(bot.app).sessions) as session:
        starts_at = (await session.get(Meeting, meeting)).starts_at  # type: ignore[union-attr]
    bot.clock.set(starts_at)
    assert await close_due(runtime(bot.app)) == 1
    await bot.dispatch()


async def test_typed_agenda_shows_the_stored_agenda_once_voting_has_closed(bot: Harness) -> None:
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-03 10:00")
    await raise_concerns(bot, meeting, "Water for the camps", "Staff safety", "Radio programme")
    await bot.dispatch()
    for user, numbers in ((JOHN, (2,)), (AMIR, (2, 3))):
        await bot.send(user, "/agenda")
        for number in numbers:
            await bot.press(user, f"agd:add:{number}:0")
    await meeting_starts(bot, meeting)
    # A dot that reached the database after voting closed changes nothing shown.
    async with transaction(runtime(bot.app).sessions) as session:
        session.add(AgendaVote(person_id=1, concern_id=1, created_at=bot.clock.now()))

    await bot.send(JOHN, "/agenda")
    typed = bot.last(JOHN)
    assert "Voting has closed" in typed
    assert (
        "1. ✅ Staff safety (#2) — 2 dots\n"
        "2. Radio programme (#3) — 1 dot\n"
        "3. Water for the camps (#1) — 0 dots"
    ) in typed
    assert bot.api.last_message(JOHN).get("reply_markup") is None  # nothing left to tap
    await bot.press_label(JOHN, "🗳 Agenda")
    assert bot.last(JOHN) == typed

    await bot.send(AMIR, "/agenda")
    dari = bot.last(AMIR)
    assert "رأی‌دهی بسته شد" in dari
    assert "Staff safety (#۲) — ۲ نقطه" in dari
    await bot.press_label(AMIR, "🗳")
    assert bot.last(AMIR) == dari


async def test_agenda_shows_the_meeting_under_way_then_the_next_one(bot: Harness) -> None:
    await add_members(bot)
    first = await schedule(bot, "2026-12-03 10:00")
    second = await schedule(bot, "2027-01-07 10:00", title="January meeting")
    await raise_concerns(bot, first, "Water for the camps")
    await raise_concerns(bot, second, "Road safety")
    await meeting_starts(bot, first)

    await bot.send(JOHN, "/agenda")  # during the meeting: its agenda, not next month's board
    assert "Voting has closed" in bot.last(JOHN) and "Water for the camps" in bot.last(JOHN)
    bot.clock.advance(timedelta(hours=3))
    await bot.send(JOHN, "/agenda")  # after it: the next meeting's board, open for dots
    assert "January meeting" in bot.last(JOHN) and "You have 3 dots left" in bot.last(JOHN)


async def test_agenda_after_the_last_meeting_shows_its_agenda(bot: Harness) -> None:
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-03 10:00")
    await raise_concerns(bot, meeting, "Water for the camps")
    await meeting_starts(bot, meeting)
    bot.clock.advance(timedelta(days=2))
    await bot.send(JOHN, "/agenda")
    assert "Voting has closed" in bot.last(JOHN) and "Water for the camps" in bot.last(JOHN)
