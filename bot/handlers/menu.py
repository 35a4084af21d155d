"""The commands each role sees, in the help text and in Telegram's command menu."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeChat
from telegram.error import BadRequest, Forbidden

from bot.i18n import LANGUAGES, Catalog
from bot.services.actor import Actor

log = logging.getLogger(__name__)

MEMBER_COMMANDS = (
    "start",
    "help",
    "next",
    "meetings",
    "language",
    "myorgs",
    "orgs",
    "join",
    "register",
    "cancel",
    "mydata",
    "leave",
    "forgetme",
)
ADMIN_COMMANDS = ("invite", "members")
COORDINATOR_COMMANDS = (
    "newmeeting",
    "series",
    "editmeeting",
    "cancelmeeting",
    "attendance",
    "deliveries",
    "pending",
    "promote",
    "demote",
    "bindgroup",
)
GROUP_COMMANDS = ("help", "bindgroup")


def commands_for(actor: Actor) -> list[str]:
    names = list(MEMBER_COMMANDS)
    if actor.org_admin or actor.coordinator:
        names += ADMIN_COMMANDS
    if actor.coordinator:
        names += COORDINATOR_COMMANDS
    return names


def _bot_commands(
    catalog: Catalog, lang: str, names: tuple[str, ...] | list[str]
) -> list[BotCommand]:
    return [BotCommand(name, catalog.text(lang, f"cmd-{name}", plain=True)) for name in names]


async def publish_menus(bot: Bot, catalog: Catalog, default_language: str) -> None:
    """Register the command menus per language (Telegram picks by the user's app language)."""
    everyone = list(MEMBER_COMMANDS + ADMIN_COMMANDS)
    await bot.set_my_commands(_bot_commands(catalog, default_language, everyone))
    await bot.set_my_commands(
        _bot_commands(catalog, default_language, GROUP_COMMANDS),
        scope=BotCommandScopeAllGroupChats(),
    )
    for lang in LANGUAGES:
        await bot.set_my_commands(_bot_commands(catalog, lang, everyone), language_code=lang)
        await bot.set_my_commands(
            _bot_commands(catalog, lang, GROUP_COMMANDS),
            scope=BotCommandScopeAllGroupChats(),
            language_code=lang,
        )


async def publish_coordinator_menu(bot: Bot, catalog: Catalog, tg_user_id: int, lang: str) -> None:
    """Show a coordinator their extra commands, in their private chat only."""
    names = list(MEMBER_COMMANDS + ADMIN_COMMANDS + COORDINATOR_COMMANDS)
    try:
        await bot.set_my_commands(
            _bot_commands(catalog, lang, names), scope=BotCommandScopeChat(tg_user_id)
        )
    except (BadRequest, Forbidden) as error:
        # A coordinator named in the settings who has not started the bot yet has no chat.
        log.info("no coordinator menu for %s: %s", tg_user_id, error.message)


async def withdraw_coordinator_menu(bot: Bot, tg_user_id: int) -> None:
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(tg_user_id))
    except (BadRequest, Forbidden) as error:
        log.info("no coordinator menu to remove for %s: %s", tg_user_id, error.message)
