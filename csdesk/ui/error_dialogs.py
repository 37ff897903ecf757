"""Telling the user something went wrong, in plain words and never with a traceback.

Two kinds, as in ``csdesk.errors``: an environment fault (the user can act on it: close
the other csdesk, free some disk, fix a form file) and a bug (logged with its traceback;
the user is pointed at the log file). Without a user to click (``interactive=False``,
as in ``--exit-after-paint``) the message goes to standard error instead of a dialog.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from csdesk.errors import log_bug

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ErrorDialogs", text)


def bug_text(log_path: Path | None) -> str:
    if log_path is None:
        return _tr("Something went wrong inside csdesk, and the details could not be saved "
                   "to a log file. Your data is safe: every change was saved when you made "
                   "it.")
    return _tr("Something went wrong inside csdesk. Your data is safe: every change was "
               "saved when you made it.\n\nThe details were saved to {path}. Please send "
               "that file with a note of what you were doing.").format(path=log_path)


def show_bug(parent: QWidget | None, log_path: Path | None, interactive: bool = True) -> None:
    text = bug_text(log_path)
    if interactive:
        QMessageBox.critical(parent, _tr("csdesk: something went wrong"), text)
    else:
        print(f"csdesk: {text}", file=sys.stderr)


def show_fault(parent: QWidget | None, title: str, text: str,
               interactive: bool = True) -> None:
    """An environment fault: what stops us and what to do about it."""
    if interactive:
        QMessageBox.warning(parent, title, text)
    else:
        print(f"csdesk: {text}", file=sys.stderr)


class ExceptionHook:
    """``sys.excepthook`` for the GUI: log the bug, tell the user, keep running.

    An exception raised in a slot or an event handler lands here (PySide6 reports it
    through ``sys.excepthook``). A second one while the dialog is open is only logged.
    """

    def __init__(self, interactive: bool = True,
                 parent: Callable[[], QWidget | None] = QApplication.activeWindow):
        self.interactive = interactive
        self._parent = parent
        self._previous: ExceptHook | None = None
        self._showing = False
        self.last_log: Path | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self and self._previous is not None:
            sys.excepthook = self._previous
        self._previous = None

    def __call__(self, kind: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        self.last_log = log_bug(exc, "running the csdesk window")
        if self._showing:
            return
        self._showing = True
        try:
            show_bug(self._parent(), self.last_log, self.interactive)
        finally:
            self._showing = False
        if not self.interactive:  # nobody to read a dialog: stop, and say it failed
            QApplication.exit(1)
