"""What a Dari or Pashto reader sees: every message laid out by the Unicode bidirectional
algorithm, line by line, the way Telegram does it (each line takes the direction of its first
strong character).

A command, a code or a date example must read as written (not `myorgs/`, not
`14:00 30-09-1405`), no line may start left-to-right, and no Latin digit may stand in
right-to-left text outside an isolate.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from bidi import get_display

from bot.i18n import RIGHT_TO_LEFT, Html, Msg, Zone, catalog, msg
from tests.fakes.telegram_html import parse_html
from tests.unit import test_catalog_limits as limits

LRI, RLI, FSI, PDI, RLM = "\u2066", "\u2067", "\u2068", "\u2069", "\u200f"
OPENERS = frozenset({LRI, RLI, FSI})
EMBEDDINGS = re.compile("[\u202a-\u202e]")

# What must reach the reader in the order it was written.
COMMAND = re.compile(r"(?<![\w/])/[a-z_]+")
USERNAME = re.compile(r"@\w+")
DIGIT = "[0-9۰-۹]"
DATE = re.compile(rf"{DIGIT}{{4}}-{DIGIT}{{2}}-{DIGIT}{{2}} {DIGIT}{{2}}:{DIGIT}{{2}}")
CLOCK = re.compile(rf"{DIGIT}{{1,2}}:{DIGIT}{{2}}")
CODE = re.compile(r"\b(?=[A-Za-z_]*[0-9_])(?=[0-9_]*[A-Za-z])[A-Za-z0-9_]{4,}\b")
LATIN_DIGIT = re.compile("[0-9]")
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
URL_LINE = re.compile(r"\s*https?://\S+\s*")


def outside_isolates(line: str) -> str:
    """The line with every isolate's content replaced by one neutral character."""
    out, depth = [], 0
    for char in line:
        if char in OPENERS:
            depth += 1
            if depth == 1:
                out.append(" ")
        elif char == PDI and depth:
            depth -= 1
        elif not depth:
            out.append(char)
    return "".join(out)


def base_direction(line: str) -> str:
    """L or R: the first strong character outside isolates (rules P2 and P3); none is L."""
    for char in outside_isolates(line):
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    return "L"


def isolate_contents(line: str) -> list[str]:
    """The innermost isolates' texts: each must read in its own order."""
    return re.findall(f"[{LRI}{RLI}{FSI}]([^{LRI}{RLI}{FSI}{PDI}]*){PDI}", line)


def must_read_as_written(line: str) -> set[str]:
    tokens = set()
    for pattern in (COMMAND, USERNAME, DATE, CLOCK, CODE):
        tokens.update(pattern.findall(line))
    for content in isolate_contents(line):
        # Latin or numbers in an isolate (a code, a date example, a count) read left to right
        # as a whole; a name people typed may be in any script and lays itself out.
        if content.strip() and not ARABIC_SCRIPT.search(content) and content.isprintable():
            tokens.add(content)
    return tokens


def problems(text: str) -> list[str]:
    """Each line of a message as Telegram shows it, and what is wrong with it."""
    found = []
    for line in parse_html(text).text.split("\n"):
        if not line.strip() or URL_LINE.fullmatch(line):
            continue  # a link alone on its line is read left to right, as a link
        direction = base_direction(line)
        # A line of numbers and symbols only (a day on a button, a clock) has no words to put
        # in order; a line with Dari or Pashto in it, even inside an isolate, must be right-to-left.
        has_words = any(unicodedata.bidirectional(char) in ("L", "R", "AL") for char in line)
        if direction == "L" and has_words:
            found.append(f"starts left-to-right: {line!r}")
        display = get_display(line, base_dir=direction)
        for token in must_read_as_written(line):
            if token not in display:
                found.append(f"{token!r} is shown reversed in: {line!r}")
        if LATIN_DIGIT.search(outside_isolates(line)):
            found.append(f"Latin digit outside an isolate: {line!r}")
        if EMBEDDINGS.search(line):
            found.append(f"embedding or override instead of an isolate: {line!r}")
    return found


def arguments(lang: str, key: str) -> dict[str, object]:
    """Sample arguments, as the code passes them (the commands list, the totals line)."""
    commands = sorted(name[4:] for name in catalog().keys(lang) if name.startswith("cmd-"))
    totals = Msg("attendance-total", limits.arguments(lang, "attendance-total"))
    return {
        **limits.arguments(lang, key),
        **{
            name: value
            for name, value in {
                "commands": catalog().command_lines(lang, commands),
                "total": Html(catalog().render(lang, totals)),
                "zone": Zone("Asia/Kabul"),
                "time": "14:00",
            }.items()
            if name in catalog().variables(lang, key)
        },
    }


def rendered(lang: str, key: str) -> list[str]:
    return limits.rendered(lang, key, arguments(lang, key))


@pytest.mark.parametrize("lang", sorted(RIGHT_TO_LEFT))
def test_every_message_reads_right_to_left(lang: str) -> None:
    found = {
        key: trouble
        for key in sorted(catalog().keys(lang))
        if key != "language-choose"  # three languages on one line, each in its own script
        for text in rendered(lang, key)
        if (trouble := problems(text))
    }
    assert found == {}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("با /myorgs ببینید", ["'/myorgs' is shown reversed"], id="bare-command"),
        pytest.param(f"با {LRI}/myorgs{PDI} ببینید", [], id="isolated-command"),
        pytest.param("/help همه را نشان می‌دهد", ["starts left-to-right"], id="command-first"),
        pytest.param(f"{RLM}{LRI}/help{PDI} — کمک", [], id="mark-first"),
        pytest.param(
            "مثلاً ۱۴۰۵-۰۹-۳۰ ۱۴:۰۰ بنویسید", ["'۱۴۰۵-۰۹-۳۰ ۱۴:۰۰' is shown"], id="bare-date"
        ),
        pytest.param("ظرفیت: 2 نفر", ["Latin digit"], id="latin-count"),
        pytest.param("ظرفیت: ۲ نفر", [], id="persian-count"),
        pytest.param(f"نام: {FSI}Balkh Media 24{PDI}", [], id="isolated-name"),
    ],
)
def test_the_check_sees_what_a_reader_sees(line: str, expected: list[str]) -> None:
    found = problems(line)
    assert len(found) == len(expected)
    for problem, start in zip(found, expected, strict=True):
        assert start in problem


@pytest.mark.parametrize("lang", sorted(RIGHT_TO_LEFT))
def test_numbers_take_persian_digits_and_the_arabic_separator(lang: str) -> None:
    text = catalog().text(lang, "pending-count", count=5000)
    assert "۵٬۰۰۰" in text
    assert "5.000" not in text and "5,000" not in text


def test_plural_forms_still_follow_the_number() -> None:
    assert catalog().text("ps", "pending-count", count=1).startswith("یو ")
    assert "1 members" not in catalog().text(
        "en", "members-list", name="x", count=1, page=1, pages=1
    )


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        pytest.param("en", "Kabul time", id="en"),
        pytest.param("fa", "وقت کابل", id="fa"),
        pytest.param("ps", "د کابل وخت", id="ps"),
    ],
)
def test_the_zone_is_a_place_name_not_the_iana_name(lang: str, label: str) -> None:
    text = catalog().render(lang, msg("meeting-ask-when", zone=Zone("Asia/Kabul")))
    assert label in text
    assert "Asia/Kabul" not in text
