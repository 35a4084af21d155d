"""Fan out invitations to 3,000 members through the real dispatcher, under a strict flood limit.

The fake Bot API answers 429 whenever more messages arrive within one second than the limit.
Meanwhile members tap RSVP buttons; their answers must not wait for the broadcast.
Prints the achieved rate, 429s, duplicates, losses, the taps' latency, and last
`rate_ratio=<achieved/limit>`.

    .venv/bin/python bench/invitations.py [--members 3000] [--limit 300]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert
from telegram import Update

from bot.app import build_application, runtime
from bot.clock import SystemClock
from bot.config import Settings
from bot.services import meetings
from db import migrate
from db.models import MemberRole, Membership, Organization, OrgKind, OrgStatus, Person
from db.session import transaction
from tests.fakes.telegram import FakeBotApi, FakeRequest

FIRST_ID = 6_000_000_000
HEADROOM = 0.98  # the dispatcher's budget, as a share of the flood limit


async def populate(app: object, api: FakeBotApi, members: int) -> None:
    rt = runtime(app)  # type: ignore[arg-type]
    now = datetime.now(UTC)
    async with transaction(rt.sessions) as session:
        await session.execute(
            insert(Person),
            [
                {
                    "tg_user_id": FIRST_ID + n,
                    "first_name": f"Member {n}",
                    "language": ("fa", "ps", "en")[n % 3],
                    "reachable": True,
                    "is_coordinator": False,
                    "created_at": now,
                }
                for n in range(members)
            ],
        )
        org = Organization(
            name="Bench network",
            name_key="bench network",
            kind=OrgKind.UNION,
            province="Balkh",
            district="Mazar-i-Sharif",
            focus="Benchmarks",
            status=OrgStatus.APPROVED,
            registered_by_id=1,
            created_at=now,
        )
        session.add(org)
        await session.flush()
        await session.execute(
            insert(Membership),
            [
                {
                    "person_id": n + 1,
                    "organization_id": org.id,
                    "role": MemberRole.MEMBER,
                    "is_delegate": False,
                    "joined_at": now,
                }
                for n in range(members)
            ],
        )
        draft = meetings.Draft(
            title="Monthly coordination meeting",
            starts_at=now + timedelta(days=2),
            timezone="Asia/Kabul",
            venue="Balkh University",
        )
        await meetings.schedule(session, rt.clock, None, draft, meetings.DeliveryPlan())
    for n in range(members):
        api.user(FIRST_ID + n, f"Member {n}")
        api.start_chat(FIRST_ID + n)


async def tap_while_sending(app: object, api: FakeBotApi, done: asyncio.Event) -> list[float]:
    """Members who already got their invitation tap Going; each tap's handling time."""
    latencies: list[float] = []
    while not done.is_set():
        await asyncio.sleep(0.02)
        received = [c.params["chat_id"] for c in api.sent("sendMessage")[-200:]]
        if not received:
            continue
        chat_id = random.choice(received)
        try:
            update = api.callback_update(chat_id, "rsvp:go:1")
        except AssertionError:
            continue
        started = time.perf_counter()
        await app.process_update(Update.de_json(update, app.bot))  # type: ignore[attr-defined]
        latencies.append(time.perf_counter() - started)
    return latencies


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


class SendTimes:
    """When each message reached the fake Telegram, to time the sending phase alone."""

    def __init__(self, api: FakeBotApi) -> None:
        self.times: list[float] = []
        self._handle = api.handle
        api.handle = self.handle  # type: ignore[method-assign]

    def handle(self, method: str, params: dict[str, Any], **kwargs: Any) -> tuple[int, Any]:
        status, body = self._handle(method, params, **kwargs)
        if method == "sendMessage" and status == 200:
            self.times.append(time.perf_counter())
        return status, body


def is_invitation(params: dict[str, Any]) -> bool:
    return "rsvp:go" in str(params.get("reply_markup"))


async def run(members: int, limit: int, database_url: str, concurrency: int) -> float:
    api = FakeBotApi()
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        TELEGRAM_BOT_TOKEN="1:BENCH",
        DATABASE_URL=database_url,
        SHURA_SEND_RATE=str(limit * HEADROOM),
        SHURA_SEND_CONCURRENCY=str(concurrency),
    )
    app = build_application(
        settings,
        clock=SystemClock(),
        request=FakeRequest(api),
        get_updates_request=FakeRequest(api),
    )
    await app.initialize()
    await populate(app, api, members)
    api.rate_limit(limit)
    sends = SendTimes(api)
    dispatcher = runtime(app).dispatcher
    done = asyncio.Event()
    taps = asyncio.create_task(tap_while_sending(app, api, done))
    started = time.perf_counter()
    while True:
        await dispatcher.run_once()
        if dispatcher.paused_until is None:
            break
        # Flood control: wait as Telegram said, then carry on (what the JobQueue tick does).
        pause = (dispatcher.paused_until - datetime.now(UTC)).total_seconds()
        await asyncio.sleep(max(0.0, pause))
        dispatcher.paused_until = None
    elapsed = time.perf_counter() - started
    done.set()
    latencies = await taps
    await app.shutdown()

    invitations = [c for c in api.sent("sendMessage") if is_invitation(c.params)]
    per_chat = Counter(c.params["chat_id"] for c in invitations)
    duplicates = sum(n - 1 for n in per_chat.values())
    losses = members - len(per_chat)
    floods = sum(1 for c in api.calls if c.method == "sendMessage" and "429" in str(c.error))
    first, last = sends.times[0], sends.times[-1]
    rate = (len(sends.times) - 1) / (last - first) if last > first else 0.0
    print(f"database            {database_url.split(':', 1)[0]}")
    print(f"members             {members}")
    print(f"flood limit         {limit} messages/s (dispatcher budget {limit * HEADROOM:.0f}/s)")
    print(f"in flight at once   {concurrency}")
    print(f"fan-out             {first - started:.2f} s until the first message")
    print(f"sent                {len(invitations)} invitations in {elapsed:.2f} s overall")
    print(f"achieved rate       {rate:.1f} messages/s while sending")
    print(f"overall rate        {len(invitations) / elapsed:.1f} messages/s including the fan-out")
    print(f"429 answers         {floods}")
    print(f"duplicates          {duplicates}")
    print(f"losses              {losses}")
    if latencies:
        p50 = statistics.median(latencies) * 1000
        p99 = percentile(latencies, 0.99) * 1000
        print(f"RSVP taps           {len(latencies)} answered, p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    return rate / limit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=3000)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.db"
        migrate.upgrade(url)
        ratio = asyncio.run(run(args.members, args.limit, url, args.concurrency))
    print(f"rate_ratio={ratio:.3f}")


if __name__ == "__main__":
    main()
