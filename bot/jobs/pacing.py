"""Spacing sends below Telegram's limits, overall and per chat."""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable

PRIVATE_CHAT_GAP = 1.0  # Telegram: about one message per second to the same person
GROUP_CHAT_GAP = 3.0  # and twenty a minute to the same group


BURST = 3  # sends a late pacer may catch up at once (the ceiling still holds)


class Pacer:
    """Spaces sends 1/rate seconds apart (and per chat further apart), like a token bucket.

    A sender that fell behind may catch up by at most BURST sends. And whatever the schedule
    said, no second holds more than `rate` sends as they really start: an event loop that
    stalls (a busy machine) wakes several senders at once, and without this ceiling they
    would all go together and Telegram, which counts them as they arrive, would answer 429.
    """

    def __init__(
        self,
        rate: float,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.interval = 1.0 / rate
        self.per_second = max(1, math.floor(rate))
        self._monotonic = monotonic
        self._sleep = sleep
        self._next = 0.0
        self._next_per_chat: dict[int, float] = {}
        self._lock = asyncio.Lock()
        self._started: deque[float] = deque()  # when the sends of the last second started
        self._ceiling = asyncio.Lock()

    async def wait(self, chat_id: int | None = None) -> None:
        """Return when the next send may start."""
        async with self._lock:
            now = self._monotonic()
            # The budget's next slot; it may lie a little in the past for a sender catching up.
            slot = max(now - BURST * self.interval, self._next)
            start = max(slot, now)
            if chat_id is not None:
                start = max(start, self._next_per_chat.get(chat_id, 0.0))
                gap = PRIVATE_CHAT_GAP if chat_id > 0 else GROUP_CHAT_GAP
                self._next_per_chat[chat_id] = start + gap
                if len(self._next_per_chat) > 10_000:
                    self._forget(now)
            # A send held back for its chat takes its budget slot when it really starts.
            self._next = max(slot, start - BURST * self.interval) + self.interval
        if start > now:
            await self._sleep(start - now)
        await self._under_ceiling()

    async def _under_ceiling(self) -> None:
        """Wait, if need be, until fewer than `per_second` sends started in the last second."""
        async with self._ceiling:
            while True:
                now = self._monotonic()
                while self._started and self._started[0] <= now - 1.0:
                    self._started.popleft()
                if len(self._started) < self.per_second:
                    self._started.append(now)
                    return
                await self._sleep(self._started[0] + 1.0 - now)

    def _forget(self, now: float) -> None:
        self._next_per_chat = {c: t for c, t in self._next_per_chat.items() if t > now}
