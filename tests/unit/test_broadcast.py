"""Broadcasts: each audience, decided again at send time, one copy per person, the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FakeClock
from bot.handlers.common import telegram_length
from bot.i18n import LANGUAGES, catalog
from bot.services import broadcast, delivery, outbox, privacy
from bot.services.broadcast import Audience, ContentKind, Notice, Target
from bot.services.delivery import Rendered
from bot.services.errors import DomainError, NotAllowed
from bot.services.kinds import Kind
from db.models import (
    Broadcast,
    BroadcastStatus,
    CheckIn,
    MemberRole,
    Membership,
    Organization,
    OrgStatus,
    Outbox,
    OutboxStatus,
    Person,
    Rsvp,
    RsvpAnswer,
)
from tests.factories import act, make_org, make_person
from tests.unit.meeting_factories import (
    deliver,
    fan_out,
    make_coordinator,
    make_meeting,
    outbox_rows,
    recipients_of,
)

HELLO = Notice(ContentKind.TEXT, "The hall moved to the second floor.")


@dataclass
class Network:
    author: Person
    other_coordinator: Person
    admin: Person
    delegate: Person
    going: Person
    maybe: Person
    suspended_admin: Person
    stranger: Person
    org: Organization
    suspended: Organization
    meeting_id: int

    def ids(self, *names: str) -> list[int]:
        return sorted(getattr(self, name).id for name in names)


async def network(session: AsyncSession, clock: FakeClock) -> Network:
    """A coordinator sending, another coordinator, an approved organization (admin, delegate,
    a member going and one who may come), a suspended one, a stranger, a meeting and check-ins."""
    author = await make_coordinator(session, clock)
    other = await make_coordinator(session, clock)
    admin, delegate, going, maybe = [await make_person(session, clock) for _ in range(4)]
    org = await make_org(session, clock, admin, admins=(admin,), members=(delegate, going, maybe))
    await session.execute(
        update(Membership).where(Membership.person_id == delegate.id).values(is_delegate=True)
    )
    suspended_admin = await make_person(session, clock)
    suspended = await make_org(
        session, clock, suspended_admin, admins=(suspended_admin,), status=OrgStatus.SUSPENDED
    )
    stranger = await make_person(session, clock)
    meeting = await make_meeting(session, clock, starts_in=timedelta(days=2), by=author)
    answers = ((going, RsvpAnswer.GOING), (maybe, RsvpAnswer.MAYBE), (admin, RsvpAnswer.DECLINED))
    for person, answer in answers:
        session.add(
            Rsvp(
                meeting_id=meeting.id,
                person_id=person.id,
                answer=answer,
                waitlisted=False,
                answered_at=clock.now(),
            )
        )
    # Checked in: the member going, and a walk-in with no account (no one to send to).
    session.add(CheckIn(meeting_id=meeting.id, person_id=going.id, checked_in_at=clock.now()))
    session.add(CheckIn(meeting_id=meeting.id, name="Walk-in", checked_in_at=clock.now()))
    await session.flush()
    await session.execute(delete(Outbox))  # the meeting's invitations: not what is tested here
    return Network(
        author,
        other,
        admin,
        delegate,
        going,
        maybe,
        suspended_admin,
        stranger,
        org,
        suspended,
        meeting.id,
    )


def target(net: Network, audience: Audience) -> Target:
    if audience == Audience.ORGANIZATION:
        return Target(audience, organization_id=net.org.id)
    if audience in broadcast.ABOUT_A_MEETING:
        return Target(audience, meeting_id=net.meeting_id)
    return Target(audience)


async def send(
    session: AsyncSession, clock: FakeClock, net: Network, chosen: Target, notice: Notice = HELLO
) -> Broadcast:
    """Draft and confirm, as the coordinator's two taps do."""
    actor = await act(session, net.author)
    draft, _total = await broadcast.draft(session, clock, actor, notice, chosen, ())
    return await broadcast.confirm(
        session,
        clock,
        actor,
        draft.id,
        (),
        status_chat_id=net.author.tg_user_id,
        status_message_id=77,
    )


