"""What a person reading Dari, Pashto or English must see: the catalog's text, as shown."""

from __future__ import annotations

import re

import pytest

from bot.app import runtime
from bot.handlers.common import plain_text
from db.models import Person
from db.session import transaction
from tests.handlers.conftest import Harness, plain
from tests.handlers.network import AMIR, JOHN, ZAHRA

# The members of the test network (tests.handlers.network), one per language.
IN_EACH_LANGUAGE = [
    pytest.param(JOHN, "en", id="en"),
    pytest.param(AMIR, "fa", id="fa"),
    pytest.param(ZAHRA, "ps", id="ps"),
]
LANGUAGES = [pytest.param(lang, id=lang) for lang in ("en", "fa", "ps")]
SECOND = 7_000_000_002  # a coordinator besides the configured one
_ASCII_DIGIT = re.compile(r"[0-9]")


async def coordinator_in(bot: Harness, tg_user_id: int, lang: str) -> None:
    """A coordinator promoted earlier, who reads the bot in `lang` and has started it."""
    bot.api.user(tg_user_id, "Nadia", language_code=lang)
    bot.api.start_chat(tg_user_id)
    async with transaction(runtime(bot.app).sessions) as session:
        session.add(
            Person(
                tg_user_id=tg_user_id,
                first_name="Nadia",
                language=lang,
                reachable=True,
                is_coordinator=True,
                created_at=bot.clock.now(),
            )
        )


def said(bot: Harness, lang: str, key: str, **params: object) -> str:
    """A message of the catalog as the person reads it: tags and bidi isolates dropped.

    In Dari and Pashto it must be a translation: the English text there would be a bug.
    """
    catalog = runtime(bot.app).catalog
    text = plain(plain_text(catalog.text(lang, key, **params)).strip())
    if lang != "en":
        english = plain(plain_text(catalog.text("en", key, **params)).strip())
        assert text != english, f"{key} is not translated into {lang}"
    return text


def assert_reads(text: str, *parts: str) -> None:
    """A Dari or Pashto `text` holds each of `parts` and writes every number in Persian digits."""
    assert [part for part in parts if part not in text] == [], text
    assert not _ASCII_DIGIT.search(text), text


def last_answer(bot: Harness) -> str:
    """The text of the latest answer to a button press, as the person reads it."""
    answers = bot.answers()
    assert answers, "the button press was never answered"
    return plain(answers[-1].get("text", ""))
