"""/proxy: a coordinator records a ballot or an answer for someone without a phone.

The person is found by @username or Telegram id, or picked from an organization's members
with buttons (organization, then member, a page at a time). The attendance of a meeting and
a motion a coordinator looks at carry a button that starts the picking for that meeting or
motion. Every action is audited by the services.
"""

from __future__ import annotations

from datetime import datetime

from telegram.ext import CallbackQueryHandler

from bot.handlers.common import Button, Edit, Keyboard, Replies, Send, Toast, Turn, handler
from bot.i18n import Msg, msg
from bot.paging import page_of
from bot.presentation import NUMBER
from bot.services import meetings, motions, people, proxy, rsvp
from bot.services.errors import DomainError
from db.models import Meeting, MeetingStatus, Motion, Person

MO = motions.BALLOT_DATA  # the motions' buttons; a proxy's are among them
ANSWERS = ("going", "maybe", "declined")
PAGE_LIMIT = 10_000
LABEL_LENGTH = 40
# What the person is picked for: anything open (from /proxy), a meeting's answer, a motion's
# ballot. The id is 0 for anything.
ANYTHING, MEETING, MOTION = "a", "m", "v"
TARGET = f"([{ANYTHING}{MEETING}{MOTION}])"


# --- where to begin: a button on the attendance of a meeting and on a motion ---------------


def rsvp_entry(meeting: Meeting, now: datetime) -> Keyboard:
    """A row with the button that records an answer to the meeting for someone without a phone;
    none once the meeting has started or was cancelled."""
    if meeting.status != MeetingStatus.SCHEDULED or meeting.starts_at <= now:
        return []
    return [[Button(msg("proxy-button-pick-rsvp"), MO.build("ps", MEETING, meeting.id))]]


def ballot_entry(motion: Motion, now: datetime) -> Keyboard:
    """A row with the button that records a ballot on the motion for someone without a phone;
    none once voting has closed."""
    try:
        motions.ensure_open(motion, now)
    except DomainError:
        return []
    return [[Button(msg("proxy-button-pick-ballot"), MO.build("ps", MOTION, motion.id))]]


# --- picking the person: organization, then member --------------------------------------------


async def _purpose(turn: Turn, target: str, target_id: int) -> Msg:
    """What the picking is for, checked again at each step: it may have closed meanwhile."""
    turn.actor.require_coordinator()
    now = turn.clock.now()
    if target == MEETING:
        meeting = await meetings.for_coordinator(turn.session, turn.actor, target_id)
        meetings.ensure_open(meeting, now)
        return msg("proxy-for-meeting", title=meeting.title)
    if target == MOTION:
        motion = await motions.get(turn.session, target_id)
        motions.ensure_open(motion, now)
        return msg("proxy-for-motion", question=motion.question)
    if target_id != 0:
        raise DomainError("error-stale-button")
    return msg("proxy-for-anything")


async def _organizations(
    turn: Turn, target: str, target_id: int, page: int
) -> tuple[Msg, Keyboard]:
    purpose = await _purpose(turn, target, target_id)
    shown = page_of(
        await proxy.organizations(turn.session, turn.actor),
        page,
        lambda org: Button(org.name[:LABEL_LENGTH], MO.build("pp", target, target_id, org.id, 0)),
        lambda other: MO.build("po", target, target_id, other),
    )
    text = msg("proxy-pick-org", purpose=purpose, page=shown.number + 1, pages=shown.count)
    return text, shown.rows


@handler()
async def on_pick_start(turn: Turn) -> Replies:
    """The button on a meeting's attendance or a motion: the organizations, as a new message."""
    target_id = turn.int_group(2, low=0)
    text, rows = await _organizations(turn, turn.group(1), target_id, 0)
    return [Toast(), Send(text, rows)]


@handler()
async def on_pick_org_page(turn: Turn) -> Replies:
    target_id = turn.int_group(2, low=0)
    page = turn.int_group(3, low=0, high=PAGE_LIMIT)
    text, rows = await _organizations(turn, turn.group(1), target_id, page)
    return Edit(text, rows)


@handler()
async def on_pick_member(turn: Turn) -> Replies:
    target, target_id = turn.group(1), turn.int_group(2, low=0)
    page = turn.int_group(4, low=0, high=PAGE_LIMIT)
    purpose = await _purpose(turn, target, target_id)
    org, members = await proxy.members_of(turn.session, turn.actor, turn.int_group(3))
    shown = page_of(
        members,
        page,
        lambda person: Button(
            person.display_name[:LABEL_LENGTH], MO.build("pw", target, target_id, person.id)
        ),
        lambda other: MO.build("pp", target, target_id, org.id, other),
    )
    back = Button(msg("button-back"), MO.build("po", target, target_id, 0))
    text = msg(
        "proxy-pick-person", purpose=purpose, org=org.name, page=shown.number + 1, pages=shown.count
    )
    return Edit(text, [*shown.rows, [back]])


@handler()
async def on_pick_person(turn: Turn) -> Replies:
    """Someone was picked: what can be recorded for them, for what the picking was for."""
    target, target_id = turn.group(1), turn.int_group(2, low=0)
    await _purpose(turn, target, target_id)
    person = await proxy.person(turn.session, turn.actor, turn.int_group(3))
    if target == MEETING:
        meeting = await meetings.for_coordinator(turn.session, turn.actor, target_id)
        return Edit(*_rsvp_question(person, meeting))
    if target == MOTION:
        return Edit(*await _ballot_question(turn, person, target_id))
    return Edit(*await _what(turn, person))


# --- /proxy @username: what can be recorded for that person ----------------------------------


