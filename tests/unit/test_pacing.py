"""The dispatcher's pacing: under Telegram's limits overall and per chat, without real waits."""

import asyncio
import bisect
import itertools
from collections.abc import Sequence

from bot.jobs.pacing import GROUP_CHAT_GAP, PRIVATE_CHAT_GAP, SLACK, Pacer


class FakeTime:
    """A monotonic clock that only moves when the pacer sleeps; each sleep may end `late`, as
    on a busy machine."""

    def __init__(self, late: float = 0.0) -> None:
        self.now = 100.0
        self.late = late
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds + self.late


async def _starts(pacer: Pacer, time: FakeTime, chats: Sequence[int | None]) -> list[float]:
    starts = []
    for chat in chats:
        await pacer.wait(chat)
        starts.append(time.now)
    return starts


def busiest(starts: Sequence[float], width: float = 1.0) -> int:
    """The most sends that went within any `width` seconds."""
    ordered = sorted(starts)
    return max(bisect.bisect_left(ordered, start + width) - i for i, start in enumerate(ordered))


def closest(starts: Sequence[float]) -> float:
    ordered = sorted(starts)
    return min(later - earlier for earlier, later in itertools.pairwise(ordered))


async def test_sends_go_one_interval_apart_so_no_second_holds_more_than_the_rate() -> None:
    time = FakeTime()
    pacer = Pacer(25, monotonic=time.monotonic, sleep=time.sleep)
    starts = await _starts(pacer, time, list(range(1, 101)))
    assert busiest(starts) <= 25
    assert closest(starts) >= (1 - SLACK) / 25 - 1e-9
    assert starts[-1] - starts[0] <= 99 / 25  # no slower than the rate either


async def test_a_sender_woken_late_every_time_keeps_the_rate_without_two_sends_together() -> None:
    time = FakeTime(late=0.008)  # each wake-up a fifth of an interval late
    pacer = Pacer(25, monotonic=time.monotonic, sleep=time.sleep)
    starts = await _starts(pacer, time, list(range(1, 251)))
    assert (len(starts) - 1) / (starts[-1] - starts[0]) >= 25 * 0.99
    assert busiest(starts) <= 25
    assert closest(starts) >= (1 - SLACK) / 25 - 1e-9


async def test_a_sender_that_fell_behind_goes_on_at_the_rate_without_a_burst() -> None:
    time = FakeTime()
    pacer = Pacer(10, monotonic=time.monotonic, sleep=time.sleep)
    before = await _starts(pacer, time, list(range(1, 21)))
    time.now += 5.0  # the sender was busy elsewhere for five seconds
    after = await _starts(pacer, time, list(range(100, 120)))
    assert after[0] == before[-1] + 5.0  # the first one goes at once
    assert closest(after) >= (1 - SLACK) / 10 - 1e-9
    assert busiest(after) <= 10


async def test_the_same_person_gets_at_most_one_message_a_second() -> None:
    time = FakeTime()
    pacer = Pacer(1000, monotonic=time.monotonic, sleep=time.sleep)
    starts = await _starts(pacer, time, [7, 7, 8])
    assert starts[1] - starts[0] >= PRIVATE_CHAT_GAP
    assert starts[2] - starts[1] < PRIVATE_CHAT_GAP


async def test_a_group_gets_at_most_twenty_messages_a_minute() -> None:
    time = FakeTime()
    pacer = Pacer(1000, monotonic=time.monotonic, sleep=time.sleep)
    starts = await _starts(pacer, time, [-100] * 21)
    assert starts[-1] - starts[0] >= 60 - 1e-9
    assert GROUP_CHAT_GAP * 20 == 60


