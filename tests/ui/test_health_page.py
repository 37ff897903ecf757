"""A CSM enters a health reading: the score moves as they type, each finished edit is
saved at once and can be undone by name."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from pytestqt.qtbot import QtBot

from csdesk.store.book import Book
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workspace.health_page import HealthPage
from tests.ui.conftest import TODAY


@pytest.fixture
def page(qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> HealthPage:
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    acme = portfolio_book.accounts.find("Acme Robotics")
    window.open_account(acme.id, "health")
    health = window.workspace.pages["health"]
    assert isinstance(health, HealthPage)
    assert window.workspace.current_page() is health
    return health


def type_into(qtbot: QtBot, spin: object, text: str) -> None:
    spin.setFocus()  # type: ignore[attr-defined]
    spin.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(spin, text)


def test_the_score_moves_as_the_csm_types(qtbot: QtBot, page: HealthPage) -> None:
    assert page.card.score.text() == "86.0"  # last week's reading pre-fills today's
    assert "No reading on" in page.state.text()
    adoption = page.inputs.metric_spins["platform_adoption"]
    type_into(qtbot, adoption, "20")
    # 86 - (86 - 20) x 0.16 = 75.44: shown before anything is saved
    assert page.card.score.text() == "75.4"
    assert page.card.status.text() == "At Risk"
    assert page.book.snapshots.on_date(page.account_id, TODAY) is None
    assert "+3.2 pts" in page.inputs.points["platform_adoption"].text()


def test_a_finished_edit_is_saved_and_undone_by_name(qtbot: QtBot, page: HealthPage) -> None:
    window = page.window()
    assert isinstance(window, MainWindow)
    adoption = page.inputs.metric_spins["platform_adoption"]
    type_into(qtbot, adoption, "72")
    qtbot.keyClick(adoption, Qt.Key.Key_Return)
    saved = page.book.snapshots.on_date(page.account_id, TODAY)
    assert saved is not None and saved.platform_adoption == 72
    assert window.undo_action.text() == "Undo set Platform adoption to 72"
    assert "Editing the reading of" in page.state.text()
    assert page.model.rowCount() == 3
    # the portfolio behind shows the new score
    assert any(r.score == pytest.approx(saved.score) for r in page.book.accounts.portfolio())

    uptime = page.inputs.metric_spins["system_uptime"]
    type_into(qtbot, uptime, "99.5")
    qtbot.keyClick(uptime, Qt.Key.Key_Tab)
    corrected = page.book.snapshots.on_date(page.account_id, TODAY)
    assert corrected is not None and corrected.id == saved.id
    assert corrected.system_uptime == 99.5
    assert page.model.rowCount() == 3  # corrected, not a second reading

    window.undo_action.trigger()
    assert page.book.snapshots.on_date(page.account_id, TODAY).system_uptime == 86
    assert page.inputs.metric_spins["system_uptime"].value() == 86
    window.undo_action.trigger()
    assert page.book.snapshots.on_date(page.account_id, TODAY) is None
    assert page.model.rowCount() == 2
    window.redo_action.trigger()
    window.redo_action.trigger()
    again = page.book.snapshots.on_date(page.account_id, TODAY)
    assert again is not None and again.id == saved.id and again.system_uptime == 99.5


def test_events_and_figures_are_saved_too(qtbot: QtBot, page: HealthPage) -> None:
    page.inputs.flag_boxes["feature_request"].setChecked(True)
    saved = page.book.snapshots.on_date(page.account_id, TODAY)
    assert saved is not None and saved.flags == ["feature_request"]
    tickets = page.inputs.figure_spins["recent_support_tickets"]
    type_into(qtbot, tickets, "14")
    qtbot.keyClick(tickets, Qt.Key.Key_Return)
    assert page.book.snapshots.on_date(page.account_id, TODAY).recent_support_tickets == 14
    risks = {r.type for r in page.book.risks.list(page.account_id) if r.status == "open"}
    assert "Support Volume" in risks


def test_picking_a_past_date_edits_that_reading(qtbot: QtBot, page: HealthPage) -> None:
    last_week = TODAY - dt.timedelta(weeks=1)
    page.date.setDate(QDate(last_week.year, last_week.month, last_week.day))
    assert page.card.score.text() == "86.0"
    assert "Editing the reading of" in page.state.text()
    assert page.current is not None and page.current.as_of == last_week


def test_history_table_and_trend_chart(page: HealthPage) -> None:
    assert page.model.rowCount() == 2
    assert page.model.index(0, 1).data() == "86.0"  # newest first
    assert page.model.index(0, 2).data() == "Healthy"
    assert page.chart.canvas is not None  # drawn when the page was shown
