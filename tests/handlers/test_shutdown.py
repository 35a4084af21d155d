"""Shutting down leaves no work running on the database."""

from __future__ import annotations

import asyncio
import threading

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

import db.session
from bot.clock import FakeClock
from tests.conftest import ON_POSTGRES, Database
from tests.handlers.conftest import COORDINATOR, start_harness, stop_harness


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite's checkpoints")
async def test_shutting_down_waits_for_the_checkpoint_still_copying_the_log(
    database: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db.session, "CHECKPOINT_EVERY", 1)
    release, finished = threading.Event(), threading.Event()
    checkpoint = db.session._checkpoint

    def held_checkpoint(path: str) -> None:
        release.wait(timeout=30)
        checkpoint(path)
        finished.set()

    disposed_while_running: list[bool] = []
    dispose = AsyncEngine.dispose

    async def observed_dispose(engine: AsyncEngine, close: bool = True) -> None:
        disposed_while_running.append(not finished.is_set())
        await dispose(engine, close)

    monkeypatch.setattr(db.session, "_checkpoint", held_checkpoint)
    monkeypatch.setattr(AsyncEngine, "dispose", observed_dispose)
    bot = await start_harness(database, clock)
    await bot.send(COORDINATOR, "/start")
    assert not finished.is_set(), "the checkpoint is held until the shutdown has begun"
    asyncio.get_running_loop().call_soon(release.set)
    await stop_harness(bot)
    assert disposed_while_running == [False]
