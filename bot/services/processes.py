"""The bot processes sharing one database: who they are, who leads, who is alive.

Each `shura run` registers a row under a name of its own (host:pid:random), which also names
the outbox rows it claims. On PostgreSQL a process is alive exactly while the server session of
its lock connection is (`pg_stat_activity`, to the microsecond of the session's start): a
process killed by SIGKILL is known dead the moment PostgreSQL closes its session. SQLite has
one process per database (a file lock), so every other row there belongs to a dead run.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, exists, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from db.instance_lock import advisory_key, lock_ids
from db.models import BotProcess, IncomingUpdate, Outbox, OutboxStatus, ProcessRole

HEARTBEAT = timedelta(seconds=5)
# Where no server session tells (SQLite), a process not seen for this long is taken as gone.
SILENT = 3 * HEARTBEAT


def process_name() -> str:
    """A name no other run will have: this host, this process id, and a random part."""
    host = socket.gethostname()[:60]
    return f"{host}:{os.getpid()}:{secrets.token_hex(3)}"


@dataclass(frozen=True)
class Backend:
    """The PostgreSQL session that holds a process's locks."""

    pid: int
    started: datetime


def _postgres(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


async def register(
    session: AsyncSession, clock: Clock, name: str, *, mode: str, backend: Backend | None
) -> None:
    now = clock.now()
    host, pid = name.rsplit(":", 2)[0], int(name.rsplit(":", 2)[1])
    session.add(
        BotProcess(
            name=name,
            host=host,
            pid=pid,
            mode=mode,
            role=ProcessRole.STANDBY,
            started_at=now,
            seen_at=now,
            backend_pid=backend.pid if backend else None,
            backend_start=backend.started if backend else None,
        )
    )
    await session.flush()


async def set_backend(session: AsyncSession, name: str, backend: Backend) -> None:
    """The process reconnected its lock connection: this session now says it is alive."""
    await session.execute(
        update(BotProcess)
        .where(BotProcess.name == name)
        .values(backend_pid=backend.pid, backend_start=backend.started)
    )


async def set_role(session: AsyncSession, clock: Clock, name: str, role: ProcessRole) -> None:
    now = clock.now()
    await session.execute(
        update(BotProcess)
        .where(BotProcess.name == name)
        .values(
            role=role,
            seen_at=now,
            leader_since=now if role == ProcessRole.LEADER else None,
        )
    )


async def beat(
    session: AsyncSession, clock: Clock, name: str, *, dispatched_at: datetime | None
) -> bool:
    """The process is still here; and when its dispatcher last ran, if it did. False when its
    row is gone (a leader took it for dead): it must register again."""
    values: dict[str, object] = {"seen_at": clock.now()}
    if dispatched_at is not None:
        values["dispatched_at"] = dispatched_at
    found = await session.execute(
        update(BotProcess)
        .where(BotProcess.name == name)
        .values(**values)
        .returning(BotProcess.name)
    )
    return found.first() is not None


async def forget(session: AsyncSession, names: Collection[str]) -> None:
    await session.execute(delete(BotProcess).where(BotProcess.name.in_(list(names))))


def _session_alive() -> ColumnElement[bool]:
    """On PostgreSQL: the process's lock session still exists."""
    return exists(
        select(1)
        .select_from(text("pg_stat_activity"))
        .where(
            text("pg_stat_activity.pid = bot_process.backend_pid"),
            text("pg_stat_activity.backend_start = bot_process.backend_start"),
        )
    )


async def live_names(session: AsyncSession) -> set[str]:
    """The processes known to be alive (other than on SQLite, where the asker is the only one)."""
    if not _postgres(session):
        return set()
    return set(
        await session.scalars(
            select(BotProcess.name).where(BotProcess.backend_pid.is_not(None), _session_alive())
        )
    )


async def forget_dead(session: AsyncSession, alive: Collection[str]) -> int:
    """Drop the rows of processes that are gone; the number dropped."""
    gone = await session.execute(
        delete(BotProcess).where(BotProcess.name.not_in(sorted(alive))).returning(BotProcess.name)
    )
    return len(gone.all())


async def leader_backend(session: AsyncSession) -> int | None:
    """On PostgreSQL, the server process id of the session holding the leader's lock."""
    if not _postgres(session):
        return None
    database, schema = (
        await session.execute(text("SELECT current_database(), current_schema()"))
    ).one()
    classid, objid = lock_ids(advisory_key(database, schema or ""))
    return (
        await session.execute(
            text(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
                " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                " AND classid::bigint = :classid AND objid::bigint = :objid AND objsubid = 1"
            ),
            {"classid": classid, "objid": objid},
        )
    ).scalar_one_or_none()


@dataclass(frozen=True)
class ProcessView:
    name: str
    host: str
    pid: int
    mode: str
    role: ProcessRole
    started_at: datetime
    seen_at: datetime
    leader_since: datetime | None
    dispatched_at: datetime | None
    alive: bool


@dataclass(frozen=True)
class Status:
    """What `shura status` prints."""

    now: datetime
    processes: list[ProcessView]
    leader: ProcessView | None
    outbox: dict[OutboxStatus, int]
    due_now: int  # pending rows whose time has come
    dispatched_at: datetime | None
    oldest_unhandled: tuple[int, datetime] | None  # update id, received at
    unhandled: int


async def status(session: AsyncSession, clock: Clock) -> Status:
    now = clock.now()
    postgres = _postgres(session)
    alive = await live_names(session) if postgres else None
    holder = await leader_backend(session)
    rows = list(await session.scalars(select(BotProcess).order_by(BotProcess.started_at)))
    backends = {row.name: row.backend_pid for row in rows}
    views = []
    for row in rows:
        is_alive = row.name in alive if alive is not None else row.seen_at >= now - SILENT
        views.append(
            ProcessView(
                name=row.name,
                host=row.host,
                pid=row.pid,
                mode=row.mode,
                role=row.role,
                started_at=row.started_at,
                seen_at=row.seen_at,
                leader_since=row.leader_since,
                dispatched_at=row.dispatched_at,
                alive=is_alive,
            )
        )
    leader = None
    for view in views:
        if not view.alive:
            continue
        holds = backends.get(view.name) == holder if postgres else True
        if view.role == ProcessRole.LEADER and holds:
            leader = view
    by_status = dict.fromkeys(OutboxStatus, 0)
    for state, count in await session.execute(
        select(Outbox.status, func.count()).group_by(Outbox.status)
    ):
        by_status[state] = count
    due_now = await session.scalar(
        select(func.count()).where(
            Outbox.status == OutboxStatus.PENDING, Outbox.next_attempt_at <= now
        )
    )
    dispatched = [view.dispatched_at for view in views if view.dispatched_at is not None]
    oldest = (
        await session.execute(
            select(IncomingUpdate.update_id, IncomingUpdate.received_at)
            .where(IncomingUpdate.handled_at.is_(None))
            .order_by(IncomingUpdate.update_id)
            .limit(1)
        )
    ).first()
    unhandled = await session.scalar(
        select(func.count()).where(IncomingUpdate.handled_at.is_(None))
    )
    return Status(
        now=now,
        processes=views,
        leader=leader,
        outbox=by_status,
        due_now=due_now or 0,
        dispatched_at=max(dispatched) if dispatched else None,
        oldest_unhandled=(oldest[0], oldest[1]) if oldest else None,
        unhandled=unhandled or 0,
    )
