"""Jobs off the GUI thread: the result, a failure or a cancellation comes back on the GUI
thread; cancelling stops work that checks for it, finished work is never 'cancelled'."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from csdesk.exchange.errors import Progress, Ticker
from csdesk.ui.jobs import Job, Outcome, stop_if_cancelled


def run(qtbot: QtBot, job: Job) -> tuple[Outcome, object, bool]:
    on_gui: list[bool] = []
    job.finished.connect(
        lambda *_: on_gui.append(QThread.currentThread() is QApplication.instance().thread()))
    with qtbot.waitSignal(job.finished, timeout=10000) as ended:
        job.start()
    outcome, result = ended.args
    return outcome, result, on_gui == [True]


def test_the_result_comes_back_on_the_gui_thread(qtbot: QtBot) -> None:
    worked_in: list[threading.Thread] = []

    def work(progress: Progress) -> int:
        worked_in.append(threading.current_thread())
        ticker = Ticker(progress, 10)
        for _ in range(10):
            ticker(1)
        return 42

    job = Job(work, "Test", "Working…")
    outcome, result, on_gui = run(qtbot, job)
    assert (outcome, result) == (Outcome.DONE, 42)
    assert on_gui
    assert worked_in[0] is not threading.main_thread()


def test_cancel_stops_work_that_checks_and_a_failure_is_reported(qtbot: QtBot) -> None:
    steps: list[int] = []

    def work(progress: Progress) -> None:
        steps.append(1)
        stop_if_cancelled(progress)
        steps.append(2)

    job = Job(work, "Test", "Working…")
    job.cancel()  # pressed before the thread got anywhere
    outcome, result, on_gui = run(qtbot, job)
    assert outcome is Outcome.CANCELLED and result is None and on_gui
    assert steps == [1]

    def broken(_progress: Progress) -> None:
        raise ValueError("no such thing")

    outcome, result, on_gui = run(qtbot, Job(broken, "Test", "Working…"))
    assert outcome is Outcome.FAILED and isinstance(result, ValueError) and on_gui


def test_work_that_finished_is_not_called_cancelled(qtbot: QtBot) -> None:
    job = Job(lambda _progress: "written", "Test", "Working…")
    job.cancel()  # too late to matter: the work never asks
    outcome, result, _ = run(qtbot, job)
    assert (outcome, result) == (Outcome.DONE, "written")


def until_cancelled(progress: Progress) -> None:
    pause = threading.Event()
    while True:
        stop_if_cancelled(progress)
        pause.wait(0.005)


def test_cancel_shows_a_wait_cursor_until_stopped_unless_the_window_stays_in_use(
        qtbot: QtBot) -> None:
    modal = Job(until_cancelled, "Import", "Checking every record…")
    modal.start(show_after_ms=0)
    modal.cancel()
    assert modal.dialog.windowModality() is Qt.WindowModality.WindowModal
    cursor = QApplication.overrideCursor()
    assert cursor is not None and cursor.shape() is Qt.CursorShape.WaitCursor
    with qtbot.waitSignal(modal.finished, timeout=10000) as ended:
        pass
    assert ended.args == [Outcome.CANCELLED, None]
    assert QApplication.overrideCursor() is None

    in_use = Job(until_cancelled, "Exporting", "Writing…",
                 modality=Qt.WindowModality.NonModal)
    in_use.start(show_after_ms=0)
    in_use.cancel()
    assert QApplication.overrideCursor() is None
    with qtbot.waitSignal(in_use.finished, timeout=10000) as ended:
        pass
    assert ended.args == [Outcome.CANCELLED, None]
