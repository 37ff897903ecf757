"""Starting the app: ``csdesk`` opens the book or explains in plain words why not, reports
bugs without a traceback, and ``--exit-after-paint`` quits once the portfolio is drawn."""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from csdesk import config
from csdesk.active_forms import active_forms
from csdesk.cli import build_parser
from csdesk.errors import log_file
from csdesk.store.book import open_book
from csdesk.store.lock import DatabaseLock
from csdesk.ui import demo_fill
from csdesk.ui.app import run_gui
from csdesk.ui.error_dialogs import ExceptionHook


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple[Any, ...]]]:
    seen: list[tuple[str, tuple[Any, ...]]] = []
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind,
                            lambda *args, _k=kind: seen.append((_k, args)))
    return seen


@pytest.fixture
def filled_db(portfolio_db: Path) -> Path:
    """A database holding the six test accounts, closed (the app opens it)."""
    return portfolio_db


def logged_text() -> str:
    return log_file().read_text(encoding="utf-8") if log_file().exists() else ""


def gui_args(db: Path, exit_after_paint: bool = True) -> argparse.Namespace:
    return build_parser().parse_args(
        ["--db", str(db), *(["--exit-after-paint"] if exit_after_paint else [])])


def test_the_cli_has_the_exit_after_paint_option(db_path: Path) -> None:
    args = gui_args(db_path)
    assert args.command is None and args.exit_after_paint is True
    assert gui_args(db_path, exit_after_paint=False).exit_after_paint is False


def test_exit_after_paint_opens_the_book_and_quits_with_0(
        qapp: QApplication, filled_db: Path, dialogs: list[Any]) -> None:
    assert run_gui(gui_args(filled_db)) == 0
    assert qapp.applicationName() == "csdesk" and qapp.organizationName() == "csdesk"
    assert dialogs == []
    # The book was closed again: another csdesk may open it now.
    lock = DatabaseLock(filled_db)
    lock.acquire()
    lock.release()
    assert sys.excepthook is not None and not isinstance(sys.excepthook, ExceptionHook)


def test_first_start_builds_the_demo_then_paints(
        qapp: QApplication, db_path: Path, monkeypatch: pytest.MonkeyPatch,
        dialogs: list[Any]) -> None:
    monkeypatch.setattr(demo_fill, "DEMO_ACCOUNTS", 4)
    monkeypatch.setattr(demo_fill, "DEMO_WEEKS", 6)
    assert run_gui(gui_args(db_path)) == 0
    assert dialogs == []
    with open_book(active_forms(), db_path) as book:
        assert book.accounts.count() == 4


def test_a_database_open_elsewhere_is_explained_and_exits_3(
        qapp: QApplication, filled_db: Path, dialogs: list[Any]) -> None:
    other = DatabaseLock(filled_db)
    other.acquire()
    try:
        assert run_gui(gui_args(filled_db, exit_after_paint=False)) == 3
    finally:
        other.release()
    [(kind, args)] = dialogs
    assert kind == "warning"
    assert args[1] == "csdesk cannot open your book"
    assert "open in another csdesk" in args[2]
    assert "unexpected error" not in logged_text()  # the environment, not a bug


