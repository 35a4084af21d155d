"""Dates said relative to today: "tomorrow 14:00", «فردا ۱۴:۰۰», «سبا ۱۴:۰۰», "Monday 10:00"."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.i18n.calendar import DateInputError, parse_meeting_time

KABUL = "Asia/Kabul"
# Tuesday 1 December 2026, 12:30 in Kabul.
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def _local(text: str, now: datetime = NOW, tz: str = KABUL) -> str:
    return parse_meeting_time(text, tz, now).astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("tomorrow 14:00", "2026-12-02 14:00", id="en-tomorrow"),
        pytest.param("Today 18:30", "2026-12-01 18:30", id="en-today"),
        pytest.param("tomorrow at 9:05", "2026-12-02 09:05", id="en-at"),
        pytest.param("14:00 tomorrow", "2026-12-02 14:00", id="en-time-first"),
        pytest.param("day after tomorrow 10:00", "2026-12-03 10:00", id="en-after-tomorrow"),
        pytest.param("فردا ۱۴:۰۰", "2026-12-02 14:00", id="fa-tomorrow"),
        pytest.param("امروز ۱۸:۳۰", "2026-12-01 18:30", id="fa-today"),
        pytest.param("فردا ساعت ۱۴:۰۰", "2026-12-02 14:00", id="fa-at-hour"),
        pytest.param("پس‌فردا ۱۰:۰۰", "2026-12-03 10:00", id="fa-after-tomorrow"),
        pytest.param("سبا ۱۴:۰۰", "2026-12-02 14:00", id="ps-tomorrow"),
        pytest.param("نن ۱۸:۳۰", "2026-12-01 18:30", id="ps-today"),
        pytest.param("بل سبا ۱۰:۰۰", "2026-12-03 10:00", id="ps-after-tomorrow"),
        pytest.param("\u2066فردا ١٤:٠٠\u2069", "2026-12-02 14:00", id="arabic-indic-digits"),
    ],
)
def test_days_relative_to_today_in_each_language(text: str, expected: str) -> None:
    assert _local(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Monday 10:00", "2026-12-07 10:00", id="en-monday"),
        pytest.param("next Monday 10:00", "2026-12-07 10:00", id="en-next-monday"),
        pytest.param("Tuesday 10:00", "2026-12-08 10:00", id="en-today-is-tuesday"),
        pytest.param("دوشنبه ۱۰:۰۰", "2026-12-07 10:00", id="fa-monday"),
        pytest.param("سه‌شنبه آینده ۱۰:۰۰", "2026-12-08 10:00", id="fa-next-tuesday-zwnj"),
        pytest.param("سه شنبه ۱۰:۰۰", "2026-12-08 10:00", id="fa-tuesday-space"),
        pytest.param("جمعه ۰۹:۰۰", "2026-12-04 09:00", id="fa-friday"),
        pytest.param("شنبه ۰۹:۰۰", "2026-12-05 09:00", id="fa-saturday"),
        pytest.param("يكشنبه ۰۹:۰۰", "2026-12-06 09:00", id="arabic-letters"),
        pytest.param("راتلونکې دوشنبه ۱۰:۰۰", "2026-12-07 10:00", id="ps-next-monday"),
    ],
)
def test_a_weekday_means_the_next_one_after_today(text: str, expected: str) -> None:
    assert _local(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("today 09:00", "past", id="earlier-today"),
        pytest.param("tomorrow 25:00", "nonexistent", id="hour-25"),
        pytest.param("tomorrow", "format", id="no-time"),
        pytest.param("tomorrow-ish 14:00", "format", id="unknown-word"),
        pytest.param("14:00", "format", id="no-day"),
        pytest.param("tomorrow 14:00 15:00", "format", id="two-times"),
        pytest.param("someday Monday 10:00", "format", id="extra-word"),
    ],
)
def test_what_cannot_be_read_or_is_past_is_refused_with_its_reason(text: str, reason: str) -> None:
    with pytest.raises(DateInputError) as refused:
        parse_meeting_time(text, KABUL, NOW)
    assert refused.value.reason == reason


def test_today_is_today_in_the_meetings_zone_not_in_utc() -> None:
    # 21:00 UTC on 1 December is already 01:30 on 2 December in Kabul.
    late = datetime(2026, 12, 1, 21, 0, tzinfo=UTC)
    assert _local("tomorrow 10:00", late) == "2026-12-03 10:00"
    assert _local("tomorrow 10:00", late, "Europe/Berlin") == "2026-12-02 10:00"


def test_a_clock_change_gap_is_refused_for_relative_dates_too() -> None:
    # Berlin skips 02:00–03:00 on Sunday 28 March 2027.
    saturday = datetime(2027, 3, 27, 10, 0, tzinfo=UTC)
    with pytest.raises(DateInputError) as refused:
        parse_meeting_time("tomorrow 02:30", "Europe/Berlin", saturday)
    assert refused.value.reason == "nonexistent"
