"""The delivery registry: every kind of message the bot sends on its own, declared once.

A declaration says who receives the kind (for a fan-out, the query that expands it when it
comes due), the dedupe key of one person's copy, why it may no longer be worth sending, and
how it reads. A message about a meeting reaches a person only while they are in the network
(a member of an approved organization, or a coordinator): that is checked again as each row
is sent, so someone removed after the fan-out was expanded gets nothing more.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, and_, case, cast, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import charts
from bot.clock import Clock
from bot.i18n import Msg, When, from_data, msg, pick_language
from bot.presentation import Button, Keyboard, SendMedia, Venue, keyboard_from_data
from bot.services import agenda, motions, outbox, outcome
from bot.services import broadcast as broadcasts
from bot.services import summary as summaries
from bot.services.kinds import Kind
from bot.services.network import in_network, members_of_approved_orgs
from bot.views import AgendaLine, Links, cancelled_card, card, invitation, meeting_link, when
from db.models import (
    Meeting,
    MeetingCard,
    MeetingStatus,
    Outbox,
    OutboxStatus,
    Person,
    Rsvp,
    RsvpAnswer,
    UTCDateTime,
)
from db.queries import insert_or_ignore

log = logging.getLogger(__name__)

NOT_IN_NETWORK = "no longer in the network"
NO_LINKS = Links()
GROUP_EVENTS = ("scheduled", "changed", "cancelled")


class Audience(Enum):
    """Who a kind is for, which decides the check made at send time."""

    NETWORK = "network"  # a person, about a meeting: only while they are in the network
    PERSON = "person"  # a person, about themselves (their application, their role)
    GROUP = "group"  # the coordination group, in the network's language


@dataclass(frozen=True)
class Rendered:
    """A message as it will be sent."""

    text: Msg
    keyboard: Keyboard | None
    lang: str
    # The message to edit instead of sending a new one (a person's live card).
    edit: int | None = None
    # Only take the buttons off the edited message (an older card); the text stays.
    buttons_only: bool = False
    # The message to edit is gone or can no longer be edited: send this as a new message.
    fallback: bool = False
    # Sent right after the message, as a map (an invitation to a meeting with a location).
    venue: Venue | None = None
    # A long message: `text` is its frame, these go in its `lines`, split between lines over
    # as many messages as needed (a summary).
    lines: Sequence[Msg] = ()
    # Drawn in the reader's language and sent as a photo after the text (a summary's chart).
    chart: charts.Chart | None = None
    # A photo or document sent by its file id, with the text as its caption (a broadcast).
    media: SendMedia | None = None


@dataclass(frozen=True)
class Facts:
    """What one row is judged and rendered from, read when it is sent."""

    row: Outbox
    now: datetime
    lang: str
    person: Person | None
    meeting: Meeting | None
    answer: Rsvp | None
    position: int | None
    # The person's live card of the meeting, and the seats taken, both read at send time.
    card: MeetingCard | None = None
    seats_taken: int | None = None
    links: Links = NO_LINKS
    # What the kind's own `load` read for this row (a motion and the recipient's seats).
    extra: Any = None
    # The meeting's agenda as stored when voting closed; empty before.
    agenda: Sequence[AgendaLine] = ()


Loader = Callable[[AsyncSession, Sequence[Outbox], Collection[int]], Awaitable[dict[int, Any]]]
# The person ids a fan-out not about a meeting expands to, read when it comes due; None when
# it is no longer to be sent.
Reach = Callable[[AsyncSession, Outbox, Collection[int]], Awaitable[Any | None]]


@dataclass(frozen=True)
class Delivery:
    """One kind of message."""

    kind: Kind
    audience: Audience
    render: Callable[[Facts], Rendered]
    # Why the message is no longer worth sending now, or None to send it.
    stale: Callable[[Facts], str | None]
    # Fan-out kinds: the person ids a row expands to (given the meeting id), and each copy's key.
    recipients: Callable[[int], Any] | None = None
    person_key: Callable[[Outbox, int], str] | None = None
    # Sent with live buttons: once sent, it is the person's card of the meeting.
    live_card: bool = False
    # Still sent once the meeting is cancelled (to say so).
    after_cancel: bool = False
    # Reads, once per wave, what the kind needs beyond the meeting: by row id, into Facts.extra.
    load: Loader | None = None
    # A fan-out not about a meeting (a broadcast): its recipients, in place of `recipients`.
    reach: Reach | None = None


# --- who receives a fan-out --------------------------------------------------------------


def invited_people(meeting_id: int) -> Any:
    """People who have (or may have) the invitation, and anyone who answered.

    An invitation still waiting to be sent needs no update: it is written when it goes out.
    One being sent right now may have arrived, so it counts.
    """
    invited = select(Outbox.person_id).where(
        Outbox.meeting_id == meeting_id,
        Outbox.kind == Kind.INVITATION,
        Outbox.fanout.is_(False),
        Outbox.status.in_([OutboxStatus.SENT, OutboxStatus.SENDING]),
    )
    return invited.union(_answered(meeting_id))


def _answered(meeting_id: int) -> Any:
    return select(Rsvp.person_id).where(Rsvp.meeting_id == meeting_id)


def _coming(meeting_id: int) -> Any:
    return select(Rsvp.person_id).where(
        Rsvp.meeting_id == meeting_id, Rsvp.answer.in_([RsvpAnswer.GOING, RsvpAnswer.MAYBE])
    )


def _not_answered(meeting_id: int) -> Any:
    return (
        select(Person.id)
        .where(Person.id.in_(invited_people(meeting_id)))
        .where(Person.id.not_in(_answered(meeting_id)))
    )


def _everyone_invited(_meeting_id: int) -> Any:
    return members_of_approved_orgs()


def _card_holders(meeting_id: int) -> Any:
    """Everyone who may hold a card of the meeting: invited, answered, or shown it (/next)."""
    invited = select(Outbox.person_id).where(
        Outbox.meeting_id == meeting_id,
        Outbox.kind == Kind.INVITATION,
        Outbox.fanout.is_(False),
        Outbox.status.in_([OutboxStatus.SENT, OutboxStatus.SENDING]),
    )
    shown = select(MeetingCard.person_id).where(MeetingCard.meeting_id == meeting_id)
    return invited.union(_answered(meeting_id), shown)


# --- per-person keys ------------------------------------------------------------------------


def invitation_key(meeting_id: int, person_id: int) -> str:
    """One invitation per person and meeting, whatever the revision (latecomers share it)."""
    return f"{Kind.INVITATION}:m{meeting_id}:p{person_id}"


def promotion_key(meeting_id: int, person_id: int, going_since: datetime | None) -> str:
    # The moment they asked for a seat tells one promotion of theirs from a later one.
    stamp = int(going_since.timestamp() * 1_000_000) if going_since else 0
    return f"{Kind.PROMOTION}:m{meeting_id}:p{person_id}:{stamp}"


def _per_meeting(row: Outbox, person_id: int) -> str:
    return f"{row.kind}:m{row.meeting_id}:p{person_id}"


def _per_revision(row: Outbox, person_id: int) -> str:
    """The fan-out's own key (revision, reminder offset) with the person appended."""
    stem = row.dedupe_key.split(":", 1)[1]
    return f"{row.kind}:{stem}:p{person_id}"


