"""A CSM rates readiness: the level moves as they pick, each pick is saved at once and
undone by name; the risk lists are edited in place; past assessments open for
correction. The history model is tested without widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from csdesk.playbook.records import ReadinessAssessment
from csdesk.store.book import Book
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workspace.assessment_history_model import AssessmentHistoryModel
from csdesk.ui.workspace.readiness_page import ReadinessPage
from tests.conftest import dimensions_at
from tests.ui.conftest import TODAY

LAST_MONTH = TODAY - dt.timedelta(days=30)


@pytest.fixture
def page(qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> ReadinessPage:
    acme = portfolio_book.accounts.find("Acme Robotics")
    portfolio_book.assessments.record(acme.id, LAST_MONTH, ReadinessAssessment(
        **dimensions_at(3, executive_sponsorship=4), critical_dependencies=["SSO"]))
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_account(acme.id, "readiness")
    readiness = window.workspace.pages["readiness"]
    assert isinstance(readiness, ReadinessPage)
    assert window.workspace.current_page() is readiness
    return readiness


def test_the_form_is_rendered_from_the_playbook(page: ReadinessPage) -> None:
    inputs = page.inputs
    assert len(inputs.pickers) == 9
    assert "◆" in inputs.pickers["executive_sponsorship"].parent().findChildren(
        type(inputs.anchors["executive_sponsorship"]))[0].text()
    # the chosen level's anchor beside it, all five in the tooltip
    assert inputs.anchors["executive_sponsorship"].text() == (
        "The sponsor attends key meetings and removes obstacles when asked.")
    tip = inputs.pickers["budget_approval"].toolTip()
    assert "No budget identified." in tip and "Fully funded" in tip
    assert "Not in the score" in tip
    assert inputs.lists["critical_dependencies"].entries() == ["SSO"]
    assert page.card.score.text() == "3.25" and page.card.level.text() == "Medium"
    assert "No assessment on" in page.state.text()


def test_a_pick_moves_the_level_live_is_saved_and_undone_by_name(
        qtbot: QtBot, page: ReadinessPage) -> None:
    window = page.window()
    assert isinstance(window, MainWindow)
    acme = page.account_id
    qtbot.mouseClick(page.inputs.pickers["technical_skills"].buttons[4],
                     Qt.MouseButton.LeftButton)
    assert page.card.score.text() == "3.75"
    qtbot.mouseClick(page.inputs.pickers["change_readiness"].buttons[4],
                     Qt.MouseButton.LeftButton)
    assert page.card.score.text() == "4.25"
    assert page.card.level.text() == "High"
    saved = page.book.assessments.on_date(acme, TODAY)
    assert saved is not None and (saved.level, saved.change_readiness) == ("High", 5)
    assert saved.critical_dependencies == ["SSO"]  # pre-filled from last month's
    assert len(page.book.assessments.history(acme)) == 2  # recorded once, then corrected
    assert page.model.rowCount() == 2
    assert "Editing the assessment of" in page.state.text()
    assert window.undo_action.text() == "Undo set Change readiness to 5"

    window.undo_action.trigger()
    assert page.card.level.text() == "Medium" and page.card.score.text() == "3.75"
    assert page.book.assessments.on_date(acme, TODAY).change_readiness == 3
    assert window.undo_action.text() == "Undo set Technical skills to 5"
    window.undo_action.trigger()
    assert page.book.assessments.on_date(acme, TODAY) is None
    window.redo_action.trigger()
    window.redo_action.trigger()
    again = page.book.assessments.on_date(acme, TODAY)
    assert again is not None and again.id == saved.id and again.level == "High"


def test_keyboard_digits_pick_a_level(qtbot: QtBot, page: ReadinessPage) -> None:
    picker = page.inputs.pickers["executive_sponsorship"]
    picker.buttons[0].setFocus()
    qtbot.keyClick(picker.buttons[0], Qt.Key.Key_2)
    assert picker.buttons[1].isChecked()
    assert page.book.assessments.on_date(page.account_id, TODAY).executive_sponsorship == 2
    assert page.window().undo_action.text() == "Undo set Executive sponsorship to 2"
    assert "Secure an engaged executive sponsor" in page.card.recommendations.text()


def test_risk_lists_are_edited_in_place_and_undone(qtbot: QtBot, page: ReadinessPage) -> None:
    blockers = page.inputs.lists["potential_blockers"]
    blockers.new_entry.setFocus()
    qtbot.keyClicks(blockers.new_entry, "Security review")
    qtbot.keyClick(blockers.new_entry, Qt.Key.Key_Return)
    saved = page.book.assessments.on_date(page.account_id, TODAY)
    assert saved is not None and saved.potential_blockers == ["Security review"]
    assert page.window().undo_action.text() == (
        "Undo add “Security review” to Potential blockers")
    # more blockers than mitigations: the list rule speaks, live
    assert "more blockers than mitigations" in page.card.recommendations.text()
    deps = page.inputs.lists["critical_dependencies"]
    deps.list.setCurrentRow(0)
    qtbot.mouseClick(deps.remove, Qt.MouseButton.LeftButton)
    assert page.book.assessments.on_date(page.account_id, TODAY).critical_dependencies == []
    page.window().undo_action.trigger()
    assert page.book.assessments.on_date(page.account_id, TODAY).critical_dependencies == [
        "SSO"]
    assert deps.entries() == ["SSO"]


def test_a_past_assessment_opens_for_correction(qtbot: QtBot, page: ReadinessPage) -> None:
    [past] = page.book.assessments.history(page.account_id)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.current is not None and page.current.id == past.id
    assert "Editing the assessment of" in page.state.text()
    qtbot.mouseClick(page.inputs.pickers["budget_approval"].buttons[0],
                     Qt.MouseButton.LeftButton)
    [corrected] = page.book.assessments.history(page.account_id)
    assert corrected.id == past.id and corrected.budget_approval == 1


def test_history_model_without_widgets(portfolio_book: Book) -> None:
    acme = portfolio_book.accounts.find("Acme Robotics")
    for day, value in ((LAST_MONTH, 2), (TODAY, 4)):
        portfolio_book.assessments.record(acme.id, day, ReadinessAssessment(
            **dimensions_at(value)), source="workshop" if value == 4 else "manual")
    model = AssessmentHistoryModel(portfolio_book.forms.readiness)
    model.set_history(portfolio_book.assessments.history(acme.id))
    assert model.rowCount() == 2 and model.columnCount() == 5
    assert [model.index(0, c).data() for c in range(5)] == [
        "2 Mar 2026", "4.00", "High", "kickoff workshop", "readiness v1"]
    assert model.index(1, 2).data() == "Low"
    assert model.index(1, 2).data(Qt.ItemDataRole.BackgroundRole).name() == "#c62828"
    assert "version 1" in model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)


def test_an_entry_is_corrected_in_place(qtbot: QtBot, page: ReadinessPage) -> None:
    deps = page.inputs.lists["critical_dependencies"]
    deps.list.setFocus()
    deps.list.setCurrentRow(0)
    qtbot.keyClick(deps.list, Qt.Key.Key_F2)
    editor = deps.list.indexWidget(deps.list.currentIndex())
    assert isinstance(editor, QLineEdit)
    editor.setText("SSO via Okta")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on its next turn
    qtbot.waitUntil(lambda: page.book.assessments.on_date(page.account_id, TODAY) is not None)
    saved = page.book.assessments.on_date(page.account_id, TODAY)
    assert saved.critical_dependencies == ["SSO via Okta"]
    assert page.window().undo_action.text() == (
        "Undo change “SSO” to “SSO via Okta” in Critical dependencies")
    assert deps.entries() == ["SSO via Okta"]
