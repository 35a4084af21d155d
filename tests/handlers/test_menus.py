"""Command menus and /help: by role, in the language people chose, refreshed as they change."""

from __future__ import annotations

import pytest
from telegram.ext import CommandHandler

from bot.handlers.commands import COMMANDS
from bot.i18n import LANGUAGES
from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.helpers import approved_org, invite_code, onboard

ALICE, BASIR = 1_000_001, 1_000_002
GROUP = -100_777
ADMIN_ONLY = {"invite", "members"}
COORDINATOR_ONLY = {"pending", "promote", "demote", "newmeeting", "attendance", "bindgroup"}


def menu(bot: Harness, chat_id: int) -> dict[str, str]:
    return {c["command"]: c["description"] for c in bot.api.commands_for("chat", chat_id=chat_id)}


def described(bot: Harness, lang: str, name: str) -> str:
    return bot.app.bot_data["shura"].catalog.text(lang, f"cmd-{name}", plain=True)


async def test_every_registered_command_is_declared_and_every_declared_one_registered(
    bot: Harness,
) -> None:
    registered = [
        command
        for handlers in bot.app.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    ]
    declared = [command.name for command in COMMANDS]
    assert sorted(registered) == sorted(declared)
    assert len(set(declared)) == len(declared)
    catalog = bot.app.bot_data["shura"].catalog
    for lang in LANGUAGES:
        assert {c.description for c in COMMANDS} <= catalog.keys(lang)


@pytest.mark.parametrize(
    ("phone", "chosen"),
    [
        pytest.param("en", "fa", id="english-phone-dari-chosen"),
        pytest.param("fa", "ps", id="dari-phone-pashto-chosen"),
        pytest.param("ps", "en", id="pashto-phone-english-chosen"),
    ],
)
async def test_the_menu_is_in_the_language_chosen_not_the_phones(
    bot: Harness, phone: str, chosen: str
) -> None:
    bot.api.user(ALICE, "Alice", language_code=phone)
    await onboard(bot, ALICE, chosen)
    shown = menu(bot, ALICE)
    assert shown["register"] == described(bot, chosen, "register")
    assert shown["register"] != described(bot, phone, "register")
    # A newcomer: how to join and register, nothing for the network, admins or coordinators.
    assert {"start", "help", "join", "register"} <= set(shown)
    assert not set(shown) & (ADMIN_ONLY | COORDINATOR_ONLY | {"orgs", "next"})


async def test_changing_the_language_changes_the_menu(bot: Harness) -> None:
    await onboard(bot, ALICE, "en")
    await bot.send(ALICE, "/language")
    await bot.press(ALICE, "lang:set:ps")
    assert menu(bot, ALICE)["help"] == described(bot, "ps", "help")


async def test_the_default_menus_are_a_newcomers(bot: Harness) -> None:
    for lang in ("", *LANGUAGES):
        names = {c["command"] for c in bot.api.commands_for("default", lang)}
        assert {"start", "join", "register"} <= names
        assert not names & (ADMIN_ONLY | COORDINATOR_ONLY)
        groups = {c["command"] for c in bot.api.commands_for("all_group_chats", lang)}
        assert groups == {"help"}


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_members_see_no_admin_or_coordinator_commands(bot: Harness, lang: str) -> None:
    await approved_org(bot, ALICE)
    code = await invite_code(bot, ALICE)
    bot.api.user(BASIR, "Basir", language_code="en")
    await onboard(bot, BASIR, lang)
    await bot.send(BASIR, f"/start join-{code}")

    shown = menu(bot, BASIR)
    assert {"next", "meetings", "orgs", "register", "leave"} <= set(shown)
    assert not set(shown) & (ADMIN_ONLY | COORDINATOR_ONLY)
    assert shown["next"] == described(bot, lang, "next")
    await bot.send(BASIR, "/help")
    help_text = bot.last(BASIR)
    assert "/next" in help_text and "/register" in help_text
    for name in ADMIN_ONLY | COORDINATOR_ONLY:
        assert f"/{name}" not in help_text

    # The registrant became the organization's admin on approval: their menu says so.
    assert ADMIN_ONLY <= set(menu(bot, ALICE))
    assert not set(menu(bot, ALICE)) & COORDINATOR_ONLY


