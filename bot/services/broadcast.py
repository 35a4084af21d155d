"""Broadcasts: a coordinator's notice to an audience, previewed, confirmed, sent through the outbox.

The audience is a rule (everyone, the organizations' admins, the delegates, the people going to
a meeting, …), not a list: it is counted for the preview, expanded into one outbox row per
person when the broadcast goes out, and checked again as each copy is sent, so someone who left
the audience meanwhile gets nothing.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Html, Msg, msg
from bot.presentation import SendMedia
from bot.services import audit, outbox
from bot.services.actor import Actor
from bot.services.errors import DomainError, NotFound
from bot.services.kinds import Kind
from bot.services.network import in_network
from bot.services.text import clean_text
from db.models import (
    Broadcast,
    BroadcastStatus,
    CheckIn,
    Meeting,
    MeetingStatus,
    MemberRole,
    Membership,
    Organization,
    OrgStatus,
    Outbox,
    OutboxStatus,
    Person,
    Rsvp,
    RsvpAnswer,
)

# Telegram takes 4,096 characters in a message and 1,024 in a caption, counted in UTF-16 units
# after the HTML is parsed; the notice's header takes the rest (a test checks every language).
TEXT_LIMIT = 4000
CAPTION_LIMIT = 960
ORGS_PER_PAGE = 8
# The coordinator's status message is edited at most this often while copies go out.
PROGRESS_EVERY = timedelta(seconds=3)


class Audience(StrEnum):
    """Who a broadcast is for; stored in Broadcast.audience."""

    EVERYONE = "everyone"
    ADMINS = "admins"
    DELEGATES = "delegates"
    GOING = "going"
    MAYBE = "maybe"
    NO_ANSWER = "no_answer"
    CHECKED_IN = "checked_in"
    ORGANIZATION = "organization"


# Audiences taken from a meeting: its answers, or who checked in.
ABOUT_A_MEETING = frozenset(
    {Audience.GOING, Audience.MAYBE, Audience.NO_ANSWER, Audience.CHECKED_IN}
)


class ContentKind(StrEnum):
    TEXT = "text"
    PHOTO = "photo"
    DOCUMENT = "document"


@dataclass(frozen=True)
class Notice:
    """What the coordinator sent: text, or a photo or document (by file id) with a caption."""

    kind: ContentKind
    text: str | None
    file_id: str | None = None


@dataclass(frozen=True)
class Target:
    """An audience, with the meeting or organization it is taken from."""

    audience: Audience
    meeting_id: int | None = None
    organization_id: int | None = None


# --- what the coordinator sends -----------------------------------------------------------


def _utf16(text: str) -> int:
    # Telegram counts UTF-16 code units: an emoji outside the BMP is two.
    return len(text.encode("utf-16-le")) // 2


def _cleaned(text: str, limit: int, too_long: str) -> str:
    """Line breaks kept, each line trimmed; refused over `limit` as Telegram counts."""
    try:
        # Far above any notice: only to keep the cleaning itself cheap.
        cleaned = clean_text(text, limit=16 * limit)
    except DomainError as error:
        if error.key != "error-too-long":
            raise
        cleaned = text
    if _utf16(cleaned) > limit:
        raise DomainError(too_long, length=_utf16(cleaned), limit=limit)
    return cleaned


def check_text(text: str | None) -> str:
    """A text notice, at most TEXT_LIMIT characters: refused, not split, when longer."""
    try:
        return _cleaned(text or "", TEXT_LIMIT, "broadcast-too-long")
    except DomainError as error:
        if error.key == "error-empty":
            raise DomainError("broadcast-empty") from None
        raise


def check_caption(caption: str | None) -> str | None:
    """A photo's or document's caption: optional, at most CAPTION_LIMIT characters."""
    try:
        return _cleaned(caption or "", CAPTION_LIMIT, "broadcast-caption-too-long")
    except DomainError as error:
        if error.key == "error-empty":
            return None  # no caption, or only invisible characters
        raise


def notice_message(broadcast: Broadcast | Notice) -> tuple[Msg, SendMedia | None]:
    """The notice as every recipient sees it (the preview shows the same): text, or the file
    with its caption. The coordinator's words are escaped, not isolated: each of their lines
    takes its own direction, as they wrote it."""
    text = broadcast.text
    shown = (
        msg("broadcast-notice", notice=Html(html.escape(text, quote=False)))
        if text
        else msg("broadcast-notice-bare")  # a photo or document with no caption
    )
    kind = ContentKind(broadcast.kind if isinstance(broadcast, Notice) else broadcast.content_kind)
    if kind == ContentKind.TEXT or broadcast.file_id is None:
        return shown, None
    media = SendMedia(
        "photo" if kind == ContentKind.PHOTO else "document", broadcast.file_id, shown
    )
    return shown, media


# --- who is in an audience ----------------------------------------------------------------


def recipients(target: Target, coordinators: Collection[int], author_id: int | None) -> Any:
    """Person ids in the audience now: always in the network, never the coordinator who sends
    it (they have the preview and the report)."""
    people = select(Person.id).where(in_network(coordinators))
    if author_id is not None:
        people = people.where(Person.id != author_id)
    match target.audience:
        case Audience.EVERYONE:
            return people
        case Audience.ADMINS:
            return people.where(
                Person.id.in_(_approved_members(Membership.role == MemberRole.ADMIN))
            )
        case Audience.DELEGATES:
            return people.where(Person.id.in_(_approved_members(Membership.is_delegate.is_(True))))
        case Audience.GOING | Audience.MAYBE:
            answer = RsvpAnswer.GOING if target.audience == Audience.GOING else RsvpAnswer.MAYBE
            answered = select(Rsvp.person_id).where(
                Rsvp.meeting_id == target.meeting_id, Rsvp.answer == answer
            )
            return people.where(Person.id.in_(answered))
        case Audience.NO_ANSWER:
            answered = select(Rsvp.person_id).where(Rsvp.meeting_id == target.meeting_id)
            return people.where(Person.id.not_in(answered))
        case Audience.CHECKED_IN:
            came = select(CheckIn.person_id).where(
                CheckIn.meeting_id == target.meeting_id, CheckIn.person_id.is_not(None)
            )
            return people.where(Person.id.in_(came))
        case Audience.ORGANIZATION:
            return people.where(
                Person.id.in_(
                    _approved_members(Membership.organization_id == target.organization_id)
                )
            )
    raise DomainError("error-stale-button")


def _approved_members(condition: Any) -> Any:
    return (
        select(Membership.person_id)
        .join(Organization, Organization.id == Membership.organization_id)
        .where(Organization.status == OrgStatus.APPROVED, condition)
    )


async def count(
    session: AsyncSession, target: Target, coordinators: Collection[int], author_id: int | None
) -> int:
    """How many people the audience holds now."""
    audience = recipients(target, coordinators, author_id).subquery()
    return int((await session.execute(select(func.count()).select_from(audience))).scalar_one())


async def meeting_for_audiences(
    session: AsyncSession, clock: Clock, actor: Actor, length: timedelta
) -> Meeting | None:
    """The meeting going on now, else the next one: the answers and check-ins an audience is
    taken from."""
    actor.require_coordinator()
    found = await session.execute(
        select(Meeting)
        .where(Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at > clock.now() - length)
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
    )
    return found.scalar_one_or_none()


async def organizations(
    session: AsyncSession, actor: Actor, page: int
) -> tuple[list[Organization], int, int]:
    """One page of the approved organizations by name, the page shown and how many pages."""
    actor.require_coordinator()
    total = int(
        (
            await session.execute(
                select(func.count())
                .select_from(Organization)
                .where(Organization.status == OrgStatus.APPROVED)
            )
        ).scalar_one()
    )
    pages = max(1, -(-total // ORGS_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    found = await session.scalars(
        select(Organization)
        .where(Organization.status == OrgStatus.APPROVED)
        .order_by(Organization.name, Organization.id)
        .offset(page * ORGS_PER_PAGE)
        .limit(ORGS_PER_PAGE)
    )
    return list(found), page, pages


async def _check_target(session: AsyncSession, target: Target) -> None:
    if target.audience in ABOUT_A_MEETING:
        meeting = await session.get(Meeting, target.meeting_id) if target.meeting_id else None
        if meeting is None:
            raise NotFound("broadcast-no-meeting")
    if target.audience == Audience.ORGANIZATION:
        org = await session.get(Organization, target.organization_id or 0)
        if org is None or org.status != OrgStatus.APPROVED:
            raise NotFound("error-stale-button")


# --- drafting, confirming, cancelling -----------------------------------------------------


async def draft(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    notice: Notice,
    target: Target,
    coordinators: Collection[int],
) -> tuple[Broadcast, int]:
    """Store the notice and its audience as a draft to confirm; refused for an empty audience."""
    actor.require_coordinator()
    await _check_target(session, target)
    total = await count(session, target, coordinators, actor.person_id)
    if total == 0:
        raise DomainError("broadcast-nobody")
    broadcast = Broadcast(
        audience=target.audience.value,
        organization_id=target.organization_id,
        meeting_id=target.meeting_id,
        content_kind=notice.kind.value,
        text=notice.text,
        file_id=notice.file_id,
        status=BroadcastStatus.DRAFT,
        total=total,
        created_by_id=actor.person_id,
        created_at=clock.now(),
    )
    session.add(broadcast)
    await session.flush()
    return broadcast, total


def target_of(broadcast: Broadcast) -> Target:
    return Target(Audience(broadcast.audience), broadcast.meeting_id, broadcast.organization_id)


async def _own_draft(session: AsyncSession, actor: Actor, broadcast_id: int) -> Broadcast:
    """The actor's broadcast, locked; another coordinator's or a forged id is a stale button."""
    actor.require_coordinator()
    broadcast = await session.get(
        Broadcast, broadcast_id, with_for_update=True, populate_existing=True
    )
    if broadcast is None or broadcast.created_by_id != actor.person_id:
        raise NotFound("error-stale-button")
    if broadcast.status == BroadcastStatus.CANCELLED:
        raise DomainError("broadcast-was-cancelled")
    if broadcast.status != BroadcastStatus.DRAFT:
        raise DomainError("broadcast-already-sent")
    return broadcast


async def confirm(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    broadcast_id: int,
    coordinators: Collection[int],
    *,
    status_chat_id: int | None,
    status_message_id: int | None,
) -> Broadcast:
    """Send the draft: one fan-out row, expanded to the audience as it is when it comes due.

    The status message (the one confirmed from) is edited with progress and the report.
    """
    broadcast = await _own_draft(session, actor, broadcast_id)
    now = clock.now()
    total = await count(session, target_of(broadcast), coordinators, actor.person_id)
    if total == 0:
        raise DomainError("broadcast-nobody")
    broadcast.status = BroadcastStatus.SENDING
    broadcast.total = total
    broadcast.sent_at = now
    broadcast.progress_at = now  # the status message says "0 of N" as of now
    broadcast.status_chat_id = status_chat_id
    broadcast.status_message_id = status_message_id
    await outbox.enqueue_many(
        session,
        clock,
        [
            {
                "kind": Kind.BROADCAST,
                "fanout": True,
                "broadcast_id": broadcast.id,
                "dedupe_key": fan_out_key(broadcast.id),
                "due_at": now,
            }
        ],
    )
    audit.record(
        session,
        clock,
        actor.person,
        "broadcast.sent",
        "broadcast",
        broadcast.id,
        audience=broadcast.audience,
        meeting=broadcast.meeting_id,
        organization=broadcast.organization_id,
        recipients=total,
    )
    return broadcast


async def cancel(session: AsyncSession, actor: Actor, broadcast_id: int) -> Broadcast:
    """Drop a draft; nothing is sent."""
    broadcast = await _own_draft(session, actor, broadcast_id)
    broadcast.status = BroadcastStatus.CANCELLED
    return broadcast


def fan_out_key(broadcast_id: int) -> str:
    return f"{Kind.BROADCAST}:b{broadcast_id}"


# --- sending --------------------------------------------------------------------------------


async def recipients_of(
    session: AsyncSession, row: Outbox, coordinators: Collection[int]
) -> Any | None:
    """For the delivery registry: the audience of the broadcast a due fan-out row sends, as
    it is now; None when the broadcast is no longer being sent."""
    broadcast = (
        await session.get(Broadcast, row.broadcast_id, with_for_update=True, populate_existing=True)
        if row.broadcast_id
        else None
    )
    if broadcast is None or broadcast.status != BroadcastStatus.SENDING:
        return None
    return recipients(target_of(broadcast), coordinators, broadcast.created_by_id)


@dataclass(frozen=True)
class Facts:
    """A copy's broadcast, and whether its recipient is still in the audience, read at send time."""

    broadcast: Broadcast | None
    in_audience: bool


