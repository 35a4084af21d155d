"""Who sees what: a meeting's place, its calendar file and the list of organizations stay in
the network, whatever a stranger, a removed member or a forged button tries."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update

from bot.app import runtime
from db.models import Membership, Organization, OrgStatus, Person
from db.session import transaction
from tests.handlers.conftest import COORDINATOR, Harness, plain
from tests.handlers.helpers import onboard
from tests.handlers.network import AMIR, JOHN, add_members, schedule

STRANGER = 6_000_001
VENUE = "Safe house behind the blue mosque"
AGENDA = "Threats against our reporters"


def _leaks(bot: Harness, chat_id: int) -> list[str]:
    """Everything the bot ever showed this chat that names the meeting's place or agenda."""
    shown = bot.texts(chat_id) + [a.get("text") or "" for a in bot.answers()]
    documents = bot.api.sent("sendDocument", chat_id=chat_id)
    return [t for t in shown if VENUE in t or AGENDA in t] + [str(d.params) for d in documents]


async def _meeting(bot: Harness) -> int:
    await add_members(bot)
    return await schedule(bot, "2026-12-03 10:00", venue=VENUE, agenda=AGENDA)


async def _forget_membership(bot: Harness, tg_user_id: int) -> None:
    """The member's organization drops them (as an admin's removal would)."""
    async with transaction(runtime(bot.app).sessions) as session:
        person_id = (
            await session.execute(Person.__table__.select().where(Person.tg_user_id == tg_user_id))
        ).one()[0]
        await session.execute(delete(Membership).where(Membership.person_id == person_id))


async def test_a_stranger_reads_no_meeting_and_is_told_how_to_join(bot: Harness) -> None:
    await _meeting(bot)
    await onboard(bot, STRANGER)
    for command in ("/next", "/meetings"):
        await bot.send(STRANGER, command)
        answer = bot.last(STRANGER)
        assert "only for members of the network" in answer, command
        assert "/join" in answer and "/register" in answer
    assert _leaks(bot, STRANGER) == []


@pytest.mark.parametrize("cancelled", [False, True], ids=["scheduled", "cancelled"])
async def test_a_copied_calendar_button_gives_a_stranger_nothing(
    bot: Harness, cancelled: bool
) -> None:
    meeting_id = await _meeting(bot)
    if cancelled:
        await bot.send(COORDINATOR, "/cancelmeeting")
        await bot.press(COORDINATOR, f"mtg:cnl:{meeting_id}")
    await onboard(bot, STRANGER)
    for forged in (meeting_id, 999, 2):
        await bot.forge(STRANGER, f"rsvp:ics:{forged}")
        assert "only for members" in bot.answers()[-1]["text"]
    assert bot.api.sent("sendDocument", chat_id=STRANGER) == []
    assert _leaks(bot, STRANGER) == []


async def test_a_member_gets_the_calendar_file_but_not_of_a_cancelled_meeting(
    bot: Harness,
) -> None:
    meeting_id = await _meeting(bot)
    await bot.forge(JOHN, f"rsvp:ics:{meeting_id}")
    assert len(bot.api.sent("sendDocument", chat_id=JOHN)) == 1
    await bot.send(COORDINATOR, "/cancelmeeting")
    await bot.press(COORDINATOR, f"mtg:cnl:{meeting_id}")
    await bot.forge(JOHN, f"rsvp:ics:{meeting_id}")
    assert "cancelled" in bot.answers()[-1]["text"]
    assert len(bot.api.sent("sendDocument", chat_id=JOHN)) == 1


async def test_a_stranger_pressing_an_answer_button_learns_nothing_of_the_meeting(
    bot: Harness,
) -> None:
    meeting_id = await _meeting(bot)
    await bot.send(COORDINATOR, "/cancelmeeting")
    await bot.press(COORDINATOR, f"mtg:cnl:{meeting_id}")
    await onboard(bot, STRANGER)
    await bot.forge(STRANGER, f"rsvp:go:{meeting_id}")
    toast = bot.answers()[-1]["text"]
    assert "Monthly coordination meeting" not in toast  # not even that it was cancelled
    assert "Only members" in toast


async def test_a_stranger_does_not_get_the_list_of_organizations(bot: Harness) -> None:
    await add_members(bot)
    await onboard(bot, STRANGER)
    await bot.send(STRANGER, "/orgs")
    answer = bot.last(STRANGER)
    assert "Balkh Youth Network" not in answer and "Mazar-i-Sharif" not in answer
    assert "/register" in answer
    await bot.send(JOHN, "/orgs")
    assert "Balkh Youth Network" in bot.last(JOHN)


async def test_a_removed_member_no_longer_reads_the_next_meeting(bot: Harness) -> None:
    meeting_id = await _meeting(bot)
    await bot.send(AMIR, "/next")
    assert VENUE in bot.last(AMIR)
    await _forget_membership(bot, AMIR)
    before = len(bot.texts(AMIR))
    await bot.send(AMIR, "/next")
    catalog = runtime(bot.app).catalog
    assert bot.last(AMIR) == plain(catalog.text("fa", "error-network-only"))
    await bot.forge(AMIR, f"rsvp:ics:{meeting_id}")
    await bot.send(AMIR, "/orgs")
    assert all(VENUE not in text for text in bot.texts(AMIR)[before:])
    assert len(bot.api.sent("sendDocument", chat_id=AMIR)) == 0


async def test_members_of_a_suspended_organization_see_nothing(bot: Harness) -> None:
    await _meeting(bot)
    async with transaction(runtime(bot.app).sessions) as session:
        await session.execute(update(Organization).values(status=OrgStatus.SUSPENDED))
    await bot.send(JOHN, "/next")
    assert "only for members of the network" in bot.last(JOHN)
    await bot.send(JOHN, "/orgs")
    assert "Balkh Youth Network" not in bot.last(JOHN)


async def test_a_coordinator_in_no_organization_sees_meetings(bot: Harness) -> None:
    await _meeting(bot)
    await bot.send(COORDINATOR, "/next")
    assert VENUE in bot.last(COORDINATOR)


async def test_group_chatter_records_nobody(bot: Harness) -> None:
    group = -100_777
    await bot.send(STRANGER, "/help", chat_id=group, chat_type="supergroup")
    await bot.send(STRANGER, "/next", chat_id=group, chat_type="supergroup")
    async with transaction(runtime(bot.app).sessions) as session:
        found = (
            await session.execute(Person.__table__.select().where(Person.tg_user_id == STRANGER))
        ).all()
    assert found == []
    await onboard(bot, STRANGER)  # writing in private is what records a person
    async with transaction(runtime(bot.app).sessions) as session:
        found = (
            await session.execute(Person.__table__.select().where(Person.tg_user_id == STRANGER))
        ).all()
    assert len(found) == 1
