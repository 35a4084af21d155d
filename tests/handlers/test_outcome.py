"""/outcome through Telegram: decisions and action items recorded, removed and reminded, in
each language, and every refusal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from bot.app import runtime
from db.models import ActionItem, AuditLog, Organization, OrgStatus, Outbox, OutboxStatus
from db.session import transaction
from tests.handlers.conftest import COORDINATOR, Harness, plain
from tests.handlers.helpers import onboard
from tests.handlers.network import AMIR, JOHN, ZAHRA, Member, add_members, schedule

# The meeting: Friday 11 December 2026 (20 Qaws 1405), 14:00 in Kabul; under way at 14:30.
MEETING_AT = "1405-09-20 14:00"
UNDER_WAY = datetime(2026, 12, 11, 10, 0, tzinfo=UTC)
DUE = "20261215"  # Tuesday 15 December 2026, 24 Qaws 1405
REMINDS_AT = datetime(2026, 12, 13, 4, 30, tzinfo=UTC)  # 09:00 in Kabul, two days before


@dataclass(frozen=True)
class Language:
    code: str
    recorded: str  # the decision's confirmation
    due: str  # the due date as the reader's calendar writes it
    month: str  # the picker's month
    owner_question: str
    refusals: dict[str, str]


LANGUAGES = {
    "en": Language(
        "en",
        "Decision recorded",
        "Tuesday 15 December 2026",
        "December 2026",
        "Which organization is responsible",
        {
            "coordinators": "Only coordinators can do that",
            "stale": "no longer valid",
            "empty": "That was empty",
            "long": "That is 501 characters; please keep it to at most 500",
            "control": "invisible control character",
            "inactive": "Balkh Youth Network is not active in the network",
            "none": "No meeting has started yet",
            "not-started": "has not started yet",
            "day-past": "That day has passed",
        },
    ),
    "fa": Language(
        "fa",
        "تصمیم ثبت شد",
        "۲۴ قوس ۱۴۰۵",
        "قوس ۱۴۰۵",
        "کدام نهاد مسئول",
        {
            "coordinators": "فقط هماهنگ‌کننده‌ها",
            "stale": "این دکمه دیگر اعتبار ندارد",
            "empty": "پیام شما خالی بود",
            "long": "این متن ۵۰۱ حرف است",
            "control": "علامت کنترلی نامرئی",
            "inactive": "Balkh Youth Network در حال حاضر در شبکه فعال نیست",
            "none": "هنوز هیچ جلسه‌ای شروع نشده است",
            "not-started": "هنوز شروع نشده است",
            "day-past": "این روز گذشته است",
        },
    ),
    "ps": Language(
        "ps",
        "پرېکړه ثبت شوه",
        "۲۴ لیندۍ ۱۴۰۵",
        "لیندۍ ۱۴۰۵",
        "کوم بنسټ",
        {
            "coordinators": "دا کار یوازې همغږي کوونکي کولی شي",
            "stale": "دا تڼۍ نور اعتبار نه لري",
            "empty": "پیغام خالي و",
            "long": "دا ۵۰۱ توري دي",
            "control": "کنټرولي نښه",
            "inactive": "Balkh Youth Network اوس مهال په شبکه کې فعال نه دی",
            "none": "تر اوسه هېڅ غونډه نه ده پیل شوې",
            "not-started": "لا نه ده پیل شوې",
            "day-past": "دا ورځ تېره شوې ده",
        },
    ),
}
EACH_LANGUAGE = [pytest.param(language, id=code) for code, language in LANGUAGES.items()]
# A member of the network in each language, for the refusals a non-coordinator gets.
MEMBER_IN = {"en": JOHN, "fa": AMIR, "ps": ZAHRA}


async def _speaks(bot: Harness, user: int, lang: str) -> None:
    await bot.send(user, "/language")
    await bot.press(user, f"lang:set:{lang}")


async def _under_way(bot: Harness, lang: str = "en") -> tuple[int, int]:
    """The network, a meeting scheduled and now under way, and the coordinator's language."""
    org = await add_members(bot)
    meeting = await schedule(bot, MEETING_AT)
    bot.clock.set(UNDER_WAY)
    if lang != "en":
        await _speaks(bot, COORDINATOR, lang)
    return org, meeting


