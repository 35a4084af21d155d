"""Invite links, joining, and org admins managing members, through Telegram."""

from datetime import timedelta

import pytest

from bot.services.members import INVITE_LIFETIME
from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.helpers import approved_org, invite_code, onboard

ADMIN = 2_000_001
AMIR = 2_000_002
ZAHRA = 2_000_003


async def test_the_invite_link_is_a_deep_link_with_the_code(bot: Harness) -> None:
    await approved_org(bot, ADMIN)
    code = await invite_code(bot, ADMIN)
    text = bot.last(ADMIN)
    assert f"https://t.me/shura_test_bot?start=join-{code}" in text
    assert "/join" in text
    assert bot.labels(ADMIN) == ["🔄 New link (old one stops working)"]


async def test_a_newcomer_joins_through_the_deep_link(bot: Harness) -> None:
    await approved_org(bot, ADMIN)
    code = await invite_code(bot, ADMIN)
    await bot.send(AMIR, f"/start join-{code}")
    assert "Welcome to" in bot.texts(AMIR)[0]
    assert "Balkh Youth Network" in bot.texts(AMIR)[0]
    assert bot.data(AMIR) == ["lang:set:en", "lang:set:fa", "lang:set:ps"]  # then the language
    await bot.press(AMIR, "lang:set:en")
    await bot.send(AMIR, "/myorgs")
    assert "Balkh Youth Network — member (approved)" in bot.last(AMIR)


async def test_join_with_the_code_and_the_same_code_twice(bot: Harness) -> None:
    await approved_org(bot, ADMIN)
    code = await invite_code(bot, ADMIN)
    await onboard(bot, AMIR)
    await bot.send(AMIR, f"/join {code}")
    assert "You are now a member" in bot.last(AMIR)
    await bot.send(AMIR, f"/join {code}")
    assert "already a member" in bot.last(AMIR)


async def test_a_revoked_link_is_refused_and_the_new_one_works(bot: Harness) -> None:
    await approved_org(bot, ADMIN)
    old = await invite_code(bot, ADMIN)
    await bot.press(ADMIN, "inv:new:1")
    assert bot.answers()[-1]["text"].strip("\u2068\u2069") == "The old link no longer works."
    new = await invite_code(bot, ADMIN)
    assert new != old
    await onboard(bot, AMIR)
    await bot.send(AMIR, f"/join {old}")
    assert "replaced by a new one" in bot.last(AMIR)
    await bot.send(AMIR, f"/start join-{new}")
    assert "Welcome to" in bot.last(AMIR)


async def test_an_expired_link_is_refused(bot: Harness) -> None:
    await approved_org(bot, ADMIN)
    code = await invite_code(bot, ADMIN)
    bot.clock.advance(INVITE_LIFETIME + timedelta(hours=1))
    await onboard(bot, AMIR)
    await bot.send(AMIR, f"/start join-{code}")
    assert "has expired" in bot.last(AMIR)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        pytest.param("/join", "Send the code like this", id="no-code"),
        pytest.param("/join zzzzzzzzzz", "does not exist", id="unknown-code"),
        pytest.param("/start join-", "has no code", id="empty-deep-link"),
    ],
)
async def test_bad_codes_are_explained(bot: Harness, command: str, expected: str) -> None:
    await onboard(bot, AMIR)
    await bot.send(AMIR, command)
    assert expected in bot.last(AMIR)


async def test_only_org_admins_get_invite_and_members(bot: Harness) -> None:
    await approved_org(bot, ADMIN)
    await onboard(bot, AMIR)
    for command in ("/invite", "/members"):
        await bot.send(AMIR, command)
        assert "not an admin of any organization" in bot.last(AMIR)


async def test_an_admin_of_two_organizations_picks_one(bot: Harness) -> None:
    await approved_org(bot, ADMIN, name="First Org")
    from tests.handlers.helpers import org_id_from_review, register

    await register(bot, ADMIN, name="Second Org")
    await bot.press(COORDINATOR, f"org:ok:{org_id_from_review(bot)}")
    await bot.send(ADMIN, "/invite")
    assert bot.labels(ADMIN) == ["First Org", "Second Org"]
    await bot.press_label(ADMIN, "Second Org")
    assert "Invite link for Second Org" in bot.last(ADMIN)