async def facts(
    session: AsyncSession, rows: Sequence[Outbox], coordinators: Collection[int]
) -> dict[int, Facts]:
    """For the delivery registry: each copy's broadcast and its recipient's place in it now."""
    by_broadcast: dict[int, list[Outbox]] = {}
    for row in rows:
        by_broadcast.setdefault(row.broadcast_id or 0, []).append(row)
    result: dict[int, Facts] = {}
    for broadcast_id, mine in by_broadcast.items():
        broadcast = await session.get(Broadcast, broadcast_id) if broadcast_id else None
        still: set[int] = set()
        if broadcast is not None:
            audience = recipients(target_of(broadcast), coordinators, broadcast.created_by_id)
            wanted = [row.person_id for row in mine if row.person_id is not None]
            found = await session.scalars(
                select(Person.id).where(Person.id.in_(wanted), Person.id.in_(audience))
            )
            still = set(found)
        for row in mine:
            result[row.id] = Facts(broadcast, row.person_id in still)
    return result


def stale(facts: Facts | None) -> str | None:
    if facts is None or facts.broadcast is None:
        return "broadcast gone"
    if facts.broadcast.text is None and facts.broadcast.file_id is None:
        return "contents deleted"
    if not facts.in_audience:
        return "no longer in the audience"
    return None


