"""Schema of ``forms/journey.toml``: stages, implementation phases, workflow template."""

from typing import Self

from pydantic import Field, model_validator

from csdesk.playbook.base import FormModel


class Stage(FormModel):
    id: str
    label: str
    duration_days: int | None = Field(default=None, ge=1)
    help: str = ""


class PhaseWeek(FormModel):
    first: int = Field(ge=1)
    last: int = Field(ge=1)
    title: str
    activities: list[str] = Field(min_length=1)


class Phase(FormModel):
    number: int = Field(ge=1)
    id: str
    label: str
    first_day: int = Field(ge=1)
    last_day: int = Field(ge=1)
    success_checklist: str
    weeks: list[PhaseWeek] = Field(min_length=1)

    @property
    def first_week(self) -> int:
        return self.weeks[0].first

    @property
    def last_week(self) -> int:
        return self.weeks[-1].last


class Milestone(FormModel):
    stage: str
    workflows_in_production: int = Field(ge=1)


class WorkflowExample(FormModel):
    name: str
    priority: str
    complexity: str
    estimated_hours: float = Field(ge=0)
    dependencies: list[str] = []
    success_criteria: list[str] = []


class WorkflowTemplate(FormModel):
    priorities: list[str] = Field(min_length=1)
    complexities: list[str] = Field(min_length=1)
    statuses: list[str] = Field(min_length=1)
    production_status: str
    milestones: list[Milestone] = []
    example: WorkflowExample

    @model_validator(mode="after")
    def _known_values(self) -> Self:
        if self.production_status not in self.statuses:
            raise ValueError(f"production_status {self.production_status!r} is not a status")
        if self.example.priority not in self.priorities:
            raise ValueError(f"example priority {self.example.priority!r} is not a priority")
        if self.example.complexity not in self.complexities:
            raise ValueError(f"example complexity {self.example.complexity!r} is unknown")
        return self


class JourneyForm(FormModel):
    id: str
    version: int = Field(ge=1)
    title: str
    help: str = ""
    stages: list[Stage] = Field(min_length=1)
    phases: list[Phase] = Field(min_length=1)
    workflow_template: WorkflowTemplate

    def stage(self, stage_id: str) -> Stage:
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise KeyError(stage_id)

    @property
    def stage_ids(self) -> list[str]:
        return [s.id for s in self.stages]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        ids = self.stage_ids
        if len(set(ids)) != len(ids):
            raise ValueError("stage ids must be unique")
        for a, b in zip(self.phases, self.phases[1:], strict=False):
            if b.first_day != a.last_day + 1:
                raise ValueError(f"phase {b.number} must start the day after phase {a.number} ends")
        for m in self.workflow_template.milestones:
            if m.stage not in ids:
                raise ValueError(f"milestone names unknown stage {m.stage!r}")
        return self
