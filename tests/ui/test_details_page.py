"""A CSM edits an account's details and its stakeholders in place: each change saved at
once, undone by name."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from csdesk.store.book import Book
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workspace.details_page import DetailsPage
from tests.ui.conftest import TODAY


@pytest.fixture
def window(qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> MainWindow:
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def page(window: MainWindow, portfolio_book: Book) -> DetailsPage:
    acme = portfolio_book.accounts.find("Acme Robotics")
    window.open_account(acme.id, "details")
    details = window.workspace.pages["details"]
    assert isinstance(details, DetailsPage)
    assert window.workspace.current_page() is details
    return details


def retype(qtbot: QtBot, widget: object, text: str) -> None:
    widget.setFocus()  # type: ignore[attr-defined]
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_the_page_shows_the_account(page: DetailsPage) -> None:
    assert page.title == "Stakeholders & details"
    assert page.name.text() == "Acme Robotics"
    assert page.arr.text() == "250,000"
    assert page.plan.currentText() == "Enterprise"
    assert page.stage.currentText() == "Onboarding"
    assert page.numbers["licensed_users"].text() == "not set"
    assert page.dates["renewal_date"].date().toPython() == TODAY + dt.timedelta(days=45)
    assert sorted(page.checks) == ["complex_integrations", "compliance_requirements",
                                   "high_manual_processes"]


def test_arr_is_saved_at_once_and_undone_by_name(qtbot: QtBot, window: MainWindow,
                                                 page: DetailsPage) -> None:
    retype(qtbot, page.arr, "275000")
    assert page.book.accounts.get(page.account_id).arr == 275_000
    assert window.undo_action.text() == "Undo set ARR to 275,000"
    # the portfolio behind shows it too
    assert any(r.arr == 275_000 for r in page.book.accounts.portfolio())
    window.undo_action.trigger()
    assert page.book.accounts.get(page.account_id).arr == 250_000
    assert page.arr.text() == "250,000"
    window.redo_action.trigger()
    assert page.arr.text() == "275,000"


def test_an_empty_name_is_refused_with_a_clear_message(qtbot: QtBot, window: MainWindow,
                                                       page: DetailsPage) -> None:
    retype(qtbot, page.name, "   ")
    assert page.book.accounts.get(page.account_id).name == "Acme Robotics"
    assert page.problem.isVisible()
    assert "needs a name" in page.problem.text()
    assert page.name.text() == "Acme Robotics"
    assert not window.undo_action.isEnabled()
    retype(qtbot, page.name, "Acme Robotics GmbH")
    assert not page.problem.isVisible()
    assert window.undo_action.text() == "Undo set Name to Acme Robotics GmbH"
    assert window.workspace.header.name.text() == "Acme Robotics GmbH"


def test_moving_the_stage_restarts_its_clock_and_undo_puts_it_back(
        qtbot: QtBot, window: MainWindow, page: DetailsPage) -> None:
    before = page.book.accounts.get(page.account_id)
    page.stage.setFocus()
    qtbot.keyClick(page.stage, Qt.Key.Key_Down)  # a keyboard choice saves at once
    moved = page.book.accounts.get(page.account_id)
    assert moved.stage == "value_realization"
    assert moved.stage_started == TODAY
    assert window.undo_action.text() == "Undo set Journey stage to Value Realization"
    assert "for 0 days" in page.stage_note.text()
    window.undo_action.trigger()
    back = page.book.accounts.get(page.account_id)
    assert (back.stage, back.stage_started) == (before.stage, before.stage_started)


def test_indicators_and_notes(qtbot: QtBot, window: MainWindow, page: DetailsPage) -> None:
    qtbot.mouseClick(page.checks["complex_integrations"], Qt.MouseButton.LeftButton)
    assert page.book.accounts.get(page.account_id).indicators == ["complex_integrations"]
    assert window.undo_action.text() == "Undo turn on Complex integrations"
    page.notes.setFocus()
    page.notes.insertPlainText("Champion is Zoë")  # QTest types ASCII only
    page.owner.setFocus()  # leaving the box saves it
    assert page.book.accounts.get(page.account_id).notes == "Champion is Zoë"
    assert window.undo_action.text() == "Undo edit the notes"
    window.undo_action.trigger()
    window.undo_action.trigger()
    account = page.book.accounts.get(page.account_id)
    assert (account.notes, account.indicators) == ("", [])
    assert not page.checks["complex_integrations"].isChecked()


def test_stakeholders_are_added_edited_and_deleted_undoably(
        qtbot: QtBot, window: MainWindow, page: DetailsPage) -> None:
    panel = page.stakeholders
    assert "No stakeholders yet" in panel.hint.text()
    panel.new_name.setFocus()
    panel.new_name.insert("Zoë Ångström")  # QTest types ASCII only
    qtbot.keyClicks(panel.new_role, "VP Operations")
    qtbot.keyClick(panel.new_name, Qt.Key.Key_Return)
    [zoe] = page.book.stakeholders.list(page.account_id)
    assert (zoe.name, zoe.role) == ("Zoë Ångström", "VP Operations")
    assert window.undo_action.text() == "Undo add stakeholder Zoë Ångström"
    model = panel.model
    assert model.index(0, 0).data() == "Zoë Ångström"
    assert panel.new_name.text() == ""

    # edit in place: the email cell, then the sponsor check box
    email = model.index(0, model.column_of("email"))
    assert model.setData(email, "zoe@acme.example")
    sponsor = model.index(0, model.column_of("is_sponsor"))
    assert model.setData(sponsor, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    [zoe] = page.book.stakeholders.list(page.account_id)
    assert (zoe.email, zoe.is_sponsor) == ("zoe@acme.example", True)
    assert window.undo_action.text() == "Undo mark Zoë Ångström as sponsor"
    assert model.index(0, model.column_of("is_sponsor")).data(
        Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked

    panel.table.selectRow(0)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert page.book.stakeholders.list(page.account_id) == []
    assert window.undo_action.text() == "Undo delete stakeholder Zoë Ångström"
    window.undo_action.trigger()
    [back] = page.book.stakeholders.list(page.account_id)
    assert (back.email, back.is_sponsor) == ("zoe@acme.example", True)
    window.undo_action.trigger()  # the sponsor mark, on the re-created record
    assert page.book.stakeholders.list(page.account_id)[0].is_sponsor is False


def test_the_page_is_remembered(window: MainWindow, page: DetailsPage,
                                settings: QSettings) -> None:
    assert settings.value("workspace/page") == "details"
    assert settings.value("workspace/account") == str(page.account_id)
