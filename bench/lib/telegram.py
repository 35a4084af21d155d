"""The fake Telegram as far away as the real one: a round-trip time and Telegram's flood limit.

A request reaches the fake half a round trip after it leaves, and its answer takes the other
half to come back; the fake's flood limit (30 messages a second overall, answered with 429
and retry_after) counts requests as they reach it, as Telegram does. Every answer is kept in
the fake's records with its HTTP status, which is what the benchmarks count.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from telegram import Bot, InlineKeyboardMarkup

from tests.fakes.telegram import Call, FakeBotApi, FakeRequest

TELEGRAM_LIMIT = 30  # messages a second, all chats together, before Telegram answers 429
DEFAULT_RTT = 0.25  # seconds from a request leaving to its answer arriving
TOKEN = "1:BENCH"


@dataclass(frozen=True)
class Arrival:
    """One request as Telegram saw it: when it arrived, what it was, what it answered."""

    at: float
    method: str
    status: int
    chat_id: int | None = None
    markup: str = ""  # the reply markup as sent (JSON), to tell an invitation from a reply


class DistantTelegram:
    """The fake Bot API behind a network: requests reach it `rtt / 2` after they leave.

    It counts its flood limit at that moment, whenever the event loop gets round to handing
    the request over: on a busy machine the loop runs late, but a request already on the wire
    does not wait for it.
    """

    def __init__(self, rtt: float = DEFAULT_RTT, limit: int | None = TELEGRAM_LIMIT) -> None:
        self.rtt = rtt
        self.arrival = 0.0  # the moment the request being handled reached Telegram
        self.api = FakeBotApi(clock=lambda: self.arrival)
        self.api.rate_limit(limit)
        self.log: list[Arrival] = []

    def request(self) -> DistantRequest:
        return DistantRequest(self)


class DistantRequest(FakeRequest):
    """A PTB transport to a `DistantTelegram`: each answer comes back `rtt` after the request
    left, as over a network."""

    def __init__(self, telegram: DistantTelegram) -> None:
        super().__init__(telegram.api)
        self.telegram = telegram

    async def do_request(self, url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        telegram = self.telegram
        left = time.perf_counter()
        arrives = left + telegram.rtt / 2
        await asyncio.sleep(telegram.rtt / 2)
        # No await between setting the moment and the fake reading it: no other request
        # can come in between.
        telegram.arrival = arrives
        status, body = await super().do_request(url, *args, **kwargs)
        request_data = args[1] if len(args) > 1 else kwargs.get("request_data")
        sent = request_data.json_parameters if request_data is not None else {}
        chat_id = sent.get("chat_id")
        telegram.log.append(
            Arrival(
                arrives,
                url.rsplit("/", 1)[-1],
                status,
                int(chat_id) if chat_id is not None else None,
                sent.get("reply_markup", ""),
            )
        )
        await asyncio.sleep(max(0.0, left + telegram.rtt - time.perf_counter()))
        return status, body


def by_status(calls: Sequence[Call], methods: Sequence[str] | None = None) -> Counter[int | None]:
    """How many calls (of `methods`) the fake answered with each HTTP status."""
    return Counter(call.status for call in calls if methods is None or call.method in methods)


def describe_statuses(counts: Mapping[int | None, int]) -> str:
    """`200: 2000, 429: 0` with 429 always shown, so a clean run says so."""
    shown = {429: 0, **counts}
    return ", ".join(
        f"{'no answer' if status is None else status}: {count}"
        for status, count in sorted(shown.items(), key=lambda item: item[0] or 0)
    )


@dataclass
class BareRun:
    """What a bare python-telegram-bot sender achieved over the same kind of fake."""

    arrivals: list[Arrival] = field(default_factory=list)
    statuses: Counter[int | None] = field(default_factory=Counter)
    elapsed: float = 0.0

    @property
    def delivered(self) -> list[float]:
        return [a.at for a in self.arrivals if a.method == "sendMessage" and a.status == 200]


async def bare_ptb_send(
    messages: Sequence[tuple[int, str, Any]], *, rate: float, rtt: float, limit: int | None
) -> BareRun:
    """Send `messages` (chat id, HTML text, reply markup as sent) with a plain PTB `Bot`:
    one task started every 1/rate seconds, as many in flight as that makes; no database.

    The baseline a bot with the same budget could reach at best over the same network.
    """
    telegram = DistantTelegram(rtt, limit)
    api = telegram.api
    for chat_id, _text, _markup in messages:
        api.start_chat(chat_id)
    run = BareRun(arrivals=telegram.log)
    bot = Bot(TOKEN, request=telegram.request())
    async with bot:
        started = time.perf_counter()
        sends = []
        for chat_id, text, markup in messages:
            buttons = InlineKeyboardMarkup.de_json(markup, bot) if markup else None
            sends.append(
                asyncio.create_task(
                    bot.send_message(chat_id, text, parse_mode="HTML", reply_markup=buttons)
                )
            )
            await asyncio.sleep(1 / rate)
        await asyncio.gather(*sends, return_exceptions=True)
        run.elapsed = time.perf_counter() - started
    run.statuses = by_status(api.calls, ["sendMessage"])
    return run


def rate_of(times: Sequence[float]) -> float:
    """Messages a second between the first and the last."""
    ordered = sorted(times)
    if len(ordered) < 2 or ordered[-1] <= ordered[0]:
        return 0.0
    return (len(ordered) - 1) / (ordered[-1] - ordered[0])


def busiest_second(times: Sequence[float]) -> int:
    """The most of `times` that fall within any one second (how Telegram counts a flood)."""
    ordered = sorted(times)
    most, first = 0, 0
    for last, at in enumerate(ordered):
        while ordered[first] <= at - 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most
