"""Walking people through the flows, so tests read as stories."""

from __future__ import annotations

from tests.handlers.conftest import COORDINATOR, Harness


async def onboard(bot: Harness, user_id: int, lang: str = "en") -> None:
    """The person starts the bot and picks a language."""
    await bot.send(user_id, "/start")
    await bot.press(user_id, f"lang:set:{lang}")


async def register(
    bot: Harness,
    user_id: int,
    name: str = "Balkh Youth Network",
    *,
    kind: str = "union",
    contact: str | None = "+93 700 000 000",
) -> None:
    """The person registers an organization through every step and submits it."""
    await bot.send(user_id, "/register")
    await bot.send(user_id, name)
    await bot.press(user_id, f"reg:kind:{kind}")
    await bot.send(user_id, "Balkh")
    await bot.send(user_id, "Mazar-i-Sharif")
    await bot.send(user_id, "Civic education for young people")
    if contact is None:
        await bot.press(user_id, "reg:skip")
    else:
        await bot.send(user_id, contact)
    await bot.press(user_id, "reg:submit")


def org_id_from_review(bot: Harness, coordinator: int = COORDINATOR) -> int:
    """The organization id on the Approve button of the coordinator's latest review."""
    for data in reversed(bot.data(coordinator)):
        if data.startswith("org:ok:"):
            return int(data.rsplit(":", 1)[1])
    raise AssertionError("no review message with an Approve button")


async def approved_org(bot: Harness, admin: int, name: str = "Balkh Youth Network") -> int:
    """An organization registered by `admin` and approved by the coordinator."""
    await onboard(bot, COORDINATOR)
    await onboard(bot, admin)
    await register(bot, admin, name)
    org_id = org_id_from_review(bot)
    await bot.press(COORDINATOR, f"org:ok:{org_id}")
    return org_id


async def invite_code(bot: Harness, admin: int) -> str:
    """The code in the admin's current invite link."""
    await bot.send(admin, "/invite")
    text = bot.last(admin)
    marker = "?start=join-"
    start = text.index(marker) + len(marker)
    return text[start:].split()[0]
