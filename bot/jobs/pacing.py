"""Spacing sends below Telegram's limits, overall and per chat."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

PRIVATE_CHAT_GAP = 1.0  # Telegram: about one message per second to the same person
GROUP_CHAT_GAP = 3.0  # and twenty a minute to the same group


BURST = 3  # sends a late pacer may catch up at once


class Pacer:
    """Spaces sends 1/rate seconds apart (and per chat further apart), like a token bucket.

    A sender that fell behind (a slow database write) may catch up by at most BURST sends, so
    no window of one second ever holds more than rate + BURST + 1 sends: keep that under what
    Telegram's flood control counts (about 30 a second) and it never answers 429.
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

    def _forget(self, now: float) -> None:
        self._next_per_chat = {c: t for c, t in self._next_per_chat.items() if t > now}
