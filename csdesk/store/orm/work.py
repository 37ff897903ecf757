"""The CSM's working records: checklists, workflows, risks, actions, opportunities."""

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from csdesk.store.orm.base import Base, Record


class ChecklistInstance(Record, Base):
    """One checklist of forms/checklists for an account (or for one QBR)."""

    __tablename__ = "checklist_instances"
    __table_args__ = (Index("ix_checklist_instances_account", "account_id", "checklist_id"),)

    account_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("accounts.id", ondelete="CASCADE"))
    checklist_id: Mapped[str] = mapped_column(String(60))
    form_version: Mapped[int] = mapped_column(Integer)
    qbr_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("qbrs.id", ondelete="CASCADE"))


class ChecklistItemState(Record, Base):
    __tablename__ = "checklist_items"
    __table_args__ = (UniqueConstraint("instance_id", "section_id", "item_id",
                                       name="uq_checklist_items_instance_item"),)

    instance_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("checklist_instances.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[str] = mapped_column(String(60))
    item_id: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default="open")  # open | done | na
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class Workflow(Record, Base):
    """A workflow tracked with the playbook's implementation template fields."""

    __tablename__ = "workflows"

    account_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    priority: Mapped[str] = mapped_column(String(20), default="medium")
    complexity: Mapped[str] = mapped_column(String(20), default="medium")
    estimated_hours: Mapped[float] = mapped_column(Float, default=0.0)
    dependencies: Mapped[list[Any]] = mapped_column(JSON, default=list)
    success_criteria: Mapped[list[Any]] = mapped_column(JSON, default=list)
    phase: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    go_live_date: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


class RiskEntry(Record, Base):
    """The risk register: raised by a rule (``rule_id``) or by the CSM."""

    __tablename__ = "risks"
    __table_args__ = (Index("ix_risks_account_status", "account_id", "status"),)

    account_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("accounts.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(100))
    severity: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text)
    impact: Mapped[str] = mapped_column(Text, default="")
    mitigation: Mapped[str] = mapped_column(Text, default="")
    # open | mitigated | closed | dismissed
    status: Mapped[str] = mapped_column(String(12), default="open")
    rule_id: Mapped[str | None] = mapped_column(String(60))
    observed: Mapped[list[Any]] = mapped_column(JSON, default=list)
    raised_on: Mapped[dt.date] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)


class ActionItem(Record, Base):
    """An action: a step of an intervention playbook, a QBR follow-up, or the CSM's own."""

    __tablename__ = "action_items"
    __table_args__ = (Index("ix_action_items_account_status", "account_id", "status"),)

    account_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("accounts.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(Text)
    playbook: Mapped[str | None] = mapped_column(String(60))
    step: Mapped[str] = mapped_column(String(200), default="")
    trigger_rule: Mapped[str | None] = mapped_column(String(60))
    qbr_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("qbrs.id", ondelete="SET NULL"))
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(12), default="open")  # open|done|dismissed|cleared
    done_on: Mapped[dt.date | None] = mapped_column(Date)


class Opportunity(Record, Base):
    """An expansion opportunity, from a trigger or the upsell matrix, or entered by hand."""

    __tablename__ = "opportunities"

    account_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="opportunity")
    source_rule: Mapped[str | None] = mapped_column(String(60))
    likelihood: Mapped[int | None] = mapped_column(Integer)  # 1-10
    value: Mapped[float] = mapped_column(Float, default=0.0)
    status: Mapped[str] = mapped_column(String(12), default="identified")
    owner: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
