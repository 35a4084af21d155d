"""The web server in the bot's event loop, on only with SHURA_WEB_URL, and what the strict fake
Telegram holds the board's use of Telegram to: Web App buttons and file downloads."""

from __future__ import annotations

import json
import socket
from datetime import timedelta

import aiohttp
import pytest

from bot.clock import FakeClock
from bot.config import SettingsError, load_settings
from bot.polling import _start_board
from bot.web.server import build_web_app, parse_listen, start_board
from tests.conftest import Database
from tests.fakes.telegram import FakeBotApi
from tests.handlers.conftest import start_harness, stop_harness
from tests.web.conftest import WEB_URL


async def test_polling_mode_serves_the_board_on_the_listen_address_only_when_turned_on(
    database: Database, clock: FakeClock
) -> None:
    off = await start_harness(database, clock)
    try:
        assert await _start_board(off.app) is None
        # The application a webhook would add its route to exists all the same.
        assert build_web_app(off.app).router.resources() is not None
    finally:
        await stop_harness(off)
    on = await start_harness(database, clock, SHURA_WEB_URL=WEB_URL, SHURA_WEB_LISTEN="127.0.0.1:0")
    try:
        server = await _start_board(on.app)
        assert server is not None and server.port > 0
        try:
            async with aiohttp.ClientSession() as client:
                async with client.get(f"http://127.0.0.1:{server.port}/board") as shell:
                    assert shell.status == 200
                    assert "Content-Security-Policy" in shell.headers
                async with client.get(f"http://127.0.0.1:{server.port}/api/me") as api:
                    assert api.status == 401
        finally:
            await server.stop()
    finally:
        await stop_harness(on)


def test_listen_addresses_take_ipv6_in_brackets() -> None:
    assert parse_listen("127.0.0.1:8080") == ("127.0.0.1", 8080)
    assert parse_listen("[::1]:9000") == ("::1", 9000)


def _web_app_button(api: FakeBotApi, url: str, chat_id: int = 42) -> tuple[int, dict[str, object]]:
    markup = {"inline_keyboard": [[{"text": "Open", "web_app": {"url": url}}]]}
    return api.handle(
        "sendMessage", {"chat_id": chat_id, "text": "Board", "reply_markup": json.dumps(markup)}
    )


def test_the_fake_telegram_takes_a_web_app_button_over_https_in_a_private_chat_only() -> None:
    api = FakeBotApi()
    api.start_chat(42)
    assert _web_app_button(api, "https://board.example.org/board?page=agenda")[0] == 200
    status, body = _web_app_button(api, "http://board.example.org/board")
    assert status == 400 and "Only HTTPS links are allowed" in str(body["description"])
    api.add_group(-100_5, "Coordination")
    status, body = _web_app_button(api, "https://board.example.org/board", chat_id=-100_5)
    assert status == 400 and body["description"] == "Bad Request: BUTTON_TYPE_INVALID"
    assert len(api.problems) == 2


def test_the_fake_telegram_hands_out_files_by_path_to_the_bot_that_asked() -> None:
    api = FakeBotApi()
    api.start_chat(42)
    _update, file_id = api.media_update(42, "voice")
    status, body = api.handle("getFile", {"file_id": file_id}, token="1:A")
    assert status == 200
    result = body["result"]
    assert isinstance(result, dict)
    path = str(result["file_path"])
    assert path.startswith("voices/") and result["file_size"] == 64
    assert api.download("1:A", path) == api.file(file_id).content
    assert api.download("2:B", path) is None  # another bot's token
    assert api.download("1:A", "voices/nothing.oga") is None
    status, body = api.handle("getFile", {"file_id": "NOT-A-FILE"}, token="1:A")
    assert status == 400 and body["description"] == "Bad Request: invalid file_id"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        pytest.param("SHURA_WEB_URL", "http://board.example.org", "https://", id="not https"),
        pytest.param("SHURA_WEB_URL", "board.example.org", "https://", id="no scheme"),
        pytest.param("SHURA_WEB_LISTEN", "8080", "host:port", id="no host"),
        pytest.param("SHURA_WEB_LISTEN", "localhost:http", "host:port", id="no port"),
        pytest.param("SHURA_WEB_AUTH_MAX_AGE", "soon", "offset", id="age"),
    ],
)
def test_a_wrong_board_setting_stops_start_up_naming_it(
    name: str, value: str, message: str
) -> None:
    with pytest.raises(SettingsError) as error:
        load_settings(_env_file=None, **{name: value})
    assert name in str(error.value) and message in str(error.value)


def test_board_settings_are_read_as_people_write_them() -> None:
    settings = load_settings(
        _env_file=None,
        SHURA_WEB_URL=" https://shura.example.org/ ",
        SHURA_WEB_AUTH_MAX_AGE="30m",
    )
    assert settings.web_url == "https://shura.example.org"
    assert settings.web_auth_max_age == timedelta(minutes=30)
    assert load_settings(_env_file=None, SHURA_WEB_URL="").web_url is None
    assert load_settings(_env_file=None).web_listen == "127.0.0.1:8080"


async def test_a_listen_address_in_use_leaves_the_chat_running_and_says_why(
    database: Database, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    bot = await start_harness(
        database, clock, SHURA_WEB_URL=WEB_URL, SHURA_WEB_LISTEN=f"127.0.0.1:{port}"
    )
    try:
        assert await start_board(bot.app) is None
        assert f"SHURA_WEB_LISTEN=127.0.0.1:{port}: cannot listen there" in caplog.text
    finally:
        taken.close()
        await stop_harness(bot)
