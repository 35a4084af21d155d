"""Small statistics the benchmarks print."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def latencies(values: Sequence[float]) -> str:
    """`n, p50 …, p99 …, max …` of durations in seconds."""
    if not values:
        return "none"
    return (
        f"{len(values)}, p50 {ms(median(values))}, p99 {ms(percentile(values, 0.99))},"
        f" max {ms(max(values))}"
    )
