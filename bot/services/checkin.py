"""Check-in: the meeting's code and QR link, who came and which organization they represented."""

from __future__ import annotations

import io
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import When
from bot.i18n.calendar import normalize_digits
from bot.services import audit, meetings
from bot.services.actor import Actor, Seat
from bot.services.errors import DomainError, NotFound
from bot.services.text import NAME_LIMIT, clean_line, name_key
from db.models import (
    CheckIn,
    Meeting,
    MeetingStatus,
    Membership,
    Organization,
    OrgStatus,
    Person,
)
from db.queries import insert_or_ignore

# No 0/O, 1/I/L: read off a projector or said aloud, a code has one spelling. 31 characters
# to the power of 8 is about 8.5 × 10¹¹ codes, and one works only while its meeting is on.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
START_PREFIX = "checkin-"  # the payload of the deep link: /start checkin-<code>
_CODE = re.compile(f"[{ALPHABET}]{{{CODE_LENGTH}}}")
# What people put inside a code they type: spaces and the dash it is shown with.
_SEPARATORS = re.compile(r"[\s\-‐-―−_]+")
WALK_IN_LIMIT = NAME_LIMIT  # characters of a walk-in's name, as a coordinator types it
QR_SCALE = 10  # pixels per module: about 400 × 400, sharp on a phone and on a projector


@dataclass(frozen=True)
class Window:
    """When check-in is open around a meeting: from `margin` before its start until `margin`
    after its end (its start plus `length`)."""

    length: timedelta
    margin: timedelta

    def opens(self, meeting: Meeting) -> datetime:
        return meeting.starts_at - self.margin

    def closes(self, meeting: Meeting) -> datetime:
        return meeting.starts_at + self.length + self.margin

    def check(self, meeting: Meeting, now: datetime) -> None:
        """Refuse a meeting that is cancelled, or whose check-in is not open at `now`."""
        if meeting.status == MeetingStatus.CANCELLED:
            raise DomainError("meeting-is-cancelled", title=meeting.title)
        if now < self.opens(meeting):
            raise DomainError(
                "checkin-not-yet",
                title=meeting.title,
                opens=When(self.opens(meeting), meeting.timezone),
            )
        if now > self.closes(meeting):
            raise DomainError("checkin-closed", title=meeting.title)


# --- the code -------------------------------------------------------------------------------


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """A code as people type it (any case, spaces or a dash inside, Persian digits), checked
    against the form the bot makes before anything is looked up."""
    code = _SEPARATORS.sub("", normalize_digits(text)).upper()
    if not _CODE.fullmatch(code):
        raise DomainError("checkin-code-unknown")
    return code


def shown(code: str) -> str:
    """The code as people read it: two groups of four."""
    return f"{code[:4]}-{code[4:]}"


def code_from_start_payload(payload: str) -> str | None:
    """The code in a `/start checkin-<code>` deep link, if that is what it is (unchecked)."""
    if payload.startswith(START_PREFIX):
        return payload.removeprefix(START_PREFIX)
    return None


def deep_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={START_PREFIX}{code}"


def qr_png(link: str) -> bytes:
    """The QR code of `link` as a PNG (segno writes it without Pillow)."""
    import segno  # when a code is first drawn: slow to import, and seldom needed

    out = io.BytesIO()
    segno.make(link, error="m", micro=False).save(out, kind="png", scale=QR_SCALE, border=4)
    return out.getvalue()


# --- opening check-in (coordinators) -----------------------------------------------------------


