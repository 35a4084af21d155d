"""A person's own data: /mydata shows it, /forgetme erases it, /leave leaves an organization."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from telegram.ext import CallbackQueryHandler

from bot.handlers.common import (
    Button,
    CallbackData,
    Edit,
    Later,
    Replies,
    Send,
    Turn,
    handler,
)
from bot.handlers.members import chunk_lines
from bot.handlers.menu import menu_of, withdrawn_menu
from bot.i18n import Html, Msg, When, msg
from bot.i18n.calendar import localize_digits
from bot.presentation import NUMBER
from bot.services import motions, privacy
from bot.views import role_label
from db.models import Ballot, Concern, ConcernStatus, Meeting, Motion, Rsvp, RsvpAnswer

FORGET = CallbackData("forget")
LEAVE = CallbackData("leave")
LANGUAGE_NAMES = {"en": "English", "fa": "دری", "ps": "پښتو"}
# Characters of lines per message: Fluent refuses a placeable over 2,500, which also keeps
# every message well under Telegram's 4,096.
MESSAGE_BUDGET = 2400
TYPED_LIMIT = 1500  # characters of a half-finished dialog's answers shown back
ANSWERS = {
    RsvpAnswer.GOING: "button-going",
    RsvpAnswer.MAYBE: "button-maybe",
    RsvpAnswer.DECLINED: "button-cant-go",
}


def _number(turn: Turn, value: int) -> str:
    """A count in the reader's digits (Persian digits in Dari and Pashto)."""
    return localize_digits(str(value), turn.lang)


def _label(turn: Turn, prefix: str, code: str) -> Msg | str:
    """A translated label for a stored code (a message kind, an action), or the code itself."""
    key = f"{prefix}-{code.replace('.', '-')}"
    return msg(key) if key in turn.runtime.catalog.keys(turn.lang) else code


def _answer(answer: Rsvp) -> Msg:
    if answer.waitlisted:
        return msg("mydata-waitlisted")
    return msg(ANSWERS[answer.answer])


def _period(turn: Turn, period: timedelta) -> Msg:
    if period % timedelta(days=1):
        hours = int(period / timedelta(hours=1))
        return msg("privacy-hours", count=hours, n=_number(turn, hours))
    return msg("privacy-days", count=period.days, n=_number(turn, period.days))


def _data_lines(turn: Turn, data: privacy.PersonalData) -> list[str]:
    catalog, lang = turn.runtime.catalog, turn.lang
    zone = turn.runtime.settings.timezone

    def line(key: str, **params: object) -> str:
        return catalog.render(lang, msg(key, **params))

    person = data.person
    lines = [
        line("mydata-section-telegram"),
        line("mydata-name", name=person.display_name),
        line("mydata-username", username=f"@{person.username}" if person.username else "-"),
        line("mydata-user-id", id=_number(turn, person.tg_user_id)),
        line(
            "mydata-language",
            language=LANGUAGE_NAMES.get(person.language or "", msg("mydata-language-unset")),
        ),
        line("mydata-since", when=When(person.created_at, zone, date_only=True)),
        line("mydata-reachable-yes" if person.reachable else "mydata-reachable-no"),
    ]
    if data.coordinator:
        lines.append(line("mydata-coordinator"))
    lines.append(line("mydata-section-memberships"))
    lines += [
        line(
            "mydata-membership",
            name=m.organization.name,
            role=role_label(m),
            status=msg(f"status-{m.organization.status.value}"),
            when=When(m.joined_at, zone, date_only=True),
        )
        for m in data.memberships
    ] or [line("mydata-nothing")]
    lines.append(line("mydata-section-registered"))
    lines += [
        line(
            "mydata-registered",
            name=org.name,
            status=msg(f"status-{org.status.value}"),
            when=When(org.created_at, zone, date_only=True),
        )
        for org in data.registered
    ] or [line("mydata-nothing")]
    lines.append(line("mydata-section-answers"))
    lines += [
        line("mydata-answer", title=meeting.title, when=_meeting_when(meeting), answer=_answer(a))
        for a, meeting in data.answers
    ] or [line("mydata-nothing")]
    lines.append(line("mydata-section-concerns"))
    lines += [
        line(
            "mydata-concern",
            number=concern.id,
            status=_concern_status(concern),
            privacy=msg("concern-anonymous" if concern.anonymous else "concern-named"),
        )
        for concern in data.concerns
    ] or [line("mydata-nothing")]
    lines.append(line("mydata-section-ballots"))
    lines += [_ballot_line(line, ballot, motion, zone) for ballot, motion in data.ballots] or [
        line("mydata-nothing")
    ]
    lines.append(line("mydata-section-dialog"))
    if data.dialog is None:
        lines.append(line("mydata-nothing"))
    else:
        typed = [str(v) for v in data.dialog.data.values() if isinstance(v, str | int) and v != ""]
        lines.append(
            line(
                "mydata-dialog",
                flow=_label(turn, "mydata-flow", data.dialog.flow),
                when=When(data.dialog.updated_at, zone),
                answers=" · ".join(typed)[:TYPED_LIMIT] if typed else msg("mydata-nothing"),
            )
        )
    lines.append(line("mydata-section-outbox"))
    lines += [
        line("mydata-outbox-kind", kind=_label(turn, "mydata-kind", kind), count=_number(turn, n))
        for kind, n in data.waiting.items()
    ] or [line("mydata-nothing")]
    lines.append(
        line(
            "mydata-outbox-handled",
            count=_number(turn, data.handled),
            period=_period(turn, turn.runtime.settings.retention),
        )
    )
    lines.append(line("mydata-section-actions"))
    lines += [
        line("mydata-action", action=_label(turn, "audit", action), count=_number(turn, n))
        for action, n in data.actions.items()
    ] or [line("mydata-nothing")]
    lines.append(line("mydata-footer"))
    return lines


