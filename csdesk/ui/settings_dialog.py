"""Settings: where the data lives, backups, the look of the window, and the CSM's name
(the name the audit trail records for every change). Each choice applies at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk import config
from csdesk.errors import EnvironmentFault
from csdesk.store.backup import backup_database, list_backups
from csdesk.store.book import Book
from csdesk.store.engine import default_actor
from csdesk.ui.formatting import date_text
from csdesk.ui.theme import THEMES, apply_theme, save_theme, saved_theme

NAME_KEY = "user/name"
RECENT_BACKUPS = 12


def csm_name(settings: QSettings) -> str:
    value = settings.value(NAME_KEY, "")
    return value.strip() if isinstance(value, str) else ""


def apply_actor(book: Book, settings: QSettings) -> None:
    """The audit trail records the CSM's name (the login name until one is given)."""
    book.store.actor = csm_name(settings) or default_actor()


def open_folder(folder: Path) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _read_only(text: str, name: str, parent: QWidget) -> QLineEdit:
    edit = QLineEdit(text, parent)
    edit.setReadOnly(True)
    edit.setAccessibleName(name)
    edit.setCursorPosition(0)
    edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * 48)
    return edit


class SettingsDialog(QDialog):
    def __init__(self, book: Book, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.book = book
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        self.db_path = book.store.path

        # -- your data ------------------------------------------------------------------
        data = QGroupBox(self.tr("Your data"), self)
        folder = config.data_dir()
        self.data_folder = _read_only(str(folder), self.tr("Data folder"), data)
        where = (str(self.db_path) if self.db_path is not None
                 else self.tr("a shared server database ({dialect})").format(
                     dialect=book.store.engine.dialect.name))
        self.database = _read_only(where, self.tr("Database"), data)
        self.open_data = QPushButton(self.tr("&Open folder"), data)
        self.open_data.setAccessibleName(self.tr("Open the data folder"))
        self.open_data.clicked.connect(lambda: open_folder(folder))
        form = QFormLayout(data)
        form.addRow(self.tr("Data folder:"), self._with(self.data_folder, self.open_data))
        form.addRow(self.tr("Database:"), self.database)

        # -- backups ----------------------------------------------------------------------
        backups = QGroupBox(self.tr("Backups"), self)
        self.backup_note = QLabel(backups)
        self.backup_note.setWordWrap(True)
        self.backup_list = QListWidget(backups)
        self.backup_list.setAccessibleName(self.tr("Recent backups"))
        self.backup_list.setMaximumHeight(self.backup_list.fontMetrics().height() * 8)
        self.backup_now = QPushButton(self.tr("&Back up now"), backups)
        self.backup_now.clicked.connect(self.take_backup)
        self.open_backups = QPushButton(self.tr("Open backups &folder"), backups)
        self.open_backups.clicked.connect(self._open_backups)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_now)
        buttons.addWidget(self.open_backups)
        buttons.addStretch(1)
        column = QVBoxLayout(backups)
        column.addWidget(self.backup_note)
        column.addWidget(self.backup_list)
        column.addLayout(buttons)
        self.backup_now.setEnabled(self.db_path is not None)
        self.open_backups.setEnabled(self.db_path is not None)

        # -- you and the look -------------------------------------------------------------
        personal = QGroupBox(self.tr("You and the window"), self)
        self.name = QLineEdit(csm_name(settings), personal)
        self.name.setPlaceholderText(default_actor())
        self.name.setAccessibleName(self.tr("Your name"))
        self.name.setMaxLength(200)
        self.name.setToolTip(self.tr("Recorded as the author of every change you make"))
        self.name.editingFinished.connect(self.save_name)
        self.theme = QComboBox(personal)
        self.theme.setAccessibleName(self.tr("Theme"))
        labels = {"system": self.tr("System"), "light": self.tr("Light"),
                  "dark": self.tr("Dark")}
        for key in THEMES:
            self.theme.addItem(labels[key], key)
        self.theme.setCurrentIndex(THEMES.index(saved_theme(settings)))
        self.theme.activated.connect(lambda _i: self.choose_theme(self.theme.currentData()))
        looks = QFormLayout(personal)
        name_label = QLabel(self.tr("Your &name:"), personal)
        name_label.setBuddy(self.name)
        theme_label = QLabel(self.tr("&Theme:"), personal)
        theme_label.setBuddy(self.theme)
        looks.addRow(name_label, self.name)
        looks.addRow(theme_label, self.theme)
        hint = QLabel(self.tr("Your name is recorded in the audit trail with every change."),
                      personal)
        hint.setWordWrap(True)
        looks.addRow("", hint)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(personal)
        layout.addWidget(data)
        layout.addWidget(backups)
        layout.addWidget(close)
        self.show_backups()
        self.resize(max(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 100),
                    self.sizeHint().height())

    @staticmethod
    def _with(edit: QLineEdit, button: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(button)
        return row

    # -- backups ------------------------------------------------------------------------
    def show_backups(self) -> None:
        self.backup_list.clear()
        if self.db_path is None:
            self.backup_note.setText(self.tr(
                "A server database is backed up on the server, not by csdesk."))
            return
        found = list_backups(self.db_path)
        self.backup_note.setText(self.tr(
            "csdesk backs up your book once a day and keeps a thinning history "
            "(every backup of two days, then one a day, a week, a month).") + " " + (
                self.tr("1 backup now.") if len(found) == 1
                else self.tr("{n} backups now.").format(n=len(found))))
        for b in found[:RECENT_BACKUPS]:
            local = b.taken.astimezone()
            self.backup_list.addItem(self.tr("{date} {time} · {reason}").format(
                date=date_text(local.date()), time=local.strftime("%H:%M"),
                reason=b.reason or self.tr("backup")))
        if not found:
            self.backup_list.addItem(self.tr("No backups yet"))

    def take_backup(self) -> Path | None:
        if self.db_path is None:
            return None
        try:
            target = backup_database(self.db_path, "manual")
        except EnvironmentFault as exc:
            QMessageBox.warning(self, self.tr("No backup was taken"), str(exc))
            return None
        self.show_backups()
        self.backup_list.setCurrentRow(0)
        return target

    def _open_backups(self) -> None:
        if self.db_path is not None:
            open_folder(config.backups_dir(self.db_path))

    # -- you and the look ---------------------------------------------------------------
    def save_name(self) -> None:
        name = self.name.text().strip()
        self.settings.setValue(NAME_KEY, name)
        apply_actor(self.book, self.settings)

    def choose_theme(self, theme: str) -> None:
        save_theme(self.settings, theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
