"""The monthly series: /series sets a rule such as "the third Monday at 14:00", /series off."""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler

from bot.handlers.common import CallbackData, Edit, Keyboard, Replies, Reply, Send, Turn, handler
from bot.handlers.dialogs import flow
from bot.i18n import Msg, When, Zone, msg
from bot.jobs.series import delivery_plan
from bot.presentation import Button
from bot.services import dialogs, meetings, series
from bot.services.errors import DomainError
from bot.views import card as meeting_card
from db.models import Dialog

SER = CallbackData("ser")
SERIES = "series"
CALENDAR_CODES = {"s": series.SOLAR_HIJRI, "g": series.GREGORIAN}
WEEK, DAY, CALENDAR = r"(-1|[1-4])", "([0-6])", "([sg])"


def _week_buttons() -> Keyboard:
    return [[Button(msg(f"series-week-{week}"), SER.build("week", week))] for week in series.WEEKS]


def _day_buttons(week: int) -> Keyboard:
    return [[Button(msg(f"weekday-{day}"), SER.build("day", week, day))] for day in range(7)]


def _calendar_buttons(week: int, day: int) -> Keyboard:
    return [
        [Button(msg(f"button-calendar-{name}"), SER.build("cal", week, day, code))]
        for code, name in CALENDAR_CODES.items()
    ]


def _rule_text(week: int, weekday: int, calendar_name: str, time: str) -> Msg:
    return msg(
        "series-rule",
        week=msg(f"series-week-{week}"),
        weekday=msg(f"weekday-{weekday}"),
        calendar=msg(f"series-calendar-{calendar_name}"),
        time=time,
    )


async def _series_status(turn: Turn) -> Msg:
    current = await series.active(turn.session)
    if current is None:
        return msg("series-none")
    next_at = series.next_occurrence(series.rule_of(current), turn.clock.now())
    return msg(
        "series-current",
        rule=_rule_text(
            current.week,
            current.weekday,
            current.calendar,
            f"{current.hour:02d}:{current.minute:02d}",
        ),
        title=current.title,
        next=When(next_at, current.timezone),
    )


def _week(turn: Turn) -> int:
    return int(turn.group(1))  # the route admits only the weeks there are


@handler()
async def cmd_series(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    if turn.args and turn.args[0].lower() in ("off", "stop"):
        stopped = await series.stop(turn.session, turn.clock, turn.actor)
        return Send(msg("series-stopped", title=stopped.title))
    return [Send(await _series_status(turn)), Send(msg("series-ask-week"), _week_buttons())]


@handler()
async def on_week(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    week = _week(turn)
    return Edit(msg("series-ask-weekday", week=msg(f"series-week-{week}")), _day_buttons(week))


@handler()
async def on_day(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    return Edit(msg("series-ask-calendar"), _calendar_buttons(_week(turn), int(turn.group(2))))


@handler()
async def on_calendar(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    week, day, calendar_name = _week(turn), int(turn.group(2)), CALENDAR_CODES[turn.group(3)]
    await dialogs.begin(
        turn.session,
        turn.clock,
        turn.person,
        SERIES,
        "time",
        {"week": week, "weekday": day, "calendar": calendar_name},
    )
    chosen = _rule_text(week, day, calendar_name, "…")
    return [Edit(chosen), Send(msg("series-ask-time", zone=Zone(turn.runtime.settings.timezone)))]


@flow(SERIES)
async def series_step(turn: Turn, dialog: Dialog, text: str) -> Replies:
    turn.actor.require_coordinator()
    if dialog.step == "time":
        hour, minute = series.parse_clock(text)
        dialogs.advance(dialog, turn.clock, "title", hour=hour, minute=minute)
        return Send(msg("meeting-ask-title", limit=meetings.TITLE_LIMIT))
    if dialog.step == "title":
        dialogs.advance(dialog, turn.clock, "venue", title=meetings.clean_title(text))
        return Send(msg("meeting-ask-venue", limit=meetings.VENUE_LIMIT))
    if dialog.step == "venue":
        dialogs.advance(dialog, turn.clock, "confirm", venue=meetings.clean_venue(text))
        return _preview(turn, dialog)
    return Send(msg("register-use-buttons"))


def _rule(turn: Turn, data: dict[str, object]) -> series.Rule:
    return series.Rule(
        int(str(data["week"])),
        int(str(data["weekday"])),
        int(str(data["hour"])),
        int(str(data["minute"])),
        turn.runtime.settings.timezone,
        str(data.get("calendar", series.GREGORIAN)),
    )


def _preview(turn: Turn, dialog: Dialog) -> Send:
    """The rule, title, venue and the next three dates, before anything is created."""
    data = dialog.data
    rule = _rule(turn, data)
    dates, after = [], turn.clock.now()
    for _ in range(3):
        after = series.next_occurrence(rule, after)
        dates.append(When(after, rule.timezone))
    text = msg(
        "picker-series-preview",
        rule=_rule_text(
            rule.week, rule.weekday, rule.calendar, f"{rule.hour:02d}:{rule.minute:02d}"
        ),
        title=str(data["title"]),
        venue=str(data["venue"]),
        first=dates[0],
        second=dates[1],
        third=dates[2],
    )
    buttons = [
        [
            Button(msg("picker-button-start-series"), SER.build("ok")),
            Button(msg("button-cancel"), SER.build("drop")),
        ]
    ]
    return Send(text, buttons)


async def _confirming(turn: Turn) -> Dialog:
    turn.actor.require_coordinator()
    dialog = await dialogs.current(turn.session, turn.person)
    if dialog is None or dialog.flow != SERIES or dialog.step != "confirm":
        raise DomainError("error-stale-button")
    return dialog


@handler()
async def on_start(turn: Turn) -> Replies:
    dialog = await _confirming(turn)
    data = dialog.data
    rule = _rule(turn, data)
    await series.start(
        turn.session, turn.clock, turn.actor, rule, str(data["title"]), str(data["venue"])
    )
    await dialogs.finish(turn.session, turn.person)
    created = await series.roll_over(
        turn.session, turn.clock, delivery_plan(turn.runtime), turn.runtime.settings.series_lead
    )
    replies: list[Reply] = [Edit(await _series_status(turn))]
    if created:
        card = meeting_card(created[0])
        replies += [Send(msg("series-created-meeting", card=card)), turn.wake()]
    else:
        replies.append(Send(msg("series-will-create", lead=turn.runtime.settings.series_lead.days)))
    return replies


@handler()
async def on_drop(turn: Turn) -> Replies:
    await _confirming(turn)
    await dialogs.finish(turn.session, turn.person)
    return Edit(msg("cancel-done"))


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_start, pattern=SER.route("ok")),
        CallbackQueryHandler(on_drop, pattern=SER.route("drop")),
        CallbackQueryHandler(on_week, pattern=SER.route("week", WEEK)),
        CallbackQueryHandler(on_day, pattern=SER.route("day", WEEK, DAY)),
        CallbackQueryHandler(on_calendar, pattern=SER.route("cal", WEEK, DAY, CALENDAR)),
    ]