async def _with_members(bot: Harness) -> None:
    await approved_org(bot, ADMIN)
    code = await invite_code(bot, ADMIN)
    for person in (AMIR, ZAHRA):
        await bot.send(person, f"/start join-{code}")
        await bot.press(person, "lang:set:en")


async def test_members_lists_everyone_and_opens_a_card(bot: Harness) -> None:
    await _with_members(bot)
    await bot.send(ADMIN, "/members")
    assert "3 members" in bot.last(ADMIN)
    labels = bot.labels(ADMIN)
    assert labels[0].endswith("★")  # the admin first
    await bot.press_label(ADMIN, f"User {AMIR}")
    card = bot.last(ADMIN)
    assert f"User {AMIR}" in card and "member" in card
    assert bot.labels(ADMIN) == [
        "Make delegate",
        "Make admin",
        "Remove from organization",
        "‹ Back",
    ]


async def test_an_admin_names_the_delegate_and_then_another(bot: Harness) -> None:
    await _with_members(bot)
    await bot.send(ADMIN, "/members")
    await bot.press_label(ADMIN, f"User {AMIR}")
    await bot.press_label(ADMIN, "Make delegate")
    assert "is now the delegate" in bot.answers()[-1]["text"]
    assert "delegate" in bot.last(ADMIN)
    await bot.press_label(ADMIN, "‹ Back")
    await bot.press_label(ADMIN, f"User {ZAHRA}")
    await bot.press_label(ADMIN, "Make delegate")
    await bot.send(AMIR, "/myorgs")
    assert "— member (approved)" in bot.last(AMIR)
    await bot.send(ZAHRA, "/myorgs")
    assert "— delegate (approved)" in bot.last(ZAHRA)


async def test_removing_a_member_asks_first(bot: Harness) -> None:
    await _with_members(bot)
    await bot.send(ADMIN, "/members")
    await bot.press_label(ADMIN, f"User {AMIR}")
    await bot.press_label(ADMIN, "Remove from organization")
    assert "Remove" in bot.last(ADMIN) and "?" in bot.last(ADMIN)
    await bot.press_label(ADMIN, "Yes, remove")
    members_list, report = bot.texts(ADMIN)[-2:]
    assert "2 members" in members_list
    assert "was removed" in report and "no seat" in report
    await bot.send(AMIR, "/myorgs")
    assert "not in any organization" in bot.last(AMIR)


async def test_a_promoted_admin_can_manage_and_the_last_admin_cannot_leave(bot: Harness) -> None:
    await _with_members(bot)
    await bot.send(ADMIN, "/members")
    await bot.press_label(ADMIN, f"User {ADMIN}")
    await bot.press_label(ADMIN, "Remove admin role")
    assert "at least one admin" in bot.answers()[-1]["text"]

    await bot.press_label(ADMIN, "‹ Back")
    await bot.press_label(ADMIN, f"User {AMIR}")
    await bot.press_label(ADMIN, "Make admin")
    await bot.send(AMIR, "/members")
    assert "3 members" in bot.last(AMIR)


async def test_a_member_cannot_press_an_admins_buttons(bot: Harness) -> None:
    await _with_members(bot)
    await bot.send(ADMIN, "/members")
    await bot.press_label(ADMIN, f"User {ZAHRA}")
    data = next(d for d in bot.data(ADMIN) if d.startswith("mem:rmask:"))
    membership_id = data.rsplit(":", 1)[1]
    await bot.forge(AMIR, f"mem:rm:{membership_id}")
    assert "Only admins" in bot.answers()[-1]["text"]
    await bot.send(ZAHRA, "/myorgs")
    assert "Balkh Youth Network" in bot.last(ZAHRA)


async def test_a_stale_member_button_after_removal_is_explained(bot: Harness) -> None:
    await _with_members(bot)
    await bot.send(ADMIN, "/members")
    await bot.press_label(ADMIN, f"User {AMIR}")
    data = next(d for d in bot.data(ADMIN) if d.startswith("mem:rmask:"))
    await bot.press_label(ADMIN, "Remove from organization")
    await bot.press_label(ADMIN, "Yes, remove")
    await bot.forge(ADMIN, data)
    assert "no longer in the organization" in bot.answers()[-1]["text"]
