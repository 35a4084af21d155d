"""Registering an organization, and the coordinators' decision on it."""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.handlers.common import (
    Button,
    CallbackData,
    Edit,
    Keyboard,
    Replies,
    Reply,
    Send,
    Turn,
    handler,
)
from bot.handlers.dialogs import flow
from bot.handlers.notices import notify
from bot.i18n import Msg, msg
from bot.services import dialogs, organizations, people
from bot.services.errors import DomainError
from bot.services.text import CONTACT_LIMIT, FOCUS_LIMIT, NAME_LIMIT, PLACE_LIMIT
from db.models import Dialog, Organization, OrgKind

REG = CallbackData("reg")
ORG = CallbackData("org")

REGISTER, REJECT = "register", "reject"


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


async def _registration_at(turn: Turn, step: str) -> Dialog:
    dialog = await dialogs.current(turn.session, turn.person)
    if dialog is None or dialog.flow != REGISTER or dialog.step != step:
        raise DomainError("error-stale-button")
    return dialog


@handler()
async def on_registration_button(turn: Turn) -> Replies:
    action, args = REG.parse(turn.callback_data)
    if action == "kind":
        dialog = await _registration_at(turn, "kind")
        kind = organizations.parse_kind(args[0] if args else "")
        dialogs.advance(dialog, turn.clock, "province", kind=kind.value)
        return [
            Edit(msg("register-kind-chosen", kind=msg(f"kind-{kind.value}"))),
            Send(_NEXT_PROMPT["province"]),
        ]
    if action == "skip":
        dialog = await _registration_at(turn, "contact")
        dialogs.advance(dialog, turn.clock, "confirm", contact=None)
        return [Edit(msg("register-contact-skipped")), _confirm(dialog)]
    if action == "cancel":
        dialog = await _registration_at(turn, "confirm")
        await dialogs.finish(turn.session, turn.person)
        return Edit(msg("cancel-done"))
    if action == "submit":
        return await _submit(turn, await _registration_at(turn, "confirm"))
    raise DomainError("error-stale-button")


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


@handler()
async def on_decision(turn: Turn) -> Replies:
    action, args = ORG.parse(turn.callback_data)
    org_id = ORG.int_arg(args)
    if action == "ok":
        org = await organizations.approve(turn.session, turn.clock, turn.actor, org_id)
        told = await notify(
            turn, org.registered_by, msg("org-approved", name=org.name), f"decision:o{org.id}"
        )
        return [Edit(msg("org-approved-done", name=org.name)), told]
    if action == "no":
        org = await organizations.ensure_can_reject(turn.session, turn.actor, org_id)
        await dialogs.begin(
            turn.session, turn.clock, turn.person, REJECT, "reason", {"org_id": org.id}
        )
        return Send(msg("org-ask-reason", name=org.name))
    raise DomainError("error-stale-button")


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
    await dialogs.finish(turn.session, turn.person)
    decision = msg("org-rejected", name=org.name, reason=org.rejection_reason or "")
    told = await notify(turn, org.registered_by, decision, f"decision:o{org.id}")
    return [Send(msg("org-rejected-done", name=org.name)), told]


def handlers() -> list[object]:
    return [
        CommandHandler("register", cmd_register),
        CommandHandler("pending", cmd_pending),
        CallbackQueryHandler(on_registration_button, pattern=REG.pattern),
        CallbackQueryHandler(on_decision, pattern=ORG.pattern),
    ]
