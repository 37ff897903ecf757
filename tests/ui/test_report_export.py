"""A CSM exports a QBR deck and the project charter: the save dialog suggests a name in
the folder used last, the PDF is written on a worker thread while the window keeps
running, "Open the file when done" is remembered, a failure is explained and cancelling
writes nothing. The file name helper is tested on its own."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from csdesk.store.book import Book
from csdesk.ui import report_export
from csdesk.ui.main_window import MainWindow
from csdesk.ui.report_export import FOLDER_KEY, OPEN_KEY, ReportExporter, suggested_name
from csdesk.ui.workspace.charter_page import CharterPage
from csdesk.ui.workspace.qbr_page import QbrPage
from tests.ui.conftest import TODAY

PDF_TIMEOUT = 120_000  # ms: two cores shared with other test runs


class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: answers with ``answer`` (a file name
    in the folder it was offered, or another path) and records what it was offered."""

    def __init__(self, answer: str | Path | None):
        self.answer = answer
        self.offered: list[str] = []

    def __call__(self, _parent: object, _title: str, suggested: str,
                 _filter: str = "") -> tuple[str, str]:
        self.offered.append(suggested)
        if self.answer is None:
            return "", ""
        return str(self.answer), "PDF documents (*.pdf)"


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture
def window(qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> MainWindow:
    acme = portfolio_book.accounts.find("Acme Robotics")
    portfolio_book.qbrs.add(acme.id, {"held_on": TODAY, "achievements": "SSO went live"})
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_account(acme.id, "qbr")
    return window


def qbr_page(window: MainWindow) -> QbrPage:
    page = window.workspace.pages["qbr"]
    assert isinstance(page, QbrPage)
    return page


def test_a_qbr_deck_is_exported_in_the_background(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = qbr_page(window)
    target = tmp_path / "out" / "acme deck"
    target.parent.mkdir()
    dialog = SaveDialog(target)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    exporter = page.exporter
    with qtbot.waitSignal(exporter.started, timeout=5000):
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    # the click returned while the deck is still being written, the window not blocked
    job = exporter.jobs[0]
    assert exporter.busy() and not target.with_suffix(".pdf").exists()
    assert job.dialog.isVisible() and not job.dialog.isModal()
    assert window.isEnabled()
    assert window.statusBar().currentMessage() == "Exporting acme deck.pdf…"
    before = len(ticks)
    with qtbot.waitSignal(exporter.finished, timeout=PDF_TIMEOUT) as done:
        pass
    timer.stop()
    written = tmp_path / "out" / "acme deck.pdf"  # ".pdf" added
    assert done.args == [str(written)]
    assert len(ticks) > before  # the event loop ran while the PDF was written
    assert job.worker.thread_id not in (None, threading.get_ident())
    assert not exporter.busy() and not job.dialog.isVisible()
    assert window.statusBar().currentMessage() == f"Wrote {written}"
    text = pdf_text(written)
    assert "Acme Robotics" in text and "SSO went live" in text
    assert [p.name for p in written.parent.iterdir()] == ["acme deck.pdf"]  # no leftovers
    # the dialog offered the account, kind and date, and remembers the folder
    assert Path(dialog.offered[0]).name == "Acme Robotics QBR deck 2026-03-02.pdf"
    assert page.exporter.settings.value(FOLDER_KEY) == str(written.parent)


def test_the_menu_exports_the_charter_and_opens_it_when_asked(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window.settings.setValue(FOLDER_KEY, str(tmp_path))
    dialog = SaveDialog(None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert window.export_charter_action.isEnabled() and window.export_qbr_action.isEnabled()
    assert window.export_charter_action.text() == "Export project &charter…"

    window.export_charter_action.trigger()  # the CSM cancels the save dialog
    assert dialog.offered == [str(tmp_path / "Acme Robotics project charter 2026-03-02.pdf")]
    assert not window.exporter.busy()

    dialog.answer = tmp_path / "charter.pdf"
    with qtbot.waitSignal(window.exporter.started, timeout=5000):
        window.export_charter_action.trigger()
    progress = window.exporter.jobs[0].dialog
    assert not progress.open_when_done.isChecked()
    progress.open_when_done.click()  # remembered for the next export
    with qtbot.waitSignal(window.exporter.finished, timeout=PDF_TIMEOUT):
        pass
    assert opened == [QUrl.fromLocalFile(str(tmp_path / "charter.pdf"))]
    assert str(window.settings.value(OPEN_KEY)).lower() == "true"
    assert "Acme Robotics" in pdf_text(tmp_path / "charter.pdf")

    window.show_portfolio()  # nothing selected in the portfolio: nothing to export
    window.table.clearSelection()
    window.table.setCurrentIndex(window.proxy.index(-1, -1))
    window._update_account_menu()
    assert not window.export_charter_action.isEnabled()


def test_a_failed_export_is_explained(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    page = qbr_page(window)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        SaveDialog(tmp_path / "missing folder" / "deck.pdf"))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, title, text, *a: warnings.append(f"{title}: {text}"))
    with qtbot.waitSignal(page.exporter.failed, timeout=PDF_TIMEOUT) as failed:
        page.export_deck()
    assert failed.args[0].startswith("The PDF could not be saved: no such file or folder")
    assert warnings and warnings[0].startswith("The PDF was not written: ")
    assert not (tmp_path / "missing folder").exists()


def test_cancelling_writes_nothing(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    page = qbr_page(window)
    old = tmp_path / "deck.pdf"
    old.write_bytes(b"the deck of last quarter")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(old))
    with qtbot.waitSignal(page.exporter.started, timeout=5000):
        page.export_deck()
    progress = page.exporter.jobs[0].dialog
    with qtbot.waitSignal(page.exporter.cancelled, timeout=PDF_TIMEOUT):
        qtbot.mouseClick(progress.buttons.button(progress.buttons.StandardButton.Cancel),
                         Qt.MouseButton.LeftButton)
    assert old.read_bytes() == b"the deck of last quarter"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == ["deck.pdf"]
    assert window.statusBar().currentMessage() == "Export cancelled: nothing was written"


def test_the_charter_page_button_and_the_public_api(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window.workspace.show_page("charter")
    page = window.workspace.pages["charter"]
    assert isinstance(page, CharterPage)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(tmp_path / "c.pdf"))
    with qtbot.waitSignal(page.exporter.finished, timeout=PDF_TIMEOUT) as done:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert done.args == [str(tmp_path / "c.pdf")]
    # what the workshop mode calls: export(kind, account_id) with its own exporter
    exporter = ReportExporter(page.book, window, window.settings, interactive=False)
    assert page.account_id is not None
    with qtbot.waitSignal(exporter.finished, timeout=PDF_TIMEOUT):
        assert exporter.export("qbr", page.account_id)


def test_suggested_names_are_safe_file_names() -> None:
    day = dt.date(2026, 3, 2)
    assert suggested_name("Acme Robotics", "qbr", day) == "Acme Robotics QBR deck 2026-03-02.pdf"
    assert suggested_name("A/B: Tests?", "charter", day) == \
        "A B Tests project charter 2026-03-02.pdf"
    assert suggested_name("...", "qbr", day) == "account QBR deck 2026-03-02.pdf"
    assert report_export.suggested_name("株式会社さくら", "qbr", day).startswith("株式会社さくら ")
