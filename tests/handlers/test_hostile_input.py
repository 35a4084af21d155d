"""Hostile or odd input: forged buttons, huge ids, control characters, edits and long lists."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.app import runtime
from db.session import transaction
from tests.factories import make_org, make_person
from tests.fakes.telegram_html import parse_html, utf16_len
from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.network import JOHN, add_members, schedule

TOO_BIG = "99999999999"  # above 2**31 - 1, the largest value of the 32-bit id columns


def last_answer(bot: Harness) -> dict[str, Any]:
    answers = bot.answers()
    assert answers, "the callback query was never answered"
    return answers[-1]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("nonsense", id="no-prefix"),
        pytest.param("zzz:go:1", id="unknown-feature"),
        pytest.param("", id="empty"),
        pytest.param(":::", id="colons"),
        pytest.param("rsvpgo:1", id="prefix-without-colon"),
    ],
)
async def test_a_button_no_feature_knows_is_answered_as_stale(bot: Harness, data: str) -> None:
    await add_members(bot)
    await bot.forge(COORDINATOR, data)
    assert "no longer valid" in last_answer(bot)["text"]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(f"rsvp:go:{TOO_BIG}", id="rsvp"),
        pytest.param(f"rsvp:ics:{TOO_BIG}", id="calendar-file"),
        pytest.param(f"mtg:att:{TOO_BIG}", id="attendance"),
        pytest.param(f"org:ok:{TOO_BIG}", id="approve"),
        pytest.param(f"mem:who:{TOO_BIG}", id="member"),
        pytest.param(f"inv:new:{TOO_BIG}", id="invite"),
        pytest.param("rsvp:go:0", id="zero"),
        pytest.param("rsvp:go:-5", id="negative"),
        pytest.param("rsvp:go:" + "9" * 50, id="fifty-digits"),
        pytest.param("rsvp:go:١٢", id="arabic-digits"),
        pytest.param("mem:org:1:99999999999999", id="page"),
        pytest.param("ser:week:9", id="series-week"),
        pytest.param(f"ser:day:1:{TOO_BIG}", id="series-day"),
    ],
)
async def test_ids_beyond_the_id_columns_are_stale_buttons(bot: Harness, data: str) -> None:
    await add_members(bot)
    await bot.forge(COORDINATOR, data)
    assert "no longer valid" in last_answer(bot)["text"]


async def test_a_meeting_number_too_big_for_the_database_is_refused_with_a_reason(
    bot: Harness,
) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, f"/attendance {TOO_BIG}")
    assert "Something went wrong" not in bot.last(COORDINATOR)
    assert TOO_BIG[:5] in bot.last(COORDINATOR)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Meeting\x00", id="nul"),
        pytest.param("Meet\x1bing", id="escape"),
        pytest.param("Meet\x7fing", id="delete"),
        pytest.param("Meet\x85ing", id="c1-control"),
        pytest.param("Meet\ud800ing", id="lone-surrogate"),
    ],
)
async def test_control_characters_in_typed_text_are_refused_with_a_reason(
    bot: Harness, text: str
) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.send(COORDINATOR, text)
    assert "invisible control character" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "Meeting")
    assert "When" in bot.last(COORDINATOR)


async def test_a_nul_in_an_agenda_is_refused_but_lines_are_kept(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/newmeeting")
    for text in ("Meeting", "2026-12-21 14:00", "Hall"):
        await bot.send(COORDINATOR, text)
    await bot.press(COORDINATOR, "mtg:skip:place")
    await bot.send(COORDINATOR, "one\x00two")
    assert "invisible control character" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "1. budget\n2. security")
    assert "seats" in bot.last(COORDINATOR)


async def test_a_nul_in_a_join_code_is_an_unknown_code(bot: Harness) -> None:
    await add_members(bot)
    bot.api.start_chat(5_000_123)
    await bot.send(5_000_123, "/start")
    await bot.send(5_000_123, "/join abc\x00def")
    assert "Something went wrong" not in bot.last(5_000_123)


@pytest.mark.parametrize(
    "when",
    [
        pytest.param("9999-12-31 23:59", id="gregorian-9999"),
        pytest.param("2032-12-21 14:00", id="six-years-ahead"),
        pytest.param("1699-01-01 10:00", id="solar-hijri-1699"),
        pytest.param("1412-01-01 10:00", id="solar-hijri-seven-years-ahead"),
    ],
)
async def test_a_meeting_years_away_is_refused_with_a_reason(bot: Harness, when: str) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.send(COORDINATOR, "Meeting")
    await bot.send(COORDINATOR, when)
    assert "too far ahead" in bot.last(COORDINATOR)


async def test_a_meeting_four_years_ahead_is_fine(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.send(COORDINATOR, "Meeting")
    await bot.send(COORDINATOR, "2030-12-21 14:00")
    assert "Where?" in bot.last(COORDINATOR)


async def test_a_refusal_naming_a_long_title_fits_in_a_toast(bot: Harness) -> None:
    await add_members(bot)
    title = "T" * 199 + "Z"
    meeting_id = await schedule(bot, "2026-12-03 10:00", title=title, deadline="2026-12-02 10:00")
    await bot.dispatch()
    bot.clock.advance(timedelta(days=1, hours=3))
    await bot.press(JOHN, f"rsvp:go:{meeting_id}")
    text = last_answer(bot)["text"]
    assert utf16_len(text) <= 200
    assert text.startswith("Answers for") and text.endswith("…")


async def test_an_edited_message_does_not_advance_a_dialog(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/newmeeting")
    prompt = bot.last(COORDINATOR)
    update = bot.api.message_update(COORDINATOR, "An edited title")
    update["edited_message"] = update.pop("message")
    update["edited_message"]["edit_date"] = update["edited_message"]["date"] + 5
    await bot._process(update)
    assert bot.last(COORDINATOR) == prompt


async def test_an_edited_command_is_not_run_again(bot: Harness) -> None:
    await add_members(bot)
    sent = len(bot.api.sent("sendMessage", chat_id=COORDINATOR))
    update = bot.api.message_update(COORDINATOR, "/newmeeting")
    update["edited_message"] = update.pop("message")
    await bot._process(update)
    assert len(bot.api.sent("sendMessage", chat_id=COORDINATOR)) == sent


async def _organizations(bot: Harness, count: int, name_length: int = 100) -> None:
    async with transaction(runtime(bot.app).sessions) as session:
        person = await make_person(session, bot.clock, tg_user_id=9_000_000)
        for number in range(count):
            name = f"{number:03d} " + "ن" * (name_length - 4)
            await make_org(
                session,
                bot.clock,
                person,
                members=(person,),
                name=name,
                province="P" * 100,
                district="D" * 100,
            )


def telegram_length(call_text: str) -> int:
    return utf16_len(parse_html(call_text).text)


@pytest.mark.parametrize("lang", ["en", "fa", "ps"])
async def test_the_list_of_forty_organizations_is_split_not_broken(bot: Harness, lang: str) -> None:
    await add_members(bot)
    await _organizations(bot, 40)
    await bot.send(COORDINATOR, "/language")
    await bot.press(COORDINATOR, f"lang:set:{lang}")
    before = len(bot.api.sent("sendMessage", chat_id=COORDINATOR))
    await bot.send(COORDINATOR, "/orgs")
    calls = bot.api.sent("sendMessage", chat_id=COORDINATOR)[before:]
    assert len(calls) >= 2
    texts = [call.params["text"] for call in calls]
    assert all("{???}" not in text for text in texts)
    assert all(telegram_length(text) <= 4096 for text in texts)
    everything = "".join(texts)
    for number in range(40):
        assert f"{number:03d} " in everything
    assert "(41)" in plain_digits(texts[0])  # the header counts every organization


def plain_digits(text: str) -> str:
    return text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))


async def test_attendance_with_fifty_organizations_is_split_not_broken(bot: Harness) -> None:
    await add_members(bot)
    await _organizations(bot, 50)
    await schedule(bot)
    before = len(bot.api.sent("sendMessage", chat_id=COORDINATOR))
    await bot.send(COORDINATOR, "/attendance")
    calls = bot.api.sent("sendMessage", chat_id=COORDINATOR)[before:]
    texts = [call.params["text"] for call in calls]
    assert all("{???}" not in text for text in texts)
    assert all(telegram_length(text) <= 4096 for text in texts)
    assert "Attendance" in texts[0]