# --- still worth sending? ----------------------------------------------------------------


def _meeting_on(facts: Facts) -> str | None:
    if facts.meeting is None:
        return "meeting gone"
    if facts.meeting.status == MeetingStatus.CANCELLED:
        return "meeting cancelled"
    return None


def _still_coming(facts: Facts) -> str | None:
    answer = facts.answer
    if answer is None or answer.answer not in (RsvpAnswer.GOING, RsvpAnswer.MAYBE):
        return "not coming"
    return _meeting_on(facts)


def _still_unanswered(facts: Facts) -> str | None:
    deadline = facts.meeting.rsvp_deadline if facts.meeting else None
    if facts.answer is not None:
        return "answered"
    if deadline is not None and facts.now > deadline:
        return "answers closed"
    return _meeting_on(facts)


def _still_seated(facts: Facts) -> str | None:
    answer = facts.answer
    if answer is None or answer.answer != RsvpAnswer.GOING or answer.waitlisted:
        return "no seat"
    return _meeting_on(facts)


def _meeting_exists(facts: Facts) -> str | None:
    return "meeting gone" if facts.meeting is None else None


def _group_event_current(facts: Facts) -> str | None:
    event = str(facts.row.payload.get("event", ""))
    if facts.meeting is None or event not in GROUP_EVENTS:
        return "meeting gone"
    if facts.meeting.status == MeetingStatus.CANCELLED and event != "cancelled":
        return "meeting cancelled"
    return None