@handler()
async def cmd_proxy(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    reference = " ".join(turn.args)
    if not reference.strip():
        return Send(*await _organizations(turn, ANYTHING, 0, 0))
    person = await people.find_person(turn.session, reference)
    if person is None:
        raise DomainError("proxy-unknown-person", reference=reference.strip()[:40])
    return Send(*await _what(turn, person))


async def _what(turn: Turn, person: Person) -> tuple[Msg, Keyboard]:
    """The open motions the person votes on and the meetings they can answer, as buttons."""
    voter = await motions.actor_for(turn.session, person, turn.coordinators)
    buttons: list[list[Button]] = []
    for motion in await motions.open_motions(turn.session, turn.clock, turn.actor):
        if await motions.voting_seats(turn.session, motion, voter):
            label = msg("proxy-button-motion", question=motion.question[:LABEL_LENGTH])
            buttons.append([Button(label, MO.build("pm", person.id, motion.id))])
    if voter.in_network:
        for meeting in await meetings.upcoming(turn.session, turn.clock, turn.actor, limit=5):
            label = msg("proxy-button-meeting", title=meeting.title[:LABEL_LENGTH])
            buttons.append([Button(label, MO.build("pr", person.id, meeting.id))])
    if not buttons:
        raise DomainError("proxy-nothing", name=person.display_name)
    return msg("proxy-what", name=person.display_name), buttons


async def _ballot_question(turn: Turn, person: Person, motion_id: int) -> tuple[Msg, Keyboard]:
    """The options of the motion, a row per organization the person votes for."""
    motion = await motions.get(turn.session, motion_id)
    motions.ensure_open(motion, turn.clock.now())
    voter = await motions.actor_for(turn.session, person, turn.coordinators)
    seats = await motions.voting_seats(turn.session, motion, voter)
    if not seats:
        raise DomainError("proxy-not-voter", name=person.display_name)
    keyboard: list[list[Button]] = []
    for seat in seats:
        org = seat.organization_id if seat is not None else 0
        if seat is not None:
            keyboard.append([Button(seat.organization_name, MO.build("org", motion.id))])
        keyboard.append(
            [
                Button(label, MO.build("pv", person.id, motion.id, index, org))
                for index, label in enumerate(motions.labels(motion))
            ]
        )
    text = msg("proxy-ballot", name=person.display_name, question=motion.question)
    return text, keyboard


def _rsvp_question(person: Person, meeting: Meeting) -> tuple[Msg, Keyboard]:
    buttons = [
        [Button(msg(f"proxy-answer-{a}"), MO.build("pa", person.id, meeting.id, a))]
        for a in ANSWERS
    ]
    return msg("proxy-rsvp", name=person.display_name, title=meeting.title), buttons


# --- recording -------------------------------------------------------------------------------


@handler()
async def on_proxy_motion(turn: Turn) -> Replies:
    person = await proxy.person(turn.session, turn.actor, turn.int_group(1))
    return Edit(*await _ballot_question(turn, person, turn.int_group(2)))


@handler()
async def on_proxy_vote(turn: Turn) -> Replies:
    person = await proxy.person(turn.session, turn.actor, turn.int_group(1))
    organization = turn.int_group(4, low=0)
    option = turn.int_group(3, low=0, high=motions.MAX_OPTIONS - 1)
    motion = await proxy.cast_by_proxy(
        turn.session,
        turn.clock,
        turn.actor,
        turn.coordinators,
        person.id,
        turn.int_group(2),
        option,
        organization or None,
    )
    done = msg(
        "proxy-ballot-recorded",
        name=person.display_name,
        question=motion.question,
        option=motions.labels(motion)[option],
    )
    return Edit(done, _another(MOTION, motion.id))


@handler()
async def on_proxy_meeting(turn: Turn) -> Replies:
    person = await proxy.person(turn.session, turn.actor, turn.int_group(1))
    meeting = await meetings.for_coordinator(turn.session, turn.actor, turn.int_group(2))
    return Edit(*_rsvp_question(person, meeting))


@handler()
async def on_proxy_answer(turn: Turn) -> Replies:
    person = await proxy.person(turn.session, turn.actor, turn.int_group(1))
    answer = rsvp.parse_answer(turn.group(3))
    meeting = await proxy.rsvp_by_proxy(
        turn.session, turn.clock, turn.actor, turn.coordinators, person, turn.int_group(2), answer
    )
    done = msg(
        "proxy-rsvp-recorded",
        name=person.display_name,
        title=meeting.title,
        answer=msg(f"proxy-answer-{answer.value}"),
    )
    return [Edit(done, _another(MEETING, meeting.id)), turn.wake()]


def _another(target: str, target_id: int) -> Keyboard:
    """After recording for one person: the same for someone else, from the organizations."""
    return [[Button(msg("proxy-button-another"), MO.build("ps", target, target_id))]]


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_pick_start, pattern=MO.route("ps", TARGET, NUMBER)),
        CallbackQueryHandler(on_pick_org_page, pattern=MO.route("po", TARGET, NUMBER, NUMBER)),
        CallbackQueryHandler(
            on_pick_member, pattern=MO.route("pp", TARGET, NUMBER, NUMBER, NUMBER)
        ),
        CallbackQueryHandler(on_pick_person, pattern=MO.route("pw", TARGET, NUMBER, NUMBER)),
        CallbackQueryHandler(on_proxy_motion, pattern=MO.route("pm", NUMBER, NUMBER)),
        CallbackQueryHandler(on_proxy_vote, pattern=MO.route("pv", NUMBER, NUMBER, NUMBER, NUMBER)),
        CallbackQueryHandler(on_proxy_meeting, pattern=MO.route("pr", NUMBER, NUMBER)),
        CallbackQueryHandler(
            on_proxy_answer, pattern=MO.route("pa", NUMBER, NUMBER, f"({'|'.join(ANSWERS)})")
        ),
    ]
