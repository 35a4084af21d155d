"""One live card per person: edited in place on a change, seats left, withdrawing, a note,
Google Calendar, the group's link to the card, and one card after unblocking."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.network import AMIR, JOHN, LATE, ZAHRA, add_members, schedule

GROUP = -100_777
MEMBER_OF = {"en": JOHN, "fa": AMIR, "ps": ZAHRA}
LANGUAGES = [pytest.param(lang, id=lang) for lang in MEMBER_OF]
NEW_VENUE = "Mazar Youth Centre"


def catalog(bot: Harness) -> Any:
    return bot.app.bot_data["shura"].catalog


def plain(text: str | None) -> str:
    return (text or "").translate(str.maketrans("", "", "\u2066\u2067\u2068\u2069\u200f"))


def message(bot: Harness, chat_id: int, message_id: int) -> dict[str, Any]:
    return next(m for m in bot.api.messages(chat_id) if m["message_id"] == message_id)


def live_cards(bot: Harness, chat_id: int, meeting_id: int = 1) -> list[dict[str, Any]]:
    """The bot's messages in the chat that still carry the answer buttons of the meeting."""
    found = []
    for m in bot.api.messages(chat_id):
        rows = (m.get("reply_markup") or {}).get("inline_keyboard", [])
        if any(b.get("callback_data") == f"rsvp:go:{meeting_id}" for row in rows for b in row):
            found.append(m)
    return found


async def invited(bot: Harness, *, capacity: str | None = None) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00", capacity=capacity)
    await bot.dispatch()


async def change_venue(bot: Harness) -> None:
    await bot.send(COORDINATOR, "/editmeeting")
    await bot.press(COORDINATOR, "mtg:field:1:venue")
    await bot.send(COORDINATOR, NEW_VENUE)
    await bot.dispatch()


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_venue_change_edits_the_card_the_member_has_and_a_short_notice_says_what(
    bot: Harness, lang: str
) -> None:
    member = MEMBER_OF[lang]
    await invited(bot)
    (card,) = live_cards(bot, member)
    sent_before = len(bot.api.sent("sendMessage", chat_id=member))

    await change_venue(bot)

    edited = message(bot, member, card["message_id"])
    assert NEW_VENUE in plain(edited["plain_text"]) and edited["edit_date"] is not None
    assert [m["message_id"] for m in live_cards(bot, member)] == [card["message_id"]]
    # One new message: the notice, with the old and the new venue and no buttons.
    assert len(bot.api.sent("sendMessage", chat_id=member)) == sent_before + 1
    notice = bot.api.last_message(member)
    text = plain(notice["plain_text"])
    assert "Balkh University, hall 2" in text and NEW_VENUE in text
    assert ("→" if lang == "en" else "←") in text
    assert notice["reply_markup"] is None
    venue_word = {"en": "Venue:", "fa": "محل:", "ps": "ځای:"}[lang]
    assert venue_word in text


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_cancelling_edits_the_card_to_say_so_without_buttons_and_sends_a_notice(
    bot: Harness, lang: str
) -> None:
    member = MEMBER_OF[lang]
    await invited(bot)
    (card,) = live_cards(bot, member)
    await bot.send(COORDINATOR, "/cancelmeeting")
    await bot.press(COORDINATOR, "mtg:cnl:1")
    await bot.dispatch()

    edited = message(bot, member, card["message_id"])
    assert edited["reply_markup"] is None
    cancelled = re.sub("<[^>]+>", "", catalog(bot).text(lang, "card-cancelled", card=""))
    assert plain(edited["plain_text"]).startswith(plain(cancelled).splitlines()[0])
    notice = plain(bot.api.last_message(member)["plain_text"])
    assert notice != plain(edited["plain_text"]) and live_cards(bot, member) == []


