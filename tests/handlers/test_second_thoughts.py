"""Doing something twice: /register again, an old language picker, an application decided."""

from __future__ import annotations

import pytest

from bot.handlers.common import plain_text
from bot.i18n import LANGUAGES
from tests.handlers.conftest import COORDINATOR, Harness, plain
from tests.handlers.helpers import onboard, org_id_from_review, register

ALICE, SECOND = 1_000_001, 7_000_000_002


def text(bot: Harness, lang: str, key: str, **params: object) -> str:
    """A message as the person reads it."""
    return plain(plain_text(bot.app.bot_data["shura"].catalog.text(lang, key, **params)))


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_register_during_a_registration_asks_before_starting_over(
    bot: Harness, lang: str
) -> None:
    await onboard(bot, ALICE, lang)
    await bot.send(ALICE, "/register")
    await bot.send(ALICE, "Balkh Youth Network")
    await bot.send(ALICE, "/register")
    assert bot.last(ALICE) == text(bot, lang, "register-restart-ask", name="Balkh Youth Network")
    assert bot.data(ALICE) == ["reg:restart", "reg:keep"]

    await bot.press(ALICE, "reg:keep")
    assert text(bot, lang, "register-continued") in bot.texts(ALICE)
    assert "reg:kind:ngo" in bot.data(ALICE)  # asked the kind again, where it stopped

    await bot.send(ALICE, "/register")
    await bot.press(ALICE, "reg:restart")
    assert bot.last(ALICE) == text(bot, lang, "register-ask-name", limit=100)
    await bot.send(ALICE, "Another Name")
    assert "reg:kind:ngo" in bot.data(ALICE)


async def test_register_before_naming_asks_too_and_an_old_question_is_stale(
    bot: Harness,
) -> None:
    await onboard(bot, ALICE)
    await bot.send(ALICE, "/register")
    await bot.send(ALICE, "/register")
    assert bot.last(ALICE) == text(bot, "en", "register-restart-ask-unnamed")
    await bot.send(ALICE, "/cancel")
    await bot.press(ALICE, "reg:keep")  # nothing left to continue
    assert "no longer valid" in bot.answers()[-1]["text"]


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_an_old_language_picker_only_changes_the_language(bot: Harness, lang: str) -> None:
    await bot.send(ALICE, "/start")
    old = bot.api.last_message(ALICE)["message_id"]
    await bot.send(ALICE, "/start")  # a second picker, the one chosen with
    await bot.press(ALICE, "lang:set:en", message_id=bot.api.last_message(ALICE)["message_id"])
    sent = len(bot.api.sent("sendMessage", chat_id=ALICE))
    await bot.press(ALICE, f"lang:set:{lang}", message_id=old)

    assert len(bot.api.sent("sendMessage", chat_id=ALICE)) == sent  # no second greeting
    assert bot.texts(ALICE)[0] == text(bot, lang, "language-set")
    await bot.send(ALICE, "/help")
    assert text(bot, lang, "cmd-register") in bot.last(ALICE)


async def two_coordinators_and_an_application(bot: Harness) -> int:
    await onboard(bot, COORDINATOR)
    bot.api.user(SECOND, "Second")
    await onboard(bot, SECOND, "fa")
    await bot.send(COORDINATOR, f"/promote {SECOND}")
    await bot.press_label(COORDINATOR, "Yes, make coordinator")
    await onboard(bot, ALICE)
    await register(bot, ALICE)
    org_id = org_id_from_review(bot)
    assert f"org:ok:{org_id}" in bot.data(SECOND)
    return org_id


def review_buttons(bot: Harness, chat_id: int) -> list[str]:
    return [
        b.get("callback_data", "")
        for m in bot.api.messages(chat_id)
        for row in (m.get("reply_markup") or {}).get("inline_keyboard", [])
        for b in row
        if b.get("callback_data", "").startswith("org:")
    ]


async def test_a_rejected_application_loses_its_buttons_for_every_coordinator(
    bot: Harness,
) -> None:
    org_id = await two_coordinators_and_an_application(bot)
    await bot.press(COORDINATOR, f"org:no:{org_id}")
    await bot.send(COORDINATOR, "Incomplete")

    assert review_buttons(bot, COORDINATOR) == []
    assert review_buttons(bot, SECOND) == []
    by = f"User {COORDINATOR}"
    decided = text(bot, "fa", "org-decided-rejected", name="Balkh Youth Network", by=by)
    assert bot.texts(SECOND)[-1] == decided


async def test_an_approved_application_loses_its_buttons_for_every_coordinator(
    bot: Harness,
) -> None:
    org_id = await two_coordinators_and_an_application(bot)
    await bot.press(SECOND, f"org:ok:{org_id}")

    assert review_buttons(bot, COORDINATOR) == []
    assert review_buttons(bot, SECOND) == []
    assert "was approved by Second" in "\n".join(bot.texts(COORDINATOR))


async def test_rejecting_from_pending_clears_that_card_too(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, ALICE)
    await register(bot, ALICE)
    await bot.send(COORDINATOR, "/pending")
    await bot.press_label(COORDINATOR, "Reject")
    await bot.send(COORDINATOR, "Incomplete")
    assert review_buttons(bot, COORDINATOR) == []
    assert "You rejected" in bot.last(COORDINATOR)


async def test_a_card_that_can_no_longer_be_edited_does_not_stop_the_decision(
    bot: Harness,
) -> None:
    org_id = await two_coordinators_and_an_application(bot)
    bot.api.fail_next(
        "editMessageText",
        error_code=400,
        description="Bad Request: message to edit not found",
        chat_id=SECOND,
    )
    await bot.press(COORDINATOR, f"org:ok:{org_id}")
    assert "You approved" in bot.last(COORDINATOR)
    assert "was approved" in bot.last(ALICE)
