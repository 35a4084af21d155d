"""Coordinators hear about trouble: an error id for the person, a short alert for coordinators,
and the truth when nobody is there to review an application."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest

from bot.clock import FakeClock
from bot.handlers import start
from bot.handlers.errors import ALERT_INTERVAL
from tests.conftest import Database
from tests.handlers.conftest import COORDINATOR, Harness, start_harness, stop_harness
from tests.handlers.helpers import onboard, register

ALICE = 1_000_001


def _error_id(text: str) -> str:
    found = re.search(r"\b([0-9a-f]{8})\b", text)
    assert found is not None, text
    return found.group(1)


async def test_an_error_gives_the_person_an_id_and_the_coordinators_hear_of_it_once(
    database: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = await start_harness(database, clock)
    try:
        await onboard(bot, COORDINATOR)
        await onboard(bot, ALICE)

        async def broken(_turn: object) -> None:
            raise RuntimeError("the database went away")

        monkeypatch.setattr(start, "help_text", broken)
        await bot.send(ALICE, "/help")
        told = bot.last(ALICE)
        assert "something went wrong" in told
        alert = bot.last(COORDINATOR)
        assert "Error number" in alert
        assert _error_id(alert) == _error_id(told)
        alerts = len(bot.texts(COORDINATOR))

        await bot.send(ALICE, "/help")  # a second error soon after: no second alert
        assert len(bot.texts(COORDINATOR)) == alerts
        assert _error_id(bot.last(ALICE)) != _error_id(told)

        clock.advance(ALERT_INTERVAL + timedelta(seconds=1))
        await bot.send(ALICE, "/help")
        assert len(bot.texts(COORDINATOR)) == alerts + 1
        assert _error_id(bot.last(COORDINATOR)) == _error_id(bot.last(ALICE))
        assert "Alice" not in bot.last(COORDINATOR)  # who hit it stays out of the alert
    finally:
        await stop_harness(bot)
    assert len(bot.errors) == 3


async def test_an_error_on_a_button_shows_the_id_in_the_toast(
    database: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = await start_harness(database, clock)
    try:
        await onboard(bot, COORDINATOR)
        await bot.send(ALICE, "/start")

        def broken(*_args: object) -> None:
            raise RuntimeError("boom")

        monkeypatch.setattr(start.people, "set_language", broken)
        await bot.press(ALICE, "lang:set:en")
        toast = bot.answers()[-1]
        assert toast["show_alert"] is True
        assert len(toast["text"]) <= 200
        _error_id(toast["text"])
    finally:
        await stop_harness(bot)
    bot.api.assert_no_problems()


async def test_with_no_coordinator_start_up_warns_and_a_registrant_is_told_the_truth(
    database: Database, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        bot: Harness = await start_harness(database, clock, SHURA_COORDINATORS="")
    try:
        assert any("No coordinator is configured" in r.getMessage() for r in caplog.records)
        await onboard(bot, ALICE)
        await register(bot, ALICE)
        told = bot.last(ALICE)
        assert "no coordinator has started this bot yet" in told
        assert "sent to the coordinators" not in told
    finally:
        await stop_harness(bot)
    assert not bot.errors
    bot.api.assert_no_problems()
