"""Registering an organization and the coordinators' decision, through Telegram."""

import pytest
from sqlalchemy import func, select
from telegram import Update

from bot.app import runtime
from db.models import AuditLog, Organization, OrgStatus
from db.session import transaction
from tests.handlers.conftest import COORDINATOR, Harness, start_harness, stop_harness
from tests.handlers.helpers import onboard, org_id_from_review, register

ALICE = 1_000_001
BOB = 1_000_002


async def _count_orgs(bot: Harness) -> int:
    async with transaction(runtime(bot.app).sessions) as session:
        return (await session.execute(select(func.count()).select_from(Organization))).scalar_one()


async def test_a_registration_reaches_every_coordinator_with_the_details(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, ALICE)
    await register(bot, ALICE)

    assert "sent to the coordinators" in bot.last(ALICE)
    review = bot.last(COORDINATOR)
    for detail in ("Balkh Youth Network", "Union or network", "Mazar-i-Sharif", "+93 700 000 000"):
        assert detail in review
    assert bot.labels(COORDINATOR) == ["✅ Approve", "❌ Reject"]


async def test_the_summary_is_shown_before_submitting_and_cancel_saves_nothing(
    bot: Harness,
) -> None:
    await onboard(bot, ALICE)
    await bot.send(ALICE, "/register")
    await bot.send(ALICE, "Balkh Youth Network")
    await bot.press(ALICE, "reg:kind:ngo")
    for answer in ("Balkh", "Dehdadi", "Health"):
        await bot.send(ALICE, answer)
    await bot.press(ALICE, "reg:skip")
    summary = bot.last(ALICE)
    assert "Please check your application" in summary and "Dehdadi" in summary
    await bot.press(ALICE, "reg:cancel")
    assert await _count_orgs(bot) == 0
    assert "Nothing was saved" in bot.last(ALICE)


async def test_cancel_leaves_at_any_step_without_saving(bot: Harness) -> None:
    await onboard(bot, ALICE)
    await bot.send(ALICE, "/register")
    await bot.send(ALICE, "Balkh Youth Network")
    await bot.press(ALICE, "reg:kind:ngo")
    await bot.send(ALICE, "/cancel")
    assert "Nothing was saved" in bot.last(ALICE)
    await bot.send(ALICE, "Balkh")
    assert "/help" in bot.last(ALICE)  # the conversation is over
    assert await _count_orgs(bot) == 0


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        pytest.param("   ", "That was empty", id="white-space"),
        pytest.param("x" * 4096, "4,096 characters", id="the-longest-text-telegram-delivers"),
        pytest.param("x" * 101, "at most 100", id="one-over-the-limit"),
    ],
)
async def test_a_bad_name_is_explained_and_asked_again(
    bot: Harness, answer: str, expected: str
) -> None:
    await onboard(bot, ALICE)
    await bot.send(ALICE, "/register")
    await bot.send(ALICE, answer)
    assert expected in bot.last(ALICE)
    await bot.send(ALICE, "A good name")
    assert "What kind" in bot.last(ALICE)


async def test_html_and_right_to_left_text_are_shown_literally(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, ALICE)
    await register(bot, ALICE, name="<b>x</b> & انجمن 🌷", contact="a & b <i>")
    review = bot.last(COORDINATOR)
    assert "<b>x</b> & انجمن 🌷" in review
    assert "a & b <i>" in review


async def test_a_taken_name_is_refused_at_the_first_step(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, ALICE)
    await onboard(bot, BOB)
    await register(bot, ALICE, name="انجمن علمی بلخ")
    await bot.send(BOB, "/register")
    await bot.send(BOB, "  انجمن  علمي بلخ\u200c")
    assert "already registered" in bot.last(BOB)


async def test_typing_instead_of_choosing_a_kind_points_to_the_buttons(bot: Harness) -> None:
    await onboard(bot, ALICE)
    await bot.send(ALICE, "/register")
    await bot.send(ALICE, "Balkh Youth Network")
    await bot.send(ALICE, "an NGO")
    assert "buttons" in bot.last(ALICE)
    assert "reg:kind:ngo" in bot.data(ALICE)


async def test_a_photo_in_the_middle_of_registering_asks_for_text(bot: Harness) -> None:
    await onboard(bot, ALICE)
    await bot.send(ALICE, "/register")
    update = bot.api.message_update(ALICE, "x")
    message = update["message"]
    del message["text"]
    message["photo"] = [{"file_id": "p1", "file_unique_id": "u1", "width": 1, "height": 1}]
    await bot.app.process_update(Update.de_json(update, bot.app.bot))
    assert "answer with text" in bot.last(ALICE)