async def _add_decision(bot: Harness, meeting: int, text: str) -> None:
    await bot.press(COORDINATOR, f"oc:add:{meeting}:d")
    await bot.send(COORDINATOR, text)


async def _add_action(
    bot: Harness, meeting: int, org: int, text: str = "Share the security plan", day: str = DUE
) -> None:
    await bot.press(COORDINATOR, f"oc:add:{meeting}:a")
    await bot.send(COORDINATOR, text)
    await bot.press(COORDINATOR, f"oc:own:{org}")
    await bot.press(COORDINATOR, f"dp:day:{day}")


async def _items(bot: Harness) -> list[ActionItem]:
    async with transaction(runtime(bot.app).sessions) as session:
        return list(await session.scalars(select(ActionItem).order_by(ActionItem.id)))


async def _audited(bot: Harness) -> list[str]:
    async with transaction(runtime(bot.app).sessions) as session:
        found = await session.scalars(
            select(AuditLog.action).where(AuditLog.action.like("outcome.%")).order_by(AuditLog.id)
        )
        return list(found)


async def _reminders(bot: Harness) -> list[Outbox]:
    async with transaction(runtime(bot.app).sessions) as session:
        found = await session.scalars(
            select(Outbox).where(Outbox.kind == "action-due").order_by(Outbox.id)
        )
        return list(found)


async def _set_org(bot: Harness, org: int, status: OrgStatus) -> None:
    async with transaction(runtime(bot.app).sessions) as session:
        await session.execute(
            update(Organization).where(Organization.id == org).values(status=status)
        )


def _toast(bot: Harness) -> str:
    return plain(bot.answers()[-1].get("text"))


# --- the flows --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", EACH_LANGUAGE)
async def test_a_coordinator_records_a_decision_and_an_action_item(
    bot: Harness, language: Language
) -> None:
    org, meeting = await _under_way(bot, language.code)
    await bot.send(COORDINATOR, "/outcome")
    assert "Monthly coordination meeting" in bot.last(COORDINATOR)
    assert f"oc:add:{meeting}:d" in bot.data(COORDINATOR)
    assert f"oc:rl:{meeting}:0" not in bot.data(COORDINATOR)  # nothing to remove yet

    await _add_decision(bot, meeting, "The union meets on the third Monday")
    recorded, view = bot.texts(COORDINATOR)[-2:]
    assert language.recorded in recorded
    assert "The union meets on the third Monday" in view

    await bot.press(COORDINATOR, f"oc:add:{meeting}:a")
    await bot.send(COORDINATOR, "Share the security plan")
    assert language.owner_question in bot.last(COORDINATOR)
    assert "Balkh Youth Network" in bot.labels(COORDINATOR)
    await bot.press(COORDINATOR, f"oc:own:{org}")
    assert language.month in bot.labels(COORDINATOR)  # the reader's calendar
    await bot.press(COORDINATOR, f"dp:day:{DUE}")
    chosen, added, view = bot.texts(COORDINATOR)[-3:]
    assert language.due in chosen and language.due in added
    assert "Balkh Youth Network" in added
    assert "The union meets on the third Monday" in view
    assert "Share the security plan" in view and language.due in view

    decision, action = await _items(bot)
    assert (decision.kind, decision.owner_id, decision.due_on) == ("decision", None, None)
    assert (action.kind, action.owner_id, str(action.due_on)) == ("action", org, "2026-12-15")
    assert await _audited(bot) == ["outcome.added", "outcome.added"]
    (reminder,) = await _reminders(bot)
    assert (reminder.fanout, reminder.due_at) == (True, REMINDS_AT)


