"""Captions the bot sends stay within Telegram's 1,024 characters (UTF-16 units, counted after
the HTML is parsed), whatever people typed into them, and a cut never breaks what it keeps.

Telegram delivers a member's caption of up to 1,024 units; the bot puts its own words around
such text (a number, a heading, the meeting's title) and would otherwise have its sendPhoto
refused.
"""

from __future__ import annotations

import html
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.i18n import LANGUAGES, Html, Msg, Url, When, catalog, msg
from bot.markup import CAPTION_LIMIT, ELLIPSIS, render_caption, shorten, utf16_len
from tests.fakes.telegram_html import parse_html
from tests.property.delivered import within
from tests.unit.test_catalog_limits import AT

ZWNJ, ZWJ = "\u200c", "\u200d"
# What people type, in the pieces a cut could break: a surrogate pair, a half-space inside a
# word, vowel signs, emoji made of several characters, flags, and plain spaces.
PIECES = [
    "می\u200cآیم",
    "نه\u200cشم",
    "مکتب",
    "غونډه",
    "بِسْمِ",
    "😀",
    "👍🏽",
    "👨\u200d👩\u200d👧",
    "1\ufe0f\u20e3",
    "🇦🇫",
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
    "a",
    "&<>",
    " ",
    "\n",
]
TYPED = st.lists(st.sampled_from(PIECES), max_size=700).map("".join)
JOINED = frozenset({ZWNJ, ZWJ})
MARK = "\ue0ff"  # a private-use character: where the typed text goes in a caption


def splits_something(before: str, after: str) -> bool:
    """A cut between these two characters would split a character, word or emoji."""
    point = ord(after)
    return (
        before in JOINED
        or after in JOINED
        or unicodedata.category(after) in ("Mn", "Mc", "Me")
        or 0xFE00 <= point <= 0xFE0F
        or 0x1F3FB <= point <= 0x1F3FF
        or 0xE0020 <= point <= 0xE007F
        or (0x1F1E6 <= ord(before) <= 0x1F1FF and 0x1F1E6 <= point <= 0x1F1FF)
    )


@given(text=TYPED, limit=st.integers(1, 1100))
@example(text="😀" * 907, limit=CAPTION_LIMIT)  # 1,814 units in 907 characters
@example(text="می\u200cآیم " * 200, limit=CAPTION_LIMIT)
def test_a_cut_fits_keeps_a_prefix_and_splits_nothing(text: str, limit: int) -> None:
    cut = shorten(text, limit)
    assert utf16_len(cut) <= limit
    if utf16_len(text) <= limit:
        assert cut == text
        return
    assert cut.endswith(ELLIPSIS)
    kept = cut[: -len(ELLIPSIS)]
    assert text.startswith(kept)
    if kept:
        assert not splits_something(kept[-1], text[len(kept)])
        assert kept[-1] not in JOINED and not kept[-1].isspace()


def isolates_balanced(text: str) -> bool:
    depth = 0
    for char in text:
        if char in "\u2066\u2067\u2068":
            depth += 1
        elif char == "\u2069":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


# Every caption the bot sends, with what people typed in it: a meeting's title, a concern's
# caption quoted back.
CAPTIONS = {
    "summary-chart-caption": ("title",),
    "calendar-caption": ("title",),
    "export-caption-meeting": ("title",),
    "checkin-opened": ("title",),
    "concern-content-photo": ("caption",),
    "review-caption": (),
}
OTHER_PARAMS: dict[str, object] = {
    "file": msg("button-export-concerns"),
    "rows": 2_147_483_647,
    "when": When(AT, "Asia/Kabul"),
    "closes": When(AT, "Asia/Kabul"),
    "code": "ABCD-EFGH",
    "link": Url("https://t.me/shura_bot?start=checkin-ABCDEFGH"),
    "number": 2_147_483_647,
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", sorted(CAPTIONS))
@given(typed=TYPED)
@example(typed="😀" * 512)  # exactly Telegram's limit, in emoji
@example(typed=("می\u200cآیم " * 200)[:1024])
def test_a_caption_with_text_at_telegrams_limit_fits_and_keeps_the_catalogs_words(
    lang: str, key: str, typed: str
) -> None:
    typed = within(typed, CAPTION_LIMIT)
    params = {
        name: typed if name in CAPTIONS[key] else OTHER_PARAMS[name]
        for name in catalog().variables(lang, key)
    }
    text = render_caption(catalog(), lang, Msg(key, params))
    shown = parse_html(text).text  # Telegram would refuse malformed HTML
    assert utf16_len(shown) <= CAPTION_LIMIT
    assert isolates_balanced(text)
    # The catalog's own words are all there, around what people typed, which alone was cut.
    marked = {**params, **dict.fromkeys(CAPTIONS[key], MARK)}
    head, _, tail = parse_html(catalog().render(lang, Msg(key, marked))).text.partition(MARK)
    assert shown.startswith(head.lstrip()) and shown.endswith(tail.rstrip())


@given(notice=TYPED)
def test_a_caption_of_markup_alone_is_cut_as_plain_text(notice: str) -> None:
    # A notice passed as ready HTML cannot be cut inside: past the limit it goes as plain text.
    caption = msg("broadcast-notice", notice=Html(html.escape(notice, quote=False)))
    text = render_caption(catalog(), "fa", caption)
    assert utf16_len(parse_html(text).text) <= CAPTION_LIMIT