async def open_meetings(
    session: AsyncSession, clock: Clock, actor: Actor, window: Window
) -> list[Meeting]:
    """Scheduled meetings whose check-in is open now, soonest first."""
    actor.require_coordinator()
    now = clock.now()
    result = await session.execute(
        select(Meeting)
        .where(
            Meeting.status == MeetingStatus.SCHEDULED,
            Meeting.starts_at <= now + window.margin,
            Meeting.starts_at >= now - window.length - window.margin,
        )
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return list(result.scalars())


async def next_to_open(
    session: AsyncSession, clock: Clock, actor: Actor, window: Window
) -> Meeting | None:
    """The next scheduled meeting whose check-in has not opened yet."""
    actor.require_coordinator()
    result = await session.execute(
        select(Meeting)
        .where(
            Meeting.status == MeetingStatus.SCHEDULED,
            Meeting.starts_at > clock.now() + window.margin,
        )
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
    )
    return result.scalar_one_or_none()


async def open_checkin(
    session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int, window: Window
) -> Meeting:
    """Make the meeting's check-in code, or give the one it has; audited the first time."""
    actor.require_coordinator()
    # Locked: two coordinators opening check-in at once get the same code.
    meeting = await meetings.lock(session, meeting_id)
    window.check(meeting, clock.now())
    if meeting.checkin_code is None:
        meeting.checkin_code = await _unused_code(session)
        await session.flush()
        audit.record(session, clock, actor.person, "checkin.opened", "meeting", meeting.id)
    return meeting


async def _unused_code(session: AsyncSession) -> str:
    while True:
        code = new_code()
        taken = await session.scalar(select(Meeting.id).where(Meeting.checkin_code == code))
        if taken is None:
            return code


# --- checking in with the code (attendees) -----------------------------------------------------


@dataclass(frozen=True)
class CheckedIn:
    """Someone is checked in: now, or (`already`) before."""

    meeting: Meeting
    name: str
    organization: str | None
    already: bool = False


@dataclass(frozen=True)
class Choose:
    """The person sits in several organizations: which one do they represent?"""

    meeting: Meeting
    code: str
    seats: tuple[Seat, ...]


async def meeting_for_code(
    session: AsyncSession, clock: Clock, actor: Actor, text: str, window: Window
) -> tuple[Meeting, str]:
    """The meeting a code opens now, and the code as the bot wrote it.

    The stranger is refused before the code is even read: nobody outside the network learns
    whether a code is right, let alone which meeting it is for.
    """
    actor.require_network()
    code = normalize_code(text)
    meeting = await session.scalar(select(Meeting).where(Meeting.checkin_code == code))
    if meeting is None:
        raise DomainError("checkin-code-unknown")
    window.check(meeting, clock.now())
    return meeting, code


async def check_in(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    text: str,
    window: Window,
    organization_id: int | None = None,
) -> CheckedIn | Choose:
    """Check the actor in with the meeting's code, for their organization (asked for when
    they sit in several). Twice is answered with the first check-in, nothing doubled."""
    meeting, code = await meeting_for_code(session, clock, actor, text, window)
    earlier = await _earlier(session, meeting, actor.person)
    if earlier is not None:
        return earlier
    if organization_id is not None:
        seat = next((s for s in actor.seats if s.organization_id == organization_id), None)
        if seat is None:
            raise DomainError("error-stale-button")
    elif len(actor.seats) > 1:
        return Choose(meeting, code, actor.seats)
    else:
        seat = actor.seats[0] if actor.seats else None
    return await _record(
        session,
        clock,
        meeting,
        actor.person,
        seat.organization_id if seat else None,
        seat.organization_name if seat else None,
    )


async def _earlier(session: AsyncSession, meeting: Meeting, person: Person) -> CheckedIn | None:
    row = await session.execute(
        select(Organization.name)
        .select_from(CheckIn)
        .outerjoin(Organization, Organization.id == CheckIn.organization_id)
        .where(CheckIn.meeting_id == meeting.id, CheckIn.person_id == person.id)
    )
    found = row.first()
    if found is None:
        return None
    return CheckedIn(meeting, person.display_name, found[0], already=True)


async def _record(
    session: AsyncSession,
    clock: Clock,
    meeting: Meeting,
    person: Person,
    organization_id: int | None,
    organization: str | None,
    *,
    by: Actor | None = None,
) -> CheckedIn:
    values: dict[str, Any] = {
        "meeting_id": meeting.id,
        "person_id": person.id,
        "organization_id": organization_id,
        "by_id": by.person_id if by is not None else None,
        "checked_in_at": clock.now(),
    }
    # Two taps at once: the unique constraint keeps one check-in, the other finds it.
    inserted = await session.scalar(
        insert_or_ignore(session, CheckIn, ["meeting_id", "person_id"], values).returning(
            CheckIn.id
        )
    )
    if inserted is None:
        earlier = await _earlier(session, meeting, person)
        assert earlier is not None
        return earlier
    if by is not None:
        audit.record(
            session,
            clock,
            by.person,
            "checkin.by_coordinator",
            "meeting",
            meeting.id,
            person=person.id,
            organization=organization_id,
        )
    return CheckedIn(meeting, person.display_name, organization)


# --- checking in someone without a phone (coordinators) ----------------------------------------


@dataclass(frozen=True)
class Member:
    """A member a coordinator can check in, and whether they already are."""

    person_id: int
    name: str
    checked_in: bool


async def meeting_in_window(
    session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int, window: Window
) -> Meeting:
    """A meeting a coordinator checks people in to: refused once its check-in has closed."""
    meeting = await meetings.for_coordinator(session, actor, meeting_id)
    window.check(meeting, clock.now())
    return meeting


async def _approved(session: AsyncSession, organization_id: int) -> Organization:
    org = await session.get(Organization, organization_id)
    if org is None or org.status != OrgStatus.APPROVED:
        raise NotFound("error-stale-button")
    return org


async def organization(session: AsyncSession, actor: Actor, organization_id: int) -> Organization:
    """An approved organization a coordinator checks someone in for."""
    actor.require_coordinator()
    return await _approved(session, organization_id)


async def members_to_check_in(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    meeting_id: int,
    organization_id: int,
    window: Window,
) -> tuple[Organization, list[Member]]:
    """An approved organization's members by name, each marked if checked in already."""
    meeting = await meeting_in_window(session, clock, actor, meeting_id, window)
    org = await _approved(session, organization_id)
    checked = select(CheckIn.person_id).where(
        CheckIn.meeting_id == meeting.id, CheckIn.person_id.is_not(None)
    )
    rows = await session.execute(
        select(Person, Person.id.in_(checked))
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.organization_id == org.id)
        .order_by(Person.first_name, Person.last_name, Person.id)
    )
    return org, [Member(p.id, p.display_name, bool(done)) for p, done in rows]


