"""Coordinators: /promote, /demote and /bindgroup."""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler

from bot.handlers.common import Button, CallbackData, Edit, Replies, Send, Turn, handler
from bot.handlers.menu import menu_of
from bot.handlers.notices import notify
from bot.i18n import Msg, msg
from bot.presentation import NUMBER
from bot.services import coordination
from db.models import Person

CRD = CallbackData("crd")


def _who(target: Person) -> Msg:
    """Who a reference names, so a coordinator sees it is the right person before deciding."""
    username = f"@{target.username}" if target.username else "—"
    return msg(
        "person-identity", name=target.display_name, username=username, id=str(target.tg_user_id)
    )


def _confirm(action: str, target: Person) -> Send:
    buttons = [
        [
            Button(msg(f"button-{action}"), CRD.build(action, target.id)),
            Button(msg("button-cancel"), CRD.build("no")),
        ]
    ]
    return Send(msg(f"{action}-confirm", who=_who(target)), buttons)


@handler()
async def cmd_promote(turn: Turn) -> Replies:
    target = await coordination.promotion_candidate(
        turn.session, turn.actor, turn.coordinators, " ".join(turn.args)
    )
    return _confirm("promote", target)


@handler()
async def cmd_demote(turn: Turn) -> Replies:
    target = await coordination.demotion_candidate(
        turn.session, turn.actor, turn.coordinators, " ".join(turn.args)
    )
    return _confirm("demote", target)


@handler()
async def on_promote(turn: Turn) -> Replies:
    target = await coordination.promote(
        turn.session, turn.clock, turn.actor, turn.coordinators, turn.int_group(1)
    )
    stamp = int(turn.clock.now().timestamp())
    return [
        Edit(msg("promote-done", name=target.display_name)),
        await notify(turn, target, msg("promote-notice"), f"promoted:p{target.id}:{stamp}"),
        await menu_of(turn, target),
    ]


@handler()
async def on_demote(turn: Turn) -> Replies:
    target = await coordination.demote(
        turn.session, turn.clock, turn.actor, turn.coordinators, turn.int_group(1)
    )
    stamp = int(turn.clock.now().timestamp())
    return [
        Edit(msg("demote-done", name=target.display_name)),
        await notify(turn, target, msg("demote-notice"), f"demoted:p{target.id}:{stamp}"),
        await menu_of(turn, target),
    ]


@handler()
async def on_keep_roles(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    return Edit(msg("roles-unchanged"))


@handler(where="group")
async def cmd_bindgroup(turn: Turn) -> Replies:
    chat = turn.update.effective_chat
    title = (chat.title if chat else None) or ""
    await coordination.bind_group(turn.session, turn.clock, turn.actor, turn.chat_id, title)
    # Posts in the group are for everyone: in the network's default language.
    return Send(msg("group-bound"), lang=turn.runtime.settings.default_language)


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_promote, pattern=CRD.route("promote", NUMBER)),
        CallbackQueryHandler(on_demote, pattern=CRD.route("demote", NUMBER)),
        CallbackQueryHandler(on_keep_roles, pattern=CRD.route("no")),
    ]
