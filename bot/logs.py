"""Logs never carry the bot token, nor what people typed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

REDACTED = "[token]"
# At DEBUG these write out every Bot API call's parameters (what people typed, what the bot
# sent them); they are kept at INFO whatever the root level is.
TALKATIVE = ("telegram.Bot", "telegram.ext.ExtBot", "telegram.ext.Application")


def _redactor(secret: str) -> Callable[[str], str]:
    def redact(text: str) -> str:
        return text.replace(secret, REDACTED) if secret in text else text

    return redact


def protect_logs(token: str) -> Callable[[], None]:
    """Redact the token from every record, and quiet the loggers that echo contents."""
    for name in TALKATIVE:
        logging.getLogger(name).setLevel(logging.INFO)
    return redact_secret(token)


def redact_secret(secret: str) -> Callable[[], None]:
    """Scrub `secret` from every log record made from now on; returns how to stop doing so.

    The Bot API puts the token in every URL (`/bot<token>/sendMessage`), and httpx and
    python-telegram-bot log URLs and exceptions that quote them. The record factory is the
    one place every record passes through, whatever logger or handler writes it, so the
    message (with its arguments), the traceback and the stack are redacted at birth.
    """
    if not secret:
        return lambda: None
    redact = _redactor(secret)
    previous = logging.getLogRecordFactory()
    formatter = logging.Formatter()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: leave it for logging to report
            return record
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text rather than formatting the exception again.
            record.exc_text = redact(formatter.formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return record

    logging.setLogRecordFactory(factory)

    def uninstall() -> None:
        if logging.getLogRecordFactory() is factory:
            logging.setLogRecordFactory(previous)

    return uninstall
