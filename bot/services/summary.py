"""The outcome summary of a meeting: gathered, previewed by a coordinator, posted once."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Msg, When, msg
from bot.services import audit, checkin, motions, outbox, people
from bot.services.actor import Actor, is_coordinator
from bot.services.coordination import coordination_chat
from bot.services.errors import DomainError, NotFound
from bot.services.kinds import Kind
from bot.views import first_words
from db.models import (
    ActionItem,
    AgendaItem,
    CheckIn,
    Concern,
    ConcernKind,
    Meeting,
    MeetingStatus,
    Motion,
    MotionStatus,
    Organization,
    Outbox,
    OutboxStatus,
    OutcomeKind,
    Person,
    Rsvp,
    RsvpAnswer,
)

# A meeting that ended longer ago than this when the job first sees it (the bot was off, or
# was just upgraded) gets no automatic summary: old news posted now would only confuse.
# A coordinator can still post it with /summary.
POST_WINDOW = timedelta(days=2)
# The start of a concern's text in the summary, and of a motion's question on the chart.
CONCERN_TEXT_LENGTH = 120
ANSWERS = (RsvpAnswer.GOING, RsvpAnswer.MAYBE, RsvpAnswer.DECLINED)


@dataclass(frozen=True)
class AnswerCount:
    """How many gave one answer, and how many of them checked in.

    `answer` None: those who checked in without having answered (walk-ins included).
    """

    answer: RsvpAnswer | None
    answered: int
    came: int


@dataclass(frozen=True)
class AgendaConcern:
    """A concern on the meeting's agenda, in its place, with the dots it had."""

    rank: int
    number: int
    text: str | None  # None for a voice note or a photo without a caption
    kind: ConcernKind
    dots: int


@dataclass(frozen=True)
class MotionOutcome:
    """A motion of the meeting: its result as motions counts it, or when voting closes."""

    question: str
    result: motions.Result | None  # None while voting is still open
    shown: Msg


@dataclass(frozen=True)
class OutcomeLine:
    """A decision or an action item as a coordinator recorded it."""

    kind: OutcomeKind
    text: str
    owner: str | None
    due_on: date | None


@dataclass(frozen=True)
class Summary:
    """Everything the summary says about one meeting, as plain values."""

    meeting_id: int
    title: str
    starts_at: datetime
    timezone: str
    venue: str
    answers: tuple[AnswerCount, ...]
    checked_in: int
    organizations: int  # approved organizations represented at the check-in
    approved: int  # approved organizations in the network
    agenda: tuple[AgendaConcern, ...]
    motions: tuple[MotionOutcome, ...]
    outcomes: tuple[OutcomeLine, ...]
    next_starts_at: datetime | None
    next_timezone: str | None

    @property
    def decisions(self) -> list[OutcomeLine]:
        return [line for line in self.outcomes if line.kind == OutcomeKind.DECISION]

    @property
    def actions(self) -> list[OutcomeLine]:
        return [line for line in self.outcomes if line.kind == OutcomeKind.ACTION]


def ends_at(meeting: Meeting, length: timedelta) -> datetime:
    """A meeting ends its length (SHURA_MEETING_LENGTH) after it starts."""
    return meeting.starts_at + length


# --- gathering ------------------------------------------------------------------------------


async def _answers(session: AsyncSession, meeting_id: int) -> tuple[list[AnswerCount], int]:
    """Per answer, how many gave it and how many of them came; and everyone who came."""
    answered = dict(
        (
            await session.execute(
                select(Rsvp.answer, func.count())
                .where(Rsvp.meeting_id == meeting_id)
                .group_by(Rsvp.answer)
            )
        ).all()
    )
    came: dict[RsvpAnswer | None, int] = {}
    rows = await session.execute(
        select(Rsvp.answer, func.count(CheckIn.id))
        .select_from(CheckIn)
        .outerjoin(
            Rsvp, (Rsvp.person_id == CheckIn.person_id) & (Rsvp.meeting_id == CheckIn.meeting_id)
        )
        .where(CheckIn.meeting_id == meeting_id)
        .group_by(Rsvp.answer)
    )
    for answer, count in rows:
        came[answer] = came.get(answer, 0) + int(count)
    counts = [AnswerCount(a, int(answered.get(a, 0)), came.get(a, 0)) for a in ANSWERS]
    counts.append(AnswerCount(None, 0, came.get(None, 0)))
    return counts, sum(came.values())


