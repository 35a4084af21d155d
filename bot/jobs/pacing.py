"""Spacing sends below Telegram's limits, overall and per chat."""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

PRIVATE_CHAT_GAP = 1.0  # Telegram: about one message per second to the same person
GROUP_CHAT_GAP = 3.0  # and twenty a minute to the same group

# How much of an interval a send may go before its due time, when the one before went late:
# a sender woken a little late keeps the rate, yet two sends never go closer together than
# the rest of the interval.
SLACK = 0.5


@dataclass
class _Chat:
    turn: asyncio.Lock = field(default_factory=asyncio.Lock)
    next: float = -math.inf  # when the next message to this chat may go


class Pacer:
    """Lets sends go one at a time, 1/rate seconds apart (and per chat further apart), each
    counted when it really goes.

    Telegram counts messages as they arrive, so a send takes its turn when it goes, and the
    next turn is reckoned from then. Sends never go together: not when a sender fell behind
    (it does not catch up), not when a stalled event loop wakes several senders at once (they
    go one by one). A bunch would come back a second later, as the first of it left the
    window, and a little network jitter would put both bunches into one of Telegram's
    seconds. And no second holds more than `rate` sends as they leave.
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
        self._turn = asyncio.Lock()  # one sender at a time, first come first served
        self._next = -math.inf  # when the next send is due
        self._not_before = -math.inf
        self._gone: deque[float] = deque()  # when the sends of the last second went
        self._chats: dict[int, _Chat] = {}

    async def wait(self, chat_id: int | None = None) -> None:
        """Return when the next send may go, and count it as gone: call it right before the
        request."""
        if chat_id is None:
            await self._take_turn()
            return
        chat = self._chats.get(chat_id)
        if chat is None:
            if len(self._chats) >= 10_000:
                self._forget(self._monotonic())
            chat = self._chats[chat_id] = _Chat()
        # Messages to one chat go one after another; waiting for the chat holds nobody else up.
        async with chat.turn:
            now = self._monotonic()
            if chat.next > now:
                await self._sleep(chat.next - now)
            gone = await self._take_turn()
            chat.next = gone + (PRIVATE_CHAT_GAP if chat_id > 0 else GROUP_CHAT_GAP)

    def hold(self, seconds: float) -> None:
        """Let no send go for `seconds` from now."""
        self._not_before = max(self._not_before, self._monotonic() + seconds)

    async def _take_turn(self) -> float:
        """Wait for the overall turn; the moment the send goes."""
        async with self._turn:
            now = self._monotonic()
            self._drop_older_than(now - 1.0)
            ready = max(self._next - SLACK * self.interval, self._not_before)
            if len(self._gone) >= self.per_second:
                ready = max(ready, self._gone[0] + 1.0)
            if ready > now:
                await self._sleep(ready - now)
                # Nobody else moves the schedule while this sender holds the turn: it goes at
                # `ready` even if the sleep returned a hair early (or, in tests, did not sleep).
                now = max(self._monotonic(), ready)
                self._drop_older_than(now - 1.0)
            self._next = max(self._next, now) + self.interval
            self._gone.append(now)
            return now

    def _drop_older_than(self, moment: float) -> None:
        while self._gone and self._gone[0] <= moment:
            self._gone.popleft()

    def _forget(self, now: float) -> None:
        self._chats = {
            chat_id: chat
            for chat_id, chat in self._chats.items()
            if chat.next > now or chat.turn.locked()
        }
