"""Import and export from the window on a big book: does the window keep breathing?

``transfer_window`` (slow, minutes): a demo book of ``CSDESK_BENCH_ACCOUNTS`` accounts
(default 5,000) with ``CSDESK_BENCH_WEEKS`` weeks of history (default 104) is exported
whole through File > Export portfolio… and imported into an empty book through File >
Import…, with the dialogs answered as a CSM would. The work runs in a ``Job`` off the GUI
thread; a 10 ms timer on the GUI thread records the longest gap between its ticks, the
time the window could not repaint or answer a click: target 100 ms. The wall times are
reported beside it (no target: they are the exchange layer's, see ``exchange_big``).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from bench.harness import Figure
from csdesk import config
from csdesk.playbook.form_loader import load_forms
from csdesk.store.book import open_book
from csdesk.store.demo import generate_demo
from csdesk.ui.main_window import MainWindow
from csdesk.ui.transfer.export_dialog import ExportDialog
from csdesk.ui.transfer.import_preview import ImportPreviewDialog

STALL_TARGET_MS = 100.0


class StallMeter:
    """The longest the GUI thread went without running a 10 ms timer."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self.longest = 0.0
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.longest * 1000

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now


def _accept(_dialog: QDialog) -> int:
    return QDialog.DialogCode.Accepted.value


def _until_idle(window: MainWindow, act: Any) -> str:
    loop = QEventLoop()
    said: list[str] = []
    def ended(text: str) -> None:
        said.append(text)
        loop.quit()

    window.transfer.idle.connect(ended)
    QTimer.singleShot(0, act)
    loop.exec()
    window.transfer.idle.disconnect()
    return said[0]


def run() -> list[Figure]:
    accounts = int(os.environ.get("CSDESK_BENCH_ACCOUNTS", "5000"))
    weeks = int(os.environ.get("CSDESK_BENCH_WEEKS", "104"))
    app = QApplication.instance() or QApplication([])
    forms = load_forms(config.shipped_forms_dir())
    today = dt.date.today()
    # the CSM's answers: OK in the export dialog, Import in the preview, this file
    for dialog in (ExportDialog, ImportPreviewDialog):
        dialog.exec = _accept  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory(prefix="csdesk-bench-") as tmp:
        folder = Path(tmp)
        os.environ["CSDESK_HOME"] = str(folder)
        target = folder / "book.csdesk"
        for name in ("getSaveFileName", "getOpenFileName"):
            setattr(QFileDialog, name, staticmethod(lambda *_a: (str(target), "")))
        settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
        meter = StallMeter()
        with open_book(forms, folder / "big.sqlite3", auto_backup=False,
                       today=lambda: today) as book:
            generate_demo(book.store, forms, accounts=accounts, weeks=weeks, seed=7,
                          today=today)
            window = MainWindow(book, settings)
            window.show()
            app.processEvents()
            meter.start()
            start = time.perf_counter()
            _until_idle(window, window.transfer.export_portfolio_action.trigger)
            export_s = time.perf_counter() - start
            export_stall = meter.stop()
            window.close()
        with open_book(forms, folder / "empty.sqlite3", auto_backup=False,
                       today=lambda: today) as empty:
            window = MainWindow(empty, settings)
            window.show()
            app.processEvents()
            meter.start()
            start = time.perf_counter()
            said = _until_idle(window, window.transfer.import_action.trigger)
            import_s = time.perf_counter() - start
            import_stall = meter.stop()
            assert said.startswith("Imported"), said
            window.close()
    size = f"{accounts:,} x {weeks} weeks"
    return [
        Figure(f"window export {size}: longest GUI stall", export_stall, STALL_TARGET_MS,
               "ms", f"export took {export_s:.1f} s"),
        Figure(f"window import {size}: longest GUI stall", import_stall, STALL_TARGET_MS,
               "ms", f"preview and import took {import_s:.1f} s"),
    ]
