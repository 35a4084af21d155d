"""The board over HTTP: the bot on the fake Telegram, its web application on a test server."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

from bot.clock import FakeClock
from bot.web.server import build_web_app
from tests.conftest import Database
from tests.handlers.conftest import TOKEN, Harness, start_harness, stop_harness
from tests.web.initdata import launch_data

WEB_URL = "https://board.example.org"


@dataclass
class Answer:
    """One response of the board, read whole."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def html(self) -> str:
        return str(self.json()["html"])

    @property
    def error(self) -> str:
        return str(self.json()["error"])


@dataclass
class Board:
    """The running bot and an HTTP client for its board; every answer is kept for leak checks."""

    bot: Harness
    client: TestClient  # type: ignore[type-arg]
    answers: list[Answer] = field(default_factory=list)

    def launch_data(self, user_id: int, *, language_code: str | None = "en") -> str:
        return launch_data(user_id, TOKEN, self.bot.clock.now(), language_code=language_code)

    def headers(self, user_id: int | None) -> dict[str, str]:
        if user_id is None:
            return {}
        return {"Authorization": f"tma {self.launch_data(user_id)}"}

    async def _keep(self, response: ClientResponse) -> Answer:
        answer = Answer(response.status, dict(response.headers), await response.read())
        self.answers.append(answer)
        return answer

    async def get(self, path: str, user_id: int | None, **kwargs: Any) -> Answer:
        headers = {**self.headers(user_id), **kwargs.pop("headers", {})}
        return await self._keep(await self.client.get(path, headers=headers, **kwargs))

    async def post(self, path: str, user_id: int | None, body: object, **kwargs: Any) -> Answer:
        headers = {**self.headers(user_id), **kwargs.pop("headers", {})}
        response = await self.client.post(path, json=body, headers=headers, **kwargs)
        return await self._keep(response)


async def start_board(database: Database, clock: FakeClock, **settings: Any) -> Board:
    harness = await start_harness(database, clock, SHURA_WEB_URL=WEB_URL, **settings)
    client = TestClient(TestServer(build_web_app(harness.app)))
    await client.start_server()
    return Board(harness, client)


async def stop_board(board: Board) -> None:
    await board.client.close()
    await stop_harness(board.bot)
    assert not board.bot.errors, f"handlers raised: {board.bot.errors!r}"
    board.bot.api.assert_no_problems()


@pytest.fixture
async def board(database: Database, clock: FakeClock) -> AsyncIterator[Board]:
    running = await start_board(database, clock)
    yield running
    await stop_board(running)
