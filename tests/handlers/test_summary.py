"""The outcome summary through Telegram: posted once to the group (and the coordinators) after
the meeting, even across a restart; /summary's private preview and its Post button, in each
language; the refusals; and a summary too long for one message."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from bot.app import runtime
from bot.clock import FakeClock
from bot.jobs.summary import post_due
from db.models import (
    ActionItem,
    AgendaItem,
    CheckIn,
    Concern,
    ConcernKind,
    ConcernStatus,
    ConcernTopic,
    Meeting,
    Organization,
    OutcomeKind,
    Person,
    Rsvp,
    RsvpAnswer,
)
from db.session import transaction
from tests.conftest import Database
from tests.handlers.conftest import COORDINATOR, Harness, plain, start_harness, stop_harness
from tests.handlers.helpers import onboard
from tests.handlers.network import AMIR, JOHN, ZAHRA, add_members, schedule

GROUP = -100_555
LENGTH = DELAY = timedelta(hours=2)


async def _meeting(bot: Harness) -> Meeting:
    async with transaction(runtime(bot.app).sessions) as session:
        found = await session.scalar(select(Meeting).order_by(Meeting.id.desc()).limit(1))
        assert found is not None
        return found


async def held_meeting(bot: Harness, *, actions: int = 1) -> Meeting:
    """A meeting of the network that has just ended: Amir and John said Going and came,
    Zahra said Maybe and stayed away, a walk-in came; one concern with three dots, and
    `actions` action items."""
    await add_members(bot)
    await bot.send(COORDINATOR, "/bindgroup", chat_id=GROUP, chat_type="supergroup")
    await schedule(bot, title="Monthly <meeting>")
    meeting = await _meeting(bot)
    async with transaction(runtime(bot.app).sessions) as session:
        people = {
            p.tg_user_id: p
            for p in await session.scalars(
                select(Person).where(Person.tg_user_id.in_([AMIR, ZAHRA, JOHN]))
            )
        }
        org = await session.scalar(select(Organization))
        assert org is not None
        now = bot.clock.now()
        for who, answer in (
            (AMIR, RsvpAnswer.GOING),
            (JOHN, RsvpAnswer.GOING),
            (ZAHRA, RsvpAnswer.MAYBE),
        ):
            session.add(
                Rsvp(
                    meeting_id=meeting.id,
                    person_id=people[who].id,
                    answer=answer,
                    waitlisted=False,
                    going_since=now,
                    answered_at=now,
                )
            )
        for who in (AMIR, JOHN):
            session.add(
                CheckIn(
                    meeting_id=meeting.id,
                    person_id=people[who].id,
                    organization_id=org.id,
                    checked_in_at=now,
                )
            )
        session.add(CheckIn(meeting_id=meeting.id, name="Farida", checked_in_at=now))
        concern = Concern(
            meeting_id=meeting.id,
            topic=ConcernTopic.FUNDING,
            kind=ConcernKind.TEXT,
            text="آب آشامیدنی برای مکتب‌ها",
            anonymous=True,
            status=ConcernStatus.APPROVED,
            created_at=now,
        )
        session.add(concern)
        await session.flush()
        session.add(AgendaItem(meeting_id=meeting.id, concern_id=concern.id, rank=1, dots=3))
        for number in range(actions):
            session.add(
                ActionItem(
                    meeting_id=meeting.id,
                    kind=OutcomeKind.ACTION,
                    text=f"Action {number:02d} " + "ښ&<" * 160,
                    owner_id=org.id,
                    due_on=date(2027, 1, 10),
                    created_at=now,
                )
            )
    bot.clock.set(meeting.starts_at + LENGTH)
    return meeting


def photos(bot: Harness, chat_id: int) -> list[dict[str, object]]:
    return [m for m in bot.api.messages(chat_id) if m["photo"] is not None]


def summaries(bot: Harness, chat_id: int) -> list[str]:
    """The summary texts in a chat (the first says "outcome" in its language)."""
    return [
        plain(m["plain_text"])
        for m in bot.api.messages(chat_id)
        if m["plain_text"] and m["method"] == "sendMessage"
    ]


async def test_the_group_and_the_coordinators_get_the_summary_once_even_after_a_restart(
    database: Database, clock: FakeClock
) -> None:
    bot = await start_harness(database, clock)
    await onboard(bot, COORDINATOR, "en")
    meeting = await held_meeting(bot)
    await bot.dispatch()
    before = len(bot.api.messages(GROUP))
    clock.advance(DELAY - timedelta(seconds=1))
    assert await post_due(runtime(bot.app)) == 0
    clock.advance(timedelta(seconds=1))
    assert await post_due(runtime(bot.app)) == 1
    await bot.dispatch()
    posted = bot.api.messages(GROUP)[before:]
    # In the network's language (Dari): the text, then the chart.
    assert [m["method"] for m in posted] == ["sendMessage", "sendPhoto"]
    text = plain(posted[0]["plain_text"])
    assert "نتایج جلسه: Monthly <meeting>" in text
    assert "گفتند می‌آیند: ۲؛ از آن‌ها ۲ نفر آمدند" in text
    assert "بدون جواب آمدند: ۱" in text and "نهادهای حاضر: ۱ از ۱" in text
    assert "۳۰ قوس ۱۴۰۵" in text  # the Solar Hijri date
    assert "آب آشامیدنی برای مکتب‌ها (۳ نقطه)" in text
    photo = posted[1]["photo"]
    assert isinstance(photo, dict) and photo["content"].startswith(b"\x89PNG")
    assert "حاضری و نگرانی‌هایی" in plain(posted[1]["plain_caption"])  # type: ignore[arg-type]
    # The coordinator reads it in English.
    assert "Meeting outcome: Monthly <meeting>" in summaries(bot, COORDINATOR)[-1]
    assert len(photos(bot, COORDINATOR)) == 1
    # The job's next runs, and a restart, post nothing more.
    clock.advance(timedelta(minutes=1))
    assert await post_due(runtime(bot.app)) == 0
    await bot.dispatch()
    await stop_harness(bot)
    again = await start_harness(database, clock, bot.api)
    clock.advance(timedelta(minutes=1))
    assert await post_due(runtime(again.app)) == 0
    await again.dispatch()
    assert bot.api.messages(GROUP)[before:] == posted
    assert len(photos(again, COORDINATOR)) == 1
    await stop_harness(again)
    assert not bot.errors and not again.errors
    async with transaction(runtime(again.app).sessions) as session:
        stored = await session.get(Meeting, meeting.id)
        assert stored is not None and stored.summary_queued_at is not None


@pytest.mark.parametrize(
    ("lang", "expected", "posted", "already"),
    [
        pytest.param(
            "en",
            ["Meeting outcome: Monthly <meeting>", "Said Going: 2; 2 of them came"],
            "The summary is on its way",
            "was already posted",
            id="en",
        ),
        pytest.param(
            "fa",
            ["نتایج جلسه: Monthly <meeting>", "گفتند شاید: ۱؛ از آن‌ها ۰ نفر آمدند"],
            "خلاصه به گروپ هماهنگی",
            "پیش از این",
            id="fa",
        ),
        pytest.param(
            "ps",
            ["د غونډې پایلې: Monthly <meeting>", "ویې ویل کېدای شي: ۱؛ له دوی څخه ۰ راغلل"],
            "لنډیز د همغږۍ ګروپ",
            "مخکې په",
            id="ps",
        ),
    ],
)
async def test_a_coordinator_previews_the_summary_in_private_and_posts_it_at_once(
    bot: Harness, lang: str, expected: list[str], posted: str, already: str
) -> None:
    await onboard(bot, COORDINATOR, "en")
    await held_meeting(bot)
    await bot.send(COORDINATOR, "/language")
    await bot.press(COORDINATOR, f"lang:set:{lang}")
    await bot.dispatch()
    group_before = len(bot.api.messages(GROUP))
    await bot.send(COORDINATOR, "/summary")
    text = summaries(bot, COORDINATOR)[-2]
    for part in expected:
        assert part in text, (part, text)
    assert len(photos(bot, COORDINATOR)) == 1
    assert bot.api.messages(GROUP)[group_before:] == []  # a preview: nothing posted yet
    (post,) = [data for data in bot.data(COORDINATOR) if data.startswith("sum:post:")]
    await bot.press(COORDINATOR, post)
    assert posted in bot.last(COORDINATOR)
    assert [m["method"] for m in bot.api.messages(GROUP)[group_before:]] == [
        "sendMessage",
        "sendPhoto",
    ]
    # A second press, and the automatic post, send nothing more.
    await bot.forge(COORDINATOR, post)
    assert already in plain(bot.answers()[-1]["text"])
    bot.clock.advance(DELAY)
    assert await post_due(runtime(bot.app)) == 0
    await bot.dispatch()
    assert len(bot.api.messages(GROUP)) == group_before + 2
    # /summary again says when it was posted, with no button.
    await bot.send(COORDINATOR, "/summary")
    assert already in bot.last(COORDINATOR)
    assert bot.api.last_message(COORDINATOR)["reply_markup"] is None


@pytest.mark.parametrize(
    ("lang", "stranger", "none", "early"),
    [
        pytest.param(
            "en",
            "Only coordinators can do that.",
            "No meeting has taken place yet",
            "has not ended yet",
            id="en",
        ),
        pytest.param(
            "fa",
            "فقط هماهنگ‌کننده‌ها",
            "هنوز هیچ جلسه‌ای برگزار نشده است",
            "هنوز تمام نشده است",
            id="fa",
        ),
        pytest.param(
            "ps",
            "یوازې همغږي کوونکي",
            "تر اوسه هېڅ غونډه نه ده شوې",
            "لا نه ده پای ته رسېدلې",
            id="ps",
        ),
    ],
)
async def test_refusals_are_translated(
    bot: Harness, lang: str, stranger: str, none: str, early: str
) -> None:
    await onboard(bot, COORDINATOR, lang)
    await onboard(bot, 4_500_001, lang)
    await bot.send(4_500_001, "/summary")
    assert stranger in bot.last(4_500_001)
    await bot.send(COORDINATOR, "/summary")
    assert none in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "/language")
    await bot.press(COORDINATOR, "lang:set:en")
    await add_members(bot)
    meeting_id = await schedule(bot)
    await bot.send(COORDINATOR, "/language")
    await bot.press(COORDINATOR, f"lang:set:{lang}")
    async with transaction(runtime(bot.app).sessions) as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None
        starts = meeting.starts_at
    bot.clock.set(starts + timedelta(hours=1))  # under way
    await bot.send(COORDINATOR, "/summary")
    assert early in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, f"/summary {meeting_id}")
    assert early in bot.last(COORDINATOR)
    # Someone else pressing a forged Post button learns nothing, nor does a made-up meeting.
    await bot.forge(4_500_001, f"sum:post:{meeting_id}")
    assert stranger in bot.answers()[-1]["text"]
    bot.clock.set(starts + LENGTH)
    await bot.forge(COORDINATOR, "sum:post:999999")
    assert bot.answers()[-1]["show_alert"]
    await bot.forge(COORDINATOR, "sum:post:x")
    assert not bot.api.messages(GROUP)


async def test_a_very_long_summary_comes_in_parts_and_a_failed_part_is_not_sent_twice(
    bot: Harness,
) -> None:
    await onboard(bot, COORDINATOR, "en")
    await held_meeting(bot, actions=40)
    await bot.dispatch()
    before = len(bot.api.messages(GROUP))
    # Telegram asks to wait when the chart comes: the texts already sent stay sent.
    bot.api.fail_next(
        "sendPhoto",
        error_code=429,
        description="Too Many Requests: retry after 5",
        retry_after=5,
        chat_id=GROUP,
    )
    bot.clock.advance(DELAY)
    assert await post_due(runtime(bot.app)) == 1
    await bot.dispatch()
    texts = [m for m in bot.api.messages(GROUP)[before:] if m["method"] == "sendMessage"]
    assert len(texts) > 2
    assert photos(bot, GROUP) == []
    bot.clock.advance(timedelta(seconds=6))
    await bot.dispatch()
    posted = bot.api.messages(GROUP)[before:]
    assert [m["method"] for m in posted] == ["sendMessage"] * len(texts) + ["sendPhoto"]
    read = "\n".join(plain(m["plain_text"]) for m in texts)
    assert [read.count(f"Action {number:02d}") for number in range(40)] == [1] * 40
