"""The Health page: enter a reading of the twelve metrics, see the score, status, levers
and recommendations change as you type, and the history with its trend.

A reading belongs to a date. If the account has a snapshot on that date, an edit
corrects it; if not, the first edit records one, pre-filled from the latest earlier
reading. Each finished edit is saved at once and can be undone.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csdesk.playbook.health import health_score
from csdesk.playbook.records import (
    HEALTH_METRICS,
    OPERATIONAL_FIGURES,
    HealthMetrics,
    OperationalFigures,
)
from csdesk.reports.chart_data import score_points, status_bands
from csdesk.reports.charts import health_trend
from csdesk.store.views import SnapshotView
from csdesk.ui.workspace.health_inputs import HealthInputs
from csdesk.ui.workspace.page import PageContext, WorkspacePage
from csdesk.ui.workspace.score_card import ScoreCard
from csdesk.ui.workspace.snapshot_history_model import SnapshotHistoryModel
from csdesk.ui.workspace.trend_chart import ChartView

DEFAULT_METRIC = 50.0


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class HealthPage(WorkspacePage):
    title = "Health"

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.title = self.tr("Health")
        forms = self.book.forms
        self.history: list[SnapshotView] = []
        self.current: SnapshotView | None = None  # the snapshot on the chosen date

        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.date.setAccessibleName(self.tr("Date of the reading"))
        self.date.dateChanged.connect(lambda _d: self._show_date())
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Reading of"), self))
        top.addWidget(self.date)
        top.addWidget(self.state, 1)

        self.inputs = HealthInputs(forms.health, forms.signals, self)
        self.inputs.liveChanged.connect(self._live)
        self.inputs.committed.connect(self._commit)
        self.card = ScoreCard(forms.health, self)
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

        self.model = SnapshotHistoryModel(forms.health, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Snapshot history"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(self._open_row)
        self.chart = ChartView(self)
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(self.chart)
        lower.addWidget(self.table)
        lower.setStretchFactor(0, 1)
        lower.setStretchFactor(1, 1)
        self.lower_split = lower
        self._sized = False

        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(upper)
        body.addWidget(lower)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)

    # -- reading ------------------------------------------------------------------------
    def load(self, account_id: Any) -> None:
        self.account_id = account_id
        self.date.blockSignals(True)
        self.date.setDate(_qdate(self.context.today()))
        self.date.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        if self.account_id is None:
            return
        self.history = self.book.snapshots.history(self.account_id)
        self.model.set_history(self.history)
        self.table.resizeColumnsToContents()
        self._show_date()
        if self.isVisible() or self.chart.canvas is not None:
            self.draw_chart()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._sized:  # first show: room for the score card and the chart
            self._sized = True
            card = max(340, self.card.sizeHint().width())
            self.upper_split.setSizes([max(400, self.width() - card), card])
            self.lower_split.setSizes([self.width() * 11 // 20, self.width() * 9 // 20])
        if self.account_id is not None and self.chart.canvas is None:
            self.draw_chart()

    def draw_chart(self) -> None:
        points = score_points(self.history)
        bands = status_bands(self.book.forms.health)
        self.chart.show_figure(lambda: health_trend(points, bands, size=(6.0, 2.8)))

    def chosen_date(self) -> dt.date:
        d = self.date.date()
        return dt.date(d.year(), d.month(), d.day())

    def _show_date(self) -> None:
        day = self.chosen_date()
        on_day = [s for s in self.history if s.as_of == day]
        earlier = [s for s in self.history if s.as_of < day]
        self.current = on_day[-1] if on_day else None
        source = self.current or (earlier[-1] if earlier else None)
        if source is None:
            metrics = dict.fromkeys(HEALTH_METRICS, DEFAULT_METRIC)
            figures: dict[str, Any] = {}
            flags: list[str] = []
            note = ""
        else:
            metrics = {m: getattr(source, m) for m in HEALTH_METRICS}
            figures = {f: getattr(source, f) for f in OPERATIONAL_FIGURES}
            flags = list(source.flags) if self.current is not None else []
            note = source.note if self.current is not None else ""
        self.inputs.set_values(metrics, figures, flags, note)
        if self.current is not None:
            self.state.setText(self.tr(
                "Editing the reading of {day} (scored with health form v{v}). "
                "Changes are saved as you go.").format(
                    day=day.strftime("%d %b %Y"), v=self.current.form_version))
        elif source is not None:
            self.state.setText(self.tr(
                "No reading on {day} yet: your first change records one, starting from "
                "the reading of {prev}.").format(day=day.strftime("%d %b %Y"),
                                                 prev=source.as_of.strftime("%d %b %Y")))
        else:
            self.state.setText(self.tr(
                "No reading yet: enter the metrics and the first change records one."))

    def _open_row(self, index: Any) -> None:
        snap = self.model.rows[index.row()]
        self.date.setDate(_qdate(snap.as_of))

    # -- live score ---------------------------------------------------------------------
    def live_result(self) -> Any:
        metrics = HealthMetrics.model_validate(self.inputs.metrics())
        return health_score(metrics, self.book.forms.health)

    def _live(self) -> None:
        result = self.live_result()
        self.card.show_result(result)
        self.inputs.show_result(result)

    # -- saving -------------------------------------------------------------------------
    def _commit(self, name: str, label: str, old: Any, new: Any) -> None:
        assert self.account_id is not None
        text = self.tr("set {label} to {value}").format(label=label, value=self._describe(new))
        reading = (HealthMetrics.model_validate(self.inputs.metrics()),
                   OperationalFigures.model_validate(self.inputs.figures()),
                   self.inputs.flags(), self.inputs.note.text().strip())
        if self.current is None:
            do, undo = self._recording(self.account_id, self.chosen_date(), reading)
        else:
            do, undo = self._correcting(self.current, reading)
        if self.editor.edit(text, do, undo) is None:
            self.refresh()  # refused: show what is stored

    def _recording(self, account_id: uuid.UUID, day: dt.date,
                   reading: tuple[HealthMetrics, OperationalFigures, list[str], str]
                   ) -> tuple[Callable[[], Any], Callable[[Any], None]]:
        """The first edit of a date records its snapshot; undo deletes it again."""
        snapshots = self.book.snapshots
        new_id = uuid.uuid4()  # a redo records it again under the same id

        def do() -> Any:
            return snapshots.record(account_id, day, *reading, snapshot_id=new_id)

        def undo(recorded: Any) -> None:
            snapshots.delete(recorded.snapshot.id)

        return do, undo

    def _correcting(self, before: SnapshotView,
                    reading: tuple[HealthMetrics, OperationalFigures, list[str], str]
                    ) -> tuple[Callable[[], Any], Callable[[Any], None]]:
        """A later edit corrects the date's snapshot; undo puts the old values back."""
        snapshots = self.book.snapshots
        old = (HealthMetrics.model_validate({m: getattr(before, m) for m in HEALTH_METRICS}),
               OperationalFigures.model_validate(
                   {f: getattr(before, f) for f in OPERATIONAL_FIGURES}),
               list(before.flags), before.note)

        def do() -> Any:
            return snapshots.update(before.id, *reading)

        def undo(_recorded: Any) -> None:
            snapshots.update(before.id, *old)

        return do, undo

    def _describe(self, value: Any) -> str:
        if value is None:
            return self.tr("unknown")
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)
