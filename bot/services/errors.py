"""Errors people can cause; each carries the message key that explains it to them."""

from __future__ import annotations


class DomainError(Exception):
    """A rule said no. Handlers show `key` translated, with `params`."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class NotAllowed(DomainError):
    """The person's role does not allow this."""


class NotFound(DomainError):
    """The thing named (often by a forged or stale button) does not exist."""
