"""Failover (PostgreSQL): three `shura run` processes share a database and 2,000 messages due;
the leader is killed with SIGKILL in the middle of sending them.

The processes talk HTTP to a fake Telegram that answers each send after a round-trip time and
answers 429 past Telegram's 30 messages a second, counted across all processes as the sends
arrive. It prints how long until a standby took over, the messages sent twice and those lost,
the 429 answers, the busiest second as Telegram counted it, and the delivered rate before and
after the kill.

    DATABASE_URL=postgresql+psycopg://… .venv/bin/python bench/failover.py \\
        [--messages 2000] [--processes 3] [--rtt 0.25] [--rate 25]

The bot runs with its shipped settings but SHURA_SEND_RATE (`--rate`). The last line is
`takeover_s=<seconds from the kill until a standby led>`.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.lib.databases import fresh  # noqa: E402
from bench.lib.telegram import DEFAULT_RTT, TELEGRAM_LIMIT, busiest_second  # noqa: E402
from db.session import make_sync_engine  # noqa: E402
from tests.e2e.conftest import child_environment, with_search_path  # noqa: E402
from tests.e2e.fleet import (  # noqa: E402
    DistantBotApi,
    Leader,
    leader,
    seed_notices,
    spawn,
    terminate,
)
from tests.fakes.telegram import FakeBotApiServer  # noqa: E402

T = TypeVar("T")
STARTUP = 120.0  # seconds for the processes to start and one to lead
STOP = 30.0
# The fake Telegram answers on this process's threads: this process looks at the database
# seldom and through one engine, so that it does not hold them up.
POLL = 0.1


class CountingBotApi(DistantBotApi):
    """The distant fake Telegram, keeping when each send reached it (time.monotonic())."""

    def __init__(self, rtt: float) -> None:
        super().__init__(rtt)
        self.arrivals: list[float] = []
        self._arrivals_lock = threading.Lock()

    def handle(
        self,
        method: str,
        params: Mapping[str, Any],
        *,
        token: str | None = None,
        block: bool = True,
    ) -> tuple[int, dict[str, Any]]:
        if method.lower() == "sendmessage":
            with self._arrivals_lock:
                self.arrivals.append(time.monotonic() + self.rtt / 2)
        return super().handle(method, params, token=token, block=block)


def wait(what: str, condition: Callable[[], T | None], timeout: float) -> T:
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise SystemExit(f"no {what} within {timeout:g} s")
        time.sleep(POLL)


def other_leader(url: str, schema: str | None, than: int) -> Leader | None:
    found = leader(url, schema)
    return found if found is not None and found.pid != than else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--rtt", type=float, default=DEFAULT_RTT)
    parser.add_argument("--rate", type=float, default=25.0, help="SHURA_SEND_RATE")
    args = parser.parse_args()

    api = CountingBotApi(args.rtt)
    api.rate_limit(TELEGRAM_LIMIT)
    with fresh("postgresql") as database, FakeBotApiServer(api) as server:
        url = with_search_path(database.url, database.schema or "")
        chats = seed_notices(url, database.schema, api, args.messages)
        engine = make_sync_engine(url, schema=database.schema)

        def outbox_states() -> dict[str, int]:
            with engine.connect() as connection:
                rows = connection.execute(
                    sa.text("SELECT status, count(*) FROM outbox GROUP BY status")
                )
                return {str(status): int(count) for status, count in rows}

        # A full collection walks every object this process holds (the libraries, the fake's
        # records), holding up the fake's threads for a tenth of a second: the sends held up
        # meanwhile would reach it as one bunch, which no network does. Set them aside.
        gc.freeze()
        folder = Path(tempfile.mkdtemp(prefix="shura-failover-"))
        env = child_environment(server.base_url, url)
        env["SHURA_SEND_RATE"] = f"{args.rate:g}"
        processes = [
            spawn(env, folder, folder / f"shura-{n}.log", "run") for n in range(args.processes)
        ]
        try:
            started = time.monotonic()
            first = wait("leader", lambda: leader(url, database.schema), STARTUP)
            print(f"{args.processes} processes, {args.messages} messages due, rtt {args.rtt:g} s")
            print(f"a leader after {time.monotonic() - started:.1f} s (pid {first.pid})")
            print(f"the processes' logs: {folder}")

            def delivered() -> int:
                return sum(api.deliveries().values())

            sending_from = time.monotonic()
            wait("half sent", lambda: delivered() >= args.messages // 2, STARTUP + 600)
            before = delivered()
            rate_before = before / (time.monotonic() - sending_from)
            (killed,) = [p for p in processes if p.pid == first.pid]
            killed.kill()
            killed_at = time.time()
            killed_at_monotonic = time.monotonic()
            killed.wait()
            print(f"killed the leader (SIGKILL) after {before} messages ({rate_before:.1f}/s)")

            second = wait(
                "standby leading", lambda: other_leader(url, database.schema, first.pid), STARTUP
            )
            takeover = second.since.timestamp() - killed_at
            print(f"a standby (pid {second.pid}) led {takeover:.2f} s after the kill")

            resumed = time.monotonic()
            sent_at_takeover = delivered()
            wait(
                "every message sent",
                lambda: outbox_states().get("sent") == args.messages,
                args.messages / args.rate * 4 + STARTUP,
            )
            rate_after = (delivered() - sent_at_takeover) / (time.monotonic() - resumed)
            counts = api.deliveries()
            duplicates = sum(count - 1 for count in counts.values())
            lost = len(set(chats) - set(counts))
            print(f"delivered: {len(counts)} of {args.messages} people")
            print(f"rate: {rate_before:.1f}/s before the kill, {rate_after:.1f}/s after")
            floods = ", ".join(f"{at - killed_at:+.2f} s" for at in api.floods)
            print(
                f"429 answers: {len(api.floods)}"
                + (f" (from the kill: {floods})" if floods else "")
            )
            busiest = busiest_second(api.arrivals)
            after = busiest_second([at for at in api.arrivals if at > killed_at_monotonic])
            print(
                f"busiest second at Telegram: {busiest} sends ({after} after the kill);"
                f" its limit {TELEGRAM_LIMIT}"
            )
            print(f"sent twice: {duplicates} (those in flight at the kill)")
            print(f"lost: {lost}")
            print(f"outbox: {outbox_states()}")
            print(f"takeover_s={takeover:.2f}")
        finally:
            for process in processes:
                if process.poll() is None and terminate(process, STOP) is None:
                    process.kill()
            engine.dispose()


if __name__ == "__main__":
    main()
