"""Check-in through Telegram: the coordinator's code and QR image, members checking in by code
or by scanning, choosing an organization, people without a phone, counts, and every refusal."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select
from telegram import Update

from bot.app import runtime
from bot.handlers.common import telegram_length
from bot.i18n import LANGUAGES, Url, When, catalog, msg
from bot.services import checkin
from db.models import (
    AuditLog,
    CheckIn,
    Meeting,
    MemberRole,
    Membership,
    Organization,
    OrgKind,
    OrgStatus,
    Person,
)
from db.session import transaction
from tests.handlers.conftest import COORDINATOR, Harness, plain
from tests.handlers.helpers import onboard
from tests.handlers.languages import IN_EACH_LANGUAGE, last_answer, said
from tests.handlers.network import AMIR, JOHN, LATE, MEMBERS, ZAHRA, Member, add_members, schedule
from tests.unit.test_catalog_limits import typed

HOUR = timedelta(hours=1)
TITLE = "Monthly coordination meeting"
ORG = "Balkh Youth Network"


async def starts_at(bot: Harness, meeting_id: int) -> datetime:
    async with transaction(runtime(bot.app).sessions) as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None
        return meeting.starts_at


async def meeting_on(bot: Harness, offset: timedelta = timedelta(0), **details: str) -> int:
    """The network and a meeting, with the clock `offset` from its start."""
    await add_members(bot)
    meeting_id = await schedule(bot, **details)
    bot.clock.set(await starts_at(bot, meeting_id) + offset)
    return meeting_id


def caption(bot: Harness, chat_id: int) -> str:
    photos = [m for m in bot.api.messages(chat_id) if m["photo"] is not None]
    assert photos, f"no photo in chat {chat_id}"
    return plain(photos[-1]["plain_caption"])


async def open_checkin(bot: Harness) -> str:
    """The coordinator runs /checkin; returns the code as shown."""
    await bot.send(COORDINATOR, "/checkin")
    found = re.search(r"Code: ([A-Z0-9]{4}-[A-Z0-9]{4})", caption(bot, COORDINATOR))
    assert found is not None, caption(bot, COORDINATOR)
    return found.group(1)


async def check_ins(bot: Harness) -> list[CheckIn]:
    async with transaction(runtime(bot.app).sessions) as session:
        return list(await session.scalars(select(CheckIn).order_by(CheckIn.id)))


async def person_id(bot: Harness, tg_user_id: int) -> int:
    async with transaction(runtime(bot.app).sessions) as session:
        found = await session.scalar(select(Person.id).where(Person.tg_user_id == tg_user_id))
        assert found is not None
        return found


# --- the coordinator opens check-in -------------------------------------------------------------


async def test_the_coordinator_gets_the_code_a_qr_image_of_the_link_and_the_counts(
    bot: Harness,
) -> None:
    meeting_id = await meeting_on(bot, -30 * timedelta(minutes=1))
    shown = await open_checkin(bot)
    code = shown.replace("-", "")
    link = f"https://t.me/shura_test_bot?start=checkin-{code}"
    (upload,) = bot.api.sent("sendPhoto", chat_id=COORDINATOR)
    (photo,) = [m["photo"] for m in bot.api.messages(COORDINATOR) if m["photo"] is not None]
    # The image is the QR code of exactly the deep link (segno is deterministic).
    assert photo["content"] == checkin.qr_png(link)
    assert upload.params["photo"].filename == "checkin.png"
    text = caption(bot, COORDINATOR)
    assert f"Check-in for {TITLE} is open until" in text and link in text
    assert f"/checkin {shown}" in text
    status = bot.last(COORDINATOR)
    assert "People checked in: 0 (added by name: 0)" in status
    assert "Organizations represented: 0 of 1" in status
    assert bot.data(COORDINATOR) == [f"chk:n:{meeting_id}", f"chk:add:{meeting_id}"]

    # Again: the same code, a new image and counts.
    assert await open_checkin(bot) == shown
    async with transaction(runtime(bot.app).sessions) as session:
        opened = list(await session.scalars(select(AuditLog.action)))
    assert opened.count("checkin.opened") == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_caption_fits_telegrams_1024_characters_with_the_longest_title(lang: str) -> None:
    at = datetime(2031, 11, 30, 23, 59, tzinfo=UTC)
    text = catalog().render(
        lang,
        msg(
            "checkin-opened",
            title=typed(200),
            code="K7MX-3QPA",
            link=Url("https://t.me/" + "b" * 32 + "?start=checkin-K7MX3QPA"),
            closes=When(at, "America/Argentina/ComodRivadavia"),
        ),
    )
    assert telegram_length(text) <= 1024


async def test_before_the_window_the_coordinator_is_told_when_it_opens(bot: Harness) -> None:
    await meeting_on(bot, -2 * HOUR)
    await bot.send(COORDINATOR, "/checkin")
    assert f"Check-in for {TITLE} opens" in bot.last(COORDINATOR)
    assert "13:00" in bot.last(COORDINATOR)
    assert bot.api.sent("sendPhoto") == []


async def test_with_no_meeting_the_coordinator_is_told_to_schedule_one(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(COORDINATOR, "/checkin")
    assert "No meeting is scheduled" in bot.last(COORDINATOR)


async def test_with_two_meetings_open_the_coordinator_picks_one(bot: Harness) -> None:
    await add_members(bot)
    first = await schedule(bot, "2026-12-21 14:00")
    second = await schedule(bot, "2026-12-21 15:00", title="Working group")
    bot.clock.set(await starts_at(bot, first))
    await bot.send(COORDINATOR, "/checkin")
    assert "More than one meeting is open" in bot.last(COORDINATOR)
    assert bot.data(COORDINATOR) == [f"chk:mtg:{first}", f"chk:mtg:{second}"]
    await bot.press(COORDINATOR, f"chk:mtg:{second}")
    assert "Check-in for Working group is open" in caption(bot, COORDINATOR)


# --- members check in ---------------------------------------------------------------------------


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_a_member_checks_in_with_the_code_once_in_their_language(
    bot: Harness, user: int, lang: str
) -> None:
    await meeting_on(bot)
    shown = await open_checkin(bot)
    await bot.send(user, f"/checkin   {shown.lower()} ")
    assert bot.last(user) == said(bot, lang, "checkin-done", title=TITLE, org=ORG)
    await bot.send(user, f"/checkin {shown.replace('-', '')}")
    assert bot.last(user) == said(bot, lang, "checkin-already", title=TITLE, org=ORG)
    rows = await check_ins(bot)
    assert [(r.person_id, r.by_id) for r in rows] == [(await person_id(bot, user), None)]


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_scanning_the_qr_code_checks_in(bot: Harness, user: int, lang: str) -> None:
    await meeting_on(bot)
    code = (await open_checkin(bot)).replace("-", "")
    await bot.send(user, f"/start checkin-{code}")
    assert bot.last(user) == said(bot, lang, "checkin-done", title=TITLE, org=ORG)
    await bot.send(user, f"/start checkin-{code}")
    assert bot.last(user) == said(bot, lang, "checkin-already", title=TITLE, org=ORG)
    assert len(await check_ins(bot)) == 1


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_a_wrong_code_is_refused_in_their_language(
    bot: Harness, user: int, lang: str
) -> None:
    await meeting_on(bot)
    shown = await open_checkin(bot)
    wrong = "ZZZZ-ZZZZ" if shown != "ZZZZ-ZZZZ" else "YYYY-YYYY"
    for attempt in (
        f"/checkin {wrong}",
        "/checkin 12345",
        "/checkin <b>&",
        f"/start checkin-{wrong}",
    ):
        await bot.send(user, attempt)
        assert bot.last(user) == said(bot, lang, "checkin-code-unknown"), attempt
    assert await check_ins(bot) == []


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_an_expired_code_is_refused_in_their_language(
    bot: Harness, user: int, lang: str
) -> None:
    meeting_id = await meeting_on(bot)
    shown = await open_checkin(bot)
    bot.clock.set(await starts_at(bot, meeting_id) + 3 * HOUR + timedelta(seconds=1))
    await bot.send(user, f"/checkin {shown}")
    assert bot.last(user) == said(bot, lang, "checkin-closed", title=TITLE)
    await bot.send(COORDINATOR, "/checkin")
    assert "No meeting is scheduled" in bot.last(COORDINATOR)
    assert await check_ins(bot) == []


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_a_member_without_a_code_is_told_how_to_check_in(
    bot: Harness, user: int, lang: str
) -> None:
    await meeting_on(bot)
    await bot.send(user, "/checkin")
    assert bot.last(user) == said(bot, lang, "checkin-usage")
    assert bot.api.sent("sendPhoto") == []


async def test_someone_in_two_organizations_picks_the_one_they_represent(bot: Harness) -> None:
    await meeting_on(bot)
    await add_members(bot, (Member(LATE, "en", "Layla"),), org_name="Mazar Media Center")
    async with transaction(runtime(bot.app).sessions) as session:
        late = await session.scalar(select(Person.id).where(Person.tg_user_id == LATE))
        youth = await session.scalar(select(Organization.id).where(Organization.name == ORG))
        assert late is not None and youth is not None
        session.add(
            Membership(
                person_id=late,
                organization_id=youth,
                role=MemberRole.MEMBER,
                is_delegate=False,
                joined_at=bot.clock.now(),
            )
        )
    code = (await open_checkin(bot)).replace("-", "")
    await bot.send(LATE, f"/checkin {code}")
    assert "Which one do you represent" in bot.last(LATE)
    assert bot.labels(LATE) == [ORG, "Mazar Media Center"]
    media = bot.data(LATE)[1]
    await bot.forge(LATE, f"chk:as:{code}:999999")
    assert "no longer valid" in bot.answers()[-1]["text"]
    await bot.press(LATE, media)
    assert "You are checked in to" in bot.last(LATE) and "Mazar Media Center" in bot.last(LATE)
    await bot.send(LATE, f"/checkin {code}")
    assert "already checked in" in bot.last(LATE) and "Mazar Media Center" in bot.last(LATE)
    rows = await check_ins(bot)
    assert len(rows) == 1 and rows[0].organization_id != youth


async def test_a_coordinator_in_no_organization_can_check_in_too(bot: Harness) -> None:
    await meeting_on(bot)
    shown = await open_checkin(bot)
    await bot.send(COORDINATOR, f"/checkin {shown}")
    assert f"You are checked in to {TITLE}. Welcome!" in bot.last(COORDINATOR)


async def test_two_check_ins_at_once_record_one(bot: Harness) -> None:
    await meeting_on(bot)
    shown = await open_checkin(bot)
    updates = [bot.api.message_update(JOHN, f"/checkin {shown}") for _ in range(2)]
    await asyncio.gather(*(bot.app.process_update(Update.de_json(u, bot.app.bot)) for u in updates))
    texts = bot.texts(JOHN)
    done = said(bot, "en", "checkin-done", title=TITLE, org=ORG)
    already = said(bot, "en", "checkin-already", title=TITLE, org=ORG)
    assert texts.count(done) == 1 and texts.count(already) == 1
    assert len(await check_ins(bot)) == 1


# --- counts ----------------------------------------------------------------------------------


async def test_refresh_shows_people_and_organizations_represented(bot: Harness) -> None:
    meeting_id = await meeting_on(bot)
    await add_members(bot, (Member(LATE, "en", "Layla"),), org_name="Mazar Media Center")
    shown = await open_checkin(bot)
    for user in (JOHN, AMIR):
        await bot.send(user, f"/checkin {shown}")
    await bot.press(COORDINATOR, f"chk:n:{meeting_id}")
    status = bot.last(COORDINATOR)
    assert "People checked in: 2 (added by name: 0)" in status
    assert "Organizations represented: 1 of 2" in status
    assert "up to date" in bot.answers()[-1]["text"]
    await bot.press(COORDINATOR, f"chk:n:{meeting_id}")  # nothing changed: still answered
    assert "up to date" in bot.answers()[-1]["text"]


# --- a coordinator checks in someone without a phone -------------------------------------------


async def test_a_coordinator_checks_in_a_member_and_walk_ins(bot: Harness) -> None:
    meeting_id = await meeting_on(bot)
    await open_checkin(bot)
    async with transaction(runtime(bot.app).sessions) as session:
        org = await session.scalar(select(Organization.id).where(Organization.name == ORG))
    zahra = await person_id(bot, ZAHRA)

    await bot.press(COORDINATOR, f"chk:add:{meeting_id}")
    assert f"Whom are you checking in to {TITLE}?" in bot.last(COORDINATOR)
    assert bot.labels(COORDINATOR) == [ORG, "👤 From no organization: type a name"]
    await bot.press(COORDINATOR, f"chk:org:{meeting_id}:{org}:0")
    assert f"{ORG}: who is it?" in bot.last(COORDINATOR)
    assert bot.labels(COORDINATOR)[:3] == ["Amir", "John", "Zahra"]
    await bot.press(COORDINATOR, f"chk:who:{meeting_id}:{org}:{zahra}")
    assert f"Zahra is checked in to {TITLE}, for {ORG}. It is in the audit log." in bot.last(
        COORDINATOR
    )
    await bot.press(COORDINATOR, f"chk:orgs:{meeting_id}:0")
    await bot.press(COORDINATOR, f"chk:org:{meeting_id}:{org}:0")
    assert "✅ Zahra" in bot.labels(COORDINATOR)
    await bot.press(COORDINATOR, f"chk:who:{meeting_id}:{org}:{zahra}")
    assert "Zahra was already checked in." in plain(bot.answers()[-1]["text"])

    await bot.press(COORDINATOR, f"chk:name:{meeting_id}:{org}")
    assert f"name of the person from {ORG}" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "   ")
    assert "That was empty" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "Gul  Ahmad")
    assert f"Gul Ahmad is checked in to {TITLE}, for {ORG}." in bot.last(COORDINATOR)
    await bot.press(COORDINATOR, f"chk:orgs:{meeting_id}:0")
    await bot.press(COORDINATOR, f"chk:name:{meeting_id}:0")
    assert "name of the guest" in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "gul ahmad")
    assert "Gul Ahmad was already checked in." in bot.last(COORDINATOR)
    await bot.press(COORDINATOR, f"chk:orgs:{meeting_id}:0")
    await bot.press(COORDINATOR, f"chk:name:{meeting_id}:0")
    await bot.send(COORDINATOR, "مریم")
    assert f"مریم is checked in to {TITLE} as a guest." in bot.last(COORDINATOR)
    await bot.send(COORDINATOR, "Another line")
    assert "I did not understand that" in bot.last(COORDINATOR)  # the dialog has ended

    rows = await check_ins(bot)
    assert [(r.person_id, r.name, r.organization_id) for r in rows] == [
        (zahra, None, org),
        (None, "Gul Ahmad", org),
        (None, "مریم", None),
    ]
    async with transaction(runtime(bot.app).sessions) as session:
        audits = list(
            await session.scalars(select(AuditLog).where(AuditLog.action.like("checkin.%")))
        )
    assert [a.action for a in audits] == [
        "checkin.opened",
        "checkin.by_coordinator",
        "checkin.walk_in",
        "checkin.walk_in",
    ]
    await bot.press(COORDINATOR, f"chk:n:{meeting_id}")
    assert any("People checked in: 3 (added by name: 2)" in t for t in bot.texts(COORDINATOR))


async def test_the_lists_of_organizations_and_members_are_paged(bot: Harness) -> None:
    meeting_id = await meeting_on(bot)
    crowd = tuple(Member(4_200_000 + n, "en", f"Member {n:02}") for n in range(10))
    org = await add_members(bot, crowd, org_name="A crowded organization")
    async with transaction(runtime(bot.app).sessions) as session:
        registrant = await session.scalar(select(Person.id).limit(1))
        for n in range(9):
            session.add(
                Organization(
                    name=f"Organization {n}",
                    name_key=f"organization {n}",
                    kind=OrgKind.NGO,
                    province="Balkh",
                    district="Mazar-i-Sharif",
                    focus="Education",
                    status=OrgStatus.APPROVED,
                    registered_by_id=registrant,
                    created_at=bot.clock.now(),
                )
            )
    await open_checkin(bot)
    await bot.press(COORDINATOR, f"chk:add:{meeting_id}")
    labels = bot.labels(COORDINATOR)
    assert labels[0] == "A crowded organization" and len(labels) == 8 + 2
    assert labels[-2:] == ["Next ›", "👤 From no organization: type a name"]
    await bot.press_label(COORDINATOR, "Next ›")
    labels = bot.labels(COORDINATOR)
    assert labels[:3] == ["Organization 6", "Organization 7", "Organization 8"]
    assert "‹ Previous" in labels
    await bot.press_label(COORDINATOR, "‹ Previous")
    await bot.press(COORDINATOR, f"chk:org:{meeting_id}:{org}:0")
    assert bot.labels(COORDINATOR)[:2] == ["Member 00", "Member 01"]
    await bot.press_label(COORDINATOR, "Next ›")
    assert bot.labels(COORDINATOR)[:2] == ["Member 08", "Member 09"]
    await bot.press_label(COORDINATOR, "‹ Previous")
    await bot.forge(COORDINATOR, f"chk:org:{meeting_id}:{org}:99")  # past the end: the last one
    assert bot.labels(COORDINATOR)[:2] == ["Member 08", "Member 09"]


async def test_after_the_window_a_coordinator_can_no_longer_add_anyone(bot: Harness) -> None:
    meeting_id = await meeting_on(bot)
    await open_checkin(bot)
    async with transaction(runtime(bot.app).sessions) as session:
        org = await session.scalar(select(Organization.id).where(Organization.name == ORG))
    await bot.press(COORDINATOR, f"chk:add:{meeting_id}")
    await bot.press(COORDINATOR, f"chk:org:{meeting_id}:{org}:0")
    await bot.press(COORDINATOR, f"chk:name:{meeting_id}:{org}")
    bot.clock.set(await starts_at(bot, meeting_id) + 4 * HOUR)
    await bot.send(COORDINATOR, "Gul Ahmad")
    closed = said(bot, "en", "checkin-closed", title=TITLE)
    assert bot.last(COORDINATOR) == closed
    for data in (f"chk:add:{meeting_id}", f"chk:who:{meeting_id}:{org}:1"):
        await bot.forge(COORDINATOR, data)
        assert last_answer(bot) == closed
    await bot.press(COORDINATOR, f"chk:n:{meeting_id}")  # the counts can still be read
    assert "up to date" in plain(bot.answers()[-1]["text"])
    assert await check_ins(bot) == []


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_a_member_cannot_use_the_coordinators_buttons(
    bot: Harness, user: int, lang: str
) -> None:
    meeting_id = await meeting_on(bot)
    await open_checkin(bot)
    zahra = await person_id(bot, ZAHRA)
    await bot.send(user, "/checkin")  # a message of the bot's to press on
    for data in (
        f"chk:n:{meeting_id}",
        f"chk:add:{meeting_id}",
        f"chk:orgs:{meeting_id}:0",
        f"chk:org:{meeting_id}:1:0",
        f"chk:who:{meeting_id}:1:{zahra}",
        f"chk:name:{meeting_id}:0",
        f"chk:mtg:{meeting_id}",
    ):
        await bot.forge(user, data)
        assert last_answer(bot) == said(bot, lang, "error-coordinators-only"), data
    assert await check_ins(bot) == []


async def test_removing_a_member_from_the_network_is_seen_at_once(bot: Harness) -> None:
    await meeting_on(bot)
    shown = await open_checkin(bot)
    async with transaction(runtime(bot.app).sessions) as session:
        await session.execute(delete(Membership).where(Membership.person_id.is_not(None)))
    for user in (m.tg_user_id for m in MEMBERS):
        await bot.send(user, f"/checkin {shown}")
    assert await check_ins(bot) == []
    await onboard(bot, LATE)
    await bot.send(LATE, f"/checkin {shown}")
    assert bot.last(LATE) == said(bot, "en", "error-network-only")
