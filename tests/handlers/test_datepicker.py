"""Dates by taps, dates said in words, places on the map and the series preview."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.app import runtime
from db.models import Meeting
from db.session import transaction
from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.helpers import onboard
from tests.handlers.network import AMIR, JOHN, ZAHRA, add_members, schedule

# The clock starts on Tuesday 1 December 2026, 12:30 in Kabul (10 Qaws 1405).
BALKH_UNIVERSITY = (36.7069, 67.1106)


async def _meetings(bot: Harness) -> list[Meeting]:
    async with transaction(runtime(bot.app).sessions) as session:
        return list((await session.execute(select(Meeting).order_by(Meeting.id))).scalars())


def _toast(bot: Harness) -> str:
    return str(bot.answers()[-1].get("text") or "")


async def _coordinator_in(bot: Harness, lang: str) -> None:
    await onboard(bot, COORDINATOR, lang)
    await add_members(bot)


async def test_an_english_coordinator_picks_day_hour_and_minutes_by_taps(bot: Harness) -> None:
    await _coordinator_in(bot, "en")
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.send(COORDINATOR, "Monthly coordination meeting")
    prompt = bot.last(COORDINATOR)
    assert "Pick a day below" in prompt and "tomorrow 14:00" in prompt
    labels = bot.labels(COORDINATOR)
    assert "December 2026" in labels
    assert labels[labels.index("December 2026") + 1 : labels.index("December 2026") + 8] == [
        "Next month ›",
        "Mo",
        "Tu",
        "We",
        "Th",
        "Fr",
        "Sa",
    ]
    await bot.press(COORDINATOR, "dp:day:20261221")
    assert "At what time on Monday 21 December 2026?" in bot.last(COORDINATOR)
    assert "14:00" in bot.labels(COORDINATOR)
    await bot.press(COORDINATOR, "dp:hour:14")
    assert bot.labels(COORDINATOR) == ["14:00", "14:15", "14:30", "14:45", "‹ Another day"]
    await bot.press(COORDINATOR, "dp:at:14:30")
    chosen, question = bot.texts(COORDINATOR)[-2:]
    assert chosen == "Chosen: Monday 21 December 2026, 14:30 (Kabul time)"
    assert "Where?" in question
    await bot.send(COORDINATOR, "Balkh University, hall 2")
    for step in ("place", "agenda", "capacity", "deadline"):
        await bot.press(COORDINATOR, f"mtg:skip:{step}")
    await bot.press(COORDINATOR, "mtg:save")
    (meeting,) = await _meetings(bot)
    assert meeting.starts_at == datetime(2026, 12, 21, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "month", "next_month", "saturday", "hour"),
    [
        pytest.param("fa", "قوس ۱۴۰۵", "جدی ۱۴۰۵", "ش", "۱۴:۰۰", id="dari"),
        pytest.param("ps", "لیندۍ ۱۴۰۵", "مرغومی ۱۴۰۵", "ش", "۱۴:۰۰", id="pashto"),
    ],
)
async def test_dari_and_pashto_pick_in_solar_hijri_months_from_saturday(
    bot: Harness, lang: str, month: str, next_month: str, saturday: str, hour: str
) -> None:
    await _coordinator_in(bot, lang)
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.send(COORDINATOR, "جلسه ماهوار")
    labels = bot.labels(COORDINATOR)
    assert month in labels
    weekdays = labels[labels.index(month) + 2 :][:7]
    assert weekdays[0] == saturday
    assert "۱۰" in labels and "10" not in labels  # Persian digits on the buttons
    await bot.press(COORDINATOR, "dp:mon:s:1405:10")
    assert next_month in bot.labels(COORDINATOR)
    # 5 Jadi 1405 is Saturday 26 December 2026.
    await bot.press(COORDINATOR, "dp:day:20261226")
    assert "۵" in bot.last(COORDINATOR) and next_month.split()[0] in bot.last(COORDINATOR)
    assert hour in bot.labels(COORDINATOR)
    await bot.press(COORDINATOR, "dp:hour:14")
    await bot.press(COORDINATOR, "dp:at:14:00")
    assert "۱۴:۰۰" in bot.texts(COORDINATOR)[-2]
    (prompt,) = [t for t in bot.texts(COORDINATOR)[-1:]]
    assert "Where" not in prompt  # the venue question, in the coordinator's language
    await bot.send(COORDINATOR, "پوهنتون بلخ")
    await bot.press(COORDINATOR, "mtg:skip:place")
    for step in ("agenda", "capacity", "deadline"):
        await bot.press(COORDINATOR, f"mtg:skip:{step}")
    await bot.press(COORDINATOR, "mtg:save")
    (meeting,) = await _meetings(bot)
    assert meeting.starts_at == datetime(2026, 12, 26, 9, 30, tzinfo=UTC)


async def test_today_offers_only_the_hours_and_minutes_still_ahead(bot: Harness) -> None:
    await _coordinator_in(bot, "en")
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.send(COORDINATOR, "Meeting")
    await bot.press(COORDINATOR, "dp:day:20261201")  # today; it is 12:30
    hours = bot.labels(COORDINATOR)
    assert hours[0] == "12:00" and "11:00" not in hours
    await bot.press(COORDINATOR, "dp:hour:12")
    assert bot.labels(COORDINATOR) == ["12:45", "‹ Another day"]


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [
        pytest.param("en", "tomorrow 14:00", datetime(2026, 12, 2, 9, 30, tzinfo=UTC), id="en"),
        pytest.param("fa", "فردا ۱۴:۰۰", datetime(2026, 12, 2, 9, 30, tzinfo=UTC), id="fa"),
        pytest.param("ps", "سبا ۱۴:۰۰", datetime(2026, 12, 2, 9, 30, tzinfo=UTC), id="ps"),
        pytest.param("ps", "نن ۱۸:۳۰", datetime(2026, 12, 1, 14, 0, tzinfo=UTC), id="ps-today"),
        pytest.param("en", "next Monday 10:00", datetime(2026, 12, 7, 5, 30, tzinfo=UTC), id="mon"),
        pytest.param("fa", "دوشنبه ۱۰:۰۰", datetime(2026, 12, 7, 5, 30, tzinfo=UTC), id="fa-mon"),
        pytest.param("en", "1405-09-30 14:00", datetime(2026, 12, 21, 9, 30, tzinfo=UTC), id="sh"),
    ],
)
async def test_typed_and_relative_dates_are_still_taken(
    bot: Harness, lang: str, typed: str, expected: datetime
) -> None:
    await _coordinator_in(bot, lang)
    await schedule(bot, typed) if lang == "en" else await _schedule_typed(bot, typed)
    (meeting,) = await _meetings(bot)
    assert meeting.starts_at == expected


async def _schedule_typed(bot: Harness, when: str) -> None:
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.send(COORDINATOR, "جلسه")
    await bot.send(COORDINATOR, when)
    await bot.send(COORDINATOR, "Hall")
    for step in ("place", "agenda", "capacity", "deadline"):
        await bot.press(COORDINATOR, f"mtg:skip:{step}")
    await bot.press(COORDINATOR, "mtg:save")


@pytest.mark.parametrize(
    ("lang", "example"),
    [
        pytest.param("en", "tomorrow 14:00", id="en"),
        pytest.param("fa", "فردا ۱۴:۰۰", id="fa"),
        pytest.param("ps", "سبا ۱۴:۰۰", id="ps"),
    ],
)
async def test_an_unreadable_date_is_refused_with_examples_in_the_readers_language(
    bot: Harness, lang: str, example: str
) -> None:
    await _coordinator_in(bot, lang)
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.send(COORDINATOR, "Meeting")
    await bot.send(COORDINATOR, "sometime soon")
    refusal = bot.last(COORDINATOR).replace("\u2066", "")
    assert example in refusal and "sometime soon" in refusal


@pytest.mark.parametrize(
    ("data", "answer"),
    [
        pytest.param("dp:day:20261130", "That day has passed", id="past-day"),
        pytest.param("dp:day:20261332", "no longer valid", id="month-13"),
        pytest.param("dp:day:20330101", "no longer valid", id="too-far"),
        pytest.param("dp:mon:g:2026:13", "no longer valid", id="gregorian-month-13"),
        pytest.param("dp:mon:s:1405:0", "no longer valid", id="solar-month-0"),
        pytest.param("dp:mon:g:2026:11", "no longer valid", id="last-month"),
        pytest.param("dp:mon:x:2026:12", "no longer valid", id="no-such-calendar"),
        pytest.param("dp:hour:14", "no longer valid", id="hour-before-a-day"),
        pytest.param("dp:at:14:30", "no longer valid", id="time-before-a-day"),
        pytest.param("dp:day:" + "9" * 50, "no longer valid", id="long"),
    ],
)
async def test_forged_picker_buttons_are_refused_without_an_error(
    bot: Harness, data: str, answer: str
) -> None:
    await _coordinator_in(bot, "en")
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.send(COORDINATOR, "Meeting")
    await bot.forge(COORDINATOR, data)
    assert answer in _toast(bot)
    await bot.send(COORDINATOR, "2026-12-21 14:00")  # the conversation goes on
    assert "Where?" in bot.last(COORDINATOR)


async def test_a_forged_hour_or_a_time_gone_by_gets_a_reason(bot: Harness) -> None:
    await _coordinator_in(bot, "en")
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.send(COORDINATOR, "Meeting")
    await bot.press(COORDINATOR, "dp:day:20261201")
    await bot.forge(COORDINATOR, "dp:hour:24")
    assert "no longer valid" in _toast(bot)
    await bot.forge(COORDINATOR, "dp:hour:9")
    assert "That time has passed" in _toast(bot)
    await bot.forge(COORDINATOR, "dp:at:9:0")
    assert "no longer valid" in _toast(bot)  # minutes are two digits
    await bot.forge(COORDINATOR, "dp:at:9:00")
    assert "already passed" in _toast(bot)
    await bot.forge(COORDINATOR, "dp:at:23:60")
    assert "no longer valid" in _toast(bot)
    bot.clock.advance(timedelta(days=1))  # the chosen day is gone by now
    await bot.forge(COORDINATOR, "dp:at:18:00")
    assert "That day has passed" in _toast(bot)
    assert await _meetings(bot) == []


async def test_picker_buttons_do_nothing_outside_a_conversation_or_for_members(
    bot: Harness,
) -> None:
    await _coordinator_in(bot, "en")
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.send(COORDINATOR, "Meeting")
    await bot.send(COORDINATOR, "/cancel")
    await bot.forge(COORDINATOR, "dp:day:20261221")
    assert "no longer valid" in _toast(bot)
    await bot.send(JOHN, "/help")
    await bot.forge(JOHN, "dp:day:20261221")
    assert "Only coordinators" in _toast(bot)
    await bot.forge(COORDINATOR, "dp:nop")
    assert _toast(bot) == ""


async def test_a_half_picked_date_survives_in_the_stored_conversation(bot: Harness) -> None:
    await _coordinator_in(bot, "en")
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.send(COORDINATOR, "Meeting")
    await bot.press(COORDINATOR, "dp:day:20261221")
    # The day is in the conversation's row, not in memory: a restart keeps it.
    async with transaction(runtime(bot.app).sessions) as session:
        from db.models import Dialog

        (dialog,) = (await session.execute(select(Dialog))).scalars()
        assert dialog.data["picker_day"] == "2026-12-21"
    await bot.press(COORDINATOR, "dp:hour:9")
    await bot.press(COORDINATOR, "dp:at:9:15")
    assert "Monday 21 December 2026, 09:15" in bot.texts(COORDINATOR)[-2]


async def test_editing_the_time_by_taps(bot: Harness) -> None:
    await _coordinator_in(bot, "en")
    meeting_id = await schedule(bot, "2026-12-21 14:00")
    await bot.send(COORDINATOR, "/editmeeting")
    await bot.press(COORDINATOR, f"mtg:field:{meeting_id}:time")
    assert "December 2026" in bot.labels(COORDINATOR)
    await bot.press(COORDINATOR, "dp:day:20261222")
    await bot.press(COORDINATOR, "dp:hour:10")
    await bot.press(COORDINATOR, "dp:at:10:00")
    assert "Changed" in bot.last(COORDINATOR)
    assert "Invitations go out on Tuesday 15 December 2026" in bot.last(COORDINATOR)
    (meeting,) = await _meetings(bot)
    assert meeting.starts_at == datetime(2026, 12, 22, 5, 30, tzinfo=UTC)


async def test_the_confirmation_says_when_the_invitations_go_out(bot: Harness) -> None:
    await _coordinator_in(bot, "en")
    await schedule(bot, "2026-12-21 14:00")
    assert (
        "Invitations go out on Monday 14 December 2026, 14:00 (Kabul time), 7 days before"
        in bot.last(COORDINATOR)
    )
    await schedule(bot, "tomorrow 10:00")
    assert "The invitations go out now." in bot.last(COORDINATOR)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        pytest.param("fa", "۷ روز پیش از جلسه", id="fa"),
        pytest.param("ps", "۷ ورځې مخکې", id="ps"),
    ],
)
async def test_the_invitations_line_in_dari_and_pashto(
    bot: Harness, lang: str, expected: str
) -> None:
    await _coordinator_in(bot, lang)
    await _schedule_typed(bot, "۱۴۰۵-۰۹-۳۰ ۱۴:۰۰")
    assert expected in bot.last(COORDINATOR)
    assert "۱۴۰۵" in bot.last(COORDINATOR)


async def test_a_shared_location_reaches_members_as_a_map_after_their_invitation(
    bot: Harness,
) -> None:
    await _coordinator_in(bot, "en")
    await bot.send(COORDINATOR, "/newmeeting")
    for text in ("Monthly coordination meeting", "tomorrow 14:00", "Balkh University, hall 2"):
        await bot.send(COORDINATOR, text)
    assert "Share the location" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "near the blue mosque")
    assert "Please share a location" in bot.last(COORDINATOR)
    await bot.share_location(COORDINATOR, *BALKH_UNIVERSITY)
    assert "Location saved" in bot.texts(COORDINATOR)[-2]
    for step in ("agenda", "capacity", "deadline"):
        await bot.press(COORDINATOR, f"mtg:skip:{step}")
    assert "map of the venue" in bot.last(COORDINATOR)
    await bot.press(COORDINATOR, "mtg:save")
    (meeting,) = await _meetings(bot)
    assert (meeting.latitude, meeting.longitude) == BALKH_UNIVERSITY
    await bot.dispatch()
    for member in (AMIR, ZAHRA, JOHN):
        calls = [c for c in bot.api.calls if c.params.get("chat_id") == member and c.ok]
        methods = [c.method for c in calls]
        assert methods[-2:] == ["sendMessage", "sendVenue"], methods
        venue = calls[-1].params
        assert (venue["latitude"], venue["longitude"]) == BALKH_UNIVERSITY
        assert venue["title"] == venue["address"] == "Balkh University, hall 2"


async def test_a_meeting_without_a_location_sends_no_map(bot: Harness) -> None:
    await _coordinator_in(bot, "en")
    await schedule(bot, "tomorrow 14:00")
    await bot.dispatch()
    assert bot.api.sent("sendVenue") == []
    assert bot.api.sent("sendMessage", chat_id=JOHN)


async def test_a_location_where_text_is_expected_is_explained(bot: Harness) -> None:
    await _coordinator_in(bot, "fa")
    await bot.share_location(COORDINATOR, *BALKH_UNIVERSITY)
    assert bot.last(COORDINATOR)  # no conversation: the usual "did not understand"
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.share_location(COORDINATOR, *BALKH_UNIVERSITY)
    assert "موقعیت لازم نیست" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "جلسه")  # the conversation is still there
    assert bot.labels(COORDINATOR)


async def test_the_series_shows_its_next_three_dates_before_creating_anything(
    bot: Harness,
) -> None:
    await _coordinator_in(bot, "en")
    await bot.send(COORDINATOR, "/series")
    await bot.press(COORDINATOR, "ser:week:3")
    await bot.press(COORDINATOR, "ser:day:3:0")
    await bot.press(COORDINATOR, "ser:cal:3:0:g")
    for answer in ("14:00", "Monthly coordination meeting", "Balkh University"):
        await bot.send(COORDINATOR, answer)
    preview = bot.last(COORDINATOR)
    assert "Please check the monthly rule" in preview
    for date in ("Monday 21 December 2026", "Monday 18 January 2027", "Monday 15 February 2027"):
        assert date in preview
    assert bot.labels(COORDINATOR) == ["✅ Start the series", "Cancel"]
    await bot.send(COORDINATOR, "yes")
    assert "buttons" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "/cancel")
    await bot.send(COORDINATOR, "/series off")
    assert "No monthly rule" in bot.last(COORDINATOR)  # nothing was started
    await bot.forge(COORDINATOR, "ser:ok")
    assert "no longer valid" in _toast(bot)


@pytest.mark.parametrize("lang", ["fa", "ps"])
async def test_the_series_preview_in_solar_hijri_for_dari_and_pashto(
    bot: Harness, lang: str
) -> None:
    await _coordinator_in(bot, lang)
    await bot.send(COORDINATOR, "/series")
    await bot.press(COORDINATOR, "ser:week:3")
    await bot.press(COORDINATOR, "ser:day:3:0")
    await bot.press(COORDINATOR, "ser:cal:3:0:s")
    for answer in ("۱۴:۰۰", "جلسه ماهوار", "پوهنتون بلخ"):
        await bot.send(COORDINATOR, answer)
    preview = bot.last(COORDINATOR)
    # The third Mondays of Qaws, Jadi and Dalw 1405.
    for day in ("۱۶", "۲۱", "۱۹"):
        assert day in preview
    assert "۱۴۰۵" in preview and "7" not in preview
    assert await _meetings(bot) == []
    await bot.press_label(COORDINATOR, "✅")
    (meeting,) = await _meetings(bot)
    assert meeting.starts_at == datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


async def test_cancelling_the_series_preview_creates_nothing(bot: Harness) -> None:
    await _coordinator_in(bot, "en")
    await bot.send(COORDINATOR, "/series")
    await bot.press(COORDINATOR, "ser:week:1")
    await bot.press(COORDINATOR, "ser:day:1:5")
    await bot.press(COORDINATOR, "ser:cal:1:5:s")
    for answer in ("10:00", "Saturday meeting", "Online"):
        await bot.send(COORDINATOR, answer)
    await bot.press(COORDINATOR, "ser:drop")
    assert "Nothing was saved" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "/series")
    assert "No monthly rule" in bot.texts(COORDINATOR)[-2]