EXPECTED = {
    # Never the coordinator sending it, a suspended organization's people or a stranger.
    Audience.EVERYONE: ("other_coordinator", "admin", "delegate", "going", "maybe"),
    Audience.ADMINS: ("admin",),
    Audience.DELEGATES: ("delegate",),
    Audience.GOING: ("going",),
    Audience.MAYBE: ("maybe",),
    Audience.NO_ANSWER: ("other_coordinator", "delegate"),
    Audience.CHECKED_IN: ("going",),
    Audience.ORGANIZATION: ("admin", "delegate", "going", "maybe"),
}


@pytest.mark.parametrize("audience", list(Audience), ids=[a.value for a in Audience])
async def test_each_audience_counts_and_reaches_exactly_its_people(
    session: AsyncSession, clock: FakeClock, audience: Audience
) -> None:
    net = await network(session, clock)
    chosen = target(net, audience)
    assert await broadcast.count(session, chosen, (), net.author.id) == len(EXPECTED[audience])

    sent = await send(session, clock, net, chosen)
    assert sent.total == len(EXPECTED[audience])
    await fan_out(session, clock)

    assert await recipients_of(session, Kind.BROADCAST) == net.ids(*EXPECTED[audience])
    rows = await outbox_rows(session, kind=Kind.BROADCAST, fanout=False)
    assert {row.broadcast_id for row in rows} == {sent.id}
    assert all(row.meeting_id is None for row in rows)  # not counted in /deliveries
    assert sent.total == len(rows)  # the preview's count is the count sent


async def test_someone_who_leaves_the_audience_after_the_fan_out_gets_nothing(
    session: AsyncSession, clock: FakeClock
) -> None:
    net = await network(session, clock)
    await send(session, clock, net, Target(Audience.ADMINS))
    await send(session, clock, net, Target(Audience.ORGANIZATION, organization_id=net.org.id))
    await fan_out(session, clock)
    # The admin is made a plain member; the member going is removed from the organization.
    await session.execute(
        update(Membership)
        .where(Membership.person_id == net.admin.id)
        .values(role=MemberRole.MEMBER)
    )
    await session.execute(delete(Membership).where(Membership.person_id == net.going.id))
    rows = await outbox_rows(session, kind=Kind.BROADCAST, fanout=False)

    rendered = await delivery.render_wave(
        session, rows, now=clock.now(), coordinators=(), default_language="en"
    )

    verdicts = {(row.broadcast_id, row.person_id): rendered[row.id] for row in rows}
    admins, members = sorted({row.broadcast_id for row in rows})
    assert verdicts[(admins, net.admin.id)] == "no longer in the audience"
    assert verdicts[(members, net.going.id)] == delivery.NOT_IN_NETWORK
    assert isinstance(verdicts[(members, net.admin.id)], Rendered)  # still a member
    assert isinstance(verdicts[(members, net.maybe.id)], Rendered)


async def test_someone_who_joins_before_the_fan_out_is_included(
    session: AsyncSession, clock: FakeClock
) -> None:
    net = await network(session, clock)
    await send(session, clock, net, Target(Audience.ORGANIZATION, organization_id=net.org.id))
    newcomer = await make_person(session, clock)
    session.add(
        Membership(
            person_id=newcomer.id,
            organization_id=net.org.id,
            role=MemberRole.MEMBER,
            is_delegate=False,
            joined_at=clock.now(),
        )
    )
    await session.flush()
    await fan_out(session, clock)
    assert newcomer.id in await recipients_of(session, Kind.BROADCAST)


