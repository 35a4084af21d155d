"""Solar Hijri and Gregorian calendar helpers for showing and parsing meeting dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Final, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jdatetime  # type: ignore[import-untyped, unused-ignore]
from babel.numbers import format_decimal

__all__ = [
    "GREGORIAN_MONTHS",
    "RTL_LANGUAGES",
    "SOLAR_HIJRI_MONTHS",
    "SOLAR_HIJRI_YEAR_LIMIT",
    "SUPPORTED_LANGUAGES",
    "WEEKDAYS",
    "YEARS_AHEAD",
    "DateInputError",
    "DateInputReason",
    "format_clock",
    "format_date",
    "format_date_input",
    "format_meeting_time",
    "format_number",
    "format_offset",
    "format_time",
    "from_solar_hijri",
    "gregorian_month_name",
    "is_valid_timezone",
    "isolate",
    "localize_digits",
    "normalize_digits",
    "parse_meeting_time",
    "parse_offset",
    "parse_offsets",
    "solar_hijri_month_name",
    "to_solar_hijri",
    "weekday_name",
    "zone_label",
]

SUPPORTED_LANGUAGES: Final[tuple[str, ...]] = ("en", "fa", "ps")
"""Languages the calendar texts exist in; anything else falls back to English."""

RTL_LANGUAGES: Final[frozenset[str]] = frozenset({"fa", "ps"})

SOLAR_HIJRI_YEAR_LIMIT: Final = 1700
"""Four-digit years below this are read as Solar Hijri, the others as Gregorian."""

SOLAR_HIJRI_MONTHS: Final[Mapping[str, tuple[str, ...]]] = {
    "en": (
        "Hamal",
        "Sawr",
        "Jawza",
        "Saratan",
        "Asad",
        "Sonbola",
        "Mizan",
        "Aqrab",
        "Qaws",
        "Jadi",
        "Dalw",
        "Hut",
    ),
    "fa": (
        "حمل",
        "ثور",
        "جوزا",
        "سرطان",
        "اسد",
        "سنبله",
        "میزان",
        "عقرب",
        "قوس",
        "جدی",
        "دلو",
        "حوت",
    ),
    "ps": (
        "وری",
        "غویی",
        "غبرګولی",
        "چنګاښ",
        "زمری",
        "وږی",
        "تله",
        "لړم",
        "لیندۍ",
        "مرغومی",
        "سلواغه",
        "کب",
    ),
}
"""Afghan Solar Hijri month names, Hamal (1) to Hut (12), per language."""

GREGORIAN_MONTHS: Final[Mapping[str, tuple[str, ...]]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "fa": (
        "جنوری",
        "فبروری",
        "مارچ",
        "اپریل",
        "می",
        "جون",
        "جولای",
        "اگست",
        "سپتمبر",
        "اکتوبر",
        "نومبر",
        "دسمبر",
    ),
    "ps": (
        "جنوري",
        "فبروري",
        "مارچ",
        "اپریل",
        "مۍ",
        "جون",
        "جولای",
        "اګست",
        "سپتمبر",
        "اکتوبر",
        "نومبر",
        "دسمبر",
    ),
}
"""Gregorian month names, January (1) to December (12), as written in Afghanistan."""

WEEKDAYS: Final[Mapping[str, tuple[str, ...]]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fa": ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"),
    "ps": ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"),
}
"""Weekday names indexed like `datetime.date.weekday()` (Monday is 0)."""

_ZONE_NAMES: Final[Mapping[str, Mapping[str, str]]] = {
    "Asia/Kabul": {"en": "Kabul time", "fa": "وقت کابل", "ps": "د کابل وخت"},
}
_AT_TIME: Final[Mapping[str, str]] = {"fa": "ساعت", "ps": "ساعت"}
_LIST_SEPARATOR: Final[Mapping[str, str]] = {"en": ",", "fa": "،", "ps": "،"}
_LANG_ALIASES: Final[Mapping[str, str]] = {"prs": "fa", "pus": "ps", "pbt": "ps", "pbu": "ps"}

_FSI: Final = "\u2068"
_LRI: Final = "\u2066"
_PDI: Final = "\u2069"

_PERSIAN_DIGITS: Final = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_INDIC_DIGITS: Final = "٠١٢٣٤٥٦٧٨٩"
_TO_ASCII: Final = str.maketrans(_PERSIAN_DIGITS + _ARABIC_INDIC_DIGITS, "0123456789" * 2)
_TO_PERSIAN: Final = str.maketrans("0123456789", _PERSIAN_DIGITS)
# Bidi marks, embeddings, isolates and zero-width characters that RTL keyboards and
# copy-paste put into otherwise plain date input.
_INVISIBLE: Final = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_DASHES: Final = re.compile("[\u2010-\u2015\u2212\ufe63\uff0d]")

_DATE_TIME: Final = re.compile(
    r"""
    (?P<year>[0-9]{4}) \s* [-/.] \s* (?P<month>[0-9]{1,2}) \s* [-/.] \s* (?P<day>[0-9]{1,2})
    (?: \s*[T,،]\s* | \s+ )
    (?P<hour>[0-9]{1,2}) \s* : \s* (?P<minute>[0-9]{2})
    """,
    re.ASCII | re.VERBOSE | re.IGNORECASE,
)
_OFFSET: Final = re.compile(
    r"(?:(?P<d>[0-9]+)\s*d)?\s*(?:(?P<h>[0-9]+)\s*h)?\s*(?:(?P<m>[0-9]+)\s*m)?",
    re.ASCII | re.IGNORECASE,
)
_OFFSET_SEPARATORS: Final = re.compile("[,،;؛]")

DateInputReason = Literal["format", "nonexistent", "past", "far"]

YEARS_AHEAD: Final = 5
"""How far ahead a typed date may be: a year like 9999 is a typo, not a plan."""


class DateInputError(ValueError):
    """A meeting date typed by a user that cannot be accepted."""

    def __init__(self, reason: DateInputReason, text: str) -> None:
        """Remember why `text` was rejected."""
        super().__init__(f"{reason}: {text!r}")
        self.reason: DateInputReason = reason
        self.text = text


def _lang(lang: str) -> str:
    """Reduce a language tag such as `fa-AF` to one of SUPPORTED_LANGUAGES, else `en`."""
    base = lang.strip().lower().replace("_", "-").split("-", 1)[0]
    base = _LANG_ALIASES.get(base, base)
    return base if base in SUPPORTED_LANGUAGES else "en"


def _require_aware(value: dt.datetime, name: str) -> None:
    """Reject naive datetimes, which would silently be read as local server time."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")


