"""The snapshot history of one account as a table model: date, score, status, the
twelve metrics, the form version it was scored with. Newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from csdesk.playbook.health_form import HealthForm
from csdesk.store.views import SnapshotView
from csdesk.ui.status_style import status_styles, status_tooltip

Index = QModelIndex | QPersistentModelIndex


class SnapshotHistoryModel(QAbstractTableModel):
    FIXED = ("As of", "Score", "Status")

    def __init__(self, form: HealthForm, parent: Any = None):
        super().__init__(parent)
        self.form = form
        self.metrics = [(m.id, m.label) for m in form.metrics]
        self.styles = status_styles(form)
        self.rows: list[SnapshotView] = []

    def set_history(self, history: list[SnapshotView]) -> None:
        self.beginResetModel()
        self.rows = list(reversed(history))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.FIXED) + len(self.metrics) + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(self.FIXED):
            return self.tr(self.FIXED[section])
        if section < len(self.FIXED) + len(self.metrics):
            return self.metrics[section - len(self.FIXED)][1]
        return self.tr("Form")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        snap = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return snap.as_of.strftime("%d %b %Y")
            if col == 1:
                return f"{snap.score:.1f}"
            if col == 2:
                return snap.status
            if col < len(self.FIXED) + len(self.metrics):
                return f"{getattr(snap, self.metrics[col - len(self.FIXED)][0]):g}"
            return f"{snap.form_id} v{snap.form_version}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col != 2 and col != 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        style = self.styles.get(snap.status)
        if col == 2 and style is not None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return style.background
            if role == Qt.ItemDataRole.ForegroundRole:
                return style.foreground
            if role == Qt.ItemDataRole.ToolTipRole:
                return status_tooltip(style, snap.status)
        if role == Qt.ItemDataRole.ToolTipRole and col == len(self.FIXED) + len(self.metrics):
            return self.tr("Scored with version {0} of the health form").format(
                snap.form_version)
        return None
