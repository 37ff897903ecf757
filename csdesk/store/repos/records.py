"""The simple per-account records: stakeholders, workflows, risks, actions, opportunities."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from csdesk.errors import InputProblem
from csdesk.store.inputs import (
    ActionFields,
    OpportunityFields,
    RiskFields,
    StakeholderFields,
    WorkflowFields,
)
from csdesk.store.orm import ActionItem, Opportunity, RiskEntry, Stakeholder, Workflow
from csdesk.store.repos.base import ChildRepository
from csdesk.store.views import ActionView, OpportunityView, RiskView, StakeholderView, WorkflowView


class StakeholderRepository(ChildRepository[Stakeholder, StakeholderFields, StakeholderView]):
    orm, fields, view, what = Stakeholder, StakeholderFields, StakeholderView, "stakeholder"

    def order(self) -> Any:
        return Stakeholder.name


class WorkflowRepository(ChildRepository[Workflow, WorkflowFields, WorkflowView]):
    orm, fields, view, what = Workflow, WorkflowFields, WorkflowView, "workflow"

    def check(self, fields: WorkflowFields) -> None:
        template = self.forms.journey.workflow_template
        problems = []
        for name, allowed in (("priority", template.priorities),
                              ("complexity", template.complexities),
                              ("status", template.statuses)):
            value = getattr(fields, name)
            if value not in allowed:
                problems.append(f"workflow: {name}: {value!r} is not one of {', '.join(allowed)}")
        if problems:
            raise InputProblem(problems)

    def before_save(self, obj: Workflow, fields: WorkflowFields, session: Session) -> None:
        production = self.forms.journey.workflow_template.production_status
        if obj.status == production and obj.go_live_date is None:
            obj.go_live_date = self.today()

    def in_production(self, account_id: uuid.UUID) -> int:
        production = self.forms.journey.workflow_template.production_status
        with self.store.reader() as s:
            return s.scalar(select(func.count()).select_from(Workflow).where(
                Workflow.account_id == account_id, Workflow.status == production)) or 0


class RiskRepository(ChildRepository[RiskEntry, RiskFields, RiskView]):
    orm, fields, view, what = RiskEntry, RiskFields, RiskView, "risk"

    def order(self) -> Any:
        return RiskEntry.raised_on.desc()

    def before_save(self, obj: RiskEntry, fields: RiskFields, session: Session) -> None:
        if obj.raised_on is None:
            obj.raised_on = self.today()
        if obj.status == "open":
            obj.closed_on = None
        elif obj.closed_on is None:
            obj.closed_on = self.today()

    def open_count(self, account_id: uuid.UUID) -> int:
        with self.store.reader() as s:
            return s.scalar(select(func.count()).select_from(RiskEntry).where(
                RiskEntry.account_id == account_id, RiskEntry.status == "open")) or 0


class ActionRepository(ChildRepository[ActionItem, ActionFields, ActionView]):
    orm, fields, view, what = ActionItem, ActionFields, ActionView, "action item"

    def order(self) -> Any:
        return ActionItem.due_date

    def before_save(self, obj: ActionItem, fields: ActionFields, session: Session) -> None:
        if obj.status == "done" and obj.done_on is None:
            obj.done_on = self.today()
        elif obj.status != "done":
            obj.done_on = None


class OpportunityRepository(ChildRepository[Opportunity, OpportunityFields, OpportunityView]):
    orm, fields, view, what = Opportunity, OpportunityFields, OpportunityView, "opportunity"