async def _agenda(session: AsyncSession, meeting_id: int) -> list[AgendaConcern]:
    rows = await session.execute(
        select(AgendaItem.rank, Concern.id, Concern.text, Concern.kind, AgendaItem.dots)
        .join(Concern, Concern.id == AgendaItem.concern_id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaItem.rank)
    )
    return [
        AgendaConcern(rank, number, text, kind, dots) for rank, number, text, kind, dots in rows
    ]


async def _motions(session: AsyncSession, meeting: Meeting) -> list[MotionOutcome]:
    found = list(
        await session.scalars(
            select(Motion).where(Motion.meeting_id == meeting.id).order_by(Motion.id)
        )
    )
    # Counted together: a meeting with twenty motions is still a few statements.
    results = await motions.tallies(
        session, [motion for motion in found if motion.status != MotionStatus.OPEN]
    )
    outcomes = []
    for motion in found:
        result = results.get(motion.id)
        if result is None:
            shown = msg(
                "summary-motion-open",
                question=motion.question,
                closes=When(motion.closes_at, meeting.timezone),
            )
            outcomes.append(MotionOutcome(motion.question, None, shown))
            continue
        outcomes.append(
            MotionOutcome(motion.question, result, motions.result_message(motion, result))
        )
    return outcomes


async def _outcomes(session: AsyncSession, meeting_id: int) -> list[OutcomeLine]:
    rows = await session.execute(
        select(ActionItem.kind, ActionItem.text, Organization.name, ActionItem.due_on)
        .outerjoin(Organization, Organization.id == ActionItem.owner_id)
        .where(ActionItem.meeting_id == meeting_id)
        .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.id)
    )
    return [OutcomeLine(kind, text, owner, due) for kind, text, owner, due in rows]


async def _next_meeting(session: AsyncSession, meeting: Meeting) -> Meeting | None:
    return (
        await session.execute(
            select(Meeting)
            .where(
                Meeting.status == MeetingStatus.SCHEDULED,
                Meeting.starts_at > meeting.starts_at,
                Meeting.id != meeting.id,
            )
            .order_by(Meeting.starts_at, Meeting.id)
            .limit(1)
        )
    ).scalar_one_or_none()


async def _gather(session: AsyncSession, meeting: Meeting) -> Summary:
    answers, checked_in = await _answers(session, meeting.id)
    came = await checkin.attendance(session, None, meeting.id)
    following = await _next_meeting(session, meeting)
    return Summary(
        meeting_id=meeting.id,
        title=meeting.title,
        starts_at=meeting.starts_at,
        timezone=meeting.timezone,
        venue=meeting.venue,
        answers=tuple(answers),
        checked_in=checked_in,
        organizations=came.organizations,
        approved=came.approved,
        agenda=tuple(await _agenda(session, meeting.id)),
        motions=tuple(await _motions(session, meeting)),
        outcomes=tuple(await _outcomes(session, meeting.id)),
        next_starts_at=following.starts_at if following else None,
        next_timezone=following.timezone if following else None,
    )


# --- a coordinator's preview ----------------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    """The summary a coordinator is shown, and whether it can still be posted."""

    summary: Summary
    posted_at: datetime | None
    group: bool  # a coordination group is bound to post it to


async def _latest_started(session: AsyncSession, now: datetime) -> Meeting | None:
    return (
        await session.execute(
            select(Meeting)
            .where(Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at <= now)
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
            .limit(1)
        )
    ).scalar_one_or_none()


def _check_ended(meeting: Meeting, now: datetime, length: timedelta) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError("meeting-is-cancelled", title=meeting.title)
    end = ends_at(meeting, length)
    if now < end:
        raise DomainError("summary-not-ended", title=meeting.title, end=When(end, meeting.timezone))


