"""The summary chart: a font with every Dari and Pashto letter, labels joined and laid out
right to left as the Unicode algorithms say, no missing glyph, and a PNG a phone shows well."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import unicodedata
import warnings
from datetime import UTC, datetime
from pathlib import Path

import arabic_reshaper
import pytest
from arabic_reshaper.letters import ISOLATED, LETTERS_ARABIC
from bidi import get_display
from fontTools.ttLib import TTFont
from matplotlib._text_helpers import layout
from matplotlib.ft2font import FT2Font
from matplotlib.image import imread

from bot import charts
from bot.i18n import Msg, catalog
from bot.services.summary import AgendaConcern, AnswerCount, Summary
from db.models import ConcernKind, RsvpAnswer

DARI_LETTERS = "ءآأؤإئابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیةۀ"
PASHTO_LETTERS = "ټډړږښګڼۍېځڅيې"
SIGNS = "۰۱۲۳۴۵۶۷۸۹٬٫،؛؟\u200c"  # Persian digits, separators, punctuation, the half-space

SUMMARY = Summary(
    meeting_id=1,
    title="جلسه هماهنگی ماهوار — Balkh 😀",
    starts_at=datetime(2026, 12, 21, 9, 30, tzinfo=UTC),
    timezone="Asia/Kabul",
    venue="Hall",
    answers=(
        AnswerCount(RsvpAnswer.GOING, 12, 10),
        AnswerCount(RsvpAnswer.MAYBE, 5, 2),
        AnswerCount(RsvpAnswer.DECLINED, 3, 0),
        AnswerCount(None, 0, 2),
    ),
    checked_in=14,
    organizations=7,
    approved=9,
    agenda=(
        AgendaConcern(1, 12, "د ښځو د ګډون لپاره ټولنیز خوندیتوب 😀", ConcernKind.TEXT, 9),
        AgendaConcern(2, 7, "آب آشامیدنی برای مکتب‌های ولسوالی دهدادی", ConcernKind.TEXT, 6),
        AgendaConcern(
            3, 31, "Internet for the media centre in Mazar-i-Sharif", ConcernKind.TEXT, 4
        ),
        AgendaConcern(4, 40, None, ConcernKind.VOICE, 2),
        AgendaConcern(5, 41, "ټ ډ ړ ږ ښ ګ ڼ ۍ ې ځ څ ي", ConcernKind.TEXT, 1),
    ),
    motions=(),
    outcomes=(),
    next_starts_at=None,
    next_timezone=None,
)


def test_the_font_the_install_brings_has_every_dari_and_pashto_letter() -> None:
    cmap = TTFont(charts.font_path()).getBestCmap()
    missing = [c for c in DARI_LETTERS + PASHTO_LETTERS + SIGNS if ord(c) not in cmap]
    assert missing == []


@pytest.mark.parametrize("lang", ["fa", "ps", "en"])
def test_the_chart_is_a_png_a_phone_shows_well_with_no_missing_glyph(lang: str) -> None:
    chart = charts.summary_chart(SUMMARY)
    with warnings.catch_warnings():
        # matplotlib warns "Glyph … missing from font(s)" and draws an empty box instead.
        warnings.simplefilter("error")
        png = charts.draw(chart, catalog(), lang)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    height, width, _channels = imread(io.BytesIO(png)).shape
    # As wide as a phone's screen in pixels, not taller than twice that, and far below the
    # 10 MB Telegram takes for a photo (members pay for their data).
    assert width == 1080
    assert 1000 <= height <= 2 * width
    assert len(png) < 500_000


def _drawn(text: str, lang: str | None = None) -> list[tuple[str, int]]:
    """What matplotlib draws for `text`: (character, glyph) in order from left to right."""
    font = FT2Font(str(charts.font_path()))
    font.set_size(15, charts.DPI)
    return [(item.char, item.glyph_index) for item in layout(text, font, language=lang)]


def _visible(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def _left_to_right(text: str, lang: str) -> str:
    """The characters as they stand on the chart, from the left (a letter drawn as a base and
    its dots counts once)."""
    order: list[str] = []
    for char, _glyph in _drawn(text, lang):
        if not order or order[-1] != char:
            order.append(char)
    return _visible("".join(order))


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        pytest.param("fa", Msg("summary-chart-attendance", {"count": 14}), id="fa-count"),
        pytest.param("fa", Msg("summary-chart-came-of", {"came": 10, "answered": 12}), id="fa"),
        pytest.param(
            "ps", Msg("summary-chart-concern", {"number": 12, "text": "ښځې ټولنه ګډون"}), id="ps"
        ),
        pytest.param("ps", Msg("summary-chart-dots", {"dots": 9}), id="ps-dots"),
        pytest.param("ps", "ړنګ ماڼۍ څرګند ږمنځ", id="ps-typed"),
        pytest.param("fa", "#۱۲ آب آشامیدنی", id="fa-starts-with-a-number"),
    ],
)
def test_labels_are_laid_out_right_to_left_as_the_bidi_algorithm_says(
    lang: str, label: Msg | str
) -> None:
    text = label if isinstance(label, str) else catalog().render(lang, label, plain=True)
    shown = charts.shown(text, lang)
    expected = _visible(get_display(shown))
    assert _left_to_right(shown, lang) == expected
    assert expected != _visible(shown)  # it really is reordered: right to left


RIGHT_JOINING = frozenset("ءآأؤإادذرزژوۀډړږۍ")  # joined to the letter before them only
WORDS = ("جلسه", "حاضری", "نقطه", "ښځې", "ټولنه", "ګډون", "څرګند", "ږمنځ", "ماڼۍ", "ړنګ", "ویلي")


def _joined(word: str, index: int) -> bool:
    """Whether the letter takes a joined form (initial, medial or final) in the word."""
    after_joiner = index > 0 and word[index - 1] not in RIGHT_JOINING
    before_letter = index < len(word) - 1 and word[index] not in RIGHT_JOINING
    return after_joiner or before_letter


def test_the_test_words_hold_every_pashto_letter() -> None:
    assert set(PASHTO_LETTERS) <= set("".join(WORDS))


@pytest.mark.parametrize("word", WORDS)
def test_letters_are_joined_as_the_reshaper_says_pashto_letters_too(word: str) -> None:
    reshaped = arabic_reshaper.reshape(word)
    assert len(reshaped) == len(word)  # no lam-alef ligature in these words
    drawn = _drawn(word)
    for index, letter in enumerate(word):
        forms = LETTERS_ARABIC.get(letter)
        around = word[max(index - 1, 0) : index + 2]
        if forms is not None and all(LETTERS_ARABIC.get(c, ("",))[ISOLATED] for c in around):
            # Where the reshaper knows the letter and its neighbours, it agrees on which join.
            assert (reshaped[index] != forms[ISOLATED]) == _joined(word, index), (word, letter)
        # Pashto's own letters have no presentation forms to reshape to: HarfBuzz, inside
        # matplotlib, draws their joined forms from the font.
        in_word = {glyph for char, glyph in drawn if char == letter}
        alone = {glyph for _char, glyph in _drawn(letter)}
        assert (in_word != alone) == _joined(word, index), (word, letter)


def test_a_label_loses_what_no_font_can_show_and_keeps_the_half_space() -> None:
    assert charts.shown("مکتب‌ها 中文 🇦🇫", "fa") == "\u200fمکتب\u200cها"
    assert charts.shown("Water 中", "en") == "\u200eWater"


def test_starting_the_bot_does_not_import_matplotlib() -> None:
    root = Path(__file__).resolve().parents[2]
    check = "import sys, bot.app, bot.jobs.outbox; print('matplotlib' in sys.modules)"
    found = subprocess.run(
        [sys.executable, "-c", check],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.strip() == "False"
