"""Invite links, joining, and org admins managing their members."""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler

from bot.handlers.common import (
    Button,
    CallbackData,
    Edit,
    Keyboard,
    Later,
    Lines,
    Replies,
    Reply,
    Send,
    Toast,
    Turn,
    handler,
)
from bot.handlers.menu import menu_of
from bot.i18n import Html, Msg, Url, When, msg
from bot.presentation import NUMBER
from bot.services import meetings, members, organizations
from bot.services.errors import NotAllowed
from bot.views import role_label
from db.models import InviteCode, MemberRole, Membership

INV = CallbackData("inv")
MEM = CallbackData("mem")
PAGE_SIZE = 20
MESSAGE_BUDGET = 3500  # characters per message, well under Telegram's 4096


def chunk_lines(lines: list[str], budget: int = MESSAGE_BUDGET) -> list[Html]:
    """Group rendered lines into messages that stay under Telegram's length limit."""
    chunks: list[list[str]] = [[]]
    size = 0
    for line in lines:
        if chunks[-1] and size + len(line) + 1 > budget:
            chunks.append([])
            size = 0
        chunks[-1].append(line)
        size += len(line) + 1
    return [Html("\n".join(chunk)) for chunk in chunks]


def _pick_org(turn: Turn, feature: CallbackData, action: str) -> int | Send:
    """The one organization the admin manages, or buttons to pick one of several."""
    admin_of = [seat for seat in turn.actor.seats if seat.admin]
    if not admin_of:
        raise NotAllowed("error-not-org-admin")
    if len(admin_of) == 1:
        return admin_of[0].organization_id
    buttons = [
        [Button(seat.organization_name, feature.build(action, seat.organization_id))]
        for seat in admin_of
    ]
    return Send(msg("pick-organization"), buttons)


def _invite_view(turn: Turn, invite: InviteCode) -> tuple[Msg, Keyboard]:
    link = f"https://t.me/{turn.bot_username}?start={members.JOIN_PREFIX}{invite.code}"
    text = msg(
        "invite-link",
        name=invite.organization.name,
        link=Url(link),
        code=invite.code,
        expires=When(invite.expires_at, turn.runtime.settings.timezone, date_only=True),
    )
    return text, [[Button(msg("button-revoke-invite"), INV.build("new", invite.organization_id))]]


@handler()
async def cmd_invite(turn: Turn) -> Replies:
    picked = _pick_org(turn, INV, "show")
    if isinstance(picked, Send):
        return picked
    invite = await members.current_invite(turn.session, turn.clock, turn.actor, picked)
    text, buttons = _invite_view(turn, invite)
    return Send(text, buttons)


@handler()
async def on_invite_show(turn: Turn) -> Replies:
    invite = await members.current_invite(turn.session, turn.clock, turn.actor, turn.int_group(1))
    return Edit(*_invite_view(turn, invite))


@handler()
async def on_invite_renew(turn: Turn) -> Replies:
    invite = await members.revoke_invite(turn.session, turn.clock, turn.actor, turn.int_group(1))
    return [Toast(msg("invite-revoked")), Edit(*_invite_view(turn, invite))]


@handler()
async def cmd_join(turn: Turn) -> Replies:
    if not turn.args:
        return Send(msg("join-usage"))
    membership = await members.join(turn.session, turn.clock, turn.person, turn.args[0])
    return await joined(turn, membership)


async def joined(turn: Turn, membership: Membership) -> list[Send | Later]:
    """Welcome a new member; if invitations already went out, theirs follows at once."""
    replies: list[Send | Later] = [
        Send(msg("join-done", name=membership.organization.name)),
        await menu_of(turn, turn.person),
    ]
    if await meetings.invite_latecomer(turn.session, turn.clock, turn.person):
        replies.append(Later(turn.runtime.dispatcher.wake))
    return replies


@handler()
async def cmd_myorgs(turn: Turn) -> Replies:
    memberships = await members.my_memberships(turn.session, turn.person)
    waiting = await organizations.registered_by(turn.session, turn.person)
    if not memberships and not waiting:
        return Send(msg("myorgs-none"))
    catalog = turn.runtime.catalog
    lines = [
        catalog.text(
            turn.lang,
            "myorgs-line",
            name=m.organization.name,
            role=role_label(m),
            status=msg(f"status-{m.organization.status.value}"),
        )
        for m in memberships
    ]
    lines += [
        catalog.text(
            turn.lang, "myorgs-application", name=org.name, status=msg(f"status-{org.status.value}")
        )
        for org in waiting
    ]
    return [Send(msg("myorgs", lines=chunk)) for chunk in chunk_lines(lines)]


@handler()
async def cmd_orgs(turn: Turn) -> Replies:
    approved = await organizations.approved(turn.session, turn.actor)
    if not approved:
        return Send(msg("orgs-none"))
    lines = [
        msg(
            "orgs-line",
            name=org.name,
            kind=msg(f"kind-{org.kind.value}"),
            province=org.province,
            district=org.district,
        )
        for org in approved
    ]
    return Lines(msg("orgs", count=len(approved)), lines)


def _badge(membership: Membership) -> str:
    marks = ""
    if membership.role == MemberRole.ADMIN:
        marks += " ★"
    if membership.is_delegate:
        marks += " ✋"
    return membership.person.display_name[:50] + marks


