"""The Readiness page: the organizational readiness assessment of forms/readiness.toml,
with the live score, level, levers and recommendations, and the past assessments.

An assessment belongs to a date. If the account has one on that date, a change corrects
it; if not, the first change records one, pre-filled from the latest earlier one. Each
change is saved at once and can be undone by name ("Undo set Executive sponsorship to
4"). A past assessment opens from the history (Enter or double-click).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csdesk.playbook.readiness import ReadinessResult, readiness_score
from csdesk.playbook.records import READINESS_DIMENSIONS, RISK_LISTS, ReadinessAssessment
from csdesk.store.views import AssessmentView
from csdesk.ui.formatting import date_text
from csdesk.ui.workspace.assessment_history_model import AssessmentHistoryModel
from csdesk.ui.workspace.page import PageContext, WorkspacePage
from csdesk.ui.workspace.readiness_card import ReadinessCard
from csdesk.ui.workspace.readiness_inputs import ReadinessInputs

Do = Callable[[], Any]
Undo = Callable[[Any], None]


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def values_of(view: AssessmentView) -> dict[str, Any]:
    return {name: getattr(view, name) for name in (*READINESS_DIMENSIONS, *RISK_LISTS)}


class ReadinessPage(WorkspacePage):
    title = "Readiness"
    workshopRequested = Signal(object)  # uuid.UUID: run (or resume) the kickoff workshop

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.title = self.tr("Readiness")
        form = self.book.forms.readiness
        self.history: list[AssessmentView] = []
        self.current: AssessmentView | None = None  # the assessment on the chosen date
        self.pinned: uuid.UUID | None = None  # a past assessment opened from the history

        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.date.setAccessibleName(self.tr("Date of the assessment"))
        self.date.dateChanged.connect(lambda _d: self._date_picked())
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        date_label = QLabel(self.tr("Assessment of"), self)
        date_label.setBuddy(self.date)
        top = QHBoxLayout()
        top.addWidget(date_label)
        top.addWidget(self.date)
        top.addWidget(self.state, 1)
        self.workshop_button = QPushButton(self.tr("Run kickoff workshop"), self)
        self.workshop_button.setAccessibleName(self.tr("Run the kickoff workshop"))
        self.workshop_button.setToolTip(self.tr(
            "Score readiness live with the customer's team, full screen on the projector"))
        self.workshop_button.clicked.connect(
            lambda: self.workshopRequested.emit(self.account_id))
        top.addWidget(self.workshop_button)

        self.inputs = ReadinessInputs(form, self)
        self.inputs.liveChanged.connect(self._live)
        self.inputs.committed.connect(self._commit)
        self.card = ReadinessCard(form, self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.inputs)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        card_scroll = QScrollArea(self)
        card_scroll.setWidgetResizable(True)
        card_scroll.setWidget(self.card)
        card_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        upper = QSplitter(Qt.Orientation.Horizontal, self)
        upper.addWidget(scroll)
        upper.addWidget(card_scroll)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 1)
        self.upper_split = upper

        self.model = AssessmentHistoryModel(form, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Past assessments"))
        self.table.setToolTip(self.tr("Enter or double-click opens an assessment"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._open_row)
        history = QWidget(self)
        hl = QVBoxLayout(history)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(QLabel(self.tr("<b>Past assessments</b>"), history))
        hl.addWidget(self.table)

        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(upper)
        body.addWidget(history)
        body.setStretchFactor(0, 4)
        body.setStretchFactor(1, 1)
        self.body_split = body
        self._sized = False
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)

    # -- reading ------------------------------------------------------------------------
    def load(self, account_id: Any) -> None:
        self.account_id = account_id
        self.pinned = None
        self.date.blockSignals(True)
        self.date.setDate(_qdate(self.context.today()))
        self.date.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        if self.account_id is None:
            return
        self.history = self.book.assessments.history(self.account_id)
        self.model.set_history(self.history)
        running = self.book.workshops.active(self.account_id) is not None
        self.workshop_button.setText(self.tr("Resume kickoff workshop") if running
                                     else self.tr("Run kickoff workshop"))
        self.table.resizeColumnsToContents()
        self._show_date()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            card = max(340, self.card.sizeHint().width())
            self.upper_split.setSizes([max(400, self.width() - card), card])
            self.body_split.setSizes([self.height() * 4 // 5, self.height() // 5])

    def chosen_date(self) -> dt.date:
        d = self.date.date()
        return dt.date(d.year(), d.month(), d.day())

    def _date_picked(self) -> None:
        self.pinned = None
        self._show_date()

    def _show_date(self) -> None:
        day = self.chosen_date()
        on_day = [a for a in self.history if a.assessed_on == day]
        earlier = [a for a in self.history if a.assessed_on < day]
        pinned = [a for a in on_day if a.id == self.pinned]
        self.current = pinned[0] if pinned else (on_day[-1] if on_day else None)
        source = self.current or (earlier[-1] if earlier else None)
        form = self.book.forms.readiness
        middle = float((form.scale_min + form.scale_max) // 2)
        values = (values_of(source) if source is not None
                  else dict.fromkeys(READINESS_DIMENSIONS, middle))
        self.inputs.set_values(values)
        if self.current is not None:
            self.state.setText(self.tr(
                "Editing the assessment of {day} ({source}, scored with readiness form "
                "v{v}). Changes are saved as you go.").format(
                    day=date_text(day), source=self.model.source_text(self.current.source),
                    v=self.current.form_version))
        elif source is not None:
            self.state.setText(self.tr(
                "No assessment on {day} yet: your first change records one, starting from "
                "the assessment of {prev}.").format(day=date_text(day),
                                                    prev=date_text(source.assessed_on)))
        else:
            self.state.setText(self.tr(
                "No assessment yet: every dimension starts at {mid:g}; your first change "
                "records one.").format(mid=middle))

    def _open_row(self, index: QModelIndex) -> None:
        chosen = self.model.rows[index.row()]
        self.date.blockSignals(True)
        self.date.setDate(_qdate(chosen.assessed_on))
        self.date.blockSignals(False)
        self.pinned = chosen.id
        self._show_date()

    # -- live score ---------------------------------------------------------------------
    def live_result(self) -> ReadinessResult:
        assessment = ReadinessAssessment.model_validate(self.inputs.assessment_values())
        return readiness_score(assessment, self.book.forms.readiness)

    def _live(self) -> None:
        result = self.live_result()
        self.card.show_result(result)
        self.inputs.show_result(result)

    # -- saving -------------------------------------------------------------------------
    def _commit(self, text: str) -> None:
        assert self.account_id is not None
        assessment = ReadinessAssessment.model_validate(self.inputs.assessment_values())
        if self.current is None:
            do, undo = self._recording(self.account_id, self.chosen_date(), assessment)
        else:
            do, undo = self._correcting(self.current, assessment)
        result = self.editor.edit(text, do, undo)
        if result is None:
            self.refresh()  # refused: show what is stored
        elif self.current is None:
            self.pinned = result.id

    def _recording(self, account_id: uuid.UUID, day: dt.date,
                   assessment: ReadinessAssessment) -> tuple[Do, Undo]:
        """The first change of a date records its assessment; undo deletes it again."""
        assessments = self.book.assessments
        new_id = uuid.uuid4()  # a redo records it again under the same id

        def do() -> Any:
            return assessments.record(account_id, day, assessment, assessment_id=new_id)

        def undo(_recorded: Any) -> None:
            assessments.delete(new_id)

        return do, undo

    def _correcting(self, before: AssessmentView,
                    assessment: ReadinessAssessment) -> tuple[Do, Undo]:
        """A later change corrects the date's assessment; undo puts the old values back."""
        assessments = self.book.assessments
        old = ReadinessAssessment.model_validate(values_of(before))

        def do() -> Any:
            return assessments.update(before.id, assessment)

        def undo(_updated: Any) -> None:
            assessments.update(before.id, old)

        return do, undo
