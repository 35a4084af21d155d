"""Who is told what when a meeting moves or is cancelled, and when the outbox gives up."""

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FakeClock
from bot.services import meetings, outbox, rsvp
from db.models import OutboxStatus, RsvpAnswer
from tests.factories import act
from tests.unit.meeting_factories import (
    PLAN,
    deliver,
    fan_out,
    make_coordinator,
    make_meeting,
    make_members,
    outbox_rows,
    recipients_of,
)


async def test_a_meeting_moved_later_keeps_its_waiting_invitations_useful(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    _org, people = await make_members(session, clock, 2)
    meeting = await make_meeting(session, clock, starts_in=timedelta(hours=5), by=coordinator)
    await fan_out(session, clock)
    later = meeting.starts_at + timedelta(days=2)
    change = meetings.Change(starts_at=later, fields=("time",))
    await meetings.edit(
        session, clock, await act(session, coordinator, ()), meeting.id, change, PLAN
    )
    invitations = await outbox_rows(session, kind=meetings.INVITATION, fanout=False)
    assert {row.not_after for row in invitations} == {later}
    clock.advance(timedelta(hours=6))  # past the old start, before the new one
    assert await deliver(session, clock) == len(people)


async def test_no_nudge_is_planned_before_the_invitations_go_out(
    session: AsyncSession, clock: FakeClock
) -> None:
    plan = meetings.DeliveryPlan(invitation_lead=timedelta(days=2), nudge=timedelta(days=3))
    meeting = await make_meeting(session, clock, starts_in=timedelta(days=10), plan=plan)
    assert await outbox_rows(session, kind=meetings.NUDGE, meeting_id=meeting.id) == []


async def test_a_coordinator_outside_every_organization_who_answered_hears_of_a_cancellation(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock, starts_in=timedelta(hours=5), by=coordinator)
    await fan_out(session, clock)
    await deliver(session, clock)
    await rsvp.record(
        session, clock, await act(session, coordinator, ()), meeting.id, RsvpAnswer.GOING
    )
    await meetings.cancel(session, clock, await act(session, coordinator, ()), meeting.id)
    await fan_out(session, clock)
    assert coordinator.id in await recipients_of(session, meetings.CANCELLATION)


async def test_an_invitation_in_flight_counts_as_invited_for_a_cancellation(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    _org, (member,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock, starts_in=timedelta(hours=5), by=coordinator)
    await fan_out(session, clock)
    (in_flight,) = await outbox.claim(session, clock, fanout=False)
    await meetings.cancel(session, clock, await act(session, coordinator, ()), meeting.id)
    await fan_out(session, clock)
    assert in_flight.status == OutboxStatus.SENDING
    assert await recipients_of(session, meetings.CANCELLATION) == [member.id]
