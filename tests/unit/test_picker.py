"""The date picker's grid: months of either calendar, weeks from Saturday or Monday, no past."""

from datetime import UTC, date, datetime

import pytest

from bot.i18n import Msg, catalog
from bot.picker import (
    BLANK,
    DP,
    GREGORIAN,
    SOLAR_HIJRI,
    Month,
    calendar_for,
    hour_grid,
    minute_grid,
    month_grid,
    month_in_range,
    parse_day,
)
from bot.presentation import Button
from bot.services.errors import DomainError

TODAY = date(2026, 12, 1)  # a Tuesday; 10 Qaws 1405
ISOLATES = str.maketrans("", "", "\u2066\u2068\u2069")
QAWS = {"fa": "قوس", "ps": "لیندۍ"}


def _label(button: Button, lang: str) -> str:
    if isinstance(button.label, Msg):
        return catalog().render(lang, button.label, plain=True).translate(ISOLATES)
    return button.label


def _labels(row: list[Button], lang: str) -> list[str]:
    return [_label(b, lang) for b in row]


@pytest.mark.parametrize(
    ("month", "days"),
    [
        pytest.param(Month(SOLAR_HIJRI, 1405, 1), 31, id="hamal-31"),
        pytest.param(Month(SOLAR_HIJRI, 1405, 6), 31, id="sonbola-31"),
        pytest.param(Month(SOLAR_HIJRI, 1405, 7), 30, id="mizan-30"),
        pytest.param(Month(SOLAR_HIJRI, 1404, 12), 29, id="hut-29-common-year"),
        pytest.param(Month(SOLAR_HIJRI, 1403, 12), 30, id="hut-30-leap-year"),
        pytest.param(Month(SOLAR_HIJRI, 1408, 12), 30, id="hut-30-next-leap-year"),
        pytest.param(Month(GREGORIAN, 2028, 2), 29, id="february-leap"),
        pytest.param(Month(GREGORIAN, 2027, 2), 28, id="february"),
    ],
)
def test_months_have_the_days_of_their_calendar(month: Month, days: int) -> None:
    assert len(month.days()) == days


def test_a_solar_hijri_month_runs_across_gregorian_months() -> None:
    qaws = Month(SOLAR_HIJRI, 1405, 9)
    assert qaws.days()[0] == date(2026, 11, 22)
    assert qaws.days()[-1] == date(2026, 12, 21)
    assert qaws.shift(4) == Month(SOLAR_HIJRI, 1406, 1)
    assert Month.of(date(2027, 3, 21), SOLAR_HIJRI) == Month(SOLAR_HIJRI, 1406, 1)


def test_dari_and_pashto_get_solar_hijri_english_gregorian() -> None:
    assert calendar_for("fa") == calendar_for("ps") == SOLAR_HIJRI
    assert calendar_for("en") == GREGORIAN


@pytest.mark.parametrize("lang", ["fa", "ps"])
def test_dari_and_pashto_weeks_start_on_saturday_with_persian_digits(lang: str) -> None:
    grid = month_grid(Month(SOLAR_HIJRI, 1405, 9), lang, TODAY)
    header, weekdays, first_week = grid[0], grid[1], grid[2]
    assert QAWS[lang] in _label(header[1], lang)
    assert "۱۴۰۵" in _label(header[1], lang)
    assert _labels(weekdays, lang)[0] == "ش"  # Saturday
    # 1 Qaws 1405 is Sunday 22 November: the first week starts on the second column.
    assert _label(first_week[0], lang) == BLANK
    assert _label(first_week[1], lang) == "·"  # gone by
    # 10 Qaws, today, is the first day to choose: a Tuesday, fourth column of the second week.
    second_week = grid[3]
    assert _label(second_week[3], lang) == "۱۰"
    assert second_week[3].data == DP.build("day", "20261201")
    assert _label(second_week[2], lang) == "·"


def test_english_weeks_start_on_monday_in_gregorian_months() -> None:
    grid = month_grid(Month(GREGORIAN, 2026, 12), "en", TODAY)
    assert _label(grid[0][1], "en") == "December 2026"
    assert _labels(grid[1], "en") == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    first_week = grid[2]
    assert _label(first_week[0], "en") == BLANK
    assert _label(first_week[1], "en") == "1"
    assert first_week[1].data == "dp:day:20261201"
    assert sum(len(row) for row in grid[2:]) % 7 == 0


def test_there_is_no_previous_month_before_this_one_and_the_next_is_offered() -> None:
    grid = month_grid(Month(GREGORIAN, 2026, 12), "en", TODAY)
    previous, _title, following = grid[0]
    assert previous.data == "dp:nop"
    assert following.data == "dp:mon:g:2027:1"
    later = month_grid(Month(GREGORIAN, 2027, 1), "en", TODAY)
    assert later[0][0].data == "dp:mon:g:2026:12"


def test_every_button_fits_in_telegrams_64_bytes_and_no_past_day_is_offered() -> None:
    for month in (Month(SOLAR_HIJRI, 1405, 9), Month(GREGORIAN, 2031, 11)):
        for row in month_grid(month, "fa", TODAY):
            for button in row:
                assert button.data is not None and len(button.data.encode()) <= 64
                if button.data.startswith("dp:day:"):
                    assert parse_day(button.data.rsplit(":", 1)[1]) >= TODAY


@pytest.mark.parametrize(
    ("month", "shown"),
    [
        pytest.param(Month(GREGORIAN, 2026, 11), False, id="last-month"),
        pytest.param(Month(GREGORIAN, 2026, 12), True, id="this-month"),
        pytest.param(Month(GREGORIAN, 2031, 12), True, id="five-years-ahead"),
        pytest.param(Month(GREGORIAN, 2032, 1), False, id="beyond-five-years"),
        pytest.param(Month(SOLAR_HIJRI, 1405, 8), False, id="aqrab-gone"),
        pytest.param(Month(SOLAR_HIJRI, 1405, 13), False, id="month-13"),
    ],
)
def test_only_months_from_now_to_five_years_ahead_are_shown(month: Month, shown: bool) -> None:
    assert month_in_range(month, TODAY) is shown


@pytest.mark.parametrize("text", ["20261301", "20260230", "2026121", "abcdefgh"])
def test_a_forged_day_is_a_stale_button(text: str) -> None:
    with pytest.raises(DomainError) as refused:
        parse_day(text)
    assert refused.value.key == "error-stale-button"


def test_hours_and_minutes_gone_by_today_are_not_offered() -> None:
    now = datetime(2026, 12, 1, 12, 20, tzinfo=UTC)  # a wall time, here 12:20
    hours = [b.data for row in hour_grid(TODAY, "en", now)[:-1] for b in row]
    assert hours[0] == "dp:hour:12" and "dp:hour:11" not in hours and len(hours) == 12
    minutes = [b.data for b in minute_grid(TODAY, 12, "en", now)[0]]
    assert minutes == ["dp:at:12:30", "dp:at:12:45"]
    tomorrow = [b for row in hour_grid(date(2026, 12, 2), "fa", now)[:-1] for b in row]
    assert len(tomorrow) == 24
    assert _label(tomorrow[14], "fa") == "۱۴:۰۰"
