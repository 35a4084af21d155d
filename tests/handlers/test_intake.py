"""Updates handled once across resends and restarts; replies committed before a crash shown."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from telegram import Update

from bot.app import runtime
from bot.clock import FakeClock
from bot.polling import Intake
from bot.services import intake
from db.models import IncomingUpdate, Person, Rsvp, RsvpAnswer
from db.session import reading, transaction
from tests.conftest import Database
from tests.fakes.telegram import FakeBotApi, FakeRequest
from tests.handlers.conftest import Harness, start_harness, stop_harness
from tests.handlers.network import AMIR, JOHN, add_members, schedule


class Crash(BaseException):
    """The process dies: nothing after this line of the program runs."""


class CrashingRequest(FakeRequest):
    """The process dies just before it calls one of `methods` (once it is armed)."""

    def __init__(self, api: FakeBotApi, *methods: str) -> None:
        super().__init__(api)
        self.methods = methods
        self.armed = False

    async def do_request(self, url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if self.armed and url.rsplit("/", 1)[-1] in self.methods:
            raise Crash
        return await super().do_request(url, *args, **kwargs)


def as_update(bot: Harness, data: dict[str, Any]) -> Update:
    return Update.de_json(data, bot.app.bot)


async def invited(bot: Harness) -> int:
    """JOHN and AMIR are invited to meeting 1; the message id of JOHN's invitation."""
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    message_id: int = bot.api.last_message(JOHN)["message_id"]
    return message_id


async def answers(bot: Harness) -> dict[int, RsvpAnswer]:
    async with reading(runtime(bot.app).sessions) as session:
        found = await session.execute(select(Person.tg_user_id, Rsvp.answer).join(Rsvp.person))
        return {tg_user_id: answer for tg_user_id, answer in found}


def message(api: FakeBotApi, chat_id: int, message_id: int) -> dict[str, Any]:
    return next(m for m in api.messages(chat_id) if m["message_id"] == message_id)


async def kept_replies(bot: Harness) -> int:
    async with reading(runtime(bot.app).sessions) as session:
        kept = select(func.count()).where(
            IncomingUpdate.replies.is_not(None) | IncomingUpdate.edit.is_not(None)
        )
        return await session.scalar(kept) or 0


async def test_an_update_telegram_sends_again_is_handled_once(bot: Harness) -> None:
    invitation = await invited(bot)
    tap = bot.api.callback_update(JOHN, "rsvp:go:1", message_id=invitation)
    edits_before = len(bot.api.sent("editMessageText", chat_id=JOHN))
    feed = Intake(bot.app)

    assert [u.update_id for u in await feed.receive([as_update(bot, tap)])] == [tap["update_id"]]
    await feed.drain()
    # The confirmation was lost in a crash: Telegram sends it again, and a restart replays it.
    assert await feed.receive([as_update(bot, tap)]) == []
    await bot.app.process_update(as_update(bot, tap))
    await feed.drain()

    query_id = tap["callback_query"]["id"]
    assert [a["callback_query_id"] for a in bot.answers()].count(query_id) == 1
    assert len(bot.api.sent("editMessageText", chat_id=JOHN)) == edits_before + 1
    assert await answers(bot) == {JOHN: RsvpAnswer.GOING}
    # The card's edit was shown: it is forgotten where the dispatcher next claims messages.
    await bot.dispatch()
    assert await kept_replies(bot) == 0, "replies once shown are not kept"


async def test_an_update_no_feature_takes_is_marked_handled_all_the_same(bot: Harness) -> None:
    channel_post = {
        "update_id": 900,
        "channel_post": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": -100123, "type": "channel", "title": "News"},
            "text": "hello",
        },
    }
    feed = Intake(bot.app)
    await feed.receive([as_update(bot, channel_post)])
    await feed.drain()
    async with reading(runtime(bot.app).sessions) as session:
        stored = await session.get(IncomingUpdate, 900)
        assert stored is not None and stored.handled_at is not None and stored.payload is None
        assert await intake.unhandled(session) == []


async def test_updates_a_dead_run_stored_are_handled_at_start(
    database: Database, clock: FakeClock, bot: Harness
) -> None:
    invitation = await invited(bot)
    taps = [
        bot.api.callback_update(JOHN, "rsvp:go:1", message_id=invitation),
        bot.api.callback_update(AMIR, "rsvp:maybe:1"),
    ]
    rt = runtime(bot.app)
    # The dead run stored them (and told Telegram they were its own), then died.
    async with transaction(rt.sessions) as session:
        await intake.store(session, clock, [(tap["update_id"], tap) for tap in taps])

    restarted = await start_harness(database, clock, bot.api)
    try:
        await Intake(restarted.app).resume()
        assert await answers(restarted) == {JOHN: RsvpAnswer.GOING, AMIR: RsvpAnswer.MAYBE}
        assert "Your answer: ✅ Going" in restarted.last(JOHN)
        async with reading(rt.sessions) as session:
            assert await intake.unhandled(session) == []
        # Once its dispatcher has run (a second after the start), a second restart finds
        # nothing left to do.
        await restarted.dispatch()
        await Intake(restarted.app).resume()
    finally:
        await stop_harness(restarted)
    query_ids = [tap["callback_query"]["id"] for tap in taps]
    assert sorted(a["callback_query_id"] for a in bot.answers()[-2:]) == sorted(query_ids)
    assert len(bot.answers()) == len({a["callback_query_id"] for a in bot.answers()})


