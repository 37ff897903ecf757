"""The readiness assessments of one account as a table: date, score, level, source,
form version. Newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from csdesk.playbook.readiness_form import ReadinessForm
from csdesk.store.views import AssessmentView
from csdesk.ui.formatting import date_text
from csdesk.ui.status_style import readable_text_on
from csdesk.ui.workspace.readiness_card import level_colour

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole


class AssessmentHistoryModel(QAbstractTableModel):
    HEADERS = ("Date", "Score", "Level", "Source", "Form")

    def __init__(self, form: ReadinessForm, parent: Any = None):
        super().__init__(parent)
        self.form = form
        self.rows: list[AssessmentView] = []

    def set_history(self, history: list[AssessmentView]) -> None:
        self.beginResetModel()
        self.rows = list(reversed(history))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Role.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def source_text(self, source: str) -> str:
        return {"manual": self.tr("entered by hand"),
                "workshop": self.tr("kickoff workshop")}.get(source, source)

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Role.DisplayRole:
            return (date_text(row.assessed_on), f"{row.score:.2f}", row.level,
                    self.source_text(row.source), f"{row.form_id} v{row.form_version}")[col]
        if role == Role.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if col == 2 and role in (Role.BackgroundRole, Role.ForegroundRole):
            colour = level_colour(self.form, row.level)
            return colour if role == Role.BackgroundRole else readable_text_on(colour)
        if role == Role.ToolTipRole:
            if col == 4:
                return self.tr("Scored with version {0} of the readiness form").format(
                    row.form_version)
            return row.note or None
        return None
