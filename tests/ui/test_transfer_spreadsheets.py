"""Spreadsheets from the window: a health sheet is previewed with its column mapping and
every rejected row, imported only whole; the portfolio table (as filtered) and an
account's health history go out to CSV and Excel; exports of the filtered accounts."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from csdesk.exchange.accountfile import read_account_file
from csdesk.exchange.spreadsheets import plan_spreadsheet
from csdesk.playbook.records import HEALTH_METRICS
from csdesk.store.book import Book
from csdesk.ui.main_window import MainWindow
from csdesk.ui.transfer.sheet_preview import SheetPreviewDialog
from tests.conftest import metrics_at
from tests.ui.conftest import TODAY
from tests.ui.transfer_helpers import (
    export_options,
    open_with,
    save_as,
    sheet_answers,
)

WAIT_MS = 30000
HEADERS = ["Account", "As of", "Platform adoption", "workflow_utilization", "feature_usage",
           "system_uptime", "Workflow success rate", "performance_targets",
           "roi_achievement", "business_objectives", "cost_optimization",
           "user_satisfaction", "support_tickets", "reference_willingness"]


@pytest.fixture
def window(qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> MainWindow:
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def reading(account: str, day: dt.date, value: float, **changes: object) -> list[object]:
    metrics: dict[str, object] = {**metrics_at(value), **changes}
    return [account, day.isoformat(), *(metrics[m] for m in HEALTH_METRICS)]


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def import_sheet(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                 path: Path) -> str:
    open_with(monkeypatch, path)
    with qtbot.waitSignal(window.transfer.idle, timeout=WAIT_MS) as said:
        window.transfer.import_action.trigger()
    return str(said.args[0])


def test_a_rejected_row_is_named_by_row_and_column_and_nothing_is_imported(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    acme = window.book.accounts.find("Acme Robotics").id
    before = len(window.book.snapshots.history(acme))
    path = write_csv(tmp_path / "health.csv", [
        HEADERS,
        reading("Acme Robotics", TODAY, 81),
        reading("Acme Robotics", TODAY - dt.timedelta(days=1), 80, platform_adoption=140),
    ])
    seen: list[dict[str, Any]] = []
    sheet_answers(monkeypatch, seen)
    said = import_sheet(qtbot, window, monkeypatch, path)
    shown = seen[0]
    assert ["health.csv", "3", "platform_adoption", "140 is above 100"] in shown["rejected"]
    assert not shown["import_enabled"]
    assert "Nothing will be imported while any row is rejected" in shown["verdict"]
    assert shown["tabs"][:2] == ["Rejected (1)", "health.csv: health readings"]
    assert said == "Nothing was imported from health.csv."
    assert len(window.book.snapshots.history(acme)) == before

    # fixed in the file: the whole sheet goes in, once
    path = write_csv(tmp_path / "health.csv", [
        HEADERS,
        reading("Acme Robotics", TODAY, 81),
        reading("Acme Robotics", TODAY - dt.timedelta(days=1), 80, platform_adoption=100),
    ])
    said = import_sheet(qtbot, window, monkeypatch, path)
    assert seen[1]["import_enabled"]
    assert "2 health readings to record" in seen[1]["headline"]
    assert said == ("Imported health.csv: 0 accounts created, 0 updated, 2 health readings "
                    "recorded.")
    assert len(window.book.snapshots.history(acme)) == before + 2
    assert window.statusBar().currentMessage() == said


def test_the_portfolio_table_goes_out_as_filtered(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    window.proxy.set_owner("Dana Lee")
    target = tmp_path / "dana"  # no suffix typed: the chosen kind's is added
    save_as(monkeypatch, target)
    with qtbot.waitSignal(window.transfer.idle, timeout=WAIT_MS) as said:
        window.transfer.export_table_action.trigger()
    written = tmp_path / "dana.xlsx"
    assert said.args[0] == f"Wrote the portfolio table (2 accounts) to {written}."
    sheet = openpyxl.load_workbook(written).active
    names = sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert names == ["Acme Robotics", "Cobalt Health"]


def test_an_accounts_health_history_goes_out_to_csv(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    window.select_account(window.book.accounts.find("Borealis Foods").id)
    asked: list[str] = []
    target = tmp_path / "borealis.csv"
    save_as(monkeypatch, target, asked)
    with qtbot.waitSignal(window.transfer.idle, timeout=WAIT_MS):
        window.transfer.export_history_action.trigger()
    assert asked[0].endswith("Borealis Foods health history.xlsx")
    with target.open(encoding="utf-8-sig") as fh:  # with a BOM, for Excel
        lines = list(csv.reader(fh))
    assert lines[0][:3] == ["Account", "As of", "Platform adoption"]
    assert [line[0] for line in lines[1:]] == ["Borealis Foods", "Borealis Foods"]
    # the save dialog starts in the folder used last time
    save_as(monkeypatch, tmp_path / "again.csv", asked)
    with qtbot.waitSignal(window.transfer.idle, timeout=WAIT_MS):
        window.transfer.export_history_action.trigger()
    assert Path(asked[1]).parent == tmp_path


def test_the_filtered_accounts_export_to_an_account_file(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    window.proxy.set_owner("Sam Ortiz")
    seen: list[dict[str, str]] = []
    export_options(monkeypatch, only_shown=True, seen=seen)
    target = tmp_path / "sam.csdesk"
    save_as(monkeypatch, target)
    with qtbot.waitSignal(window.transfer.idle, timeout=WAIT_MS) as said:
        window.transfer.export_portfolio_action.trigger()
    assert seen[0]["all"] == "&All 6 accounts of the book"
    assert seen[0]["shown"] == (
        "Only the 2 accounts &shown with the current filters")
    assert said.args[0] == f"Exported 2 accounts to {target}."
    assert sorted(read_account_file(target).account_names.values()) == [
        "Borealis Foods", "Evergreen Bank"]


def test_a_sheet_with_nothing_rejected_shows_no_stray_table_over_the_headline(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "health.csv", [HEADERS, reading("Acme Robotics", TODAY, 81)])
    dialog = SheetPreviewDialog(plan_spreadsheet(window.book, path), path.name, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.rejected_rows.isVisible()
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "health.csv: health readings"]
