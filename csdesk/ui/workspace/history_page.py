"""The History page: every change made to the account, newest first, with who made it
and each field's before and after; a filter box narrows it to the words typed, and the
pane below shows the selected change in full."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csdesk.ui.workspace.history_model import AuditFilter, AuditTrailModel, local_time
from csdesk.ui.workspace.page import PageContext, WorkspacePage

TRAIL_LIMIT = 1000  # the newest changes shown


class HistoryPage(WorkspacePage):
    title = "History"

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.title = self.tr("History")
        forms = self.book.forms
        labels = {m.id: m.label for m in forms.health.metrics}
        labels.update({d.id: d.label for g in forms.readiness.groups for d in g.dimensions})
        self.model = AuditTrailModel(labels, self)
        self.proxy = AuditFilter(self)
        self.proxy.setSourceModel(self.model)

        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter: a field, a value, a person, a record…"))
        self.filter.setAccessibleName(self.tr("Filter the history"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.count = QLabel(self)
        self.count.setObjectName("historyCount")
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Changes to the account"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)

        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(self.tr("The selected change in full"))
        self.detail.setPlaceholderText(self.tr("Select a change to see every field here."))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def refresh(self) -> None:
        if self.account_id is None:
            return
        self.model.set_trail(self.book.audit.trail(self.account_id, limit=TRAIL_LIMIT))
        header = self.table.horizontalHeader()
        for col in range(self.model.columnCount() - 1):
            self.table.resizeColumnToContents(col)
            header.resizeSection(col, min(header.sectionSize(col), 420))
        self._update_count()
        if self.proxy.rowCount():
            self.table.selectRow(0)
        else:
            self.detail.clear()

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if total == 0:
            self.count.setText(self.tr("No changes recorded yet"))
        elif shown == total:
            self.count.setText(self.tr("{n} changes").format(n=total) if total != 1
                               else self.tr("1 change"))
        else:
            self.count.setText(self.tr("{shown} of {total} changes").format(
                shown=shown, total=total))

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        entry = self.model.rows[self.proxy.mapToSource(current).row()]
        head = self.tr("{action} {record} · {when} · by {who}").format(
            action=self.model.data(self.model.index(self.model.rows.index(entry), 3)),
            record=self.model.record_text(entry), when=local_time(entry.at), who=entry.actor)
        self.detail.setPlainText("\n".join([head, "", *self.model.change_lines(entry, None)]))
