"""Account files from the window: a CSM exports an account, a colleague imports it into
their own book after a preview; encrypted files, broken files, drops, cancelling."""

from __future__ import annotations

import gc
import json
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from csdesk.active_forms import active_forms
from csdesk.exchange import container, merge
from csdesk.exchange.accountfile import read_account_file
from csdesk.exchange.merge import ImportPlan
from csdesk.store.book import Book, open_book
from csdesk.store.repos.accounts import AccountRepository
from csdesk.ui.jobs import Job
from csdesk.ui.main_window import MainWindow
from csdesk.ui.portfolio_model import Column
from csdesk.ui.transfer.import_preview import ImportPreviewDialog
from tests.ui.conftest import TODAY
from tests.ui.transfer_helpers import (
    export_options,
    open_with,
    passphrases,
    preview_answers,
    save_as,
    warnings_shown,
)

WAIT_MS = 30000


def make_window(qtbot: QtBot, book: Book, settings: Any) -> MainWindow:
    window = MainWindow(book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot: QtBot, portfolio_book: Book, settings: Any) -> MainWindow:
    return make_window(qtbot, portfolio_book, settings)


@pytest.fixture
def colleague_book(tmp_path: Path) -> Iterator[Book]:
    """A colleague's own, empty book."""
    with open_book(active_forms(), tmp_path / "colleague.sqlite3", auto_backup=False,
                   today=lambda: TODAY) as book:
        yield book


@pytest.fixture
def colleague(qtbot: QtBot, colleague_book: Book, settings: Any) -> MainWindow:
    return make_window(qtbot, colleague_book, settings)


def names_shown(window: MainWindow) -> list[str]:
    model = window.table.model()
    return sorted(model.index(r, Column.ACCOUNT).data() for r in range(model.rowCount()))


def export_acme(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                target: Path, passphrase: str | None = None) -> None:
    """Account > Export account… on Acme Robotics, saved as ``target``."""
    window.select_account(window.book.accounts.find("Acme Robotics").id)
    export_options(monkeypatch, passphrase=passphrase)
    save_as(monkeypatch, target)
    window.transfer.update_enabled()
    assert window.transfer.export_account_action.isEnabled()
    with qtbot.waitSignal(window.transfer.idle, timeout=WAIT_MS) as said:
        window.transfer.export_account_action.trigger()
    assert said.args[0].startswith(f"Exported 1 account to {target}")


def import_through_menu(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                        path: Path) -> str:
    open_with(monkeypatch, path)
    with qtbot.waitSignal(window.transfer.idle, timeout=WAIT_MS) as said:
        window.transfer.import_action.trigger()
    return str(said.args[0])


def test_the_file_and_account_menus_offer_import_and_export(window: MainWindow) -> None:
    texts = {a.text() for a in window.menuBar().actions()[0].menu().actions()}
    assert {"&Import…", "&Export portfolio…", "Export portfolio &table…",
            "Recent account &files"} <= texts
    account_menu = next(a.menu() for a in window.menuBar().actions()
                        if a.text() == "&Account")
    assert {"E&xport account…", "Export health &history…"} <= {
        a.text() for a in account_menu.actions()}
    assert window.transfer.import_action.shortcut().toString() == "Ctrl+O"