async def test_the_card_shows_the_seats_left_and_says_when_going_means_the_waitlist(
    bot: Harness,
) -> None:
    await invited(bot, capacity="2")
    assert "2 of 2 seats left" in plain(live_cards(bot, JOHN)[0]["plain_text"])
    await bot.press(JOHN, "rsvp:go:1", message_id=live_cards(bot, JOHN)[0]["message_id"])
    assert "1 of 2 seats left" in plain(live_cards(bot, JOHN)[0]["plain_text"])
    await bot.press(AMIR, "rsvp:go:1", message_id=live_cards(bot, AMIR)[0]["message_id"])
    full_fa = plain(catalog(bot).text("fa", "card-seats-full", capacity=2)).strip()
    assert full_fa in plain(live_cards(bot, AMIR)[0]["plain_text"])
    assert "۲" in full_fa  # Persian digits in Dari

    await bot.send(ZAHRA, "/next")
    full_ps = plain(catalog(bot).text("ps", "card-seats-full", capacity=2)).strip()
    assert full_ps in plain(bot.last(ZAHRA))
    await bot.send(JOHN, "/next")
    assert "Full: all 2 seats are taken. Going puts you on the waitlist." in bot.last(JOHN)


async def test_withdrawing_a_seat_gives_it_to_the_first_waiting_who_is_told(bot: Harness) -> None:
    await invited(bot, capacity="1")
    await bot.press(JOHN, "rsvp:go:1")
    await bot.press(AMIR, "rsvp:go:1")  # waits
    assert "rsvp:undo:1" in bot.data(JOHN)

    await bot.press(JOHN, "rsvp:undo:1")
    assert "You have not answered yet." in bot.last(JOHN)
    assert "rsvp:undo:1" not in bot.data(JOHN)
    assert bot.answers()[-1]["text"] == "Your answer was withdrawn."
    await bot.dispatch()
    assert "🎉" in bot.last(AMIR)
    # The promotion is Amir's card now; the invitation he tapped lost its buttons.
    (card,) = live_cards(bot, AMIR)
    assert card["message_id"] == bot.api.last_message(AMIR)["message_id"]
    await bot.send(COORDINATOR, "/attendance")
    assert "✅ 1 going" in bot.last(COORDINATOR) and "⏳ 0 waiting" in bot.last(COORDINATOR)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_cant_go_can_carry_a_note_that_coordinators_see_in_attendance(
    bot: Harness, lang: str
) -> None:
    member = MEMBER_OF[lang]
    await invited(bot)
    await bot.press(member, "rsvp:no:1")
    labels = bot.labels(member)
    assert plain(catalog(bot).text(lang, "button-add-note", plain=True)) in labels
    await bot.press(member, "rsvp:note:1")
    assert plain(catalog(bot).text(lang, "note-ask", title="x", limit=200)).split("«")[0][:8] in (
        bot.last(member)
    )
    await bot.send(member, "Travelling to Kabul that week")
    assert bot.last(member) == plain(catalog(bot).text(lang, "note-saved"))

    await bot.send(COORDINATOR, "/attendance")
    assert "Notes from people who can't come:" in bot.last(COORDINATOR)
    assert "Travelling to Kabul that week" in bot.last(COORDINATOR)
    await bot.send(member, "/next")
    assert "Travelling to Kabul that week" in bot.last(member)
    # A new answer drops the note: it went with Can't go.
    await bot.press(member, "rsvp:go:1")
    await bot.send(COORDINATOR, "/attendance")
    assert "Travelling to Kabul" not in bot.last(COORDINATOR)


async def test_a_note_needs_cant_go(bot: Harness) -> None:
    await invited(bot)
    await bot.press(JOHN, "rsvp:go:1")
    await bot.forge(JOHN, "rsvp:note:1")
    assert "Tap ❌ Can't go first" in bot.answers()[-1]["text"]


