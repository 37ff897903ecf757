"""Filtering the portfolio inside its model, without any widget: what a search and the
filters keep, in which order, and that the selected account stays selected."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from csdesk.store.book import Book
from csdesk.store.views import PortfolioRow
from csdesk.ui.portfolio_model import (
    NOT_SCORED,
    Column,
    PortfolioFilter,
    PortfolioModel,
    RowFilter,
)
from csdesk.ui.row_filter import search_text
from tests.ui.conftest import PORTFOLIO, TODAY

Select = QItemSelectionModel.SelectionFlag


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


def names(model: PortfolioModel | PortfolioFilter) -> list[str]:
    return [model.index(r, Column.ACCOUNT).data() for r in range(model.rowCount())]


def searching(text: str, **filters: object) -> RowFilter:
    return RowFilter(search=search_text(text), **filters)  # type: ignore[arg-type]


def with_row(model: PortfolioModel, **values: object) -> None:
    """The book's rows and one more made by hand."""
    base = model.rows[0]
    extra = dataclasses.replace(base, id=uuid.uuid4(), **values)  # type: ignore[arg-type]
    model.set_rows([*model.rows, extra])


def test_search_looks_in_names_and_owners_ignoring_case(model: PortfolioModel) -> None:
    model.set_filter(searching("DANA"))
    assert sorted(names(model)) == ["Acme Robotics", "Cobalt Health"]
    model.set_filter(searching("  Ortiz"))  # only in the owners' names
    assert sorted(names(model)) == ["Borealis Foods", "Evergreen Bank"]
    model.set_filter(searching("FJORD MEDIA"))
    assert names(model) == ["fjord media"]
    assert model.total == len(PORTFOLIO)  # the others are only hidden
    model.set_filter(RowFilter())
    assert model.rowCount() == len(PORTFOLIO)


def test_search_casefolds_beyond_upper_and_lower_case(model: PortfolioModel) -> None:
    with_row(model, name="Große Straße GmbH", owner="Jürgen Weiß")
    model.set_filter(searching("STRASSE"))
    assert names(model) == ["Große Straße GmbH"]
    model.set_filter(searching("weiss"))
    assert names(model) == ["Große Straße GmbH"]


def test_search_does_not_run_from_the_name_into_the_owner(model: PortfolioModel) -> None:
    model.set_filter(searching("roboticsdana"))
    assert names(model) == []
    model.set_filter(searching("robotics dana"))
    assert names(model) == []


def test_typing_on_and_deleting_back_show_what_a_fresh_search_shows(
        model: PortfolioModel, portfolio_book: Book) -> None:
    typed = ["", "o", "or", "ort", "or", "o", "", "a", "ac", "a"]
    seen = []
    for text in typed:
        model.set_filter(searching(text))
        seen.append(sorted(names(model)))
    fresh = PortfolioModel(portfolio_book.forms, lambda: TODAY)
    for text, shown in zip(typed, seen, strict=True):
        fresh.set_rows(model.rows)
        fresh.set_filter(searching(text))
        assert sorted(names(fresh)) == shown, text
    assert seen[3] == ["Borealis Foods", "Evergreen Bank"]
    assert len(seen[6]) == len(PORTFOLIO)


def test_search_and_all_four_filters_combine(model: PortfolioModel) -> None:
    keep = searching("a", status="Critical", stage="renewal", owner="Dana Lee",
                     renewal_within=90)
    model.set_filter(keep)
    assert names(model) == ["Cobalt Health"]
    for changed in ({"status": "Healthy"}, {"stage": "adoption"}, {"owner": "Sam Ortiz"},
                    {"renewal_within": None, "search": "borealis"}):
        model.set_filter(dataclasses.replace(keep, **changed))  # type: ignore[arg-type]
        assert names(model) == [], changed
    model.set_filter(RowFilter(status=NOT_SCORED, owner="Sam Ortiz"))
    assert names(model) == ["Evergreen Bank"]
    model.set_filter(RowFilter(status="Critical", renewal_within=90))
    assert names(model) == ["Cobalt Health"]  # Delta renewed 10 days ago


