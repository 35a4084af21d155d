"""The agenda by dot voting: members put their dots on approved concerns for a meeting."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import outbox
from bot.services.actor import Actor
from bot.services.errors import DomainError, NotAllowed, NotFound
from bot.services.kinds import Kind
from bot.views import AgendaLine
from db.models import (
    AgendaItem,
    AgendaVote,
    Concern,
    ConcernStatus,
    Meeting,
    MeetingStatus,
    Person,
)
from db.queries import insert_or_ignore

DEFAULT_DOTS = 3
# How many of the most-dotted concerns the agenda takes when voting closes.
AGENDA_SIZE = 5
# How long after the agenda is stored the cards showing it are still worth editing.
CARD_REFRESH_WINDOW = timedelta(days=1)


@dataclass(frozen=True)
class Item:
    """One approved concern on the board, with its dots and whether one of them is yours."""

    concern_id: int
    text: str | None  # None for a voice note or a photo without a caption
    dots: int
    mine: bool


@dataclass(frozen=True)
class Board:
    """The concerns of one meeting, most dots first, and the reader's dots left."""

    meeting: Meeting
    items: list[Item]
    dots_left: int
    dots: int
    closed: bool
    # The agenda stored when voting closed, in order; None until it is.
    frozen: list[Item] | None = None


def closes_at(meeting: Meeting, closes_before: timedelta = timedelta(0)) -> datetime:
    """Voting on a meeting's agenda ends when the meeting starts, or `closes_before` earlier
    (SHURA_AGENDA_CLOSES_BEFORE), so the organizers can prepare the agenda."""
    return meeting.starts_at - closes_before


def is_closed(meeting: Meeting, now: datetime, closes_before: timedelta = timedelta(0)) -> bool:
    return meeting.status == MeetingStatus.CANCELLED or now >= closes_at(meeting, closes_before)


async def shown_meeting(
    session: AsyncSession, clock: Clock, actor: Actor, length: timedelta
) -> Meeting | None:
    """The meeting whose agenda /agenda shows: the one under way (its agenda is set), else the
    soonest one not started (its concerns are being voted on), else the last one held (its
    agenda as voting left it). `length` is how long a meeting lasts."""
    actor.require_network()
    now = clock.now()
    scheduled = select(Meeting).where(Meeting.status == MeetingStatus.SCHEDULED)
    for query in (
        scheduled.where(Meeting.starts_at <= now, Meeting.starts_at > now - length).order_by(
            Meeting.starts_at.desc(), Meeting.id.desc()
        ),
        scheduled.where(Meeting.starts_at > now).order_by(Meeting.starts_at, Meeting.id),
        scheduled.where(Meeting.starts_at <= now).order_by(
            Meeting.starts_at.desc(), Meeting.id.desc()
        ),
    ):
        meeting = (await session.execute(query.limit(1))).scalar_one_or_none()
        if meeting is not None:
            return meeting
    return None


async def _ranked(session: AsyncSession, meeting_id: int, person_id: int | None) -> list[Item]:
    """Approved concerns of the meeting, most dots first; ties go to the older concern."""
    dots = func.count(AgendaVote.id)
    rows = await session.execute(
        select(Concern.id, Concern.text, dots)
        .outerjoin(AgendaVote, AgendaVote.concern_id == Concern.id)
        .where(Concern.meeting_id == meeting_id, Concern.status == ConcernStatus.APPROVED)
        .group_by(Concern.id, Concern.text)
        .order_by(dots.desc(), Concern.id)
    )
    mine = await _mine(session, meeting_id, person_id)
    return [
        Item(concern_id, text, int(count), concern_id in mine) for concern_id, text, count in rows
    ]


async def _mine(session: AsyncSession, meeting_id: int, person_id: int | None) -> set[int]:
    """The concerns of the meeting the person put a dot on."""
    if person_id is None:
        return set()
    return set(
        (
            await session.execute(
                select(AgendaVote.concern_id)
                .join(Concern, Concern.id == AgendaVote.concern_id)
                .where(AgendaVote.person_id == person_id, Concern.meeting_id == meeting_id)
            )
        ).scalars()
    )


