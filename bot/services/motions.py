"""Motions: opening one, casting ballots (in person or by proxy), closing and counting."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.clock import Clock
from bot.i18n import Msg, When, msg, to_data
from bot.i18n.calendar import normalize_digits
from bot.presentation import Button, CallbackData, Keyboard
from bot.services import audit, notices, outbox, people
from bot.services.actor import Actor, Seat, actor_of
from bot.services.coordination import coordination_chat
from bot.services.errors import DomainError, NotAllowed, NotFound
from bot.services.kinds import Kind
from bot.services.network import members_of_approved_orgs
from bot.services.text import clean_line
from db.models import (
    Ballot,
    Meeting,
    MeetingStatus,
    MemberRole,
    Membership,
    Motion,
    MotionStatus,
    MotionVoters,
    Organization,
    OrgStatus,
    Outbox,
    Person,
)
from db.queries import insert_or_ignore

QUESTION_LIMIT = 300
OPTION_LIMIT = 60
MIN_OPTIONS, MAX_OPTIONS = 2, 8
# The standard options, shown in each reader's language.
STANDARD = ("motion-option-yes", "motion-option-no", "motion-option-abstain")
BALLOT_DATA = CallbackData("mo")


# --- what a coordinator types ---------------------------------------------------------------


def clean_question(text: str | None) -> str:
    return clean_line(text, limit=QUESTION_LIMIT)


def parse_options(text: str) -> list[str]:
    """Custom options, one per line: 2 to 8, each at most 60 characters, no repeats."""
    options = [" ".join(line.split()) for line in text.splitlines()]
    options = [option for option in options if option]
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        raise DomainError("motion-options-count", low=MIN_OPTIONS, high=MAX_OPTIONS)
    for option in options:
        if len(option) > OPTION_LIMIT:
            raise DomainError("motion-option-too-long", limit=OPTION_LIMIT)
    if len({option.casefold() for option in options}) != len(options):
        raise DomainError("motion-options-repeated")
    return options


_PERCENT = re.compile(r"([0-9]{1,3})\s*[%٪]?")


def parse_quorum(text: str) -> int:
    """A quorum typed as `50` or `50%` (Latin or Persian digits), 0 to 100."""
    found = _PERCENT.fullmatch(normalize_digits(text.strip()))
    if found is None or int(found.group(1)) > 100:
        raise DomainError("motion-quorum-invalid")
    return int(found.group(1))


@dataclass(frozen=True)
class Draft:
    """A motion as the coordinator described it, already checked."""

    meeting_id: int
    question: str
    options: list[str] | None
    voters: MotionVoters
    secret: bool
    quorum_percent: int
    closes_at: datetime


def labels(motion: Motion) -> list[Msg | str]:
    """The options as people see them: the coordinator's words, or the standard three."""
    if motion.options:
        return list(motion.options)
    return [msg(key) for key in STANDARD]


def check_closing(closes_at: datetime, now: datetime) -> datetime:
    if closes_at <= now:
        raise DomainError("motion-closes-past")
    return closes_at


# --- opening ---------------------------------------------------------------------------------


async def open_motion(session: AsyncSession, clock: Clock, actor: Actor, draft: Draft) -> Motion:
    """Open a motion and queue its ballots; who gets one is decided when they are sent."""
    actor.require_coordinator()
    now = clock.now()
    meeting = await session.get(Meeting, draft.meeting_id)
    if meeting is None or meeting.status == MeetingStatus.CANCELLED:
        raise NotFound("error-stale-button")
    motion = Motion(
        meeting_id=meeting.id,
        question=draft.question,
        options=draft.options,
        voters=draft.voters,
        secret=draft.secret,
        quorum_percent=draft.quorum_percent,
        opens_at=now,
        closes_at=check_closing(draft.closes_at, now),
        status=MotionStatus.OPEN,
        result_posted=False,
        created_by_id=actor.person_id,
        created_at=now,
    )
    session.add(motion)
    await session.flush()
    kind = Kind.BALLOT if motion.voters == MotionVoters.MEMBER else Kind.ORG_BALLOT
    await outbox.enqueue(
        session,
        clock,
        kind=kind,
        fanout=True,
        meeting_id=meeting.id,
        dedupe_key=f"{kind}:mo{motion.id}",
        due_at=now,
        not_after=motion.closes_at,
        payload={"motion_id": motion.id},
    )
    audit.record(
        session, clock, actor.person, "motion.opened", "motion", motion.id, meeting=meeting.id
    )
    return motion


