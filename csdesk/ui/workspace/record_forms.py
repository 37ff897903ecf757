"""One-line forms that add a record by hand: a risk (type, severity, description) and an
action item (title, due date, owner). Enter in any field or the button submits;
``submitted(fields)`` hands the page what to save."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QPushButton, QWidget

from csdesk.ui.workspace.cell_editors import NO_DATE


def _line(parent: QWidget, placeholder: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(placeholder)
    return edit


class RiskForm(QWidget):
    submitted = Signal(dict)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.type = _line(self, self.tr("Risk type (e.g. Champion leaving)"))
        self.severity = QComboBox(self)
        self.severity.setAccessibleName(self.tr("Severity"))
        for value in ("High", "Medium", "Low"):
            self.severity.addItem(self.tr(value), value)
        self.severity.setCurrentIndex(1)
        self.description = _line(self, self.tr("What could go wrong"))
        self.add = QPushButton(self.tr("Add risk"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.type, 1)
        layout.addWidget(self.severity)
        layout.addWidget(self.description, 2)
        layout.addWidget(self.add)
        for edit in (self.type, self.description):
            edit.returnPressed.connect(self.submit)
        self.add.clicked.connect(self.submit)

    def submit(self) -> None:
        kind, text = self.type.text().strip(), self.description.text().strip()
        if not kind:
            self.type.setFocus()
            return
        if not text:
            self.description.setFocus()
            return
        self.submitted.emit({"type": kind, "severity": self.severity.currentData(),
                             "description": text})

    def clear(self) -> None:
        self.type.clear()
        self.description.clear()
        self.type.setFocus()


class ActionForm(QWidget):
    submitted = Signal(dict)

    def __init__(self, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = _line(self, self.tr("New action item"))
        self.due = QDateEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("d MMM yyyy")
        self.due.setMinimumDate(NO_DATE)
        self.due.setSpecialValueText(self.tr("no due date"))
        self.due.setAccessibleName(self.tr("Due date of the new action"))
        self.due.setDate(QDate(today.year, today.month, today.day).addDays(7))
        self.owner = _line(self, self.tr("Owner"))
        self.add = QPushButton(self.tr("Add action"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title, 3)
        layout.addWidget(self.due)
        layout.addWidget(self.owner, 1)
        layout.addWidget(self.add)
        for edit in (self.title, self.owner):
            edit.returnPressed.connect(self.submit)
        self.add.clicked.connect(self.submit)

    def submit(self) -> None:
        title = self.title.text().strip()
        if not title:
            self.title.setFocus()
            return
        day = self.due.date()
        due = None if day == NO_DATE else dt.date(day.year(), day.month(), day.day())
        self.submitted.emit({"title": title, "due_date": due,
                             "owner": self.owner.text().strip()})

    def clear(self) -> None:
        self.title.clear()
        self.title.setFocus()
