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

import datetime as dt

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
from csdesk.ui.workshop.window import WorkshopWindow

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
            workshop_shots(app, book, chosen.id, settings)
            print(f"wrote {len(window.workspace.pages) + 4} screenshots to {OUT}")
        finally:
            book.close()
    return 0


def workshop_shots(app: QApplication, book: Book, account_id: object,
                   settings: QSettings) -> None:
    """The kickoff workshop on a 1080p projector, mid-morning: three people have voted,
    they disagree on two dimensions; light, dark, and the charter notes."""
    clock = [dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)]
    book.workshops.now = lambda: clock[0]
    people = [("Dana Lee", None), ("Sam Ortiz", None), ("Priya Shah", None)]
    workshop = book.workshops.start(account_id, people)  # type: ignore[arg-type]
    clock[0] += dt.timedelta(minutes=95)
    book.workshops.advance(workshop.id)
    clock[0] += dt.timedelta(minutes=30)
    votes = [(4, 4, 5), (3, 4, 4), (2, 4, 5), (3, 3, 3), (4, 2, 4), (2, 2, 3), (4, 4, 4),
             (3, 2, 3), (4, 5, 4)]
    for dim, row in zip(book.forms.readiness.dimensions, votes, strict=True):
        for person, value in zip(workshop.participants, row, strict=True):
            book.workshops.vote(person.id, dim.id, value)
    book.workshops.set_note(workshop.id, "scope_objectives",
                            "Automate order intake end to end\n"
                            "Cut manual re-keying by 80% by the end of Q2")
    window = WorkshopWindow(book, book.workshops.get(workshop.id), lambda: clock[0],
                            settings, confirm=lambda _w: True)
    window.resize(1920, 1080)
    window.show()
    for theme in ("light", "dark"):
        window.set_theme(theme)
        window.grid.setCurrentIndex(window.model.index(4, 1))
        settle(app)
        window.grab().save(str(OUT / f"workshop-{theme}.png"))
    window.tabs.setCurrentIndex(1)
    settle(app)
    window.grab().save(str(OUT / "workshop-charter.png"))
    window.close()


if __name__ == "__main__":
    sys.exit(main())
