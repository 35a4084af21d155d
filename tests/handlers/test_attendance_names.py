"""/attendance names people under each answer, by organization, a page at a time."""

from __future__ import annotations

from html import escape

import pytest

from bot.handlers.common import TEXT_LIMIT, plain_text
from bot.i18n import LANGUAGES, Html
from tests.handlers.conftest import COORDINATOR, Harness, plain
from tests.handlers.helpers import onboard
from tests.handlers.network import AMIR, JOHN, ZAHRA, Member, add_members, schedule


def names(*people: str) -> Html:
    return Html(", ".join(f"\u2068{escape(name, quote=False)}\u2069" for name in people))


def line(bot: Harness, lang: str, key: str, **params: object) -> str:
    return plain(plain_text(bot.app.bot_data["shura"].catalog.text(lang, key, **params)))


def rtl_names(*people: str) -> Html:
    return Html("، ".join(f"\u2068{escape(name, quote=False)}\u2069" for name in people))


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_attendance_names_people_under_their_answer_by_organization(
    bot: Harness, lang: str
) -> None:
    await onboard(bot, COORDINATOR)
    await add_members(bot)
    await add_members(
        bot, (Member(4_000_010, "en", "Eve <& co>"), Member(4_000_011, "en", "Farah")), "Aqsa Media"
    )
    meeting = await schedule(bot, "2026-12-03 10:00")
    await bot.send(COORDINATOR, "/language")
    await bot.press(COORDINATOR, f"lang:set:{lang}")
    await bot.forge(JOHN, f"rsvp:go:{meeting}")
    await bot.forge(AMIR, f"rsvp:maybe:{meeting}")
    await bot.forge(4_000_010, f"rsvp:no:{meeting}")
    await bot.send(COORDINATOR, "/attendance")

    shown = bot.last(COORDINATOR).split("\n")
    listed = names if lang == "en" else rtl_names
    aqsa = shown.index(next(s for s in shown if "Aqsa Media" in s))
    balkh = shown.index(next(s for s in shown if "Balkh Youth Network" in s))
    assert aqsa < balkh  # organizations by name
    assert shown[aqsa + 1] == line(bot, lang, "attendance-declined", names=listed("Eve <& co>"))
    assert shown[aqsa + 2] == line(bot, lang, "attendance-no-answer", names=listed("Farah"))
    assert shown[balkh + 1] == line(bot, lang, "attendance-going", names=listed("John"))
    assert shown[balkh + 2] == line(bot, lang, "attendance-maybe", names=listed("Amir"))
    # Zahra did not answer: named under "no answer".
    assert shown[balkh + 3] == line(bot, lang, "attendance-no-answer", names=listed("Zahra"))


async def test_the_waitlist_is_named_in_its_order(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-03 10:00", capacity="1")
    for person in (ZAHRA, JOHN, AMIR):
        await bot.forge(person, f"rsvp:go:{meeting}")
    await bot.send(COORDINATOR, "/attendance")
    shown = bot.last(COORDINATOR)
    assert line(bot, "en", "attendance-going", names=names("Zahra")) in shown
    assert line(bot, "en", "attendance-waitlist", names=names("John", "Amir")) in shown


async def test_a_coordinator_in_no_organization_who_answered_is_named_apart(
    bot: Harness,
) -> None:
    await onboard(bot, COORDINATOR)
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-03 10:00")
    await bot.forge(COORDINATOR, f"rsvp:go:{meeting}")
    await bot.send(COORDINATOR, "/attendance")
    shown = bot.last(COORDINATOR).split("\n")
    apart = shown.index(line(bot, "en", "attendance-no-organization"))
    assert shown[apart + 1] == line(
        bot, "en", "attendance-going", names=names(f"User {COORDINATOR}")
    )


async def test_many_organizations_are_paged_with_previous_and_next(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    for number in range(1, 11):
        member = Member(4_100_000 + number, "en", f"Person {number:02d}")
        await add_members(bot, (member,), f"Organization {number:02d}")
    meeting = await schedule(bot, "2026-12-03 10:00")
    await bot.send(COORDINATOR, "/attendance")
    first = bot.last(COORDINATOR)
    assert "Organization 08" in first and "Organization 09" not in first
    assert line(bot, "en", "attendance-page", page=1, pages=2) in first
    # The pages, then recording an answer for someone without a phone (bot.handlers.proxy).
    assert bot.data(COORDINATOR) == [f"mtg:attp:{meeting}:1", f"mo:ps:m:{meeting}"]

    await bot.press(COORDINATOR, f"mtg:attp:{meeting}:1")
    second = bot.last(COORDINATOR)
    assert "Organization 09" in second and "Person 10" in second
    assert "Organization 01" not in second
    assert bot.data(COORDINATOR) == [f"mtg:attp:{meeting}:0", f"mo:ps:m:{meeting}"]


async def test_a_large_organization_is_split_under_telegrams_limit(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    people = tuple(Member(4_200_000 + n, "en", f"{'Long' * 16} {n:03d}") for n in range(150))
    await add_members(bot, people, "Big Union")
    await schedule(bot, "2026-12-03 10:00")
    before = len(bot.api.sent("sendMessage", chat_id=COORDINATOR))
    await bot.send(COORDINATOR, "/attendance")
    sent = bot.api.sent("sendMessage", chat_id=COORDINATOR)[before:]
    assert len(sent) > 1  # the fake refuses anything over Telegram's limit
    shown = "\n".join(plain(m["plain_text"]) for m in bot.api.messages(COORDINATOR)[-len(sent) :])
    assert all(f"{'Long' * 16} {n:03d}" in shown for n in range(150))
    assert all(len(plain_text(call.params["text"])) <= TEXT_LIMIT for call in sent)


async def test_attendance_names_are_for_coordinators_only(bot: Harness) -> None:
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-03 10:00")
    await bot.send(JOHN, "/attendance")
    assert "Only coordinators" in bot.last(JOHN)
    await bot.forge(JOHN, f"mtg:attp:{meeting}:0")
    assert "Only coordinators" in bot.answers()[-1]["text"]


async def test_an_unknown_meeting_number_says_so(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await bot.send(COORDINATOR, "/attendance 999")
    assert bot.last(COORDINATOR) == "There is no meeting number 999. /meetings shows them."
