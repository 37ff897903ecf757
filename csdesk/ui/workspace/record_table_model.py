"""A table of store records (views) whose cells are edited in place.

The model never writes: a finished cell edit emits ``editRequested(record, field, value)``
with the parsed value, and the page saves it through the undo stack and re-reads. So the
same model can be tested without widgets, and every change is undoable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from csdesk.ui.formatting import date_text

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole


@dataclass(frozen=True)
class Column:
    key: str  # the record's field
    header: str
    editable: bool = False
    right: bool = False  # numbers align right


def to_date(value: Any) -> dt.date | None:
    """A date from what an editor hands back (QDate, date, ISO text, nothing)."""
    if value is None or value == "":
        return None
    if isinstance(value, QDate):
        return dt.date(value.year(), value.month(), value.day()) if value.isValid() else None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def split_list(text: Any) -> list[str]:
    """``"CRM; Email"`` -> ``["CRM", "Email"]`` (semicolons or new lines separate)."""
    parts = str(text or "").replace("\n", ";").split(";")
    return [p.strip() for p in parts if p.strip()]


def join_list(values: list[str]) -> str:
    return "; ".join(values)


class RecordTableModel(QAbstractTableModel):
    editRequested = Signal(object, str, object)  # record, field, new value

    columns: list[Column] = []

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.rows: list[Any] = []

    def _tr(self, text: str) -> str:
        return QCoreApplication.translate(type(self).__name__, text)

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def column_of(self, key: str) -> int:
        return next(n for n, c in enumerate(self.columns) if c.key == key)

    def row_of(self, record_id: Any) -> int:
        return next((n for n, r in enumerate(self.rows) if r.id == record_id), -1)

    # -- what subclasses say --------------------------------------------------------------
    def display(self, record: Any, key: str) -> str:
        value = getattr(record, key)
        if isinstance(value, dt.date):
            return date_text(value)
        if isinstance(value, list):
            return join_list(value)
        if isinstance(value, float):
            return f"{value:g}"
        return "" if value is None else str(value)

    def edit_value(self, record: Any, key: str) -> Any:
        value = getattr(record, key)
        return join_list(value) if isinstance(value, list) else value

    def parse(self, record: Any, key: str, value: Any) -> Any:
        old = getattr(record, key)
        if isinstance(old, list):
            return split_list(value)
        if isinstance(old, dt.date) or key.endswith(("_date", "_on")):
            return to_date(value)
        if isinstance(old, float):
            return float(value)
        return value.strip() if isinstance(value, str) else value

    def can_edit(self, record: Any, key: str) -> bool:
        return True

    def extra(self, record: Any, key: str, role: int) -> Any:
        """Colours, icons and tooltips of a cell (None: nothing special)."""
        return None

    # -- Qt -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Role.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return self.columns[section].header
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        column = self.columns[index.column()]
        if column.editable and self.can_edit(self.rows[index.row()], column.key):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Role.DisplayRole:
            return self.display(record, column.key)
        if role == Role.EditRole:
            return self.edit_value(record, column.key)
        if role == Role.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.AccessibleTextRole:
            return f"{column.header}: {self.display(record, column.key)}"
        return self.extra(record, column.key, role)

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        if not index.isValid() or role != Role.EditRole:
            return False
        record = self.rows[index.row()]
        key = self.columns[index.column()].key
        try:
            new = self.parse(record, key, value)
        except ValueError:
            return False
        if new == getattr(record, key):
            return False
        self.editRequested.emit(record, key, new)
        return True
