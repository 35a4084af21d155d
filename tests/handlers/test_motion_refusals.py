"""Every refusal on a ballot, in each language, and a meeting's motions ending with it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.app import runtime
from bot.jobs.motions import close_due
from db.models import Motion, MotionStatus
from db.session import transaction
from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.helpers import onboard
from tests.handlers.languages import (
    IN_EACH_LANGUAGE,
    LANGUAGES,
    SECOND,
    coordinator_in,
    last_answer,
    said,
)
from tests.handlers.network import MEMBERS, Member, add_members, schedule
from tests.handlers.test_motions import GROUP, ballots, open_motion

STRANGER = 4_000_077
QUESTION = "Adopt the security plan?"


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_a_ballot_after_closing_is_refused(bot: Harness, user: int, lang: str) -> None:
    await add_members(bot)
    await schedule(bot)
    motion = await open_motion(bot)
    await bot.dispatch()
    bot.clock.advance(timedelta(hours=24))
    await bot.press(user, f"mo:v:{motion}:0:0")
    assert last_answer(bot) == said(bot, lang, "motion-closed", question=QUESTION)
    assert await ballots(bot) == []


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_a_ballot_for_an_organization_one_is_not_the_delegate_of_is_refused(
    bot: Harness, user: int, lang: str
) -> None:
    # The organization's admin votes for it (no delegate is named); the others may not.
    org = await add_members(bot, (Member(4_000_050, "en", "Admin"), *MEMBERS))
    await schedule(bot)
    motion = await open_motion(bot, who="o")
    await bot.dispatch()
    await bot.send(user, "/vote")
    assert bot.last(user) == said(bot, lang, "motion-none-open")
    await bot.forge(user, f"mo:v:{motion}:0:{org}")
    assert last_answer(bot) == said(bot, lang, "motion-not-delegate")
    await bot.forge(user, f"mo:show:{motion}")
    assert last_answer(bot) == said(bot, lang, "motion-not-delegate")
    assert await ballots(bot) == []


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_the_ballot_list_of_a_secret_motion_is_refused(bot: Harness, lang: str) -> None:
    await add_members(bot)
    await coordinator_in(bot, SECOND, lang)
    await schedule(bot)
    motion = await open_motion(bot, secret="s")
    await bot.dispatch()
    await bot.press(MEMBERS[0].tg_user_id, f"mo:v:{motion}:0:0")
    await bot.send(SECOND, f"/ballots {motion}")
    assert bot.last(SECOND) == said(bot, lang, "motion-secret-list")
    assert MEMBERS[0].name not in " ".join(bot.texts(SECOND))


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_someone_outside_the_network_cannot_vote(bot: Harness, lang: str) -> None:
    await add_members(bot)
    await schedule(bot)
    motion = await open_motion(bot)
    await bot.dispatch()
    await onboard(bot, STRANGER, lang)
    await bot.forge(STRANGER, f"mo:v:{motion}:0:0")
    assert last_answer(bot) == said(bot, lang, "motion-not-member")
    await bot.forge(STRANGER, f"mo:show:{motion}")
    assert last_answer(bot) == said(bot, lang, "motion-not-member")
    await bot.send(STRANGER, "/vote")
    assert bot.last(STRANGER) == said(bot, lang, "motion-not-member")
    assert await ballots(bot) == []


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
@pytest.mark.parametrize(
    ("data", "key"),
    [
        pytest.param("mo:v:{motion}:7:0", "error-stale-button", id="an-option-it-lacks"),
        pytest.param("mo:v:{motion}:0:5", "error-stale-button", id="an-org-on-a-member-motion"),
        pytest.param("mo:v:999999:0:0", "error-stale-button", id="no-such-motion"),
        pytest.param("mo:v:99999999999:0:0", "error-stale-button", id="id-too-big"),
        pytest.param("mo:show:999999", "error-stale-button", id="show-no-such-motion"),
        pytest.param("mo:save", "error-coordinators-only", id="open-a-motion"),
        pytest.param("mo:pv:1:{motion}:0:0", "error-coordinators-only", id="proxy-ballot"),
    ],
)
async def test_forged_ballot_buttons_are_refused(
    bot: Harness, user: int, lang: str, data: str, key: str
) -> None:
    await add_members(bot)
    await schedule(bot)
    motion = await open_motion(bot)
    await bot.dispatch()
    await bot.forge(user, data.format(motion=motion))
    assert last_answer(bot) == said(bot, lang, key)
    assert await ballots(bot) == []


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_cancelling_the_meeting_closes_its_motions_and_posts_no_result(
    bot: Harness, user: int, lang: str
) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/bindgroup", chat_id=GROUP, chat_type="supergroup")
    meeting = await schedule(bot, "2026-12-03 10:00")
    motion = await open_motion(bot, quorum="0")
    await bot.dispatch()
    await bot.press(user, f"mo:v:{motion}:0:0")
    await bot.send(COORDINATOR, "/cancelmeeting")
    await bot.press(COORDINATOR, f"mtg:cnl:{meeting}")
    await bot.dispatch()

    await bot.press(user, f"mo:v:{motion}:1:0")  # the ballot still in the chat
    assert last_answer(bot) == said(bot, lang, "motion-closed-cancelled", question=QUESTION)
    await bot.send(user, "/vote")
    assert bot.last(user) == said(bot, lang, "motion-none-open")
    assert [b.option for b in await ballots(bot)] == [0]
    async with transaction(runtime(bot.app).sessions) as session:
        stored = await session.scalar(select(Motion))
        assert stored is not None
        assert (stored.status, stored.result_posted) == (MotionStatus.CLOSED, False)

    before = len(bot.api.messages(COORDINATOR))
    bot.clock.advance(timedelta(hours=24))
    assert await close_due(runtime(bot.app)) == 0
    await bot.dispatch()
    assert len(bot.api.messages(COORDINATOR)) == before
    assert not any(QUESTION in text for text in bot.texts(GROUP))
