"""Every catalog message, in every language, with the longest arguments the code lets through.

Fluent shows "{???}" for a placeable over 2,500 characters and Telegram refuses a message over
4,096 characters (counted after it parses the HTML): neither may happen, whatever people typed.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.handlers.common import TEXT_LIMIT, Lines, render_lines
from bot.handlers.members import chunk_lines
from bot.i18n import LANGUAGES, Html, Msg, Url, When, Zone, catalog, msg
from bot.services import meetings
from bot.services.agenda import AGENDA_SIZE
from bot.services.text import CONTACT_LIMIT, FOCUS_LIMIT, NAME_LIMIT, PLACE_LIMIT, REASON_LIMIT
from bot.views import AGENDA_TEXT_LENGTH, AgendaLine, card
from db.models import Meeting, MeetingStatus
from tests.fakes.telegram_html import parse_html, utf16_len

# Escaping makes "&" five characters in HTML; an emoji is two UTF-16 units for Telegram.
HOSTILE = "&<😀ن\u200c>"


def typed(limit: int) -> str:
    return (HOSTILE * limit)[:limit]


AT = datetime(2031, 11, 30, 23, 59, tzinfo=UTC)
BIG = 2_147_483_647
TELEGRAM_NAME = 64 + 1 + 64  # first and last name, as Telegram allows them


def longest_meeting() -> Meeting:
    return Meeting(
        id=BIG,
        title=typed(meetings.TITLE_LIMIT),
        starts_at=AT,
        timezone="America/Argentina/ComodRivadavia",
        venue=typed(meetings.VENUE_LIMIT),
        agenda=typed(meetings.AGENDA_LIMIT),
        capacity=meetings.CAPACITY_LIMIT,
        rsvp_deadline=AT,
        status=MeetingStatus.SCHEDULED,
        revision=0,
    )


# The stored agenda at its longest: every concern's text as long as the card shows it.
LONGEST_AGENDA = [AgendaLine(BIG, BIG, typed(1000)) for _ in range(AGENDA_SIZE)]
WHEN = When(AT, "America/Argentina/ComodRivadavia")
BY_NAME: dict[str, object] = {
    "name": typed(TELEGRAM_NAME),
    "org": typed(NAME_LIMIT),
    "registrant": typed(TELEGRAM_NAME),
    "names": ", ".join([typed(NAME_LIMIT)] * 10),
    "title": typed(meetings.TITLE_LIMIT),
    "titles": ", ".join([typed(meetings.TITLE_LIMIT)] * 10),
    "venue": typed(meetings.VENUE_LIMIT),
    "agenda": msg("meeting-agenda-line", agenda=typed(meetings.AGENDA_LIMIT)),
    "focus": typed(FOCUS_LIMIT),
    "contact": typed(CONTACT_LIMIT),
    "reason": typed(REASON_LIMIT),
    "district": typed(PLACE_LIMIT),
    "province": typed(PLACE_LIMIT),
    "username": "@" + "u" * 32,
    "reference": typed(40),
    "text": typed(40),
    "note": typed(REASON_LIMIT),
    "code": "x" * 10,
    "link": Url("https://t.me/" + "b" * 32 + "?start=join-" + "x" * 10),
    "id": str(BIG),
    "when": WHEN,
    "next": WHEN,
    "expires": When(AT, "Asia/Kabul", date_only=True),
    "deadline": msg("meeting-deadline-line", deadline=WHEN),
    "capacity": msg("meeting-seats-line", capacity=meetings.CAPACITY_LIMIT, free=BIG),
    "card": card(longest_meeting(), seats_taken=0, frozen=LONGEST_AGENDA),
    "kind": msg("kind-media"),
    "status": msg("status-suspended"),
    "role": msg("role-admin-delegate"),
    "answer": msg("rsvp-answer-waitlist", position=BIG),
    "intro": msg("welcome-coordinator"),
    "calendar": msg("series-calendar-solar_hijri"),
    "week": msg("series-week-4"),
    "weekday": msg("weekday-2"),
    "rule": msg(
        "series-rule",
        week=msg("series-week-4"),
        weekday=msg("weekday-2"),
        calendar=msg("series-calendar-solar_hijri"),
        time="23:59",
    ),
    "time": "23:59",
    "zone": Zone("America/Argentina/ComodRivadavia"),
    "seats": msg("seat-given", title=typed(meetings.TITLE_LIMIT)),
    "who": typed(TELEGRAM_NAME),
    "total": Html("✅ " + "9" * 10 + " ·" * 40),
    "commands": Html("\n".join(f"/command{n} — " + "d" * 256 for n in range(12))),
    "language": "English",
}
# Where a name means something else in one message.
BY_KEY: dict[tuple[str, str], object] = {
    ("meeting-capacity-line", "capacity"): meetings.CAPACITY_LIMIT,
    ("meeting-seats-line", "capacity"): meetings.CAPACITY_LIMIT,
    ("meeting-agenda-line", "agenda"): typed(meetings.AGENDA_LIMIT),
    ("meeting-deadline-line", "deadline"): WHEN,
    ("card-agenda", "note"): msg("meeting-agenda-line", agenda=typed(meetings.AGENDA_LIMIT)),
    ("card-agenda", "items"): msg("blank"),
    ("card-agenda-item", "text"): typed(AGENDA_TEXT_LENGTH),
    ("card-agenda-item", "rest"): msg("blank"),
}
# Messages with a list in them, and the line each list is made of.
LISTS_SPLIT = {
    "orgs": "orgs-line",
    "attendance": "attendance-org",
    "meetings-list": "meetings-line",
}
LISTS_CHUNKED = {"myorgs": "myorgs-line", "mydata": "mydata-name"}


def arguments(lang: str, key: str) -> dict[str, object]:
    names = catalog().variables(lang, key)
    return {name: BY_KEY.get((key, name), BY_NAME.get(name, BIG)) for name in names}


def line_of(lang: str, key: str) -> str:
    return catalog().render(lang, Msg(key, arguments(lang, key)))


def telegram_length(text: str) -> int:
    return utf16_len(parse_html(text).text)


def rendered(lang: str, key: str, params: dict[str, object] | None = None) -> list[str]:
    """What a person can be sent under this key, as the code sends it."""
    params = arguments(lang, key) if params is None else dict(params)
    if key in LISTS_SPLIT:
        lines = [Html(line_of(lang, LISTS_SPLIT[key]))] * 100
        params.pop("lines", None)
        return render_lines(catalog(), lang, Lines(Msg(key, params), lines))
    if key in LISTS_CHUNKED:
        chunks = chunk_lines([line_of(lang, LISTS_CHUNKED[key])] * 100)
        return [catalog().render(lang, Msg(key, {**params, "lines": chunk})) for chunk in chunks]
    return [catalog().render(lang, Msg(key, params))]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_with_the_longest_arguments_renders_and_fits(lang: str) -> None:
    broken, too_long = [], []
    for key in sorted(catalog().keys(lang)):
        for text in rendered(lang, key):
            if "{???}" in text:
                broken.append(key)
            if telegram_length(text) > TEXT_LIMIT:
                too_long.append((key, telegram_length(text)))
    assert broken == []
    assert too_long == []


def test_a_long_list_really_is_more_than_one_message() -> None:
    assert len(rendered("en", "orgs")) > 1
    assert len(rendered("fa", "attendance")) > 1
