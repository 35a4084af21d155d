"""`shura run` as a real process, talking HTTP to the fake Telegram served on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.conftest import (
    ON_POSTGRES,
    Database,
    drop_postgres_schema,
    fresh_postgres_schema,
    fresh_sqlite,
)
from tests.fakes.telegram import FakeBotApi, FakeBotApiServer

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:E2E-TEST-TOKEN"
COORDINATOR = 7_000_000_001
POLL_EVERY = 0.02  # seconds between looks at the fake's recorded calls
DEADLINE = 20.0  # seconds the bot gets for any one reply (start-up and migrations included)
STOP_DEADLINE = 15.0  # seconds the bot gets to shut down after SIGINT
ISOLATES = str.maketrans("", "", "\u2068\u2069")
PROXY_VARIABLES = frozenset({"http_proxy", "https_proxy", "all_proxy", "no_proxy"})

T = TypeVar("T")
JsonDict = dict[str, Any]


def plain(text: str | None) -> str:
    """Message text as a person reads it, without the invisible bidi isolation marks."""
    return (text or "").translate(ISOLATES)


def with_search_path(url: str, schema: str) -> str:
    """A PostgreSQL URL whose connections use `schema` (psycopg hands `options` to libpq)."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


def child_environment(base_url: str, database_url: str) -> dict[str, str]:
    """This process's environment without Shura's settings or proxies, plus the test's settings."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SHURA_", "TELEGRAM_"))
        and name != "DATABASE_URL"
        and name.lower() not in PROXY_VARIABLES
    }
    python_path = [str(ROOT), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=base_url,
        SHURA_COORDINATORS=str(COORDINATOR),
        SHURA_DEFAULT_LANGUAGE="fa",
        SHURA_TIMEZONE="Asia/Kabul",
        DATABASE_URL=database_url,
        PYTHONPATH=os.pathsep.join(python_path),
        PYTHONUNBUFFERED="1",
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
    )
    return env


@dataclass
class BotProcess:
    """A running `shura run` and the fake Telegram it talks to."""

    api: FakeBotApi
    process: subprocess.Popen[bytes]
    log_path: Path

    # ------------------------------------------------------------------ diagnostics

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def diagnostics(self) -> str:
        calls = [
            f"  {call.method}({call.params.get('chat_id', '')}) ok={call.ok} {call.error or ''}"
            for call in self.api.calls[-15:]
        ]
        return (
            f"exit code: {self.process.poll()}\n"
            f"last calls to the fake Telegram:\n" + "\n".join(calls) + "\n"
            f"problems: {self.api.problems}\n"
            f"--- the bot's output, stderr and stdout (tail) ---\n{self.output()[-6000:]}"
        )

    def wait_for(self, what: str, condition: Callable[[], T], timeout: float = DEADLINE) -> T:
        """Poll `condition` until it returns something truthy; fail with the bot's side if not."""
        deadline = time.monotonic() + timeout
        while True:
            result = condition()
            if result:
                return result
            if self.process.poll() is not None:
                pytest.fail(f"the bot exited while waiting for {what}\n{self.diagnostics()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} within {timeout:g} s\n{self.diagnostics()}")
            time.sleep(POLL_EVERY)

    # ------------------------------------------------------------------ what the bot sent

    def sent_messages(self, chat_id: int) -> list[JsonDict]:
        """Every message the bot sent to `chat_id`, as Telegram returned it (text parsed)."""
        return [call.result for call in self.api.sent("sendMessage", chat_id=chat_id)]

    def edits(self, chat_id: int) -> list[JsonDict]:
        return [call.result for call in self.api.sent("editMessageText", chat_id=chat_id)]

    def answered(self, query_id: str) -> bool:
        return any(
            call.params.get("callback_query_id") == query_id
            for call in self.api.sent("answerCallbackQuery")
        )

    def wait_messages(self, chat_id: int, before: int, count: int, what: str) -> list[JsonDict]:
        """The `count` messages sent to `chat_id` after the first `before` ones."""

        def arrived() -> list[JsonDict]:
            messages = self.sent_messages(chat_id)
            return messages[before:] if len(messages) >= before + count else []

        new = self.wait_for(what, arrived)
        assert len(new) == count, f"expected {count} message(s) for {what}, got {new!r}"
        return new

    # ------------------------------------------------------------------ people act

    def send(
        self, user_id: int, text: str, *, replies: int = 1, to: int | None = None
    ) -> list[str]:
        """`user_id` writes `text`; wait for the bot's `replies` messages in chat `to`."""
        chat_id = user_id if to is None else to
        before = len(self.sent_messages(chat_id))
        self.api.push_update(self.api.message_update(user_id, text))
        new = self.wait_messages(chat_id, before, replies, f"answer to {text!r} from {user_id}")
        return [plain(message.get("text")) for message in new]

    def press(self, user_id: int, data: str, *, to: int | None = None) -> str:
        """`user_id` presses the button carrying `data`: the press is answered, the message
        edited, and one new message goes to chat `to` (default: the presser)."""
        chat_id = user_id if to is None else to
        before = len(self.sent_messages(chat_id))
        edits_before = len(self.edits(user_id))
        update = self.api.callback_update(user_id, data)
        query_id = update["callback_query"]["id"]
        self.api.push_update(update)
        self.wait_for(f"answer to the press of {data!r}", lambda: self.answered(query_id))
        self.wait_for(f"edit after {data!r}", lambda: len(self.edits(user_id)) > edits_before)
        (new,) = self.wait_messages(chat_id, before, 1, f"message after {data!r}")
        return plain(new.get("text"))

    def tap(self, user_id: int, data: str, *, message_id: int | None = None) -> str:
        """`user_id` presses the button carrying `data` (on `message_id`, default: the latest
        message that has it); wait only until the press is answered; return the query id."""
        update = self.api.callback_update(user_id, data, message_id=message_id)
        query_id: str = update["callback_query"]["id"]
        self.api.push_update(update)
        self.wait_for(f"answer to the press of {data!r}", lambda: self.answered(query_id))
        return query_id

    # ------------------------------------------------------------------ shutdown

    def wait_exit(self, timeout: float = DEADLINE) -> int:
        """The exit code of a bot that is expected to stop by itself."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the bot was still running after {timeout:g} s\n{self.diagnostics()}")

    def interrupt(self) -> int:
        """Ctrl-C: python-telegram-bot stops polling and shuts down; return the exit code."""
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=STOP_DEADLINE)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the bot did not stop within {STOP_DEADLINE:g} s\n{self.diagnostics()}")


@pytest.fixture
def e2e_database(tmp_path: Path) -> Iterator[Database]:
    """Where the bot process keeps its data: a SQLite file, or a fresh PostgreSQL schema.

    On PostgreSQL the URL itself selects the schema (`options=-csearch_path=…`), since the
    process only reads DATABASE_URL; `schema` stays set so the test can look inside.
    """
    if not ON_POSTGRES:
        yield fresh_sqlite(tmp_path)
        return
    database = fresh_postgres_schema()
    try:
        yield Database(with_search_path(database.url, database.schema or ""), database.schema)
    finally:
        drop_postgres_schema(database)


class StallingBotApi(FakeBotApi):
    """A fake Telegram that can stop answering sendMessage: the message arrives, but the bot
    never hears back, as when a process is killed in the middle of sending."""

    def __init__(self) -> None:
        super().__init__()
        self.stalled = 0
        self._stall_after: int | None = None
        self._sends = 0
        self._open = threading.Event()
        self._open.set()
        self._count = threading.Lock()

    def stall_sends_after(self, count: int) -> None:
        """Answer the next `count` sendMessage calls; deliver later ones without an answer."""
        with self._count:
            self._stall_after, self._sends, self.stalled = count, 0, 0
            self._open.clear()

    def release(self) -> None:
        with self._count:
            self._stall_after = None
            self._open.set()

    def handle(
        self,
        method: str,
        params: Mapping[str, Any],
        *,
        token: str | None = None,
        block: bool = True,
    ) -> tuple[int, JsonDict]:
        answer = super().handle(method, params, token=token, block=block)
        if method.lower() == "sendmessage" and answer[0] == HTTPStatus.OK:
            with self._count:
                self._sends += 1
                stall = self._stall_after is not None and self._sends > self._stall_after
                self.stalled += stall
            if stall:
                self._open.wait()
        return answer


@pytest.fixture
def fake_telegram() -> Iterator[FakeBotApiServer]:
    api = StallingBotApi()
    try:
        with FakeBotApiServer(api) as server:
            yield server
    finally:
        api.release()


@pytest.fixture
def start_bot(
    fake_telegram: FakeBotApiServer, e2e_database: Database, tmp_path: Path
) -> Iterator[Callable[..., BotProcess]]:
    """Start `shura run` in `tmp_path` (so no stray `.env` is read), with extra arguments
    (e.g. `--webhook`) and settings given as keyword arguments; killed at the end."""
    started: list[BotProcess] = []

    def start(*arguments: str, **settings: str) -> BotProcess:
        log_path = tmp_path / f"shura-{len(started)}.log"
        env = child_environment(fake_telegram.base_url, e2e_database.url)
        env.update(settings)
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run", *arguments],
                cwd=tmp_path,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a Ctrl-C in the terminal is the test's to send
            )
        bot = BotProcess(fake_telegram.api, process, log_path)
        started.append(bot)
        return bot

    try:
        yield start
    finally:
        for bot in started:
            if bot.process.poll() is None:
                bot.process.kill()
            bot.process.wait(timeout=STOP_DEADLINE)
