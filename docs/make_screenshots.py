"""Render every screen of csdesk on a demo book into docs/screenshots/ (``make screenshots``).

Runs offscreen: a 20-account, one-year demo book in a temporary folder, the main window at
1600 x 1000, the portfolio, then each workspace page of an account that has something to
show (At Risk, with signals).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from csdesk.active_forms import active_forms
from csdesk.store.book import open_book
from csdesk.store.demo import generate_demo
from csdesk.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent / "screenshots"


def settle(app: QApplication) -> None:
    for _ in range(30):
        app.processEvents()


def main() -> int:
    app = QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["CSDESK_HOME"] = str(folder)
        book = open_book(active_forms(), folder / "demo.sqlite3", auto_backup=False)
        try:
            generate_demo(book.store, book.forms, accounts=20, weeks=52)
            settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
            window = MainWindow(book, settings)
            window.resize(1600, 1000)
            window.show()
            settle(app)
            window.grab().save(str(OUT / "portfolio.png"))
            rows = [r for r in book.accounts.portfolio() if r.status == "At Risk"]
            chosen = max(rows or book.accounts.portfolio(), key=lambda r: r.open_risks)
            for key in window.workspace.pages:
                window.open_account(chosen.id, key)
                settle(app)
                window.grab().save(str(OUT / f"{key}.png"))
            qbr = window.workspace.pages["qbr"]  # the QBR's checklists, on their own tab
            window.open_account(chosen.id, "qbr")
            qbr.tabs.setCurrentIndex(2)  # type: ignore[attr-defined]
            settle(app)
            window.grab().save(str(OUT / "qbr-checklists.png"))
            print(f"wrote {len(window.workspace.pages) + 2} screenshots to {OUT}")
        finally:
            book.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