# --- who votes -------------------------------------------------------------------------------


def _org_voters() -> Any:
    """Each approved organization's voice: its delegate, or its admins while it names none."""
    other = aliased(Membership)
    no_delegate = ~exists(
        select(other.id).where(
            other.organization_id == Membership.organization_id, other.is_delegate.is_(True)
        )
    )
    return (
        select(Membership.person_id)
        .join(Organization, Organization.id == Membership.organization_id)
        .where(
            Organization.status == OrgStatus.APPROVED,
            or_(
                Membership.is_delegate.is_(True),
                and_(Membership.role == MemberRole.ADMIN, no_delegate),
            ),
        )
    )


def member_voters(_meeting_id: int) -> Any:
    """Person ids who get a per-member ballot: members of approved organizations."""
    return members_of_approved_orgs()


def organization_voters(_meeting_id: int) -> Any:
    """Person ids who get a per-organization ballot: delegates, or admins without one."""
    return _org_voters()


async def _has_delegate(session: AsyncSession, organization_id: int) -> bool:
    found = await session.execute(
        select(
            exists().where(
                Membership.organization_id == organization_id, Membership.is_delegate.is_(True)
            )
        )
    )
    return bool(found.scalar())


async def voting_seats(session: AsyncSession, motion: Motion, actor: Actor) -> list[Seat | None]:
    """Whom the actor votes for on this motion: themselves (None), or organizations."""
    if motion.voters == MotionVoters.MEMBER:
        return [None] if actor.member else []
    seats: list[Seat | None] = []
    for seat in actor.seats:
        if seat.delegate or (seat.admin and not await _has_delegate(session, seat.organization_id)):
            seats.append(seat)
    return seats


async def eligible_count(session: AsyncSession, motion: Motion) -> int:
    """How many voters the motion has now: members, or organizations with someone to vote."""
    return await _eligible(session, motion.voters)


async def _eligible(session: AsyncSession, voters: MotionVoters) -> int:
    """How many voters of this kind there are now: the same for every motion of the kind."""
    if voters == MotionVoters.MEMBER:
        query = (
            select(func.count(func.distinct(Membership.person_id)))
            .join(Organization, Organization.id == Membership.organization_id)
            .where(Organization.status == OrgStatus.APPROVED)
        )
    else:
        query = select(func.count(func.distinct(Membership.organization_id))).where(
            Membership.person_id.in_(_org_voters()),
            Membership.organization_id.in_(
                select(Organization.id).where(Organization.status == OrgStatus.APPROVED)
            ),
            or_(
                Membership.is_delegate.is_(True),
                Membership.role == MemberRole.ADMIN,
            ),
        )
    return int((await session.execute(query)).scalar_one())


# --- casting ---------------------------------------------------------------------------------


async def lock(session: AsyncSession, motion_id: int) -> Motion:
    """The motion, locked until the transaction ends: a ballot and the closing cannot cross."""
    motion = await session.get(Motion, motion_id, with_for_update=True, populate_existing=True)
    if motion is None:
        raise NotFound("error-stale-button")
    return motion


def withdrawn(motion: Motion) -> bool:
    """Closed because its meeting was cancelled: closed with no result, where closing at its
    time always posts one (see close_due and close_with_meeting)."""
    return motion.status == MotionStatus.CLOSED and not motion.result_posted


def ensure_open(motion: Motion, now: datetime) -> None:
    if withdrawn(motion):
        raise DomainError("motion-closed-cancelled", question=motion.question)
    if motion.status != MotionStatus.OPEN or motion.closes_at <= now:
        raise DomainError("motion-closed", question=motion.question)


def _check_option(motion: Motion, option: int) -> None:
    if not 0 <= option < len(labels(motion)):
        raise DomainError("error-stale-button")