async def test_a_check_in_after_the_draft_counts_when_it_goes_out(
    session: AsyncSession, clock: FakeClock
) -> None:
    net = await network(session, clock)
    actor = await act(session, net.author)
    chosen = Target(Audience.CHECKED_IN, meeting_id=net.meeting_id)
    draft, total = await broadcast.draft(session, clock, actor, HELLO, chosen, ())
    assert total == 1
    session.add(
        CheckIn(meeting_id=net.meeting_id, person_id=net.maybe.id, checked_in_at=clock.now())
    )
    await session.flush()
    sent = await broadcast.confirm(
        session, clock, actor, draft.id, (), status_chat_id=1, status_message_id=2
    )
    assert sent.total == 2
    await fan_out(session, clock)
    assert await recipients_of(session, Kind.BROADCAST) == net.ids("going", "maybe")


async def test_an_empty_audience_is_refused_at_the_preview_and_at_confirmation(
    session: AsyncSession, clock: FakeClock
) -> None:
    net = await network(session, clock)
    actor = await act(session, net.author)
    await session.execute(delete(CheckIn))
    with pytest.raises(DomainError) as refused:
        await broadcast.draft(session, clock, actor, HELLO, target(net, Audience.CHECKED_IN), ())
    assert refused.value.key == "broadcast-nobody"

    draft, _ = await broadcast.draft(session, clock, actor, HELLO, target(net, Audience.GOING), ())
    await session.execute(delete(Rsvp))
    with pytest.raises(DomainError) as refused:
        await broadcast.confirm(
            session, clock, actor, draft.id, (), status_chat_id=1, status_message_id=2
        )
    assert refused.value.key == "broadcast-nobody"
    assert await outbox_rows(session, kind=Kind.BROADCAST) == []


async def test_only_the_coordinator_who_drafted_it_confirms_or_cancels_it_once(
    session: AsyncSession, clock: FakeClock
) -> None:
    net = await network(session, clock)
    actor = await act(session, net.author)
    other = await act(session, net.other_coordinator)
    member = await act(session, net.admin)
    draft, _ = await broadcast.draft(session, clock, actor, HELLO, Target(Audience.EVERYONE), ())

    with pytest.raises(NotAllowed):
        await broadcast.draft(session, clock, member, HELLO, Target(Audience.EVERYONE), ())
    for who, key in ((member, "error-coordinators-only"), (other, "error-stale-button")):
        with pytest.raises(DomainError) as refused:
            await broadcast.confirm(
                session, clock, who, draft.id, (), status_chat_id=1, status_message_id=2
            )
        assert refused.value.key == key
    with pytest.raises(DomainError, match="error-stale-button"):
        await broadcast.cancel(session, actor, 2_147_483_647)

    await broadcast.cancel(session, actor, draft.id)
    for attempt in (
        broadcast.cancel(session, actor, draft.id),
        broadcast.confirm(
            session, clock, actor, draft.id, (), status_chat_id=1, status_message_id=2
        ),
    ):
        with pytest.raises(DomainError) as refused:
            await attempt
        assert refused.value.key == "broadcast-was-cancelled"

    second, _ = await broadcast.draft(session, clock, actor, HELLO, Target(Audience.EVERYONE), ())
    await broadcast.confirm(
        session, clock, actor, second.id, (), status_chat_id=1, status_message_id=2
    )
    with pytest.raises(DomainError) as refused:
        await broadcast.confirm(
            session, clock, actor, second.id, (), status_chat_id=1, status_message_id=2
        )
    assert refused.value.key == "broadcast-already-sent"
    assert len(await outbox_rows(session, kind=Kind.BROADCAST, fanout=True)) == 1


async def test_a_suspended_organization_or_a_forged_meeting_is_no_audience(
    session: AsyncSession, clock: FakeClock
) -> None:
    net = await network(session, clock)
    actor = await act(session, net.author)
    forged = (
        (Target(Audience.ORGANIZATION, organization_id=net.suspended.id), "error-stale-button"),
        (Target(Audience.ORGANIZATION, organization_id=999_999), "error-stale-button"),
        (Target(Audience.GOING, meeting_id=999_999), "broadcast-no-meeting"),
        (Target(Audience.CHECKED_IN), "broadcast-no-meeting"),
    )
    for chosen, key in forged:
        with pytest.raises(DomainError) as refused:
            await broadcast.draft(session, clock, actor, HELLO, chosen, ())
        assert refused.value.key == key