async def preview(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    meeting_id: int | None,
    *,
    length: timedelta,
) -> Preview:
    """The summary of a meeting that has ended (by default the latest), for a coordinator."""
    actor.require_coordinator()
    now = clock.now()
    if meeting_id is None:
        meeting = await _latest_started(session, now)
        if meeting is None:
            raise DomainError("summary-no-meeting")
    else:
        meeting = await session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound("meeting-not-found", number=str(meeting_id))
    _check_ended(meeting, now, length)
    group = await coordination_chat(session) is not None
    return Preview(await _gather(session, meeting), meeting.summary_queued_at, group)


async def post_now(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    meeting_id: int,
    *,
    configured: Collection[int],
    length: timedelta,
) -> Meeting:
    """Post the summary to the group and the other coordinators now, unless it already was."""
    actor.require_coordinator()
    # Locked: the job and a second coordinator's tap wait here, then find it marked.
    meeting = await session.get(Meeting, meeting_id, with_for_update=True, populate_existing=True)
    if meeting is None:
        raise NotFound("error-stale-button")
    _check_ended(meeting, clock.now(), length)
    if meeting.summary_queued_at is not None:
        raise DomainError(
            "summary-already-posted",
            title=meeting.title,
            when=When(meeting.summary_queued_at, meeting.timezone),
        )
    if await coordination_chat(session) is None:
        raise DomainError("summary-no-group")
    await _queue(session, clock, meeting, configured, skip=actor.person_id)
    audit.record(session, clock, actor.person, "summary.posted", "meeting", meeting.id)
    return meeting


# --- posting once ---------------------------------------------------------------------------


def dedupe_key(meeting_id: int, recipient: str) -> str:
    return f"{Kind.SUMMARY}:m{meeting_id}:{recipient}"


async def _queue(
    session: AsyncSession,
    clock: Clock,
    meeting: Meeting,
    configured: Collection[int],
    *,
    skip: int | None = None,
) -> None:
    """Queue the summary for the group and each coordinator, and mark the meeting, at once.

    The mark and the rows commit together, and the rows' keys name the meeting: neither a
    second run nor a restart posts it again.
    """
    now = clock.now()
    rows: list[dict[str, Any]] = []
    chat = await coordination_chat(session)
    if chat is not None:
        rows.append({"chat_id": chat.tg_chat_id, "dedupe_key": dedupe_key(meeting.id, "group")})
    for coordinator in await people.coordinators(session, configured):
        if coordinator.id == skip:
            continue
        rows.append(
            {
                "person_id": coordinator.id,
                "chat_id": coordinator.tg_user_id,
                "dedupe_key": dedupe_key(meeting.id, f"p{coordinator.id}"),
                # Known to have blocked the bot: counted, not tried.
                "status": (
                    OutboxStatus.PENDING if coordinator.reachable else OutboxStatus.UNREACHABLE
                ),
            }
        )
    await outbox.enqueue_many(
        session,
        clock,
        [{"kind": Kind.SUMMARY, "meeting_id": meeting.id, "due_at": now, **row} for row in rows],
    )
    meeting.summary_queued_at = now


async def queue_due(
    session: AsyncSession,
    clock: Clock,
    configured: Collection[int],
    *,
    length: timedelta,
    delay: timedelta,
) -> list[int]:
    """Queue the summaries whose time has come (`delay` after the meeting ended), once each.

    Only meetings that ended within POST_WINDOW of their posting time; never a cancelled one.
    """
    now = clock.now()
    latest_start = now - length - delay
    due = await session.scalars(
        select(Meeting)
        .where(
            Meeting.status == MeetingStatus.SCHEDULED,
            Meeting.summary_queued_at.is_(None),
            Meeting.starts_at <= latest_start,
            Meeting.starts_at > latest_start - POST_WINDOW,
        )
        .order_by(Meeting.starts_at, Meeting.id)
        .with_for_update(skip_locked=True)
    )
    queued = []
    for meeting in list(due):
        await _queue(session, clock, meeting, configured)
        audit.record(session, clock, None, "summary.posted", "meeting", meeting.id)
        queued.append(meeting.id)
    return queued


# --- at send time, for the delivery registry ------------------------------------------------