async def test_the_google_calendar_button_is_a_correct_link_within_telegrams_limits(
    bot: Harness,
) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00", agenda="امنیت؛ بودجه؛ " * 70)
    await bot.dispatch()
    (card,) = live_cards(bot, AMIR)
    buttons = [b for row in card["reply_markup"]["inline_keyboard"] for b in row]
    (google,) = [b for b in buttons if "url" in b]
    url = google["url"]
    assert url.startswith("https://calendar.google.com/calendar/render?") and len(url) <= 2000
    query = parse_qs(urlsplit(url).query)
    # 10:00 in Kabul (UTC+4:30) is 05:30 UTC; the calendar entry lasts SHURA_MEETING_LENGTH.
    assert query["dates"] == ["20261203T053000Z/20261203T073000Z"]
    assert query["action"] == ["TEMPLATE"] and query["ctz"] == ["Asia/Kabul"]
    assert query["text"] == ["Monthly coordination meeting"]
    assert query["location"] == ["Balkh University, hall 2"]
    assert query["details"][0].startswith("امنیت؛ بودجه؛")
    assert " " not in url and "؛" not in url  # encoded
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons if "callback_data" in b)


async def test_the_group_notice_opens_the_card_in_private_for_members_only(
    bot: Harness,
) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/bindgroup", chat_id=GROUP, chat_type="supergroup")
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    notice = bot.api.last_message(GROUP)
    (button,) = [b for row in notice["reply_markup"]["inline_keyboard"] for b in row]
    assert button["url"] == "https://t.me/shura_test_bot?start=meeting-1"

    await bot.send(JOHN, "/start meeting-1")
    assert "Monthly coordination meeting" in bot.last(JOHN)
    assert "rsvp:go:1" in bot.data(JOHN)
    await bot.dispatch()
    assert len(live_cards(bot, JOHN)) == 1, "the invitation lost its buttons"

    await bot.send(LATE, "/start meeting-1")
    assert any("only for members of the network" in t for t in bot.texts(LATE))
    assert live_cards(bot, LATE) == [] and "Balkh University" not in " ".join(bot.texts(LATE))
    await bot.send(LATE, "/start meeting-999999999999")
    assert "only for members of the network" in bot.texts(LATE)[-2]


async def test_next_moves_the_live_card_and_the_old_one_loses_its_buttons(bot: Harness) -> None:
    await invited(bot)
    (invitation,) = live_cards(bot, JOHN)
    await bot.send(JOHN, "/next")
    await bot.dispatch()
    (card,) = live_cards(bot, JOHN)
    assert card["message_id"] > invitation["message_id"]
    assert message(bot, JOHN, invitation["message_id"])["reply_markup"] is None
    await change_venue(bot)
    assert NEW_VENUE in plain(message(bot, JOHN, card["message_id"])["plain_text"])
    assert NEW_VENUE not in plain(message(bot, JOHN, invitation["message_id"])["plain_text"])


async def test_a_card_the_member_deleted_is_sent_again_when_the_meeting_changes(
    bot: Harness,
) -> None:
    await invited(bot)
    (card,) = live_cards(bot, JOHN)
    bot.api.delete_by_user(JOHN, card["message_id"])
    await change_venue(bot)
    bot.api.expect_problem("editMessageText(")
    bot.api.expect_problem("message to edit not found")  # the retired copy is gone too
    (fresh,) = live_cards(bot, JOHN)
    assert NEW_VENUE in plain(fresh["plain_text"])
    await change_venue(bot)  # the same venue again: the cards read so already, and that is fine
    for _ in range(3):
        bot.api.expect_problem("message is not modified")
    assert len(live_cards(bot, JOHN)) == 1


async def test_someone_who_unblocks_the_bot_gets_one_card_not_two(bot: Harness) -> None:
    await add_members(bot)
    bot.api.block(JOHN)
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    await bot.press(AMIR, "rsvp:go:1")
    await change_venue(bot)
    bot.api.expect_problem("blocked")
    bot.api.start_chat(JOHN)
    await bot.send(JOHN, "/start")
    await bot.dispatch()
    await bot.dispatch()
    (card,) = live_cards(bot, JOHN)
    assert NEW_VENUE in plain(card["plain_text"])
    assert not any("Changed" in t for t in bot.texts(JOHN))
