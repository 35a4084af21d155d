"""Concerns members raise for a meeting: sending them, anonymity that holds, and moderation.

Who sent an anonymous concern is kept in `ConcernSender` alone, read for two things only:
the sender's own /myconcerns and telling the sender the decision. No view for coordinators,
audit entry or log line carries it, and the link is deleted once the meeting has ended plus
`SHURA_CONCERN_LINK_RETENTION`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Msg, msg, to_data
from bot.services import audit, outbox
from bot.services.actor import Actor
from bot.services.errors import DomainError, NotFound
from bot.services.kinds import Kind
from bot.services.text import refuse_control_characters
from db.models import (
    AgendaVote,
    Concern,
    ConcernKind,
    ConcernSender,
    ConcernStatus,
    ConcernTopic,
    Meeting,
    MeetingStatus,
    Outbox,
    Person,
)
from db.queries import insert_or_ignore

TEXT_LIMIT = 1000
REASON_LIMIT = 500
START_LENGTH = 40  # the start of a concern's text, where a button or a line names it
# A concern sent while no meeting was scheduled keeps its link this long (plus the retention).
UNSCHEDULED_KEEP = timedelta(days=60)
TOPICS = tuple(ConcernTopic)


@dataclass(frozen=True)
class Draft:
    """What the member has sent so far, before they choose named or anonymous."""

    kind: ConcernKind
    text: str | None
    file_id: str | None


@dataclass(frozen=True)
class ForReview:
    """A concern as coordinators see it: its own content, and a name only if it is named."""

    id: int
    topic: ConcernTopic
    kind: ConcernKind
    text: str | None
    file_id: str | None
    anonymous: bool
    author: str | None
    status: ConcernStatus


def check_text(text: str | None, *, required: bool) -> str | None:
    """The text of a concern (or a caption), trimmed; refused when empty, too long or holding
    control characters (PostgreSQL refuses a NUL in a text column)."""
    refuse_control_characters(text or "")
    cleaned = (text or "").strip()
    if not cleaned:
        if required:
            raise DomainError("concern-text-empty")
        return None
    if len(cleaned) > TEXT_LIMIT:
        raise DomainError("concern-text-too-long", limit=TEXT_LIMIT, length=len(cleaned))
    return cleaned


def start_of(text: str | None, length: int = START_LENGTH) -> str:
    """The start of a concern's text, on one line: its words up to `length` characters."""
    words = " ".join((text or "").split())
    return words if len(words) <= length else words[: length - 1].rstrip() + "…"


def ensure_can_raise(actor: Actor) -> None:
    """Members of the network (and coordinators) raise concerns; strangers learn how to join."""
    actor.require_network()


async def _next_meeting(session: AsyncSession, now: datetime) -> Meeting | None:
    return (
        await session.execute(
            select(Meeting)
            .where(Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at > now)
            .order_by(Meeting.starts_at, Meeting.id)
            .limit(1)
        )
    ).scalar_one_or_none()


async def submit(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    draft: Draft,
    topic: ConcernTopic,
    *,
    anonymous: bool,
) -> Concern:
    """Record a concern for the next meeting, with the private link to its sender."""
    ensure_can_raise(actor)
    text = check_text(draft.text, required=draft.kind == ConcernKind.TEXT)
    if draft.kind != ConcernKind.TEXT and not draft.file_id:
        raise DomainError("concern-media-missing")
    meeting = await _next_meeting(session, clock.now())
    concern = Concern(
        meeting_id=meeting.id if meeting else None,
        topic=topic,
        kind=draft.kind,
        text=text,
        file_id=draft.file_id if draft.kind != ConcernKind.TEXT else None,
        anonymous=anonymous,
        author_id=None if anonymous else actor.person_id,
        status=ConcernStatus.SUBMITTED,
        created_at=clock.now(),
    )
    session.add(concern)
    await session.flush()
    session.add(ConcernSender(concern_id=concern.id, person_id=actor.person_id))
    # An anonymous concern's entry names nobody: who acted would be who sent it.
    audit.record(
        session,
        clock,
        None if anonymous else actor.person,
        "concern.submitted",
        "concern",
        concern.id,
    )
    await session.flush()
    return concern


