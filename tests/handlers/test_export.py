"""/export through Telegram: the menu, the files as documents, refusals in each language, and
no trace of an anonymous concern's sender in any file."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.app import runtime
from db.models import CheckIn, Concern, Person
from db.session import transaction
from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.helpers import onboard
from tests.handlers.network import AMIR, JOHN, MEMBERS, ZAHRA, Member, add_members, schedule
from tests.handlers.test_concern_leaks import NAME, SECRET, USERNAME
from tests.handlers.test_concern_leaks import _send as send_concern

# The meeting schedule() makes: 30 Qaws 1405, 14:00 in Kabul.
STARTED = datetime(2026, 12, 21, 9, 45, tzinfo=UTC)
CSV_FILES = ("rsvps", "checkins", "concerns", "motions", "actions")


def documents(bot: Harness, chat_id: int) -> dict[str, bytes]:
    """The files the bot sent to the chat, by name."""
    return {
        m["document"]["file_name"]: m["document"]["content"]
        for m in bot.api.messages(chat_id)
        if m.get("method") == "sendDocument"
    }


def captions(bot: Harness, chat_id: int) -> list[str]:
    return [
        m["plain_caption"] or ""
        for m in bot.api.messages(chat_id)
        if m.get("method") == "sendDocument"
    ]


def menu(bot: Harness, chat_id: int) -> str:
    """The text of the latest export menu."""
    found = [
        m["plain_text"]
        for m in bot.api.messages(chat_id)
        if "exp:" in str(m.get("reply_markup") or "")
    ]
    assert found, "no export menu"
    return str(found[-1]).translate(str.maketrans("", "", "\u2068\u2069"))


async def _language(bot: Harness, user: int, lang: str) -> None:
    await bot.send(user, "/language")
    await bot.press(user, f"lang:set:{lang}")


async def _meeting(bot: Harness, lang: str = "en", members: tuple[Member, ...] = MEMBERS) -> int:
    """The network, a meeting that has started, and the coordinator reading `lang`."""
    await onboard(bot, COORDINATOR)
    await add_members(bot, members)
    meeting_id = await schedule(bot)
    bot.clock.set(STARTED)
    await _language(bot, COORDINATOR, lang)
    return meeting_id


@pytest.mark.parametrize(
    ("lang", "heading", "members_label", "rows"),
    [
        pytest.param("en", "Exports", "Members and roles", "4 rows", id="en"),
        pytest.param("fa", "گرفتن داده‌ها", "اعضا و نقش‌ها", "۴ ردیف", id="fa"),
        pytest.param("ps", "د معلوماتو اخیستل", "غړي او رولونه", "۴ لیکې", id="ps"),
    ],
)
async def test_a_coordinator_takes_each_file_in_their_language(
    bot: Harness, lang: str, heading: str, members_label: str, rows: str
) -> None:
    meeting_id = await _meeting(bot, lang)

    await bot.send(COORDINATOR, "/export")
    assert heading in menu(bot, COORDINATOR)
    assert "Monthly coordination meeting" in menu(bot, COORDINATOR)
    await bot.press(COORDINATOR, "exp:net:organizations")
    await bot.press(COORDINATOR, "exp:net:members")
    for file in (*CSV_FILES, "calendar"):
        await bot.press(COORDINATOR, f"exp:f:{file}:{meeting_id}")

    files = documents(bot, COORDINATOR)
    assert sorted(files) == sorted(
        [
            "shura-organizations-2026-12-21.csv",
            "shura-members-2026-12-21.csv",
            *(f"shura-meeting-{meeting_id}-{file}.csv" for file in CSV_FILES),
            f"shura-meeting-{meeting_id}.ics",
        ]
    )
    for name, content in files.items():
        if name.endswith(".csv"):
            assert content.startswith(b"\xef\xbb\xbf"), name
    members = files["shura-members-2026-12-21.csv"].decode("utf-8-sig")
    assert {row["name"] for row in csv.DictReader(io.StringIO(members))} >= {"Amir", "Zahra"}
    shown = captions(bot, COORDINATOR)
    assert any(members_label in c and rows in c for c in shown), shown


async def test_all_files_of_a_meeting_come_at_once(bot: Harness) -> None:
    meeting_id = await _meeting(bot)

    await bot.send(COORDINATOR, "/export")
    await bot.press(COORDINATOR, f"exp:all:{meeting_id}")

    assert sorted(documents(bot, COORDINATOR)) == sorted(
        [
            *(f"shura-meeting-{meeting_id}-{file}.csv" for file in CSV_FILES),
            f"shura-meeting-{meeting_id}.ics",
        ]
    )


async def test_another_meeting_is_chosen_with_its_button(bot: Harness) -> None:
    first = await _meeting(bot)
    second = await schedule(bot, "2027-01-18 14:00", title="January meeting")
    assert (first, second) != (second, first)

    await bot.send(COORDINATOR, "/export")
    assert "Monthly coordination meeting" in menu(bot, COORDINATOR)  # the latest that started
    await bot.press_label(COORDINATOR, "January meeting")
    assert "January meeting" in menu(bot, COORDINATOR)
    await bot.press(COORDINATOR, f"exp:f:rsvps:{second}")
    await bot.send(COORDINATOR, f"/export {first}")
    await bot.press(COORDINATOR, f"exp:f:concerns:{first}")

    assert sorted(documents(bot, COORDINATOR)) == [
        f"shura-meeting-{first}-concerns.csv",
        f"shura-meeting-{second}-rsvps.csv",
    ]


@pytest.mark.parametrize(
    ("lang", "none_yet", "no_meeting"),
    [
        pytest.param(
            "en", "No meeting has been scheduled yet", "There is no meeting number", id="en"
        ),
        pytest.param("fa", "هنوز هیچ جلسه‌ای برنامه‌ریزی نشده", "جلسه‌ای با شماره", id="fa"),
        pytest.param("ps", "تر اوسه هېڅ غونډه نه ده ټاکل شوې", "شمېرې غونډه نشته", id="ps"),
    ],
)
async def test_with_no_meeting_only_the_network_files_are_offered(
    bot: Harness, lang: str, none_yet: str, no_meeting: str
) -> None:
    await onboard(bot, COORDINATOR, lang)

    await bot.send(COORDINATOR, "/export")
    assert none_yet in menu(bot, COORDINATOR)
    assert bot.data(COORDINATOR) == ["exp:net:organizations", "exp:net:members"]
    await bot.forge(COORDINATOR, "exp:all:4242")
    assert no_meeting in bot.answers()[-1]["text"]
    await bot.send(COORDINATOR, "/export 4242")
    assert no_meeting in bot.last(COORDINATOR)
    assert documents(bot, COORDINATOR) == {}


@pytest.mark.parametrize(
    ("lang", "refusal"),
    [
        pytest.param("en", "That export button is no longer valid", id="en"),
        pytest.param("fa", "این دکمه گرفتن فایل دیگر معتبر نیست", id="fa"),
        pytest.param("ps", "د فایل اخیستلو دا تڼۍ نور اعتبار نه لري", id="ps"),
    ],
)
@pytest.mark.parametrize(
    "data",
    ["exp:f:passwords:1", "exp:net:rsvps", "exp:all:x", "exp:m:1:2", "exp:"],
)
async def test_forged_export_buttons_are_refused_in_the_coordinators_language(
    bot: Harness, lang: str, refusal: str, data: str
) -> None:
    await onboard(bot, COORDINATOR, lang)

    await bot.forge(COORDINATOR, data)

    answer = bot.answers()[-1]
    assert answer["show_alert"] is True and refusal in answer["text"]
    assert documents(bot, COORDINATOR) == {}


@pytest.mark.parametrize(
    ("user", "refusal"),
    [
        pytest.param(JOHN, "Only coordinators can export", id="en"),
        pytest.param(AMIR, "فقط هماهنگ‌کنندگان می‌توانند داده‌ها را بگیرند", id="fa"),
        pytest.param(ZAHRA, "یوازې همغږي کوونکي کولی شي معلومات واخلي", id="ps"),
    ],
)
async def test_someone_who_is_not_a_coordinator_is_refused_in_their_language(
    bot: Harness, user: int, refusal: str
) -> None:
    meeting_id = await _meeting(bot)

    await bot.send(user, "/export")
    assert refusal in bot.last(user)
    for data in (
        "exp:net:members",
        f"exp:f:concerns:{meeting_id}",
        f"exp:all:{meeting_id}",
        f"exp:m:{meeting_id}",
        "exp:all:4242",
        "exp:whatever",
    ):
        await bot.forge(user, data)
        assert refusal in bot.answers()[-1]["text"], data
    assert bot.api.sent("sendDocument", chat_id=user) == []


async def test_exports_are_not_offered_in_a_group(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    group = -100_555
    bot.api.add_group(group, "Coordination")

    await bot.send(COORDINATOR, "/export", chat_id=group, chat_type="supergroup")

    assert bot.api.sent("sendDocument") == []


async def test_no_exported_file_holds_a_trace_of_an_anonymous_sender(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    # Last in the organization: neither its registrant nor its admin.
    await add_members(bot, (*MEMBERS, Member(SECRET, "en", NAME)))
    bot.api.user(SECRET, NAME, "en", USERNAME)
    meeting_id = await schedule(bot)
    await bot.send(SECRET, "/concern")
    await bot.send(SECRET, "Threats against our staff in Dawlatabad")
    await send_concern(bot, SECRET, "security", anonymous=True)
    await bot.send(SECRET, "/concern")
    await bot.send_voice(SECRET)
    await send_concern(bot, SECRET, "funding", anonymous=True)
    await bot.send(JOHN, "/concern")
    await bot.send(JOHN, "Funding for the spring")
    await send_concern(bot, JOHN, "funding", anonymous=False)
    rt = runtime(bot.app)
    async with transaction(rt.sessions) as session:
        raised = list(await session.scalars(select(Concern).order_by(Concern.id)))
        secret = (
            await session.execute(select(Person).where(Person.tg_user_id == SECRET))
        ).scalar_one()
        john = (await session.execute(select(Person).where(Person.tg_user_id == JOHN))).scalar_one()
        # John came; the sender of the anonymous concerns did nothing else for the meeting.
        session.add(CheckIn(meeting_id=meeting_id, person_id=john.id, checked_in_at=STARTED))
    await bot.send(COORDINATOR, "/review")
    await bot.press(COORDINATOR, f"rev:ok:{raised[0].id}")
    await bot.press(COORDINATOR, f"rev:merge:{raised[1].id}")
    await bot.press(COORDINATOR, f"rev:into:{raised[1].id}:{raised[2].id}")
    bot.clock.set(STARTED)

    await bot.send(COORDINATOR, "/export")
    await bot.press(COORDINATOR, "exp:net:organizations")
    await bot.press(COORDINATOR, "exp:net:members")
    await bot.press(COORDINATOR, f"exp:all:{meeting_id}")

    files = documents(bot, COORDINATOR)
    assert len(files) == 8
    concerns = files[f"shura-meeting-{meeting_id}-concerns.csv"].decode("utf-8-sig")
    assert "Threats against our staff" in concerns and "John" in concerns  # named: the name
    traces = [NAME.encode(), USERNAME.encode(), str(SECRET).encode()]
    for name, content in files.items():
        if "members" in name:
            # Being a member is no secret: the one row names them as a member, and nothing in
            # the file is about concerns. Their Telegram id is in no file.
            rows = [r for r in csv.reader(io.StringIO(content.decode("utf-8-sig"))) if NAME in r]
            assert len(rows) == 1 and str(secret.id) in rows[0]
            assert not any(
                "concern" in column for column in content.decode().splitlines()[0].split(",")
            )
            assert str(SECRET).encode() not in content
            continue
        assert [t for t in traces if t in content] == [], name
