"""Who still receives a meeting's messages: decided when each is sent, from membership then."""

from datetime import UTC, datetime

from sqlalchemy import select, update

from bot.app import runtime
from bot.services import delivery, outbox
from db.models import Organization, OrgStatus, Outbox, OutboxStatus, Person
from db.session import transaction
from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.network import AMIR, JOHN, ZAHRA, Member, add_members, schedule

# John, in English, is the organization's admin; Amir and Zahra are members.
NETWORK = (Member(JOHN, "en", "John"), Member(AMIR, "fa", "Amir"), Member(ZAHRA, "ps", "Zahra"))
NEW_VENUE = "Safe house, street 7"
# The 1-day reminder of a meeting on 3 December 10:00 Kabul (05:30 UTC) is due at this time.
REMINDER_DUE = datetime(2026, 12, 2, 5, 31, tzinfo=UTC)


async def remove(bot: Harness, name: str) -> None:
    """The admin removes the member called `name` through /members."""
    await bot.send(JOHN, "/members")
    await bot.press_label(JOHN, name)
    await bot.press_label(JOHN, "Remove from organization")
    await bot.press_label(JOHN, "Yes, remove")


async def change_venue(bot: Harness) -> None:
    await bot.send(COORDINATOR, "/editmeeting")
    await bot.press(COORDINATOR, "mtg:field:1:venue")
    await bot.send(COORDINATOR, NEW_VENUE)


async def expand_due_fan_outs(bot: Harness) -> None:
    """Turn every due fan-out into per-person rows without sending any of them."""
    rt = runtime(bot.app)
    async with transaction(rt.sessions) as session:
        for row in await outbox.claim(session, bot.clock, fanout=True, limit=50):
            await delivery.expand(session, bot.clock, row, rt.settings.coordinators)


async def rows_to(bot: Harness, tg_user_id: int) -> list[Outbox]:
    async with transaction(runtime(bot.app).sessions) as session:
        person = (
            await session.execute(select(Person).where(Person.tg_user_id == tg_user_id))
        ).scalar_one()
        found = await session.execute(
            select(Outbox).where(Outbox.person_id == person.id).order_by(Outbox.id)
        )
        return list(found.scalars())


async def set_status(bot: Harness, status: OrgStatus) -> None:
    async with transaction(runtime(bot.app).sessions) as session:
        await session.execute(update(Organization).values(status=status))


async def test_a_removed_member_gets_neither_the_new_venue_nor_a_reminder_already_queued(
    bot: Harness,
) -> None:
    await add_members(bot, NETWORK)
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    await bot.press(AMIR, "rsvp:go:1")
    await bot.press(JOHN, "rsvp:go:1")
    bot.auto_dispatch = False
    await change_venue(bot)
    bot.clock.set(REMINDER_DUE)
    await expand_due_fan_outs(bot)
    kinds = {row.kind for row in await rows_to(bot, AMIR) if row.status == OutboxStatus.PENDING}
    assert kinds == {"card-edit", "update", "reminder"}, "Amir's copies came before the removal"
    before = len(bot.texts(AMIR))

    await remove(bot, "Amir")
    await bot.dispatch()

    assert len(bot.texts(AMIR)) == before
    assert not any(NEW_VENUE in text for text in bot.texts(AMIR))
    skipped = [row for row in await rows_to(bot, AMIR) if row.kind in ("update", "reminder")]
    assert {(row.status, row.last_error) for row in skipped} == {
        (OutboxStatus.SKIPPED, delivery.NOT_IN_NETWORK)
    }
    # Those still in the network get both (in either order: they are sent side by side).
    assert NEW_VENUE in [t for t in bot.texts(JOHN) if "Changed" in t][-1]
    assert any("Reminder" in t for t in bot.texts(JOHN))


async def test_a_removed_members_seat_goes_to_the_first_waiting_who_is_told(bot: Harness) -> None:
    await add_members(bot, NETWORK)
    await schedule(bot, "2026-12-03 10:00", capacity="1")
    await bot.dispatch()
    await bot.press(AMIR, "rsvp:go:1")
    await bot.press(ZAHRA, "rsvp:go:1")
    await bot.press(JOHN, "rsvp:go:1")

    await remove(bot, "Amir")

    report = bot.last(JOHN)
    assert "Amir was removed from Balkh Youth Network." in report
    assert "Their seat at Monthly coordination meeting was given to the next person" in report
    assert "🎉" in bot.last(ZAHRA)
    assert not any("🎉" in text for text in bot.texts(JOHN)), "John waits behind Zahra"
    await bot.send(COORDINATOR, "/attendance")
    assert "✅ 1 going" in bot.last(COORDINATOR) and "⏳ 1 waiting" in bot.last(COORDINATOR)


async def test_removing_a_member_without_a_seat_says_so(bot: Harness) -> None:
    await add_members(bot, NETWORK)
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    await bot.press(AMIR, "rsvp:maybe:1")
    await remove(bot, "Amir")
    assert "They had no seat at a meeting still to come." in bot.last(JOHN)
    await bot.send(COORDINATOR, "/attendance")
    assert "🤔 0 maybe" in bot.last(COORDINATOR)


async def test_a_suspended_organizations_members_get_nothing_more_and_do_not_count(
    bot: Harness,
) -> None:
    await add_members(bot, NETWORK)
    await schedule(bot, "2026-12-03 10:00")
    await bot.dispatch()
    await bot.press(JOHN, "rsvp:go:1")
    await bot.send(COORDINATOR, "/next")
    await bot.press(COORDINATOR, "rsvp:go:1")  # a coordinator in no organization
    before = {member.tg_user_id: len(bot.texts(member.tg_user_id)) for member in NETWORK}

    await set_status(bot, OrgStatus.SUSPENDED)
    await change_venue(bot)
    bot.clock.set(REMINDER_DUE)
    await bot.dispatch()

    assert {member.tg_user_id: len(bot.texts(member.tg_user_id)) for member in NETWORK} == before
    assert any(NEW_VENUE in text for text in bot.texts(COORDINATOR))
    await bot.send(COORDINATOR, "/attendance")
    # John's answer no longer counts; the coordinator's still does.
    assert "✅ 1 going" in bot.last(COORDINATOR)

    await set_status(bot, OrgStatus.APPROVED)
    await bot.send(COORDINATOR, "/attendance")
    assert "✅ 2 going" in bot.last(COORDINATOR)