async def check_in_member(
    session: AsyncSession,
    clock: Clock,
    coordinator: Actor,
    meeting_id: int,
    organization_id: int,
    person_id: int,
    window: Window,
) -> CheckedIn:
    """A coordinator checks in a member who has no phone, for their organization; audited."""
    meeting = await meeting_in_window(session, clock, coordinator, meeting_id, window)
    org = await _approved(session, organization_id)
    person = await session.scalar(
        select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(Person.id == person_id, Membership.organization_id == org.id)
    )
    if person is None:  # forged, or removed from the organization since the list was shown
        raise NotFound("error-stale-button")
    earlier = await _earlier(session, meeting, person)
    if earlier is not None:
        return earlier
    return await _record(session, clock, meeting, person, org.id, org.name, by=coordinator)


def clean_walk_in_name(text: str | None) -> str:
    return clean_line(text, limit=WALK_IN_LIMIT)


async def check_in_walk_in(
    session: AsyncSession,
    clock: Clock,
    coordinator: Actor,
    meeting_id: int,
    name: str,
    organization_id: int | None,
    window: Window,
) -> CheckedIn:
    """A coordinator checks in someone with no Telegram account, by name, for an organization
    or as a guest; audited. The same name twice is one walk-in."""
    coordinator.require_coordinator()
    name = clean_walk_in_name(name)
    # Locked: the same name typed twice at once is still one walk-in.
    meeting = await meetings.lock(session, meeting_id)
    window.check(meeting, clock.now())
    org = await _approved(session, organization_id) if organization_id is not None else None
    walk_ins = await session.execute(
        select(CheckIn.name, Organization.name)
        .outerjoin(Organization, Organization.id == CheckIn.organization_id)
        .where(CheckIn.meeting_id == meeting.id, CheckIn.person_id.is_(None))
    )
    for earlier, org_name in walk_ins:
        if earlier is not None and name_key(earlier) == name_key(name):
            return CheckedIn(meeting, earlier, org_name, already=True)
    row = CheckIn(
        meeting_id=meeting.id,
        person_id=None,
        name=name,
        organization_id=org.id if org else None,
        by_id=coordinator.person_id,
        checked_in_at=clock.now(),
    )
    session.add(row)
    await session.flush()
    # The check-in's id, not the name: the audit log holds who acted, not who came.
    audit.record(
        session,
        clock,
        coordinator.person,
        "checkin.walk_in",
        "meeting",
        meeting.id,
        check_in=row.id,
        organization=row.organization_id,
    )
    return CheckedIn(meeting, name, org.name if org else None)


