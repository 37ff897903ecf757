"""Every edit saved at once and undoable: a store call wrapped in a QUndoCommand.

``Editor.edit`` runs the change through the store first. If the store refuses it (bad
input, a full disk), the user is told in plain words and nothing is pushed. If it
succeeds, the command goes on the undo stack already done, named for what it did
("Set Platform adoption to 72"); undo and redo call the store again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from csdesk.errors import EnvironmentFault, InputProblem
from csdesk.store.repos.base import NotFound

Do = Callable[[], Any]
Undo = Callable[[Any], None]

EXPECTED = (InputProblem, EnvironmentFault, NotFound)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Editor", text)


def explain(parent: QWidget | None, exc: Exception, interactive: bool = True) -> str:
    """Tell the user why an edit did not happen; returns the text shown."""
    if isinstance(exc, InputProblem):
        text = "\n".join(exc.problems)
        title = _tr("That value cannot be saved")
    elif isinstance(exc, NotFound):
        text = _tr("This record no longer exists: {0}").format(exc)
        title = _tr("Not found")
    else:
        text = str(exc)
        title = _tr("Nothing was saved")
    if interactive:
        QMessageBox.warning(parent, title, text)
    return text


class EditCommand(QUndoCommand):
    def __init__(self, text: str, do: Do, undo: Undo, result: Any, editor: Editor):
        super().__init__(text)
        self._do, self._undo, self._result, self._editor = do, undo, result, editor
        self._done = True  # pushed after the first do()

    def redo(self) -> None:
        if self._done:
            return
        try:
            self._result = self._do()
            self._done = True
        except EXPECTED as exc:
            self._editor.failed(exc)
            self.setObsolete(True)
            return
        self._editor.changed.emit()

    def undo(self) -> None:
        try:
            self._undo(self._result)
            self._done = False
        except EXPECTED as exc:
            self._editor.failed(exc)
            self.setObsolete(True)
            return
        self._editor.changed.emit()


class Editor(QObject):
    """The one way widgets change data: ``edit(text, do, undo)``."""

    changed = Signal()  # after an edit, an undo or a redo: views re-read the store
    refused = Signal(str)  # the plain-words reason an edit did not happen

    def __init__(self, stack: QUndoStack, parent_widget: QWidget | None = None,
                 interactive: bool = True):
        super().__init__(parent_widget)
        self.stack = stack
        self.parent_widget = parent_widget
        self.interactive = interactive

    def edit(self, text: str, do: Do, undo: Undo) -> Any:
        """Apply ``do()`` now; on success push it (undo gets do's result). Returns the
        result, or None when the store refused the change."""
        try:
            result = do()
        except EXPECTED as exc:
            self.failed(exc)
            return None
        self.stack.push(EditCommand(text, do, undo, result, self))
        self.changed.emit()
        return result

    def failed(self, exc: Exception) -> None:
        self.refused.emit(explain(self.parent_widget, exc, self.interactive))
