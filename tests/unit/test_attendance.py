"""Who answered what, by name and organization: names read from their columns alone."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FakeClock
from bot.services import attendance, rsvp
from db.models import Membership, RsvpAnswer
from tests.factories import act, make_org, make_person
from tests.unit.meeting_factories import make_coordinator, make_meeting


async def test_people_are_named_as_telegram_names_them_and_only_while_in_the_network(
    session: AsyncSession, clock: FakeClock
) -> None:
    named = await make_person(session, clock, first_name="Farida", last_name="Noori")
    handle = await make_person(session, clock, first_name="", username="amir_b")
    bare = await make_person(session, clock, first_name="", username=None, tg_user_id=555)
    leaving = await make_person(session, clock, first_name="Gone")
    await make_org(session, clock, named, name="Alpha", members=(named, handle, bare, leaving))
    configured = await make_person(session, clock, first_name="Configured")
    promoted = await make_coordinator(session, clock, first_name="Promoted")
    meeting = await make_meeting(session, clock)
    coordinators = {configured.tg_user_id}
    for person, answer in (
        (named, RsvpAnswer.GOING),
        (handle, RsvpAnswer.MAYBE),
        (leaving, RsvpAnswer.GOING),
        (configured, RsvpAnswer.DECLINED),
        (promoted, RsvpAnswer.GOING),
    ):
        actor = await act(session, person, coordinators)
        await rsvp.record(session, clock, actor, meeting.id, answer)
    await session.execute(delete(Membership).where(Membership.person_id == leaving.id))

    alpha, outsiders = await attendance.who_answered(
        session, await act(session, promoted), meeting.id, coordinators=coordinators
    )

    assert (alpha.organization, alpha.going, alpha.maybe, alpha.no_answer) == (
        "Alpha",
        ["Farida Noori"],
        ["@amir_b"],
        ["555"],
    )
    assert (outsiders.organization, outsiders.going, outsiders.declined) == (
        None,
        ["Promoted"],
        ["Configured"],
    )
    assert "Gone" not in str((alpha, outsiders))
