"""Import and export from the window: File > Import…, the recent files, a file dropped
on the window or handed over by the desktop, File > Export portfolio…, the portfolio
table as a spreadsheet, and an account's file or health history from the Account menu.

Every import is previewed first and applied only when the CSM says so, in one
transaction after a backup; every piece of work runs in a ``Job`` off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QStatusBar, QWidget

from csdesk import config, gc_policy
from csdesk.errors import EnvironmentFault, InputProblem, log_bug
from csdesk.exchange.errors import PassphraseNeeded, Progress, WrongPassphrase
from csdesk.exchange.tables import spreadsheet_kind
from csdesk.store.book import Book
from csdesk.ui.error_dialogs import show_bug
from csdesk.ui.jobs import SHOW_AFTER_MS, Job, Outcome, stop_if_cancelled
from csdesk.ui.portfolio_model import PortfolioFilter
from csdesk.ui.portfolio_order import PreparedRows
from csdesk.ui.transfer import calls, file_choice
from csdesk.ui.transfer.export_dialog import ExportDialog
from csdesk.ui.transfer.import_preview import ImportPreviewDialog
from csdesk.ui.transfer.kinds import counted
from csdesk.ui.transfer.passphrase_dialog import PassphraseDialog
from csdesk.ui.transfer.recent_files import RecentFiles
from csdesk.ui.transfer.sheet_preview import SheetPreviewDialog

if TYPE_CHECKING:  # the exchange modules load at the first import or export (see calls)
    from csdesk.exchange.accountfile import ExportSummary
    from csdesk.exchange.merge import ImportPlan, ImportReport
    from csdesk.exchange.spreadsheets import SheetPlan, SheetReport

MAX_PROBLEMS_SHOWN = 12
STATUS_MS = 20000


class Host(Protocol):
    """What the actions need of the main window."""

    book: Book
    settings: QSettings
    proxy: PortfolioFilter

    def refresh(self, rows: PreparedRows | None = None) -> None: ...
    def portfolio_reader(self) -> Callable[[], PreparedRows]: ...
    def statusBar(self) -> QStatusBar: ...
    def current_account_id(self) -> uuid.UUID | None: ...


def _answered(dialog: QDialog) -> bool:
    """Run a modal dialog: True when accepted. It is deleted once control is back in the
    event loop: with the window as its parent it would otherwise live as long as the
    window, and an import preview with it the whole file's plan."""
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