def is_valid_timezone(tz: str) -> bool:
    """Tell whether `tz` is an IANA zone name that zoneinfo knows."""
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def to_solar_hijri(d: dt.date) -> tuple[int, int, int]:
    """Convert a Gregorian date to a Solar Hijri (year, month, day)."""
    j = jdatetime.date.fromgregorian(date=dt.date(d.year, d.month, d.day))
    return int(j.year), int(j.month), int(j.day)


def from_solar_hijri(year: int, month: int, day: int) -> dt.date:
    """Convert a Solar Hijri date to a Gregorian date, ValueError if it does not exist."""
    try:
        g = jdatetime.date(year, month, day).togregorian()
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"no Solar Hijri date {year:04d}-{month:02d}-{day:02d}: {exc}") from exc
    return dt.date(int(g.year), int(g.month), int(g.day))


def _name(table: Mapping[str, tuple[str, ...]], index: int, lang: str, what: str) -> str:
    """Look up a 1-based name in a per-language table."""
    names = table[_lang(lang)]
    if not 1 <= index <= len(names):
        raise ValueError(f"{what} must be in 1..{len(names)}, not {index}")
    return names[index - 1]


def solar_hijri_month_name(month: int, lang: str) -> str:
    """Name of Solar Hijri month 1..12 (Hamal..Hut) in `lang`."""
    return _name(SOLAR_HIJRI_MONTHS, month, lang, "month")


def gregorian_month_name(month: int, lang: str) -> str:
    """Name of Gregorian month 1..12 in `lang`."""
    return _name(GREGORIAN_MONTHS, month, lang, "month")