def _sent_by(person_id: int) -> object:
    linked = select(ConcernSender.concern_id).where(ConcernSender.person_id == person_id)
    return or_(Concern.id.in_(linked), Concern.author_id == person_id)


async def mine(session: AsyncSession, actor: Actor) -> list[Concern]:
    """The person's own concerns, newest first: linked ones and named ones."""
    rows = await session.scalars(
        select(Concern).where(_sent_by(actor.person_id)).order_by(Concern.id.desc())  # type: ignore[arg-type]
    )
    return list(rows)


async def _view(session: AsyncSession, concern: Concern) -> ForReview:
    author: str | None = None
    if not concern.anonymous and concern.author_id is not None:
        person = await session.get(Person, concern.author_id)
        author = person.display_name if person is not None and person.first_name else None
    return ForReview(
        concern.id,
        concern.topic,
        concern.kind,
        concern.text,
        concern.file_id,
        concern.anonymous,
        author,
        concern.status,
    )


async def waiting_count(session: AsyncSession) -> int:
    return int(
        await session.scalar(select(func.count()).where(Concern.status == ConcernStatus.SUBMITTED))
        or 0
    )


async def next_for_review(session: AsyncSession, actor: Actor, after: int = 0) -> ForReview | None:
    """The oldest concern waiting for a decision after `after`, as coordinators see it."""
    actor.require_coordinator()
    concern = (
        await session.execute(
            select(Concern)
            .where(Concern.status == ConcernStatus.SUBMITTED, Concern.id > after)
            .order_by(Concern.id)
            .limit(1)
        )
    ).scalar_one_or_none()
    return await _view(session, concern) if concern is not None else None


QUEUE_LIMIT = 200  # concerns the board lists at once
SEARCH_WORDS = 5


async def queue(
    session: AsyncSession,
    actor: Actor,
    *,
    statuses: Collection[ConcernStatus] = (ConcernStatus.SUBMITTED,),
    topic: ConcernTopic | None = None,
    search: str = "",
    limit: int = QUEUE_LIMIT,
) -> list[ForReview]:
    """Concerns as coordinators see them, oldest first: by status and topic, and holding every
    word searched for (in any case)."""
    actor.require_coordinator()
    query = select(Concern).where(Concern.status.in_(list(statuses)))
    if topic is not None:
        query = query.where(Concern.topic == topic)
    for word in search.split()[:SEARCH_WORDS]:
        query = query.where(Concern.text.icontains(word, autoescape=True))
    rows = await session.scalars(query.order_by(Concern.id).limit(limit))
    return [await _view(session, concern) for concern in rows]


async def for_coordinator(session: AsyncSession, actor: Actor, concern_id: int) -> ForReview:
    """One concern, whatever its status, as coordinators see it (its voice note or photo)."""
    actor.require_coordinator()
    concern = await session.get(Concern, concern_id)
    if concern is None:
        raise NotFound("error-stale-button")
    return await _view(session, concern)


async def waiting(session: AsyncSession, actor: Actor, concern_id: int) -> ForReview:
    """A concern still waiting for a decision, before a coordinator gives a reason."""
    actor.require_coordinator()
    return await _view(session, await _waiting(session, concern_id))


async def merge_targets(session: AsyncSession, actor: Actor, concern_id: int) -> list[ForReview]:
    """The concerns of the same meeting a concern may be merged into."""
    actor.require_coordinator()
    concern = await _waiting(session, concern_id)
    rows = await session.scalars(
        select(Concern)
        .where(
            Concern.id != concern.id,
            Concern.meeting_id.is_(None)
            if concern.meeting_id is None
            else Concern.meeting_id == concern.meeting_id,
            Concern.status.in_((ConcernStatus.SUBMITTED, ConcernStatus.APPROVED)),
        )
        .order_by(Concern.id)
        .limit(20)
    )
    return [await _view(session, c) for c in rows]


