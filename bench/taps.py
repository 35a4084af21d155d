"""What a tap costs: Shura's handlers against a bare python-telegram-bot handler, same run.

Both applications run on one fake Telegram transport (tests/fakes/telegram.py), and are fed
updates one after the other, interleaved round by round:

* tap      a member's first answer to an invitation (Going): answerCallbackQuery + editMessageText
* retap    the same member changes it (Maybe): the same two calls
* next     /next: sendMessage with the member's card
* meetings /meetings: sendMessage with the list

The bare handler makes the same Telegram calls with the texts and buttons Shura sent (captured
in a warm-up), and touches no database. Each update comes from a member who has not sent that
kind of update before. Timed: `Application.process_update` alone (building the update is not).

For each database it prints, per kind and application: µs per update (median of the rounds'
means), CPU µs per update (the process's, all threads), p50/p99 latency over all rounds; for
Shura the SQL statements, commits and thread hops (callbacks handed to the event loop from
another thread, as aiosqlite's worker or asyncio.to_thread do) per update; and Shura's ratio to
bare by wall clock and by CPU (the median of the rounds' ratios: both batches of a round run
side by side) and by p50. On a busy machine the wall-clock ratio grows with the load (a longer
update is preempted more often); the CPU ratio much less.
Last lines: `cpu_ratio=` and `ratio=<shura/bare>`, for the tap on SQLite.

    .venv/bin/python bench/taps.py [--rounds 10] [--per-round 20] [--database both]

With `both` (the default) it runs on SQLite, then on PostgreSQL when BENCH_DATABASE_URL or
DATABASE_URL names one (in a scratch schema, dropped after).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa
from sqlalchemy import event
from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from bench.lib.databases import BenchDatabase, fresh, wanted
from bench.lib.figures import median, percentile
from bot.app import runtime
from bot.clock import FakeClock
from bot.runtime import RUNTIME_KEY
from db.session import transaction
from tests.conftest import Database
from tests.fakes.telegram import FakeBotApi, FakeRequest
from tests.handlers.conftest import TOKEN, Harness, start_harness, stop_harness
from tests.handlers.network import Member, add_members, schedule

KINDS = ("tap", "retap", "next", "meetings")
FIRST_MEMBER = 6_000_000_000
KABUL = ZoneInfo("Asia/Kabul")
BareApp = Application[Any, Any, Any, Any, Any, Any]


@dataclass
class Figures:
    """What one application did for one kind of update, over every round."""

    per_round_us: list[float] = field(default_factory=list)
    per_round_cpu_us: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    statements: int = 0
    commits: int = 0
    hops: int = 0
    updates: int = 0

    @property
    def us_per_update(self) -> float:
        return median(self.per_round_us)

    @property
    def cpu_us_per_update(self) -> float:
        return median(self.per_round_cpu_us)

    def percentile(self, share: float) -> float:
        return percentile(self.latencies, share) * 1e6


class Counters:
    """SQL statements and commits on Shura's engine; callbacks arriving from other threads."""

    def __init__(self, engine: sa.Engine) -> None:
        self.statements = self.commits = self.hops = 0
        self.on = False
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._commit)
        loop = asyncio.get_running_loop()
        original = loop.call_soon_threadsafe

        def counted(*args: Any, **kwargs: Any) -> Any:
            if self.on:
                self.hops += 1
            return original(*args, **kwargs)

        loop.call_soon_threadsafe = counted  # type: ignore[method-assign,assignment]

    def _statement(self, *_args: Any) -> None:
        if self.on:
            self.statements += 1

    def _commit(self, *_args: Any) -> None:
        if self.on:
            self.commits += 1

    @contextmanager
    def counting(self, figures: Figures) -> Iterator[None]:
        before = (self.statements, self.commits, self.hops)
        self.on = True
        try:
            yield
        finally:
            self.on = False
            figures.statements += self.statements - before[0]
            figures.commits += self.commits - before[1]
            figures.hops += self.hops - before[2]


@dataclass
class Captured:
    """What Shura sent for each kind, replayed by the bare handlers."""

    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    edits: dict[str, dict[str, Any]] = field(default_factory=dict)
    sends: dict[str, dict[str, Any]] = field(default_factory=dict)


def markup(params: dict[str, Any]) -> InlineKeyboardMarkup | None:
    data = params.get("reply_markup")
    return InlineKeyboardMarkup.de_json(data, None) if data else None


