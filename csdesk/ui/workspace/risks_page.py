"""The Risks & actions page: the risk register (rule-raised and by hand) and the action
items (from intervention playbooks, QBRs, or by hand). Add risks and actions by hand;
change status, owner, due date and the rest in place; overdue actions stand out. Every
change is saved at once and undoable by name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csdesk.store.inputs import ACTION_STATUSES, RISK_STATUSES
from csdesk.store.views import ActionView, RiskView
from csdesk.ui.formatting import date_text
from csdesk.ui.workspace.action_model import ActionModel
from csdesk.ui.workspace.cell_editors import ChoiceDelegate, DateDelegate
from csdesk.ui.workspace.page import PageContext, WorkspacePage
from csdesk.ui.workspace.record_edits import RecordEdits
from csdesk.ui.workspace.record_forms import ActionForm, RiskForm
from csdesk.ui.workspace.record_table_model import RecordTableModel
from csdesk.ui.workspace.risk_model import RiskModel


def _table(parent: QWidget, model: RecordTableModel, name: str) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                          | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.AnyKeyPressed)
    table.verticalHeader().hide()
    table.verticalHeader().setMinimumSectionSize(10)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.setWordWrap(False)
    return table


def fit_columns(table: QTableView, stretch: int) -> None:
    """Columns as wide as their contents (at most 380 px); ``stretch`` takes the rest."""
    header = table.horizontalHeader()
    table.resizeColumnsToContents()
    for column in range(table.model().columnCount()):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            table.setColumnWidth(column, min(table.columnWidth(column), 380))


class RisksPage(WorkspacePage):
    title = "Risks & actions"

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.title = self.tr("Risks & actions")
        signals = self.book.forms.signals
        today = context.today()
        self.edits = RecordEdits(self.editor)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)

        self.risk_model = RiskModel(signals, self)
        self.risk_model.editRequested.connect(self._change_risk)
        self.risk_table = _table(self, self.risk_model, self.tr("Risk register"))
        for key, values in (("severity", ("High", "Medium", "Low")), ("status", RISK_STATUSES)):
            self.risk_table.setItemDelegateForColumn(
                self.risk_model.column_of(key),
                ChoiceDelegate([(v, self.tr(v)) for v in values], self.risk_table))
        self.risk_form = RiskForm(self)
        self.risk_form.submitted.connect(self.add_risk)
        risk_box = QGroupBox(self.tr("Risk register"), self)
        rl = QVBoxLayout(risk_box)
        rl.addWidget(self.risk_table, 1)
        rl.addWidget(self.risk_form)

        self.action_model = ActionModel(signals, today, self)
        self.action_model.editRequested.connect(self._change_action)
        self.action_table = _table(self, self.action_model, self.tr("Action items"))
        self.action_table.setItemDelegateForColumn(self.action_model.column_of("status"),
                                              ChoiceDelegate([(s, self.tr(s)) for s in
                                                              ACTION_STATUSES], self.action_table))
        self.action_table.setItemDelegateForColumn(self.action_model.column_of("due_date"),
                                              DateDelegate(today, self.action_table))
        self.done_button = QPushButton(self.tr("Mark done"), self)
        self.done_button.setToolTip(self.tr("Mark the selected action done (Ctrl+D)"))
        self.done_button.clicked.connect(lambda: self.set_selected_action("done"))
        done_key = QShortcut(QKeySequence("Ctrl+D"), self.action_table)
        done_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        done_key.activated.connect(lambda: self.set_selected_action("done"))
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        self.dismiss_button.clicked.connect(lambda: self.set_selected_action("dismissed"))
        self.reopen_button = QPushButton(self.tr("Reopen"), self)
        self.reopen_button.clicked.connect(lambda: self.set_selected_action("open"))
        self.action_form = ActionForm(today, self)
        self.action_form.submitted.connect(self.add_action)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Selected action:"), self))
        for button in (self.done_button, self.dismiss_button, self.reopen_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        action_box = QGroupBox(self.tr("Action items"), self)
        al = QVBoxLayout(action_box)
        al.addLayout(buttons)
        al.addWidget(self.action_table, 1)
        al.addWidget(self.action_form)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(risk_box)
        split.addWidget(action_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    # -- reading ------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.account_id is None:
            return
        risks = self.book.risks.list(self.account_id)
        actions = self.book.actions.list(self.account_id)
        self.risk_model.set_risks(risks)
        self.action_model.set_actions(actions)
        fit_columns(self.risk_table, self.risk_model.column_of("description"))
        fit_columns(self.action_table, self.action_model.column_of("title"))
        open_actions = [a for a in actions if a.status == "open"]
        late = sum(1 for a in open_actions if self.action_model.is_overdue(a))
        self.summary.setText(self.tr(
            "{risks} open risks of {all_risks} · {actions} open actions · {late} overdue. "
            "Edit in place with F2 or a double-click; every change can be undone.").format(
                risks=sum(1 for r in risks if r.status == "open"), all_risks=len(risks),
                actions=len(open_actions), late=late))

    # -- risks --------------------------------------------------------------------------
    def add_risk(self, fields: dict[str, Any]) -> None:
        assert self.account_id is not None
        text = self.tr("add risk {type}").format(type=fields["type"])
        if self.edits.add(text, self.book.risks, self.account_id, fields) is not None:
            self.risk_form.clear()

    def _change_risk(self, risk: RiskView, field: str, value: Any) -> None:
        header = self.risk_model.columns[self.risk_model.column_of(field)].header.lower()
        text = self.tr("set {field} of risk {type} to {value}").format(
            field=header, type=risk.type, value=value)
        self.edits.change(text, self.book.risks, risk.id, {field: value},
                          {field: getattr(risk, field)})

    # -- actions ------------------------------------------------------------------------
    def add_action(self, fields: dict[str, Any]) -> None:
        assert self.account_id is not None
        text = self.tr("add action {title}").format(title=fields["title"])
        if self.edits.add(text, self.book.actions, self.account_id, fields) is not None:
            self.action_form.clear()

    def selected_action(self) -> ActionView | None:
        index = self.action_table.currentIndex()
        return self.action_model.rows[index.row()] if index.isValid() else None

    def set_selected_action(self, status: str) -> None:
        action = self.selected_action()
        if action is not None and action.status != status:
            self._change_action(action, "status", status)

    def _change_action(self, action: ActionView, field: str, value: Any) -> None:
        self.edits.change(self._action_text(action, field, value), self.book.actions,
                          action.id, {field: value}, {field: getattr(action, field)})
        row = self.action_model.row_of(action.id)
        if row >= 0:
            self.action_table.setCurrentIndex(self.action_model.index(row, 0))

    def _action_text(self, action: ActionView, field: str, value: Any) -> str:
        title = action.title
        if field == "status":
            return {"done": self.tr("mark {title} done"),
                    "dismissed": self.tr("dismiss {title}"),
                    "open": self.tr("reopen {title}")}.get(
                value, self.tr("set status of {title} to {status}")).format(
                    title=title, status=value)
        if field == "owner":
            return self.tr("set owner of {title} to {owner}").format(
                title=title, owner=value or self.tr("nobody"))
        if field == "due_date":
            if value is None:
                return self.tr("clear the due date of {title}").format(title=title)
            assert isinstance(value, dt.date)
            return self.tr("set {title} due {date}").format(title=title, date=date_text(value))
        return self.tr("rename action {old} to {new}").format(old=title, new=value)
