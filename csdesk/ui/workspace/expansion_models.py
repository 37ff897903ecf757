"""Table models of the Expansion page's signals: the expansion triggers that fired and
the upsell suggestions, each with what fired it and whether it is already tracked as an
opportunity (an opportunity whose ``source_rule`` is the rule's id)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from csdesk.playbook.signals import ExpansionSignal, UpsellSuggestion

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row", ExpansionSignal, UpsellSuggestion)
Column = tuple[str, Callable[[Any], str]]
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def fired(observed: Sequence[str]) -> str:
    return "; ".join(observed)


class RuleTable(QAbstractTableModel, Generic[Row]):
    """Rows that each come from one rule; the last column says if it is tracked."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.rows: list[Row] = []
        self.tracked: frozenset[str] = frozenset()

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def set_rows(self, rows: Sequence[Row], tracked: Collection[str]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.tracked = frozenset(tracked)
        self.endResetModel()

    def is_tracked(self, row: int) -> bool:
        return self.rows[row].rule_id in self.tracked

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns()) + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        columns = self.columns()
        return columns[section][0] if section < len(columns) else self.tr("Tracked")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        columns = self.columns()
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col < len(columns):
                return columns[col][1](row)
            if role == Qt.ItemDataRole.ToolTipRole:
                return (self.tr("An opportunity tracks this signal")
                        if row.rule_id in self.tracked else self.tr("Not tracked yet"))
            return self.tr("✓ tracked") if row.rule_id in self.tracked else ""
        return self.extra(row, col, role)

    def extra(self, row: Row, col: int, role: int) -> Any:
        return None


class ExpansionSignalModel(RuleTable[ExpansionSignal]):
    """Expansion triggers that fired: score, type, event, timeline, owner, what fired."""

    def columns(self) -> list[Column]:
        return [(self.tr("Score"), lambda s: f"{s.score}/10"),
                (self.tr("Type"), lambda s: s.type.capitalize()),
                (self.tr("Event"), lambda s: s.event),
                (self.tr("Timeline"), lambda s: s.timeline),
                (self.tr("Owner"), lambda s: s.owner),
                (self.tr("What fired"), lambda s: fired(s.observed))]

    def extra(self, row: ExpansionSignal, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 0:
            return RIGHT
        if role == Qt.ItemDataRole.UserRole:
            return row.score
        return None


class UpsellModel(RuleTable[UpsellSuggestion]):
    """Upsell suggestions: opportunity, value proposition, indicator, what fired."""

    def columns(self) -> list[Column]:
        return [(self.tr("Opportunity"), lambda u: u.opportunity),
                (self.tr("Value proposition"), lambda u: u.value),
                (self.tr("Indicator"), lambda u: u.indicator),
                (self.tr("What fired"), lambda u: fired(u.observed))]
