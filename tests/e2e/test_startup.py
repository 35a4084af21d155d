"""`shura run` asks Telegram as little as it can before it polls: who it is, once; the
menus only when they changed; and the webhook removal."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from tests.e2e.conftest import BotProcess
from tests.fakes.telegram import FakeBotApi, FakeBotApiServer

WRITER = 1_000_123


def calls_before_polling(api: FakeBotApi) -> Counter[str]:
    """From the process's first call to its first getUpdates (recorded when it returns: with
    an update waiting, at once; a long poll left by the stopped run may come back first)."""
    methods = [call.method for call in api.calls]
    start = methods.index("getMe")
    return Counter(methods[start : methods.index("getUpdates", start)])


def started_and_answered(start_bot: Callable[[], BotProcess], api: FakeBotApi) -> BotProcess:
    """Start the bot with a message waiting for it; return once it answered."""
    answers = len(api.sent("sendMessage", chat_id=WRITER))
    api.push_update(api.message_update(WRITER, "/help"))
    bot = start_bot()
    bot.wait_for("the answer", lambda: len(api.sent("sendMessage", chat_id=WRITER)) > answers)
    return bot


def test_a_restart_asks_telegram_who_it_is_once_and_sets_no_menu_again(
    start_bot: Callable[[], BotProcess], fake_telegram: FakeBotApiServer
) -> None:
    api = fake_telegram.api
    api.user(WRITER, "Writer", language_code="en")
    api.start_chat(WRITER)
    first = started_and_answered(start_bot, api)
    assert calls_before_polling(api) == {"getMe": 1, "setMyCommands": 8, "deleteWebhook": 1}
    assert first.interrupt() == 0

    api.clear_calls()
    again = started_and_answered(start_bot, api)
    assert calls_before_polling(api) == {"getMe": 1, "deleteWebhook": 1}
    assert again.interrupt() == 0
