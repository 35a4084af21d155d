"""Promoting and demoting coordinators, and binding the coordination group."""

from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.helpers import onboard

FARID = 3_000_001
GROUP = -100_555


async def test_a_coordinator_promotes_by_username_and_the_person_is_told(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    bot.api.user(FARID, "Farid", username="farid_b")
    await onboard(bot, FARID, "fa")
    await bot.send(COORDINATOR, "/promote @FARID_B")
    question = bot.last(COORDINATOR)
    assert "Make this person a coordinator?" in question
    assert "Farid (@farid_b, Telegram id 3000001)" in question
    menu = {c["command"] for c in bot.api.commands_for("chat", chat_id=FARID)}
    assert "pending" not in menu  # nothing changed yet
    await bot.press_label(COORDINATOR, "Yes, make coordinator")
    assert "Farid is now a coordinator" in bot.last(COORDINATOR)
    assert bot.last(FARID) != ""
    commands = {c["command"] for c in bot.api.commands_for("chat", chat_id=FARID)}
    assert "pending" in commands
    await bot.send(FARID, "/pending")
    assert bot.last(FARID) == bot.app.bot_data["shura"].catalog.text("fa", "pending-none")


async def test_demote_takes_the_role_and_the_menu_back(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, FARID)
    await bot.send(COORDINATOR, f"/promote {FARID}")
    await bot.press_label(COORDINATOR, "Yes, make coordinator")
    await bot.send(COORDINATOR, f"/demote {FARID}")
    assert "Take the coordinator role back" in bot.last(COORDINATOR)
    await bot.press_label(COORDINATOR, "Yes, take it back")
    assert "no longer a coordinator" in bot.last(COORDINATOR)
    menu = {c["command"] for c in bot.api.commands_for("chat", chat_id=FARID)}
    assert menu and not menu & {"pending", "promote", "newmeeting", "attendance"}
    await bot.send(FARID, "/pending")
    assert "Only coordinators" in bot.last(FARID)


async def test_promote_mistakes_are_explained(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await bot.send(COORDINATOR, "/promote")
    assert "Send /promote with" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "/promote @nobody_here")
    assert "I do not know @nobody_here" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, f"/promote {COORDINATOR}")
    assert "already a coordinator" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, f"/demote {COORDINATOR}")
    assert "SHURA_COORDINATORS" in bot.last(COORDINATOR)


async def test_only_coordinators_promote(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, FARID)
    await bot.send(FARID, f"/promote {FARID}")
    assert "Only coordinators" in bot.last(FARID)


async def test_a_forged_promote_button_from_a_member_changes_nothing(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, FARID)
    await bot.forge(FARID, "crd:promote:2")
    assert "Only coordinators" in bot.answers()[-1]["text"]
    await bot.send(FARID, "/pending")
    assert "Only coordinators" in bot.last(FARID)


async def test_a_lookalike_username_is_not_the_person_named(bot: Harness) -> None:
    """`_` and `%` are characters of a username, never wildcards."""
    await onboard(bot, COORDINATOR)
    bot.api.user(FARID, "Ali", username="alixkarimi")
    await onboard(bot, FARID)
    await bot.send(COORDINATOR, "/promote @ali_karimi")
    assert "I do not know @ali_karimi" in bot.last(COORDINATOR)
    for pattern in ("@%", "%", "@ali%", "@_lixkarimi", "ali*"):
        await bot.send(COORDINATOR, f"/promote {pattern}")
        assert "Make this person" not in bot.last(COORDINATOR), pattern
    assert not [label for label in bot.labels(COORDINATOR) if "make coordinator" in label]


async def test_cancelling_a_promotion_changes_nothing(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, FARID)
    await bot.send(COORDINATOR, f"/promote {FARID}")
    await bot.press_label(COORDINATOR, "Cancel")
    assert bot.last(COORDINATOR) == "Nothing was changed."
    await bot.send(FARID, "/pending")
    assert "Only coordinators" in bot.last(FARID)


async def test_bindgroup_in_a_group_makes_it_the_coordination_group(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await bot.send(COORDINATOR, "/bindgroup", chat_id=GROUP, chat_type="supergroup")
    # Group posts use the network's default language (Dari here).
    catalog = bot.app.bot_data["shura"].catalog
    assert bot.last(GROUP) == catalog.text("fa", "group-bound")


async def test_bindgroup_by_a_member_or_in_private_is_refused(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, FARID)
    await bot.send(FARID, "/bindgroup", chat_id=GROUP, chat_type="group")
    assert "Only coordinators" in bot.last(GROUP)
    await bot.send(COORDINATOR, "/bindgroup")
    assert "only in a group" in bot.last(COORDINATOR)


async def test_the_coordination_group_hears_of_meetings_in_the_networks_language(
    bot: Harness,
) -> None:
    from tests.handlers.network import add_members, schedule

    await add_members(bot)
    await bot.send(COORDINATOR, "/bindgroup", chat_id=GROUP, chat_type="supergroup")
    await schedule(bot, "2026-12-03 10:00")
    catalog = bot.app.bot_data["shura"].catalog
    posted = bot.last(GROUP)
    heading = catalog.text("fa", "group-meeting-scheduled", card="", plain=True).split("\n")[0]
    assert posted.startswith(heading.replace("<b>", "").replace("</b>", ""))
    assert "۱۴۰۵" in posted  # Dari: the Solar Hijri date
    await bot.send(COORDINATOR, "/cancelmeeting")
    await bot.press(COORDINATOR, "mtg:cnl:1")
    assert "❌" in bot.last(GROUP)
    assert not any("rsvp:" in d for d in bot.data(GROUP))  # nothing personal in the group


async def test_a_group_that_removed_the_bot_is_no_longer_posted_to(bot: Harness) -> None:
    from tests.handlers.network import add_members, schedule

    await add_members(bot)
    await bot.send(COORDINATOR, "/bindgroup", chat_id=GROUP, chat_type="supergroup")
    bot.api.remove_from_group(GROUP)
    await schedule(bot, "2026-12-03 10:00")
    bot.api.expect_problem("Forbidden")
    before = len(bot.api.calls)
    await schedule(bot, "2026-12-04 10:00")
    assert not [c for c in bot.api.calls[before:] if c.params.get("chat_id") == GROUP]
