"""The delivery registry: every kind declared once, and meeting messages only to the network."""

from __future__ import annotations

import ast
from collections.abc import Collection
from datetime import timedelta
from pathlib import Path

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FakeClock
from bot.i18n import msg
from bot.services import delivery, meetings, notices, outbox, rsvp
from bot.services.delivery import REGISTRY, Audience, Rendered
from bot.services.kinds import Kind
from db.models import Membership, Organization, OrgStatus, Outbox, RsvpAnswer
from tests.factories import act, make_person
from tests.unit.meeting_factories import (
    deliver,
    fan_out,
    make_coordinator,
    make_meeting,
    make_members,
    outbox_rows,
    recipients_of,
)

ROOT = Path(__file__).resolve().parents[2]
FAN_OUTS = {
    Kind.INVITATION,
    Kind.REMINDER,
    Kind.NUDGE,
    Kind.CHANGE,
    Kind.CANCELLATION,
    Kind.CARD_EDIT,
    Kind.BALLOT,
    Kind.ORG_BALLOT,
    Kind.BROADCAST,
    Kind.ACTION_DUE,
}


def _kinds_named_in_services() -> set[str]:
    """Every `Kind.<NAME>` the services mention: the kinds they can write to the outbox."""
    names: set[str] = set()
    for path in sorted((ROOT / "bot" / "services").rglob("*.py")):
        if path.name in ("delivery.py", "kinds.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "Kind"
            ):
                names.add(node.attr)
    return names


def test_every_kind_the_services_write_is_declared_and_nothing_else() -> None:
    assert _kinds_named_in_services() == {kind.name for kind in REGISTRY}
    assert set(REGISTRY) == set(Kind)


def test_fan_out_kinds_say_who_receives_them_and_each_copys_key() -> None:
    for kind, spec in REGISTRY.items():
        # A fan-out about a meeting names its recipients by meeting; a broadcast, by its row.
        assert (spec.recipients is not None or spec.reach is not None) == (kind in FAN_OUTS), kind
        assert (spec.person_key is not None) == (kind in FAN_OUTS), kind
        # Every message about a meeting is for the network only.
        # A concern's decision and the digest are about the person's own concern or role.
        personal = (Kind.NOTICE, Kind.GROUP, Kind.CARD_RETIRE, Kind.CONCERN_DECISION)
        # A motion's result goes to the coordination group; a meeting's summary to the group
        # and to each coordinator, whose copy is dropped if they no longer are one.
        if kind not in (*personal, Kind.CONCERN_DIGEST, Kind.MOTION_RESULT, Kind.SUMMARY):
            assert spec.audience == Audience.NETWORK, kind


async def _render(
    session: AsyncSession,
    clock: FakeClock,
    rows: list[Outbox],
    coordinators: Collection[int] = (),
) -> dict[int, Rendered | str]:
    return await delivery.render_wave(
        session, rows, now=clock.now(), coordinators=coordinators, default_language="en"
    )


async def test_a_member_removed_after_the_fan_out_is_skipped_with_the_reason(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (stays, leaves) = await make_members(session, clock, 2)
    await make_meeting(session, clock, starts_in=timedelta(days=3))
    await fan_out(session, clock)
    assert await recipients_of(session, Kind.INVITATION) == sorted([stays.id, leaves.id])
    await session.execute(delete(Membership).where(Membership.person_id == leaves.id))
    rows = await outbox_rows(session, kind=Kind.INVITATION, fanout=False)

    rendered = await _render(session, clock, rows)

    by_person = {row.person_id: rendered[row.id] for row in rows}
    assert by_person[leaves.id] == delivery.NOT_IN_NETWORK
    assert isinstance(by_person[stays.id], Rendered)


async def test_a_coordinator_in_no_organization_still_receives_meeting_messages(
    session: AsyncSession, clock: FakeClock
) -> None:
    configured = await make_person(session, clock)
    promoted = await make_coordinator(session, clock)
    stranger = await make_person(session, clock)
    meeting = await make_meeting(session, clock, by=promoted)
    for person in (configured, promoted, stranger):
        key = f"{Kind.CHANGE}:m{meeting.id}:p{person.id}"
        await meetings.message_person(session, clock, meeting, person, Kind.CHANGE, key)
    rows = await outbox_rows(session, kind=Kind.CHANGE)

    rendered = await _render(session, clock, rows, coordinators={configured.tg_user_id})

    verdicts = {row.person_id: isinstance(rendered[row.id], Rendered) for row in rows}
    assert verdicts == {configured.id: True, promoted.id: True, stranger.id: False}


async def test_a_notice_to_someone_outside_the_network_is_still_sent(
    session: AsyncSession, clock: FakeClock
) -> None:
    registrant = await make_person(session, clock)
    await notices.notify(session, clock, registrant, msg("promote-notice"), "decision:o1")
    rows = await outbox_rows(session, kind=Kind.NOTICE)
    assert isinstance((await _render(session, clock, rows))[rows[0].id], Rendered)


async def test_a_suspended_organization_is_left_out_of_the_next_fan_out(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    _org, (member,) = await make_members(session, clock, 1)
    _other, (other,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock, starts_in=timedelta(days=3), by=coordinator)
    await fan_out(session, clock)
    await deliver(session, clock)
    actor = await act(session, member, ())
    await rsvp.record(session, clock, actor, meeting.id, RsvpAnswer.GOING)
    await session.execute(
        update(Organization).where(Organization.id == _org.id).values(status=OrgStatus.SUSPENDED)
    )
    change = meetings.Change(venue="Elsewhere", fields=("venue",))
    by = await act(session, coordinator, ())
    await meetings.edit(session, clock, by, meeting.id, change, meetings.DeliveryPlan())
    await fan_out(session, clock)
    assert await recipients_of(session, Kind.CHANGE) == [other.id]


async def test_the_latecomers_invitation_and_the_fan_outs_copy_share_one_key(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (member,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock, starts_in=timedelta(days=3))
    (fan,) = await outbox.claim(session, clock, fanout=True)
    spec = REGISTRY[Kind.INVITATION]
    assert spec.person_key is not None
    assert spec.person_key(fan, member.id) == delivery.invitation_key(meeting.id, member.id)
