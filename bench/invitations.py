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
        await meetings.schedule(session, rt.clock, None, (), draft, meetings.DeliveryPlan())
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
    dispatcher = runtime(app).dispatcher
    done = asyncio.Event()
    taps = asyncio.create_task(tap_while_sending(app, api, done))
    started = time.perf_counter()
    while True:
        report = await dispatcher.run_once()
        delivered = {
            c.params["chat_id"] for c in api.sent("sendMessage") if "rsvp:go" in str(c.params)
        }
        if len(delivered) >= members or (
            not report.sent and not report.retried and not report.flood_waits
        ):
            break
        if dispatcher.paused_until is not None:
            await asyncio.sleep(
                max(0.0, (dispatcher.paused_until - datetime.now(UTC)).total_seconds())
            )
    elapsed = time.perf_counter() - started
    done.set()
    latencies = await taps
    await app.shutdown()

    invitations = [
        c for c in api.sent("sendMessage") if "rsvp:go" in str(c.params.get("reply_markup"))
    ]
    per_chat = Counter(c.params["chat_id"] for c in invitations)
    duplicates = sum(n - 1 for n in per_chat.values())
    losses = members - len(per_chat)
    too_many = sum(
        1 for c in api.calls if c.method == "sendMessage" and not c.ok and "429" in str(c.error)
    )
    first, last = invitations[0].time if hasattr(invitations[0], "time") else None, None
    rate = len(invitations) / elapsed if elapsed else 0.0
    print(f"database            {database_url.split(':', 1)[0]}")
    print(f"members             {members}")
    print(f"flood limit         {limit} messages/s (dispatcher budget {limit * HEADROOM:.0f}/s)")
    print(f"sent                {len(invitations)} in {elapsed:.2f} s (incl. fan-out)")
    print(f"achieved rate       {rate:.1f} messages/s")
    print(f"429 answers         {too_many}")
    print(f"duplicates          {duplicates}")
    print(f"losses              {losses}")
    if latencies:
        print(
            f"RSVP taps           {len(latencies)}, p50 {statistics.median(latencies) * 1000:.1f} ms,"
            f" p99 {percentile(latencies, 0.99) * 1000:.1f} ms"
        )
    del first, last
    return rate / limit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=3000)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.db"
        migrate.upgrade(url)
        ratio = asyncio.run(run(args.members, args.limit, url, args.concurrency))
    print(f"rate_ratio={ratio:.3f}")


if __name__ == "__main__":
    main()
