"""Exports for coordinators: the network's data as CSV files a spreadsheet opens cleanly,
and a meeting's calendar file.

The header row holds stable English machine names (`person_id`, `answered_at_utc`), not words
in the coordinator's language. The files are data that leave the bot: two coordinators, one
reading Dari and one English, get the same columns; a year of monthly files can be stacked and
compared; and the formulas, pivot tables and scripts people build on them keep working. What
people wrote (names, concerns, questions) stays as they wrote it, in their own script, and
coded values are the same stable words as the columns (`going`, `approved`). The translated
views are the bot's own messages (/attendance, the summary).

Times are given twice: in UTC and in the meeting's local time (the network's zone for the
files of the whole network), as `YYYY-MM-DD HH:MM`, the ISO 8601 form spreadsheets read as a
date, with the zone named in a `timezone` column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.clock import Clock
from bot.services import audit, ics, motions
from bot.services.actor import Actor, is_coordinator
from bot.services.errors import NotAllowed, NotFound
from db.models import (
    ActionItem,
    AgendaItem,
    AgendaVote,
    CheckIn,
    Concern,
    Meeting,
    MeetingStatus,
    Membership,
    Motion,
    MotionStatus,
    Organization,
    Person,
    Rsvp,
)

BOM = "\ufeff"  # without it, spreadsheet programs read UTF-8 as a legacy code page
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV or
# formula injection): `=HYPERLINK(...)` typed as a concern would become a live link.
FORMULA_STARTS = frozenset("=+-@\t\r")
STANDARD_OPTIONS = ("yes", "no", "abstain")  # motions.STANDARD, as stable words
RECENT = 6  # meetings offered as buttons


class ExportFile(StrEnum):
    ORGANIZATIONS = "organizations"
    MEMBERS = "members"
    RSVPS = "rsvps"
    CHECKINS = "checkins"
    CONCERNS = "concerns"
    MOTIONS = "motions"
    ACTIONS = "actions"
    CALENDAR = "calendar"


NETWORK_FILES = (ExportFile.ORGANIZATIONS, ExportFile.MEMBERS)
MEETING_FILES = (
    ExportFile.RSVPS,
    ExportFile.CHECKINS,
    ExportFile.CONCERNS,
    ExportFile.MOTIONS,
    ExportFile.ACTIONS,
    ExportFile.CALENDAR,
)


@dataclass(frozen=True)
class Setup:
    """What exports take from the settings."""

    timezone: str  # the network's zone, for the files of the whole network
    coordinators: Collection[int]
    meeting_length: timedelta  # for the calendar file
    calendar_domain: str  # for the calendar file's stable UID


@dataclass(frozen=True)
class Export:
    """One file, ready to send."""

    file: ExportFile
    filename: str
    content: bytes
    rows: int  # data rows, header excluded (1 for a calendar file)
    meeting: Meeting | None = None


Cell = str | int | bool | date | None


# --- writing CSV ---------------------------------------------------------------------------


def neutralise(text: str) -> str:
    """Text as a cell that spreadsheets show and never run: a leading apostrophe before
    `= + - @`, a tab or a carriage return (OWASP's advice on CSV injection)."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: a bool is an int
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(value)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a byte-order mark, so Dari and Pashto (and ZWNJ) arrive intact."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # RFC 4180: CRLF, quotes where a cell needs them
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def utc_time(at: datetime | None) -> str | None:
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if at is not None else None


def local_time(at: datetime | None, timezone: str) -> str | None:
    return at.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M") if at else None


def _times(at: datetime | None, timezone: str) -> list[Cell]:
    return [utc_time(at), local_time(at, timezone)]


def _name(person: Person | None) -> str | None:
    """How coordinators see the person elsewhere; nobody for a forgotten person."""
    return person.display_name if person is not None and person.first_name else None


# --- who may export, and which meeting -----------------------------------------------------


def ensure_can_export(actor: Actor) -> None:
    """Exports hold members' names and what they sent: coordinators only."""
    if not actor.coordinator:
        raise NotAllowed("export-coordinators-only")


@dataclass(frozen=True)
class Meetings:
    """The meeting offered first (the latest that started) and the recent ones to pick from."""

    default: Meeting | None
    recent: list[Meeting]


async def meetings_to_export(
    session: AsyncSession, clock: Clock, actor: Actor, *, limit: int = RECENT
) -> Meetings:
    """The latest meetings that started, and the next one to come, newest first; cancelled
    ones only by number (`/export 7`). With none started yet, the next one is the default."""
    ensure_can_export(actor)
    now = clock.now()
    scheduled = Meeting.status == MeetingStatus.SCHEDULED
    started = list(
        await session.scalars(
            select(Meeting)
            .where(scheduled, Meeting.starts_at <= now)
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
            .limit(limit - 1)
        )
    )
    upcoming = await session.scalar(
        select(Meeting)
        .where(scheduled, Meeting.starts_at > now)
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
    )
    recent = ([upcoming] if upcoming is not None else []) + started
    default = started[0] if started else upcoming
    return Meetings(default, recent)


async def meeting_to_export(session: AsyncSession, actor: Actor, meeting_id: int) -> Meeting:
    """A meeting by number, for a coordinator (the refusal comes before any lookup)."""
    ensure_can_export(actor)
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("export-no-meeting", number=meeting_id)
    return meeting


# --- the files -----------------------------------------------------------------------------


async def _organizations(session: AsyncSession, setup: Setup) -> tuple[list[str], list[list[Cell]]]:
    registrant, decider = aliased(Person), aliased(Person)
    counts = (
        select(Membership.organization_id, func.count().label("members"))
        .group_by(Membership.organization_id)
        .subquery()
    )
    delegate_membership = aliased(Membership)
    delegate = aliased(Person)
    found = await session.execute(
        select(Organization, counts.c.members, registrant, decider, delegate)
        .outerjoin(counts, counts.c.organization_id == Organization.id)
        .outerjoin(registrant, registrant.id == Organization.registered_by_id)
        .outerjoin(decider, decider.id == Organization.decided_by_id)
        .outerjoin(
            delegate_membership,
            and_(
                delegate_membership.organization_id == Organization.id,
                delegate_membership.is_delegate.is_(True),
            ),
        )
        .outerjoin(delegate, delegate.id == delegate_membership.person_id)
        .order_by(Organization.id)
    )
    zone = setup.timezone
    header = [
        "organization_id",
        "name",
        "kind",
        "status",
        "province",
        "district",
        "focus",
        "contact",
        "members",
        "delegate",
        "registered_by",
        "registered_at_utc",
        "registered_at_local",
        "decided_by",
        "decided_at_utc",
        "decided_at_local",
        "rejection_reason",
        "timezone",
    ]
    rows: list[list[Cell]] = [
        [
            org.id,
            org.name,
            org.kind.value,
            org.status.value,
            org.province,
            org.district,
            org.focus,
            org.contact,
            members or 0,
            _name(delegate_person),
            _name(registered),
            *_times(org.created_at, zone),
            _name(decided),
            *_times(org.decided_at, zone),
            org.rejection_reason,
            zone,
        ]
        for org, members, registered, decided, delegate_person in found
    ]
    return header, rows


async def _members(session: AsyncSession, setup: Setup) -> tuple[list[str], list[list[Cell]]]:
    """Every membership, with its role; then coordinators in no organization."""
    found = await session.execute(
        select(Membership, Organization, Person)
        .join(Organization, Organization.id == Membership.organization_id)
        .join(Person, Person.id == Membership.person_id)
        .order_by(Organization.name, Organization.id, Person.first_name, Person.id)
    )
    zone = setup.timezone
    header = [
        "organization_id",
        "organization",
        "organization_status",
        "person_id",
        "name",
        "username",
        "language",
        "role",
        "delegate",
        "coordinator",
        "reachable",
        "joined_at_utc",
        "joined_at_local",
        "timezone",
    ]

    def row(org: Organization | None, person: Person, membership: Membership | None) -> list[Cell]:
        return [
            org.id if org else None,
            org.name if org else None,
            org.status.value if org else None,
            person.id,
            _name(person),
            person.username,
            person.language,
            membership.role.value if membership else None,
            membership.is_delegate if membership else False,
            is_coordinator(person, setup.coordinators),
            person.reachable,
            *_times(membership.joined_at if membership else None, zone),
            zone,
        ]

    rows = [row(org, person, membership) for membership, org, person in found]
    coordinator = or_(
        Person.is_coordinator.is_(True), Person.tg_user_id.in_(list(setup.coordinators))
    )
    loners = await session.scalars(
        select(Person)
        .where(coordinator, Person.id.not_in(select(Membership.person_id)))
        .order_by(Person.id)
    )
    rows += [row(None, person, None) for person in loners]
    return header, rows


def _organizations_of(person_id: int, names: dict[int, list[str]]) -> str | None:
    return "; ".join(names.get(person_id, [])) or None


async def _organization_names(session: AsyncSession) -> dict[int, list[str]]:
    """Each person's organizations, by name, for the files of a meeting."""
    found = await session.execute(
        select(Membership.person_id, Organization.name)
        .join(Organization, Organization.id == Membership.organization_id)
        .order_by(Organization.name, Organization.id)
    )
    names: dict[int, list[str]] = {}
    for person_id, name in found:
        names.setdefault(person_id, []).append(name)
    return names


async def _rsvps(session: AsyncSession, meeting: Meeting) -> tuple[list[str], list[list[Cell]]]:
    found = await session.execute(
        select(Rsvp, Person)
        .join(Person, Person.id == Rsvp.person_id)
        .where(Rsvp.meeting_id == meeting.id)
        .order_by(Rsvp.answered_at, Rsvp.id)
    )
    names = await _organization_names(session)
    zone = meeting.timezone
    header = [
        "meeting_id",
        "person_id",
        "name",
        "username",
        "organizations",
        "answer",
        "waitlisted",
        "note",
        "answered_at_utc",
        "answered_at_local",
        "timezone",
    ]
    rows: list[list[Cell]] = [
        [
            meeting.id,
            person.id,
            _name(person),
            person.username,
            _organizations_of(person.id, names),
            rsvp.answer.value,
            rsvp.waitlisted,
            rsvp.note,
            *_times(rsvp.answered_at, zone),
            zone,
        ]
        for rsvp, person in found
    ]
    return header, rows


async def _checkins(session: AsyncSession, meeting: Meeting) -> tuple[list[str], list[list[Cell]]]:
    """Who came: in their own name, or as a coordinator wrote down a walk-in's name."""
    by = aliased(Person)
    found = await session.execute(
        select(CheckIn, Person, Organization, by, Rsvp.answer)
        .outerjoin(Person, Person.id == CheckIn.person_id)
        .outerjoin(Organization, Organization.id == CheckIn.organization_id)
        .outerjoin(by, by.id == CheckIn.by_id)
        .outerjoin(
            Rsvp, and_(Rsvp.meeting_id == CheckIn.meeting_id, Rsvp.person_id == CheckIn.person_id)
        )
        .where(CheckIn.meeting_id == meeting.id)
        .order_by(CheckIn.checked_in_at, CheckIn.id)
    )
    zone = meeting.timezone
    header = [
        "meeting_id",
        "person_id",
        "name",
        "username",
        "organization_id",
        "organization",
        "answer",
        "checked_in_by",
        "checked_in_at_utc",
        "checked_in_at_local",
        "timezone",
    ]
    rows: list[list[Cell]] = [
        [
            meeting.id,
            person.id if person else None,
            _name(person) if person else checkin.name,
            person.username if person else None,
            org.id if org else None,
            org.name if org else None,
            answer.value if answer else None,
            _name(coordinator),  # empty: they checked in themselves
            *_times(checkin.checked_in_at, zone),
            zone,
        ]
        for checkin, person, org, coordinator, answer in found
    ]
    return header, rows


async def _concerns(session: AsyncSession, meeting: Meeting) -> tuple[list[str], list[list[Cell]]]:
    """The meeting's concerns by number; the sender's name for named ones only.

    An anonymous concern's row comes from the concern alone: the sender link
    (`ConcernSender`) is never read here, the author is joined only for named concerns, the
    rows go by concern number, and its days are whole days, so neither an id nor a time of
    day lines it up with anything its sender did.
    """
    author = aliased(Person)
    dots = (
        select(AgendaVote.concern_id, func.count().label("dots"))
        .group_by(AgendaVote.concern_id)
        .subquery()
    )
    found = await session.execute(
        select(Concern, author, dots.c.dots, AgendaItem.rank)
        .outerjoin(author, and_(Concern.anonymous.is_(False), author.id == Concern.author_id))
        .outerjoin(dots, dots.c.concern_id == Concern.id)
        .outerjoin(
            AgendaItem,
            and_(AgendaItem.concern_id == Concern.id, AgendaItem.meeting_id == meeting.id),
        )
        .where(Concern.meeting_id == meeting.id)
        .order_by(Concern.id)
    )
    zone = ZoneInfo(meeting.timezone)

    def day(at: datetime | None) -> date | None:
        return at.astimezone(zone).date() if at is not None else None

    header = [
        "meeting_id",
        "concern",
        "topic",
        "kind",
        "anonymous",
        "sender",
        "text",
        "status",
        "merged_into",
        "rejection_reason",
        "dots",
        "agenda_rank",
        "submitted_on_local",
        "decided_on_local",
        "timezone",
    ]
    rows: list[list[Cell]] = [
        [
            meeting.id,
            concern.id,
            concern.topic.value,
            concern.kind.value,
            concern.anonymous,
            None if concern.anonymous else _name(sender),
            concern.text,
            concern.status.value,
            concern.merged_into_id,
            concern.rejection_reason,
            count or 0,
            rank,
            day(concern.created_at),
            day(concern.decided_at),
            meeting.timezone,
        ]
        for concern, sender, count, rank in found
    ]
    return header, rows


def _option_labels(motion: Motion) -> list[str]:
    return list(motion.options) if motion.options else list(STANDARD_OPTIONS)


async def _motions(session: AsyncSession, meeting: Meeting) -> tuple[list[str], list[list[Cell]]]:
    """Each motion's rules and, once voting has closed, its count (motions.tally): an open
    motion's running totals are for nobody, as they are in the bot."""
    found = list(
        await session.scalars(
            select(Motion).where(Motion.meeting_id == meeting.id).order_by(Motion.id)
        )
    )
    zone = meeting.timezone
    options = [
        name for n in range(1, motions.MAX_OPTIONS + 1) for name in (f"option_{n}", f"votes_{n}")
    ]
    header = [
        "meeting_id",
        "motion_id",
        "question",
        "voters",
        "secret",
        "quorum_percent",
        "status",
        "opens_at_utc",
        "opens_at_local",
        "closes_at_utc",
        "closes_at_local",
        "eligible",
        "cast",
        "by_proxy",
        "turnout_percent",
        "quorum_met",
        "outcome",
        *options,
        "timezone",
    ]
    rows: list[list[Cell]] = []
    # The closed motions counted together: a few statements, not a few per motion.
    results = await motions.tallies(session, [m for m in found if m.status == MotionStatus.CLOSED])
    for motion in found:
        labels = _option_labels(motion)
        counted: list[Cell]
        if motion.status == MotionStatus.CLOSED:
            result = results[motion.id]
            turnout = round(result.cast * 100 / result.eligible) if result.eligible else None
            if result.outcome is not None:
                outcome = labels[result.outcome]
            else:
                outcome = "no_quorum" if not result.quorum_met else "no_decision"
            counted = [
                result.eligible,
                result.cast,
                result.by_proxy,
                turnout,
                result.quorum_met,
                outcome,
            ]
            votes: list[Cell] = list(result.counts)
        else:
            counted = [None] * 6
            votes = [None] * len(labels)
        pairs: list[Cell] = []
        for n in range(motions.MAX_OPTIONS):
            pairs += [labels[n], votes[n]] if n < len(labels) else [None, None]
        rows.append(
            [
                meeting.id,
                motion.id,
                motion.question,
                motion.voters.value,
                motion.secret,
                motion.quorum_percent,
                motion.status.value,
                *_times(motion.opens_at, zone),
                *_times(motion.closes_at, zone),
                *counted,
                *pairs,
                zone,
            ]
        )
    return header, rows


async def _actions(session: AsyncSession, meeting: Meeting) -> tuple[list[str], list[list[Cell]]]:
    author = aliased(Person)
    found = await session.execute(
        select(ActionItem, Organization, author)
        .outerjoin(Organization, Organization.id == ActionItem.owner_id)
        .outerjoin(author, author.id == ActionItem.created_by_id)
        .where(ActionItem.meeting_id == meeting.id)
        .order_by(ActionItem.id)
    )
    zone = meeting.timezone
    header = [
        "meeting_id",
        "item_id",
        "kind",
        "text",
        "owner_organization_id",
        "owner",
        "due_on",
        "recorded_by",
        "recorded_at_utc",
        "recorded_at_local",
        "timezone",
    ]
    rows: list[list[Cell]] = [
        [
            meeting.id,
            item.id,
            item.kind.value,
            item.text,
            owner.id if owner else None,
            owner.name if owner else None,
            item.due_on,
            _name(recorder),
            *_times(item.created_at, zone),
            zone,
        ]
        for item, owner, recorder in found
    ]
    return header, rows


_NETWORK_TABLES = {
    ExportFile.ORGANIZATIONS: _organizations,
    ExportFile.MEMBERS: _members,
}
_MEETING_TABLES = {
    ExportFile.RSVPS: _rsvps,
    ExportFile.CHECKINS: _checkins,
    ExportFile.CONCERNS: _concerns,
    ExportFile.MOTIONS: _motions,
    ExportFile.ACTIONS: _actions,
}


async def network_file(
    session: AsyncSession, clock: Clock, actor: Actor, file: ExportFile, setup: Setup
) -> Export:
    """A file of the whole network: organizations, or members with their roles."""
    ensure_can_export(actor)
    table = _NETWORK_TABLES.get(file)
    if table is None:
        raise NotFound("export-stale-button")
    header, rows = await table(session, setup)
    today = clock.now().astimezone(ZoneInfo(setup.timezone)).date()
    export = Export(
        file, f"shura-{file}-{today.isoformat()}.csv", csv_bytes(header, rows), len(rows)
    )
    _audit(session, clock, actor, export)
    return export


async def meeting_file(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    file: ExportFile,
    meeting_id: int,
    setup: Setup,
) -> Export:
    """One file of a meeting: a CSV table, or its calendar file."""
    meeting = await meeting_to_export(session, actor, meeting_id)
    if file == ExportFile.CALENDAR:
        content = ics.meeting_ics(
            meeting, length=setup.meeting_length, now=clock.now(), domain=setup.calendar_domain
        )
        export = Export(file, f"shura-meeting-{meeting.id}.ics", content, 1, meeting)
    else:
        table = _MEETING_TABLES.get(file)
        if table is None:
            raise NotFound("export-stale-button")
        header, rows = await table(session, meeting)
        name = f"shura-meeting-{meeting.id}-{file}.csv"
        export = Export(file, name, csv_bytes(header, rows), len(rows), meeting)
    _audit(session, clock, actor, export)
    return export


async def meeting_files(
    session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int, setup: Setup
) -> list[Export]:
    """Every file of a meeting."""
    return [
        await meeting_file(session, clock, actor, file, meeting_id, setup) for file in MEETING_FILES
    ]


def _audit(session: AsyncSession, clock: Clock, actor: Actor, export: Export) -> None:
    """Who took which file, when: the entry counts rows and names no one in them."""
    meeting_id = export.meeting.id if export.meeting is not None else None
    audit.record(
        session,
        clock,
        actor.person,
        "export.file",
        "meeting" if meeting_id is not None else "network",
        meeting_id,
        file=export.file.value,
        rows=export.rows,
    )
