"""One leader among the processes on a PostgreSQL database: a standby takes over when the
leader's session ends, and a leader whose lock connection breaks or goes silent steps down."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from collections.abc import AsyncIterator, Callable
from types import SimpleNamespace
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import SystemClock
from bot.leader import Leadership
from db.models import BotProcess, ProcessRole
from tests.conftest import ON_POSTGRES, Database

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="standby processes need PostgreSQL (DATABASE_URL=postgresql+psycopg://…)",
)

TICK = 0.1  # seconds between a standby's tries and a leader's checks, here
PATIENCE = 10.0  # seconds a test waits for what should take a few ticks (the machine is busy)


def leadership(
    database: Database,
    sessions: async_sessionmaker[AsyncSession],
    name: str,
    *,
    url: str | None = None,
) -> Leadership:
    runtime: Any = SimpleNamespace(
        settings=SimpleNamespace(database_url=url or database.url),
        clock=SystemClock(),
        sessions=sessions,
        dispatcher=SimpleNamespace(owner=name, last_run_at=None),
    )
    return Leadership(
        runtime,
        mode="polling",
        schema=database.schema,
        retry_every=TICK,
        check_every=TICK,
        check_timeout=0.5,
        heartbeat_every=TICK,
    )


async def soon(what: str, condition: Callable[[], Any]) -> float:
    """Seconds until `condition()` holds; fails after PATIENCE."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > PATIENCE:
            pytest.fail(f"no {what} within {PATIENCE:g} s")
        await asyncio.sleep(0.02)
    return time.monotonic() - started


async def roles(sessions: async_sessionmaker[AsyncSession]) -> dict[str, ProcessRole]:
    async with sessions() as session:
        rows = await session.execute(select(BotProcess.name, BotProcess.role))
        return {name: role for name, role in rows.all()}


async def end_session(sessions: async_sessionmaker[AsyncSession], backend_pid: int) -> None:
    async with sessions() as session:
        await session.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": backend_pid})


@contextlib.asynccontextmanager
async def leader_and_standby(
    database: Database, sessions: async_sessionmaker[AsyncSession], *, leader_url: str | None = None
) -> AsyncIterator[tuple[Leadership, Leadership, asyncio.Event, asyncio.Task[bool]]]:
    """Two processes: the first leads; the second is trying to (the task), until `stop`."""
    stop = asyncio.Event()
    first = leadership(database, sessions, "host:1:aaaaaa", url=leader_url)
    second = leadership(database, sessions, "host:2:bbbbbb")
    async with first, second:
        assert await first.acquire(stop) is True
        waiting = asyncio.create_task(second.acquire(stop))
        yield first, second, stop, waiting


async def test_one_leads_the_other_stands_by_and_takes_over_when_the_leader_is_gone(
    database: Database, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with leader_and_standby(database, sessions) as (first, second, stop, waiting):
        await asyncio.sleep(5 * TICK)
        assert not waiting.done(), "the second stands by while the first leads"
        assert await roles(sessions) == {
            "host:1:aaaaaa": ProcessRole.LEADER,
            "host:2:bbbbbb": ProcessRole.STANDBY,
        }

        # The leader's session ends, as when its process is killed.
        assert first._lock is not None
        await end_session(sessions, first._lock.backend_pid)
        await soon("step down by the first", first.lost.is_set)
        assert await asyncio.wait_for(waiting, PATIENCE) is True
        assert (await roles(sessions))["host:2:bbbbbb"] == ProcessRole.LEADER

        # The first lets go and waits its turn again; the second steps down, the first leads.
        await first.step_down()
        again = asyncio.create_task(first.acquire(stop))
        await asyncio.sleep(3 * TICK)
        assert not again.done()
        await second.step_down()
        assert await asyncio.wait_for(again, PATIENCE) is True
        assert await roles(sessions) == {
            "host:1:aaaaaa": ProcessRole.LEADER,
            "host:2:bbbbbb": ProcessRole.STANDBY,
        }
    assert await roles(sessions) == {}, "each process removes its row when it stops"


async def test_a_standby_waiting_is_released_by_stop(
    database: Database, sessions: async_sessionmaker[AsyncSession]
) -> None:
    gc.disable()  # as `shura run` starts (bot.__main__)
    try:
        async with leader_and_standby(database, sessions) as (_first, _second, stop, waiting):
            await asyncio.sleep(2 * TICK)
            assert gc.isenabled(), "a standby's start-up is over: it collects garbage again"
            stop.set()
            assert await asyncio.wait_for(waiting, PATIENCE) is False
    finally:
        gc.enable()
        gc.unfreeze()


class FreezableProxy:
    """A TCP relay to PostgreSQL that can go silent (nothing passes, nothing is closed), as a
    network that drops packets does, and whose server side can then be cut."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.flowing = asyncio.Event()
        self.flowing.set()
        self.upstreams: list[asyncio.StreamWriter] = []
        self.tasks: set[asyncio.Task[None]] = set()
        self.server: asyncio.Server | None = None

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        return int(self.server.sockets[0].getsockname()[1])

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self.upstreams.append(up_writer)
        for source, sink in ((reader, up_writer), (up_reader, writer)):
            task = asyncio.create_task(self._pump(source, sink))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def _pump(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.CancelledError):
            while data := await source.read(65536):
                await self.flowing.wait()
                sink.write(data)
                await sink.drain()
        sink.close()

    def freeze(self) -> None:
        self.flowing.clear()

    def cut_server_side(self) -> None:
        for writer in self.upstreams:
            writer.close()

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


@pytest.fixture
async def proxy(database: Database) -> AsyncIterator[tuple[FreezableProxy, str]]:
    url = sa.make_url(database.url)
    relay = FreezableProxy(url.host or "127.0.0.1", url.port or 5432)
    port = await relay.start()
    yield relay, url.set(host="127.0.0.1", port=port).render_as_string(hide_password=False)
    await relay.stop()


async def test_a_leader_whose_lock_connection_goes_silent_steps_down(
    database: Database,
    sessions: async_sessionmaker[AsyncSession],
    proxy: tuple[FreezableProxy, str],
) -> None:
    relay, url = proxy
    async with leader_and_standby(database, sessions, leader_url=url) as (
        first,
        _second,
        _stop,
        waiting,
    ):
        relay.freeze()  # no error, no closed socket: the checks just get no answer
        took = await soon("step down after the silence", first.lost.is_set)
        assert took < 0.5 + 2 * TICK + 3.0, "within the check's timeout and a tick (and slack)"
        assert first._lock is None, "the silent connection is given up"

        # The server still holds the old session's lock until it notices the silence (its
        # keepalive); cutting the relay's server side stands for that.
        await asyncio.sleep(3 * TICK)
        assert not waiting.done()
        relay.cut_server_side()
        assert await asyncio.wait_for(waiting, PATIENCE) is True
        await first.step_down()
