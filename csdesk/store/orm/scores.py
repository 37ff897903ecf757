"""Scored history: health snapshots, readiness assessments and their votes.

History rows are never overwritten: each records the form id and version it was scored
with, so an old score stays explainable after the playbook is tailored.
"""

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Date, Float, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from csdesk.store.orm.base import Base, Record


class HealthSnapshot(Record, Base):
    __tablename__ = "health_snapshots"
    __table_args__ = (Index("ix_health_snapshots_account_as_of", "account_id", "as_of"),)

    account_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("accounts.id", ondelete="CASCADE"))
    as_of: Mapped[dt.date] = mapped_column(Date)
    # the twelve 0-100 metrics
    platform_adoption: Mapped[float] = mapped_column(Float)
    workflow_utilization: Mapped[float] = mapped_column(Float)
    feature_usage: Mapped[float] = mapped_column(Float)
    system_uptime: Mapped[float] = mapped_column(Float)
    workflow_success_rate: Mapped[float] = mapped_column(Float)
    performance_targets: Mapped[float] = mapped_column(Float)
    roi_achievement: Mapped[float] = mapped_column(Float)
    business_objectives: Mapped[float] = mapped_column(Float)
    cost_optimization: Mapped[float] = mapped_column(Float)
    user_satisfaction: Mapped[float] = mapped_column(Float)
    support_tickets: Mapped[float] = mapped_column(Float)
    reference_willingness: Mapped[float] = mapped_column(Float)
    # operational figures the signal rules read
    recent_support_tickets: Mapped[int | None] = mapped_column(Integer)
    escalated_tickets: Mapped[int | None] = mapped_column(Integer)
    monthly_executions: Mapped[int | None] = mapped_column(Integer)
    active_users: Mapped[int | None] = mapped_column(Integer)
    avg_response_seconds: Mapped[float | None] = mapped_column(Float)
    error_rate_pct: Mapped[float | None] = mapped_column(Float)
    roi_achieved_pct: Mapped[float | None] = mapped_column(Float)
    flags: Mapped[list[Any]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    # computed by the playbook engine when recorded
    score: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20))
    next_review: Mapped[dt.date | None] = mapped_column(Date)
    form_id: Mapped[str] = mapped_column(String(40))
    form_version: Mapped[int] = mapped_column(Integer)


class ReadinessAssessment(Record, Base):
    __tablename__ = "readiness_assessments"
    __table_args__ = (Index("ix_readiness_assessments_account_on", "account_id", "assessed_on"),)

    account_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("accounts.id", ondelete="CASCADE"))
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    executive_sponsorship: Mapped[float] = mapped_column(Float)
    strategic_importance: Mapped[float] = mapped_column(Float)
    budget_approval: Mapped[float] = mapped_column(Float)
    infrastructure_maturity: Mapped[float] = mapped_column(Float)
    technical_skills: Mapped[float] = mapped_column(Float)
    integration_complexity: Mapped[float] = mapped_column(Float)
    change_readiness: Mapped[float] = mapped_column(Float)
    process_documentation: Mapped[float] = mapped_column(Float)
    stakeholder_buy_in: Mapped[float] = mapped_column(Float)
    critical_dependencies: Mapped[list[Any]] = mapped_column(JSON, default=list)
    potential_blockers: Mapped[list[Any]] = mapped_column(JSON, default=list)
    mitigation_strategies: Mapped[list[Any]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(20), default="manual")  # manual | workshop
    note: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[float] = mapped_column(Float)
    level: Mapped[str] = mapped_column(String(20))
    form_id: Mapped[str] = mapped_column(String(40))
    form_version: Mapped[int] = mapped_column(Integer)


class ReadinessVote(Record, Base):
    """One participant's 1-5 vote on one dimension."""

    __tablename__ = "readiness_votes"

    assessment_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("readiness_assessments.id", ondelete="CASCADE"), index=True)
    participant: Mapped[str] = mapped_column(String(200))
    stakeholder_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("stakeholders.id", ondelete="SET NULL"))
    dimension: Mapped[str] = mapped_column(String(40))
    value: Mapped[int] = mapped_column(Integer)
