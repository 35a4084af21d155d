"""Every handler, registered in one ordered place."""

from __future__ import annotations

from telegram.ext import Application, BaseHandler

from bot.handlers import coordinators, meetings, members, registration, start


def register_handlers(application: Application) -> None:  # type: ignore[type-arg]
    """Wire the features; order matters only for the fallbacks, which must come last."""
    ordered: list[object] = [
        *start.handlers(),
        *registration.handlers(),
        *members.handlers(),
        *coordinators.handlers(),
        *meetings.handlers(),
        # Last: typed answers for a conversation, and commands nobody above took.
        *start.fallbacks(),
    ]
    for item in ordered:
        assert isinstance(item, BaseHandler)
        application.add_handler(item)
