"""Export a QBR deck or the project charter as a PDF, from a page or the Account menu.

``ReportExporter.export(kind, account_id)`` asks where to save (a save dialog opening in
the folder used last, with a name like "Acme Robotics QBR deck 2026-03-02.pdf"), then
writes the PDF on a worker thread while a small progress window (not modal) shows it is
busy: the window stays usable. The progress window offers "Open the file when done"
(remembered) and Cancel. ``finished(path)`` or ``failed(message)`` tells the caller how
it ended; a failure is explained in plain words.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QSettings,
    QStandardPaths,
    QThread,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import EnvironmentFault, InputProblem, environment_message, log_bug
from csdesk.store.book import Book
from csdesk.store.repos.base import NotFound
from csdesk.ui.error_dialogs import show_bug, show_fault
from csdesk.ui.report_worker import ReportWorker

FOLDER_KEY = "export/folder"
OPEN_KEY = "export/openWhenDone"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def suggested_name(account_name: str, kind: str, day: dt.date) -> str:
    """``Acme Robotics QBR deck 2026-03-02.pdf``: safe on every file system."""
    what = "QBR deck" if kind == "qbr" else "project charter"
    name = _UNSAFE.sub(" ", account_name).strip(" .") or "account"
    return f"{' '.join(name.split())} {what} {day.isoformat()}.pdf"


class ExportProgress(QDialog):
    """Shows one export is running; not modal, so the window stays in use."""

    def __init__(self, text: str, open_when_done: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Exporting"))
        self.setModal(False)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy: reportlab does not say how far it is
        self.bar.setAccessibleName(self.tr("Export in progress"))
        self.open_when_done = QCheckBox(self.tr("&Open the file when done"), self)
        self.open_when_done.setChecked(open_when_done)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.open_when_done)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)


class ExportJob(QObject):
    """One running export: its thread, worker and progress window. Lives in the GUI
    thread, so the worker's signals reach its slots there (queued)."""

    succeeded = Signal(str)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, worker: ReportWorker, progress: ExportProgress, parent: QObject):
        super().__init__(parent)
        self.worker = worker
        self.progress = progress
        self.worker_thread = QThread(self)
        worker.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(worker.run)
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._failed)
        worker.cancelled.connect(self._cancelled)
        self.worker_thread.finished.connect(worker.deleteLater)

    @Slot()
    def cancel(self) -> None:
        """Called in the GUI thread: sets the worker's flag directly (a queued call would
        wait for the worker's thread, busy writing the PDF)."""
        self.worker.cancel()

    def stop_thread(self) -> None:
        self.worker_thread.quit()
        self.worker_thread.wait()

    @Slot(str)
    def _succeeded(self, path: str) -> None:
        self.stop_thread()
        self.succeeded.emit(path)

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self.stop_thread()
        self.failed.emit(exc)

    @Slot()
    def _cancelled(self) -> None:
        self.stop_thread()
        self.cancelled.emit()


