"""Evaluate the rule conditions of ``forms/signals.toml`` against an account's facts.

``Facts`` gathers, for one as-of date, every figure a rule may name (metrics, counts,
derived figures), the flags raised, and the dated history that trend conditions read.
Each condition that holds is described in words ("Platform adoption 42 < 50") so a CSM
sees which rule fired on what value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from csdesk.playbook.base import OPERATORS
from csdesk.playbook.signals_form import Condition, Rule

FIGURE_LABELS: dict[str, str] = {
    "health_score": "Health score",
    "recent_support_tickets": "Recent support tickets",
    "escalated_tickets": "Escalated tickets",
    "monthly_executions": "Monthly executions",
    "active_users": "Active users",
    "avg_response_seconds": "Average response time (s)",
    "error_rate_pct": "Error rate (%)",
    "roi_achieved_pct": "ROI achieved (% of promised)",
    "license_utilization": "License utilization (%)",
    "days_to_renewal": "Days to renewal",
}


@dataclass(slots=True)
class Facts:
    as_of: dt.date
    figures: dict[str, float | None]
    flags: frozenset[str]
    # figure -> values of the dated history, oldest first, one per as-of date
    series: dict[str, list[tuple[dt.date, float]]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, name: str) -> str:
        return self.labels.get(name) or FIGURE_LABELS.get(name) or name.replace("_", " ")


def fitted_change(points: Sequence[tuple[dt.date, float]]) -> float:
    """Change across the points of the least-squares line through them (value per date)."""
    xs = [(d - points[0][0]).days for d, _ in points]
    ys = [v for _, v in points]
    n = len(points)
    mean_x = sum(xs) / n
    mean_y = sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return 0.0
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    return slope * (xs[-1] - xs[0])


def _fmt(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def check(cond: Condition, facts: Facts) -> str | None:
    """A description of the condition if it holds, else None."""
    if cond.field is not None:
        actual = facts.figures.get(cond.field)
        assert cond.op is not None and cond.value is not None
        if actual is None or not OPERATORS[cond.op](actual, cond.value):
            return None
        return f"{facts.label(cond.field)} {_fmt(actual)} {cond.op} {_fmt(cond.value)}"
    if cond.flag is not None:
        return facts.label(cond.flag) if cond.flag in facts.flags else None
    assert cond.trend is not None and cond.window is not None and cond.change is not None
    series = facts.series.get(cond.trend, [])
    if len(series) < cond.window:
        return None
    window = series[-cond.window :]
    moved = fitted_change(window)
    name = facts.label(cond.trend)
    span = f"over the last {cond.window} snapshots"
    if cond.direction == "declining" and moved <= -cond.change:
        return f"{name} fell {_fmt(-moved)} points {span}"
    if cond.direction == "increasing" and moved >= cond.change:
        return f"{name} rose {_fmt(moved)} {span}"
    if cond.direction == "stagnating" and abs(moved) < cond.change:
        return f"{name} moved {_fmt(abs(moved))} {span} (less than {_fmt(cond.change)})"
    return None


def fires(rule: Rule, facts: Facts) -> list[str] | None:
    """What made the rule fire (one line per condition), or None if it does not."""
    for group in (rule.when, rule.or_when):
        if not group:
            continue
        observed = []
        for cond in group:
            seen = check(cond, facts)
            if seen is None:
                break
            observed.append(seen)
        else:
            return observed
    return None
