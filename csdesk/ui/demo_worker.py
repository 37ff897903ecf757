"""Build the demo book off the GUI thread.

The worker only talks to the store (through ``generate_demo``) and reports by signals;
it never touches a widget. Cancelling is a flag the progress callback reads: the next
call returns False and ``generate_demo`` rolls everything back.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot

from csdesk.playbook.form_loader import FormSet
from csdesk.store.demo import generate_demo
from csdesk.store.engine import Store

DEMO_ACCOUNTS = 200
DEMO_WEEKS = 104  # two years of weekly health snapshots


class DemoWorker(QObject):
    """Runs ``generate_demo`` once, in whichever thread it is moved to."""

    progress = Signal(int, int)  # done, total (throttled to one signal per 0.1 %)
    succeeded = Signal(object)  # the DemoSummary
    cancelled = Signal()  # stopped on request; the store is as empty as before
    failed = Signal(object)  # the exception (the receiver logs it: this is our bug)

    def __init__(self, store: Store, forms: FormSet, accounts: int | None = None,
                 weeks: int | None = None):
        super().__init__()
        self._store = store
        self._forms = forms
        self.accounts = DEMO_ACCOUNTS if accounts is None else accounts
        self.weeks = DEMO_WEEKS if weeks is None else weeks
        self._cancel = threading.Event()
        self._stopped = False
        self._last = -1

    def cancel(self) -> None:
        """Ask the worker to stop (safe from any thread)."""
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        try:
            summary = generate_demo(self._store, self._forms, accounts=self.accounts,
                                    weeks=self.weeks, progress=self._progress)
        except Exception as exc:
            if self._stopped:
                self.cancelled.emit()
            else:
                self.failed.emit(exc)
            return
        if self._stopped:
            self.cancelled.emit()
        else:
            self.succeeded.emit(summary)

    def _progress(self, done: int, total: int) -> bool:
        if self._cancel.is_set():
            self._stopped = True
            return False
        step = 1000 * done // total if total > 0 else 0
        if step != self._last or done == total:
            self._last = step
            self.progress.emit(done, total)
        return True
