"""Plain factories: `make_person(session, **overrides)` and friends."""

from __future__ import annotations

import itertools
from collections.abc import Collection
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.actor import Actor, actor_of
from bot.services.text import name_key
from db.models import MemberRole, Membership, Organization, OrgKind, OrgStatus, Person

_ids = itertools.count(1000)


async def make_person(session: AsyncSession, clock: Clock, **overrides: Any) -> Person:
    number = next(_ids)
    values: dict[str, Any] = {
        "tg_user_id": 10_000_000_000 + number,  # beyond 32 bits, as real ids now are
        "first_name": f"Person{number}",
        "username": f"person{number}",
        "language": "en",
        "reachable": True,
        "is_coordinator": False,
        "created_at": clock.now(),
    }
    values.update(overrides)
    person = Person(**values)
    session.add(person)
    await session.flush()
    return person


async def make_org(
    session: AsyncSession,
    clock: Clock,
    registrant: Person,
    *,
    admins: tuple[Person, ...] = (),
    members: tuple[Person, ...] = (),
    **overrides: Any,
) -> Organization:
    number = next(_ids)
    values: dict[str, Any] = {
        "name": f"Organization {number}",
        "kind": OrgKind.NGO,
        "province": "Balkh",
        "district": "Mazar-i-Sharif",
        "focus": "Education",
        "contact": None,
        "status": OrgStatus.APPROVED,
        "registered_by_id": registrant.id,
        "created_at": clock.now(),
    }
    values.update(overrides)
    values.setdefault("name_key", name_key(values["name"]))
    org = Organization(**values)
    session.add(org)
    await session.flush()
    for person, role in [(p, MemberRole.ADMIN) for p in admins] + [
        (p, MemberRole.MEMBER) for p in members
    ]:
        session.add(
            Membership(
                person_id=person.id,
                organization_id=org.id,
                role=role,
                is_delegate=False,
                joined_at=clock.now(),
            )
        )
    await session.flush()
    return org


async def act(session: AsyncSession, person: Person, configured: Collection[int] = ()) -> Actor:
    """The actor `person` is right now, as a handler would build it for their update."""
    return await actor_of(session, person, configured)
