"""/broadcast through Telegram: the notice, the audience, the preview, progress and the report."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.app import runtime
from bot.clock import FakeClock
from bot.jobs.pacing import Pacer
from bot.services import delivery, outbox
from bot.services.broadcast import PROGRESS_EVERY
from bot.services.outbox import CLAIM_LEASE
from db.models import (
    Broadcast,
    BroadcastStatus,
    CheckIn,
    Meeting,
    Membership,
    Outbox,
    OutboxStatus,
    Person,
)
from db.session import transaction
from tests.conftest import Database
from tests.fakes.telegram import FakeBotApi, FakeRequest
from tests.handlers.conftest import COORDINATOR, Harness, plain, start_harness, stop_harness
from tests.handlers.helpers import onboard
from tests.handlers.network import AMIR, JOHN, ZAHRA, Member, add_members, schedule

NOTICE = "The meeting hall moved to the second floor & the gate is on the east side."
# What each recipient reads above the notice, in their own language.
HEADER = {
    JOHN: "From the network's coordinators",
    AMIR: "از طرف هماهنگ\u200cکنندگان شبکه",
    ZAHRA: "د شبکې د همغږي کوونکو له خوا",
}
# Someone of the network in each language, who is no coordinator.
MEMBER_IN = {"en": JOHN, "fa": AMIR, "ps": ZAHRA}


def text(bot: Harness, lang: str, key: str, **params: Any) -> str:
    """A catalog message as the person reads it."""
    return plain(runtime(bot.app).catalog.text(lang, key, **params))


def alert(bot: Harness) -> str:
    return plain(bot.answers()[-1].get("text"))


async def broadcasts(bot: Harness) -> list[Broadcast]:
    async with transaction(runtime(bot.app).sessions) as session:
        return list(await session.scalars(select(Broadcast).order_by(Broadcast.id)))


async def draft_id(bot: Harness) -> int:
    return (await broadcasts(bot))[-1].id


async def network(bot: Harness, lang: str = "en") -> int:
    """The coordinator speaks `lang`; Amir (fa, admin), Zahra (ps) and John (en) are members."""
    await onboard(bot, COORDINATOR, lang)
    return await add_members(bot)


async def speak(bot: Harness, lang: str) -> None:
    """The coordinator switches to `lang` (meetings are scheduled in English in these tests)."""
    await bot.send(COORDINATOR, "/language")
    await bot.press(COORDINATOR, f"lang:set:{lang}")


async def notice(bot: Harness, content: str) -> str | None:
    """The coordinator starts /broadcast and sends the notice; the file id of a file."""
    await bot.send(COORDINATOR, "/broadcast")
    if content == "text":
        await bot.send(COORDINATOR, NOTICE)
        return None
    return await bot.send_file(COORDINATOR, content, caption=NOTICE)


async def send_to_everyone(bot: Harness) -> None:
    """The coordinator broadcasts the text notice to everyone and confirms it."""
    await notice(bot, "text")
    await bot.press(COORDINATOR, "bc:to:everyone")
    await bot.press(COORDINATOR, f"bc:send:{await draft_id(bot)}")


@pytest.mark.parametrize("content", ["text", "photo", "document"])
@pytest.mark.parametrize("lang", ["en", "fa", "ps"])
async def test_a_coordinator_broadcasts_to_everyone_and_gets_the_report(
    bot: Harness, lang: str, content: str
) -> None:
    await network(bot)
    await schedule(bot)
    await speak(bot, lang)
    await bot.send(COORDINATOR, "/broadcast")
    assert bot.last(COORDINATOR) == text(bot, lang, "broadcast-ask", limit=4000, caption_limit=960)
    if content == "text":
        await bot.send(COORDINATOR, NOTICE)
        file_id = None
    else:
        file_id = await bot.send_file(COORDINATOR, content, caption=NOTICE)
    assert "Monthly coordination meeting" in bot.last(COORDINATOR)
    assert len(bot.labels(COORDINATOR)) == 8
    await bot.press(COORDINATOR, "bc:to:everyone")

    # The preview: the notice as recipients see it, then the exact count and the question.
    method = {"text": "sendMessage", "photo": "sendPhoto", "document": "sendDocument"}[content]
    shown = bot.api.sent(method, chat_id=COORDINATOR)[-2 if content == "text" else -1]
    if file_id is not None:
        assert shown.params[content] == file_id
    everyone = text(bot, lang, "broadcast-to-everyone")
    assert bot.last(COORDINATOR) == text(bot, lang, "broadcast-preview", audience=everyone, count=3)
    assert bot.api.sent(method, chat_id=JOHN) == []

    await bot.press(COORDINATOR, f"bc:send:{await draft_id(bot)}")
    for member, header in HEADER.items():
        [received] = bot.api.sent(method, chat_id=member)
        body = received.params["text" if content == "text" else "caption"]
        assert header in body and "second floor &amp; the gate" in body
        if file_id is not None:
            assert received.params[content] == file_id  # by file id, never downloaded
    report = bot.last(COORDINATOR)
    assert (
        report
        == plain(
            runtime(bot.app).catalog.text(
                lang,
                "broadcast-report",
                total=3,
                delivered=3,
                unreachable=0,
                failed=0,
                skipped=runtime(bot.app).catalog.text(lang, "blank"),
            )
        ).strip()
    )
    [sent] = await broadcasts(bot)
    assert (sent.status, sent.total, sent.content_kind) == (BroadcastStatus.DONE, 3, content)
    await bot.dispatch()
    assert len(bot.api.sent(method, chat_id=JOHN)) == 1  # once


@pytest.mark.parametrize("lang", ["en", "fa", "ps"])
async def test_every_refusal_is_explained_in_the_coordinators_language(
    bot: Harness, lang: str
) -> None:
    org = await network(bot, lang)
    member = MEMBER_IN[lang]
    await bot.send(member, "/broadcast")
    assert bot.last(member) == text(bot, lang, "error-coordinators-only")

    await bot.send(COORDINATOR, "/broadcast")
    await bot.send(COORDINATOR, "  \u200f ")
    assert bot.last(COORDINATOR) == text(bot, lang, "broadcast-empty")
    await bot.send(COORDINATOR, "x" * 4096)
    assert bot.last(COORDINATOR) == text(bot, lang, "broadcast-too-long", length=4096, limit=4000)
    await bot.send_file(COORDINATOR, "photo", caption="y" * 1000)
    assert bot.last(COORDINATOR) == text(
        bot, lang, "broadcast-caption-too-long", length=1000, limit=960
    )
    await bot.send_voice(COORDINATOR)
    assert bot.last(COORDINATOR) == text(bot, lang, "broadcast-send-kinds")
    await bot.send(COORDINATOR, NOTICE)
    # No meeting: answers and check-ins are not offered, and a forged tap is refused.
    assert bot.last(COORDINATOR) == text(
        bot,
        lang,
        "broadcast-ask-audience",
        meeting=runtime(bot.app).catalog.text(lang, "broadcast-no-meeting-line"),
    )
    assert not any("bc:to:going" == data for data in bot.data(COORDINATOR))
    await bot.forge(COORDINATOR, "bc:to:going")
    assert alert(bot) == text(bot, lang, "broadcast-no-meeting")
    await bot.send(COORDINATOR, "another text")
    assert bot.last(COORDINATOR) == text(bot, lang, "broadcast-use-buttons")
    # Nobody is a delegate yet: an empty audience is refused, and another can be chosen.
    await bot.press(COORDINATOR, "bc:to:delegates")
    assert alert(bot) == text(bot, lang, "broadcast-nobody")
    await bot.press(COORDINATOR, "bc:orgs:0")
    await bot.press(COORDINATOR, f"bc:org:{org}")
    draft = await draft_id(bot)
    await bot.forge(member, f"bc:send:{draft}")
    assert alert(bot) == text(bot, lang, "error-coordinators-only")
    await bot.press(COORDINATOR, f"bc:drop:{draft}")
    assert bot.last(COORDINATOR) == text(bot, lang, "broadcast-cancelled")
    await bot.forge(COORDINATOR, f"bc:send:{draft}")
    assert alert(bot) == text(bot, lang, "broadcast-was-cancelled")
    await bot.forge(COORDINATOR, "bc:send:99999")
    assert alert(bot) == text(bot, lang, "error-stale-button")
    await bot.forge(COORDINATOR, "bc:to:everyone")  # the dialog is over
    assert alert(bot) == text(bot, lang, "error-stale-button")

    assert [b.status for b in await broadcasts(bot)] == [BroadcastStatus.CANCELLED]
    for person in (AMIR, ZAHRA, JOHN):
        assert not any("second floor" in t for t in bot.texts(person))


async def test_a_confirmed_broadcast_tapped_again_goes_out_once(bot: Harness) -> None:
    await network(bot)
    await notice(bot, "text")
    await bot.press(COORDINATOR, "bc:to:admins")
    assert "It goes to one person." in bot.last(COORDINATOR)
    draft = await draft_id(bot)
    await bot.press(COORDINATOR, f"bc:send:{draft}")
    await bot.forge(COORDINATOR, f"bc:send:{draft}")
    assert alert(bot) == "This notice is already being sent; it goes out only once."
    await bot.forge(COORDINATOR, f"bc:drop:{draft}")
    assert alert(bot) == "This notice is already being sent; it goes out only once."
    await bot.dispatch()
    assert len([t for t in bot.texts(AMIR) if "second floor" in t]) == 1  # Amir is the admin
    assert not any("second floor" in t for t in bot.texts(JOHN))


async def add_orgs(bot: Harness, count: int) -> list[int]:
    """`count` approved organizations with one member each (ids 4_100_000 + n)."""
    return [
        await add_members(bot, (Member(4_100_000 + n, "en", f"Member {n}"),), f"Org {n:02d}")
        for n in range(count)
    ]


async def test_one_organization_is_picked_from_pages_of_buttons(bot: Harness) -> None:
    home = await network(bot)
    orgs = await add_orgs(bot, 10)
    await notice(bot, "text")
    await bot.press(COORDINATOR, "bc:orgs:0")
    assert "page 1 of 2" in bot.last(COORDINATOR)
    assert len([d for d in bot.data(COORDINATOR) if d.startswith("bc:org:")]) == 8
    await bot.press_label(COORDINATOR, "Next")
    assert "page 2 of 2" in bot.last(COORDINATOR)
    await bot.press_label(COORDINATOR, "Back")
    assert "Who should receive it?" in bot.last(COORDINATOR)
    await bot.press(COORDINATOR, "bc:orgs:0")
    await bot.press_label(COORDINATOR, "Next")
    await bot.press_label(COORDINATOR, "Org 09")
    assert "To: the members of Org 09" in bot.last(COORDINATOR)
    assert "It goes to one person." in bot.last(COORDINATOR)
    await bot.press(COORDINATOR, f"bc:send:{await draft_id(bot)}")
    assert any("second floor" in t for t in bot.texts(4_100_009))
    assert not any("second floor" in t for t in bot.texts(4_100_008))
    assert home not in orgs


async def test_answers_and_check_ins_of_the_meeting_just_held_choose_the_audience(
    bot: Harness,
) -> None:
    await network(bot)
    meeting_id = await schedule(bot, "2026-12-03 10:00")
    await bot.press(JOHN, f"rsvp:go:{meeting_id}")
    await bot.press(ZAHRA, f"rsvp:maybe:{meeting_id}")
    async with transaction(runtime(bot.app).sessions) as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None
        # Two hours and a half after the start: it ended, its check-in is still open.
        bot.clock.set(meeting.starts_at + timedelta(hours=2, minutes=30))
        amir = await session.scalar(select(Person.id).where(Person.tg_user_id == AMIR))
        session.add(CheckIn(meeting_id=meeting_id, person_id=amir, checked_in_at=bot.clock.now()))
    for audience, reached in (
        ("going", JOHN),
        ("maybe", ZAHRA),
        ("no_answer", AMIR),
        ("checked_in", AMIR),
    ):
        await notice(bot, "text")
        assert "Monthly coordination meeting" in bot.last(COORDINATOR)
        await bot.press(COORDINATOR, f"bc:to:{audience}")
        assert "It goes to one person." in bot.last(COORDINATOR), audience
        before = len([t for t in bot.texts(reached) if "second floor" in t])
        await bot.press(COORDINATOR, f"bc:send:{await draft_id(bot)}")
        assert len([t for t in bot.texts(reached) if "second floor" in t]) == before + 1


class TimedApi(FakeBotApi):
    """The fake Telegram, noting when (on the test's clock) each call was made."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__()
        self.fake_clock = clock
        self.times: list[tuple[str, int | None, Any]] = []

    def _record(self, method: str, params: dict[str, Any], token: str | None, **kw: Any) -> None:
        super()._record(method, params, token, **kw)
        self.times.append((method, params.get("chat_id"), self.fake_clock.now()))


MANY = tuple(Member(4_200_000 + n, ("en", "fa", "ps")[n % 3], f"Member {n}") for n in range(24))


async def test_progress_is_edited_every_few_seconds_and_the_report_counts_every_copy(
    database: Database, clock: FakeClock
) -> None:
    api = TimedApi(clock)
    # One copy at a time: each answer is recorded (and the progress looked at) before the
    # next copy starts, as happens when Telegram answers in a fraction of the pacing.
    bot = await start_harness(database, clock, api, auto_dispatch=False, SHURA_SEND_CONCURRENCY="1")
    try:

        async def one_second_per_send(seconds: float) -> None:
            clock.advance(timedelta(seconds=seconds))

        # One message a second on the test's clock: a slow broadcast, with no real waiting.
        runtime(bot.app).dispatcher.pacer = Pacer(
            1, monotonic=lambda: clock.now().timestamp(), sleep=one_second_per_send
        )
        await onboard(bot, COORDINATOR)
        await add_members(bot, MANY)
        blocked = [m.tg_user_id for m in MANY[:2]]
        for user in blocked:
            bot.api.block(user)  # Telegram answers 403
        refused = MANY[2].tg_user_id
        bot.api.fail_next(
            "sendMessage",
            error_code=400,
            description="Bad Request: message is too long",
            chat_id=refused,
        )
        await notice(bot, "text")
        await bot.press(COORDINATOR, "bc:to:everyone")
        assert "It goes to 24 people." in bot.last(COORDINATOR)
        await bot.press(COORDINATOR, f"bc:send:{await draft_id(bot)}")
        status = bot.api.last_message(COORDINATOR)["message_id"]
        assert bot.last(COORDINATOR) == "📤 Sending the notice: 0 of 24 done."
        confirmed, start = clock.now(), len(api.times)

        await bot.dispatch()

        calls = api.times[start:]
        edits = [at for method, chat, at in calls if method == "editMessageText"]
        assert {chat for method, chat, _ in calls if method == "editMessageText"} == {COORDINATOR}
        sends = [at for method, _chat, at in calls if method == "sendMessage"]
        assert len(sends) == 24 and sends[-1] - sends[0] >= timedelta(seconds=20)
        assert len(edits) >= 6  # progress along the way, then the report
        gaps = [later - earlier for earlier, later in zip([confirmed, *edits], edits, strict=False)]
        # The report comes as soon as the last copy has its result; progress, not more often.
        assert all(gap >= PROGRESS_EVERY for gap in gaps[:-1]), gaps
        assert bot.api.last_message(COORDINATOR)["message_id"] == status
        report = bot.last(COORDINATOR)
        assert "The notice has gone out to 24 people." in report
        assert "Delivered: 21" in report and "Unreachable" in report and ": 2" in report
        assert "Failed: 1" in report
        # The report agrees with what Telegram recorded.
        delivered = {
            call.params["chat_id"]
            for call in bot.api.sent("sendMessage")
            if "second floor" in call.params["text"] and call.params["chat_id"] != COORDINATOR
        }
        assert len(delivered) == 21 and not delivered & {*blocked, refused}
        async with transaction(runtime(bot.app).sessions) as session:
            unreachable = await session.scalar(
                select(func.count()).where(
                    Person.tg_user_id.in_(blocked), Person.reachable.is_(False)
                )
            )
        assert unreachable == 2
        assert [b.status for b in await broadcasts(bot)] == [BroadcastStatus.DONE]
        edited = len(bot.api.sent("editMessageText", chat_id=COORDINATOR))
        clock.advance(PROGRESS_EVERY * 3)
        await bot.dispatch()
        assert len(bot.api.sent("editMessageText", chat_id=COORDINATOR)) == edited
    finally:
        await stop_harness(bot)
    assert not bot.errors
    for _ in blocked:
        bot.api.expect_problem("bot was blocked by the user")  # the 403s asked for
    bot.api.assert_no_problems()


async def test_a_status_message_deleted_by_the_coordinator_gets_the_report_as_a_new_one(
    bot: Harness,
) -> None:
    await network(bot)
    bot.auto_dispatch = False
    await send_to_everyone(bot)
    bot.api.delete_by_user(COORDINATOR, bot.api.last_message(COORDINATOR)["message_id"])
    await bot.dispatch()
    assert "Delivered: 3" in bot.last(COORDINATOR)
    bot.api.expect_problem("message to edit not found")


async def test_a_member_removed_after_the_fan_out_gets_nothing_and_is_counted(
    bot: Harness,
) -> None:
    await network(bot)
    bot.auto_dispatch = False
    await send_to_everyone(bot)
    rt = runtime(bot.app)
    async with transaction(rt.sessions) as session:
        for row in await outbox.claim(session, bot.clock, fanout=True, limit=50):
            await delivery.expand(session, bot.clock, row, rt.settings.coordinators)
    async with transaction(rt.sessions) as session:
        john = await session.scalar(select(Person.id).where(Person.tg_user_id == JOHN))
        membership = await session.scalar(select(Membership).where(Membership.person_id == john))
        await session.delete(membership)
    await bot.dispatch()
    assert not any("second floor" in t for t in bot.texts(JOHN))
    report = bot.last(COORDINATOR)
    assert "The notice has gone out to 3 people." in report and "Delivered: 2" in report
    assert "Not sent, no longer in the audience: 1" in report
    async with transaction(rt.sessions) as session:
        statuses = sorted(
            await session.scalars(
                select(Outbox.status).where(Outbox.kind == "broadcast", Outbox.fanout.is_(False))
            )
        )
    assert statuses == [OutboxStatus.SENT, OutboxStatus.SENT, OutboxStatus.SKIPPED]


class Crash(BaseException):
    """The process dies: nothing after this line of the program runs."""


class CrashingRequest(FakeRequest):
    """Delivers the n-th call of `method` once armed, then the process dies before hearing
    Telegram's answer."""

    def __init__(self, api: FakeBotApi, method: str, crash_on: int) -> None:
        super().__init__(api)
        self.method, self.crash_on = method, crash_on
        self.calls = 0
        self.armed = False

    async def do_request(self, url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        answer = await super().do_request(url, *args, **kwargs)
        if self.armed and url.endswith(f"/{self.method}"):
            self.calls += 1
            if self.calls == self.crash_on:
                raise Crash
        return answer


def copies(api: FakeBotApi) -> Counter[int]:
    """How many copies of the notice reached each member."""
    return Counter(
        call.params["chat_id"]
        for call in api.sent("sendMessage")
        if call.params["chat_id"] != COORDINATOR and "second floor" in call.params["text"]
    )


async def confirmed_broadcast(bot: Harness, members: tuple[Member, ...]) -> None:
    await onboard(bot, COORDINATOR)
    await add_members(bot, members)
    await send_to_everyone(bot)


async def test_after_a_crash_mid_broadcast_the_rest_go_once_and_the_report_counts_each_once(
    database: Database, clock: FakeClock
) -> None:
    api = FakeBotApi()
    # One copy in flight at a time, so "the one in flight" is exactly one message.
    crashing = CrashingRequest(api, "sendMessage", crash_on=5)
    first = await start_harness(
        database, clock, api, request=crashing, auto_dispatch=False, SHURA_SEND_CONCURRENCY="1"
    )
    members = MANY[:12]
    await confirmed_broadcast(first, members)
    crashing.armed = True
    with pytest.raises(Crash):
        await first.dispatch()
    assert sum(copies(api).values()) == 5
    await stop_harness(first)

    second = await start_harness(database, clock, api, SHURA_SEND_CONCURRENCY="1")
    try:
        await second.dispatch()
        counts = copies(api)
        assert set(counts) == {m.tg_user_id for m in members}  # nobody lost
        assert sorted(counts.values()) == [1] * 11 + [2]  # only the one in flight, twice
        report = second.last(COORDINATOR)
        assert "The notice has gone out to 12 people." in report and "Delivered: 12" in report
        clock.advance(CLAIM_LEASE + timedelta(seconds=1))
        await second.dispatch()
        assert copies(api) == counts  # and nothing more
        assert [b.status for b in await broadcasts(second)] == [BroadcastStatus.DONE]
    finally:
        await stop_harness(second)
    api.assert_no_problems()


async def test_a_report_cut_short_by_a_crash_is_shown_once_after_the_restart(
    database: Database, clock: FakeClock
) -> None:
    api = FakeBotApi()
    crashing = CrashingRequest(api, "editMessageText", crash_on=1)
    first = await start_harness(database, clock, api, request=crashing, auto_dispatch=False)
    await confirmed_broadcast(first, MANY[:3])
    crashing.armed = True
    with pytest.raises(Crash):
        await first.dispatch()  # the report reached Telegram; the bot never heard back
    assert "Delivered: 3" in first.last(COORDINATOR)
    assert [b.status for b in await broadcasts(first)] == [BroadcastStatus.SENDING]
    messages = len(api.messages(COORDINATOR))
    await stop_harness(first)

    second = await start_harness(database, clock, api)
    try:
        await second.dispatch()
        # Edited again to what it already says: Telegram's "message is not modified" is fine.
        api.expect_problem("message is not modified")
        assert [b.status for b in await broadcasts(second)] == [BroadcastStatus.DONE]
        assert len(api.messages(COORDINATOR)) == messages
        assert "Delivered: 3" in second.last(COORDINATOR)
        assert sum(copies(api).values()) == 3
    finally:
        await stop_harness(second)
    assert not second.errors
    api.assert_no_problems()


async def test_a_photo_without_a_caption_goes_out_under_the_header_alone(bot: Harness) -> None:
    await network(bot)
    await bot.send(COORDINATOR, "/broadcast")
    photo = await bot.send_photo(COORDINATOR)
    await bot.press(COORDINATOR, "bc:to:everyone")
    preview = bot.api.sent("sendPhoto", chat_id=COORDINATOR)[-1].params
    assert preview["photo"] == photo and preview["caption"] == f"📢 {HEADER[JOHN]}"
    await bot.press(COORDINATOR, f"bc:send:{await draft_id(bot)}")
    for member, header in HEADER.items():
        [received] = bot.api.sent("sendPhoto", chat_id=member)
        assert (
            received.params["photo"] == photo
            and plain(received.params["caption"]) == f"📢 {header}"
        )
