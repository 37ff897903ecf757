"""Long work off the GUI thread, with a progress dialog that can be cancelled.

A ``Job`` runs one function in its own ``QThread``; the function gets a ``Progress``
callback (``csdesk.exchange.errors.Progress``) that returns False once the user has
cancelled, and the work then stops before anything is written (``Cancelled``).
Work that finished is reported as finished even if Cancel came too late: a committed
import is never described as cancelled. The job's signals arrive on the GUI thread,
which alone touches the dialog; the function never touches a widget.

Every such piece of work in csdesk runs in a ``Job``: an import or export of the
window's File and Account menus, the demo book of the first start, a PDF report.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from enum import Enum
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from csdesk.exchange.errors import Cancelled, Progress

Work = Callable[[Progress], Any]
SHOW_AFTER_MS = 150  # quicker work never flashes a dialog


class Outcome(Enum):
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"


def stop_if_cancelled(progress: Progress) -> None:
    """For work of several steps: between two steps, stop if Cancel was pressed."""
    if progress(0, 0) is False:
        raise Cancelled


def _done(_progress: Progress) -> None:
    """What a worker holds once its work has run."""


class JobWorker(QObject):
    """Runs ``work(progress)`` once, in whichever thread it is moved to."""

    progress = Signal(int, int)  # done, total (at most one signal per 0.1 %)
    succeeded = Signal(object)  # what the work returned
    cancelled = Signal()  # stopped on request; nothing was written
    failed = Signal(object)  # the exception

    def __init__(self, work: Work):
        super().__init__()
        self._work = work
        self._cancel = threading.Event()
        self._last = -1
        self.thread_id: int | None = None  # the thread it ran on (for the tests)

    def cancel(self) -> None:
        """Ask the work to stop (safe from any thread)."""
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        self.thread_id = threading.get_ident()
        # No cyclic garbage collection meanwhile: on a big book a full collection walks
        # millions of live records for seconds while holding the interpreter, and the
        # window (whose every event needs it) would stand still. The records are freed
        # by reference counting when the work is done.
        collecting = gc.isenabled()
        gc.disable()
        try:
            result = self._work(self._progress)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # reported to the GUI thread, which explains it
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            self._work = _done  # what it held (a plan of a whole file) can go now
            if collecting:
                gc.enable()

    def _progress(self, done: int, total: int) -> bool:
        if self._cancel.is_set():
            return False
        if total > 0:
            step = 1000 * done // total
            if step != self._last or done == total:
                self._last = step
                self.progress.emit(done, total)
        return True


class ProgressView(Protocol):
    """What a job asks of its progress dialog: a ``QProgressDialog`` by default, or a
    dialog of the caller's that offers more (its Cancel must call ``Job.cancel``)."""

    def show(self) -> None: ...
    def hide(self) -> None: ...
    def reset(self) -> None: ...
    def deleteLater(self) -> None: ...
    def windowModality(self) -> Qt.WindowModality: ...
    def setWindowTitle(self, title: str) -> None: ...
    def setAccessibleName(self, name: str) -> None: ...
    def setLabelText(self, text: str) -> None: ...
    def maximum(self) -> int: ...
    def setRange(self, minimum: int, maximum: int) -> None: ...
    def setValue(self, progress: int) -> None: ...


