"""Every handler, registered in one ordered place."""

from __future__ import annotations

from telegram.ext import Application, BaseHandler

from bot.handlers import (
    agenda,
    broadcast,
    checkin,
    commands,
    concerns,
    coordinators,
    datepicker,
    export,
    fallback,
    meetings,
    members,
    motions,
    outcome,
    privacy,
    proxy,
    registration,
    reports,
    rsvp,
    series,
    start,
    summary,
)
from bot.handlers.routing import route_buttons


def register_handlers(application: Application) -> None:  # type: ignore[type-arg]
    """Wire the features; order matters only for the fallbacks, which must come last."""
    ordered: list[object] = [
        # Every command, from its one declaration; then each feature's buttons.
        *commands.handlers(),
        *start.handlers(),
        *registration.handlers(),
        *members.handlers(),
        *coordinators.handlers(),
        *meetings.handlers(),
        *datepicker.handlers(),
        *rsvp.handlers(),
        *motions.handlers(),
        *proxy.handlers(),
        *outcome.handlers(),
        *agenda.handlers(),
        *concerns.handlers(),
        *checkin.handlers(),
        *broadcast.handlers(),
        *reports.handlers(),
        *export.handlers(),
        *summary.handlers(),
        *series.handlers(),
        *privacy.handlers(),
        # Last: typed answers for a conversation, and commands nobody above took.
        *start.fallbacks(),
        # After everything: a button no feature above recognised is still answered.
        *fallback.after(),
    ]
    # Group -1 runs before the features and stops the update there: an edited message is
    # never taken as a new answer or a new command.
    for item in fallback.before():
        assert isinstance(item, BaseHandler)
        application.add_handler(item, group=-1)
    for item in route_buttons(ordered):
        assert isinstance(item, BaseHandler)
        application.add_handler(item)
