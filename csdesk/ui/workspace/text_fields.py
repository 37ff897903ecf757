"""Free-text boxes of a document (a QBR, the charter), each in a titled box and saved
when the CSM leaves it: ``TextBoxes.committed(key, text)`` fires once per finished edit
that changed the text. ``show`` never overwrites a box the CSM is typing in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QGroupBox, QPlainTextEdit, QVBoxLayout, QWidget


class TextBox(QGroupBox):
    def __init__(self, key: str, label: str, hint: str, parent: QWidget | None = None):
        super().__init__(label, parent)
        self.key = key
        self.label = label
        self.saved = ""
        self.edit = QPlainTextEdit(self)
        self.edit.setAccessibleName(label)
        self.edit.setAccessibleDescription(hint)
        self.edit.setPlaceholderText(hint)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.edit)

    def text(self) -> str:
        return self.edit.toPlainText().rstrip()

    def show_text(self, text: str) -> None:
        typing = self.edit.hasFocus() and self.text() != self.saved  # unsaved typing
        self.saved = text
        if not typing and self.edit.toPlainText() != text:
            self.edit.setPlainText(text)


class TextBoxes(QObject):
    """Watches the boxes; a box that loses the focus with new text is committed."""

    committed = Signal(str, str)  # key, text

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.boxes: dict[str, TextBox] = {}

    def add(self, box: TextBox) -> TextBox:
        self.boxes[box.key] = box
        box.edit.installEventFilter(self)
        return box

    def commit(self, key: str) -> None:
        box = self.boxes[key]
        if box.text() != box.saved:
            box.saved = box.text()
            self.committed.emit(key, box.text())

    def commit_all(self) -> None:
        for key in self.boxes:
            self.commit(key)

    def show(self, values: dict[str, str]) -> None:
        for key, box in self.boxes.items():
            box.show_text(values.get(key, ""))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            for key, box in self.boxes.items():
                if box.edit is watched:
                    self.commit(key)
        return False