# --- progress and the report ----------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """Where a broadcast's copies stand, for its coordinator's status message."""

    broadcast_id: int
    chat_id: int | None
    message_id: int | None
    language: str | None
    delivered: int
    unreachable: int
    failed: int
    skipped: int
    waiting: int
    # Every copy has its result: the report replaces the progress.
    final: bool

    @property
    def total(self) -> int:
        return self.delivered + self.unreachable + self.failed + self.skipped + self.waiting

    @property
    def done(self) -> int:
        return self.total - self.waiting


async def _progress(session: AsyncSession, broadcast: Broadcast) -> Progress:
    counted = await session.execute(
        select(Outbox.status, func.count())
        .where(Outbox.broadcast_id == broadcast.id, Outbox.fanout.is_(False))
        .group_by(Outbox.status)
    )
    by_status = {status: int(n) for status, n in counted}
    expanded = await session.execute(
        select(Outbox.status).where(Outbox.dedupe_key == fan_out_key(broadcast.id))
    )
    fan_out = expanded.scalar_one_or_none()
    waiting = by_status.get(OutboxStatus.PENDING, 0) + by_status.get(OutboxStatus.SENDING, 0)
    author = await session.get(Person, broadcast.created_by_id) if broadcast.created_by_id else None
    return Progress(
        broadcast.id,
        broadcast.status_chat_id,
        broadcast.status_message_id,
        author.language if author is not None else None,
        delivered=by_status.get(OutboxStatus.SENT, 0),
        unreachable=by_status.get(OutboxStatus.UNREACHABLE, 0),
        failed=by_status.get(OutboxStatus.FAILED, 0),
        skipped=by_status.get(OutboxStatus.SKIPPED, 0),
        waiting=waiting,
        final=fan_out in (OutboxStatus.SENT, OutboxStatus.SKIPPED) and waiting == 0,
    )


