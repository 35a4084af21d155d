"""The catalogs: complete in every language, escaping what people typed."""

import ast
from pathlib import Path

import pytest

from bot.i18n import LANGUAGES, Catalog, Html, Url, msg, pick_language

CATALOG = Catalog()
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_key_exists_in_every_language(lang: str) -> None:
    assert CATALOG.keys(lang) == CATALOG.keys("en")


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_placeholders_are_the_same_in_every_language(lang: str) -> None:
    for key in CATALOG.keys("en"):
        assert CATALOG.variables(lang, key) == CATALOG.variables("en", key), key


@pytest.mark.parametrize("lang", ["fa", "ps"])
def test_dari_and_pashto_are_translations_not_english_copies(lang: str) -> None:
    same = [
        key
        for key in CATALOG.keys("en")
        if key not in ("language-choose", "blank")
        # Only placeholders (a day number, a clock, a month and year) or a mark: no words.
        and key not in ("picker-month", "picker-day", "picker-clock", "picker-day-gone")
        and key != "picker-scheduled"
        and CATALOG.text(lang, key, **dict.fromkeys(CATALOG.variables("en", key), "X"))
        == CATALOG.text("en", key, **dict.fromkeys(CATALOG.variables("en", key), "X"))
    ]
    assert same == []


def _keys_used_in_code() -> set[str]:
    """Literal message keys passed to msg(), DomainError() and friends in bot/."""
    keys: set[str] = set()
    for path in (ROOT / "bot").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                first = node.args[0]
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if (
                    name in {"msg", "DomainError", "NotAllowed", "NotFound"}
                    and isinstance(first, ast.Constant)
                    and isinstance(first.value, str)
                ):
                    keys.add(first.value)
    return keys


def test_every_key_the_code_uses_is_in_the_catalog() -> None:
    missing = _keys_used_in_code() - CATALOG.keys("en")
    assert missing == set()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_commands_and_buttons_fit_telegrams_limits(lang: str) -> None:
    for key in CATALOG.keys(lang):
        text = CATALOG.text(lang, key, plain=True)
        if key.startswith("cmd-"):
            assert 3 <= len(text) <= 256, key
        if key.startswith("button-"):
            assert len(text) <= 40, key


def test_text_people_typed_is_escaped_in_html_messages() -> None:
    text = CATALOG.text("en", "join-done", name="<b>x</b> & y")
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in text
    assert "<b>" in text  # the catalog's own formatting stays


def test_plain_text_is_not_escaped_for_buttons_and_alerts() -> None:
    assert "a & b" in CATALOG.text("en", "member-removed", plain=True, name="a & b")


def test_nested_messages_render_in_the_same_language() -> None:
    text = CATALOG.text("fa", "register-kind-chosen", kind=msg("kind-media"))
    assert CATALOG.text("fa", "kind-media") in text


def test_html_fragments_pass_through() -> None:
    text = CATALOG.text("en", "help", commands=Html("<b>/x</b>"))
    assert "<b>/x</b>" in text


def test_names_are_isolated_so_they_keep_their_place_in_rtl_text() -> None:
    text = CATALOG.text("fa", "join-done", name="Balkh Media 24")
    assert "\u2068Balkh Media 24\u2069" in text


def test_links_are_not_wrapped_so_they_stay_clickable() -> None:
    link = Url("https://t.me/bot?start=join-abc")
    text = CATALOG.text("fa", "invite-link", name="x", link=link, code="abc", expires="y")
    assert "\nhttps://t.me/bot?start=join-abc\n" in text


@pytest.mark.parametrize(
    ("chosen", "hint", "expected"),
    [
        pytest.param("ps", "en", "ps", id="choice-wins"),
        pytest.param(None, "en-US", "en", id="telegram-hint"),
        pytest.param(None, "fa", "fa", id="persian-app-reads-dari"),
        pytest.param(None, "de", "fa", id="unknown-falls-back-to-default"),
        pytest.param(None, None, "fa", id="no-hint"),
    ],
)
def test_the_language_is_the_choice_then_telegrams_hint_then_the_default(
    chosen: str | None, hint: str | None, expected: str
) -> None:
    assert pick_language(chosen, hint, "fa") == expected