async def test_the_owner_is_reminded_in_their_own_language_and_calendar(bot: Harness) -> None:
    org, meeting = await _under_way(bot)
    await bot.send(COORDINATOR, "/outcome")
    await _add_action(bot, meeting, org)
    assert "reminder on Sunday 13 December 2026, 09:00 (Kabul time)" in bot.texts(COORDINATOR)[-2]
    before = len(bot.texts(AMIR))

    bot.clock.set(REMINDS_AT - timedelta(minutes=1))
    await bot.dispatch()
    assert len(bot.texts(AMIR)) == before
    bot.clock.set(REMINDS_AT)
    await bot.dispatch()
    # Amir is the organization's admin and reads Dari; plain members get nothing.
    reminder = bot.last(AMIR)
    assert "یادآوری" in reminder and "۲۴ قوس ۱۴۰۵" in reminder
    assert "Share the security plan" in reminder
    assert not any("Share the security plan" in text for text in bot.texts(JOHN))
    assert not any("Share the security plan" in text for text in bot.texts(ZAHRA))
    await bot.dispatch()
    assert sum("Share the security plan" in text for text in bot.texts(AMIR)) == 1


async def test_an_item_is_removed_after_a_confirmation_and_its_reminder_is_not_sent(
    bot: Harness,
) -> None:
    org, meeting = await _under_way(bot)
    await bot.send(COORDINATOR, "/outcome")
    await _add_action(bot, meeting, org)
    (item,) = await _items(bot)

    await bot.press(COORDINATOR, f"oc:rl:{meeting}:0")
    assert "Which one do you want to remove?" in bot.last(COORDINATOR)
    await bot.press(COORDINATOR, f"oc:del:{item.id}")
    assert "Remove this from the record?" in bot.last(COORDINATOR)
    assert "Share the security plan" in bot.last(COORDINATOR)
    await bot.press_label(COORDINATOR, "Keep it")
    assert len(await _items(bot)) == 1
    assert "Share the security plan" in bot.last(COORDINATOR)

    await bot.press(COORDINATOR, f"oc:rl:{meeting}:0")
    await bot.press(COORDINATOR, f"oc:del:{item.id}")
    await bot.press(COORDINATOR, f"oc:ok:{item.id}")
    assert _toast(bot) == "Removed."
    assert "Nothing recorded yet" in bot.last(COORDINATOR)
    assert await _items(bot) == []
    assert await _audited(bot) == ["outcome.added", "outcome.removed"]
    (reminder,) = await _reminders(bot)
    assert reminder.status == OutboxStatus.SKIPPED

    bot.clock.set(REMINDS_AT)
    await bot.dispatch()
    assert not any("Share the security plan" in text for text in bot.texts(AMIR))
    # Pressed again, the confirmation finds nothing to remove.
    await bot.forge(COORDINATOR, f"oc:ok:{item.id}")
    assert "no longer valid" in _toast(bot)


async def test_another_recent_meeting_can_be_picked(bot: Harness) -> None:
    await add_members(bot)
    earlier = await schedule(bot, "1405-09-15 10:00", title="Security working group")
    later = await schedule(bot, MEETING_AT)
    upcoming = await schedule(bot, "1405-10-20 14:00", title="January meeting")
    bot.clock.set(UNDER_WAY)
    await bot.send(COORDINATOR, "/outcome")
    assert "Monthly coordination meeting" in bot.last(COORDINATOR)  # the latest to start

    await bot.press(COORDINATOR, "oc:ms")
    assert bot.data(COORDINATOR) == [f"oc:m:{later}", f"oc:m:{earlier}"]
    assert f"oc:m:{upcoming}" not in bot.data(COORDINATOR)
    await bot.press(COORDINATOR, f"oc:m:{earlier}")
    assert "Security working group" in bot.last(COORDINATOR)
    await _add_decision(bot, earlier, "Adopt the report")
    (item,) = await _items(bot)
    assert item.meeting_id == earlier
    assert "Security working group" in bot.last(COORDINATOR)


