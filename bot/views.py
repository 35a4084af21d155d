"""How a meeting looks in a message: the card, the person's answer and the RSVP buttons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from urllib.parse import quote, urlencode

from bot.i18n import Msg, When, msg
from bot.presentation import Button, CallbackData, Keyboard
from db.models import Meeting, MemberRole, Membership, Rsvp, RsvpAnswer

RSVP = CallbackData("rsvp")
AGENDA = CallbackData("agd")  # the agenda by dot voting (bot.handlers.agenda)
ANSWER_ACTIONS = {RsvpAnswer.GOING: "go", RsvpAnswer.MAYBE: "maybe", RsvpAnswer.DECLINED: "no"}
ACTION_ANSWERS = {action: answer for answer, action in ANSWER_ACTIONS.items()}


def when(meeting: Meeting) -> When:
    return When(meeting.starts_at, meeting.timezone)


TITLE_ON_BUTTON = 30  # characters of a meeting's title on the button that picks it


def meeting_button(meeting: Meeting) -> Msg:
    """The label of a button that picks a meeting: the start of its title, and its date.

    Made by the catalog, so that the title is isolated: a Latin title does not turn a Dari
    or Pashto label left to right."""
    return msg("meeting-button", title=meeting.title[:TITLE_ON_BUTTON], when=when(meeting))


@dataclass(frozen=True)
class AgendaLine:
    """One concern of a meeting's agenda as stored when voting closed."""

    rank: int
    number: int  # the concern's id, shown as #12
    text: str | None  # None for a voice note or a photo without a caption


AGENDA_TEXT_LENGTH = 60  # the start of a concern's text on the card


def first_words(text: str | None, length: int) -> str:
    words = " ".join((text or "…").split())
    return words if len(words) <= length else words[: length - 1].rstrip() + "…"


def agenda_lines(note: Msg, frozen: Sequence[AgendaLine]) -> Msg:
    """The agenda note followed by the stored agenda, a line per concern."""
    if not frozen:
        return note
    items = msg("blank")
    for line in reversed(frozen):
        text = first_words(line.text, AGENDA_TEXT_LENGTH)
        items = msg("card-agenda-item", rank=line.rank, number=line.number, text=text, rest=items)
    return msg("card-agenda", note=note, items=items)


def card(
    meeting: Meeting, *, seats_taken: int | None = None, frozen: Sequence[AgendaLine] = ()
) -> Msg:
    """Title, date in the reader's calendar, venue, agenda, seats and deadline."""
    agenda = msg("meeting-agenda-line", agenda=meeting.agenda) if meeting.agenda else msg("blank")
    agenda = agenda_lines(agenda, frozen)
    if meeting.capacity is None:
        capacity = msg("blank")
    elif seats_taken is None:
        capacity = msg("meeting-capacity-line", capacity=meeting.capacity)
    else:
        free = max(meeting.capacity - seats_taken, 0)
        capacity = msg("meeting-seats-line", capacity=meeting.capacity, free=free)
    deadline = (
        msg("meeting-deadline-line", deadline=When(meeting.rsvp_deadline, meeting.timezone))
        if meeting.rsvp_deadline
        else msg("blank")
    )
    return msg(
        "meeting-card",
        title=meeting.title,
        when=when(meeting),
        venue=meeting.venue,
        agenda=agenda,
        capacity=capacity,
        deadline=deadline,
    )


def seats_line(meeting: Meeting, seats_taken: int) -> Msg:
    """Seats left, counted when the card is rendered; full says Going means the waitlist."""
    if meeting.capacity is None:
        return msg("blank")
    free = max(meeting.capacity - seats_taken, 0)
    if free == 0:
        return msg("card-seats-full", capacity=meeting.capacity)
    return msg("card-seats-left", free=free, capacity=meeting.capacity)


def live_card(meeting: Meeting, seats_taken: int | None, frozen: Sequence[AgendaLine] = ()) -> Msg:
    """The card as a member's live message shows it: with the seats left, when counted."""
    if seats_taken is None or meeting.capacity is None:
        return card(meeting, frozen=frozen)
    shown = card(meeting, frozen=frozen)
    return msg(shown.key, **{**shown.params, "capacity": seats_line(meeting, seats_taken)})


def answer_line(rsvp: Rsvp | None, position: int | None) -> Msg:
    if rsvp is None:
        return msg("rsvp-answer-none")
    if rsvp.answer == RsvpAnswer.GOING and rsvp.waitlisted:
        return msg("rsvp-answer-waitlist", position=position or 0)
    if rsvp.answer == RsvpAnswer.DECLINED and rsvp.note:
        return msg("card-answer-with-note", answer=msg("rsvp-answer-declined"), note=rsvp.note)
    return msg(f"rsvp-answer-{rsvp.answer.value}")