# --- attendance ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Represented:
    """One approved organization and how many people checked in for it."""

    organization_id: int
    name: str
    people: int


@dataclass(frozen=True)
class Attendance:
    """Who came to a meeting: people checked in (walk-ins among them), and the approved
    organizations represented, out of all approved."""

    people: int
    walk_ins: int
    organizations: int
    approved: int
    by_organization: tuple[Represented, ...]


async def attendance(session: AsyncSession, actor: Actor | None, meeting_id: int) -> Attendance:
    """Attendance at a meeting, for coordinators (`actor` None: the bot itself, in a job)."""
    if actor is not None:
        actor.require_coordinator()
    if await session.get(Meeting, meeting_id) is None:
        raise NotFound("meeting-not-found", number=str(meeting_id))
    people, walk_ins = (
        await session.execute(
            select(
                func.count(CheckIn.id),
                func.count(CheckIn.id).filter(CheckIn.person_id.is_(None)),
            ).where(CheckIn.meeting_id == meeting_id)
        )
    ).one()
    rows = await session.execute(
        select(Organization.id, Organization.name, func.count(CheckIn.id))
        .join(CheckIn, CheckIn.organization_id == Organization.id)
        .where(CheckIn.meeting_id == meeting_id, Organization.status == OrgStatus.APPROVED)
        .group_by(Organization.id, Organization.name)
        .order_by(Organization.name, Organization.id)
    )
    represented = tuple(Represented(org_id, name, count) for org_id, name, count in rows)
    approved = await session.scalar(
        select(func.count(Organization.id)).where(Organization.status == OrgStatus.APPROVED)
    )
    return Attendance(people, walk_ins, len(represented), int(approved or 0), represented)


async def who_came(
    session: AsyncSession, actor: Actor, meeting_id: int
) -> list[tuple[str | None, str]]:
    """Who checked in to a meeting, in the order they came: the organization they came for
    (None: none) and their name (a walk-in's as typed). For coordinators."""
    actor.require_coordinator()
    rows = await session.execute(
        select(Organization.name, Person, CheckIn.name)
        .select_from(CheckIn)
        .outerjoin(Person, Person.id == CheckIn.person_id)
        .outerjoin(Organization, Organization.id == CheckIn.organization_id)
        .where(CheckIn.meeting_id == meeting_id)
        .order_by(CheckIn.checked_in_at, CheckIn.id)
    )
    return [
        (org, person.display_name if person is not None else name or "")
        for org, person, name in rows
    ]


def checked_in_people(meeting_id: int) -> Any:
    """Person ids checked in to the meeting (walk-ins have none): for audiences and exports."""
    return select(CheckIn.person_id).where(
        CheckIn.meeting_id == meeting_id, CheckIn.person_id.is_not(None)
    )
