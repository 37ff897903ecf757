"""The account's expansion opportunities as an editable table model, and the delegate that
gives each column the right editor (a 1-10 spin box for the likelihood, the statuses in a
list, ...).

The model never writes to the store: an edit in place is emitted as
``edited(opportunity, field, value)`` and the page saves it through the undo stack.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from csdesk.store.inputs import OPPORTUNITY_STATUSES
from csdesk.store.views import OpportunityView
from csdesk.ui import formatting

Index = QModelIndex | QPersistentModelIndex
FIELDS = ("title", "kind", "likelihood", "value", "status", "owner", "notes")
NO_LIKELIHOOD = 0  # the spin box's "—": not estimated
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class OpportunityModel(QAbstractTableModel):
    edited = Signal(object, str, object)  # OpportunityView, field, new value

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.rows: list[OpportunityView] = []
        self.headers = (self.tr("Title"), self.tr("Kind"), self.tr("Likelihood"),
                        self.tr("Value"), self.tr("Status"), self.tr("Owner"), self.tr("Notes"))

    def set_rows(self, rows: Sequence[OpportunityView]) -> None:
        """Show ``rows``; the same records in the same order update in place (an editor
        open in the table stays where it is)."""
        new = list(rows)
        if [r.id for r in new] == [r.id for r in self.rows]:
            self.rows = new
            if new:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(new) - 1, len(FIELDS) - 1))
            return
        self.beginResetModel()
        self.rows = new
        self.endResetModel()

    def row_of(self, title: str) -> int | None:
        return next((n for n, r in enumerate(self.rows) if r.title == title), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIELDS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        opp = self.rows[index.row()]
        name = FIELDS[index.column()]
        value = getattr(opp, name)
        if role == Qt.ItemDataRole.DisplayRole:
            if name == "likelihood":
                return "—" if value is None else f"{value}/10"
            if name == "value":
                return formatting.money_text(value)
            if name == "notes":
                return value.splitlines()[0] if value else ""
            return value
        if role == Qt.ItemDataRole.EditRole:
            if name == "likelihood":
                return NO_LIKELIHOOD if value is None else value
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and name in ("likelihood", "value"):
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [opp.notes] if opp.notes else []
            if opp.source_rule:
                parts.append(self.tr("Tracked from the rule “{rule}”").format(
                    rule=opp.source_rule))
            return "\n".join(parts) or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        opp = self.rows[index.row()]
        name = FIELDS[index.column()]
        if name == "likelihood":
            value = None if not value else int(value)
        elif name == "value":
            value = float(value)
        elif isinstance(value, str):
            value = value.strip()
        if getattr(opp, name) == value:
            return False
        self.edited.emit(opp, name, value)
        return True


class OpportunityDelegate(QStyledItemDelegate):
    """Editors fit for each column of the ``OpportunityModel``; ``kinds`` are offered for
    the kind (any other can be typed)."""

    def __init__(self, kinds: Sequence[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.kinds = list(kinds)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        name = FIELDS[index.column()]
        if name == "likelihood":
            spin = QSpinBox(parent)
            spin.setRange(NO_LIKELIHOOD, 10)
            spin.setSpecialValueText("—")
            spin.setSuffix("/10")
            spin.setAccessibleName(self.tr("Likelihood, 1 to 10"))
            return spin
        if name == "value":
            money = QDoubleSpinBox(parent)
            money.setRange(0, 1e12)
            money.setDecimals(0)
            money.setGroupSeparatorShown(True)
            money.setAccessibleName(self.tr("Value"))
            return money
        if name in ("status", "kind"):
            combo = QComboBox(parent)
            combo.addItems(list(OPPORTUNITY_STATUSES) if name == "status" else self.kinds)
            combo.setEditable(name == "kind")
            combo.setAccessibleName(self.tr("Status") if name == "status" else self.tr("Kind"))
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole)))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