def weekday_name(weekday: int, lang: str) -> str:
    """Name of a weekday numbered like `date.weekday()` (Monday is 0) in `lang`."""
    return _name(WEEKDAYS, weekday + 1, lang, "weekday + 1")


def normalize_digits(text: str) -> str:
    """Replace Persian and Arabic-Indic digits with ASCII digits."""
    return text.translate(_TO_ASCII)


def localize_digits(text: str, lang: str) -> str:
    """Replace ASCII digits with Persian digits for fa and ps; other languages are unchanged."""
    return text.translate(_TO_PERSIAN) if _lang(lang) in RTL_LANGUAGES else text


def format_number(value: float, lang: str, *, grouping: bool = True) -> str:
    """Write a number for readers of `lang`: in Dari and Pashto with Persian digits and the
    Arabic thousands separator (۵٬۰۰۰), never `5.000`, which a reader takes for a decimal."""
    if _lang(lang) not in RTL_LANGUAGES:
        return format_decimal(value, locale="en", group_separator=grouping)
    # Babel's "latn" symbols for ps are "." for thousands and "," for decimals (as in Pakistan);
    # the locale's own numbering system (arabext) has ٬ and ٫, which go with Persian digits.
    text = format_decimal(
        value, locale=_lang(lang), group_separator=grouping, numbering_system="default"
    )
    return localize_digits(text, lang)


def isolate(text: str) -> str:
    """Wrap text in Unicode first-strong isolates so it keeps its order inside RTL text."""
    return f"{_FSI}{text}{_PDI}"


def format_date(d: dt.date, lang: str) -> str:
    """Show a date: Gregorian in English, Solar Hijri then Gregorian in fa and ps."""
    lang = _lang(lang)
    weekday = weekday_name(d.weekday(), lang)
    gregorian = f"{d.day} {gregorian_month_name(d.month, lang)} {d.year}"
    if lang not in RTL_LANGUAGES:
        return f"{weekday} {gregorian}"
    year, month, day = to_solar_hijri(d)
    solar = f"{day} {solar_hijri_month_name(month, lang)} {year}"
    return localize_digits(f"{weekday} {solar} ({gregorian})", lang)


def format_clock(t: dt.time, lang: str) -> str:
    """Show a 24-hour wall-clock time such as 14:00, isolated and in Persian digits for fa/ps."""
    clock = f"{t.hour:02d}:{t.minute:02d}"
    if _lang(lang) in RTL_LANGUAGES:
        return isolate(localize_digits(clock, lang))
    return clock


def zone_label(tz: str, lang: str) -> str:
    """Name a zone as a place people know ("Kabul time"), never as the raw IANA name.

    A zone with no translation is named by its city (`Europe/Berlin` → Berlin), isolated
    left-to-right in Dari and Pashto so the Latin name keeps its place.
    """
    lang = _lang(lang)
    translated = _ZONE_NAMES.get(tz, {}).get(lang)
    if translated is not None:
        return translated
    city = tz.rsplit("/", 1)[-1].replace("_", " ")
    if lang == "fa":
        return f"وقت {_LRI}{city}{_PDI}"
    if lang == "ps":
        return f"د {_LRI}{city}{_PDI} وخت"
    return f"{city} time"


def _localize(when_utc: dt.datetime, tz: str) -> dt.datetime:
    """Convert an aware datetime to the wall time of zone `tz`."""
    _require_aware(when_utc, "when_utc")
    return when_utc.astimezone(ZoneInfo(tz))


def format_time(when_utc: dt.datetime, tz: str, lang: str) -> str:
    """Show only the wall-clock time in zone `tz` with the zone, e.g. 14:00 (Kabul time)."""
    local = _localize(when_utc, tz)
    return f"{format_clock(local.time(), lang)} ({zone_label(tz, lang)})"


def format_meeting_time(when_utc: dt.datetime, tz: str, lang: str) -> str:
    """Show an aware datetime in zone `tz` as weekday, date(s) and 24-hour time in `lang`."""
    lang = _lang(lang)
    local = _localize(when_utc, tz)
    date_text = format_date(local.date(), lang)
    time_text = format_time(when_utc, tz, lang)
    if lang in RTL_LANGUAGES:
        return f"{date_text}{_LIST_SEPARATOR[lang]} {_AT_TIME[lang]} {time_text}"
    return f"{date_text}{_LIST_SEPARATOR[lang]} {time_text}"


