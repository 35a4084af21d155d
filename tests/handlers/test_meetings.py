"""Scheduling a meeting, invitations, RSVP, the waitlist and reminders, moving the clock."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.i18n.calendar import solar_hijri_month_name
from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.network import AMIR, JOHN, LATE, ZAHRA, Member, add_members, schedule

# 1405-09-30 14:00 in Kabul (UTC+4:30) is 2026-12-21 09:30 UTC; the clock starts 2026-12-01.
MEETING_AT = datetime(2026, 12, 21, 9, 30, tzinfo=UTC)


def invitations_to(bot: Harness, chat_id: int) -> list[str]:
    return [t for t in bot.texts(chat_id) if "🗓" in t]


async def test_a_coordinator_schedules_with_a_solar_hijri_date_and_sees_a_preview(
    bot: Harness,
) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.send(COORDINATOR, "Monthly coordination meeting")
    await bot.send(COORDINATOR, "۱۴۰۵-۰۹-۳۰ ۱۴:۰۰")
    await bot.send(COORDINATOR, "Balkh University, hall 2")
    await bot.press(COORDINATOR, "mtg:skip:place")
    await bot.press(COORDINATOR, "mtg:skip:agenda")
    await bot.send(COORDINATOR, "40")
    await bot.press(COORDINATOR, "mtg:skip:deadline")
    preview = bot.last(COORDINATOR)
    assert "Please check the meeting" in preview
    assert "Monday 21 December 2026, 14:00 (Kabul time)" in preview
    assert "40 seats" in preview
    await bot.press(COORDINATOR, "mtg:save")
    assert "Invitations will go to the 3 members" in bot.last(COORDINATOR)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        pytest.param("2026-02-30 14:00", "not a real date", id="february-30"),
        pytest.param("1405-13-01 14:00", "not a real date", id="month-13"),
        pytest.param("tomorrow-ish", "could not read", id="words"),
        pytest.param("2026-11-30 14:00", "already passed", id="past"),
    ],
)
async def test_bad_dates_are_explained_and_asked_again(
    bot: Harness, answer: str, expected: str
) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.send(COORDINATOR, "Meeting")
    await bot.send(COORDINATOR, answer)
    assert expected in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "2026-12-21 14:00")
    assert "Where?" in bot.last(COORDINATOR)


@pytest.mark.parametrize("answer", ["0", "-3", "ten", "2.5"])
async def test_bad_capacities_are_refused(bot: Harness, answer: str) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/newmeeting")
    for text in ("Meeting", "2026-12-21 14:00", "Hall"):
        await bot.send(COORDINATOR, text)
    await bot.press(COORDINATOR, "mtg:skip:place")
    await bot.press(COORDINATOR, "mtg:skip:agenda")
    await bot.send(COORDINATOR, answer)
    assert "not a number of seats" in bot.last(COORDINATOR)


async def test_a_deadline_after_the_meeting_is_refused(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/newmeeting")
    for text in ("Meeting", "2026-12-21 14:00", "Hall"):
        await bot.send(COORDINATOR, text)
    await bot.press(COORDINATOR, "mtg:skip:place")
    await bot.press(COORDINATOR, "mtg:skip:agenda")
    await bot.press(COORDINATOR, "mtg:skip:capacity")
    await bot.send(COORDINATOR, "2026-12-22 10:00")
    assert "before the meeting starts" in bot.last(COORDINATOR)


async def test_only_coordinators_schedule(bot: Harness) -> None:
    await add_members(bot)
    for command in ("/newmeeting", "/series", "/attendance", "/deliveries", "/cancelmeeting"):
        await bot.send(JOHN, command)
        assert "Only coordinators" in bot.last(JOHN), command


async def test_invitations_go_out_a_week_before_in_each_members_language(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot)
    await bot.dispatch()
    assert invitations_to(bot, JOHN) == []  # three weeks ahead: not yet

    bot.clock.set(MEETING_AT - timedelta(days=7) - timedelta(minutes=1))
    await bot.dispatch()
    assert invitations_to(bot, JOHN) == []
    bot.clock.advance(timedelta(minutes=1))
    await bot.dispatch()

    english = bot.last(JOHN)
    assert "You are invited" in english and "Monday 21 December 2026, 14:00" in english
    assert bot.labels(JOHN) == [
        "✅ Going",
        "🤔 Maybe",
        "❌ Can't go",
        "📅 Add to calendar",
        "🗓 Add to Google Calendar",
        "🗳 Agenda",
    ]
    dari = bot.last(AMIR)
    assert solar_hijri_month_name(9, "fa") in dari and "۱۴۰۵" in dari
    pashto = bot.last(ZAHRA)
    assert solar_hijri_month_name(9, "ps") in pashto
    assert bot.labels(ZAHRA)[0] != "✅ Going"  # Pashto buttons
    for member in (AMIR, ZAHRA, JOHN):
        assert len(invitations_to(bot, member)) == 1
    await bot.dispatch()  # nothing is sent twice
    assert len(bot.api.sent("sendMessage", chat_id=JOHN)) == 1


async def test_a_meeting_sooner_than_the_lead_invites_at_once(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    assert len(invitations_to(bot, JOHN)) == 1


async def test_rsvp_edits_the_invitation_and_answers_every_tap(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    invitation = bot.api.last_message(JOHN)["message_id"]
    before = len(bot.answers())
    await bot.press(JOHN, "rsvp:go:1", message_id=invitation)
    assert "Your answer: ✅ Going" in bot.last(JOHN)
    await bot.press(JOHN, "rsvp:go:1", message_id=invitation)  # the same tap again
    await bot.press(JOHN, "rsvp:maybe:1", message_id=invitation)
    assert "Your answer: 🤔 Maybe" in bot.last(JOHN)
    assert len(bot.answers()) - before == 3
    assert len(bot.api.sent("editMessageText", chat_id=JOHN)) == 2
    await bot.send(JOHN, "/next")
    assert "Your answer: 🤔 Maybe" in bot.last(JOHN)


async def test_a_full_meeting_keeps_a_fair_waitlist_and_promotes_in_order(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00", capacity="1")
    await bot.dispatch()
    await bot.press(JOHN, "rsvp:go:1")
    await bot.press(AMIR, "rsvp:go:1")
    await bot.press(ZAHRA, "rsvp:go:1")
    catalog = bot.app.bot_data["shura"].catalog
    waiting = catalog.text("ps", "rsvp-answer-waitlist", position=2, plain=True)
    assert bot.answers()[-1]["text"] == waiting
    await bot.send(COORDINATOR, "/attendance")
    assert "✅ 1 going" in bot.last(COORDINATOR) and "⏳ 2 waiting" in bot.last(COORDINATOR)

    await bot.press(JOHN, "rsvp:no:1")
    await bot.dispatch()
    promoted = bot.last(AMIR)
    assert bot.app.bot_data["shura"].catalog.text("fa", "button-going") in bot.labels(AMIR)
    assert "🎉" in promoted
    await bot.press(ZAHRA, "rsvp:go:1")  # the same tap: her place is shown
    assert "شمېره ۱ ده" in bot.answers()[-1]["text"]  # now first on the waitlist
    assert not any("🎉" in t for t in bot.texts(JOHN))


async def test_reminders_go_to_going_and_maybe_and_a_nudge_to_the_silent(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot)
    bot.clock.set(MEETING_AT - timedelta(days=7))
    await bot.dispatch()
    await bot.press(JOHN, "rsvp:go:1")
    await bot.press(AMIR, "rsvp:no:1")

    bot.clock.set(MEETING_AT - timedelta(days=3))
    await bot.dispatch()
    assert len(invitations_to(bot, ZAHRA)) == 2  # the invitation, then the nudge
    assert len(invitations_to(bot, JOHN)) == 1  # answered: no nudge
    assert len(invitations_to(bot, AMIR)) == 1

    bot.clock.set(MEETING_AT - timedelta(days=1))
    await bot.dispatch()
    assert "Reminder" in bot.last(JOHN)
    assert len(invitations_to(bot, AMIR)) == 1  # declined: no reminder
    assert len(invitations_to(bot, ZAHRA)) == 2  # no answer: no reminder

    bot.clock.set(MEETING_AT - timedelta(hours=2))
    await bot.dispatch()
    assert len([t for t in bot.texts(JOHN) if "Reminder" in t]) == 2


async def test_a_reminder_that_is_too_late_is_dropped_not_sent_late(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    await bot.press(JOHN, "rsvp:go:1")
    # The bot is down from before the 1-day reminder until after the meeting started.
    bot.clock.set(datetime(2026, 12, 3, 6, 0, tzinfo=UTC))
    await bot.dispatch()
    assert [t for t in bot.texts(JOHN) if "Reminder" in t] == []


async def test_after_downtime_a_reminder_still_useful_is_sent_once(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    await bot.press(JOHN, "rsvp:go:1")
    # Down across the 1-day reminder; back 3 hours before the meeting (05:30 UTC).
    bot.clock.set(datetime(2026, 12, 3, 2, 30, tzinfo=UTC))
    await bot.dispatch()
    await bot.dispatch()
    assert len([t for t in bot.texts(JOHN) if "Reminder" in t]) == 1


async def test_a_member_who_joins_later_gets_the_invitation_on_joining(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    from tests.handlers.helpers import invite_code

    code = await invite_code(bot, AMIR)
    await bot.send(LATE, f"/start join-{code}")
    await bot.dispatch()
    assert len(invitations_to(bot, LATE)) == 1
    await bot.dispatch()
    assert len(invitations_to(bot, LATE)) == 1


async def test_add_to_calendar_sends_an_ics_file_with_a_stable_uid(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    await bot.press(JOHN, "rsvp:ics:1")
    document = bot.api.last_message(JOHN)["document"]
    content = document["content"].decode()
    assert document["file_name"] == "meeting-1.ics"
    assert "UID:meeting-1@shura_test_bot.t.me" in content
    assert "DTSTART;TZID=Asia/Kabul:20261203T100000" in content
    assert "BEGIN:VTIMEZONE" in content


async def test_a_tap_after_the_deadline_is_refused(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-10 10:00", deadline="2026-12-05 18:00")
    bot.clock.set(datetime(2026, 12, 4, tzinfo=UTC))
    await bot.dispatch()
    bot.clock.set(datetime(2026, 12, 6, tzinfo=UTC))
    await bot.press(JOHN, "rsvp:go:1")
    answer = bot.answers()[-1]
    assert answer["show_alert"] is True and "closed" in answer["text"]


async def test_forged_and_stale_meeting_buttons_are_refused(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(JOHN, "/next")
    await bot.forge(JOHN, "rsvp:go:999")
    assert "no longer valid" in bot.answers()[-1]["text"]
    await bot.forge(JOHN, "rsvp:fly:1")
    assert "no longer valid" in bot.answers()[-1]["text"]
    await bot.forge(JOHN, "mtg:cnl:1")
    assert "Only coordinators" in bot.answers()[-1]["text"]


async def test_cancelling_tells_everyone_invited_and_stops_reminders(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    await bot.press(JOHN, "rsvp:go:1")
    await bot.send(COORDINATOR, "/cancelmeeting")
    await bot.press(COORDINATOR, "mtg:cnl:1")
    await bot.dispatch()
    assert "Cancelled:" in bot.last(JOHN)
    bot.clock.set(datetime(2026, 12, 2, 10, 0, tzinfo=UTC))
    await bot.dispatch()
    assert [t for t in bot.texts(JOHN) if "Reminder" in t] == []
    await bot.forge(JOHN, "rsvp:go:1")  # the card lost its buttons: an old copy of one
    assert "was cancelled" in bot.answers()[-1]["text"]


async def test_editing_the_time_tells_the_invited_and_moves_the_reminders(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    await bot.press(JOHN, "rsvp:go:1")
    await bot.send(COORDINATOR, "/editmeeting")
    await bot.press(COORDINATOR, "mtg:field:1:time")
    await bot.send(COORDINATOR, "2026-12-05 10:00")
    assert "Changed" in bot.last(COORDINATOR)
    await bot.dispatch()
    assert "Time: Thursday 3 December 2026" in bot.last(JOHN)
    assert "Saturday 5 December 2026" in bot.last(JOHN)
    # The old 1-day reminder (2 December 05:30 UTC) must not come.
    bot.clock.set(datetime(2026, 12, 2, 6, 0, tzinfo=UTC))
    await bot.dispatch()
    assert [t for t in bot.texts(JOHN) if "Reminder" in t] == []
    bot.clock.set(datetime(2026, 12, 4, 6, 0, tzinfo=UTC))
    await bot.dispatch()
    assert len([t for t in bot.texts(JOHN) if "Reminder" in t]) == 1


async def test_deliveries_counts_sent_unreachable_failed_and_pending(bot: Harness) -> None:
    members = (
        Member(JOHN, "en", "John"),
        Member(AMIR, "fa", "Amir"),
        Member(ZAHRA, "ps", "Zahra"),
        Member(LATE, "en", "Late"),
    )
    await add_members(bot, members)
    bot.auto_dispatch = False
    await schedule(bot, "2026-12-03 10:00")
    bot.api.block(AMIR)
    bot.api.fail_next(
        "sendMessage",
        error_code=429,
        description="Too Many Requests: retry after 7",
        retry_after=7,
        chat_id=ZAHRA,
    )
    bot.api.fail_timeout_next("sendMessage", times=10, chat_id=LATE)
    report = await bot.dispatch()
    bot.api.expect_problem("blocked")
    assert report.unreachable == 1 and report.flood_waits == [7.0]

    await bot.send(COORDINATOR, "/deliveries")
    text = bot.last(COORDINATOR)
    assert "Unreachable (blocked the bot or never started it): 1" in text
    assert "Pending: 2" in text

    bot.clock.advance(timedelta(seconds=7))
    await bot.dispatch()
    assert len(invitations_to(bot, ZAHRA)) == 1
    for _ in range(8):
        bot.clock.advance(timedelta(minutes=31))
        await bot.dispatch()
    await bot.send(COORDINATOR, "/deliveries")
    text = bot.last(COORDINATOR)
    assert "Sent: 2" in text and "Failed after retries: 1" in text and "Pending: 0" in text


async def test_a_button_of_a_meeting_that_already_started_is_explained(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    bot.clock.set(datetime(2026, 12, 3, 6, 0, tzinfo=UTC))  # 10:30 in Kabul
    await bot.press(JOHN, "rsvp:go:1")
    answer = bot.answers()[-1]
    assert answer["show_alert"] is True and "already started" in answer["text"]
    await bot.send(COORDINATOR, "/editmeeting 1")
    assert "already started" in bot.last(COORDINATOR)


async def test_someone_in_no_organization_cannot_answer(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00")
    await bot.send(LATE, "/start")
    await bot.press(LATE, "lang:set:en")
    await bot.send(LATE, "/next")
    assert "only for members of the network" in bot.last(LATE)
    await bot.forge(LATE, "rsvp:go:1")
    assert "Only members" in bot.answers()[-1]["text"]


async def test_meetings_lists_what_is_coming_with_numbers(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00", title="December meeting")
    await schedule(bot, "1405-10-20 10:00", title="January meeting")
    await bot.send(JOHN, "/meetings")
    listing = bot.last(JOHN)
    assert listing.index("#1 December meeting") < listing.index("#2 January meeting")
    await bot.send(COORDINATOR, "/attendance")
    assert bot.labels(COORDINATOR)[0].startswith("December meeting")
    await bot.press(COORDINATOR, "mtg:att:2")
    assert "Attendance: January meeting" in bot.last(COORDINATOR)


async def test_a_changed_meeting_gives_a_calendar_file_that_updates_the_same_entry(
    bot: Harness,
) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00")
    await bot.press(JOHN, "rsvp:ics:1")
    before = bot.api.last_message(JOHN)["document"]["content"].decode()
    await bot.send(COORDINATOR, "/editmeeting")
    await bot.press(COORDINATOR, "mtg:field:1:venue")
    await bot.send(COORDINATOR, "Online: https://meet.example.org/balkh")
    assert "Venue:" in bot.last(JOHN) and "meet.example.org" in bot.last(JOHN)
    await bot.press(JOHN, "rsvp:ics:1")
    after = bot.api.last_message(JOHN)["document"]["content"].decode()
    assert (
        "UID:meeting-1@shura_test_bot.t.me" in before
        and "UID:meeting-1@shura_test_bot.t.me" in after
    )
    assert "SEQUENCE:0" in before and "SEQUENCE:1" in after
    assert "LOCATION:Online: https://meet.example.org/balkh" in after


async def test_seats_can_be_limited_and_the_limit_lifted(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00", capacity="1")
    await bot.press(JOHN, "rsvp:go:1")
    await bot.press(AMIR, "rsvp:go:1")  # waits
    await bot.send(COORDINATOR, "/editmeeting")
    await bot.press(COORDINATOR, "mtg:field:1:capacity")
    await bot.press(COORDINATOR, "mtg:nocap:1")
    assert "Changed" in bot.last(COORDINATOR)
    assert any("🎉" in t for t in bot.texts(AMIR))  # promoted when the limit went away


async def test_someone_who_unblocks_the_bot_gets_the_invitation_they_missed(
    bot: Harness,
) -> None:
    await add_members(bot)
    bot.api.block(JOHN)
    await schedule(bot, "2026-12-03 10:00")
    bot.api.expect_problem("blocked")
    assert invitations_to(bot, JOHN) == []
    bot.api.start_chat(JOHN)  # unblocked, and says hello
    await bot.send(JOHN, "/start")
    await bot.dispatch()
    assert len(invitations_to(bot, JOHN)) == 1
