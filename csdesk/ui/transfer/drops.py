"""What a drop on the window carries: one local file to import, or nothing for us."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

from csdesk.exchange.tables import SPREADSHEET_SUFFIXES

IMPORTABLE = frozenset({".csdesk", *SPREADSHEET_SUFFIXES})


def dropped_file(mime: QMimeData) -> Path | None:
    """The one local file of an importable kind the drop carries, else None."""
    if not mime.hasUrls():
        return None
    files = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    if len(files) != 1 or files[0].suffix.lower() not in IMPORTABLE:
        return None
    return files[0]
