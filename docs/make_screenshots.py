"""Render every screen of csdesk on a demo book into docs/screenshots/ (``make screenshots``).

Runs offscreen: a 20-account, one-year demo book in a temporary folder, the main window at
1600 x 1000, the portfolio, then each workspace page of an account that has something to
show (At Risk, with signals), then the import previews: an account file from a colleague
(new accounts, identical ones, one edited on both sides) and a spreadsheet with a
rejected row.
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
from csdesk.exchange.accountfile import export_accounts, read_account_file
from csdesk.exchange.merge import plan_import
from csdesk.exchange.spreadsheets import plan_spreadsheet
from csdesk.playbook.records import HEALTH_METRICS
from csdesk.store.book import Book, open_book
from csdesk.store.demo import generate_demo
from csdesk.ui.main_window import MainWindow
from csdesk.ui.transfer.import_preview import ImportPreviewDialog
from csdesk.ui.transfer.sheet_preview import SheetPreviewDialog

OUT = Path(__file__).resolve().parent / "screenshots"


def settle(app: QApplication) -> None:
    for _ in range(30):
        app.processEvents()


def import_previews(app: QApplication, book: Book, folder: Path, window: MainWindow) -> None:
    """A colleague's file of six accounts: two this book lacks, one whose owner was
    changed here since; and a health sheet with a reading above 100."""
    rows = book.accounts.portfolio()[:6]
    path = folder / "from-kim.csdesk"
    export_accounts(book, [r.id for r in rows], path)
    for row in rows[:2]:
        book.accounts.delete(row.id)
    book.accounts.update(rows[2].id, {"owner": "Robin Park"})
    plan = plan_import(book, read_account_file(path))
    dialog = ImportPreviewDialog(plan, path.name, window)
    dialog.show()
    settle(app)
    dialog.grab().save(str(OUT / "import-preview.png"))
    dialog.close()

    sheet = folder / "health.csv"
    name = rows[3].name
    lines = ["Account,As of," + ",".join(HEALTH_METRICS)]
    for day, adoption in (("2026-11-02", 71), ("2026-11-09", 140), ("2026-11-16", 74)):
        lines.append(f"{name},{day},{adoption}," + ",".join(["70"] * 11))
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sheet_dialog = SheetPreviewDialog(plan_spreadsheet(book, sheet), sheet.name, window)
    sheet_dialog.show()
    settle(app)
    sheet_dialog.grab().save(str(OUT / "spreadsheet-preview.png"))
    sheet_dialog.close()


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
            import_previews(app, book, folder, window)
            print(f"wrote {len(window.workspace.pages) + 4} screenshots to {OUT}")
        finally:
            book.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
