"""What the bot last told Telegram that Telegram keeps (its command menus), by digest: a
restart sets again only what changed since."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from db.models import BotState


async def digests(session: AsyncSession, keys: Collection[str]) -> dict[str, str]:
    """The digest last remembered for each of `keys` that has one."""
    if not keys:
        return {}
    found = await session.execute(
        select(BotState.key, BotState.digest).where(BotState.key.in_(list(keys)))
    )
    return {key: digest for key, digest in found}


async def remember(session: AsyncSession, clock: Clock, values: Mapping[str, str]) -> None:
    """Telegram now holds these (key: digest)."""
    if not values:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert(BotState) if dialect == "postgresql" else sqlite.insert(BotState)
    now = clock.now()
    statement = insert.values(
        [{"key": key, "digest": digest, "updated_at": now} for key, digest in values.items()]
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["key"],
            set_={"digest": statement.excluded.digest, "updated_at": statement.excluded.updated_at},
        )
    )
