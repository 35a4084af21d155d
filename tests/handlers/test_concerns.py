"""/concern, /myconcerns and /review through Telegram: every step, refusal and language."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import runtime
from db.models import Concern, ConcernKind, ConcernStatus, Dialog
from db.session import transaction
from tests.handlers.conftest import COORDINATOR, Harness, plain, start_harness, stop_harness
from tests.handlers.helpers import onboard
from tests.handlers.network import AMIR, JOHN, ZAHRA, add_members, schedule

STRANGER = 4_000_077


async def concerns(bot: Harness) -> list[Concern]:
    async with transaction(runtime(bot.app).sessions) as session:
        return list(await session.scalars(select(Concern).order_by(Concern.id)))


async def raise_text(bot: Harness, user: int, text: str, *, anonymous: bool = True) -> None:
    await bot.send(user, "/concern")
    await bot.send(user, text)
    await bot.press(user, "cnc:topic:security")
    await bot.press(user, "cnc:who:anon" if anonymous else "cnc:who:named")
    await bot.press(user, "cnc:send")


async def test_a_member_raises_an_anonymous_text_concern_and_gets_its_number(
    bot: Harness,
) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-21 14:00")
    await bot.send(JOHN, "/concern")
    assert "up to 1,000 characters" in bot.last(JOHN)
    await bot.send(JOHN, "Checkpoints on the Balkh road")
    assert "Which topic" in bot.last(JOHN)
    assert "Media and public opinion" in bot.labels(JOHN)
    await bot.press(JOHN, "cnc:topic:security")
    privacy = bot.last(JOHN)
    assert "never see who sent it" in privacy and "after the meeting" in privacy
    assert "way of writing" in privacy
    await bot.press(JOHN, "cnc:who:anon")
    assert "Anonymous" in bot.last(JOHN) and "Checkpoints" in bot.last(JOHN)
    await bot.press(JOHN, "cnc:send")
    [concern] = await concerns(bot)
    assert f"#{concern.id}" in bot.last(JOHN)
    assert concern.anonymous and concern.author_id is None
    assert concern.text == "Checkpoints on the Balkh road"

    await bot.send(JOHN, "/myconcerns")
    assert f"#{concern.id}" in bot.last(JOHN) and "waiting for a decision" in bot.last(JOHN)


async def test_empty_and_long_concerns_are_refused_with_reasons_and_nothing_is_saved(
    bot: Harness,
) -> None:
    await add_members(bot)
    await bot.send(JOHN, "/concern")
    await bot.send(JOHN, "   ")
    assert "empty" in bot.last(JOHN)
    await bot.send(JOHN, "x" * 4096)  # the longest text Telegram delivers
    assert "4,096 characters" in bot.last(JOHN) and "1,000" in bot.last(JOHN)
    # PostgreSQL refuses a NUL in a text column: it is refused with a reason at once.
    await bot.send(JOHN, "our office\x00was searched")
    assert bot.last(JOHN) == plain(runtime(bot.app).catalog.text("en", "error-control-character"))
    await bot.send(JOHN, "x" * 1000)
    assert "Which topic" in bot.last(JOHN)
    assert await concerns(bot) == []


async def test_voice_and_photo_concerns_and_wrong_kinds(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(JOHN, "/concern")
    await bot.send_file(JOHN, "sticker")
    assert "voice note, or a photo" in bot.last(JOHN)
    await bot.send_file(JOHN, "document", caption="report")
    assert "Stickers, videos and files are not taken" in bot.last(JOHN)
    await bot.send_file(JOHN, "video")
    assert "Stickers, videos and files are not taken" in bot.last(JOHN)
    voice = await bot.send_voice(JOHN)
    await bot.press(JOHN, "cnc:topic:funding")
    assert "carries your voice" in bot.last(JOHN)
    await bot.press(JOHN, "cnc:who:anon")
    await bot.press(JOHN, "cnc:send")

    await bot.send(JOHN, "/concern")
    photo = await bot.send_photo(JOHN, caption="The flooded school")
    await bot.press(JOHN, "cnc:topic:other")
    assert "may show who took it" in bot.last(JOHN)
    await bot.press(JOHN, "cnc:who:named")
    await bot.press(JOHN, "cnc:send")
    first, second = await concerns(bot)
    assert (first.kind, first.file_id, first.text) == (ConcernKind.VOICE, voice, None)
    assert (second.kind, second.file_id, second.text) == (
        ConcernKind.PHOTO,
        photo,
        "The flooded school",
    )
    assert not second.anonymous


async def test_a_half_finished_concern_survives_a_restart(bot: Harness, database, clock) -> None:  # type: ignore[no-untyped-def]
    await add_members(bot)
    await bot.send(JOHN, "/concern")
    await bot.send(JOHN, "Water")
    await bot.press(JOHN, "cnc:topic:security")
    await stop_harness(bot)
    again = await start_harness(database, clock, bot.api)
    try:
        await again.press(JOHN, "cnc:who:named")
        await again.press(JOHN, "cnc:send")
        [concern] = await concerns(again)
        assert concern.text == "Water" and not concern.anonymous
    finally:
        await stop_harness(again)
    bot.app = again.app  # the fixture shuts down the running one


async def test_strangers_are_told_how_to_join(bot: Harness) -> None:
    await onboard(bot, STRANGER)
    await bot.send(STRANGER, "/concern")
    assert "/join" in bot.last(STRANGER)
    async with transaction(runtime(bot.app).sessions) as session:
        assert (await session.scalars(select(Dialog))).all() == []


async def test_dari_and_pashto(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(AMIR, "/concern")
    assert "۱" in bot.last(AMIR) and "1" not in bot.last(AMIR)
    await bot.send_file(AMIR, "sticker")
    assert "استیکر" in bot.last(AMIR)
    await bot.send(AMIR, "x" * 4096)
    assert "۴" in bot.last(AMIR) and "حرف" in bot.last(AMIR)
    await bot.send(AMIR, "آب")
    await bot.press(AMIR, "cnc:topic:security")
    assert "بی‌نام" in bot.last(AMIR)
    await bot.press(AMIR, "cnc:who:anon")
    await bot.press(AMIR, "cnc:send")
    assert "نگرانی" in bot.last(AMIR)
    await bot.send(ZAHRA, "/concern")
    await bot.send_file(ZAHRA, "video")
    assert "ویډیو" in bot.last(ZAHRA)
    await bot.send(ZAHRA, "   ")
    assert "تشه" in bot.last(ZAHRA)
    await bot.send(ZAHRA, "اوبه")
    await bot.press(ZAHRA, "cnc:topic:other")
    assert "بې نومه" in bot.last(ZAHRA)
    await bot.press(ZAHRA, "cnc:who:anon")
    await bot.press(ZAHRA, "cnc:send")
    await bot.send(ZAHRA, "/myconcerns")
    assert "اندېښنه" in bot.last(ZAHRA)


async def test_review_approve_reject_merge_and_forged_buttons(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-21 14:00")
    await raise_text(bot, JOHN, "First")
    await raise_text(bot, AMIR, "Second", anonymous=False)
    await bot.send(JOHN, "/concern")
    voice = await bot.send_voice(JOHN)
    await bot.press(JOHN, "cnc:topic:funding")
    await bot.press(JOHN, "cnc:who:anon")
    await bot.press(JOHN, "cnc:send")
    first, second, third = await concerns(bot)

    await bot.send(COORDINATOR, "/review")
    texts = bot.texts(COORDINATOR)
    assert any("anonymous" in t and "First" in t for t in texts)
    assert any("Amir" in t and "Second" in t for t in texts)
    [sent_voice] = bot.api.sent("sendVoice", chat_id=COORDINATOR)
    assert sent_voice.params["voice"] == voice
    assert f"#{third.id}" in sent_voice.params["caption"]

    await bot.press(COORDINATOR, f"rev:ok:{first.id}")
    assert any(f"#{first.id} approved" in t for t in bot.texts(COORDINATOR))
    assert "approved" in bot.last(JOHN)
    await bot.press(COORDINATOR, f"rev:no:{second.id}")
    await bot.send(COORDINATOR, "Out of scope")
    assert "not accepted" in bot.last(COORDINATOR)
    assert "Out of scope" not in " ".join(bot.texts(JOHN))
    assert "Out of scope" in bot.last(AMIR)
    await bot.press(COORDINATOR, f"rev:merge:{third.id}")
    await bot.press(COORDINATOR, f"rev:into:{third.id}:{first.id}")
    assert f"merged into concern #{first.id}" in bot.last(JOHN)
    statuses = [c.status for c in await concerns(bot)]
    assert statuses == [ConcernStatus.APPROVED, ConcernStatus.REJECTED, ConcernStatus.MERGED]

    # Buttons of concerns decided already: said so, with the decision.
    for data, decided in (
        (f"rev:ok:{first.id}", f"#{first.id} has already been decided (approved)"),
        (f"rev:no:{second.id}", f"#{second.id} has already been decided (not accepted)"),
        (f"rev:merge:{third.id}", f"(merged into #{first.id})"),
        (f"rev:into:{third.id}:{first.id}", f"(merged into #{first.id})"),
    ):
        await bot.forge(COORDINATOR, data)
        assert decided in bot.answers()[-1]["text"]
    # Ids nobody was ever shown: a stale button.
    for data in ("rev:ok:99999999999", "rev:ok:2147483647"):
        await bot.forge(COORDINATOR, data)
        assert "no longer valid" in bot.answers()[-1]["text"]
    await bot.forge(JOHN, f"rev:ok:{first.id}")
    assert "coordinator" in bot.answers()[-1]["text"].lower()
    await bot.send(COORDINATOR, "/review")
    assert "No concern is waiting" in bot.last(COORDINATOR)
