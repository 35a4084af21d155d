"""Starting quickly: command menus are set only when they changed, side by side, and Telegram
is asked who the bot is once."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import update

from bot.app import runtime
from bot.clock import FakeClock
from db.models import BotState
from db.session import transaction
from tests.conftest import Database
from tests.fakes.telegram import FakeBotApi, FakeRequest
from tests.handlers.conftest import COORDINATOR, start_harness, stop_harness
from tests.handlers.helpers import onboard

STANDING_MENUS = 8  # private and groups, by default and in each of the three languages


def calls(api: FakeBotApi, method: str) -> int:
    return sum(1 for call in api.calls if call.method == method)


async def start_and_stop(database: Database, clock: FakeClock, api: FakeBotApi, **kw: Any) -> None:
    bot = await start_harness(database, clock, api, **kw)
    await stop_harness(bot)


async def test_a_restart_sets_no_menu_that_is_already_set(
    database: Database, clock: FakeClock
) -> None:
    api = FakeBotApi()
    await start_and_stop(database, clock, api)
    assert calls(api, "setMyCommands") == STANDING_MENUS
    assert calls(api, "getMe") == 1
    menus = {key: api.commands_for(*key) for key in [("default", ""), ("default", "ps")]}

    api.clear_calls()
    await start_and_stop(database, clock, api)
    assert calls(api, "setMyCommands") == 0
    assert calls(api, "getMe") == 1
    assert {key: api.commands_for(*key) for key in menus} == menus


async def test_only_the_menu_that_changed_is_set_again(
    database: Database, clock: FakeClock
) -> None:
    api = FakeBotApi()
    await start_and_stop(database, clock, api)
    bot = await start_harness(database, clock, api)
    try:
        async with transaction(runtime(bot.app).sessions) as session:
            # As if the Pashto menu had read differently when it was last set.
            await session.execute(
                update(BotState).where(BotState.key == "menu:private:ps").values(digest="old")
            )
    finally:
        await stop_harness(bot)

    api.clear_calls()
    await start_and_stop(database, clock, api)
    (only,) = [call for call in api.calls if call.method == "setMyCommands"]
    assert only.params.get("language_code") == "ps"
    assert "scope" not in only.params or only.params["scope"] == {"type": "default"}


async def test_a_coordinators_menu_is_set_once_and_kept_across_restarts(
    database: Database, clock: FakeClock
) -> None:
    api = FakeBotApi()
    bot = await start_harness(database, clock, api)
    try:
        await onboard(bot, COORDINATOR, "fa")
    finally:
        await stop_harness(bot)
    assert api.commands_for("chat", chat_id=COORDINATOR)

    api.clear_calls()
    await start_and_stop(database, clock, api)
    assert calls(api, "setMyCommands") == 1, "the coordinator's menu, never set at start"
    api.clear_calls()
    await start_and_stop(database, clock, api)
    assert calls(api, "setMyCommands") == 0


class CountingRequest(FakeRequest):
    """Notes how many setMyCommands are on their way at once."""

    def __init__(self, api: FakeBotApi) -> None:
        super().__init__(api)
        self.on_the_way = 0
        self.most = 0

    async def do_request(self, url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if not url.endswith("/setMyCommands"):
            return await super().do_request(url, *args, **kwargs)
        self.on_the_way += 1
        self.most = max(self.most, self.on_the_way)
        try:
            for _ in range(STANDING_MENUS):
                await asyncio.sleep(0)  # a network round trip, during which others may start
            return await super().do_request(url, *args, **kwargs)
        finally:
            self.on_the_way -= 1


async def test_the_menus_are_set_side_by_side(database: Database, clock: FakeClock) -> None:
    api = FakeBotApi()
    request = CountingRequest(api)
    await start_and_stop(database, clock, api, request=request)
    assert request.most == STANDING_MENUS
    api.assert_no_problems()
