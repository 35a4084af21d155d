"""Spacing sends below Telegram's limits, overall and per chat."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

PRIVATE_CHAT_GAP = 1.0  # Telegram: about one message per second to the same person
GROUP_CHAT_GAP = 3.0  # and twenty a minute to the same group


class Pacer:
    """A strict spacer: sends start at least 1/rate seconds apart, and per chat further apart.

    Strict spacing (a bucket of one) means no window of one second ever holds more than
    `rate` + 1 sends, which is what Telegram's flood control counts.
    """

    def __init__(
        self,
        rate: float,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.interval = 1.0 / rate
        self._monotonic = monotonic
        self._sleep = sleep
        self._next = 0.0
        self._next_per_chat: dict[int, float] = {}
        self._lock = asyncio.Lock()

    async def wait(self, chat_id: int | None = None) -> None:
        """Return when the next send may start."""
        async with self._lock:
            now = self._monotonic()
            slot = max(now, self._next)
            if chat_id is not None:
                slot = max(slot, self._next_per_chat.get(chat_id, 0.0))
                gap = PRIVATE_CHAT_GAP if chat_id > 0 else GROUP_CHAT_GAP
                self._next_per_chat[chat_id] = slot + gap
                if len(self._next_per_chat) > 10_000:
                    self._forget(now)
            self._next = slot + self.interval
        if slot > now:
            await self._sleep(slot - now)

    def _forget(self, now: float) -> None:
        self._next_per_chat = {c: t for c, t in self._next_per_chat.items() if t > now}
