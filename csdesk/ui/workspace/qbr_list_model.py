"""An account's QBRs as a list, newest first: the date (editable in place), whether it
is still ahead (in bold) or was held, and who attended. Previous QBRs stay on the list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtGui import QFont

from csdesk.store.views import QbrView
from csdesk.ui.workspace.record_table_model import Column, RecordTableModel, Role


class QbrListModel(RecordTableModel):
    def __init__(self, today: dt.date, parent: Any = None):
        super().__init__(parent)
        self.today = today
        self.columns = [
            Column("held_on", self._tr("QBR date"), editable=True),
            Column("when", self._tr("When")),
            Column("attendees", self._tr("Attendees"), right=True),
        ]

    def set_qbrs(self, qbrs: list[QbrView]) -> None:
        self.set_rows(sorted(qbrs, key=lambda q: q.held_on, reverse=True))

    def when(self, qbr: QbrView) -> str:
        days = (qbr.held_on - self.today).days
        if days > 0:
            return self._tr("in {n} days").format(n=days) if days > 1 else self._tr("tomorrow")
        if days == 0:
            return self._tr("today")
        return self._tr("held")

    def display(self, record: Any, key: str) -> str:
        if key == "when":
            return self.when(record)
        if key == "attendees":
            return str(len(record.attendees))
        return super().display(record, key)

    def parse(self, record: Any, key: str, value: Any) -> Any:
        day = super().parse(record, key, value)
        if key == "held_on" and day is None:
            raise ValueError("a QBR needs a date")
        return day

    def extra(self, record: Any, key: str, role: int) -> Any:
        upcoming = record.held_on >= self.today
        if role == Role.FontRole and upcoming and key in ("held_on", "when"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Role.ToolTipRole and key == "attendees":
            return "\n".join(record.attendees) or self._tr("No attendees recorded")
        return None
