"""Logs never hold what people typed, nor the bot token."""

from __future__ import annotations

import logging
import traceback

import pytest
import sqlalchemy as sa

from bot.clock import FakeClock
from bot.handlers import dialogs
from bot.handlers.common import Replies, Turn
from bot.logs import TALKATIVE, protect_logs, redact_secret
from tests.conftest import Database
from tests.handlers.conftest import TOKEN, start_harness, stop_harness
from tests.handlers.helpers import onboard

PERSON = 5_000_001
MARKER = "marker-typed-by-a-person-5731"


def _everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    parts = [caplog.text]
    for record in caplog.records:
        parts.append(record.getMessage())
        if record.exc_info:
            parts.append("".join(traceback.format_exception(*record.exc_info)))
    return "\n".join(parts)


async def test_a_database_error_does_not_log_what_the_person_typed(
    database: Database,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    harness = await start_harness(database, clock)
    try:
        await onboard(harness, PERSON)

        async def failing_step(turn: Turn, text: str | None) -> Replies:
            # What the person typed reaches a statement the database refuses.
            await turn.session.execute(
                sa.text("INSERT INTO no_such_table (answer) VALUES (:answer)"), {"answer": text}
            )
            return None

        monkeypatch.setattr(dialogs, "continue_dialog", failing_step)
        caplog.set_level(logging.DEBUG)  # even with everything on, as `shura run` sets it up
        for name in TALKATIVE:
            monkeypatch.setattr(logging.getLogger(name), "level", logging.NOTSET)
        stop = protect_logs(TOKEN)
        try:
            await harness.send(PERSON, f"my answer is {MARKER}")
        finally:
            stop()
    finally:
        await stop_harness(harness)
    assert harness.errors, "the database error should have happened"
    assert any("no_such_table" in str(error) for error in harness.errors)
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records)
    assert MARKER not in _everything_logged(caplog)
    assert harness.last(PERSON).startswith("Sorry")  # the person is told, and that is all


def test_the_token_is_redacted_wherever_it_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    url = f"https://api.telegram.org/bot{TOKEN}/sendMessage"
    stop = redact_secret(TOKEN)
    try:
        logging.getLogger("httpx").warning("HTTP Request: POST %s %r", url, "HTTP/1.1 200 OK")
        logging.getLogger("telegram.ext").warning(f"polling {url}")
        try:
            raise ConnectionError(f"cannot reach {url}")
        except ConnectionError:
            logging.getLogger("telegram.ext.Updater").exception("network trouble")
    finally:
        stop()
    logged = _everything_logged(caplog).replace(
        "".join(traceback.format_exception(*caplog.records[-1].exc_info)),
        "",  # type: ignore[misc]
    )
    assert TOKEN not in logged
    assert TOKEN.split(":")[1] not in logged
    assert "https://api.telegram.org/bot[token]/sendMessage" in caplog.records[0].getMessage()
    assert "cannot reach https://api.telegram.org/bot[token]/sendMessage" in caplog.text
