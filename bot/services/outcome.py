"""A meeting's outcome: the decisions and action items coordinators record, and the reminder
each action item's owner organization gets before it is due."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Msg, When, msg
from bot.services import audit, organizations, outbox
from bot.services.actor import Actor
from bot.services.errors import DomainError, NotFound
from bot.services.kinds import Kind
from bot.services.text import clean_line
from db.models import (
    ActionItem,
    Meeting,
    MeetingStatus,
    MemberRole,
    Membership,
    Organization,
    OrgStatus,
    Outbox,
    OutboxStatus,
    OutcomeKind,
)

TEXT_LIMIT = 500  # characters: the column's size
RECENT = 6  # meetings offered when a coordinator picks another one
# A due date is a day in the meeting's zone; its reminder is reckoned from this hour that day.
DUE_HOUR = time(9, 0)


class System:
    """The bot itself, reading for a scheduled job (the outcome summary), not a person."""


SYSTEM = System()


@dataclass(frozen=True)
class Entry:
    """One decision or action item as the summary and the exports show it."""

    id: int
    kind: OutcomeKind
    text: str
    # The owner organization (action items); None for a decision, or an organization deleted.
    owner_id: int | None
    owner: str | None
    due_on: date | None
    created_at: datetime


@dataclass(frozen=True)
class Added:
    """An item just recorded, and when its owner is reminded (None: no reminder)."""

    item: ActionItem
    reminds_at: datetime | None = None
    owner_name: str | None = None


def clean_text(text: str | None) -> str:
    """What a decision or action item says: one line, at most TEXT_LIMIT characters."""
    return clean_line(text, limit=TEXT_LIMIT)


def day_shown(day: date) -> When:
    """A due date in the reader's calendar (Solar Hijri in Dari and Pashto), without a time."""
    # Noon UTC is the same calendar day in every zone it could be shown in.
    return When(datetime.combine(day, time(12), tzinfo=UTC), "UTC", date_only=True)


# --- which meeting ---------------------------------------------------------------------------


def _started(now: datetime) -> Any:
    return (Meeting.starts_at <= now) & (Meeting.status != MeetingStatus.CANCELLED)


async def recent_meetings(
    session: AsyncSession, clock: Clock, actor: Actor, *, limit: int = RECENT
) -> list[Meeting]:
    """Meetings that have started (under way or over), the most recent start first."""
    actor.require_coordinator()
    found = await session.scalars(
        select(Meeting)
        .where(_started(clock.now()))
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(limit)
    )
    return list(found)


async def meeting_for(
    session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int
) -> Meeting:
    """A meeting whose outcome a coordinator records: under way or over, not cancelled."""
    actor.require_coordinator()
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("error-stale-button")
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError("meeting-is-cancelled", title=meeting.title)
    if meeting.starts_at > clock.now():
        raise DomainError("outcome-not-started", title=meeting.title)
    return meeting


# --- owners ------------------------------------------------------------------------------------


async def owner_choices(session: AsyncSession, actor: Actor) -> list[Organization]:
    """The organizations an action item can be given to: the approved ones, by name."""
    actor.require_coordinator()
    owners = await organizations.approved(session, actor)
    if not owners:
        raise DomainError("outcome-no-organizations")
    return owners


async def owner(session: AsyncSession, actor: Actor, organization_id: int) -> Organization:
    """An organization that may own an action item now: approved (not suspended since)."""
    actor.require_coordinator()
    organization = await session.get(Organization, organization_id)
    if organization is None:
        raise NotFound("error-stale-button")
    if organization.status != OrgStatus.APPROVED:
        raise DomainError("error-org-not-active", name=organization.name)
    return organization


# --- recording ---------------------------------------------------------------------------------


def _check_due(due_on: date, meeting: Meeting, now: datetime) -> None:
    if due_on < now.astimezone(ZoneInfo(meeting.timezone)).date():
        raise DomainError("outcome-due-past")


async def add_decision(
    session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int, text: str
) -> Added:
    """Record a decision the meeting took."""
    meeting = await meeting_for(session, clock, actor, meeting_id)
    item = await _add(session, clock, actor, meeting, OutcomeKind.DECISION, clean_text(text))
    return Added(item)


