"""How an overdue date stands out everywhere: a warm red, a warning icon, the word."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from csdesk.ui.formatting import date_text

BACKGROUND = QColor("#fde2e1")
FOREGROUND = QColor("#8a1c1c")  # 7:1 on the background


def _tr(text: str) -> str:
    return QCoreApplication.translate("Overdue", text)


def is_overdue(due: dt.date | None, still_open: bool, today: dt.date) -> bool:
    return still_open and due is not None and due < today


def due_text(due: dt.date | None, overdue: bool) -> str:
    if due is None:
        return ""
    return _tr("{date} · overdue").format(date=date_text(due)) if overdue else date_text(due)


def icon() -> QIcon:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return QIcon()
    return app.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def overdue_role(role: int, due: dt.date | None, today: dt.date) -> Any:
    """The colour, icon and tooltip of an overdue cell for ``role`` (None otherwise)."""
    if role == Qt.ItemDataRole.BackgroundRole:
        return BACKGROUND
    if role == Qt.ItemDataRole.ForegroundRole:
        return FOREGROUND
    if role == Qt.ItemDataRole.DecorationRole:
        return icon()
    if role == Qt.ItemDataRole.ToolTipRole and due is not None:
        return _tr("Overdue: due {date}, {days} days ago").format(
            date=date_text(due), days=(today - due).days)
    return None
