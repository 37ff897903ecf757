"""The kickoff workshop on the projector: one vote keypress to the updated screen.

A workshop window at 1920 x 1080 (offscreen), eight participants. Each measured vote is
a real key event on the vote grid: the vote is queued to the store's writer thread, the
tally is recomputed, and the pending events are processed, which paints what changed
(the row, the mean and spread, the live score and level). Median over 200 votes,
cycling 1-5 so every keypress changes a stored value. Target: 16 ms (one frame at 60 Hz).

Second figure: how long until the vote is stored (its transaction committed with
``synchronous=FULL`` and audited on the writer thread), measured by draining the queue
after each vote. Target: 100 ms, well before anyone could close the laptop.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bench.harness import Figure
from csdesk import config
from csdesk.playbook.form_loader import load_forms
from csdesk.store.book import open_book
from csdesk.ui.workshop.window import WorkshopWindow

PARTICIPANTS = 8
VOTES = 200
_KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5]


def run() -> list[Figure]:
    app = QApplication.instance() or QApplication([])
    forms = load_forms(config.shipped_forms_dir())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with open_book(forms, folder / "bench.sqlite3", auto_backup=False) as book:
            account = book.accounts.create({"name": "Bench Corp"})
            people = [(f"Participant {n}", None) for n in range(PARTICIPANTS)]
            workshop = book.workshops.start(account.id, people)
            settings = QSettings(str(folder / "qt.ini"), QSettings.Format.IniFormat)
            window = WorkshopWindow(book, workshop, book.workshops.now, settings,
                                    confirm=lambda _w: True)
            window.resize(1920, 1080)
            window.show()
            app.processEvents()
            grid = window.grid
            rows, cols = window.model.rowCount(), PARTICIPANTS
            times: list[float] = []
            stored: list[float] = []
            for n in range(VOTES + 20):  # the first 20 warm up
                grid.setCurrentIndex(window.model.index((n // cols) % rows, n % cols))
                app.processEvents()
                start = time.perf_counter()
                QTest.keyClick(grid, _KEYS[(n // (rows * cols) + n) % 5])
                app.processEvents()
                shown = time.perf_counter()
                window.writer.drain()
                if n >= 20:
                    times.append(shown - start)
                    stored.append(time.perf_counter() - start)
            window.close()
    median = statistics.median(times) * 1000
    worst = max(times) * 1000
    return [Figure("workshop: vote keypress to updated screen (median)", median, 16, "ms",
                   f"{PARTICIPANTS} participants, {VOTES} votes, slowest {worst:.1f} ms"),
            Figure("workshop: vote keypress to stored (median)",
                   statistics.median(stored) * 1000, 100, "ms",
                   "writer thread, SQLite synchronous=FULL, audited")]