async def test_expanding_again_after_a_crash_adds_no_second_copy(
    session: AsyncSession, clock: FakeClock
) -> None:
    net = await network(session, clock)
    await send(session, clock, net, Target(Audience.EVERYONE))
    (fan,) = await outbox.claim(session, clock, fanout=True)
    first = await delivery.expand(session, clock, fan, ())
    # The process died before the fan-out row was marked: it is expanded again.
    fan.status = OutboxStatus.SENDING
    assert await delivery.expand(session, clock, fan, ()) == 0
    assert first == 5 and len(await outbox_rows(session, kind=Kind.BROADCAST, fanout=False)) == 5
    keys = {row.dedupe_key for row in await outbox_rows(session, kind=Kind.BROADCAST)}
    assert len(keys) == 6


async def test_a_person_known_to_have_blocked_the_bot_is_counted_unreachable_not_tried(
    session: AsyncSession, clock: FakeClock
) -> None:
    net = await network(session, clock)
    net.maybe.reachable = False
    sent = await send(
        session, clock, net, Target(Audience.ORGANIZATION, organization_id=net.org.id)
    )
    await fan_out(session, clock)
    assert await deliver(session, clock) == 3
    (progress,) = await broadcast.progress_due(session, clock)
    assert progress.broadcast_id == sent.id and progress.final
    assert (progress.delivered, progress.unreachable, progress.failed, progress.total) == (
        3,
        1,
        0,
        4,
    )


async def test_progress_is_due_at_most_every_few_seconds_then_the_report_once_done(
    session: AsyncSession, clock: FakeClock
) -> None:
    net = await network(session, clock)
    sent = await send(session, clock, net, Target(Audience.EVERYONE))
    assert await broadcast.progress_due(session, clock) == []  # just confirmed: "0 of 5"
    await fan_out(session, clock)
    clock.advance(broadcast.PROGRESS_EVERY - timedelta(seconds=1))
    assert await broadcast.progress_due(session, clock) == []
    clock.advance(timedelta(seconds=1))
    (progress,) = await broadcast.progress_due(session, clock)
    assert (progress.done, progress.total, progress.final) == (0, 5, False)
    assert await broadcast.progress_due(session, clock) == []  # marked: not again at once

    rows = await outbox.claim(session, clock, fanout=False, limit=10)
    results = [OutboxStatus.SENT] * 3 + [OutboxStatus.UNREACHABLE, OutboxStatus.FAILED]
    for row, status in zip(rows, results, strict=True):
        await outbox.finish(session, clock, row.id, outbox.Outcome(status))
    (report,) = await broadcast.progress_due(session, clock)  # done: due at once
    assert report.final and (report.delivered, report.unreachable, report.failed) == (3, 1, 1)
    await broadcast.finish(session, clock, sent.id)
    assert sent.status == BroadcastStatus.DONE and sent.finished_at == clock.now()
    assert await broadcast.progress_due(session, clock) == []
    assert not await broadcast.any_sending(session)


def typed(pattern: str, units: int) -> str:
    """Text of `units` UTF-16 units, as Telegram counts them, made of `pattern`."""
    text = ""
    for char in pattern * units:
        if len((text + char).encode("utf-16-le")) // 2 > units:
            break
        text += char
    return text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_notice_at_its_limit_fits_telegram_in_every_language(lang: str) -> None:
    # An emoji is two UTF-16 units, as Telegram counts; "&" is five characters once escaped.
    text = broadcast.check_text(typed("&😀ن\u200cx<", broadcast.TEXT_LIMIT))
    caption = broadcast.check_caption(typed("<😀&ب", broadcast.CAPTION_LIMIT))
    for notice, typed_limit, limit in (
        (Notice(ContentKind.TEXT, text), broadcast.TEXT_LIMIT, 4096),
        (Notice(ContentKind.PHOTO, caption, "PHOTO-1"), broadcast.CAPTION_LIMIT, 1024),
    ):
        message, _media = broadcast.notice_message(notice)
        rendered = catalog().render(lang, message)
        assert "{???}" not in rendered
        assert typed_limit < telegram_length(rendered) <= limit


