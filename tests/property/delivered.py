"""What Telegram delivers of what a person sends.

Lengths are UTF-16 code units, as Telegram counts them (an emoji outside the Basic
Multilingual Plane is two): a client splits longer text into several messages, and cuts a
caption. Kept apart from the test modules: a module with Hypothesis tests takes its settings
when it is imported, and must only be imported by pytest, after the profile is loaded.
"""

from __future__ import annotations

TEXT_LIMIT, CAPTION_LIMIT = 4096, 1024


def within(text: str, limit: int) -> str:
    """The start of `text` that fits in `limit` UTF-16 units, whole characters only."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return text[:index]
    return text
