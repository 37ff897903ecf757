"""From the store's views and the forms to the plain data the charts take.

Shared by the PDFs and the in-app pages, so both draw the same thing. Nothing is scored
here: scores, statuses and KPI verdicts were computed by ``playbook`` and stored or
handed out by ``store``; these functions only pick and order them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from csdesk.playbook.form_loader import FormSet
from csdesk.playbook.health_form import HealthForm
from csdesk.playbook.signals import KpiStatus
from csdesk.reports.charts import Band, DimensionBar, KpiBar, PhaseBar, Point
from csdesk.store.views import AssessmentView, SnapshotView


def status_bands(form: HealthForm) -> list[Band]:
    """The statuses of forms/health.toml with their lower bounds and colours."""
    return [(s.name, s.min, s.colour) for s in form.statuses]


def one_per_day(history: Iterable[SnapshotView]) -> list[SnapshotView]:
    """The snapshots oldest first, keeping the last recorded one of each as-of date
    (as the signal rules do)."""
    by_date: dict[dt.date, SnapshotView] = {}
    for snap in sorted(history, key=lambda s: (s.as_of, s.created_at)):
        by_date[snap.as_of] = snap
    return list(by_date.values())


def score_points(history: Sequence[SnapshotView]) -> list[Point]:
    return [(s.as_of, s.score) for s in one_per_day(history)]


def metric_points(history: Sequence[SnapshotView], metric: str) -> list[Point]:
    return [(s.as_of, float(getattr(s, metric))) for s in one_per_day(history)]


def snapshot_on(history: Sequence[SnapshotView], day: dt.date) -> SnapshotView | None:
    """The snapshot in force on ``day``: the latest one taken on or before it."""
    found = [s for s in one_per_day(history) if s.as_of <= day]
    return found[-1] if found else None


def readiness_groups(assessment: AssessmentView,
                     forms: FormSet) -> list[tuple[str, list[DimensionBar]]]:
    """The nine dimensions of an assessment, in their three groups, form order."""
    scored = set(forms.readiness.score_dimensions)
    return [(group.label,
             [DimensionBar(d.label, float(getattr(assessment, d.id)), d.id in scored)
              for d in group.dimensions])
            for group in forms.readiness.groups]


def phase_bars(forms: FormSet) -> list[PhaseBar]:
    return [PhaseBar(p.number, p.label, p.first_day, p.last_day) for p in forms.journey.phases]


def kpi_rows(kpis: Sequence[KpiStatus]) -> list[KpiBar]:
    return [KpiBar(k.label, k.actual, k.target, k.unit, k.op in (">", ">="), k.met)
            for k in kpis]
