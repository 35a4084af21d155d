"""Invitations to every member, through the real application, to a fake Telegram as far away
and as strict as the real one; next to a bare python-telegram-bot sender in the same run.

The fake answers each request after a round-trip time (default 250 ms) and answers 429 with
retry_after beyond Telegram's 30 messages a second. The bot runs with its shipped settings
(SHURA_SEND_RATE, SHURA_SEND_CONCURRENCY) and its own JobQueue tick and wake-up. The clock
starts when the coordinator's scheduling commits, so the fan-out into rows is included.
Members tap Going while the invitations go out, and again once all is quiet. Then the same
messages are sent by a bare PTB `Bot` at the same budget over the same kind of fake: the
baseline. Last, 10,000 invitations are fanned out into rows alone, while another update
writes, to show how long that write waits.

Answers are counted by the HTTP status the fake recorded. The last line is
`rate_ratio=<delivered per second while sending / SHURA_SEND_RATE>`.

    .venv/bin/python bench/invitations.py [--members 2000] [--rtt 0.25] [--database both]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Update

from bench.lib.databases import BenchDatabase, fresh, wanted
from bench.lib.figures import latencies, ms
from bench.lib.telegram import (
    DEFAULT_RTT,
    TELEGRAM_LIMIT,
    TOKEN,
    Arrival,
    DistantTelegram,
    bare_ptb_send,
    busiest_second,
    by_status,
    describe_statuses,
    rate_of,
)
from bot.app import ShuraApplication, build_application, runtime, schedule_jobs
from bot.clock import SystemClock
from bot.config import Settings
from bot.jobs.outbox import Report
from bot.services import meetings
from db.models import MemberRole, Membership, Organization, OrgKind, OrgStatus, Person
from db.session import transaction
from tests.fakes.telegram import FakeBotApi

FIRST_ID = 6_000_000_000
SEND_METHODS = ("sendMessage", "sendVenue")


def settings_for(database: BenchDatabase, overrides: dict[str, str]) -> Settings:
    """The shipped settings: nothing but the token and the database, unless asked."""
    return Settings(  # type: ignore[call-arg]
        _env_file=None, TELEGRAM_BOT_TOKEN=TOKEN, DATABASE_URL=database.url, **overrides
    )


def application(
    database: BenchDatabase, settings: Settings, telegram: DistantTelegram
) -> ShuraApplication:
    return build_application(
        settings,
        clock=SystemClock(),
        request=telegram.request(),
        get_updates_request=telegram.request(),
        schema=database.schema,
    )


async def add_members(sessions: async_sessionmaker[AsyncSession], members: int) -> None:
    now = datetime.now(UTC)
    async with transaction(sessions) as session:
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


async def schedule_meeting(sessions: async_sessionmaker[AsyncSession]) -> int:
    """What the coordinator's last tap commits: the meeting and its due invitation fan-out."""
    draft = meetings.Draft(
        title="Monthly coordination meeting",
        starts_at=datetime.now(UTC) + timedelta(days=2),
        timezone="Asia/Kabul",
        venue="Balkh University",
    )
    async with transaction(sessions) as session:
        meeting = await meetings.schedule(
            session, SystemClock(), None, draft, meetings.DeliveryPlan()
        )
        return meeting.id


def is_invitation(arrival: Arrival) -> bool:
    return arrival.method == "sendMessage" and arrival.status == 200 and "rsvp:" in arrival.markup


@dataclass
class Taps:
    """Members tapping Going on the invitation they received; each tap's handling time."""

    app: ShuraApplication
    api: FakeBotApi
    arrivals: list[Arrival]
    tapped: set[int] = field(default_factory=set)
    tasks: list[asyncio.Task[float | None]] = field(default_factory=list)

    async def run(self, count: int, per_second: float, stop: asyncio.Event | None = None) -> None:
        """Start `count` taps, `per_second`, by members not yet tapped (fewer if `stop` is set)."""
        for _ in range(count):
            if stop is not None and stop.is_set():
                return
            chat_id = self._someone_invited()
            if chat_id is not None:
                self.tapped.add(chat_id)
                self.tasks.append(asyncio.create_task(self._tap(chat_id)))
            await asyncio.sleep(1 / per_second)

    async def durations(self) -> list[float]:
        found = await asyncio.gather(*self.tasks)
        self.tasks = []
        return [d for d in found if d is not None]

    def _someone_invited(self) -> int | None:
        for arrival in reversed(self.arrivals[-400:]):
            if is_invitation(arrival) and arrival.chat_id not in self.tapped:
                return arrival.chat_id
        return None

    async def _tap(self, chat_id: int) -> float | None:
        try:
            data = self.api.callback_update(chat_id, self._going(chat_id))
        except AssertionError:
            return None
        started = time.perf_counter()
        await self.app.process_update(Update.de_json(data, self.app.bot))
        return time.perf_counter() - started

    def _going(self, chat_id: int) -> str:
        for message in reversed(self.api.messages(chat_id)):
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    data = str(button.get("callback_data", ""))
                    if data.startswith("rsvp:go"):
                        return data
        raise AssertionError("no Going button")


