"""What a tap asks of the database: one transaction, a few statements, then the replies.

bench/update_throughput.py times these against a bare python-telegram-bot handler; here the
path itself is pinned, so that a change which adds statements to every tap is a decision, not a
drift.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from bot.app import runtime
from tests.handlers.conftest import Harness
from tests.handlers.network import AMIR, JOHN, add_members, schedule


@pytest.fixture
def trace(bot: Harness) -> Iterator[list[str]]:
    """Statements (first word), commits and Telegram calls, in the order they happen."""
    steps: list[str] = []
    engine = runtime(bot.app).engine.sync_engine

    def statement(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        steps.append(sql.split(None, 1)[0].upper())

    def commit(_conn: object) -> None:
        steps.append("COMMIT")

    handle = bot.api.handle

    def telegram(method: str, params: Any, **kwargs: Any) -> Any:
        steps.append(method)
        return handle(method, params, **kwargs)

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", commit)
    bot.api.handle = telegram  # type: ignore[method-assign]
    yield steps
    bot.api.handle = handle  # type: ignore[method-assign]
    event.remove(engine, "commit", commit)
    event.remove(engine, "before_cursor_execute", statement)


async def invited(bot: Harness) -> int:
    await add_members(bot)
    meeting_id = await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    return meeting_id


async def test_a_tap_is_one_transaction_then_its_replies(bot: Harness, trace: list[str]) -> None:
    meeting_id = await invited(bot)
    trace.clear()

    await bot.press(JOHN, f"rsvp:go:{meeting_id}")

    assert "Your answer: ✅ Going" in bot.last(JOHN)
    assert trace == [
        "SELECT",  # the person and their seats: read, not written
        "SELECT",  # the meeting, locked
        "INSERT",  # the answer: one upsert
        "INSERT",  # the update marked handled, and the edit kept until it is shown
        "COMMIT",
        # Side by side: the edit leaves while the answer is on its way.
        "answerCallbackQuery",
        "editMessageText",
    ]


async def test_the_kept_edits_of_many_taps_are_forgotten_in_one_statement_when_it_dispatches(
    bot: Harness,
) -> None:
    meeting_id = await invited(bot)
    await bot.press(JOHN, f"rsvp:go:{meeting_id}")
    await bot.press(AMIR, f"rsvp:maybe:{meeting_id}")
    forgetting: list[str] = []

    def statement(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        if "incoming_update" in sql:
            forgetting.append(sql.split(None, 1)[0].upper())

    engine = runtime(bot.app).engine.sync_engine
    event.listen(engine, "before_cursor_execute", statement)
    try:
        await bot.dispatch()
    finally:
        event.remove(engine, "before_cursor_execute", statement)

    assert forgetting == ["UPDATE"]
    assert len(runtime(bot.app).shown_edits) == 0


async def test_the_same_tap_again_reads_the_answer_and_keeps_nothing(
    bot: Harness, trace: list[str]
) -> None:
    meeting_id = await invited(bot)
    await bot.press(JOHN, f"rsvp:go:{meeting_id}")
    trace.clear()

    await bot.press(JOHN, f"rsvp:go:{meeting_id}")

    assert trace == [
        "SELECT",
        "SELECT",
        "INSERT",  # the upsert changes nothing…
        "SELECT",  # …so the answer is read for the toast
        "INSERT",  # the update marked handled, nothing kept
        "COMMIT",
        "answerCallbackQuery",
    ]


async def test_next_is_one_transaction_then_the_card_then_one_to_make_it_the_live_card(
    bot: Harness, trace: list[str]
) -> None:
    meeting_id = await invited(bot)
    bot.auto_dispatch = False  # the invitation loses its buttons later, through the outbox
    trace.clear()

    await bot.send(JOHN, "/next")

    assert f"rsvp:go:{meeting_id}" in bot.data(JOHN)
    assert trace == [
        "SELECT",  # the person and their seats
        "SELECT",  # the next meeting
        "SELECT",  # the person's answer
        "INSERT",  # the update marked handled, and the card kept until it is shown
        "COMMIT",
        "sendMessage",
        "UPDATE",  # the kept card forgotten…
        "INSERT",  # …and the new card made the live one
        "SELECT",
        "UPDATE",
        "INSERT",  # the invitation's card to retire, through the outbox
        "COMMIT",
    ]
