"""`shura status`: who leads, the outbox by state, when the dispatcher last ran, the oldest
update waiting; exit 0 with a leader, 1 without, 3 when the database cannot tell."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.clock import FakeClock
from bot.services import intake, outbox, processes
from db.models import ProcessRole
from db.session import dispose, make_engine, make_session_factory, transaction
from tests.conftest import ON_POSTGRES, Database
from tests.e2e.conftest import with_search_path


@pytest.fixture
def in_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_status_names_the_leader_and_what_waits(
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    in_folder: None,
) -> None:
    if ON_POSTGRES:
        pytest.skip("on PostgreSQL the leader is whoever holds the lock: tests/e2e/test_standby.py")
    clock = FakeClock(datetime.now(UTC) - timedelta(seconds=30))

    async def seed() -> None:
        engine = make_engine(database.url)
        try:
            async with transaction(make_session_factory(engine)) as session:
                await processes.register(
                    session, clock, "box:7:a1b2c3", mode="polling", backend=None
                )
                await processes.set_role(session, clock, "box:7:a1b2c3", ProcessRole.LEADER)
                for key in ("a", "b"):
                    await outbox.enqueue(
                        session,
                        clock,
                        kind="notice",
                        dedupe_key=key,
                        due_at=clock.now(),
                        chat_id=5,
                    )
                await outbox.claim(session, clock, fanout=False, owner="box:7:a1b2c3")
                await intake.store(session, clock, [(41, {"update_id": 41})])
                clock.advance(timedelta(seconds=25))
                await processes.beat(session, clock, "box:7:a1b2c3", dispatched_at=clock.now())
        finally:
            await dispose(engine)

    asyncio.run(seed())
    monkeypatch.setenv("DATABASE_URL", database.url)

    assert main(["status"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[1].startswith("leader: box:7:a1b2c3 (pid 7 on box, polling), leading since ")
    assert "outbox: pending 1, sending 1, sent 0, skipped 0, unreachable 0, failed 0" in out
    assert "(1 due now)" in out
    assert "dispatcher last ran: " in out and " s ago)" in out
    assert "oldest update not yet handled: 41, received " in out and "(1 waiting)" in out


def test_status_without_a_leader_exits_1(
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    in_folder: None,
) -> None:
    url = database.url
    if ON_POSTGRES:
        url = with_search_path(url, database.schema or "")
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["status"]) == 1
    out = capsys.readouterr().out
    assert "leader: none" in out and "dispatcher last ran: never" in out
    assert "oldest update not yet handled: none" in out


def test_status_of_a_database_never_migrated_says_so(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    in_folder: None,
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    assert main(["status"]) == 3
    out = capsys.readouterr().out
    assert "Cannot read the status" in out and "shura migrate" in out
