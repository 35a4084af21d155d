"""Concerns: sending, the sender link and its retention, and moderation that names nobody."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.config import load_settings
from bot.jobs.concerns import drop_links
from bot.services import concerns
from bot.services.errors import DomainError, NotAllowed
from bot.services.kinds import Kind
from db.models import (
    AgendaVote,
    AuditLog,
    Concern,
    ConcernKind,
    ConcernSender,
    ConcernStatus,
    ConcernTopic,
    Outbox,
)
from db.session import transaction
from tests.factories import act, make_person
from tests.unit.meeting_factories import make_coordinator, make_meeting, make_members

TEXT = concerns.Draft(ConcernKind.TEXT, "Roads to Chimtal are unsafe for staff", None)
VOICE = concerns.Draft(ConcernKind.VOICE, None, "AwACAgIAAxkBAAIB-voice")


async def _send(session: AsyncSession, clock: FakeClock, draft: concerns.Draft, *, anonymous: bool):  # type: ignore[no-untyped-def]
    _, (member,) = await make_members(session, clock, 1)
    concern = await concerns.submit(
        session,
        clock,
        await act(session, member),
        draft,
        ConcernTopic.SECURITY,
        anonymous=anonymous,
    )
    return member, concern


async def test_an_anonymous_concern_has_no_author_and_its_entry_names_nobody(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting = await make_meeting(session, clock)
    member, concern = await _send(session, clock, VOICE, anonymous=True)

    assert (concern.author_id, concern.meeting_id, concern.file_id) == (
        None,
        meeting.id,
        VOICE.file_id,
    )
    entries = (
        await session.scalars(select(AuditLog).where(AuditLog.subject_type == "concern"))
    ).all()
    assert [(e.action, e.actor_id) for e in entries] == [("concern.submitted", None)]
    assert [c.id for c in await concerns.mine(session, await act(session, member))] == [concern.id]


async def test_a_stranger_cannot_raise_a_concern(session: AsyncSession, clock: FakeClock) -> None:
    stranger = await make_person(session, clock)
    with pytest.raises(NotAllowed):
        await concerns.submit(
            session, clock, await act(session, stranger), TEXT, ConcernTopic.OTHER, anonymous=False
        )


@pytest.mark.parametrize(
    ("text", "key"),
    [
        pytest.param("   ", "concern-text-empty", id="empty"),
        pytest.param("x" * 1001, "concern-text-too-long", id="too-long"),
    ],
)
def test_text_is_refused_when_empty_or_too_long(text: str, key: str) -> None:
    with pytest.raises(DomainError) as error:
        concerns.check_text(text, required=True)
    assert error.value.key == key


async def test_the_review_view_of_an_anonymous_concern_names_nobody(
    session: AsyncSession, clock: FakeClock
) -> None:
    _, named = await _send(session, clock, TEXT, anonymous=False)
    _, hidden = await _send(session, clock, TEXT, anonymous=True)
    coordinator = await act(session, await make_coordinator(session, clock))

    first = await concerns.next_for_review(session, coordinator)
    second = await concerns.next_for_review(session, coordinator, after=named.id)

    assert first is not None and first.author is not None
    assert second is not None and (second.id, second.author) == (hidden.id, None)


async def test_a_rejection_reaches_the_anonymous_sender_and_the_log_keeps_the_coordinator_only(
    session: AsyncSession, clock: FakeClock
) -> None:
    member, concern = await _send(session, clock, TEXT, anonymous=True)
    coordinator = await make_coordinator(session, clock)

    await concerns.reject(session, clock, await act(session, coordinator), concern.id, "Off topic")

    row = (await session.scalars(select(Outbox).where(Outbox.kind == Kind.CONCERN_DECISION))).one()
    assert (row.person_id, row.dedupe_key) == (member.id, concerns.decision_key(concern.id))
    entries = (
        await session.scalars(select(AuditLog).where(AuditLog.subject_type == "concern"))
    ).all()
    assert {e.actor_id for e in entries} == {None, coordinator.id}
    assert all(member.id not in e.details.values() for e in entries)
    with pytest.raises(DomainError) as error:
        await concerns.approve(session, clock, await act(session, coordinator), concern.id)
    assert error.value.key == "review-already-decided"


async def test_members_cannot_moderate(session: AsyncSession, clock: FakeClock) -> None:
    member, concern = await _send(session, clock, TEXT, anonymous=True)
    with pytest.raises(NotAllowed):
        await concerns.approve(session, clock, await act(session, member), concern.id)


async def test_merging_carries_the_dots_over_without_counting_anyone_twice(
    session: AsyncSession, clock: FakeClock
) -> None:
    await make_meeting(session, clock)
    _, source = await _send(session, clock, TEXT, anonymous=True)
    _, target = await _send(session, clock, TEXT, anonymous=False)
    _, voters = await make_members(session, clock, 2)
    for voter in voters:
        session.add(AgendaVote(person_id=voter.id, concern_id=source.id, created_at=clock.now()))
    session.add(AgendaVote(person_id=voters[0].id, concern_id=target.id, created_at=clock.now()))
    await session.flush()
    coordinator = await act(session, await make_coordinator(session, clock))

    merged = await concerns.merge(session, clock, coordinator, source.id, target.id)

    dots = (
        await session.scalars(
            select(AgendaVote.person_id).where(AgendaVote.concern_id == target.id)
        )
    ).all()
    assert sorted(dots) == sorted(v.id for v in voters)
    assert (merged.status, merged.merged_into_id) == (ConcernStatus.MERGED, target.id)


async def test_the_link_goes_when_the_meeting_has_ended_plus_the_retention(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting = await make_meeting(session, clock, starts_in=timedelta(days=2))
    member, concern = await _send(session, clock, TEXT, anonymous=True)
    length, keep = timedelta(hours=2), timedelta(days=7)

    clock.advance(timedelta(days=2, hours=2) + keep - timedelta(minutes=1))
    assert await concerns.drop_expired_links(session, clock.now(), length, keep) == 0
    clock.advance(timedelta(minutes=1))
    assert await concerns.drop_expired_links(session, clock.now(), length, keep) == 1

    assert (await session.scalars(select(ConcernSender))).all() == []
    assert await concerns.mine(session, await act(session, member)) == []
    assert (await session.get(Concern, concern.id)) is not None
    assert meeting.id == concern.meeting_id


async def test_forgetting_a_sender_unlinks_and_unnames_their_concerns(
    session: AsyncSession, clock: FakeClock
) -> None:
    member, named = await _send(session, clock, TEXT, anonymous=False)
    await concerns.forget_sender(session, member.id)
    await session.refresh(named)
    assert named.author_id is None
    assert await concerns.mine(session, await act(session, member)) == []


async def test_the_digest_goes_to_each_coordinator_once_a_day(
    session: AsyncSession, clock: FakeClock
) -> None:
    await _send(session, clock, TEXT, anonymous=True)
    coordinator = await make_coordinator(session, clock)
    assert await concerns.queue_digest(session, clock, [coordinator], "2026-12-01") == 1
    assert await concerns.queue_digest(session, clock, [coordinator], "2026-12-01") == 0


async def test_the_link_job_forgets_senders_on_the_fake_clock(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    settings = load_settings(SHURA_CONCERN_LINK_RETENTION="1d")
    async with transaction(sessions) as session:
        await make_meeting(session, clock, starts_in=timedelta(days=1))
        await _send(session, clock, TEXT, anonymous=True)

    clock.advance(timedelta(days=2, hours=1))
    assert await drop_links(sessions, clock, settings) == 0
    clock.advance(timedelta(hours=1))
    assert await drop_links(sessions, clock, settings) == 1
    async with transaction(sessions) as session:
        assert (await session.scalars(select(ConcernSender))).all() == []
