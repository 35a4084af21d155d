"""What an update costs and how long people wait: Shura against a bare python-telegram-bot
handler that makes the same Telegram calls with no database, in the same run.

Part 1, the cost of an update. Both applications run on one fake Telegram transport
(bot/fakes/telegram.py) that answers at once, and are fed updates one after the other,
interleaved round by round:

* tap      a member's first answer to an invitation (Going): answerCallbackQuery + editMessageText
* retap    the same member changes it (Maybe): the same two calls
* next     /next: sendMessage with the member's card
* meetings /meetings: sendMessage with the list

The bare handler makes the same Telegram calls with the texts and buttons Shura sent (captured
in a warm-up), and touches no database; like Shura, it sends a tap's answer and its card's edit
side by side. Each update comes from a member who has not sent that kind of update before.
Timed: `Application.process_update` alone (building the update is not, nor is the first update
of each batch, which follows a full collection and the other application's batch with the
processor's caches cold, as no update of a running bot does), and for Shura the forgetting of
the card edits it showed, once a batch (the dispatcher does it every few seconds).

For each database it prints, per kind and application: µs per update (median of the rounds'
means), CPU µs per update (the process's, all threads), p50/p99 latency over all rounds; for
Shura the SQL statements, commits and thread hops (callbacks handed to the event loop from
another thread) per update, counted in an untimed pass of their own (the counting listeners
cost time too); and Shura's ratio to bare by wall clock and by CPU (the median of
the rounds' ratios: both batches of a round run side by side) and by p50. On a busy machine the
wall-clock ratio grows with the load (a longer update is preempted more often).

Part 2, what people wait for. The fake Telegram is a round trip away (--rtt, 250 ms by
default): a burst of taps, then of /next commands, from distinct members reaches each
application at once, Shura through its intake (stored, then handled side by side, as polling
does), the bare application through `process_update` side by side. For each: updates per
second, and the p50/p99 time from the burst's arrival until Telegram got the answer to the
tap (the spinner stops), the edited card, or the /next card; and every Telegram answer by HTTP
status. The bare handler answers the tap, then edits, as a plain handler does; Shura sends both
at once.

Last lines: `cpu_ratio=` and `ratio=<shura/bare>`, for the tap on SQLite (part 1).

    .venv/bin/python bench/update_throughput.py [--rounds 10] [--per-round 20]
        [--burst 100] [--rtt 0.25] [--database both]

With `both` (the default) it runs on SQLite, then on PostgreSQL when BENCH_DATABASE_URL or
DATABASE_URL names one (in a scratch schema, dropped after).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import time
from collections import Counter
from collections.abc import Callable, Coroutine, Iterator, Sequence
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
from bench.lib.telegram import DistantRequest, DistantTelegram, describe_statuses
from bot.app import runtime
from bot.clock import FakeClock
from bot.polling import Intake
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
    counted: int = 0  # updates of the untimed pass that counts statements, commits and hops

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
        self.engine = engine
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._commit)
        self.loop = asyncio.get_running_loop()
        original = self.loop.call_soon_threadsafe

        def counted(*args: Any, **kwargs: Any) -> Any:
            if self.on:
                self.hops += 1
            return original(*args, **kwargs)

        self.loop.call_soon_threadsafe = counted  # type: ignore[method-assign,assignment]

    def close(self) -> None:
        """Take the listeners off: they are not part of what an update costs."""
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(self.engine, "commit", self._commit)
        del self.loop.call_soon_threadsafe

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


async def count(app: Any, updates: list[Update], counters: Counters, figures: Figures) -> None:
    """A batch handled with the counters on, untimed."""
    with counters.counting(figures):
        for update in updates:
            await app.process_update(update)
    figures.counted += len(updates)


@dataclass
class Captured:
    """What Shura sent for each kind, replayed by the bare handlers."""

    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    edits: dict[str, dict[str, Any]] = field(default_factory=dict)
    sends: dict[str, dict[str, Any]] = field(default_factory=dict)


def markup(params: dict[str, Any]) -> InlineKeyboardMarkup | None:
    data = params.get("reply_markup")
    return InlineKeyboardMarkup.de_json(data, None) if data else None


def bare_application(
    api: FakeBotApi,
    captured: Captured,
    request: FakeRequest | None = None,
    *,
    side_by_side: bool = True,
) -> BareApp:
    """A plain PTB Application with the same Telegram calls and no database.

    `side_by_side`: the tap's answer and edit go together, as Shura sends them (part 1, where
    the ratio weighs what Shura adds, not how it orders its calls); otherwise the answer, then
    the edit, as a plain handler is usually written (part 2, what people wait for).
    """

    async def on_rsvp(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.data is not None
        action = query.data.split(":")[1]
        answer, edit = captured.answers[action], captured.edits[action]
        editing = query.edit_message_text(
            edit["text"],
            parse_mode=ParseMode.HTML,
            reply_markup=markup(edit),
            disable_web_page_preview=True,
        )
        answering = query.answer(answer.get("text"), show_alert=bool(answer.get("show_alert")))
        if not side_by_side:
            await answering
            await editing
            return
        edited = asyncio.ensure_future(editing)
        try:
            await answering
        finally:
            await edited

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
        .request(request or FakeRequest(api))
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
    # The first update after the collection (which walks every object, and follows the other
    # application's batch) finds the processor's caches cold, as no update of a running bot
    # does: it warms them, untimed.
    await app.process_update(updates[0])
    updates = updates[1:]
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
    # Half the members for Shura, half for the bare application: one slice to warm up, one
    # per round, one for the untimed pass that counts statements.
    # (A batch has one update more than is timed: see feed.)
    slices, size = rounds + 2, per_round + 1
    meeting_id, everyone = await populate(shura, 2 * slices * size)
    ours = [everyone[i * size : (i + 1) * size] for i in range(slices)]
    theirs = [everyone[(slices + i) * size : (slices + i + 1) * size] for i in range(slices)]

    captured = Captured()
    bare = bare_application(api, captured)
    await bare.initialize()
    figures = {f"{kind}/{who}": Figures() for kind in KINDS for who in ("bare", "shura")}
    try:
        # Warm-up: Shura's first slice shows what to capture; the bare app's first slice runs.
        for kind in KINDS:
            mark = len(api.calls)
            await feed(shura.app, updates_for(api, shura.app, ours[0], kind, meeting_id), Figures())
            capture(api, mark, captured, kind)
            await feed(bare, updates_for(api, bare, theirs[0], kind, meeting_id), Figures())
        for number in range(1, slices - 1):
            for kind in KINDS:
                order = [("shura", shura.app, ours), ("bare", bare, theirs)]
                if number % 2:
                    order.reverse()
                for who, app, people in order:
                    batch = updates_for(api, app, people[number], kind, meeting_id)
                    await feed(app, batch, figures[f"{kind}/{who}"])
        counters = Counters(runtime(shura.app).engine.sync_engine)
        try:
            for kind in KINDS:
                for who, app, people in (("shura", shura.app, ours), ("bare", bare, theirs)):
                    batch = updates_for(api, app, people[-1], kind, meeting_id)
                    await count(app, batch, counters, figures[f"{kind}/{who}"])
        finally:
            counters.close()
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
        n = ours.counted
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
            print(f"          (bare: {bare.hops / bare.counted:.1f} hops per update)")
    return ratios


# ------------------------------------------------------------- part 2: what people wait for

BURST_KINDS = ("tap", "next")
# The calls a person waits for, per kind: when Telegram got each (ms after the burst arrived).
AWAITED = {"tap": ("answerCallbackQuery", "editMessageText"), "next": ("sendMessage",)}


@dataclass
class Burst:
    """One application's burst of one kind: elapsed time, waits per call, answers by status."""

    elapsed: float = 0.0
    updates: int = 0
    waits: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter[int] = field(default_factory=Counter)