async def test_owners_come_eight_a_page_and_the_due_date_picker_turns_months(
    bot: Harness,
) -> None:
    people = tuple(Member(4_200_000 + n, "en", f"Admin {n}") for n in range(10))
    orgs = [
        await add_members(bot, (person,), f"Organization {n:02d}")
        for n, person in enumerate(people)
    ]
    meeting = await schedule(bot, MEETING_AT)
    bot.clock.set(UNDER_WAY)
    await bot.send(COORDINATOR, "/outcome")
    await bot.press(COORDINATOR, f"oc:add:{meeting}:a")
    await bot.send(COORDINATOR, "Train the new delegates")
    assert bot.data(COORDINATOR)[:8] == [f"oc:own:{org}" for org in orgs[:8]]
    await bot.press(COORDINATOR, "oc:op:1")
    assert [d for d in bot.data(COORDINATOR) if d.startswith("oc:own")] == [
        f"oc:own:{org}" for org in orgs[8:]
    ]
    await bot.press(COORDINATOR, f"oc:own:{orgs[9]}")
    await bot.press(COORDINATOR, "dp:mon:g:2027:1")
    assert "By what day must Organization 09 have done it?" in bot.last(COORDINATOR)
    assert "January 2027" in bot.labels(COORDINATOR)
    await bot.press(COORDINATOR, "dp:day:20270120")
    (item,) = await _items(bot)
    assert (item.owner_id, str(item.due_on)) == (orgs[9], "2027-01-20")


async def test_a_half_finished_action_item_can_be_dropped(bot: Harness) -> None:
    _org, meeting = await _under_way(bot)
    await bot.send(COORDINATOR, "/outcome")
    await bot.press(COORDINATOR, f"oc:add:{meeting}:a")
    await bot.send(COORDINATOR, "Share the security plan")
    await bot.send(COORDINATOR, "Balkh Youth Network")  # typed, not tapped
    assert "Please choose with the buttons above" in bot.texts(COORDINATOR)[-2]
    await bot.press(COORDINATOR, "oc:drop")
    assert "Cancelled" in bot.last(COORDINATOR)
    assert await _items(bot) == []


# --- the refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", EACH_LANGUAGE)
async def test_a_member_who_is_not_a_coordinator_is_refused(
    bot: Harness, language: Language
) -> None:
    org, meeting = await _under_way(bot)
    await bot.send(COORDINATOR, "/outcome")
    await _add_action(bot, meeting, org)
    (item,) = await _items(bot)
    member = MEMBER_IN[language.code]
    refusal = language.refusals["coordinators"]

    await bot.send(member, "/outcome")
    assert refusal in bot.last(member)
    for data in (
        f"oc:m:{meeting}",
        "oc:ms",
        f"oc:add:{meeting}:d",
        f"oc:rl:{meeting}:0",
        f"oc:del:{item.id}",
        f"oc:ok:{item.id}",
        f"oc:own:{org}",
        "oc:op:0",
    ):
        await bot.forge(member, data)
        assert refusal in _toast(bot), data
    assert len(await _items(bot)) == 1
    assert "Share the security plan" not in " ".join(bot.texts(member))


@pytest.mark.parametrize("language", EACH_LANGUAGE)
async def test_forged_and_stale_buttons_are_refused(bot: Harness, language: Language) -> None:
    org, meeting = await _under_way(bot, language.code)
    later = await _later_meeting(bot, language.code)
    await bot.send(COORDINATOR, "/outcome")
    stale = language.refusals["stale"]
    for data in (
        "oc:m:999999",
        "oc:del:999999",
        "oc:ok:999999",
        "oc:rl:999999:0",
        f"oc:add:{meeting}:x",
        f"oc:own:{org}",  # no action item being added
        "oc:op:1",
        "oc:drop",
        f"dp:day:{DUE}",
    ):
        await bot.forge(COORDINATOR, data)
        assert stale in _toast(bot), data
    await bot.forge(COORDINATOR, f"oc:add:{later}:d")
    assert language.refusals["not-started"] in _toast(bot)

    await bot.press(COORDINATOR, f"oc:add:{meeting}:a")
    await bot.send(COORDINATOR, "Share the security plan")
    await bot.forge(COORDINATOR, "oc:own:999999")
    assert stale in _toast(bot)
    await bot.press(COORDINATOR, f"oc:own:{org}")
    # The due date picker asks for a day alone: hours and minutes are not its buttons.
    await bot.forge(COORDINATOR, "dp:hour:14")
    assert stale in _toast(bot)
    await bot.forge(COORDINATOR, "dp:day:20261201")
    assert language.refusals["day-past"] in _toast(bot)
    assert await _items(bot) == []


