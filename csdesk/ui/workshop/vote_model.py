"""The room's votes as a table: one row per readiness dimension, one column per
participant, then the mean, the spread and whether the room disagrees.

Entering a vote hands it to ``store_vote`` (in the window, the vote writer's queue: the
store has it a few milliseconds later), and the row and the live tally update at once.
Tested without widgets.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtCore import Signal as _Signal
from PySide6.QtGui import QBrush, QColor, QFont

from csdesk.playbook.agenda_form import WorkshopAgenda
from csdesk.playbook.readiness_form import ReadinessForm
from csdesk.playbook.workshop import WorkshopTally, tally
from csdesk.store.repos.workshops import ParticipantView
from csdesk.ui.workshop.projector_style import LIGHT, Palette

StoreVote = Callable[[uuid.UUID, str, int | None], None]
Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole


class VoteGridModel(QAbstractTableModel):
    tallyChanged = _Signal(object)  # WorkshopTally

    def __init__(self, form: ReadinessForm, agenda: WorkshopAgenda, store_vote: StoreVote,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.form = form
        self.agenda = agenda
        self.store_vote = store_vote
        self.dimensions = [d.id for d in form.dimensions]
        self.labels = {d.id: d.label for d in form.dimensions}
        self.participants: list[ParticipantView] = []
        self.votes: dict[uuid.UUID, dict[str, int]] = {}
        self.palette: Palette = LIGHT
        self.current: WorkshopTally = tally({}, form, agenda)
        self._bold = QFont()
        self._bold.setBold(True)

    # -- contents -----------------------------------------------------------------------
    def load(self, participants: Sequence[ParticipantView],
             votes: Mapping[uuid.UUID, Mapping[str, int]]) -> None:
        self.beginResetModel()
        self.participants = list(participants)
        self.votes = {p.id: dict(votes.get(p.id, {})) for p in self.participants}
        self.current = self._tally()
        self.endResetModel()
        self.tallyChanged.emit(self.current)

    def add_participant(self, person: ParticipantView) -> None:
        at = len(self.participants)
        self.beginInsertColumns(QModelIndex(), at, at)
        self.participants.append(person)
        self.votes[person.id] = {}
        self.endInsertColumns()

    def set_palette(self, palette: Palette) -> None:
        self.palette = palette
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    @property
    def mean_column(self) -> int:
        return len(self.participants)

    @property
    def spread_column(self) -> int:
        return len(self.participants) + 1

    def is_vote_cell(self, index: Index) -> bool:
        return index.isValid() and index.column() < len(self.participants)

    # -- voting -------------------------------------------------------------------------
    def vote(self, row: int, column: int, value: int | None) -> bool:
        """Store one participant's vote (None withdraws it); False if not a vote cell."""
        if not (0 <= row < len(self.dimensions) and 0 <= column < len(self.participants)):
            return False
        person = self.participants[column]
        dim = self.dimensions[row]
        if self.votes[person.id].get(dim) == value:
            return True
        self.store_vote(person.id, dim, value)  # if this raises, nothing shown changes
        if value is None:
            self.votes[person.id].pop(dim, None)
        else:
            self.votes[person.id][dim] = value
        self.current = self._tally()
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.tallyChanged.emit(self.current)
        return True

    def _tally(self) -> WorkshopTally:
        return tally({str(k): v for k, v in self.votes.items()}, self.form, self.agenda)

    # -- Qt model -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.dimensions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.participants) + 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _Role.DisplayRole) -> Any:
        if (role == _Role.ToolTipRole and orientation == Qt.Orientation.Horizontal
                and section < len(self.participants)):  # a long name is elided in its header
            return self.participants[section].name
        if role != _Role.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self.labels[self.dimensions[section]]
        if section < len(self.participants):
            return self.participants[section].name
        return self.tr("Mean") if section == self.mean_column else self.tr("Spread")

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = _Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.current.dimensions[index.row()]
        col = index.column()
        disagree = row.disagreement
        if role in (_Role.DisplayRole, _Role.AccessibleTextRole):
            if col < len(self.participants):
                value = self.votes[self.participants[col].id].get(row.dimension)
                return "" if value is None else str(value)
            if col == self.mean_column:
                return "" if row.mean is None else f"{row.mean:.1f}"
            if row.spread is None:
                return ""
            return f"{row.spread}  ⚠" if disagree else str(row.spread)
        if role == _Role.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == _Role.ToolTipRole and disagree:
            return self.tr("The room disagrees: votes from {low} to {high}").format(
                low=min(row.votes), high=max(row.votes))
        if col == self.spread_column and disagree:
            if role == _Role.BackgroundRole:
                return QBrush(QColor(self.palette.alert))
            if role == _Role.ForegroundRole:
                return QBrush(QColor(self.palette.alert_text))
        if role == _Role.FontRole and col >= self.mean_column:
            return self._bold
        return None
