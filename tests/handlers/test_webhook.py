"""Webhook mode, in process: the secret token is checked on every request (403 and nothing
stored without it), an update is stored before the answer 200 and handled once, and the webhook
is set with its secret only when it changed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.app import runtime
from bot.config import SettingsError, load_settings
from bot.polling import Intake
from bot.webhook import SECRET_HEADER, add_webhook_route, ensure_webhook
from db.models import BotState, IncomingUpdate
from db.session import reading
from tests.handlers.conftest import Harness

SECRET = "Kq3-vX_9tLm2"
PATH = "/telegram/hook"
URL = f"https://bot.example.org{PATH}"
USER = 5_000_000_301


@pytest.fixture
async def hook(bot: Harness) -> AsyncIterator[tuple[TestClient[Any, Any], Intake]]:
    """The webhook's route on a server of its own, handing updates to the harness's bot."""
    bot.api.user(USER, "Wahid", language_code="en")
    intake = Intake(bot.app)
    app = web.Application()
    add_webhook_route(app, PATH, intake, SECRET)
    async with TestClient(TestServer(app)) as client:
        yield client, intake
    await intake.drain(5)


async def stored(bot: Harness) -> dict[int, IncomingUpdate]:
    async with reading(runtime(bot.app).sessions) as session:
        rows = await session.scalars(select(IncomingUpdate))
        return {row.update_id: row for row in rows}


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="missing"),
        pytest.param({SECRET_HEADER: ""}, id="empty"),
        pytest.param({SECRET_HEADER: "wrong"}, id="wrong"),
        pytest.param({SECRET_HEADER: SECRET + "x"}, id="longer"),
        pytest.param({SECRET_HEADER: SECRET[:-1]}, id="shorter"),
    ],
)
async def test_a_request_without_the_secret_token_is_refused_and_nothing_is_stored(
    bot: Harness, hook: tuple[TestClient[Any, Any], Intake], headers: dict[str, str]
) -> None:
    client, intake = hook
    update = bot.api.message_update(USER, "/start")
    response = await client.post(PATH, json=update, headers=headers)
    assert response.status == 403
    await intake.drain(5)
    assert await stored(bot) == {}
    assert bot.api.sent("sendMessage", chat_id=USER) == [], "nothing was handled"


async def test_an_update_is_stored_before_the_answer_200_and_handled_once(
    bot: Harness, hook: tuple[TestClient[Any, Any], Intake], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, intake = hook
    gate = asyncio.Event()
    process = bot.app.process_update

    async def held(update: object) -> None:
        await gate.wait()
        await process(update)

    monkeypatch.setattr(bot.app, "process_update", held)
    update = bot.api.message_update(USER, "/start")

    response = await client.post(PATH, json=update, headers={SECRET_HEADER: SECRET})

    assert response.status == 200
    row = (await stored(bot))[update["update_id"]]
    assert row.handled_at is None, "stored before the answer, not yet handled"
    assert row.payload is not None and row.payload["message"]["text"] == "/start"
    gate.set()
    await intake.drain(5)
    assert (await stored(bot))[update["update_id"]].handled_at is not None
    answers = len(bot.api.sent("sendMessage", chat_id=USER))
    assert answers >= 1

    # Telegram sends it again (our 200 was lost on the way): answered 200, not handled again.
    again = await client.post(PATH, json=update, headers={SECRET_HEADER: SECRET})
    assert again.status == 200
    await intake.drain(5)
    assert len(bot.api.sent("sendMessage", chat_id=USER)) == answers


async def test_an_update_that_cannot_be_stored_is_not_answered_200(
    bot: Harness, hook: tuple[TestClient[Any, Any], Intake], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, intake = hook

    async def database_down(_updates: object) -> None:
        raise ConnectionError("the database is gone")

    monkeypatch.setattr(intake, "receive", database_down)
    update = bot.api.message_update(USER, "/start")
    response = await client.post(PATH, json=update, headers={SECRET_HEADER: SECRET})
    assert response.status == 500, "Telegram sends it again later"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"not json", id="not-json"),
        pytest.param(b"[1, 2]", id="a-list"),
        pytest.param(b'{"message": {}}', id="no-update-id"),
    ],
)
async def test_a_body_that_is_not_an_update_is_refused(
    bot: Harness, hook: tuple[TestClient[Any, Any], Intake], body: bytes
) -> None:
    client, _intake = hook
    response = await client.post(
        PATH, data=body, headers={SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    )
    assert response.status == 400
    assert await stored(bot) == {}


async def test_other_paths_and_methods_are_not_the_webhook(
    hook: tuple[TestClient[Any, Any], Intake],
) -> None:
    client, _intake = hook
    assert (await client.post("/other", headers={SECRET_HEADER: SECRET})).status == 404
    assert (await client.get(PATH, headers={SECRET_HEADER: SECRET})).status == 405


async def test_the_webhook_is_set_with_its_secret_only_when_it_changed(bot: Harness) -> None:
    def sets() -> int:
        return len(bot.api.sent("setWebhook"))

    assert await ensure_webhook(bot.app, URL, SECRET) is True
    assert (bot.api.webhook_url, bot.api.webhook_secret, sets()) == (URL, SECRET, 1)

    assert await ensure_webhook(bot.app, URL, SECRET) is False, "a restart sets nothing"
    assert sets() == 1

    assert await ensure_webhook(bot.app, URL, "an0ther-secret") is True
    assert (bot.api.webhook_secret, sets()) == ("an0ther-secret", 2)

    # Someone ran the bot in polling mode meanwhile (deleteWebhook): set again.
    bot.api.handle("deleteWebhook", {})
    assert await ensure_webhook(bot.app, URL, "an0ther-secret") is True
    assert (bot.api.webhook_url, sets()) == (URL, 3)

    async with reading(runtime(bot.app).sessions) as session:
        kept = [row.digest for row in await session.scalars(select(BotState))]
    assert not any("an0ther-secret" in value or SECRET in value for value in kept)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        pytest.param("SHURA_WEBHOOK_URL", "http://bot.example.org/t", "https://", id="http"),
        pytest.param("SHURA_WEBHOOK_URL", "bot.example.org/t", "https://", id="no-scheme"),
        pytest.param("SHURA_WEBHOOK_URL", "https://bot.example.org:8081/t", "ports", id="port"),
        pytest.param("SHURA_WEBHOOK_SECRET", "has space", "1 to 256", id="secret-space"),
        pytest.param("SHURA_WEBHOOK_SECRET", "x" * 257, "1 to 256", id="secret-long"),
        pytest.param("SHURA_WEBHOOK_SECRET", "نام", "1 to 256", id="secret-letters"),
        pytest.param("SHURA_WEBHOOK_LISTEN", "8081", "host:port", id="listen"),
    ],
)
def test_a_wrong_webhook_setting_stops_start_up_naming_it(
    name: str, value: str, message: str
) -> None:
    with pytest.raises(SettingsError) as error:
        load_settings(_env_file=None, **{name: value})
    assert name in str(error.value) and message in str(error.value)
    assert value not in str(error.value) or name != "SHURA_WEBHOOK_SECRET"


def test_webhook_settings_are_read_as_people_write_them() -> None:
    settings = load_settings(
        _env_file=None,
        SHURA_WEBHOOK_URL=" https://bot.example.org:8443/telegram ",
        SHURA_WEBHOOK_SECRET=" " + SECRET + " ",
    )
    assert settings.webhook_url == "https://bot.example.org:8443/telegram"
    assert settings.webhook_secret is not None
    assert settings.webhook_secret.get_secret_value() == SECRET
    assert SECRET not in repr(settings), "the secret is not shown"
    assert load_settings(_env_file=None, SHURA_WEBHOOK_URL="").webhook_url is None
    assert load_settings(_env_file=None).webhook_listen == "127.0.0.1:8081"
