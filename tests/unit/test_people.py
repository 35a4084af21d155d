"""The person behind an update: read with their seats at once, recorded on first contact,
written only when Telegram says something new about them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.clock import FakeClock
from bot.services import outbox, people
from bot.services.actor import actor_of
from bot.services.kinds import Kind
from db.models import OrgStatus, Outbox, OutboxStatus, Person
from tests.factories import make_org, make_person

COORDINATOR = 7_000_000_001


@pytest.fixture
def executed(engine: AsyncEngine) -> Iterator[list[str]]:
    """The first word of every statement sent to the database (SELECT, INSERT, UPDATE…)."""
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement.split(None, 1)[0].upper())

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    yield statements
    event.remove(engine.sync_engine, "before_cursor_execute", record)


def telegram_user(person: Person) -> people.TelegramUser:
    return people.TelegramUser(
        tg_user_id=person.tg_user_id,
        first_name=person.first_name,
        last_name=person.last_name,
        username=person.username,
        language_code="fa",
    )


async def test_a_known_member_is_read_with_their_seats_in_one_statement_and_not_written(
    session: AsyncSession, clock: FakeClock, executed: list[str]
) -> None:
    person = await make_person(session, clock)
    org = await make_org(session, clock, person, members=(person,))
    executed.clear()

    actor = await people.actor_for_update(
        session, clock, telegram_user(person), in_private_chat=True, configured=()
    )
    await session.flush()

    assert executed == ["SELECT"]
    assert actor.person is person and actor.organization_ids == {org.id}


async def test_seats_come_from_approved_organizations_only_in_name_order(
    session: AsyncSession, clock: FakeClock
) -> None:
    person = await make_person(session, clock)
    await make_org(session, clock, person, members=(person,), name="Beta")
    await make_org(session, clock, person, admins=(person,), name="Alpha")
    await make_org(session, clock, person, members=(person,), status=OrgStatus.PENDING)
    await make_org(session, clock, person, members=(person,), status=OrgStatus.SUSPENDED)

    actor = await people.actor_for_update(
        session, clock, telegram_user(person), in_private_chat=True, configured=()
    )

    assert [(seat.organization_name, seat.admin) for seat in actor.seats] == [
        ("Alpha", True),
        ("Beta", False),
    ]
    assert actor == await actor_of(session, person, ())


async def test_what_telegram_says_anew_about_a_person_is_written(
    session: AsyncSession, clock: FakeClock, executed: list[str]
) -> None:
    person = await make_person(session, clock, first_name="Zahra", username="zahra")
    renamed = replace(telegram_user(person), first_name="Zahra B.", username=None)
    executed.clear()

    actor = await people.actor_for_update(
        session, clock, renamed, in_private_chat=True, configured=()
    )
    await session.flush()

    assert executed == ["SELECT", "UPDATE"]
    assert (actor.person.first_name, actor.person.username) == ("Zahra B.", None)


async def test_someone_new_in_private_is_recorded_once(
    session: AsyncSession, clock: FakeClock
) -> None:
    newcomer = people.TelegramUser(tg_user_id=6_000_000_001, first_name="Amir")
    first = await people.actor_for_update(
        session, clock, newcomer, in_private_chat=True, configured=()
    )
    again = await people.actor_for_update(
        session, clock, newcomer, in_private_chat=True, configured=()
    )

    assert first.person.id is not None and again.person is first.person
    assert not first.member and first.person.reachable
    assert await session.scalar(select(func.count()).select_from(Person)) == 1


async def test_someone_unknown_speaking_in_a_group_is_not_stored_unless_a_coordinator(
    session: AsyncSession, clock: FakeClock
) -> None:
    passer_by = people.TelegramUser(tg_user_id=6_000_000_002, first_name="Karim")
    coordinator = people.TelegramUser(tg_user_id=COORDINATOR, first_name="Coordinator")
    configured = {COORDINATOR}

    stranger = await people.actor_for_update(
        session, clock, passer_by, in_private_chat=False, configured=configured
    )
    binding = await people.actor_for_update(
        session, clock, coordinator, in_private_chat=False, configured=configured
    )
    await session.flush()

    assert stranger.person.id is None and not stranger.in_network
    assert binding.person.id is not None and binding.coordinator
    stored = await session.scalars(select(Person.tg_user_id))
    assert list(stored) == [COORDINATOR]


async def test_writing_in_private_again_makes_a_person_reachable_and_retries_what_failed(
    session: AsyncSession, clock: FakeClock
) -> None:
    person = await make_person(session, clock, reachable=False)
    await outbox.enqueue(
        session,
        clock,
        kind=Kind.NOTICE,
        dedupe_key="notice:1",
        due_at=clock.now(),
        person_id=person.id,
        chat_id=person.tg_user_id,
        status=OutboxStatus.UNREACHABLE,
    )

    in_group = await people.actor_for_update(
        session, clock, telegram_user(person), in_private_chat=False, configured=()
    )
    assert not in_group.person.reachable, "a group message says nothing about the private chat"
    await people.actor_for_update(
        session, clock, telegram_user(person), in_private_chat=True, configured=()
    )

    assert person.reachable
    assert await session.scalar(select(Outbox.status)) == OutboxStatus.PENDING
