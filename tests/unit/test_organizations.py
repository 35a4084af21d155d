"""Registering organizations and the coordinators' decisions, at the service layer."""

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FakeClock
from bot.services import organizations
from bot.services.errors import DomainError, NotAllowed, NotFound
from db.models import AuditLog, MemberRole, Membership, OrgKind, OrgStatus
from tests.factories import act, make_org, make_person

COORDINATOR_ID = 42


def draft(name: str = "Balkh Youth Network") -> organizations.Draft:
    return organizations.Draft(
        name=name,
        kind=OrgKind.UNION,
        province="Balkh",
        district="Mazar-i-Sharif",
        focus="Youth participation",
        contact=None,
    )


async def test_a_registration_is_pending_until_a_coordinator_approves(
    session: AsyncSession, clock: FakeClock
) -> None:
    registrant = await make_person(session, clock)
    coordinator = await make_person(session, clock, tg_user_id=COORDINATOR_ID)
    org = await organizations.submit(session, clock, registrant, draft())
    assert org.status == OrgStatus.PENDING
    with pytest.raises(NotAllowed):  # a registrant whose application waits sees no list
        await organizations.approved(session, await act(session, registrant))

    await organizations.approve(
        session, clock, await act(session, coordinator, {COORDINATOR_ID}), org.id
    )

    approved = await organizations.approved(session, await act(session, registrant))
    assert [o.name for o in approved] == ["Balkh Youth Network"]
    membership = (await session.execute(select(Membership))).scalar_one()
    assert (membership.person_id, membership.role) == (registrant.id, MemberRole.ADMIN)
    actions = (await session.execute(select(AuditLog.action).order_by(AuditLog.id))).scalars()
    assert list(actions) == ["org.registered", "org.approved"]


@pytest.mark.parametrize(
    "spelling",
    [
        pytest.param("balkh youth network", id="lower-case"),
        pytest.param("Balkh  Youth\u200b Network ", id="spaces-and-zero-width"),
    ],
)
async def test_a_taken_name_is_refused_however_it_is_spelled(
    session: AsyncSession, clock: FakeClock, spelling: str
) -> None:
    registrant = await make_person(session, clock)
    await organizations.submit(session, clock, registrant, draft())
    with pytest.raises(DomainError) as error:
        await organizations.submit(session, clock, registrant, draft(spelling))
    assert error.value.key == "register-name-taken"


async def test_persian_and_arabic_letter_variants_count_as_the_same_name(
    session: AsyncSession, clock: FakeClock
) -> None:
    registrant = await make_person(session, clock)
    await organizations.submit(session, clock, registrant, draft("انجمن علمی بلخ"))
    with pytest.raises(DomainError):
        await organizations.ensure_name_free(session, "انجمن علمي بلخ")


async def test_a_rejected_name_can_be_used_again(session: AsyncSession, clock: FakeClock) -> None:
    registrant = await make_person(session, clock)
    coordinator = await make_person(session, clock, tg_user_id=COORDINATOR_ID)
    first = await organizations.submit(session, clock, registrant, draft())
    await organizations.reject(
        session, clock, await act(session, coordinator, {COORDINATOR_ID}), first.id, "typo"
    )
    second = await organizations.submit(session, clock, registrant, draft())
    assert second.status == OrgStatus.PENDING


async def test_only_a_coordinator_can_decide(session: AsyncSession, clock: FakeClock) -> None:
    registrant = await make_person(session, clock)
    org = await organizations.submit(session, clock, registrant, draft())
    with pytest.raises(NotAllowed):
        await organizations.approve(
            session, clock, await act(session, registrant, {COORDINATOR_ID}), org.id
        )
    with pytest.raises(NotAllowed):
        await organizations.reject(
            session, clock, await act(session, registrant, {COORDINATOR_ID}), org.id, "no"
        )
    assert org.status == OrgStatus.PENDING


async def test_a_promoted_coordinator_can_decide_too(
    session: AsyncSession, clock: FakeClock
) -> None:
    registrant = await make_person(session, clock)
    promoted = await make_person(session, clock, is_coordinator=True)
    org = await organizations.submit(session, clock, registrant, draft())
    await organizations.approve(
        session, clock, await act(session, promoted, {COORDINATOR_ID}), org.id
    )
    assert org.status == OrgStatus.APPROVED


async def test_a_decision_cannot_be_made_twice(session: AsyncSession, clock: FakeClock) -> None:
    registrant = await make_person(session, clock)
    coordinator = await make_person(session, clock, tg_user_id=COORDINATOR_ID)
    org = await organizations.submit(session, clock, registrant, draft())
    await organizations.approve(
        session, clock, await act(session, coordinator, {COORDINATOR_ID}), org.id
    )
    with pytest.raises(DomainError) as error:
        await organizations.reject(
            session, clock, await act(session, coordinator, {COORDINATOR_ID}), org.id, "late"
        )
    assert error.value.key == "org-already-decided"
    with pytest.raises(DomainError):
        await organizations.approve(
            session, clock, await act(session, coordinator, {COORDINATOR_ID}), org.id
        )


async def test_an_organization_that_does_not_exist_is_a_stale_button(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_person(session, clock, tg_user_id=COORDINATOR_ID)
    with pytest.raises(NotFound):
        await organizations.approve(
            session, clock, await act(session, coordinator, {COORDINATOR_ID}), 999_999
        )


async def test_a_rejection_needs_a_reason_and_keeps_it(
    session: AsyncSession, clock: FakeClock
) -> None:
    registrant = await make_person(session, clock)
    coordinator = await make_person(session, clock, tg_user_id=COORDINATOR_ID)
    org = await organizations.submit(session, clock, registrant, draft())
    with pytest.raises(DomainError) as error:
        await organizations.reject(
            session, clock, await act(session, coordinator, {COORDINATOR_ID}), org.id, "  "
        )
    assert error.value.key == "error-empty"
    await organizations.reject(
        session, clock, await act(session, coordinator, {COORDINATOR_ID}), org.id, "Not in Balkh"
    )
    assert (org.status, org.rejection_reason) == (OrgStatus.REJECTED, "Not in Balkh")


async def test_pending_lists_oldest_first_for_coordinators_only(
    session: AsyncSession, clock: FakeClock
) -> None:
    registrant = await make_person(session, clock)
    coordinator = await make_person(session, clock, tg_user_id=COORDINATOR_ID)
    await make_org(session, clock, registrant, name="Zeta", status=OrgStatus.PENDING)
    await make_org(session, clock, registrant, name="Alpha", status=OrgStatus.APPROVED)
    await make_org(session, clock, registrant, name="Beta", status=OrgStatus.PENDING)
    names = [
        o.name
        for o in await organizations.pending(
            session, await act(session, coordinator, {COORDINATOR_ID})
        )
    ]
    assert names == ["Zeta", "Beta"]
    with pytest.raises(NotAllowed):
        await organizations.pending(session, await act(session, registrant, {COORDINATOR_ID}))
