"""The main window: the portfolio with its search and filters, an account summary beside
it, a status-bar summary, and the File and Help menus."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from csdesk import __version__
from csdesk.store.book import Book
from csdesk.ui.account_actions import AccountActions
from csdesk.ui.account_panel import AccountPanel
from csdesk.ui.filter_bar import FilterBar
from csdesk.ui.portfolio_model import Column, PortfolioFilter, PortfolioModel, PreparedRows
from csdesk.ui.portfolio_table import PortfolioTable
from csdesk.ui.report_export import ReportExporter
from csdesk.ui.settings_dialog import SettingsDialog, apply_actor, csm_name
from csdesk.ui.status_summary import StatusSummary
from csdesk.ui.transfer.actions import TransferActions
from csdesk.ui.transfer.drops import dropped_file
from csdesk.ui.undo import Editor
from csdesk.ui.workshop.launcher import WorkshopLauncher
from csdesk.ui.workspace.page import PageContext

if TYPE_CHECKING:
    from csdesk.ui.workspace.workspace import AccountWorkspace

_GEOMETRY = "mainWindow/geometry"
_STATE = "mainWindow/state"
_SPLITTER = "mainWindow/splitter"
_HEADER = "portfolio/header"
_LAST_ACCOUNT = "workspace/account"
_LAST_PAGE = "workspace/page"
_SHOW_ARCHIVED = "portfolio/showArchived"


class MainWindow(QMainWindow):
    """Everything on screen for one open book; ``refresh()`` re-reads the portfolio."""

    accountActivated = Signal(object)  # uuid.UUID of the account opened

    def __init__(self, book: Book, settings: QSettings | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.book = book
        self.settings = settings if settings is not None else QSettings()
        apply_actor(book, self.settings)  # the audit trail names the CSM
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("csdesk: portfolio"))

        self.model = PortfolioModel(book.forms, book.accounts.today, self)
        self.proxy = PortfolioFilter(self)
        self.proxy.setSourceModel(self.model)

        self.table = PortfolioTable(self)
        self.table.setModel(self.proxy)
        self.panel = AccountPanel(book.forms, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)

        self.undo_stack = QUndoStack(self)
        self.editor = Editor(self.undo_stack, self)
        self._workspace: AccountWorkspace | None = None  # built when an account opens
        self.editor.changed.connect(self.refresh)
        self.account_actions = AccountActions(book, self.editor, self)
        self.exporter = ReportExporter(book, self, self.settings)
        self.transfer = TransferActions(self, self)  # import, export, recent files
        self.setAcceptDrops(True)
        self.workshops = WorkshopLauncher(book, self, self.settings)
        self.workshops.charterPdfRequested.connect(self.export_charter_pdf)
        self.workshops.workshopEnded.connect(self._workshop_ended)
        self.central = QStackedWidget(self)
        self.central.addWidget(self.splitter)
        self.setCentralWidget(self.central)

        self.filters = FilterBar(self.proxy, book.forms, self)
        toolbar = QToolBar(self.tr("Search and filters"), self)
        toolbar.setObjectName("filterToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.filters)
        self.addToolBar(toolbar)
        self.filter_toolbar = toolbar

        self.summary = StatusSummary(book.forms.health, self)
        # Permanent: a passing message on the left never hides the summary.
        self.statusBar().addPermanentWidget(self.summary)
        self.statusBar().addWidget(self.workshops.resume_button)

        self._build_menus()
        # Sum up once, after whatever changed the rows has finished.
        self._summary_due = QTimer(self)
        self._summary_due.setSingleShot(True)
        self._summary_due.setInterval(0)
        self._summary_due.timeout.connect(self._update_summary)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged):
            signal.connect(self._summary_due.start)
        # A filter that hides the previewed account leaves no row current: preview nothing.
        self.proxy.layoutChanged.connect(self._current_maybe_hidden)
        self.table.accountActivated.connect(self.accountActivated)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.accountActivated.connect(self.open_account)
        self.central.currentChanged.connect(lambda _i: self._update_account_menu())

        self._fit_on_show = False
        self._fit_when_filled = False  # fitted to an empty portfolio: again with rows
        self._restore()  # the sort order first: the rows are then sorted once, as they come
        self.refresh()

    # -- building ---------------------------------------------------------------------
    @property
    def workspace(self) -> AccountWorkspace:
        """The account workspace, built when it is first wanted: its nine pages are not
        needed to show the portfolio, and building them would delay the first paint."""
        if self._workspace is None:
            from csdesk.ui.workspace.workspace import AccountWorkspace

            workspace = AccountWorkspace(PageContext(self.book, self.editor), self)
            workspace.back.connect(self.show_portfolio)
            workspace.pageChanged.connect(
                lambda key: self.settings.setValue(_LAST_PAGE, key))
            workspace.pages["readiness"].workshopRequested.connect(  # type: ignore[attr-defined]
                self.workshops.run)
            self.central.addWidget(workspace)
            self._workspace = workspace
            # After an edit the workspace reads again first (it steps back to the
            # portfolio if its account is gone), then the portfolio: connected anew.
            self.editor.changed.disconnect(self.refresh)
            self.editor.changed.connect(self.refresh)
        return self._workspace

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_account_action = QAction(self.tr("&New account…"), self)
        self.new_account_action.setShortcuts([QKeySequence("Ctrl+N")])
        self.new_account_action.setStatusTip(self.tr("Add an account to your book"))
        self.new_account_action.triggered.connect(self.new_account)
        file_menu.addAction(self.new_account_action)
        file_menu.addSeparator()
        self.transfer.add_file_entries(file_menu)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.setStatusTip(self.tr("Close csdesk (everything is already saved)"))
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcuts([QKeySequence("Ctrl+,")])
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.show_settings)
        edit_menu.addAction(self.settings_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.show_archived_action = QAction(self.tr("Show &archived accounts"), self)
        self.show_archived_action.setCheckable(True)
        self.show_archived_action.setChecked(
            str(self.settings.value(_SHOW_ARCHIVED, "false")).lower() == "true")
        self.show_archived_action.toggled.connect(self._show_archived)
        view_menu.addAction(self.show_archived_action)

        account_menu = self.menuBar().addMenu(self.tr("&Account"))
        self.edit_details_action = QAction(self.tr("Edit &details"), self)
        self.edit_details_action.setShortcuts([QKeySequence("Ctrl+E")])
        self.edit_details_action.triggered.connect(self.edit_details)
        self.archive_action = QAction(self.tr("&Archive"), self)
        self.archive_action.triggered.connect(self.toggle_archived)
        self.delete_account_action = QAction(self.tr("De&lete…"), self)
        self.delete_account_action.setShortcuts([QKeySequence("Ctrl+Shift+Del")])
        self.delete_account_action.triggered.connect(self.delete_account)
        self.export_qbr_action = QAction(self.tr("Export &QBR deck…"), self)
        self.export_qbr_action.triggered.connect(lambda: self.export_report("qbr"))
        self.export_charter_action = QAction(self.tr("Export project &charter…"), self)
        self.export_charter_action.triggered.connect(lambda: self.export_report("charter"))
        for action in (self.edit_details_action, self.archive_action):
            account_menu.addAction(action)
        account_menu.addAction(self.workshops.action)
        account_menu.addSeparator()
        account_menu.addAction(self.export_qbr_action)
        account_menu.addAction(self.export_charter_action)
        self.transfer.add_account_entries(account_menu)
        account_menu.addSeparator()
        account_menu.addAction(self.delete_account_action)
        account_menu.aboutToShow.connect(self._update_account_menu)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About csdesk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def about_text(self) -> str:
        return self.tr(
            "<h3>csdesk {version}</h3>"
            "<p>The offline workbench for Customer Success Managers: readiness, health, "
            "checklists, workshops and QBRs.</p>").format(version=__version__)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About csdesk"), self.about_text())

    # -- the data ---------------------------------------------------------------------
    def refresh(self, rows: PreparedRows | None = None) -> None:
        """Read the portfolio again from the book, or show ``rows`` made by
        ``portfolio_reader`` (keeps filters, sorting and selection)."""
        current = self.table.current_account()
        if rows is None:
            rows = self.portfolio_reader()()
        self.model.set_rows(rows)
        if self._fit_when_filled and self.model.total:
            self._fit()  # a first import into an empty book: the columns fit what came
        self.filters.set_owners(rows.owners)
        if current is not None:
            self.select_account(current)
        self._update_summary()
        self._update_account_menu()

    def portfolio_reader(self) -> Callable[[], PreparedRows]:
        """What ``refresh`` reads, in the portfolio's order, to call on any thread: work
        that changes many accounts reads and sorts the new portfolio before it reports
        back, and the window only swaps it in."""
        accounts, archived = self.book.accounts, self.show_archived_action.isChecked()
        prepare = self.model.preparer()
        return lambda: prepare(accounts.portfolio(include_archived=archived))

    def select_account(self, account_id: uuid.UUID) -> bool:
        """Make the account's row current (if the filters show it)."""
        row = self.model.row_of(account_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, Column.ACCOUNT))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def show_account(self, account_id: uuid.UUID) -> None:
        account = self.book.accounts.get(account_id)
        snapshot = self.book.snapshots.latest(account_id)
        open_risks = self.book.risks.open_count(account_id)
        self.panel.show_account(account, snapshot, open_risks, self.book.accounts.today())

    def _current_changed(self, current: Any, _previous: Any) -> None:
        account_id = self.table.current_account()
        if account_id is not None and current.isValid():
            self.show_account(account_id)
        self._update_account_menu()

    def _current_maybe_hidden(self) -> None:
        if not self.table.currentIndex().isValid() and self.panel.details.isVisibleTo(
                self.panel):
            self.panel.show_nothing()
            self._update_account_menu()

    def open_account(self, account_id: uuid.UUID, page: str | None = None) -> None:
        """Show the account's workspace (on the page last looked at)."""
        self.show_account(account_id)
        last = self.settings.value(_LAST_PAGE)
        self.workspace.open_account(account_id, page or (last if isinstance(last, str)
                                                         else None))
        self.central.setCurrentWidget(self.workspace)
        self.filter_toolbar.hide()
        self.settings.setValue(_LAST_ACCOUNT, str(account_id))
        self.setWindowTitle(self.tr("csdesk: {name}").format(
            name=self.book.accounts.get(account_id).name))
        self.workshops.set_account(account_id)

    def show_portfolio(self) -> None:
        self.central.setCurrentWidget(self.splitter)
        self.filter_toolbar.show()
        self.settings.setValue(_LAST_ACCOUNT, "")
        self.setWindowTitle(self.tr("csdesk: portfolio"))
        self.workshops.set_account(None)
        self.refresh()
        self.table.setFocus()

    def restore_last_account(self) -> bool:
        """Reopen the account (and page) the CSM had open when csdesk last closed."""
        last = self.settings.value(_LAST_ACCOUNT)
        if not isinstance(last, str) or not last:
            return False
        try:
            account_id = uuid.UUID(last)
            self.book.accounts.get(account_id)
        except (ValueError, LookupError):
            return False
        self.select_account(account_id)
        self.open_account(account_id)
        return True

    # -- accounts: create, archive, delete ------------------------------------------------
    def current_account_id(self) -> uuid.UUID | None:
        """The account open in the workspace, else the one selected in the portfolio."""
        if self._workspace is not None and self.central.currentWidget() is self._workspace:
            return self._workspace.account_id
        return self.table.current_account()

    def _update_account_menu(self) -> None:
        account_id = self.current_account_id()
        archived = False
        if account_id is not None:
            row = self.model.row_of(account_id)
            archived = (self.model.row_at(row).archived if row is not None
                        else self.book.accounts.get(account_id).archived)
        for action in (self.edit_details_action, self.archive_action,
                       self.delete_account_action, self.export_qbr_action,
                       self.export_charter_action):
            action.setEnabled(account_id is not None)
        self.archive_action.setText(self.tr("Un&archive") if archived else self.tr("&Archive"))
        self.transfer.update_enabled()

    def new_account(self) -> uuid.UUID | None:
        created = self.account_actions.ask_new_account(csm_name(self.settings))
        if created is None:
            return None
        self.select_account(created.id)
        self.open_account(created.id, "details")
        return created.id

    def edit_details(self) -> None:
        account_id = self.current_account_id()
        if account_id is not None:
            self.open_account(account_id, "details")

    def toggle_archived(self) -> None:
        account_id = self.current_account_id()
        if account_id is not None:
            archived = self.book.accounts.get(account_id).archived
            self.account_actions.set_archived(account_id, not archived)
            self._update_account_menu()

    def delete_account(self) -> None:
        account_id = self.current_account_id()
        if account_id is not None:
            self.account_actions.delete(account_id)

    def export_report(self, kind: str) -> None:
        """Export the current account's QBR deck (its latest QBR) or project charter."""
        account_id = self.current_account_id()
        if account_id is not None:
            self.exporter.export(kind, account_id)

    def export_charter_pdf(self, account_id: uuid.UUID) -> None:
        """The charter of a workshop just ended, through the shared export action."""
        self.exporter.export("charter", account_id)

    def _workshop_ended(self, _account_id: uuid.UUID) -> None:
        if self._workspace is not None:
            self._workspace.refresh()

    def _show_archived(self, shown: bool) -> None:
        self.settings.setValue(_SHOW_ARCHIVED, shown)
        self.refresh()

    def show_settings(self) -> None:
        SettingsDialog(self.book, self.settings, self).exec()

    def _update_summary(self) -> None:
        self.summary.update_counts(self.proxy.shown_rows(), self.model.total)

    # -- remembering the layout ---------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.value(_GEOMETRY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self._default_size()
        state = self.settings.value(_STATE)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value(_SPLITTER)
        if not (isinstance(splitter, QByteArray) and self.splitter.restoreState(splitter)):
            self._fit_on_show = True
        header = self.table.horizontalHeader()
        saved = self.settings.value(_HEADER)
        if not (isinstance(saved, QByteArray) and header.restoreState(saved)):
            self._fit_on_show = True  # widths fit the text once the view has its size
            header.setSortIndicator(Column.HEALTH, Qt.SortOrder.AscendingOrder)
        self.table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_on_show:  # first start: sizes that fit, once the window has its own
            self._fit_on_show = False
            QTimer.singleShot(0, self._fit)

    def _fit(self) -> None:
        self._fit_when_filled = self.model.total == 0  # only the titles to fit to now
        widths = self.table.text_widths()  # measured once, for both
        if self.settings.value(_SPLITTER) is None:
            # The panel's preferred width, less what the table needs to show its text.
            room = self.splitter.width() - self.splitter.handleWidth()
            preferred = self.panel.fontMetrics().averageCharWidth() * 48
            panel = max(self.panel.minimumWidth(),
                        min(preferred, room - self.table.wanted_width(widths)))
            self.splitter.setSizes([room - panel, panel])
        if self.settings.value(_HEADER) is None:
            self.table.fit_columns(widths)

    def _default_size(self) -> None:
        screen = self.screen().availableGeometry()
        width = min(1800, int(screen.width() * 0.96))
        height = min(1000, int(screen.height() * 0.92))
        self.resize(width, height)
        self.move(screen.center().x() - width // 2, screen.center().y() - height // 2)

    def save_layout(self) -> None:
        self.settings.setValue(_GEOMETRY, self.saveGeometry())
        self.settings.setValue(_STATE, self.saveState())
        self.settings.setValue(_SPLITTER, self.splitter.saveState())
        self.settings.setValue(_HEADER, self.table.horizontalHeader().saveState())
        self.settings.sync()

    # -- a file dropped on the window: import it, after the preview ------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event.mimeData())
        if path is None:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self.transfer.import_file(path))  # after the drop ends

    def closeEvent(self, event: QCloseEvent) -> None:
        self.transfer.stop()
        self.save_layout()
        super().closeEvent(event)
