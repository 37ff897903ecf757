"""The baseline for csdesk's cold start: a bare PySide6 window showing the portfolio.

``python bench/bare_window.py BOOK.sqlite3`` reads the portfolio's columns (account,
plan, stage, health score, status, change since the previous snapshot, days to renewal,
next review, open risks, readiness level, owner, ARR) for every account that is not
archived straight from a csdesk SQLite file with ``sqlite3``, in one query over the same
joins the store makes, and shows them as text in a ``QTableView`` through a minimal
``QAbstractTableModel``, in a window sized as csdesk sizes its own on a first start. It
quits (exit code 0) as soon as the table has been painted once, as
``csdesk --exit-after-paint`` does.

It is deliberately bare: no csdesk import, no ORM, no forms, no settings, no styling,
no sorting or filtering; it is what any Qt program must pay to show these rows.
"""

from __future__ import annotations

import sqlite3
import sys
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

HEADERS = ("Account", "Plan", "Stage", "Health", "Status", "Change", "Renewal",
           "Next review", "Open risks", "Readiness", "Owner", "ARR")

QUERY = """
SELECT a.name, a.plan_tier, a.stage, latest.score, latest.status,
       latest.score - previous.score, julianday(a.renewal_date) - julianday('now'),
       latest.next_review,
       (SELECT count(*) FROM risks r WHERE r.account_id = a.id AND r.status = 'open'),
       assessment.level, a.owner, a.arr
FROM accounts a
LEFT JOIN health_snapshots latest ON latest.id = a.latest_snapshot_id
LEFT JOIN health_snapshots previous ON previous.id = a.previous_snapshot_id
LEFT JOIN readiness_assessments assessment ON assessment.id = a.latest_assessment_id
WHERE NOT a.archived
ORDER BY a.name
"""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


class Rows(QAbstractTableModel):
    def __init__(self, rows: list[tuple[str, ...]]):
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None


class Table(QTableView):
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        QApplication.exit(0)  # the first paint: done


def main(path: str) -> int:
    app = QApplication(sys.argv[:1])
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = [tuple(_text(v) for v in row) for row in connection.execute(QUERY)]
    finally:
        connection.close()
    window = QMainWindow()
    table = Table(window)
    table.setModel(Rows(rows))
    window.setCentralWidget(table)
    screen = window.screen().availableGeometry()  # csdesk's first-start size
    window.resize(min(1800, int(screen.width() * 0.96)),
                  min(1000, int(screen.height() * 0.92)))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
