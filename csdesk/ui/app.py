"""Start the desktop application: ``csdesk`` with no subcommand.

Exit codes as for the command line: 0 closed normally, 1 our bug stopped the start (it is
logged), 3 the environment stopped us (the database is open in another csdesk, comes
from a newer csdesk, a form file is broken).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from csdesk import __version__, gc_policy
from csdesk.active_forms import active_forms
from csdesk.errors import EnvironmentFault, environment_message, setup_logging
from csdesk.playbook.form_loader import FormError
from csdesk.store.book import Book, open_book
from csdesk.ui.app_icon import app_icon
from csdesk.ui.error_dialogs import ExceptionHook, show_fault
from csdesk.ui.main_window import MainWindow
from csdesk.ui.startup import Startup
from csdesk.ui.theme import apply_theme, saved_theme
from csdesk.ui.transfer.handoff import (
    DesktopOpenFilter,
    HandoffServer,
    hand_over,
    server_name,
)

EXIT_OK, EXIT_BUG, EXIT_ENVIRONMENT = 0, 1, 3


def _tr(text: str) -> str:
    return QCoreApplication.translate("App", text)


def application() -> QApplication:
    """The process's QApplication, created on first use, named for QSettings."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("csdesk")
    app.setOrganizationName("csdesk")
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName("csdesk")
    app.setDesktopFileName("io.github.csdesk.csdesk")  # packaging/linux: icon, file types
    app.setWindowIcon(app_icon())
    return app


def open_book_or_explain(args: argparse.Namespace, interactive: bool) -> Book | None:
    """The book the options point at, or None after telling the user why not."""
    path = Path(args.db).expanduser() if getattr(args, "db", None) else None
    title = _tr("csdesk cannot open your book")
    try:
        return open_book(active_forms(), path, getattr(args, "db_url", None))
    except FormError as exc:
        text = _tr("A playbook form file is broken, so csdesk cannot score with it:\n\n"
                   "{problem}\n\nFix or remove that file and start csdesk again.").format(
                       problem=exc)
    except EnvironmentFault as exc:
        text = str(exc)
    except OSError as exc:
        text = environment_message(exc)
    show_fault(None, title, text, interactive)
    return None


def run_gui(args: argparse.Namespace) -> int:
    app = application()
    apply_theme(app, saved_theme(QSettings()))  # the look the CSM chose last time
    interactive = not getattr(args, "exit_after_paint", False)
    setup_logging()
    hook = ExceptionHook(interactive)
    hook.install()
    open_file = getattr(args, "open_file", None)
    handoff_name = server_name(getattr(args, "db", None), getattr(args, "db_url", None))
    try:
        # A csdesk already runs on this book: it takes the file; we never touch the store.
        if open_file and hand_over(handoff_name, Path(open_file)):
            return EXIT_OK
        if getattr(args, "pause_gc", False):
            gc_policy.pause()  # until the portfolio is painted (or a demo is built)
        book = open_book_or_explain(args, interactive)
        if book is None:
            return EXIT_ENVIRONMENT
        try:
            startup = Startup(book, interactive=interactive, demo=not open_file)
            server = HandoffServer(handoff_name, startup)
            startup.windowShown.connect(lambda window: receive_files(window, server,
                                                                      open_file))
            startup.windowShown.connect(_resume_gc_after_first_paint)
            if not interactive:
                startup.windowShown.connect(_quit_after_first_paint)
            try:
                startup.start()
            except Exception as exc:  # our bug, before the event loop: say so and stop
                hook(type(exc), exc, exc.__traceback__)
                return EXIT_BUG
            finally:
                if startup.window is None:  # a demo book is being built, or we failed
                    gc_policy.resume()
            return app.exec()
        finally:
            book.close()
    finally:
        hook.uninstall()


def receive_files(window: MainWindow, server: HandoffServer, open_file: str | None) -> None:
    """Once the window shows: preview the file csdesk was started with, and take files
    the desktop hands to a second csdesk (the window comes to the front for them)."""
    def receive(path: Path) -> None:
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
        window.transfer.import_file(path)

    server.fileReceived.connect(receive)
    server.listen()
    app = QApplication.instance()
    if sys.platform == "darwin" and app is not None:
        # only there: a Python filter on the application sees every event, and would
        # make the window wait whenever a worker thread holds the interpreter
        desktop = DesktopOpenFilter(server)
        desktop.fileReceived.connect(receive)
        app.installEventFilter(desktop)
    if open_file:
        QTimer.singleShot(0, lambda: window.transfer.import_file(Path(open_file)))


def _resume_gc_after_first_paint(window: MainWindow) -> None:
    window.table.firstPainted.connect(gc_policy.resume)


def _quit_after_first_paint(window: MainWindow) -> None:
    window.table.firstPainted.connect(lambda: QApplication.exit(EXIT_OK))
