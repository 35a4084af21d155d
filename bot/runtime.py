"""What every handler and job needs, kept in `application.bot_data`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.config import Settings
from bot.i18n import Catalog

if TYPE_CHECKING:
    from bot.handlers.menu import Command
    from bot.jobs.outbox import Dispatcher

RUNTIME_KEY = "shura"


@dataclass
class Runtime:
    settings: Settings
    clock: Clock
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    catalog: Catalog
    dispatcher: Dispatcher
    # Every command, declared once (bot.handlers.commands): /help and the menus read it here.
    commands: tuple[Command, ...] = ()
