"""First start on an empty store: a demo book is built off the GUI thread, with a progress
dialog the CSM can cancel; a non-empty store opens straight on the portfolio."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from csdesk.errors import InputProblem, log_file
from csdesk.store.book import Book
from csdesk.ui import demo_fill
from csdesk.ui.jobs import Outcome
from csdesk.ui.startup import Startup

Progress = Callable[[int, int], bool]


@pytest.fixture
def startup(qtbot: QtBot, empty_book: Book, settings: QSettings) -> Iterator[Startup]:
    startup = Startup(empty_book, settings)
    startup.windowShown.connect(qtbot.addWidget)
    yield startup
    if startup.fill is not None:  # never leave a worker thread running
        startup.fill.cancel()
        startup.fill.job.worker_thread.quit()
        startup.fill.job.worker_thread.wait()


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple[Any, ...]]]:
    """Message boxes are recorded, not shown: nothing blocks the test."""
    seen: list[tuple[str, tuple[Any, ...]]] = []
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind,
                            lambda *args, _k=kind: seen.append((_k, args)))
    return seen


def test_an_empty_store_gets_a_small_demo_book(
        qtbot: QtBot, startup: Startup, empty_book: Book,
        monkeypatch: pytest.MonkeyPatch, dialogs: list[Any]) -> None:
    monkeypatch.setattr(demo_fill, "DEMO_ACCOUNTS", 5)
    monkeypatch.setattr(demo_fill, "DEMO_WEEKS", 8)
    with qtbot.waitSignal(startup.windowShown, timeout=120_000):
        startup.start()
        assert startup.fill is not None
        assert "5 accounts with 8 weeks" in startup.fill.job.dialog.labelText()
    assert startup.fill.outcome is Outcome.DONE
    assert startup.fill.summary is not None
    assert not startup.fill.job.worker_thread.isRunning()
    assert not startup.fill.job.dialog.isVisible()
    assert empty_book.accounts.count() == 5
    window = startup.window
    assert window is not None and window.isVisible()
    assert window.table.model().rowCount() == 5
    assert "demo book" in window.statusBar().currentMessage()
    assert dialogs == []


def test_the_default_demo_is_two_years_of_200_accounts() -> None:
    assert (demo_fill.DEMO_ACCOUNTS, demo_fill.DEMO_WEEKS) == (200, 104)


def slow_demo(calls: list[int]) -> Callable[..., object]:
    """A stand-in for generate_demo that reports progress until it is told to stop."""

    def generate(store: object, forms: object, *, accounts: int, weeks: int,
                 progress: Progress, **_: object) -> object:
        calls.append(threading.get_ident())
        pause = threading.Event()
        total = 10_000
        for done in range(1, total + 1):
            if not progress(done, total):
                raise InputProblem(["demo: cancelled, nothing was written"])
            pause.wait(0.002)
        raise AssertionError("the demo was never cancelled")

    return generate


def test_the_progress_dialog_can_be_cancelled(
        qtbot: QtBot, startup: Startup, empty_book: Book,
        monkeypatch: pytest.MonkeyPatch, dialogs: list[Any]) -> None:
    calls: list[int] = []
    monkeypatch.setattr(demo_fill, "generate_demo", slow_demo(calls))
    startup.start()
    fill = startup.fill
    assert fill is not None
    qtbot.waitUntil(lambda: fill.job.dialog.isVisible() and fill.job.dialog.value() > 0)
    assert fill.job.dialog.isModal()
    cancel = fill.job.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    with qtbot.waitSignal(startup.windowShown, timeout=10_000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert fill.outcome is Outcome.CANCELLED
    assert calls and calls[0] != threading.get_ident()  # built off the GUI thread
    assert not fill.job.worker_thread.isRunning()
    assert empty_book.accounts.count() == 0
    assert startup.window is not None and startup.window.table.model().rowCount() == 0
    assert dialogs == []  # cancelling is not an error


def test_escape_cancels_too(qtbot: QtBot, startup: Startup,
                            monkeypatch: pytest.MonkeyPatch, dialogs: list[Any]) -> None:
    monkeypatch.setattr(demo_fill, "generate_demo", slow_demo([]))
    startup.start()
    fill = startup.fill
    assert fill is not None
    qtbot.waitUntil(lambda: fill.job.dialog.value() > 0)
    with qtbot.waitSignal(fill.finished, timeout=10_000) as blocker:
        qtbot.keyClick(fill.job.dialog, Qt.Key.Key_Escape)
    assert blocker.args == [Outcome.CANCELLED]


def test_a_failing_demo_is_logged_and_explained(
        qtbot: QtBot, startup: Startup, empty_book: Book,
        monkeypatch: pytest.MonkeyPatch, dialogs: list[Any]) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("the demo generator broke")

    monkeypatch.setattr(demo_fill, "generate_demo", broken)
    with qtbot.waitSignal(startup.windowShown, timeout=10_000):
        startup.start()
    assert startup.fill is not None and startup.fill.outcome is Outcome.FAILED
    [(kind, args)] = dialogs
    assert kind == "critical"
    text = args[2]
    assert "Something went wrong" in text and str(log_file()) in text
    assert "Traceback" not in text
    logged = log_file().read_text(encoding="utf-8")
    assert "while building the demo book" in logged
    assert "RuntimeError: the demo generator broke" in logged
    assert startup.window is not None and startup.window.isVisible()


def test_a_store_that_is_not_empty_any_more_is_left_alone(
        qtbot: QtBot, startup: Startup, monkeypatch: pytest.MonkeyPatch,
        dialogs: list[Any]) -> None:
    def refuses(*args: object, **kwargs: object) -> object:
        raise InputProblem(["the store is not empty"])

    monkeypatch.setattr(demo_fill, "generate_demo", refuses)
    with qtbot.waitSignal(startup.windowShown, timeout=10_000):
        startup.start()
    [(kind, args)] = dialogs
    assert kind == "warning" and "the store is not empty" in args[2]
    assert not log_file().exists() or "unexpected" not in log_file().read_text("utf-8")


def test_a_book_with_accounts_opens_straight_away(
        qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> None:
    startup = Startup(portfolio_book, settings)
    with qtbot.waitSignal(startup.windowShown, timeout=5000):
        startup.start()
    assert startup.fill is None
    assert startup.window is not None
    qtbot.addWidget(startup.window)
    assert startup.window.table.model().rowCount() == 6
