"""A meeting through a real `shura run` process: its own JobQueue sends the invitations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import Catalog
from bot.i18n.calendar import solar_hijri_month_name, to_solar_hijri
from tests.e2e.conftest import COORDINATOR, TOKEN, BotProcess, JsonDict, plain

REGISTRANT = 1_000_001
MEMBER = 1_000_002
MEMBERS = (MEMBER, REGISTRANT)  # the registrant is the organization's admin, so a member too
NAME = "انجمن جوانان بلخ"
JOIN_MARKER = "?start=join-"
KABUL = ZoneInfo("Asia/Kabul")
INVITATION_DEADLINE = 20.0  # seconds: the wake-up job, or at worst a few 5-second ticks


def callback_data(message: JsonDict) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button.get("callback_data", "") for row in rows for button in row]


def approved_organization(bot: BotProcess) -> str:
    """The coordinator (English) approves the registrant's (Dari) organization; the invite code."""
    bot.send(COORDINATOR, "/start")
    bot.press(COORDINATOR, "lang:set:en")
    bot.send(REGISTRANT, "/start")
    bot.press(REGISTRANT, "lang:set:fa")

    bot.send(REGISTRANT, "/register")
    bot.send(REGISTRANT, NAME)
    bot.press(REGISTRANT, "reg:kind:ngo")
    bot.send(REGISTRANT, "بلخ")
    bot.send(REGISTRANT, "مزار شریف")
    bot.send(REGISTRANT, "Civic education for young people")
    bot.press(REGISTRANT, "reg:skip")
    bot.press(REGISTRANT, "reg:submit", to=COORDINATOR)
    approve = next(
        data
        for data in callback_data(bot.sent_messages(COORDINATOR)[-1])
        if data.startswith("org:ok:")
    )
    bot.press(COORDINATOR, approve, to=REGISTRANT)

    (invite,) = bot.send(REGISTRANT, "/invite")
    return invite[invite.index(JOIN_MARKER) + len(JOIN_MARKER) :].split()[0]


def schedule_meeting(bot: BotProcess, when: str) -> int:
    """The coordinator goes through /newmeeting, skipping what can be skipped; the meeting id."""
    bot.send(COORDINATOR, "/newmeeting")
    bot.send(COORDINATOR, "Monthly coordination meeting")
    bot.send(COORDINATOR, when)
    bot.send(COORDINATOR, "Balkh University, hall 2")
    for step in ("place", "agenda", "capacity", "deadline"):
        bot.press(COORDINATOR, f"mtg:skip:{step}")
    preview = bot.sent_messages(COORDINATOR)[-1]
    assert "mtg:save" in callback_data(preview), preview
    edits_before = len(bot.edits(COORDINATOR))
    bot.tap(COORDINATOR, "mtg:save")

    def scheduled() -> str:
        texts = [plain(edit.get("text")) for edit in bot.edits(COORDINATOR)[edits_before:]]
        return next((text for text in texts if "Scheduled (#" in text), "")

    text = bot.wait_for("the coordinator's 'Scheduled' confirmation", scheduled)
    return int(text.split("(#", 1)[1].split(")", 1)[0])


def invitation_for(bot: BotProcess, chat_id: int, meeting_id: int) -> JsonDict:
    """Wait until the bot process by itself has sent `chat_id` the meeting's invitation."""

    def arrived() -> JsonDict | None:
        return next(
            (
                message
                for message in bot.sent_messages(chat_id)
                if f"rsvp:go:{meeting_id}" in callback_data(message)
            ),
            None,
        )

    found = bot.wait_for(f"invitation to {chat_id}", arrived, timeout=INVITATION_DEADLINE)
    assert found is not None
    return found


def test_the_running_process_sends_invitations_by_itself_and_answers_rsvp_and_calendar_taps(
    start_bot: Callable[[], BotProcess],
) -> None:
    bot = start_bot()
    api = bot.api
    api.user(REGISTRANT, "Mariam", language_code="fa")
    api.user(MEMBER, "Farid", language_code="en")

    # An approved organization; a member joins through the invite link and picks Dari.
    code = approved_organization(bot)
    bot.send(MEMBER, f"/start join-{code}", replies=2)
    assert bot.press(MEMBER, "lang:set:fa").startswith("سلام")

    # A meeting two days from now in Kabul: sooner than the 7-day lead, so invitations are due.
    starts = (datetime.now(KABUL) + timedelta(days=2)).replace(second=0, microsecond=0)
    meeting_id = schedule_meeting(bot, starts.strftime("%Y-%m-%d %H:%M"))

    # Nothing in this test calls the dispatcher: the process's JobQueue must send them.
    _year, month, _day = to_solar_hijri(starts.date())
    month_name = solar_hijri_month_name(month, "fa")
    invitations = {person: invitation_for(bot, person, meeting_id) for person in MEMBERS}
    for person, invitation in invitations.items():
        assert month_name in plain(invitation.get("text")), (person, invitation)
    assert not any(
        f"rsvp:go:{meeting_id}" in callback_data(message)
        for message in bot.sent_messages(COORDINATOR)
    ), "the coordinator is no member and gets no invitation"

    # The member taps Going: the tap is answered and the invitation edited to show the answer.
    going = plain(Catalog().text("fa", "rsvp-answer-going"))
    invitation_id = invitations[MEMBER]["message_id"]
    edits_before = len(bot.edits(MEMBER))
    query_id = bot.tap(MEMBER, f"rsvp:go:{meeting_id}", message_id=invitation_id)
    assert plain(api.callback_answers[query_id].get("text")) == going

    def edited() -> JsonDict | None:
        return next(
            (
                edit
                for edit in bot.edits(MEMBER)[edits_before:]
                if edit["message_id"] == invitation_id
            ),
            None,
        )

    edit = bot.wait_for("the invitation edited with the answer", edited)
    assert edit is not None and going in plain(edit.get("text")), edit

    # "Add to calendar" sends an .ics file for the meeting in Kabul time.
    documents_before = len(api.sent("sendDocument", chat_id=MEMBER))
    bot.tap(MEMBER, f"rsvp:ics:{meeting_id}", message_id=invitation_id)
    bot.wait_for(
        "the calendar file",
        lambda: len(api.sent("sendDocument", chat_id=MEMBER)) > documents_before,
    )
    document = api.sent("sendDocument", chat_id=MEMBER)[-1].params["document"]
    content = document.content.decode("utf-8")
    assert document.filename == f"meeting-{meeting_id}.ics"
    assert "BEGIN:VEVENT" in content
    assert f"UID:meeting-{meeting_id}@" in content
    assert "TZID=Asia/Kabul" in content
    assert f"TZID=Asia/Kabul:{starts:%Y%m%dT%H%M}00" in content

    # Each invitation went out once, and Ctrl-C stops the bot cleanly.
    for person in MEMBERS:
        sent = [m for m in bot.sent_messages(person) if f"rsvp:go:{meeting_id}" in callback_data(m)]
        assert len(sent) == 1, (person, sent)
    assert bot.interrupt() == 0, bot.diagnostics()
    output = bot.output()
    assert "Traceback" not in output, output
    assert TOKEN not in output, "the bot token leaked into the log"
    api.assert_no_problems()