async def test_approval_makes_the_registrant_admin_and_tells_them(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, ALICE)
    await register(bot, ALICE)
    await bot.press(COORDINATOR, f"org:ok:{org_id_from_review(bot)}")

    assert "You approved" in bot.last(COORDINATOR)
    assert bot.labels(COORDINATOR) == []  # the buttons are gone from the decided review
    assert "was approved" in bot.last(ALICE) and "/invite" in bot.last(ALICE)
    await bot.send(ALICE, "/myorgs")
    assert "Balkh Youth Network — admin (approved)" in bot.last(ALICE)
    await bot.send(BOB, "/start")
    await bot.press(BOB, "lang:set:en")
    await bot.send(ALICE, "/orgs")
    assert "Balkh Youth Network" in bot.last(ALICE)
    await bot.send(BOB, "/orgs")  # not in the network: told how to join, not who is in it
    assert "Balkh Youth Network" not in bot.last(BOB)
    assert "/join" in bot.last(BOB) and "/register" in bot.last(BOB)


async def test_rejection_asks_for_a_reason_and_tells_the_registrant(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, ALICE)
    await register(bot, ALICE)
    await bot.press(COORDINATOR, f"org:no:{org_id_from_review(bot)}")
    assert "Why is" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "Please give the <full> name & address")

    assert "You rejected" in bot.last(COORDINATOR)
    told = bot.last(ALICE)
    assert "was not approved" in told and "Please give the <full> name & address" in told
    async with transaction(runtime(bot.app).sessions) as session:
        org = (await session.execute(select(Organization))).scalar_one()
        actions = list((await session.execute(select(AuditLog.action))).scalars())
    assert org.status == OrgStatus.REJECTED
    assert "org.rejected" in actions


async def test_a_second_press_on_a_decided_organization_is_refused(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, ALICE)
    await register(bot, ALICE)
    org_id = org_id_from_review(bot)
    await bot.press(COORDINATOR, f"org:ok:{org_id}")
    # A slow network delivers an old press of the same review again.
    await bot.forge(COORDINATOR, f"org:no:{org_id}")
    assert "already decided" in bot.answers()[-1]["text"]
    assert "You approved" in bot.last(COORDINATOR)


async def test_a_non_coordinator_pressing_approve_is_refused(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, ALICE)
    await register(bot, ALICE)
    await bot.forge(ALICE, f"org:ok:{org_id_from_review(bot)}")
    assert "Only coordinators" in bot.answers()[-1]["text"]
    async with transaction(runtime(bot.app).sessions) as session:
        org = (await session.execute(select(Organization))).scalar_one()
    assert org.status == OrgStatus.PENDING


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("org:ok:999999", id="no-such-organization"),
        pytest.param("org:ok:abc", id="not-a-number"),
        pytest.param("org:ok", id="no-id"),
        pytest.param("org:explode:1", id="unknown-action"),
        pytest.param("reg:submit", id="submit-without-a-registration"),
        pytest.param("reg:kind:spaceship", id="kind-out-of-turn"),
    ],
)
async def test_forged_buttons_are_refused(bot: Harness, data: str) -> None:
    await onboard(bot, COORDINATOR)
    await bot.forge(COORDINATOR, data)
    answer = bot.answers()[-1]
    assert answer["show_alert"] is True and "no longer valid" in answer["text"]


async def test_pending_lists_applications_for_coordinators_only(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, ALICE)
    await bot.send(COORDINATOR, "/pending")
    assert "No organization is waiting" in bot.last(COORDINATOR)
    await register(bot, ALICE)
    await bot.send(COORDINATOR, "/pending")
    assert "Balkh Youth Network" in bot.last(COORDINATOR)
    await bot.send(ALICE, "/pending")
    assert "Only coordinators" in bot.last(ALICE)


async def test_an_unfinished_registration_survives_a_restart(
    bot: Harness,
    database,
    clock,  # type: ignore[no-untyped-def]
) -> None:

    await onboard(bot, COORDINATOR)
    await onboard(bot, ALICE)
    await bot.send(ALICE, "/register")
    await bot.send(ALICE, "Balkh Youth Network")
    await bot.press(ALICE, "reg:kind:media")
    await bot.send(ALICE, "Balkh")

    restarted = await start_harness(database, clock, api=bot.api)
    try:
        await restarted.send(ALICE, "Chahar Bolak")
        assert "one line" in restarted.last(ALICE)
        await restarted.send(ALICE, "Local radio")
        await restarted.press(ALICE, "reg:skip")
        summary = restarted.last(ALICE)
        assert "Chahar Bolak" in summary and "Media" in summary
    finally:
        await stop_harness(restarted)
