"""Buttons routed by their feature: a press is checked against its feature's handlers only.

python-telegram-bot tries every handler of a group in order until one takes the update; with
a hundred button handlers, a press on an invitation's answer would be tried against the
sixty that come before it. Callback data reads `<feature>:<action>:<args>` (CallbackData),
so the feature alone picks the handlers to try, in the order they were registered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.ext import Application, BaseHandler, CallbackQueryHandler, ContextTypes

# A route's pattern as CallbackData.route writes it: the feature, then its action.
_FEATURE = re.compile(r"\^([a-z]+):")

Context = ContextTypes.DEFAULT_TYPE


def feature_of(handler: object) -> str | None:
    """The feature whose buttons a handler takes; None for one that takes others too."""
    if not isinstance(handler, CallbackQueryHandler):
        return None
    pattern = getattr(handler.pattern, "pattern", None)
    found = _FEATURE.match(pattern) if isinstance(pattern, str) else None
    return found.group(1) if found else None


class ButtonRouter(BaseHandler[Update, Context, None]):
    """The button handlers of every feature, tried only for presses of their feature."""

    def __init__(self, handlers: Sequence[CallbackQueryHandler[Context, Any]]) -> None:
        super().__init__(self._unused)
        self.routes: dict[str, list[CallbackQueryHandler[Context, Any]]] = {}
        for handler in handlers:
            feature = feature_of(handler)
            assert feature is not None, handler
            self.routes.setdefault(feature, []).append(handler)

    @staticmethod
    async def _unused(_update: Update, _context: Context) -> None:
        raise AssertionError("a routed press is handled by its feature's handler")

    def check_update(self, update: object) -> object:
        if not isinstance(update, Update) or update.callback_query is None:
            return None
        data = update.callback_query.data
        if not isinstance(data, str):
            return None
        for handler in self.routes.get(data.split(":", 1)[0], ()):
            check = handler.check_update(update)
            if check is not None and check is not False:
                return handler, check
        return None

    async def handle_update(
        self,
        update: Update,
        application: Application[Any, Context, Any, Any, Any, Any],
        check_result: object,
        context: Context,
    ) -> None:
        assert isinstance(check_result, tuple)
        handler, check = check_result
        await handler.handle_update(update, application, check, context)


def route_buttons(handlers: Sequence[object]) -> list[object]:
    """The handlers with every feature's button handlers in one router, where the first was."""
    routed = [h for h in handlers if feature_of(h) is not None]
    if not routed:
        return list(handlers)
    router = ButtonRouter([h for h in routed if isinstance(h, CallbackQueryHandler)])
    placed: list[object] = []
    for handler in handlers:
        if feature_of(handler) is None:
            placed.append(handler)
        elif router not in placed:
            placed.append(router)
    return placed