async def cast(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    motion_id: int,
    option: int,
    organization_id: int | None = None,
    *,
    proxy: Actor | None = None,
) -> Motion:
    """Record or change a ballot: the actor's own, or their organization's.

    With `proxy`, a coordinator records it for the actor, who has no phone.
    """
    # Before anything about the motion is looked at: a stranger learns nothing from its id.
    if not actor.member:
        raise NotAllowed("motion-not-member")
    motion = await lock(session, motion_id)
    ensure_open(motion, clock.now())
    _check_option(motion, option)
    seats = await voting_seats(session, motion, actor)
    if motion.voters == MotionVoters.MEMBER:
        if organization_id is not None:
            raise DomainError("error-stale-button")
        voter: dict[str, int | None] = {"person_id": actor.person_id, "organization_id": None}
        conflict = ["motion_id", "person_id"]
    else:
        if organization_id is None or not any(
            seat is not None and seat.organization_id == organization_id for seat in seats
        ):
            raise NotAllowed("motion-not-delegate")
        voter = {"person_id": None, "organization_id": organization_id}
        conflict = ["motion_id", "organization_id"]
    now = clock.now()
    cast_by = proxy.person if proxy is not None else actor.person
    values = {
        "motion_id": motion.id,
        **voter,
        "option": option,
        "cast_by_id": cast_by.id,
        "by_proxy": proxy is not None,
        "cast_at": now,
    }
    # Two taps at once: the unique constraint keeps one row, the update sets the last choice.
    await session.execute(insert_or_ignore(session, Ballot, conflict, values))
    column = Ballot.person_id if voter["person_id"] is not None else Ballot.organization_id
    await session.execute(
        update(Ballot)
        .where(Ballot.motion_id == motion.id, column == (voter["person_id"] or organization_id))
        .values(option=option, cast_by_id=cast_by.id, by_proxy=proxy is not None, cast_at=now)
        .execution_options(synchronize_session=False)
    )
    if proxy is not None:
        audit.record(
            session,
            clock,
            proxy.person,
            "ballot.proxy",
            "motion",
            motion.id,
            person=actor.person_id,
            organization=organization_id,
        )
    return motion


async def actor_for(session: AsyncSession, person: Person, configured: Collection[int]) -> Actor:
    """The actor someone without a phone is, for a coordinator acting on their behalf."""
    return await actor_of(session, person, configured)


async def choices(session: AsyncSession, motion: Motion, actor: Actor) -> dict[int | None, int]:
    """The actor's current choices on the motion, by organization (None: their own)."""
    if motion.voters == MotionVoters.MEMBER:
        option = (
            await session.execute(
                select(Ballot.option).where(
                    Ballot.motion_id == motion.id, Ballot.person_id == actor.person_id
                )
            )
        ).scalar_one_or_none()
        return {} if option is None else {None: option}
    found = await session.execute(
        select(Ballot.organization_id, Ballot.option).where(
            Ballot.motion_id == motion.id,
            Ballot.organization_id.in_(list(actor.organization_ids)),
        )
    )
    return {org: option for org, option in found}


async def get(session: AsyncSession, motion_id: int) -> Motion:
    motion = await session.get(Motion, motion_id)
    if motion is None:
        raise NotFound("error-stale-button")
    return motion


async def open_for(session: AsyncSession, clock: Clock, actor: Actor) -> list[Motion]:
    """The open motions the actor has a ballot in, soonest closing first."""
    if not actor.member:
        raise NotAllowed("motion-not-member")
    found = await session.scalars(
        select(Motion)
        .where(Motion.status == MotionStatus.OPEN, Motion.closes_at > clock.now())
        .order_by(Motion.closes_at, Motion.id)
    )
    return [m for m in found if await voting_seats(session, m, actor)]


async def open_motions(session: AsyncSession, clock: Clock, actor: Actor) -> list[Motion]:
    """Every open motion, for a coordinator."""
    actor.require_coordinator()
    found = await session.scalars(
        select(Motion)
        .where(Motion.status == MotionStatus.OPEN, Motion.closes_at > clock.now())
        .order_by(Motion.closes_at, Motion.id)
    )
    return list(found)


