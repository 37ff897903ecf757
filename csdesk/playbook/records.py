"""The playbook's records as validated models: what a CSM enters.

``HealthMetrics`` holds the twelve 0-100 metrics, ``ReadinessAssessment`` the nine 1-5
dimensions and the three risk lists, ``OperationalFigures`` the counts the signal rules
read beside the metrics. Values outside their range, non-numbers, booleans, NaN and
unknown fields are refused, on creation and on every assignment.
"""

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from csdesk.playbook.base import RecordModel

HEALTH_METRICS: tuple[str, ...] = (
    "platform_adoption",
    "workflow_utilization",
    "feature_usage",
    "system_uptime",
    "workflow_success_rate",
    "performance_targets",
    "roi_achievement",
    "business_objectives",
    "cost_optimization",
    "user_satisfaction",
    "support_tickets",
    "reference_willingness",
)

READINESS_DIMENSIONS: tuple[str, ...] = (
    "executive_sponsorship",
    "strategic_importance",
    "budget_approval",
    "infrastructure_maturity",
    "technical_skills",
    "integration_complexity",
    "change_readiness",
    "process_documentation",
    "stakeholder_buy_in",
)

RISK_LISTS: tuple[str, ...] = (
    "critical_dependencies",
    "potential_blockers",
    "mitigation_strategies",
)

OPERATIONAL_FIGURES: tuple[str, ...] = (
    "recent_support_tickets",
    "escalated_tickets",
    "monthly_executions",
    "active_users",
    "avg_response_seconds",
    "error_rate_pct",
    "roi_achieved_pct",
)

PLAN_TIERS: tuple[str, ...] = ("Starter", "Professional", "Enterprise")
PlanTier = Literal["Starter", "Professional", "Enterprise"]

Percent = Annotated[float, Field(ge=0, le=100, strict=True, allow_inf_nan=False)]
Scale = Annotated[float, Field(ge=1, le=5, strict=True, allow_inf_nan=False)]
Vote = Annotated[int, Field(ge=1, le=5, strict=True)]
Count = Annotated[int, Field(ge=0, strict=True)]
NonNegative = Annotated[float, Field(ge=0, strict=True, allow_inf_nan=False)]
Entry = Annotated[str, Field(strict=True, min_length=1, max_length=2000)]


class HealthMetrics(RecordModel):
    """The twelve 0-100 metrics of calculateHealthScore."""

    platform_adoption: Percent
    workflow_utilization: Percent
    feature_usage: Percent
    system_uptime: Percent
    workflow_success_rate: Percent
    performance_targets: Percent
    roi_achievement: Percent
    business_objectives: Percent
    cost_optimization: Percent
    user_satisfaction: Percent
    support_tickets: Percent
    reference_willingness: Percent


class ReadinessAssessment(RecordModel):
    """The nine 1-5 dimensions and three risk lists of calculateReadinessScore.

    A dimension may hold a fraction: a workshop's consensus is the mean of the votes.
    """

    executive_sponsorship: Scale
    strategic_importance: Scale
    budget_approval: Scale
    infrastructure_maturity: Scale
    technical_skills: Scale
    integration_complexity: Scale
    change_readiness: Scale
    process_documentation: Scale
    stakeholder_buy_in: Scale
    critical_dependencies: list[Entry] = []
    potential_blockers: list[Entry] = []
    mitigation_strategies: list[Entry] = []


class OperationalFigures(RecordModel):
    """Figures beside the metrics that the signal rules read; each may be unknown."""

    recent_support_tickets: Count | None = None
    escalated_tickets: Count | None = None
    monthly_executions: Count | None = None
    active_users: Count | None = None
    avg_response_seconds: NonNegative | None = None
    error_rate_pct: Percent | None = None
    roi_achieved_pct: NonNegative | None = None


class Snapshot(RecordModel):
    """One dated health reading: metrics, figures and the events flagged that period."""

    as_of: dt.date
    metrics: HealthMetrics
    figures: OperationalFigures = OperationalFigures()
    flags: frozenset[str] = frozenset()


class AccountFacts(RecordModel):
    """What the signal and journey rules need to know about the account itself."""

    plan_tier: PlanTier = "Starter"
    licensed_users: Count | None = None
    monthly_execution_limit: Count | None = None
    renewal_date: dt.date | None = None
    stage: str = "onboarding"
    stage_started: dt.date | None = None
    onboarding_started: dt.date | None = None
    indicators: frozenset[str] = frozenset()
