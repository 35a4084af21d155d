"""Scheduling, editing and cancelling meetings, and who is sent what when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FakeClock
from bot.services import delivery, meetings, outbox, rsvp
from bot.services.errors import DomainError, NotAllowed
from bot.services.meetings import (
    CANCELLATION,
    INVITATION,
    NUDGE,
    PROMOTION,
    REMINDER,
    UPDATE,
    Change,
)
from db.models import (
    Meeting,
    MeetingStatus,
    MemberRole,
    Membership,
    Organization,
    OrgStatus,
    Outbox,
    OutboxStatus,
    Person,
    RsvpAnswer,
)
from tests.factories import act, make_org, make_person
from tests.unit.meeting_factories import (
    PLAN,
    deliver,
    fan_out,
    make_coordinator,
    make_draft,
    make_meeting,
    make_members,
    outbox_rows,
    recipients_of,
    rsvps,
)

MINUTE, HOUR, DAY = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
NOW = None  # in the tables below: due at once


def planned(rows: list[Outbox]) -> dict[str, datetime]:
    """Fan-out rows as `kind[:offset]` → when they come due."""
    table = {}
    for row in rows:
        label = row.kind + (f":{row.payload['offset']}" if row.kind == REMINDER else "")
        assert label not in table, f"two {label} rows"
        table[label] = row.due_at
    return table


async def join(session: AsyncSession, clock: FakeClock, person: Person, org: Organization) -> None:
    session.add(
        Membership(
            person_id=person.id,
            organization_id=org.id,
            role=MemberRole.MEMBER,
            is_delegate=False,
            joined_at=clock.now(),
        )
    )
    await session.flush()


async def send_invitations(session: AsyncSession, clock: FakeClock, meeting: Meeting) -> None:
    """Move to when the invitations are due, fan them out and deliver them."""
    clock.set(max(clock.now(), meeting.starts_at - PLAN.invitation_lead))
    await fan_out(session, clock)
    await deliver(session, clock)


# --- scheduling ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts_in", "expected"),
    [
        pytest.param(
            10 * DAY,
            {"invitation": 7 * DAY, "reminder:1d": DAY, "reminder:2h": 2 * HOUR, "nudge": 3 * DAY},
            id="ten-days-ahead-everything-planned",
        ),
        pytest.param(
            5 * DAY,
            {"invitation": NOW, "reminder:1d": DAY, "reminder:2h": 2 * HOUR, "nudge": 3 * DAY},
            id="sooner-than-the-lead-invites-at-once",
        ),
        pytest.param(
            2 * DAY,
            {"invitation": NOW, "reminder:1d": DAY, "reminder:2h": 2 * HOUR},
            id="two-days-ahead-no-nudge",
        ),
        pytest.param(
            3 * HOUR,
            {"invitation": NOW, "reminder:2h": 2 * HOUR},
            id="three-hours-ahead-only-the-2h-reminder",
        ),
        pytest.param(HOUR, {"invitation": NOW}, id="one-hour-ahead-only-the-invitation"),
    ],
)
async def test_scheduling_plans_invitations_reminders_and_a_nudge_as_fan_out_rows(
    session: AsyncSession,
    clock: FakeClock,
    starts_in: timedelta,
    expected: dict[str, timedelta | None],
) -> None:
    coordinator = await make_coordinator(session, clock)

    meeting = await meetings.schedule(
        session,
        clock,
        await act(session, coordinator, ()),
        make_draft(clock, starts_in=starts_in),
        PLAN,
    )

    rows = await outbox_rows(session)
    assert planned(rows) == {
        label: clock.now() if before is NOW else meeting.starts_at - before
        for label, before in expected.items()
    }
    for row in rows:
        assert row.fanout and row.person_id is None and row.meeting_id == meeting.id
        assert (row.status, row.next_attempt_at) == (OutboxStatus.PENDING, row.due_at)
        assert row.not_after == meeting.starts_at
        assert f":m{meeting.id}:r0" in row.dedupe_key
    assert (meeting.status, meeting.revision, meeting.invited_at) == (
        MeetingStatus.SCHEDULED,
        0,
        None,
    )


@pytest.mark.parametrize(
    ("deadline_before_start", "nudge_not_after"),
    [
        pytest.param(None, "start", id="no-deadline-nudge-until-the-start"),
        pytest.param(2 * DAY, "deadline", id="deadline-after-the-nudge"),
        pytest.param(3 * DAY, None, id="deadline-at-the-nudge-no-nudge"),
        pytest.param(4 * DAY, None, id="deadline-before-the-nudge-no-nudge"),
    ],
)
async def test_a_nudge_is_planned_only_when_it_falls_before_the_rsvp_deadline(
    session: AsyncSession,
    clock: FakeClock,
    deadline_before_start: timedelta | None,
    nudge_not_after: str | None,
) -> None:
    start = clock.now() + 10 * DAY
    deadline = None if deadline_before_start is None else start - deadline_before_start
    meeting = await make_meeting(session, clock, rsvp_deadline=deadline)

    nudges = await outbox_rows(session, kind=NUDGE)

    if nudge_not_after is None:
        assert nudges == []
    else:
        (nudge,) = nudges
        assert nudge.due_at == meeting.starts_at - 3 * DAY
        assert nudge.not_after == (deadline if nudge_not_after == "deadline" else start)


@pytest.mark.parametrize(
    "configured",
    [
        pytest.param(True, id="named-in-configuration"),
        pytest.param(False, id="promoted-by-a-coordinator"),
    ],
)
async def test_a_coordinator_schedules_whether_configured_or_promoted(
    session: AsyncSession, clock: FakeClock, configured: bool
) -> None:
    person = await make_person(session, clock, is_coordinator=not configured)
    coordinators = {person.tg_user_id} if configured else set()

    meeting = await meetings.schedule(
        session, clock, await act(session, person, coordinators), make_draft(clock), PLAN
    )

    assert meeting.created_by_id == person.id
    assert await outbox_rows(session, meeting_id=meeting.id)


async def test_a_member_cannot_schedule_and_nothing_is_written(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (member,) = await make_members(session, clock, 1)
    other_coordinator = await make_person(session, clock)

    with pytest.raises(NotAllowed) as error:
        await meetings.schedule(
            session,
            clock,
            await act(session, member, {other_coordinator.tg_user_id}),
            make_draft(clock),
            PLAN,
        )

    assert error.value.key == "error-coordinators-only"
    assert (await session.execute(select(func.count()).select_from(Meeting))).scalar_one() == 0
    assert await outbox_rows(session) == []


@pytest.mark.parametrize(
    "starts_in",
    [
        pytest.param(-MINUTE, id="a-minute-ago"),
        pytest.param(timedelta(0), id="right-now"),
        pytest.param(-30 * DAY, id="last-month"),
    ],
)
async def test_a_meeting_in_the_past_is_refused(
    session: AsyncSession, clock: FakeClock, starts_in: timedelta
) -> None:
    with pytest.raises(DomainError) as error:
        await make_meeting(session, clock, starts_in=starts_in)
    assert error.value.key == "date-past"
    assert await outbox_rows(session) == []


# --- reading what the coordinator typed ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tz", "expected"),
    [
        pytest.param(
            "2026-12-21 14:00", "Asia/Kabul", datetime(2026, 12, 21, 9, 30), id="gregorian-kabul"
        ),
        pytest.param(
            "1405-09-30 14:00", "Asia/Kabul", datetime(2026, 12, 21, 9, 30), id="solar-hijri"
        ),
        pytest.param(
            "۱۴۰۵-۰۹-۳۰ ۱۴:۰۰", "Asia/Kabul", datetime(2026, 12, 21, 9, 30), id="persian-digits"
        ),
        pytest.param(
            "2026-12-21 14:00", "Europe/Berlin", datetime(2026, 12, 21, 13, 0), id="other-zone"
        ),
    ],
)
def test_a_meeting_time_is_read_in_the_meeting_zone_and_stored_in_utc(
    clock: FakeClock, text: str, tz: str, expected: datetime
) -> None:
    assert meetings.parse_when(text, tz, clock.now()) == expected.replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        pytest.param("2026-02-30 14:00", "date-nonexistent", id="february-30th"),
        pytest.param("1405-13-01 14:00", "date-nonexistent", id="solar-hijri-month-13"),
        pytest.param("2026-12-21 25:00", "date-nonexistent", id="hour-25"),
        pytest.param("tomorrow-ish", "picker-date-format", id="words"),
        pytest.param("", "picker-date-format", id="empty"),
        pytest.param("2026-12-21", "picker-date-format", id="no-time"),
        pytest.param("2026-11-30 14:00", "date-past", id="yesterday"),
        pytest.param("1405-09-01 14:00", "date-past", id="solar-hijri-past"),
    ],
)
def test_a_meeting_time_that_cannot_be_used_is_explained(
    clock: FakeClock, text: str, key: str
) -> None:
    with pytest.raises(DomainError) as error:
        meetings.parse_when(text, "Asia/Kabul", clock.now())
    assert error.value.key == key
    assert error.value.params == {"text": text.strip()[:40]}


@pytest.mark.parametrize(
    ("text", "seats"),
    [
        pytest.param("20", 20, id="plain"),
        pytest.param(" 12 ", 12, id="spaces"),
        pytest.param("۲۰", 20, id="persian-digits"),
        pytest.param("٣٥", 35, id="arabic-indic-digits"),
        pytest.param("1", 1, id="one"),
        pytest.param(str(meetings.CAPACITY_LIMIT), meetings.CAPACITY_LIMIT, id="limit"),
    ],
)
def test_a_capacity_is_a_positive_whole_number(text: str, seats: int) -> None:
    assert meetings.parse_capacity(text) == seats


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("0", id="zero"),
        pytest.param("-3", id="negative"),
        pytest.param("--3", id="double-minus"),
        pytest.param("ten", id="words"),
        pytest.param("", id="empty"),
        pytest.param("2.5", id="fraction"),
        pytest.param("²", id="superscript-digit"),
        pytest.param(str(meetings.CAPACITY_LIMIT + 1), id="over-the-limit"),
    ],
)
def test_a_capacity_that_is_not_a_positive_whole_number_is_refused(text: str) -> None:
    with pytest.raises(DomainError) as error:
        meetings.parse_capacity(text)
    assert error.value.key == "meeting-capacity-invalid"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        pytest.param("2026-12-21 14:01", "meeting-deadline-after-start", id="after-the-start"),
        pytest.param("2026-12-25 09:00", "meeting-deadline-after-start", id="days-after"),
        pytest.param("2026-11-30 09:00", "date-past", id="in-the-past"),
        pytest.param("someday", "picker-date-format", id="not-a-date"),
    ],
)
def test_an_rsvp_deadline_must_come_before_the_meeting(
    clock: FakeClock, text: str, key: str
) -> None:
    start = datetime(2026, 12, 21, 9, 30, tzinfo=UTC)  # 14:00 in Kabul
    with pytest.raises(DomainError) as error:
        meetings.parse_deadline(text, "Asia/Kabul", clock.now(), start)
    assert error.value.key == key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2026-12-21 14:00", datetime(2026, 12, 21, 9, 30), id="at-the-start"),
        pytest.param("1405-09-28 18:00", datetime(2026, 12, 19, 13, 30), id="solar-hijri"),
    ],
)
def test_an_rsvp_deadline_up_to_the_start_is_accepted(
    clock: FakeClock, text: str, expected: datetime
) -> None:
    start = datetime(2026, 12, 21, 9, 30, tzinfo=UTC)
    assert meetings.parse_deadline(text, "Asia/Kabul", clock.now(), start) == expected.replace(
        tzinfo=UTC
    )


# --- fan-out ---------------------------------------------------------------------------------


async def test_invitations_go_to_every_member_of_every_approved_organization_once(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    shared = await make_person(session, clock)
    first, second, unapproved = [await make_person(session, clock) for _ in range(3)]
    await make_org(session, clock, first, admins=(first,), members=(shared,))
    await make_org(session, clock, second, admins=(second, shared))
    for status in (OrgStatus.PENDING, OrgStatus.REJECTED, OrgStatus.SUSPENDED):
        await make_org(session, clock, unapproved, members=(unapproved,), status=status)
    meeting = await make_meeting(session, clock, by=coordinator)

    assert await fan_out(session, clock) == 0, "nothing is due yet"
    clock.advance(3 * DAY)
    created = await fan_out(session, clock)

    invited = sorted([shared.id, first.id, second.id])
    assert created == 3
    assert await recipients_of(session, INVITATION) == invited
    people = {p.id: p for p in (shared, first, second)}
    for row in await outbox_rows(session, kind=INVITATION, fanout=False):
        assert row.chat_id == people[row.person_id].tg_user_id
        assert (row.status, row.due_at, row.not_after) == (
            OutboxStatus.PENDING,
            clock.now(),
            meeting.starts_at,
        )
        assert row.dedupe_key == f"invitation:m{meeting.id}:p{row.person_id}"
    (fanout_row,) = await outbox_rows(session, kind=INVITATION, fanout=True)
    assert fanout_row.status == OutboxStatus.SENT
    assert meeting.invited_at == clock.now()


async def test_a_person_known_to_have_blocked_the_bot_is_counted_not_tried(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (reachable, blocked) = await make_members(session, clock, 2)
    blocked.reachable = False
    meeting = await make_meeting(session, clock)
    clock.advance(3 * DAY)

    await fan_out(session, clock)

    statuses = {row.person_id: row.status for row in await outbox_rows(session, kind=INVITATION)}
    assert statuses == {
        None: OutboxStatus.SENT,
        reachable.id: OutboxStatus.PENDING,
        blocked.id: OutboxStatus.UNREACHABLE,
    }
    coordinator = await act(session, await make_coordinator(session, clock))
    assert (await outbox.counts(session, coordinator, meeting.id))[OutboxStatus.UNREACHABLE] == 1
    assert [row.person_id for row in await outbox.claim(session, clock, fanout=False, limit=9)] == [
        reachable.id
    ]


async def test_expanding_a_fan_out_twice_creates_nothing_new(
    session: AsyncSession, clock: FakeClock
) -> None:
    await make_members(session, clock, 3)
    await make_meeting(session, clock)
    clock.advance(3 * DAY)
    (row,) = await outbox.claim(session, clock, fanout=True, limit=10)

    assert await delivery.expand(session, clock, row, ()) == 3
    clock.advance(MINUTE)
    assert await delivery.expand(session, clock, row, ()) == 0

    assert len(await outbox_rows(session, kind=INVITATION, fanout=False)) == 3


async def test_a_fan_out_claimed_again_after_a_crash_invites_nobody_twice(
    session: AsyncSession, clock: FakeClock
) -> None:
    await make_members(session, clock, 2)
    await make_meeting(session, clock)
    clock.advance(3 * DAY)
    (row,) = await outbox.claim(session, clock, fanout=True, limit=10)
    await delivery.expand(session, clock, row, ())
    row.status = OutboxStatus.SENDING  # as if the process died before recording the result
    await session.flush()

    clock.advance(outbox.CLAIM_LEASE + MINUTE)
    (again,) = await outbox.claim(session, clock, fanout=True, limit=10)

    assert (again.id, again.attempts) == (row.id, 2)
    assert await delivery.expand(session, clock, again, ()) == 0
    assert len(await outbox_rows(session, kind=INVITATION, fanout=False)) == 2


async def test_someone_who_joins_after_the_invitations_is_invited_on_joining_once(
    session: AsyncSession, clock: FakeClock
) -> None:
    org, (early,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock)
    assert await meetings.invite_latecomer(session, clock, early) == 0, "the fan-out will do it"
    clock.advance(3 * DAY)
    await fan_out(session, clock)
    clock.advance(HOUR)
    late = await make_person(session, clock)
    await join(session, clock, late, org)

    assert await meetings.invite_latecomer(session, clock, late) == 1
    assert await meetings.invite_latecomer(session, clock, late) == 0
    assert await meetings.invite_latecomer(session, clock, early) == 0
    assert await recipients_of(session, INVITATION) == sorted([early.id, late.id])
    (row,) = [r for r in await outbox_rows(session, kind=INVITATION) if r.person_id == late.id]
    assert (row.chat_id, row.due_at, row.not_after) == (
        late.tg_user_id,
        clock.now(),
        meeting.starts_at,
    )


@pytest.mark.parametrize(
    "situation", [pytest.param("cancelled", id="cancelled"), pytest.param("started", id="started")]
)
async def test_a_latecomer_is_not_invited_to_a_cancelled_or_started_meeting(
    session: AsyncSession, clock: FakeClock, situation: str
) -> None:
    coordinator = await make_coordinator(session, clock)
    org, _members = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock, by=coordinator)
    await send_invitations(session, clock, meeting)
    if situation == "cancelled":
        await meetings.cancel(session, clock, await act(session, coordinator, ()), meeting.id)
    else:
        clock.set(meeting.starts_at)
    late = await make_person(session, clock)
    await join(session, clock, late, org)

    assert await meetings.invite_latecomer(session, clock, late) == 0


async def test_reminders_go_only_to_people_going_or_maybe_once_per_offset(
    session: AsyncSession, clock: FakeClock
) -> None:
    _org, (going, maybe, declined, silent) = await make_members(session, clock, 4)
    meeting = await make_meeting(session, clock)
    await send_invitations(session, clock, meeting)
    for person, answer in [
        (going, RsvpAnswer.GOING),
        (maybe, RsvpAnswer.MAYBE),
        (declined, RsvpAnswer.DECLINED),
    ]:
        await rsvp.record(session, clock, await act(session, person, ()), meeting.id, answer)

    clock.set(meeting.starts_at - DAY)
    await fan_out(session, clock)
    assert await recipients_of(session, REMINDER) == sorted([going.id, maybe.id])
    clock.set(meeting.starts_at - 2 * HOUR)
    await fan_out(session, clock)

    rows = await outbox_rows(session, kind=REMINDER, fanout=False)
    assert sorted((row.person_id, row.payload["offset"]) for row in rows) == sorted(
        [(going.id, "1d"), (maybe.id, "1d"), (going.id, "2h"), (maybe.id, "2h")]
    )
    assert silent.id not in {row.person_id for row in rows}


async def test_a_nudge_goes_only_to_invited_people_without_an_answer(
    session: AsyncSession, clock: FakeClock
) -> None:
    org, (answered, silent, blocked) = await make_members(session, clock, 3)
    blocked.reachable = False
    meeting = await make_meeting(session, clock)
    await send_invitations(session, clock, meeting)
    await rsvp.record(
        session, clock, await act(session, answered, ()), meeting.id, RsvpAnswer.MAYBE
    )
    never_invited = await make_person(session, clock)
    await join(session, clock, never_invited, org)  # joined, but invite_latecomer was not run

    clock.set(meeting.starts_at - 3 * DAY)
    await fan_out(session, clock)

    assert await recipients_of(session, NUDGE) == [silent.id]


async def test_a_fan_out_that_comes_due_after_the_meeting_started_is_skipped(
    session: AsyncSession, clock: FakeClock
) -> None:
    await make_members(session, clock, 2)
    meeting = await make_meeting(session, clock)
    clock.set(meeting.starts_at + MINUTE)  # the bot was down the whole time

    claimed = await outbox.claim(session, clock, fanout=True, limit=10)
    assert {row.kind for row in claimed} == {INVITATION, REMINDER, NUDGE}
    for row in claimed:
        assert await delivery.expand(session, clock, row, ()) == 0

    assert await outbox_rows(session, fanout=False) == []
    for row in await outbox_rows(session):
        assert (row.status, row.last_error) == (OutboxStatus.SKIPPED, "stale")
    assert meeting.invited_at is None


async def test_a_fan_out_in_flight_when_the_meeting_is_cancelled_sends_nothing(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    _org, (person,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock, by=coordinator)
    await send_invitations(session, clock, meeting)
    await rsvp.record(session, clock, await act(session, person, ()), meeting.id, RsvpAnswer.GOING)
    clock.set(meeting.starts_at - DAY)
    claimed = await outbox.claim(session, clock, fanout=True, limit=10)
    (reminder,) = [row for row in claimed if row.kind == REMINDER]

    await meetings.cancel(session, clock, await act(session, coordinator, ()), meeting.id)
    assert await delivery.expand(session, clock, reminder, ()) == 0

    assert await recipients_of(session, REMINDER) == []
    assert (await outbox_rows(session, kind=REMINDER))[0].last_error == "meeting cancelled"


# --- editing ---------------------------------------------------------------------------------


async def test_a_time_change_replans_the_deliveries_with_a_new_revision(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    await make_members(session, clock, 2)
    meeting = await make_meeting(session, clock, by=coordinator)
    old = await outbox_rows(session)
    new_start = meeting.starts_at + 2 * DAY

    edited, promoted = await meetings.edit(
        session,
        clock,
        await act(session, coordinator, ()),
        meeting.id,
        Change(starts_at=new_start, fields=("starts_at",)),
        PLAN,
    )

    assert (edited.starts_at, edited.revision, promoted) == (new_start, 1, [])
    for row in await outbox_rows(session):
        if row.id in {r.id for r in old}:
            assert (row.status, row.last_error) == (OutboxStatus.SKIPPED, "meeting time changed")
    fresh = await outbox_rows(session, status=OutboxStatus.PENDING)
    assert all(f":m{meeting.id}:r1" in row.dedupe_key for row in fresh)
    assert planned(fresh) == {
        "invitation": new_start - 7 * DAY,
        "reminder:1d": new_start - DAY,
        "reminder:2h": new_start - 2 * HOUR,
        "nudge": new_start - 3 * DAY,
    }
    assert await outbox_rows(session, kind=UPDATE) == [], "nobody was invited yet"


async def test_a_time_change_after_the_invitations_tells_the_invited_and_replans_reminders(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    _org, (first, second) = await make_members(session, clock, 2)
    meeting = await make_meeting(session, clock, by=coordinator)
    await send_invitations(session, clock, meeting)
    await rsvp.record(session, clock, await act(session, first, ()), meeting.id, RsvpAnswer.GOING)
    new_start = meeting.starts_at - DAY  # earlier: five days from now, still after the nudge

    await meetings.edit(
        session,
        clock,
        await act(session, coordinator, ()),
        meeting.id,
        Change(starts_at=new_start, fields=("starts_at",)),
        PLAN,
    )

    pending = await outbox_rows(session, status=OutboxStatus.PENDING)
    assert planned(pending) == {
        "update": clock.now(),
        "card-edit": clock.now(),
        "reminder:1d": new_start - DAY,
        "reminder:2h": new_start - 2 * HOUR,
        "nudge": new_start - 3 * DAY,
    }, "no second invitation fan-out"
    (update,) = [row for row in pending if row.kind == UPDATE]
    assert update.payload["fields"] == ["starts_at"]
    (change,) = update.payload["changes"]
    assert change["field"] == "starts_at" and change["new"] == new_start.isoformat()
    assert update.not_after == new_start
    await fan_out(session, clock)
    assert await recipients_of(session, UPDATE) == sorted([first.id, second.id])
    clock.set(new_start - DAY)
    await fan_out(session, clock)
    (reminder,) = await outbox_rows(session, kind=REMINDER, fanout=False)
    assert (reminder.person_id, reminder.dedupe_key) == (
        first.id,
        f"reminder:m{meeting.id}:r1:1d:p{first.id}",
    )


async def test_a_time_change_keeps_invitations_that_are_still_waiting_to_be_sent(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    _org, (sent, waiting) = await make_members(session, clock, 2)
    meeting = await make_meeting(session, clock, by=coordinator)
    clock.advance(3 * DAY)
    await fan_out(session, clock)
    for row in await outbox.claim(session, clock, fanout=False, limit=10):
        retry = None if row.person_id == sent.id else clock.now() + outbox.backoff(1)
        await outbox.finish(
            session, clock, row.id, outbox.Outcome(OutboxStatus.SENT, retry_at=retry)
        )

    await meetings.edit(
        session,
        clock,
        await act(session, coordinator, ()),
        meeting.id,
        Change(starts_at=meeting.starts_at + DAY, fields=("starts_at",)),
        PLAN,
    )

    statuses = {
        row.person_id: row.status
        for row in await outbox_rows(session, kind=INVITATION, fanout=False)
    }
    assert statuses == {sent.id: OutboxStatus.SENT, waiting.id: OutboxStatus.PENDING}


@pytest.mark.parametrize(
    ("invite_first", "updates"),
    [
        pytest.param(False, 0, id="before-the-invitations-nobody-is-told"),
        pytest.param(True, 1, id="after-the-invitations-the-invited-are-told"),
    ],
)
async def test_an_update_goes_out_only_once_invitations_have(
    session: AsyncSession, clock: FakeClock, invite_first: bool, updates: int
) -> None:
    coordinator = await make_coordinator(session, clock)
    _org, (member,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock, by=coordinator)
    if invite_first:
        await send_invitations(session, clock, meeting)
    before = {row.id: row.status for row in await outbox_rows(session)}

    edited, _ = await meetings.edit(
        session,
        clock,
        await act(session, coordinator, ()),
        meeting.id,
        Change(venue="The new hall", fields=("venue",)),
        PLAN,
    )

    assert edited.venue == "The new hall"
    rows = await outbox_rows(session, kind=UPDATE)
    assert len(rows) == updates
    if updates:
        assert rows[0].payload["changes"] == [
            {"field": "venue", "old": "Balkh NGO union hall", "new": "The new hall"}
        ]
        await fan_out(session, clock)
        assert await recipients_of(session, UPDATE) == [member.id]
    after = {row.id: row.status for row in await outbox_rows(session) if row.id in before}
    assert after == before, "a venue change keeps the reminders as they were"


@pytest.mark.parametrize(
    ("situation", "key"),
    [
        pytest.param("cancelled", "meeting-is-cancelled", id="cancelled"),
        pytest.param("started", "meeting-is-past", id="started"),
        pytest.param("over", "meeting-is-past", id="long-over"),
    ],
)
async def test_a_cancelled_or_past_meeting_cannot_be_edited(
    session: AsyncSession, clock: FakeClock, situation: str, key: str
) -> None:
    coordinator = await make_coordinator(session, clock)
    meeting = await make_meeting(session, clock, by=coordinator)
    if situation == "cancelled":
        await meetings.cancel(session, clock, await act(session, coordinator, ()), meeting.id)
    elif situation == "started":
        clock.set(meeting.starts_at)
    else:
        clock.set(meeting.starts_at + 30 * DAY)

    with pytest.raises(DomainError) as error:
        await meetings.edit(
            session,
            clock,
            await act(session, coordinator, ()),
            meeting.id,
            Change(venue="Elsewhere"),
            PLAN,
        )

    assert error.value.key == key


@pytest.mark.parametrize(
    "moved_to",
    [pytest.param(-MINUTE, id="a-minute-ago"), pytest.param(timedelta(0), id="right-now")],
)
async def test_a_meeting_cannot_be_moved_into_the_past(
    session: AsyncSession, clock: FakeClock, moved_to: timedelta
) -> None:
    coordinator = await make_coordinator(session, clock)
    meeting = await make_meeting(session, clock, by=coordinator)
    start = meeting.starts_at

    with pytest.raises(DomainError) as error:
        await meetings.edit(
            session,
            clock,
            await act(session, coordinator, ()),
            meeting.id,
            Change(starts_at=clock.now() + moved_to),
            PLAN,
        )

    assert error.value.key == "date-past"
    assert (meeting.starts_at, meeting.revision) == (start, 0)


async def test_raising_the_capacity_promotes_the_waitlist_in_order(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    _org, people = await make_members(session, clock, 5)
    meeting = await make_meeting(session, clock, by=coordinator, capacity=1)
    for person in people:
        await rsvp.record(
            session, clock, await act(session, person, ()), meeting.id, RsvpAnswer.GOING
        )
        clock.advance(MINUTE)
    holder, first, second, third, fourth = people

    _meeting, promoted = await meetings.edit(
        session,
        clock,
        await act(session, coordinator, ()),
        meeting.id,
        Change(capacity=3, fields=("capacity",)),
        PLAN,
    )

    assert promoted == [first, second]
    assert [(r.person_id, r.waitlisted) for r in await rsvps(session, meeting.id)] == [
        (holder.id, False),
        (first.id, False),
        (second.id, False),
        (third.id, True),
        (fourth.id, True),
    ]
    rows = await outbox_rows(session, kind=PROMOTION)
    assert [(row.person_id, row.chat_id) for row in rows] == [
        (first.id, first.tg_user_id),
        (second.id, second.tg_user_id),
    ]
    assert all(row.not_after == meeting.starts_at and not row.fanout for row in rows)
    third_answer = await rsvp.current(session, third, meeting.id)
    assert third_answer is not None
    assert await rsvp.waitlist_position(session, third_answer) == 1


async def test_removing_the_capacity_gives_everyone_waiting_a_seat(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    _org, people = await make_members(session, clock, 3)
    meeting = await make_meeting(session, clock, by=coordinator, capacity=1)
    for person in people:
        await rsvp.record(
            session, clock, await act(session, person, ()), meeting.id, RsvpAnswer.GOING
        )

    _meeting, promoted = await meetings.edit(
        session,
        clock,
        await act(session, coordinator, ()),
        meeting.id,
        Change(clear_capacity=True),
        PLAN,
    )

    assert promoted == people[1:]
    assert meeting.capacity is None
    assert not any(r.waitlisted for r in await rsvps(session, meeting.id))


async def test_lowering_the_capacity_keeps_seats_already_given(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    _org, (first, second, late) = await make_members(session, clock, 3)
    meeting = await make_meeting(session, clock, by=coordinator, capacity=5)
    for person in (first, second):
        await rsvp.record(
            session, clock, await act(session, person, ()), meeting.id, RsvpAnswer.GOING
        )

    await meetings.edit(
        session, clock, await act(session, coordinator, ()), meeting.id, Change(capacity=1), PLAN
    )
    result = await rsvp.record(
        session, clock, await act(session, late, ()), meeting.id, RsvpAnswer.GOING
    )

    assert [r.waitlisted for r in await rsvps(session, meeting.id)] == [False, False, True]
    assert result.waitlist_position == 1


async def test_only_coordinators_edit_or_cancel(session: AsyncSession, clock: FakeClock) -> None:
    _org, (member,) = await make_members(session, clock, 1)
    meeting = await make_meeting(session, clock)

    with pytest.raises(NotAllowed):
        await meetings.edit(
            session, clock, await act(session, member, ()), meeting.id, Change(venue="Mine"), PLAN
        )
    with pytest.raises(NotAllowed):
        await meetings.cancel(session, clock, await act(session, member, ()), meeting.id)

    assert (meeting.status, meeting.venue) == (MeetingStatus.SCHEDULED, "Balkh NGO union hall")


# --- cancelling ------------------------------------------------------------------------------


async def test_cancelling_skips_what_was_planned_and_tells_those_invited(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    org, (going, silent) = await make_members(session, clock, 2)
    meeting = await make_meeting(session, clock, by=coordinator)
    await send_invitations(session, clock, meeting)
    await rsvp.record(session, clock, await act(session, going, ()), meeting.id, RsvpAnswer.GOING)
    never_invited = await make_person(session, clock)
    await join(session, clock, never_invited, org)

    cancelled = await meetings.cancel(
        session, clock, await act(session, coordinator, ()), meeting.id
    )

    assert (cancelled.status, cancelled.revision) == (MeetingStatus.CANCELLED, 1)
    for row in await outbox_rows(session, fanout=True):
        if row.kind in (REMINDER, NUDGE):
            assert (row.status, row.last_error) == (OutboxStatus.SKIPPED, "meeting cancelled")
    (cancellation,) = await outbox_rows(session, kind=CANCELLATION)
    assert (cancellation.fanout, cancellation.status, cancellation.due_at) == (
        True,
        OutboxStatus.PENDING,
        clock.now(),
    )
    # Each of the two is told, and their card is edited to say so.
    assert await fan_out(session, clock) == 4
    assert await recipients_of(session, CANCELLATION) == sorted([going.id, silent.id])
    clock.set(meeting.starts_at - DAY)
    assert await fan_out(session, clock) == 0, "no reminder for a cancelled meeting"


async def test_cancelling_before_the_invitations_tells_nobody(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    await make_members(session, clock, 2)
    meeting = await make_meeting(session, clock, by=coordinator)

    await meetings.cancel(session, clock, await act(session, coordinator, ()), meeting.id)

    assert await outbox_rows(session, kind=CANCELLATION) == []
    assert {row.status for row in await outbox_rows(session)} == {OutboxStatus.SKIPPED}
    clock.set(meeting.starts_at - 7 * DAY)
    assert await fan_out(session, clock) == 0


async def test_a_meeting_cannot_be_cancelled_twice(session: AsyncSession, clock: FakeClock) -> None:
    coordinator = await make_coordinator(session, clock)
    meeting = await make_meeting(session, clock, by=coordinator)
    await meetings.cancel(session, clock, await act(session, coordinator, ()), meeting.id)

    with pytest.raises(DomainError) as error:
        await meetings.cancel(session, clock, await act(session, coordinator, ()), meeting.id)

    assert error.value.key == "meeting-is-cancelled"


async def test_upcoming_lists_scheduled_meetings_that_have_not_started_soonest_first(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    later = await make_meeting(session, clock, by=coordinator, starts_in=20 * DAY)
    sooner = await make_meeting(session, clock, by=coordinator, starts_in=2 * DAY)
    cancelled = await make_meeting(session, clock, by=coordinator, starts_in=3 * DAY)
    await meetings.cancel(session, clock, await act(session, coordinator, ()), cancelled.id)

    assert await meetings.upcoming(session, clock, await act(session, coordinator)) == [
        sooner,
        later,
    ]
    clock.set(sooner.starts_at)
    assert await meetings.upcoming(session, clock, await act(session, coordinator)) == [later]
