"""Stored updates: handled once, their content dropped, forgotten after two days; the SQLite
lock."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FakeClock
from bot.services import intake
from db.instance_lock import AlreadyRunning, sqlite_lock
from db.models import IncomingUpdate, PendingReply
from tests.conftest import (
    ON_POSTGRES,
    fresh_sqlite,
)

TAP = {"update_id": 41, "callback_query": {"id": "q1", "data": "rsvp:go:1"}}
TEXT = {"update_id": 42, "message": {"message_id": 3, "text": "my concern"}}


async def rows(session: AsyncSession) -> dict[int, IncomingUpdate]:
    found = await session.scalars(select(IncomingUpdate).execution_options(populate_existing=True))
    return {row.update_id: row for row in found}


async def test_a_batch_is_stored_once_and_a_resent_update_is_not_new(
    session: AsyncSession, clock: FakeClock
) -> None:
    assert await intake.store(session, clock, [(41, TAP), (42, TEXT)]) == [41, 42]
    # Telegram sends 42 again (its confirmation was lost in a crash) together with a new one.
    assert await intake.store(session, clock, [(42, TEXT), (43, TEXT)]) == [43]
    assert await intake.unhandled(session) == [(41, TAP), (42, TEXT), (43, TEXT)]


async def test_an_update_is_claimed_once_and_its_content_dropped(
    session: AsyncSession, clock: FakeClock
) -> None:
    await intake.store(session, clock, [(42, TEXT)])
    assert await intake.claim(session, clock, 42) is True
    assert await intake.claim(session, clock, 42) is False
    stored = (await rows(session))[42]
    assert stored.payload is None, "what people typed is not kept once handled"
    assert stored.handled_at == clock.now()
    assert await intake.unhandled(session) == []


async def test_an_update_that_was_never_stored_is_recorded_when_claimed(
    session: AsyncSession, clock: FakeClock
) -> None:
    assert await intake.claim(session, clock, 7) is True
    assert await intake.claim(session, clock, 7) is False
    await intake.mark_handled(session, clock, 7)
    assert await intake.is_handled(session, 7)


async def test_handled_updates_are_forgotten_after_two_days_unhandled_ones_never(
    session: AsyncSession, clock: FakeClock
) -> None:
    await intake.store(session, clock, [(1, TEXT), (2, TEXT), (3, TEXT)])
    await intake.claim(session, clock, 1)
    clock.advance(timedelta(days=1))
    await intake.claim(session, clock, 2)
    clock.advance(timedelta(days=1, minutes=1))
    assert await intake.purge(session, clock) == 1
    assert set(await rows(session)) == {2, 3}


async def test_only_the_newest_state_of_a_card_is_kept_to_be_shown_again(
    session: AsyncSession, clock: FakeClock
) -> None:
    def edit(answer: str) -> intake.KeptReply:
        return intake.KeptReply(5, 77, "en", {"msg": "rsvp-answer", "params": {"a": answer}}, None)

    send = intake.KeptReply(5, None, "fa", {"msg": "help", "params": {}}, None)
    assert await intake.keep_replies(session, clock, 1, [edit("going"), send]) is True
    assert await intake.keep_replies(session, clock, 2, [edit("maybe")]) is True
    assert await intake.keep_replies(session, clock, 3, []) is False
    kept = await intake.pending_replies(session)
    assert [(r.update_id, r.message_id, r.text["params"]) for r in kept] == [
        (1, None, {}),
        (2, 77, {"a": "maybe"}),
    ]
    await intake.shown(session, [2])
    assert [r.update_id for r in await intake.pending_replies(session)] == [1]
    await intake.forget_replies(session, [r.id for r in kept])
    assert (await session.scalars(select(PendingReply))).all() == []


async def test_an_update_shown_takes_with_it_the_older_states_of_the_cards_it_edited(
    session: AsyncSession, clock: FakeClock
) -> None:
    def edit(message_id: int, answer: str) -> intake.KeptReply:
        text = {"msg": "rsvp-answer", "params": {"a": answer}}
        return intake.KeptReply(5, message_id, "en", text, None)

    # A double tap: the first update's edit is not shown yet when the second one is.
    await intake.keep_replies(session, clock, 1, [edit(77, "going"), edit(78, "going")])
    await intake.keep_replies(session, clock, 2, [edit(77, "maybe")])
    await intake.shown(session, [2])

    # After a crash, card 77 must not go back to Going; card 78 still needs its edit.
    kept = await intake.pending_replies(session)
    assert [(r.update_id, r.message_id) for r in kept] == [(1, 78)]


# ---------------------------------------------------------------------- one process at a time


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite only: PostgreSQL runs standby processes")
def test_a_second_holder_of_the_sqlite_lock_is_refused_until_the_first_lets_go(
    tmp_path: Path,
) -> None:
    database = fresh_sqlite(tmp_path)
    with sqlite_lock(database.url):
        with pytest.raises(AlreadyRunning):
            with sqlite_lock(database.url):
                pass
    with sqlite_lock(database.url):
        pass


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite only: PostgreSQL runs standby processes")
def test_the_lock_of_one_sqlite_file_does_not_block_another(tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    with sqlite_lock(fresh_sqlite(tmp_path).url):
        with sqlite_lock(fresh_sqlite(tmp_path / "other").url):
            pass
