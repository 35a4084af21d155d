"""`shura run` killed with SIGKILL at the worst moments: nothing lost, little doubled, no stall."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FakeClock
from bot.config import Settings
from bot.services.outbox import CLAIM_LEASE
from db import migrate
from tests.conftest import ON_POSTGRES, Database
from tests.e2e import fleet
from tests.e2e.conftest import BotProcess, StallingBotApi
from tests.e2e.fleet import KILLED_WHEN_HELD, kill
from tests.fakes.telegram import FakeBotApi, FakeBotApiServer
from tests.handlers.conftest import start_harness, stop_harness
from tests.handlers.network import Member, add_members, schedule

KABUL = ZoneInfo("Asia/Kabul")
TAPPERS = tuple(Member(6_000_000 + n, ("fa", "ps", "en")[n % 3], f"Member {n}") for n in range(30))
# The outbox's messages in flight as shipped (SHURA_SEND_CONCURRENCY's default).
IN_FLIGHT = int(Settings.model_fields["send_concurrency"].default)
# Enough that some are still waiting when the messages in flight stall.
INVITED = tuple(
    Member(6_100_000 + n, ("fa", "ps", "en")[n % 3], f"Member {n}") for n in range(IN_FLIGHT + 10)
)
# Far below the two-minute lease a dead run's messages used to wait out.
RESEND_DEADLINE = 20.0
ASKER = 1_000_077


def seed_network(
    database: Database, api: FakeBotApi, members: tuple[Member, ...], *, invite: bool
) -> int:
    """An approved organization with `members` and a meeting in two days; the meeting's id.

    Built in this process on the same database and fake Telegram. With `invite` the
    invitations are sent here; without, they wait in the outbox for the bot process.
    """

    migrate.upgrade(database.url, schema=database.schema)

    async def build() -> int:
        clock = FakeClock(datetime.now(UTC))
        bot = await start_harness(database, clock, api, auto_dispatch=False)
        try:
            await add_members(bot, members)
            starts = datetime.now(KABUL) + timedelta(days=2)
            meeting_id = await schedule(bot, starts.strftime("%Y-%m-%d %H:%M"))
            if invite:
                await bot.dispatch()
            return meeting_id
        finally:
            await stop_harness(bot)

    return asyncio.run(build())


def query(database: Database, sql: str, **params: Any) -> list[Any]:
    return fleet.query(database.url, database.schema, sql, **params)


def invitations(api: FakeBotApi, meeting_id: int) -> Counter[int]:
    """How many invitations to the meeting reached each chat."""
    return Counter(
        call.params["chat_id"]
        for call in api.sent("sendMessage")
        if f"rsvp:go:{meeting_id}" in str(call.params.get("reply_markup"))
    )


@KILLED_WHEN_HELD
def test_thirty_taps_fetched_when_the_bot_is_killed_are_all_recorded_once_after_a_restart(
    start_bot: Callable[..., BotProcess],
    fake_telegram: FakeBotApiServer,
    e2e_database: Database,
    moment: str,
) -> None:
    api = fake_telegram.api
    meeting_id = seed_network(e2e_database, api, TAPPERS, invite=True)
    assert set(invitations(api, meeting_id)) == {member.tg_user_id for member in TAPPERS}

    first = start_bot(SHURA_TEST_HOLD=moment)
    first.wait_for("the bot to start polling", lambda: api.sent("deleteWebhook"))
    taps = [api.callback_update(m.tg_user_id, f"rsvp:go:{meeting_id}") for m in TAPPERS]
    ids = [tap["update_id"] for tap in taps]
    api.push_updates(taps)  # one batch, as when thirty people tap within a second

    def stored_unhandled() -> int:
        return len(
            query(e2e_database, "SELECT update_id FROM incoming_update WHERE handled_at IS NULL")
        )

    if moment == "fetched":
        first.wait_for(
            "the thirty taps fetched",
            lambda: any(len(call.result or []) == 30 for call in api.sent("getUpdates")),
        )
    else:
        first.wait_for(
            "the taps stored and confirmed to Telegram",
            lambda: stored_unhandled() == 30 and not api.unconfirmed_update_ids(),
        )
    kill(first.process)
    assert query(e2e_database, "SELECT count(*) FROM rsvp")[0][0] == 0, "none was handled"
    if moment == "fetched":
        assert api.unconfirmed_update_ids() == ids, "Telegram sends them again"
        assert stored_unhandled() == 0
    else:
        assert api.unconfirmed_update_ids() == [], "only the database has them now"

    second = start_bot()
    for tap in taps:
        query_id = tap["callback_query"]["id"]
        second.wait_for(f"the answer to {query_id}", lambda q=query_id: second.answered(q))
    for member in TAPPERS:
        second.wait_for(
            f"the card of {member.tg_user_id} edited",
            lambda member=member: second.edits(member.tg_user_id),
        )
    going = query(
        e2e_database, "SELECT count(*) FROM rsvp WHERE meeting_id = :m AND answer = 'going'", m=1
    )
    assert going[0][0] == 30
    for member in TAPPERS:
        assert len(second.edits(member.tg_user_id)) == 1, "each card edited once"
    answered = Counter(call.params["callback_query_id"] for call in api.sent("answerCallbackQuery"))
    assert set(answered.values()) == {1}, "each tap answered once"
    rows = query(
        e2e_database,
        "SELECT update_id FROM incoming_update WHERE handled_at IS NOT NULL AND payload IS NULL",
    )
    assert set(ids) <= {row[0] for row in rows}, "handled, and what people sent is not kept"
    assert second.interrupt() == 0, second.diagnostics()
    api.assert_no_problems()


def test_a_bot_killed_in_the_middle_of_a_broadcast_sends_the_rest_at_once_after_a_restart(
    start_bot: Callable[..., BotProcess],
    fake_telegram: FakeBotApiServer,
    e2e_database: Database,
) -> None:
    api = fake_telegram.api
    assert isinstance(api, StallingBotApi)
    meeting_id = seed_network(e2e_database, api, INVITED, invite=False)
    everyone = {member.tg_user_id for member in INVITED}
    # Five invitations are answered; later ones reach people, but the bot never hears back.
    api.stall_sends_after(5)
    first = start_bot()

    def invitation_rows(status: str) -> int:
        sql = (
            "SELECT count(*) FROM outbox"
            " WHERE kind = 'invitation' AND fanout = :fanout AND status = :status"
        )
        return int(query(e2e_database, sql, fanout=False, status=status)[0][0])

    def stuck() -> bool:
        sending = invitation_rows("sending")
        delivered = sum(invitations(api, meeting_id).values())
        # Both waves of the dispatcher wait for Telegram, and each message they hold arrived.
        return sending == IN_FLIGHT and delivered == invitation_rows("sent") + sending

    first.wait_for("the broadcast stuck with messages in flight", stuck)
    kill(first.process)
    left_in_flight = invitation_rows("sending")
    assert invitations(api, meeting_id).keys() < everyone, "killed before everyone was invited"
    api.release()

    second = start_bot()
    second.wait_for(
        "every invitation sent after the restart",
        lambda: invitation_rows("sent") == len(INVITED),
        timeout=RESEND_DEADLINE,
    )
    assert RESEND_DEADLINE < CLAIM_LEASE.total_seconds()
    counts = invitations(api, meeting_id)
    assert set(counts) == everyone
    doubled = [chat for chat, count in counts.items() if count > 1]
    assert max(counts.values()) == 2
    # Exactly the messages in flight at the kill arrived twice: Telegram had them, the bot
    # could not know.
    assert len(doubled) == left_in_flight == IN_FLIGHT, counts
    assert second.interrupt() == 0, second.diagnostics()
    assert invitations(api, meeting_id) == counts, "nothing more after the rest went out"


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite only: on PostgreSQL a second bot stands by")
def test_a_second_bot_on_the_same_database_is_refused_and_a_killed_one_blocks_no_restart(
    start_bot: Callable[..., BotProcess], fake_telegram: FakeBotApiServer
) -> None:
    api = fake_telegram.api
    api.user(ASKER, "Asker", language_code="en")
    first = start_bot()
    first.send(ASKER, "/start")

    second = start_bot()
    assert second.wait_exit() == 2
    assert "already running on this database" in second.output()
    assert "Traceback" not in second.output()
    first.send(ASKER, "/language")  # the first one goes on as if nothing happened

    kill(first.process)
    third = start_bot()
    third.send(ASKER, "/language")
    assert third.interrupt() == 0, third.diagnostics()
    api.assert_no_problems()
