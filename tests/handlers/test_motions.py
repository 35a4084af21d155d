"""Motions through Telegram: opening one, ballots, refusals, closing once, and proxies."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from telegram import Update

from bot.app import runtime
from bot.clock import FakeClock
from bot.jobs.motions import JOB_NAME, close_due
from db.models import AuditLog, Ballot, Rsvp
from db.session import transaction
from tests.conftest import Database
from tests.handlers.conftest import COORDINATOR, Harness, start_harness, stop_harness
from tests.handlers.helpers import onboard
from tests.handlers.languages import LANGUAGES, SECOND, coordinator_in, said
from tests.handlers.network import AMIR, JOHN, LATE, ZAHRA, add_members, schedule

GROUP = -100_888


async def open_motion(
    bot: Harness,
    *,
    options: str | None = None,
    who: str = "m",
    secret: str = "s",
    quorum: str = "q:50",
    closes: str = "24h",
) -> int:
    """The coordinator opens a motion through /motion; returns its number."""
    await bot.send(COORDINATOR, "/motion")
    await bot.send(COORDINATOR, "Adopt the security plan?")
    if options is None:
        await bot.press(COORDINATOR, "mo:std")
    else:
        await bot.send(COORDINATOR, options)
    await bot.press(COORDINATOR, f"mo:who:{who}")
    await bot.press(COORDINATOR, f"mo:sec:{secret}")
    if quorum.startswith("q:"):
        await bot.press(COORDINATOR, f"mo:{quorum}")
    else:
        await bot.send(COORDINATOR, quorum)
    await bot.press(COORDINATOR, f"mo:cl:{closes}")
    assert "Open this motion?" in bot.last(COORDINATOR)
    await bot.press(COORDINATOR, "mo:save")
    text = bot.last(COORDINATOR)
    assert "Motion #" in text, text
    return int(text.split("#", 1)[1].split(" ", 1)[0])


async def ballots(bot: Harness) -> list[Ballot]:
    async with transaction(runtime(bot.app).sessions) as session:
        return list(await session.scalars(select(Ballot).order_by(Ballot.id)))


async def test_a_member_votes_changes_their_mind_and_the_result_is_posted_once(
    bot: Harness,
) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/bindgroup", chat_id=GROUP, chat_type="supergroup")
    await schedule(bot)
    motion = await open_motion(bot)
    await bot.dispatch()
    assert "Adopt the security plan?" in bot.last(JOHN)
    assert bot.labels(JOHN) == ["Yes", "No", "Abstain"]
    assert "بلی" in bot.labels(AMIR) and "هو" in bot.labels(ZAHRA)

    await bot.press(JOHN, f"mo:v:{motion}:0:0")
    assert "Your choice: Yes" in bot.last(JOHN) and "✅ Yes" in bot.labels(JOHN)
    await bot.press(JOHN, f"mo:v:{motion}:1:0")
    assert "Your choice: No" in bot.last(JOHN)
    await bot.press(AMIR, f"mo:v:{motion}:1:0")
    assert [b.option for b in await ballots(bot)] == [1, 1]

    bot.clock.advance(timedelta(hours=24))
    assert await close_due(runtime(bot.app)) == 1
    group = bot.last(GROUP)  # in the network's language, Dari here
    assert "نتیجه: Adopt the security plan?" in group and "تصمیم: نخیر" in group
    assert "مشارکت: ۲ از ۳" in group
    coordinator = bot.last(COORDINATOR)
    assert "Turnout: 2 of 3" in coordinator and "quorum met" in coordinator
    assert "Decision: No" in coordinator
    assert await close_due(runtime(bot.app)) == 0

    await bot.press(JOHN, f"mo:v:{motion}:0:0")
    assert "has closed" in bot.answers()[-1]["text"]
    assert [b.option for b in await ballots(bot)] == [1, 1]


async def test_the_result_is_posted_once_across_a_restart(
    database: Database, clock: FakeClock
) -> None:
    bot = await start_harness(database, clock)
    await add_members(bot)
    await schedule(bot)
    await open_motion(bot, quorum="100")
    await bot.dispatch()
    assert JOB_NAME in {job.name for job in bot.app.job_queue.jobs()}  # type: ignore[union-attr]
    clock.advance(timedelta(hours=24))
    assert await close_due(runtime(bot.app)) == 1
    first = len(bot.api.messages(COORDINATOR))
    await stop_harness(bot)

    again = await start_harness(database, clock, api=bot.api)
    assert await close_due(runtime(again.app)) == 0
    await again.dispatch()
    assert len(again.api.messages(COORDINATOR)) == first
    results = [t for t in again.texts(COORDINATOR) if "Result:" in t]
    assert len(results) == 1 and "quorum not met" in results[0]
    await stop_harness(again)


@pytest.mark.parametrize(
    ("user", "refusal"),
    [
        pytest.param(JOHN, "Only members of the network", id="en"),
        pytest.param(AMIR, "فقط اعضای نهادهای شبکه", id="fa"),
        pytest.param(ZAHRA, "یوازې د شبکې د بنسټونو غړي", id="ps"),
    ],
)
async def test_a_member_removed_cannot_vote_in_any_language(
    bot: Harness, user: int, refusal: str
) -> None:
    org = await add_members(bot)
    await schedule(bot)
    motion = await open_motion(bot)
    await bot.dispatch()
    async with transaction(runtime(bot.app).sessions) as session:
        from db.models import Membership, Person

        person = await session.scalar(select(Person).where(Person.tg_user_id == user))
        assert person is not None
        membership = await session.scalar(
            select(Membership).where(
                Membership.person_id == person.id, Membership.organization_id == org
            )
        )
        await session.delete(membership)
    await bot.press(user, f"mo:v:{motion}:0:0")
    assert refusal in bot.answers()[-1]["text"]
    await bot.send(user, "/vote")
    assert refusal in bot.last(user)
    assert await ballots(bot) == []


async def test_forged_and_secret_requests_are_refused(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot)
    motion = await open_motion(bot)
    await bot.dispatch()
    await bot.forge(JOHN, f"mo:v:{motion}:7:0")  # an option the motion does not have
    await bot.forge(JOHN, f"mo:v:{motion}:0:5")  # an organization on a per-member motion
    await bot.forge(JOHN, "mo:v:999999:0:0")
    await onboard(bot, LATE)
    await bot.forge(LATE, f"mo:v:{motion}:0:0")
    assert "Only members of the network" in bot.answers()[-1]["text"]
    assert await ballots(bot) == []
    await bot.send(COORDINATOR, f"/ballots {motion}")
    assert "secret" in bot.last(COORDINATOR)
    await bot.send(JOHN, f"/ballots {motion}")
    assert "Bigger" not in bot.last(JOHN) and "Adopt" not in bot.last(JOHN)


async def test_a_public_motions_ballots_are_listed_for_coordinators(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot)
    motion = await open_motion(bot, options="Build a well\nRepair the road", secret="p")
    await bot.dispatch()
    assert bot.labels(JOHN) == ["Build a well", "Repair the road"]
    await bot.press(JOHN, f"mo:v:{motion}:1:0")
    await bot.send(COORDINATOR, f"/ballots {motion}")
    assert "John: Repair the road" in bot.last(COORDINATOR)


async def test_per_organization_only_the_admin_without_a_delegate_votes(bot: Harness) -> None:
    org = await add_members(bot)
    await schedule(bot)
    motion = await open_motion(bot, who="o")
    await bot.dispatch()
    # Amir is the admin and no delegate is named: only he gets the ballot.
    assert f"mo:v:{motion}:0:{org}" in bot.data(AMIR)
    assert bot.api.sent("sendMessage", chat_id=JOHN) == []
    await bot.send(JOHN, "/vote")
    assert "no open motions" in bot.last(JOHN)
    await bot.forge(JOHN, f"mo:v:{motion}:0:{org}")
    assert "its delegate does" in bot.answers()[-1]["text"]
    await bot.press(AMIR, f"mo:v:{motion}:2:{org}")
    ((ballot,),) = [await ballots(bot)]
    assert (ballot.organization_id, ballot.person_id, ballot.option) == (org, None, 2)


async def test_two_taps_at_once_record_one_ballot(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot)
    motion = await open_motion(bot)
    await bot.dispatch()
    taps = [bot.api.callback_update(JOHN, f"mo:v:{motion}:{option}:0") for option in (0, 1)]
    await asyncio.gather(*(bot.app.process_update(Update.de_json(t, bot.app.bot)) for t in taps))
    assert len(await ballots(bot)) == 1


async def test_vote_lists_open_motions(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot)
    motion = await open_motion(bot)
    await bot.send(JOHN, "/vote")
    assert "One motion is open" in bot.last(JOHN)
    await bot.press(JOHN, f"mo:show:{motion}")
    assert "Adopt the security plan?" in bot.last(JOHN)
    await bot.press(JOHN, f"mo:v:{motion}:0:0")
    assert "Your choice: Yes" in bot.last(JOHN)


async def test_a_coordinator_records_a_ballot_and_an_answer_by_proxy(bot: Harness) -> None:
    await add_members(bot)
    meeting = await schedule(bot)
    await open_motion(bot, quorum="0")
    await bot.send(COORDINATOR, f"/proxy {ZAHRA}")
    assert "What do you want to record for Zahra?" in bot.last(COORDINATOR)
    await bot.press_label(COORDINATOR, "Adopt the security plan?")
    await bot.press_label(COORDINATOR, "Abstain")
    assert "Recorded for Zahra" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, f"/proxy {ZAHRA}")
    await bot.press(COORDINATOR, f"mo:pr:{(await person_id(bot, ZAHRA))}:{meeting}")
    await bot.press_label(COORDINATOR, "Going")
    assert "Recorded for Zahra" in bot.last(COORDINATOR)
    ((ballot,),) = [await ballots(bot)]
    assert (ballot.option, ballot.by_proxy) == (2, True)
    async with transaction(runtime(bot.app).sessions) as session:
        answers = list(await session.scalars(select(Rsvp)))
        actions = list(await session.scalars(select(AuditLog.action)))
    assert [a.answer.value for a in answers] == ["going"]
    assert {"ballot.proxy", "rsvp.proxy"} <= set(actions)

    bot.clock.advance(timedelta(hours=24))
    await close_due(runtime(bot.app))
    assert "One ballot was recorded by a coordinator" in bot.last(COORDINATOR)

    await bot.send(JOHN, f"/proxy {ZAHRA}")
    assert "only for coordinators" in bot.last(JOHN).lower() or "coordinators" in bot.last(JOHN)


async def person_id(bot: Harness, tg_user_id: int) -> int:
    """The database id of the person with this Telegram id."""
    from db.models import Person

    async with transaction(runtime(bot.app).sessions) as session:
        found = await session.scalar(select(Person.id).where(Person.tg_user_id == tg_user_id))
    assert found is not None
    return int(found)


async def test_motion_is_for_coordinators_and_checks_what_is_typed(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot)
    await bot.send(JOHN, "/motion")
    assert "coordinators" in bot.last(JOHN)
    await bot.send(COORDINATOR, "/motion")
    await bot.send(COORDINATOR, "Which project first?")
    await bot.send(COORDINATOR, "Only one option")
    assert "Send 2 to 8 options" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "Well\n" + "x" * 61)
    assert "at most 60 characters" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "Well\nRoad\nSchool")
    await bot.press(COORDINATOR, "mo:who:m")
    await bot.press(COORDINATOR, "mo:sec:p")
    await bot.send(COORDINATOR, "150")
    assert "from 0 to 100" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "60%")
    await bot.send(COORDINATOR, "2020-01-01 10:00")
    assert "passed" in bot.last(COORDINATOR) or "past" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "2026-12-20 10:00")
    assert "Quorum: 60%" in bot.last(COORDINATOR)
    await bot.press(COORDINATOR, "mo:drop")
    await bot.forge(COORDINATOR, "mo:save")  # the dialog is gone: a stale button
    async with transaction(runtime(bot.app).sessions) as session:
        assert await session.scalar(select(func.count()).select_from(Ballot)) == 0


async def test_the_same_choice_twice_leaves_the_ballot_as_it_is(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot)
    motion = await open_motion(bot)
    await bot.dispatch()
    await bot.press(JOHN, f"mo:v:{motion}:0:0")
    edits = len(bot.api.sent("editMessageText", chat_id=JOHN))
    await bot.press(JOHN, f"mo:v:{motion}:0:0")
    assert len(bot.api.sent("editMessageText", chat_id=JOHN)) == edits
    assert bot.answers()[-1]["text"] == "Your ballot is saved."
    assert "Your choice: Yes" in bot.last(JOHN)
    await bot.press(JOHN, f"mo:v:{motion}:1:0")
    assert "Your choice: No" in bot.last(JOHN)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_the_ballot_list_reads_in_the_coordinators_language(bot: Harness, lang: str) -> None:
    await add_members(bot)
    await schedule(bot)
    await coordinator_in(bot, SECOND, lang)
    public = await open_motion(bot, options="Build a well\nRepair the road", secret="p")
    await bot.dispatch()
    await bot.press(JOHN, f"mo:v:{public}:1:0")
    await bot.send(SECOND, f"/ballots {public}")
    listing = bot.last(SECOND)
    heading = said(bot, lang, "ballots-list", question="Adopt the security plan?", lines="")
    assert heading.splitlines()[0] in listing
    assert said(bot, lang, "ballots-line", name="John", option="Repair the road") in listing

    secret = await open_motion(bot)
    await bot.send(SECOND, f"/ballots {secret}")
    assert bot.last(SECOND) == said(bot, lang, "motion-secret-list")
