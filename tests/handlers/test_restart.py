"""Nothing lost and nothing doubled across a crash, a restart, or downtime."""

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from bot.app import runtime
from bot.clock import FakeClock
from bot.services import delivery, outbox
from bot.services.outbox import CLAIM_LEASE
from db.models import Outbox
from db.session import transaction
from tests.conftest import Database
from tests.fakes.telegram import FakeBotApi, FakeRequest
from tests.handlers.conftest import COORDINATOR, Harness, start_harness, stop_harness
from tests.handlers.network import Member, add_members, schedule

MEMBERS = tuple(Member(5_000_000 + n, ("en", "fa", "ps")[n % 3], f"Member {n}") for n in range(12))


class Crash(BaseException):
    """The process dies: nothing after this line of the program runs."""


class CrashingRequest(FakeRequest):
    """Delivers the n-th sendMessage, then the process dies before hearing Telegram's answer."""

    def __init__(self, api: FakeBotApi, crash_on: int) -> None:
        super().__init__(api)
        self.crash_on = crash_on
        self.sends = 0
        self.armed = False

    async def do_request(self, url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        answer = await super().do_request(url, *args, **kwargs)
        if self.armed and url.endswith("/sendMessage"):
            self.sends += 1
            if self.sends == self.crash_on:
                raise Crash
        return answer


def invitations(api: FakeBotApi) -> Counter[int]:
    return Counter(
        call.params["chat_id"]
        for call in api.sent("sendMessage")
        if call.params["chat_id"] != COORDINATOR and "rsvp:go" in str(call.params)
    )


async def test_after_a_crash_while_inviting_the_rest_go_at_once_and_only_the_one_in_flight_twice(
    database: Database, clock: FakeClock
) -> None:
    api = FakeBotApi()
    # One message in flight at a time, so "the one in flight" is exactly one message.
    crashing = CrashingRequest(api, crash_on=5)
    first = await start_harness(
        database, clock, api, request=crashing, auto_dispatch=False, SHURA_SEND_CONCURRENCY="1"
    )
    await add_members(first, MEMBERS)
    await schedule(first, "2026-12-03 10:00")
    crashing.armed = True
    with pytest.raises(Crash):
        await first.dispatch()
    assert sum(invitations(api).values()) == 5
    await stop_harness(first)

    second = await start_harness(database, clock, api, SHURA_SEND_CONCURRENCY="1")
    try:
        # No waiting for the lease: the row the dead run was sending is taken back at start.
        await second.dispatch()
        counts = invitations(api)
        assert set(counts) == {m.tg_user_id for m in MEMBERS}  # nobody lost
        doubled = [chat for chat, n in counts.items() if n > 1]
        assert len(doubled) == 1 and counts[doubled[0]] == 2  # only the one in flight, once
        clock.advance(CLAIM_LEASE + timedelta(seconds=1))
        await second.dispatch()
        assert invitations(api) == counts  # and nothing more
    finally:
        await stop_harness(second)
    api.assert_no_problems()


async def test_a_restart_without_a_crash_sends_nothing_again(
    database: Database, clock: FakeClock, bot: Harness
) -> None:
    await add_members(bot, MEMBERS)
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    assert set(invitations(bot.api).values()) == {1}
    restarted = await start_harness(database, clock, bot.api)
    try:
        clock.advance(CLAIM_LEASE * 2)
        await restarted.dispatch()
    finally:
        await stop_harness(restarted)
    assert set(invitations(bot.api).values()) == {1}


async def test_a_message_that_never_gets_an_answer_is_given_up_after_its_attempts(
    bot: Harness, clock: FakeClock
) -> None:
    await add_members(bot, MEMBERS[:1])
    bot.auto_dispatch = False
    await schedule(bot, "2026-12-03 10:00")
    rt = runtime(bot.app)
    async with transaction(rt.sessions) as session:
        await delivery.expand(
            session, clock, (await outbox.claim(session, clock, fanout=True))[0], ()
        )
        # As if the process had died sending it again and again.
        await session.execute(
            update(Outbox).where(Outbox.fanout.is_(False)).values(attempts=outbox.MAX_ATTEMPTS)
        )
    report = await bot.dispatch()
    assert report.failed == 1 and report.sent == 0
    await bot.send(COORDINATOR, "/deliveries")
    assert "Failed after retries: 1" in bot.last(COORDINATOR)


async def test_the_scheduler_runs_the_outbox_and_the_series_and_enqueueing_wakes_it(
    bot: Harness,
) -> None:
    names = {job.name for job in bot.app.job_queue.jobs()}  # type: ignore[union-attr]
    assert {"outbox:dispatch", "series:roll-over"} <= names
    bot.auto_dispatch = False
    await add_members(bot, MEMBERS[:1])
    await schedule(bot, "2026-12-03 10:00")
    names = [job.name for job in bot.app.job_queue.jobs()]  # type: ignore[union-attr]
    assert "outbox:wake" in names