def test_what_the_coordinator_sends_is_checked_with_clear_reasons() -> None:
    assert broadcast.check_text("  Line one\n\n\n\nLine two  ") == "Line one\n\nLine two"
    for text, key in (("   ", "broadcast-empty"), ("\u200f", "broadcast-empty")):
        with pytest.raises(DomainError, match=key):
            broadcast.check_text(text)
    with pytest.raises(DomainError) as refused:
        broadcast.check_text("x" * 5000)
    assert refused.value.key == "broadcast-too-long"
    assert refused.value.params == {"length": 5000, "limit": broadcast.TEXT_LIMIT}
    with pytest.raises(DomainError) as refused:
        broadcast.check_text("😀" * 2001)  # 4,002 units for Telegram
    assert refused.value.params["length"] == 4002
    assert broadcast.check_caption(None) is None and broadcast.check_caption(" ") is None
    with pytest.raises(DomainError) as refused:
        broadcast.check_caption("y" * (broadcast.CAPTION_LIMIT + 1))
    assert refused.value.key == "broadcast-caption-too-long"
    with pytest.raises(DomainError, match="error-control-character"):
        broadcast.check_text("a\x00b")


async def test_a_big_audience_is_expanded_in_parts_and_the_fan_out_marked_at_the_end(
    session: AsyncSession, clock: FakeClock
) -> None:
    net = await network(session, clock)
    await send(session, clock, net, Target(Audience.EVERYONE))
    (fan,) = await outbox.claim(session, clock, fanout=True)
    after: int | None = 0
    parts = 0
    while after is not None:
        _made, after = await delivery.expand_part(session, clock, fan, (), after=after, size=2)
        parts += 1
        if after is not None:
            assert fan.status == OutboxStatus.SENDING
    assert parts > 2
    assert await recipients_of(session, Kind.BROADCAST) == net.ids(*EXPECTED[Audience.EVERYONE])
    (marked,) = await outbox_rows(session, kind=Kind.BROADCAST, fanout=True)
    assert marked.status == OutboxStatus.SENT


async def test_retention_deletes_old_drafts_and_the_contents_of_notices_sent_long_ago(
    session: AsyncSession, clock: FakeClock
) -> None:
    net = await network(session, clock)
    actor = await act(session, net.author)
    photo = Notice(ContentKind.PHOTO, "Map of the new hall", "PHOTO-IN-1")
    old_draft, _ = await broadcast.draft(
        session, clock, actor, HELLO, Target(Audience.EVERYONE), ()
    )
    sent = await send(session, clock, net, Target(Audience.EVERYONE), photo)
    await fan_out(session, clock)
    await deliver(session, clock)
    await broadcast.finish(session, clock, sent.id)
    clock.advance(timedelta(days=31))
    fresh, _ = await broadcast.draft(session, clock, actor, HELLO, Target(Audience.EVERYONE), ())

    await privacy.purge_expired(session, clock.now(), timedelta(days=30))

    kept = list(await session.scalars(select(Broadcast).order_by(Broadcast.id)))
    assert [b.id for b in kept] == [sent.id, fresh.id]
    assert (kept[0].text, kept[0].file_id, kept[0].total) == (None, None, 5)
    assert kept[1].text == HELLO.text
    assert old_draft.id not in {b.id for b in kept}
    # A copy that was still to be sent after that is no longer sent: it says nothing now.
    rows = await outbox_rows(session, kind=Kind.BROADCAST, fanout=False)
    assert broadcast.stale(broadcast.Facts(kept[0], True)) == "contents deleted"
    assert len(rows) == 5
