"""Outbox rows are leased to a named process: only it records the result, and a row is taken
back only from a dead owner or after its lease; the process table tells the living."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FakeClock
from bot.services import intake, outbox, processes
from bot.services.outbox import CLAIM_LEASE, Outcome
from db.models import BotProcess, Outbox, OutboxStatus, ProcessRole
from tests.conftest import ON_POSTGRES

SECOND = timedelta(seconds=1)
SENT = Outcome(OutboxStatus.SENT, tg_message_id=11)


async def put(session: AsyncSession, clock: FakeClock, *keys: str) -> None:
    for key in keys:
        await outbox.enqueue(
            session, clock, kind="reminder", dedupe_key=key, due_at=clock.now(), chat_id=5
        )


async def row(session: AsyncSession, key: str) -> Outbox:
    found = await session.scalars(
        select(Outbox).where(Outbox.dedupe_key == key).execution_options(populate_existing=True)
    )
    return found.one()


async def test_a_claim_names_its_owner_and_lasts_the_lease(
    session: AsyncSession, clock: FakeClock
) -> None:
    await put(session, clock, "a")
    (claimed,) = await outbox.claim(session, clock, fanout=False, owner="worker-1")
    assert (claimed.claimed_by, claimed.claimed_at, claimed.lease_until) == (
        "worker-1",
        clock.now(),
        clock.now() + CLAIM_LEASE,
    )
    assert await outbox.finish_many(session, clock, [(claimed.id, SENT, False)], owner="worker-1")
    done = await row(session, "a")
    assert (done.status, done.tg_message_id) == (OutboxStatus.SENT, 11)


async def test_a_worker_whose_lease_expired_and_was_taken_cannot_record_a_send(
    session: AsyncSession, clock: FakeClock
) -> None:
    await put(session, clock, "a")
    (first,) = await outbox.claim(session, clock, fanout=False, owner="slow")
    clock.advance(CLAIM_LEASE + SECOND)  # "slow" is stuck waiting for Telegram's answer
    (second,) = await outbox.claim(session, clock, fanout=False, owner="fast")
    assert second.id == first.id and second.attempts == 2

    # The slow worker's answer comes at last: it is not recorded, the row is the other's.
    assert (
        await outbox.finish_many(session, clock, [(first.id, SENT, False)], owner="slow") == set()
    )
    taken = await row(session, "a")
    assert (taken.status, taken.claimed_by, taken.tg_message_id) == (
        OutboxStatus.SENDING,
        "fast",
        None,
    )
    failed = Outcome(OutboxStatus.FAILED, "refused")
    assert not await outbox.finish_many(session, clock, [(first.id, failed, False)], owner="slow")
    assert (await row(session, "a")).status == OutboxStatus.SENDING

    later = Outcome(OutboxStatus.SENT, tg_message_id=12)
    assert await outbox.finish_many(session, clock, [(first.id, later, False)], owner="fast") == {
        first.id
    }
    assert ((await row(session, "a")).status, (await row(session, "a")).tg_message_id) == (
        OutboxStatus.SENT,
        12,
    )


async def test_a_lease_that_ran_out_but_was_not_taken_still_records_the_send(
    session: AsyncSession, clock: FakeClock
) -> None:
    # Nobody sent it since: recording it is what keeps it from being sent a second time.
    await put(session, clock, "a")
    (claimed,) = await outbox.claim(session, clock, fanout=False, owner="slow")
    clock.advance(CLAIM_LEASE + SECOND)
    assert await outbox.finish_many(session, clock, [(claimed.id, SENT, False)], owner="slow")
    assert (await row(session, "a")).status == OutboxStatus.SENT
    assert await outbox.claim(session, clock, fanout=False, owner="other") == []


async def test_only_rows_of_dead_owners_are_taken_back_at_once(
    session: AsyncSession, clock: FakeClock
) -> None:
    await put(session, clock, "live", "dead", "mine", "legacy")
    for key, owner in (("live", "alive-1"), ("dead", "gone-1"), ("mine", "me"), ("legacy", None)):
        (claimed,) = await outbox.claim(session, clock, fanout=False, owner=owner)
        assert claimed.dedupe_key == key

    taken = await outbox.reclaim_abandoned(session, clock, owner="me", live={"alive-1"})

    assert taken == 2
    states = {key: (await row(session, key)) for key in ("live", "dead", "mine", "legacy")}
    assert {key: r.status for key, r in states.items()} == {
        "live": OutboxStatus.SENDING,
        "dead": OutboxStatus.PENDING,
        "mine": OutboxStatus.SENDING,
        "legacy": OutboxStatus.PENDING,
    }
    assert states["dead"].claimed_by is None and states["dead"].next_attempt_at == clock.now()
    # The dead owner, were it to answer after all, records nothing.
    dead_id = states["dead"].id
    assert not await outbox.finish_many(session, clock, [(dead_id, SENT, False)], owner="gone-1")
    again = await outbox.claim(session, clock, fanout=False, limit=5, owner="me")
    assert {r.dedupe_key for r in again} == {"dead", "legacy"}
    assert {r.attempts for r in again} == {2}, "the try the dead run made still counts"


async def backend_of_this_session(session: AsyncSession) -> processes.Backend:
    pid, started = (
        await session.execute(
            text("SELECT pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()")
        )
    ).one()
    return processes.Backend(pid, started)


@pytest.mark.skipif(not ON_POSTGRES, reason="a process's liveness is its PostgreSQL session")
async def test_a_process_is_alive_exactly_while_its_session_is(
    session: AsyncSession, clock: FakeClock
) -> None:
    here = await backend_of_this_session(session)
    await processes.register(session, clock, "h:1:aa", mode="polling", backend=here)
    # Same server process id, another session start: a dead run whose pid was reused.
    stale = processes.Backend(here.pid, here.started - SECOND)
    await processes.register(session, clock, "h:2:bb", mode="polling", backend=stale)
    await processes.register(session, clock, "h:3:cc", mode="polling", backend=None)
    assert await processes.live_names(session) == {"h:1:aa"}
    assert await processes.forget_dead(session, {"h:1:aa"}) == 2
    assert list(await session.scalars(select(BotProcess.name))) == ["h:1:aa"]


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite: one process per database file")
async def test_on_sqlite_no_other_process_is_alive(session: AsyncSession, clock: FakeClock) -> None:
    await processes.register(session, clock, "h:1:aa", mode="polling", backend=None)
    assert await processes.live_names(session) == set()


async def test_status_tells_the_leader_the_outbox_and_the_oldest_unhandled_update(
    session: AsyncSession, clock: FakeClock
) -> None:
    backend = await backend_of_this_session(session) if ON_POSTGRES else None
    name = "host:42:abcdef"
    await processes.register(session, clock, name, mode="webhook", backend=backend)
    await processes.set_role(session, clock, name, ProcessRole.LEADER)
    if ON_POSTGRES:
        # This session takes the leader's lock, as the process's lock connection would.
        database, schema = (
            await session.execute(text("SELECT current_database(), current_schema()"))
        ).one()
        from db.instance_lock import advisory_key

        await session.execute(
            text("SELECT pg_advisory_lock(:key)"), {"key": advisory_key(database, schema)}
        )
    await put(session, clock, "a", "b", "c")
    await outbox.enqueue(
        session,
        clock,
        kind="reminder",
        dedupe_key="later",
        due_at=clock.now() + timedelta(hours=1),
        chat_id=5,
    )
    await outbox.claim(session, clock, fanout=False, owner=name)
    clock.advance(SECOND)
    await processes.beat(session, clock, name, dispatched_at=clock.now())
    await intake.store(session, clock, [(7, {"update_id": 7}), (8, {"update_id": 8})])
    await intake.claim(session, clock, 7)
    clock.advance(10 * SECOND)

    status = await processes.status(session, clock)

    assert status.leader is not None and status.leader.name == name
    assert (status.leader.host, status.leader.pid, status.leader.mode) == ("host", 42, "webhook")
    assert status.outbox[OutboxStatus.PENDING] == 3 and status.outbox[OutboxStatus.SENDING] == 1
    assert status.due_now == 2
    assert status.dispatched_at == clock.now() - 10 * SECOND
    assert status.oldest_unhandled == (8, clock.now() - 10 * SECOND)
    assert status.unhandled == 1
    if ON_POSTGRES:
        await session.execute(text("SELECT pg_advisory_unlock_all()"))


async def test_status_has_no_leader_when_none_is_seen(
    session: AsyncSession, clock: FakeClock
) -> None:
    await processes.register(session, clock, "host:1:aa", mode="polling", backend=None)
    await processes.set_role(session, clock, "host:1:aa", ProcessRole.LEADER)
    clock.advance(processes.SILENT + SECOND)  # it stopped beating (SQLite), or has no session
    status = await processes.status(session, clock)
    assert status.leader is None
    assert [view.alive for view in status.processes] == [False]
    assert status.oldest_unhandled is None