def _person_exists(facts: Facts) -> str | None:
    return "person gone" if facts.person is None else None


def _something_changed(facts: Facts) -> str | None:
    if facts.row.payload.get("changes") == []:
        return "nothing changed"
    return _meeting_on(facts)


def _card_to_edit(facts: Facts) -> str | None:
    if facts.meeting is None:
        return "meeting gone"
    if facts.meeting.status == MeetingStatus.CANCELLED and facts.card is None:
        return "no card to edit"  # the cancellation notice says it all
    return None


# --- how it reads ----------------------------------------------------------------------------


def _meeting_card(facts: Facts) -> Rendered:
    assert facts.meeting is not None
    text, keyboard = invitation(
        facts.meeting,
        facts.answer,
        facts.position,
        kind=facts.row.kind,
        seats_taken=facts.seats_taken,
        links=facts.links,
        frozen=facts.agenda,
    )
    return Rendered(text, keyboard, facts.lang)


def _invitation_with_place(facts: Facts) -> Rendered:
    """The invitation, followed by the venue on the map when the coordinator shared one."""
    rendered = _meeting_card(facts)
    meeting = facts.meeting
    if meeting is None or meeting.latitude is None or meeting.longitude is None:
        return rendered
    venue = Venue(meeting.latitude, meeting.longitude, meeting.venue, meeting.venue)
    return replace(rendered, venue=venue)


def _card_edit(facts: Facts) -> Rendered:
    """The person's card as the meeting is now; without a card to edit, a fresh one."""
    assert facts.meeting is not None
    edit = facts.card.message_id if facts.card is not None else None
    if facts.meeting.status == MeetingStatus.CANCELLED:
        return Rendered(cancelled_card(facts.meeting), None, facts.lang, edit=edit)
    text, keyboard = invitation(
        facts.meeting,
        facts.answer,
        facts.position,
        kind="rsvp-card",
        seats_taken=facts.seats_taken,
        links=facts.links,
        frozen=facts.agenda,
    )
    return Rendered(text, keyboard, facts.lang, edit=edit, fallback=True)


def _retire_card(facts: Facts) -> Rendered:
    message_id = facts.row.payload.get("message_id")
    assert isinstance(message_id, int)
    return Rendered(msg("blank"), None, facts.lang, edit=message_id, buttons_only=True)


_CHANGE_LINES = {
    "starts_at": "card-change-time",
    "venue": "card-change-venue",
    "agenda": "card-change-agenda",
    "capacity": "card-change-seats",
}


def _change_value(field: str, value: object, timezone: str) -> object:
    if field == "starts_at":
        return When(datetime.fromisoformat(str(value)), timezone)
    if field == "capacity":
        return (
            msg("card-seats-count", count=value) if isinstance(value, int) else msg("card-no-limit")
        )
    if value is None or value == "":
        return msg("card-nothing")
    return str(value)


def _change_notice(facts: Facts) -> Rendered:
    """A short message saying what changed, old and new, so the phone still rings."""
    assert facts.meeting is not None
    meeting = facts.meeting
    changes = facts.row.payload.get("changes")
    lines = {name: msg("blank") for name in _CHANGE_LINES.values()}
    if isinstance(changes, list):
        for change in changes:
            field = str(change.get("field"))
            key = _CHANGE_LINES.get(field)
            if key is not None:
                lines[key] = msg(
                    key,
                    old=_change_value(field, change.get("old"), meeting.timezone),
                    new=_change_value(field, change.get("new"), meeting.timezone),
                )
    params = {key.removeprefix("card-change-"): line for key, line in lines.items()}
    return Rendered(msg("card-changed", title=meeting.title, **params), None, facts.lang)


def _cancellation(facts: Facts) -> Rendered:
    assert facts.meeting is not None
    meeting = facts.meeting
    return Rendered(
        msg("meeting-cancelled-notice", title=meeting.title, when=when(meeting)), None, facts.lang
    )


