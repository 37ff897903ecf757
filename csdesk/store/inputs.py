"""Validated input for the records a CSM creates and edits (beyond scores)."""

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import Field, field_validator

from csdesk.playbook.base import RecordModel
from csdesk.playbook.records import PlanTier

Name = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(max_length=20_000)]
Short = Annotated[str, Field(max_length=200)]

RISK_STATUSES = ("open", "mitigated", "closed", "dismissed")
ACTION_STATUSES = ("open", "done", "dismissed", "cleared")
CHECK_STATES = ("open", "done", "na")
OPPORTUNITY_STATUSES = ("identified", "qualified", "proposed", "won", "lost")


class _Stripped(RecordModel):
    @field_validator("*", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        """Trim text; refuse NUL characters (PostgreSQL cannot store them)."""
        items = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and "\x00" in v for v in items):
            raise ValueError("contains a NUL character")
        return value.strip() if isinstance(value, str) else value


class AccountFields(_Stripped):
    name: Name
    plan_tier: PlanTier = "Starter"
    arr: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    licensed_users: int | None = Field(default=None, ge=0)
    monthly_execution_limit: int | None = Field(default=None, ge=0)
    stage: str = "onboarding"
    stage_started: dt.date | None = None
    onboarding_started: dt.date | None = None
    contract_start: dt.date | None = None
    renewal_date: dt.date | None = None
    owner: Short = ""
    executive_sponsor: Short = ""
    notes: Text = ""
    indicators: list[str] = []


class StakeholderFields(_Stripped):
    name: Name
    role: Short = ""
    email: Annotated[str, Field(max_length=320)] = ""
    is_sponsor: bool = False
    notes: Text = ""


class WorkflowFields(_Stripped):
    name: Name
    priority: str = "medium"
    complexity: str = "medium"
    estimated_hours: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    dependencies: list[Short] = []
    success_criteria: list[Short] = []
    phase: int | None = Field(default=None, ge=1, le=3)
    status: str = "planned"
    go_live_date: dt.date | None = None
    notes: Text = ""


class RiskFields(_Stripped):
    type: Name
    severity: Literal["High", "Medium", "Low"] = "Medium"
    description: Text
    impact: Text = ""
    mitigation: Text = ""
    status: Literal["open", "mitigated", "closed", "dismissed"] = "open"
    raised_on: dt.date | None = None


class ActionFields(_Stripped):
    title: Annotated[str, Field(min_length=1, max_length=2000)]
    due_date: dt.date | None = None
    owner: Short = ""
    status: Literal["open", "done", "dismissed", "cleared"] = "open"
    qbr_id: uuid.UUID | None = None


class OpportunityFields(_Stripped):
    title: Name
    kind: str = "opportunity"
    source_rule: str | None = None
    likelihood: int | None = Field(default=None, ge=1, le=10)
    value: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    status: Literal["identified", "qualified", "proposed", "won", "lost"] = "identified"
    owner: Short = ""
    notes: Text = ""


class QbrFields(_Stripped):
    held_on: dt.date
    attendees: list[Short] = []
    achievements: Text = ""
    roi_promised: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    roi_achieved: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    cost_savings: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    success_stories: Text = ""
    challenges: Text = ""
    feedback: Text = ""
    roadmap: Text = ""
    expansion_topics: Text = ""
    notes: Text = ""


class CharterFields(_Stripped):
    scope_objectives: Text = ""
    success_criteria: Text = ""
    timeline_milestones: Text = ""
    architecture_notes: Text = ""
    roadmap: Text = ""
    resources: Text = ""
    dependencies: Text = ""
    critical_path: Text = ""


class ChecklistItemFields(_Stripped):
    state: Literal["open", "done", "na"] = "open"
    owner: Short = ""
    due_date: dt.date | None = None
    note: Text = ""
