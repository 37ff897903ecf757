"""Journey stage timing and the implementation phase and week."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.playbook.journey import implementation_progress, stage_timing

DAY1 = dt.date(2026, 1, 5)


def test_days_in_stage_and_overdue(forms):
    timing = stage_timing("onboarding", DAY1, DAY1 + dt.timedelta(days=95), forms.journey)
    assert (timing.days_in_stage, timing.duration_days, timing.days_left) == (95, 90, -5)
    assert timing.overdue
    assert timing.next_stage == "value_realization"
    on_time = stage_timing("onboarding", DAY1, DAY1 + dt.timedelta(days=90), forms.journey)
    assert not on_time.overdue


def test_renewal_is_ongoing_and_never_overdue(forms):
    timing = stage_timing("renewal", DAY1, DAY1 + dt.timedelta(days=1000), forms.journey)
    assert timing.duration_days is None and not timing.overdue and timing.next_stage is None


@pytest.mark.parametrize(
    ("day", "phase", "week", "title"),
    [(1, 1, 1, "Environment Preparation"), (7, 1, 1, "Environment Preparation"),
     (8, 1, 2, "Platform Deployment"), (30, 1, 4, "Team Training"),
     (31, 2, 5, "Priority Workflow Implementation"), (60, 2, 8, "Integration & Testing"),
     (61, 3, 9, "Additional Workflow Migration"), (90, 3, 12, "Advanced Features")],
)
def test_phase_and_week_of_the_implementation(forms, day, phase, week, title):
    progress = implementation_progress(DAY1, DAY1 + dt.timedelta(days=day - 1), forms.journey)
    assert (progress.day, progress.phase, progress.week, progress.week_title) == (
        day, phase, week, title)
    assert progress.activities


def test_before_and_after_the_implementation(forms):
    before = implementation_progress(DAY1, DAY1 - dt.timedelta(days=3), forms.journey)
    assert before.phase is None and not before.complete
    after = implementation_progress(DAY1, DAY1 + dt.timedelta(days=90), forms.journey)
    assert after.day == 91 and after.phase is None and after.complete
