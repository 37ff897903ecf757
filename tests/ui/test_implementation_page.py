"""A CSM tracks the implementation: the current phase and week while onboarding, phase
criteria ticked in place, workflows added, moved into production (the 3+ milestone
moves), deleted and brought back by undo. The workflow model is tested without
widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from csdesk.store.book import Book
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workspace.implementation_page import ImplementationPage
from csdesk.ui.workspace.workflow_model import PRODUCTION_COLOUR, WorkflowModel
from tests.ui.conftest import TODAY


@pytest.fixture
def page(qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> ImplementationPage:
    acme = portfolio_book.accounts.find("Acme Robotics")
    # onboarding started 40 days ago: day 41, phase 2, week 6
    portfolio_book.accounts.update(acme.id, {
        "onboarding_started": TODAY - dt.timedelta(days=40)})
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_account(acme.id, "implementation")
    implementation = window.workspace.pages["implementation"]
    assert isinstance(implementation, ImplementationPage)
    return implementation


def add_workflow(qtbot: QtBot, page: ImplementationPage, name: str) -> None:
    page.new_name.setFocus()
    qtbot.keyClicks(page.new_name, name)
    qtbot.keyClick(page.new_name, Qt.Key.Key_Return)


def test_the_current_phase_and_week_are_highlighted(page: ImplementationPage) -> None:
    assert "Day 41 of 90" in page.state.text()
    assert "Week 6: Priority Workflow Implementation" in page.state.text()
    phase2 = page.plan.boxes[2]
    assert "current phase, day 41" in phase2.heading.text()
    assert "this week" in phase2.weeks[0].text()
    assert "this week" not in phase2.weeks[1].text()
    assert "current phase" not in page.plan.boxes[1].heading.text()
    assert "Deploy the Maestro platform (Helm)" in page.plan.boxes[1].weeks[1].text()


def test_a_phase_criterion_is_ticked_here_and_undone(qtbot: QtBot,
                                                     page: ImplementationPage) -> None:
    box = page.plan.boxes[1].criteria[0]
    assert box.text() == "Platform deployed and accessible"
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    phase = next(c for c in page.book.checklists.for_account(page.account_id)
                 if c.checklist_id == "phase_success")
    assert phase.done == 1
    window = page.window()
    assert window.undo_action.text() == "Undo tick Platform deployed and accessible"
    window.undo_action.trigger()
    assert not page.plan.boxes[1].criteria[0].isChecked()


def test_workflows_move_into_production_and_the_milestone_moves(
        qtbot: QtBot, page: ImplementationPage) -> None:
    window = page.window()
    assert isinstance(window, MainWindow)
    target, bar, label = page.milestones[0]
    assert (target, bar.value(), bar.text()) == (3, 0, "0 / 3")
    assert label.text() == "Onboarding: 3+ workflows in production"

    add_workflow(qtbot, page, "Customer Onboarding Process")
    assert window.undo_action.text() == "Undo add workflow Customer Onboarding Process"
    assert page.model.rowCount() == 1
    added = page.model.rows[0]
    assert (added.status, added.phase) == ("planned", 2)  # the current phase
    assert page.new_name.text() == ""

    status = page.model.index(0, page.model.column_of("status"))
    assert page.model.setData(status, "in_production")
    assert window.undo_action.text() == (
        "Undo set status of Customer Onboarding Process to in production")
    assert (bar.value(), bar.text()) == (1, "1 / 3")
    assert page.model.index(0, page.model.column_of("go_live_date")).data() == "2 Mar 2026"
    for name in ("Report generation", "Alerting"):
        add_workflow(qtbot, page, name)
        row = next(n for n, w in enumerate(page.model.rows) if w.name == name)
        page.model.setData(page.model.index(row, page.model.column_of("status")),
                           "in_production")
    assert bar.text() == "3 / 3" and label.text().endswith("✓")
    assert page.milestones[1][1].text() == "3 / 10"

    window.undo_action.trigger()
    assert bar.text() == "2 / 3"
    assert page.book.workflows.in_production(page.account_id) == 2


def test_a_deleted_workflow_comes_back_on_undo(qtbot: QtBot, page: ImplementationPage) -> None:
    window = page.window()
    add_workflow(qtbot, page, "Invoice approval")
    page.model.setData(page.model.index(0, page.model.column_of("dependencies")),
                       "ERP; Email service")
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.rowCount() == 0
    assert window.undo_action.text() == "Undo delete workflow Invoice approval"
    window.undo_action.trigger()
    [back] = page.book.workflows.list(page.account_id)
    assert back.dependencies == ["ERP", "Email service"]
    # the older edit still finds the workflow: it came back under its own id
    window.undo_action.trigger()
    assert page.book.workflows.list(page.account_id)[0].dependencies == []
    window.undo_action.trigger()
    assert page.book.workflows.list(page.account_id) == []
    for _ in range(3):
        window.redo_action.trigger()
    assert page.book.workflows.list(page.account_id) == []
    window.undo_action.trigger()
    assert [w.name for w in page.book.workflows.list(page.account_id)] == ["Invoice approval"]


def test_workflow_model_without_widgets(portfolio_book: Book) -> None:
    acme = portfolio_book.accounts.find("Acme Robotics")
    portfolio_book.workflows.add(acme.id, {
        "name": "Customer Onboarding Process", "priority": "high", "estimated_hours": 16,
        "dependencies": ["CRM integration", "Email service"], "phase": 1,
        "status": "in_production"})
    model = WorkflowModel(portfolio_book.forms.journey)
    asked: list[tuple[str, object]] = []
    model.editRequested.connect(lambda _w, field, value: asked.append((field, value)))
    model.set_rows(portfolio_book.workflows.list(acme.id))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)]
    assert headers == ["Workflow", "Priority", "Complexity", "Est. hours", "Dependencies",
                       "Success criteria", "Phase", "Status", "Go-live"]
    assert [model.index(0, c).data() for c in range(9)] == [
        "Customer Onboarding Process", "high", "medium", "16",
        "CRM integration; Email service", "", "1", "in production", "2 Mar 2026"]
    assert model.index(0, 7).data(Qt.ItemDataRole.BackgroundRole) == PRODUCTION_COLOUR
    assert model.setData(model.index(0, 4), "CRM integration;  Email service ; Queue")
    assert model.setData(model.index(0, 6), None)
    assert model.setData(model.index(0, 3), 20.5)
    assert not model.setData(model.index(0, 1), "high")
    assert asked == [("dependencies", ["CRM integration", "Email service", "Queue"]),
                     ("phase", None), ("estimated_hours", 20.5)]
    assert model.phase_choices()[1] == (1, "1 · Foundation Setup")


def test_the_status_is_picked_in_place_with_the_keyboard(qtbot: QtBot,
                                                          page: ImplementationPage) -> None:
    add_workflow(qtbot, page, "Alerting")
    status = page.model.index(0, page.model.column_of("status"))
    page.table.setFocus()
    page.table.setCurrentIndex(status)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    combo = page.table.indexWidget(status)
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(n) for n in range(combo.count())] == [
        "planned", "building", "testing", "in production"]
    combo.setCurrentIndex(2)
    qtbot.keyClick(combo, Qt.Key.Key_Return)  # the view commits on its next turn
    qtbot.waitUntil(lambda: page.model.index(0, page.model.column_of("status")).data()
                    == "testing")
    assert page.window().undo_action.text() == "Undo set status of Alerting to testing"
