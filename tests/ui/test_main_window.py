"""The main window as a CSM uses it: search, filter, sort, open an account, quit."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QHeaderView, QMessageBox
from pytestqt.qtbot import QtBot

from csdesk import __version__
from csdesk.active_forms import active_forms
from csdesk.store.book import Book, open_book
from csdesk.store.views import PortfolioRow
from csdesk.ui.main_window import MainWindow
from csdesk.ui.portfolio_model import Column
from csdesk.ui.status_summary import StatusSummary
from tests.ui.conftest import PORTFOLIO


@pytest.fixture
def window(qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> MainWindow:
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def names_shown(window: MainWindow) -> list[str]:
    """What the table shows in its Account column, top to bottom."""
    model = window.table.model()
    return [model.index(r, Column.ACCOUNT).data() for r in range(model.rowCount())]


def column_shown(window: MainWindow, column: Column) -> list[str]:
    model = window.table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def click_header(qtbot: QtBot, window: MainWindow, column: Column) -> None:
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick an entry the way a keyboard user does: from the top, arrow down to it."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().startswith(text):
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText().startswith(text), f"{text!r} is not offered"


def test_the_window_shows_every_account_worst_health_first(window: MainWindow) -> None:
    assert window.windowTitle() == "csdesk: portfolio"
    assert names_shown(window) == ["Cobalt Health", "Delta Logistics", "Borealis Foods",
                                   "Acme Robotics", "fjord media", "Evergreen Bank"]
    assert window.table.isSortingEnabled()
    assert window.table.alternatingRowColors()


def test_status_bar_sums_up_the_portfolio(window: MainWindow) -> None:
    assert window.summary.text() == "6 accounts · 1 at risk · 2 critical · 1 not scored"


def test_a_big_portfolio_is_summed_up_with_thousands_grouped(qtbot: QtBot) -> None:
    summary = StatusSummary(active_forms().health)
    qtbot.addWidget(summary)
    row = PortfolioRow(
        id=uuid.uuid4(), name="Acme", plan_tier="Starter", arr=1000.0, stage="onboarding",
        owner="Dana", renewal_date=None, days_to_renewal=None, score=70.0, status="At Risk",
        score_change=None, as_of=None, next_review=None, open_risks=0, readiness_level=None,
        archived=False)
    rows = [row] * 1711 + [dataclasses.replace(row, status="Healthy")] * 3289
    summary.update_counts(rows, 5000)
    assert summary.text() == "5,000 accounts · 1,711 at risk · 0 critical"
    summary.update_counts(rows[:1200], 5000)
    assert summary.text() == "1,200 of 5,000 accounts · 1,200 at risk · 0 critical"


def test_search_box_filters_as_the_csm_types(qtbot: QtBot, window: MainWindow) -> None:
    search = window.filters.search
    assert search.placeholderText() == "Search accounts or owners"
    assert search.accessibleName() == "Search accounts or owners"
    qtbot.keyClicks(search, "dana")
    qtbot.waitUntil(lambda: window.table.model().rowCount() == 2)
    assert names_shown(window) == ["Cobalt Health", "Acme Robotics"]
    qtbot.waitUntil(
        lambda: window.summary.text() == "2 of 6 accounts · 0 at risk · 1 critical")
    search.clear()
    qtbot.keyClicks(search, "ACME")
    assert names_shown(window) == ["Acme Robotics"]
    search.clear()
    assert window.table.model().rowCount() == len(PORTFOLIO)


def test_ctrl_f_goes_to_the_search_box(qtbot: QtBot, window: MainWindow) -> None:
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.filters.search.hasFocus)


def test_status_filter(qtbot: QtBot, window: MainWindow) -> None:
    choose(qtbot, window.filters.status, "Critical")
    assert names_shown(window) == ["Cobalt Health", "Delta Logistics"]
    assert set(column_shown(window, Column.STATUS)) == {"Critical"}
    choose(qtbot, window.filters.status, "Not scored")
    assert names_shown(window) == ["Evergreen Bank"]
    choose(qtbot, window.filters.status, "All")
    assert len(names_shown(window)) == len(PORTFOLIO)


def test_stage_owner_and_renewal_filters(qtbot: QtBot, window: MainWindow) -> None:
    filters = window.filters
    assert filters.owner.count() == 4  # all owners + the three named ones
    choose(qtbot, filters.owner, "Sam")
    assert names_shown(window) == ["Borealis Foods", "Evergreen Bank"]
    choose(qtbot, filters.stage, "Adoption")
    assert names_shown(window) == ["Borealis Foods"]
    filters.clear()
    choose(qtbot, filters.renewal, "Renewing within 90")
    assert sorted(names_shown(window)) == ["Acme Robotics", "Cobalt Health"]
    choose(qtbot, filters.renewal, "Renewing within 180")
    assert sorted(names_shown(window)) == ["Acme Robotics", "Borealis Foods", "Cobalt Health"]


def test_sort_by_health_by_clicking_the_header(qtbot: QtBot, window: MainWindow) -> None:
    click_header(qtbot, window, Column.ACCOUNT)
    assert names_shown(window)[0] == "Acme Robotics"
    click_header(qtbot, window, Column.HEALTH)
    header = window.table.horizontalHeader()
    assert header.sortIndicatorSection() == Column.HEALTH
    assert column_shown(window, Column.HEALTH) == ["40.0", "55.0", "68.0", "86.0", "92.0", ""]
    click_header(qtbot, window, Column.HEALTH)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert column_shown(window, Column.HEALTH) == ["92.0", "86.0", "68.0", "55.0", "40.0", ""]


def test_moving_to_a_row_previews_it_and_enter_opens_its_workspace(
        qtbot: QtBot, window: MainWindow, portfolio_book: Book) -> None:
    panel = window.panel
    table = window.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(table, Qt.Key.Key_Down)  # second row: Delta Logistics
    qtbot.keyClick(table, Qt.Key.Key_Down)  # third row: Borealis Foods
    assert table.selectionModel().selectedRows()[0].data() == "Borealis Foods"
    with qtbot.waitSignal(window.accountActivated, timeout=2000) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    borealis = portfolio_book.accounts.find("Borealis Foods")
    assert blocker.args == [borealis.id]
    assert isinstance(blocker.args[0], uuid.UUID)
    assert panel.title.text() == "Borealis Foods"
    fields = {k: v.text() for k, v in panel.fields.items()}
    assert fields["plan"] == "Professional"
    assert fields["stage"] == "Adoption"
    assert fields["health"] == "68.0"
    assert fields["status"] == "At Risk"
    assert fields["risks"] == str(portfolio_book.risks.open_count(borealis.id))
    assert fields["renewal"] == "30 Jul 2026 (in 150 days)"
    colour = portfolio_book.forms.health.status("At Risk").colour.lower()
    assert colour in panel.fields["status"].styleSheet()
    assert "Intervene" in panel.fields["status"].toolTip()
    assert window.central.currentWidget() is window.workspace
    assert window.workspace.header.name.text() == "Borealis Foods"
    qtbot.keyClick(window.workspace, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.central.currentWidget() is window.splitter


def test_double_click_opens_an_unscored_account(qtbot: QtBot, window: MainWindow) -> None:
    table = window.table
    last = table.model().rowCount() - 1
    rect = table.visualRect(table.model().index(last, Column.ACCOUNT))
    with qtbot.waitSignal(window.accountActivated, timeout=2000):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.panel.title.text() == "Evergreen Bank"
    assert window.panel.fields["health"].text() == "not scored yet"
    assert window.panel.fields["renewal"].text() == "not set"


def test_refresh_keeps_the_selection_and_sees_new_accounts(
        qtbot: QtBot, window: MainWindow, portfolio_book: Book) -> None:
    acme = portfolio_book.accounts.find("Acme Robotics")
    assert window.select_account(acme.id)
    portfolio_book.accounts.create({"name": "Gamma Games", "owner": "Lee Chen"})
    window.refresh()
    assert "Gamma Games" in names_shown(window)
    assert window.table.current_account() == acme.id
    assert window.filters.owner.findText("Lee Chen") > 0


def test_quit_is_in_the_file_menu_with_ctrl_q(qtbot: QtBot, window: MainWindow) -> None:
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Account", "&Help"]
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.quit_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_about_shows_the_version(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    shown: list[tuple[Any, ...]] = []
    monkeypatch.setattr(QMessageBox, "about", lambda *args: shown.append(args))
    window.about_action.trigger()
    assert len(shown) == 1
    assert __version__ in shown[0][2]


def test_layout_is_remembered_in_settings(qtbot: QtBot, portfolio_book: Book,
                                          settings: QSettings) -> None:
    first = MainWindow(portfolio_book, settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(760, 500)  # fits, with its frame, on the offscreen test screen (800 x 800)
    first.table.horizontalHeader().resizeSection(Column.OWNER, 321)
    first.table.sortByColumn(Column.ARR, Qt.SortOrder.DescendingOrder)
    first.close()
    assert settings.value("portfolio/header") is not None

    second = MainWindow(portfolio_book, settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (760, 500)
    assert second.table.horizontalHeader().sectionSize(Column.OWNER) == 321
    assert names_shown(second)[0] == "Delta Logistics"  # the largest ARR first


def test_settings_stay_in_the_test_folder(qt_settings: Any) -> None:
    assert QSettings().fileName().startswith(str(qt_settings))


def test_status_badges_are_painted_in_the_form_colours(qtbot: QtBot, window: MainWindow,
                                                       portfolio_book: Book) -> None:
    table = window.table
    row = names_shown(window).index("Cobalt Health")
    index = table.model().index(row, Column.STATUS)
    rect = table.visualRect(index)
    image = table.viewport().grab(rect).toImage()
    middle = rect.height() // 2
    painted = {image.pixelColor(x, middle).name() for x in range(image.width())}
    assert portfolio_book.forms.health.status("Critical").colour.lower() in painted


def shown_and_fitted(qtbot: QtBot, window: MainWindow) -> tuple[QHeaderView, QFontMetrics]:
    """Show the window on a first start and wait for its columns to be fitted (the fit
    runs once the window has its size: the table is then full)."""
    qtbot.addWidget(window)
    window.resize(1800, 700)
    window.show()
    table = window.table
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: abs(sum(header.sectionSize(c) for c in Column)
                                - table.viewport().width()) <= 1)
    return header, table.fontMetrics()


def test_first_start_fits_the_columns_to_their_text(qtbot: QtBot, portfolio_book: Book,
                                                    settings: QSettings) -> None:
    window = MainWindow(portfolio_book, settings)
    header, metrics = shown_and_fitted(qtbot, window)
    assert header.sectionSize(Column.PLAN) > metrics.horizontalAdvance("Professional")
    assert header.sectionSize(Column.STAGE) > metrics.horizontalAdvance("Value Realization")
    assert header.sectionSize(Column.ARR) > metrics.horizontalAdvance("400,000")
    assert header.sectionSize(Column.HEALTH) > metrics.horizontalAdvance("Health")
    # What is left goes to the names; the side panel keeps room for its values.
    assert header.sectionSize(Column.ACCOUNT) > header.sectionSize(Column.STAGE)
    assert window.panel.width() >= window.panel.minimumWidth()


def test_columns_fitted_to_an_empty_book_fit_again_when_accounts_arrive(
        qtbot: QtBot, portfolio_book: Book, settings: QSettings, tmp_path: Path) -> None:
    """First start on an empty book, then the first import: the columns fit the
    accounts that came, not only their titles (they showed "Star…", "in 375 d…")."""
    with open_book(active_forms(), tmp_path / "new.sqlite3", auto_backup=False) as empty:
        fitted_again(qtbot, MainWindow(empty, settings), portfolio_book)


def fitted_again(qtbot: QtBot, window: MainWindow, portfolio_book: Book) -> None:
    header, metrics = shown_and_fitted(qtbot, window)
    assert header.sectionSize(Column.PLAN) < metrics.horizontalAdvance("Professional")

    window.refresh(window.model.preparer()(portfolio_book.accounts.portfolio()))
    assert header.sectionSize(Column.PLAN) > metrics.horizontalAdvance("Professional")
    assert header.sectionSize(Column.STAGE) > metrics.horizontalAdvance("Value Realization")
    assert header.sectionSize(Column.RENEWAL) > metrics.horizontalAdvance("in 300 days")
    widths = [header.sectionSize(c) for c in Column]
    window.refresh(window.model.preparer()(portfolio_book.accounts.portfolio()))
    assert [header.sectionSize(c) for c in Column] == widths  # once: then they are kept


def test_the_selected_account_stays_selected_when_sorting(
        qtbot: QtBot, window: MainWindow, portfolio_book: Book) -> None:
    acme = portfolio_book.accounts.find("Acme Robotics")
    assert window.select_account(acme.id)
    click_header(qtbot, window, Column.ARR)
    assert window.table.current_account() == acme.id
    assert window.table.selectionModel().selectedRows()[0].data() == "Acme Robotics"
    click_header(qtbot, window, Column.OWNER)
    assert window.table.current_account() == acme.id


def test_a_filter_change_is_summed_up_once(qtbot: QtBot, window: MainWindow,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Hiding scattered rows sends a signal per block of rows; the summary (a pass over
    every account) runs once, after them."""
    counted: list[int] = []
    update = window.summary.update_counts
    monkeypatch.setattr(window.summary, "update_counts",
                        lambda shown, total: (counted.append(len(shown)), update(shown, total)))
    status = window.filters.status
    status.setCurrentIndex(status.findData("At Risk"))  # keeps row 3 of 6: two blocks go
    qtbot.waitUntil(lambda: window.summary.text().startswith("1 of 6"))
    assert counted == [1]


def test_a_search_keeps_the_selected_account_until_it_hides_it(
        qtbot: QtBot, window: MainWindow, portfolio_book: Book) -> None:
    cobalt = portfolio_book.accounts.find("Cobalt Health")
    assert window.select_account(cobalt.id)
    assert window.panel.title.text() == "Cobalt Health"
    qtbot.keyClicks(window.filters.search, "dana")  # Acme Robotics and Cobalt Health
    assert sorted(names_shown(window)) == ["Acme Robotics", "Cobalt Health"]
    assert window.table.current_account() == cobalt.id
    assert window.table.selectionModel().selectedRows()[0].data() == "Cobalt Health"
    assert window.panel.title.text() == "Cobalt Health"
    window.filters.search.clear()
    qtbot.keyClicks(window.filters.search, "acme")
    assert names_shown(window) == ["Acme Robotics"]
    assert window.table.current_account() is None
    assert window.panel.title.text() == "No account open"
    assert not window.edit_details_action.isEnabled()
    qtbot.waitUntil(lambda: window.summary.text().startswith("1 of 6"))
