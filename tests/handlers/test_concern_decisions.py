"""Decisions on concerns as their senders and coordinators read them, and what anonymous means."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.app import runtime
from bot.i18n import msg
from db.models import AuditLog, Concern, ConcernKind, ConcernStatus, Dialog, Outbox
from db.session import transaction
from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.languages import (
    IN_EACH_LANGUAGE,
    LANGUAGES,
    SECOND,
    coordinator_in,
    last_answer,
    said,
)
from tests.handlers.network import JOHN, add_members, schedule
from tests.handlers.test_concerns import concerns, raise_text

LONG = (
    "Water for the camps around Mazar, before the winter comes in, "
    "and for the schools that lost their wells"
)


async def decided(bot: Harness) -> tuple[list[tuple[ConcernStatus, object]], int, int]:
    """Each concern's status and decision time, the decisions queued, the decisions logged."""
    async with transaction(runtime(bot.app).sessions) as session:
        rows = await session.scalars(select(Concern).order_by(Concern.id))
        states = [(c.status, c.decided_at) for c in rows]
        told = await session.scalar(
            select(func.count()).select_from(Outbox).where(Outbox.kind == "concern_decision")
        )
        logged = await session.scalar(
            select(func.count())
            .select_from(AuditLog)
            .where(AuditLog.action.in_(("concern.approved", "concern.rejected", "concern.merged")))
        )
    return states, int(told or 0), int(logged or 0)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_concern_decided_by_another_coordinator_is_said_so_and_left_as_it_is(
    bot: Harness, lang: str
) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-21 14:00")
    await coordinator_in(bot, SECOND, lang)
    await raise_text(bot, JOHN, "Checkpoints on the road")
    await raise_text(bot, JOHN, "Funding for the shelter")
    first, second = await concerns(bot)
    await bot.send(SECOND, "/review")
    await bot.send(COORDINATOR, "/review")
    # The second coordinator starts to turn the second concern down, and stops to think.
    await bot.press(SECOND, f"rev:no:{second.id}")

    await bot.press(COORDINATOR, f"rev:ok:{first.id}")
    await bot.press(COORDINATOR, f"rev:ok:{second.id}")
    before = await decided(bot)

    approved = msg("concern-status-approved")
    await bot.press(SECOND, f"rev:ok:{first.id}")
    assert last_answer(bot) == said(
        bot, lang, "review-already-decided", number=first.id, status=approved
    )
    await bot.press(SECOND, f"rev:merge:{first.id}")
    assert last_answer(bot) == said(
        bot, lang, "review-already-decided", number=first.id, status=approved
    )
    # The reason typed for the concern approved meanwhile: told, and the question is over.
    await bot.send(SECOND, "Out of scope")
    assert bot.last(SECOND) == said(
        bot, lang, "review-already-decided", number=second.id, status=approved
    )
    assert await decided(bot) == before
    async with transaction(runtime(bot.app).sessions) as session:
        assert (await session.scalars(select(Dialog))).all() == []
    assert "Out of scope" not in " ".join(bot.texts(JOHN))


async def merge_into_another(
    bot: Harness, sender: int, text: str, *, approved: bool
) -> tuple[Concern, Concern]:
    """Someone else raises a concern with `text` (approved or not); `sender` raises one the
    coordinator merges into it. The two concerns, that one first."""
    await add_members(bot)
    await schedule(bot, "2026-12-21 14:00")
    await raise_text(bot, JOHN if sender != JOHN else COORDINATOR, text)
    await raise_text(bot, sender, "Drinking water")
    target, merged = await concerns(bot)
    await bot.send(COORDINATOR, "/review")
    if approved:
        await bot.press(COORDINATOR, f"rev:ok:{target.id}")
    await bot.press(COORDINATOR, f"rev:merge:{merged.id}")
    await bot.press(COORDINATOR, f"rev:into:{merged.id}:{target.id}")
    return target, merged


@pytest.mark.parametrize(("sender", "lang"), IN_EACH_LANGUAGE)
async def test_a_merged_concerns_sender_is_told_which_concern_it_joined(
    bot: Harness, sender: int, lang: str
) -> None:
    target, merged = await merge_into_another(bot, sender, LONG, approved=True)

    # The start of its text: the whole of it would make a long message.
    about = msg("concern-merged-into-quote", text=LONG[:79] + "…")
    told = said(
        bot, lang, "concern-decided-merged", number=merged.id, target=target.id, about=about
    )
    assert bot.last(sender) == told
    assert "Water for the camps around Mazar" in told


