"""Choosing the file to import or to write, starting in the folder used last time."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

FOLDER_KEY = "transfer/folder"


def _tr(text: str) -> str:
    return QCoreApplication.translate("FileChoice", text)


def account_file_filter() -> str:
    return _tr("csdesk account files (*.csdesk)")


def table_filters() -> list[tuple[str, str]]:
    return [(_tr("Excel workbook (*.xlsx)"), ".xlsx"), (_tr("CSV, comma separated (*.csv)"),
                                                        ".csv")]


def import_filters() -> str:
    return ";;".join([
        _tr("Account files and spreadsheets (*.csdesk *.csv *.xlsx)"),
        account_file_filter(),
        _tr("Spreadsheets (*.csv *.xlsx)"),
        _tr("All files (*)"),
    ])


def safe_file_name(name: str) -> str:
    """An account name as a file name: 'Acme / EMEA' -> 'Acme - EMEA'."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " - ", name).strip(" .-")
    return re.sub(r"\s+", " ", cleaned)[:80] or "account"


def last_folder(settings: QSettings) -> Path:
    value = settings.value(FOLDER_KEY)
    if isinstance(value, str) and value and Path(value).is_dir():
        return Path(value)
    return Path.home()


def remember_folder(settings: QSettings, path: Path) -> None:
    settings.setValue(FOLDER_KEY, str(path.parent))


def choose_import(parent: QWidget | None, settings: QSettings) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, _tr("Import into your book"),
                                          str(last_folder(settings)), import_filters())
    if not name:
        return None
    path = Path(name)
    remember_folder(settings, path)
    return path


def choose_target(parent: QWidget | None, settings: QSettings, title: str, suggested: str,
                  filters: list[tuple[str, str]]) -> Path | None:
    """A path to write, with a suffix from ``filters`` ((text, '.suffix'), the first is
    the default); None when the CSM cancels."""
    start = last_folder(settings) / suggested
    name, chosen = QFileDialog.getSaveFileName(parent, title, str(start),
                                               ";;".join(text for text, _ in filters))
    if not name:
        return None
    path = Path(name)
    suffixes = [suffix for _, suffix in filters]
    if path.suffix.lower() not in suffixes:
        wanted = next((s for text, s in filters if text == chosen), suffixes[0])
        path = path.with_name(path.name + wanted)
    remember_folder(settings, path)
    return path
