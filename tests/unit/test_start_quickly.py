"""What `shura run` does not import to start: modules only some replies need, and Alembic
(bot.__main__ migrates only a database that is not at the newest revision)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Slow to import and needed only for one reply each (a calendar file, a QR code, a chart) or
# for an upgrade.
LATER = ("icalendar", "segno", "matplotlib", "alembic")


def test_starting_imports_none_of_the_modules_only_some_replies_need() -> None:
    code = (
        "import sys, bot.__main__, bot.app, bot.polling; "
        f"print(sorted(m for m in {LATER!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
