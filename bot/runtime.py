"""What every handler and job needs, kept in `application.bot_data`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.config import Settings
from bot.i18n import Catalog

if TYPE_CHECKING:
    from bot.handlers.menu import Command
    from bot.jobs.outbox import Dispatcher
    from bot.services.intake import ShownEdits

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
    # Updates a handler marked handled in the transaction that handled them: the intake need
    # not look again (bot.polling). Only the ids in hand; the intake takes each out.
    handled_updates: HandledUpdates = field(default_factory=lambda: HandledUpdates())

    @property
    def shown_edits(self) -> ShownEdits:
        """Updates whose edits were shown, forgotten where the dispatcher next claims."""
        return self.dispatcher.shown_edits


class HandledUpdates:
    """Ids of updates handled and committed, until the intake takes them out."""

    LIMIT = 4096  # updates fed to the application by other means are never taken out

    def __init__(self) -> None:
        self._ids: set[int] = set()

    def add(self, update_id: int) -> None:
        if len(self._ids) >= self.LIMIT:
            self._ids.clear()  # the intake then asks the database, as it would anyway
        self._ids.add(update_id)

    def take(self, update_id: int) -> bool:
        """True, once, if the update was marked handled here."""
        if update_id in self._ids:
            self._ids.discard(update_id)
            return True
        return False