@dataclass(frozen=True)
class SummaryFacts:
    """What one queued summary is judged and rendered from, read when it is sent."""

    summary: Summary | None
    # A coordinator's copy goes only to someone who still is one; the group's always goes.
    wanted: bool


async def summary_facts(
    session: AsyncSession, rows: Sequence[Outbox], configured: Collection[int]
) -> dict[int, SummaryFacts]:
    """Each summary row's summary, gathered once per meeting, for the delivery registry."""
    gathered: dict[int, Summary | None] = {}
    result: dict[int, SummaryFacts] = {}
    for row in rows:
        meeting_id = row.meeting_id or 0
        if meeting_id not in gathered:
            meeting = await session.get(Meeting, meeting_id)
            gathered[meeting_id] = (
                await _gather(session, meeting)
                if meeting is not None and meeting.status != MeetingStatus.CANCELLED
                else None
            )
        wanted = True
        if row.person_id is not None:
            person = await session.get(Person, row.person_id)
            wanted = person is not None and is_coordinator(person, configured)
        result[row.id] = SummaryFacts(gathered[meeting_id], wanted)
    return result


def summary_stale(facts: SummaryFacts | None) -> str | None:
    if facts is None or facts.summary is None:
        return "meeting gone or cancelled"
    if not facts.wanted:
        return "no longer a coordinator"
    return None


# --- how it reads ---------------------------------------------------------------------------


def concern_text(concern: AgendaConcern, length: int = CONCERN_TEXT_LENGTH) -> Msg | str:
    """The start of a concern's text, or what it is when it has none (a voice note)."""
    if concern.text:
        return first_words(concern.text, length)
    return msg("summary-voice" if concern.kind == ConcernKind.VOICE else "summary-photo")


def _due(day: date, timezone: str) -> When:
    # Noon of that day where the meeting is: shown as that same day in every calendar.
    return When(datetime.combine(day, time(12), ZoneInfo(timezone)), timezone, date_only=True)


def _action(line: OutcomeLine, timezone: str) -> Msg:
    if line.owner and line.due_on:
        details = msg("summary-action-owner-due", owner=line.owner, due=_due(line.due_on, timezone))
    elif line.owner:
        details = msg("summary-action-owner", owner=line.owner)
    elif line.due_on:
        details = msg("summary-action-due", due=_due(line.due_on, timezone))
    else:
        details = msg("blank")
    return msg("summary-action", text=line.text, details=details)


def message(summary: Summary) -> tuple[Msg, list[Msg]]:
    """The summary as a frame and its lines, to be split between lines where it is long."""
    blank = msg("blank")
    lines: list[Msg] = [msg("summary-attendance", count=summary.checked_in)]
    for count in summary.answers:
        if count.answer is None:
            if count.came:
                lines.append(msg("summary-answer-none", came=count.came))
        else:
            lines.append(
                msg(f"summary-answer-{count.answer}", answered=count.answered, came=count.came)
            )
    lines.append(
        msg(
            "summary-organizations",
            represented=summary.organizations,
            approved=summary.approved,
        )
    )
    lines += [blank, msg("summary-agenda")]
    lines += [
        msg(
            "summary-agenda-item",
            rank=c.rank,
            number=c.number,
            text=concern_text(c),
            dots=c.dots,
        )
        for c in summary.agenda
    ] or [msg("summary-agenda-none")]
    lines += [blank, msg("summary-motions")]
    lines += [m.shown for m in summary.motions] or [msg("summary-motions-none")]
    if not summary.outcomes:
        lines += [blank, msg("summary-outcome-none")]
    if summary.decisions:
        lines += [blank, msg("summary-decisions")]
        lines += [msg("summary-decision", text=line.text) for line in summary.decisions]
    if summary.actions:
        lines += [blank, msg("summary-actions")]
        lines += [_action(line, summary.timezone) for line in summary.actions]
    lines.append(blank)
    if summary.next_starts_at is not None and summary.next_timezone is not None:
        lines.append(msg("summary-next", when=When(summary.next_starts_at, summary.next_timezone)))
    else:
        lines.append(msg("summary-next-none"))
    frame = msg(
        "summary",
        title=summary.title,
        when=When(summary.starts_at, summary.timezone),
        venue=summary.venue,
    )
    return frame, lines
