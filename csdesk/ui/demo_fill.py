"""Fill an empty store with the demo book, with a cancellable progress dialog.

The work runs in a ``DemoWorker`` on its own ``QThread``; its signals arrive here on the
GUI thread, which alone updates the dialog. Nothing else uses the store meanwhile: the
dialog is application-modal and the main window is built only afterwards.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from csdesk.errors import InputProblem, log_bug
from csdesk.store.book import Book
from csdesk.store.demo import DemoSummary
from csdesk.ui import demo_worker
from csdesk.ui.error_dialogs import show_bug, show_fault


class Outcome(Enum):
    BUILT = "built"
    CANCELLED = "cancelled"
    FAILED = "failed"


class DemoFill(QObject):
    """``start()`` once; ``finished`` tells how it ended (the thread is stopped by then)."""

    finished = Signal(object)  # Outcome

    def __init__(self, book: Book, parent_widget: QWidget | None = None,
                 interactive: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self._parent_widget = parent_widget
        self._interactive = interactive
        self.outcome: Outcome | None = None
        self.summary: DemoSummary | None = None
        self._waiting = False
        self.worker = demo_worker.DemoWorker(book.store, book.forms)
        self.worker_thread = QThread(self)
        self.worker_thread.setObjectName("demoBook")
        self.worker.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._on_progress)
        self.worker.succeeded.connect(self._on_succeeded)
        self.worker.cancelled.connect(self._on_cancelled)
        self.worker.failed.connect(self._on_failed)

        self.dialog = QProgressDialog(parent_widget)
        self.dialog.setObjectName("demoProgress")
        self.dialog.setWindowTitle(self.tr("csdesk: first start"))
        self.dialog.setLabelText(self.tr(
            "Your book is empty, so csdesk is building a demo book to explore:\n"
            "{accounts} accounts with {weeks} weeks of health history.\n\n"
            "Cancel to start with an empty book instead.").format(
                accounts=self.worker.accounts, weeks=self.worker.weeks))
        self.dialog.setCancelButtonText(self.tr("Cancel"))
        self.dialog.setRange(0, 0)  # busy until the first progress report
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.setMinimumWidth(self.dialog.fontMetrics().averageCharWidth() * 60)
        self.dialog.canceled.connect(self.cancel)

    def start(self) -> None:
        self.worker_thread.start()
        self.dialog.show()

    def cancel(self) -> None:
        if self.outcome is None and not self._waiting:
            self.worker.cancel()
            self._waiting = True  # rolling back: show that something is still happening
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def _on_progress(self, done: int, total: int) -> None:
        if self.dialog.wasCanceled():
            return
        if self.dialog.maximum() != total:
            self.dialog.setRange(0, total)
        self.dialog.setValue(done)

    def _on_succeeded(self, summary: DemoSummary) -> None:
        self.summary = summary
        self._stop(Outcome.BUILT)
        self.finished.emit(Outcome.BUILT)

    def _on_cancelled(self) -> None:
        self._stop(Outcome.CANCELLED)
        self.finished.emit(Outcome.CANCELLED)

    def _on_failed(self, exc: BaseException) -> None:
        self._stop(Outcome.FAILED)
        if isinstance(exc, InputProblem):
            show_fault(self._parent_widget, self.tr("Demo book not built"),
                       self.tr("The demo book was not built: {problem}").format(problem=exc),
                       self._interactive)
        else:
            show_bug(self._parent_widget, log_bug(exc, "building the demo book"),
                     self._interactive)
        self.finished.emit(Outcome.FAILED)

    def _stop(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self.worker_thread.quit()
        self.worker_thread.wait()
        self.dialog.reset()
        self.dialog.hide()
        if self._waiting:
            self._waiting = False
            QApplication.restoreOverrideCursor()
