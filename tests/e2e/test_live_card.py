"""A real `shura run`: a venue change edits the card a member already has, over HTTP."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from tests.e2e.conftest import COORDINATOR, BotProcess, JsonDict, plain
from tests.e2e.test_meeting_over_http import (
    KABUL,
    MEMBER,
    REGISTRANT,
    approved_organization,
    invitation_for,
    schedule_meeting,
)

NEW_VENUE = "Mazar Youth Centre"


def test_a_venue_change_edits_the_card_the_member_already_has(
    start_bot: Callable[[], BotProcess],
) -> None:
    bot = start_bot()
    api = bot.api
    api.user(REGISTRANT, "Mariam", language_code="fa")
    api.user(MEMBER, "Farid", language_code="en")
    code = approved_organization(bot)
    bot.send(MEMBER, f"/start join-{code}", replies=2)
    bot.press(MEMBER, "lang:set:en")
    starts = (datetime.now(KABUL) + timedelta(days=2)).replace(second=0, microsecond=0)
    meeting_id = schedule_meeting(bot, starts.strftime("%Y-%m-%d %H:%M"))
    card_id = invitation_for(bot, MEMBER, meeting_id)["message_id"]
    sent_before = len(bot.sent_messages(MEMBER))

    bot.send(COORDINATOR, "/editmeeting")
    asked_before = len(bot.sent_messages(COORDINATOR)) + len(bot.edits(COORDINATOR))
    bot.tap(COORDINATOR, f"mtg:field:{meeting_id}:venue")
    # The new venue is typed only once the question was asked, as a person would.
    bot.wait_for(
        "the venue question",
        lambda: len(bot.sent_messages(COORDINATOR)) + len(bot.edits(COORDINATOR)) > asked_before,
    )
    bot.send(COORDINATOR, NEW_VENUE)

    def edited() -> JsonDict | None:
        return next(
            (
                message
                for message in api.messages(MEMBER)
                if message["message_id"] == card_id and NEW_VENUE in plain(message["plain_text"])
            ),
            None,
        )

    card = bot.wait_for("the member's card edited with the new venue", edited)
    assert card is not None and card["reply_markup"] is not None  # still live
    notice = bot.wait_for(
        "the short notice",
        lambda: next(
            (m for m in bot.sent_messages(MEMBER)[sent_before:] if NEW_VENUE in plain(m["text"])),
            None,
        ),
    )
    assert "Balkh University, hall 2" in plain(notice["text"]) and "reply_markup" not in notice
    cards = [
        m
        for m in api.messages(MEMBER)
        if f"rsvp:go:{meeting_id}" in str((m.get("reply_markup") or {}).get("inline_keyboard"))
    ]
    assert [m["message_id"] for m in cards] == [card_id], "one live card"
    assert bot.interrupt() == 0, bot.diagnostics()
    api.assert_no_problems()
