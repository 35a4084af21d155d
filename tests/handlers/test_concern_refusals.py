"""Every refusal on the way to a concern or a dot, in each language, and nothing half-saved."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.app import runtime
from db.models import AgendaVote, Concern, ConcernStatus, Dialog
from db.session import transaction
from tests.handlers.conftest import Harness
from tests.handlers.helpers import onboard
from tests.handlers.languages import IN_EACH_LANGUAGE, LANGUAGES, last_answer, said
from tests.handlers.network import add_members, schedule
from tests.handlers.test_agenda import raise_concerns

STRANGER = 4_000_077


async def saved(bot: Harness) -> tuple[int, int]:
    """How many concerns and dots are stored."""
    async with transaction(runtime(bot.app).sessions) as session:
        concerns = await session.scalar(select(func.count()).select_from(Concern))
        dots = await session.scalar(select(func.count()).select_from(AgendaVote))
    return int(concerns or 0), int(dots or 0)


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_an_empty_concern_and_one_of_4096_characters_are_refused(
    bot: Harness, user: int, lang: str
) -> None:
    await add_members(bot)
    await bot.send(user, "/concern")
    await bot.send(user, "   ")
    assert bot.last(user) == said(bot, lang, "concern-text-empty")
    await bot.send(user, "x" * 4096)  # the longest text Telegram delivers
    assert bot.last(user) == said(bot, lang, "concern-text-too-long", limit=1000, length=4096)
    assert await saved(bot) == (0, 0)
    await bot.send(user, "Water")  # the question is still open
    assert bot.last(user) == said(bot, lang, "concern-ask-topic")


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
@pytest.mark.parametrize("kind", ["sticker", "document", "video"])
async def test_a_sticker_or_a_file_is_refused_with_what_is_taken(
    bot: Harness, user: int, lang: str, kind: str
) -> None:
    await add_members(bot)
    await bot.send(user, "/concern")
    await bot.send_file(user, kind)
    assert bot.last(user) == said(bot, lang, "concern-send-kinds")
    assert await saved(bot) == (0, 0)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_stranger_cannot_raise_a_concern(bot: Harness, lang: str) -> None:
    await add_members(bot)
    await onboard(bot, STRANGER, lang)
    await bot.send(STRANGER, "/concern")
    assert bot.last(STRANGER) == said(bot, lang, "error-network-only")
    async with transaction(runtime(bot.app).sessions) as session:
        assert (await session.scalars(select(Dialog))).all() == []


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_stranger_cannot_put_a_dot(bot: Harness, lang: str) -> None:
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-21 14:00")
    await raise_concerns(bot, meeting, "Water")
    await onboard(bot, STRANGER, lang)
    await bot.forge(STRANGER, "agd:add:1:0")
    assert last_answer(bot) == said(bot, lang, "error-network-only")
    assert await saved(bot) == (1, 0)


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_a_fourth_dot_is_refused_when_three_are_allowed(
    bot: Harness, user: int, lang: str
) -> None:
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-21 14:00")
    await raise_concerns(bot, meeting, "Water", "Roads", "Schools", "Radio")
    await bot.send(user, "/agenda")
    for number in (1, 2, 3):
        await bot.press(user, f"agd:add:{number}:0")
    await bot.press(user, "agd:add:4:0")
    assert last_answer(bot) == said(bot, lang, "agenda-no-dots-left", dots=3)
    assert await saved(bot) == (4, 3)


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
@pytest.mark.parametrize("status", [ConcernStatus.REJECTED, ConcernStatus.MERGED])
async def test_a_dot_on_a_rejected_or_merged_concern_is_refused(
    bot: Harness, user: int, lang: str, status: ConcernStatus
) -> None:
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-21 14:00")
    await raise_concerns(bot, meeting, "Water")
    extra = {"merged_into_id": 1} if status == ConcernStatus.MERGED else {}
    await raise_concerns(bot, meeting, "Spam", status=status, **extra)
    await bot.send(user, "/agenda")
    await bot.forge(user, "agd:add:2:0")  # a button shown before the decision
    assert last_answer(bot) == said(bot, lang, f"agenda-concern-{status.value}", number=2)
    assert await saved(bot) == (2, 0)


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
@pytest.mark.parametrize(
    "data",
    [
        pytest.param("agd:add:99999:0", id="dot-on-no-concern"),
        pytest.param("agd:add:99999999999:0", id="dot-id-too-big"),
        pytest.param("agd:del:1:99999999", id="page-too-big"),
        pytest.param("agd:page:99999:0", id="page-of-no-meeting"),
        pytest.param("cnc:send", id="send-without-a-concern"),
        pytest.param("cnc:topic:security", id="topic-without-a-concern"),
        pytest.param("rev:ok:1", id="approve-by-a-member"),
    ],
)
async def test_forged_concern_and_dot_buttons_are_refused(
    bot: Harness, user: int, lang: str, data: str
) -> None:
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-21 14:00")
    await raise_concerns(bot, meeting, "Water", status=ConcernStatus.SUBMITTED)
    await bot.send(user, "/agenda")
    await bot.forge(user, data)
    key = "error-coordinators-only" if data.startswith("rev:") else "error-stale-button"
    assert last_answer(bot) == said(bot, lang, key)
    assert await saved(bot) == (1, 0)
    async with transaction(runtime(bot.app).sessions) as session:
        assert (await session.get(Concern, 1)).status == ConcernStatus.SUBMITTED  # type: ignore[union-attr]