def _group_notice(facts: Facts) -> Rendered:
    assert facts.meeting is not None
    event = str(facts.row.payload.get("event", ""))
    keyboard: Keyboard | None = None
    if event != "cancelled" and facts.links.bot_username:
        # Answering is personal: the button opens the private chat on this meeting's card.
        link = meeting_link(facts.links.bot_username, facts.meeting.id)
        keyboard = [[Button(msg("button-answer-privately"), url=link)]]
    shown = card(facts.meeting, frozen=facts.agenda)
    return Rendered(msg(f"group-meeting-{event}", card=shown), keyboard, facts.lang)


def _notice(facts: Facts) -> Rendered:
    text = from_data(facts.row.payload.get("text"))
    assert isinstance(text, Msg)
    return Rendered(text, keyboard_from_data(facts.row.payload.get("keyboard")), facts.lang)


def _ballot(facts: Facts) -> Rendered:
    extra = facts.extra
    assert isinstance(extra, motions.BallotFacts) and extra.motion is not None
    motion, zone = extra.motion, extra.timezone
    text, keyboard = motions.ballot_message(motion, zone, extra.seats, extra.current)
    return Rendered(text, keyboard, facts.lang)


def _ballot_open(facts: Facts) -> str | None:
    extra = facts.extra
    known = extra if isinstance(extra, motions.BallotFacts) else None
    return motions.ballot_stale(known, facts.now)


def _broadcast(facts: Facts) -> Rendered:
    extra = facts.extra
    assert isinstance(extra, broadcasts.Facts) and extra.broadcast is not None
    text, media = broadcasts.notice_message(extra.broadcast)
    return Rendered(text, None, facts.lang, media=media)


def _broadcast_current(facts: Facts) -> str | None:
    extra = facts.extra
    return broadcasts.stale(extra if isinstance(extra, broadcasts.Facts) else None)


def _result_ready(_facts: Facts) -> str | None:
    return None  # a result is final: worth sending whenever it goes out


def _summary(facts: Facts) -> Rendered:
    extra = facts.extra
    assert isinstance(extra, summaries.SummaryFacts) and extra.summary is not None
    frame, lines = summaries.message(extra.summary)
    chart = charts.summary_chart(extra.summary)
    return Rendered(frame, None, facts.lang, lines=lines, chart=chart)


def _summary_wanted(facts: Facts) -> str | None:
    extra = facts.extra
    return summaries.summary_stale(extra if isinstance(extra, summaries.SummaryFacts) else None)


def _action_due(facts: Facts) -> Rendered:
    assert isinstance(facts.extra, outcome.ReminderFacts)
    return Rendered(outcome.reminder_message(facts.extra), None, facts.lang)


def _action_still_due(facts: Facts) -> str | None:
    known = facts.extra if isinstance(facts.extra, outcome.ReminderFacts) else None
    return outcome.reminder_stale(known, facts.row.payload)


# --- the registry ----------------------------------------------------------------------------

