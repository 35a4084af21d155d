"""The outbox: every message the bot decided to send, durable until sent or given up."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, any_, bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.actor import Actor
from bot.services.kinds import LIVE_CARD_KINDS, Kind
from db.models import Outbox, OutboxStatus
from db.queries import insert_or_ignore

# A row claimed but never finished is tried again after this; a new leader takes back at once
# the rows of an owner known to be dead (reclaim_abandoned).
CLAIM_LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 6
BACKOFF_START = timedelta(seconds=15)
BACKOFF_CAP = timedelta(minutes=30)


async def enqueue(
    session: AsyncSession,
    clock: Clock,
    *,
    kind: Kind,
    dedupe_key: str,
    due_at: datetime,
    meeting_id: int | None = None,
    person_id: int | None = None,
    chat_id: int | None = None,
    not_after: datetime | None = None,
    fanout: bool = False,
    payload: dict[str, Any] | None = None,
    status: OutboxStatus = OutboxStatus.PENDING,
) -> bool:
    """Add a message to the outbox once: a second row with the same key is ignored."""
    result = await session.execute(
        insert_or_ignore(
            session,
            Outbox,
            ["dedupe_key"],
            {
                "kind": kind,
                "fanout": fanout,
                "meeting_id": meeting_id,
                "person_id": person_id,
                "chat_id": chat_id,
                "dedupe_key": dedupe_key,
                "payload": payload or {},
                "due_at": due_at,
                "not_after": not_after,
                "status": status,
                "attempts": 0,
                "next_attempt_at": due_at,
                "created_at": clock.now(),
            },
        ).returning(Outbox.id)
    )
    # RETURNING, not rowcount: psycopg reports rowcount -1 for an INSERT whose RETURNING
    # SQLAlchemy consumed, which read as "inserted" even when the key already existed.
    return result.first() is not None


async def enqueue_many(session: AsyncSession, clock: Clock, rows: Sequence[dict[str, Any]]) -> int:
    """Add many messages at once (a fan-out to thousands); keys already present are ignored."""
    if not rows:
        return 0
    now = clock.now()
    values = [
        {
            "fanout": False,
            "meeting_id": None,
            "person_id": None,
            "chat_id": None,
            "payload": {},
            "not_after": None,
            "status": OutboxStatus.PENDING,
            "attempts": 0,
            "created_at": now,
            **row,
            "next_attempt_at": row["due_at"],
        }
        for row in rows
    ]
    inserted = await session.execute(
        insert_or_ignore(session, Outbox, ["dedupe_key"]).returning(Outbox.id), values
    )
    return len(inserted.all())


def _due(now: datetime) -> Any:
    return or_(
        (Outbox.status == OutboxStatus.PENDING) & (Outbox.next_attempt_at <= now),
        (Outbox.status == OutboxStatus.SENDING) & (Outbox.lease_until < now),
    )


async def claim(
    session: AsyncSession,
    clock: Clock,
    *,
    fanout: bool,
    limit: int = 1,
    owner: str | None = None,
) -> list[Outbox]:
    """Take up to `limit` due rows, oldest first, in one statement: no two workers share one.

    Each row is leased to `owner` (a process's name) for CLAIM_LEASE: only the owner may record
    its result (finish_many), and another worker takes it back only when the lease is over.
    The UPDATE takes SQLite's write lock before it looks. On PostgreSQL the inner SELECT skips
    rows other workers have locked (FOR UPDATE SKIP LOCKED) and runs once, as an array: run as
    an IN subquery, the planner may evaluate it again per row and claim more than `limit`.
    """
    now = clock.now()
    due = (
        select(Outbox.id)
        .where(_due(now), Outbox.fanout.is_(fanout))
        .order_by(Outbox.next_attempt_at, Outbox.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    if session.get_bind().dialect.name == "postgresql":
        chosen = Outbox.id == any_(func.array(due.scalar_subquery()))
    else:
        chosen = Outbox.id.in_(due.scalar_subquery())
    claimed = await session.scalars(
        update(Outbox)
        .where(chosen, _due(now))
        .values(
            status=OutboxStatus.SENDING,
            claimed_at=now,
            claimed_by=owner,
            lease_until=now + CLAIM_LEASE,
            attempts=Outbox.attempts + 1,
        )
        .returning(Outbox),
        execution_options={"synchronize_session": False, "populate_existing": True},
    )
    return sorted(claimed, key=lambda row: (row.next_attempt_at, row.id))


async def reclaim_abandoned(
    session: AsyncSession, clock: Clock, *, owner: str, live: Collection[str]
) -> int:
    """Take back at once the rows whose owner is dead; the number taken back.

    `owner` is the process asking, `live` the other processes known to be alive
    (bot.services.processes.live_names). Rows of a live process are left to it: it is still
    sending them and will record the result; if it hangs, its lease runs out. A dead run's
    claim counted as an attempt, so a message whose sending kills the process again and again
    is given up in the end.
    """
    alive = {owner, *live}
    taken = await session.execute(
        update(Outbox)
        .where(
            Outbox.status == OutboxStatus.SENDING,
            or_(Outbox.claimed_by.is_(None), Outbox.claimed_by.not_in(sorted(alive))),
        )
        .values(
            status=OutboxStatus.PENDING,
            next_attempt_at=clock.now(),
            claimed_at=None,
            claimed_by=None,
            lease_until=None,
        )
        .returning(Outbox.id)
    )
    return len(taken.all())


async def next_due_at(session: AsyncSession) -> datetime | None:
    """When the next pending row comes due, for sleeping until then."""
    return (
        await session.execute(
            select(func.min(Outbox.next_attempt_at)).where(Outbox.status == OutboxStatus.PENDING)
        )
    ).scalar_one_or_none()


def backoff(attempts: int) -> timedelta:
    """15 s, 30 s, 1 min, … up to 30 min between tries of a message that hit a network error."""
    # The exponent is bounded: attempts keep growing with each crash recovery, and
    # 15 s x 2**60 no longer fits in a timedelta (OverflowError instead of the cap).
    delay: timedelta = BACKOFF_START * (2 ** min(max(attempts - 1, 0), 20))
    return min(delay, BACKOFF_CAP)


@dataclass(frozen=True)
class Outcome:
    """What happened to one claimed row."""

    status: OutboxStatus
    error: str | None = None
    tg_message_id: int | None = None
    retry_at: datetime | None = None


async def finish(
    session: AsyncSession, clock: Clock, row_id: int, outcome: Outcome, *, refund: bool = False
) -> None:
    """Record the result of sending one row; `refund` when it was put back without a try."""
    values: dict[str, Any] = {"last_error": (outcome.error or None) and outcome.error[:300]}
    if refund:
        values["attempts"] = Outbox.attempts - 1
    if outcome.retry_at is not None:
        values.update(status=OutboxStatus.PENDING, next_attempt_at=outcome.retry_at)
    else:
        values["status"] = outcome.status
        if outcome.status == OutboxStatus.SENT:
            values.update(sent_at=clock.now(), tg_message_id=outcome.tg_message_id)
    await session.execute(update(Outbox).where(Outbox.id == row_id).values(**values))


async def finish_many(
    session: AsyncSession,
    clock: Clock,
    results: Sequence[tuple[int, Outcome, bool]],
    *,
    owner: str | None = None,
) -> set[int]:
    """Record a wave of results; rows that were simply sent share one statement.

    With `owner`, only rows it still holds are recorded: a worker whose lease ran out and was
    taken by another (or taken back from a dead owner) records nothing, and the new owner's
    result stands. The ids recorded.
    """
    ids = [row_id for row_id, _outcome, _refund in results]
    if owner is not None and ids:
        # Locked until the commit: a row cannot be taken from us between this and the UPDATE.
        held = set(
            await session.scalars(
                select(Outbox.id)
                .where(
                    Outbox.id.in_(ids),
                    Outbox.claimed_by == owner,
                    Outbox.status == OutboxStatus.SENDING,
                )
                .with_for_update()
            )
        )
        results = [result for result in results if result[0] in held]
    sent = [
        {"row_id": row_id, "message_id": outcome.tg_message_id}
        for row_id, outcome, refund in results
        if outcome.status == OutboxStatus.SENT and outcome.retry_at is None and not refund
    ]
    if sent:
        table = Outbox.__table__
        assert isinstance(table, Table)
        await session.execute(
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values(
                status=OutboxStatus.SENT,
                sent_at=clock.now(),
                tg_message_id=bindparam("message_id"),
                last_error=None,
            ),
            sent,
        )
    for row_id, outcome, refund in results:
        if outcome.status != OutboxStatus.SENT or outcome.retry_at is not None or refund:
            await finish(session, clock, row_id, outcome, refund=refund)
    return {row_id for row_id, _outcome, _refund in results}


PARTS_SENT = "parts_sent"


async def keep_progress(session: AsyncSession, row: Outbox, parts_sent: int) -> None:
    """A message sent in parts stopped after `parts_sent` of them: a retry starts after those."""
    await session.execute(
        update(Outbox)
        .where(Outbox.id == row.id)
        .values(payload={**row.payload, PARTS_SENT: parts_sent})
    )


async def skip_pending(
    session: AsyncSession, meeting_id: int, kinds: Sequence[str], *, reason: str
) -> None:
    """Drop messages not yet sent for a meeting (its time changed, or it was cancelled)."""
    await session.execute(
        update(Outbox)
        .where(
            Outbox.meeting_id == meeting_id,
            Outbox.kind.in_(list(kinds)),
            Outbox.status == OutboxStatus.PENDING,
        )
        .values(status=OutboxStatus.SKIPPED, last_error=reason)
    )


async def retry_unreachable(session: AsyncSession, clock: Clock, person_id: int) -> None:
    """The person can be reached again: send what could not be delivered, if still useful."""
    now = clock.now()
    retried = await session.execute(
        update(Outbox)
        .where(
            Outbox.person_id == person_id,
            Outbox.status == OutboxStatus.UNREACHABLE,
            or_(Outbox.not_after.is_(None), Outbox.not_after > now),
        )
        .values(status=OutboxStatus.PENDING, next_attempt_at=now, attempts=0)
        .returning(Outbox.id, Outbox.meeting_id, Outbox.kind)
    )
    # One card per meeting: the newest, rendered as the meeting is now, says what the older
    # ones and the change notices would have said.
    newest: dict[int, int] = {}
    for row_id, meeting_id, kind in retried.all():
        if meeting_id is not None and kind in LIVE_CARD_KINDS:
            newest[meeting_id] = max(newest.get(meeting_id, 0), row_id)
    if newest:
        await session.execute(
            update(Outbox)
            .where(
                Outbox.person_id == person_id,
                Outbox.status == OutboxStatus.PENDING,
                Outbox.meeting_id.in_(list(newest)),
                Outbox.kind.in_([*LIVE_CARD_KINDS, Kind.CHANGE]),
                Outbox.id.not_in(list(newest.values())),
            )
            .values(status=OutboxStatus.SKIPPED, last_error="a newer card was sent")
        )


async def move_deadline(session: AsyncSession, meeting_id: int, not_after: datetime) -> None:
    """The meeting moved: messages still to be sent are useful until its new start."""
    await session.execute(
        update(Outbox)
        .where(
            Outbox.meeting_id == meeting_id,
            Outbox.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING]),
        )
        .values(not_after=not_after)
    )


async def counts(session: AsyncSession, actor: Actor, meeting_id: int) -> dict[OutboxStatus, int]:
    """Per-person messages of a meeting by status, for /deliveries (coordinators only)."""
    actor.require_coordinator()
    rows = await session.execute(
        select(Outbox.status, func.count())
        .where(Outbox.meeting_id == meeting_id, Outbox.fanout.is_(False))
        .group_by(Outbox.status)
    )
    found = {status: count for status, count in rows}
    return {status: found.get(status, 0) for status in OutboxStatus}


async def counts_by_kind(
    session: AsyncSession, meeting_id: int
) -> dict[str, dict[OutboxStatus, int]]:
    rows = await session.execute(
        select(Outbox.kind, Outbox.status, func.count())
        .where(Outbox.meeting_id == meeting_id, Outbox.fanout.is_(False))
        .group_by(Outbox.kind, Outbox.status)
    )
    table: dict[str, dict[OutboxStatus, int]] = {}
    for kind, status, count in rows:
        table.setdefault(kind, dict.fromkeys(OutboxStatus, 0))[status] = count
    return table