async def closed_recently(
    session: AsyncSession, clock: Clock, actor: Actor, *, within: timedelta, limit: int = 10
) -> list[Motion]:
    """The motions closed in the last `within`, latest first, for a coordinator."""
    actor.require_coordinator()
    found = await session.scalars(
        select(Motion)
        .where(Motion.status == MotionStatus.CLOSED, Motion.closes_at > clock.now() - within)
        .order_by(Motion.closes_at.desc(), Motion.id.desc())
        .limit(limit)
    )
    return list(found)


# --- the ballot message ----------------------------------------------------------------------


def ballot_message(
    motion: Motion, timezone: str, seats: Sequence[Seat | None], current: dict[int | None, int]
) -> tuple[Msg, Keyboard]:
    """The ballot: the question, the current choice(s), and a row of options per seat."""
    options = labels(motion)
    chosen: list[Msg] = []
    keyboard: list[list[Button]] = []
    for seat in seats:
        org_id = seat.organization_id if seat is not None else None
        picked = current.get(org_id)
        if seat is not None:
            keyboard.append([Button(seat.organization_name, BALLOT_DATA.build("org", motion.id))])
        row = [
            Button(
                msg("motion-button-chosen", option=label) if index == picked else label,
                BALLOT_DATA.build("v", motion.id, index, org_id or 0),
            )
            for index, label in enumerate(options)
        ]
        keyboard.extend([row[i : i + 2] for i in range(0, len(row), 2)] if len(row) > 3 else [row])
        if picked is not None:
            chosen.append(
                msg("motion-your-choice", option=options[picked])
                if seat is None
                else msg(
                    "motion-org-choice", organization=seat.organization_name, option=options[picked]
                )
            )
    text = msg(
        "motion-ballot",
        question=motion.question,
        closes=When(motion.closes_at, timezone),
        how=msg("motion-secret-note" if motion.secret else "motion-public-note"),
        choice=_chain(chosen) if chosen else msg("motion-no-choice-yet"),
    )
    return text, keyboard


def _chain(lines: Sequence[Msg]) -> Msg:
    """Several lines as one message parameter: each line carries the rest."""
    result = msg("blank")
    for line in reversed(lines):
        result = msg("motion-line", line=line, rest=result)
    return result


@dataclass(frozen=True)
class BallotFacts:
    """What one queued ballot is judged and rendered from, read when it is sent."""

    motion: Motion | None
    timezone: str
    seats: list[Seat | None]
    current: dict[int | None, int]


async def ballot_facts(
    session: AsyncSession, rows: Sequence[Outbox], configured: Collection[int]
) -> dict[int, BallotFacts]:
    """Each ballot row's motion and the recipient's seats now, for the delivery registry."""
    result: dict[int, BallotFacts] = {}
    for row in rows:
        motion_id = row.payload.get("motion_id")
        motion = await session.get(Motion, motion_id) if isinstance(motion_id, int) else None
        person = await session.get(Person, row.person_id) if row.person_id else None
        if motion is None or person is None:
            result[row.id] = BallotFacts(motion, "UTC", [], {})
            continue
        actor = await actor_of(session, person, configured)
        seats = await voting_seats(session, motion, actor)
        meeting = await session.get(Meeting, motion.meeting_id)
        timezone = meeting.timezone if meeting is not None else "UTC"
        current = await choices(session, motion, actor)
        result[row.id] = BallotFacts(motion, timezone, seats, current)
    return result


def ballot_stale(facts: BallotFacts | None, now: datetime) -> str | None:
    if facts is None or facts.motion is None:
        return "motion gone"
    if facts.motion.status != MotionStatus.OPEN or facts.motion.closes_at <= now:
        return "motion closed"
    if not facts.seats:
        return "not a voter"
    return None


# --- counting and closing --------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """A motion's count: per option, turnout, quorum and the outcome."""

    counts: list[int]
    cast: int
    by_proxy: int
    eligible: int
    quorum_met: bool
    # The option with the most votes; None for a tie (or no quorum): no decision.
    outcome: int | None


