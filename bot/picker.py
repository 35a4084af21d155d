"""The inline date picker, free of Telegram: a month of days, then hours, then minutes.

Dari and Pashto readers get Solar Hijri months (Hamal, Sawr, …) with weeks from Saturday;
English readers get Gregorian months with weeks from Monday. Every button carries what it
means in full (a month, a Gregorian date, a time), so a button is checked on its own when
pressed; the day chosen so far is kept in the stored dialog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.i18n import RIGHT_TO_LEFT, Msg, msg
from bot.i18n.calendar import (
    YEARS_AHEAD,
    from_solar_hijri,
    gregorian_month_name,
    solar_hijri_month_name,
    to_solar_hijri,
)
from bot.presentation import Button, CallbackData, Keyboard
from bot.services.errors import DomainError

DP = CallbackData("dp")
SOLAR_HIJRI, GREGORIAN = "s", "g"
MINUTES = (0, 15, 30, 45)
HOURS_PER_ROW = 6
# An empty cell: Telegram refuses a button whose text is only spaces; the Braille blank
# shows nothing and is not a space.
BLANK = "\u2800"

# Route groups: the calendar, a year, a month, a Gregorian date as YYYYMMDD, hour, minute.
CALENDAR, YEAR, MONTH = "([sg])", "([0-9]{4})", "([0-9]{1,2})"
DAY = "([0-9]{8})"
HOUR, MINUTE = "([0-9]{1,2})", "([0-9]{2})"
_DAY_FORMAT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})", re.ASCII)


@dataclass(frozen=True, order=True)
class Month:
    """A month of the Solar Hijri (`s`) or Gregorian (`g`) calendar."""

    calendar: str
    year: int
    month: int

    @classmethod
    def of(cls, day: date, calendar: str) -> Month:
        if calendar == SOLAR_HIJRI:
            year, month, _ = to_solar_hijri(day)
            return cls(SOLAR_HIJRI, year, month)
        return cls(GREGORIAN, day.year, day.month)

    def days(self) -> list[date]:
        """Its days as Gregorian dates: 29 to 31 in Solar Hijri (Hut has 30 in leap years)."""
        first = self.first_day()
        following = self.shift(1).first_day()
        return [first + timedelta(days=n) for n in range((following - first).days)]

    def first_day(self) -> date:
        if self.calendar == SOLAR_HIJRI:
            return from_solar_hijri(self.year, self.month, 1)
        return date(self.year, self.month, 1)

    def shift(self, by: int) -> Month:
        index = self.year * 12 + self.month - 1 + by
        return Month(self.calendar, index // 12, index % 12 + 1)

    def name(self, lang: str) -> str:
        if self.calendar == SOLAR_HIJRI:
            return solar_hijri_month_name(self.month, lang)
        return gregorian_month_name(self.month, lang)


def calendar_for(lang: str) -> str:
    """Solar Hijri for Dari and Pashto readers, Gregorian for the others."""
    return SOLAR_HIJRI if lang in RIGHT_TO_LEFT else GREGORIAN


def week_start(lang: str) -> int:
    """The first column's weekday (date.weekday() numbering): Saturday in Afghanistan."""
    return 5 if lang in RIGHT_TO_LEFT else 0


def last_day(today: date) -> date:
    """The furthest day a meeting may be on, as the typed dates allow."""
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def month_in_range(month: Month, today: date) -> bool:
    """Whether the picker may show this month: from this one to YEARS_AHEAD from now."""
    if not 1 <= month.month <= 12:
        return False
    first, last = Month.of(today, month.calendar), Month.of(last_day(today), month.calendar)
    return first <= month <= last


def parse_day(text: str) -> date:
    """A day from callback data (YYYYMMDD); a forged one is a stale button."""
    found = _DAY_FORMAT.fullmatch(text)
    if found is None:
        raise DomainError("error-stale-button")
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        raise DomainError("error-stale-button") from None


def _nop(label: Msg | str = BLANK) -> Button:
    return Button(label, DP.build("nop"))


def _month_label(month: Month, lang: str) -> Msg:
    # The year goes as text: as a number it would be written with a thousands separator.
    return msg("picker-month", month=month.name(lang), year=str(month.year))


def month_grid(month: Month, lang: str, today: date) -> Keyboard:
    """The days of `month` in weeks; days before `today` or too far ahead cannot be chosen."""
    first, last = Month.of(today, month.calendar), Month.of(last_day(today), month.calendar)
    before, after = month.shift(-1), month.shift(1)
    previous = (
        Button(msg("picker-previous"), DP.build("mon", *_month_args(before)))
        if before >= first
        else _nop()
    )
    following = (
        Button(msg("picker-next"), DP.build("mon", *_month_args(after)))
        if after <= last
        else _nop()
    )
    rows: list[list[Button]] = [[previous, _nop(_month_label(month, lang)), following]]
    start = week_start(lang)
    rows.append([_nop(msg(f"picker-weekday-{(start + i) % 7}")) for i in range(7)])
    week: list[Button] = [_nop()] * ((month.first_day().weekday() - start) % 7)
    final = last_day(today)
    for number, day in enumerate(month.days(), start=1):
        if today <= day <= final:
            week.append(Button(msg("picker-day", day=number), DP.build("day", f"{day:%Y%m%d}")))
        else:
            week.append(_nop(msg("picker-day-gone")))
        if len(week) == 7:
            rows.append(week)
            week = []
    if week:
        rows.append(week + [_nop()] * (7 - len(week)))
    return rows


def _month_args(month: Month) -> tuple[str, int, int]:
    return month.calendar, month.year, month.month


def _clock(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


def hour_grid(day: date, lang: str, earliest: datetime) -> Keyboard:
    """The hours of `day` that still have a time to offer after `earliest` (wall time)."""
    hours = [h for h in range(24) if _minutes_left(day, h, earliest)]
    rows: list[list[Button]] = [
        [
            Button(msg("picker-clock", time=_clock(h, 0)), DP.build("hour", h))
            for h in hours[i : i + HOURS_PER_ROW]
        ]
        for i in range(0, len(hours), HOURS_PER_ROW)
    ]
    rows.append([_back_button(day, lang)])
    return rows


def minute_grid(day: date, hour: int, lang: str, earliest: datetime) -> Keyboard:
    """The minutes of one hour that are still ahead, then a way back to the month."""
    minutes = _minutes_left(day, hour, earliest)
    return [
        [
            Button(msg("picker-clock", time=_clock(hour, m)), DP.build("at", hour, f"{m:02d}"))
            for m in minutes
        ],
        [_back_button(day, lang)],
    ]


def _minutes_left(day: date, hour: int, earliest: datetime) -> list[int]:
    """`earliest` is a wall time in the meeting's zone; so are the picker's times."""
    now = earliest.replace(tzinfo=None)
    return [m for m in MINUTES if datetime.combine(day, time(hour, m)) > now]


def _back_button(day: date, lang: str) -> Button:
    month = Month.of(day, calendar_for(lang))
    return Button(msg("picker-back"), DP.build("mon", *_month_args(month)))


def typed_form(day: date, hour: int, minute: int) -> str:
    """The choice written the way a date is typed, so it is checked like one."""
    return f"{day:%Y-%m-%d} {_clock(hour, minute)}"
