"""The vote grid on the projector: arrow keys move, 1-5 votes, 0 or Delete withdraws.

After a vote the cursor moves on to the next participant of the same dimension (and
from the last participant to the first of the next dimension): going round the room.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from csdesk.ui.undo import EXPECTED, explain
from csdesk.ui.workshop.vote_model import VoteGridModel

_DIGITS = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4,
           Qt.Key.Key_5: 5}
_CLEAR = (Qt.Key.Key_0, Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class VoteGrid(QTableView):
    def __init__(self, model: VoteGridModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.grid_model = model
        self.setObjectName("voteGrid")
        self.setAccessibleName(self.tr("Votes: a row per dimension, a column per participant"))
        self.setToolTip(self.tr("Arrow keys move · 1-5 votes · 0 or Delete clears"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        model.modelReset.connect(self._size_columns)
        model.columnsInserted.connect(lambda *_: self._size_columns())

    def _size_columns(self) -> None:
        """Participants share the width; the mean and the spread take what they need."""
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (self.grid_model.mean_column, self.grid_model.spread_column):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self._fit_tally_columns()
        self._first_cell()

    def _fit_tally_columns(self) -> None:
        """Fixed widths (no measuring of every row on each vote): what "Spread" and
        "4  ⚠" need in the fonts the projector style gives."""
        header = self.horizontalHeader()
        wide = max(header.fontMetrics().horizontalAdvance("Spread"),
                   self.fontMetrics().horizontalAdvance("4  ⚠")) + 40
        for column in (self.grid_model.mean_column, self.grid_model.spread_column):
            if header.sectionSize(column) != wide:
                header.resizeSection(column, wide)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_tally_columns()
        super().resizeEvent(event)

    def _first_cell(self) -> None:
        if not self.currentIndex().isValid() and self.grid_model.participants:
            self.setCurrentIndex(self.grid_model.index(0, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.NoModifier and (key in _DIGITS or key in _CLEAR):
            self.vote(_DIGITS.get(key))
            event.accept()
            return
        super().keyPressEvent(event)

    def vote(self, value: int | None) -> None:
        index = self.currentIndex()
        if not self.grid_model.is_vote_cell(index):
            return
        try:
            self.grid_model.vote(index.row(), index.column(), value)
        except EXPECTED as exc:
            explain(self, exc)
            return
        if value is not None:
            self._next_cell(index.row(), index.column())

    def _next_cell(self, row: int, column: int) -> None:
        people = len(self.grid_model.participants)
        if column + 1 < people:
            column += 1
        elif row + 1 < self.grid_model.rowCount():
            row, column = row + 1, 0
        self.setCurrentIndex(self.grid_model.index(row, column))