def decision(concern: Concern) -> Msg:
    """Where a concern stands, in words: waiting, approved, not accepted, or merged into #n."""
    if concern.status == ConcernStatus.MERGED and concern.merged_into_id is not None:
        return msg("concern-status-merged-into", target=concern.merged_into_id)
    return msg(f"concern-status-{concern.status.value}")


async def _waiting(session: AsyncSession, concern_id: int) -> Concern:
    """The concern, locked, if it still waits for a decision; only coordinators come here."""
    concern = await session.get(Concern, concern_id, with_for_update=True, populate_existing=True)
    if concern is None:
        raise NotFound("error-stale-button")
    if concern.status != ConcernStatus.SUBMITTED:
        # Another coordinator decided it first (or the same button was pressed twice): say so,
        # and change nothing.
        raise DomainError("review-already-decided", number=concern.id, status=decision(concern))
    return concern


def decision_key(concern_id: int) -> str:
    return f"{Kind.CONCERN_DECISION}:c{concern_id}"


async def _tell_sender(session: AsyncSession, clock: Clock, concern: Concern) -> None:
    """Queue the decision for whoever sent the concern, found through the link only."""
    row = (
        await session.execute(
            select(Person.id, Person.tg_user_id)
            .join(ConcernSender, ConcernSender.person_id == Person.id)
            .where(ConcernSender.concern_id == concern.id, Person.tg_user_id > 0)
        )
    ).first()
    if row is None:  # the link is gone (retention, /forgetme): nobody to tell
        return
    if concern.status == ConcernStatus.REJECTED:
        text = msg("concern-decided-rejected", number=concern.id, reason=concern.rejection_reason)
    elif concern.status == ConcernStatus.MERGED:
        target = await session.get(Concern, concern.merged_into_id)
        text = msg(
            "concern-decided-merged",
            number=concern.id,
            target=concern.merged_into_id,
            about=_merged_into(target),
        )
    else:
        text = msg("concern-decided-approved", number=concern.id)
    await outbox.enqueue(
        session,
        clock,
        kind=Kind.CONCERN_DECISION,
        person_id=row[0],
        chat_id=row[1],
        dedupe_key=decision_key(concern.id),
        due_at=clock.now(),
        payload={"text": to_data(text), "keyboard": None},
    )


MERGED_TEXT_LENGTH = 80  # how much of the concern merged into its sender is shown


def _merged_into(target: Concern | None) -> Msg:
    """What the sender of a merged concern is told of the one it joined: as much as any member
    may see. An approved concern is on the agenda for the whole network; one still waiting
    for a decision is shown to nobody yet, so only its number is given."""
    if target is None or target.status != ConcernStatus.APPROVED:
        return msg("concern-merged-into-waiting")
    if target.text:
        return msg("concern-merged-into-quote", text=start_of(target.text, MERGED_TEXT_LENGTH))
    if target.kind == ConcernKind.VOICE:
        return msg("concern-merged-into-voice")
    return msg("concern-merged-into-photo")


def _decided(concern: Concern, clock: Clock, status: ConcernStatus) -> None:
    concern.status = status
    concern.decided_at = clock.now()


async def approve(session: AsyncSession, clock: Clock, actor: Actor, concern_id: int) -> Concern:
    """Put a concern up for the agenda; the sender is told."""
    actor.require_coordinator()
    concern = await _waiting(session, concern_id)
    _decided(concern, clock, ConcernStatus.APPROVED)
    audit.record(session, clock, actor.person, "concern.approved", "concern", concern.id)
    await _tell_sender(session, clock, concern)
    await session.flush()
    return concern


async def reject(
    session: AsyncSession, clock: Clock, actor: Actor, concern_id: int, reason: str
) -> Concern:
    """Turn a concern down with a reason the sender is told."""
    actor.require_coordinator()
    cleaned = reason.strip()
    if not cleaned:
        raise DomainError("concern-reason-empty")
    if len(cleaned) > REASON_LIMIT:
        raise DomainError("concern-reason-too-long", limit=REASON_LIMIT, length=len(cleaned))
    concern = await _waiting(session, concern_id)
    _decided(concern, clock, ConcernStatus.REJECTED)
    concern.rejection_reason = cleaned
    audit.record(session, clock, actor.person, "concern.rejected", "concern", concern.id)
    await _tell_sender(session, clock, concern)
    await session.flush()
    return concern


