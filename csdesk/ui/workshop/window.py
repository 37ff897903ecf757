"""The kickoff workshop window: full screen on the projector, large type, high contrast.

Top: the account, the live score and level, the light/dark toggle, End and Leave. Left:
the agenda with its clock. Right: the vote grid with the participants (tab 1) and the
deliverables being captured (tab 2). Every vote and note is saved as it is entered, so
leaving (Esc, after a confirmation) or a crash loses nothing: the workshop resumes from
the store. Ending it shows a summary with "Save charter PDF…".
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csdesk.store.book import Book
from csdesk.store.repos.workshops import WorkshopOutcome, WorkshopView
from csdesk.ui.undo import EXPECTED, explain
from csdesk.ui.workshop.agenda_clock import AgendaClockWidget, Now
from csdesk.ui.workshop.capture import DeliverablesCapture
from csdesk.ui.workshop.end_dialog import ConsensusDialog
from csdesk.ui.workshop.projector_style import PALETTES, style_sheet
from csdesk.ui.workshop.tally_panel import TallyPanel
from csdesk.ui.workshop.vote_grid import VoteGrid
from csdesk.ui.workshop.vote_model import VoteGridModel
from csdesk.ui.workshop.vote_writer import VoteWriter

THEME_KEY = "workshop/theme"


class WorkshopWindow(QWidget):
    charterPdfRequested = Signal(object)  # uuid.UUID of the account
    ended = Signal(object)  # WorkshopOutcome
    left = Signal()  # the window closed (the workshop may still be running)

    def __init__(self, book: Book, workshop: WorkshopView, now: Now,
                 settings: QSettings | None = None, parent: QWidget | None = None,
                 confirm: Callable[[QWidget], bool] | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.book = book
        self.workshop = workshop
        self.account_id = workshop.account_id
        self.settings = settings if settings is not None else QSettings()
        self.confirm_leave = confirm or _ask_leave
        self.setObjectName("workshopWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        name = book.accounts.get(self.account_id).name
        self.setWindowTitle(self.tr("Kickoff workshop: {name}").format(name=name))

        self.writer = VoteWriter(book.workshops.vote, self)
        self.writer.failed.connect(self._vote_refused)
        self.model = VoteGridModel(book.forms.readiness, book.forms.workshop,
                                   self.writer.submit, self)
        self.grid = VoteGrid(self.model, self)
        self.tally = TallyPanel(self)
        self.model.tallyChanged.connect(self.tally.show_tally)
        self.clock = AgendaClockWidget(book.forms.workshop, now, self)
        self.clock.advanceRequested.connect(self.advance)
        self.capture = DeliverablesCapture(self._save_note, self._set_phase, self)

        title = QLabel(self.tr("Kickoff workshop · {name}").format(name=name), self)
        title.setProperty("role", "title")
        self.theme_button = QPushButton(self)
        self.theme_button.setAccessibleName(self.tr("Switch between light and dark"))
        self.theme_button.clicked.connect(self.toggle_theme)
        self.end_button = QPushButton(self.tr("End workshop…"), self)
        self.end_button.setAccessibleName(self.tr("End the workshop and save"))
        self.end_button.clicked.connect(self.end_workshop)
        self.leave_button = QPushButton(self.tr("Leave (Esc)"), self)
        self.leave_button.setAccessibleName(self.tr("Leave the workshop mode"))
        self.leave_button.clicked.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        for button in (self.theme_button, self.end_button, self.leave_button):
            top.addWidget(button)

        self.new_person = QLineEdit(self)
        self.new_person.setPlaceholderText(self.tr("Add a participant: name, Enter"))
        self.new_person.setAccessibleName(self.tr("New participant's name"))
        self.new_person.returnPressed.connect(self.add_participant)
        votes_page = QWidget(self)
        vl = QVBoxLayout(votes_page)
        vl.setContentsMargins(0, 0, 0, 0)
        vl.addWidget(self.new_person)
        vl.addWidget(self.grid, 1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(votes_page, self.tr("Readiness votes"))
        self.tabs.addTab(self.capture, self.tr("Charter and plan"))

        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.clock, 3)
        ll.addWidget(self.tally, 2)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        self.split = split
        running = QWidget(self)
        rl = QVBoxLayout(running)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(top)
        rl.addWidget(split, 1)

        self.summary = QLabel(self)
        self.summary.setObjectName("endSummary")
        self.summary.setWordWrap(True)
        self.summary.setProperty("role", "title")
        self.pdf_button = QPushButton(self.tr("Save charter PDF…"), self)
        self.pdf_button.setAccessibleName(self.tr("Save the project charter as a PDF"))
        self.pdf_button.clicked.connect(lambda: self.charterPdfRequested.emit(self.account_id))
        self.done_button = QPushButton(self.tr("Close"), self)
        self.done_button.clicked.connect(self.close)
        done = QWidget(self)
        dl = QVBoxLayout(done)
        dl.addStretch(1)
        dl.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(self.pdf_button)
        row.addWidget(self.done_button)
        row.addStretch(1)
        dl.addLayout(row)
        dl.addStretch(2)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(running)
        self.pages.addWidget(done)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.pages)
        for key, tab in (("Ctrl+1", 0), ("Ctrl+2", 1)):
            QShortcut(QKeySequence(key), self).activated.connect(
                lambda t=tab: self.tabs.setCurrentIndex(t))
        QShortcut(QKeySequence("Ctrl+T"), self).activated.connect(self.toggle_theme)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.clock.next.click)

        saved = self.settings.value(THEME_KEY, "dark")
        self.set_theme(saved if isinstance(saved, str) and saved in PALETTES else "dark")
        self.load(workshop)
        self.clock.timer.start()

    # -- contents -----------------------------------------------------------------------
    def load(self, workshop: WorkshopView) -> None:
        self.workshop = workshop
        self.model.load(workshop.participants, workshop.votes)
        self.clock.set_blocks(workshop.blocks)
        self.capture.load(workshop.notes, self.book.workflows.list(self.account_id))
        self.grid.setFocus()

    def theme(self) -> str:
        return self.model.palette.name

    def set_theme(self, name: str) -> None:
        palette = PALETTES[name]
        self.setStyleSheet(style_sheet(palette))
        self.model.set_palette(palette)
        other = "light" if name == "dark" else "dark"
        self.theme_button.setText(self.tr("Light") if other == "light" else self.tr("Dark"))
        self.theme_button.setToolTip(self.tr("Switch to the {other} look (Ctrl+T)")
                                     .format(other=other))
        self.settings.setValue(THEME_KEY, name)

    def toggle_theme(self) -> None:
        self.set_theme("light" if self.theme() == "dark" else "dark")

    # -- actions ------------------------------------------------------------------------
    def _try(self, action: Callable[[], object]) -> object | None:
        try:
            return action()
        except EXPECTED as exc:
            explain(self, exc)
            return None

    def add_participant(self) -> None:
        name = self.new_person.text().strip()
        if not name:
            return
        person = self._try(lambda: self.book.workshops.add_participant(self.workshop.id,
                                                                       name))
        if person is not None:
            self.model.add_participant(person)  # type: ignore[arg-type]
            self.new_person.clear()
            self.grid.setCurrentIndex(self.model.index(0, self.model.mean_column - 1))
            self.grid.setFocus()

    def advance(self) -> None:
        moved = self._try(lambda: self.book.workshops.advance(self.workshop.id))
        if isinstance(moved, WorkshopView):
            self.workshop = moved
            self.clock.set_blocks(moved.blocks)

    def _vote_refused(self, exc: Exception) -> None:
        """The store refused a vote: show why, and the votes as they are stored."""
        self.writer.drain()
        if isinstance(exc, EXPECTED):
            explain(self, exc)
        else:
            raise exc
        self.load(self.book.workshops.get(self.workshop.id))

    def _save_note(self, topic: str, text: str) -> None:
        self._try(lambda: self.book.workshops.set_note(self.workshop.id, topic, text))

    def _set_phase(self, workflow_id: uuid.UUID, chosen: bool) -> None:
        current = self.book.workflows.get(workflow_id)
        if chosen:
            self._try(lambda: self.book.workflows.update(workflow_id, {"phase": 1}))
        elif current.phase == 1:
            self._try(lambda: self.book.workflows.update(workflow_id, {"phase": None}))

    def end_workshop(self) -> WorkshopOutcome | None:
        self.capture.flush()
        self.writer.drain()
        dialog = ConsensusDialog(self.model.current, self.book.forms.readiness, self)
        dialog.setObjectName("consensusDialog")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.finish(dialog.consensus())

    def finish(self, consensus: dict[str, float]) -> WorkshopOutcome | None:
        self.writer.drain()
        outcome = self._try(lambda: self.book.workshops.end(self.workshop.id, consensus))
        if not isinstance(outcome, WorkshopOutcome):
            return None
        saved = outcome.assessment
        votes = sum(len(v) for v in self.model.votes.values())
        self.summary.setText(self.tr(
            "The workshop is over. Readiness {score:.1f} ({level}) is recorded with {votes} "
            "votes from {people} participants; the charter is filled in and {ticked} "
            "checklist items are ticked.").format(
                score=saved.score, level=saved.level, votes=votes,
                people=len(self.model.participants), ticked=outcome.ticked))
        self.pages.setCurrentIndex(1)
        self.clock.timer.stop()
        self.pdf_button.setFocus()
        self.ended.emit(outcome)
        return outcome

    @property
    def is_ended(self) -> bool:
        return self.pages.currentIndex() == 1

    # -- leaving ------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.is_ended and not self.confirm_leave(self):
            event.ignore()
            return
        self.capture.flush()
        self.writer.stop()
        self.clock.timer.stop()
        super().closeEvent(event)
        self.left.emit()


def _ask_leave(parent: QWidget) -> bool:
    answer = QMessageBox.question(
        parent, parent.tr("Leave the workshop?"),
        parent.tr("Leave the workshop mode? Everything is saved: reopen the account to "
                  "resume where you are."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