async def _later_meeting(bot: Harness, lang: str) -> int:
    """A meeting still to come, scheduled by the coordinator (in English, then back)."""
    if lang != "en":
        await _speaks(bot, COORDINATOR, "en")
    bot.clock.set(UNDER_WAY - timedelta(days=5))
    meeting = await schedule(bot, "1405-10-20 14:00", title="January meeting")
    bot.clock.set(UNDER_WAY)
    if lang != "en":
        await _speaks(bot, COORDINATOR, lang)
    return meeting


@pytest.mark.parametrize("language", EACH_LANGUAGE)
@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        pytest.param("   ", "empty", id="empty"),
        pytest.param("x" * 501, "long", id="too-long"),
        pytest.param("Adopt\x1b the plan", "control", id="control-character"),
    ],
)
async def test_what_is_typed_is_checked(
    bot: Harness, language: Language, typed: str, refusal: str
) -> None:
    org, meeting = await _under_way(bot, language.code)
    await bot.send(COORDINATOR, "/outcome")
    for kind in ("d", "a"):
        await bot.press(COORDINATOR, f"oc:add:{meeting}:{kind}")
        await bot.send(COORDINATOR, typed)
        assert language.refusals[refusal] in bot.last(COORDINATOR)
    assert await _items(bot) == []
    # The conversation waits for a better answer.
    await bot.send(COORDINATOR, "Share the security plan")
    await bot.press(COORDINATOR, f"oc:own:{org}")
    await bot.press(COORDINATOR, f"dp:day:{DUE}")
    assert len(await _items(bot)) == 1


@pytest.mark.parametrize("language", EACH_LANGUAGE)
async def test_an_organization_suspended_meanwhile_cannot_own_an_action_item(
    bot: Harness, language: Language
) -> None:
    org, meeting = await _under_way(bot, language.code)
    await bot.send(COORDINATOR, "/outcome")
    await bot.press(COORDINATOR, f"oc:add:{meeting}:a")
    await bot.send(COORDINATOR, "Share the security plan")
    await _set_org(bot, org, OrgStatus.SUSPENDED)
    await bot.press(COORDINATOR, f"oc:own:{org}")
    assert language.refusals["inactive"] in _toast(bot)

    await _set_org(bot, org, OrgStatus.APPROVED)
    await bot.press(COORDINATOR, f"oc:own:{org}")
    await _set_org(bot, org, OrgStatus.SUSPENDED)  # while the due date is being picked
    await bot.press(COORDINATOR, f"dp:day:{DUE}")
    assert language.refusals["inactive"] in _toast(bot)
    assert await _items(bot) == []
    assert await _reminders(bot) == []


@pytest.mark.parametrize("language", EACH_LANGUAGE)
async def test_outcome_before_any_meeting_has_started(bot: Harness, language: Language) -> None:
    await onboard(bot, COORDINATOR, language.code)
    await bot.send(COORDINATOR, "/outcome")
    assert language.refusals["none"] in bot.last(COORDINATOR)


async def test_an_action_item_needs_an_approved_organization(bot: Harness) -> None:
    org, meeting = await _under_way(bot)
    await _set_org(bot, org, OrgStatus.SUSPENDED)
    await bot.send(COORDINATOR, "/outcome")
    await bot.press(COORDINATOR, f"oc:add:{meeting}:a")
    assert "no approved organization" in _toast(bot)
    await bot.send(COORDINATOR, "Share the security plan")
    assert "I did not understand that" in bot.last(COORDINATOR)
