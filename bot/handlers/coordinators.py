"""Coordinators: /promote, /demote and /bindgroup."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.handlers.common import Later, Replies, Send, Turn, handler
from bot.handlers.menu import publish_coordinator_menu, withdraw_coordinator_menu
from bot.handlers.notices import notify
from bot.i18n import msg, pick_language
from bot.services import coordination


@handler()
async def cmd_promote(turn: Turn) -> Replies:
    target = await coordination.promote(
        turn.session, turn.clock, turn.person, turn.coordinators, " ".join(turn.args)
    )
    lang = pick_language(target.language, None, turn.runtime.settings.default_language)
    bot, catalog, user_id = turn.context.bot, turn.runtime.catalog, target.tg_user_id
    stamp = int(turn.clock.now().timestamp())
    return [
        Send(msg("promote-done", name=target.display_name)),
        await notify(turn, target, msg("promote-notice"), f"promoted:p{target.id}:{stamp}"),
        Later(lambda: publish_coordinator_menu(bot, catalog, user_id, lang)),
    ]


@handler()
async def cmd_demote(turn: Turn) -> Replies:
    target = await coordination.demote(
        turn.session, turn.clock, turn.person, turn.coordinators, " ".join(turn.args)
    )
    bot, user_id = turn.context.bot, target.tg_user_id
    stamp = int(turn.clock.now().timestamp())
    return [
        Send(msg("demote-done", name=target.display_name)),
        await notify(turn, target, msg("demote-notice"), f"demoted:p{target.id}:{stamp}"),
        Later(lambda: withdraw_coordinator_menu(bot, user_id)),
    ]


@handler(where="group")
async def cmd_bindgroup(turn: Turn) -> Replies:
    chat = turn.update.effective_chat
    title = (chat.title if chat else None) or ""
    await coordination.bind_group(
        turn.session, turn.clock, turn.person, turn.coordinators, turn.chat_id, title
    )
    # Posts in the group are for everyone: in the network's default language.
    return Send(msg("group-bound"), lang=turn.runtime.settings.default_language)


def handlers() -> list[object]:
    return [
        CommandHandler("promote", cmd_promote),
        CommandHandler("demote", cmd_demote),
        CommandHandler("bindgroup", cmd_bindgroup),
    ]