@dataclass(frozen=True)
class Links:
    """What the links on a card need: the calendar entry's length and the bot's username."""

    meeting_length: timedelta = timedelta(hours=2)
    bot_username: str | None = None


# Our own ceiling for a button's link: Telegram documents none, browsers and Google take this.
URL_LIMIT = 2000


def google_calendar_url(meeting: Meeting, length: timedelta) -> str:
    """Google Calendar's "add event" page for the meeting; opening it sends nothing anywhere.

    The agenda, then the venue, then the title are shortened until the link fits URL_LIMIT.
    """
    return _google_calendar_url(
        meeting.starts_at,
        length,
        meeting.title,
        meeting.agenda or "",
        meeting.venue,
        meeting.timezone,
    )


@lru_cache(maxsize=256)
def _google_calendar_url(
    starts_at: datetime,
    length: timedelta,
    title: str,
    agenda: str,
    venue: str,
    timezone: str,
) -> str:
    # Every card of a meeting carries the same link: built once per version of the meeting.
    start = starts_at.astimezone(UTC)
    dates = f"{start:%Y%m%dT%H%M%SZ}/{start + length:%Y%m%dT%H%M%SZ}"
    fields = {"text": title, "details": agenda, "location": venue}
    for name in ("details", "location", "text"):
        while True:
            url = "https://calendar.google.com/calendar/render?" + urlencode(
                {"action": "TEMPLATE", **fields, "dates": dates, "ctz": timezone},
                quote_via=quote,
            )
            if len(url) <= URL_LIMIT or not fields[name]:
                break
            fields[name] = fields[name][: len(fields[name]) * 3 // 4].rstrip()
        if len(url) <= URL_LIMIT:
            break
    return url


def meeting_link(bot_username: str, meeting_id: int) -> str:
    """The deep link that opens a meeting's card in the private chat with the bot."""
    return f"https://t.me/{bot_username}?start={MEETING_PAYLOAD}{meeting_id}"


MEETING_PAYLOAD = "meeting-"


def rsvp_buttons(
    meeting: Meeting, rsvp: Rsvp | None = None, links: Links | None = None
) -> Keyboard:
    links = links or Links()
    rows: list[list[Button]] = [
        [
            Button(msg("button-going"), RSVP.build("go", meeting.id)),
            Button(msg("button-maybe"), RSVP.build("maybe", meeting.id)),
            Button(msg("button-cant-go"), RSVP.build("no", meeting.id)),
        ]
    ]
    if rsvp is not None:
        answered = [Button(msg("button-withdraw"), RSVP.build("undo", meeting.id))]
        if rsvp.answer == RsvpAnswer.DECLINED:
            answered.append(Button(msg("button-add-note"), RSVP.build("note", meeting.id)))
        rows.append(answered)
    rows.append(
        [
            Button(msg("button-calendar"), RSVP.build("ics", meeting.id)),
            Button(
                msg("button-google-calendar"),
                url=google_calendar_url(meeting, links.meeting_length),
            ),
        ]
    )
    rows.append([Button(msg("button-agenda"), AGENDA.build("show", meeting.id))])
    return rows


def invitation(
    meeting: Meeting,
    rsvp: Rsvp | None,
    position: int | None,
    *,
    kind: str = "invitation",
    seats_taken: int | None = None,
    links: Links | None = None,
    frozen: Sequence[AgendaLine] = (),
) -> tuple[Msg, Keyboard]:
    """The live card: an invitation, reminder, nudge, promotion or /next, with its buttons."""
    shown = live_card(meeting, seats_taken, frozen)
    text = msg(kind, card=shown, answer=answer_line(rsvp, position))
    return text, rsvp_buttons(meeting, rsvp, links)


def cancelled_card(meeting: Meeting) -> Msg:
    """A live card once its meeting is cancelled: no seats, no answer, and no buttons."""
    return msg("card-cancelled", card=card(meeting))


def role_label(membership: Membership) -> Msg:
    """A member's place in their organization: admin, delegate, both, or member."""
    if membership.role == MemberRole.ADMIN and membership.is_delegate:
        return msg("role-admin-delegate")
    if membership.role == MemberRole.ADMIN:
        return msg("role-admin")
    if membership.is_delegate:
        return msg("role-delegate")
    return msg("role-member")
