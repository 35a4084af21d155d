"""Motions: /motion, ballots and /vote, and /ballots (/proxy is bot.handlers.proxy)."""

from __future__ import annotations

from datetime import datetime

from telegram.ext import CallbackQueryHandler

from bot.handlers import proxy
from bot.handlers.common import (
    Button,
    Edit,
    Keyboard,
    Lines,
    Replies,
    Send,
    Toast,
    Turn,
    handler,
)
from bot.handlers.dialogs import flow
from bot.i18n import Msg, When, Zone, msg
from bot.markup import markup
from bot.presentation import NUMBER
from bot.services import dialogs, meetings, motions
from bot.services.errors import DomainError
from bot.views import meeting_button
from db.models import Dialog, Meeting, Motion, MotionVoters

MO = motions.BALLOT_DATA
FLOW = "motion"
QUORUMS = (0, 25, 50)
CLOSINGS = ("start", "end", "24h")


def _zone(turn: Turn) -> str:
    return turn.runtime.settings.timezone


# --- /motion: a dialog, one question at a time ---------------------------------------------


@handler()
async def cmd_motion(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    upcoming = await meetings.upcoming(turn.session, turn.clock, turn.actor)
    if not upcoming:
        raise DomainError("motion-no-meeting")
    if len(upcoming) == 1:
        return await _begin(turn, upcoming[0])
    buttons = [[Button(meeting_button(m), MO.build("mtg", m.id))] for m in upcoming]
    return Send(msg("motion-pick-meeting"), buttons)


async def _begin(turn: Turn, meeting: Meeting) -> Send:
    await dialogs.begin(
        turn.session, turn.clock, turn.person, FLOW, "question", {"meeting_id": meeting.id}
    )
    return Send(
        msg("motion-ask-question", title=meeting.title, limit=motions.QUESTION_LIMIT),
    )


@handler()
async def on_meeting(turn: Turn) -> Replies:
    meeting = await meetings.for_coordinator(turn.session, turn.actor, turn.int_group(1))
    meetings.ensure_open(meeting, turn.clock.now())
    return [Edit(msg("motion-meeting-chosen", title=meeting.title)), await _begin(turn, meeting)]


def _ask_options() -> Send:
    return Send(
        msg(
            "motion-ask-options",
            low=motions.MIN_OPTIONS,
            high=motions.MAX_OPTIONS,
            limit=motions.OPTION_LIMIT,
        ),
        [[Button(msg("motion-button-standard"), MO.build("std"))]],
    )


def _ask_voters() -> Send:
    return Send(
        msg("motion-ask-voters"),
        [
            [Button(msg("motion-button-each-member"), MO.build("who", "m"))],
            [Button(msg("motion-button-each-org"), MO.build("who", "o"))],
        ],
    )


def _ask_secret() -> Send:
    return Send(
        msg("motion-ask-secret"),
        [
            [Button(msg("motion-button-secret"), MO.build("sec", "s"))],
            [Button(msg("motion-button-public"), MO.build("sec", "p"))],
        ],
    )


def _ask_quorum() -> Send:
    row = [Button(msg("motion-button-quorum", percent=q), MO.build("q", q)) for q in QUORUMS]
    return Send(msg("motion-ask-quorum"), [row])


def _ask_closes(turn: Turn) -> Send:
    return Send(
        msg("motion-ask-closes", zone=Zone(_zone(turn))),
        [[Button(msg(f"motion-button-closes-{c}"), MO.build("cl", c))] for c in CLOSINGS],
    )


def _draft(dialog: Dialog) -> motions.Draft:
    data = dialog.data
    options = data.get("options")
    return motions.Draft(
        meeting_id=int(data["meeting_id"]),
        question=str(data["question"]),
        options=[str(o) for o in options] if isinstance(options, list) else None,
        voters=MotionVoters(str(data["voters"])),
        secret=bool(data["secret"]),
        quorum_percent=int(data["quorum"]),
        closes_at=datetime.fromisoformat(str(data["closes"])),
    )


def _preview(turn: Turn, dialog: Dialog) -> Send:
    draft = _draft(dialog)
    shown = Motion(question=draft.question, options=draft.options)
    options = motions.labels(shown)
    return Send(
        msg(
            "motion-preview",
            question=draft.question,
            options=_options_list(options),
            voters=msg(f"motion-voters-{draft.voters.value}"),
            how=msg("motion-secret-note" if draft.secret else "motion-public-note"),
            quorum=draft.quorum_percent,
            closes=When(draft.closes_at, _zone(turn)),
        ),
        [
            [
                Button(msg("motion-button-open"), MO.build("save")),
                Button(msg("button-cancel"), MO.build("drop")),
            ]
        ],
    )


def _options_list(options: list[Msg | str]) -> Msg:
    lines = [msg("motion-option-line", option=option) for option in options]
    result = msg("blank")
    for line in reversed(lines):
        result = msg("motion-line", line=line, rest=result)
    return result


@flow(FLOW)
async def motion_step(turn: Turn, dialog: Dialog, text: str) -> Replies:
    turn.actor.require_coordinator()
    step = dialog.step
    if step == "question":
        dialogs.advance(dialog, turn.clock, "options", question=motions.clean_question(text))
        return _ask_options()
    if step == "options":
        dialogs.advance(dialog, turn.clock, "voters", options=motions.parse_options(text))
        return _ask_voters()
    if step == "quorum":
        dialogs.advance(dialog, turn.clock, "closes", quorum=motions.parse_quorum(text))
        return _ask_closes(turn)
    if step == "closes":
        now = turn.clock.now()
        closes = motions.check_closing(meetings.parse_when(text, _zone(turn), now), now)
        dialogs.advance(dialog, turn.clock, "confirm", closes=closes.isoformat())
        return _preview(turn, dialog)
    return Send(msg("register-use-buttons"))


async def _at(turn: Turn, step: str) -> Dialog:
    turn.actor.require_coordinator()
    dialog = await dialogs.current(turn.session, turn.person)
    if dialog is None or dialog.flow != FLOW or dialog.step != step:
        raise DomainError("error-stale-button")
    return dialog


@handler()
async def on_standard(turn: Turn) -> Replies:
    dialog = await _at(turn, "options")
    dialogs.advance(dialog, turn.clock, "voters", options=None)
    return [Edit(msg("motion-standard-chosen")), _ask_voters()]


@handler()
async def on_voters(turn: Turn) -> Replies:
    dialog = await _at(turn, "voters")
    voters = MotionVoters.MEMBER if turn.group(1) == "m" else MotionVoters.ORGANIZATION
    dialogs.advance(dialog, turn.clock, "secret", voters=voters.value)
    return [Edit(msg(f"motion-voters-{voters.value}")), _ask_secret()]


@handler()
async def on_secret(turn: Turn) -> Replies:
    dialog = await _at(turn, "secret")
    secret = turn.group(1) == "s"
    dialogs.advance(dialog, turn.clock, "quorum", secret=secret)
    return [Edit(msg("motion-secret-note" if secret else "motion-public-note")), _ask_quorum()]


@handler()
async def on_quorum(turn: Turn) -> Replies:
    dialog = await _at(turn, "quorum")
    quorum = turn.int_group(1, low=0, high=100)
    dialogs.advance(dialog, turn.clock, "closes", quorum=quorum)
    return [Edit(msg("motion-quorum-chosen", percent=quorum)), _ask_closes(turn)]


@handler()
async def on_closes(turn: Turn) -> Replies:
    dialog = await _at(turn, "closes")
    meeting = await meetings.for_coordinator(
        turn.session, turn.actor, int(dialog.data["meeting_id"])
    )
    now = turn.clock.now()
    length = turn.runtime.settings.meeting_length
    closes = motions.check_closing(motions.closes_choice(turn.group(1), meeting, now, length), now)
    dialogs.advance(dialog, turn.clock, "confirm", closes=closes.isoformat())
    return [
        Edit(msg("motion-closes-chosen", closes=When(closes, _zone(turn)))),
        _preview(turn, dialog),
    ]


@handler()
async def on_save(turn: Turn) -> Replies:
    dialog = await _at(turn, "confirm")
    motion = await motions.open_motion(turn.session, turn.clock, turn.actor, _draft(dialog))
    await dialogs.finish(turn.session, turn.person)
    opened = msg("motion-opened", question=motion.question, id=motion.id)
    return [Edit(opened, proxy.ballot_entry(motion, turn.clock.now())), turn.wake()]


@handler()
async def on_drop(turn: Turn) -> Replies:
    await _at(turn, "confirm")
    await dialogs.finish(turn.session, turn.person)
    return Edit(msg("cancel-done"))


# --- ballots ---------------------------------------------------------------------------------


async def _ballot(turn: Turn, motion: Motion) -> tuple[Msg, Keyboard]:
    seats = await motions.voting_seats(turn.session, motion, turn.actor)
    current = await motions.choices(turn.session, motion, turn.actor)
    meeting = await turn.session.get(Meeting, motion.meeting_id)
    zone = meeting.timezone if meeting is not None else _zone(turn)
    return motions.ballot_message(motion, zone, seats, current)


@handler()
async def on_vote(turn: Turn) -> Replies:
    organization = turn.int_group(3, low=0)
    motion = await motions.cast(
        turn.session,
        turn.clock,
        turn.actor,
        turn.int_group(1),
        turn.int_group(2, low=0, high=motions.MAX_OPTIONS - 1),
        organization or None,
    )
    text, keyboard = await _ballot(turn, motion)
    shown = turn.update.callback_query.message if turn.update.callback_query else None
    if getattr(shown, "reply_markup", None) == markup(turn.runtime.catalog, turn.lang, keyboard):
        # The same choice again: the ballot already shows it, and Telegram refuses an edit
        # that changes nothing.
        return Toast(msg("motion-ballot-saved"))
    return [Toast(msg("motion-ballot-saved")), Edit(text, keyboard)]


@handler()
async def on_org_header(turn: Turn) -> Replies:
    return Toast(msg("motion-org-header"))


@handler()
async def cmd_vote(turn: Turn) -> Replies:
    mine = await motions.open_for(turn.session, turn.clock, turn.actor)
    if not mine:
        return Send(msg("motion-none-open"))
    buttons = [[Button(m.question[:50], MO.build("show", m.id))] for m in mine]
    return Send(msg("motion-open-list", count=len(mine)), buttons)


@handler()
async def on_show(turn: Turn) -> Replies:
    if not turn.actor.member:
        raise DomainError("motion-not-member")
    motion = await motions.get(turn.session, turn.int_group(1))
    motions.ensure_open(motion, turn.clock.now())
    if not await motions.voting_seats(turn.session, motion, turn.actor):
        raise DomainError("motion-not-delegate")
    text, keyboard = await _ballot(turn, motion)
    return Edit(text, keyboard)


@handler()
async def cmd_ballots(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    if not turn.args:
        return Send(msg("ballots-usage"))
    number = meetings.parse_meeting_number(turn.args[0])
    motion, rows = await motions.ballot_list(turn.session, turn.actor, number)
    options = motions.labels(motion)
    lines: list[Msg] = [
        msg(
            "ballots-line-proxy" if row.by_proxy else "ballots-line",
            name=row.name,
            option=options[row.option] if 0 <= row.option < len(options) else "?",
        )
        for row in rows
    ]
    if not lines:
        lines = [msg("ballots-none")]
    entry = proxy.ballot_entry(motion, turn.clock.now())
    return Lines(msg("ballots-list", question=motion.question), lines, entry or None)


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_meeting, pattern=MO.route("mtg", NUMBER)),
        CallbackQueryHandler(on_standard, pattern=MO.route("std")),
        CallbackQueryHandler(on_voters, pattern=MO.route("who", "(m|o)")),
        CallbackQueryHandler(on_secret, pattern=MO.route("sec", "(s|p)")),
        CallbackQueryHandler(on_quorum, pattern=MO.route("q", NUMBER)),
        CallbackQueryHandler(on_closes, pattern=MO.route("cl", f"({'|'.join(CLOSINGS)})")),
        CallbackQueryHandler(on_save, pattern=MO.route("save")),
        CallbackQueryHandler(on_drop, pattern=MO.route("drop")),
        CallbackQueryHandler(on_vote, pattern=MO.route("v", NUMBER, NUMBER, NUMBER)),
        CallbackQueryHandler(on_org_header, pattern=MO.route("org", NUMBER)),
        CallbackQueryHandler(on_show, pattern=MO.route("show", NUMBER)),
    ]