async def any_sending(session: AsyncSession) -> bool:
    """A broadcast is going out (its status message may be due an edit)."""
    found = await session.execute(
        select(exists().where(Broadcast.status == BroadcastStatus.SENDING))
    )
    return bool(found.scalar())


async def progress_due(
    session: AsyncSession, clock: Clock, every: timedelta = PROGRESS_EVERY
) -> list[Progress]:
    """The broadcasts being sent whose status message is due an edit: finished ones (for the
    report), and the others at most once per `every` (marked as edited now)."""
    now = clock.now()
    sending = await session.scalars(
        select(Broadcast)
        .where(Broadcast.status == BroadcastStatus.SENDING)
        .order_by(Broadcast.id)
        .with_for_update(skip_locked=True)
    )
    due = []
    for broadcast in list(sending):
        progress = await _progress(session, broadcast)
        if progress.final:
            due.append(progress)
        elif broadcast.progress_at is None or now - broadcast.progress_at >= every:
            broadcast.progress_at = now
            due.append(progress)
    return due


async def finish(session: AsyncSession, clock: Clock, broadcast_id: int) -> None:
    """The report is shown: the broadcast is done, and its total is the copies it made."""
    broadcast = await session.get(Broadcast, broadcast_id, with_for_update=True)
    if broadcast is not None and broadcast.status == BroadcastStatus.SENDING:
        copies = select(func.count()).where(
            Outbox.broadcast_id == broadcast.id, Outbox.fanout.is_(False)
        )
        broadcast.total = int((await session.execute(copies)).scalar_one())
        broadcast.status = BroadcastStatus.DONE
        broadcast.finished_at = clock.now()


def progress_message(progress: Progress) -> Msg:
    """The status message: sent so far out of all, or the report once every copy has a result."""
    if not progress.final:
        return msg("broadcast-progress", done=progress.done, total=progress.total)
    skipped = (
        msg("broadcast-report-skipped", count=progress.skipped)
        if progress.skipped
        else msg("blank")
    )
    return msg(
        "broadcast-report",
        total=progress.total,
        delivered=progress.delivered,
        unreachable=progress.unreachable,
        failed=progress.failed,
        skipped=skipped,
    )


def sending_message(total: int) -> Msg:
    """The status message as the broadcast is confirmed: nothing sent yet."""
    return msg("broadcast-progress", done=0, total=total)


async def forget_contents(session: AsyncSession, cutoff: datetime) -> None:
    """Retention: drafts never sent are deleted, and a notice sent before `cutoff` loses its
    text and file; the record of who it went to, and how it went, stays."""
    await session.execute(
        delete(Broadcast).where(
            Broadcast.status.in_([BroadcastStatus.DRAFT, BroadcastStatus.CANCELLED]),
            Broadcast.created_at < cutoff,
        )
    )
    await session.execute(
        update(Broadcast)
        .where(
            Broadcast.status == BroadcastStatus.DONE,
            Broadcast.finished_at < cutoff,
            or_(Broadcast.text.is_not(None), Broadcast.file_id.is_not(None)),
        )
        .values(text=None, file_id=None)
    )
