"""The benchmarks still run (on tiny numbers): they print figures, they are not timed tests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(script: str, *args: str) -> list[str]:
    env = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout.strip().splitlines()


def test_the_invitations_benchmark_runs_and_ends_with_the_rate_ratio() -> None:
    lines = run(
        "invitations.py",
        "--members",
        "8",
        "--fanout",
        "20",
        "--rtt",
        "0.01",
        "--database",
        "sqlite",
    )
    assert re.fullmatch(r"rate_ratio=\d+\.\d{3}", lines[-1]), lines[-1]
    assert any(line.startswith("sends answered") and "429: " in line for line in lines)
    assert any(line.startswith("bare PTB baseline") for line in lines)


def test_the_startup_benchmark_runs_and_ends_with_the_start_ratio() -> None:
    lines = run("startup.py", "--rounds", "1", "--rtt", "0", "--imports", "0")
    assert re.fullmatch(r"start_ratio=\d+\.\d{2}", lines[-1]), lines[-1]
    assert any(line.startswith("Shura, restart") for line in lines)


def test_the_update_throughput_benchmark_runs_and_ends_with_the_tap_ratio() -> None:
    lines = run(
        "update_throughput.py",
        *("--rounds", "1", "--per-round", "2", "--burst", "3", "--rtt", "0.01"),
        *("--database", "sqlite"),
    )
    assert re.fullmatch(r"ratio=\d+\.\d{2}", lines[-1]), lines[-1]
    assert re.fullmatch(r"cpu_ratio=\d+\.\d{2}", lines[-2]), lines[-2]
    assert any(line.split()[:1] == ["tap"] for line in lines)
    # Part 2: every person's wait is measured, and every answer counted by status.
    bursts = [line for line in lines if line.split()[:2] in (["tap", "shura"], ["tap", "bare"])]
    assert len(bursts) == 2 and all("429: 0" in line for line in bursts), bursts
    assert not any("only" in line for line in lines), lines


def test_the_summary_scale_benchmark_runs_and_ends_with_the_summary_milliseconds() -> None:
    lines = run("summary_scale.py", "--scale", "0.01", "--rounds", "1", "--database", "sqlite")
    assert re.fullmatch(r"summary_ms=\d+", lines[-1]), lines[-1]
    assert any(line.startswith("/attendance") for line in lines)
    assert any(line.startswith("peak resident size") for line in lines)
