"""A CSM keeps the risk register and the action items: a manual risk added, a rule's
risk shown with what it observed, an action marked done and undone, overdue actions
standing out. The risk and action models are tested without widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QDateEdit
from pytestqt.qtbot import QtBot

from csdesk.playbook.records import HealthMetrics, OperationalFigures
from csdesk.store.book import Book
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workspace import overdue
from csdesk.ui.workspace.action_model import ActionModel
from csdesk.ui.workspace.risk_model import RiskModel
from csdesk.ui.workspace.risks_page import RisksPage
from tests.conftest import metrics_at
from tests.ui.conftest import TODAY


@pytest.fixture
def page(qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> RisksPage:
    acme = portfolio_book.accounts.find("Acme Robotics")
    portfolio_book.actions.add(acme.id, {"title": "Send the kickoff recap",
                                         "due_date": TODAY - dt.timedelta(days=2),
                                         "owner": "Dana Lee"})
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_account(acme.id, "risks")
    risks = window.workspace.pages["risks"]
    assert isinstance(risks, RisksPage)
    assert risks.title == "Risks & actions"
    return risks


def test_a_manual_risk_is_added_and_undone(qtbot: QtBot, page: RisksPage) -> None:
    window = page.window()
    assert isinstance(window, MainWindow)
    # last week's reading raised one risk by rule (workflow success rate 86 < 95)
    assert page.risk_model.rowCount() == 1
    assert page.risk_model.rows[0].rule_id == "performance_issues"
    form = page.risk_form
    form.type.setFocus()
    qtbot.keyClicks(form.type, "Champion leaving")
    form.severity.setCurrentIndex(form.severity.findData("High"))
    qtbot.keyClicks(form.description, "Our champion resigned")
    qtbot.keyClick(form.description, Qt.Key.Key_Return)
    assert window.undo_action.text() == "Undo add risk Champion leaving"
    assert page.risk_model.rowCount() == 2
    model = page.risk_model  # open first, newest first
    assert [model.index(0, c).data() for c in (0, 1, 2, 5, 6, 7)] == [
        "Champion leaving", "High", "Our champion resigned", "open", "by hand", "2 Mar 2026"]
    assert form.type.text() == "" and "2 open risks of 2" in page.summary.text()

    assert model.setData(model.index(0, model.column_of("status")), "mitigated")
    assert window.undo_action.text() == "Undo set status of risk Champion leaving to mitigated"
    assert page.risk_model.rows[-1].type == "Champion leaving"  # finished last
    assert model.index(1, model.column_of("closed_on")).data() == "2 Mar 2026"
    window.undo_action.trigger()
    assert page.risk_model.index(0, 5).data() == "open"
    window.undo_action.trigger()
    assert page.risk_model.rowCount() == 1
    window.redo_action.trigger()
    window.redo_action.trigger()  # finds the risk re-added under its new id
    manual = [r for r in page.book.risks.list(page.account_id) if r.rule_id is None]
    assert [(r.type, r.status) for r in manual] == [("Champion leaving", "mitigated")]


def recap(page: RisksPage) -> object:
    return next(a for a in page.book.actions.list(page.account_id)
                if a.title == "Send the kickoff recap")


def test_an_action_is_marked_done_and_undone(qtbot: QtBot, page: RisksPage) -> None:
    window = page.window()
    assert isinstance(window, MainWindow)
    model = page.action_model
    row = next(n for n, a in enumerate(model.rows) if a.title == "Send the kickoff recap")
    due = model.index(row, model.column_of("due_date"))
    assert due.data() == "28 Feb 2026 · overdue"  # stands out: colour, icon, word
    assert due.data(Qt.ItemDataRole.BackgroundRole) == overdue.BACKGROUND
    assert not due.data(Qt.ItemDataRole.DecorationRole).isNull()
    late = sum(1 for a in model.rows if model.is_overdue(a))
    assert f"{late} overdue" in page.summary.text()

    page.action_table.setFocus()
    page.action_table.setCurrentIndex(model.index(row, 0))
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert window.undo_action.text() == "Undo mark Send the kickoff recap done"
    action = recap(page)
    assert (action.status, action.done_on) == ("done", TODAY)
    row = model.row_of(action.id)
    assert model.index(row, 2).data() == "28 Feb 2026"  # no longer overdue
    assert model.index(row, 4).data() == "done"
    assert f"{late - 1} overdue" in page.summary.text()
    window.undo_action.trigger()
    assert recap(page).status == "open"
    assert model.index(model.row_of(action.id), 2).data() == "28 Feb 2026 · overdue"


def test_an_action_is_added_and_its_owner_changed_in_place(qtbot: QtBot,
                                                           page: RisksPage) -> None:
    form = page.action_form
    form.title.setFocus()
    qtbot.keyClicks(form.title, "Book the QBR")
    qtbot.keyClick(form.title, Qt.Key.Key_Return)
    assert page.window().undo_action.text() == "Undo add action Book the QBR"
    model = page.action_model
    row = next(n for n, a in enumerate(model.rows) if a.title == "Book the QBR")
    assert model.index(row, 2).data() == "9 Mar 2026"  # a week from today by default
    assert model.setData(model.index(row, model.column_of("owner")), "Sam Ortiz")
    assert page.window().undo_action.text() == "Undo set owner of Book the QBR to Sam Ortiz"
    assert {a.title: a.owner for a in page.book.actions.list(page.account_id)}[
        "Book the QBR"] == "Sam Ortiz"


def test_rule_risks_show_the_rule_and_what_it_observed(portfolio_book: Book) -> None:
    acme = portfolio_book.accounts.find("Acme Robotics")
    portfolio_book.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(
        90, platform_adoption=40)), OperationalFigures(recent_support_tickets=3))
    model = RiskModel(portfolio_book.forms.signals)
    model.set_risks(portfolio_book.risks.list(acme.id))
    row = next(n for n, r in enumerate(model.rows) if r.rule_id == "low_adoption")
    raised_by = model.index(row, model.column_of("raised_by"))
    assert raised_by.data() == "rule: Platform adoption 40 < 50"
    assert "Platform adoption below 50%" in raised_by.data(Qt.ItemDataRole.ToolTipRole)
    # a rule's risk keeps its rule's words: only mitigation and status are edited
    editable = Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(row, model.column_of("type"))) & editable
    assert model.flags(model.index(row, model.column_of("status"))) & editable
    assert model.flags(model.index(row, model.column_of("mitigation"))) & editable


def test_action_model_without_widgets(portfolio_book: Book) -> None:
    acme = portfolio_book.accounts.find("Acme Robotics")
    portfolio_book.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(35)))
    portfolio_book.actions.add(acme.id, {"title": "Old", "status": "done"})
    model = ActionModel(portfolio_book.forms.signals, TODAY + dt.timedelta(days=3))
    asked: list[tuple[str, object]] = []
    model.editRequested.connect(lambda _a, field, value: asked.append((field, value)))
    model.set_actions(portfolio_book.actions.list(acme.id))
    statuses = [a.status for a in model.rows]  # open first
    assert statuses == sorted(statuses, key=lambda s: s != "open")
    assert "Old" in [a.title for a in model.rows[statuses.count("open"):]]
    first = model.rows[0]
    assert model.index(0, 1).data() == f"Critical Health Recovery Plan · {first.step}"
    assert model.index(0, 2).data().endswith("· overdue")
    rule = next(t for t in portfolio_book.forms.signals.interventions
                if t.id == first.trigger_rule)
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == f"Started by: {rule.label}"
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable  # playbook's words
    assert model.setData(model.index(0, 4), "dismissed")
    assert model.setData(model.index(0, 2), None)
    assert asked == [("status", "dismissed"), ("due_date", None)]


def test_a_due_date_is_picked_in_place(qtbot: QtBot, page: RisksPage) -> None:
    model = page.action_model
    row = next(n for n, a in enumerate(model.rows) if a.title == "Send the kickoff recap")
    due = model.index(row, model.column_of("due_date"))
    page.action_table.setFocus()
    page.action_table.setCurrentIndex(due)
    qtbot.keyClick(page.action_table, Qt.Key.Key_F2)
    editor = page.action_table.indexWidget(due)
    assert isinstance(editor, QDateEdit)
    editor.setDate(QDate(2026, 3, 20))
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on its next turn
    qtbot.waitUntil(lambda: recap(page).due_date == dt.date(2026, 3, 20))  # type: ignore[attr-defined]
    row = model.row_of(recap(page).id)  # type: ignore[attr-defined]
    assert model.index(row, 2).data() == "20 Mar 2026"  # not overdue any more
    assert page.window().undo_action.text() == (
        "Undo set Send the kickoff recap due 20 Mar 2026")