class ManySenders:
    """Virtual time for many senders at once. Each sleep ends `late`; `stall` freezes the
    machine once, at `stall_at`, so every sender due meanwhile wakes late, at the same moment."""

    def __init__(self, *, late: float = 0.0, stall_at: float = 0.0, stall: float = 0.0) -> None:
        self.now = 100.0
        self.late = late
        self.stall_at = stall_at
        self.stall = stall
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._count = 0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        future = asyncio.get_running_loop().create_future()
        self._count += 1
        self._sleepers.append((self.now + seconds + self.late, self._count, future))
        await future

    async def run(self, senders: list[asyncio.Task[None]]) -> None:
        stalled = self.stall == 0.0
        while not all(task.done() for task in senders):
            for _ in range(20):
                await asyncio.sleep(0)  # let every sender reach its next sleep
            if not self._sleepers:
                continue
            self._sleepers.sort()
            when, _n, future = self._sleepers.pop(0)
            self.now = max(self.now, when)
            if not stalled and self.now >= self.stall_at:
                stalled = True
                self.now += self.stall
            future.set_result(None)


async def _sending(pacer: Pacer, time: ManySenders, chats: Sequence[int]) -> list[float]:
    starts: list[float] = []

    async def send(chat_id: int) -> None:
        await pacer.wait(chat_id)
        starts.append(time.now)

    await time.run([asyncio.create_task(send(chat)) for chat in chats])
    return starts


async def test_concurrent_workers_share_one_budget() -> None:
    time = FakeTime()
    pacer = Pacer(10, monotonic=time.monotonic, sleep=time.sleep)
    starts: list[float] = []

    async def worker(first_chat: int) -> None:
        for n in range(5):
            await pacer.wait(first_chat * 100 + n)
            starts.append(time.now)

    await asyncio.gather(*(worker(w) for w in range(1, 5)))
    assert len(starts) == 20
    assert busiest(starts) <= 10
    assert closest(starts) >= (1 - SLACK) / 10 - 1e-9


async def test_a_message_to_a_person_waits_a_second_after_their_last_one_really_went() -> None:
    time = ManySenders()
    pacer = Pacer(4, monotonic=time.monotonic, sleep=time.sleep)
    went: dict[int, list[float]] = {}

    async def send(chat_id: int) -> None:
        await pacer.wait(chat_id)
        went.setdefault(chat_id, []).append(time.now)

    # The first message to 7 waits behind four others; the second must count from when it went.
    chats = [1, 2, 3, 4, 7, 7]
    await time.run([asyncio.create_task(send(chat)) for chat in chats])
    first, second = went[7]
    assert first >= 100 + 4 / 4 - 1e-9
    assert second - first >= PRIVATE_CHAT_GAP


async def test_a_stalled_machine_sends_the_senders_it_woke_one_by_one() -> None:
    time = ManySenders(stall_at=100.5, stall=0.6)
    pacer = Pacer(25, monotonic=time.monotonic, sleep=time.sleep)
    starts = await _sending(pacer, time, range(1, 101))
    assert len(starts) == 100
    assert busiest(starts) <= 25
    assert closest(starts) >= (1 - SLACK) / 25 - 1e-9
    assert max(starts) - min(starts) < 100 / 25 + 0.6 + 0.1  # the stall costs no more than itself


async def test_telegram_counting_arrivals_a_little_unevenly_sees_no_more_than_the_rate() -> None:
    # Sixteen senders always waiting (the dispatcher's concurrency), wake-ups a little late.
    # A send reaches Telegram after a network delay that varies by up to a tenth of a second,
    # so Telegram's second may hold what left over a second and a tenth: no bunch of sends
    # may leave together and come back together a second later.
    time = ManySenders(late=0.002)
    pacer = Pacer(25, monotonic=time.monotonic, sleep=time.sleep)
    starts = await _sending(pacer, time, range(1, 301))
    assert busiest(starts, width=1.1) <= 25 + 3
    assert (len(starts) - 1) / (max(starts) - min(starts)) >= 25 * 0.99


async def test_a_new_leader_lets_nothing_go_until_the_last_leaders_second_is_over() -> None:
    time = FakeTime()
    pacer = Pacer(25, monotonic=time.monotonic, sleep=time.sleep)
    pacer.hold(1.0)
    starts = await _starts(pacer, time, list(range(1, 27)))
    assert starts[0] == 101.0
    assert busiest(starts) <= 25