def _concern_status(concern: Concern) -> Msg:
    if concern.status == ConcernStatus.MERGED and concern.merged_into_id is not None:
        return msg("concern-status-merged-into", target=concern.merged_into_id)
    return msg(f"concern-status-{concern.status.value}")


def _ballot_line(line: Callable[..., str], ballot: Ballot, motion: Motion, zone: str) -> str:
    labels = motions.labels(motion)
    choice = labels[ballot.option] if 0 <= ballot.option < len(labels) else str(ballot.option)
    return line(
        "mydata-ballot-proxy" if ballot.by_proxy else "mydata-ballot",
        question=motion.question,
        choice=choice,
        when=When(ballot.cast_at, zone),
    )


def _meeting_when(meeting: Meeting) -> When:
    return When(meeting.starts_at, meeting.timezone)


@handler()
async def cmd_mydata(turn: Turn) -> Replies:
    data = await privacy.personal_data(turn.session, turn.actor)
    chunks = chunk_lines(_data_lines(turn, data), budget=MESSAGE_BUDGET)
    total = _number(turn, len(chunks))
    return [
        Send(msg("mydata", part=f"{_number(turn, i)}/{total}", lines=chunk))
        for i, chunk in enumerate(chunks, start=1)
    ]


@handler()
async def cmd_forgetme(turn: Turn) -> Replies:
    await privacy.ensure_can_forget(turn.session, turn.actor)
    buttons = [
        [Button(msg("button-forget-confirm"), FORGET.build("yes", turn.person.id))],
        [Button(msg("button-forget-keep"), FORGET.build("no"))],
    ]
    return Send(msg("forget-ask"), buttons)


@handler()
async def on_forget_keep(turn: Turn) -> Replies:
    return Edit(msg("forget-cancelled"))


@handler()
async def on_forget(turn: Turn) -> Replies:
    forgotten = await privacy.forget(turn.session, turn.clock, turn.actor, turn.int_group(1))
    # Without a language or a role any more, the person gets the menu everyone starts with.
    replies: list[Edit | Later] = [Edit(msg("forget-done")), withdrawn_menu(turn, turn.chat_id)]
    if forgotten.freed:
        replies.append(Later(turn.runtime.dispatcher.wake))  # the seats' new holders are told
    return replies


def _leave_question(turn: Turn, leaving: privacy.Leaving) -> Edit | Send:
    membership = leaving.membership
    note = (
        Html("\n" + turn.runtime.catalog.text(turn.lang, "leave-ask-network"))
        if leaving.leaves_network
        else Html("")
    )
    text = msg("leave-ask", name=membership.organization.name, note=note)
    buttons = [
        [
            Button(msg("button-leave-confirm"), LEAVE.build("yes", membership.id)),
            Button(msg("button-leave-stay"), LEAVE.build("no")),
        ]
    ]
    if turn.update.callback_query is not None:
        return Edit(text, buttons)
    return Send(text, buttons)


@handler()
async def cmd_leave(turn: Turn) -> Replies:
    mine = await privacy.memberships(turn.session, turn.actor)
    if not mine:
        return Send(msg("leave-none"))
    if len(mine) == 1:
        return _leave_question(turn, await privacy.leaving(turn.session, turn.actor, mine[0].id))
    buttons = [[Button(m.organization.name[:60], LEAVE.build("ask", m.id))] for m in mine]
    return Send(msg("leave-pick"), buttons)


@handler()
async def on_leave_stay(turn: Turn) -> Replies:
    return Edit(msg("leave-cancelled"))


@handler()
async def on_leave_pick(turn: Turn) -> Replies:
    leaving = await privacy.leaving(turn.session, turn.actor, turn.int_group(1))
    return _leave_question(turn, leaving)


@handler()
async def on_leave(turn: Turn) -> Replies:
    left = await privacy.leave(turn.session, turn.clock, turn.actor, turn.int_group(1))
    catalog, lang = turn.runtime.catalog, turn.lang
    notes: list[str] = []
    if left.left_network:
        notes.append(catalog.text(lang, "leave-done-network"))
    if left.freed:
        titles = " · ".join(meeting.title for meeting in left.freed)
        notes.append(catalog.text(lang, "leave-done-seats", titles=titles))
    note = Html("".join("\n" + n for n in notes))
    replies: list[Edit | Later] = [
        Edit(msg("leave-done", name=left.organization_name, note=note)),
        await menu_of(turn, turn.person),
    ]
    if left.freed:
        replies.append(Later(turn.runtime.dispatcher.wake))  # the seats' new holders are told
    return replies


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_forget_keep, pattern=FORGET.route("no")),
        CallbackQueryHandler(on_forget, pattern=FORGET.route("yes", NUMBER)),
        CallbackQueryHandler(on_leave_stay, pattern=LEAVE.route("no")),
        CallbackQueryHandler(on_leave_pick, pattern=LEAVE.route("ask", NUMBER)),
        CallbackQueryHandler(on_leave, pattern=LEAVE.route("yes", NUMBER)),
    ]
