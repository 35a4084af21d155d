"""The outbox keeps SHURA_SEND_CONCURRENCY messages on their way: as soon as one is answered
another starts, so a slow Telegram (a long round trip) does not slow the rate; and never more
than that many are between claim and recorded answer, which bounds what a crash can double."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

from sqlalchemy import func, select

from bot.app import runtime
from bot.clock import FakeClock
from bot.jobs import outbox as outbox_jobs
from db.models import Outbox, OutboxStatus
from db.session import reading
from tests.conftest import Database
from tests.fakes.telegram import FakeBotApi, FakeRequest
from tests.handlers.conftest import Harness, start_harness, stop_harness
from tests.handlers.network import Member, add_members, schedule

MEMBERS = tuple(Member(5_100_000 + n, ("en", "fa", "ps")[n % 3], f"Member {n}") for n in range(10))
IN_FLIGHT = 3
WAIT = 10.0  # seconds, only if something is wrong


class SlowTelegram(FakeRequest):
    """Telegram gets each sendMessage at once but answers only when the test says so."""

    def __init__(self, api: FakeBotApi) -> None:
        super().__init__(api)
        self.waiting: list[asyncio.Event] = []
        self.most_waiting = 0
        self.arrived = asyncio.Event()
        self.armed = False  # until the outbox's turn, answers come at once

    async def do_request(self, url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        answer = await super().do_request(url, *args, **kwargs)
        if self.armed and url.endswith("/sendMessage"):
            gate = asyncio.Event()
            self.waiting.append(gate)
            self.most_waiting = max(self.most_waiting, self.open())
            self.arrived.set()
            await gate.wait()
        return answer

    def open(self) -> int:
        return sum(1 for gate in self.waiting if not gate.is_set())

    async def until_open(self, count: int) -> None:
        while self.open() < count:
            self.arrived.clear()
            await asyncio.wait_for(self.arrived.wait(), WAIT)

    def answer_oldest(self) -> None:
        next(gate for gate in self.waiting if not gate.is_set()).set()


async def sending_rows(bot: Harness) -> int:
    async with reading(runtime(bot.app).sessions) as session:
        found = await session.execute(
            select(func.count()).where(Outbox.status == OutboxStatus.SENDING)
        )
        return int(found.scalar_one())


def invitations(api: FakeBotApi) -> Counter[int]:
    return Counter(
        call.params["chat_id"] for call in api.sent("sendMessage") if "rsvp:go" in str(call.params)
    )


async def test_an_answer_lets_the_next_message_start_while_the_others_still_wait(
    database: Database, clock: FakeClock
) -> None:
    api = FakeBotApi()
    telegram = SlowTelegram(api)
    bot = await start_harness(
        database,
        clock,
        api,
        request=telegram,
        auto_dispatch=False,
        SHURA_SEND_CONCURRENCY=str(IN_FLIGHT),
    )
    try:
        await add_members(bot, MEMBERS)
        await schedule(bot, "2026-12-03 10:00")
        telegram.armed = True
        run = asyncio.create_task(bot.dispatch())

        await telegram.until_open(IN_FLIGHT)
        assert await sending_rows(bot) == IN_FLIGHT
        first_three = len(telegram.waiting)
        telegram.answer_oldest()
        # The next one starts while the two older ones are still unanswered: no waves.
        await telegram.until_open(IN_FLIGHT)
        assert len(telegram.waiting) == first_three + 1
        assert await sending_rows(bot) == IN_FLIGHT

        while not run.done():
            if telegram.open():
                telegram.answer_oldest()
            await asyncio.wait({run}, timeout=0.01)
        report = run.result()
    finally:
        await stop_harness(bot)

    assert telegram.most_waiting == IN_FLIGHT
    assert report.sent == len(MEMBERS)
    assert set(invitations(api).values()) == {1}
    assert len(invitations(api)) == len(MEMBERS)
    api.assert_no_problems()


async def test_a_run_stopped_by_flood_control_wakes_again_when_the_wait_is_over(
    bot: Harness,
) -> None:
    await add_members(bot, MEMBERS[:2])
    bot.auto_dispatch = False
    await schedule(bot, "2026-12-03 10:00")
    bot.api.fail_next(
        "sendMessage", error_code=429, description="Too Many Requests: retry after 7", retry_after=7
    )
    dispatcher = runtime(bot.app).dispatcher
    await outbox_jobs._run_and_log(dispatcher)

    assert dispatcher.paused and dispatcher.paused_until is not None
    wakes = bot.app.job_queue.get_jobs_by_name(outbox_jobs.WAKE_JOB_NAME)  # type: ignore[union-attr]
    assert dispatcher.paused_until in [wake.job.trigger.run_date for wake in wakes]