async def _frozen(session: AsyncSession, meeting_id: int, person_id: int | None) -> list[Item]:
    """The stored agenda of a meeting, in its order, with the dots it had when voting closed."""
    rows = await session.execute(
        select(AgendaItem.concern_id, Concern.text, AgendaItem.dots)
        .join(Concern, Concern.id == AgendaItem.concern_id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaItem.rank)
    )
    mine = await _mine(session, meeting_id, person_id)
    return [Item(concern_id, text, dots, concern_id in mine) for concern_id, text, dots in rows]


async def frozen_lines(
    session: AsyncSession, meeting_ids: Collection[int]
) -> dict[int, list[AgendaLine]]:
    """The stored agendas of these meetings, as their cards show them, by meeting id."""
    if not meeting_ids:
        return {}
    rows = await session.execute(
        select(AgendaItem.meeting_id, AgendaItem.rank, AgendaItem.concern_id, Concern.text)
        .join(Concern, Concern.id == AgendaItem.concern_id)
        .where(AgendaItem.meeting_id.in_(meeting_ids))
        .order_by(AgendaItem.meeting_id, AgendaItem.rank)
    )
    lines: dict[int, list[AgendaLine]] = {}
    for meeting_id, rank, concern_id, text in rows:
        lines.setdefault(meeting_id, []).append(AgendaLine(rank, concern_id, text))
    return lines


async def freeze(
    session: AsyncSession,
    clock: Clock,
    meeting_id: int,
    *,
    closes_before: timedelta = timedelta(0),
) -> list[Item] | None:
    """Store the agenda of a meeting whose voting has closed, and queue its cards' refresh.

    None when there is nothing to do: the agenda is already stored, voting is still open, or
    the meeting was cancelled. The meeting's row is locked first, so two runs at once store
    it once; the unique ranks and concerns hold even so.
    """
    now = clock.now()
    meeting = await session.get(Meeting, meeting_id, with_for_update=True, populate_existing=True)
    if (
        meeting is None
        or meeting.agenda_frozen_at is not None
        or meeting.status != MeetingStatus.SCHEDULED
        or now < closes_at(meeting, closes_before)
    ):
        return None
    chosen = (await _ranked(session, meeting.id, None))[:AGENDA_SIZE]
    session.add_all(
        AgendaItem(meeting_id=meeting.id, concern_id=item.concern_id, rank=rank, dots=item.dots)
        for rank, item in enumerate(chosen, 1)
    )
    meeting.agenda_frozen_at = now
    if chosen:
        # Each card of the meeting is edited to show the agenda (bot.services.delivery).
        await outbox.enqueue(
            session,
            clock,
            kind=Kind.CARD_EDIT,
            fanout=True,
            meeting_id=meeting.id,
            dedupe_key=f"{Kind.CARD_EDIT}s:m{meeting.id}:agenda",
            due_at=now,
            not_after=now + CARD_REFRESH_WINDOW,
        )
    await session.flush()
    return chosen


async def freeze_due(
    session: AsyncSession, clock: Clock, *, closes_before: timedelta = timedelta(0)
) -> list[tuple[int, list[Item]]]:
    """Store the agenda of every meeting whose voting has closed; (meeting id, agenda) each."""
    due = (
        await session.execute(
            select(Meeting.id)
            .where(
                Meeting.status == MeetingStatus.SCHEDULED,
                Meeting.agenda_frozen_at.is_(None),
                Meeting.starts_at <= clock.now() + closes_before,
            )
            .order_by(Meeting.starts_at, Meeting.id)
        )
    ).scalars()
    done = []
    for meeting_id in list(due):
        chosen = await freeze(session, clock, meeting_id, closes_before=closes_before)
        if chosen is not None:
            done.append((meeting_id, chosen))
    return done


