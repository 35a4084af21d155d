"""Several `shura run` processes on one PostgreSQL database: one leads, the others stand by; a
killed leader is replaced within seconds, nothing is lost and little is sent twice; SIGTERM
finishes what is in flight before the process exits; `shura status` tells who leads."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy.exc import ProgrammingError

from bot.config import Settings
from bot.services.outbox import CLAIM_LEASE
from tests.conftest import ON_POSTGRES, Database
from tests.e2e.conftest import STOP_DEADLINE, BotProcess, child_environment, plain
from tests.e2e.fleet import (
    TAKEOVER_LIMIT,
    DistantBotApi,
    leader,
    outbox_states,
    query,
    seed_notices,
    spawn,
    terminate,
)
from tests.e2e.test_webhook import Hook, free_port
from tests.fakes.telegram import FakeBotApiServer

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="standby processes need PostgreSQL (DATABASE_URL=postgresql+psycopg://…); "
    "on SQLite a second process is refused (tests/e2e/test_crashes.py)",
)

T = TypeVar("T")
MESSAGES = 2000
IN_FLIGHT = int(Settings.model_fields["send_concurrency"].default)
STARTUP = 60.0  # seconds for a process to start and migrate on a busy machine
DELIVERY = 90.0  # seconds for the rest of the messages after a takeover (the lease is 120)
ASKER = 1_000_078


@dataclass
class Fleet:
    """Bot processes on one database and one fake Telegram; all killed at the end."""

    api: DistantBotApi
    server: FakeBotApiServer
    database: Database
    folder: Path
    bots: list[BotProcess] = field(default_factory=list)

    def start(
        self, count: int = 1, arguments: tuple[str, ...] = (), **settings: str
    ) -> list[BotProcess]:
        started = []
        for _ in range(count):
            env = child_environment(self.server.base_url, self.database.url)
            env.update(settings)
            log_path = self.folder / f"shura-{len(self.bots)}.log"
            process = spawn(env, self.folder, log_path, "run", *arguments)
            bot = BotProcess(self.api, process, log_path)
            self.bots.append(bot)
            started.append(bot)
        return started

    def by_pid(self, pid: int) -> BotProcess:
        (bot,) = [bot for bot in self.bots if bot.process.pid == pid]
        return bot

    def running(self) -> list[BotProcess]:
        return [bot for bot in self.bots if bot.process.poll() is None]

    def diagnostics(self) -> str:
        return (
            "\n".join(f"=== process {bot.process.pid}\n{bot.diagnostics()}" for bot in self.bots)
            + f"\noutbox: {outbox_states(self.database.url, self.database.schema)}"
        )

    def wait(
        self,
        what: str,
        condition: Callable[[], T | None],
        timeout: float = STARTUP,
        alive: list[BotProcess] | None = None,
    ) -> T:
        """Poll `condition` until it gives something truthy; fail if a process that should
        be running exits, or after `timeout`."""
        expected = self.running() if alive is None else alive
        deadline = time.monotonic() + timeout
        while True:
            result = condition()
            if result:
                return result
            if any(bot.process.poll() is not None for bot in expected):
                pytest.fail(f"a process exited while waiting for {what}\n{self.diagnostics()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} within {timeout:g} s\n{self.diagnostics()}")
            time.sleep(0.02)

    def leader(self) -> Any:
        try:
            return leader(self.database.url, self.database.schema)
        except ProgrammingError:  # not migrated yet
            return None

    def processes(self) -> int:
        sql = "SELECT count(*) FROM bot_process"
        try:
            return int(query(self.database.url, self.database.schema, sql)[0][0])
        except ProgrammingError:  # not migrated yet
            return 0

    def states(self) -> dict[str, int]:
        return outbox_states(self.database.url, self.database.schema)

    def status(self) -> subprocess.CompletedProcess[str]:
        env = child_environment(self.server.base_url, self.database.url)
        return subprocess.run(
            [sys.executable, "-m", "bot", "status"],
            cwd=self.folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=STARTUP,
            check=False,
        )


def make_fleet(rtt: float, e2e_database: Database, tmp_path: Path) -> Iterator[Fleet]:
    api = DistantBotApi(rtt)
    with FakeBotApiServer(api) as server:
        fleet = Fleet(api, server, e2e_database, tmp_path)
        try:
            yield fleet
        finally:
            for bot in fleet.bots:
                if bot.process.poll() is None:
                    bot.process.kill()
                bot.process.wait(timeout=STOP_DEADLINE)


@pytest.fixture
def fleet(e2e_database: Database, tmp_path: Path) -> Iterator[Fleet]:
    """Telegram answers a send in 20 ms."""
    yield from make_fleet(0.02, e2e_database, tmp_path)


@pytest.fixture
def slow_fleet(e2e_database: Database, tmp_path: Path) -> Iterator[Fleet]:
    """Telegram answers a send in 300 ms: there is always something in flight."""
    yield from make_fleet(0.3, e2e_database, tmp_path)


def test_three_processes_send_two_thousand_messages_and_a_standby_takes_over_a_killed_leader(
    fleet: Fleet,
) -> None:
    database = fleet.database
    chats = seed_notices(database.url, database.schema, fleet.api, MESSAGES)
    bots = fleet.start(3, SHURA_SEND_RATE="400")
    first = fleet.wait("a leader", fleet.leader)
    fleet.wait("three processes registered", lambda: fleet.processes() == 3)
    fleet.wait(
        "a quarter of the messages sent",
        lambda: sum(fleet.api.deliveries().values()) >= MESSAGES // 4,
    )

    killed = fleet.by_pid(first.pid)
    killed.process.kill()
    killed_at = time.time()
    killed.process.wait()
    standbys = [bot for bot in bots if bot is not killed]
    new = fleet.wait(
        "a standby leading",
        lambda: (found := fleet.leader()) is not None and found.pid != first.pid and found,
        alive=standbys,
    )
    took = new.since.timestamp() - killed_at
    assert took < TAKEOVER_LIMIT, f"a standby took over {took:.1f} s after the kill"

    fleet.wait(
        "every message recorded as sent",
        lambda: fleet.states().get("sent") == MESSAGES,
        timeout=DELIVERY,
        alive=standbys,
    )
    assert DELIVERY < CLAIM_LEASE.total_seconds(), "the dead leader's rows did not wait out a lease"
    counts = fleet.api.deliveries()
    assert set(counts) == set(chats), "nothing lost"
    doubled = sum(count - 1 for count in counts.values())
    # Only what the killed leader had in flight can have reached someone twice.
    assert doubled <= IN_FLIGHT, counts.most_common(IN_FLIGHT + 1)
    assert fleet.states() == {"sent": MESSAGES}

    fleet.wait(
        "the dispatcher's last run recorded",
        lambda: query(database.url, database.schema, "SELECT max(dispatched_at) FROM bot_process")[
            0
        ][0],
    )
    status = fleet.status()
    assert status.returncode == 0, status.stdout + status.stderr
    new_bot = fleet.by_pid(new.pid)
    assert "leader: " in status.stdout and f"(pid {new_bot.process.pid} on " in status.stdout
    assert f"sent {MESSAGES}" in status.stdout
    assert "oldest update not yet handled: none" in status.stdout
    assert "dispatcher last ran: 20" in status.stdout, status.stdout
    assert status.stdout.count("standby: ") == 1, status.stdout

    for bot in standbys:
        assert terminate(bot.process, STOP_DEADLINE) == 0, fleet.diagnostics()
    after = fleet.status()
    assert after.returncode == 1 and "leader: none" in after.stdout, after.stdout
    assert sum(fleet.api.deliveries().values()) == MESSAGES + doubled, "nothing more was sent"
    fleet.api.assert_no_problems()


def test_sigterm_stops_claiming_finishes_what_is_in_flight_and_exits(slow_fleet: Fleet) -> None:
    fleet, database = slow_fleet, slow_fleet.database
    count = 400
    seed_notices(database.url, database.schema, fleet.api, count)
    (bot,) = fleet.start(SHURA_SEND_RATE="50")
    fleet.wait("the first messages sent", lambda: sum(fleet.api.deliveries().values()) >= 40)

    assert terminate(bot.process, STOP_DEADLINE) == 0, fleet.diagnostics()

    states = fleet.states()
    delivered = sum(fleet.api.deliveries().values())
    assert "sending" not in states, f"nothing left in flight: {states}"
    assert states["sent"] == delivered, "every message Telegram received is recorded as sent"
    assert states.get("pending", 0) > 0, "it stopped taking messages rather than sending all"
    assert "Traceback" not in bot.output()

    fleet.start(SHURA_SEND_RATE="200")
    fleet.wait("the rest sent", lambda: fleet.states().get("sent") == count, timeout=DELIVERY)
    counts = fleet.api.deliveries()
    assert len(counts) == count and set(counts.values()) == {1}, "each message sent once"
    fleet.api.assert_no_problems()


def test_updates_go_to_the_leader_alone_and_to_the_next_one_after_a_kill(fleet: Fleet) -> None:
    fleet.api.user(ASKER, "Asker", language_code="en")
    fleet.start(2)
    first = fleet.wait("a leader", fleet.leader)
    fleet.wait("the standby registered", lambda: fleet.processes() == 2)
    (leading,) = [bot for bot in fleet.bots if bot.process.pid == first.pid]
    assert leading.send(ASKER, "/start")

    leading.process.kill()
    leading.process.wait()
    (standby,) = fleet.running()
    replies = standby.send(ASKER, "/language")
    assert replies and plain(replies[0])
    assert len(fleet.api.sent("sendMessage", chat_id=ASKER)) == 2, "each update answered once"
    assert terminate(standby.process, STOP_DEADLINE) == 0, fleet.diagnostics()
    fleet.api.assert_no_problems()


def test_in_webhook_mode_only_the_leader_listens_and_a_standby_takes_over_its_updates(
    fleet: Fleet,
) -> None:
    fleet.api.user(ASKER, "Asker", language_code="en")
    hooks = [Hook(free_port()), Hook(free_port())]
    for hook in hooks:
        fleet.start(arguments=("--webhook",), **hook.settings())
    first = fleet.wait("a leader", fleet.leader)
    fleet.wait("the standby registered", lambda: fleet.processes() == 2)
    leading = next(n for n, bot in enumerate(fleet.bots) if bot.process.pid == first.pid)
    fleet.wait("the leader listening", hooks[leading].listening)
    assert not hooks[1 - leading].listening(), "a standby takes no updates"

    assert hooks[leading].post(fleet.api.message_update(ASKER, "/start")) == 200
    fleet.wait("the answer", lambda: fleet.api.sent("sendMessage", chat_id=ASKER))

    fleet.bots[leading].process.kill()
    fleet.bots[leading].process.wait()
    standby = hooks[1 - leading]
    fleet.wait("the standby listening", standby.listening)
    assert standby.post(fleet.api.message_update(ASKER, "/language")) == 200
    fleet.wait("the next answer", lambda: len(fleet.api.sent("sendMessage", chat_id=ASKER)) == 2)
    assert len(fleet.api.sent("setWebhook")) == 1, "the same webhook: not set again"
    assert terminate(fleet.bots[1 - leading].process, STOP_DEADLINE) == 0, fleet.diagnostics()
    fleet.api.assert_no_problems()
