"""The agenda, motions and attendance pages of the board, and /board and /agenda in the chat."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.app import runtime
from bot.jobs.motions import close_due
from db.models import AgendaVote, AuditLog, Meeting
from db.session import transaction
from tests.conftest import Database
from tests.handlers.conftest import COORDINATOR, plain, start_harness, stop_harness
from tests.handlers.network import AMIR, JOHN, ZAHRA, add_members, schedule
from tests.handlers.test_motions import open_motion
from tests.web.conftest import WEB_URL, Board
from tests.web.test_concerns_queue import raise_concern, stored


async def approved_concerns(board: Board, count: int) -> list[int]:
    await add_members(board.bot)
    await schedule(board.bot, "2026-12-21 14:00")
    for number in range(count):
        await raise_concern(board.bot, JOHN, f"Concern number {number}", anonymous=True)
    ids = [c.id for c in await stored(board.bot)]
    answer = await board.post("/api/concerns/approve", COORDINATOR, {"ids": ids})
    assert answer.status == 200
    return ids


async def dots(board: Board) -> int:
    async with transaction(runtime(board.bot.app).sessions) as session:
        return int(await session.scalar(select(func.count(AgendaVote.id))) or 0)


async def test_a_member_places_and_takes_back_dots_within_the_same_limit(board: Board) -> None:
    ids = await approved_concerns(board, 4)
    page = plain((await board.get("/api/agenda", JOHN)).html)
    assert "You have 3 of your 3 dots left" in page
    assert page.count('data-action="agenda/add"') == 4
    for concern_id in ids[:3]:
        answer = await board.post("/api/agenda/add", JOHN, {"ids": [concern_id]})
        assert answer.status == 200
    assert answer.json()["notice"] == f"Dot added to #{ids[2]}."
    assert "You have 0 of your" in plain(answer.html)
    refused = await board.post("/api/agenda/add", JOHN, {"ids": [ids[3]]})
    assert refused.status == 409 and "all 3" in plain(refused.error)
    taken = await board.post("/api/agenda/take", JOHN, {"ids": [ids[0]]})
    assert taken.status == 200 and 'data-action="agenda/take"' in taken.html
    assert await dots(board) == 2
    # The same dot twice is one dot, as in the chat.
    await board.post("/api/agenda/add", JOHN, {"ids": [ids[1]]})
    assert await dots(board) == 2


async def test_the_agenda_reads_in_dari_with_persian_digits(board: Board) -> None:
    ids = await approved_concerns(board, 2)
    await board.post("/api/agenda/add", AMIR, {"ids": [ids[1]]})
    page = plain((await board.get("/api/agenda", AMIR)).html)
    assert "۱ نقطه" in page
    assert f"#{ids[1]}" not in page and "۱۴۰۵" in page  # Solar Hijri year, Persian digits


async def test_voting_closes_when_the_meeting_starts(board: Board) -> None:
    ids = await approved_concerns(board, 2)
    board.bot.clock.set(board.bot.clock.now().replace(year=2026, month=12, day=21, hour=10))
    closed = await board.post("/api/agenda/add", JOHN, {"ids": [ids[0]]})
    assert closed.status == 409 and "closed" in closed.error
    page = (await board.get("/api/agenda", JOHN)).html
    assert "Voting has closed" in page and "data-action" not in page


async def test_motions_show_turnout_against_quorum_live_and_results_once_closed(
    board: Board,
) -> None:
    await add_members(board.bot)
    await schedule(board.bot)
    motion = await open_motion(board.bot)
    page = plain((await board.get("/api/motions", COORDINATOR)).html)
    assert "Adopt the security plan?" in page
    assert "Turnout: 0 of 3" in page and 'value="0"' in page
    await board.bot.press(JOHN, f"mo:v:{motion}:0:0")
    await board.bot.press(AMIR, f"mo:v:{motion}:0:0")
    page = plain((await board.get("/api/motions", COORDINATOR)).html)
    assert "Turnout: 2 of 3 (quorum met" in page
    # Live, not the result: the options' counts are not shown while the motion is open.
    assert "Decision" not in page
    board.bot.clock.advance(timedelta(hours=24))
    await close_due(runtime(board.bot.app))
    page = (await board.get("/api/motions", COORDINATOR)).html
    assert "No motion is open." in page and "Decision" in page
    assert (await board.get("/api/motions", ZAHRA)).status == 403


async def test_attendance_lists_answers_by_organization_with_names(board: Board) -> None:
    await add_members(board.bot)
    meeting = await schedule(board.bot, "2026-12-03 10:00")
    await board.bot.forge(JOHN, f"rsvp:go:{meeting}")
    await board.bot.forge(ZAHRA, f"rsvp:no:{meeting}")
    page = (await board.get("/api/attendance", COORDINATOR)).html
    text = plain(page)
    assert "Balkh Youth Network" in text
    assert "✅ 1 going" in text and "❌ 1 can't" in text
    assert "Going: John" in text and "No answer: Amir" in text
    dari = (await board.get("/api/attendance", AMIR)).status
    assert dari == 403


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        pytest.param("en", "not turned on", id="en"),
        pytest.param("fa", "روشن نیست", id="fa"),
        pytest.param("ps", "نه ده فعاله", id="ps"),
    ],
)
async def test_without_a_web_address_board_says_the_board_is_off(
    database: Database, clock, lang: str, words: str
) -> None:  # type: ignore[no-untyped-def]
    bot = await start_harness(database, clock)
    try:
        await add_members(bot)
        await bot.send(COORDINATOR, "/language")
        await bot.press(COORDINATOR, f"lang:set:{lang}")
        await bot.send(COORDINATOR, "/board")
        assert words in bot.last(COORDINATOR)
        await bot.send(JOHN, "/agenda")
        assert not any("web_app" in b for b in bot.api.buttons(JOHN))
    finally:
        await stop_harness(bot)


async def test_board_offers_a_web_app_button_per_page_to_coordinators_only(board: Board) -> None:
    await add_members(board.bot)
    await schedule(board.bot)
    await board.bot.send(COORDINATOR, "/board")
    buttons = board.bot.api.buttons(COORDINATOR)
    urls = [b["web_app"]["url"] for b in buttons if "web_app" in b]
    assert urls == [
        f"{WEB_URL}/board?page={page}"
        for page in ("attendance", "concerns", "agenda", "motions", "checkin")
    ]
    await board.bot.send(JOHN, "/board")
    assert board.bot.last(JOHN) == "Only coordinators can do that."
    await board.bot.send(JOHN, "/agenda")
    [agenda] = [b for b in board.bot.api.buttons(JOHN) if "web_app" in b]
    assert agenda["web_app"]["url"] == f"{WEB_URL}/board?page=agenda"


async def checkin_code(board: Board, meeting_id: int) -> str | None:
    async with transaction(runtime(board.bot.app).sessions) as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None
        return meeting.checkin_code


async def test_the_checkin_screen_shows_the_code_and_qr_and_counts_who_came(
    board: Board,
) -> None:
    await add_members(board.bot)
    later = await schedule(board.bot, "2026-12-21 14:00")
    page = plain((await board.get("/api/checkin", COORDINATOR)).html)
    assert "Check-in for <b>Monthly coordination meeting</b> opens Monday 21 December" in page
    too_early = await board.post("/api/checkin/open", COORDINATOR, {"ids": [later]})
    assert too_early.status == 409
    # Said as plain text: the page shows it as text, not HTML.
    assert plain(too_early.error).startswith("Check-in for Monthly coordination meeting opens")

    # Half an hour before a meeting (Kabul 12:30): check-in is open.
    meeting = await schedule(board.bot, "2026-12-01 13:00", title="Emergency meeting")
    page = (await board.get("/api/checkin", COORDINATOR)).html
    assert f'data-action="checkin/open" data-id="{meeting}"' in page
    assert await checkin_code(board, meeting) is None  # looking makes no code
    assert (await board.post("/api/checkin/open", JOHN, {"ids": [meeting]})).status == 403
    opened = await board.post("/api/checkin/open", COORDINATOR, {"ids": [meeting]})
    code = await checkin_code(board, meeting)
    assert code is not None
    assert f"{code[:4]}-{code[4:]}" in opened.html and '<svg viewBox="' in opened.html
    assert "0 people checked in" in plain(opened.html)
    again = await board.post("/api/checkin/open", COORDINATOR, {"ids": [meeting]})
    assert await checkin_code(board, meeting) == code and again.status == 200
    async with transaction(runtime(board.bot.app).sessions) as session:
        opened_entries = await session.scalar(
            select(func.count(AuditLog.id)).where(AuditLog.action == "checkin.opened")
        )
    assert opened_entries == 1

    await board.bot.send(JOHN, f"/checkin {code}")
    await board.bot.send(AMIR, f"/checkin {code.lower()}")
    page = plain((await board.get("/api/checkin", COORDINATOR)).html)
    assert "2 people checked in" in page and "1 of 1" in page
    attendance = plain((await board.get(f"/api/attendance?meeting={meeting}", COORDINATOR)).html)
    assert "📍 Checked in: John, Amir" in attendance  # in the order they came
    assert "Emergency meeting" in attendance
