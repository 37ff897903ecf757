"""A CSM writes the project charter after the kickoff workshop: a section typed and
saved on leaving the box, undone and redone by name; the risk register and the roadmap
phases stand beside it, read-only. The phase rows are tested without widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from csdesk.playbook.form_loader import FormSet
from csdesk.store.book import Book
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workspace.charter_context import PhaseModel, phase_rows
from csdesk.ui.workspace.charter_page import CharterPage
from tests.ui.conftest import TODAY


@pytest.fixture
def page(qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> CharterPage:
    acme = portfolio_book.accounts.find("Acme Robotics")
    portfolio_book.accounts.update(acme.id, {"onboarding_started": TODAY - dt.timedelta(days=40)})
    portfolio_book.charters.update(acme.id, {"critical_path": "SSO, then the first workflow"})
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_account(acme.id, "charter")
    charter = window.workspace.pages["charter"]
    assert isinstance(charter, CharterPage)
    assert charter.title == "Project charter"
    return charter


def test_a_charter_section_is_written_undone_and_redone(qtbot: QtBot,
                                                        page: CharterPage) -> None:
    window = page.window()
    assert isinstance(window, MainWindow)
    assert page.account_id is not None
    boxes = page.texts.boxes
    assert list(boxes) == ["scope_objectives", "success_criteria", "timeline_milestones",
                           "architecture_notes", "roadmap", "resources", "dependencies",
                           "critical_path"]
    assert boxes["critical_path"].edit.toPlainText() == "SSO, then the first workflow"
    assert "1 of 8 sections written" in page.summary.text()
    scope = boxes["scope_objectives"].edit
    scope.setFocus()
    qtbot.keyClicks(scope, "Automate invoice approvals")
    assert page.book.charters.get(page.account_id).scope_objectives == ""  # not yet left
    boxes["success_criteria"].edit.setFocus()
    assert page.book.charters.get(page.account_id).scope_objectives == \
        "Automate invoice approvals"
    assert window.undo_action.text() == "Undo set charter scope and objectives"
    assert "2 of 8 sections written" in page.summary.text()

    window.undo_action.trigger()
    assert page.book.charters.get(page.account_id).scope_objectives == ""
    assert scope.toPlainText() == ""
    assert "1 of 8 sections written" in page.summary.text()
    window.redo_action.trigger()
    assert scope.toPlainText() == "Automate invoice approvals"

    # clearing a section is named so, and leaving an unchanged box saves nothing
    path = boxes["critical_path"].edit
    path.setFocus()
    path.selectAll()
    qtbot.keyClick(path, Qt.Key.Key_Delete)
    scope.setFocus()
    assert window.undo_action.text() == "Undo clear charter critical path"
    count = window.undo_stack.count()
    path.setFocus()
    scope.setFocus()
    assert window.undo_stack.count() == count


def test_the_risk_register_and_phases_stand_beside_it(page: CharterPage) -> None:
    risks = page.risk_model
    assert risks.rowCount() == 1  # raised by rule last week (workflow success 86 < 95)
    assert page.risk_table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert page.risk_summary.text().startswith("Open risks: 1 (0 high) of 1.")
    phases = page.phase_model
    journey = page.book.forms.journey
    assert phases.rowCount() == len(journey.phases)
    first = journey.phases[0]
    assert phases.index(0, 0).data() == f"1 · {first.label}"
    # day 41 of onboarding: the second phase is the current one, the first is done
    assert phases.index(0, 3).data() == "done"
    assert phases.index(1, 3).data().startswith("now (week")
    assert "from the onboarding start" in page.phase_note.text()


def test_phase_rows_before_and_during_onboarding(forms: FormSet) -> None:
    journey = forms.journey
    before = phase_rows(journey, None, TODAY)
    assert [r.dates for r in before] == [""] * len(journey.phases)
    assert not any(r.current for r in before)
    start = TODAY - dt.timedelta(days=2)
    during = phase_rows(journey, start, TODAY)
    assert during[0].current and during[0].state == "now (week 1)"
    assert during[0].dates.startswith("28 Feb 2026 – ")
    assert all(r.state == "ahead" for r in during[1:])
    model = PhaseModel()
    model.set_rows(during)
    font = model.index(0, 0).data(Qt.ItemDataRole.FontRole)
    assert font is not None and font.bold()
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "\n".join(
        w.title for w in journey.phases[0].weeks)