def decide(counts: Sequence[int], eligible: int, quorum_percent: int, by_proxy: int) -> Result:
    """The counting rules, on numbers alone.

    The quorum is met when cast / eligible ≥ quorum (exactly at the threshold counts); with
    nobody eligible it is not met. The outcome is the option with the most votes; a tie at
    the top, or a quorum not met, decides nothing.
    """
    cast_total = sum(counts)
    quorum_met = eligible > 0 and cast_total * 100 >= quorum_percent * eligible
    outcome: int | None = None
    if quorum_met and counts:
        top = max(counts)
        leaders = [index for index, count in enumerate(counts) if count == top]
        if top > 0 and len(leaders) == 1:
            outcome = leaders[0]
    return Result(list(counts), cast_total, by_proxy, eligible, quorum_met, outcome)


def _counted(voters: MotionVoters) -> Any:
    """Ballots of voters who still are voters: a removed member's or a suspended org's
    ballot no longer counts, as they no longer count among the eligible."""
    if voters == MotionVoters.MEMBER:
        return Ballot.person_id.in_(members_of_approved_orgs())
    return Ballot.organization_id.in_(
        select(Organization.id).where(Organization.status == OrgStatus.APPROVED)
    )


async def tally(session: AsyncSession, motion: Motion) -> Result:
    """Count the motion's ballots as they stand now."""
    return (await tallies(session, [motion]))[motion.id]


async def tallies(session: AsyncSession, found: Sequence[Motion]) -> dict[int, Result]:
    """Count the ballots of several motions as they stand now, by motion id.

    The ballots are counted in the database, all motions in one statement; the eligible
    voters once per kind of motion (per member, per organization): a meeting with many
    motions costs a few statements, not a few per motion.
    """
    if not found:
        return {}
    by_kind: dict[MotionVoters, list[int]] = {}
    for motion in found:
        by_kind.setdefault(motion.voters, []).append(motion.id)
    rows = await session.execute(
        select(Ballot.motion_id, Ballot.option, Ballot.by_proxy, func.count())
        .where(
            or_(
                *(
                    and_(Ballot.motion_id.in_(ids), _counted(voters))
                    for voters, ids in by_kind.items()
                )
            )
        )
        .group_by(Ballot.motion_id, Ballot.option, Ballot.by_proxy)
    )
    counts = {motion.id: [0] * len(labels(motion)) for motion in found}
    proxied = dict.fromkeys(counts, 0)
    for motion_id, option, by_proxy, count in rows:
        if 0 <= option < len(counts[motion_id]):
            counts[motion_id][option] += int(count)
            proxied[motion_id] += int(count) if by_proxy else 0
    eligible = {voters: await _eligible(session, voters) for voters in by_kind}
    return {
        motion.id: decide(
            counts[motion.id], eligible[motion.voters], motion.quorum_percent, proxied[motion.id]
        )
        for motion in found
    }


def result_message(motion: Motion, result: Result) -> Msg:
    options = labels(motion)
    lines = [
        msg("motion-result-option", option=label, count=count)
        for label, count in zip(options, result.counts, strict=True)
    ]
    if result.outcome is not None:
        outcome = msg("motion-outcome", option=options[result.outcome])
    elif not result.quorum_met:
        outcome = msg("motion-outcome-no-quorum")
    else:
        outcome = msg("motion-outcome-tie")
    return msg(
        "motion-result",
        question=motion.question,
        options=_chain(lines),
        cast=result.cast,
        eligible=result.eligible,
        quorum=motion.quorum_percent,
        quorum_state=msg("motion-quorum-met" if result.quorum_met else "motion-quorum-not-met"),
        proxies=msg("motion-proxies", count=result.by_proxy) if result.by_proxy else msg("blank"),
        outcome=outcome,
    )


