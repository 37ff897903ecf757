"""The account's stakeholders: a table edited in place (name, role, email, sponsor as a
check box, notes), a one-line form to add one, and a delete button. The widget never
writes: it asks its owner through signals, which saves through the undo stack."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csdesk.store.views import StakeholderView
from csdesk.ui.workspace.record_table_model import Column, Index, RecordTableModel, Role


class StakeholderModel(RecordTableModel):
    """Sponsor is a check box (Space or a click toggles it); the rest edit as text."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.columns = [
            Column("name", self._tr("Name"), editable=True),
            Column("role", self._tr("Role"), editable=True),
            Column("email", self._tr("Email"), editable=True),
            Column("is_sponsor", self._tr("Sponsor")),
            Column("notes", self._tr("Notes"), editable=True),
        ]

    def display(self, record: Any, key: str) -> str:
        if key == "is_sponsor":  # the check box says it
            return ""
        return super().display(record, key)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.columns[index.column()].key == "is_sponsor":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def extra(self, record: Any, key: str, role: int) -> Any:
        if key == "is_sponsor" and role == Role.CheckStateRole:
            return Qt.CheckState.Checked if record.is_sponsor else Qt.CheckState.Unchecked
        if key == "is_sponsor" and role == Role.ToolTipRole:
            return self._tr("Executive sponsor") if record.is_sponsor else None
        if key == "notes" and role == Role.ToolTipRole and record.notes:
            return record.notes
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if (role == Role.AccessibleTextRole and index.isValid()
                and self.columns[index.column()].key == "is_sponsor"):
            sponsor = self.rows[index.row()].is_sponsor
            return self._tr("Sponsor: yes") if sponsor else self._tr("Sponsor: no")
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        if (index.isValid() and role == Role.CheckStateRole
                and self.columns[index.column()].key == "is_sponsor"):
            record = self.rows[index.row()]
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            if checked != record.is_sponsor:
                self.editRequested.emit(record, "is_sponsor", checked)
                return True
            return False
        return super().setData(index, value, role)


class StakeholderPanel(QWidget):
    """``addRequested(fields)``, ``deleteRequested(stakeholder)`` and the model's
    ``editRequested(stakeholder, field, value)`` say what the CSM asked for."""

    addRequested = Signal(dict)
    deleteRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = StakeholderModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Stakeholders"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the form
        self.table.horizontalHeader().setStretchLastSection(True)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)

        self.new_name = self._line(self.tr("New stakeholder's name"), 200)
        self.new_role = self._line(self.tr("Role, e.g. VP Operations"), 200)
        self.new_email = self._line(self.tr("Email"), 320)
        self.add_button = QPushButton(self.tr("&Add stakeholder"), self)
        self.add_button.clicked.connect(self.submit)
        self.delete_button = QPushButton(self.tr("Delete stakeholder"), self)
        self.delete_button.setAccessibleName(self.tr("Delete the selected stakeholder"))
        self.delete_button.setToolTip(self.tr("Delete the selected stakeholder (Delete)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.new_name.textChanged.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        adding = QHBoxLayout()
        adding.addWidget(self.new_name, 2)
        adding.addWidget(self.new_role, 2)
        adding.addWidget(self.new_email, 2)
        adding.addWidget(self.add_button)
        adding.addSpacing(24)
        adding.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(adding)
        layout.addWidget(self.hint)
        self._update_buttons()

    def _line(self, placeholder: str, length: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(placeholder)
        edit.setMaxLength(length)
        edit.returnPressed.connect(self.submit)
        return edit

    def set_stakeholders(self, rows: list[StakeholderView]) -> None:
        current = self.selected()
        self.model.set_rows(rows)
        if current is not None:
            row = next((n for n, s in enumerate(rows) if s.name == current.name), -1)
            if row >= 0:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount() - 1):
            width = max(self.table.columnWidth(column), header.sectionSizeHint(column))
            self.table.setColumnWidth(column, min(max(width + 16, 110), 320))
        header.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        self.hint.setText(self.tr(
            "No stakeholders yet: add the sponsor, the champion and the admins above.")
            if not rows else self.tr(
                "Double-click a cell (or press F2) to edit it; Space ticks the sponsor. "
                "Every change can be undone."))
        self._update_buttons()

    def selected(self) -> StakeholderView | None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.model.rows):
            found = self.model.rows[rows[0].row()]
            assert isinstance(found, StakeholderView)
            return found
        return None

    def select(self, name: str) -> None:
        row = next((n for n, s in enumerate(self.model.rows) if s.name == name), -1)
        if row >= 0:
            self.table.selectRow(row)

    def submit(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            self.new_name.setFocus()
            return
        self.addRequested.emit({"name": name, "role": self.new_role.text().strip(),
                                "email": self.new_email.text().strip()})

    def clear_form(self) -> None:
        for edit in (self.new_name, self.new_role, self.new_email):
            edit.clear()
        self.new_name.setFocus()

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.deleteRequested.emit(chosen)

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(bool(self.new_name.text().strip()))
        self.delete_button.setEnabled(self.selected() is not None)