async def test_leaving_the_network_gives_the_newcomers_menu_back(bot: Harness) -> None:
    await approved_org(bot, ALICE)
    code = await invite_code(bot, ALICE)
    await onboard(bot, BASIR)
    await bot.send(BASIR, f"/join {code}")
    assert "orgs" in menu(bot, BASIR)
    await bot.send(BASIR, "/leave")
    await bot.press_label(BASIR, "Leave")
    shown = menu(bot, BASIR)
    assert "orgs" not in shown and "join" in shown


async def test_an_admin_made_by_another_gets_the_admin_menu(bot: Harness) -> None:
    await approved_org(bot, ALICE)
    code = await invite_code(bot, ALICE)
    bot.api.user(BASIR, "Basir")
    await onboard(bot, BASIR)
    await bot.send(BASIR, f"/join {code}")
    assert not ADMIN_ONLY & set(menu(bot, BASIR))
    await bot.send(ALICE, "/members")
    await bot.press_label(ALICE, "Basir")
    await bot.press_label(ALICE, "Make admin")
    assert ADMIN_ONLY <= set(menu(bot, BASIR))


async def test_a_group_help_lists_only_what_works_in_the_group(bot: Harness) -> None:
    await onboard(bot, ALICE)
    await onboard(bot, COORDINATOR)
    bot.api.add_group(GROUP, "Balkh network")
    await bot.send(ALICE, "/help", chat_id=GROUP, chat_type="supergroup")
    member_help = bot.last(GROUP)
    assert "/help" in member_help
    assert "/register" not in member_help and "/bindgroup" not in member_help
    await bot.send(COORDINATOR, "/help", chat_id=GROUP, chat_type="supergroup")
    coordinator_help = bot.last(GROUP)
    assert "/bindgroup" in coordinator_help
    assert "/pending" not in coordinator_help and "/start" not in coordinator_help


async def test_a_refused_menu_update_is_logged_and_the_answer_still_goes_out(
    bot: Harness,
) -> None:
    await bot.send(ALICE, "/start")
    bot.api.fail_next("setMyCommands", error_code=400, description="Bad Request: chat not found")
    await bot.press(ALICE, "lang:set:en")
    assert bot.last(ALICE).startswith("Hello")
    bot.api.fail_next("setMyCommands", error_code=403, description="Forbidden: bot was blocked")
    await bot.send(ALICE, "/language")
    await bot.press(ALICE, "lang:set:fa")
    assert menu(bot, ALICE) == {}  # never set, and nothing raised


async def test_a_removed_member_gets_the_newcomers_menu(bot: Harness) -> None:
    await approved_org(bot, ALICE)
    code = await invite_code(bot, ALICE)
    bot.api.user(BASIR, "Basir")
    await onboard(bot, BASIR, "ps")
    await bot.send(BASIR, f"/join {code}")
    assert "orgs" in menu(bot, BASIR)
    await bot.send(ALICE, "/members")
    await bot.press_label(ALICE, "Basir")
    await bot.press_label(ALICE, "Remove from organization")
    await bot.press_label(ALICE, "Yes, remove")
    shown = menu(bot, BASIR)
    assert "orgs" not in shown and shown["join"] == described(bot, "ps", "join")


async def test_forgetme_returns_the_person_to_the_default_menu(bot: Harness) -> None:
    await onboard(bot, ALICE, "fa")
    assert menu(bot, ALICE)
    await bot.send(ALICE, "/forgetme")
    await bot.press(ALICE, next(d for d in bot.data(ALICE) if d.startswith("forget:yes:")))
    assert menu(bot, ALICE) == {}  # the default menu, by phone language, shows again


async def test_each_command_works_where_it_is_declared_to(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    bot.api.add_group(GROUP, "Balkh network")
    catalog = bot.app.bot_data["shura"].catalog
    private_only = catalog.text("en", "error-private-only", plain=True)
    group_only = catalog.text("en", "error-group-only", plain=True)
    for command in COMMANDS:
        before = len(bot.api.messages(GROUP))
        await bot.send(COORDINATOR, f"/{command.name}", chat_id=GROUP, chat_type="supergroup")
        assert len(bot.api.messages(GROUP)) > before, command.name
        assert (bot.last(GROUP) == private_only) == (command.where == "private"), command.name
        await bot.send(COORDINATOR, f"/{command.name}")
        assert (bot.last(COORDINATOR) == group_only) == (command.where == "group"), command.name
        await bot.send(COORDINATOR, "/cancel")  # whatever it started
