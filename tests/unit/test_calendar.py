"""Tests for the Solar Hijri and Gregorian calendar helpers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

import pytest

from bot.i18n.calendar import (
    GREGORIAN_MONTHS,
    SOLAR_HIJRI_MONTHS,
    WEEKDAYS,
    DateInputError,
    format_clock,
    format_date,
    format_date_input,
    format_meeting_time,
    format_offset,
    format_time,
    from_solar_hijri,
    gregorian_month_name,
    is_valid_timezone,
    isolate,
    localize_digits,
    normalize_digits,
    parse_meeting_time,
    parse_offset,
    parse_offsets,
    solar_hijri_month_name,
    to_solar_hijri,
    weekday_name,
    zone_label,
)

UTC = dt.UTC
KABUL = "Asia/Kabul"
BERLIN = "Europe/Berlin"
NOW = dt.datetime(2026, 1, 1, 0, 0, tzinfo=UTC)
MEETING = dt.datetime(2026, 12, 21, 9, 30, tzinfo=UTC)  # 14:00 in Kabul, 30 Qaws 1405
FSI, PDI = "\u2068", "\u2069"
PERSIAN_DIGITS = re.compile("[۰-۹]")
ASCII_DIGITS = re.compile("[0-9]")

CONVERSIONS = [
    pytest.param(dt.date(2025, 3, 21), (1404, 1, 1), id="2025-03-21 is 1 Hamal 1404"),
    pytest.param(dt.date(2026, 12, 21), (1405, 9, 30), id="2026-12-21 is 30 Qaws 1405"),
    pytest.param(dt.date(2024, 3, 20), (1403, 1, 1), id="2024-03-20 is 1 Hamal 1403"),
    pytest.param(dt.date(2025, 3, 20), (1403, 12, 30), id="2025-03-20 is 30 Hut 1403 (leap)"),
    pytest.param(dt.date(2026, 3, 20), (1404, 12, 29), id="2026-03-20 is 29 Hut 1404"),
    pytest.param(dt.date(2026, 9, 22), (1405, 6, 31), id="2026-09-22 is 31 Sonbola 1405"),
]


@pytest.mark.parametrize(("gregorian", "solar"), CONVERSIONS)
def test_a_gregorian_date_converts_to_its_solar_hijri_date(
    gregorian: dt.date, solar: tuple[int, int, int]
) -> None:
    assert to_solar_hijri(gregorian) == solar


@pytest.mark.parametrize(("gregorian", "solar"), CONVERSIONS)
def test_a_solar_hijri_date_converts_back_to_its_gregorian_date(
    gregorian: dt.date, solar: tuple[int, int, int]
) -> None:
    assert from_solar_hijri(*solar) == gregorian


def test_a_datetime_converts_by_its_date_alone() -> None:
    assert to_solar_hijri(dt.datetime(2025, 3, 21, 23, 59)) == (1404, 1, 1)


@pytest.mark.parametrize(
    "solar",
    [
        pytest.param((1404, 12, 30), id="30 Hut in the non-leap year 1404"),
        pytest.param((1405, 13, 1), id="month 13"),
        pytest.param((1405, 0, 1), id="month 0"),
        pytest.param((1405, 7, 31), id="day 31 in Mizan"),
        pytest.param((1405, 12, 31), id="day 31 in Hut"),
        pytest.param((1405, 1, 0), id="day 0"),
        pytest.param((1405, 1, 32), id="day 32"),
        pytest.param((0, 1, 1), id="year 0"),
    ],
)
def test_a_nonexistent_solar_hijri_date_raises_value_error(solar: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError, match="Solar Hijri"):
        from_solar_hijri(*solar)


@pytest.mark.parametrize(
    ("lang", "first", "ninth", "last"),
    [
        pytest.param("en", "Hamal", "Qaws", "Hut", id="English"),
        pytest.param("fa", "حمل", "قوس", "حوت", id="Dari"),
        pytest.param("ps", "وری", "لیندۍ", "کب", id="Pashto"),
    ],
)
def test_solar_hijri_month_names_run_from_hamal_to_hut_in_each_language(
    lang: str, first: str, ninth: str, last: str
) -> None:
    assert solar_hijri_month_name(1, lang) == first
    assert solar_hijri_month_name(9, lang) == ninth
    assert solar_hijri_month_name(12, lang) == last


@pytest.mark.parametrize(
    ("lang", "december"),
    [
        pytest.param("en", "December", id="English"),
        pytest.param("fa", "دسمبر", id="Dari"),
        pytest.param("ps", "دسمبر", id="Pashto"),
    ],
)
def test_gregorian_month_names_exist_in_each_language(lang: str, december: str) -> None:
    assert gregorian_month_name(12, lang) == december


@pytest.mark.parametrize(
    ("lang", "monday", "friday"),
    [
        pytest.param("en", "Monday", "Friday", id="English"),
        pytest.param("fa", "دوشنبه", "جمعه", id="Dari"),
        pytest.param("ps", "دوشنبه", "جمعه", id="Pashto"),
    ],
)
def test_weekday_names_are_indexed_like_date_weekday(lang: str, monday: str, friday: str) -> None:
    assert weekday_name(0, lang) == monday
    assert weekday_name(4, lang) == friday


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(SOLAR_HIJRI_MONTHS, id="Solar Hijri months"),
        pytest.param(GREGORIAN_MONTHS, id="Gregorian months"),
        pytest.param(WEEKDAYS, id="weekdays"),
    ],
)
def test_every_name_table_has_distinct_names_in_en_fa_and_ps(
    table: Mapping[str, tuple[str, ...]],
) -> None:
    assert set(table) == {"en", "fa", "ps"}
    sizes = {len(names) for names in table.values()}
    assert len(sizes) == 1
    for names in table.values():
        assert len(set(names)) == len(names)
        assert all(name == name.strip() and name for name in names)


@pytest.mark.parametrize(
    ("call", "bad"),
    [
        pytest.param(solar_hijri_month_name, 0, id="Solar Hijri month 0"),
        pytest.param(solar_hijri_month_name, 13, id="Solar Hijri month 13"),
        pytest.param(gregorian_month_name, 13, id="Gregorian month 13"),
        pytest.param(weekday_name, 7, id="weekday 7"),
        pytest.param(weekday_name, -1, id="weekday -1"),
    ],
)
def test_an_out_of_range_name_index_raises_instead_of_wrapping_around(
    call: Callable[[int, str], str], bad: int
) -> None:
    with pytest.raises(ValueError):
        call(bad, "en")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        pytest.param("fa-AF", "قوس", id="a region tag"),
        pytest.param("PS", "لیندۍ", id="upper case"),
        pytest.param("prs", "قوس", id="the ISO 639-3 code for Dari"),
        pytest.param("de", "Qaws", id="an unsupported language falls back to English"),
        pytest.param("", "Qaws", id="an empty language falls back to English"),
    ],
)
def test_language_tags_are_reduced_to_a_supported_language(lang: str, expected: str) -> None:
    assert solar_hijri_month_name(9, lang) == expected


def test_english_meeting_time_shows_the_gregorian_date_and_kabul_time() -> None:
    assert (
        format_meeting_time(MEETING, KABUL, "en") == "Monday 21 December 2026, 14:00 (Kabul time)"
    )


def test_a_zone_without_a_translation_is_named_by_its_city() -> None:
    assert (
        format_meeting_time(MEETING, BERLIN, "en") == "Monday 21 December 2026, 10:30 (Berlin time)"
    )
    assert zone_label("America/Argentina/Buenos_Aires", "en") == "Buenos Aires time"


def test_english_meeting_time_uses_the_local_date_not_the_utc_date() -> None:
    late = dt.datetime(2026, 12, 21, 20, 0, tzinfo=UTC)  # 00:30 on the 22nd in Kabul
    assert format_meeting_time(late, KABUL, "en") == "Tuesday 22 December 2026, 00:30 (Kabul time)"


@pytest.mark.parametrize("lang", [pytest.param("en", id="English"), pytest.param("de", id="other")])
def test_english_meeting_time_has_no_solar_hijri_date_and_no_persian_digits(lang: str) -> None:
    text = format_meeting_time(MEETING, KABUL, lang)
    assert "1405" not in text
    assert "Qaws" not in text
    assert not PERSIAN_DIGITS.search(text)
    assert FSI not in text


def test_dari_meeting_time_matches_the_expected_text() -> None:
    assert format_meeting_time(MEETING, KABUL, "fa") == (
        f"دوشنبه ۳۰ قوس ۱۴۰۵ (۲۱ دسمبر ۲۰۲۶)، ساعت {FSI}۱۴:۰۰{PDI} (وقت کابل)"
    )


@pytest.mark.parametrize(
    ("lang", "month", "gregorian"),
    [
        pytest.param("fa", "قوس", "۲۱ دسمبر ۲۰۲۶", id="Dari"),
        pytest.param("ps", "لیندۍ", "۲۱ دسمبر ۲۰۲۶", id="Pashto"),
    ],
)
def test_rtl_meeting_time_shows_solar_hijri_first_then_gregorian_in_persian_digits(
    lang: str, month: str, gregorian: str
) -> None:
    text = format_meeting_time(MEETING, KABUL, lang)
    solar = f"۳۰ {month} ۱۴۰۵"
    assert solar in text
    assert gregorian in text
    assert text.index(solar) < text.index(gregorian)
    assert f"{FSI}۱۴:۰۰{PDI}" in text
    assert not ASCII_DIGITS.search(text)


@pytest.mark.parametrize("lang", [pytest.param("fa", id="Dari"), pytest.param("ps", id="Pashto")])
def test_rtl_meeting_time_isolates_a_latin_zone_name(lang: str) -> None:
    text = format_meeting_time(MEETING, BERLIN, lang)
    assert "\u2066Berlin\u2069" in text
    assert "Europe" not in text
    assert text.count(FSI) + text.count("\u2066") == text.count(PDI)


def test_format_date_without_time_in_each_language() -> None:
    day = dt.date(2025, 3, 21)
    assert format_date(day, "en") == "Friday 21 March 2025"
    assert format_date(day, "fa") == "جمعه ۱ حمل ۱۴۰۴ (۲۱ مارچ ۲۰۲۵)"
    assert format_date(day, "ps") == "جمعه ۱ وری ۱۴۰۴ (۲۱ مارچ ۲۰۲۵)"


def test_format_time_shows_the_wall_clock_and_the_zone() -> None:
    assert format_time(MEETING, KABUL, "en") == "14:00 (Kabul time)"
    assert format_time(MEETING, KABUL, "ps") == f"{FSI}۱۴:۰۰{PDI} (د کابل وخت)"
    assert format_clock(dt.time(7, 5), "en") == "07:05"
    assert format_clock(dt.time(7, 5), "fa") == f"{FSI}۰۷:۰۵{PDI}"


def test_formatting_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        format_meeting_time(dt.datetime(2026, 12, 21, 9, 30), KABUL, "en")


def test_formatting_a_non_utc_aware_datetime_uses_the_same_instant() -> None:
    same_instant = MEETING.astimezone(dt.timezone(dt.timedelta(hours=-5)))
    assert format_meeting_time(same_instant, KABUL, "fa") == format_meeting_time(
        MEETING, KABUL, "fa"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("۱۴۰۵-۰۹-۳۰", "1405-09-30", id="Persian digits"),
        pytest.param("١٤٠٥-٠٩-٣٠", "1405-09-30", id="Arabic-Indic digits"),
        pytest.param("abc 123", "abc 123", id="ASCII is unchanged"),
    ],
)
def test_normalize_digits_turns_eastern_digits_into_ascii(text: str, expected: str) -> None:
    assert normalize_digits(text) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        pytest.param("fa", "۱۴۰۵-۰۹-۳۰", id="Dari"),
        pytest.param("ps", "۱۴۰۵-۰۹-۳۰", id="Pashto"),
        pytest.param("en", "1405-09-30", id="English keeps ASCII"),
    ],
)
def test_localize_digits_uses_persian_digits_for_dari_and_pashto(lang: str, expected: str) -> None:
    assert localize_digits("1405-09-30", lang) == expected


def test_isolate_wraps_text_in_first_strong_isolates() -> None:
    assert isolate("Asia/Kabul") == "\u2068Asia/Kabul\u2069"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("2026-12-21 14:00", id="Gregorian"),
        pytest.param("1405-09-30 14:00", id="Solar Hijri"),
        pytest.param("۱۴۰۵-۰۹-۳۰ ۱۴:۰۰", id="Solar Hijri in Persian digits"),
        pytest.param("١٤٠٥-٠٩-٣٠ ١٤:٠٠", id="Solar Hijri in Arabic-Indic digits"),
        pytest.param("۲۰۲۶-۱۲-۲۱ ۱۴:۰۰", id="Gregorian in Persian digits"),
        pytest.param("2026/12/21 14:00", id="slashes"),
        pytest.param("1405/9/30 14:00", id="slashes without leading zeros"),
        pytest.param("  1405-09-30   14:00  ", id="surrounding and inner spaces"),
        pytest.param("2026-12-21T14:00", id="ISO T separator"),
        pytest.param("\u20681405-09-30 14:00\u2069", id="pasted with bidi isolates"),
        pytest.param("\u200f۱۴۰۵/۰۹/۳۰ ۱۴:۰۰\u200f", id="with right-to-left marks"),
    ],
)
def test_a_kabul_meeting_at_14_00_is_09_30_utc(text: str) -> None:
    assert parse_meeting_time(text, KABUL, NOW) == MEETING


def test_the_parsed_time_is_aware_utc() -> None:
    parsed = parse_meeting_time("2026-12-21 14:00", KABUL, NOW)
    assert parsed.utcoffset() == dt.timedelta(0)


def test_the_leap_day_1403_12_30_is_accepted() -> None:
    early = dt.datetime(2024, 1, 1, tzinfo=UTC)
    parsed = parse_meeting_time("1403-12-30 10:00", KABUL, early)
    assert parsed == dt.datetime(2025, 3, 20, 5, 30, tzinfo=UTC)


def test_a_wall_time_skipped_by_spring_forward_is_nonexistent() -> None:
    with pytest.raises(DateInputError) as info:
        parse_meeting_time("2027-03-28 02:30", BERLIN, NOW)
    assert info.value.reason == "nonexistent"


def test_a_wall_time_repeated_by_fall_back_takes_the_first_occurrence() -> None:
    parsed = parse_meeting_time("2027-10-31 02:30", BERLIN, NOW)
    assert parsed == dt.datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


def test_berlin_times_on_either_side_of_dst_use_the_right_offset() -> None:
    assert parse_meeting_time("2027-03-28 03:30", BERLIN, NOW) == dt.datetime(
        2027, 3, 28, 1, 30, tzinfo=UTC
    )
    assert parse_meeting_time("2027-10-31 03:30", BERLIN, NOW) == dt.datetime(
        2027, 10, 31, 2, 30, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("tomorrow-ish", "format", id="words"),
        pytest.param("", "format", id="empty"),
        pytest.param("2026-12-21", "format", id="date without time"),
        pytest.param("14:00", "format", id="time without date"),
        pytest.param("26-12-21 14:00", "format", id="two-digit year"),
        pytest.param("2026-12-21 14", "format", id="hour without minutes"),
        pytest.param("21-12-2026 14:00", "format", id="day first"),
        pytest.param("2026-12-21 14:00 extra", "format", id="trailing text"),
        pytest.param("2026-02-30 14:00", "nonexistent", id="30 February"),
        pytest.param("1405-13-01 14:00", "nonexistent", id="Solar Hijri month 13"),
        pytest.param("1404-12-30 14:00", "nonexistent", id="30 Hut in a non-leap year"),
        pytest.param("1405-07-31 14:00", "nonexistent", id="31 Mizan"),
        pytest.param("2026-12-21 24:00", "nonexistent", id="hour 24"),
        pytest.param("2026-12-21 14:60", "nonexistent", id="minute 60"),
        pytest.param("2025-12-31 23:00", "past", id="Gregorian in the past"),
        pytest.param("1404-10-11 04:29", "past", id="Solar Hijri one minute in the past"),
    ],
)
def test_bad_meeting_input_raises_date_input_error_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(DateInputError) as info:
        parse_meeting_time(text, KABUL, NOW)
    assert info.value.reason == reason
    assert info.value.text == text
    assert isinstance(info.value, ValueError)


def test_a_meeting_exactly_now_is_not_in_the_past() -> None:
    assert parse_meeting_time("1404-10-11 04:30", KABUL, NOW) == NOW


def test_parsing_with_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_meeting_time("2026-12-21 14:00", KABUL, dt.datetime(2026, 1, 1))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        pytest.param("en", "2026-12-21 14:00", id="English writes Gregorian"),
        pytest.param("fa", f"{FSI}۱۴۰۵-۰۹-۳۰ ۱۴:۰۰{PDI}", id="Dari writes Solar Hijri"),
        pytest.param("ps", f"{FSI}۱۴۰۵-۰۹-۳۰ ۱۴:۰۰{PDI}", id="Pashto writes Solar Hijri"),
    ],
)
def test_format_date_input_writes_what_parse_meeting_time_reads_back(
    lang: str, expected: str
) -> None:
    written = format_date_input(MEETING, KABUL, lang)
    assert written == expected
    assert parse_meeting_time(written, KABUL, NOW) == MEETING


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("7d", dt.timedelta(days=7), id="days"),
        pytest.param("2h", dt.timedelta(hours=2), id="hours"),
        pytest.param("30m", dt.timedelta(minutes=30), id="minutes"),
        pytest.param("1d12h", dt.timedelta(days=1, hours=12), id="days and hours"),
        pytest.param("1d2h30m", dt.timedelta(days=1, hours=2, minutes=30), id="all three"),
        pytest.param(" 1D 12H ", dt.timedelta(days=1, hours=12), id="spaces and upper case"),
        pytest.param("۷d", dt.timedelta(days=7), id="Persian digits"),
        pytest.param("90m", dt.timedelta(minutes=90), id="minutes above an hour"),
        pytest.param("0d2h", dt.timedelta(hours=2), id="a zero part"),
    ],
)
def test_parse_offset_reads_days_hours_and_minutes(text: str, expected: dt.timedelta) -> None:
    assert parse_offset(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("0d", id="zero"),
        pytest.param("0h0m", id="zero in parts"),
        pytest.param("-1d", id="negative"),
        pytest.param("7", id="no unit"),
        pytest.param("d", id="no number"),
        pytest.param("2h1d", id="units out of order"),
        pytest.param("1d1d", id="repeated unit"),
        pytest.param("1w", id="unknown unit"),
        pytest.param("1.5h", id="fraction"),
        pytest.param("9999999999d", id="too large"),
    ],
)
def test_parse_offset_rejects_anything_else(text: str) -> None:
    with pytest.raises(ValueError):
        parse_offset(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("1d,2h", [dt.timedelta(days=1), dt.timedelta(hours=2)], id="two offsets"),
        pytest.param(
            "2h, 7d ,30m",
            [dt.timedelta(days=7), dt.timedelta(hours=2), dt.timedelta(minutes=30)],
            id="sorted longest first",
        ),
        pytest.param(
            "1d,24h,2h,120m", [dt.timedelta(days=1), dt.timedelta(hours=2)], id="duplicates removed"
        ),
        pytest.param("1d،2h", [dt.timedelta(days=1), dt.timedelta(hours=2)], id="Arabic comma"),
        pytest.param("1d,", [dt.timedelta(days=1)], id="trailing comma"),
    ],
)
def test_parse_offsets_sorts_descending_without_duplicates(
    text: str, expected: list[dt.timedelta]
) -> None:
    assert parse_offsets(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param(" , ", id="only commas"),
        pytest.param("1d,soon", id="one bad offset"),
        pytest.param("1d,0m", id="one zero offset"),
    ],
)
def test_parse_offsets_rejects_bad_lists(text: str) -> None:
    with pytest.raises(ValueError):
        parse_offsets(text)


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        pytest.param(dt.timedelta(days=7), "7d", id="days"),
        pytest.param(dt.timedelta(days=1, hours=12), "1d12h", id="days and hours"),
        pytest.param(dt.timedelta(minutes=90), "1h30m", id="minutes carry into hours"),
        pytest.param(dt.timedelta(days=2, minutes=5), "2d5m", id="skips a zero part"),
    ],
)
def test_format_offset_writes_what_parse_offset_reads(offset: dt.timedelta, expected: str) -> None:
    assert format_offset(offset) == expected
    assert parse_offset(expected) == offset


@pytest.mark.parametrize(
    "offset",
    [
        pytest.param(dt.timedelta(0), id="zero"),
        pytest.param(dt.timedelta(hours=-1), id="negative"),
        pytest.param(dt.timedelta(seconds=90), id="not whole minutes"),
    ],
)
def test_format_offset_rejects_offsets_it_cannot_write(offset: dt.timedelta) -> None:
    with pytest.raises(ValueError):
        format_offset(offset)


@pytest.mark.parametrize(
    ("tz", "valid"),
    [
        pytest.param("Asia/Kabul", True, id="Kabul"),
        pytest.param("UTC", True, id="UTC"),
        pytest.param("Asia/Balkh", False, id="an unknown zone"),
        pytest.param("../etc/passwd", False, id="a path"),
        pytest.param("", False, id="empty"),
    ],
)
def test_is_valid_timezone_knows_iana_zone_names(tz: str, valid: bool) -> None:
    assert is_valid_timezone(tz) is valid
