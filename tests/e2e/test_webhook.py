"""`shura run --webhook` as a real process: the secret token is checked on every request, an
update is stored before the answer 200, and a kill at the worst moment loses nothing."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.conftest import Database
from tests.e2e.conftest import BotProcess, plain
from tests.e2e.fleet import KILLED_WHEN_HELD, kill
from tests.e2e.test_crashes import query
from tests.fakes.telegram import FakeBotApi, FakeBotApiServer

SECRET = "w3bhook-Secret_token"
URL = "https://bot.example.org/telegram/updates"
HEADER = "X-Telegram-Bot-Api-Secret-Token"
ASKER = 1_000_079


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Hook:
    """Telegram's side of a webhook: posts updates to the bot's listen address, as the reverse
    proxy in front of it would pass them on."""

    def __init__(self, port: int) -> None:
        self.address = f"http://127.0.0.1:{port}/telegram/updates"

    def settings(self) -> dict[str, str]:
        port = self.address.split(":")[2].split("/")[0]
        return {
            "SHURA_WEBHOOK_URL": URL,
            "SHURA_WEBHOOK_LISTEN": f"127.0.0.1:{port}",
            "SHURA_WEBHOOK_SECRET": SECRET,
        }

    def post(
        self, update: dict[str, Any], secret: str | None = SECRET, timeout: float = 10.0
    ) -> int:
        headers = {} if secret is None else {HEADER: secret}
        return httpx.post(self.address, json=update, headers=headers, timeout=timeout).status_code

    def listening(self) -> bool:
        try:
            # A request without the secret is refused before anything is read: a safe probe.
            return self.post({}, secret=None, timeout=2.0) == 403
        except httpx.HTTPError:
            return False


@pytest.fixture
def hook() -> Hook:
    return Hook(free_port())


@pytest.fixture
def api(fake_telegram: FakeBotApiServer) -> FakeBotApi:
    """The fake Telegram, where the person whose updates the tests post has an account."""
    fake_telegram.api.user(ASKER, "Asker", language_code="en")
    return fake_telegram.api


def stored(database: Database) -> dict[int, Any]:
    rows = query(database, "SELECT update_id, handled_at FROM incoming_update")
    return {int(update_id): handled_at for update_id, handled_at in rows}


def test_a_request_without_the_right_secret_is_refused_and_nothing_is_stored(
    start_bot: Callable[..., BotProcess],
    api: FakeBotApi,
    e2e_database: Database,
    hook: Hook,
) -> None:
    bot = start_bot("--webhook", **hook.settings())
    bot.wait_for("the bot to listen", hook.listening)
    (set_call,) = api.sent("setWebhook")
    assert set_call.params["url"] == URL and set_call.params["secret_token"] == SECRET
    assert api.webhook_secret == SECRET

    update = api.message_update(ASKER, "/start")
    for secret in (None, "", "wrong", SECRET.upper()):
        assert hook.post(update, secret) == 403
    assert stored(e2e_database) == {}
    assert api.sent("sendMessage", chat_id=ASKER) == []

    assert hook.post(update) == 200
    bot.wait_for("the answer to /start", lambda: api.sent("sendMessage", chat_id=ASKER))
    assert update["update_id"] in stored(e2e_database)
    assert bot.interrupt() == 0, bot.diagnostics()
    assert SECRET not in bot.output(), "the secret token is never logged"
    api.assert_no_problems()


@KILLED_WHEN_HELD
def test_an_update_posted_when_the_bot_is_killed_is_handled_once_after_a_restart(
    start_bot: Callable[..., BotProcess],
    api: FakeBotApi,
    e2e_database: Database,
    hook: Hook,
    moment: str,
) -> None:
    first = start_bot("--webhook", SHURA_TEST_HOLD=moment, **hook.settings())
    first.wait_for("the bot to listen", hook.listening)
    update = api.message_update(ASKER, "/start")

    answers: list[int | str] = []

    def post() -> None:
        try:
            answers.append(hook.post(update, timeout=60.0))
        except httpx.HTTPError as error:
            answers.append(type(error).__name__)

    poster = threading.Thread(target=post)
    poster.start()
    if moment == "fetched":
        first.wait_for("the update held before it is stored", lambda: "held at" in first.output())
    else:
        poster.join(30)
        assert answers == [200], "answered 200 once stored"
        assert stored(e2e_database) == {update["update_id"]: None}, "stored, not yet handled"
    kill(first.process)
    poster.join(30)
    if moment == "fetched":
        assert answers != [200], "never answered 200: Telegram sends it again"
        assert stored(e2e_database) == {}

    second = start_bot("--webhook", **hook.settings())
    second.wait_for("the bot to listen again", hook.listening)
    if moment == "fetched":
        assert hook.post(update) == 200  # Telegram's next try
    second.wait_for("the answer to /start", lambda: api.sent("sendMessage", chat_id=ASKER))
    assert len(api.sent("setWebhook")) == 1, "the webhook had not changed: not set again"

    # Telegram tries once more (its last 200 was lost on the way): not handled again.
    replies = len(api.sent("sendMessage", chat_id=ASKER))
    assert hook.post(update) == 200
    assert second.interrupt() == 0, second.diagnostics()
    assert len(api.sent("sendMessage", chat_id=ASKER)) == replies, "handled once"
    assert stored(e2e_database)[update["update_id"]] is not None
    api.assert_no_problems()


def test_polling_again_deletes_the_webhook(
    start_bot: Callable[..., BotProcess], api: FakeBotApi, hook: Hook
) -> None:
    webhook = start_bot("--webhook", **hook.settings())
    webhook.wait_for("the bot to listen", hook.listening)
    assert webhook.interrupt() == 0, webhook.diagnostics()
    assert api.webhook_url == URL

    polling = start_bot()
    reply = polling.send(ASKER, "/start")
    assert plain(reply[0])
    assert api.webhook_url == "" and api.sent("deleteWebhook")
    assert polling.interrupt() == 0, polling.diagnostics()
    api.assert_no_problems()


def test_webhook_mode_without_its_settings_says_which_are_missing(
    start_bot: Callable[..., BotProcess],
) -> None:
    bot = start_bot("--webhook", SHURA_WEBHOOK_URL=URL)
    assert bot.wait_exit() == 2
    assert "SHURA_WEBHOOK_SECRET" in bot.output() and "Traceback" not in bot.output()
