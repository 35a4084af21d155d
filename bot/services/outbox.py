"""The outbox: every message the bot decided to send, durable until sent or given up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from db.models import Outbox, OutboxStatus
from db.queries import insert_or_ignore

# A row claimed but never finished (the process died mid-send) is tried again after this.
CLAIM_LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 6
BACKOFF_START = timedelta(seconds=15)
BACKOFF_CAP = timedelta(minutes=30)


async def enqueue(
    session: AsyncSession,
    clock: Clock,
    *,
    kind: str,
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
        )
    )
    return bool(getattr(result, "rowcount", 0))


def _due(now: datetime) -> Any:
    return or_(
        (Outbox.status == OutboxStatus.PENDING) & (Outbox.next_attempt_at <= now),
        (Outbox.status == OutboxStatus.SENDING) & (Outbox.claimed_at < now - CLAIM_LEASE),
    )


async def claim(session: AsyncSession, clock: Clock, *, fanout: bool, limit: int) -> list[Outbox]:
    """Take due rows for this process; others skip them (SKIP LOCKED on PostgreSQL)."""
    now = clock.now()
    rows = list(
        (
            await session.execute(
                select(Outbox)
                .where(_due(now), Outbox.fanout.is_(fanout))
                .order_by(Outbox.next_attempt_at, Outbox.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        ).scalars()
    )
    for row in rows:
        row.status = OutboxStatus.SENDING
        row.claimed_at = now
        row.attempts += 1
    return rows


async def next_due_at(session: AsyncSession) -> datetime | None:
    """When the next pending row comes due, for sleeping until then."""
    return (
        await session.execute(
            select(func.min(Outbox.next_attempt_at)).where(Outbox.status == OutboxStatus.PENDING)
        )
    ).scalar_one_or_none()


def backoff(attempts: int) -> timedelta:
    """15 s, 30 s, 1 min, … up to 30 min between tries of a message that hit a network error."""
    delay: timedelta = BACKOFF_START * (2 ** max(attempts - 1, 0))
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


async def counts(session: AsyncSession, meeting_id: int) -> dict[OutboxStatus, int]:
    """Per-person messages of a meeting by status, for /deliveries."""
    rows = await session.execute(
        select(Outbox.status, func.count())
        .where(Outbox.meeting_id == meeting_id, Outbox.fanout.is_(False))
        .group_by(Outbox.status)
    )
    found = {status: count for status, count in rows.tuples()}
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
    for kind, status, count in rows.tuples():
        table.setdefault(kind, dict.fromkeys(OutboxStatus, 0))[status] = count
    return table
