"""The concerns queue on the board: filters, search, decisions one by one or several at once,
voice notes and photos through the bot, and anonymous senders who appear nowhere."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import runtime
from db.models import AuditLog, Concern, ConcernStatus
from db.session import transaction
from tests.conftest import Database
from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.network import AMIR, JOHN, MEMBERS, ZAHRA, add_members, schedule
from tests.web.conftest import Board, start_board, stop_board

SECRET = 4_000_555
NAME, USERNAME = "Zarghuna", "zarghuna_balkh"


async def raise_concern(
    bot: Harness, user: int, text: str | None, topic: str = "security", *, anonymous: bool
) -> None:
    await bot.send(user, "/concern")
    if text is None:
        await bot.send_voice(user)
    else:
        await bot.send(user, text)
    await bot.press(user, f"cnc:topic:{topic}")
    await bot.press(user, "cnc:who:anon" if anonymous else "cnc:who:named")
    await bot.press(user, "cnc:send")


def listed(html: str) -> str:
    """The list of concerns on the page (not the choice of concerns to merge into)."""
    return html.partition('<ul class="queue">')[2]


async def stored(bot: Harness) -> list[Concern]:
    async with transaction(runtime(bot.app).sessions) as session:
        return list(await session.scalars(select(Concern).order_by(Concern.id)))


async def three_concerns(board: Board) -> list[Concern]:
    await add_members(board.bot)
    await schedule(board.bot, "2026-12-21 14:00")
    await raise_concern(board.bot, JOHN, "Checkpoints on the Balkh road", anonymous=True)
    await raise_concern(
        board.bot, AMIR, "Funding for the spring school", "funding", anonymous=False
    )
    await raise_concern(board.bot, ZAHRA, None, "media", anonymous=True)
    return await stored(board.bot)


async def test_the_queue_lists_waiting_concerns_with_named_senders_only(board: Board) -> None:
    road, _funding, voice = await three_concerns(board)
    page = (await board.get("/api/concerns", COORDINATOR)).html
    assert "Checkpoints on the Balkh road" in page and "Funding for the spring school" in page
    assert "👤 \u2068Amir\u2069" in page
    assert page.count("🕶 anonymous") == 2
    assert f'data-file="{voice.id}" data-kind="voice"' in page
    assert "John" not in page and "Zahra" not in page
    assert f'value="{road.id}"' in page and 'data-action="concerns/approve" data-bulk' in page


async def test_filters_by_topic_and_status_and_a_search_in_the_text(board: Board) -> None:
    _road, _funding, _voice = await three_concerns(board)
    by_topic = listed((await board.get("/api/concerns?topic=funding", COORDINATOR)).html)
    assert "Funding for the spring" in by_topic and "Checkpoints" not in by_topic
    found = listed((await board.get("/api/concerns?q=balkh%20CHECKPOINTS", COORDINATOR)).html)
    assert "Checkpoints" in found and "Funding" not in found
    nothing = (await board.get("/api/concerns?q=100%25_", COORDINATOR)).html
    assert "No concern matches." in nothing
    approved = (await board.get("/api/concerns?status=approved", COORDINATOR)).html
    assert "No concern matches." in approved
    # Unknown filters are ignored rather than trusted.
    odd = await board.get("/api/concerns?status=DROP&topic=x'--", COORDINATOR)
    assert odd.status == 200 and "Checkpoints" in listed(odd.html)


async def test_approving_one_concern_decides_it_audits_it_and_tells_its_sender(
    board: Board,
) -> None:
    road, _funding, _voice = await three_concerns(board)
    answer = await board.post(
        "/api/concerns/approve?status=submitted", COORDINATOR, {"ids": [str(road.id)]}
    )
    assert answer.status == 200, answer.text
    assert answer.json()["notice"].startswith("✅ Approved: #")
    assert "Checkpoints" not in listed(answer.html)  # the queue of waiting ones, without it
    [decided, *_rest] = await stored(board.bot)
    assert decided.status == ConcernStatus.APPROVED
    assert f"#{road.id}" in board.bot.last(JOHN) and "approved" in board.bot.last(JOHN)
    async with transaction(runtime(board.bot.app).sessions) as session:
        actions = list(await session.scalars(select(AuditLog.action)))
    assert "concern.approved" in actions
    again = await board.post("/api/concerns/approve", COORDINATOR, {"ids": [road.id]})
    assert "has already been decided" in again.json()["notice"]


async def test_several_concerns_are_rejected_at_once_with_one_reason(board: Board) -> None:
    road, funding, _voice = await three_concerns(board)
    empty = await board.post(
        "/api/concerns/reject", COORDINATOR, {"ids": [road.id, funding.id], "reason": "  "}
    )
    assert empty.status == 409 and "reason" in empty.error
    nothing = await board.post("/api/concerns/reject", COORDINATOR, {"ids": [], "reason": "x"})
    assert nothing.status == 409 and "Tick one or more" in nothing.error
    answer = await board.post(
        "/api/concerns/reject",
        COORDINATOR,
        {"ids": [road.id, funding.id], "reason": "Outside the network's work"},
    )
    assert answer.status == 200
    statuses = [c.status for c in await stored(board.bot)]
    assert statuses == [ConcernStatus.REJECTED, ConcernStatus.REJECTED, ConcernStatus.SUBMITTED]
    assert "Outside the network's work" in board.bot.last(AMIR)


async def test_merging_folds_the_chosen_concerns_into_another(board: Board) -> None:
    road, funding, voice = await three_concerns(board)
    none = await board.post("/api/concerns/merge", COORDINATOR, {"ids": [road.id]})
    assert none.status == 409 and "merge into" in none.error
    answer = await board.post(
        "/api/concerns/merge", COORDINATOR, {"ids": [road.id, voice.id], "target": funding.id}
    )
    assert answer.status == 200, answer.text
    merged = [c for c in await stored(board.bot) if c.status == ConcernStatus.MERGED]
    assert [c.merged_into_id for c in merged] == [funding.id, funding.id]


async def test_forged_ids_are_refused_without_a_traceback(board: Board) -> None:
    await three_concerns(board)
    for ids in (["1; DROP TABLE concern"], [True], [2**40], "1", [{"id": 1}]):
        answer = await board.post("/api/concerns/approve", COORDINATOR, {"ids": ids})
        assert answer.status == 409, ids
    not_json = await board.client.post(
        "/api/concerns/approve", data="ids=1", headers=board.headers(COORDINATOR)
    )
    assert not_json.status == 415


async def test_a_voice_note_is_played_through_the_bots_own_file_access(board: Board) -> None:
    _road, _funding, voice = await three_concerns(board)
    assert voice.file_id is not None
    answer = await board.get(f"/api/concerns/{voice.id}/file", COORDINATOR)
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "audio/ogg"
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.body == board.bot.api.file(voice.file_id).content
    assert board.bot.api.sent("getFile")
    assert (await board.get(f"/api/concerns/{voice.id}/file", JOHN)).status == 403
    assert (await board.get(f"/api/concerns/{voice.id}/file", None)).status == 401
    assert (await board.get("/api/concerns/999/file", COORDINATOR)).status == 404
    text_only = await board.get("/api/concerns/1/file", COORDINATOR)
    assert text_only.status == 404


async def test_no_answer_of_the_board_ever_names_an_anonymous_sender(
    database: Database, clock
) -> None:  # type: ignore[no-untyped-def]
    # The sender is a coordinator in no organization who did not answer the invitation: on no
    # page of the board may their name, username or Telegram id appear.
    board = await start_board(database, clock, SHURA_COORDINATORS=f"{COORDINATOR},{SECRET}")
    try:
        bot = board.bot
        await add_members(bot, (*MEMBERS,))
        bot.api.user(SECRET, NAME, "en", USERNAME)
        await bot.send(SECRET, "/start")
        await schedule(bot, "2026-12-21 14:00")
        await raise_concern(bot, SECRET, "Threats against our staff in Dawlatabad", anonymous=True)
        await raise_concern(bot, SECRET, None, "funding", anonymous=True)
        await raise_concern(bot, JOHN, "Funding for the spring", "funding", anonymous=False)
        text, voice, named = await stored(bot)

        for reader in (COORDINATOR, SECRET, AMIR, JOHN):
            for path in (
                "/api/me",
                "/api/attendance",
                "/api/concerns",
                "/api/concerns?status=all",
                "/api/concerns?q=threats",
                f"/api/concerns/{voice.id}/file",
                "/api/agenda",
                "/api/motions",
            ):
                await board.get(path, reader)
        await board.post("/api/concerns/approve", COORDINATOR, {"ids": [text.id]})
        await board.post(
            "/api/concerns/merge", COORDINATOR, {"ids": [voice.id], "target": named.id}
        )
        await board.post("/api/concerns/approve", COORDINATOR, {"ids": [named.id]})
        await board.post("/api/agenda/add", AMIR, {"ids": [text.id]})
        for path in ("/api/concerns?status=all", "/api/agenda", "/api/attendance"):
            await board.get(path, COORDINATOR)

        assert len(board.answers) > 30
        assert any("Threats against our staff" in a.text for a in board.answers)
        assert any("John" in a.text for a in board.answers)  # named: shown by name
        for answer in board.answers:
            seen = answer.text + repr(answer.headers)
            for secret in (NAME, USERNAME, str(SECRET)):
                assert secret not in seen
    finally:
        await stop_board(board)