REGISTRY: dict[Kind, Delivery] = {
    d.kind: d
    for d in (
        Delivery(
            Kind.INVITATION,
            Audience.NETWORK,
            _invitation_with_place,
            _meeting_on,
            _everyone_invited,
            _per_meeting,
            live_card=True,
        ),
        Delivery(
            Kind.REMINDER,
            Audience.NETWORK,
            _meeting_card,
            _still_coming,
            _coming,
            _per_revision,
            live_card=True,
        ),
        Delivery(
            Kind.NUDGE,
            Audience.NETWORK,
            _meeting_card,
            _still_unanswered,
            _not_answered,
            _per_revision,
            live_card=True,
        ),
        # What changed, in a few words; the card itself is edited by CARD_EDIT.
        Delivery(
            Kind.CHANGE,
            Audience.NETWORK,
            _change_notice,
            _something_changed,
            invited_people,
            _per_revision,
        ),
        Delivery(
            Kind.CANCELLATION,
            Audience.NETWORK,
            _cancellation,
            _meeting_exists,
            invited_people,
            _per_meeting,
            after_cancel=True,
        ),
        Delivery(Kind.PROMOTION, Audience.NETWORK, _meeting_card, _still_seated, live_card=True),
        Delivery(
            Kind.CARD_EDIT,
            Audience.NETWORK,
            _card_edit,
            _card_to_edit,
            _card_holders,
            _per_revision,
            live_card=True,
            after_cancel=True,
        ),
        # Taking the buttons off an older card harms nobody, in the network or not.
        Delivery(Kind.CARD_RETIRE, Audience.PERSON, _retire_card, _person_exists),
        Delivery(Kind.NOTICE, Audience.PERSON, _notice, _person_exists),
        # To the concern's sender, whatever their membership now: it is their own concern.
        Delivery(Kind.CONCERN_DECISION, Audience.PERSON, _notice, _person_exists),
        Delivery(Kind.CONCERN_DIGEST, Audience.PERSON, _notice, _person_exists),
        Delivery(Kind.GROUP, Audience.GROUP, _group_notice, _group_event_current),
        # Ballots fan out when due; whether each person still votes, and for whom, is read
        # again as each copy is sent.
        Delivery(
            Kind.BALLOT,
            Audience.NETWORK,
            _ballot,
            _ballot_open,
            motions.member_voters,
            _per_revision,
            after_cancel=True,
            load=motions.ballot_facts,
        ),
        Delivery(
            Kind.ORG_BALLOT,
            Audience.NETWORK,
            _ballot,
            _ballot_open,
            motions.organization_voters,
            _per_revision,
            after_cancel=True,
            load=motions.ballot_facts,
        ),
        Delivery(Kind.MOTION_RESULT, Audience.GROUP, _notice, _result_ready),
        # The group's copy reads in the network's language (a row with no person), each
        # coordinator's in their own; the load gathers each meeting's summary once a wave.
        Delivery(
            Kind.SUMMARY,
            Audience.PERSON,
            _summary,
            _summary_wanted,
            load=summaries.summary_facts,
        ),
        # Expanded to its audience when due; whether each person is still in it is read again
        # as each copy is sent.
        Delivery(
            Kind.BROADCAST,
            Audience.NETWORK,
            _broadcast,
            _broadcast_current,
            person_key=_per_revision,
            load=broadcasts.facts,
            reach=broadcasts.recipients_of,
        ),
        # To the owner organization's admins and delegate as they are when it comes due.
        Delivery(
            Kind.ACTION_DUE,
            Audience.NETWORK,
            _action_due,
            _action_still_due,
            person_key=_per_revision,
            load=outcome.reminder_facts,
            reach=outcome.owner_voices,
        ),
    )
}


def declared(kind: str) -> Delivery | None:
    """The declaration of a stored kind; None for a kind this version does not know."""
    return _BY_NAME.get(kind)


_BY_NAME: dict[str, Delivery] = {kind.value: spec for kind, spec in REGISTRY.items()}


# --- expanding a fan-out ---------------------------------------------------------------------

# People looked at per transaction when the dispatcher expands a fan-out: each part is one
# INSERT … SELECT of a few milliseconds, so a tap never waits long behind a broadcast.
EXPAND_PART = 2000
# Handed to a kind's person_key in place of a person id, to read the key's shape around it.
_PERSON_MARK = 987_654_321_987


async def expand(
    session: AsyncSession, clock: Clock, row: Outbox, coordinators: Collection[int]
) -> int:
    """Turn a due fan-out row into one row per recipient in the network now; how many."""
    created, _rest = await expand_part(session, clock, row, coordinators)
    return created


