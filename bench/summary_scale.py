"""The outcome summary and /attendance of a big network's meeting: time, SQL statements, memory.

The data, loaded in bulk straight into the tables (not through the bot): 500 organizations,
10,000 members, 5,000 answers to the meeting, 3,000 check-ins, 1,000 concerns with 30,000
dots (the agenda frozen from them by the agenda service), 20 closed motions with 5,000
ballots each, a few decisions and action items, and the next meeting. The agenda is then
frozen from the dots by the agenda service, once (timed too: it counts every dot).

Timed, each phase apart, a few rounds (the first, cold one shown apart: it imports
matplotlib and loads the fonts):

* build     the summary a coordinator previews (bot.services.summary.preview)
* text fa   its message in Dari, cut into Telegram messages (bot.markup.render_lines)
* chart fa  its chart described and drawn in Dari (bot.charts)

and through the real application on the fake Telegram (tests/handlers' harness):

* /summary <n>      the coordinator's preview: its messages, the chart, the post button
* /attendance <n>   the coordinator's report: counts and names, a page of organizations
* other page        the report's first page button (next, then previous, ...)

For each: milliseconds (median of the warm rounds, then the cold first), SQL statements,
and the peak of Python's allocations during it (tracemalloc, in a round of its own since
tracing slows everything down); and the process's peak resident size (ru_maxrss), the data
being loaded by a process of its own.
Last line: `summary_ms=<build + text + chart, median of warm rounds, on SQLite>`.

    .venv/bin/python bench/summary_scale.py [--scale 1] [--rounds 5] [--database both]

`--scale 0.01` makes every number a hundredth (the smoke test runs it so).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import multiprocessing
import os
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa
from sqlalchemy import event, insert

# First: the services import each other in a cycle that only this end enters cleanly.
import bot.app
from bench.lib.databases import BenchDatabase, fresh, wanted
from bench.lib.figures import median
from bot import charts
from bot.clock import FakeClock
from bot.markup import render_lines
from bot.presentation import Lines
from bot.services import agenda, summary
from bot.services.actor import Actor, actor_of
from db.models import (
    ActionItem,
    AgendaVote,
    Ballot,
    Base,
    CheckIn,
    Concern,
    ConcernKind,
    ConcernStatus,
    ConcernTopic,
    Meeting,
    MeetingStatus,
    MemberRole,
    Membership,
    Motion,
    MotionStatus,
    MotionVoters,
    Organization,
    OrgKind,
    OrgStatus,
    OutcomeKind,
    Person,
    Rsvp,
    RsvpAnswer,
)
from db.session import make_sync_engine, transaction
from tests.conftest import Database
from tests.fakes.telegram import FakeBotApi
from tests.handlers.conftest import COORDINATOR, Harness, start_harness, stop_harness

KABUL = ZoneInfo("Asia/Kabul")
FIRST_MEMBER = 6_000_000_000
LENGTH = timedelta(hours=2)  # SHURA_MEETING_LENGTH's default
CHUNK = 5_000  # rows per INSERT while loading
AIM_MS, AIM_MB = 500, 300
# Three in five say Going, one Maybe, one Can't go.
ANSWERS = (RsvpAnswer.GOING,) * 3 + (RsvpAnswer.MAYBE, RsvpAnswer.DECLINED)
DARI_NAMES = ("احمد", "زهرا", "محمد", "فاطمه", "نجیب‌الله", "مریم", "عبدالله", "ملالی")
PASHTO_WORDS = "د بلخ ولایت د ځوانانو ټولنه غواړي چې د ښوونځیو او روغتونونو ستونزې"
DARI_CONCERN = (
    "کمبود آب آشامیدنی در مکتب‌های ولسوالی {n} و نبود معلمان زن برای دختران؛ "
    "خواهش می‌کنیم این موضوع در جلسهٔ ماهانه بررسی شود تا راه‌حلی پیدا کنیم."
)


@dataclass(frozen=True)
class Scale:
    organizations: int
    members: int
    answers: int
    checkins: int
    concerns: int
    dots: int
    motions: int
    ballots: int

    @classmethod
    def of(cls, factor: float) -> Scale:
        def part(n: int, low: int = 1) -> int:
            return max(low, round(n * factor))

        members = part(10_000, 20)
        return cls(
            organizations=part(500, 9),  # two pages of /attendance at least
            members=members,
            answers=min(members, part(5_000, 10)),
            checkins=min(members, part(3_000, 5)),
            concerns=part(1_000, 8),
            dots=min(3 * members, part(30_000, 20)),
            motions=part(20, 2),
            ballots=min(members, part(5_000, 10)),
        )

    def describe(self) -> str:
        return (
            f"{self.organizations} organizations, {self.members} members, {self.answers}"
            f" answers, {self.checkins} check-ins, {self.concerns} concerns, {self.dots} dots,"
            f" {self.motions} motions with {self.ballots} ballots each"
        )


# --- the data, in bulk -----------------------------------------------------------------------


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def _insert(connection: sa.Connection, table: type[Any], rows: list[dict[str, Any]]) -> None:
    """Many rows in a few statements (every row gets every column: one statement shape)."""
    columns = {key for row in rows for key in row}
    for part in _chunks(rows):
        connection.execute(insert(table), [dict.fromkeys(columns) | row for row in part])


def load(database: BenchDatabase, scale: Scale, now: datetime) -> tuple[int, float]:
    """The network and its meeting, straight into the tables; the meeting's id and seconds."""
    started = time.perf_counter()
    rng = random.Random(10)
    engine = make_sync_engine(database.url, schema=database.schema)
    with engine.begin() as connection:
        people = [
            {
                "tg_user_id": COORDINATOR,
                "first_name": "Coordinator",
                "language": "fa",
                "reachable": True,
                "is_coordinator": False,
                "created_at": now - timedelta(days=90),
            }
        ]
        for n in range(scale.members):
            dari = n % 3 != 2
            people.append(
                {
                    "tg_user_id": FIRST_MEMBER + n,
                    "first_name": f"{DARI_NAMES[n % len(DARI_NAMES)]} {n}" if dari else "Member",
                    "last_name": None if dari else f"No. {n}",
                    "language": ("fa", "ps", "en")[n % 3],
                    "reachable": True,
                    "is_coordinator": False,
                    "created_at": now - timedelta(days=60),
                }
            )
        _insert(connection, Person, people)
        member_ids = [2 + n for n in range(scale.members)]  # the coordinator is person 1
        _insert(
            connection,
            Organization,
            [
                {
                    "name": f"انجمن مدنی بلخ {n + 1}" if n % 2 else f"Balkh Civic Group {n + 1}",
                    "name_key": f"org {n + 1}",
                    "kind": (OrgKind.NGO, OrgKind.UNION, OrgKind.MEDIA)[n % 3],
                    "province": "Balkh",
                    "district": "Mazar-i-Sharif",
                    "focus": "Civic education",
                    "status": OrgStatus.APPROVED,
                    "registered_by_id": 1,
                    "created_at": now - timedelta(days=80),
                }
                for n in range(scale.organizations)
            ],
        )
        org_of = {person: 1 + i % scale.organizations for i, person in enumerate(member_ids)}
        first_of: set[int] = set()
        memberships = []
        for person, org in org_of.items():
            admin = org not in first_of
            first_of.add(org)
            memberships.append(
                {
                    "person_id": person,
                    "organization_id": org,
                    "role": MemberRole.ADMIN if admin else MemberRole.MEMBER,
                    "is_delegate": admin,
                    "joined_at": now - timedelta(days=50),
                }
            )
        _insert(connection, Membership, memberships)
        starts = now - timedelta(days=1)
        meetings = [
            {
                "title": "جلسهٔ ماهانهٔ هماهنگی شبکه",
                "starts_at": starts,
                "timezone": "Asia/Kabul",
                "venue": "Balkh University, Hall 2",
                "status": MeetingStatus.SCHEDULED,
                "revision": 0,
                "invited_at": starts - timedelta(days=14),
                "created_by_id": 1,
                "created_at": starts - timedelta(days=20),
            },
            {
                "title": "جلسهٔ ماهانهٔ هماهنگی شبکه",
                "starts_at": starts + timedelta(days=28),
                "timezone": "Asia/Kabul",
                "venue": "Balkh University, Hall 2",
                "status": MeetingStatus.SCHEDULED,
                "revision": 0,
                "created_by_id": 1,
                "created_at": now,
            },
        ]
        _insert(connection, Meeting, meetings)
        meeting_id = 1
        answered = rng.sample(member_ids, scale.answers)
        rsvps = []
        for n, person in enumerate(answered):
            chosen = ANSWERS[n % len(ANSWERS)]
            at = starts - timedelta(days=10, minutes=-n)
            rsvps.append(
                {
                    "meeting_id": meeting_id,
                    "person_id": person,
                    "answer": chosen,
                    "waitlisted": False,
                    "going_since": at if chosen == RsvpAnswer.GOING else None,
                    "answered_at": at,
                    "note": "سفر کاری دارم"
                    if chosen == RsvpAnswer.DECLINED and n % 7 == 0
                    else None,
                }
            )
        _insert(connection, Rsvp, rsvps)
        came = [p for n, p in enumerate(answered) if ANSWERS[n % 5] != RsvpAnswer.DECLINED]
        del came[scale.checkins - scale.checkins // 20 :]
        answered_set = set(answered)
        others = [p for p in member_ids if p not in answered_set]
        came += others[: scale.checkins - len(came)]
        checkins = [
            {
                "meeting_id": meeting_id,
                "person_id": person,
                "organization_id": org_of[person],
                "checked_in_at": starts + timedelta(seconds=n),
            }
            for n, person in enumerate(came)
        ]
        checkins += [
            {
                "meeting_id": meeting_id,
                "name": f"مهمان {n}",
                "organization_id": 1 + n % scale.organizations,
                "by_id": 1,
                "checked_in_at": starts,
            }
            for n in range(max(1, scale.checkins // 100))
        ]
        _insert(connection, CheckIn, checkins)
        concerns = []
        for n in range(scale.concerns):
            voice = n % 25 == 0
            anonymous = n % 3 == 0
            concerns.append(
                {
                    "meeting_id": meeting_id,
                    "topic": (ConcernTopic.COORDINATION, ConcernTopic.SECURITY, ConcernTopic.OTHER)[
                        n % 3
                    ],
                    "kind": ConcernKind.VOICE if voice else ConcernKind.TEXT,
                    "text": None
                    if voice
                    else (DARI_CONCERN if n % 2 else PASHTO_WORDS + " {n}").format(n=n),
                    "file_id": f"voice-{n}" if voice else None,
                    "anonymous": anonymous,
                    "author_id": None if anonymous else member_ids[n % len(member_ids)],
                    "status": ConcernStatus.APPROVED,
                    "created_at": starts - timedelta(days=7),
                    "decided_at": starts - timedelta(days=6),
                }
            )
        _insert(connection, Concern, concerns)
        # Dots: up to three per member, more on some concerns than others; one per concern.
        dots: list[dict[str, Any]] = []
        weights = [1 / (1 + n) ** 0.8 for n in range(scale.concerns)]
        for person in member_ids:
            if len(dots) >= scale.dots:
                break
            for concern in set(rng.choices(range(1, scale.concerns + 1), weights, k=3)):
                dots.append(
                    {
                        "person_id": person,
                        "concern_id": concern,
                        "created_at": starts - timedelta(days=3),
                    }
                )
        _insert(connection, AgendaVote, dots[: scale.dots])
        for m in range(scale.motions):
            custom = m % 4 == 3
            options = ["گزینهٔ الف", "گزینهٔ ب", "Option C", "گزینهٔ د"] if custom else None
            connection.execute(
                insert(Motion),
                {
                    "meeting_id": meeting_id,
                    "question": f"آیا شبکه پیشنهاد شمارهٔ {m + 1} را برای سال آینده می‌پذیرد؟",
                    "options": options,
                    "voters": MotionVoters.MEMBER,
                    "secret": m % 2 == 0,
                    "quorum_percent": (30, 50, 60)[m % 3],
                    "opens_at": starts - timedelta(days=2),
                    "closes_at": starts + LENGTH,
                    "status": MotionStatus.CLOSED,
                    "result_posted": True,
                    "result_posted_at": starts + LENGTH,
                    "created_by_id": 1,
                    "created_at": starts - timedelta(days=2),
                },
            )
            choices = len(options) if options else 3
            _insert(
                connection,
                Ballot,
                [
                    {
                        "motion_id": m + 1,
                        "person_id": person,
                        "option": rng.randrange(choices),
                        "cast_by_id": 1 if n % 100 == 0 else person,
                        "by_proxy": n % 100 == 0,
                        "cast_at": starts,
                    }
                    for n, person in enumerate(rng.sample(member_ids, scale.ballots))
                ],
            )
        _insert(
            connection,
            ActionItem,
            [
                {
                    "meeting_id": meeting_id,
                    "kind": OutcomeKind.ACTION if n % 2 else OutcomeKind.DECISION,
                    "text": f"گزارش وضعیت آب مکتب‌ها تا جلسهٔ بعدی آماده شود ({n + 1})",
                    "owner_id": 1 + n % scale.organizations if n % 4 else None,
                    "due_on": date.today() + timedelta(days=14 + n) if n % 3 else None,
                    "created_by_id": 1,
                    "created_at": starts + LENGTH,
                }
                for n in range(10)
            ],
        )
    if database.name == "postgresql":
        # As autovacuum would have by the time a network is this big: without statistics the
        # planner takes these tables for empty and joins them by nested loops.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in Base.metadata.sorted_tables:
                connection.execute(sa.text(f'VACUUM ANALYZE "{table.name}"'))
    engine.dispose()
    return meeting_id, time.perf_counter() - started


# --- measuring -------------------------------------------------------------------------------


@dataclass
class Phase:
    """One thing timed, over every round."""

    name: str
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # the process's CPU seconds, all threads
    statements: int = 0
    peak_bytes: int = 0

    @property
    def cold_ms(self) -> float:
        return self.seconds[0] * 1000 if self.seconds else 0.0

    @property
    def warm_ms(self) -> float:
        return median(self.seconds[1:] or self.seconds) * 1000

    @property
    def warm_cpu_ms(self) -> float:
        return median(self.cpu[1:] or self.cpu) * 1000


class Statements:
    """SQL statements sent through the bot's engine while counting is on."""

    def __init__(self, engine: sa.Engine) -> None:
        self.count = 0
        self.on = False
        event.listen(engine, "before_cursor_execute", self._one)

    def _one(self, *_args: Any) -> None:
        if self.on:
            self.count += 1


@dataclass
class Bench:
    shura: Harness
    meeting_id: int
    statements: Statements
    phases: dict[str, Phase] = field(default_factory=dict)
    built: summary.Summary | None = None
    started_rss_mb: float = 0.0  # the process's peak before the timed work

    def phase(self, name: str) -> Phase:
        return self.phases.setdefault(name, Phase(name))

    async def timed(
        self, name: str, work: Callable[[], Awaitable[object]], *, traced: bool
    ) -> None:
        """Run `work` once: timed and its statements counted, or with tracemalloc on."""
        phase = self.phase(name)
        gc.collect()
        if traced:
            tracemalloc.start()
            try:
                await work()
                phase.peak_bytes = max(phase.peak_bytes, tracemalloc.get_traced_memory()[1])
            finally:
                tracemalloc.stop()
            return
        before = self.statements.count
        self.statements.on = True
        started, cpu = time.perf_counter(), time.process_time()
        try:
            await work()
        finally:
            phase.seconds.append(time.perf_counter() - started)
            phase.cpu.append(time.process_time() - cpu)
            self.statements.on = False
        phase.statements = self.statements.count - before

    # The phases.

    async def build(self) -> None:
        rt = bot.app.runtime(self.shura.app)
        async with transaction(rt.sessions) as session:
            coordinator = await session.get(Person, 1)
            assert coordinator is not None
            actor: Actor = await actor_of(session, coordinator, rt.settings.coordinators)
            preview = await summary.preview(
                session, self.shura.clock, actor, self.meeting_id, length=LENGTH
            )
        self.built = preview.summary

    async def text(self) -> list[str]:
        assert self.built is not None
        frame, lines = summary.message(self.built)
        texts = render_lines(bot.app.runtime(self.shura.app).catalog, "fa", Lines(frame, lines))
        assert texts and all(texts), "the summary rendered to nothing"
        return texts

    async def chart(self) -> bytes:
        assert self.built is not None
        png = charts.draw(
            charts.summary_chart(self.built), bot.app.runtime(self.shura.app).catalog, "fa"
        )
        assert png.startswith(b"\x89PNG")
        return png

    async def command(self, text: str) -> None:
        mark = len(self.shura.api.calls)
        await self.shura.send(COORDINATOR, text)
        self._check_answered(mark, text)

    async def page(self) -> None:
        mark = len(self.shura.api.calls)
        data = next((d for d in self.shura.data(COORDINATOR) if d.startswith("mtg:attp:")), None)
        assert data is not None, "one page of organizations only"
        await self.shura.press(COORDINATOR, data)
        self._check_answered(mark, data)

    def _check_answered(self, mark: int, what: str) -> None:
        calls = self.shura.api.calls[mark:]
        assert calls and all(call.ok for call in calls), f"{what}: {calls[-3:]!r}"
        assert not self.shura.errors, self.shura.errors


async def measure(database: BenchDatabase, scale: Scale, rounds: int) -> tuple[Bench, float]:
    now = datetime.now(UTC)
    # Loaded by another process: this one's peak resident size is then the bot's alone.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as loader:
        meeting_id, loading = loader.submit(load, database, scale, now).result()
    api = FakeBotApi()
    api.user(COORDINATOR, "Coordinator", language_code="fa")
    api.start_chat(COORDINATOR)
    shura = await start_harness(
        Database(database.url, database.schema), FakeClock(now), api, auto_dispatch=False
    )
    rt = bot.app.runtime(shura.app)
    bench = Bench(
        shura, meeting_id, Statements(rt.engine.sync_engine), started_rss_mb=peak_rss_mb()
    )

    async def freeze() -> None:
        # By the agenda service, as its job does when voting closes: counting every dot.
        async with transaction(rt.sessions) as session:
            assert await agenda.freeze(session, shura.clock, meeting_id), "no agenda frozen"

    await bench.timed("agenda freeze", freeze, traced=False)  # once: it is stored once
    work: list[tuple[str, Callable[[], Awaitable[object]]]] = [
        ("build", bench.build),
        ("text fa", bench.text),
        ("chart fa", bench.chart),
        ("/summary", lambda: bench.command(f"/summary {meeting_id}")),
        ("/attendance", lambda: bench.command(f"/attendance {meeting_id}")),
        ("other page", bench.page),
    ]
    try:
        for _ in range(rounds):
            for name, run in work:
                await bench.timed(name, run, traced=False)
        for name, run in work:
            await bench.timed(name, run, traced=True)
    finally:
        await stop_harness(shura)
    api.assert_no_problems()
    return bench, loading


def peak_rss_mb() -> float:
    # Linux gives kilobytes (macOS bytes; the benchmarks run on Linux).
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(name: str, bench: Bench, loading: float) -> float:
    """Print one database's figures; the summary's warm milliseconds end to end."""
    print(f"\n{name}   (data loaded in {loading:.1f} s)")
    print(f"{'phase':<13} {'warm ms':>8} {'cpu ms':>7} {'cold ms':>8} {'SQL':>5} {'peak MB':>8}")
    for phase in bench.phases.values():
        print(
            f"{phase.name:<13} {phase.warm_ms:>8.1f} {phase.warm_cpu_ms:>7.1f}"
            f" {phase.cold_ms:>8.1f} {phase.statements:>5} {phase.peak_bytes / 2**20:>8.1f}"
        )
    parts = [bench.phases[p] for p in ("build", "text fa", "chart fa")]
    total = sum(p.warm_ms for p in parts)
    without_chart = sum(p.warm_ms for p in parts[:2])
    cpu = sum(p.warm_cpu_ms for p in parts)
    peak = max(p.peak_bytes for p in bench.phases.values()) / 2**20
    print(
        f"summary end to end: {total:.1f} ms with the chart ({without_chart:.1f} ms without,"
        f" {cpu:.1f} ms of CPU with it),"
        f" {sum(p.statements for p in parts)} SQL statements;"
        f" aim < {AIM_MS} ms: {'met' if total < AIM_MS else 'NOT MET'}"
    )
    print(f"peak Python allocations in one phase: {peak:.1f} MB (tracemalloc)")
    print(
        f"peak resident size: {bench.started_rss_mb:.0f} MB with the bot started,"
        f" {peak_rss_mb():.0f} MB after the timed work (ru_maxrss; the data is loaded by"
        " another process)"
    )
    return total


async def main_async(args: argparse.Namespace) -> float:
    scale = Scale.of(args.scale)
    print(f"data: {scale.describe()}")
    print(
        f"{args.rounds} round{'s' if args.rounds != 1 else ''} of each; warm ms is the median"
        " of all rounds but the first (cold), cpu ms the process's CPU time in the same rounds"
    )
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} (wall times grow with it)")
    figure = 0.0
    for name in wanted(args.database):
        with fresh(name) as database:
            bench, loading = await measure(database, scale, args.rounds)
        total = report("SQLite" if name == "sqlite" else "PostgreSQL", bench, loading)
        if name == "sqlite" or args.database != "both":
            figure = total
    rss = peak_rss_mb()
    print(
        f"\npeak resident size of the process: {rss:.0f} MB (ru_maxrss: the bot, matplotlib"
        f" and the timed work); aim < {AIM_MB} MB: {'met' if rss < AIM_MB else 'NOT MET'}"
    )
    print("summary_ms is build + text fa + chart fa (warm medians), the chart included")
    return figure


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="every number times this")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    figure = asyncio.run(main_async(parser.parse_args()))
    print(f"summary_ms={figure:.0f}")


if __name__ == "__main__":
    main()
