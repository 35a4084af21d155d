"""Hostile input in the small: control characters, far years, ids in callback data, toasts."""

from datetime import UTC, datetime

import pytest

from bot.handlers.common import Lines, render_lines, telegram_length, toast_text
from bot.i18n import Html, catalog, msg
from bot.i18n.calendar import DateInputError, normalize_digits, parse_meeting_time
from bot.presentation import ID_MAX, CallbackData
from bot.services.errors import DomainError
from bot.services.text import clean_line, clean_text
from tests.fakes.telegram_html import parse_html, utf16_len

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("a\x00b", id="nul"),
        pytest.param("a\x07b", id="bell"),
        pytest.param("a\x1bb", id="escape"),
        pytest.param("a\x7fb", id="delete"),
        pytest.param("a\x9bb", id="c1"),
        pytest.param("a\ud800b", id="lone-surrogate"),
    ],
)
@pytest.mark.parametrize("cleaner", [clean_line, clean_text])
def test_control_characters_are_refused_with_a_reason(cleaner: object, value: str) -> None:
    with pytest.raises(DomainError) as error:
        cleaner(value, limit=100)  # type: ignore[operator]
    assert error.value.key == "error-control-character"


def test_a_half_space_typed_in_dari_is_kept() -> None:
    assert clean_line("می\u200cآیم", limit=100) == "می\u200cآیم"
    assert clean_text("۱. می\u200cآیم\n۲. بودجه", limit=100) == "۱. می\u200cآیم\n۲. بودجه"


def test_tabs_and_line_breaks_in_one_line_are_folded_not_refused() -> None:
    assert clean_line("Balkh\tYouth\r\nNetwork", limit=100) == "Balkh Youth Network"


def test_an_agenda_keeps_its_lines_and_loses_runs_of_blank_ones() -> None:
    assert clean_text("  1. budget  \r\n\n\n\n2.   security\t", limit=100) == (
        "1. budget\n\n2. security"
    )


def test_a_line_of_only_invisible_characters_is_empty() -> None:
    with pytest.raises(DomainError) as error:
        clean_line("\u200c\u200b", limit=100)
    assert error.value.key == "error-empty"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("9999-12-31 23:59", id="gregorian-9999"),
        pytest.param("2031-12-02 10:00", id="five-years-and-a-day"),
        pytest.param("1699-12-29 10:00", id="solar-hijri-1699"),
        pytest.param("1411-01-01 10:00", id="solar-hijri-six-years"),
    ],
)
@pytest.mark.parametrize("zone", ["Asia/Kabul", "America/Los_Angeles", "Pacific/Kiritimati"])
def test_years_far_ahead_are_refused_with_a_reason(text: str, zone: str) -> None:
    with pytest.raises(DateInputError) as error:
        parse_meeting_time(text, zone, NOW)
    assert error.value.reason == "far"


def test_a_date_just_under_five_years_ahead_is_taken() -> None:
    assert parse_meeting_time("2031-11-30 10:00", "Asia/Kabul", NOW).year == 2031


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["1"], 1, id="one"),
        pytest.param([str(ID_MAX)], ID_MAX, id="largest-32-bit"),
    ],
)
def test_ids_in_callback_data_within_the_columns_are_read(args: list[str], expected: int) -> None:
    assert CallbackData.int_arg(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="missing"),
        pytest.param(["0"], id="zero"),
        pytest.param(["-1"], id="negative"),
        pytest.param([str(ID_MAX + 1)], id="over-32-bit"),
        pytest.param(["9" * 5000], id="five-thousand-digits"),
        pytest.param(["٣"], id="arabic-indic-digit"),
        pytest.param([" 3"], id="space"),
        pytest.param(["3\x00"], id="nul"),
    ],
)
def test_forged_ids_in_callback_data_are_stale_buttons(args: list[str]) -> None:
    with pytest.raises(DomainError) as error:
        CallbackData.int_arg(args)
    assert error.value.key == "error-stale-button"


def test_small_numbers_in_callback_data_have_their_own_range() -> None:
    assert CallbackData.int_arg(["-1"], low=-1, high=4) == -1
    with pytest.raises(DomainError):
        CallbackData.int_arg(["5"], low=-1, high=4)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("x" * 500, id="latin"),
        pytest.param("ن" * 500, id="arabic-script"),
        pytest.param("😀" * 150, id="emoji-two-units-each"),
        pytest.param("Answers for \u2068" + "T" * 300 + "\u2069 are closed.", id="isolate-cut"),
        pytest.param("&amp;" * 300, id="entities"),
    ],
)
def test_a_long_toast_is_cut_to_telegrams_limit(text: str) -> None:
    cut = toast_text(text)
    assert utf16_len(cut) <= 200
    assert cut.endswith("…")
    assert cut.count("\u2068") == cut.count("\u2069")
    cut.encode("utf-8")  # no half of a surrogate pair


def test_a_short_toast_is_plain_text() -> None:
    assert toast_text("<b>Tom &amp; Jerry</b>") == "Tom & Jerry"


def test_a_long_list_is_split_between_lines_under_telegrams_limit() -> None:
    lines = [Html(f"• <b>{number:04d}</b> " + "ن" * 95) for number in range(300)]
    texts = render_lines(catalog(), "fa", Lines(msg("orgs", count=300), lines))
    assert len(texts) > 1
    for text in texts:
        assert "{???}" not in text
        assert utf16_len(parse_html(text).text) <= 4096
        assert telegram_length(text) == utf16_len(parse_html(text).text)
    shown = "\n".join(parse_html(text).text for text in texts)
    assert all(f"{number:04d}" in shown for number in range(300))
    assert normalize_digits(parse_html(texts[0]).text).count("300") == 1  # the header, once


def test_a_short_list_is_one_message_with_its_frame() -> None:
    texts = render_lines(catalog(), "en", Lines(msg("orgs", count=1), [Html("• one")]))
    assert texts == ["<b>Organizations in the network (1)</b>\n• one"]
