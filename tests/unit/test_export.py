"""Exports: each file's content, the byte-order mark, Dari and Pashto intact, formulas made
harmless, anonymity kept, refusals and the audit log."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FakeClock
from bot.services import concerns, export, motions
from bot.services.errors import NotAllowed, NotFound
from bot.services.export import ExportFile
from db.models import (
    ActionItem,
    AgendaItem,
    AgendaVote,
    AuditLog,
    CheckIn,
    ConcernKind,
    ConcernStatus,
    ConcernTopic,
    Meeting,
    MeetingStatus,
    MemberRole,
    Membership,
    MotionStatus,
    MotionVoters,
    OutcomeKind,
    Person,
    Rsvp,
    RsvpAnswer,
)
from tests.factories import act, make_org, make_person
from tests.unit.meeting_factories import make_coordinator, make_meeting

SETUP = export.Setup(
    timezone="Asia/Kabul",
    coordinators=frozenset(),
    meeting_length=timedelta(hours=2),
    calendar_domain="shura_bot.t.me",
)
ZWNJ = "\u200c"
DARI = f"شبکه نهاد{ZWNJ}های مدنی بلخ"  # «نهادهای» with its half-space
PASHTO = f"د ښځو د حقونو ټولنه، ډ ړ ږ ګ ځ ښ ۍ ې ې{ZWNJ}"


def table(content: bytes) -> list[dict[str, str]]:
    """The rows of an exported CSV, as a spreadsheet program reads them."""
    assert content.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


@contextmanager
def statements(session: AsyncSession) -> Iterator[list[str]]:
    """Every SQL statement the session runs inside the block."""
    seen: list[str] = []

    def record(*args: object) -> None:
        seen.append(str(args[2]))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def _meeting_that_started(session: AsyncSession, clock: FakeClock) -> tuple[Meeting, Person]:
    coordinator = await make_coordinator(session, clock, first_name="Coordinator")
    meeting = await make_meeting(session, clock, by=coordinator, starts_in=timedelta(days=2))
    clock.advance(timedelta(days=2, minutes=10))
    return meeting, coordinator


async def _file(
    session: AsyncSession,
    clock: FakeClock,
    coordinator: Person,
    file: ExportFile,
    meeting: Meeting | None = None,
) -> export.Export:
    actor = await act(session, coordinator)
    if meeting is None:
        return await export.network_file(session, clock, actor, file, SETUP)
    return await export.meeting_file(session, clock, actor, file, meeting.id, SETUP)


# --- cells ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('=HYPERLINK("http://x","open")', id="equals"),
        pytest.param("+93 700 000 000", id="plus"),
        pytest.param("-2+3", id="minus"),
        pytest.param("@SUM(A1:A9)", id="at"),
        pytest.param("\t=1+1", id="tab"),
        pytest.param("\r=1+1", id="carriage-return"),
    ],
)
def test_a_cell_that_a_spreadsheet_would_run_gets_a_leading_apostrophe(text: str) -> None:
    assert export.neutralise(text) == "'" + text
    assert table(export.csv_bytes(["cell"], [[text]])) == [{"cell": "'" + text}]


@pytest.mark.parametrize(
    "text", ["Balkh", DARI, "1=1", " =1", "'quoted", "#7", "(0)", ""], ids=repr
)
def test_other_cells_are_left_as_they_are(text: str) -> None:
    assert export.neutralise(text) == text


def test_values_become_stable_words_and_iso_dates() -> None:
    content = export.csv_bytes(
        ["flag", "count", "day", "none"],
        [[True, -3, date(2026, 12, 21), None], [False, 0, None, ""]],
    )
    assert table(content) == [
        {"flag": "yes", "count": "-3", "day": "2026-12-21", "none": ""},
        {"flag": "no", "count": "0", "day": "", "none": ""},
    ]
    assert content.decode("utf-8-sig").splitlines()[0] == "flag,count,day,none"
    assert b"\r\n" in content  # RFC 4180 line ends, which every spreadsheet program takes


# --- the whole network ----------------------------------------------------------------------


async def test_organizations_hold_each_organization_with_its_people_and_dates(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock, first_name="Coordinator")
    admin = await make_person(session, clock, first_name=PASHTO, username="pashto_admin")
    member = await make_person(session, clock, first_name="=cmd|' /C calc'!A0")
    org = await make_org(
        session,
        clock,
        admin,
        admins=(admin,),
        members=(member,),
        name=DARI,
        contact="+93 700 000 000",
        decided_by_id=coordinator.id,
        decided_at=clock.now(),
    )
    delegate = await session.scalar(select(Membership).where(Membership.person_id == member.id))
    assert delegate is not None
    delegate.is_delegate = True
    await make_org(session, clock, coordinator, name="Pending media center", status="pending")

    found = await _file(session, clock, coordinator, ExportFile.ORGANIZATIONS)

    rows = table(found.content)
    assert found.rows == 2 and found.filename == "shura-organizations-2026-12-01.csv"
    first = rows[0]
    assert first["organization_id"] == str(org.id)
    assert first["name"] == DARI and ZWNJ in first["name"]
    assert (first["kind"], first["status"], first["members"]) == ("ngo", "approved", "2")
    assert first["contact"] == "'+93 700 000 000"
    assert first["registered_by"] == PASHTO
    assert first["delegate"] == "'=cmd|' /C calc'!A0"
    assert first["decided_by"] == "Coordinator"
    # 08:00 UTC is 12:30 in Kabul.
    assert (first["registered_at_utc"], first["registered_at_local"]) == (
        "2026-12-01 08:00",
        "2026-12-01 12:30",
    )
    assert first["timezone"] == "Asia/Kabul"
    assert (rows[1]["status"], rows[1]["members"], rows[1]["decided_by"]) == ("pending", "0", "")


async def test_members_hold_every_membership_with_its_role_and_the_coordinators(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock, first_name="Coordinator")
    admin = await make_person(session, clock, first_name="Amir", username="amir", language="fa")
    member = await make_person(session, clock, first_name=PASHTO, language="ps")
    await make_person(session, clock, first_name="Stranger")  # in no organization
    org = await make_org(session, clock, admin, admins=(admin,), members=(member,), name="Balkh")

    found = await _file(session, clock, coordinator, ExportFile.MEMBERS)

    rows = table(found.content)
    assert [(r["organization"], r["name"], r["role"], r["coordinator"]) for r in rows] == [
        ("Balkh", "Amir", "admin", "no"),
        ("Balkh", PASHTO, "member", "no"),
        ("", "Coordinator", "", "yes"),
    ]
    assert rows[0]["organization_id"] == str(org.id)
    assert (rows[0]["username"], rows[0]["language"], rows[0]["delegate"]) == ("amir", "fa", "no")
    assert rows[1]["joined_at_local"] == "2026-12-01 12:30"
    # Telegram ids stay in the bot: the files name people, they do not give a way to reach them.
    assert str(admin.tg_user_id).encode() not in found.content


# --- a meeting ------------------------------------------------------------------------------


async def test_rsvps_hold_each_answer_with_its_note_and_times(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator = await _meeting_that_started(session, clock)
    amir = await make_person(session, clock, first_name="Amir")
    zahra = await make_person(session, clock, first_name="Zahra")
    await make_org(session, clock, amir, members=(amir, zahra), name=DARI)
    answered = datetime(2026, 12, 2, 20, 0, tzinfo=UTC)  # 00:30 the next day in Kabul
    session.add_all(
        [
            Rsvp(
                meeting_id=meeting.id,
                person_id=amir.id,
                answer=RsvpAnswer.GOING,
                waitlisted=True,
                going_since=answered,
                answered_at=answered,
            ),
            Rsvp(
                meeting_id=meeting.id,
                person_id=zahra.id,
                answer=RsvpAnswer.DECLINED,
                waitlisted=False,
                answered_at=answered + timedelta(hours=1),
                note=f"@ناروغه یم، بښنه{ZWNJ}غواړم",
            ),
        ]
    )
    await session.flush()

    found = await _file(session, clock, coordinator, ExportFile.RSVPS, meeting)

    rows = table(found.content)
    assert found.filename == f"shura-meeting-{meeting.id}-rsvps.csv"
    assert [(r["name"], r["answer"], r["waitlisted"]) for r in rows] == [
        ("Amir", "going", "yes"),
        ("Zahra", "declined", "no"),
    ]
    assert rows[0]["organizations"] == DARI
    assert (rows[0]["answered_at_utc"], rows[0]["answered_at_local"]) == (
        "2026-12-02 20:00",
        "2026-12-03 00:30",
    )
    assert rows[1]["note"] == f"'@ناروغه یم، بښنه{ZWNJ}غواړم"
    assert {r["meeting_id"] for r in rows} == {str(meeting.id)}


async def test_checkins_hold_people_walk_ins_their_answer_and_who_checked_them_in(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator = await _meeting_that_started(session, clock)
    amir = await make_person(session, clock, first_name="Amir", username="amir")
    org = await make_org(session, clock, amir, members=(amir,), name="Balkh Youth")
    session.add(
        Rsvp(
            meeting_id=meeting.id,
            person_id=amir.id,
            answer=RsvpAnswer.MAYBE,
            waitlisted=False,
            answered_at=clock.now(),
        )
    )
    session.add_all(
        [
            CheckIn(
                meeting_id=meeting.id,
                person_id=amir.id,
                organization_id=org.id,
                checked_in_at=meeting.starts_at + timedelta(minutes=3),
            ),
            CheckIn(
                meeting_id=meeting.id,
                name=f"-{PASHTO}",
                organization_id=org.id,
                by_id=coordinator.id,
                checked_in_at=meeting.starts_at + timedelta(minutes=5),
            ),
        ]
    )
    await session.flush()

    rows = table((await _file(session, clock, coordinator, ExportFile.CHECKINS, meeting)).content)

    assert [(r["name"], r["answer"], r["checked_in_by"], r["organization"]) for r in rows] == [
        ("Amir", "maybe", "", "Balkh Youth"),
        (f"'-{PASHTO}", "", "Coordinator", "Balkh Youth"),
    ]
    assert rows[0]["person_id"] == str(amir.id) and rows[1]["person_id"] == ""
    starts = meeting.starts_at + timedelta(minutes=3)
    assert rows[0]["checked_in_at_utc"] == starts.strftime("%Y-%m-%d %H:%M")
    assert rows[0]["checked_in_at_local"] == export.local_time(starts, "Asia/Kabul")


async def _concerns_of(
    session: AsyncSession, clock: FakeClock
) -> tuple[Meeting, Person, Person, Person, list[int]]:
    """A meeting with three concerns: anonymous, named, anonymous; dots and an agenda."""
    coordinator = await make_coordinator(session, clock, first_name="Coordinator")
    meeting = await make_meeting(session, clock, by=coordinator, starts_in=timedelta(days=2))
    secret = await make_person(session, clock, first_name="Zarghuna", username="zarghuna_balkh")
    named = await make_person(session, clock, first_name="John", username="john")
    await make_org(session, clock, secret, members=(secret, named))
    ids = []
    for who, text, anonymous in (
        (secret, f'=HYPERLINK("http://evil","{DARI}")', True),
        (named, "Funding for the spring", False),
        (secret, PASHTO, True),
    ):
        clock.advance(timedelta(minutes=7))
        concern = await concerns.submit(
            session,
            clock,
            await act(session, who),
            concerns.Draft(ConcernKind.TEXT, text, None),
            ConcernTopic.SECURITY,
            anonymous=anonymous,
        )
        ids.append(concern.id)
    await concerns.approve(session, clock, await act(session, coordinator), ids[0])
    session.add(AgendaVote(person_id=named.id, concern_id=ids[0], created_at=clock.now()))
    session.add(AgendaItem(meeting_id=meeting.id, concern_id=ids[0], rank=1, dots=1))
    await session.flush()
    clock.advance(timedelta(days=2))
    return meeting, coordinator, secret, named, ids


async def test_concerns_go_by_number_with_a_name_only_for_named_ones(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator, _secret, _named, ids = await _concerns_of(session, clock)

    rows = table((await _file(session, clock, coordinator, ExportFile.CONCERNS, meeting)).content)

    assert [int(r["concern"]) for r in rows] == ids == sorted(ids)
    assert [(r["anonymous"], r["sender"]) for r in rows] == [
        ("yes", ""),
        ("no", "John"),
        ("yes", ""),
    ]
    assert rows[0]["text"] == f'\'=HYPERLINK("http://evil","{DARI}")'
    assert rows[2]["text"] == PASHTO
    assert (rows[0]["status"], rows[0]["dots"], rows[0]["agenda_rank"]) == ("approved", "1", "1")
    assert (rows[1]["status"], rows[1]["dots"], rows[1]["agenda_rank"]) == ("submitted", "0", "")
    # Whole days only: a time of day could be lined up with what the sender did then.
    assert {r["submitted_on_local"] for r in rows} == {"2026-12-01"}
    assert rows[0]["decided_on_local"] == "2026-12-01"


async def test_the_concerns_export_never_reads_the_sender_link_nor_names_an_anonymous_sender(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator, secret, _named, _ids = await _concerns_of(session, clock)

    with statements(session) as seen:
        found = await _file(session, clock, coordinator, ExportFile.CONCERNS, meeting)

    assert seen and not [s for s in seen if "concern_sender" in s.lower()]
    for trace in (secret.first_name, secret.username or "?", str(secret.tg_user_id)):
        assert trace.encode() not in found.content
    header = table(found.content)[0].keys()
    assert not [column for column in header if "person" in column or "author" in column]


async def _voters(session: AsyncSession, clock: FakeClock) -> tuple[Meeting, Person, list[Person]]:
    """A meeting two days ahead, its coordinator, and four members who vote."""
    coordinator = await make_coordinator(session, clock, first_name="Coordinator")
    meeting = await make_meeting(session, clock, by=coordinator, starts_in=timedelta(days=2))
    voters = [await make_person(session, clock) for _ in range(4)]
    await make_org(session, clock, voters[0], members=tuple(voters))
    return meeting, coordinator, voters


async def test_motion_results_are_counted_as_the_bot_counts_them_once_voting_closed(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator, voters = await _voters(session, clock)
    boss = await act(session, coordinator)
    standard = await motions.open_motion(
        session,
        clock,
        boss,
        motions.Draft(
            meeting.id, "Adopt the budget?", None, MotionVoters.MEMBER, True, 50, meeting.starts_at
        ),
    )
    custom = await motions.open_motion(
        session,
        clock,
        boss,
        motions.Draft(
            meeting.id,
            "-Where next?",
            ["Mazar", f"=Balkh{ZWNJ}"],
            MotionVoters.MEMBER,
            False,
            0,
            meeting.starts_at + timedelta(days=1),
        ),
    )
    for voter, option in zip(voters[:3], (0, 0, 1), strict=True):
        await motions.cast(session, clock, await act(session, voter), standard.id, option)
    await motions.cast(session, clock, await act(session, voters[0]), custom.id, 1)
    clock.advance(timedelta(days=2))
    await motions.close_due(session, clock, ())
    assert standard.status == MotionStatus.CLOSED and custom.status == MotionStatus.OPEN

    rows = table((await _file(session, clock, coordinator, ExportFile.MOTIONS, meeting)).content)

    closed, still_open = rows
    result = await motions.tally(session, standard)
    assert (closed["question"], closed["voters"], closed["secret"]) == (
        "Adopt the budget?",
        "per_member",
        "yes",
    )
    assert (closed["eligible"], closed["cast"], closed["turnout_percent"]) == (
        str(result.eligible),
        "3",
        "75",
    )
    assert (closed["quorum_met"], closed["outcome"]) == ("yes", "yes")
    assert [(closed[f"option_{n}"], closed[f"votes_{n}"]) for n in (1, 2, 3, 4)] == [
        ("yes", "2"),
        ("no", "1"),
        ("abstain", "0"),
        ("", ""),
    ]
    # An open motion's running count is for nobody, as in the bot.
    assert still_open["question"] == "'-Where next?"
    assert (still_open["status"], still_open["cast"], still_open["votes_2"]) == ("open", "", "")
    assert still_open["option_2"] == f"'=Balkh{ZWNJ}"


async def test_a_tie_or_a_missed_quorum_decides_nothing(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator, voters = await _voters(session, clock)
    boss = await act(session, coordinator)
    tie = await motions.open_motion(
        session,
        clock,
        boss,
        motions.Draft(meeting.id, "Tie?", None, MotionVoters.MEMBER, True, 0, meeting.starts_at),
    )
    await motions.open_motion(
        session,
        clock,
        boss,
        motions.Draft(
            meeting.id, "Quorum?", None, MotionVoters.MEMBER, True, 90, meeting.starts_at
        ),
    )
    for voter, option in zip(voters[:2], (0, 1), strict=True):
        await motions.cast(session, clock, await act(session, voter), tie.id, option)
    clock.advance(timedelta(days=2))
    await motions.close_due(session, clock, ())

    rows = table((await _file(session, clock, coordinator, ExportFile.MOTIONS, meeting)).content)

    assert [(r["quorum_met"], r["outcome"]) for r in rows] == [
        ("yes", "no_decision"),
        ("no", "no_quorum"),
    ]


async def test_decisions_and_action_items_hold_their_owner_and_due_day(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator = await _meeting_that_started(session, clock)
    owner = await make_org(session, clock, coordinator, name=DARI)
    session.add_all(
        [
            ActionItem(
                meeting_id=meeting.id,
                kind=OutcomeKind.DECISION,
                text="The network meets in Balkh University from Hamal",
                created_by_id=coordinator.id,
                created_at=clock.now(),
            ),
            ActionItem(
                meeting_id=meeting.id,
                kind=OutcomeKind.ACTION,
                text=f"+گزارش امنیتی{ZWNJ}ها",
                owner_id=owner.id,
                due_on=date(2027, 1, 15),
                created_by_id=coordinator.id,
                created_at=clock.now(),
            ),
        ]
    )
    await session.flush()

    rows = table((await _file(session, clock, coordinator, ExportFile.ACTIONS, meeting)).content)

    assert [(r["kind"], r["owner"], r["due_on"], r["recorded_by"]) for r in rows] == [
        ("decision", "", "", "Coordinator"),
        ("action", DARI, "2027-01-15", "Coordinator"),
    ]
    assert rows[1]["text"] == f"'+گزارش امنیتی{ZWNJ}ها"
    assert rows[1]["owner_organization_id"] == str(owner.id)


async def test_the_calendar_file_is_the_meetings_ics(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator = await _meeting_that_started(session, clock)

    found = await _file(session, clock, coordinator, ExportFile.CALENDAR, meeting)

    assert found.filename == f"shura-meeting-{meeting.id}.ics"
    assert found.content.startswith(b"BEGIN:VCALENDAR")
    assert f"UID:meeting-{meeting.id}@shura_bot.t.me".encode() in found.content


@pytest.mark.parametrize("file", list(export.MEETING_FILES), ids=str)
async def test_an_empty_meeting_still_gives_a_file_with_its_header(
    session: AsyncSession, clock: FakeClock, file: ExportFile
) -> None:
    meeting, coordinator = await _meeting_that_started(session, clock)

    found = await _file(session, clock, coordinator, file, meeting)

    if file != ExportFile.CALENDAR:
        assert found.rows == 0
        text = found.content.decode("utf-8-sig")
        assert text.startswith("meeting_id,") and text.count("\r\n") == 1


# --- which meeting, who, and the record -----------------------------------------------------


async def test_the_default_meeting_is_the_latest_that_started(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    actor = await act(session, coordinator)
    assert await export.meetings_to_export(session, clock, actor) == export.Meetings(None, [])
    first = await make_meeting(session, clock, by=coordinator, starts_in=timedelta(days=1))
    found = await export.meetings_to_export(session, clock, actor)
    assert (found.default, found.recent) == (first, [first])  # none started: the next one

    second = await make_meeting(session, clock, by=coordinator, starts_in=timedelta(days=3))
    third = await make_meeting(session, clock, by=coordinator, starts_in=timedelta(days=9))
    cancelled = await make_meeting(session, clock, by=coordinator, starts_in=timedelta(days=4))
    cancelled.status = MeetingStatus.CANCELLED
    clock.advance(timedelta(days=5))

    found = await export.meetings_to_export(session, clock, actor)
    assert found.default == second
    assert found.recent == [third, second, first]
    # A cancelled one is still there by its number.
    assert await export.meeting_to_export(session, actor, cancelled.id) == cancelled


async def test_a_meeting_that_does_not_exist_is_refused(
    session: AsyncSession, clock: FakeClock
) -> None:
    coordinator = await make_coordinator(session, clock)
    with pytest.raises(NotFound) as refused:
        await export.meeting_file(
            session, clock, await act(session, coordinator), ExportFile.RSVPS, 999, SETUP
        )
    assert refused.value.key == "export-no-meeting"


async def test_someone_who_is_not_a_coordinator_gets_no_file_and_learns_nothing(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, _coordinator = await _meeting_that_started(session, clock)
    admin = await make_person(session, clock)
    org = await make_org(session, clock, admin, admins=(admin,))
    membership = await session.scalar(select(Membership).where(Membership.person_id == admin.id))
    assert membership is not None and membership.role == MemberRole.ADMIN and org.id
    actor = await act(session, admin)

    for file in export.NETWORK_FILES:
        with pytest.raises(NotAllowed) as refused:
            await export.network_file(session, clock, actor, file, SETUP)
        assert refused.value.key == "export-coordinators-only"
    for file in export.MEETING_FILES:
        for meeting_id in (meeting.id, 999):
            with pytest.raises(NotAllowed):
                await export.meeting_file(session, clock, actor, file, meeting_id, SETUP)
    with pytest.raises(NotAllowed):
        await export.meetings_to_export(session, clock, actor)
    assert not (
        await session.scalars(select(AuditLog).where(AuditLog.action == "export.file"))
    ).all()


async def test_each_file_taken_is_in_the_audit_log_with_who_and_when(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator = await _meeting_that_started(session, clock)
    actor = await act(session, coordinator)

    await export.network_file(session, clock, actor, ExportFile.MEMBERS, SETUP)
    taken = await export.meeting_files(session, clock, actor, meeting.id, SETUP)

    assert [item.file for item in taken] == list(export.MEETING_FILES)
    entries = (
        await session.scalars(
            select(AuditLog).where(AuditLog.action == "export.file").order_by(AuditLog.id)
        )
    ).all()
    assert [(e.actor_id, e.at) for e in entries] == [(coordinator.id, clock.now())] * 7
    assert [(e.subject_type, e.subject_id, e.details["file"]) for e in entries] == [
        ("network", None, "members"),
        *[("meeting", meeting.id, file.value) for file in export.MEETING_FILES],
    ]
    assert entries[0].details["rows"] == 1  # the coordinator, in no organization


async def test_the_concerns_of_another_meeting_stay_out(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting, coordinator, *_ = await _concerns_of(session, clock)
    later = await make_meeting(session, clock, by=coordinator, starts_in=timedelta(days=20))
    member = await make_person(session, clock)
    await make_org(session, clock, member, members=(member,))
    raised = await concerns.submit(
        session,
        clock,
        await act(session, member),
        concerns.Draft(ConcernKind.TEXT, "Next month", None),
        ConcernTopic.OTHER,
        anonymous=False,
    )
    assert raised.meeting_id == later.id and raised.status == ConcernStatus.SUBMITTED

    rows = table((await _file(session, clock, coordinator, ExportFile.CONCERNS, meeting)).content)

    assert str(raised.id) not in [r["concern"] for r in rows] and len(rows) == 3