@dataclass
class Broadcast:
    database: str
    members: int
    rate: float
    concurrency: int
    committed: float
    arrivals: list[Arrival]
    calls_by_status: Counter[int | None]
    sends_by_status: Counter[int | None]
    quiet_taps: list[float]
    busy_taps: list[float]
    messages: list[tuple[int, str, Any]]
    timed_out: bool

    @property
    def invitations(self) -> list[Arrival]:
        return [a for a in self.arrivals if is_invitation(a)]


async def broadcast(
    database: BenchDatabase, members: int, rtt: float, limit: int, overrides: dict[str, str]
) -> Broadcast:
    telegram = DistantTelegram(rtt, limit)
    api, arrivals = telegram.api, telegram.log
    settings = settings_for(database, overrides)
    app = application(database, settings, telegram)
    rt = runtime(app)
    await app.initialize()
    await add_members(rt.sessions, members)
    for n in range(members):
        api.user(FIRST_ID + n, f"Member {n}")
        api.start_chat(FIRST_ID + n)
    api.clear_calls()
    # Started as `shura run` starts it: the outbox's tick, and the wake-up after a commit.
    await app.start()
    schedule_jobs(app)
    taps = Taps(app, api, arrivals)
    await schedule_meeting(rt.sessions)
    committed = time.perf_counter()
    await rt.dispatcher.wake()
    done = asyncio.Event()
    tapping = asyncio.create_task(taps.run(members // 100, 2.0, done))
    deadline = committed + 60 + 4 * members / settings.send_rate
    timed_out = False
    while sum(1 for a in arrivals if is_invitation(a)) < members:
        if time.perf_counter() > deadline:
            timed_out = True
            break
        await asyncio.sleep(0.05)
    done.set()
    await tapping
    busy = await taps.durations()
    # A quiet moment in the same run: as many taps, as often, with nothing else going on.
    await taps.run(len(busy) or 10, 2.0)
    quiet = await taps.durations()
    await app.stop()
    await app.shutdown()
    sent = [
        (int(c.params["chat_id"]), str(c.params["text"]), c.params.get("reply_markup"))
        for c in api.sent("sendMessage")
        if "rsvp:" in json.dumps(c.params.get("reply_markup"))
    ]
    return Broadcast(
        database=database.name,
        members=members,
        rate=settings.send_rate,
        concurrency=settings.send_concurrency,
        committed=committed,
        arrivals=arrivals,
        calls_by_status=by_status(api.calls),
        sends_by_status=by_status(api.calls, SEND_METHODS),
        quiet_taps=quiet,
        busy_taps=busy,
        messages=sent,
        timed_out=timed_out,
    )


@dataclass
class Fanout:
    people: int
    created: int
    seconds: float
    waits: list[float]
    quiet_waits: list[float]


async def fanout_alone(database: BenchDatabase, people: int) -> Fanout:
    """10,000 invitations into rows, as the dispatcher expands them, while another update
    writes (a person's row, as every tap does) over and over: how long that write waits."""
    app = application(database, settings_for(database, {}), DistantTelegram(0.0))
    rt = runtime(app)
    await add_members(rt.sessions, people)
    await schedule_meeting(rt.sessions)

    async def writes(stop: asyncio.Event) -> list[float]:
        waited = []
        n = 0
        while not stop.is_set():
            n += 1
            started = time.perf_counter()
            async with transaction(rt.sessions) as session:
                await session.execute(
                    update(Person).where(Person.id == 1 + n % people).values(first_name=f"W{n}")
                )
            waited.append(time.perf_counter() - started)
            await asyncio.sleep(0.002)
        return waited

    quiet_stop = asyncio.Event()
    quiet_task = asyncio.create_task(writes(quiet_stop))
    await asyncio.sleep(0.3)
    quiet_stop.set()
    quiet = await quiet_task
    stop = asyncio.Event()
    writer = asyncio.create_task(writes(stop))
    await asyncio.sleep(0.05)
    report = Report()
    started = time.perf_counter()
    await rt.dispatcher.expand_due(report)
    seconds = time.perf_counter() - started
    stop.set()
    waits = await writer
    await rt.engine.dispose()
    return Fanout(people, report.expanded, seconds, waits, quiet)


def show(result: Broadcast, baseline: Any, rtt: float, limit: int) -> float:
    got = result.invitations
    times = [a.at - result.committed for a in got]
    per_chat = Counter(a.chat_id for a in got)
    duplicates = sum(n - 1 for n in per_chat.values())
    sending = rate_of([a.at for a in got])
    overall = len(got) / max(times) if times else 0.0
    bare = rate_of(baseline.delivered)
    bare_overall = len(baseline.delivered) / baseline.elapsed if baseline.elapsed else 0.0
    print(f"database              {result.database}")
    print(f"members               {result.members}, all reachable")
    print(f"fake Telegram         round trip {ms(rtt)}, {limit} messages/s, 429 beyond")
    print(
        f"outbox settings       SHURA_SEND_RATE {result.rate:g}/s,"
        f" SHURA_SEND_CONCURRENCY {result.concurrency}"
    )
    if times:
        ordered = sorted(times)
        print("after the commit      (what members wait for)")
        print(f"  first invitation    {ordered[0]:.2f} s")
        print(f"  half of them        {ordered[len(ordered) // 2]:.2f} s")
        print(f"  every one           {ordered[-1]:.2f} s")
    print(
        f"delivered             {len(got)} of {result.members}; duplicates {duplicates},"
        f" losses {result.members - len(per_chat)}" + (" (TIMED OUT)" if result.timed_out else "")
    )
    print(
        f"rate while sending    {sending:.1f} messages/s = {sending / result.rate:.3f} of"
        f" SHURA_SEND_RATE, {sending / TELEGRAM_LIMIT:.3f} of Telegram's {TELEGRAM_LIMIT}/s"
    )
    print(f"rate from the commit  {overall:.1f} messages/s")
    sends = [a.at for a in result.arrivals if a.method in SEND_METHODS]
    print(f"busiest second        {busiest_second(sends)} sends reached Telegram")
    print(f"sends answered        {describe_statuses(result.sends_by_status)}")
    print(f"all calls answered    {describe_statuses(result.calls_by_status)}")
    print(f"RSVP taps, quiet      {latencies(result.quiet_taps)}")
    print(f"RSVP taps, sending    {latencies(result.busy_taps)}")
    print(
        f"bare PTB baseline     the same {len(result.messages)} messages, same fake, one task"
        f" every 1/{result.rate:g} s: {bare:.1f} messages/s while sending,"
        f" {bare_overall:.1f} overall; {describe_statuses(baseline.statuses)}"
    )
    if bare:
        print(
            f"against the baseline  {sending / bare:.3f} while sending,"
            f" {overall / bare_overall:.3f} from the commit"
        )
    return sending / result.rate


def show_fanout(fanout: Fanout) -> None:
    print(f"fan-out alone         {fanout.created} invitations into rows in {ms(fanout.seconds)}")
    print(f"  another write       quiet: {latencies(fanout.quiet_waits)}")
    print(f"                      meanwhile: {latencies(fanout.waits)}")


async def main_async(args: argparse.Namespace) -> float:
    overrides = {}
    if args.rate is not None:
        overrides["SHURA_SEND_RATE"] = str(args.rate)
    if args.concurrency is not None:
        overrides["SHURA_SEND_CONCURRENCY"] = str(args.concurrency)
    ratio = 0.0
    for name in wanted(args.database):
        with fresh(name) as database:
            result = await broadcast(database, args.members, args.rtt, args.limit, overrides)
        baseline = await bare_ptb_send(
            result.messages, rate=result.rate, rtt=args.rtt, limit=args.limit
        )
        figure = show(result, baseline, args.rtt, args.limit)
        if name == "sqlite" or args.database != "both":
            ratio = figure
        if args.fanout:
            with fresh(name) as database:
                show_fanout(await fanout_alone(database, args.fanout))
        print()
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--rtt", type=float, default=DEFAULT_RTT, help="round trip, seconds")
    parser.add_argument("--limit", type=int, default=TELEGRAM_LIMIT, help="Telegram's flood limit")
    parser.add_argument("--fanout", type=int, default=10_000, help="people in the fan-out alone")
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rate", type=float, help="SHURA_SEND_RATE instead of the default")
    parser.add_argument("--concurrency", type=int, help="SHURA_SEND_CONCURRENCY instead")
    ratio = asyncio.run(main_async(parser.parse_args()))
    print(f"rate_ratio={ratio:.3f}")


if __name__ == "__main__":
    main()
