"""What the repositories hand out: plain, detached values (never ORM objects), so the UI
and the CLI cannot trigger SQL by touching an attribute."""

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict


class View(BaseModel):
    # built at first use: most views are not needed to paint the portfolio
    model_config = ConfigDict(from_attributes=True, frozen=True, defer_build=True)


@dataclass(frozen=True, slots=True)
class PortfolioRow:
    """One line of the portfolio table (built for 5,000 rows at a time: a dataclass)."""

    id: uuid.UUID
    name: str
    plan_tier: str
    arr: float
    stage: str
    owner: str
    renewal_date: dt.date | None
    days_to_renewal: int | None
    score: float | None
    status: str | None
    score_change: float | None  # since the previous snapshot
    as_of: dt.date | None
    next_review: dt.date | None
    open_risks: int
    readiness_level: str | None
    archived: bool


class StakeholderView(View):
    id: uuid.UUID
    account_id: uuid.UUID
    name: str
    role: str
    email: str
    is_sponsor: bool
    notes: str


class AccountView(View):
    id: uuid.UUID
    name: str
    plan_tier: str
    arr: float
    licensed_users: int | None
    monthly_execution_limit: int | None
    stage: str
    stage_started: dt.date | None
    onboarding_started: dt.date | None
    contract_start: dt.date | None
    renewal_date: dt.date | None
    owner: str
    executive_sponsor: str
    notes: str
    indicators: list[str]
    archived: bool
    created_at: dt.datetime
    updated_at: dt.datetime


class SnapshotView(View):
    id: uuid.UUID
    account_id: uuid.UUID
    as_of: dt.date
    platform_adoption: float
    workflow_utilization: float
    feature_usage: float
    system_uptime: float
    workflow_success_rate: float
    performance_targets: float
    roi_achievement: float
    business_objectives: float
    cost_optimization: float
    user_satisfaction: float
    support_tickets: float
    reference_willingness: float
    recent_support_tickets: int | None
    escalated_tickets: int | None
    monthly_executions: int | None
    active_users: int | None
    avg_response_seconds: float | None
    error_rate_pct: float | None
    roi_achieved_pct: float | None
    flags: list[str]
    note: str
    score: float
    status: str
    next_review: dt.date | None
    form_id: str
    form_version: int
    created_at: dt.datetime


class VoteView(View):
    id: uuid.UUID
    participant: str
    stakeholder_id: uuid.UUID | None
    dimension: str
    value: int


class AssessmentView(View):
    id: uuid.UUID
    account_id: uuid.UUID
    assessed_on: dt.date
    executive_sponsorship: float
    strategic_importance: float
    budget_approval: float
    infrastructure_maturity: float
    technical_skills: float
    integration_complexity: float
    change_readiness: float
    process_documentation: float
    stakeholder_buy_in: float
    critical_dependencies: list[str]
    potential_blockers: list[str]
    mitigation_strategies: list[str]
    source: str
    note: str
    score: float
    level: str
    form_id: str
    form_version: int


class ChecklistItemView(View):
    id: uuid.UUID
    section_id: str
    item_id: str
    text: str
    state: str
    owner: str
    due_date: dt.date | None
    done_on: dt.date | None
    note: str


@dataclass(frozen=True)
class ChecklistView:
    id: uuid.UUID
    checklist_id: str
    title: str
    form_version: int
    qbr_id: uuid.UUID | None
    sections: list[tuple[str, str, list[ChecklistItemView]]]  # (section id, label, items)
    done: int = 0
    applicable: int = 0
    overdue: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def progress(self) -> float:
        return self.done / self.applicable if self.applicable else 1.0


class WorkflowView(View):
    id: uuid.UUID
    account_id: uuid.UUID
    name: str
    priority: str
    complexity: str
    estimated_hours: float
    dependencies: list[str]
    success_criteria: list[str]
    phase: int | None
    status: str
    go_live_date: dt.date | None
    notes: str


class RiskView(View):
    id: uuid.UUID
    account_id: uuid.UUID
    type: str
    severity: str
    description: str
    impact: str
    mitigation: str
    status: str
    rule_id: str | None
    observed: list[str]
    raised_on: dt.date
    closed_on: dt.date | None


class ActionView(View):
    id: uuid.UUID
    account_id: uuid.UUID
    title: str
    playbook: str | None
    step: str
    trigger_rule: str | None
    qbr_id: uuid.UUID | None
    due_date: dt.date | None
    owner: str
    status: str
    done_on: dt.date | None


class OpportunityView(View):
    id: uuid.UUID
    account_id: uuid.UUID
    title: str
    kind: str
    source_rule: str | None
    likelihood: int | None
    value: float
    status: str
    owner: str
    notes: str


class QbrView(View):
    id: uuid.UUID
    account_id: uuid.UUID
    held_on: dt.date
    attendees: list[str]
    achievements: str
    roi_promised: float | None
    roi_achieved: float | None
    cost_savings: float | None
    success_stories: str
    challenges: str
    feedback: str
    roadmap: str
    expansion_topics: str
    notes: str


class CharterView(View):
    id: uuid.UUID
    account_id: uuid.UUID
    scope_objectives: str
    success_criteria: str
    timeline_milestones: str
    architecture_notes: str
    roadmap: str
    resources: str
    dependencies: str
    critical_path: str
    updated_at: dt.datetime


class AuditView(View):
    id: uuid.UUID
    account_id: uuid.UUID | None
    at: dt.datetime
    actor: str
    entity: str
    entity_id: uuid.UUID
    action: str
    changes: dict[str, Any]
