"""A small network for meeting tests: a coordinator and an approved organization's members."""

from __future__ import annotations

from dataclasses import dataclass

from bot.app import runtime
from db.models import MemberRole, Membership, Organization, OrgKind, OrgStatus, Person
from db.session import transaction
from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.helpers import onboard

AMIR, ZAHRA, JOHN, LATE = 4_000_001, 4_000_002, 4_000_003, 4_000_009


@dataclass(frozen=True)
class Member:
    tg_user_id: int
    language: str
    name: str


MEMBERS = (
    Member(AMIR, "fa", "Amir"),
    Member(ZAHRA, "ps", "Zahra"),
    Member(JOHN, "en", "John"),
)


async def add_members(
    bot: Harness, members: tuple[Member, ...] = MEMBERS, org_name: str = "Balkh Youth Network"
) -> int:
    """An approved organization with these members, each of whom has started the bot."""
    if not bot.api.sent("sendMessage", chat_id=COORDINATOR):
        await onboard(bot, COORDINATOR)
    rt = runtime(bot.app)
    async with transaction(rt.sessions) as session:
        people = []
        for member in members:
            bot.api.user(member.tg_user_id, member.name, language_code=member.language)
            bot.api.start_chat(member.tg_user_id)
            person = Person(
                tg_user_id=member.tg_user_id,
                first_name=member.name,
                language=member.language,
                reachable=True,
                is_coordinator=False,
                created_at=bot.clock.now(),
            )
            session.add(person)
            people.append(person)
        await session.flush()
        org = Organization(
            name=org_name,
            name_key=org_name.lower(),
            kind=OrgKind.NGO,
            province="Balkh",
            district="Mazar-i-Sharif",
            focus="Civic education",
            status=OrgStatus.APPROVED,
            registered_by_id=people[0].id,
            created_at=bot.clock.now(),
        )
        session.add(org)
        await session.flush()
        for index, person in enumerate(people):
            session.add(
                Membership(
                    person_id=person.id,
                    organization_id=org.id,
                    role=MemberRole.ADMIN if index == 0 else MemberRole.MEMBER,
                    is_delegate=False,
                    joined_at=bot.clock.now(),
                )
            )
        return org.id


async def schedule(
    bot: Harness,
    when: str = "1405-09-30 14:00",
    *,
    title: str = "Monthly coordination meeting",
    venue: str = "Balkh University, hall 2",
    agenda: str | None = "Security; budget; next steps",
    capacity: str | None = None,
    deadline: str | None = None,
) -> int:
    """The coordinator schedules a meeting through /newmeeting; returns its id."""
    await bot.send(COORDINATOR, "/newmeeting")
    await bot.send(COORDINATOR, title)
    await bot.send(COORDINATOR, when)
    await bot.send(COORDINATOR, venue)
    await bot.press(COORDINATOR, "mtg:skip:place")
    for step, value in (("agenda", agenda), ("capacity", capacity), ("deadline", deadline)):
        if value is None:
            await bot.press(COORDINATOR, f"mtg:skip:{step}")
        else:
            await bot.send(COORDINATOR, value)
    await bot.press(COORDINATOR, "mtg:save")
    text = bot.last(COORDINATOR)
    assert "Scheduled (#" in text, text
    return int(text.split("(#", 1)[1].split(")", 1)[0])
