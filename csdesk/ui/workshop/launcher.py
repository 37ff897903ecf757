"""Starting and resuming the kickoff workshop from the main window.

``WorkshopLauncher`` owns the Account menu's action, the "Resume kickoff workshop"
button shown while the open account has a workshop running, and the open workshop
window (one at a time). A new workshop starts with the account's stakeholders as its
participants; more are added in the room.

The workshop window's module is imported when a workshop first opens, not with the main
window (no import cycle: it only costs every start ~20 ms otherwise).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton, QWidget

from csdesk.store.book import Book
from csdesk.ui.undo import EXPECTED, explain

if TYPE_CHECKING:
    from csdesk.ui.workshop.window import WorkshopWindow


class WorkshopLauncher(QObject):
    charterPdfRequested = Signal(object)  # uuid.UUID of the account
    workshopEnded = Signal(object)  # uuid.UUID of the account

    def __init__(self, book: Book, parent: QWidget, settings: QSettings | None = None,
                 full_screen: bool = True):
        super().__init__(parent)
        self.book = book
        self.parent_widget = parent
        self.settings = settings
        self.full_screen = full_screen
        self.account_id: uuid.UUID | None = None
        self.window: WorkshopWindow | None = None
        self.action = QAction(self.tr("Run &kickoff workshop…"), self)
        self.action.setStatusTip(self.tr(
            "Day 1 on the projector: agenda and clock, live readiness votes, the charter"))
        self.action.triggered.connect(lambda: self.run(self.account_id))
        self.resume_button = QPushButton(self.tr("Resume kickoff workshop"), parent)
        self.resume_button.setObjectName("resumeWorkshop")
        self.resume_button.setAccessibleName(self.tr("Resume the running kickoff workshop"))
        self.resume_button.clicked.connect(lambda: self.run(self.account_id))
        self.resume_button.hide()
        self.set_account(None)

    def set_account(self, account_id: uuid.UUID | None) -> None:
        """The account in view changed (None: the portfolio)."""
        self.account_id = account_id
        self.action.setEnabled(account_id is not None)
        running = account_id is not None and self.book.workshops.active(account_id) is not None
        self.resume_button.setVisible(running)
        self.action.setText(self.tr("Resume &kickoff workshop…") if running
                            else self.tr("Run &kickoff workshop…"))

    def run(self, account_id: uuid.UUID | None) -> WorkshopWindow | None:
        """Open the account's running workshop, or start one."""
        if account_id is None:
            return None
        if self.window is not None and self.window.account_id == account_id:
            self.window.raise_()
            self.window.activateWindow()
            return self.window
        try:
            workshop = self.book.workshops.active(account_id)
            if workshop is None:
                people = [(s.name, s.id) for s in self.book.stakeholders.list(account_id)]
                workshop = self.book.workshops.start(account_id, people)
        except EXPECTED as exc:
            explain(self.parent_widget, exc)
            return None
        if self.window is not None:
            self.window.close()
        from csdesk.ui.workshop.window import WorkshopWindow  # see the module's docstring

        window = WorkshopWindow(self.book, workshop, self.book.workshops.now, self.settings)
        window.charterPdfRequested.connect(self.charterPdfRequested)
        window.ended.connect(lambda _o: self._ended(account_id))
        window.left.connect(lambda: self._closed(window))
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.window = window
        self.set_account(self.account_id)
        if self.full_screen:
            window.showFullScreen()
        else:
            window.show()
        return window

    def _ended(self, account_id: uuid.UUID) -> None:
        self.set_account(self.account_id)
        self.workshopEnded.emit(account_id)

    def _closed(self, window: WorkshopWindow) -> None:
        if self.window is window:
            self.window = None
            self.set_account(self.account_id)
