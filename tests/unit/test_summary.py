"""The outcome summary: what it says about a meeting with known numbers, in each language,
split where it is long, and queued once, a while after the meeting, never for an old or a
cancelled one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.clock import FakeClock
from bot.handlers.common import TEXT_LIMIT, Lines, plain_text, render_lines, telegram_length
from bot.i18n import catalog
from bot.services import motions, summary
from bot.services.errors import DomainError, NotAllowed
from bot.services.kinds import Kind
from db.models import (
    ActionItem,
    AgendaItem,
    CheckIn,
    Concern,
    ConcernKind,
    ConcernStatus,
    ConcernTopic,
    CoordinationChat,
    Meeting,
    MeetingStatus,
    Organization,
    OrgStatus,
    OutcomeKind,
    Person,
    Rsvp,
    RsvpAnswer,
)
from tests.factories import act, make_org, make_person
from tests.statements import statements
from tests.unit.meeting_factories import make_coordinator, make_meeting, outbox_rows

LENGTH = timedelta(hours=2)  # SHURA_MEETING_LENGTH
DELAY = timedelta(hours=2)  # SHURA_SUMMARY_DELAY
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
ISOLATES = str.maketrans("", "", "\u2068\u2069\u200f")
GROUP = -100_777


# --- rows another feature writes (check-in, /outcome, the agenda), made directly -------------


async def check_in(
    session: AsyncSession,
    clock: FakeClock,
    meeting: Meeting,
    person: Person | None = None,
    org: Organization | None = None,
    *,
    name: str | None = None,
) -> None:
    session.add(
        CheckIn(
            meeting_id=meeting.id,
            person_id=person.id if person else None,
            name=name,
            organization_id=org.id if org else None,
            checked_in_at=clock.now(),
        )
    )
    await session.flush()


async def answer(
    session: AsyncSession, clock: FakeClock, meeting: Meeting, person: Person, reply: RsvpAnswer
) -> None:
    session.add(
        Rsvp(
            meeting_id=meeting.id,
            person_id=person.id,
            answer=reply,
            waitlisted=False,
            going_since=clock.now() if reply == RsvpAnswer.GOING else None,
            answered_at=clock.now(),
        )
    )
    await session.flush()


async def on_agenda(
    session: AsyncSession,
    clock: FakeClock,
    meeting: Meeting,
    rank: int,
    dots: int,
    text: str | None,
    kind: ConcernKind = ConcernKind.TEXT,
) -> Concern:
    concern = Concern(
        meeting_id=meeting.id,
        topic=ConcernTopic.SECURITY,
        kind=kind,
        text=text,
        file_id=None if kind == ConcernKind.TEXT else "VOICE-1",
        anonymous=True,
        status=ConcernStatus.APPROVED,
        created_at=clock.now(),
    )
    session.add(concern)
    await session.flush()
    session.add(AgendaItem(meeting_id=meeting.id, concern_id=concern.id, rank=rank, dots=dots))
    await session.flush()
    return concern


async def outcome(
    session: AsyncSession,
    clock: FakeClock,
    meeting: Meeting,
    kind: OutcomeKind,
    text: str,
    owner: Organization | None = None,
    due: date | None = None,
) -> None:
    session.add(
        ActionItem(
            meeting_id=meeting.id,
            kind=kind,
            text=text,
            owner_id=owner.id if owner else None,
            due_on=due,
            created_at=clock.now(),
        )
    )
    await session.flush()


async def bind_group(session: AsyncSession, clock: FakeClock, by: Person) -> None:
    session.add(
        CoordinationChat(
            tg_chat_id=GROUP,
            title="Balkh network",
            active=True,
            bound_by_id=by.id,
            bound_at=clock.now(),
        )
    )
    await session.flush()


# --- a meeting with known numbers -----------------------------------------------------------


@dataclass
class Scenario:
    coordinator: Person
    meeting: Meeting
    youth: Organization
    media: Organization


async def scenario(session: AsyncSession, clock: FakeClock) -> Scenario:
    """Three answered Going (two came), two Maybe (one came), one Can't go (did not come),
    and two came without answering (a walk-in, and a member of a suspended organization).
    Two of the three approved organizations were there. Two concerns on the agenda, a motion
    carried 3 to 1 of 6 voters, a decision and two action items, and a next meeting."""
    coordinator = await make_coordinator(session, clock, language="en")
    a = [await make_person(session, clock) for _ in range(4)]
    b = [await make_person(session, clock) for _ in range(2)]
    youth = await make_org(
        session,
        clock,
        a[0],
        admins=(a[0],),
        members=tuple(a[1:]),
        name="Balkh Youth <Network> & Co",
    )
    media = await make_org(session, clock, b[0], admins=(b[0],), members=(b[1],), name="Media")
    await make_org(session, clock, coordinator, name="Absent NGO")
    outsider = await make_person(session, clock)
    suspended = await make_org(
        session, clock, outsider, members=(outsider,), status=OrgStatus.SUSPENDED, name="Gone"
    )
    meeting = await make_meeting(
        session, clock, starts_in=DAY, by=coordinator, title="Monthly <b>meeting</b>"
    )
    for person, reply in (
        (a[0], RsvpAnswer.GOING),
        (a[1], RsvpAnswer.GOING),
        (b[0], RsvpAnswer.GOING),
        (a[2], RsvpAnswer.MAYBE),
        (b[1], RsvpAnswer.MAYBE),
        (a[3], RsvpAnswer.DECLINED),
    ):
        await answer(session, clock, meeting, person, reply)
    draft = motions.Draft(
        meeting_id=meeting.id,
        question="Adopt the security plan?",
        options=None,
        voters=motions.MotionVoters.MEMBER,
        secret=True,
        quorum_percent=50,
        closes_at=meeting.starts_at + LENGTH,
    )
    motion = await motions.open_motion(session, clock, await act(session, coordinator), draft)
    for person, option in ((a[0], 0), (a[1], 0), (b[0], 0), (a[2], 1)):
        await motions.cast(session, clock, await act(session, person), motion.id, option)
    clock.advance(DAY)  # the meeting starts
    for person, org in ((a[0], youth), (b[0], media), (a[2], youth)):
        await check_in(session, clock, meeting, person, org)
    await check_in(session, clock, meeting, name="Farida (no phone)")
    await check_in(session, clock, meeting, outsider, suspended)
    await on_agenda(session, clock, meeting, 1, 4, "Water for the Dehdadi schools")
    await on_agenda(session, clock, meeting, 2, 2, None, ConcernKind.VOICE)
    await outcome(session, clock, meeting, OutcomeKind.DECISION, "A security working group")
    await outcome(
        session, clock, meeting, OutcomeKind.ACTION, "Visit the schools", youth, date(2027, 1, 10)
    )
    await outcome(session, clock, meeting, OutcomeKind.ACTION, "Write to the donors")
    await make_meeting(session, clock, starts_in=30 * DAY, by=coordinator, title="Next")
    cancelled = await make_meeting(session, clock, starts_in=20 * DAY, by=coordinator)
    cancelled.status = MeetingStatus.CANCELLED
    clock.advance(LENGTH)  # the meeting ends
    await motions.close_due(session, clock, ())
    return Scenario(coordinator, meeting, youth, media)


async def test_the_summary_holds_the_meetings_numbers(
    session: AsyncSession, clock: FakeClock
) -> None:
    world = await scenario(session, clock)
    shown = await summary.preview(
        session, clock, await act(session, world.coordinator), None, length=LENGTH
    )
    found = shown.summary
    assert (found.meeting_id, found.title) == (world.meeting.id, "Monthly <b>meeting</b>")
    assert [(c.answer, c.answered, c.came) for c in found.answers] == [
        (RsvpAnswer.GOING, 3, 2),
        (RsvpAnswer.MAYBE, 2, 1),
        (RsvpAnswer.DECLINED, 1, 0),
        (None, 0, 2),
    ]
    assert found.checked_in == 5
    assert (found.organizations, found.approved) == (2, 3)
    assert [(c.rank, c.text, c.dots) for c in found.agenda] == [
        (1, "Water for the Dehdadi schools", 4),
        (2, None, 2),
    ]
    ((motion,),) = [found.motions]
    assert motion.result is not None
    assert (motion.result.counts, motion.result.cast, motion.result.eligible) == ([3, 1, 0], 4, 6)
    assert (motion.result.quorum_met, motion.result.outcome) == (True, 0)
    assert [line.text for line in found.decisions] == ["A security working group"]
    assert [(line.text, line.owner, line.due_on) for line in found.actions] == [
        ("Visit the schools", "Balkh Youth <Network> & Co", date(2027, 1, 10)),
        ("Write to the donors", None, None),
    ]
    assert found.next_starts_at == world.meeting.starts_at + 30 * DAY  # not the cancelled one
    assert shown.posted_at is None and not shown.group


def _texts(found: summary.Summary, lang: str) -> list[str]:
    frame, lines = summary.message(found)
    return render_lines(catalog(), lang, Lines(frame, lines))


def _read(texts: list[str]) -> str:
    return "\n".join(plain_text(text) for text in texts).translate(ISOLATES)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        pytest.param(
            "en",
            [
                "Meeting outcome: Monthly <b>meeting</b>",
                "Wednesday 2 December 2026, 12:30 (Kabul time)",  # no Solar Hijri date in English
                "5 people checked in",
                "Said Going: 3; 2 of them came",
                "Said Maybe: 2; 1 of them came",
                "Said Can't go: 1; 0 of them came",
                "Came without answering: 2",
                "Organizations represented: 2 of 3",
                "1. #",
                "Water for the Dehdadi schools (4 dots)",
                "(a voice note) (2 dots)",
                "Result: Adopt the security plan?",
                "Turnout: 4 of 6",
                "Decision: Yes",
                "• A security working group",
                "• Visit the schools — owner: Balkh Youth <Network> & Co, due Sunday 10 January",
                "• Write to the donors\n",
                "Next meeting: Friday 1 January 2027",
            ],
            id="en",
        ),
        pytest.param(
            "fa",
            [
                "نتایج جلسه: Monthly <b>meeting</b>",
                "چهارشنبه ۱۱ قوس ۱۴۰۵ (۲ دسمبر ۲۰۲۶)",  # Solar Hijri, then Gregorian
                "۵ نفر حاضر شدند",
                "گفتند می‌آیند: ۳؛ از آن‌ها ۲ نفر آمدند",
                "بدون جواب آمدند: ۲",
                "نهادهای حاضر: ۲ از ۳",
                "Water for the Dehdadi schools (۴ نقطه)",
                "نتیجه: Adopt the security plan?",
                "تصمیم: بلی",
                "مسئول: Balkh Youth <Network> & Co، تا",
                "جلسه بعدی: جمعه ۱۱ جدی ۱۴۰۵",
            ],
            id="fa",
        ),
        pytest.param(
            "ps",
            [
                "د غونډې پایلې: Monthly <b>meeting</b>",
                "چهارشنبه ۱۱ لیندۍ ۱۴۰۵ (۲ دسمبر ۲۰۲۶)",
                "۵ کسان حاضر شول",
                "ویې ویل راځو: ۳؛ له دوی څخه ۲ راغلل",
                "حاضر بنسټونه: له ۳ څخه ۲",
                "(غږیز پیغام) (۲ ټکي)",
                "پرېکړه: هو",
                "راتلونکې غونډه: جمعه ۱۱ مرغومی ۱۴۰۵",
            ],
            id="ps",
        ),
    ],
)
async def test_the_summary_reads_right_in_each_language(
    session: AsyncSession, clock: FakeClock, lang: str, expected: list[str]
) -> None:
    world = await scenario(session, clock)
    found = (
        await summary.preview(
            session, clock, await act(session, world.coordinator), None, length=LENGTH
        )
    ).summary
    texts = _texts(found, lang)
    read = _read(texts)
    for part in expected:
        assert part in read, (part, read)
    # What people typed reaches Telegram escaped: the title is text, not bold.
    assert "Monthly &lt;b&gt;meeting&lt;/b&gt;" in texts[0]
    if lang != "en":
        assert not any(digit in read for digit in "0123456789" if digit not in "<>")


async def test_a_very_long_summary_is_split_between_lines_under_telegrams_limit(
    session: AsyncSession, clock: FakeClock
) -> None:
    world = await scenario(session, clock)
    for number in range(40):
        text = f"Item {number:02d} " + "&<ن😀" * 120  # 500 characters, longer once escaped
        await outcome(
            session,
            clock,
            world.meeting,
            OutcomeKind.ACTION,
            text[:500],
            world.media,
            date(2027, 2, 1),
        )
    found = (
        await summary.preview(
            session, clock, await act(session, world.coordinator), None, length=LENGTH
        )
    ).summary
    for lang in ("en", "fa", "ps"):
        texts = _texts(found, lang)
        assert len(texts) > 3
        assert all(telegram_length(text) <= TEXT_LIMIT for text in texts)
        read = _read(texts)
        positions = [read.index(f"Item {number:02d}") for number in range(40)]
        assert positions == sorted(positions)  # every item, once, in order
        assert read.count("Item ") == 40


async def _more(session: AsyncSession, clock: FakeClock, world: Scenario, rank: int) -> None:
    """Another organization of three, who answered, came and voted on two more motions of the
    meeting (one per member, one per organization), closed since; a concern more on the agenda."""
    admin, *members = [await make_person(session, clock) for _ in range(3)]
    org = await make_org(session, clock, admin, admins=(admin,), members=tuple(members))
    for person in (admin, *members):
        await answer(session, clock, world.meeting, person, RsvpAnswer.GOING)
        await check_in(session, clock, world.meeting, person, org)
    for voters in (motions.MotionVoters.MEMBER, motions.MotionVoters.ORGANIZATION):
        draft = motions.Draft(
            meeting_id=world.meeting.id,
            question=f"Question {rank} {voters}?",
            options=None,
            voters=voters,
            secret=False,
            quorum_percent=0,
            closes_at=clock.now() + HOUR,
        )
        opened = await motions.open_motion(
            session, clock, await act(session, world.coordinator), draft
        )
        if voters == motions.MotionVoters.MEMBER:
            for person in members:
                await motions.cast(session, clock, await act(session, person), opened.id, 0)
        else:
            await motions.cast(session, clock, await act(session, admin), opened.id, 1, org.id)
    clock.advance(HOUR)
    await motions.close_due(session, clock, ())
    await on_agenda(session, clock, world.meeting, rank, 1, f"Concern {rank}")


async def test_a_big_meeting_costs_the_summary_no_more_statements_than_a_small_one(
    session: AsyncSession, engine: AsyncEngine, clock: FakeClock
) -> None:
    """No statement per motion, organization or person: an N+1 would show here."""
    world = await scenario(session, clock)
    await _more(session, clock, world, 3)
    actor = await act(session, world.coordinator)

    async def built() -> tuple[summary.Summary, list[str]]:
        await session.flush()
        with statements(engine) as sent:
            shown = await summary.preview(session, clock, actor, world.meeting.id, length=LENGTH)
        return shown.summary, sent

    small, small_sent = await built()
    for rank in range(4, 9):
        await _more(session, clock, world, rank)
    big, big_sent = await built()

    assert (len(small.motions), len(big.motions)) == (3, 13)
    assert (small.checked_in, big.checked_in) == (8, 23)
    assert len(big.agenda) == 8
    assert len(big_sent) == len(small_sent) <= 14, "\n".join(big_sent)


async def test_only_coordinators_may_see_a_summary(session: AsyncSession, clock: FakeClock) -> None:
    world = await scenario(session, clock)
    member = await session.scalar(select(Person).join(Rsvp, Rsvp.person_id == Person.id).limit(1))
    assert member is not None
    for who in (member, await make_person(session, clock)):
        actor = await act(session, who)
        with pytest.raises(NotAllowed):
            await summary.preview(session, clock, actor, world.meeting.id, length=LENGTH)
        with pytest.raises(NotAllowed):
            await summary.post_now(
                session, clock, actor, world.meeting.id, configured=(), length=LENGTH
            )


async def test_a_meeting_not_ended_cancelled_or_missing_has_no_summary(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    actor = await act(session, coordinator)
    with pytest.raises(DomainError) as refused:
        await summary.preview(session, clock, actor, None, length=LENGTH)
    assert refused.value.key == "summary-no-meeting"
    meeting = await make_meeting(session, clock, starts_in=DAY, by=coordinator)
    clock.advance(DAY + LENGTH - timedelta(minutes=1))  # started, not ended
    with pytest.raises(DomainError) as refused:
        await summary.preview(session, clock, actor, None, length=LENGTH)
    assert refused.value.key == "summary-not-ended"
    meeting.status = MeetingStatus.CANCELLED
    clock.advance(timedelta(minutes=1))
    with pytest.raises(DomainError) as refused:
        await summary.preview(session, clock, actor, meeting.id, length=LENGTH)
    assert refused.value.key == "meeting-is-cancelled"
    with pytest.raises(DomainError) as refused:
        await summary.preview(session, clock, actor, 999_999, length=LENGTH)
    assert refused.value.key == "meeting-not-found"


# --- posting once -----------------------------------------------------------------------------


async def _due(session: AsyncSession, clock: FakeClock) -> list[int]:
    return await summary.queue_due(session, clock, (), length=LENGTH, delay=DELAY)


async def test_the_summary_is_queued_once_the_delay_after_the_meeting_ends(
    session: AsyncSession, clock: FakeClock
) -> None:
    world = await scenario(session, clock)  # the meeting has just ended
    await bind_group(session, clock, world.coordinator)
    other = await make_coordinator(session, clock, language="ps")
    assert await _due(session, clock) == []
    clock.advance(DELAY - timedelta(seconds=1))
    assert await _due(session, clock) == []
    clock.advance(timedelta(seconds=1))
    assert await _due(session, clock) == [world.meeting.id]
    assert world.meeting.summary_queued_at == clock.now()
    rows = await outbox_rows(session, kind=Kind.SUMMARY)
    assert sorted(row.dedupe_key for row in rows) == sorted(
        [
            f"summary:m{world.meeting.id}:group",
            f"summary:m{world.meeting.id}:p{world.coordinator.id}",
            f"summary:m{world.meeting.id}:p{other.id}",
        ]
    )
    assert {row.chat_id for row in rows} == {GROUP, world.coordinator.tg_user_id, other.tg_user_id}
    clock.advance(timedelta(minutes=1))
    assert await _due(session, clock) == []  # the job's next run: nothing more
    # Even with the mark lost, the keys let no second copy in.
    world.meeting.summary_queued_at = None
    assert await _due(session, clock) == [world.meeting.id]
    assert len(await outbox_rows(session, kind=Kind.SUMMARY)) == 3


async def test_no_summary_for_a_cancelled_meeting_or_one_that_ended_long_ago(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    old = await make_meeting(session, clock, starts_in=DAY, by=coordinator)
    cancelled = await make_meeting(session, clock, starts_in=3 * DAY, by=coordinator)
    cancelled.status = MeetingStatus.CANCELLED
    # The bot was off (or upgraded) for a week: the first run sees both long ended.
    clock.advance(10 * DAY)
    assert await _due(session, clock) == []
    clock.advance(DAY)
    assert await _due(session, clock) == []
    assert old.summary_queued_at is None and cancelled.summary_queued_at is None
    assert await outbox_rows(session, kind=Kind.SUMMARY) == []


async def test_posting_now_marks_it_and_the_job_does_not_post_again(
    session: AsyncSession, clock: FakeClock
) -> None:
    world = await scenario(session, clock)
    actor = await act(session, world.coordinator)
    with pytest.raises(DomainError) as refused:
        await summary.post_now(
            session, clock, actor, world.meeting.id, configured=(), length=LENGTH
        )
    assert refused.value.key == "summary-no-group"
    await bind_group(session, clock, world.coordinator)
    await summary.post_now(session, clock, actor, world.meeting.id, configured=(), length=LENGTH)
    # The coordinator who pressed has just read it: the group gets it.
    assert [row.chat_id for row in await outbox_rows(session, kind=Kind.SUMMARY)] == [GROUP]
    with pytest.raises(DomainError) as refused:
        await summary.post_now(
            session, clock, actor, world.meeting.id, configured=(), length=LENGTH
        )
    assert refused.value.key == "summary-already-posted"
    clock.advance(DELAY)
    assert await _due(session, clock) == []
    assert len(await outbox_rows(session, kind=Kind.SUMMARY)) == 1
