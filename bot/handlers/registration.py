"""Registering an organization, and the coordinators' decision on it."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler

from bot.handlers.common import (
    Button,
    CallbackData,
    Edit,
    Keyboard,
    Later,
    Replies,
    Reply,
    Send,
    Turn,
    handler,
)
from bot.handlers.dialogs import flow
from bot.handlers.menu import menu_of
from bot.handlers.notices import notify
from bot.i18n import Msg, msg, pick_language
from bot.presentation import NUMBER
from bot.services import dialogs, notices, organizations, people
from bot.services.errors import DomainError
from bot.services.text import CONTACT_LIMIT, FOCUS_LIMIT, NAME_LIMIT, PLACE_LIMIT
from db.models import Dialog, Organization, OrgKind

REG = CallbackData("reg")
ORG = CallbackData("org")
log = logging.getLogger(__name__)

REGISTER, REJECT = "register", "reject"
KINDS = f"({'|'.join(kind.value for kind in OrgKind)})"


def _kind_buttons() -> Keyboard:
    kinds = list(OrgKind)
    return [[Button(msg(f"kind-{kind.value}"), REG.build("kind", kind.value))] for kind in kinds]


def _summary(data: dict[str, str]) -> Msg:
    return msg(
        "register-summary",
        name=data["name"],
        kind=msg(f"kind-{data['kind']}"),
        province=data["province"],
        district=data["district"],
        focus=data["focus"],
        contact=data.get("contact") or "-",
    )


def review_message(org: Organization) -> tuple[Msg, Keyboard]:
    """What a coordinator sees of an application, with the buttons to decide."""
    registrant = org.registered_by
    text = msg(
        "org-review",
        name=org.name,
        kind=msg(f"kind-{org.kind.value}"),
        province=org.province,
        district=org.district,
        focus=org.focus,
        contact=org.contact or "-",
        registrant=registrant.display_name,
        username=f"@{registrant.username}" if registrant.username else "-",
    )
    buttons = [
        [
            Button(msg("button-approve"), ORG.build("ok", org.id)),
            Button(msg("button-reject"), ORG.build("no", org.id)),
        ]
    ]
    return text, buttons


@handler()
async def cmd_register(turn: Turn) -> Replies:
    dialog = await dialogs.current(turn.session, turn.person)
    if dialog is not None and dialog.flow == REGISTER:
        # Typed again halfway through: ask, rather than throw away what was answered.
        buttons = [
            [
                Button(msg("button-register-restart"), REG.build("restart")),
                Button(msg("button-register-continue"), REG.build("keep")),
            ]
        ]
        name = dialog.data.get("name")
        question = (
            msg("register-restart-ask", name=name) if name else msg("register-restart-ask-unnamed")
        )
        return Send(question, buttons)
    return await _begin(turn)


async def _begin(turn: Turn) -> Send:
    await dialogs.begin(turn.session, turn.clock, turn.person, REGISTER, "name")
    return Send(msg("register-ask-name", limit=NAME_LIMIT))


_NEXT_PROMPT = {
    "province": msg("register-ask-province", limit=PLACE_LIMIT),
    "district": msg("register-ask-district", limit=PLACE_LIMIT),
    "focus": msg("register-ask-focus", limit=FOCUS_LIMIT),
}


@flow(REGISTER)
async def registration_step(turn: Turn, dialog: Dialog, text: str) -> Replies:
    step = dialog.step
    if step == "name":
        name = organizations.clean_name(text)
        await organizations.ensure_name_free(turn.session, name)
        dialogs.advance(dialog, turn.clock, "kind", name=name)
        return Send(msg("register-ask-kind"), _kind_buttons())
    if step == "kind":
        return Send(msg("register-use-buttons"), _kind_buttons())
    if step == "province":
        dialogs.advance(dialog, turn.clock, "district", province=organizations.clean_place(text))
        return Send(_NEXT_PROMPT["district"])
    if step == "district":
        dialogs.advance(dialog, turn.clock, "focus", district=organizations.clean_place(text))
        return Send(_NEXT_PROMPT["focus"])
    if step == "focus":
        dialogs.advance(dialog, turn.clock, "contact", focus=organizations.clean_focus(text))
        return Send(
            msg("register-ask-contact", limit=CONTACT_LIMIT),
            [[Button(msg("button-skip"), REG.build("skip"))]],
        )
    if step == "contact":
        dialogs.advance(dialog, turn.clock, "confirm", contact=organizations.clean_contact(text))
        return _confirm(dialog)
    return Send(msg("register-use-buttons"))


def _confirm(dialog: Dialog) -> Send:
    buttons = [
        [
            Button(msg("button-submit"), REG.build("submit")),
            Button(msg("button-cancel"), REG.build("cancel")),
        ]
    ]
    return Send(_summary(dialog.data), buttons)


async def _registration_at(turn: Turn, step: str | None = None) -> Dialog:
    dialog = await dialogs.current(turn.session, turn.person)
    if dialog is None or dialog.flow != REGISTER or step not in (None, dialog.step):
        raise DomainError("error-stale-button")
    return dialog


def _prompt(dialog: Dialog) -> Send:
    """The question of the step a registration is at, asked again."""
    step = dialog.step
    if step == "name":
        return Send(msg("register-ask-name", limit=NAME_LIMIT))
    if step == "kind":
        return Send(msg("register-ask-kind"), _kind_buttons())
    if step in _NEXT_PROMPT:
        return Send(_NEXT_PROMPT[step])
    if step == "contact":
        return Send(
            msg("register-ask-contact", limit=CONTACT_LIMIT),
            [[Button(msg("button-skip"), REG.build("skip"))]],
        )
    return _confirm(dialog)


@handler()
async def on_kind(turn: Turn) -> Replies:
    dialog = await _registration_at(turn, "kind")
    kind = organizations.parse_kind(turn.group(1))
    dialogs.advance(dialog, turn.clock, "province", kind=kind.value)
    return [
        Edit(msg("register-kind-chosen", kind=msg(f"kind-{kind.value}"))),
        Send(_NEXT_PROMPT["province"]),
    ]


@handler()
async def on_skip_contact(turn: Turn) -> Replies:
    dialog = await _registration_at(turn, "contact")
    dialogs.advance(dialog, turn.clock, "confirm", contact=None)
    return [Edit(msg("register-contact-skipped")), _confirm(dialog)]


@handler()
async def on_cancel_registration(turn: Turn) -> Replies:
    await _registration_at(turn, "confirm")
    await dialogs.finish(turn.session, turn.person)
    return Edit(msg("cancel-done"))


@handler()
async def on_submit(turn: Turn) -> Replies:
    return await _submit(turn, await _registration_at(turn, "confirm"))


@handler()
async def on_restart(turn: Turn) -> Replies:
    return [Edit(msg("register-restarted")), await _begin(turn)]


@handler()
async def on_keep_going(turn: Turn) -> Replies:
    dialog = await _registration_at(turn)
    return [Edit(msg("register-continued")), _prompt(dialog)]


async def _submit(turn: Turn, dialog: Dialog) -> Replies:
    data = dialog.data
    draft = organizations.Draft(
        name=data["name"],
        kind=organizations.parse_kind(data["kind"]),
        province=data["province"],
        district=data["district"],
        focus=data["focus"],
        contact=data.get("contact"),
    )
    org = await organizations.submit(turn.session, turn.clock, turn.person, draft)
    await dialogs.finish(turn.session, turn.person)
    await turn.session.refresh(org, ["registered_by"])
    text, buttons = review_message(org)
    reviewers = await people.coordinators(turn.session, turn.coordinators)
    # Nobody to tell: say so, rather than promise a review nobody will hear of.
    submitted = "register-submitted" if reviewers else "register-submitted-no-coordinators"
    replies: list[Reply] = [Edit(msg(submitted, name=org.name))]
    for coordinator in reviewers:
        key = f"review:o{org.id}:p{coordinator.id}"
        replies.append(await notify(turn, coordinator, text, key, buttons))
    return replies


@handler()
async def cmd_pending(turn: Turn) -> Replies:
    waiting = await organizations.pending(turn.session, turn.actor)
    if not waiting:
        return Send(msg("pending-none"))
    replies: list[Send] = [Send(msg("pending-count", count=len(waiting)))]
    for org in waiting[:20]:
        text, buttons = review_message(org)
        replies.append(Send(text, buttons))
    return replies


async def _withdraw_reviews(
    turn: Turn,
    org: Organization,
    *,
    approved: bool,
    pressed: tuple[int, int] | None,
    edit_pressed: bool,
) -> Later:
    """Every coordinator's card of the application loses its buttons once it is decided.

    `pressed` is the card the deciding coordinator pressed (a notice, or one /pending
    showed); a reply edits it already unless `edit_pressed`.
    """
    copies = await notices.withdraw(turn.session, f"review:o{org.id}:")
    targets = [
        (c.chat_id, c.message_id, c.language)
        for c in copies
        if (c.chat_id, c.message_id) != pressed
    ]
    if pressed is not None and edit_pressed:
        targets.append((*pressed, turn.lang))
    key = "org-decided-approved" if approved else "org-decided-rejected"
    text = msg(key, name=org.name, by=turn.person.display_name)
    bot, catalog = turn.context.bot, turn.runtime.catalog
    default = turn.runtime.settings.default_language

    async def run() -> None:
        for chat_id, message_id, language in targets:
            lang = pick_language(language, None, default)
            await edit_sent(bot, chat_id, message_id, catalog.render(lang, text))

    return Later(run)


def _pressed_card(turn: Turn) -> tuple[int, int] | None:
    query = turn.update.callback_query
    if query is None or query.message is None:
        return None
    return query.message.chat.id, query.message.message_id


async def edit_sent(bot: Bot, chat_id: int, message_id: int, text: str) -> None:
    """Replace a message sent earlier, without its buttons; one gone is no error."""
    try:
        await bot.edit_message_text(
            text, chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML
        )
    except TelegramError as error:
        # Deleted by the person, too old to edit, the bot blocked: nothing left to update.
        log.info("review card %s/%s not edited: %s", chat_id, message_id, error.message)


@handler()
async def on_approve(turn: Turn) -> Replies:
    org = await organizations.approve(turn.session, turn.clock, turn.actor, turn.int_group(1))
    told = await notify(
        turn, org.registered_by, msg("org-approved", name=org.name), f"decision:o{org.id}"
    )
    return [
        Edit(msg("org-approved-done", name=org.name)),
        told,
        await _withdraw_reviews(
            turn, org, approved=True, pressed=_pressed_card(turn), edit_pressed=False
        ),
        # The registrant is now the organization's admin: their menu says so.
        await menu_of(turn, org.registered_by),
    ]


@handler()
async def on_reject(turn: Turn) -> Replies:
    org = await organizations.ensure_can_reject(turn.session, turn.actor, turn.int_group(1))
    data: dict[str, object] = {"org_id": org.id}
    pressed = _pressed_card(turn)
    if pressed is not None:
        # The card pressed may be one /pending showed (not a notice): it loses its buttons too.
        data["card"] = list(pressed)
    await dialogs.begin(turn.session, turn.clock, turn.person, REJECT, "reason", data)
    return Send(msg("org-ask-reason", name=org.name))


@flow(REJECT)
async def rejection_reason(turn: Turn, dialog: Dialog, text: str) -> Replies:
    org_id = int(dialog.data["org_id"])
    try:
        org = await organizations.reject(turn.session, turn.clock, turn.actor, org_id, text)
    except DomainError as error:
        if error.key == "org-already-decided":
            # Another coordinator was quicker: nothing left to ask a reason for.
            await dialogs.finish(turn.session, turn.person)
            return Send(msg(error.key, **error.params))
        raise
    card = dialog.data.get("card")
    await dialogs.finish(turn.session, turn.person)
    decision = msg("org-rejected", name=org.name, reason=org.rejection_reason or "")
    told = await notify(turn, org.registered_by, decision, f"decision:o{org.id}")
    pressed = (int(card[0]), int(card[1])) if isinstance(card, list) and len(card) == 2 else None
    return [
        Send(msg("org-rejected-done", name=org.name)),
        told,
        await _withdraw_reviews(turn, org, approved=False, pressed=pressed, edit_pressed=True),
    ]


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_kind, pattern=REG.route("kind", KINDS)),
        CallbackQueryHandler(on_skip_contact, pattern=REG.route("skip")),
        CallbackQueryHandler(on_cancel_registration, pattern=REG.route("cancel")),
        CallbackQueryHandler(on_submit, pattern=REG.route("submit")),
        CallbackQueryHandler(on_restart, pattern=REG.route("restart")),
        CallbackQueryHandler(on_keep_going, pattern=REG.route("keep")),
        CallbackQueryHandler(on_approve, pattern=ORG.route("ok", NUMBER)),
        CallbackQueryHandler(on_reject, pattern=ORG.route("no", NUMBER)),
    ]
