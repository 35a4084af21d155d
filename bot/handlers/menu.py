"""Who sees which command, in /help and in Telegram's command menus.

The commands themselves are declared once, in bot.handlers.commands; the runtime carries that
declaration, so a feature that changes someone's role refreshes their menu without importing
every other feature.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from telegram import (
    Bot,
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
)
from telegram.error import TelegramError

from bot.handlers.common import Later, TelegramCallback, Turn
from bot.i18n import LANGUAGES, Catalog, pick_language
from bot.services.actor import Actor, actor_of
from db.models import Person

log = logging.getLogger(__name__)

Chat = Literal["private", "group"]


class Audience(Enum):
    """Who a command is for; each role sees its own and those of the roles below it."""

    EVERYONE = "everyone"
    NEWCOMER = "newcomer"  # not in the network yet: shown only until they are
    MEMBER = "member"  # members of approved organizations, and coordinators
    ADMIN = "admin"  # org admins, and coordinators
    COORDINATOR = "coordinator"


@dataclass(frozen=True)
class Command:
    """One command: its name, who it is for, where it works and what answers it."""

    name: str
    audience: Audience
    callback: TelegramCallback
    where: Literal["private", "group", "any"] = "private"

    @property
    def description(self) -> str:
        """The catalog key of its one-line description."""
        return f"cmd-{self.name}"

    def works_in(self, chat: Chat) -> bool:
        return self.where in ("any", chat)


def sees(audience: Audience, actor: Actor | None) -> bool:
    """Whether `actor` (None: someone the bot knows nothing about) is meant to see it."""
    if audience is Audience.EVERYONE:
        return True
    if actor is None:
        return audience is Audience.NEWCOMER
    if audience is Audience.NEWCOMER:
        return not actor.in_network
    if audience is Audience.MEMBER:
        return actor.in_network
    if audience is Audience.ADMIN:
        return actor.org_admin or actor.coordinator
    return actor.coordinator


def menu_names(commands: Sequence[Command], actor: Actor | None, chat: Chat) -> list[str]:
    """The commands of the menu in a chat: the actor's, and only those that work there."""
    return [c.name for c in commands if c.works_in(chat) and sees(c.audience, actor)]


def help_names(commands: Sequence[Command], actor: Actor, chat: Chat) -> list[str]:
    """The commands /help lists: in private all of the actor's, where they work or not
    (that is where a coordinator learns of /bindgroup); in a group only the group's."""
    return [
        c.name
        for c in commands
        if sees(c.audience, actor) and (chat == "private" or c.works_in("group"))
    ]


def _bot_commands(catalog: Catalog, lang: str, names: Sequence[str]) -> tuple[BotCommand, ...]:
    return tuple(BotCommand(name, catalog.text(lang, f"cmd-{name}", plain=True)) for name in names)


@dataclass(frozen=True)
class Menu:
    """One command menu as Telegram keeps it: where it shows, in which language, what it lists."""

    key: str  # what it is remembered by
    commands: tuple[BotCommand, ...]
    scope: BotCommandScope | None = None
    language: str | None = None

    def digest(self, bot_id: int) -> str:
        """Changes when anything shown changes (or the bot does: another token)."""
        shown = [[command.command, command.description] for command in self.commands]
        data = json.dumps([bot_id, self.key, shown], ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(data).hexdigest()


def standing_menus(
    catalog: Catalog, commands: Sequence[Command], default_language: str
) -> list[Menu]:
    """The menus of people the bot has no chat menu for: a newcomer's, per app language,
    and the one every group shows."""
    private = menu_names(commands, None, "private")
    group = menu_names(commands, None, "group")
    groups = BotCommandScopeAllGroupChats()
    menus = [
        Menu("menu:private", _bot_commands(catalog, default_language, private)),
        Menu("menu:groups", _bot_commands(catalog, default_language, group), groups),
    ]
    for lang in LANGUAGES:
        menus.append(
            Menu(f"menu:private:{lang}", _bot_commands(catalog, lang, private), None, lang)
        )
        menus.append(Menu(f"menu:groups:{lang}", _bot_commands(catalog, lang, group), groups, lang))
    return menus


def chat_menu(catalog: Catalog, tg_user_id: int, lang: str, names: Sequence[str]) -> Menu:
    """One person's menu in their private chat."""
    scope = BotCommandScopeChat(tg_user_id)
    return Menu(f"menu:chat:{tg_user_id}", _bot_commands(catalog, lang, names), scope)


async def publish_changed(
    bot: Bot, menus: Sequence[Menu], known: Mapping[str, str]
) -> dict[str, str]:
    """Set, side by side, the menus whose digest is not the one `known` remembers; the
    digests of those Telegram took. A menu refused stays as it was and is tried next time."""
    changed = [menu for menu in menus if known.get(menu.key) != menu.digest(bot.id)]
    taken = await asyncio.gather(*(_set(bot, menu) for menu in changed))
    return {menu.key: menu.digest(bot.id) for menu, ok in zip(changed, taken, strict=True) if ok}


async def _set(bot: Bot, menu: Menu) -> bool:
    try:
        await bot.set_my_commands(
            list(menu.commands), scope=menu.scope, language_code=menu.language
        )
    except TelegramError as error:
        # A configured coordinator who has not started the bot has no chat yet (400); the
        # network may fail too. The bot works without it.
        log.info("menu %s not set: %s", menu.key, error.message)
        return False
    return True


async def publish_chat_menu(
    bot: Bot, catalog: Catalog, tg_user_id: int, lang: str, names: Sequence[str]
) -> None:
    """Set one person's menu in their private chat; never fails the update that asked.

    A menu left as it was is a small harm next to an answer lost to the error handler.
    """
    try:
        await bot.set_my_commands(
            list(_bot_commands(catalog, lang, names)), scope=BotCommandScopeChat(tg_user_id)
        )
    except TelegramError as error:
        # Someone who has not started the bot (a configured coordinator) has no chat yet (400),
        # one who blocked it refuses (403); a flood limit or the network may stop it too.
        log.info("no menu for %s: %s", tg_user_id, error.message)


async def withdraw_chat_menu(bot: Bot, tg_user_id: int) -> None:
    """Back to the default menu (after /forgetme: the bot no longer knows the language)."""
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(tg_user_id))
    except TelegramError as error:
        log.info("no menu to remove for %s: %s", tg_user_id, error.message)


async def menu_of(turn: Turn, person: Person) -> Later:
    """After the commit, show `person` the menu of what they are now, in their language.

    Their role is read again in this transaction, so a change made by this update counts.
    """
    await turn.session.flush()
    actor = await actor_of(turn.session, person, turn.coordinators)
    lang = pick_language(person.language, None, turn.runtime.settings.default_language)
    names = menu_names(turn.runtime.commands, actor, "private")
    bot, catalog, chat_id = turn.context.bot, turn.runtime.catalog, person.tg_user_id
    return Later(lambda: publish_chat_menu(bot, catalog, chat_id, lang, names))


def withdrawn_menu(turn: Turn, tg_user_id: int) -> Later:
    bot = turn.context.bot
    return Later(lambda: withdraw_chat_menu(bot, tg_user_id))
