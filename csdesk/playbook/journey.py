"""Journey stage timing and the current implementation phase and week."""

import datetime as dt

from csdesk.playbook.base import ResultModel
from csdesk.playbook.journey_form import JourneyForm


class StageTiming(ResultModel):
    stage: str
    label: str
    index: int  # 0-based position among the stages
    started: dt.date | None
    days_in_stage: int | None
    duration_days: int | None
    days_left: int | None
    overdue: bool
    next_stage: str | None


class PhaseProgress(ResultModel):
    day: int  # 1 on the day onboarding started; <= 0 before it
    phase: int | None
    phase_label: str | None
    week: int | None
    week_title: str | None
    activities: list[str]
    complete: bool  # past the last day of the last phase


def stage_timing(stage_id: str, started: dt.date | None, today: dt.date,
                 form: JourneyForm) -> StageTiming:
    stage = form.stage(stage_id)
    ids = form.stage_ids
    index = ids.index(stage_id)
    days = None if started is None else (today - started).days
    left = None
    if days is not None and stage.duration_days is not None:
        left = stage.duration_days - days
    return StageTiming(
        stage=stage.id,
        label=stage.label,
        index=index,
        started=started,
        days_in_stage=days,
        duration_days=stage.duration_days,
        days_left=left,
        overdue=left is not None and left < 0,
        next_stage=ids[index + 1] if index + 1 < len(ids) else None,
    )


def implementation_progress(onboarding_started: dt.date, today: dt.date,
                            form: JourneyForm) -> PhaseProgress:
    """Day, phase and week of the implementation (rules in forms/journey.toml)."""
    day = (today - onboarding_started).days + 1
    for phase in form.phases:
        if phase.first_day <= day <= phase.last_day:
            week = min(max((day - 1) // 7 + 1, phase.first_week), phase.last_week)
            block = next(w for w in phase.weeks if w.first <= week <= w.last)
            return PhaseProgress(
                day=day, phase=phase.number, phase_label=phase.label, week=week,
                week_title=block.title, activities=list(block.activities), complete=False,
            )
    return PhaseProgress(
        day=day, phase=None, phase_label=None, week=None, week_title=None, activities=[],
        complete=day > form.phases[-1].last_day,
    )
