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
from db.models import IncomingUpdate
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


def edit(message_id: int, answer: str) -> intake.KeptReply:
    return intake.KeptReply(
        5, message_id, "en", {"msg": "rsvp-answer", "params": {"a": answer}}, None
    )


def shown_again(kept: list[intake.Kept]) -> list[tuple[int, int | None, dict[str, str]]]:
    return [(k.update_id, r.message_id, r.text["params"]) for k in kept for r in k.replies]


async def test_replies_are_kept_with_the_claim_and_only_the_newest_state_of_a_card_shown(
    session: AsyncSession, clock: FakeClock
) -> None:
    send = intake.KeptReply(5, None, "fa", {"msg": "help", "params": {}}, None)
    assert await intake.claim(session, clock, 1, [edit(77, "going"), send]) is True
    assert await intake.claim(session, clock, 2, [edit(77, "maybe")]) is True
    assert await intake.claim(session, clock, 3) is True
    assert await intake.claim(session, clock, 2, [edit(77, "no")]) is False, "handled before"
    # Update 1's new message still needs showing; its edit of card 77 is an older state.
    assert shown_again(await intake.pending_replies(session)) == [
        (1, None, {}),
        (2, 77, {"a": "maybe"}),
    ]
    await intake.shown(session, [2])
    assert shown_again(await intake.pending_replies(session)) == [(1, None, {})]
    await intake.shown(session, [1])
    assert await intake.pending_replies(session) == []
    assert all(row.replies is None and row.edit is None for row in (await rows(session)).values())


async def test_an_update_shown_takes_with_it_the_older_states_of_the_cards_it_edited(
    session: AsyncSession, clock: FakeClock
) -> None:
    # A double tap on card 77, and a tap on card 78: the first edit is not shown yet when the
    # second one is.
    await intake.claim(session, clock, 1, [edit(77, "going")])
    await intake.claim(session, clock, 2, [edit(78, "going")])
    await intake.claim(session, clock, 3, [edit(77, "maybe")])
    await intake.shown(session, [3])

    # After a crash, card 77 must not go back to Going; card 78 still needs its edit.
    kept = await intake.pending_replies(session)
    assert [(k.update_id, r.message_id) for k in kept for r in k.replies] == [(2, 78)]


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