async def add_action(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    meeting_id: int,
    text: str,
    owner_id: int,
    due_on: date,
    lead: timedelta,
) -> Added:
    """Record an action item and queue its owner's reminder, `lead` before it is due."""
    meeting = await meeting_for(session, clock, actor, meeting_id)
    organization = await owner(session, actor, owner_id)
    _check_due(due_on, meeting, clock.now())
    item = await _add(
        session,
        clock,
        actor,
        meeting,
        OutcomeKind.ACTION,
        clean_text(text),
        owner_id=organization.id,
        due_on=due_on,
    )
    reminds_at = await _queue_reminder(session, clock, item, meeting, lead)
    return Added(item, reminds_at, organization.name)


async def _add(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    meeting: Meeting,
    kind: OutcomeKind,
    text: str,
    *,
    owner_id: int | None = None,
    due_on: date | None = None,
) -> ActionItem:
    item = ActionItem(
        meeting_id=meeting.id,
        kind=kind,
        text=text,
        owner_id=owner_id,
        due_on=due_on,
        created_by_id=actor.person_id,
        created_at=clock.now(),
    )
    session.add(item)
    await session.flush()
    audit.record(
        session,
        clock,
        actor.person,
        "outcome.added",
        "action_item",
        item.id,
        meeting=meeting.id,
        kind=kind.value,
        owner=owner_id,
        due=due_on.isoformat() if due_on else None,
    )
    return item


async def remove(session: AsyncSession, clock: Clock, actor: Actor, item_id: int) -> ActionItem:
    """Take a decision or action item off the record; its reminder, if still to come, is not
    sent. The audit log keeps what it said."""
    actor.require_coordinator()
    item = await session.get(ActionItem, item_id, with_for_update=True, populate_existing=True)
    if item is None:
        raise NotFound("error-stale-button")
    await session.execute(
        update(Outbox)
        .where(
            Outbox.dedupe_key.startswith(_reminder_prefix(item.id), autoescape=True),
            Outbox.status == OutboxStatus.PENDING,
        )
        .values(status=OutboxStatus.SKIPPED, last_error=REMOVED)
        .execution_options(synchronize_session=False)
    )
    audit.record(
        session,
        clock,
        actor.person,
        "outcome.removed",
        "action_item",
        item.id,
        meeting=item.meeting_id,
        kind=item.kind.value,
        text=item.text,
    )
    await session.delete(item)
    await session.flush()
    return item


async def item_for(session: AsyncSession, actor: Actor, item_id: int) -> ActionItem:
    """One recorded item, for a coordinator about to remove it."""
    actor.require_coordinator()
    item = await session.get(ActionItem, item_id)
    if item is None:
        raise NotFound("error-stale-button")
    return item


# --- reading ---------------------------------------------------------------------------------


async def listing(session: AsyncSession, viewer: Actor | System, meeting_id: int) -> list[Entry]:
    """A meeting's decisions, then its action items with their owners and due dates, each in
    the order recorded: for coordinators, and for the bot's own jobs (SYSTEM)."""
    if not isinstance(viewer, System):
        viewer.require_coordinator()
    rows = await session.execute(
        select(ActionItem, Organization.name)
        .outerjoin(Organization, Organization.id == ActionItem.owner_id)
        .where(ActionItem.meeting_id == meeting_id)
        .order_by(ActionItem.id)
    )
    entries = [
        Entry(item.id, item.kind, item.text, item.owner_id, name, item.due_on, item.created_at)
        for item, name in rows
    ]
    return sorted(entries, key=lambda entry: entry.kind != OutcomeKind.DECISION)


# --- the reminder --------------------------------------------------------------------------

REMOVED = "action item removed"


def _reminder_prefix(item_id: int) -> str:
    return f"{Kind.ACTION_DUE}:i{item_id}:"


def reminder_key(item: ActionItem) -> str:
    """One reminder per item and due date: a new date is a new reminder."""
    assert item.due_on is not None
    return f"{_reminder_prefix(item.id)}{item.due_on:%Y%m%d}"


def reminder_window(due_on: date, timezone: str, lead: timedelta) -> tuple[datetime, datetime]:
    """When the reminder is due, and the end of the due day after which it is not sent."""
    zone = ZoneInfo(timezone)
    # Wall-clock arithmetic: two days before 09:00 is 09:00, whatever a clock change did.
    due = datetime.combine(due_on, DUE_HOUR, tzinfo=zone)
    day_ends = datetime.combine(due_on + timedelta(days=1), time(0), tzinfo=zone)
    return (due - lead).astimezone(UTC), day_ends.astimezone(UTC)