async def merge(
    session: AsyncSession, clock: Clock, actor: Actor, concern_id: int, target_id: int
) -> Concern:
    """Fold a concern into another of the same meeting: its dots move over; the sender is told."""
    actor.require_coordinator()
    concern = await _waiting(session, concern_id)
    target = await session.get(Concern, target_id)
    if (
        target is None
        or target.id == concern.id
        or target.meeting_id != concern.meeting_id
        or target.status not in (ConcernStatus.SUBMITTED, ConcernStatus.APPROVED)
    ):
        raise NotFound("error-stale-button")
    voters = (
        await session.scalars(
            select(AgendaVote.person_id).where(AgendaVote.concern_id == concern.id)
        )
    ).all()
    now = clock.now()
    if voters:
        await session.execute(
            insert_or_ignore(session, AgendaVote, ["person_id", "concern_id"]),
            [{"person_id": p, "concern_id": target.id, "created_at": now} for p in voters],
        )
    await session.execute(delete(AgendaVote).where(AgendaVote.concern_id == concern.id))
    _decided(concern, clock, ConcernStatus.MERGED)
    concern.merged_into_id = target.id
    audit.record(
        session, clock, actor.person, "concern.merged", "concern", concern.id, into=target.id
    )
    await _tell_sender(session, clock, concern)
    await session.flush()
    return concern


async def approved_for(session: AsyncSession, actor: Actor, meeting_id: int) -> list[Concern]:
    """The approved concerns raised for a meeting, oldest first (for the agenda)."""
    actor.require_network()
    rows = await session.scalars(
        select(Concern)
        .where(Concern.meeting_id == meeting_id, Concern.status == ConcernStatus.APPROVED)
        .order_by(Concern.id)
    )
    return list(rows)


async def forget_sender(session: AsyncSession, person_id: int) -> None:
    """Unlink a person who asked to be forgotten: their concerns stay, naming nobody."""
    await session.execute(delete(ConcernSender).where(ConcernSender.person_id == person_id))
    await session.execute(
        update(Concern).where(Concern.author_id == person_id).values(author_id=None)
    )


async def drop_expired_links(
    session: AsyncSession, now: datetime, meeting_length: timedelta, retention: timedelta
) -> int:
    """Delete the sender links whose meeting ended more than `retention` ago."""
    ended = select(Meeting.id).where(Meeting.starts_at <= now - meeting_length - retention)
    expired = select(Concern.id).where(
        or_(
            Concern.meeting_id.in_(ended),
            Concern.meeting_id.is_(None)
            & (Concern.created_at <= now - UNSCHEDULED_KEEP - retention),
        )
    )
    ids = list(
        await session.scalars(
            select(ConcernSender.concern_id).where(ConcernSender.concern_id.in_(expired))
        )
    )
    if not ids:
        return 0
    await session.execute(delete(ConcernSender).where(ConcernSender.concern_id.in_(ids)))
    # The decision message to the sender is a link too: it goes with the others.
    await session.execute(
        delete(Outbox).where(Outbox.dedupe_key.in_([decision_key(i) for i in ids]))
    )
    return len(ids)


async def queue_digest(
    session: AsyncSession, clock: Clock, coordinators: list[Person], day: str
) -> int:
    """Tell each coordinator, once a day, how many concerns wait for a decision."""
    count = await waiting_count(session)
    if not count:
        return 0
    queued = 0
    for person in coordinators:
        if person.tg_user_id <= 0:
            continue
        queued += await outbox.enqueue(
            session,
            clock,
            kind=Kind.CONCERN_DIGEST,
            person_id=person.id,
            chat_id=person.tg_user_id,
            dedupe_key=f"{Kind.CONCERN_DIGEST}:{day}:p{person.id}",
            due_at=clock.now(),
            payload={"text": to_data(msg("concern-digest", count=count)), "keyboard": None},
        )
    return queued