class TimedRequest(DistantRequest):
    """The distant transport, noting when each request reached Telegram and whose it was (the
    chat, or the button press it answers) and the status Telegram answered."""

    def __init__(self, telegram: DistantTelegram) -> None:
        super().__init__(telegram)
        self.arrivals: list[tuple[float, str, object, int]] = []

    async def do_request(self, url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        request_data = args[1] if len(args) > 1 else kwargs.get("request_data")
        sent = request_data.json_parameters if request_data is not None else {}
        whose = sent.get("callback_query_id") or sent.get("chat_id")
        arrives = time.perf_counter() + self.telegram.rtt / 2
        status, body = await super().do_request(url, *args, **kwargs)
        self.arrivals.append((arrives, url.rsplit("/", 1)[-1], whose, status))
        return status, body


def burst_updates(
    api: FakeBotApi, app: Any, people: Sequence[Member], kind: str, meeting_id: int
) -> tuple[list[Update], dict[str, str]]:
    """One update of `kind` from each person; and who each press or chat stands for."""
    updates, whose = [], {}
    for member in people:
        if kind == "tap":
            raw = api.callback_update(member.tg_user_id, f"rsvp:go:{meeting_id}")
            whose[str(raw["callback_query"]["id"])] = str(member.tg_user_id)
        else:
            raw = api.message_update(member.tg_user_id, "/next")
        whose[str(member.tg_user_id)] = str(member.tg_user_id)
        updates.append(Update.de_json(raw, app.bot))
    return updates, whose


async def timed_burst(
    request: TimedRequest,
    run: Callable[[], Coroutine[Any, Any, None]],
    kind: str,
    whose: dict[str, str],
) -> Burst:
    request.arrivals.clear()
    figures = Burst(updates=len({person for person in whose.values()}))
    gc.collect()
    started = time.perf_counter()
    await run()
    figures.elapsed = time.perf_counter() - started
    firsts: dict[tuple[str, str], float] = {}
    for arrived, method, key, status in request.arrivals:
        figures.statuses[status] += 1
        person = whose.get(str(key))
        if person is not None and method in AWAITED[kind] and status == 200:
            firsts.setdefault((method, person), arrived - started)
    for (method, _person), wait in firsts.items():
        figures.waits.setdefault(method, []).append(wait)
    return figures


async def measure_burst(database: BenchDatabase, size: int, rtt: float) -> dict[str, Burst]:
    """Figures per `<kind>/<bare|shura>`: a burst of `size` updates of each kind, each app."""
    telegram = DistantTelegram(rtt=0.0, limit=None)
    api = telegram.api
    ours_request, theirs_request = TimedRequest(telegram), TimedRequest(telegram)
    clock = FakeClock(datetime.now(UTC))
    where = Database(database.url, database.schema)
    shura = await start_harness(where, clock, api, request=ours_request, auto_dispatch=False)
    runtime(shura.app).dispatcher.job_queue = None
    warm = 2
    meeting_id, everyone = await populate(shura, 2 * (size + warm))
    ours, theirs = everyone[: size + warm], everyone[size + warm :]
    captured = Captured()
    bare = bare_application(api, captured, theirs_request, side_by_side=False)
    await bare.initialize()
    figures: dict[str, Burst] = {}
    try:
        for kind in BURST_KINDS:
            mark = len(api.calls)
            await feed(
                shura.app, updates_for(api, shura.app, ours[:warm], kind, meeting_id), Figures()
            )
            capture(api, mark, captured, kind)
            await feed(bare, updates_for(api, bare, theirs[:warm], kind, meeting_id), Figures())
        telegram.rtt = rtt
        for kind in BURST_KINDS:
            updates, whose = burst_updates(api, shura.app, ours[warm:], kind, meeting_id)
            intake = Intake(shura.app)

            async def through_intake(
                updates: list[Update] = updates, intake: Intake = intake
            ) -> None:
                await intake.receive(updates)
                await intake.drain()

            figures[f"{kind}/shura"] = await timed_burst(ours_request, through_intake, kind, whose)
            updates, whose = burst_updates(api, bare, theirs[warm:], kind, meeting_id)

            async def side_by_side(updates: list[Update] = updates) -> None:
                await asyncio.gather(*(bare.process_update(update) for update in updates))

            figures[f"{kind}/bare"] = await timed_burst(theirs_request, side_by_side, kind, whose)
    finally:
        telegram.rtt = 0.0
        await bare.shutdown()
        await stop_harness(shura)
    assert not shura.errors, shura.errors
    return figures


def report_burst(name: str, size: int, rtt: float, figures: dict[str, Burst]) -> None:
    print(f"\n{name}: a burst of {size} updates per kind, Telegram {rtt * 1000:.0f} ms away")
    print(
        f"{'update':<7} {'app':<6} {'upd/s':>6}   {'waited for':<20} {'p50 ms':>7} {'p99 ms':>7}"
        "   answers by status"
    )
    for kind in BURST_KINDS:
        for who in ("bare", "shura"):
            burst = figures[f"{kind}/{who}"]
            rate = burst.updates / burst.elapsed if burst.elapsed else 0.0
            statuses = describe_statuses(burst.statuses)
            for number, method in enumerate(AWAITED[kind]):
                waits = burst.waits.get(method, [])
                got = f"{percentile(waits, 0.5) * 1e3:>7.0f} {percentile(waits, 0.99) * 1e3:>7.0f}"
                if len(waits) < burst.updates:
                    got += f"  (only {len(waits)} of {burst.updates})"
                head = f"{kind:<7} {who:<6} {rate:>6.0f}" if number == 0 else " " * 21
                tail = f"   {statuses}" if number == 0 else ""
                print(f"{head}   {method:<20} {got}{tail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--per-round", type=int, default=20)
    parser.add_argument("--burst", type=int, default=100, help="updates per kind in part 2")
    parser.add_argument("--rtt", type=float, default=0.25, help="seconds, in part 2")
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    print(f"Part 1: {args.rounds} rounds of {args.per_round} updates per kind and application")
    ratios = {}
    for name in wanted(args.database):
        with fresh(name) as database:
            figures = asyncio.run(measure(database, args.rounds, args.per_round))
        ratios[name] = report("SQLite" if name == "sqlite" else "PostgreSQL", figures)
    print("\nPart 2")
    for name in wanted(args.database):
        with fresh(name) as database:
            bursts = asyncio.run(measure_burst(database, args.burst, args.rtt))
        report_burst("SQLite" if name == "sqlite" else "PostgreSQL", args.burst, args.rtt, bursts)
    ratio, cpu_ratio = ratios.get("sqlite", ratios[name])["tap"]
    print(f"cpu_ratio={cpu_ratio:.2f}")
    print(f"ratio={ratio:.2f}")


if __name__ == "__main__":
    main()