async def _member_list(turn: Turn, org_id: int, page: int = 0) -> tuple[Msg, Keyboard]:
    everyone = await members.members(turn.session, turn.actor, org_id)
    pages = max(1, -(-len(everyone) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = everyone[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    buttons: list[list[Button]] = [[Button(_badge(m), MEM.build("who", m.id))] for m in shown]
    nav = []
    if page > 0:
        nav.append(Button("‹", MEM.build("org", org_id, page - 1)))
    if page < pages - 1:
        nav.append(Button("›", MEM.build("org", org_id, page + 1)))
    if nav:
        buttons.append(nav)
    name = everyone[0].organization.name if everyone else ""
    return msg("members-list", name=name, count=len(everyone), page=page + 1, pages=pages), buttons


def _member_card(member: Membership) -> tuple[Msg, Keyboard]:
    rows: list[list[Button]] = []
    if not member.is_delegate:
        rows.append([Button(msg("button-make-delegate"), MEM.build("dlg", member.id))])
    if member.role == MemberRole.ADMIN:
        rows.append([Button(msg("button-remove-admin"), MEM.build("unadm", member.id))])
    else:
        rows.append([Button(msg("button-make-admin"), MEM.build("adm", member.id))])
    rows.append([Button(msg("button-remove-member"), MEM.build("rmask", member.id))])
    rows.append([Button(msg("button-back"), MEM.build("org", member.organization_id))])
    text = msg(
        "member-card",
        name=member.person.display_name,
        username=f"@{member.person.username}" if member.person.username else "-",
        org=member.organization.name,
        role=role_label(member),
    )
    return text, rows


def _removal_report(turn: Turn, removal: members.Removal) -> Msg:
    """Who was removed, and who got each seat they held."""
    catalog = turn.runtime.catalog
    lines = [
        catalog.text(
            turn.lang, "seat-given" if seat.promoted else "seat-freed", title=seat.meeting.title
        )
        for seat in removal.freed
    ] or [catalog.text(turn.lang, "seat-none")]
    return msg(
        "member-removed-report",
        name=removal.membership.person.display_name,
        org=removal.membership.organization.name,
        seats=Html("\n".join(lines)),
    )


@handler()
async def cmd_members(turn: Turn) -> Replies:
    picked = _pick_org(turn, MEM, "org")
    if isinstance(picked, Send):
        return picked
    text, buttons = await _member_list(turn, picked)
    return Send(text, buttons)


@handler()
async def on_member_list(turn: Turn) -> Replies:
    return Edit(*await _member_list(turn, turn.int_group(1)))


@handler()
async def on_member_page(turn: Turn) -> Replies:
    return Edit(*await _member_list(turn, turn.int_group(1), turn.int_group(2, low=0)))


@handler()
async def on_member_card(turn: Turn) -> Replies:
    return Edit(*_member_card(await members.member(turn.session, turn.actor, turn.int_group(1))))


@handler()
async def on_member_remove_ask(turn: Turn) -> Replies:
    member = await members.member(turn.session, turn.actor, turn.int_group(1))
    buttons = [
        [
            Button(msg("button-confirm-remove"), MEM.build("rm", member.id)),
            Button(msg("button-back"), MEM.build("who", member.id)),
        ]
    ]
    text = msg(
        "member-remove-confirm",
        name=member.person.display_name,
        org=member.organization.name,
    )
    return Edit(text, buttons)


@handler()
async def on_member_remove(turn: Turn) -> Replies:
    removal = await members.remove(
        turn.session, turn.clock, turn.actor, turn.int_group(1), coordinators=turn.coordinators
    )
    removed = removal.membership
    toast = Toast(msg("member-removed", name=removed.person.display_name))
    replies: list[Reply] = [
        toast,
        Edit(*await _member_list(turn, removed.organization_id)),
        Send(_removal_report(turn, removal)),
        await menu_of(turn, removed.person),
    ]
    if any(seat.promoted for seat in removal.freed):
        replies.append(Later(turn.runtime.dispatcher.wake))  # tell who got the seat
    return replies


@handler()
async def on_member_delegate(turn: Turn) -> Replies:
    member = await members.make_delegate(turn.session, turn.clock, turn.actor, turn.int_group(1))
    toast = Toast(msg("member-now-delegate", name=member.person.display_name))
    return [toast, Edit(*_member_card(member))]


@handler()
async def on_member_admin(turn: Turn) -> Replies:
    admin = turn.group(1) == "adm"
    member = await members.set_admin(turn.session, turn.clock, turn.actor, turn.int_group(2), admin)
    key = "member-now-admin" if admin else "member-no-longer-admin"
    return [
        Toast(msg(key, name=member.person.display_name)),
        Edit(*_member_card(member)),
        await menu_of(turn, member.person),
    ]


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_invite_show, pattern=INV.route("show", NUMBER)),
        CallbackQueryHandler(on_invite_renew, pattern=INV.route("new", NUMBER)),
        CallbackQueryHandler(on_member_list, pattern=MEM.route("org", NUMBER)),
        CallbackQueryHandler(on_member_page, pattern=MEM.route("org", NUMBER, NUMBER)),
        CallbackQueryHandler(on_member_card, pattern=MEM.route("who", NUMBER)),
        CallbackQueryHandler(on_member_remove_ask, pattern=MEM.route("rmask", NUMBER)),
        CallbackQueryHandler(on_member_remove, pattern=MEM.route("rm", NUMBER)),
        CallbackQueryHandler(on_member_delegate, pattern=MEM.route("dlg", NUMBER)),
        CallbackQueryHandler(on_member_admin, pattern=MEM.route("(adm|unadm)", NUMBER)),
    ]