@pytest.mark.parametrize(("sender", "lang"), IN_EACH_LANGUAGE)
async def test_a_concern_merged_into_one_not_yet_approved_shows_only_its_number(
    bot: Harness, sender: int, lang: str
) -> None:
    text = "Something only coordinators have read"
    target, merged = await merge_into_another(bot, sender, text, approved=False)

    told = bot.last(sender)
    assert told == said(
        bot,
        lang,
        "concern-decided-merged",
        number=merged.id,
        target=target.id,
        about=msg("concern-merged-into-waiting"),
    )
    assert "coordinators have read" not in told


async def test_a_concern_merged_into_a_voice_note_says_so(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-21 14:00")
    await bot.send(COORDINATOR, "/concern")
    await bot.send_voice(COORDINATOR)
    await bot.press(COORDINATOR, "cnc:topic:security")
    await bot.press(COORDINATOR, "cnc:who:named")
    await bot.press(COORDINATOR, "cnc:send")
    await raise_text(bot, JOHN, "Drinking water")
    target, merged = await concerns(bot)
    assert target.kind == ConcernKind.VOICE
    await bot.send(COORDINATOR, "/review")
    await bot.press(COORDINATOR, f"rev:ok:{target.id}")
    await bot.press(COORDINATOR, f"rev:merge:{merged.id}")
    await bot.press(COORDINATOR, f"rev:into:{merged.id}:{target.id}")
    assert f"merged into concern #{target.id}" in bot.last(JOHN)
    assert "a voice note, on the agenda." in bot.last(JOHN)


# What anonymous protects, and what it does not, in the words of each language.
PROTECTS = {
    "en": "coordinators never see who sent it",
    "fa": "هماهنگ‌کنندگان هرگز نمی‌بینند چه کسی آن را فرستاده است",
    "ps": "همغږي کوونکي هېڅکله نه ګوري چې چا لېږلې ده",
}
VOICE = {
    "en": "a voice note carries your voice",
    "fa": "پیام صوتی صدای شما را دارد",
    "ps": "غږیز پیغام ستاسو غږ لري",
}
PHOTO = {
    "en": "a photo may show who took it",
    "fa": "عکس شاید نشان دهد چه کسی یا از کجا آن را گرفته است",
    "ps": "انځور ښايي وښيي چې چا یا له کوم ځای څخه اخیستی دی",
}
WRITING = {
    "en": "way of writing",
    "fa": "شیوه نوشتن شما",
    "ps": "ستاسو د لیکلو طریقه",
}


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_help_says_what_anonymous_protects_and_what_it_does_not(
    bot: Harness, user: int, lang: str
) -> None:
    await add_members(bot)
    await bot.send(user, "/help")
    shown = bot.last(user)
    for words in (PROTECTS, VOICE, PHOTO, WRITING):
        assert words[lang] in shown


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
@pytest.mark.parametrize(
    ("kind", "caveat"),
    [
        pytest.param("text", WRITING, id="text"),
        pytest.param("voice", VOICE, id="voice"),
        pytest.param("photo", PHOTO, id="photo"),
    ],
)
async def test_the_confirmation_of_an_anonymous_concern_says_it_again(
    bot: Harness, user: int, lang: str, kind: str, caveat: dict[str, str]
) -> None:
    await add_members(bot)
    await bot.send(user, "/concern")
    if kind == "text":
        await bot.send(user, "Water")
    elif kind == "voice":
        await bot.send_voice(user)
    else:
        await bot.send_photo(user, caption="The school")
    await bot.press(user, "cnc:topic:other")
    await bot.press(user, "cnc:who:anon")
    confirmation = bot.last(user)
    assert PROTECTS[lang] in confirmation and caveat[lang] in confirmation
    assert confirmation.index(PROTECTS[lang]) < confirmation.index(caveat[lang])


async def test_a_named_concerns_confirmation_does_not_speak_of_anonymity(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(JOHN, "/concern")
    await bot.send(JOHN, "Water")
    await bot.press(JOHN, "cnc:topic:other")
    await bot.press(JOHN, "cnc:who:named")
    assert "coordinators see your name" in bot.last(JOHN)
    assert "never see who sent it" not in bot.last(JOHN)


async def test_help_in_a_group_leaves_the_note_out(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/help", chat_id=-100_777, chat_type="supergroup")
    assert "Anonymous concerns" not in bot.last(-100_777)
