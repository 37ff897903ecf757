"""The preview of a spreadsheet import: how each column is read, what will be created,
updated and recorded, and every rejected row with the reason per row and column.
All or nothing: while any row is rejected, Import stays off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # the exchange modules load at the first import (see transfer/calls.py)
    from csdesk.exchange.spreadsheets import SheetPlan, TablePlan

MAX_REJECTED = 1000  # rows listed; the count says how many more


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _add_row(table: QTableWidget, cells: list[str]) -> None:
    row = table.rowCount()
    table.insertRow(row)
    for col, text in enumerate(cells):
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        table.setItem(row, col, item)


class SheetPreviewDialog(QDialog):
    def __init__(self, plan: SheetPlan, file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("sheetPreview")
        self.setWindowTitle(self.tr("Import {name}").format(name=file_name))
        created = sum(1 for a in plan.accounts if a.create)
        updated = len(plan.accounts) - created
        self.headline = QLabel(self)
        self.headline.setObjectName("sheetHeadline")
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setText(self.tr(
            "{created} new accounts, {updated} accounts updated, {snapshots} health "
            "readings to record, {skipped} rows already in your book.").format(
                created=created, updated=updated, snapshots=len(plan.snapshots),
                skipped=plan.skipped))

        self.verdict = QLabel(self)
        self.verdict.setObjectName("sheetVerdict")
        self.verdict.setWordWrap(True)
        self.blocked = bool(plan.problems)
        if self.blocked:
            self.verdict.setText(self.tr(
                "Nothing will be imported while any row is rejected or a sheet cannot be "
                "read: fix them in the file (the reasons are below) and import it again."))
        elif not plan.writes:
            self.verdict.setText(self.tr("Nothing to import: your book already holds "
                                         "every row."))
        else:
            self.verdict.setText(self.tr("Import does it all in one step, after a backup "
                                         "of your book."))

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sheetTabs")
        self.rejected_rows = _table(self, self.tr("Rejected rows"),
                               [self.tr("Sheet"), self.tr("Row"), self.tr("Column"),
                                self.tr("Why")])
        self.rejected_rows.setObjectName("sheetRejected")
        for table_plan in plan.tables:
            for problem in table_plan.problems:
                _add_row(self.rejected_rows, [table_plan.name, "", "", problem])
        for r in plan.rejected[:MAX_REJECTED]:
            _add_row(self.rejected_rows, [r.table, str(r.row), r.field or "", r.reason])
        if len(plan.rejected) > MAX_REJECTED:
            _add_row(self.rejected_rows, ["", "", "", self.tr("… and {n} more rejected").format(
                n=len(plan.rejected) - MAX_REJECTED)])
        header = self.rejected_rows.horizontalHeader()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        if self.rejected_rows.rowCount():
            self.tabs.addTab(self.rejected_rows, self.tr("Rejected ({n})").format(
                n=self.rejected_rows.rowCount()))
        else:  # not in a tab: it would be drawn loose over the headline
            self.rejected_rows.hide()
        for table_plan in plan.tables:
            self.tabs.addTab(self._mapping(table_plan), self._tab_title(table_plan))

        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("sheetApply")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button.setEnabled(not self.blocked and plan.writes > 0)
        if not self.apply_button.isEnabled():
            self.cancel_button.setText(self.tr("Close"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.verdict)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 110,
                    self.fontMetrics().height() * 34)

    def _tab_title(self, t: TablePlan) -> str:
        what = {"accounts": self.tr("accounts"),
                "snapshots": self.tr("health readings")}.get(t.kind, self.tr("not recognised"))
        return f"{t.name}: {what}"

    def _mapping(self, t: TablePlan) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        summary = QLabel(self.tr(
            "{rows} rows: {accepted} accepted, {skipped} already in your book, "
            "{rejected} rejected.").format(rows=t.rows, accepted=t.accepted,
                                           skipped=t.skipped, rejected=len(t.rejected)),
            page)
        summary.setWordWrap(True)
        table = _table(page, self.tr("How the columns of {name} are read").format(
            name=t.name), [self.tr("Column in the file"), self.tr("Read as")])
        for c in t.columns:
            target = c.field or self.tr("ignored: {why}").format(why=c.note or "—")
            _add_row(table, [c.header or self.tr("(no header)"), target])
        table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(summary)
        layout.addWidget(table, 1)
        for problem in t.problems:
            label = QLabel(problem, page)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        return page