class Job(QObject):
    """One piece of work with its thread and its progress dialog. ``start()`` once;
    ``finished(outcome, result)`` arrives on the GUI thread after the thread stopped
    (``result`` is the work's return value, the exception, or None when cancelled).

    The dialog is window-modal by default (``modality``); ``name`` names it and its
    thread ("transfer": ``transferProgress``); ``dialog`` is the caller's own instead."""

    finished = Signal(object, object)  # Outcome, result

    def __init__(self, work: Work, title: str, label: str,
                 parent_widget: QWidget | None = None, parent: QObject | None = None, *,
                 modality: Qt.WindowModality = Qt.WindowModality.WindowModal,
                 name: str = "transfer", width_chars: int = 56,
                 dialog: ProgressView | None = None):
        super().__init__(parent)
        self.outcome: Outcome | None = None
        self.result: Any = None
        self._waiting = False
        self._cancel_requested = False
        self.worker = JobWorker(work)
        self.worker_thread = QThread(self)
        self.worker_thread.setObjectName(f"{name}Job")
        self.worker.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._on_progress)
        # Bound slots of this object, not lambdas: they then run on the GUI thread (a
        # lambda would run in the worker's thread, beside the widgets it must not touch).
        self.worker.succeeded.connect(self._on_succeeded)
        self.worker.cancelled.connect(self._on_cancelled)
        self.worker.failed.connect(self._on_failed)

        self.dialog = dialog if dialog is not None else self._progress_dialog(
            parent_widget, modality, name, width_chars)
        self.dialog.setAccessibleName(title)
        self.dialog.setWindowTitle(title)
        self.dialog.setLabelText(label)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_dialog)

    def _progress_dialog(self, parent_widget: QWidget | None, modality: Qt.WindowModality,
                         name: str, width_chars: int) -> QProgressDialog:
        dialog = QProgressDialog(parent_widget)
        dialog.setObjectName(f"{name}Progress")
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.setRange(0, 0)  # busy until the first progress report
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(24 * 3600 * 1000)  # shown by our timer, not Qt's
        dialog.setWindowModality(modality)
        dialog.setMinimumWidth(dialog.fontMetrics().averageCharWidth() * width_chars)
        dialog.canceled.connect(self._cancel_pressed)
        dialog.hide()
        return dialog

    def start(self, show_after_ms: int | None = SHOW_AFTER_MS) -> None:
        """Start the work; the dialog shows after ``show_after_ms`` if the work still
        runs, before the work starts with 0 (for work that may hold the interpreter for
        long stretches, such as checking a big account file: the dialog is up before
        that), or never with None (no one to see it)."""
        if show_after_ms == 0:
            self.dialog.show()
        elif show_after_ms is not None:
            self._show_timer.start(show_after_ms)
        self.worker_thread.start()

    @property
    def running(self) -> bool:
        return self.outcome is None

    @property
    def cancel_requested(self) -> bool:
        """Whether Cancel was pressed (the work may have finished all the same)."""
        return self._cancel_requested

    def cancel(self) -> None:
        """What Cancel does: ask the work to stop and say so until it has (with a wait
        cursor unless the dialog leaves the window in use meanwhile)."""
        if self.outcome is None and not self._waiting:
            self._cancel_requested = True
            self.worker.cancel()
            self._waiting = True
            self.dialog.setLabelText(self.tr("Stopping… nothing is changed."))
            self.dialog.setRange(0, 0)  # busy: no more progress is shown
            if self._blocks():
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def _cancel_pressed(self) -> None:
        """Cancel in the progress dialog. Qt's dialog hides itself at once, but the work
        stops only at its next check: the dialog comes back saying so until it has."""
        self.cancel()
        if self.outcome is None:
            self.dialog.show()

    def _blocks(self) -> bool:
        return self.dialog.windowModality() != Qt.WindowModality.NonModal

    def _show_dialog(self) -> None:
        if self.outcome is None:
            self.dialog.show()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self.outcome is not None or self._waiting:
            return
        if self.dialog.maximum() != total:
            self.dialog.setRange(0, total)
        self.dialog.setValue(done)

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        self._finish(Outcome.DONE, result)

    @Slot()
    def _on_cancelled(self) -> None:
        self._finish(Outcome.CANCELLED, None)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._finish(Outcome.FAILED, exc)

    def _finish(self, outcome: Outcome, result: Any) -> None:
        self.outcome = outcome
        self.result = result
        self._show_timer.stop()
        self.worker_thread.quit()
        self.worker_thread.wait()
        self.dialog.reset()
        self.dialog.hide()
        if self._waiting:
            self._waiting = False
            if self._blocks():
                QApplication.restoreOverrideCursor()
        self.finished.emit(outcome, result)
        self.dialog.deleteLater()
