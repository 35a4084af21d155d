"""/proxy: a coordinator picks someone without a phone from an organization's members and
records their ballot or their answer, from /proxy, a meeting's attendance or a motion."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.app import runtime
from bot.jobs.motions import close_due
from db.models import AuditLog, Rsvp
from db.session import transaction
from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.languages import IN_EACH_LANGUAGE, last_answer, said
from tests.handlers.network import JOHN, ZAHRA, Member, add_members, schedule
from tests.handlers.test_motions import ballots, open_motion, person_id

QUESTION = "Adopt the security plan?"


async def audited(bot: Harness) -> list[str]:
    async with transaction(runtime(bot.app).sessions) as session:
        return list(await session.scalars(select(AuditLog.action).order_by(AuditLog.id)))


async def answers(bot: Harness) -> list[tuple[int, str]]:
    async with transaction(runtime(bot.app).sessions) as session:
        rows = await session.scalars(select(Rsvp).order_by(Rsvp.id))
        return [(row.person_id, row.answer.value) for row in rows]


async def test_proxy_alone_picks_the_person_from_an_organizations_members(bot: Harness) -> None:
    await add_members(bot)
    await add_members(bot, (Member(4_000_060, "en", "Farid"),), "Mazar Media Centre")
    await schedule(bot)
    await open_motion(bot, quorum="0")
    await bot.send(COORDINATOR, "/proxy")
    picker = bot.last(COORDINATOR)
    assert "Which organization is the person a member of? (page 1 of 1)" in picker
    assert "/proxy with their @username" in picker
    assert bot.labels(COORDINATOR) == ["Balkh Youth Network", "Mazar Media Centre"]

    await bot.press_label(COORDINATOR, "Balkh Youth Network")
    assert "Who in Balkh Youth Network?" in bot.last(COORDINATOR)
    assert bot.labels(COORDINATOR) == ["Amir", "John", "Zahra", "‹ Back"]
    await bot.press_label(COORDINATOR, "Zahra")
    assert "What do you want to record for Zahra?" in bot.last(COORDINATOR)
    await bot.press_label(COORDINATOR, QUESTION)
    await bot.press_label(COORDINATOR, "Abstain")
    assert "Recorded for Zahra" in bot.last(COORDINATOR)
    ((ballot,),) = [await ballots(bot)]
    assert (ballot.option, ballot.by_proxy) == (2, True)
    assert "ballot.proxy" in await audited(bot)

    bot.clock.advance(timedelta(hours=24))
    await close_due(runtime(bot.app))
    assert "One ballot was recorded by a coordinator" in bot.last(COORDINATOR)


async def test_a_meetings_attendance_records_an_answer_for_someone_without_a_phone(
    bot: Harness,
) -> None:
    await add_members(bot)
    meeting = await schedule(bot)
    await bot.send(COORDINATOR, "/attendance")
    attendance = len(bot.api.messages(COORDINATOR))
    await bot.press_label(COORDINATOR, "Record an answer for someone without a phone")
    assert len(bot.api.messages(COORDINATOR)) == attendance + 1  # the attendance stays
    assert "Recording an answer to Monthly coordination meeting" in bot.last(COORDINATOR)
    await bot.press_label(COORDINATOR, "Balkh Youth Network")
    await bot.press_label(COORDINATOR, "John")
    assert "Is John coming to Monthly coordination meeting?" in bot.last(COORDINATOR)
    await bot.press_label(COORDINATOR, "Going")
    assert "Recorded for John" in bot.last(COORDINATOR)
    assert [answer for _person, answer in await answers(bot)] == ["going"]
    assert "rsvp.proxy" in await audited(bot)

    # And for someone else, from the organizations again.
    await bot.press_label(COORDINATOR, "Record for someone else")
    await bot.press_label(COORDINATOR, "Balkh Youth Network")
    await bot.press_label(COORDINATOR, "Zahra")
    await bot.press_label(COORDINATOR, "Can't go")
    assert sorted(answer for _person, answer in await answers(bot)) == ["declined", "going"]
    await bot.send(COORDINATOR, f"/attendance {meeting}")
    assert "Going: John" in bot.last(COORDINATOR) and "Can't go: Zahra" in bot.last(COORDINATOR)


async def test_a_motion_records_a_ballot_for_someone_without_a_phone(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot)
    motion = await open_motion(bot, secret="p")
    opened = bot.api.last_message(COORDINATOR)
    assert bot.labels(COORDINATOR) == ["👥 Record a ballot for someone without a phone"]
    await bot.press(COORDINATOR, f"mo:ps:v:{motion}", message_id=opened["message_id"])
    assert f"Recording a ballot on “{QUESTION}”" in bot.last(COORDINATOR)
    await bot.press_label(COORDINATOR, "Balkh Youth Network")
    await bot.press_label(COORDINATOR, "Amir")
    assert f"Ballot of Amir on “{QUESTION}”" in bot.last(COORDINATOR)
    await bot.press_label(COORDINATOR, "Yes")
    assert "Recorded for Amir" in bot.last(COORDINATOR)

    await bot.send(COORDINATOR, f"/ballots {motion}")
    assert "Amir: Yes (recorded by a coordinator)" in bot.last(COORDINATOR)
    await bot.press_label(COORDINATOR, "Record a ballot for someone without a phone")
    await bot.press_label(COORDINATOR, "Balkh Youth Network")
    await bot.press_label(COORDINATOR, "John")
    await bot.press_label(COORDINATOR, "No")
    assert sorted(b.option for b in await ballots(bot)) == [0, 1]


async def test_long_lists_have_pages(bot: Harness) -> None:
    await add_members(bot, tuple(Member(4_400_000 + n, "en", f"Member {n:02d}") for n in range(20)))
    for number in range(1, 10):
        await add_members(bot, (Member(4_500_000 + number, "en", f"M{number}"),), f"Org {number}")
    await schedule(bot)
    await bot.send(COORDINATOR, "/proxy")
    assert "(page 1 of 2)" in bot.last(COORDINATOR)
    assert len(bot.labels(COORDINATOR)) == 8 + 1 and bot.labels(COORDINATOR)[-1] == "Next ›"
    await bot.press_label(COORDINATOR, "Next ›")
    assert "(page 2 of 2)" in bot.last(COORDINATOR)
    await bot.press_label(COORDINATOR, "Org 9")
    await bot.press_label(COORDINATOR, "‹ Back")
    await bot.press_label(COORDINATOR, "Balkh Youth Network")
    assert "(page 1 of 3)" in bot.last(COORDINATOR)
    assert bot.labels(COORDINATOR)[:2] == ["Member 00", "Member 01"]
    await bot.press_label(COORDINATOR, "Next ›")
    await bot.press_label(COORDINATOR, "Next ›")
    assert "(page 3 of 3)" in bot.last(COORDINATOR)
    assert bot.labels(COORDINATOR) == [
        "Member 16",
        "Member 17",
        "Member 18",
        "Member 19",
        "‹ Previous",
        "‹ Back",
    ]
    await bot.press_label(COORDINATOR, "Member 19")
    assert "What do you want to record for Member 19?" in bot.last(COORDINATOR)


async def test_no_button_once_the_meeting_started_or_voting_closed(bot: Harness) -> None:
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-03 10:00")
    motion = await open_motion(bot, secret="p", closes="start")
    bot.clock.advance(timedelta(days=3))
    await bot.send(COORDINATOR, f"/attendance {meeting}")
    await bot.send(COORDINATOR, f"/ballots {motion}")
    assert not any("without a phone" in label for label in bot.labels(COORDINATOR))
    await bot.forge(COORDINATOR, f"mo:ps:v:{motion}")
    assert last_answer(bot) == said(bot, "en", "motion-closed", question=QUESTION)
    await bot.forge(COORDINATOR, f"mo:po:m:{meeting}:0")
    title = "Monthly coordination meeting"
    assert last_answer(bot) == said(bot, "en", "meeting-is-past", title=title)


async def test_someone_who_does_not_vote_for_the_organization_is_said_so(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot)
    motion = await open_motion(bot, who="o")
    await bot.send(COORDINATOR, "/proxy")
    await bot.press_label(COORDINATOR, "Balkh Youth Network")
    await bot.forge(COORDINATOR, f"mo:pw:v:{motion}:{await person_id(bot, JOHN)}")
    assert last_answer(bot) == said(bot, "en", "proxy-not-voter", name="John")
    assert await ballots(bot) == []


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_only_coordinators_record_for_others(bot: Harness, user: int, lang: str) -> None:
    await add_members(bot)
    await schedule(bot)
    refused = said(bot, lang, "error-coordinators-only")
    await bot.send(user, "/proxy")
    assert bot.last(user) == refused
    # Every step of the picking and the recording: start, organizations, members, the person,
    # an answer.
    for data in ("mo:ps:a:0", "mo:po:a:0:1", "mo:pp:a:0:1:0", "mo:pw:a:0:1", "mo:pa:2:1:going"):
        await bot.forge(user, data)
        assert last_answer(bot) == refused, data
    assert await answers(bot) == [] and await ballots(bot) == []


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("mo:ps:a:5", id="anything-with-an-id"),
        pytest.param("mo:ps:v:999999", id="no-such-motion"),
        pytest.param("mo:pp:a:0:999999:0", id="no-such-organization"),
        pytest.param("mo:pw:a:0:999999", id="no-such-person"),
        pytest.param("mo:po:x:0:0", id="unknown-purpose"),
        pytest.param("mo:pp:a:0:1:99999999", id="page-too-big"),
    ],
)
async def test_forged_picker_buttons_are_stale(bot: Harness, data: str) -> None:
    await add_members(bot)
    await schedule(bot)
    await bot.forge(COORDINATOR, data)
    assert last_answer(bot) == said(bot, "en", "error-stale-button")


async def test_the_username_lookup_still_works(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot)
    await bot.send(COORDINATOR, f"/proxy {ZAHRA}")
    assert "What do you want to record for Zahra?" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "/proxy @nobody_here")
    assert "Nobody with @nobody_here has started this bot" in bot.last(COORDINATOR)