def format_date_input(when_utc: dt.datetime, tz: str, lang: str) -> str:
    """Write a datetime the way parse_meeting_time reads it back (Solar Hijri for fa and ps)."""
    lang = _lang(lang)
    local = _localize(when_utc, tz)
    clock = f"{local.hour:02d}:{local.minute:02d}"
    if lang not in RTL_LANGUAGES:
        return f"{local.year:04d}-{local.month:02d}-{local.day:02d} {clock}"
    year, month, day = to_solar_hijri(local.date())
    return isolate(localize_digits(f"{year:04d}-{month:02d}-{day:02d} {clock}", lang))


def parse_meeting_time(text: str, tz: str, now_utc: dt.datetime) -> dt.datetime:
    """Read `YYYY-MM-DD HH:MM` (Gregorian, or Solar Hijri if year < 1700) in zone `tz` as UTC."""
    _require_aware(now_utc, "now_utc")
    zone = ZoneInfo(tz)
    cleaned = _DASHES.sub("-", _INVISIBLE.sub("", normalize_digits(text))).strip()
    match = _DATE_TIME.fullmatch(cleaned)
    if match is None:
        relative = _relative_date(cleaned, now_utc.astimezone(zone).date())
        if relative is None:
            raise DateInputError("format", text)
        (year, month, day), (hour, minute) = relative
    else:
        year, month, day, hour, minute = (
            int(match[name]) for name in ("year", "month", "day", "hour", "minute")
        )
    # Refused before any conversion: near the end of the calendar (9999) turning the wall
    # time into UTC overflows, and Solar Hijri years run 621 behind Gregorian ones.
    local_now = now_utc.astimezone(zone)
    latest_year = (
        to_solar_hijri(local_now.date())[0] if year < SOLAR_HIJRI_YEAR_LIMIT else local_now.year
    ) + YEARS_AHEAD
    if year > latest_year:
        raise DateInputError("far", text)
    try:
        if year < SOLAR_HIJRI_YEAR_LIMIT:
            date = from_solar_hijri(year, month, day)
        else:
            date = dt.date(year, month, day)
        wall = dt.datetime.combine(date, dt.time(hour, minute), tzinfo=zone)
    except ValueError:
        raise DateInputError("nonexistent", text) from None
    # fold=0 picks the first of two repeated wall times; a skipped one does not survive
    # the round trip through UTC.
    when_utc = wall.astimezone(dt.UTC)
    if when_utc.astimezone(zone).replace(tzinfo=None) != wall.replace(tzinfo=None):
        raise DateInputError("nonexistent", text)
    if when_utc < now_utc:
        raise DateInputError("past", text)
    if when_utc > _years_later(now_utc, YEARS_AHEAD):
        raise DateInputError("far", text)
    return when_utc


# Words for a day relative to today, in each language, compared with spaces, ZWNJ and letter
# variants removed ("سه شنبه" = «سه‌شنبه», ي = ی): what people type on phones varies.
_DAYS_FROM_TODAY: Final[Mapping[str, int]] = {
    "today": 0,
    "tomorrow": 1,
    "dayaftertomorrow": 2,
    "امروز": 0,
    "فردا": 1,
    "پسفردا": 2,
    "نن": 0,
    "ننورځ": 0,
    "سبا": 1,
    "بلسبا": 2,
}
_WEEKDAY_WORDS: Final[Mapping[str, int]] = {
    **{name.lower(): index for index, name in enumerate(WEEKDAYS["en"])},
    **{name.replace("\u200c", ""): index for index, name in enumerate(WEEKDAYS["fa"])},
    "پنجشنبه": 3,
    "پنځشنبه": 3,
}
# "next Monday", «دوشنبه آینده», «دوشنبه بعد», «راتلونکې دوشنبه»: the same as "Monday".
_NEXT_WORDS: Final = ("next", "آینده", "بعد", "دیگر", "راتلونکې", "راتلونکی", "بله", "بل")
_FILLER_WORDS: Final = frozenset({"at", "on", "ساعت", "په", "بجو", "بجې", "د"})
_CLOCK: Final = re.compile(r"(?<![0-9:])([0-9]{1,2})\s*:\s*([0-9]{2})(?![0-9:])", re.ASCII)
_LETTER_VARIANTS: Final = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۍ": "ی", "ې": "ی"})