async def test_replies_committed_before_a_crash_are_shown_at_start(
    database: Database, clock: FakeClock
) -> None:
    api = FakeBotApi()
    crashing = CrashingRequest(api, "editMessageText", "sendMessage")
    first = await start_harness(database, clock, api, request=crashing)
    invitation = await invited(first)
    card_before = first.last(JOHN)
    crashing.armed = True
    # JOHN's answer commits; the process dies before the card is edited to show it.
    with pytest.raises(Crash):
        await first.press(JOHN, "rsvp:go:1", message_id=invitation)
    # AMIR asks for the next meeting; the process dies before the answer is sent.
    with pytest.raises(Crash):
        await first.send(AMIR, "/next")
    assert first.last(JOHN) == card_before
    assert await kept_replies(first) == 2
    await stop_harness(first)

    second = await start_harness(database, clock, api)
    try:
        await Intake(second.app).resume()
        assert await answers(second) == {JOHN: RsvpAnswer.GOING}
        card = api.last_message(JOHN)
        assert card["message_id"] == invitation
        assert "Your answer: ✅ Going" in second.last(JOHN)
        assert "rsvp:maybe:1" in second.data(JOHN), "the card keeps its buttons"
        assert "Monthly coordination meeting" in second.last(AMIR)
        assert await kept_replies(second) == 0
        sent_to_amir = len(api.sent("sendMessage", chat_id=AMIR))
        await Intake(second.app).resume()  # shown once, not at every start
        assert len(api.sent("sendMessage", chat_id=AMIR)) == sent_to_amir
    finally:
        await stop_harness(second)
    api.assert_no_problems()


async def test_a_refused_update_that_comes_again_is_answered_once(bot: Harness) -> None:
    await invited(bot)
    forged = bot.api.callback_update(JOHN, "rsvp:go:999", require_button=False)
    await bot.app.process_update(as_update(bot, forged))
    await bot.app.process_update(as_update(bot, forged))
    query_id = forged["callback_query"]["id"]
    refusals = [a for a in bot.answers() if a["callback_query_id"] == query_id]
    assert len(refusals) == 1 and refusals[0].get("show_alert"), refusals


async def test_a_card_edit_shown_and_not_yet_forgotten_is_shown_again_unseen_after_a_crash(
    database: Database, clock: FakeClock
) -> None:
    api = FakeBotApi()
    first = await start_harness(database, clock, api, auto_dispatch=False)
    invitation = await invited(first)
    await first.press(JOHN, "rsvp:go:1", message_id=invitation)
    card = api.last_message(JOHN)
    edits = len(api.sent("editMessageText", chat_id=JOHN))
    assert await kept_replies(first) == 1, "the edit is forgotten later, with others"
    await stop_harness(first)  # the process dies before the dispatcher runs

    second = await start_harness(database, clock, api)
    try:
        await Intake(second.app).resume()
        assert await kept_replies(second) == 0
        assert api.last_message(JOHN) == card, "the card reads as it did"
        assert len(api.sent("editMessageText", chat_id=JOHN)) == edits, "nothing changed"
        assert not second.errors
    finally:
        await stop_harness(second)
    # Shown again: Telegram found it already read so.
    api.expect_problem("message is not modified")
    api.assert_no_problems()


async def test_a_card_retired_after_a_tap_keeps_its_retirement_across_a_crash(
    database: Database, clock: FakeClock
) -> None:
    api = FakeBotApi()
    first = await start_harness(database, clock, api)
    invitation = await invited(first)
    await first.press(JOHN, "rsvp:go:1", message_id=invitation)
    # /next sends a new card; the dispatcher takes the buttons off the invitation.
    await first.send(JOHN, "/next")
    await first.dispatch()
    retired = message(api, JOHN, invitation)
    assert not retired.get("reply_markup"), "the old card lost its buttons"
    await stop_harness(first)

    second = await start_harness(database, clock, api)
    try:
        await Intake(second.app).resume()
        assert message(api, JOHN, invitation) == retired, "a restart does not bring them back"
    finally:
        await stop_harness(second)
    api.assert_no_problems()
