"""Several `shura run` processes on one PostgreSQL database, a few thousand messages due, and a
fake Telegram as far away as a real one: for tests/e2e/test_standby.py and bench/failover.py."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot.services.kinds import Kind
from db import migrate
from db.models import Outbox, OutboxStatus, Person
from db.session import make_sync_engine
from tests.fakes.telegram import FakeBotApi

FIRST_CHAT = 8_100_000_000
# A message with no parameters, the same for everyone: what matters here is who got it.
NOTICE = {"text": {"msg": "kind-ngo", "params": {}}, "keyboard": None}
# Standbys try the lock every second; a leader's start-up (menus, the outbox a dead one left)
# follows. Far less than this on an idle machine.
TAKEOVER_LIMIT = 10.0
# Where SHURA_TEST_HOLD holds `shura run` for a test to kill it: updates fetched from Telegram
# (or posted by it) but not stored yet; or stored, and confirmed to Telegram, but not handled.
KILLED_WHEN_HELD = pytest.mark.parametrize(
    "moment",
    [
        pytest.param("fetched", id="killed-before-storing"),
        pytest.param("stored", id="killed-after-storing-and-confirming"),
    ],
)


class DistantBotApi(FakeBotApi):
    """A fake Telegram `rtt` seconds away for sends: a sendMessage reaches it half the round
    trip after it leaves (where its flood limit counts it) and is answered the other half later.

    The HTTP server answers each request on a thread of its own, so sends overlap as they do
    against Telegram; the waits happen outside the fake's lock.
    """

    def __init__(self, rtt: float = 0.0) -> None:
        # The flood limit counts a request at the moment it reaches Telegram, which a thread
        # woken late on a busy machine would put later than it was.
        self._arrivals = threading.local()
        super().__init__(clock=self._arrival)
        self.rtt = rtt
        self.floods: list[float] = []  # when each 429 was answered (time.time())

    def _arrival(self) -> float:
        at = getattr(self._arrivals, "at", None)
        return time.monotonic() if at is None else float(at)

    def handle(
        self,
        method: str,
        params: Mapping[str, Any],
        *,
        token: str | None = None,
        block: bool = True,
    ) -> tuple[int, dict[str, Any]]:
        distant = self.rtt > 0 and method.lower() == "sendmessage"
        self._arrivals.at = time.monotonic() + (self.rtt / 2 if distant else 0.0)
        if distant:
            time.sleep(self.rtt / 2)
        answer = super().handle(method, params, token=token, block=block)
        if answer[0] == HTTPStatus.TOO_MANY_REQUESTS:
            self.floods.append(time.time())
        if distant:
            time.sleep(self.rtt / 2)
        return answer

    def deliveries(self) -> Counter[int]:
        """How many messages reached each chat."""
        return Counter(
            call.params["chat_id"]
            for call in list(self.calls)
            if call.method == "sendMessage" and call.ok
        )


def seed_notices(url: str, schema: str | None, api: FakeBotApi, count: int) -> list[int]:
    """`count` people who started the bot, and one message due now for each; their chat ids."""
    migrate.upgrade(url, schema=schema)
    chats = [FIRST_CHAT + n for n in range(count)]
    now = datetime.now(UTC)
    engine = make_sync_engine(url, schema=schema)
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.insert(Person),
                [
                    {
                        "tg_user_id": chat,
                        "first_name": f"Member {chat}",
                        "language": "en",
                        "reachable": True,
                        "is_coordinator": False,
                        "created_at": now,
                    }
                    for chat in chats
                ],
            )
            people = {
                tg_user_id: person_id
                for tg_user_id, person_id in connection.execute(
                    sa.select(Person.tg_user_id, Person.id).where(Person.tg_user_id >= FIRST_CHAT)
                )
            }
            connection.execute(
                sa.insert(Outbox),
                [
                    {
                        "kind": Kind.NOTICE.value,
                        "fanout": False,
                        "person_id": people[chat],
                        "chat_id": chat,
                        "dedupe_key": f"notice:fleet:{chat}",
                        "payload": NOTICE,
                        "due_at": now,
                        "status": OutboxStatus.PENDING,
                        "attempts": 0,
                        "next_attempt_at": now,
                        "created_at": now,
                    }
                    for chat in chats
                ],
            )
    finally:
        engine.dispose()
    for chat in chats:
        api.user(chat, f"Member {chat}")
        api.start_chat(chat)
    return chats


def query(url: str, schema: str | None, sql: str, **params: Any) -> list[Any]:
    engine = make_sync_engine(url, schema=schema)
    try:
        with engine.connect() as connection:
            return list(connection.execute(sa.text(sql), params))
    finally:
        engine.dispose()


def outbox_states(url: str, schema: str | None) -> dict[str, int]:
    rows = query(url, schema, "SELECT status, count(*) FROM outbox GROUP BY status")
    return {str(status): int(count) for status, count in rows}


@dataclass(frozen=True)
class Leader:
    pid: int
    since: datetime


def leader(url: str, schema: str | None) -> Leader | None:
    """The process that leads now, as the process table says and its session confirms."""
    rows = query(
        url,
        schema,
        "SELECT p.pid, p.leader_since FROM bot_process p"
        " JOIN pg_stat_activity a"
        " ON a.pid = p.backend_pid AND a.backend_start = p.backend_start"
        " WHERE p.role = 'leader'",
    )
    return Leader(int(rows[0][0]), rows[0][1]) if len(rows) == 1 else None


def spawn(env: dict[str, str], cwd: Path, log_path: Path, *args: str) -> subprocess.Popen[bytes]:
    """`shura <args>` as a process of its own, writing to `log_path`."""
    with log_path.open("wb") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL, as a crash or the out-of-memory killer would, and wait for the end."""
    process.kill()
    process.wait()


def terminate(process: subprocess.Popen[bytes], timeout: float) -> int | None:
    """SIGTERM, then the exit code (None if it is still running after `timeout`)."""
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
