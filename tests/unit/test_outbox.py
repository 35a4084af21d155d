"""The outbox: written once per key, claimed when due, recovered after a crash, retried."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.services import outbox
from bot.services.outbox import BACKOFF_CAP, CLAIM_LEASE, Outcome
from db.models import OutboxStatus
from tests.factories import act
from tests.unit.meeting_factories import make_coordinator, make_meeting, outbox_rows

SECOND, MINUTE = timedelta(seconds=1), timedelta(minutes=1)


async def put(
    session: AsyncSession,
    clock: FakeClock,
    key: str,
    *,
    due_in: timedelta = timedelta(0),
    fanout: bool = False,
    meeting_id: int | None = None,
    status: OutboxStatus = OutboxStatus.PENDING,
) -> bool:
    return await outbox.enqueue(
        session,
        clock,
        kind="reminder",
        dedupe_key=key,
        due_at=clock.now() + due_in,
        meeting_id=meeting_id,
        chat_id=None if fanout else 5_000_000_001,
        fanout=fanout,
        status=status,
    )


async def keys(session: AsyncSession, status: OutboxStatus) -> list[str]:
    return [row.dedupe_key for row in await outbox_rows(session, status=status)]


async def test_a_key_is_written_once(session: AsyncSession, clock: FakeClock) -> None:
    assert await put(session, clock, "remind:m42:p7:1d") is True
    assert await put(session, clock, "remind:m42:p7:1d", due_in=MINUTE) is False

    (row,) = await outbox_rows(session)
    assert (row.dedupe_key, row.due_at, row.next_attempt_at) == (
        "remind:m42:p7:1d",
        clock.now(),
        clock.now(),
    )
    assert (row.status, row.attempts, row.payload) == (OutboxStatus.PENDING, 0, {})


async def test_claim_takes_only_due_rows_and_marks_them_sending(
    session: AsyncSession, clock: FakeClock
) -> None:
    await put(session, clock, "later", due_in=SECOND)
    await put(session, clock, "now")
    await put(session, clock, "earlier", due_in=-MINUTE)
    await put(session, clock, "fan-out", fanout=True)
    await put(session, clock, "done", status=OutboxStatus.SENT)
    await put(session, clock, "blocked", status=OutboxStatus.UNREACHABLE)

    claimed = await outbox.claim(session, clock, fanout=False, limit=10)

    assert [row.dedupe_key for row in claimed] == ["earlier", "now"]
    for row in await outbox_rows(session):
        if row.dedupe_key in ("earlier", "now"):
            assert (row.status, row.attempts, row.claimed_at) == (
                OutboxStatus.SENDING,
                1,
                clock.now(),
            )
        else:
            assert (row.attempts, row.claimed_at) == (0, None)
    assert await outbox.claim(session, clock, fanout=False, limit=10) == []
    assert [
        row.dedupe_key for row in await outbox.claim(session, clock, fanout=True, limit=10)
    ] == ["fan-out"]
    clock.advance(SECOND)
    assert [
        row.dedupe_key for row in await outbox.claim(session, clock, fanout=False, limit=10)
    ] == ["later"]


async def test_claim_takes_at_most_the_limit_soonest_first(
    session: AsyncSession, clock: FakeClock
) -> None:
    for minutes in (3, 1, 2, 4):
        await put(session, clock, f"m{minutes}", due_in=-minutes * MINUTE)

    first = await outbox.claim(session, clock, fanout=False, limit=3)
    second = await outbox.claim(session, clock, fanout=False, limit=3)

    assert [row.dedupe_key for row in first] == ["m4", "m3", "m2"]
    assert [row.dedupe_key for row in second] == ["m1"]


async def test_a_row_left_sending_after_a_crash_is_claimed_again_once_the_lease_ends(
    session: AsyncSession, clock: FakeClock
) -> None:
    await put(session, clock, "in-flight")
    (row,) = await outbox.claim(session, clock, fanout=False, limit=10)
    # The process dies here: the row stays `sending`.

    clock.advance(CLAIM_LEASE)
    assert await outbox.claim(session, clock, fanout=False, limit=10) == []
    clock.advance(SECOND)
    (again,) = await outbox.claim(session, clock, fanout=False, limit=10)

    assert (again.id, again.status, again.attempts, again.claimed_at) == (
        row.id,
        OutboxStatus.SENDING,
        2,
        clock.now(),
    )


async def test_a_retry_puts_the_row_back_until_its_time(
    session: AsyncSession, clock: FakeClock
) -> None:
    await put(session, clock, "flaky")
    (row,) = await outbox.claim(session, clock, fanout=False, limit=10)
    retry_at = clock.now() + outbox.backoff(row.attempts)

    await outbox.finish(
        session, clock, row.id, Outcome(OutboxStatus.PENDING, "network down", retry_at=retry_at)
    )

    (pending,) = await outbox_rows(session)
    assert (pending.status, pending.next_attempt_at, pending.last_error) == (
        OutboxStatus.PENDING,
        retry_at,
        "network down",
    )
    assert await outbox.next_due_at(session) == retry_at
    clock.set(retry_at - SECOND)
    assert await outbox.claim(session, clock, fanout=False, limit=10) == []
    clock.set(retry_at)
    (again,) = await outbox.claim(session, clock, fanout=False, limit=10)
    assert again.attempts == 2


@pytest.mark.parametrize(
    ("outcome", "sent"),
    [
        pytest.param(Outcome(OutboxStatus.SENT, tg_message_id=777), True, id="sent"),
        pytest.param(Outcome(OutboxStatus.UNREACHABLE, "Forbidden: blocked"), False, id="blocked"),
        pytest.param(Outcome(OutboxStatus.FAILED, "x" * 500), False, id="dead-letter"),
        pytest.param(Outcome(OutboxStatus.SKIPPED, "stale"), False, id="skipped"),
    ],
)
async def test_finishing_records_the_outcome(
    session: AsyncSession, clock: FakeClock, outcome: Outcome, sent: bool
) -> None:
    await put(session, clock, "one")
    (row,) = await outbox.claim(session, clock, fanout=False, limit=10)
    clock.advance(SECOND)

    await outbox.finish(session, clock, row.id, outcome)

    (done,) = await outbox_rows(session)
    assert done.status == outcome.status
    assert done.last_error == (outcome.error[:300] if outcome.error else None)
    assert (done.sent_at, done.tg_message_id) == ((clock.now(), 777) if sent else (None, None))
    clock.advance(CLAIM_LEASE * 10)
    assert await outbox.claim(session, clock, fanout=False, limit=10) == []
    assert await outbox.next_due_at(session) is None


@pytest.mark.parametrize(
    ("attempts", "delay"),
    [
        pytest.param(0, timedelta(seconds=15), id="never-tried"),
        pytest.param(1, timedelta(seconds=15), id="first"),
        pytest.param(2, timedelta(seconds=30), id="second"),
        pytest.param(3, timedelta(minutes=1), id="third"),
        pytest.param(7, timedelta(minutes=16), id="seventh"),
        pytest.param(8, BACKOFF_CAP, id="eighth-capped"),
        pytest.param(60, BACKOFF_CAP, id="sixtieth-capped"),
        pytest.param(10_000, BACKOFF_CAP, id="many-capped"),
    ],
)
def test_backoff_doubles_up_to_the_cap(attempts: int, delay: timedelta) -> None:
    assert outbox.backoff(attempts) == delay


async def test_counts_are_per_status_for_the_meetings_own_messages(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting = await make_meeting(session, clock)  # its fan-out rows are not messages
    other = await make_meeting(session, clock)
    for number, status in enumerate(
        [OutboxStatus.PENDING] * 3
        + [OutboxStatus.SENT] * 2
        + [OutboxStatus.UNREACHABLE, OutboxStatus.FAILED]
    ):
        await put(session, clock, f"m{meeting.id}:{number}", meeting_id=meeting.id, status=status)
    await put(session, clock, "elsewhere", meeting_id=other.id, status=OutboxStatus.SENT)

    coordinator = await act(session, await make_coordinator(session, clock))
    counts = await outbox.counts(session, coordinator, meeting.id)

    assert counts == {
        OutboxStatus.PENDING: 3,
        OutboxStatus.SENDING: 0,
        OutboxStatus.SENT: 2,
        OutboxStatus.SKIPPED: 0,
        OutboxStatus.UNREACHABLE: 1,
        OutboxStatus.FAILED: 1,
    }
    by_kind = await outbox.counts_by_kind(session, meeting.id)
    assert list(by_kind) == ["reminder"]
    assert by_kind["reminder"] == counts


async def test_skipping_drops_only_pending_rows_of_the_given_kinds_and_meeting(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting = await make_meeting(session, clock)
    other = await make_meeting(session, clock)
    await put(session, clock, "pending", meeting_id=meeting.id)
    await put(session, clock, "sent", meeting_id=meeting.id, status=OutboxStatus.SENT)
    await put(session, clock, "other-meeting", meeting_id=other.id)
    await outbox.enqueue(
        session,
        clock,
        kind="promotion",
        dedupe_key="other-kind",
        due_at=clock.now(),
        meeting_id=meeting.id,
    )

    await outbox.skip_pending(session, meeting.id, ["reminder"], reason="meeting cancelled")

    statuses = {row.dedupe_key: (row.status, row.last_error) for row in await outbox_rows(session)}
    assert statuses["pending"] == (OutboxStatus.SKIPPED, "meeting cancelled")
    assert statuses["sent"] == (OutboxStatus.SENT, None)
    assert statuses["other-meeting"] == statuses["other-kind"] == (OutboxStatus.PENDING, None)
    for key, (status, _error) in statuses.items():
        if key.startswith("reminders:"):  # the meeting's own planned reminder fan-outs
            assert status == (
                OutboxStatus.SKIPPED if f":m{meeting.id}:" in key else OutboxStatus.PENDING
            )
        if key.startswith("invitations:"):
            assert status == OutboxStatus.PENDING


async def test_two_dispatchers_claiming_at_once_never_take_the_same_row(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with sessions() as session, session.begin():
        for number in range(20):
            await put(session, clock, f"row{number}", due_in=-number * SECOND)

    start = asyncio.Barrier(2)

    async def dispatcher() -> list[int]:
        async with sessions() as session, session.begin():
            await session.connection()  # connected and in a transaction before either claims
            await start.wait()
            return [row.id for row in await outbox.claim(session, clock, fanout=False, limit=15)]

    first, second = await asyncio.gather(dispatcher(), dispatcher())

    assert set(first).isdisjoint(second)
    assert len(first) + len(second) == 20
    async with sessions() as session:
        rows = await outbox_rows(session)
    assert {row.attempts for row in rows} == {1}