def test_a_database_from_a_newer_csdesk_is_refused(
        qapp: QApplication, filled_db: Path, dialogs: list[Any]) -> None:
    with sqlite3.connect(filled_db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    assert run_gui(gui_args(filled_db, exit_after_paint=False)) == 3
    [(_kind, args)] = dialogs
    assert "newer version of csdesk" in args[2]


def test_a_broken_form_file_is_named(qapp: QApplication, db_path: Path,
                                     dialogs: list[Any]) -> None:
    tailored = config.user_forms_dir() / "health.toml"
    tailored.parent.mkdir(parents=True)
    tailored.write_text('id = "health"\nversion = "not a number"\n', encoding="utf-8")
    assert run_gui(gui_args(db_path, exit_after_paint=False)) == 3
    [(_kind, args)] = dialogs
    assert "form file is broken" in args[2]
    assert str(tailored) in args[2]
    assert not db_path.exists()  # nothing was opened or created


def test_without_a_user_the_fault_goes_to_stderr(
        qapp: QApplication, filled_db: Path, dialogs: list[Any],
        capsys: pytest.CaptureFixture[str]) -> None:
    other = DatabaseLock(filled_db)
    other.acquire()
    try:
        assert run_gui(gui_args(filled_db)) == 3
    finally:
        other.release()
    assert dialogs == []
    assert "open in another csdesk" in capsys.readouterr().err


# -- bugs ------------------------------------------------------------------------------
def raised(exc: Exception) -> Exception:
    try:
        raise exc
    except Exception as caught:
        return caught


def test_the_exception_hook_logs_and_says_so_in_plain_words(
        qapp: QApplication, dialogs: list[Any]) -> None:
    hook = ExceptionHook()
    exc = raised(ZeroDivisionError("division by zero in a slot"))
    hook(type(exc), exc, exc.__traceback__)
    [(kind, args)] = dialogs
    assert kind == "critical"
    title, text = args[1], args[2]
    assert title == "csdesk: something went wrong"
    assert text.startswith("Something went wrong")
    assert f"The details were saved to {log_file()}" in text
    assert "Traceback" not in text and "ZeroDivisionError" not in text
    logged = log_file().read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert "ZeroDivisionError: division by zero in a slot" in logged


def test_install_and_uninstall_restore_the_previous_hook() -> None:
    before = sys.excepthook
    hook = ExceptionHook()
    hook.install()
    try:
        assert sys.excepthook is hook
    finally:
        hook.uninstall()
    assert sys.excepthook is before


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_reaches_the_hook(qtbot: QtBot, dialogs: list[Any]) -> None:
    def broken_slot() -> None:
        raise RuntimeError("a slot failed")

    hook = ExceptionHook()
    hook.install()
    try:
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: len(dialogs) == 1)
    finally:
        hook.uninstall()
    assert "RuntimeError: a slot failed" in log_file().read_text(encoding="utf-8")


def test_the_app_starts_as_a_real_process(filled_db: Path, tmp_path: Path) -> None:
    """What `make run` and the benchmarks do: the installed command, its own process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "CSDESK_HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    done = subprocess.run(
        [sys.executable, "-m", "csdesk", "--db", str(filled_db), "--exit-after-paint"],
        env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


def broken_window(*args: object, **kwargs: object) -> None:
    raise KeyError("a column the window expected")


def test_a_bug_while_building_the_window_is_reported_and_exits_1(
        qapp: QApplication, filled_db: Path, dialogs: list[Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("csdesk.ui.startup.MainWindow", broken_window)
    assert run_gui(gui_args(filled_db, exit_after_paint=False)) == 1
    [(kind, args)] = dialogs
    assert kind == "critical" and str(log_file()) in args[2]
    assert "KeyError: 'a column the window expected'" in logged_text()


def test_a_bug_after_the_demo_is_reported_and_exits_1(
        qapp: QApplication, db_path: Path, dialogs: list[Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_fill, "DEMO_ACCOUNTS", 2)
    monkeypatch.setattr(demo_fill, "DEMO_WEEKS", 2)
    monkeypatch.setattr("csdesk.ui.startup.MainWindow", broken_window)
    assert run_gui(gui_args(db_path, exit_after_paint=False)) == 1
    [(kind, _args)] = dialogs
    assert kind == "critical"
    assert "KeyError: 'a column the window expected'" in logged_text()


def test_a_csdesk_process_collects_garbage_again_once_the_portfolio_is_painted(
        qapp: QApplication, filled_db: Path, dialogs: list[Any]) -> None:
    args = gui_args(filled_db)
    args.pause_gc = True  # as ``process_main`` sets it
    frozen_before = gc.get_freeze_count()
    try:
        assert run_gui(args) == 0
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen_before
    finally:
        gc.unfreeze()
        gc.enable()
    assert dialogs == []


def test_a_library_call_leaves_the_collector_alone(
        qapp: QApplication, filled_db: Path, dialogs: list[Any]) -> None:
    frozen_before = gc.get_freeze_count()
    assert run_gui(gui_args(filled_db)) == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen_before
