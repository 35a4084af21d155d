"""From starting the process to its first getUpdates: `shura run` next to a bare
python-telegram-bot `Application.run_polling()`, over HTTP to a fake Telegram with a
round-trip time, interleaved in the same run.

Shura is timed on a restart (its database migrated and its menus set by an earlier run, as
almost every start is) and on a first start (a new database). Both processes are started with
the same Python; the clock runs from the spawn to the first getUpdates reaching the fake, and
the Bot API calls made before it are counted. The bot's memory is read once it polls.

    .venv/bin/python bench/startup.py [--rounds 3] [--rtt 0.25] [--source DIR]

`--source` starts the bot of another checkout (to compare a change with what it changed).
The last line is `start_ratio=<Shura's restart / bare PTB>` (medians).
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.lib.telegram import DEFAULT_RTT  # noqa: E402
from tests.fakes.telegram import FakeBotApi, FakeBotApiServer  # noqa: E402

TOKEN = "123456:BENCH-START"
COORDINATOR = 7_000_000_001
DEADLINE = 60.0

BARE_PTB = textwrap.dedent(
    """
    import os
    from telegram.ext import ApplicationBuilder, CommandHandler

    async def start(update, context):
        await update.message.reply_text("hello")

    app = (
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_BASE_URL"])
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.run_polling()
    """
)


class DistantApi(FakeBotApi):
    """The fake, answering over HTTP half a round trip after each request arrives and
    taking half a round trip to arrive; it notes when each call arrived."""

    def __init__(self, rtt: float) -> None:
        super().__init__()
        self.rtt = rtt
        self.arrivals: list[tuple[float, str]] = []
        self._arrivals_lock = threading.Lock()

    def handle(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, Any]]:
        time.sleep(self.rtt / 2)
        with self._arrivals_lock:
            self.arrivals.append((time.perf_counter(), args[0]))
        answer = super().handle(*args, **kwargs)
        time.sleep(self.rtt / 2)
        return answer


@dataclass
class Start:
    seconds: float
    calls: list[str]
    rss_kib: int
    cpu_seconds: float  # what the process itself spent, less sensitive to a busy machine


def environment(base_url: str, database_url: str, source: Path) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SHURA_", "TELEGRAM_"))
        and name != "DATABASE_URL"
        and name.lower() not in ("http_proxy", "https_proxy", "all_proxy")
    }
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=base_url,
        SHURA_COORDINATORS=str(COORDINATOR),
        DATABASE_URL=database_url,
        PYTHONPATH=str(source),
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
    )
    return env


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """User and system time of the process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_start(api: DistantApi, command: list[str], env: dict[str, str], cwd: Path) -> Start:
    """Spawn, wait for the first getUpdates, read the memory, stop it; the figures."""
    with api._arrivals_lock:
        api.arrivals.clear()
    log = open(cwd / "output.log", "wb")
    spawned = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
    try:
        while True:
            with api._arrivals_lock:
                polled = [at for at, method in api.arrivals if method == "getUpdates"]
                calls = [method for at, method in api.arrivals if not polled or at < polled[0]]
            if polled:
                cpu = cpu_seconds(process.pid)
                break
            if process.poll() is not None or time.perf_counter() - spawned > DEADLINE:
                output = (cwd / "output.log").read_text(errors="replace")[-3000:]
                raise SystemExit(f"{command} did not reach getUpdates:\n{output}")
            time.sleep(0.005)
        time.sleep(0.3)
        memory = rss_kib(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
    return Start(polled[0] - spawned, calls, memory, cpu)


def import_seconds(source: Path, module: str, times: int) -> float:
    """How long `import module` takes in a fresh interpreter (the median of `times`)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    found = []
    for _ in range(times):
        done = subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONPATH": str(source)},
            capture_output=True,
            text=True,
            check=True,
        )
        found.append(float(done.stdout.strip()))
    return statistics.median(found)


def summary(starts: list[Start]) -> str:
    seconds = statistics.median(s.seconds for s in starts)
    cpu = statistics.median(s.cpu_seconds for s in starts)
    memory = statistics.median(s.rss_kib for s in starts) / 1024
    return (
        f"{seconds * 1000:.0f} ms ({cpu * 1000:.0f} ms of CPU), {len(starts[-1].calls)} calls,"
        f" {memory:.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rtt", type=float, default=DEFAULT_RTT, help="round trip, seconds")
    parser.add_argument("--source", type=Path, default=ROOT, help="the checkout to start")
    parser.add_argument("--imports", type=int, default=3, help="times each import is timed")
    args = parser.parse_args()
    source = args.source.resolve()
    api = DistantApi(args.rtt)
    server = FakeBotApiServer(api)
    base_url = server.start()
    shura = [sys.executable, "-m", "bot", "run"]
    bare = [sys.executable, "-c", BARE_PTB]
    restarts: list[Start] = []
    firsts: list[Start] = []
    bares: list[Start] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            home = Path(folder)
            for n in range(args.rounds):
                database = f"sqlite:///{home / f'round{n}.db'}"
                env = environment(base_url, database, source)
                bares.append(timed_start(api, bare, env, home))
                firsts.append(timed_start(api, shura, env, home))
                restarts.append(timed_start(api, shura, env, home))
    finally:
        server.stop()
    bare_s = statistics.median(s.seconds for s in bares)
    restart_s = statistics.median(s.seconds for s in restarts)
    first_s = statistics.median(s.seconds for s in firsts)
    print(f"source                {source}")
    print(f"fake Telegram         over HTTP, round trip {args.rtt * 1000:.0f} ms")
    print(f"rounds                {args.rounds} (medians; bare, first start, restart interleaved)")
    print(f"bare PTB              {summary(bares)}")
    print(f"Shura, first start    {summary(firsts)} (migrations included)")
    print(f"Shura, restart        {summary(restarts)}")
    print(f"  calls before polling  {dict(Counter(restarts[-1].calls))}")
    print(f"  bare PTB's            {dict(Counter(bares[-1].calls))}")
    if args.imports:
        for module in ("bot.app", "telegram.ext"):
            seconds = import_seconds(source, module, args.imports)
            print(f"import {module:<14} {seconds * 1000:.0f} ms")
    memory = statistics.median(s.rss_kib for s in restarts)
    bare_memory = statistics.median(s.rss_kib for s in bares)
    bare_cpu = statistics.median(s.cpu_seconds for s in bares)
    restart_cpu = statistics.median(s.cpu_seconds for s in restarts)
    print(
        f"against bare PTB      restart {restart_s / bare_s:.2f}x, first start"
        f" {first_s / bare_s:.2f}x, restart's CPU {restart_cpu / max(bare_cpu, 1e-3):.2f}x,"
        f" memory {memory / max(bare_memory, 1):.2f}x"
    )
    print(f"start_ratio={restart_s / bare_s:.2f}")


if __name__ == "__main__":
    main()
