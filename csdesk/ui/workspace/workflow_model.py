"""The workflow tracker: the playbook's workflow template fields (name, priority,
complexity, estimated hours, dependencies, success criteria, phase, status, go-live
date) as an editable table, one workflow a row."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from csdesk.playbook.journey_form import JourneyForm
from csdesk.ui.workspace.record_table_model import Column, RecordTableModel, Role

PRODUCTION_COLOUR = QColor("#d7f0d9")


def status_label(status: str) -> str:
    return status.replace("_", " ")


class WorkflowModel(RecordTableModel):
    def __init__(self, form: JourneyForm, parent: Any = None):
        super().__init__(parent)
        self.form = form
        self.columns = [
            Column("name", self._tr("Workflow"), editable=True),
            Column("priority", self._tr("Priority"), editable=True),
            Column("complexity", self._tr("Complexity"), editable=True),
            Column("estimated_hours", self._tr("Est. hours"), editable=True, right=True),
            Column("dependencies", self._tr("Dependencies"), editable=True),
            Column("success_criteria", self._tr("Success criteria"), editable=True),
            Column("phase", self._tr("Phase"), editable=True),
            Column("status", self._tr("Status"), editable=True),
            Column("go_live_date", self._tr("Go-live"), editable=True),
        ]

    def phase_choices(self) -> list[tuple[int | None, str]]:
        return [(None, self._tr("none")), *((p.number, self._tr("{n} · {label}").format(
            n=p.number, label=p.label)) for p in self.form.phases)]

    def display(self, record: Any, key: str) -> str:
        if key == "status":
            return status_label(record.status)
        if key == "phase":
            return "" if record.phase is None else str(record.phase)
        return super().display(record, key)

    def parse(self, record: Any, key: str, value: Any) -> Any:
        if key == "phase":
            return None if value in (None, "", 0) else int(value)
        if key == "estimated_hours":
            return float(value or 0)
        return super().parse(record, key, value)

    def extra(self, record: Any, key: str, role: int) -> Any:
        production = self.form.workflow_template.production_status
        if key == "status" and role == Role.BackgroundRole and record.status == production:
            return PRODUCTION_COLOUR
        if role == Role.ToolTipRole:
            if key in ("dependencies", "success_criteria"):
                return self._tr("Separate entries with semicolons")
            if key == "phase" and record.phase is not None:
                return next((p.label for p in self.form.phases if p.number == record.phase),
                            None)
            if key == "go_live_date":
                return self._tr("Set to today when the workflow goes into production")
        return None
