"""Lists too long for one message's buttons, shown a page at a time with Previous and Next."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from bot.i18n import msg
from bot.presentation import Button

PER_PAGE = 8  # buttons on one page

T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    """One page of a list as buttons, a row each, then Previous and Next where there is a page
    that way."""

    rows: list[list[Button]]
    number: int  # the page shown, from 0: the last one if the one asked for is past it
    count: int  # how many pages there are; one for an empty list


def page_of(
    items: Sequence[T],
    page: int,
    button: Callable[[T], Button],
    turn_to: Callable[[int], str],
) -> Page:
    """Page `page` of `items`; `turn_to` gives the callback data that shows another page."""
    count = max(1, -(-len(items) // PER_PAGE))
    page = min(page, count - 1)
    rows = [[button(item)] for item in items[page * PER_PAGE : (page + 1) * PER_PAGE]]
    turns: list[Button] = []
    if page > 0:
        turns.append(Button(msg("button-previous"), turn_to(page - 1)))
    if page < count - 1:
        turns.append(Button(msg("button-next"), turn_to(page + 1)))
    if turns:
        rows.append(turns)
    return Page(rows, page, count)
