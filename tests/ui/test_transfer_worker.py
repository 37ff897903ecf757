"""Jobs off the GUI thread: the result, a failure or a cancellation comes back on the GUI
thread; cancelling stops work that checks for it, finished work is never 'cancelled'."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
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
