"""Action items as a table: title, where they come from (an intervention playbook and
its step, a QBR, or the CSM by hand), due date (overdue ones stand out), owner, status.
Open items first, soonest due first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from csdesk.playbook.signals_form import SignalsForm
from csdesk.store.views import ActionView
from csdesk.ui.workspace import overdue
from csdesk.ui.workspace.record_table_model import Column, RecordTableModel, Role
from csdesk.ui.workspace.risk_model import FINISHED_COLOUR

STATUS_ORDER = {"open": 0, "done": 1, "dismissed": 2, "cleared": 3}


class ActionModel(RecordTableModel):
    def __init__(self, signals: SignalsForm, today: dt.date, parent: Any = None):
        super().__init__(parent)
        self.today = today
        self.playbooks = {p.id: p.title for p in signals.playbooks}
        self.triggers = {t.id: t.label for t in signals.interventions}
        self.columns = [
            Column("title", self._tr("Action"), editable=True),
            Column("source", self._tr("Playbook · step")),
            Column("due_date", self._tr("Due"), editable=True),
            Column("owner", self._tr("Owner"), editable=True),
            Column("status", self._tr("Status"), editable=True),
        ]

    def set_actions(self, actions: list[ActionView]) -> None:
        self.set_rows(sorted(actions, key=lambda a: (
            STATUS_ORDER.get(a.status, 9), a.due_date or dt.date.max)))

    def is_overdue(self, action: ActionView) -> bool:
        return overdue.is_overdue(action.due_date, action.status == "open", self.today)

    def source(self, action: ActionView) -> str:
        if action.playbook is not None:
            title = self.playbooks.get(action.playbook, action.playbook)
            return f"{title} · {action.step}" if action.step else title
        if action.qbr_id is not None:
            return self._tr("QBR follow-up")
        return self._tr("by hand")

    def display(self, record: Any, key: str) -> str:
        if key == "source":
            return self.source(record)
        if key == "due_date":
            return overdue.due_text(record.due_date, self.is_overdue(record))
        return super().display(record, key)

    def can_edit(self, record: Any, key: str) -> bool:
        return key != "title" or record.playbook is None

    def extra(self, record: Any, key: str, role: int) -> Any:
        if self.is_overdue(record) and key in ("due_date", "title"):
            if key == "title" and role in (Role.DecorationRole, Role.BackgroundRole):
                return None
            return overdue.overdue_role(role, record.due_date, self.today)
        if role == Role.ForegroundRole and record.status != "open":
            return FINISHED_COLOUR
        if role == Role.ToolTipRole and key == "source" and record.trigger_rule:
            return self._tr("Started by: {rule}").format(
                rule=self.triggers.get(record.trigger_rule, record.trigger_rule))
        if role == Role.ToolTipRole and key == "title":
            return record.title
        return None
