"""Cleaning typed answers and comparing organization names."""

from collections.abc import Callable

import pytest

from bot.services.errors import DomainError
from bot.services.text import clean_line, clean_text, name_key


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("Balkh Media Center", "  balkh   MEDIA center ", id="case-and-spaces"),
        pytest.param("شبکه\u200cکودکان بلخی", "شبکه کودکان بلخی", id="half-space-is-a-space"),
        pytest.param("شبکه\u200c کودکان", "شبکه کودکان", id="half-space-next-to-a-space"),
        pytest.param("Balkh\u200b Youth", "Balkh Youth", id="zero-width-space"),
        pytest.param("كانون علمي", "کانون علمی", id="arabic-kaf-and-yeh"),
        pytest.param("مؤسسة الهدى", "مؤسسه الهدی", id="teh-marbuta-and-alef-maksura"),
        pytest.param("ﻛﺎﺑﻞ", "کابل", id="presentation-forms"),
        pytest.param("بلـــخ", "بلخ", id="tatweel"),
    ],
)
def test_names_that_differ_only_in_spelling_compare_equal(first: str, second: str) -> None:
    assert name_key(first) == name_key(second)


def test_different_names_stay_different() -> None:
    assert name_key("Balkh Youth") != name_key("Balkh Women")


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("", id="empty"),
        pytest.param("   \n\t ", id="white-space"),
        pytest.param("\u200b\u200c", id="only-invisible"),
        pytest.param(None, id="none"),
    ],
)
def test_empty_answers_are_refused(value: str | None) -> None:
    with pytest.raises(DomainError) as error:
        clean_line(value, limit=100)
    assert error.value.key == "error-empty"


def test_an_answer_over_the_limit_is_refused_with_its_length() -> None:
    with pytest.raises(DomainError) as error:
        clean_line("x" * 10_000, limit=100)
    assert error.value.key == "error-too-long"
    assert error.value.params == {"limit": 100, "length": 10_000}


def test_lines_are_trimmed_and_folded_but_keep_html_and_emoji_literally() -> None:
    assert clean_line("  <b>x</b>\n & 🌷  ", limit=100) == "<b>x</b> & 🌷"


@pytest.mark.parametrize(
    "clean",
    [
        pytest.param(lambda text: clean_line(text, limit=100), id="line"),
        pytest.param(lambda text: clean_text(text, limit=100), id="text"),
    ],
)
def test_the_half_space_people_type_is_kept(clean: Callable[[str], str]) -> None:
    assert clean(" شبکه\u200cکودکان  می\u200cآید ") == "شبکه\u200cکودکان می\u200cآید"
