"""Three dispatchers, each with its own connections and its own name, work through the same
2,000 due messages at once on PostgreSQL: every message is sent exactly once.

Only the leader dispatches in a running bot (bot.leader), but a leader that has just lost its
lock may still be finishing while the next one starts: the claim (FOR UPDATE SKIP LOCKED, a
lease naming its owner) must keep any number of dispatchers apart."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import pytest

from bot.app import runtime
from bot.clock import FakeClock
from tests.conftest import ON_POSTGRES, Database
from tests.e2e.fleet import outbox_states, seed_notices
from tests.fakes.telegram import FakeBotApi, FakeRequest
from tests.handlers.conftest import Harness, start_harness, stop_harness

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="dispatchers side by side need PostgreSQL (DATABASE_URL=postgresql+psycopg://…); "
    "SQLite has one process, hence one dispatcher",
)

MESSAGES = 2000
DISPATCHERS = 3


class NearbyTelegram(FakeRequest):
    """Answers each send after a moment, so the dispatchers' sends and claims interleave."""

    async def do_request(self, url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if url.endswith("/sendMessage"):
            await asyncio.sleep(0.002)
        return await super().do_request(url, *args, **kwargs)


async def test_three_dispatchers_over_two_thousand_due_messages_send_each_exactly_once(
    database: Database, clock: FakeClock
) -> None:
    api = FakeBotApi()
    chats = seed_notices(database.url, database.schema, api, MESSAGES)
    bots: list[Harness] = []
    try:
        for _ in range(DISPATCHERS):
            bots.append(await start_harness(database, clock, api, request=NearbyTelegram(api)))
        dispatchers = [runtime(bot.app).dispatcher for bot in bots]
        assert len({dispatcher.owner for dispatcher in dispatchers}) == DISPATCHERS

        reports = await asyncio.gather(*(dispatcher.run_once() for dispatcher in dispatchers))
    finally:
        for bot in bots:
            await stop_harness(bot)

    counts = Counter(call.params["chat_id"] for call in api.sent("sendMessage"))
    assert set(counts) == set(chats) and set(counts.values()) == {1}, "each sent exactly once"
    assert sum(report.sent for report in reports) == MESSAGES
    assert all(report.sent > 0 for report in reports), [report.sent for report in reports]
    assert outbox_states(database.url, database.schema) == {"sent": MESSAGES}
    api.assert_no_problems()
