"""One checklist as a table: section rows, then per item its text (ticked when done),
state, owner, due date and note, edited in place. Open items due before today stand out
(colour, icon and the word "overdue"); items marked n/a are greyed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from csdesk.store.views import ChecklistItemView, ChecklistView
from csdesk.ui.formatting import date_text
from csdesk.ui.workspace import overdue
from csdesk.ui.workspace.checklist_edits import state_label
from csdesk.ui.workspace.record_table_model import Column, Index, RecordTableModel, Role

NA_COLOUR = QColor("#7a7a7a")


@dataclass(frozen=True)
class SectionRow:
    id: str
    label: str


class ChecklistModel(RecordTableModel):
    def __init__(self, today: dt.date, parent: Any = None):
        super().__init__(parent)
        self.today = today
        self.columns = [
            Column("text", self._tr("Item")),
            Column("state", self._tr("State"), editable=True),
            Column("owner", self._tr("Owner"), editable=True),
            Column("due_date", self._tr("Due"), editable=True),
            Column("note", self._tr("Note"), editable=True),
        ]

    def set_checklist(self, checklist: ChecklistView) -> None:
        rows: list[Any] = []
        for section_id, label, items in checklist.sections:
            rows.append(SectionRow(section_id, label))
            rows.extend(items)
        self.set_rows(rows)

    def section_rows(self) -> list[int]:
        return [n for n, r in enumerate(self.rows) if isinstance(r, SectionRow)]

    def item_row(self, item_id: str) -> int:
        """The row of the item with this form id (``kubernetes``)."""
        return next(n for n, r in enumerate(self.rows)
                    if isinstance(r, ChecklistItemView) and r.item_id == item_id)

    def is_overdue(self, item: ChecklistItemView) -> bool:
        return overdue.is_overdue(item.due_date, item.state == "open", self.today)

    # -- cells ------------------------------------------------------------------------------
    def display(self, record: Any, key: str) -> str:
        if key == "state":
            return state_label(record.state)
        if key == "due_date":
            return overdue.due_text(record.due_date, self.is_overdue(record))
        return super().display(record, key)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self.rows[index.row()], SectionRow):
            return Qt.ItemFlag.ItemIsEnabled
        flags = super().flags(index)
        if index.isValid() and self.columns[index.column()].key == "text":
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.rows[index.row()]
        if isinstance(record, SectionRow):
            if index.column() == 0 and role in (Role.DisplayRole, Role.AccessibleTextRole):
                return record.label
            if role == Role.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Role.CheckStateRole and self.columns[index.column()].key == "text":
            return (Qt.CheckState.Checked if record.state == "done"
                    else Qt.CheckState.Unchecked)
        return super().data(index, role)

    def extra(self, record: Any, key: str, role: int) -> Any:
        if self.is_overdue(record):
            if role == Role.DecorationRole and key != "due_date":
                return None
            if role == Role.ToolTipRole and key != "due_date":
                return self._tr("Overdue: still open after its due date")
            return overdue.overdue_role(role, record.due_date, self.today)
        if record.state == "na" and role == Role.ForegroundRole:
            return NA_COLOUR
        if role == Role.ToolTipRole and key in ("text", "state") and record.done_on:
            return self._tr("Done on {date}").format(date=date_text(record.done_on))
        return None

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        if not index.isValid() or isinstance(self.rows[index.row()], SectionRow):
            return False
        if role == Role.CheckStateRole:
            record = self.rows[index.row()]
            checked = Qt.CheckState(value) == Qt.CheckState.Checked if isinstance(
                value, int | Qt.CheckState) else bool(value)
            state = "done" if checked else "open"
            if state == record.state:
                return False
            self.editRequested.emit(record, "state", state)
            return True
        return super().setData(index, value, role)
