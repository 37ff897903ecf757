"""File > Recent account files, and a file handed over by a second csdesk start."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QProcess, QProcessEnvironment, QSettings, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from csdesk.active_forms import active_forms
from csdesk.cli import build_parser, split_file_to_open
from csdesk.exchange.accountfile import export_accounts
from csdesk.store.book import Book, open_book
from csdesk.ui.app import receive_files, run_gui
from csdesk.ui.main_window import MainWindow
from csdesk.ui.transfer.actions import TransferActions
from csdesk.ui.transfer.handoff import (
    DesktopOpenFilter,
    HandoffServer,
    hand_over,
    server_name,
)
from csdesk.ui.transfer.recent_files import RecentFiles
from tests.ui.transfer_helpers import (
    export_options,
    preview_answers,
    save_as,
    warnings_shown,
)

WAIT_MS = 30000


@pytest.fixture
def window(qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> MainWindow:
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def entries(recent: RecentFiles) -> list[str]:
    recent.rebuild()
    return [a.text() for a in recent.menu.actions() if not a.isSeparator()]


def test_recent_files_newest_first_at_most_eight(settings: QSettings, tmp_path: Path) -> None:
    recent = RecentFiles(settings)
    assert entries(recent) == ["&Clear the list"]
    assert not recent.menu.isEnabled()
    for n in range(10):
        recent.add(tmp_path / f"book-{n}.csdesk")
    recent.add(tmp_path / "book-5.csdesk")  # again: to the top, not twice
    assert entries(recent) == ["&1 book-5.csdesk", "&2 book-9.csdesk", "&3 book-8.csdesk",
                               "&4 book-7.csdesk", "&5 book-6.csdesk", "&6 book-4.csdesk",
                               "&7 book-3.csdesk", "&8 book-2.csdesk", "&Clear the list"]
    assert RecentFiles(settings).paths()[0] == tmp_path / "book-5.csdesk"  # remembered
    recent.clear_action.trigger()
    assert entries(recent) == ["&Clear the list"]


def test_a_recent_file_reopens_and_a_vanished_one_is_dropped_with_a_message(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    export_options(monkeypatch)
    for name in ("first.csdesk", "second.csdesk"):
        save_as(monkeypatch, tmp_path / name)
        with qtbot.waitSignal(window.transfer.idle, timeout=WAIT_MS):
            window.transfer.export_portfolio_action.trigger()
    recent = window.transfer.recent
    assert entries(recent)[:2] == ["&1 second.csdesk", "&2 first.csdesk"]

    seen: list[dict[str, Any]] = []
    preview_answers(monkeypatch, seen)
    with qtbot.waitSignal(window.transfer.idle, timeout=WAIT_MS):
        recent.menu.actions()[1].trigger()  # first.csdesk
    assert seen[0]["headline"].startswith("Everything in this file is already in your book")
    assert entries(recent)[:2] == ["&1 first.csdesk", "&2 second.csdesk"]

    (tmp_path / "second.csdesk").unlink()
    shown = warnings_shown(monkeypatch)
    with qtbot.waitSignal(window.transfer.idle, timeout=WAIT_MS) as said:
        recent.menu.actions()[1].trigger()  # second.csdesk, gone
    assert "second.csdesk is no longer there" in shown[0]
    assert said.args[0] == "second.csdesk is no longer there."
    assert entries(recent) == ["&1 first.csdesk", "&Clear the list"]


def test_a_second_start_hands_its_file_to_the_running_csdesk(
        qtbot: QtBot, window: MainWindow, portfolio_db: Path, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    """``csdesk --db BOOK FILE`` while this window holds BOOK: the second process gives
    FILE to this one and exits 0 (it never opens the locked book); the preview shows."""
    name = server_name(str(portfolio_db))
    assert name == server_name(str(portfolio_db.parent / "." / portfolio_db.name))
    assert name != server_name(str(tmp_path / "other.sqlite3"))
    assert not hand_over(name, tmp_path / "acme.csdesk")  # nobody listens yet

    export_options(monkeypatch)
    target = tmp_path / "book.csdesk"
    save_as(monkeypatch, target)
    with qtbot.waitSignal(window.transfer.idle, timeout=WAIT_MS):
        window.transfer.export_portfolio_action.trigger()
    seen: list[dict[str, Any]] = []
    preview_answers(monkeypatch, seen)
    server = HandoffServer(name, window)
    receive_files(window, server, None)

    second = QProcess()
    environment = QProcessEnvironment.systemEnvironment()
    environment.insert("PYTHONPATH", str(Path(__file__).resolve().parents[2]))
    environment.insert("QT_QPA_PLATFORM", "offscreen")
    second.setProcessEnvironment(environment)
    with qtbot.waitSignal(window.transfer.idle, timeout=WAIT_MS) as said, \
            qtbot.waitSignal(second.finished, timeout=WAIT_MS) as ended:
        second.start(sys.executable, ["-m", "csdesk", "--db", str(portfolio_db),
                                      str(target)])
    assert ended.args[0] == 0, bytes(second.readAllStandardError().data())
    assert seen[0]["headline"].startswith("Everything in this file is already in your book")
    assert said.args[0] == "Nothing was imported from book.csdesk."
    server.close()


def test_csdesk_with_a_file_opens_the_window_on_that_file() -> None:
    commands = {"import", "export", "score"}
    assert split_file_to_open(["acme.csdesk"], commands) == ([], "acme.csdesk")
    assert split_file_to_open(["--db", "b.sqlite3", "sheet.xlsx"], commands) == (
        ["--db", "b.sqlite3"], "sheet.xlsx")
    assert split_file_to_open(["import", "acme.csdesk"], commands) == (
        ["import", "acme.csdesk"], None)
    assert split_file_to_open(["imprt"], commands) == (["imprt"], None)  # argparse says
    args = build_parser().parse_args(["--db", "b.sqlite3"])
    assert args.command is None


def test_a_file_opened_from_the_macos_desktop_arrives_as_an_event(qtbot: QtBot,
                                                                  tmp_path: Path) -> None:
    desktop = DesktopOpenFilter()
    with qtbot.waitSignal(desktop.fileReceived, timeout=WAIT_MS) as received:
        assert desktop.eventFilter(desktop, QFileOpenEvent(str(tmp_path / "acme.csdesk")))
    assert received.args[0] == tmp_path / "acme.csdesk"


def test_csdesk_started_with_a_file_previews_it_instead_of_building_the_demo(
        qapp: QApplication, portfolio_book: Book, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "acme.csdesk"
    export_accounts(portfolio_book, [portfolio_book.accounts.find("Acme Robotics").id],
                    source)
    empty = tmp_path / "fresh.sqlite3"
    seen: list[dict[str, Any]] = []
    preview_answers(monkeypatch, seen)
    said: list[str] = []
    original = TransferActions._status

    def status_then_quit(actions: TransferActions, text: str) -> None:
        original(actions, text)
        said.append(text)
        QTimer.singleShot(0, lambda: QApplication.exit(0))

    monkeypatch.setattr(TransferActions, "_status", status_then_quit)
    parser = build_parser()
    words, open_file = split_file_to_open(["--db", str(empty), str(source)], {"import"})
    args = parser.parse_args(words)
    args.open_file = open_file
    assert run_gui(args) == 0
    assert "1 account added" in seen[0]["headline"]
    assert said[0].startswith("Imported acme.csdesk: 1 account added")
    with open_book(active_forms(), empty) as book:  # no demo book: only the import
        assert [r.name for r in book.accounts.portfolio()] == ["Acme Robotics"]