async def close_due(
    session: AsyncSession, clock: Clock, configured: Collection[int]
) -> list[tuple[Motion, Result]]:
    """Close the motions whose time is up and queue their results, once each.

    The motion is marked closed in the same transaction as its results are queued, and the
    results' dedupe keys name the motion: a restart neither loses nor repeats them.
    """
    now = clock.now()
    due = await session.scalars(
        select(Motion)
        .where(Motion.status == MotionStatus.OPEN, Motion.closes_at <= now)
        .order_by(Motion.closes_at, Motion.id)
        .with_for_update(skip_locked=True)
    )
    closed: list[tuple[Motion, Result]] = []
    for motion in list(due):
        result = await tally(session, motion)
        motion.status = MotionStatus.CLOSED
        motion.result_posted = True
        motion.result_posted_at = now
        text = result_message(motion, result)
        chat = await coordination_chat(session)
        if chat is not None:
            await outbox.enqueue(
                session,
                clock,
                kind=Kind.MOTION_RESULT,
                chat_id=chat.tg_chat_id,
                dedupe_key=f"{Kind.MOTION_RESULT}:mo{motion.id}:group",
                due_at=now,
                payload={"text": to_data(text)},
            )
        for coordinator in await people.coordinators(session, configured):
            await notices.notify(
                session, clock, coordinator, text, f"motion-result:mo{motion.id}:p{coordinator.id}"
            )
        audit.record(
            session,
            clock,
            None,
            "motion.closed",
            "motion",
            motion.id,
            cast=result.cast,
            eligible=result.eligible,
            outcome=result.outcome,
        )
        closed.append((motion, result))
    return closed


async def close_with_meeting(
    session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int
) -> list[Motion]:
    """Close the open motions of a meeting being cancelled, in the same transaction.

    Nothing was decided, so no result is posted, now or at their closing time, and the
    ballots not yet sent are dropped. A motion whose time was already up was decided before
    the cancellation: it is left for close_due, which posts its result.
    """
    actor.require_coordinator()
    now = clock.now()
    found = await session.scalars(
        select(Motion)
        .where(
            Motion.meeting_id == meeting_id,
            Motion.status == MotionStatus.OPEN,
            Motion.closes_at > now,
        )
        .order_by(Motion.id)
        .with_for_update()
    )
    closed = list(found)
    for motion in closed:
        motion.status = MotionStatus.CLOSED
        audit.record(
            session,
            clock,
            actor.person,
            "motion.withdrawn",
            "motion",
            motion.id,
            meeting=meeting_id,
        )
    if closed:
        await outbox.skip_pending(
            session, meeting_id, [Kind.BALLOT, Kind.ORG_BALLOT], reason="meeting cancelled"
        )
    return closed


async def next_closing(session: AsyncSession) -> datetime | None:
    found = await session.execute(
        select(func.min(Motion.closes_at)).where(Motion.status == MotionStatus.OPEN)
    )
    value: datetime | None = found.scalar()
    return value


# --- who voted how: public motions only, for coordinators ------------------------------------


@dataclass(frozen=True)
class VoterChoice:
    name: str
    option: int
    by_proxy: bool


async def ballot_list(
    session: AsyncSession, actor: Actor, motion_id: int
) -> tuple[Motion, list[VoterChoice]]:
    """Who chose what on a public motion; a secret motion's ballots are never listed."""
    actor.require_coordinator()
    motion = await get(session, motion_id)
    if motion.secret:
        raise NotAllowed("motion-secret-list")
    voter_name = func.coalesce(Organization.name, Person.first_name)
    rows = await session.execute(
        select(voter_name, Ballot.option, Ballot.by_proxy)
        .select_from(Ballot)
        .outerjoin(Person, Person.id == Ballot.person_id)
        .outerjoin(Organization, Organization.id == Ballot.organization_id)
        .where(Ballot.motion_id == motion.id)
        .order_by(voter_name)
    )
    return motion, [VoterChoice(str(name), option, bool(proxy)) for name, option, proxy in rows]


def closes_choice(choice: str, meeting: Meeting, now: datetime, length: timedelta) -> datetime:
    """When a motion closes, from a button: at the meeting's start, its end (the meeting
    length of the settings, as in the calendar file), or in 24 hours."""
    if choice == "start":
        return meeting.starts_at
    if choice == "end":
        return meeting.starts_at + length
    if choice == "24h":
        return now + timedelta(hours=24)
    raise DomainError("error-stale-button")
