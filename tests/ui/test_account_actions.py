"""Accounts from the window: File > New account, Account > Archive, Account > Delete…,
each one undoable; where the CSM was is remembered."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from csdesk.store.book import Book
from csdesk.ui.account_dialog import NewAccountDialog
from csdesk.ui.main_window import MainWindow
from csdesk.ui.portfolio_model import Column


@pytest.fixture
def window(qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> MainWindow:
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def names_shown(window: MainWindow) -> list[str]:
    model = window.table.model()
    return sorted(model.index(r, Column.ACCOUNT).data() for r in range(model.rowCount()))


def fill_dialog(monkeypatch: pytest.MonkeyPatch, name: str, seen: list[Any]) -> None:
    """The dialog answers as a CSM would: types a name, picks a plan, presses OK."""
    def exec_(dialog: NewAccountDialog) -> int:
        seen.append(dialog)
        assert not dialog.ok.isEnabled()  # no name, no account
        dialog.name.setText(name)
        assert dialog.ok.isEnabled()
        dialog.plan.setCurrentIndex(dialog.plan.findData("Professional"))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(NewAccountDialog, "exec", exec_)


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton,
           asked: list[str]) -> None:
    def question(_parent: Any, title: str, text: str, *_args: Any) -> Any:
        asked.append(f"{title}\n{text}")
        return button

    monkeypatch.setattr(QMessageBox, "question", question)


def menu_texts(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_the_menus_are_there_with_their_keys(window: MainWindow) -> None:
    assert menu_texts(window) == ["&File", "&Edit", "&View", "&Account", "&Help"]
    assert window.new_account_action.shortcut().toString() == "Ctrl+N"
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    # nothing selected in the portfolio yet: nothing to archive or delete
    window.table.clearSelection()
    window.table.setCurrentIndex(window.table.model().index(-1, -1))
    window.refresh()
    assert not window.delete_account_action.isEnabled()


def test_new_account_appears_in_the_portfolio_and_opens(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    fill_dialog(monkeypatch, "Gamma Grids", seen)
    window.new_account_action.trigger()
    assert seen, "the dialog was shown"
    created = window.book.accounts.find("Gamma Grids")
    assert created.plan_tier == "Professional"
    assert window.central.currentWidget() is window.workspace
    assert window.workspace.current_key() == "details"
    assert window.workspace.header.name.text() == "Gamma Grids"
    assert window.windowTitle() == "csdesk: Gamma Grids"
    assert window.undo_action.text() == "Undo create account Gamma Grids"
    window.workspace.back.emit()
    assert "Gamma Grids" in names_shown(window)
    assert window.table.current_account() == created.id

    window.undo_action.trigger()  # undo deletes it
    assert "Gamma Grids" not in names_shown(window)
    window.redo_action.trigger()  # redo brings the very same account back
    assert window.book.accounts.get(created.id).name == "Gamma Grids"
    assert "Gamma Grids" in names_shown(window)


def test_archive_takes_the_account_out_of_the_portfolio(window: MainWindow) -> None:
    cobalt = window.book.accounts.find("Cobalt Health")
    assert window.select_account(cobalt.id)
    assert window.archive_action.isEnabled()
    assert window.archive_action.text() == "&Archive"
    window.archive_action.trigger()
    assert "Cobalt Health" not in names_shown(window)
    assert len(names_shown(window)) == 5
    assert window.undo_action.text() == "Undo archive Cobalt Health"

    window.show_archived_action.setChecked(True)  # View > Show archived accounts
    assert "Cobalt Health" in names_shown(window)
    assert window.select_account(cobalt.id)
    assert window.archive_action.text() == "Un&archive"
    window.show_archived_action.setChecked(False)
    assert "Cobalt Health" not in names_shown(window)

    window.undo_action.trigger()
    assert "Cobalt Health" in names_shown(window)
    assert not window.book.accounts.get(cobalt.id).archived


def test_delete_asks_naming_what_goes_and_can_be_undone(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    acme = window.book.accounts.find("Acme Robotics")
    history = window.book.snapshots.history(acme.id)
    asked: list[str] = []
    window.open_account(acme.id, "health")

    answer(monkeypatch, QMessageBox.StandardButton.Cancel, asked)
    window.delete_account_action.trigger()
    assert "Acme Robotics" in names_shown(window)  # cancelled: nothing happened
    assert window.book.accounts.get(acme.id).name == "Acme Robotics"

    answer(monkeypatch, QMessageBox.StandardButton.Yes, asked)
    window.delete_account_action.trigger()
    question = asked[-1]
    assert question.startswith("Delete Acme Robotics?")
    assert "everything it holds: 2 health readings, 1 risk, 20 action items?" in question
    assert "undo" in question
    assert window.central.currentWidget() is window.splitter  # back to the portfolio
    assert "Acme Robotics" not in names_shown(window)
    assert window.undo_action.text() == "Undo delete account Acme Robotics"

    window.undo_action.trigger()
    assert "Acme Robotics" in names_shown(window)
    assert window.book.snapshots.history(acme.id) == history  # its history is back
    row = window.model.row_at(window.model.row_of(acme.id))
    assert row.score == pytest.approx(86)
    window.open_account(acme.id, "history")
    assert window.workspace.header.name.text() == "Acme Robotics"


def test_edit_details_goes_to_the_details_page(window: MainWindow) -> None:
    delta = window.book.accounts.find("Delta Logistics")
    window.select_account(delta.id)
    window.edit_details_action.trigger()
    assert window.central.currentWidget() is window.workspace
    assert window.workspace.current_key() == "details"
    assert window.workspace.account_id == delta.id


def test_where_the_csm_was_is_remembered(qtbot: QtBot, window: MainWindow,
                                         portfolio_book: Book, settings: QSettings) -> None:
    delta = portfolio_book.accounts.find("Delta Logistics")
    window.select_account(delta.id)
    window.edit_details_action.trigger()
    window.close()
    again = MainWindow(portfolio_book, settings)
    qtbot.addWidget(again)
    assert again.restore_last_account()
    assert again.workspace.account_id == delta.id
    assert again.workspace.current_key() == "details"
    assert again.delete_account_action.isEnabled()
