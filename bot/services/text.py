"""Cleaning what people type: limits, empty answers and look-alike letters."""

from __future__ import annotations

import re
import unicodedata

from bot.services.errors import DomainError

NAME_LIMIT = 100
PLACE_LIMIT = 100
FOCUS_LIMIT = 300
CONTACT_LIMIT = 200
REASON_LIMIT = 500

# Zero-width and bidi control characters: invisible, so they must not make two names differ.
_INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# What is dropped from typed text: the same, except the zero-width non-joiner and joiner. The
# half-space (ZWNJ) is part of Dari and Pashto spelling (می‌آیم), so it is kept as typed.
_DROPPED = re.compile("[\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# Arabic diacritics and the tatweel (kashida) only change how a word looks.
_DECORATION = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LOOKALIKES = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh → Persian yeh
        "ى": "ی",  # alef maksura → Persian yeh
        "ئ": "ی",
        "ك": "ک",  # Arabic kaf → keheh
        "ة": "ه",  # teh marbuta → heh
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
    }
)
_SPACES = re.compile(r"\s+")
_INLINE_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029]")
# Tabs and line breaks are white space people paste; other control characters (NUL, escape,
# C1 controls) are not text, and PostgreSQL refuses a NUL in a text column.
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0b\x0c")


def refuse_control_characters(text: str) -> None:
    """Refuse text with control characters (other than tabs and line breaks) or broken
    UTF-16 (a lone surrogate), with a reason the person can act on."""
    for char in text:
        if char in _ALLOWED_CONTROLS:
            continue
        if unicodedata.category(char) in ("Cc", "Cs"):
            raise DomainError("error-control-character")


def _visible(text: str) -> bool:
    return bool(_INVISIBLE.sub("", text).strip())


def clean_line(value: str | None, *, limit: int) -> str:
    """One line of text: trimmed, inner white space folded; refused if empty, too long or
    holding control characters. Formatting characters people type (ZWNJ) are kept."""
    text = value or ""
    refuse_control_characters(text)
    text = _SPACES.sub(" ", _DROPPED.sub("", text)).strip()
    if not _visible(text):
        raise DomainError("error-empty")
    if len(text) > limit:
        raise DomainError("error-too-long", limit=limit, length=len(text))
    return text


def clean_text(value: str | None, *, limit: int) -> str:
    """Several lines (an agenda): line breaks kept, each line trimmed, runs of blank lines
    shortened to one; refused like clean_line."""
    text = _LINE_BREAKS.sub("\n", value or "")
    refuse_control_characters(text)
    lines = [_INLINE_SPACES.sub(" ", line).strip() for line in _DROPPED.sub("", text).split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    if not _visible(text):
        raise DomainError("error-empty")
    if len(text) > limit:
        raise DomainError("error-too-long", limit=limit, length=len(text))
    return text


def name_key(name: str) -> str:
    """The form two organization names are compared in: case, spaces and letter variants folded."""
    text = unicodedata.normalize("NFKC", name)
    # The half-space separates the parts of one word (شبکه‌کودکان) where another writer, or a
    # keyboard without it, puts a space: the same name either way.
    text = text.replace("\u200c", " ")
    text = _INVISIBLE.sub("", text)
    text = _DECORATION.sub("", text)
    text = text.translate(_LOOKALIKES).casefold()
    return _SPACES.sub(" ", text).strip()
