"""A CSM works through the account checklists: ticking moves the progress, overdue items
stand out, every change is undone by name. The checklist model is tested without
widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from csdesk.store.book import Book
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workspace import overdue
from csdesk.ui.workspace.checklist_model import ChecklistModel, SectionRow
from csdesk.ui.workspace.checklists_page import ChecklistsPage
from tests.ui.conftest import TODAY

KUBERNETES = "Kubernetes cluster available (v1.24+)"
Check = Qt.ItemDataRole.CheckStateRole


@pytest.fixture
def page(qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> ChecklistsPage:
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    acme = portfolio_book.accounts.find("Acme Robotics")
    window.open_account(acme.id, "checklists")
    checklists = window.workspace.pages["checklists"]
    assert isinstance(checklists, ChecklistsPage)
    return checklists


def technical(book: Book, account_id: object) -> object:
    return next(c for c in book.checklists.for_account(account_id)  # type: ignore[arg-type]
                if c.checklist_id == "technical_readiness")


def test_every_account_checklist_shows_with_its_progress(page: ChecklistsPage) -> None:
    assert list(page.panels) == ["technical_readiness", "stage_success", "phase_success",
                                 "renewal_readiness"]
    panel = page.panels["technical_readiness"]
    assert panel.title() == "Technical readiness"
    assert panel.counts.text() == "0 of 15 done"
    assert panel.progress.text() == "0%"
    assert not panel.overdue.isVisibleTo(page)
    model = panel.model
    assert model.index(0, 0).data() == "Infrastructure"  # section row
    assert model.index(1, 0).data() == KUBERNETES


def test_ticking_moves_the_progress_and_is_undone_by_name(qtbot: QtBot,
                                                         page: ChecklistsPage) -> None:
    window = page.window()
    assert isinstance(window, MainWindow)
    panel = page.panels["technical_readiness"]
    table = panel.table
    row = panel.model.item_row("kubernetes")
    table.setFocus()
    table.setCurrentIndex(panel.model.index(row, 0))
    qtbot.keyClick(table, Qt.Key.Key_Space)  # tick with the keyboard
    assert panel.counts.text() == "1 of 15 done"
    assert panel.progress.value() == 1 and panel.progress.text() == "7%"
    assert panel.model.index(row, 0).data(Check) == Qt.CheckState.Checked
    item = technical(page.book, page.account_id).sections[0][2][0]  # type: ignore[attr-defined]
    assert (item.state, item.done_on) == ("done", TODAY)
    assert window.undo_action.text() == f"Undo tick {KUBERNETES}"

    # n/a leaves an item out of the count
    ssl = panel.model.item_row("ssl")
    assert panel.model.setData(panel.model.index(ssl, 1), "na")
    assert panel.counts.text() == "1 of 14 done · 1 n/a"
    assert window.undo_action.text() == "Undo mark SSL certificates obtained not applicable"

    window.undo_action.trigger()
    window.undo_action.trigger()
    assert panel.counts.text() == "0 of 15 done"
    assert panel.model.index(row, 0).data(Check) == Qt.CheckState.Unchecked
    window.redo_action.trigger()
    assert panel.counts.text() == "1 of 15 done"


def test_an_overdue_item_stands_out(page: ChecklistsPage) -> None:
    window = page.window()
    assert isinstance(window, MainWindow)
    panel = page.panels["technical_readiness"]
    model = panel.model
    row = model.item_row("database")
    due = model.column_of("due_date")
    assert model.setData(model.index(row, due), TODAY - dt.timedelta(days=3))
    assert window.undo_action.text() == (
        "Undo set Database access (PostgreSQL 13+) due 27 Feb 2026")
    cell = model.index(row, due)
    assert cell.data() == "27 Feb 2026 · overdue"
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == overdue.BACKGROUND
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == overdue.FOREGROUND
    assert not cell.data(Qt.ItemDataRole.DecorationRole).isNull()  # the warning icon
    assert "3 days ago" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert panel.overdue.isVisibleTo(page) and panel.overdue.text() == "⚠ 1 overdue"
    assert "1 overdue" in page.summary.text()
    # done is no longer overdue
    assert model.setData(model.index(row, 0), Qt.CheckState.Checked, Check)
    assert model.index(row, due).data() == "27 Feb 2026"
    assert not panel.overdue.isVisibleTo(page)


def test_owner_and_note_are_edited_in_place(page: ChecklistsPage) -> None:
    model = page.panels["technical_readiness"].model
    row = model.item_row("network")
    assert model.setData(model.index(row, model.column_of("owner")), "  Dana Lee ")
    assert page.window().undo_action.text() == (
        "Undo set owner of Network connectivity established to Dana Lee")
    assert model.setData(model.index(row, model.column_of("note")), "VPN ticket #42")
    item = next(i for _s, _l, items in technical(page.book, page.account_id).sections  # type: ignore[attr-defined]
                for i in items if i.item_id == "network")
    assert (item.owner, item.note) == ("Dana Lee", "VPN ticket #42")


def test_checklist_model_without_widgets(portfolio_book: Book) -> None:
    acme = portfolio_book.accounts.find("Acme Robotics")
    checklist = technical(portfolio_book, acme.id)
    model = ChecklistModel(TODAY)
    asked: list[tuple[str, str, object]] = []
    model.editRequested.connect(lambda item, field, value: asked.append(
        (item.item_id, field, value)))
    model.set_checklist(checklist)  # type: ignore[arg-type]
    assert model.rowCount() == 18 and model.section_rows() == [0, 6, 12]
    assert isinstance(model.rows[0], SectionRow)
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(1, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.flags(model.index(1, model.column_of("owner"))) & Qt.ItemFlag.ItemIsEditable
    assert model.index(1, 1).data() == "open"
    # the model asks; it never writes
    assert model.setData(model.index(1, 0), Qt.CheckState.Checked, Check)
    assert model.setData(model.index(2, 3), "2026-03-09")
    assert not model.setData(model.index(2, 2), "")  # unchanged: nothing asked
    assert not model.setData(model.index(0, 2), "x")  # a section row
    assert asked == [("kubernetes", "state", "done"),
                     ("database", "due_date", dt.date(2026, 3, 9))]
