"""Write a QBR deck or a project charter off the GUI thread.

The worker only reads the store and writes the PDF; it reports by signals and never
touches a widget. It reads through repositories of its own over the window's ``Store``:
every repository call opens its own session, which checks a connection out of the
engine's pool in the calling thread and returns it at the end. SQLAlchemy's pool is
thread-safe and opens SQLite files with ``check_same_thread=False`` (WAL mode lets this
reader run beside the window's writes); PostgreSQL connections are pooled the same way.
So no session or connection is ever shared between the two threads.

The PDF is first written beside the chosen file under a temporary name, then moved into
place in one step, unless the export was cancelled meanwhile: then the temporary file is
removed and the chosen file is left as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import uuid
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from csdesk.playbook.form_loader import FormSet
from csdesk.store.book import Book
from csdesk.store.engine import Store

KINDS = ("qbr", "charter")


class ReportWorker(QObject):
    """Builds one PDF, in whichever thread it is moved to."""

    succeeded = Signal(str)  # the path written
    cancelled = Signal()  # stopped on request: the chosen file is untouched
    failed = Signal(object)  # the exception

    def __init__(self, store: Store, forms: FormSet, today: Callable[[], dt.date],
                 kind: str, account_id: uuid.UUID, target: Path,
                 qbr_id: uuid.UUID | None = None, page_size: str = "A4"):
        super().__init__()
        if kind not in KINDS:
            raise ValueError(f"unknown report kind {kind!r}")
        self._store, self._forms, self._today = store, forms, today
        self.kind, self.account_id, self.target = kind, account_id, Path(target)
        self.qbr_id, self.page_size = qbr_id, page_size
        self._cancel = threading.Event()
        self.thread_id: int | None = None  # the thread it ran on (for the tests)

    def cancel(self) -> None:
        """Ask the worker to throw its result away (safe from any thread)."""
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        self.thread_id = threading.get_ident()
        part = self.target.with_name(f".{self.target.stem}.{uuid.uuid4().hex[:8]}.pdf")
        try:
            self._build(part)
            if self._cancel.is_set():
                part.unlink(missing_ok=True)
                self.cancelled.emit()
                return
            os.replace(part, self.target)
        except Exception as exc:
            with suppress(OSError):
                part.unlink(missing_ok=True)
            self.failed.emit(exc)
            return
        self.succeeded.emit(str(self.target))

    def _build(self, path: Path) -> None:
        # The PDF code (reportlab, and matplotlib for the charts) is imported here, on the
        # worker thread at the first export, not with the window: it would add about
        # 0.4 s to every start. No import cycle is involved.
        from csdesk.reports.charter import build_charter
        from csdesk.reports.qbr_deck import build_qbr_deck

        book = Book(self._store, self._forms, self._today)  # never closed: not its store
        if self.kind == "qbr":
            build_qbr_deck(book, self.account_id, path, qbr_id=self.qbr_id)
        else:
            build_charter(book, self.account_id, path, page_size=self.page_size)
