"""Text people typed at its limit, relayed by the bot with its own words, in Dari and Pashto.

A member's photo caption may be 1,024 UTF-16 units, the most Telegram delivers; a meeting's
title may be 200 characters of emoji and half-spaces. The strict fake Telegram refuses any
message or caption over Telegram's limits, so each flow below would fail on a send the real
Telegram refuses.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.app import runtime
from bot.i18n import msg
from bot.markup import CAPTION_LIMIT, utf16_len
from bot.services import concerns as concern_rules
from db.models import Concern, ConcernStatus
from db.session import transaction
from tests.handlers.conftest import Harness, plain
from tests.handlers.languages import SECOND, coordinator_in, said
from tests.handlers.network import AMIR, ZAHRA, add_members, schedule
from tests.handlers.test_concern_flows import content
from tests.handlers.test_motion_flows import meeting_row, reads_right
from tests.property.delivered import within

MEMBER = {"fa": AMIR, "ps": ZAHRA}
RIGHT_TO_LEFT = [pytest.param(lang, id=lang) for lang in ("fa", "ps")]
WORDS = {
    "fa": "ایست‌های بازرسی در راه‌ها 🚧 کارمندان می‌ترسند 😟 ",
    "ps": "د لارې پر سر د تلاشۍ پوستې 🚧 کارکوونکي وېرېږي 😟 ",
}


def at_telegrams_limit(lang: str) -> str:
    """A caption of exactly 1,024 UTF-16 units (what Telegram delivers at most), within the
    1,000 characters a concern may have: words with half-spaces, and emoji."""
    text = within(WORDS[lang] * 40, CAPTION_LIMIT).strip()
    text += "؟" * (CAPTION_LIMIT - utf16_len(text))
    assert utf16_len(text) == CAPTION_LIMIT and len(text) <= concern_rules.TEXT_LIMIT
    return text


def captions(bot: Harness, chat_id: int) -> list[str]:
    """The captions of the photos and files the bot sent to the chat, as the person reads them."""
    return [plain(m["plain_caption"]) for m in bot.api.messages(chat_id) if m["plain_caption"]]


@pytest.mark.parametrize("lang", RIGHT_TO_LEFT)
async def test_a_photo_with_a_caption_at_telegrams_limit_reaches_review_the_agenda_and_export(
    bot: Harness, lang: str
) -> None:
    member, caption = MEMBER[lang], at_telegrams_limit(lang)
    await add_members(bot)
    await coordinator_in(bot, SECOND, lang)
    meeting_id = await schedule(bot, "2026-12-21 14:00")

    await bot.send(member, "/concern")
    file_id = await bot.send_photo(member, caption=caption)
    await bot.press(member, "cnc:topic:security")
    await bot.press(member, "cnc:who:anon")
    assert plain(caption) in bot.last(member)  # quoted back whole before it is sent
    await bot.press(member, "cnc:send")
    async with transaction(runtime(bot.app).sessions) as session:
        concern = await session.scalar(select(Concern))
    assert concern is not None and (concern.text, concern.file_id) == (caption, file_id)

    await bot.send(SECOND, "/review")
    assert captions(bot, SECOND) == [said(bot, lang, "review-caption", number=concern.id)]
    assert bot.last(SECOND) == said(
        bot,
        lang,
        "review-card",
        number=concern.id,
        topic=msg("concern-topic-security"),
        sender=msg("review-anonymous"),
        content=content("photo", caption),
    )
    await bot.press(SECOND, f"rev:ok:{concern.id}")

    await bot.send(member, "/agenda")
    start = concern_rules.start_of(caption)
    assert start.endswith("…") and start[:-1] in bot.last(member)
    await bot.send(SECOND, f"/export {meeting_id}")
    await bot.press(SECOND, f"exp:f:concerns:{meeting_id}")
    [csv] = [m["document"]["content"] for m in bot.api.messages(SECOND) if m["document"]]
    assert caption in csv.decode("utf-8-sig")
    async with transaction(runtime(bot.app).sessions) as session:
        stored = await session.get(Concern, concern.id)
    assert stored is not None and stored.status == ConcernStatus.APPROVED
    reads_right(bot, SECOND, lang)
    reads_right(bot, member, lang)


@pytest.mark.parametrize("lang", RIGHT_TO_LEFT)
async def test_a_meeting_title_at_its_limit_is_whole_in_every_caption_that_names_it(
    bot: Harness, lang: str
) -> None:
    title = within(WORDS[lang] * 10, 10_000)[:200].strip()
    member = MEMBER[lang]
    await add_members(bot)
    await coordinator_in(bot, SECOND, lang)
    meeting_id = await schedule(bot, "2026-12-03 10:00", title=title)
    meeting = await meeting_row(bot, meeting_id)
    assert meeting.title == title and utf16_len(title) > 200
    await bot.dispatch()

    # The calendar file from the invitation's button, the exported file, the check-in QR code
    # and the summary's chart: each caption names the meeting, with all of its title.
    await bot.press(member, f"rsvp:ics:{meeting_id}")
    await bot.send(SECOND, f"/export {meeting_id}")
    await bot.press(SECOND, f"exp:f:rsvps:{meeting_id}")
    bot.clock.set(meeting.starts_at)
    await bot.send(SECOND, "/checkin")
    bot.clock.set(meeting.starts_at + timedelta(hours=3))
    await bot.send(SECOND, f"/summary {meeting_id}")

    shown = plain(title)
    [calendar] = captions(bot, member)
    assert calendar == said(bot, lang, "calendar-caption", title=title)
    sent = captions(bot, SECOND)
    assert len(sent) == 3 and all(shown in caption for caption in sent), sent
    assert sent[-1] == said(bot, lang, "summary-chart-caption", title=title)
    assert all(utf16_len(caption) <= CAPTION_LIMIT for caption in [calendar, *sent])
    reads_right(bot, SECOND, lang)
    reads_right(bot, member, lang)