async def expand_part(
    session: AsyncSession,
    clock: Clock,
    row: Outbox,
    coordinators: Collection[int],
    *,
    after: int = 0,
    size: int | None = None,
) -> tuple[int, int | None]:
    """Expand a fan-out for the people with ids above `after` (the next `size` ids, or all),
    in one INSERT … SELECT; the rows made, and where the next part starts (None: all done,
    and the fan-out row is marked so).

    Each part may be its own transaction. The first one marks the meeting invited, under its
    lock: someone joining after it commits is invited on joining (bot.services.meetings), and
    someone who joined before is found by the part that covers their id.
    """
    now = clock.now()
    spec = declared(row.kind)
    assert spec is not None and spec.person_key is not None, row.kind
    if row.not_after is not None and now >= row.not_after:
        await outbox.finish(session, clock, row.id, outbox.Outcome(OutboxStatus.SKIPPED, "stale"))
        return 0, None
    if spec.reach is not None:
        chosen = await spec.reach(session, row, coordinators)
        if chosen is None:
            await outbox.finish(
                session, clock, row.id, outbox.Outcome(OutboxStatus.SKIPPED, "not to be sent")
            )
            return 0, None
        return await _expand_to(session, clock, row, spec, None, chosen, coordinators, after, size)
    assert spec.recipients is not None, row.kind
    # Locked while the recipients are read: someone joining right now either is already a
    # member when they are read, or finds the meeting invited and is invited on joining.
    meeting = (
        await session.execute(
            select(Meeting)
            .where(Meeting.id == row.meeting_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).scalar_one_or_none()
    if meeting is None or (meeting.status == MeetingStatus.CANCELLED and not spec.after_cancel):
        await outbox.finish(
            session, clock, row.id, outbox.Outcome(OutboxStatus.SKIPPED, "meeting cancelled")
        )
        return 0, None
    if spec.kind == Kind.INVITATION and meeting.invited_at is None:
        meeting.invited_at = now
    chosen = spec.recipients(meeting.id)
    return await _expand_to(
        session, clock, row, spec, meeting.id, chosen, coordinators, after, size
    )


async def _expand_to(
    session: AsyncSession,
    clock: Clock,
    row: Outbox,
    spec: Delivery,
    meeting_id: int | None,
    chosen: Any,
    coordinators: Collection[int],
    after: int,
    size: int | None,
) -> tuple[int, int | None]:
    """One part of the copies for `chosen` (a query of person ids) in the network now."""
    people = select(Person.id).where(
        Person.id.in_(chosen), in_network(coordinators), Person.id > after
    )
    rest: int | None = None
    if size is not None:
        last = (await session.execute(select(func.max(Person.id)))).scalar_one_or_none() or 0
        if after + size < last:
            rest = after + size
            people = people.where(Person.id <= rest)
    created = await _insert_copies(session, clock.now(), row, meeting_id, spec, people)
    if rest is None:
        await outbox.finish(session, clock, row.id, outbox.Outcome(OutboxStatus.SENT))
    return created, rest


async def _insert_copies(
    session: AsyncSession,
    now: datetime,
    row: Outbox,
    meeting_id: int | None,
    spec: Delivery,
    people: Any,
) -> int:
    """One row per person of `people` (a query of person ids) in a single statement; a copy
    whose key is already there is left alone. Known to have blocked the bot: counted, not
    tried."""
    status = Outbox.status.type
    copies = (
        select(
            literal(row.kind, String),
            literal(False, Boolean),
            literal(meeting_id, Integer),
            literal(row.broadcast_id, Integer),
            Person.id,
            Person.tg_user_id,
            _key_of(spec, row),
            literal(row.payload, JSON),
            literal(now, UTCDateTime()),
            literal(row.not_after, UTCDateTime()),
            case(
                (Person.reachable.is_(True), literal(OutboxStatus.PENDING, status)),
                else_=literal(OutboxStatus.UNREACHABLE, status),
            ),
            literal(0, Integer),
            literal(now, UTCDateTime()),
            literal(now, UTCDateTime()),
        )
        .where(Person.id.in_(people))
        .order_by(Person.id)
    )
    columns = [
        "kind",
        "fanout",
        "meeting_id",
        "broadcast_id",
        "person_id",
        "chat_id",
        "dedupe_key",
        "payload",
        "due_at",
        "not_after",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
    ]
    statement = insert_or_ignore(session, Outbox, ["dedupe_key"]).from_select(columns, copies)
    # psycopg counts an INSERT's rows only when asked to keep the count.
    result = await session.execute(statement.execution_options(preserve_rowcount=True))
    return int(getattr(result, "rowcount", 0))


def _key_of(spec: Delivery, row: Outbox) -> Any:
    """The kind's dedupe key of each person's copy, as SQL: its key with the person id."""
    assert spec.person_key is not None
    mark = str(_PERSON_MARK)
    head, found, tail = spec.person_key(row, _PERSON_MARK).partition(mark)
    assert found and mark not in tail, f"{row.kind}: the key must hold the person id once"
    return literal(head, String) + cast(Person.id, String) + literal(tail, String)


# --- judging and rendering a wave at send time ---------------------------------------------


async def render_wave(
    session: AsyncSession,
    rows: Sequence[Outbox],
    *,
    now: datetime,
    coordinators: Collection[int],
    default_language: str,
    links: Links = NO_LINKS,
) -> dict[int, Rendered | str]:
    """Each row as it should read now, or the reason it is skipped; read once for the wave."""
    people_ids = {row.person_id for row in rows if row.person_id}
    meeting_ids = {row.meeting_id for row in rows if row.meeting_id}
    persons: dict[int, tuple[Person, bool]] = {
        person.id: (person, bool(eligible))
        for person, eligible in await session.execute(
            select(Person, in_network(coordinators)).where(Person.id.in_(people_ids))
        )
    }
    found = await session.scalars(select(Meeting).where(Meeting.id.in_(meeting_ids)))
    meetings_by_id = {m.id: m for m in found}
    answers = {
        (r.meeting_id, r.person_id): r
        for r in await session.scalars(
            select(Rsvp).where(Rsvp.meeting_id.in_(meeting_ids), Rsvp.person_id.in_(people_ids))
        )
    }
    positions = await _waitlist_positions(session, [a for a in answers.values() if a.waitlisted])
    live_cards = {
        (c.meeting_id, c.person_id): c
        for c in await session.scalars(
            select(MeetingCard).where(
                MeetingCard.meeting_id.in_(meeting_ids), MeetingCard.person_id.in_(people_ids)
            )
        )
    }
    seats = await _seats_taken(session, meeting_ids)
    agendas = await agenda.frozen_lines(session, meeting_ids)
    extras: dict[int, Any] = {}
    for spec in {declared(row.kind) for row in rows} - {None}:
        if spec is not None and spec.load is not None:
            mine = [row for row in rows if row.kind == spec.kind]
            extras.update(await spec.load(session, mine, coordinators))
    result: dict[int, Rendered | str] = {}
    for row in rows:
        spec = declared(row.kind)
        if spec is None:
            log.error("outbox row %s has unknown kind %r", row.id, row.kind)
            result[row.id] = "unknown kind"
            continue
        person, eligible = persons.get(row.person_id or 0, (None, False))
        if row.not_after is not None and now >= row.not_after:
            result[row.id] = "no longer useful"
            continue
        if spec.audience == Audience.NETWORK and not eligible:
            result[row.id] = NOT_IN_NETWORK
            continue
        meeting = meetings_by_id.get(row.meeting_id or 0)
        answer = answers.get((row.meeting_id or 0, row.person_id or 0))
        lang = (
            pick_language(person.language, None, default_language)
            if person is not None and spec.audience != Audience.GROUP
            else default_language
        )
        key = (row.meeting_id or 0, row.person_id or 0)
        facts = Facts(
            row,
            now,
            lang,
            person,
            meeting,
            answer,
            positions.get(answer.id) if answer else None,
            live_cards.get(key),
            seats.get(row.meeting_id or 0, 0),
            links,
            extras.get(row.id),
            agendas.get(row.meeting_id or 0, ()),
        )
        reason = spec.stale(facts)
        result[row.id] = reason if reason is not None else spec.render(facts)
    return result


def keeps_card(kind: str) -> bool:
    """Whether a sent message of this kind is the person's live card of its meeting."""
    spec = declared(kind)
    return spec is not None and spec.live_card


async def _seats_taken(session: AsyncSession, meeting_ids: Collection[int]) -> dict[int, int]:
    if not meeting_ids:
        return {}
    rows = await session.execute(
        select(Rsvp.meeting_id, func.count())
        .where(
            Rsvp.meeting_id.in_(meeting_ids),
            Rsvp.answer == RsvpAnswer.GOING,
            Rsvp.waitlisted.is_(False),
        )
        .group_by(Rsvp.meeting_id)
    )
    return {meeting_id: int(count) for meeting_id, count in rows}


async def _waitlist_positions(session: AsyncSession, waiting: Sequence[Rsvp]) -> dict[int, int]:
    """1 for the first person waiting, and so on, per answer id."""
    if not waiting:
        return {}
    ranked = (
        select(
            Rsvp.id,
            # The waitlist's order: when they asked for a seat, then who answered first.
            func.row_number()
            .over(partition_by=Rsvp.meeting_id, order_by=(Rsvp.going_since, Rsvp.id))
            .label("position"),
        )
        .where(
            Rsvp.meeting_id.in_({a.meeting_id for a in waiting}),
            and_(Rsvp.waitlisted.is_(True), Rsvp.going_since.is_not(None)),
        )
        .subquery()
    )
    wanted = [a.id for a in waiting]
    rows = await session.execute(
        select(ranked.c.id, ranked.c.position).where(ranked.c.id.in_(wanted))
    )
    return {answer_id: int(position) for answer_id, position in rows}
