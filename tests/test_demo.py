"""`shura demo`: a whole month of the network plays on the fake Telegram, shows each stage, and
writes the files the bot sent; any step that goes wrong makes it fail."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.demo import run
from db.models import Person
from db.session import make_sync_engine
from tests.conftest import ON_POSTGRES, Database, drop_postgres_schema, fresh_postgres_schema

ROOT = Path(__file__).resolve().parents[1]
SHURA = Path(sys.executable).with_name("shura")

# A line of the transcript for each stage of the month, as someone watching would look for it.
STAGES = [
    pytest.param("Day 1 · Tuesday 1 December 2026 · ۱۰ قوس ۱۴۰۵", id="simulated-days"),
    pytest.param("registers «اتحادیه نهادهای مدنی بلخ»", id="registration"),
    pytest.param("→ Mariam (fa): 🎉", id="approval-in-dari"),
    pytest.param("→ Zarghuna (ps): مرکز رسانه‌ای مزار ته ښه راغلاست", id="joining-in-pashto"),
    pytest.param("Farhad › /newmeeting", id="meeting"),
    pytest.param("Palwasha › 🎤 (a voice note)", id="voice-concern"),
    pytest.param("Zarghuna raises a concern anonymously", id="anonymous-concern"),
    pytest.param("From: 🕶 anonymous", id="moderation"),
    pytest.param("12 invitations, each in its reader's language", id="invitations"),
    pytest.param("→ Gul Ahmad (ps): 📩 تاسو د شبکې غونډې ته رابلل شوي یاست", id="invitation-ps"),
    pytest.param("Yama taps [🤔 Maybe]", id="rsvp"),
    pytest.param("از ۳ نقطه، ۰ نقطه برای شما مانده است", id="dots"),
    pytest.param("→ Nazira (fa): 📩", id="nudge"),
    pytest.param("Farhad taps [✅ Going]", id="broadcast-audience"),
    pytest.param("It goes to 9 people.", id="broadcast-preview"),
    pytest.param("9 notices, each in its reader's language", id="broadcast"),
    pytest.param("Delivered: 9", id="broadcast-report"),
    pytest.param("11 reminders", id="reminders"),
    pytest.param("12 ballots", id="motion"),
    pytest.param("🗳 د غونډې اجنډا", id="agenda-closed"),
    pytest.param("Code: ", id="checkin-code"),
    pytest.param("Wahida › /start checkin-", id="checkin-by-qr"),
    pytest.param("People checked in: 9", id="checkin-counts"),
    pytest.param("→ group «شبکه هماهنگی نهادهای بلخ»: 🗳 نتیجه", id="motion-result"),
    pytest.param("Farhad taps [➕ Action item]", id="outcome"),
    pytest.param("✅ Action item recorded for مرکز رسانه‌ای مزار", id="action-item"),
    pytest.param("→ group «شبکه هماهنگی نهادهای بلخ»: 📋 نتایج جلسه", id="summary"),
    pytest.param("• گفتند می‌آیند: ۹؛ از آن‌ها ۸ نفر آمدند", id="summary-attendance"),
    pytest.param("➡️ جلسه بعدی: چهارشنبه ۳۰ جدی ۱۴۰۵", id="summary-next-meeting"),
    pytest.param("📎 shura-meeting-1-concerns.csv", id="exports"),
    pytest.param("nothing is posted twice", id="posted-once"),
    pytest.param("The outcome summary, as the coordination group got it:", id="summary-at-the-end"),
    pytest.param("— مسئول: مرکز رسانه‌ای مزار، تا چهارشنبه ۱۶ جدی ۱۴۰۵", id="summary-actions"),
    pytest.param("→ Jawid (fa): ⏰ یادآوری: مهلت اقدامی", id="action-reminder"),
]
FILES = (
    "checkin-qr.png",
    "summary-chart.png",
    "shura-meeting-1-rsvps.csv",
    "shura-meeting-1-checkins.csv",
    "shura-meeting-1-concerns.csv",
    "shura-meeting-1-motions.csv",
    "shura-meeting-1-actions.csv",
    "shura-meeting-1.ics",
    "transcript.txt",
)


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    """One run of the demo as a function: exit code, transcript, folder of files."""
    out = tmp_path_factory.mktemp("demo")
    lines: list[str] = []
    if ON_POSTGRES:
        database = fresh_postgres_schema()
        try:
            code = run(out, database.url, lines.append, schema=database.schema)
        finally:
            drop_postgres_schema(database)
    else:
        code = run(out, write=lines.append)  # on a temporary SQLite file, as by default
    return code, "\n".join(lines), out


def test_the_month_plays_through_without_a_failure(month: tuple[int, str, Path]) -> None:
    code, transcript, _out = month
    assert code == 0, transcript[-3000:]
    assert "FAILED" not in transcript


@pytest.mark.parametrize("moment", STAGES)
def test_the_transcript_shows_each_stage(month: tuple[int, str, Path], moment: str) -> None:
    _code, transcript, _out = month
    assert moment in transcript


def test_the_files_the_bot_sent_are_written_and_listed(month: tuple[int, str, Path]) -> None:
    _code, transcript, out = month
    for name in FILES:
        assert (out / name).is_file(), name
        assert name == "transcript.txt" or str(out / name) in transcript
    for image in ("checkin-qr.png", "summary-chart.png"):
        assert (out / image).read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), image
    assert f"Its chart: {out / 'summary-chart.png'}" in transcript
    rsvps = (out / "shura-meeting-1-rsvps.csv").read_bytes()
    assert rsvps.startswith(b"\xef\xbb\xbf") and b"Mariam" in rsvps
    actions = (out / "shura-meeting-1-actions.csv").read_text(encoding="utf-8-sig")
    assert "راهنمای ایمنی برای خبرنگاران" in actions and "مرکز رسانه‌ای مزار" in actions
    assert (out / "transcript.txt").read_text(encoding="utf-8").startswith(transcript[:200])


def test_the_anonymous_sender_is_nowhere_in_the_exported_concerns(
    month: tuple[int, str, Path],
) -> None:
    _code, _transcript, out = month
    concerns = (out / "shura-meeting-1-concerns.csv").read_text(encoding="utf-8-sig")
    assert "خبریالانو ته" in concerns and "Zarghuna" not in concerns


def test_a_database_that_is_not_empty_fails_the_demo_with_the_reason(
    database: Database, tmp_path: Path
) -> None:
    engine = make_sync_engine(database.url, schema=database.schema)
    with engine.begin() as connection:
        connection.execute(
            Person.__table__.insert().values(
                tg_user_id=1,
                first_name="Someone",
                reachable=True,
                is_coordinator=False,
                created_at=datetime(2026, 11, 1, tzinfo=UTC),
            )
        )
    engine.dispose()
    lines: list[str] = []
    code = run(tmp_path, database.url, lines.append, schema=database.schema)
    assert code == 1
    assert "The demo FAILED: the database is not empty (1 people" in "\n".join(lines)


def test_shura_demo_runs_as_a_command_on_the_database_it_is_given(
    database: Database, tmp_path: Path
) -> None:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SHURA_", "TELEGRAM_")) and name != "DATABASE_URL"
    }
    environment["PYTHONPATH"] = os.pathsep.join([str(ROOT), *sys.path])
    command = [str(SHURA), "demo", "--out", str(tmp_path / "files")]
    if database.schema is None:  # PostgreSQL schemas are for tests; the command takes a URL
        command += ["--database-url", database.url]
    result = subprocess.run(
        command, capture_output=True, text=True, env=environment, cwd=tmp_path, timeout=300
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "→ group «شبکه هماهنگی نهادهای بلخ»: 📋 نتایج جلسه" in result.stdout
    assert f"Its chart: {tmp_path / 'files' / 'summary-chart.png'}" in result.stdout
    assert "Traceback" not in result.stderr
