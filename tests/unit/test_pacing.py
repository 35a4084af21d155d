"""The dispatcher's pacing: under Telegram's limits overall and per chat, without real waits."""

import asyncio

import pytest

from bot.jobs.pacing import BURST, GROUP_CHAT_GAP, PRIVATE_CHAT_GAP, Pacer


class FakeTime:
    """A monotonic clock that only moves when the pacer sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


async def _starts(pacer: Pacer, time: FakeTime, chats: list[int | None]) -> list[float]:
    starts = []
    for chat in chats:
        await pacer.wait(chat)
        starts.append(time.now)
    return starts


async def test_sends_are_spaced_so_no_second_holds_more_than_the_rate() -> None:
    time = FakeTime()
    pacer = Pacer(25, monotonic=time.monotonic, sleep=time.sleep)
    starts = await _starts(pacer, time, list(range(1, 101)))
    for index, start in enumerate(starts):
        in_window = [s for s in starts[index:] if s < start + 1.0]
        assert len(in_window) <= 25 + BURST + 1
    # No slower than the rate either: only the first few go at once.
    assert starts[-1] - starts[0] == pytest.approx((99 - BURST) / 25)


async def test_a_sender_that_fell_behind_catches_up_by_a_few_sends_only() -> None:
    time = FakeTime()
    pacer = Pacer(10, monotonic=time.monotonic, sleep=time.sleep)
    await _starts(pacer, time, list(range(1, 21)))
    time.now += 5.0  # the sender was busy elsewhere for five seconds
    starts = await _starts(pacer, time, list(range(100, 120)))
    assert len([s for s in starts if s < starts[0] + 1.0]) <= 10 + BURST + 1


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


async def test_concurrent_workers_share_one_budget() -> None:
    time = FakeTime()
    pacer = Pacer(10, monotonic=time.monotonic, sleep=time.sleep)
    starts: list[float] = []

    async def worker(first_chat: int) -> None:
        for n in range(5):
            await pacer.wait(first_chat * 100 + n)
            starts.append(time.now)

    await asyncio.gather(*(worker(w) for w in range(1, 5)))
    starts.sort()
    assert len(starts) == 20
    for index, start in enumerate(starts):
        assert len([s for s in starts[index:] if s < start + 1.0]) <= 10 + BURST + 1


class StallingTime:
    """Virtual time for many senders at once; `stall` freezes the machine once, so every
    sender due meanwhile wakes late, at the same moment."""

    def __init__(self) -> None:
        self.now = 100.0
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._count = 0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        future = asyncio.get_running_loop().create_future()
        self._count += 1
        self._sleepers.append((self.now + seconds, self._count, future))
        await future

    async def run(
        self, senders: list[asyncio.Task[None]], *, stall_at: float, stall: float
    ) -> None:
        stalled = False
        while not all(task.done() for task in senders):
            for _ in range(20):
                await asyncio.sleep(0)  # let every sender reach its next sleep
            if not self._sleepers:
                continue
            self._sleepers.sort()
            when, _n, future = self._sleepers.pop(0)
            self.now = max(self.now, when)
            if not stalled and self.now >= stall_at:
                stalled = True
                self.now += stall
            future.set_result(None)


async def test_a_stalled_machine_never_starts_more_than_the_rate_in_one_second() -> None:
    time = StallingTime()
    pacer = Pacer(25, monotonic=time.monotonic, sleep=time.sleep)
    starts: list[float] = []

    async def send(chat_id: int) -> None:
        await pacer.wait(chat_id)
        starts.append(time.now)

    senders = [asyncio.create_task(send(chat)) for chat in range(1, 101)]
    await time.run(senders, stall_at=100.5, stall=0.6)

    assert len(starts) == 100
    starts.sort()
    for index, start in enumerate(starts):
        assert len([s for s in starts[index:] if s < start + 1.0]) <= 25
    assert starts[-1] - starts[0] < 100 / 25 + 0.6 + 0.2  # the stall costs no more than itself
