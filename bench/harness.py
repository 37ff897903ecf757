"""A tiny benchmark harness: best-of-N timings, reported as one table with targets.

Timings are not assertions: these machines are shared and noisy. Each figure is the
best of several runs (the least disturbed), reported beside its target with the ratio.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Figure:
    name: str
    value: float
    target: float
    unit: str
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.value / self.target if self.target else float("inf")

    @property
    def ok(self) -> bool:
        return self.value <= self.target


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def render(figures: list[Figure]) -> str:
    header = f"{'benchmark':<52}{'measured':>12}{'target':>12}{'ratio':>8}  ok"
    lines = [header, "-" * len(header)]
    for f in figures:
        lines.append(
            f"{f.name:<52}{f.value:>10.3g} {f.unit:<2}{f.target:>9.3g} {f.unit:<2}"
            f"{f.ratio:>7.2f}  {'yes' if f.ok else 'NO'}"
            + (f"  ({f.note})" if f.note else "")
        )
    return "\n".join(lines)
