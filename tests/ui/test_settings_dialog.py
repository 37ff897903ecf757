"""Settings: the CSM's name signs every change, the theme is remembered, backups are
listed and taken on request, folders open in the file manager."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from csdesk import config
from csdesk.store.book import Book
from csdesk.ui.main_window import MainWindow
from csdesk.ui.settings_dialog import SettingsDialog
from csdesk.ui.theme import apply_theme, saved_theme


@pytest.fixture
def window(qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> MainWindow:
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def dialog(qtbot: QtBot, window: MainWindow) -> SettingsDialog:
    dialog = SettingsDialog(window.book, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture(autouse=True)
def system_theme_after(qapp: QApplication) -> Iterator[None]:
    yield
    apply_theme(qapp, "system")


def test_settings_opens_from_the_menu(window: MainWindow,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[SettingsDialog] = []

    def exec_(dialog: SettingsDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    window.settings_action.trigger()
    [dialog] = shown
    assert dialog.windowTitle() == "Settings"
    assert dialog.database.text() == str(window.book.store.path)
    assert dialog.database.isReadOnly()
    assert dialog.data_folder.text() == str(config.data_dir())


def test_the_csm_name_signs_the_next_edit(qtbot: QtBot, window: MainWindow,
                                          dialog: SettingsDialog) -> None:
    dialog.name.setFocus()
    qtbot.keyClicks(dialog.name, "Dana Lee")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert window.book.store.actor == "Dana Lee"
    assert window.settings.value("user/name") == "Dana Lee"

    acme = window.book.accounts.find("Acme Robotics")
    window.open_account(acme.id, "details")
    page = window.workspace.pages["details"]
    page.change("owner", "Priya Shah")  # type: ignore[attr-defined]
    [latest] = window.book.audit.trail(acme.id, limit=1)
    assert (latest.actor, latest.action, latest.changes["owner"]) == (
        "Dana Lee", "update", ["Dana Lee", "Priya Shah"])


def test_the_name_is_used_from_the_start(qtbot: QtBot, portfolio_book: Book,
                                         settings: QSettings) -> None:
    settings.setValue("user/name", "Sam Ortiz")
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    assert portfolio_book.store.actor == "Sam Ortiz"


def test_the_theme_is_applied_and_remembered(qapp: QApplication, dialog: SettingsDialog,
                                             settings: QSettings) -> None:
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.theme.activated.emit(dialog.theme.currentIndex())
    assert qapp.style().name().lower() == "fusion"
    window_colour = qapp.palette().color(QPalette.ColorRole.Window)
    assert window_colour.lightness() < 80
    assert saved_theme(settings) == "dark"
    # a new Settings dialog (a new start) shows the choice
    again = SettingsDialog(dialog.book, settings)
    assert again.theme.currentData() == "dark"
    again.choose_theme("light")
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 200
    assert saved_theme(QSettings(settings.fileName(), QSettings.Format.IniFormat)) == "light"


def test_back_up_now_lists_the_new_backup(dialog: SettingsDialog) -> None:
    assert dialog.backup_list.item(0).text() == "No backups yet"
    target = dialog.take_backup()
    assert target is not None and target.is_file()
    assert dialog.backup_list.count() == 1
    assert dialog.backup_list.item(0).text().endswith("· manual")
    assert "1 backup now" in dialog.backup_note.text()


def test_folders_open_in_the_file_manager(dialog: SettingsDialog, db_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    def open_url(url: Any) -> bool:
        opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    dialog.open_data.click()
    dialog.open_backups.click()
    assert opened == [str(config.data_dir()), str(config.backups_dir(db_path))]
