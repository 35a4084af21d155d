"""`shura demo`: a whole monthly cycle of the network on a simulated clock, with no token and
no network, driving the real bot on the in-process fake Telegram."""

from __future__ import annotations

import asyncio
import tempfile
import traceback
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.app import runtime
from bot.clock import FakeClock
from bot.config import Settings
from bot.demo import cast
from bot.demo.month import play
from bot.demo.stage import ISOLATES, WIDTH, DemoFailed, Stage
from bot.fakes.harness import start_harness, stop_harness
from bot.fakes.telegram import FakeBotApi
from db.migrate import upgrade
from db.models import Person
from db.session import transaction

ZONE = "Asia/Kabul"
FIRST_DAY = date(2026, 12, 1)  # 10 Qaws 1405
DEMO_TOKEN = "123456:DEMO-NO-NETWORK"  # never sent anywhere: the fake Telegram takes every call


def settings_for(database_url: str) -> Settings:
    """The demo's settings: its own database and people, whatever the environment says."""
    values: dict[str, Any] = {
        "TELEGRAM_BOT_TOKEN": DEMO_TOKEN,
        "DATABASE_URL": database_url,
        "SHURA_COORDINATORS": str(cast.COORDINATOR.tg_user_id),
        "SHURA_TIMEZONE": ZONE,
        "SHURA_DEFAULT_LANGUAGE": "fa",
        "SHURA_INVITATION_LEAD": "7d",
        "SHURA_REMINDERS": "1d,2h",
        "SHURA_NUDGE": "3d",
        "SHURA_MEETING_LENGTH": "2h",
        "SHURA_CHECKIN_MARGIN": "1h",
        "SHURA_AGENDA_DOTS": "3",
        "SHURA_SUMMARY_DELAY": "2h",
        "SHURA_ACTION_REMINDER": "2d",
    }
    return Settings(_env_file=None, **values)


async def run_month(
    settings: Settings, out: Path, write: Callable[[str], None], *, schema: str | None = None
) -> Stage:
    """Play the month on a migrated database; the stage holds what reached people."""
    clock = FakeClock(datetime.combine(FIRST_DAY, time(8, 0), ZoneInfo(ZONE)))
    # Messages carry the simulated time, as they would on the day.
    api = FakeBotApi(wall_clock=lambda: clock.now().timestamp(), bot_username="shura_demo_bot")
    bot = await start_harness(settings, clock, api, schema=schema)
    try:
        async with transaction(runtime(bot.app).sessions) as session:
            known = await session.scalar(select(func.count()).select_from(Person))
        if known:
            raise DemoFailed(
                f"the database is not empty ({known} people in it already): "
                "give the demo an empty one"
            )
        stage = Stage(bot, out, write, ZONE, FIRST_DAY)
        await play(stage)
        stage.check_bot()
        return stage
    finally:
        await stop_harness(bot)


def run(
    out: Path | None = None,
    database_url: str | None = None,
    write: Callable[[str], None] = print,
    *,
    schema: str | None = None,
) -> int:
    """Run the demo, writing the transcript as it goes (and to transcript.txt in `out`);
    0 when every step did what it should."""
    out = out or Path(tempfile.mkdtemp(prefix="shura-demo-"))
    out.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []

    def record(line: str) -> None:
        lines.append(line)
        write(line)

    with tempfile.TemporaryDirectory(prefix="shura-demo-db-") as folder:
        url = database_url or f"sqlite:///{Path(folder) / 'shura.db'}"
        code = _play(url, schema, out, record)
    transcript = out / "transcript.txt"
    transcript.write_text("\n".join(lines) + "\n", encoding="utf-8")
    write(f"The transcript is in {transcript}")
    return code


def _play(url: str, schema: str | None, out: Path, record: Callable[[str], None]) -> int:
    try:
        settings = settings_for(url)
        upgrade(url, schema=schema)
        stage = asyncio.run(run_month(settings, out, record, schema=schema))
    except DemoFailed as failure:
        record("")
        record(f"The demo FAILED: {failure}")
        return 1
    except Exception:
        record("")
        record(f"The demo FAILED with an error:\n{traceback.format_exc()}")
        return 1
    record("")
    record("━" * WIDTH)
    record("The outcome summary, as the coordination group got it:")
    record("")
    for text in stage.summary:
        record(text.translate(ISOLATES))
    record("")
    record(f"Its chart: {stage.chart}")
    record("")
    record(f"Files the bot sent, written to {out}:")
    for path in stage.artifacts:
        record(f"  {path}")
    return 0
