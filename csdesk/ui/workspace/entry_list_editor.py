"""An editable list of short entries (a readiness risk list): type and press Enter to
add, F2 or double-click to edit in place, Delete or the button to remove.

Each finished change emits ``committed(text)`` with its undo text ("add “SSO” to
Critical dependencies"); ``entries()`` is the list after the change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class EntryListEditor(QGroupBox):
    committed = Signal(str)

    def __init__(self, label: str, help_text: str, parent: QWidget | None = None):
        super().__init__(label, parent)
        self.label = label
        self.setToolTip(help_text)
        self._loading = False
        self._saved: list[str] = []
        self.list = QListWidget(self)
        self.list.setAccessibleName(label)
        self.list.setAccessibleDescription(help_text)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.itemChanged.connect(self._edited)
        self.list.setMinimumHeight(64)
        self.list.setMaximumHeight(110)
        remove_key = QShortcut(QKeySequence.StandardKey.Delete, self.list)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(self.remove_current)
        self.new_entry = QLineEdit(self)
        self.new_entry.setPlaceholderText(self.tr("Add an entry and press Enter"))
        self.new_entry.setAccessibleName(self.tr("New entry for {label}").format(label=label))
        self.new_entry.returnPressed.connect(self.add_typed)
        self.remove = QPushButton(self.tr("Remove"), self)
        self.remove.setAccessibleName(self.tr("Remove the selected entry from {label}")
                                      .format(label=label))
        self.remove.clicked.connect(self.remove_current)
        row = QHBoxLayout()
        row.addWidget(self.new_entry, 1)
        row.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)

    def entries(self) -> list[str]:
        return [self.list.item(n).text().strip() for n in range(self.list.count())
                if self.list.item(n).text().strip()]

    def set_entries(self, entries: list[str]) -> None:
        self._saved = list(entries)
        if entries == self.entries() and self.list.count() == len(entries):
            return  # already shown (so an edit in progress is never torn down under it)
        self._loading = True
        try:
            self.list.clear()
            for text in entries:
                item = QListWidgetItem(text, self.list)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        finally:
            self._loading = False

    def add_typed(self) -> None:
        text = self.new_entry.text().strip()
        if not text:
            return
        self._loading = True
        item = QListWidgetItem(text, self.list)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self._loading = False
        self.new_entry.clear()
        self._done(self.tr("add “{text}” to {label}").format(text=text, label=self.label))

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        text = self.list.takeItem(row).text()
        self._done(self.tr("remove “{text}” from {label}").format(text=text, label=self.label))

    def _edited(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        row = self.list.row(item)
        old = self._saved[row] if row < len(self._saved) else ""
        new = item.text().strip()
        if not new:
            self._done(self.tr("remove “{text}” from {label}").format(
                text=old, label=self.label))
        elif new != old:
            self._done(self.tr("change “{old}” to “{new}” in {label}").format(
                old=old, new=new, label=self.label))

    def _done(self, text: str) -> None:
        if self.entries() == self._saved:
            return
        self._saved = self.entries()
        self.committed.emit(text)
