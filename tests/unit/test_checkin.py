"""Check-in: the window around a meeting, the code, one check-in per person, walk-ins and counts."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.services import checkin
from bot.services.actor import Actor
from bot.services.checkin import CheckedIn, Choose, Window
from bot.services.errors import DomainError, NotAllowed, NotFound
from db.models import AuditLog, CheckIn, Meeting, Membership, OrgStatus
from tests.factories import act, make_org, make_person
from tests.unit.meeting_factories import make_coordinator, make_meeting, make_members

HOUR = timedelta(hours=1)
SECOND = timedelta(seconds=1)
WINDOW = Window(length=2 * HOUR, margin=HOUR)


async def _meeting(session: AsyncSession, clock: FakeClock) -> tuple[Meeting, Actor]:
    coordinator = await make_coordinator(session, clock)
    meeting = await make_meeting(session, clock, starts_in=timedelta(days=2), by=coordinator)
    return meeting, await act(session, coordinator)


async def _opened(session: AsyncSession, clock: FakeClock) -> tuple[Meeting, Actor]:
    meeting, coordinator = await _meeting(session, clock)
    clock.set(meeting.starts_at)
    await checkin.open_checkin(session, clock, coordinator, meeting.id, WINDOW)
    assert meeting.checkin_code is not None
    return meeting, coordinator


@pytest.mark.parametrize(
    ("offset", "error"),
    [
        pytest.param(-HOUR - SECOND, "checkin-not-yet", id="a-second-before-the-margin"),
        pytest.param(-HOUR, None, id="exactly-the-margin-before-the-start"),
        pytest.param(3 * HOUR, None, id="exactly-the-margin-after-the-end"),
        pytest.param(3 * HOUR + SECOND, "checkin-closed", id="a-second-after-the-margin"),
    ],
)
async def test_check_in_is_open_from_the_margin_before_to_the_margin_after(
    session: AsyncSession, clock: FakeClock, offset: timedelta, error: str | None
) -> None:
    meeting, coordinator = await _meeting(session, clock)
    clock.set(meeting.starts_at + offset)
    if error is None:
        opened = await checkin.open_checkin(session, clock, coordinator, meeting.id, WINDOW)
        assert opened.checkin_code is not None
        assert [m.id for m in await checkin.open_meetings(session, clock, coordinator, WINDOW)] == [
            meeting.id
        ]
    else:
        with pytest.raises(DomainError) as refused:
            await checkin.open_checkin(session, clock, coordinator, meeting.id, WINDOW)
        assert refused.value.key == error
        assert await checkin.open_meetings(session, clock, coordinator, WINDOW) == []


async def test_a_code_expires_with_its_window(session: AsyncSession, clock: FakeClock) -> None:
    meeting, _ = await _opened(session, clock)
    _, (person,) = await make_members(session, clock, 1)
    member = await act(session, person)
    code = meeting.checkin_code
    assert code is not None
    clock.set(meeting.starts_at + 3 * HOUR + SECOND)
    with pytest.raises(DomainError) as refused:
        await checkin.check_in(session, clock, member, code, WINDOW)
    assert refused.value.key == "checkin-closed"
    assert await session.scalar(select(func.count(CheckIn.id))) == 0


async def test_the_next_meeting_to_open_is_named_before_the_window(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator = await _meeting(session, clock)
    found = await checkin.next_to_open(session, clock, coordinator, WINDOW)
    assert found is not None and found.id == meeting.id
    assert WINDOW.opens(meeting) == meeting.starts_at - HOUR


async def test_the_code_is_made_once_and_reused(session: AsyncSession, clock: FakeClock) -> None:
    meeting, coordinator = await _opened(session, clock)
    code = meeting.checkin_code
    assert code is not None and len(code) == checkin.CODE_LENGTH
    assert set(code) <= set(checkin.ALPHABET) and not set(code) & set("01OIL")
    again = await checkin.open_checkin(session, clock, coordinator, meeting.id, WINDOW)
    assert again.checkin_code == code
    opened = await session.scalar(
        select(func.count(AuditLog.id)).where(AuditLog.action == "checkin.opened")
    )
    assert opened == 1


async def test_codes_are_hard_to_guess_and_differ() -> None:
    codes = {checkin.new_code() for _ in range(200)}
    assert len(codes) == 200


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        pytest.param("K7MX3QPA", "K7MX3QPA", id="as-made"),
        pytest.param("  k7mx-3qpa ", "K7MX3QPA", id="lower-case-with-the-dash-and-spaces"),
        pytest.param("K7MX 3QPA", "K7MX3QPA", id="two-groups"),
        pytest.param("K۷MX۳QPA", "K7MX3QPA", id="persian-digits"),
    ],
)
def test_a_typed_code_is_normalized(typed: str, code: str) -> None:
    assert checkin.normalize_code(typed) == code


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("", id="empty"),
        pytest.param("K7MX3QP", id="too-short"),
        pytest.param("K7MX3QPAA", id="too-long"),
        pytest.param("K7MX3QP0", id="a-zero-the-bot-never-makes"),
        pytest.param("K7MX3QP\x00", id="a-nul"),
        pytest.param("' OR 1=1 --", id="sql"),
        pytest.param("K7MX3QPA" * 1000, id="huge"),
    ],
)
def test_a_code_of_the_wrong_form_is_refused_before_any_lookup(typed: str) -> None:
    with pytest.raises(DomainError) as refused:
        checkin.normalize_code(typed)
    assert refused.value.key == "checkin-code-unknown"


async def test_a_member_checks_in_once_for_their_organization(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, _ = await _opened(session, clock)
    org, (person,) = await make_members(session, clock, 1)
    member = await act(session, person)
    code = checkin.shown(meeting.checkin_code or "").lower()
    first = await checkin.check_in(session, clock, member, code, WINDOW)
    assert first == CheckedIn(meeting, person.display_name, org.name)
    again = await checkin.check_in(session, clock, member, code, WINDOW)
    assert isinstance(again, CheckedIn) and again.already and again.organization == org.name
    rows = list(await session.scalars(select(CheckIn)))
    assert [(r.person_id, r.organization_id, r.by_id) for r in rows] == [(person.id, org.id, None)]


async def test_someone_in_two_organizations_chooses_which_they_represent(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, _ = await _opened(session, clock)
    person = await make_person(session, clock)
    first = await make_org(session, clock, person, members=(person,), name="Alpha")
    second = await make_org(session, clock, person, members=(person,), name="Beta")
    member = await act(session, person)
    code = meeting.checkin_code or ""
    asked = await checkin.check_in(session, clock, member, code, WINDOW)
    assert isinstance(asked, Choose)
    assert [s.organization_id for s in asked.seats] == [first.id, second.id]
    outsider = await make_org(session, clock, await make_person(session, clock))
    with pytest.raises(DomainError) as forged:
        await checkin.check_in(session, clock, member, code, WINDOW, outsider.id)
    assert forged.value.key == "error-stale-button"
    done = await checkin.check_in(session, clock, member, code, WINDOW, second.id)
    assert isinstance(done, CheckedIn) and done.organization == "Beta" and not done.already
    again = await checkin.check_in(session, clock, member, code, WINDOW, first.id)
    assert isinstance(again, CheckedIn) and again.already and again.organization == "Beta"


async def test_a_coordinator_in_no_organization_checks_in_for_none(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator = await _opened(session, clock)
    done = await checkin.check_in(session, clock, coordinator, meeting.checkin_code or "", WINDOW)
    assert isinstance(done, CheckedIn) and done.organization is None


@pytest.mark.parametrize("who", ["stranger", "removed", "suspended"])
async def test_outsiders_are_refused_before_the_code_is_read(
    session: AsyncSession, clock: FakeClock, who: str
) -> None:
    meeting, _ = await _opened(session, clock)
    org, (person,) = await make_members(session, clock, 1)
    if who == "stranger":
        person = await make_person(session, clock)
    elif who == "removed":
        membership = await session.scalar(select(Membership))
        await session.delete(membership)
        await session.flush()
    else:
        org.status = OrgStatus.SUSPENDED
        await session.flush()
    outsider = await act(session, person)
    for code in (meeting.checkin_code or "", "WRONG", "ZZZZZZZZ"):
        with pytest.raises(NotAllowed) as refused:
            await checkin.check_in(session, clock, outsider, code, WINDOW)
        assert refused.value.key == "error-network-only" and refused.value.params == {}
    assert await session.scalar(select(func.count(CheckIn.id))) == 0


async def test_a_wrong_code_says_nothing_about_any_meeting(
    session: AsyncSession, clock: FakeClock
) -> None:
    await _opened(session, clock)
    _, (person,) = await make_members(session, clock, 1)
    member = await act(session, person)
    for code in ("ZZZZZZZZ", "nonsense"):
        with pytest.raises(DomainError) as refused:
            await checkin.check_in(session, clock, member, code, WINDOW)
        assert refused.value.key == "checkin-code-unknown" and refused.value.params == {}


async def test_two_check_ins_at_once_record_one(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with sessions() as session, session.begin():
        meeting, _ = await _opened(session, clock)
        _, (person,) = await make_members(session, clock, 1)
    code = meeting.checkin_code or ""

    async def tap() -> CheckedIn | Choose:
        async with sessions() as session, session.begin():
            return await checkin.check_in(session, clock, await act(session, person), code, WINDOW)

    results = await asyncio.gather(tap(), tap())
    assert sorted(isinstance(r, CheckedIn) and r.already for r in results) == [False, True]
    async with sessions() as session:
        assert await session.scalar(select(func.count(CheckIn.id))) == 1


async def test_a_coordinator_checks_in_a_member_without_a_phone(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator = await _opened(session, clock)
    org, people = await make_members(session, clock, 2)
    listed_org, listed = await checkin.members_to_check_in(
        session, clock, coordinator, meeting.id, org.id, WINDOW
    )
    assert listed_org.id == org.id and [m.checked_in for m in listed] == [False, False]
    done = await checkin.check_in_member(
        session, clock, coordinator, meeting.id, org.id, people[1].id, WINDOW
    )
    assert done.name == people[1].display_name and done.organization == org.name
    again = await checkin.check_in_member(
        session, clock, coordinator, meeting.id, org.id, people[1].id, WINDOW
    )
    assert again.already
    _, listed = await checkin.members_to_check_in(
        session, clock, coordinator, meeting.id, org.id, WINDOW
    )
    assert {m.person_id: m.checked_in for m in listed} == {people[0].id: False, people[1].id: True}
    row = await session.scalar(select(CheckIn))
    assert row is not None and row.by_id == coordinator.person_id
    audits = list(await session.scalars(select(AuditLog).where(AuditLog.action.like("checkin.%"))))
    assert [(a.action, a.details) for a in audits[1:]] == [
        ("checkin.by_coordinator", {"person": people[1].id, "organization": org.id})
    ]


async def test_a_member_of_another_organization_cannot_be_checked_in_for_this_one(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator = await _opened(session, clock)
    org, _ = await make_members(session, clock, 1)
    _, (other,) = await make_members(session, clock, 1)
    suspended, (inside,) = await make_members(session, clock, 1, status=OrgStatus.SUSPENDED)
    for org_id, person_id in ((org.id, other.id), (suspended.id, inside.id), (org.id, 999_999)):
        with pytest.raises(NotFound):
            await checkin.check_in_member(
                session, clock, coordinator, meeting.id, org_id, person_id, WINDOW
            )
    assert await session.scalar(select(func.count(CheckIn.id))) == 0


async def test_walk_ins_are_checked_in_by_name_once(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator = await _opened(session, clock)
    org, _ = await make_members(session, clock, 1)
    done = await checkin.check_in_walk_in(
        session, clock, coordinator, meeting.id, "  Gul   Ahmad ", org.id, WINDOW
    )
    assert (done.name, done.organization, done.already) == ("Gul Ahmad", org.name, False)
    again = await checkin.check_in_walk_in(
        session, clock, coordinator, meeting.id, "gul ahmad", None, WINDOW
    )
    assert again.already and again.name == "Gul Ahmad"
    guest = await checkin.check_in_walk_in(
        session, clock, coordinator, meeting.id, "مریم", None, WINDOW
    )
    assert guest.organization is None
    for bad, key in (("  ", "error-empty"), ("x" * 101, "error-too-long")):
        with pytest.raises(DomainError) as refused:
            await checkin.check_in_walk_in(
                session, clock, coordinator, meeting.id, bad, None, WINDOW
            )
        assert refused.value.key == key
    rows = list(await session.scalars(select(CheckIn).order_by(CheckIn.id)))
    assert [(r.name, r.person_id, r.organization_id) for r in rows] == [
        ("Gul Ahmad", None, org.id),
        ("مریم", None, None),
    ]
    audits = list(
        await session.scalars(select(AuditLog).where(AuditLog.action == "checkin.walk_in"))
    )
    assert [a.details for a in audits] == [
        {"check_in": rows[0].id, "organization": org.id},
        {"check_in": rows[1].id, "organization": None},
    ]


async def test_only_coordinators_check_others_in_or_count(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, _ = await _opened(session, clock)
    org, (person,) = await make_members(session, clock, 1)
    member = await act(session, person)
    calls = [
        checkin.open_checkin(session, clock, member, meeting.id, WINDOW),
        checkin.check_in_member(session, clock, member, meeting.id, org.id, person.id, WINDOW),
        checkin.check_in_walk_in(session, clock, member, meeting.id, "Gul", None, WINDOW),
        checkin.members_to_check_in(session, clock, member, meeting.id, org.id, WINDOW),
        checkin.attendance(session, member, meeting.id),
    ]
    for call in calls:
        with pytest.raises(NotAllowed):
            await call
    assert await session.scalar(select(func.count(CheckIn.id))) == 0


async def test_attendance_counts_people_and_organizations_represented(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator = await _opened(session, clock)
    _, (a1, a2) = await make_members(session, clock, 2, name="Alpha")
    beta, (b1,) = await make_members(session, clock, 1, name="Beta")
    await make_members(session, clock, 1, name="Gamma")  # approved, nobody came
    await make_members(session, clock, 1, name="Pending", status=OrgStatus.PENDING)
    code = meeting.checkin_code or ""
    for person in (a1, a2, b1):
        await checkin.check_in(session, clock, await act(session, person), code, WINDOW)
    await checkin.check_in(session, clock, coordinator, code, WINDOW)  # in no organization
    await checkin.check_in_walk_in(session, clock, coordinator, meeting.id, "Gul", beta.id, WINDOW)
    await checkin.check_in_walk_in(session, clock, coordinator, meeting.id, "Guest", None, WINDOW)

    counted = await checkin.attendance(session, coordinator, meeting.id)
    assert (counted.people, counted.walk_ins) == (6, 2)
    assert (counted.organizations, counted.approved) == (2, 3)
    assert [(r.name, r.people) for r in counted.by_organization] == [("Alpha", 2), ("Beta", 2)]
    assert await checkin.attendance(session, None, meeting.id) == counted
    ids = set(await session.scalars(checkin.checked_in_people(meeting.id)))
    assert ids == {a1.id, a2.id, b1.id, coordinator.person_id}

    beta.status = OrgStatus.SUSPENDED
    await session.flush()
    later = await checkin.attendance(session, None, meeting.id)
    assert (later.people, later.organizations, later.approved) == (6, 1, 2)
    with pytest.raises(NotFound):
        await checkin.attendance(session, None, 999_999)


def test_the_qr_code_is_a_png_of_the_deep_link() -> None:
    link = checkin.deep_link("shura_test_bot", "K7MX3QPA")
    assert link == "https://t.me/shura_test_bot?start=checkin-K7MX3QPA"
    assert checkin.code_from_start_payload("checkin-K7MX3QPA") == "K7MX3QPA"
    assert checkin.code_from_start_payload("join-abc") is None
    png = checkin.qr_png(link)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and 300 < len(png) < 10_000
    width = int.from_bytes(png[16:20], "big")
    assert width == int.from_bytes(png[20:24], "big") and 300 <= width <= 1000
