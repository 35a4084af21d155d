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


def clean_line(value: str | None, *, limit: int) -> str:
    """One line of text: trimmed, inner white space folded; refused if empty or too long."""
    text = _SPACES.sub(" ", _INVISIBLE.sub("", value or "")).strip()
    if not text:
        raise DomainError("error-empty")
    if len(text) > limit:
        raise DomainError("error-too-long", limit=limit, length=len(text))
    return text


def name_key(name: str) -> str:
    """The form two organization names are compared in: case, spaces and letter variants folded."""
    text = unicodedata.normalize("NFKC", name)
    text = _INVISIBLE.sub("", text)
    text = _DECORATION.sub("", text)
    text = text.translate(_LOOKALIKES).casefold()
    return _SPACES.sub(" ", text).strip()