def test_an_exported_account_imports_into_a_fresh_book_once(
        qtbot: QtBot, window: MainWindow, colleague: MainWindow,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "acme.csdesk"
    export_acme(qtbot, window, monkeypatch, target)
    assert list(read_account_file(target).account_names.values()) == ["Acme Robotics"]

    seen: list[dict[str, Any]] = []
    preview_answers(monkeypatch, seen)
    said = import_through_menu(qtbot, colleague, monkeypatch, target)
    assert "1 account added" in seen[0]["headline"]
    assert seen[0]["import_enabled"]
    assert "New: Acme Robotics" in seen[0]["accounts"]
    assert ["Health readings", "2", "", "", ""] in seen[0]["rows"]
    assert said.startswith("Imported acme.csdesk: 1 account added")
    assert colleague.statusBar().currentMessage() == said
    assert names_shown(colleague) == ["Acme Robotics"]
    assert len(colleague.book.snapshots.history(
        colleague.book.accounts.find("Acme Robotics").id)) == 2

    # the same file again: everything is already there, nothing to import
    said = import_through_menu(qtbot, colleague, monkeypatch, target)
    assert seen[1]["headline"].startswith("Everything in this file is already in your book")
    assert not seen[1]["import_enabled"]
    assert all(row[1] == "" and row[2] == "" for row in seen[1]["rows"])
    assert said == "Nothing was imported from acme.csdesk."
    assert names_shown(colleague) == ["Acme Robotics"]


def test_a_record_changed_on_both_sides_shows_the_losing_version(
        qtbot: QtBot, window: MainWindow, colleague: MainWindow,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "acme.csdesk"
    export_acme(qtbot, window, monkeypatch, target)
    seen: list[dict[str, Any]] = []
    preview_answers(monkeypatch, seen)
    import_through_menu(qtbot, colleague, monkeypatch, target)
    acme = colleague.book.accounts.find("Acme Robotics")
    colleague.book.accounts.update(acme.id, {"owner": "Colleague Kim"})  # newer here

    import_through_menu(qtbot, colleague, monkeypatch, target)
    assert any(c.startswith("Account: Acme Robotics") and "owner = Dana Lee" in c
               for c in seen[1]["conflicts"]), seen[1]["conflicts"]
    assert colleague.book.accounts.find("Acme Robotics").owner == "Colleague Kim"


def test_an_encrypted_file_asks_again_after_a_wrong_passphrase(
        qtbot: QtBot, window: MainWindow, colleague: MainWindow,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "acme-secret.csdesk"
    export_acme(qtbot, window, monkeypatch, target, passphrase="blue harbour 42")
    assert read_account_file(target, "blue harbour 42").encrypted

    problems: list[str] = []
    passphrases(monkeypatch, ["blue harbor 42", "blue harbour 42"], problems)
    seen: list[dict[str, Any]] = []
    preview_answers(monkeypatch, seen)
    said = import_through_menu(qtbot, colleague, monkeypatch, target)
    assert problems[0] == ""
    assert "does not open the file, or the file was changed" in problems[1]
    assert said.startswith("Imported acme-secret.csdesk: 1 account added")
    assert names_shown(colleague) == ["Acme Robotics"]


def test_giving_up_on_the_passphrase_imports_nothing(
        qtbot: QtBot, window: MainWindow, colleague: MainWindow,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "acme-secret.csdesk"
    export_acme(qtbot, window, monkeypatch, target, passphrase="blue harbour 42")
    problems: list[str] = []
    passphrases(monkeypatch, [], problems)
    said = import_through_menu(qtbot, colleague, monkeypatch, target)
    assert said == "Import cancelled: nothing was changed."
    assert colleague.book.accounts.count() == 0


def test_a_broken_file_says_where_and_changes_nothing(
        qtbot: QtBot, window: MainWindow, colleague: MainWindow,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    good = tmp_path / "acme.csdesk"
    export_acme(qtbot, window, monkeypatch, good)
    document = json.loads(container.unpack(good.read_bytes(), "acme").document)
    document["snapshots"][0]["platform_adoption"] = 140
    broken = tmp_path / "broken.csdesk"
    broken.write_bytes(container.pack(json.dumps(document).encode()))
    before = window.book.accounts.count()

    shown = warnings_shown(monkeypatch)
    said = import_through_menu(qtbot, window, monkeypatch, broken)
    assert said.startswith("Nothing was changed")
    assert "broken.csdesk: snapshots[0].platform_adoption" in shown[0]
    assert "100" in shown[0]
    assert window.book.accounts.count() == before

    garbage = tmp_path / "notes.csdesk"
    garbage.write_bytes(b"this is not an account file")
    import_through_menu(qtbot, colleague, monkeypatch, garbage)
    assert "notes.csdesk" in shown[1]
    assert colleague.book.accounts.count() == 0


_KEPT: list[QMimeData] = []  # an event holds its data by pointer: keep it alive


def drop_event(path: Path, kind: type) -> Any:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    _KEPT.append(mime)
    if kind is QDragEnterEvent:
        return QDragEnterEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                               Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    return QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)


def test_a_file_dropped_on_the_window_is_previewed_and_imported(
        qtbot: QtBot, window: MainWindow, colleague: MainWindow,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "acme.csdesk"
    export_acme(qtbot, window, monkeypatch, target)
    seen: list[dict[str, Any]] = []
    preview_answers(monkeypatch, seen)

    enter = drop_event(target, QDragEnterEvent)
    colleague.dragEnterEvent(enter)
    assert enter.isAccepted()
    not_ours = drop_event(tmp_path / "photo.jpg", QDragEnterEvent)
    not_ours.ignore()
    colleague.dragEnterEvent(not_ours)
    assert not not_ours.isAccepted()

    with qtbot.waitSignal(colleague.transfer.idle, timeout=WAIT_MS) as said:
        colleague.dropEvent(drop_event(target, QDropEvent))
    assert "1 account added" in seen[0]["headline"]
    assert said.args[0].startswith("Imported acme.csdesk")
    assert names_shown(colleague) == ["Acme Robotics"]


def test_cancelling_an_import_leaves_the_book_as_it_was(
        qtbot: QtBot, window: MainWindow, colleague: MainWindow,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "book.csdesk"
    export_options(monkeypatch)
    save_as(monkeypatch, target)
    with qtbot.waitSignal(window.transfer.idle, timeout=WAIT_MS):
        window.transfer.export_portfolio_action.trigger()
    assert len(read_account_file(target).accounts) == 6

    seen: list[dict[str, Any]] = []
    preview_answers(monkeypatch, seen)
    jobs: list[Job] = []

    def press_cancel(job: Job) -> None:
        jobs.append(job)
        if len(jobs) == 2:  # the import itself, after the preview
            job.dialog.show()
            cancel = job.dialog.findChild(QPushButton)
            assert cancel is not None and cancel.text() == "Cancel"
            qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    colleague.transfer.jobStarting.connect(press_cancel)
    said = import_through_menu(qtbot, colleague, monkeypatch, target)
    assert "6 accounts added" in seen[0]["headline"]
    assert said == "Import cancelled: nothing was changed."
    assert colleague.book.accounts.count() == 0
    assert names_shown(colleague) == []
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_quitting_while_a_file_is_checked_stops_the_work_first(
        qtbot: QtBot, window: MainWindow, colleague: MainWindow,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """csdesk can quit without its window closing (the session ends, or
    ``--exit-after-paint`` with a file): the check under way is stopped and its thread
    waited for, never destroyed while it runs (that aborted the process)."""
    target = tmp_path / "book.csdesk"
    export_options(monkeypatch)
    save_as(monkeypatch, target)
    with qtbot.waitSignal(window.transfer.idle, timeout=WAIT_MS):
        window.transfer.export_portfolio_action.trigger()
    seen: list[dict[str, Any]] = []
    preview_answers(monkeypatch, seen)

    colleague.transfer.import_file(target)
    job = colleague.transfer.job
    assert job is not None and colleague.transfer.busy
    QCoreApplication.instance().aboutToQuit.emit()
    assert job.worker_thread.isFinished()
    assert colleague.book.accounts.count() == 0


def test_after_an_import_nothing_of_the_file_stays_in_memory(
        qtbot: QtBot, window: MainWindow, colleague: MainWindow,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A whole book's file makes millions of records: once imported, neither its
    preview nor its plan may live on with the window, and the garbage collector,
    held off while they were about, is back on."""
    target = tmp_path / "acme.csdesk"
    export_acme(qtbot, window, monkeypatch, target)
    seen: list[dict[str, Any]] = []
    preview_answers(monkeypatch, seen)
    plans: list[weakref.ref[ImportPlan]] = []
    real_preview = ImportPreviewDialog.__init__

    def preview(dialog: ImportPreviewDialog, plan: ImportPlan, *args: Any) -> None:
        plans.append(weakref.ref(plan))
        real_preview(dialog, plan, *args)

    monkeypatch.setattr(ImportPreviewDialog, "__init__", preview)
    at_the_end: list[tuple[bool, bool]] = []  # (plan alive, collector on) as the flow ends
    colleague.transfer.idle.connect(
        lambda _text: at_the_end.append((plans[0]() is not None, gc.isenabled())))
    assert gc.isenabled()
    said = import_through_menu(qtbot, colleague, monkeypatch, target)
    assert said.startswith("Imported acme.csdesk: 1 account added")
    assert at_the_end == [(False, True)], "the collector came back with the plan alive"

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert colleague.findChildren(ImportPreviewDialog) == []


def test_the_new_portfolio_is_read_by_the_import_not_by_the_window(
        qtbot: QtBot, window: MainWindow, colleague: MainWindow,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """After a whole book is imported, reading thousands of rows again must not hold
    up the window: the import's own thread reads them."""
    target = tmp_path / "acme.csdesk"
    export_acme(qtbot, window, monkeypatch, target)
    preview_answers(monkeypatch, [])
    readers: list[str] = []
    real_portfolio = AccountRepository.portfolio

    def portfolio(repo: AccountRepository, *args: Any, **kwargs: Any) -> Any:
        readers.append(threading.current_thread().name)
        return real_portfolio(repo, *args, **kwargs)

    monkeypatch.setattr(AccountRepository, "portfolio", portfolio)
    said = import_through_menu(qtbot, colleague, monkeypatch, target)
    assert said.startswith("Imported acme.csdesk: 1 account added")
    assert names_shown(colleague) == ["Acme Robotics"]
    assert readers and threading.main_thread().name not in readers


def test_a_declined_preview_lets_go_of_the_file_off_the_window(
        qtbot: QtBot, window: MainWindow, colleague: MainWindow,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Cancel in the preview: nothing is imported, the message shows at once, and the
    file's records are let go of by a job, not by the window (a whole book's plan took
    the window ~2 s to free); the collector comes back once they are gone."""
    target = tmp_path / "acme.csdesk"
    export_acme(qtbot, window, monkeypatch, target)
    seen: list[dict[str, Any]] = []
    preview_answers(monkeypatch, seen, apply=False)
    freed_on: list[str] = []
    real_release = ImportPlan.release

    def release(plan: ImportPlan) -> None:
        freed_on.append(threading.current_thread().name)
        real_release(plan)
        assert not any(plan.source.records.values())

    monkeypatch.setattr(ImportPlan, "release", release)
    at_the_end: list[tuple[str, bool]] = []
    colleague.transfer.idle.connect(lambda text: at_the_end.append(
        (colleague.statusBar().currentMessage(), gc.isenabled())))
    said = import_through_menu(qtbot, colleague, monkeypatch, target)
    assert said == "Nothing was imported from acme.csdesk."
    assert at_the_end == [(said, True)]
    assert freed_on and threading.main_thread().name not in freed_on
    assert names_shown(colleague) == []


@pytest.mark.parametrize("work_listens", [True, False])
def test_cancel_while_the_file_is_compared_with_the_book_imports_nothing(
        qtbot: QtBot, window: MainWindow, colleague: MainWindow,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, work_listens: bool) -> None:
    """Cancel pressed once the file is read, while it is compared with the book: the
    progress dialog stays up saying it is stopping, and no preview follows, whether
    the comparison hears the Cancel or runs to its end regardless."""
    target = tmp_path / "acme.csdesk"
    export_acme(qtbot, window, monkeypatch, target)
    seen: list[dict[str, Any]] = []
    preview_answers(monkeypatch, seen)
    comparing, pressed = threading.Event(), threading.Event()
    real_plan = merge.plan_import

    def plan_import(book: Book, parsed: Any, progress: Any = None) -> ImportPlan:
        comparing.set()
        pressed.wait(10)
        return real_plan(book, parsed, progress if work_listens else None)

    monkeypatch.setattr(merge, "plan_import", plan_import)
    shown_while_stopping: list[tuple[bool, str]] = []

    def press_cancel_once_comparing() -> None:
        job = colleague.transfer.job
        if not comparing.is_set() or job is None:
            QTimer.singleShot(5, press_cancel_once_comparing)
            return
        job.dialog.show()
        cancel = job.dialog.findChild(QPushButton)
        assert cancel is not None
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        shown_while_stopping.append((job.dialog.isVisible(), job.dialog.labelText()))
        pressed.set()

    QTimer.singleShot(0, press_cancel_once_comparing)
    said = import_through_menu(qtbot, colleague, monkeypatch, target)
    assert shown_while_stopping == [(True, "Stopping… nothing is changed.")]
    assert said == "Import cancelled: nothing was changed."
    assert seen == []  # no preview
    assert colleague.book.accounts.count() == 0
    assert not colleague.transfer.busy