async def _queue_reminder(
    session: AsyncSession, clock: Clock, item: ActionItem, meeting: Meeting, lead: timedelta
) -> datetime | None:
    """One row for the item; who receives it is decided when it comes due."""
    assert item.due_on is not None
    remind_at, day_ends = reminder_window(item.due_on, meeting.timezone, lead)
    now = clock.now()
    if now >= day_ends:
        return None
    # Due sooner than the lead time: the owner hears of it at once.
    due_at = max(remind_at, now)
    await outbox.enqueue(
        session,
        clock,
        kind=Kind.ACTION_DUE,
        fanout=True,
        meeting_id=meeting.id,
        dedupe_key=reminder_key(item),
        due_at=due_at,
        not_after=day_ends,
        payload={
            "item_id": item.id,
            "owner_id": item.owner_id,
            "due_on": item.due_on.isoformat(),
        },
    )
    return due_at


def _payload_id(payload: Mapping[str, Any], name: str) -> int:
    value = payload.get(name)
    return value if isinstance(value, int) else 0


def _speaks_for_owner() -> Any:
    """A membership that speaks for its organization: an admin's, or the delegate's."""
    return or_(Membership.role == MemberRole.ADMIN, Membership.is_delegate.is_(True))


def _changed(item: ActionItem | None, payload: Mapping[str, Any]) -> str | None:
    """Why a reminder queued with `payload` no longer fits its item, or None if it does."""
    if item is None:
        return REMOVED
    if item.due_on is None or item.due_on.isoformat() != payload.get("due_on"):
        return "due date changed"
    if item.owner_id is None or item.owner_id != payload.get("owner_id"):
        return "owner changed"
    return None


async def owner_voices(
    session: AsyncSession, row: Outbox, _coordinators: Collection[int]
) -> Any | None:
    """For the delivery registry: the person ids of the admins and the delegate of the item's
    owner as they are when the reminder comes due (someone named admin since is included,
    nobody while the organization is not approved); None when the reminder no longer fits its
    item (removed, or its date or owner changed)."""
    item = await session.get(ActionItem, _payload_id(row.payload, "item_id"))
    if item is None or _changed(item, row.payload) is not None:
        return None
    return (
        select(Membership.person_id)
        .join(Organization, Organization.id == Membership.organization_id)
        .where(
            Membership.organization_id == item.owner_id,
            Organization.status == OrgStatus.APPROVED,
            _speaks_for_owner(),
        )
    )


@dataclass(frozen=True)
class ReminderFacts:
    """What one reminder is judged and written from, read when it is sent."""

    item: ActionItem | None
    owner: Organization | None
    meeting: Meeting | None
    # The recipient is an admin or the delegate of the owner right now.
    speaks_for_owner: bool


async def reminder_facts(
    session: AsyncSession, rows: Sequence[Outbox], _configured: Collection[int]
) -> dict[int, ReminderFacts]:
    """Each reminder row's item, its owner and meeting, and whether the recipient still
    speaks for the owner."""
    result: dict[int, ReminderFacts] = {}
    for row in rows:
        item = await session.get(ActionItem, _payload_id(row.payload, "item_id"))
        owner = await session.get(Organization, item.owner_id) if item and item.owner_id else None
        meeting = await session.get(Meeting, item.meeting_id) if item else None
        speaks = False
        if owner is not None and row.person_id is not None:
            found = await session.scalar(
                select(Membership.id).where(
                    Membership.person_id == row.person_id,
                    Membership.organization_id == owner.id,
                    _speaks_for_owner(),
                )
            )
            speaks = found is not None
        result[row.id] = ReminderFacts(item, owner, meeting, speaks)
    return result


def reminder_stale(facts: ReminderFacts | None, payload: Mapping[str, Any]) -> str | None:
    """Why the reminder is no longer worth sending, or None to send it."""
    if facts is None:
        return REMOVED
    changed = _changed(facts.item, payload)
    if changed is not None:
        return changed
    if facts.owner is None or facts.owner.status != OrgStatus.APPROVED:
        return "organization not active"
    if not facts.speaks_for_owner:
        return "no longer the owner's admin or delegate"
    return None


def reminder_message(facts: ReminderFacts) -> Msg:
    """The reminder, in the recipient's language and calendar."""
    item, owner, meeting = facts.item, facts.owner, facts.meeting
    assert item is not None and item.due_on is not None and owner is not None
    origin = (
        msg(
            "outcome-reminder-meeting",
            title=meeting.title,
            when=When(meeting.starts_at, meeting.timezone, date_only=True),
        )
        if meeting is not None
        else msg("blank")
    )
    return msg(
        "outcome-reminder",
        text=item.text,
        owner=owner.name,
        due=day_shown(item.due_on),
        meeting=origin,
    )