def test_the_filter_keeps_the_sort_order_and_a_sort_keeps_the_filter(
        model: PortfolioModel) -> None:
    model.sort(Column.ARR, Qt.SortOrder.DescendingOrder)
    model.set_filter(RowFilter(owner="Dana Lee"))
    assert names(model) == ["Acme Robotics", "Cobalt Health"]
    model.sort(Column.ARR, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["Cobalt Health", "Acme Robotics"]
    model.set_filter(RowFilter())
    assert names(model) == ["Evergreen Bank", "Cobalt Health", "Borealis Foods",
                            "fjord media", "Acme Robotics", "Delta Logistics"]


def test_new_rows_are_filtered_as_they_come(model: PortfolioModel) -> None:
    model.set_filter(searching("robot"))
    with_row(model, name="Robotnik Mining", owner="Lee Chen")
    assert sorted(names(model)) == ["Acme Robotics", "Robotnik Mining"]
    assert model.total == len(PORTFOLIO) + 1


def test_the_selected_account_stays_selected_while_it_is_shown(
        model: PortfolioModel, proxy: PortfolioFilter) -> None:
    proxy.sort(Column.ACCOUNT, Qt.SortOrder.AscendingOrder)
    selection = QItemSelectionModel(proxy)
    cobalt = proxy.index(names(proxy).index("Cobalt Health"), Column.ACCOUNT)
    selection.setCurrentIndex(cobalt, Select.ClearAndSelect | Select.Rows)
    assert cobalt.row() == 2

    proxy.set_search("dana")  # Acme and Cobalt: Cobalt moves up to the second row
    assert selection.currentIndex().row() == 1
    assert selection.currentIndex().data() == "Cobalt Health"
    assert [i.data() for i in selection.selectedRows()] == ["Cobalt Health"]

    proxy.set_search("")
    assert selection.currentIndex().data() == "Cobalt Health"
    assert [i.data() for i in selection.selectedRows()] == ["Cobalt Health"]

    proxy.set_search("acme")  # Cobalt is hidden: nothing is selected any more
    assert not selection.currentIndex().isValid()
    assert selection.selectedRows() == []


def test_a_filter_change_is_one_layout_change_and_none_if_nothing_changes(
        model: PortfolioModel, proxy: PortfolioFilter) -> None:
    seen: list[str] = []
    for name in ("layoutChanged", "modelReset", "rowsRemoved", "rowsInserted"):
        getattr(proxy, name).connect(lambda *_args, name=name: seen.append(name))
    proxy.set_status("Critical")
    assert seen == ["layoutChanged"]
    proxy.set_search("c")  # Cobalt and Delta both hold a "c": the same rows
    assert seen == ["layoutChanged"]
    assert proxy.shown_rows() == model.shown_rows()
    assert sorted(r.name for r in proxy.shown_rows()) == ["Cobalt Health",
                                                          "Delta Logistics"]


def test_row_of_finds_only_shown_accounts(model: PortfolioModel) -> None:
    acme = next(r for r in model.rows if r.name == "Acme Robotics")
    model.set_filter(searching("acme"))
    assert model.row_of(acme.id) == 0 and model.row_at(0) is acme
    model.set_filter(searching("borealis"))
    assert model.row_of(acme.id) is None


def test_a_row_filter_on_its_own() -> None:
    row = PortfolioRow(
        id=uuid.uuid4(), name="Acme", plan_tier="Starter", arr=1000.0, stage="onboarding",
        owner="Dana", renewal_date=None, days_to_renewal=None, score=None, status=None,
        score_change=None, as_of=None, next_review=None, open_risks=0, readiness_level=None,
        archived=False)
    assert not RowFilter().is_filtering and RowFilter().accepts(row)
    assert RowFilter(search="dana").accepts(row)
    assert RowFilter(status=NOT_SCORED).accepts(row)
    assert not RowFilter(renewal_within=365).accepts(row)  # no renewal date
    assert search_text("  ACME\0 ") == "acme"
