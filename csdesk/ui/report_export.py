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
import os
import re
import uuid
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QSettings,
    QStandardPaths,
    QUrl,
    Signal,
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
from csdesk.exchange.errors import Progress
from csdesk.playbook.form_loader import FormSet
from csdesk.store.book import Book
from csdesk.store.engine import Store
from csdesk.store.repos.base import NotFound
from csdesk.ui.error_dialogs import show_bug, show_fault
from csdesk.ui.jobs import Job, Outcome, stop_if_cancelled

FOLDER_KEY = "export/folder"
OPEN_KEY = "export/openWhenDone"
KINDS = ("qbr", "charter")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def suggested_name(account_name: str, kind: str, day: dt.date) -> str:
    """``Acme Robotics QBR deck 2026-03-02.pdf``: safe on every file system."""
    what = "QBR deck" if kind == "qbr" else "project charter"
    name = _UNSAFE.sub(" ", account_name).strip(" .") or "account"
    return f"{' '.join(name.split())} {what} {day.isoformat()}.pdf"


def _write_pdf(store: Store, forms: FormSet, today: Callable[[], dt.date], kind: str,
               account_id: uuid.UUID, target: Path, qbr_id: uuid.UUID | None,
               progress: Progress) -> str:
    """On the worker thread: write the PDF beside ``target`` under a temporary name, then
    move it into place in one step unless the export was cancelled meanwhile (then the
    temporary file goes and ``target`` is left as it was).

    It reads through a ``Book`` of its own over the window's ``Store``: every repository
    call opens its own session, which checks a connection out of the engine's pool in
    the calling thread and returns it at the end (SQLAlchemy's pool is thread-safe;
    SQLite files are opened with ``check_same_thread=False`` and WAL mode lets this
    reader run beside the window's writes). No session or connection is ever shared
    between the two threads."""
    # The PDF code (reportlab, and matplotlib for the charts) is imported here, on the
    # worker thread at the first export, not with the window: it would add about 0.4 s
    # to every start. No import cycle is involved.
    from csdesk.reports.charter import build_charter
    from csdesk.reports.qbr_deck import build_qbr_deck

    book = Book(store, forms, today)  # never closed: not its store
    part = target.with_name(f".{target.stem}.{uuid.uuid4().hex[:8]}.pdf")
    try:
        if kind == "qbr":
            build_qbr_deck(book, account_id, part, qbr_id=qbr_id)
        else:
            build_charter(book, account_id, part)
        stop_if_cancelled(progress)
        os.replace(part, target)
    except BaseException:
        with suppress(OSError):
            part.unlink(missing_ok=True)
        raise
    return str(target)


class ExportProgress(QDialog):
    """Shows one export is running; not modal, so the window stays in use. The ``Job``
    gives it its title and text."""

    def __init__(self, open_when_done: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModal(False)
        self.label = QLabel(self)
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

    # What a Job asks of its progress dialog (jobs.ProgressView), beyond a QDialog's:
    def setLabelText(self, text: str) -> None:
        self.label.setText(text)

    def maximum(self) -> int:
        return self.bar.maximum()

    def setRange(self, minimum: int, maximum: int) -> None:
        self.bar.setRange(minimum, maximum)

    def setValue(self, progress: int) -> None:
        self.bar.setValue(progress)

    def reset(self) -> None:
        self.bar.reset()


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
        self.jobs: list[Job] = []
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
              qbr_id: uuid.UUID | None = None, account_name: str = "") -> Job:
        """Write the PDF to ``target`` on a worker thread (no dialog asks)."""
        if kind not in KINDS:
            raise ValueError(f"unknown report kind {kind!r}")
        what = (self.tr("Writing the QBR deck of {name}…") if kind == "qbr"
                else self.tr("Writing the project charter of {name}…"))
        label = what.format(name=account_name or self.book.accounts.get(account_id).name)
        progress = ExportProgress(
            str(self.settings.value(OPEN_KEY, "false")).lower() == "true", self.parent_widget)
        progress.open_when_done.toggled.connect(
            lambda on: self.settings.setValue(OPEN_KEY, on))
        store, forms, today = self.book.store, self.book.forms, self.book.accounts.today
        job = Job(lambda p: _write_pdf(store, forms, today, kind, account_id, target,
                                       qbr_id, p),
                  self.tr("Exporting"), label + "\n" + str(target), self.parent_widget, self,
                  dialog=progress)
        progress.rejected.connect(job.cancel)
        job.finished.connect(lambda outcome, result: self._ended(job, outcome, result))
        self.jobs.append(job)
        self._status(self.tr("Exporting {file}…").format(file=target.name))
        job.start(show_after_ms=0 if self.interactive else None)
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

    def _ended(self, job: Job, outcome: Outcome, result: Any) -> None:
        progress = job.dialog
        assert isinstance(progress, ExportProgress)
        self.jobs.remove(job)
        job.deleteLater()
        if outcome is Outcome.DONE:
            self._status(self.tr("Wrote {file}").format(file=result))
            if progress.open_when_done.isChecked():
                QDesktopServices.openUrl(QUrl.fromLocalFile(result))
            self.finished.emit(result)
        elif outcome is Outcome.CANCELLED:
            self._status(self.tr("Export cancelled: nothing was written"))
            self.cancelled.emit()
        else:
            self._fail(result)

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
