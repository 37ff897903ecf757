"""Fill an empty store with the demo book, with a cancellable progress dialog.

The demo is built by ``generate_demo`` in a ``Job`` (csdesk/ui/jobs.py), off the GUI
thread. Nothing else uses the store meanwhile: the dialog is application-modal and the
main window is built only afterwards. Cancelling rolls everything back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from csdesk.errors import InputProblem, log_bug
from csdesk.exchange.errors import Cancelled, Progress
from csdesk.store.book import Book
from csdesk.store.demo import DemoSummary, generate_demo
from csdesk.ui.error_dialogs import show_bug, show_fault
from csdesk.ui.jobs import Job, Outcome

DEMO_ACCOUNTS = 200
DEMO_WEEKS = 104  # two years of weekly health snapshots


class DemoFill(QObject):
    """``start()`` once; ``finished(outcome)`` tells how it ended (the thread is stopped
    by then)."""

    finished = Signal(object)  # Outcome

    def __init__(self, book: Book, parent_widget: QWidget | None = None,
                 interactive: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self._book = book
        self._parent_widget = parent_widget
        self._interactive = interactive
        self.accounts, self.weeks = DEMO_ACCOUNTS, DEMO_WEEKS
        self.outcome: Outcome | None = None
        self.summary: DemoSummary | None = None
        self.job = Job(self._build, self.tr("csdesk: first start"), self.tr(
            "Your book is empty, so csdesk is building a demo book to explore:\n"
            "{accounts} accounts with {weeks} weeks of health history.\n\n"
            "Cancel to start with an empty book instead.").format(
                accounts=self.accounts, weeks=self.weeks),
            parent_widget, self, modality=Qt.WindowModality.ApplicationModal, name="demo",
            width_chars=60)
        self.job.finished.connect(self._on_finished)

    def start(self) -> None:
        self.job.start(show_after_ms=0)

    def cancel(self) -> None:
        self.job.cancel()

    def _build(self, progress: Progress) -> DemoSummary:
        """On the worker thread. Once the progress callback has said stop, whatever
        ``generate_demo`` does next (roll back and return, or raise) is a cancellation."""
        stopped = False

        def watched(done: int, total: int) -> bool:
            nonlocal stopped
            stopped = stopped or not progress(done, total)
            return not stopped

        try:
            summary = generate_demo(self._book.store, self._book.forms,
                                    accounts=self.accounts, weeks=self.weeks,
                                    progress=watched)
        except Exception:
            if stopped:
                raise Cancelled from None
            raise
        if stopped:
            raise Cancelled
        return summary

    def _on_finished(self, outcome: Outcome, result: Any) -> None:
        self.outcome = outcome
        if outcome is Outcome.DONE:
            self.summary = result
        elif outcome is Outcome.FAILED and isinstance(result, InputProblem):
            show_fault(self._parent_widget, self.tr("Demo book not built"),
                       self.tr("The demo book was not built: {problem}").format(
                           problem=result), self._interactive)
        elif outcome is Outcome.FAILED:
            show_bug(self._parent_widget, log_bug(result, "building the demo book"),
                     self._interactive)
        self.finished.emit(outcome)