def bare_application(api: FakeBotApi, captured: Captured) -> BareApp:
    """A plain PTB Application with the same Telegram calls and no database."""

    async def on_rsvp(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.data is not None
        action = query.data.split(":")[1]
        answer, edit = captured.answers[action], captured.edits[action]
        await query.answer(answer.get("text"), show_alert=bool(answer.get("show_alert")))
        await query.edit_message_text(
            edit["text"],
            parse_mode=ParseMode.HTML,
            reply_markup=markup(edit),
            disable_web_page_preview=True,
        )

    def sender(
        kind: str,
    ) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]:
        async def send(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            assert update.effective_chat is not None
            params = captured.sends[kind]
            await context.bot.send_message(
                update.effective_chat.id,
                params["text"],
                parse_mode=ParseMode.HTML,
                reply_markup=markup(params),
                disable_web_page_preview=True,
            )

        return send

    application = (
        ApplicationBuilder()
        .token(TOKEN)
        .request(FakeRequest(api))
        .get_updates_request(FakeRequest(api))
        .updater(None)
        .concurrent_updates(True)
        .build()
    )
    application.add_handler(CallbackQueryHandler(on_rsvp, pattern=r"^rsvp:(go|maybe|no):\d+$"))
    application.add_handler(CommandHandler("next", sender("next")))
    application.add_handler(CommandHandler("meetings", sender("meetings")))
    return application


def members(first: int, count: int) -> tuple[Member, ...]:
    return tuple(Member(first + n, "fa", f"Member {n}") for n in range(count))


def updates_for(
    api: FakeBotApi, app: Any, people: tuple[Member, ...], kind: str, meeting_id: int
) -> list[Update]:
    """One update of `kind` from each of `people`, built before the clock starts."""
    raw = []
    for member in people:
        if kind == "tap":
            raw.append(api.callback_update(member.tg_user_id, f"rsvp:go:{meeting_id}"))
        elif kind == "retap":
            raw.append(api.callback_update(member.tg_user_id, f"rsvp:maybe:{meeting_id}"))
        else:
            raw.append(api.message_update(member.tg_user_id, f"/{kind}"))
    return [Update.de_json(data, app.bot) for data in raw]


async def feed(app: Any, updates: list[Update], figures: Figures) -> None:
    gc.collect()
    started, cpu = time.perf_counter(), time.process_time()
    for update in updates:
        begun = time.perf_counter()
        await app.process_update(update)
        figures.latencies.append(time.perf_counter() - begun)
    if RUNTIME_KEY in app.bot_data:
        # The card edits shown are forgotten where the dispatcher next claims (every few
        # seconds, or sooner): here once a batch, which costs Shura more, not less.
        rt = runtime(app)
        async with transaction(rt.sessions) as session:
            await rt.shown_edits.forget(session)
    figures.per_round_cpu_us.append((time.process_time() - cpu) / len(updates) * 1e6)
    figures.per_round_us.append((time.perf_counter() - started) / len(updates) * 1e6)
    figures.updates += len(updates)


def capture(api: FakeBotApi, since: int, captured: Captured, kind: str) -> None:
    calls = [call for call in api.calls[since:] if call.ok]
    if kind in ("tap", "retap"):
        action = "go" if kind == "tap" else "maybe"
        captured.answers[action] = next(
            c.params for c in calls if c.method == "answerCallbackQuery"
        )
        captured.edits[action] = next(c.params for c in calls if c.method == "editMessageText")
    else:
        captured.sends[kind] = next(c.params for c in calls if c.method == "sendMessage")


async def populate(shura: Harness, count: int) -> tuple[int, tuple[Member, ...]]:
    everyone = members(FIRST_MEMBER, count)
    await add_members(shura, everyone, "Bench network")
    starts = datetime.now(KABUL) + timedelta(days=2)
    meeting_id = await schedule(shura, starts.strftime("%Y-%m-%d %H:%M"), agenda=None)
    await shura.dispatch()
    missing = [m for m in everyone if not shura.api.buttons(m.tg_user_id)]
    assert not missing, f"{len(missing)} members got no invitation"
    return meeting_id, everyone


async def measure(database: BenchDatabase, rounds: int, per_round: int) -> dict[str, Figures]:
    """Figures per `<kind>/<bare|shura>` on one database."""
    api = FakeBotApi()
    clock = FakeClock(datetime.now(UTC))
    where = Database(database.url, database.schema)
    shura = await start_harness(where, clock, api, auto_dispatch=False)
    # A card sent by /next retires the previous one through the outbox, after the update.
    runtime(shura.app).dispatcher.job_queue = None
    # Half the members for Shura, half for the bare application; one slice per round.
    slices = rounds + 1
    meeting_id, everyone = await populate(shura, 2 * slices * per_round)
    ours = [everyone[i * per_round : (i + 1) * per_round] for i in range(slices)]
    theirs = [
        everyone[(slices + i) * per_round : (slices + i + 1) * per_round] for i in range(slices)
    ]

    captured = Captured()
    bare = bare_application(api, captured)
    await bare.initialize()
    counters = Counters(runtime(shura.app).engine.sync_engine)
    figures = {f"{kind}/{who}": Figures() for kind in KINDS for who in ("bare", "shura")}
    try:
        # Warm-up: Shura's first slice shows what to capture; the bare app's first slice runs.
        for kind in KINDS:
            mark = len(api.calls)
            await feed(shura.app, updates_for(api, shura.app, ours[0], kind, meeting_id), Figures())
            capture(api, mark, captured, kind)
            await feed(bare, updates_for(api, bare, theirs[0], kind, meeting_id), Figures())
        for number in range(1, slices):
            for kind in KINDS:
                order = [("shura", shura.app, ours), ("bare", bare, theirs)]
                if number % 2:
                    order.reverse()
                for who, app, people in order:
                    batch = updates_for(api, app, people[number], kind, meeting_id)
                    with counters.counting(figures[f"{kind}/{who}"]):
                        await feed(app, batch, figures[f"{kind}/{who}"])
    finally:
        await bare.shutdown()
        await stop_harness(shura)
    assert not shura.errors, shura.errors
    api.assert_no_problems()
    return figures


def paired_ratio(ours: list[float], bare: list[float]) -> float:
    """The median of each round's ratio: the two batches of a round ran side by side, under
    the same load, where the medians of each side may come from a quiet and a busy moment."""
    return median([mine / theirs for mine, theirs in zip(ours, bare, strict=True)])


def report(name: str, figures: dict[str, Figures]) -> dict[str, tuple[float, float]]:
    print(f"\n{name}")
    print(
        f"{'update':<9} {'bare µs':>7} {'cpu':>5} {'p50':>5} {'p99':>6}   "
        f"{'shura µs':>8} {'cpu':>5} {'p50':>5} {'p99':>6}   "
        f"{'stmts':>5} {'commits':>7} {'hops':>5}   {'ratio':>5} {'cpu':>5} {'p50':>5}"
    )
    ratios: dict[str, tuple[float, float]] = {}
    for kind in KINDS:
        bare, ours = figures[f"{kind}/bare"], figures[f"{kind}/shura"]
        ratio = paired_ratio(ours.per_round_us, bare.per_round_us)
        cpu_ratio = paired_ratio(ours.per_round_cpu_us, bare.per_round_cpu_us)
        ratios[kind] = ratio, cpu_ratio
        n = ours.updates
        print(
            f"{kind:<9} {bare.us_per_update:>7.0f} {bare.cpu_us_per_update:>5.0f} "
            f"{bare.percentile(0.5):>5.0f} {bare.percentile(0.99):>6.0f}   "
            f"{ours.us_per_update:>8.0f} {ours.cpu_us_per_update:>5.0f} "
            f"{ours.percentile(0.5):>5.0f} {ours.percentile(0.99):>6.0f}   "
            f"{ours.statements / n:>5.1f} {ours.commits / n:>7.1f} {ours.hops / n:>5.1f}   "
            f"{ratio:>5.2f} {cpu_ratio:>5.2f} "
            f"{ours.percentile(0.5) / bare.percentile(0.5):>5.2f}"
        )
        if bare.hops:
            print(f"          (bare: {bare.hops / bare.updates:.1f} hops per update)")
    return ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--per-round", type=int, default=20)
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    print(f"{args.rounds} rounds of {args.per_round} updates per kind and application")
    ratios = {}
    for name in wanted(args.database):
        with fresh(name) as database:
            figures = asyncio.run(measure(database, args.rounds, args.per_round))
        ratios[name] = report("SQLite" if name == "sqlite" else "PostgreSQL", figures)
    ratio, cpu_ratio = ratios.get("sqlite", ratios[name])["tap"]
    print(f"cpu_ratio={cpu_ratio:.2f}")
    print(f"ratio={ratio:.2f}")


if __name__ == "__main__":
    main()
