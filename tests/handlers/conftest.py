"""The real Application on a fake Telegram transport, driven update by update."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.clock import FakeClock
from bot.config import Settings
from bot.fakes import harness as driving
from bot.fakes.harness import Harness, plain, stop_harness
from bot.fakes.telegram import FakeBotApi, FakeRequest
from tests.conftest import Database

__all__ = [
    "COORDINATOR",
    "TOKEN",
    "Harness",
    "make_settings",
    "plain",
    "start_harness",
    "stop_harness",
]

COORDINATOR = 7_000_000_001
TOKEN = "123456:TEST-TOKEN"


def make_settings(database: Database, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "DATABASE_URL": database.url,
        "SHURA_COORDINATORS": str(COORDINATOR),
        "SHURA_TIMEZONE": "Asia/Kabul",
        "SHURA_DEFAULT_LANGUAGE": "fa",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def start_harness(
    database: Database,
    clock: FakeClock,
    api: FakeBotApi | None = None,
    *,
    request: FakeRequest | None = None,
    auto_dispatch: bool = True,
    **settings: Any,
) -> Harness:
    return await driving.start_harness(
        make_settings(database, **settings),
        clock,
        api,
        request=request,
        schema=database.schema,
        auto_dispatch=auto_dispatch,
    )


@pytest.fixture
async def bot(database: Database, clock: FakeClock) -> AsyncIterator[Harness]:
    harness = await start_harness(database, clock)
    yield harness
    await stop_harness(harness)
    assert not harness.errors, f"handlers raised: {harness.errors!r}"
    harness.api.assert_no_problems()
