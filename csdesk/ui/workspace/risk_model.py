"""The risk register as a table: type, severity, description, impact, mitigation,
status, who raised it (a rule, with what it observed, or the CSM by hand), raised on and
closed on. A rule's risk keeps its rule's words; only mitigation and status change."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from csdesk.playbook.signals_form import SignalsForm
from csdesk.store.views import RiskView
from csdesk.ui.workspace.record_table_model import Column, RecordTableModel, Role

SEVERITY_COLOURS = {"High": QColor("#f8d0cc"), "Medium": QColor("#fdebc8"),
                    "Low": QColor("#e4eef8")}
FINISHED_COLOUR = QColor("#7a7a7a")
STATUS_ORDER = {"open": 0, "mitigated": 1, "closed": 2, "dismissed": 3}


class RiskModel(RecordTableModel):
    def __init__(self, signals: SignalsForm, parent: Any = None):
        super().__init__(parent)
        self.rules = {r.id: r for r in signals.risk_rules}
        self.columns = [
            Column("type", self._tr("Type"), editable=True),
            Column("severity", self._tr("Severity"), editable=True),
            Column("description", self._tr("Description"), editable=True),
            Column("impact", self._tr("Impact"), editable=True),
            Column("mitigation", self._tr("Mitigation"), editable=True),
            Column("status", self._tr("Status"), editable=True),
            Column("raised_by", self._tr("Raised by")),
            Column("raised_on", self._tr("Raised on")),
            Column("closed_on", self._tr("Closed on")),
        ]

    def set_risks(self, risks: list[RiskView]) -> None:
        """Open risks first, then by the date raised, newest first."""
        ordered = sorted(risks, key=lambda r: r.raised_on, reverse=True)
        self.set_rows(sorted(ordered, key=lambda r: STATUS_ORDER.get(r.status, 9)))

    def raised_by(self, risk: RiskView) -> str:
        if risk.rule_id is None:
            return self._tr("by hand")
        observed = "; ".join(risk.observed)
        return self._tr("rule: {observed}").format(observed=observed or risk.rule_id)

    def display(self, record: Any, key: str) -> str:
        if key == "raised_by":
            return self.raised_by(record)
        return super().display(record, key)

    def can_edit(self, record: Any, key: str) -> bool:
        return record.rule_id is None or key in ("mitigation", "status")

    def extra(self, record: Any, key: str, role: int) -> Any:
        if role == Role.BackgroundRole and key == "severity":
            return SEVERITY_COLOURS.get(record.severity)
        if role == Role.ForegroundRole and record.status != "open" and key != "severity":
            return FINISHED_COLOUR
        if role == Role.ToolTipRole:
            if key == "raised_by" and record.rule_id is not None:
                rule = self.rules.get(record.rule_id)
                what = rule.description if rule else record.rule_id
                return self._tr("Raised by the rule “{what}” ({rule}), which observed: "
                                "{observed}").format(what=what, rule=record.rule_id,
                                                     observed="; ".join(record.observed))
            if key in ("description", "impact", "mitigation"):
                return getattr(record, key) or None
        return None
