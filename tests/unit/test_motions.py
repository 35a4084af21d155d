"""Motions: who votes, changes of mind, the counting rules and closing once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.clock import FakeClock
from bot.services import meetings, motions, proxy
from bot.services.errors import DomainError, NotAllowed
from bot.services.kinds import Kind
from db.models import (
    AuditLog,
    Ballot,
    Membership,
    Motion,
    MotionStatus,
    MotionVoters,
    Organization,
    OrgStatus,
    Outbox,
    OutboxStatus,
    Person,
)
from tests.factories import act, make_org, make_person
from tests.statements import statements
from tests.unit.meeting_factories import make_coordinator, make_meeting, make_members

HOUR = timedelta(hours=1)
YES, NO, ABSTAIN = 0, 1, 2


@pytest.mark.parametrize(
    ("counts", "eligible", "quorum", "met", "outcome"),
    [
        pytest.param([2, 1, 0], 6, 50, True, YES, id="exactly-at-the-threshold-counts-as-met"),
        pytest.param([2, 0, 0], 6, 50, False, None, id="one-short-of-the-threshold"),
        pytest.param([0, 0, 0], 0, 0, False, None, id="zero-eligible-is-never-a-quorum"),
        pytest.param([0, 0, 0], 0, 50, False, None, id="zero-eligible-no-division"),
        pytest.param([2, 2, 1], 5, 50, True, None, id="a-tie-at-the-top-decides-nothing"),
        pytest.param([1, 3, 2], 6, 0, True, NO, id="most-votes-wins"),
        pytest.param([0, 0, 0], 4, 0, True, None, id="no-ballots-no-decision"),
        pytest.param([1, 0, 0], 3, 34, False, None, id="a-third-is-under-34-percent"),
        pytest.param([1, 0, 0], 3, 33, True, YES, id="a-third-is-over-33-percent"),
    ],
)
def test_the_counting_rules(
    counts: list[int], eligible: int, quorum: int, met: bool, outcome: int | None
) -> None:
    result = motions.decide(counts, eligible, quorum, 0)
    assert (result.cast, result.quorum_met, result.outcome) == (sum(counts), met, outcome)


def test_options_are_checked() -> None:
    assert motions.parse_options(" Build a well \n\n Repair the road ") == [
        "Build a well",
        "Repair the road",
    ]
    for bad in ("only one", "\n".join(f"o{i}" for i in range(9)), "a\n" + "x" * 61, "a\nA"):
        with pytest.raises(DomainError):
            motions.parse_options(bad)
    assert motions.parse_quorum("۵۰٪") == 50
    with pytest.raises(DomainError):
        motions.parse_quorum("101")


async def _motion(
    session: AsyncSession,
    clock: FakeClock,
    voters: MotionVoters = MotionVoters.MEMBER,
    *,
    quorum: int = 50,
    options: list[str] | None = None,
    secret: bool = True,
) -> Motion:
    coordinator = await make_coordinator(session, clock)
    meeting = await make_meeting(session, clock)
    draft = motions.Draft(
        meeting_id=meeting.id,
        question="Adopt the security plan?",
        options=options,
        voters=voters,
        secret=secret,
        quorum_percent=quorum,
        closes_at=clock.now() + HOUR,
    )
    return await motions.open_motion(session, clock, await act(session, coordinator), draft)


async def _vote(
    session: AsyncSession,
    clock: FakeClock,
    person: Person,
    motion: Motion,
    option: int,
    org: int | None = None,
) -> None:
    await motions.cast(session, clock, await act(session, person), motion.id, option, org)


async def test_per_member_ballots_count_the_last_choice_of_each_member(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, people = await make_members(session, clock, 4)
    motion = await _motion(session, clock)
    await _vote(session, clock, people[0], motion, YES)
    await _vote(session, clock, people[1], motion, NO)
    await _vote(session, clock, people[1], motion, YES)  # a change of mind
    result = await motions.tally(session, motion)
    assert (result.counts, result.cast, result.eligible) == ([2, 0, 0], 2, 4)
    assert (result.quorum_met, result.outcome) == (True, YES)
    assert await session.scalar(select(func.count()).select_from(Ballot)) == 2


async def test_a_stranger_cannot_vote_and_nothing_is_saved(
    session: AsyncSession, clock: FakeClock
) -> None:
    motion = await _motion(session, clock)
    stranger = await make_person(session, clock)
    with pytest.raises(NotAllowed) as refused:
        await _vote(session, clock, stranger, motion, YES)
    assert refused.value.key == "motion-not-member"
    assert await session.scalar(select(func.count()).select_from(Ballot)) == 0


async def test_a_ballot_after_closing_is_refused(session: AsyncSession, clock: FakeClock) -> None:
    _org, (member,) = await make_members(session, clock, 1)
    motion = await _motion(session, clock)
    clock.advance(HOUR)
    with pytest.raises(DomainError) as refused:
        await _vote(session, clock, member, motion, YES)
    assert refused.value.key == "motion-closed"


async def test_per_organization_the_delegate_votes_or_the_admin_without_one(
    session: AsyncSession, clock: FakeClock
) -> None:
    admin, delegate, member = [await make_person(session, clock) for _ in range(3)]
    with_delegate = await make_org(session, clock, admin, admins=(admin,), members=(delegate,))
    lone_admin = await make_person(session, clock)
    without = await make_org(session, clock, lone_admin, admins=(lone_admin,), members=(member,))
    await session.execute(
        update(Membership).where(Membership.person_id == delegate.id).values(is_delegate=True)
    )
    motion = await _motion(session, clock, MotionVoters.ORGANIZATION, quorum=100)

    for person, org in ((admin, with_delegate.id), (member, without.id)):
        with pytest.raises(NotAllowed) as refused:
            await _vote(session, clock, person, motion, YES, org)
        assert refused.value.key == "motion-not-delegate"
    await _vote(session, clock, delegate, motion, NO, with_delegate.id)
    await _vote(session, clock, lone_admin, motion, NO, without.id)
    await _vote(session, clock, lone_admin, motion, YES, without.id)  # changed
    result = await motions.tally(session, motion)
    assert (result.counts, result.eligible, result.quorum_met, result.outcome) == (
        [1, 1, 0],
        2,
        True,
        None,  # one each: a tie decides nothing
    )


async def test_closing_posts_the_result_once_and_counts_proxies(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, people = await make_members(session, clock, 2)
    motion = await _motion(session, clock, quorum=100)
    coordinator = await make_coordinator(session, clock)
    await _vote(session, clock, people[0], motion, NO)
    await proxy.cast_by_proxy(
        session, clock, await act(session, coordinator), (), people[1].id, motion.id, NO
    )
    assert await motions.close_due(session, clock, ()) == []  # not yet due
    clock.advance(HOUR)
    ((closed, result),) = await motions.close_due(session, clock, ())
    assert (result.counts, result.by_proxy, result.outcome) == ([0, 2, 0], 1, NO)
    assert closed.status == MotionStatus.CLOSED and closed.result_posted
    assert await motions.close_due(session, clock, ()) == []  # once
    notices = await session.scalars(select(Outbox.dedupe_key).where(Outbox.kind == Kind.NOTICE))
    assert all(f"motion-result:mo{motion.id}" in key for key in notices)
    audit = await session.scalars(select(AuditLog.action).order_by(AuditLog.id))
    assert "ballot.proxy" in list(audit)


async def test_cancelling_the_meeting_closes_its_open_motions_with_no_result(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (member,) = await make_members(session, clock, 1)
    motion = await _motion(session, clock, quorum=0)
    await _vote(session, clock, member, motion, YES)
    coordinator = await act(session, await make_coordinator(session, clock))

    await meetings.cancel(session, clock, coordinator, motion.meeting_id)

    assert (motion.status, motion.result_posted) == (MotionStatus.CLOSED, False)
    assert motions.withdrawn(motion)
    with pytest.raises(DomainError) as refused:
        await _vote(session, clock, member, motion, NO)
    assert refused.value.key == "motion-closed-cancelled"
    clock.advance(HOUR)
    assert await motions.close_due(session, clock, ()) == []  # nothing posted, ever
    results = select(func.count()).where(Outbox.kind == Kind.MOTION_RESULT)
    assert await session.scalar(results) == 0
    ballots = await session.scalars(
        select(Outbox.status).where(Outbox.kind.in_((Kind.BALLOT, Kind.ORG_BALLOT)))
    )
    assert set(ballots) == {OutboxStatus.SKIPPED}
    actions = list(await session.scalars(select(AuditLog.action).order_by(AuditLog.id)))
    assert actions[-2:] == ["motion.withdrawn", "meeting.cancelled"]


async def test_a_motion_whose_time_was_up_before_the_cancellation_is_still_decided(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (member,) = await make_members(session, clock, 1)
    motion = await _motion(session, clock, quorum=0)
    await _vote(session, clock, member, motion, YES)
    clock.advance(HOUR)  # its time is up; the closing job has not run yet
    coordinator = await act(session, await make_coordinator(session, clock))
    await meetings.cancel(session, clock, coordinator, motion.meeting_id)
    ((closed, result),) = await motions.close_due(session, clock, ())
    assert closed.result_posted and result.outcome == YES
    assert not motions.withdrawn(closed)


async def test_several_motions_are_counted_at_once_as_each_alone_in_three_statements(
    session: AsyncSession, engine: AsyncEngine, clock: FakeClock
) -> None:
    admin, lone_admin, leaving, gone_admin = [await make_person(session, clock) for _ in range(4)]
    _org, people = await make_members(session, clock, 3)
    staying = await make_org(session, clock, admin, admins=(admin,), members=(leaving,))
    lone = await make_org(session, clock, lone_admin, admins=(lone_admin,))
    suspended = await make_org(session, clock, gone_admin, admins=(gone_admin,))
    per_member = await _motion(session, clock)
    custom = await _motion(session, clock, options=["North", "South", "East", "West"])
    per_org = await _motion(session, clock, MotionVoters.ORGANIZATION, quorum=100)
    for person, option in zip((*people, leaving), (YES, NO, YES, ABSTAIN), strict=True):
        await _vote(session, clock, person, per_member, option)
        await _vote(session, clock, person, custom, 3 - option)
    await proxy.cast_by_proxy(
        session,
        clock,
        await act(session, await make_coordinator(session, clock)),
        (),
        people[0].id,
        custom.id,
        2,
    )
    for person, org in ((admin, staying), (lone_admin, lone), (gone_admin, suspended)):
        await _vote(session, clock, person, per_org, NO, org.id)
    # A member who left and an organization suspended since: their ballots no longer count.
    await session.execute(delete(Membership).where(Membership.person_id == leaving.id))
    await session.execute(
        update(Organization)
        .where(Organization.id == suspended.id)
        .values(status=OrgStatus.SUSPENDED)
    )
    found = [per_member, custom, per_org]
    alone = {motion.id: await motions.tally(session, motion) for motion in found}

    with statements(engine) as sent:
        together = await motions.tallies(session, found)

    assert together == alone
    assert alone[per_member.id].counts == [2, 1, 0]
    assert (alone[custom.id].counts, alone[custom.id].by_proxy) == ([0, 0, 2, 1], 1)
    assert (alone[per_org.id].counts, alone[per_org.id].eligible) == ([0, 2, 0], 2)
    # The ballots of every motion in one statement, the eligible once per kind of motion.
    assert len(sent) == 3
    assert await motions.tallies(session, []) == {}
