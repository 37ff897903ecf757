"""From an open book to the main window: a demo book first if the store is empty."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication

from csdesk.store.book import Book
from csdesk.ui.demo_fill import DemoFill
from csdesk.ui.jobs import Outcome
from csdesk.ui.main_window import MainWindow

EXIT_BUG = 1


class Startup(QObject):
    """``start()`` shows the main window, after filling an empty store with the demo."""

    windowShown = Signal(object)  # the MainWindow

    def __init__(self, book: Book, settings: QSettings | None = None,
                 interactive: bool = True, parent: QObject | None = None,
                 demo: bool = True):
        super().__init__(parent)
        self.demo = demo  # False when started to import a file: no demo book first
        self.book = book
        self.settings = settings
        self.interactive = interactive
        self.fill: DemoFill | None = None
        self.window: MainWindow | None = None

    def start(self) -> None:
        """Show the window now, or once the demo book is built (an error in building the
        window raises here when it is shown at once)."""
        if self.demo and self.book.accounts.count() == 0:
            # The progress dialog may be the only window for a while, and it hides when
            # cancelled: that must not end the application.
            QApplication.setQuitOnLastWindowClosed(False)
            self.fill = DemoFill(self.book, interactive=self.interactive, parent=self)
            self.fill.finished.connect(self._after_fill)
            self.fill.start()
        else:
            self._show_window()

    def _after_fill(self, outcome: Outcome) -> None:
        QApplication.setQuitOnLastWindowClosed(True)
        try:
            self._show_window()
        except Exception:
            # No window to keep the application open: report the bug and stop.
            sys.excepthook(*sys.exc_info())
            QApplication.exit(EXIT_BUG)
            return
        built = self.fill.summary if self.fill is not None else None
        if self.window is not None and outcome is Outcome.DONE and built is not None:
            self.window.statusBar().showMessage(self.tr(
                "A demo book of {n} invented accounts was built for you to explore.").format(
                    n=built.accounts), 20000)

    def _show_window(self) -> None:
        self.window = MainWindow(self.book, self.settings)
        self.window.show()
        self.window.table.setFocus()
        if self.interactive:  # where the CSM left off: the last account and page
            self.window.restore_last_account()
        self.windowShown.emit(self.window)
