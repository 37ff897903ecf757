"""The portfolio models without any widget: what each cell says, how it sorts, what the
filters keep."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import uuid
from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from csdesk.playbook.form_loader import FormSet
from csdesk.store.book import Book
from csdesk.store.views import PortfolioRow
from csdesk.ui import formatting
from csdesk.ui.portfolio_model import (
    ID_ROLE,
    NOT_SCORED,
    ROW_ROLE,
    SORT_ROLE,
    Column,
    PortfolioFilter,
    PortfolioModel,
    PreparedRows,
)
from csdesk.ui.status_style import readable_text_on, status_styles
from tests.ui.conftest import PORTFOLIO, TODAY

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def model(portfolio_book: Book) -> PortfolioModel:
    model = PortfolioModel(portfolio_book.forms, lambda: TODAY)
    model.set_rows(portfolio_book.accounts.portfolio())
    return model


@pytest.fixture
def proxy(model: PortfolioModel) -> PortfolioFilter:
    proxy = PortfolioFilter()
    proxy.setSourceModel(model)
    return proxy


def cell(model: PortfolioModel | PortfolioFilter, name: str, column: Column,
         role: int = DISPLAY) -> object:
    for r in range(model.rowCount()):
        if model.index(r, Column.ACCOUNT).data() == name:
            return model.index(r, column).data(role)
    raise AssertionError(f"{name} is not shown")


def shown(proxy: PortfolioFilter, column: Column = Column.ACCOUNT) -> list[str]:
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def row(**changes: object) -> PortfolioRow:
    base = PortfolioRow(
        id=uuid.uuid4(), name="Acme", plan_tier="Starter", arr=1000.0, stage="onboarding",
        owner="Dana", renewal_date=None, days_to_renewal=None, score=None, status=None,
        score_change=None, as_of=None, next_review=None, open_risks=0, readiness_level=None,
        archived=False)
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


# -- the table's shape -----------------------------------------------------------------
def test_one_row_per_account_and_twelve_titled_columns(model: PortfolioModel) -> None:
    assert model.rowCount() == len(PORTFOLIO)
    assert model.columnCount() == 12
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(12)]
    assert titles == ["Account", "Plan", "Stage", "Health", "Status", "Change", "Renewal",
                      "Next review", "Open risks", "Readiness", "Owner", "ARR"]
    assert "since the previous snapshot" in model.headerData(
        Column.CHANGE, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert model.rowCount(model.index(0, 0)) == 0  # a table, not a tree
    assert model.data(QModelIndex()) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_display_text_of_each_column(model: PortfolioModel) -> None:
    expected = {
        Column.ACCOUNT: "Acme Robotics", Column.PLAN: "Enterprise", Column.STAGE: "Onboarding",
        Column.HEALTH: "86.0", Column.STATUS: "Healthy", Column.CHANGE: "▲ +8.0",
        Column.RENEWAL: "in 45 days", Column.NEXT_REVIEW: "25 Mar 2026",
        Column.OPEN_RISKS: "1", Column.READINESS: "", Column.OWNER: "Dana Lee",
        Column.ARR: "250,000",
    }
    assert {c: cell(model, "Acme Robotics", c) for c in Column} == expected


def test_stage_label_comes_from_the_journey_form(model: PortfolioModel) -> None:
    assert cell(model, "Delta Logistics", Column.STAGE) == "Value Realization"


def test_falling_flat_and_unknown_change(model: PortfolioModel) -> None:
    assert cell(model, "Borealis Foods", Column.CHANGE) == "▼ −7.0"
    assert cell(model, "Delta Logistics", Column.CHANGE) == "– 0.0"
    assert cell(model, "Cobalt Health", Column.CHANGE) == ""  # one snapshot only
    assert "No earlier snapshot" in str(
        cell(model, "Cobalt Health", Column.CHANGE, Qt.ItemDataRole.ToolTipRole))


def test_renewal_in_words(model: PortfolioModel) -> None:
    assert cell(model, "Delta Logistics", Column.RENEWAL) == "10 days ago"
    assert cell(model, "Evergreen Bank", Column.RENEWAL) == ""
    assert cell(model, "Cobalt Health", Column.RENEWAL, Qt.ItemDataRole.ToolTipRole) \
        == "Renews on 22 Mar 2026"


def test_an_account_without_a_snapshot_shows_blanks(model: PortfolioModel) -> None:
    for column in (Column.HEALTH, Column.STATUS, Column.CHANGE, Column.NEXT_REVIEW):
        assert cell(model, "Evergreen Bank", column) == ""
    assert cell(model, "Evergreen Bank", Column.STATUS, Qt.ItemDataRole.BackgroundRole) is None
    assert "Not scored yet" in str(
        cell(model, "Evergreen Bank", Column.STATUS, Qt.ItemDataRole.ToolTipRole))


def test_status_colours_are_the_health_forms(model: PortfolioModel, forms: FormSet) -> None:
    for name, status in (("Acme Robotics", "Healthy"), ("Borealis Foods", "At Risk"),
                         ("Cobalt Health", "Critical")):
        background = cell(model, name, Column.STATUS, Qt.ItemDataRole.BackgroundRole)
        foreground = cell(model, name, Column.STATUS, Qt.ItemDataRole.ForegroundRole)
        assert isinstance(background, QColor) and isinstance(foreground, QColor)
        assert background.name() == forms.health.status(status).colour.lower()
        assert foreground == readable_text_on(background)
    # Only the status cell is painted.
    assert cell(model, "Acme Robotics", Column.ACCOUNT, Qt.ItemDataRole.BackgroundRole) is None


def test_text_on_a_status_colour_stays_readable() -> None:
    assert readable_text_on(QColor("#c62828")).name() == "#ffffff"  # white on red
    assert readable_text_on(QColor("#2e7d32")).name() == "#ffffff"  # white on green
    assert readable_text_on(QColor("#ef8f00")).name() == "#000000"  # black on orange


def test_status_tooltip_explains_the_band_and_what_to_do(model: PortfolioModel,
                                                         forms: FormSet) -> None:
    tip = str(cell(model, "Borealis Foods", Column.STATUS, Qt.ItemDataRole.ToolTipRole))
    assert tip.startswith("At Risk: health score 60 to under 80.")
    assert forms.health.status("At Risk").help in tip
    assert "Latest snapshot: 23 Feb 2026" in tip
    healthy = str(cell(model, "Acme Robotics", Column.STATUS, Qt.ItemDataRole.ToolTipRole))
    assert "80 or more" in healthy
    critical = str(cell(model, "Cobalt Health", Column.STATUS, Qt.ItemDataRole.ToolTipRole))
    assert "under 60" in critical


def test_status_bands_follow_a_tailored_form(forms: FormSet) -> None:
    statuses = [s.model_copy(update={"min": m})
                for s, m in zip(forms.health.statuses, (90.0, 50.0, None), strict=True)]
    styles = status_styles(forms.health.model_copy(update={"statuses": statuses}))
    assert [s.band for s in styles.values()] == ["90 or more", "50 to under 90", "under 50"]
    assert [s.rank for s in styles.values()] == [0, 1, 2]


def test_change_colours_rise_green_and_fall_red(model: PortfolioModel, forms: FormSet) -> None:
    up = cell(model, "Acme Robotics", Column.CHANGE, Qt.ItemDataRole.ForegroundRole)
    down = cell(model, "Borealis Foods", Column.CHANGE, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(up, QColor) and up.name() == forms.health.statuses[0].colour.lower()
    assert isinstance(down, QColor) and down.name() == forms.health.statuses[-1].colour.lower()
    assert cell(model, "Delta Logistics", Column.CHANGE, Qt.ItemDataRole.ForegroundRole) is None


def test_a_review_that_is_due_is_bold(model: PortfolioModel) -> None:
    due = cell(model, "Cobalt Health", Column.NEXT_REVIEW, Qt.ItemDataRole.FontRole)
    assert isinstance(due, QFont) and due.bold()
    assert cell(model, "Acme Robotics", Column.NEXT_REVIEW, Qt.ItemDataRole.FontRole) is None
    assert str(cell(model, "Cobalt Health", Column.NEXT_REVIEW,
                    Qt.ItemDataRole.ToolTipRole)).startswith("Review due since")


def test_numbers_align_right(model: PortfolioModel) -> None:
    align = Qt.ItemDataRole.TextAlignmentRole
    assert cell(model, "Acme Robotics", Column.ARR, align) & Qt.AlignmentFlag.AlignRight
    assert cell(model, "Acme Robotics", Column.ACCOUNT, align) & Qt.AlignmentFlag.AlignLeft


def test_roles_for_code_raw_row_and_id(model: PortfolioModel, portfolio_book: Book) -> None:
    acme = portfolio_book.accounts.find("Acme Robotics")
    assert cell(model, "Acme Robotics", Column.STATUS, ID_ROLE) == acme.id
    value = cell(model, "Acme Robotics", Column.HEALTH, ROW_ROLE)
    assert isinstance(value, PortfolioRow) and value.score == pytest.approx(86.0)
    assert cell(model, "Acme Robotics", Column.HEALTH, SORT_ROLE) == pytest.approx(86.0)
    assert cell(model, "Acme Robotics", Column.RENEWAL, SORT_ROLE) == 45
    assert cell(model, "Evergreen Bank", Column.HEALTH, SORT_ROLE) is None
    assert cell(model, "Acme Robotics", Column.OWNER, Qt.ItemDataRole.AccessibleTextRole) \
        == "Owner: Dana Lee"


def test_model_is_read_only(model: PortfolioModel) -> None:
    flags = model.flags(model.index(0, 0))
    assert flags & Qt.ItemFlag.ItemIsSelectable
    assert not flags & Qt.ItemFlag.ItemIsEditable


# -- sorting -----------------------------------------------------------------------------
def test_health_sorts_by_score_with_unscored_last_both_ways(proxy: PortfolioFilter) -> None:
    proxy.sort(Column.HEALTH, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == ["Cobalt Health", "Delta Logistics", "Borealis Foods",
                            "Acme Robotics", "fjord media", "Evergreen Bank"]
    proxy.sort(Column.HEALTH, Qt.SortOrder.DescendingOrder)
    assert shown(proxy) == ["fjord media", "Acme Robotics", "Borealis Foods",
                            "Delta Logistics", "Cobalt Health", "Evergreen Bank"]


def test_change_sorts_numerically_not_as_text(proxy: PortfolioFilter) -> None:
    proxy.sort(Column.CHANGE, Qt.SortOrder.AscendingOrder)
    assert shown(proxy)[:3] == ["Borealis Foods", "Delta Logistics", "Acme Robotics"]
    # The three without a change come last, by name.
    assert shown(proxy)[3:] == ["Cobalt Health", "Evergreen Bank", "fjord media"]


def test_stage_sorts_in_journey_order(proxy: PortfolioFilter) -> None:
    proxy.sort(Column.STAGE, Qt.SortOrder.AscendingOrder)
    assert shown(proxy, Column.STAGE) == ["Discovery", "Onboarding", "Value Realization",
                                          "Adoption", "Expansion", "Renewal"]


def test_status_sorts_from_best_to_worst(proxy: PortfolioFilter) -> None:
    proxy.sort(Column.STATUS, Qt.SortOrder.AscendingOrder)
    assert shown(proxy, Column.STATUS) == ["Healthy", "Healthy", "At Risk", "Critical",
                                           "Critical", ""]
    # Ties read in name order, whichever way the column sorts.
    assert shown(proxy)[:2] == ["Acme Robotics", "fjord media"]
    proxy.sort(Column.STATUS, Qt.SortOrder.DescendingOrder)
    assert shown(proxy)[:2] == ["Cobalt Health", "Delta Logistics"]
    assert shown(proxy)[-1] == "Evergreen Bank"


def test_names_and_owners_sort_ignoring_case(proxy: PortfolioFilter) -> None:
    proxy.sort(Column.ACCOUNT, Qt.SortOrder.DescendingOrder)
    assert shown(proxy)[0] == "fjord media"
    proxy.sort(Column.OWNER, Qt.SortOrder.AscendingOrder)
    assert shown(proxy, Column.OWNER) == ["Dana Lee", "Dana Lee", "Priya Shah", "Sam Ortiz",
                                          "Sam Ortiz", ""]


def test_renewal_and_arr_sort_by_value(proxy: PortfolioFilter) -> None:
    proxy.sort(Column.RENEWAL, Qt.SortOrder.AscendingOrder)
    assert shown(proxy, Column.RENEWAL) == ["10 days ago", "in 20 days", "in 45 days",
                                            "in 150 days", "in 300 days", ""]
    proxy.sort(Column.ARR, Qt.SortOrder.DescendingOrder)
    assert shown(proxy, Column.ARR)[:2] == ["400,000", "250,000"]


def test_sorting_stays_right_when_rows_are_replaced(proxy: PortfolioFilter,
                                                    model: PortfolioModel) -> None:
    proxy.sort(Column.HEALTH, Qt.SortOrder.AscendingOrder)
    rows = model.rows
    model.set_rows([*rows, row(name="Zeta", score=10.0, status="Critical")])
    assert shown(proxy)[0] == "Zeta"


def test_rows_made_ready_on_another_thread_show_in_the_current_order(
        proxy: PortfolioFilter, model: PortfolioModel) -> None:
    """An import reads and sorts the new portfolio off the GUI thread; if the CSM sorted
    by another column meanwhile, the rows still show in the order the header says."""
    proxy.sort(Column.HEALTH, Qt.SortOrder.AscendingOrder)
    prepare = model.preparer()
    ready = threaded(lambda: prepare([*model.rows, row(name="Zeta", score=10.0)]))
    assert ready.owners == {r.owner for r in [*model.rows, row()]}
    model.set_rows(ready)
    assert shown(proxy)[0] == "Zeta"
    proxy.set_search("zeta")
    assert shown(proxy) == ["Zeta"]  # its haystack came with it
    proxy.set_search("")
    stale = prepare(model.rows)  # sorted by health, then the CSM sorts by name
    proxy.sort(Column.ACCOUNT, Qt.SortOrder.DescendingOrder)
    model.set_rows(stale)
    assert shown(proxy)[:2] == ["Zeta", "fjord media"]


def threaded(work: Callable[[], PreparedRows]) -> PreparedRows:
    done: list[PreparedRows] = []
    thread = threading.Thread(target=lambda: done.append(work()))
    thread.start()
    thread.join()
    return done[0]


# -- filtering --------------------------------------------------------------------------
def test_search_matches_name_or_owner_in_any_case(proxy: PortfolioFilter) -> None:
    proxy.set_search("FJORD")
    assert shown(proxy) == ["fjord media"]
    proxy.set_search("  dana ")
    assert sorted(shown(proxy)) == ["Acme Robotics", "Cobalt Health"]
    proxy.set_search("ortiz")  # only in the owner's name
    assert sorted(shown(proxy)) == ["Borealis Foods", "Evergreen Bank"]
    proxy.set_search("LOGISTICS")
    assert shown(proxy) == ["Delta Logistics"]
    proxy.set_search("no such account")
    assert proxy.rowCount() == 0
    proxy.set_search("")
    assert proxy.rowCount() == len(PORTFOLIO)
    assert not proxy.is_filtering


def test_status_filter_and_the_not_scored_choice(proxy: PortfolioFilter) -> None:
    proxy.set_status("Critical")
    assert sorted(shown(proxy)) == ["Cobalt Health", "Delta Logistics"]
    proxy.set_status(NOT_SCORED)
    assert shown(proxy) == ["Evergreen Bank"]
    proxy.set_status(None)
    assert proxy.rowCount() == len(PORTFOLIO)


def test_stage_and_owner_filters(proxy: PortfolioFilter) -> None:
    proxy.set_stage("onboarding")
    assert shown(proxy) == ["Acme Robotics"]
    proxy.set_stage(None)
    proxy.set_owner("Sam Ortiz")
    assert sorted(shown(proxy)) == ["Borealis Foods", "Evergreen Bank"]


def test_renewal_within_counts_from_today_and_skips_past_renewals(
        proxy: PortfolioFilter) -> None:
    proxy.set_renewal_within(90)
    assert sorted(shown(proxy)) == ["Acme Robotics", "Cobalt Health"]
    proxy.set_renewal_within(180)
    assert sorted(shown(proxy)) == ["Acme Robotics", "Borealis Foods", "Cobalt Health"]
    proxy.set_renewal_within(45)  # the 45th day is within 45 days
    assert "Acme Robotics" in shown(proxy)


def test_filters_combine(proxy: PortfolioFilter) -> None:
    proxy.set_owner("Dana Lee")
    proxy.set_status("Critical")
    assert shown(proxy) == ["Cobalt Health"]
    proxy.set_search("acme")
    assert shown(proxy) == []
    assert proxy.is_filtering
    assert [r.name for r in proxy.shown_rows()] == []


def test_shown_rows_follow_the_sort(proxy: PortfolioFilter) -> None:
    proxy.sort(Column.ARR, Qt.SortOrder.DescendingOrder)
    proxy.set_owner("Dana Lee")
    assert [r.name for r in proxy.shown_rows()] == ["Acme Robotics", "Cobalt Health"]


# -- formatting --------------------------------------------------------------------------
@pytest.mark.parametrize(("days", "text"), [
    (0, "today"), (1, "tomorrow"), (-1, "yesterday"), (45, "in 45 days"),
    (-3, "3 days ago"), (None, "")])
def test_days_in_words(days: int | None, text: str) -> None:
    assert formatting.days_text(days) == text


@pytest.mark.parametrize(("change", "text"), [
    (3.24, "▲ +3.2"), (-1.55, "▼ −1.6"), (0.04, "– 0.0"), (-0.04, "– 0.0"), (None, "")])
def test_change_in_words(change: float | None, text: str) -> None:
    assert formatting.change_text(change) == text


def test_dates_scores_and_money() -> None:
    assert formatting.date_text(dt.date(2026, 3, 2)) == "2 Mar 2026"
    assert formatting.date_text(None) == ""
    assert formatting.score_text(73.449) == "73.4"
    assert formatting.score_text(None) == ""
    assert formatting.money_text(1234567.8) == "1,234,568"


def test_rows_built_by_hand_work_too(forms: FormSet) -> None:
    model = PortfolioModel(forms, lambda: TODAY)
    model.set_rows([row(stage="no-longer-a-stage", status="Retired", score=50.0)])
    assert model.index(0, Column.STAGE).data() == "no-longer-a-stage"
    assert model.index(0, Column.STATUS).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "does not define" in model.index(0, Column.STATUS).data(
        Qt.ItemDataRole.ToolTipRole)
    assert model.row_of(uuid.uuid4()) is None


def test_a_cells_look_in_one_call_is_what_its_roles_say(model: PortfolioModel) -> None:
    role = Qt.ItemDataRole
    model.set_rows([*model.rows, row(name="Due", next_review=TODAY, score_change=-4.0)])
    for r in range(model.rowCount()):
        for column in Column:
            index = model.index(r, column)
            assert model.cell_look(r, column) == (
                index.data(role.DisplayRole), index.data(role.TextAlignmentRole),
                index.data(role.ForegroundRole), index.data(role.FontRole))
    due = next(n for n in range(model.rowCount()) if model.row_at(n).name == "Due")
    font = model.cell_look(due, Column.NEXT_REVIEW)[3]
    assert font is not None and font.bold()
