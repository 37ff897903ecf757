"""The Expansion page: the expansion triggers and upsell suggestions with what fired them,
and the opportunities a CSM tracks: added, edited in place, deleted, tracked from a
signal, each undoable by name."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QSpinBox
from pytestqt.qtbot import QtBot

from csdesk.playbook.records import HealthMetrics, OperationalFigures
from csdesk.playbook.signals import ExpansionSignal, UpsellSuggestion
from csdesk.store.book import Book
from csdesk.store.views import OpportunityView
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workspace.expansion_models import ExpansionSignalModel, UpsellModel
from csdesk.ui.workspace.expansion_opportunities import FIELDS, OpportunityModel
from csdesk.ui.workspace.expansion_page import ExpansionPage
from tests.conftest import metrics_at
from tests.ui.conftest import TODAY


def cells(model: object, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]  # type: ignore[attr-defined]


@pytest.fixture
def window(qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> MainWindow:
    """Acme's reading today: a feature request and 900 of 1,000 licensed users active;
    the account has compliance requirements."""
    acme = portfolio_book.accounts.find("Acme Robotics")
    portfolio_book.accounts.update(acme.id, {"licensed_users": 1000,
                                             "indicators": ["compliance_requirements"]})
    portfolio_book.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(88)),
                                    OperationalFigures(active_users=900),
                                    flags=["feature_request"])
    win = MainWindow(portfolio_book, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_account(acme.id, "expansion")
    return win


@pytest.fixture
def page(window: MainWindow) -> ExpansionPage:
    page = window.workspace.pages["expansion"]
    assert isinstance(page, ExpansionPage)
    assert window.workspace.current_page() is page
    return page


def test_the_signals_show_what_fired(page: ExpansionPage) -> None:
    model = page.signal_model
    assert model.rowCount() == 2  # strongest first
    assert cells(model, 0)[:6] == [
        "9/10", "Usage", "Approaching license limits (>80% utilization)",
        "30 days before limit", "Customer Success Manager", "License utilization (%) 90 > 80"]
    assert cells(model, 1)[2] == "Customer asks about additional features"
    assert cells(model, 1)[5] == "Customer asked about additional features"
    assert cells(page.upsell_model, 0)[:4] == [
        "Governance Add-on", "Advanced audit + Compliance automation",
        "Compliance requirements", "Compliance requirements"]
    assert page.signal_table.isVisible() and page.track_signal.isEnabled()
    assert page.opp_model.rowCount() == 0
    assert "No opportunities yet" in page.opp_hint.text()


def test_add_an_opportunity_see_it_and_undo_it(qtbot: QtBot, window: MainWindow,
                                              page: ExpansionPage) -> None:
    assert not page.add_button.isEnabled()
    qtbot.keyClicks(page.new_title, "Workflow AI add-on")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert cells(page.opp_model, 0)[:6] == [
        "Workflow AI add-on", "opportunity", "—", "0", "identified", "Dana Lee"]
    assert page.new_title.text() == ""
    assert window.undo_action.text() == "Undo add opportunity Workflow AI add-on"
    window.undo_action.trigger()
    assert page.opp_model.rowCount() == 0
    assert page.book.opportunities.list(page.account_id) == []
    window.redo_action.trigger()
    assert cells(page.opp_model, 0)[0] == "Workflow AI add-on"


def edit_cell(qtbot: QtBot, page: ExpansionPage, row: int, field: str) -> object:
    index = page.opp_model.index(row, FIELDS.index(field))
    page.opp_table.setCurrentIndex(index)
    qtbot.keyClick(page.opp_table, Qt.Key.Key_F2)
    editor = page.opp_table.focusWidget()
    assert editor is not page.opp_table
    return editor


def test_edit_in_place_and_undo_in_any_order(qtbot: QtBot, window: MainWindow,
                                            page: ExpansionPage) -> None:
    qtbot.keyClicks(page.new_title, "Workflow AI add-on")
    qtbot.keyClick(page.new_title, Qt.Key.Key_Return)
    spin = edit_cell(qtbot, page, 0, "likelihood")
    assert isinstance(spin, QSpinBox)
    spin.setValue(7)
    qtbot.keyClick(spin, Qt.Key.Key_Return)  # the view commits on its next turn
    qtbot.waitUntil(lambda: cells(page.opp_model, 0)[2] == "7/10")
    assert window.undo_action.text() == "Undo set likelihood of Workflow AI add-on to 7"
    combo = edit_cell(qtbot, page, 0, "status")
    assert isinstance(combo, QComboBox)
    combo.setCurrentText("qualified")
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cells(page.opp_model, 0)[4] == "qualified")

    # back to nothing, then forward again: the re-created record is found by every step
    for _ in range(3):
        window.undo_action.trigger()
    assert page.opp_model.rowCount() == 0
    for _ in range(3):
        window.redo_action.trigger()
    [opp] = page.book.opportunities.list(page.account_id)
    assert (opp.title, opp.likelihood, opp.status) == ("Workflow AI add-on", 7, "qualified")


def test_delete_and_undo_the_delete(qtbot: QtBot, window: MainWindow,
                                    page: ExpansionPage) -> None:
    qtbot.keyClicks(page.new_title, "Premium support")
    qtbot.keyClick(page.new_title, Qt.Key.Key_Return)
    page.opp_table.selectRow(0)
    assert page.delete_button.isEnabled()
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.opp_model.rowCount() == 0
    assert window.undo_action.text() == "Undo delete opportunity Premium support"
    window.undo_action.trigger()
    assert cells(page.opp_model, 0)[0] == "Premium support"
    window.undo_action.trigger()  # the addition
    assert page.opp_model.rowCount() == 0
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert page.opp_model.rowCount() == 0 and not page.book.opportunities.list(page.account_id)


def test_track_a_signal_as_an_opportunity(qtbot: QtBot, window: MainWindow,
                                          page: ExpansionPage) -> None:
    page.signal_table.selectRow(1)
    assert page.track_signal.text() == "Track as opportunity"
    qtbot.mouseClick(page.track_signal, Qt.MouseButton.LeftButton)
    [opp] = page.book.opportunities.list(page.account_id)
    assert opp.title == "Customer asks about additional features"
    assert (opp.kind, opp.source_rule, opp.likelihood, opp.owner) == (
        "request", "feature_request", 9, "Solutions Engineer")
    assert "What fired: Customer asked about additional features" in opp.notes
    assert cells(page.opp_model, 0)[:3] == [
        "Customer asks about additional features", "request", "9/10"]
    assert cells(page.signal_model, 1)[6] == "✓ tracked"
    page.signal_table.selectRow(1)
    assert not page.track_signal.isEnabled()
    assert page.track_signal.text() == "Already tracked"
    assert window.undo_action.text() == \
        "Undo add opportunity Customer asks about additional features"
    window.undo_action.trigger()
    assert page.opp_model.rowCount() == 0
    assert cells(page.signal_model, 1)[6] == ""

    page.upsell_table.selectRow(0)
    qtbot.mouseClick(page.track_upsell, Qt.MouseButton.LeftButton)
    [upsell] = page.book.opportunities.list(page.account_id)
    assert (upsell.title, upsell.kind, upsell.source_rule) == (
        "Governance Add-on", "upsell", "governance_addon")
    assert upsell.notes.startswith("Advanced audit + Compliance automation.")


def test_an_unscored_account_has_no_signals(qtbot: QtBot, portfolio_book: Book,
                                            settings: QSettings) -> None:
    win = MainWindow(portfolio_book, settings)
    qtbot.addWidget(win)
    win.show()
    win.open_account(portfolio_book.accounts.find("Evergreen Bank").id, "expansion")
    page = win.workspace.current_page()
    assert isinstance(page, ExpansionPage)
    assert "No health reading yet" in page.signal_hint.text()
    assert not page.signal_table.isVisible() and not page.track_signal.isVisible()


# -- the models, without widgets ---------------------------------------------------------

def test_signal_models() -> None:
    model = ExpansionSignalModel()
    signal = ExpansionSignal(rule_id="roi_exceeded", type="success",
                             event="ROI targets exceeded by 50%+", score=8,
                             timeline="Quarterly business review", owner="Account Executive",
                             observed=["ROI achieved (% of promised) 180 >= 150"])
    model.set_rows([signal], tracked={"roi_exceeded"})
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Score"
    assert cells(model, 0) == ["8/10", "Success", "ROI targets exceeded by 50%+",
                               "Quarterly business review", "Account Executive",
                               "ROI achieved (% of promised) 180 >= 150", "✓ tracked"]
    assert model.is_tracked(0)
    upsell = UpsellModel()
    upsell.set_rows([UpsellSuggestion(rule_id="custom_connectors",
                                      indicator="Complex integrations",
                                      opportunity="Custom Connectors",
                                      value="Specialized system integration",
                                      observed=["Complex integrations"])], tracked=())
    assert upsell.columnCount() == 5
    assert cells(upsell, 0)[0] == "Custom Connectors" and not upsell.is_tracked(0)


def test_opportunity_model_emits_edits_and_never_writes() -> None:
    model = OpportunityModel()
    opp = OpportunityView(id=uuid.uuid4(), account_id=uuid.uuid4(), title="Workflow AI",
                          kind="upsell", source_rule=None, likelihood=None, value=12000.0,
                          status="identified", owner="", notes="first line\nsecond")
    model.set_rows([opp])
    assert cells(model, 0) == ["Workflow AI", "upsell", "—", "12,000", "identified", "",
                               "first line"]
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    seen: list[tuple[object, str, object]] = []
    model.edited.connect(lambda o, f, v: seen.append((o, f, v)))
    assert model.setData(model.index(0, FIELDS.index("likelihood")), 6)
    assert not model.setData(model.index(0, FIELDS.index("status")), "identified")  # same
    # "—" is not estimated: what the record holds already, so no edit
    assert not model.setData(model.index(0, FIELDS.index("likelihood")), 0)
    assert model.setData(model.index(0, FIELDS.index("value")), 15000)
    assert seen == [(opp, "likelihood", 6), (opp, "value", 15000.0)]
    assert model.rows == [opp]
    later = opp.model_copy(update={"likelihood": 6})
    model.set_rows([later])  # same records: updated in place, no reset
    assert cells(model, 0)[2] == "6/10"
