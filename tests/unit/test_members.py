"""Invite codes, joining, and what org admins may do to members."""

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FakeClock
from bot.services import members
from bot.services.errors import DomainError, NotAllowed
from db.models import MemberRole, OrgStatus
from tests.factories import act, make_org, make_person


async def test_a_person_joins_with_the_current_code(
    session: AsyncSession, clock: FakeClock
) -> None:
    admin = await make_person(session, clock)
    org = await make_org(session, clock, admin, admins=(admin,))
    newcomer = await make_person(session, clock)
    invite = await members.current_invite(session, clock, await act(session, admin), org.id)
    assert (
        await members.current_invite(session, clock, await act(session, admin), org.id)
    ).code == invite.code

    membership = await members.join(session, clock, newcomer, f"join-{invite.code.upper()}")

    assert (membership.organization_id, membership.role) == (org.id, MemberRole.MEMBER)
    with pytest.raises(DomainError) as error:
        await members.join(session, clock, newcomer, invite.code)
    assert error.value.key == "join-already-member"


async def test_a_person_can_belong_to_several_organizations(
    session: AsyncSession, clock: FakeClock
) -> None:
    admin = await make_person(session, clock)
    first = await make_org(session, clock, admin, admins=(admin,), name="B first")
    second = await make_org(session, clock, admin, admins=(admin,), name="A second")
    person = await make_person(session, clock)
    for org in (first, second):
        invite = await members.current_invite(session, clock, await act(session, admin), org.id)
        await members.join(session, clock, person, invite.code)
    names = [m.organization.name for m in await members.my_memberships(session, person)]
    assert names == ["A second", "B first"]


@pytest.mark.parametrize(
    ("code", "key"),
    [
        pytest.param("nosuchcode", "join-code-unknown", id="unknown"),
        pytest.param("", "join-code-missing", id="empty"),
        pytest.param("join-", "join-code-missing", id="empty-deep-link"),
    ],
)
async def test_bad_codes_are_explained(
    session: AsyncSession, clock: FakeClock, code: str, key: str
) -> None:
    person = await make_person(session, clock)
    with pytest.raises(DomainError) as error:
        await members.join(session, clock, person, code)
    assert error.value.key == key


async def test_a_revoked_code_stops_working_and_a_new_one_replaces_it(
    session: AsyncSession, clock: FakeClock
) -> None:
    admin = await make_person(session, clock)
    org = await make_org(session, clock, admin, admins=(admin,))
    old = await members.current_invite(session, clock, await act(session, admin), org.id)
    new = await members.revoke_invite(session, clock, await act(session, admin), org.id)
    assert new.code != old.code
    person = await make_person(session, clock)
    with pytest.raises(DomainError) as error:
        await members.join(session, clock, person, old.code)
    assert error.value.key == "join-code-revoked"
    await members.join(session, clock, person, new.code)


async def test_an_expired_code_stops_working_and_invite_makes_a_fresh_one(
    session: AsyncSession, clock: FakeClock
) -> None:
    admin = await make_person(session, clock)
    org = await make_org(session, clock, admin, admins=(admin,))
    old = await members.current_invite(session, clock, await act(session, admin), org.id)
    clock.advance(members.INVITE_LIFETIME + timedelta(minutes=1))
    person = await make_person(session, clock)
    with pytest.raises(DomainError) as error:
        await members.join(session, clock, person, old.code)
    assert error.value.key == "join-code-expired"
    assert (
        await members.current_invite(session, clock, await act(session, admin), org.id)
    ).code != old.code


async def test_a_code_of_a_suspended_organization_does_not_work(
    session: AsyncSession, clock: FakeClock
) -> None:
    admin = await make_person(session, clock)
    org = await make_org(session, clock, admin, admins=(admin,))
    invite = await members.current_invite(session, clock, await act(session, admin), org.id)
    org.status = OrgStatus.SUSPENDED
    with pytest.raises(DomainError) as error:
        await members.join(session, clock, await make_person(session, clock), invite.code)
    assert error.value.key == "error-org-not-active"


async def test_only_admins_get_the_link_or_manage_members(
    session: AsyncSession, clock: FakeClock
) -> None:
    admin = await make_person(session, clock)
    member = await make_person(session, clock)
    outsider = await make_person(session, clock)
    org = await make_org(session, clock, admin, admins=(admin,), members=(member,))
    listed = await members.members(session, await act(session, admin), org.id)
    member_row = next(m for m in listed if m.person_id == member.id)
    for person in (member, outsider):
        with pytest.raises(NotAllowed):
            await members.current_invite(session, clock, await act(session, person), org.id)
        with pytest.raises(NotAllowed):
            await members.members(session, await act(session, person), org.id)
        with pytest.raises(NotAllowed):
            await members.remove(session, clock, await act(session, person), member_row.id)
        with pytest.raises(NotAllowed):
            await members.set_admin(session, clock, await act(session, person), member_row.id, True)


async def test_one_delegate_per_organization(session: AsyncSession, clock: FakeClock) -> None:
    admin = await make_person(session, clock)
    first, second = await make_person(session, clock), await make_person(session, clock)
    org = await make_org(session, clock, admin, admins=(admin,), members=(first, second))
    rows = {
        m.person_id: m for m in await members.members(session, await act(session, admin), org.id)
    }
    await members.make_delegate(session, clock, await act(session, admin), rows[first.id].id)
    await members.make_delegate(session, clock, await act(session, admin), rows[second.id].id)
    await session.flush()
    delegates = [
        m.person_id
        for m in await members.members(session, await act(session, admin), org.id)
        if m.is_delegate
    ]
    assert delegates == [second.id]


async def test_an_admin_can_promote_and_remove_but_not_leave_the_org_without_admins(
    session: AsyncSession, clock: FakeClock
) -> None:
    admin = await make_person(session, clock)
    member = await make_person(session, clock)
    org = await make_org(session, clock, admin, admins=(admin,), members=(member,))
    rows = {
        m.person_id: m for m in await members.members(session, await act(session, admin), org.id)
    }
    with pytest.raises(DomainError) as error:
        await members.remove(session, clock, await act(session, admin), rows[admin.id].id)
    assert error.value.key == "members-last-admin"
    with pytest.raises(DomainError):
        await members.set_admin(session, clock, await act(session, admin), rows[admin.id].id, False)

    await members.set_admin(session, clock, await act(session, admin), rows[member.id].id, True)
    await members.remove(session, clock, await act(session, admin), rows[admin.id].id)
    await session.flush()
    remaining = await members.members(session, await act(session, member), org.id)
    assert [(m.person_id, m.role) for m in remaining] == [(member.id, MemberRole.ADMIN)]
