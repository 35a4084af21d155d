"""The date picker's buttons: months back and forth, a day, an hour, the minutes.

A conversation that asks for a date declares what to do with the picked time (`picks`), or,
when it needs a day alone (a due date), with the picked day and the question above the days
(`picks_day`);
the picker checks each pressed button on its own (forged months, days gone by, times that
passed) and the stored dialog keeps the day chosen, so a half-picked date survives a restart.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from telegram.ext import CallbackQueryHandler

from bot.handlers.common import Edit, Replies, Send, Toast, Turn, handler
from bot.i18n import Msg, When, Zone, msg
from bot.picker import (
    CALENDAR,
    DAY,
    DP,
    HOUR,
    MINUTE,
    MONTH,
    YEAR,
    Month,
    calendar_for,
    hour_grid,
    last_day,
    minute_grid,
    month_grid,
    month_in_range,
    parse_day,
    typed_form,
)
from bot.services import dialogs, meetings
from bot.services.errors import DomainError
from db.models import Dialog

Picked = Callable[[Turn, Dialog, datetime], Awaitable[Replies]]
_TARGETS: dict[tuple[str, str], Picked] = {}
DAY_KEY = "picker_day"
PickedDay = Callable[[Turn, Dialog, date], Awaitable[Replies]]


@dataclass(frozen=True)
class _DayTarget:
    done: PickedDay
    question: Callable[[Dialog], Msg]


_DAYS: dict[tuple[str, str], _DayTarget] = {}


def picks(flow: str, step: str) -> Callable[[Picked], Picked]:
    """Register what conversation `flow` does with a time picked at its `step`."""

    def register(done: Picked) -> Picked:
        _TARGETS[(flow, step)] = done
        return done

    return register


def picks_day(
    flow: str, step: str, question: Callable[[Dialog], Msg]
) -> Callable[[PickedDay], PickedDay]:
    """Register what conversation `flow` does with a day picked at its `step`, no time asked,
    and the question shown above the days."""

    def register(done: PickedDay) -> PickedDay:
        _DAYS[(flow, step)] = _DayTarget(done, question)
        return done

    return register


def _zone(turn: Turn) -> str:
    return turn.runtime.settings.timezone


def _local_now(turn: Turn) -> datetime:
    return turn.clock.now().astimezone(ZoneInfo(_zone(turn)))  # type: ignore[no-any-return]


def prompt(turn: Turn) -> Msg:
    return msg("picker-ask-when", zone=Zone(_zone(turn)))


def ask(turn: Turn) -> Send:
    """The question for a date, with this month's days to tap."""
    today = _local_now(turn).date()
    month = Month.of(today, calendar_for(turn.lang))
    return Send(prompt(turn), month_grid(month, turn.lang, today))


def ask_day(turn: Turn, dialog: Dialog) -> Send:
    """The question for a day alone (a due date), with this month's days to tap."""
    today = _local_now(turn).date()
    month = Month.of(today, calendar_for(turn.lang))
    question = _DAYS[(dialog.flow, dialog.step)].question(dialog)
    return Send(question, month_grid(month, turn.lang, today))


async def _waiting(turn: Turn) -> Dialog:
    """The person's conversation, if it is waiting for a date or a day; else the button is
    stale."""
    turn.actor.require_coordinator()
    dialog = await dialogs.current(turn.session, turn.person)
    waiting = dialog is not None and (
        (dialog.flow, dialog.step) in _TARGETS or (dialog.flow, dialog.step) in _DAYS
    )
    if dialog is None or not waiting:
        raise DomainError("error-stale-button")
    return dialog


async def _picking(turn: Turn) -> tuple[Dialog, Picked]:
    """The person's conversation, if it is waiting for a date and time."""
    dialog = await _waiting(turn)
    done = _TARGETS.get((dialog.flow, dialog.step))
    if done is None:  # a day alone was asked for: there are no hours to pick
        raise DomainError("error-stale-button")
    return dialog, done


def _chosen_day(dialog: Dialog, today: date) -> date:
    stored = dialog.data.get(DAY_KEY)
    if not isinstance(stored, str):
        raise DomainError("error-stale-button")
    day = date.fromisoformat(stored)
    if day < today:
        raise DomainError("picker-day-past")
    return day


def _time_question(day: date) -> Msg:
    return msg("picker-ask-time", day=When(_noon(day), "UTC", date_only=True))


def _noon(day: date) -> datetime:
    # A date shown on its own: noon UTC is the same calendar day in every zone we show it in.
    return datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("UTC"))


@handler()
async def on_month(turn: Turn) -> Replies:
    dialog = await _waiting(turn)
    target = _DAYS.get((dialog.flow, dialog.step))
    year = turn.int_group(2, low=1, high=9999)
    month = Month(turn.group(1), year, turn.int_group(3, low=1, high=12))
    today = _local_now(turn).date()
    if not month_in_range(month, today):
        raise DomainError("error-stale-button")
    question = target.question(dialog) if target is not None else prompt(turn)
    return Edit(question, month_grid(month, turn.lang, today))


@handler()
async def on_day(turn: Turn) -> Replies:
    dialog = await _waiting(turn)
    day, now = parse_day(turn.group(1)), _local_now(turn)
    if day < now.date():
        raise DomainError("picker-day-past")
    if day > last_day(now.date()):
        raise DomainError("error-stale-button")
    target = _DAYS.get((dialog.flow, dialog.step))
    if target is not None:
        return await target.done(turn, dialog, day)
    keyboard = hour_grid(day, turn.lang, now)
    if len(keyboard) == 1:  # only the way back: today, and too late for any time
        raise DomainError("picker-day-past")
    dialogs.advance(dialog, turn.clock, dialog.step, **{DAY_KEY: day.isoformat()})
    return Edit(_time_question(day), keyboard)


@handler()
async def on_hour(turn: Turn) -> Replies:
    dialog, _done = await _picking(turn)
    now = _local_now(turn)
    day, hour = _chosen_day(dialog, now.date()), turn.int_group(1, low=0, high=23)
    keyboard = minute_grid(day, hour, turn.lang, now)
    if not keyboard[0]:
        raise DomainError("picker-time-past")
    return Edit(_time_question(day), keyboard)


@handler()
async def on_time(turn: Turn) -> Replies:
    dialog, done = await _picking(turn)
    now = _local_now(turn)
    day = _chosen_day(dialog, now.date())
    hour = turn.int_group(1, low=0, high=23)
    minute = turn.int_group(2, low=0, high=59)
    # Checked as if typed: a time gone by, one skipped by a clock change, too far ahead.
    starts_at = meetings.parse_when(typed_form(day, hour, minute), _zone(turn), turn.clock.now())
    dialogs.advance(dialog, turn.clock, dialog.step, **{DAY_KEY: None})
    return await done(turn, dialog, starts_at)


@handler()
async def on_blank(turn: Turn) -> Replies:
    return Toast()


def chosen(turn: Turn, starts_at: datetime) -> Edit:
    """The picker's message once a time is picked: what was chosen, without buttons."""
    return Edit(msg("picker-chosen", when=When(starts_at, _zone(turn))))


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_month, pattern=DP.route("mon", CALENDAR, YEAR, MONTH)),
        CallbackQueryHandler(on_day, pattern=DP.route("day", DAY)),
        CallbackQueryHandler(on_hour, pattern=DP.route("hour", HOUR)),
        CallbackQueryHandler(on_time, pattern=DP.route("at", HOUR, MINUTE)),
        CallbackQueryHandler(on_blank, pattern=DP.route("nop")),
    ]