async def _dots_used(session: AsyncSession, meeting_id: int, person_id: int) -> int:
    """Dots on the meeting's approved concerns: one on a concern since merged or rejected
    comes back to its owner."""
    return (
        await session.execute(
            select(func.count())
            .select_from(AgendaVote)
            .join(Concern, Concern.id == AgendaVote.concern_id)
            .where(
                AgendaVote.person_id == person_id,
                Concern.meeting_id == meeting_id,
                Concern.status == ConcernStatus.APPROVED,
            )
        )
    ).scalar_one()


async def board(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    meeting_id: int,
    dots: int,
    *,
    closes_before: timedelta = timedelta(0),
) -> Board:
    """What /agenda shows the actor for a meeting; only for the network."""
    actor.require_network()
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("error-stale-button")
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError("meeting-is-cancelled", title=meeting.title)
    items = await _ranked(session, meeting.id, actor.person_id)
    used = sum(1 for item in items if item.mine)
    frozen = None
    if meeting.agenda_frozen_at is not None:
        frozen = await _frozen(session, meeting.id, actor.person_id)
    closed = is_closed(meeting, clock.now(), closes_before)
    return Board(meeting, items, max(dots - used, 0), dots, closed, frozen)


async def _open_concern(
    session: AsyncSession, clock: Clock, actor: Actor, concern_id: int, closes_before: timedelta
) -> tuple[Concern, Meeting]:
    # Before anything about the concern is looked at: a stranger learns nothing from its id.
    if not actor.in_network:
        raise NotAllowed("error-network-only")
    # The person's row, locked: their taps on two concerns at once take turns, so the dot
    # limit holds (SQLite's single writer already serializes them).
    await session.execute(select(Person.id).where(Person.id == actor.person_id).with_for_update())
    concern = await session.get(Concern, concern_id, populate_existing=True)
    if concern is None or concern.meeting_id is None:
        raise NotFound("error-stale-button")
    meeting = await session.get(Meeting, concern.meeting_id)
    if meeting is None:
        raise NotFound("error-stale-button")
    if is_closed(meeting, clock.now(), closes_before):
        raise DomainError("agenda-voting-closed", title=meeting.title)
    return concern, meeting


async def add_dot(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    concern_id: int,
    dots: int,
    *,
    closes_before: timedelta = timedelta(0),
) -> tuple[Meeting, bool]:
    """Put one of the actor's dots on an approved concern; a second tap changes nothing
    (False: the dot was already there)."""
    concern, meeting = await _open_concern(session, clock, actor, concern_id, closes_before)
    if concern.status != ConcernStatus.APPROVED:
        raise DomainError(f"agenda-concern-{concern.status.value}", number=concern.id)
    already = (
        await session.execute(
            select(AgendaVote.id).where(
                AgendaVote.person_id == actor.person_id, AgendaVote.concern_id == concern.id
            )
        )
    ).first()
    if already is not None:
        return meeting, False
    if await _dots_used(session, meeting.id, actor.person_id) >= dots:
        raise DomainError("agenda-no-dots-left", dots=dots)
    # Two taps at once meet at the unique constraint: one dot, never two.
    await session.execute(
        insert_or_ignore(
            session,
            AgendaVote,
            ["person_id", "concern_id"],
            {"person_id": actor.person_id, "concern_id": concern.id, "created_at": clock.now()},
        )
    )
    return meeting, True


def agenda_of(board: Board) -> list[Item]:
    """The meeting's agenda once voting has closed: the most-dotted concerns, in order; the
    stored one once the closing job has run."""
    if board.frozen is not None:
        return board.frozen
    return board.items[:AGENDA_SIZE]


async def take_dot(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    concern_id: int,
    *,
    closes_before: timedelta = timedelta(0),
) -> Meeting:
    """Take back the actor's dot from a concern, while voting is open."""
    concern, meeting = await _open_concern(session, clock, actor, concern_id, closes_before)
    await session.execute(
        delete(AgendaVote).where(
            AgendaVote.person_id == actor.person_id, AgendaVote.concern_id == concern.id
        )
    )
    return meeting
