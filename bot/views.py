"""How a meeting looks in a message: the card, the person's answer and the RSVP buttons."""

from __future__ import annotations

from bot.i18n import Msg, When, msg
from bot.presentation import Button, CallbackData, Keyboard
from db.models import Meeting, MemberRole, Membership, Rsvp, RsvpAnswer

RSVP = CallbackData("rsvp")
ANSWER_ACTIONS = {RsvpAnswer.GOING: "go", RsvpAnswer.MAYBE: "maybe", RsvpAnswer.DECLINED: "no"}
ACTION_ANSWERS = {action: answer for answer, action in ANSWER_ACTIONS.items()}


def when(meeting: Meeting) -> When:
    return When(meeting.starts_at, meeting.timezone)


def card(meeting: Meeting, *, seats_taken: int | None = None) -> Msg:
    """Title, date in the reader's calendar, venue, agenda, seats and deadline."""
    agenda = msg("meeting-agenda-line", agenda=meeting.agenda) if meeting.agenda else msg("blank")
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


def answer_line(rsvp: Rsvp | None, position: int | None) -> Msg:
    if rsvp is None:
        return msg("rsvp-answer-none")
    if rsvp.answer == RsvpAnswer.GOING and rsvp.waitlisted:
        return msg("rsvp-answer-waitlist", position=position or 0)
    return msg(f"rsvp-answer-{rsvp.answer.value}")


def rsvp_buttons(meeting: Meeting) -> Keyboard:
    return [
        [
            Button(msg("button-going"), RSVP.build("go", meeting.id)),
            Button(msg("button-maybe"), RSVP.build("maybe", meeting.id)),
            Button(msg("button-cant-go"), RSVP.build("no", meeting.id)),
        ],
        [Button(msg("button-calendar"), RSVP.build("ics", meeting.id))],
    ]


def invitation(
    meeting: Meeting, rsvp: Rsvp | None, position: int | None, *, kind: str = "invitation"
) -> tuple[Msg, Keyboard]:
    """The message with the RSVP buttons: an invitation, reminder, nudge, update or /next."""
    text = msg(kind, card=card(meeting), answer=answer_line(rsvp, position))
    return text, rsvp_buttons(meeting)


def role_label(membership: Membership) -> Msg:
    """A member's place in their organization: admin, delegate, both, or member."""
    if membership.role == MemberRole.ADMIN and membership.is_delegate:
        return msg("role-admin-delegate")
    if membership.role == MemberRole.ADMIN:
        return msg("role-admin")
    if membership.is_delegate:
        return msg("role-delegate")
    return msg("role-member")
