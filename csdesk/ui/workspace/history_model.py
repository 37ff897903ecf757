"""The account's audit trail as a table model: when (local time), who, which record, what
was done, and each changed field as ``field: before → after``. Newest first, as the
store hands it out.

Records are named from the trail itself: an opportunity by its title, a snapshot by its
date, whichever entry of that record names it (its creation carries every field).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from csdesk.playbook.conditions import FIGURE_LABELS
from csdesk.store.views import AuditView
from csdesk.ui import formatting

Index = QModelIndex | QPersistentModelIndex
ARROW = "→"
SHOWN_CHANGES = 4  # lines in the table; the detail pane shows them all
FULL_TEXT_ROLE = Qt.ItemDataRole.UserRole + 1  # every column's full text, for the filter
LONG = 60  # characters of a value shown before it is cut short

ENTITIES = {
    "accounts": "Account", "stakeholders": "Stakeholder", "health_snapshots": "Health snapshot",
    "readiness_assessments": "Readiness assessment", "readiness_votes": "Readiness vote",
    "checklist_instances": "Checklist", "checklist_items": "Checklist item",
    "workflows": "Workflow", "risks": "Risk", "action_items": "Action item",
    "opportunities": "Opportunity", "qbrs": "QBR", "charters": "Project charter",
}
ACTIONS = {"create": "Created", "update": "Changed", "delete": "Deleted"}
NAMING_FIELDS = ("name", "title", "type", "as_of", "assessed_on", "held_on", "participant",
                 "item_id", "checklist_id")
HIDDEN_FIELDS = frozenset({"id", "account_id"})
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FIELD_LABELS = {"arr": "ARR", "plan_tier": "Plan", "form_id": "Form", "qbr_id": "QBR",
                "roi_promised": "ROI promised", "roi_achieved": "ROI achieved",
                "source_rule": "Tracked from rule", "rule_id": "Rule"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditTrailModel", text)


def value_text(value: Any, limit: int | None = LONG) -> str:
    """A stored value as people read it: ``—`` for nothing, lists joined by commas."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _tr("yes") if value else _tr("no")
    if isinstance(value, int):
        text = f"{value:,}"
    elif isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    elif isinstance(value, str) and ISO_DATE.fullmatch(value):
        text = formatting.date_text(dt.date.fromisoformat(value))
    elif isinstance(value, list):
        text = ", ".join(value_text(v, None) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    text = " ".join(text.split())  # notes keep to one line
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def local_time(at: dt.datetime) -> str:
    """A stored (UTC) time in the computer's own time zone."""
    return at.astimezone().strftime("%d %b %Y %H:%M")


class AuditTrailModel(QAbstractTableModel):
    HEADERS = ("When", "Who", "Record", "Action", "Changes")

    def __init__(self, labels: Mapping[str, str] | None = None, parent: Any = None):
        super().__init__(parent)
        self.labels = {**FIGURE_LABELS, **(labels or {})}
        self.rows: list[AuditView] = []
        self.names: dict[Any, str] = {}
        self.full_texts: list[str] = []

    def set_trail(self, trail: Sequence[AuditView]) -> None:
        self.beginResetModel()
        self.rows = sorted(trail, key=lambda e: e.at, reverse=True)
        self.names = {}
        for entry in reversed(self.rows):  # the newest name of each record wins
            for name in NAMING_FIELDS:
                if name in entry.changes:
                    before, after = entry.changes[name]
                    found = after if after is not None else before
                    if found is not None:
                        self.names[entry.entity_id] = value_text(found)
                        break
        self.full_texts = [self.full_text(e) for e in self.rows]
        self.endResetModel()

    # -- texts --------------------------------------------------------------------------
    def field_label(self, name: str) -> str:
        found = self.labels.get(name) or FIELD_LABELS.get(name)
        return _tr(found) if found else name.replace("_", " ").capitalize()

    def record_text(self, entry: AuditView) -> str:
        kind = _tr(ENTITIES.get(entry.entity, entry.entity.replace("_", " ").capitalize()))
        name = self.names.get(entry.entity_id)
        return f"{kind} “{name}”" if name else kind

    def change_lines(self, entry: AuditView, limit: int | None = LONG) -> list[str]:
        lines = []
        for name, pair in entry.changes.items():
            if name in HIDDEN_FIELDS:
                continue
            before, after = pair if isinstance(pair, list | tuple) else (None, pair)
            label = self.field_label(name)
            if entry.action in ("create", "delete"):  # what it was made with, or held
                held = after if entry.action == "create" else before
                lines.append(f"{label}: {value_text(held, limit)}")
            else:
                lines.append(f"{label}: {value_text(before, limit)} {ARROW} "
                             f"{value_text(after, limit)}")
        return lines

    def changes_text(self, entry: AuditView) -> str:
        lines = self.change_lines(entry)
        if len(lines) > SHOWN_CHANGES:
            more = len(lines) - SHOWN_CHANGES + 1
            lines = [*lines[: SHOWN_CHANGES - 1], _tr("… and {n} more").format(n=more)]
        return "\n".join(lines)

    def full_text(self, entry: AuditView) -> str:
        return " ".join([local_time(entry.at), entry.actor, self.record_text(entry),
                         _tr(ACTIONS.get(entry.action, entry.action)),
                         *self.change_lines(entry, None)])

    # -- the model ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.rows[index.row()]
        col = index.column()
        if role == FULL_TEXT_ROLE:
            return self.full_texts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return local_time(entry.at)
            if col == 1:
                return entry.actor
            if col == 2:
                return self.record_text(entry)
            if col == 3:
                return _tr(ACTIONS.get(entry.action, entry.action))
            return self.changes_text(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0:
                return entry.at.astimezone().strftime("%d %b %Y %H:%M:%S %Z")
            if col == 4:
                return "\n".join(self.change_lines(entry, None))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None


class AuditFilter(QSortFilterProxyModel):
    """Rows whose full text (every change included) holds the words typed, in any case."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setFilterRole(FULL_TEXT_ROLE)
        self.setFilterKeyColumn(0)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.words: list[str] = []

    def set_text(self, text: str) -> None:
        words = text.lower().split()
        if words == self.words:
            return
        if hasattr(self, "endFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self.words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self.words = words
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self.words:
            return True
        model = self.sourceModel()
        text = str(model.data(model.index(source_row, 0, source_parent), FULL_TEXT_ROLE))
        text = text.lower()
        return all(word in text for word in self.words)
