"""Decisions and action items: recording, removing, the listing, and the owners' reminder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FakeClock
from bot.handlers.common import TEXT_LIMIT, Lines, render_lines
from bot.i18n import LANGUAGES, RIGHT_TO_LEFT, catalog, msg
from bot.services import delivery, meetings, outcome
from bot.services.delivery import Rendered
from bot.services.errors import DomainError, NotAllowed, NotFound
from bot.services.kinds import Kind
from bot.services.text import NAME_LIMIT
from db.models import (
    ActionItem,
    AuditLog,
    Meeting,
    MemberRole,
    Membership,
    Organization,
    OrgStatus,
    OutboxStatus,
    OutcomeKind,
    Person,
)
from tests.factories import act, make_org, make_person
from tests.unit import test_catalog_limits as limits
from tests.unit.meeting_factories import (
    fan_out,
    make_coordinator,
    make_meeting,
    outbox_rows,
    recipients_of,
)
from tests.unit.test_bidi import problems

LEAD = timedelta(days=2)
# The clock starts on 1 December 2026, 08:00 UTC (12:30 in Kabul); the meeting starts an
# hour later and is under way from then on.
DUE = date(2026, 12, 10)
# 09:00 in Kabul (UTC+4:30) two days before the due date.
REMINDS_AT = datetime(2026, 12, 8, 4, 30, tzinfo=UTC)
DAY_ENDS = datetime(2026, 12, 10, 19, 30, tzinfo=UTC)


async def _under_way(session: AsyncSession, clock: FakeClock, by: Person) -> Meeting:
    meeting = await make_meeting(session, clock, starts_in=timedelta(hours=1), by=by)
    clock.advance(timedelta(hours=2))
    return meeting


@dataclass(frozen=True)
class Scene:
    """A coordinator, an organization with an admin, a delegate and a plain member, and a
    meeting under way."""

    coordinator: Person
    org: Organization
    admin: Person
    delegate: Person
    member: Person
    meeting: Meeting


@pytest.fixture
async def scene(session: AsyncSession, clock: FakeClock) -> Scene:
    coordinator = await make_coordinator(session, clock)
    admin, delegate, member = [await make_person(session, clock) for _ in range(3)]
    org = await make_org(
        session, clock, admin, admins=(admin,), members=(delegate, member), name="Balkh Media"
    )
    await _membership(session, delegate, is_delegate=True)
    meeting = await _under_way(session, clock, coordinator)
    return Scene(coordinator, org, admin, delegate, member, meeting)


async def _action(
    session: AsyncSession,
    clock: FakeClock,
    scene: Scene,
    due: date = DUE,
    text: str = "Share the security plan with every district",
) -> outcome.Added:
    actor = await act(session, scene.coordinator)
    return await outcome.add_action(
        session, clock, actor, scene.meeting.id, text, scene.org.id, due, LEAD
    )


async def _reminded(session: AsyncSession, clock: FakeClock, scene: Scene) -> outcome.Added:
    """An action item whose reminder has come due and fanned out."""
    added = await _action(session, clock, scene)
    clock.set(REMINDS_AT)
    await fan_out(session, clock)
    return added


async def _membership(session: AsyncSession, person: Person, **values: object) -> None:
    await session.execute(
        update(Membership).where(Membership.person_id == person.id).values(**values)
    )


def _read(lang: str, rendered: Rendered | str) -> str:
    """A reminder as its reader sees it, without the invisible bidi isolates."""
    assert isinstance(rendered, Rendered), rendered
    return catalog().render(lang, rendered.text).translate({0x2068: None, 0x2069: None})


async def _reminders(session: AsyncSession, clock: FakeClock) -> dict[int, Rendered | str]:
    """Each reminder copy, by recipient: how it reads now, or why it is skipped."""
    rows = await outbox_rows(session, kind=Kind.ACTION_DUE, fanout=False)
    rendered = await delivery.render_wave(
        session, rows, now=clock.now(), coordinators=(), default_language="en"
    )
    return {row.person_id or 0: rendered[row.id] for row in rows}


async def test_decisions_and_action_items_are_listed_with_owners_and_due_dates(
    session: AsyncSession, clock: FakeClock, scene: Scene
) -> None:
    actor = await act(session, scene.coordinator)
    await _action(session, clock, scene)
    decided = await outcome.add_decision(
        session, clock, actor, scene.meeting.id, "  The union  meets  monthly "
    )

    entries = await outcome.listing(session, actor, scene.meeting.id)

    assert [(e.kind, e.text, e.owner, e.due_on) for e in entries] == [
        (OutcomeKind.DECISION, "The union meets monthly", None, None),
        (
            OutcomeKind.ACTION,
            "Share the security plan with every district",
            "Balkh Media",
            DUE,
        ),
    ]
    assert entries[0].id == decided.item.id
    # The summary job reads it as the bot itself.
    assert await outcome.listing(session, outcome.SYSTEM, scene.meeting.id) == entries
    actions = await session.scalars(select(AuditLog.action).order_by(AuditLog.id))
    assert list(actions).count("outcome.added") == 2


async def test_only_coordinators_record_remove_or_read_the_outcome(
    session: AsyncSession, clock: FakeClock, scene: Scene
) -> None:
    added = await _action(session, clock, scene)
    admin = await act(session, scene.admin)
    with pytest.raises(NotAllowed):
        await outcome.add_decision(session, clock, admin, scene.meeting.id, "We agree")
    with pytest.raises(NotAllowed):
        await outcome.add_action(
            session, clock, admin, scene.meeting.id, "x", scene.org.id, DUE, LEAD
        )
    with pytest.raises(NotAllowed):
        await outcome.remove(session, clock, admin, added.item.id)
    with pytest.raises(NotAllowed):
        await outcome.listing(session, admin, scene.meeting.id)
    with pytest.raises(NotAllowed):
        await outcome.recent_meetings(session, clock, admin)
    assert len(await outcome.listing(session, outcome.SYSTEM, scene.meeting.id)) == 1


async def test_a_meeting_not_yet_started_or_cancelled_takes_no_outcome(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    actor = await act(session, coordinator)
    later = await make_meeting(session, clock, starts_in=timedelta(days=3), by=coordinator)
    with pytest.raises(DomainError) as refused:
        await outcome.add_decision(session, clock, actor, later.id, "We agree")
    assert refused.value.key == "outcome-not-started"
    with pytest.raises(NotFound):
        await outcome.add_decision(session, clock, actor, 999_999, "We agree")
    assert await outcome.recent_meetings(session, clock, actor) == []


async def test_the_most_recently_started_meeting_comes_first(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    first = await make_meeting(session, clock, starts_in=timedelta(hours=1), by=coordinator)
    second = await make_meeting(session, clock, starts_in=timedelta(hours=2), by=coordinator)
    upcoming = await make_meeting(session, clock, starts_in=timedelta(days=5), by=coordinator)
    clock.advance(timedelta(hours=3))
    recent = await outcome.recent_meetings(session, clock, await act(session, coordinator))
    assert [m.id for m in recent] == [second.id, first.id]
    assert upcoming.id not in [m.id for m in recent]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        pytest.param("   ", "error-empty", id="empty"),
        pytest.param("x" * (outcome.TEXT_LIMIT + 1), "error-too-long", id="too-long"),
        pytest.param("We agree\x00", "error-control-character", id="control-character"),
    ],
)
async def test_what_a_coordinator_types_is_checked(
    session: AsyncSession, clock: FakeClock, scene: Scene, text: str, key: str
) -> None:
    with pytest.raises(DomainError) as refused:
        await outcome.add_decision(
            session, clock, await act(session, scene.coordinator), scene.meeting.id, text
        )
    assert refused.value.key == key
    assert await session.scalar(select(ActionItem.id)) is None


async def test_the_owner_must_be_approved_and_the_due_date_not_past(
    session: AsyncSession, clock: FakeClock, scene: Scene
) -> None:
    with pytest.raises(DomainError) as refused:
        await _action(session, clock, scene, due=date(2026, 11, 30))
    assert refused.value.key == "outcome-due-past"
    scene.org.status = OrgStatus.SUSPENDED
    with pytest.raises(DomainError) as refused:
        await _action(session, clock, scene)
    assert refused.value.key == "error-org-not-active"
    assert refused.value.params == {"name": "Balkh Media"}
    assert await session.scalar(select(ActionItem.id)) is None
    assert await outbox_rows(session, kind=Kind.ACTION_DUE) == []


async def test_the_reminder_comes_two_days_before_nine_in_the_meetings_zone(
    session: AsyncSession, clock: FakeClock, scene: Scene
) -> None:
    added = await _action(session, clock, scene)
    assert added.reminds_at == REMINDS_AT
    (row,) = await outbox_rows(session, kind=Kind.ACTION_DUE)
    assert (row.fanout, row.due_at, row.not_after) == (True, REMINDS_AT, DAY_ENDS)
    assert row.dedupe_key == f"action-due:i{added.item.id}:20261210"

    clock.set(REMINDS_AT - timedelta(minutes=1))
    assert await fan_out(session, clock) == 0
    clock.set(REMINDS_AT)
    await fan_out(session, clock)
    # The admin and the delegate; a plain member is not reminded.
    expected = sorted([scene.admin.id, scene.delegate.id])
    assert await recipients_of(session, Kind.ACTION_DUE) == expected
    keys = {r.dedupe_key for r in await outbox_rows(session, kind=Kind.ACTION_DUE, fanout=False)}
    assert keys == {f"action-due:i{added.item.id}:20261210:p{p}" for p in expected}

    reminders = await _reminders(session, clock)
    text = _read("en", reminders[scene.admin.id])
    assert "action item of Balkh Media is due Thursday 10 December 2026" in text
    assert "Share the security plan with every district" in text
    assert "Monthly coordination meeting" in text


async def test_the_reminder_is_in_solar_hijri_for_dari_and_pashto_readers(
    session: AsyncSession, clock: FakeClock, scene: Scene
) -> None:
    scene.admin.language = "fa"
    scene.delegate.language = "ps"
    await _reminded(session, clock, scene)
    reminders = await _reminders(session, clock)
    dari = _read("fa", reminders[scene.admin.id])
    pashto = _read("ps", reminders[scene.delegate.id])
    # 10 December 2026 is 19 Qaws 1405.
    assert "۱۹ قوس ۱۴۰۵" in dari and "یادآوری" in dari
    assert "۱۹ لیندۍ ۱۴۰۵" in pashto and "یادونه" in pashto


async def test_an_item_due_sooner_than_the_lead_reminds_at_once(
    session: AsyncSession, clock: FakeClock, scene: Scene
) -> None:
    added = await _action(session, clock, scene, due=date(2026, 12, 2))
    assert added.reminds_at == clock.now()
    assert await fan_out(session, clock) == 2


async def test_who_is_reminded_is_decided_when_it_comes_due(
    session: AsyncSession, clock: FakeClock, scene: Scene
) -> None:
    await _action(session, clock, scene)
    # Before it comes due: the member is made an admin, the delegate steps down.
    await _membership(session, scene.member, role=MemberRole.ADMIN)
    await _membership(session, scene.delegate, is_delegate=False)
    clock.set(REMINDS_AT)
    await fan_out(session, clock)
    expected = sorted([scene.admin.id, scene.member.id])
    assert await recipients_of(session, Kind.ACTION_DUE) == expected


async def test_a_suspended_owner_or_a_removed_admin_gets_nothing_at_send_time(
    session: AsyncSession, clock: FakeClock, scene: Scene
) -> None:
    await _reminded(session, clock, scene)
    # After the fan-out, before sending: the admin loses the role.
    await _membership(session, scene.admin, role=MemberRole.MEMBER)
    reminders = await _reminders(session, clock)
    assert reminders[scene.admin.id] == "no longer the owner's admin or delegate"
    assert isinstance(reminders[scene.delegate.id], Rendered)

    scene.org.status = OrgStatus.SUSPENDED
    await session.flush()
    reminders = await _reminders(session, clock)
    assert reminders[scene.delegate.id] == delivery.NOT_IN_NETWORK


async def test_a_suspended_owner_is_left_out_of_the_fan_out(
    session: AsyncSession, clock: FakeClock, scene: Scene
) -> None:
    await _action(session, clock, scene)
    scene.org.status = OrgStatus.SUSPENDED
    clock.set(REMINDS_AT)
    await fan_out(session, clock)
    assert await recipients_of(session, Kind.ACTION_DUE) == []


async def test_removing_an_item_skips_its_reminder(
    session: AsyncSession, clock: FakeClock, scene: Scene
) -> None:
    kept = await _action(session, clock, scene, text="Keep this one")
    gone = await _action(session, clock, scene, text="Remove this one")
    actor = await act(session, scene.coordinator)

    await outcome.remove(session, clock, actor, gone.item.id)

    rows = await outbox_rows(session, kind=Kind.ACTION_DUE)
    by_key = {row.dedupe_key: (row.status, row.last_error) for row in rows}
    assert by_key[outcome.reminder_key(gone.item)] == (OutboxStatus.SKIPPED, outcome.REMOVED)
    assert by_key[outcome.reminder_key(kept.item)] == (OutboxStatus.PENDING, None)
    clock.set(REMINDS_AT)
    assert await fan_out(session, clock) == 2  # the kept item's admin and delegate
    assert [e.text for e in await outcome.listing(session, actor, scene.meeting.id)] == [
        "Keep this one"
    ]
    audit = await session.scalar(select(AuditLog).where(AuditLog.action == "outcome.removed"))
    assert audit is not None and audit.details["text"] == "Remove this one"
    with pytest.raises(NotFound):
        await outcome.remove(session, clock, actor, gone.item.id)


async def test_a_reminder_already_fanned_out_is_skipped_once_its_item_is_removed(
    session: AsyncSession, clock: FakeClock, scene: Scene
) -> None:
    added = await _reminded(session, clock, scene)
    await outcome.remove(session, clock, await act(session, scene.coordinator), added.item.id)
    rows = await outbox_rows(session, kind=Kind.ACTION_DUE, fanout=False)
    assert {row.status for row in rows} == {OutboxStatus.SKIPPED}
    # Even a copy being sent at that moment is judged again: the item is gone.
    reminders = await _reminders(session, clock)
    assert reminders[scene.admin.id] == outcome.REMOVED


async def test_a_changed_due_date_makes_the_old_reminder_stale(
    session: AsyncSession, clock: FakeClock, scene: Scene
) -> None:
    added = await _reminded(session, clock, scene)
    added.item.due_on = date(2026, 12, 20)
    await session.flush()
    reminders = await _reminders(session, clock)
    assert reminders[scene.admin.id] == "due date changed"


async def test_a_reminder_whose_item_changed_before_it_came_due_reaches_nobody(
    session: AsyncSession, clock: FakeClock, scene: Scene
) -> None:
    added = await _action(session, clock, scene)
    added.item.due_on = date(2026, 12, 20)
    await session.flush()
    clock.set(REMINDS_AT)
    assert await fan_out(session, clock) == 0
    (row,) = await outbox_rows(session, kind=Kind.ACTION_DUE)
    assert row.status == OutboxStatus.SKIPPED


async def test_a_reminder_is_not_sent_after_its_due_day(
    session: AsyncSession, clock: FakeClock, scene: Scene
) -> None:
    await _action(session, clock, scene)
    clock.set(DAY_ENDS)
    assert await fan_out(session, clock) == 0
    assert await recipients_of(session, Kind.ACTION_DUE) == []


# --- what the messages look like at their longest --------------------------------------------

LONGEST_DAY = outcome.day_shown(date(2031, 9, 30))


def _longest(lang: str, key: str) -> list[str]:
    """The message as sent, with the longest values people and the calendar can put in it."""
    line = msg(
        "outcome-action-line",
        number=limits.BIG,
        text=limits.typed(outcome.TEXT_LIMIT),
        owner=limits.typed(NAME_LIMIT),
        due=LONGEST_DAY,
    )
    title = limits.typed(meetings.TITLE_LIMIT)
    if key == "outcome-view":
        frame = msg("outcome-view", title=title, when=limits.WHEN)
        return render_lines(catalog(), lang, Lines(frame, [msg("outcome-actions"), *[line] * 60]))
    params: dict[str, object] = {
        "line": line,
        "text": limits.typed(outcome.TEXT_LIMIT),
        "owner": limits.typed(NAME_LIMIT),
        "due": LONGEST_DAY,
        "reminds": limits.WHEN,
        "title": title,
        "limit": outcome.TEXT_LIMIT,
        "number": limits.BIG,
        "when": limits.WHEN,
        "meeting": msg("outcome-reminder-meeting", title=title, when=LONGEST_DAY),
    }
    wanted = {name: params[name] for name in catalog().variables(lang, key)}
    return [catalog().render(lang, msg(key, **wanted))]


OUTCOME_KEYS = sorted(key for key in catalog().keys("en") if key.startswith("outcome-"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_longest_outcome_messages_fit_in_telegram_and_read_right_to_left(lang: str) -> None:
    too_long, broken, misread = [], [], []
    for key in OUTCOME_KEYS:
        for text in _longest(lang, key):
            if limits.telegram_length(text) > TEXT_LIMIT:
                too_long.append(key)
            if "{???}" in text:
                broken.append(key)
            if lang in RIGHT_TO_LEFT and problems(text):
                misread.append((key, problems(text)))
    assert (too_long, broken, misread) == ([], [], [])
    assert len(_longest(lang, "outcome-view")) > 1  # a long record is split between lines