def _relative_date(
    cleaned: str, today: dt.date
) -> tuple[tuple[int, int, int], tuple[int, int]] | None:
    """A date said relative to today ("tomorrow 14:00", «فردا ۱۴:۰۰», «سبا ۱۴:۰۰», "Monday
    10:00"), as Gregorian (year, month, day) and (hour, minute); None if it is not one.

    A weekday means the next one after today: on a Monday, "Monday" is a week away.
    """
    clocks = list(_CLOCK.finditer(cleaned))
    if len(clocks) != 1:
        return None
    clock = clocks[0]
    words = (cleaned[: clock.start()] + " " + cleaned[clock.end() :]).lower()
    tokens = [t for t in re.split(r"[\s,،]+", words.translate(_LETTER_VARIANTS)) if t]
    tokens = [t for t in tokens if t not in _FILLER_WORDS]
    phrase = "".join(tokens)
    if not phrase:
        return None
    days = _DAYS_FROM_TODAY.get(phrase)
    if days is None:
        for word in _NEXT_WORDS:
            folded = word.translate(_LETTER_VARIANTS)
            if phrase.startswith(folded) and phrase[len(folded) :] in _WEEKDAY_KEYS:
                phrase = phrase[len(folded) :]
            elif phrase.endswith(folded) and phrase[: -len(folded)] in _WEEKDAY_KEYS:
                phrase = phrase[: -len(folded)]
        weekday = _WEEKDAY_KEYS.get(phrase)
        if weekday is None:
            return None
        days = (weekday - today.weekday() - 1) % 7 + 1
    day = today + dt.timedelta(days=days)
    return (day.year, day.month, day.day), (int(clock[1]), int(clock[2]))


_WEEKDAY_KEYS: Final[Mapping[str, int]] = {
    key.translate(_LETTER_VARIANTS).replace(" ", ""): index for key, index in _WEEKDAY_WORDS.items()
}


def _years_later(when: dt.datetime, years: int) -> dt.datetime:
    try:
        return when.replace(year=when.year + years)
    except ValueError:  # 29 February in a year that has none
        return when.replace(year=when.year + years, day=28)


def parse_offset(text: str) -> dt.timedelta:
    """Read a positive offset written like 7d, 2h, 30m or 1d12h; ValueError otherwise."""
    cleaned = normalize_digits(text).strip()
    match = _OFFSET.fullmatch(cleaned)
    if not cleaned or match is None:
        raise ValueError(f"not an offset like 7d, 2h, 30m or 1d12h: {text!r}")
    days, hours, minutes = (int(match[unit] or 0) for unit in ("d", "h", "m"))
    try:
        offset = dt.timedelta(days=days, hours=hours, minutes=minutes)
    except OverflowError as exc:
        raise ValueError(f"offset too large: {text!r}") from exc
    if offset <= dt.timedelta(0):
        raise ValueError(f"offset must be positive: {text!r}")
    return offset


def parse_offsets(text: str) -> list[dt.timedelta]:
    """Read comma-separated offsets such as `1d,2h`, longest first and without duplicates."""
    parts = [part for part in _OFFSET_SEPARATORS.split(text) if part.strip()]
    if not parts:
        raise ValueError(f"no offsets given: {text!r}")
    return sorted({parse_offset(part) for part in parts}, reverse=True)


def format_offset(offset: dt.timedelta) -> str:
    """Write a positive whole-minute offset the way parse_offset reads it, e.g. 1d12h."""
    if offset <= dt.timedelta(0) or offset % dt.timedelta(minutes=1):
        raise ValueError(f"offset must be a positive whole number of minutes: {offset!r}")
    hours, rest = divmod(offset.seconds, 3600)
    parts = [(offset.days, "d"), (hours, "h"), (rest // 60, "m")]
    return "".join(f"{value}{unit}" for value, unit in parts if value)