class ReportExporter(QObject):
    """The one export action of the pages and the Account menu."""

    started = Signal(str)  # the path being written
    finished = Signal(str)  # the path written
    failed = Signal(str)  # what went wrong, in words
    cancelled = Signal()

    def __init__(self, book: Book, parent: QWidget, settings: QSettings | None = None,
                 interactive: bool = True):
        super().__init__(parent)
        self.book = book
        self.parent_widget = parent
        self.settings = settings if settings is not None else QSettings()
        self.interactive = interactive
        self.jobs: list[ExportJob] = []
        app = QCoreApplication.instance()
        if app is not None:  # never leave a thread running when csdesk quits
            app.aboutToQuit.connect(self.wait)

    # -- asking ---------------------------------------------------------------------------
    def folder(self) -> str:
        saved = self.settings.value(FOLDER_KEY)
        if isinstance(saved, str) and saved and Path(saved).is_dir():
            return saved
        return QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())

    def ask_target(self, kind: str, account_name: str) -> Path | None:
        title = (self.tr("Export QBR deck") if kind == "qbr"
                 else self.tr("Export project charter"))
        suggested = str(Path(self.folder()) / suggested_name(
            account_name, kind, self.book.accounts.today()))
        chosen, _filter = QFileDialog.getSaveFileName(
            self.parent_widget, title, suggested, self.tr("PDF documents (*.pdf)"))
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        self.settings.setValue(FOLDER_KEY, str(target.parent))
        return target

    def export(self, kind: str, account_id: uuid.UUID,
               qbr_id: uuid.UUID | None = None) -> bool:
        """Ask where to save ``kind`` ("qbr" or "charter") of the account, then write it
        in the background. False when the CSM cancelled the dialog."""
        try:
            account = self.book.accounts.get(account_id)
        except NotFound as exc:
            self._fail(exc)
            return False
        target = self.ask_target(kind, account.name)
        if target is None:
            return False
        self.start(kind, account_id, target, qbr_id, account.name)
        return True

    # -- running --------------------------------------------------------------------------
    def start(self, kind: str, account_id: uuid.UUID, target: Path,
              qbr_id: uuid.UUID | None = None, account_name: str = "") -> ExportJob:
        """Write the PDF to ``target`` on a worker thread (no dialog asks)."""
        what = (self.tr("Writing the QBR deck of {name}…") if kind == "qbr"
                else self.tr("Writing the project charter of {name}…"))
        progress = ExportProgress(
            what.format(name=account_name or self.book.accounts.get(account_id).name)
            + "\n" + str(target),
            str(self.settings.value(OPEN_KEY, "false")).lower() == "true",
            self.parent_widget)
        progress.open_when_done.toggled.connect(
            lambda on: self.settings.setValue(OPEN_KEY, on))
        worker = ReportWorker(self.book.store, self.book.forms, self.book.accounts.today,
                              kind, account_id, target, qbr_id)
        job = ExportJob(worker, progress, self)
        progress.rejected.connect(job.cancel)
        progress.rejected.connect(lambda: progress.label.setText(self.tr("Cancelling…")))
        job.succeeded.connect(lambda path: self._succeeded(job, path))
        job.failed.connect(lambda exc: self._failed(job, exc))
        job.cancelled.connect(lambda: self._cancelled(job))
        self.jobs.append(job)
        if self.interactive:
            progress.show()
        self._status(self.tr("Exporting {file}…").format(file=target.name))
        job.worker_thread.start()
        self.started.emit(str(target))
        return job

    def busy(self) -> bool:
        return bool(self.jobs)

    def wait(self, msecs: int = 60_000) -> None:
        """Wait for running threads (closing the window)."""
        for job in list(self.jobs):
            job.worker.cancel()
            job.worker_thread.quit()
            job.worker_thread.wait(msecs)

    def _done(self, job: ExportJob) -> bool:
        job.progress.close()
        open_it = job.progress.open_when_done.isChecked()
        job.progress.deleteLater()
        if job in self.jobs:
            self.jobs.remove(job)
        job.deleteLater()
        return open_it

    def _succeeded(self, job: ExportJob, path: str) -> None:
        open_it = self._done(job)
        self._status(self.tr("Wrote {file}").format(file=path))
        if open_it:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        self.finished.emit(path)

    def _cancelled(self, job: ExportJob) -> None:
        self._done(job)
        self._status(self.tr("Export cancelled: nothing was written"))
        self.cancelled.emit()

    def _failed(self, job: ExportJob, exc: object) -> None:
        self._done(job)
        assert isinstance(exc, Exception)
        self._fail(exc)

    def _fail(self, exc: Exception) -> None:
        title = self.tr("The PDF was not written")
        if isinstance(exc, InputProblem):
            text = "\n".join(exc.problems)
        elif isinstance(exc, EnvironmentFault | NotFound):
            text = str(exc)
        elif isinstance(exc, OSError):
            text = self.tr("The PDF could not be saved: {why}").format(
                why=environment_message(exc))
        else:
            log = log_bug(exc, "exporting a PDF")
            self._status(title)
            show_bug(self.parent_widget, log, self.interactive)
            self.failed.emit(self.tr("Something went wrong inside csdesk (see {log}).")
                             .format(log=log))
            return
        self._status(title)
        show_fault(self.parent_widget, title, text, self.interactive)
        self.failed.emit(text)

    def _status(self, text: str) -> None:
        window = self.parent_widget.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 10_000)
