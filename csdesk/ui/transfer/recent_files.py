"""File > Recent account files: up to eight, newest first, kept in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

KEY = "transfer/recentFiles"
LIMIT = 8


class RecentFiles(QObject):
    """The list and its menu. ``chosen(path)`` when the CSM picks a file that still
    exists; one that is gone is dropped and reported through ``missing(path)``."""

    chosen = Signal(object)  # Path
    missing = Signal(object)  # Path

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.menu = QMenu(self.tr("Recent account &files"), parent)
        self.menu.setObjectName("recentFilesMenu")
        self.menu.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def paths(self) -> list[Path]:
        value = self.settings.value(KEY, [])
        if isinstance(value, str):  # QSettings gives one value as a plain string
            value = [value]
        return [Path(p) for p in value if isinstance(p, str) and p] if isinstance(
            value, list) else []

    def _save(self, paths: list[Path]) -> None:
        self.settings.setValue(KEY, [str(p) for p in paths[:LIMIT]])
        self.rebuild()

    def add(self, path: Path) -> None:
        path = path.expanduser().resolve()
        self._save([path, *(p for p in self.paths() if p != path)])

    def remove(self, path: Path) -> None:
        self._save([p for p in self.paths() if p != path])

    def clear(self) -> None:
        self._save([])

    def rebuild(self) -> None:
        self.menu.clear()
        paths = self.paths()
        for n, path in enumerate(paths, start=1):
            action = QAction(f"&{n} {path.name}", self.menu)
            action.setStatusTip(str(path))
            action.setToolTip(str(path))
            action.setData(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open(p))
            self.menu.addAction(action)
        if paths:
            self.menu.addSeparator()
        self.clear_action = QAction(self.tr("&Clear the list"), self.menu)
        self.clear_action.setEnabled(bool(paths))
        self.clear_action.triggered.connect(self.clear)
        self.menu.addAction(self.clear_action)
        self.menu.setEnabled(bool(paths))

    def open(self, path: Path) -> None:
        if path.is_file():
            self.chosen.emit(path)
        else:
            self.remove(path)
            self.missing.emit(path)
