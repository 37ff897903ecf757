"""The preview of an account file import: what will be added, updated, skipped as
identical, and which records both sides changed (with the version that loses)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csdesk.ui.transfer.kinds import counted, kind_names

if TYPE_CHECKING:  # the exchange modules load at the first import (see transfer/calls.py)
    from csdesk.exchange.merge import ImportPlan, KindCounts

MAX_LISTED = 500  # conflicts listed one by one; the rest are counted


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class ImportPreviewDialog(QDialog):
    """Import applies the plan; Cancel changes nothing."""

    def __init__(self, plan: ImportPlan, file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("importPreview")
        self.setWindowTitle(self.tr("Import {name}").format(name=file_name))
        source = plan.source
        accounts = plan.count_of("accounts")
        total = plan.total()

        self.source_label = QLabel(self.tr(
            "{name}: {accounts}, exported {when} by {who}{encrypted}.").format(
                name=file_name, accounts=counted(len(source.accounts), "accounts"),
                when=f"{source.exported_at:%Y-%m-%d %H:%M} UTC",
                who=source.exported_by or self.tr("someone unknown"),
                encrypted=self.tr(", encrypted") if source.encrypted else ""), self)
        self.source_label.setWordWrap(True)

        self.headline = QLabel(self)
        self.headline.setObjectName("importHeadline")
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setText(self.headline_text(accounts, total))

        self.counts = self._counts_table()
        self.accounts = QLabel(self._accounts_text(), self)
        self.accounts.setWordWrap(True)
        self.accounts.setTextFormat(Qt.TextFormat.PlainText)

        self.conflicts = QTreeWidget(self)
        self.conflicts.setObjectName("importConflicts")
        self.conflicts.setAccessibleName(self.tr("Records changed on both sides"))
        self.conflicts.setHeaderLabels([self.tr("Record"), self.tr("Kept"),
                                        self.tr("Losing version")])
        self.conflicts.setAlternatingRowColors(True)
        self._fill_conflicts()
        self.conflicts_label = QLabel(self.tr(
            "Changed on both sides: the newer version wins, the other is kept in an import "
            "report beside your book."), self)
        self.conflicts_label.setWordWrap(True)
        has_conflicts = bool(plan.superseded)
        self.conflicts.setVisible(has_conflicts)
        self.conflicts_label.setVisible(has_conflicts)

        self.notes = QLabel("\n".join(plan.warnings), self)
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(plan.warnings))

        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("importApply")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        if plan.changes_nothing:
            self.apply_button.setEnabled(False)
            self.apply_button.setToolTip(self.tr("Nothing to import"))
            self.cancel_button.setText(self.tr("Close"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for widget in (self.source_label, self.headline, self.counts, self.accounts,
                       self.conflicts_label, self.conflicts, self.notes, self.buttons):
            layout.addWidget(widget)
        layout.setStretchFactor(self.conflicts, 1)
        self.conflicts.setMinimumHeight(self.fontMetrics().height() * 8)
        hint = self.sizeHint()
        self.resize(max(hint.width(), self.fontMetrics().averageCharWidth() * 100),
                    hint.height() + (self.fontMetrics().height() * 6 if has_conflicts else 0))
        (self.apply_button if self.apply_button.isEnabled() else self.cancel_button).setFocus()

    def headline_text(self, accounts: KindCounts, total: KindCounts) -> str:
        if self.plan.changes_nothing:
            return self.tr("Everything in this file is already in your book: {n} records "
                           "identical, nothing to import.").format(n=f"{total.skipped:,}")
        parts = []
        if accounts.added:
            parts.append(self.tr("{n} added").format(n=counted(accounts.added, "accounts")))
        if accounts.updated:
            parts.append(self.tr("{n} updated").format(
                n=counted(accounts.updated, "accounts")))
        records = self.tr("{added} records added, {updated} updated, {same} identical, "
                          "{kept} kept as this book has them").format(
            added=f"{total.added:,}", updated=f"{total.updated:,}",
            same=f"{total.skipped:,}", kept=f"{total.conflicts:,}")
        return "; ".join([*parts, records])

    def _counts_table(self) -> QTableWidget:
        names = kind_names()
        kinds = [k for k in names if self.plan.count_of(k).total]
        table = QTableWidget(len(kinds) + 1, 5, self)
        table.setObjectName("importCounts")
        table.setAccessibleName(self.tr("What the import does, by kind of record"))
        table.setHorizontalHeaderLabels([
            self.tr("Records"), self.tr("Added"), self.tr("Updated"), self.tr("Identical"),
            self.tr("Conflicts (book kept)")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows = [(_first_upper(names[k][1]), self.plan.counts[k]) for k in kinds]
        rows.append((self.tr("All records"), self.plan.total()))
        for r, (label, c) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(label))
            for col, n in enumerate((c.added, c.updated, c.skipped, c.conflicts), start=1):
                item = QTableWidgetItem(f"{n:,}" if n else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, col, item)
        last = len(rows) - 1
        for col in range(5):
            cell = table.item(last, col)
            if cell is not None:
                font = cell.font()
                font.setBold(True)
                cell.setFont(font)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        height = table.horizontalHeader().sizeHint().height() + sum(
            table.rowHeight(r) for r in range(table.rowCount())) + 2 * table.frameWidth()
        table.setFixedHeight(height)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return table

    def _accounts_text(self) -> str:
        lines = []
        new = [name for _, name in self.plan.new_accounts]
        known = [name for _, name in self.plan.known_accounts]
        if new:
            lines.append(self.tr("New: {names}").format(names=_names(new)))
        if known:
            lines.append(self.tr("Already in your book: {names}").format(names=_names(known)))
        return "\n".join(lines)

    def _fill_conflicts(self) -> None:
        names = kind_names()
        for s in self.plan.superseded[:MAX_LISTED]:
            what = _first_upper(names[s.kind][0])
            title = f"{what}: {s.account}" if s.account else what
            kept = (self.tr("the file's (newer)") if s.kept == "file"
                    else self.tr("this book's (newer)"))
            losing = ", ".join(f"{f} = {_shown(s.losing.get(f))}" for f in s.differs)
            item = QTreeWidgetItem([title, kept, losing])
            item.setToolTip(2, losing)
            for f in s.differs:
                item.addChild(QTreeWidgetItem([f, "", _shown(s.losing.get(f))]))
            self.conflicts.addTopLevelItem(item)
        more = len(self.plan.superseded) - MAX_LISTED
        if more > 0:
            self.conflicts.addTopLevelItem(QTreeWidgetItem([
                self.tr("… and {n} more (all in the import report)").format(n=f"{more:,}")]))
        header = self.conflicts.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _names(names: list[str], limit: int = 12) -> str:
    shown = ", ".join(names[:limit])
    return shown if len(names) <= limit else f"{shown} … (+{len(names) - limit:,})"