class TransferActions(QObject):
    """The menu actions and the flows behind them. ``idle`` is emitted whenever a flow
    ends (imported, exported, cancelled or refused), with a line saying how."""

    jobStarting = Signal(object)  # the Job, before its thread starts
    idle = Signal(str)

    def __init__(self, host: Host, parent_widget: QWidget):
        super().__init__(parent_widget)
        self.host = host
        self.book = host.book
        self.window = parent_widget
        self.job: Job | None = None
        self._hold = gc_policy.Hold()  # from a flow's first job to its end (see there)
        self.recent = RecentFiles(host.settings, parent_widget)
        self.recent.chosen.connect(self.import_file)
        self.recent.missing.connect(self._recent_missing)
        app = QCoreApplication.instance()
        if app is not None:  # csdesk may quit without closing the window: stop work first
            app.aboutToQuit.connect(self.stop)

        self.import_action = self._action(
            self.tr("&Import…"), self.tr("Import an account file (.csdesk) or accounts and "
                                         "health readings from a spreadsheet (.csv, .xlsx)"),
            self.ask_import, "Ctrl+O")
        self.export_portfolio_action = self._action(
            self.tr("&Export portfolio…"),
            self.tr("Write all accounts, or those the filters show, to an account file"),
            self.export_portfolio, "Ctrl+Shift+E")
        self.export_table_action = self._action(
            self.tr("Export portfolio &table…"),
            self.tr("The portfolio table as shown (filtered) to CSV or Excel"),
            self.export_table)
        self.export_account_action = self._action(
            self.tr("E&xport account…"),
            self.tr("Write this account, with everything csdesk holds for it, to a file"),
            self.export_account)
        self.export_history_action = self._action(
            self.tr("Export health &history…"),
            self.tr("This account's health readings to CSV or Excel"),
            self.export_history)

    def _action(self, text: str, tip: str, slot: Callable[[], object],
                key: str | None = None) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if key:
            action.setShortcuts([QKeySequence(key)])
        action.triggered.connect(lambda _=False: slot())
        return action

    # -- menus ------------------------------------------------------------------------
    def add_file_entries(self, menu: QMenu) -> None:
        menu.addAction(self.import_action)
        menu.addMenu(self.recent.menu)
        menu.addSeparator()
        menu.addAction(self.export_portfolio_action)
        menu.addAction(self.export_table_action)

    def add_account_entries(self, menu: QMenu) -> None:
        menu.addAction(self.export_account_action)
        menu.addAction(self.export_history_action)
        menu.aboutToShow.connect(self.update_enabled)
        self.update_enabled()

    def update_enabled(self) -> None:
        has_account = self.host.current_account_id() is not None
        self.export_account_action.setEnabled(has_account)
        self.export_history_action.setEnabled(has_account)

    def stop(self) -> None:
        """The window closes: cancel the work under way and wait for its thread (an
        import not yet committed is rolled back; nothing is left half-done)."""
        if self.job is not None and self.job.running:
            self.job.worker.cancel()
            self.job.worker_thread.quit()
            self.job.worker_thread.wait()

    @property
    def busy(self) -> bool:
        return self.job is not None and self.job.running

    # -- telling the CSM ----------------------------------------------------------------
    def _status(self, text: str) -> None:
        self.host.statusBar().showMessage(text, STATUS_MS)
        # Every flow ends here. The answered dialogs go now (a preview holds the whole
        # file's plan), so the collector comes back to a heap without the file's records.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self._hold.end()
        self.idle.emit(text)

    def _refused(self, title: str, intro: str, problems: list[str]) -> None:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        text = intro + "\n\n" + "\n".join(f"• {p}" for p in shown)
        if more > 0:
            text += "\n" + self.tr("… and {n} more").format(n=more)
        QMessageBox.warning(self.window, title, text)
        self._status(intro)

    def _failed(self, exc: BaseException, title: str, what: str) -> None:
        """Explain a failed job: bad input and the environment in words; a bug logged."""
        if isinstance(exc, InputProblem):
            self._refused(title, self.tr("Nothing was changed. The file cannot be used as "
                                         "it is:"), exc.problems)
        elif isinstance(exc, EnvironmentFault | OSError):
            text = str(exc) if isinstance(exc, EnvironmentFault) else exc.strerror or str(exc)
            QMessageBox.warning(self.window, title, self.tr(
                "{what} stopped: {why}\n\nNothing was changed.").format(what=what, why=text))
            self._status(self.tr("{what} stopped: nothing was changed.").format(what=what))
        else:
            show_bug(self.window, log_bug(exc, what))
            self._status(self.tr("{what} stopped: nothing was changed.").format(what=what))

    def _recent_missing(self, path: Path) -> None:
        QMessageBox.information(self.window, self.tr("File not found"), self.tr(
            "{path} is no longer there (moved or deleted), so it was taken off the list of "
            "recent files.").format(path=path))
        self._status(self.tr("{name} is no longer there.").format(name=path.name))

    # -- running work -------------------------------------------------------------------
    def _run(self, work: Callable[[Progress], Any], title: str, label: str,
             done: Callable[[Outcome, Any], None], show_at_once: bool = False,
             show_after_ms: int | None = SHOW_AFTER_MS) -> None:
        """Run ``work`` in a job, its dialog shown at once, after ``show_after_ms`` or
        (None) never; ``done(outcome, result)`` on the GUI thread."""
        self._hold.start()
        job = Job(work, title, label, self.window, self)
        job.finished.connect(done)
        job.finished.connect(lambda *_: job.deleteLater())
        self.job = job
        self.jobStarting.emit(job)
        job.start(0 if show_at_once else show_after_ms)

    def _cancel_came_too_late(self) -> bool:
        """Whether Cancel was pressed while the job that just finished was reading: what
        it read (a plan, nothing written) is dropped, as the CSM asked."""
        return self.job is not None and self.job.cancel_requested

    def _not_now(self) -> bool:
        if self.busy:
            self.host.statusBar().showMessage(self.tr(
                "Wait for the import or export under way to finish."), STATUS_MS)
            return True
        return False

    # -- import -------------------------------------------------------------------------
    def ask_import(self) -> None:
        if self._not_now():
            return
        path = file_choice.choose_import(self.window, self.host.settings)
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path | str) -> None:
        """Preview importing ``path`` (.csdesk, .csv or .xlsx), then apply on the CSM's
        word. Used by File > Import…, the recent files, a drop and the desktop."""
        if self._not_now():
            return
        path = Path(path)
        title = self.tr("Import {name}").format(name=path.name)
        if not path.is_file():
            self._refused(title, self.tr("Nothing was imported:"), [
                self.tr("{path}: no such file").format(path=path) if not path.exists()
                else self.tr("{path}: is not a file").format(path=path)])
            return
        if spreadsheet_kind(path) is not None:
            self._plan_sheet(path)
        else:
            self._plan_account_file(path, None, "")

    def _ask_passphrase(self, path: Path, problem: str) -> str | None:
        dialog = PassphraseDialog(path.name, problem, self.window)
        if not _answered(dialog):
            return None
        return dialog.value()

    def _plan_account_file(self, path: Path, passphrase: str | None, problem: str) -> None:
        if passphrase is None and calls.file_is_encrypted(path):
            passphrase = self._ask_passphrase(path, problem)
            if passphrase is None:
                self._status(self.tr("Import cancelled: nothing was changed."))
                return

        def done(outcome: Outcome, result: Any) -> None:
            if outcome is Outcome.DONE and self._cancel_came_too_late():
                self._let_go(result, self.tr("Import cancelled: nothing was changed."))
            elif outcome is Outcome.DONE:
                self._preview(path, result)
            elif outcome is Outcome.CANCELLED:
                self._status(self.tr("Import cancelled: nothing was changed."))
            elif isinstance(result, WrongPassphrase):
                self._plan_account_file(path, None, self.tr(
                    "That passphrase does not open the file, or the file was changed after "
                    "it was encrypted. Try again."))
            elif isinstance(result, PassphraseNeeded):
                self._plan_account_file(path, None, "")
            else:
                self._failed(result, self.tr("Import {name}").format(name=path.name),
                             self.tr("The import"))

        self._run(lambda progress: calls.plan_file(self.book, path, passphrase, progress),
                  self.tr("Import"), self.tr("Checking every record of {name}…").format(
                      name=path.name), done, show_at_once=True)

    def _preview(self, path: Path, plan: ImportPlan) -> None:
        self.recent.add(path)
        dialog = ImportPreviewDialog(plan, path.name, self.window)
        if not _answered(dialog) or plan.changes_nothing:
            plan.close()  # its mark on the book: applied after all, it is planned again
            self._let_go(plan, self.tr("Nothing was imported from {name}.").format(
                name=path.name))
            return

        def done(outcome: Outcome, result: Any) -> None:
            if outcome is Outcome.DONE:
                self._imported(path, *result)
            elif outcome is Outcome.CANCELLED:
                self._status(self.tr("Import cancelled: nothing was changed."))
            else:
                self._failed(result, self.tr("Import {name}").format(name=path.name),
                             self.tr("The import"))

        # The new portfolio is read by the job too: thousands of rows are no work for
        # the GUI thread to do while the window waits.
        read_portfolio = self.host.portfolio_reader()

        def work(progress: Progress) -> tuple[ImportReport, PreparedRows]:
            return calls.apply_plan(self.book, plan, progress), read_portfolio()

        self._run(work, self.tr("Import"), self.tr("Importing {name}…").format(
            name=path.name), done)

    def _let_go(self, plan: ImportPlan, said: str) -> None:
        """End the flow with a plan not applied. Its records go in a job, a slice at a
        time: dropped with the preview, a whole book's plan was freed in one go on the
        GUI thread (about 2 s of a frozen window). No dialog: the window is free to use,
        the message shows at once, and the next import waits for the job."""
        self.host.statusBar().showMessage(said, STATUS_MS)

        def work(_progress: Progress) -> None:
            plan.release()

        self._run(work, self.tr("Import"), said, lambda *_: self._status(said),
                  show_after_ms=None)

    def _imported(self, path: Path, report: ImportReport,
                  rows: PreparedRows) -> None:
        self.host.refresh(rows)
        accounts = report.counts.get("accounts")
        added = accounts.added if accounts else 0
        text = self.tr("Imported {name}: {accounts} added, {records} records added or "
                       "updated.").format(name=path.name,
                                          accounts=counted(added, "accounts"),
                                          records=f"{report.changed:,}")
        if report.superseded:
            saved = self._save_report(report)
            if saved is not None:
                text += " " + self.tr("Versions that lost are kept in {path}.").format(
                    path=saved)
        self._status(text)

    def _save_report(self, report: ImportReport) -> Path | None:
        store_path = self.book.store.path
        folder = store_path.parent if store_path is not None else config.data_dir()
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        try:
            return report.write(folder / "import-reports" / f"import-{stamp}.json")
        except (OSError, EnvironmentFault):
            return None

    # -- spreadsheet import -------------------------------------------------------------
    def _plan_sheet(self, path: Path) -> None:
        def work(progress: Progress) -> SheetPlan:
            stop_if_cancelled(progress)
            return calls.plan_sheet(self.book, path)

        def done(outcome: Outcome, result: Any) -> None:
            if outcome is Outcome.DONE and not self._cancel_came_too_late():
                self._preview_sheet(path, result)
            elif outcome is not Outcome.FAILED:
                self._status(self.tr("Import cancelled: nothing was changed."))
            else:
                self._failed(result, self.tr("Import {name}").format(name=path.name),
                             self.tr("The import"))

        self._run(work, self.tr("Import"), self.tr("Reading {name}…").format(name=path.name),
                  done)

    def _preview_sheet(self, path: Path, plan: SheetPlan) -> None:
        dialog = SheetPreviewDialog(plan, path.name, self.window)
        if not _answered(dialog) or dialog.blocked or not plan.writes:
            self._status(self.tr("Nothing was imported from {name}.").format(name=path.name))
            return

        def done(outcome: Outcome, result: Any) -> None:
            if outcome is Outcome.DONE:
                report: SheetReport = result
                self.host.refresh()
                self._status(self.tr(
                    "Imported {name}: {created} accounts created, {updated} updated, "
                    "{snapshots} health readings recorded.").format(
                        name=path.name, created=report.accounts_created,
                        updated=report.accounts_updated, snapshots=report.snapshots))
            elif outcome is Outcome.CANCELLED:
                self._status(self.tr("Import cancelled: nothing was changed."))
            else:
                self._failed(result, self.tr("Import {name}").format(name=path.name),
                             self.tr("The import"))

        self._run(lambda progress: calls.apply_sheet(self.book, plan, progress),
                  self.tr("Import"), self.tr("Importing {name}…").format(name=path.name), done)

    # -- export -------------------------------------------------------------------------
    def export_portfolio(self) -> None:
        if self._not_now():
            return
        shown = self.host.proxy.shown_rows()
        dialog = ExportDialog(self.book.accounts.count(), len(shown), None, self.window)
        if not _answered(dialog):
            return
        ids = [r.id for r in shown] if dialog.only_shown() else None
        suggested = "portfolio-filtered.csdesk" if ids is not None else "portfolio.csdesk"
        self._export_file(ids, suggested, dialog.chosen_passphrase(),
                          self.tr("Export portfolio"))

    def export_account(self) -> None:
        account_id = self.host.current_account_id()
        if account_id is None or self._not_now():
            return
        name = self.book.accounts.get(account_id).name
        dialog = ExportDialog(1, 1, name, self.window)
        if not _answered(dialog):
            return
        self._export_file([account_id], f"{file_choice.safe_file_name(name)}.csdesk",
                          dialog.chosen_passphrase(), self.tr("Export {name}").format(
                              name=name))

    def _export_file(self, ids: list[uuid.UUID] | None, suggested: str,
                     passphrase: str | None, title: str) -> None:
        target = file_choice.choose_target(
            self.window, self.host.settings, title, suggested,
            [(file_choice.account_file_filter(), ".csdesk")])
        if target is None:
            return

        def done(outcome: Outcome, result: Any) -> None:
            if outcome is Outcome.DONE:
                summary: ExportSummary = result
                self.recent.add(target)
                self._status(self.tr("Exported {accounts} to {path}{encrypted}.").format(
                    accounts=counted(summary.accounts, "accounts"), path=target,
                    encrypted=self.tr(" (encrypted)") if summary.encrypted else ""))
            elif outcome is Outcome.CANCELLED:
                self._status(self.tr("Export cancelled: no file was written."))
            else:
                self._failed(result, title, self.tr("The export"))

        self._run(lambda progress: calls.export_file(self.book, ids, target, passphrase,
                                                   progress),
                  title, self.tr("Writing {name}…").format(name=target.name), done)

    def export_table(self) -> None:
        if self._not_now():
            return
        rows = self.host.proxy.shown_rows()
        title = self.tr("Export portfolio table")
        target = file_choice.choose_target(self.window, self.host.settings, title,
                                           "portfolio.xlsx", file_choice.table_filters())
        if target is None:
            return
        forms = self.book.forms
        self._write_table(lambda: calls.export_portfolio_table(rows, target, forms), target, title,
                          self.tr("Wrote the portfolio table ({n} accounts) to {path}.").format(
                              n=len(rows), path=target))

    def export_history(self) -> None:
        account_id = self.host.current_account_id()
        if account_id is None or self._not_now():
            return
        name = self.book.accounts.get(account_id).name
        title = self.tr("Export health history of {name}").format(name=name)
        target = file_choice.choose_target(
            self.window, self.host.settings, title,
            f"{file_choice.safe_file_name(name)} health history.xlsx",
            file_choice.table_filters())
        if target is None:
            return
        self._write_table(lambda: calls.export_history_table(self.book, account_id, target),
                          target, title, self.tr(
                              "Wrote the health history of {name} to {path}.").format(
                                  name=name, path=target))

    def _write_table(self, write: Callable[[], object], target: Path, title: str,
                     success: str) -> None:
        def work(progress: Progress) -> None:
            stop_if_cancelled(progress)
            write()

        def done(outcome: Outcome, result: Any) -> None:
            if outcome is Outcome.DONE:
                self._status(success)
            elif outcome is Outcome.CANCELLED:
                self._status(self.tr("Export cancelled: no file was written."))
            else:
                self._failed(result, title, self.tr("The export"))

        self._run(work, title, self.tr("Writing {name}…").format(name=target.name), done)
