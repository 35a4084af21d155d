"""A person starts the bot, picks a language, and learns what they can do."""

import pytest

from tests.handlers.conftest import COORDINATOR, Harness

ALICE = 1_000_001


async def test_start_asks_for_the_language_with_three_buttons(bot: Harness) -> None:
    await bot.send(ALICE, "/start")
    assert bot.labels(ALICE) == ["English", "دری", "پښتو"]
    assert bot.data(ALICE) == ["lang:set:en", "lang:set:fa", "lang:set:ps"]


@pytest.mark.parametrize(
    ("data", "confirmation", "greeting"),
    [
        pytest.param("lang:set:en", "Language set to English.", "Hello", id="english"),
        pytest.param("lang:set:fa", "دری", "سلام", id="dari"),
        pytest.param("lang:set:ps", "پښتو", "سلام", id="pashto"),
    ],
)
async def test_choosing_a_language_confirms_and_greets_in_it(
    bot: Harness, data: str, confirmation: str, greeting: str
) -> None:
    await bot.send(ALICE, "/start")
    await bot.press(ALICE, data)
    picker, welcome = bot.texts(ALICE)
    assert confirmation in picker
    assert welcome.startswith(greeting)
    assert "/register" in welcome  # a newcomer is told how to take part
    assert len(bot.answers()) == 1


async def test_a_returning_person_is_greeted_without_the_picker(bot: Harness) -> None:
    await bot.send(ALICE, "/start")
    await bot.press(ALICE, "lang:set:en")
    await bot.send(ALICE, "/start")
    assert bot.last(ALICE).startswith("Hello")
    assert bot.labels(ALICE) == []


async def test_language_changes_it_later(bot: Harness) -> None:
    await bot.send(ALICE, "/start")
    await bot.press(ALICE, "lang:set:en")
    await bot.send(ALICE, "/language")
    await bot.press(ALICE, "lang:set:ps")
    await bot.send(ALICE, "/help")
    assert "/register" in bot.last(ALICE)
    catalog = bot.app.bot_data["shura"].catalog
    assert catalog.text("ps", "cmd-register") in bot.last(ALICE)  # the help is in Pashto now


async def test_a_forged_language_is_refused(bot: Harness) -> None:
    await bot.send(ALICE, "/start")
    await bot.forge(ALICE, "lang:set:de")
    answer = bot.answers()[-1]
    assert answer["show_alert"] is True
    assert "no longer valid" in answer["text"]
    assert bot.labels(ALICE) == ["English", "دری", "پښتو"]  # still waiting for a real choice


async def test_help_lists_only_the_commands_of_the_role(bot: Harness) -> None:
    await bot.send(ALICE, "/start")
    await bot.press(ALICE, "lang:set:en")
    await bot.send(ALICE, "/help")
    member_help = bot.last(ALICE)
    assert "/register" in member_help
    assert "/pending" not in member_help
    assert "/invite" not in member_help

    await bot.send(COORDINATOR, "/start")
    await bot.press(COORDINATOR, "lang:set:en", chat_id=COORDINATOR)
    await bot.send(COORDINATOR, "/help")
    coordinator_help = bot.last(COORDINATOR)
    for command in ("/pending", "/promote", "/demote", "/bindgroup", "/invite"):
        assert command in coordinator_help


async def test_command_menus_are_registered_per_language(bot: Harness) -> None:
    for lang in ("en", "fa", "ps"):
        commands = bot.api.commands_for("default", lang)
        assert {c["command"] for c in commands} >= {"start", "help", "register", "join"}
    english = {c["command"]: c["description"] for c in bot.api.commands_for("default", "en")}
    dari = {c["command"]: c["description"] for c in bot.api.commands_for("default", "fa")}
    assert english["register"] != dari["register"]
    assert "pending" not in english


async def test_coordinators_get_their_extra_commands_in_their_chat_only(bot: Harness) -> None:
    await bot.send(COORDINATOR, "/start")
    await bot.press(COORDINATOR, "lang:set:en")
    commands = {c["command"] for c in bot.api.commands_for("chat", chat_id=COORDINATOR)}
    assert {"pending", "promote", "demote"} <= commands
    assert bot.api.commands_for("chat", chat_id=ALICE) == []


async def test_a_private_command_in_a_group_points_to_the_private_chat(bot: Harness) -> None:
    await bot.send(ALICE, "/start")
    await bot.press(ALICE, "lang:set:en")
    await bot.send(ALICE, "/register", chat_id=-100123, chat_type="supergroup")
    assert "private chat" in bot.last(-100123)


async def test_an_unknown_command_and_stray_text_get_a_pointer_to_help(bot: Harness) -> None:
    await bot.send(ALICE, "/start")
    await bot.press(ALICE, "lang:set:en")
    await bot.send(ALICE, "/frobnicate")
    assert "/help" in bot.last(ALICE)
    await bot.send(ALICE, "hello?")
    assert "/help" in bot.last(ALICE)


async def test_cancel_with_nothing_to_cancel_says_so(bot: Harness) -> None:
    await bot.send(ALICE, "/start")
    await bot.press(ALICE, "lang:set:en")
    await bot.send(ALICE, "/cancel")
    assert bot.last(ALICE) == "There is nothing to cancel."
