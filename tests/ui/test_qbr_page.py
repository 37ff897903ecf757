"""A CSM prepares a QBR: creates it, types the achievements, adds an attendee from the
stakeholders, ticks a preparation item, adds an action item with an owner and a due
date, and finds the previous QBR still on the list; a deleted QBR comes back whole on
undo. The QBR list model is tested without widgets."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from csdesk.store.book import Book
from csdesk.store.repos.base import Repository
from csdesk.store.views import ActionView, QbrView
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workspace.qbr_list_model import QbrListModel
from csdesk.ui.workspace.qbr_page import QbrPage
from tests.ui.conftest import TODAY

Check = Qt.ItemDataRole.CheckStateRole
Tip = Qt.ItemDataRole.ToolTipRole
PREVIOUS = dt.date(2025, 12, 1)
HEALTH_TREND = "Health score analysis and trend review"


@pytest.fixture
def page(qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> QbrPage:
    acme = portfolio_book.accounts.find("Acme Robotics")
    portfolio_book.qbrs.add(acme.id, {"held_on": PREVIOUS, "attendees": ["Dana Lee"],
                                      "achievements": "SSO live"})
    portfolio_book.stakeholders.add(acme.id, {"name": "Zoe Fischer", "role": "VP Operations"})
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_account(acme.id, "qbr")
    qbr = window.workspace.pages["qbr"]
    assert isinstance(qbr, QbrPage)
    assert qbr.title == "QBRs"
    return qbr


def main_window(page: QbrPage) -> MainWindow:
    window = page.window()
    assert isinstance(window, MainWindow)
    return window


def listed(page: QbrPage) -> list[str]:
    model = page.list_model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_a_new_qbr_is_prepared_and_the_previous_one_kept(qtbot: QtBot, page: QbrPage) -> None:
    window = main_window(page)
    assert listed(page) == ["1 Dec 2025"] and page.heading.text() == "QBR of 1 Dec 2025"
    page.new_date.setDate(QDate(2026, 3, 16))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert window.undo_action.text() == "Undo add the QBR of 16 Mar 2026"
    assert listed(page) == ["16 Mar 2026", "1 Dec 2025"]  # newest first, previous kept
    assert page.heading.text() == "QBR of 16 Mar 2026"
    assert page.list_table.currentIndex().row() == 0

    # the achievements, saved when the CSM leaves the box
    box = page.review.texts.boxes["achievements"].edit
    box.setFocus()
    qtbot.keyClicks(box, "Three workflows in production")
    page.review.held_on.setFocus()
    assert window.undo_action.text() == "Undo set QBR key achievements and milestones"
    new = newest(page)
    assert new.achievements == "Three workflows in production"

    # an attendee picked from the stakeholders
    assert page.review.pick.currentText() == "Zoe Fischer (VP Operations)"
    qtbot.mouseClick(page.review.pick_button, Qt.MouseButton.LeftButton)
    assert newest(page).attendees == ["Zoe Fischer"]
    assert window.undo_action.text() == "Undo add “Zoe Fischer” to Attendees of the QBR"

    # ROI achieved, typed
    spin = page.review.money["roi_achieved"]
    spin.setValue(80000)
    assert window.undo_action.text() == "Undo set QBR roi achieved to 80,000"

    window.undo_action.trigger()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert newest(page).achievements == ""
    assert page.review.texts.boxes["achievements"].edit.toPlainText() == ""
    window.redo_action.trigger()
    assert page.review.texts.boxes["achievements"].edit.toPlainText() == \
        "Three workflows in production"
    # the previous QBR is untouched and shows its own record
    page.list_table.setCurrentIndex(page.list_model.index(1, 0))
    assert page.heading.text() == "QBR of 1 Dec 2025"
    assert page.review.texts.boxes["achievements"].edit.toPlainText() == "SSO live"
    assert page.review.attendees.entries() == ["Dana Lee"]


def newest(page: QbrPage) -> QbrView:
    assert page.account_id is not None
    return max(page.book.qbrs.list(page.account_id), key=lambda q: q.held_on)


def test_a_preparation_item_is_ticked_and_an_action_added(qtbot: QtBot,
                                                          page: QbrPage) -> None:
    window = main_window(page)
    page.tabs.setCurrentIndex(2)
    assert list(page.panels) == ["qbr_preparation", "qbr_follow_up"]
    panel = page.panels["qbr_preparation"]
    assert panel.title() == "QBR preparation" and panel.counts.text() == "0 of 5 done"
    assert page.tabs.tabText(2) == "&Preparation && follow-up (0/10)"
    row = panel.model.item_row("health_trend")
    assert panel.model.index(row, 0).data() == HEALTH_TREND
    # due a week before the QBR, and long overdue by now
    assert panel.model.index(row, 3).data().startswith("24 Nov 2025")
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(row, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    assert window.undo_action.text() == f"Undo tick {HEALTH_TREND}"
    assert page.panels["qbr_preparation"].counts.text() == "1 of 5 done"
    assert page.tabs.tabText(2) == "&Preparation && follow-up (1/10)"

    page.tabs.setCurrentIndex(1)
    form = page.action_form
    form.title.setFocus()
    qtbot.keyClicks(form.title, "Send the QBR recap")
    form.due.setDate(QDate(2026, 3, 9))
    qtbot.keyClicks(form.owner, "Dana Lee")
    qtbot.keyClick(form.owner, Qt.Key.Key_Return)
    assert window.undo_action.text() == "Undo add QBR action Send the QBR recap"
    model = page.action_model
    assert model.rowCount() == 1
    assert [model.index(0, model.column_of(k)).data() for k in ("title", "due_date", "owner")] \
        == ["Send the QBR recap", "9 Mar 2026", "Dana Lee"]
    assert page.account_id is not None
    action = next(a for a in page.book.actions.list(page.account_id)
                  if a.title == "Send the QBR recap")
    assert action.qbr_id == newest(page).id
    assert page.tabs.tabText(1) == "Action &items (1)"
    page.action_table.setCurrentIndex(model.index(0, 0))
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert window.undo_action.text() == "Undo mark Send the QBR recap done"
    assert page.tabs.tabText(1) == "Action &items (0)"


def test_a_deleted_qbr_comes_back_whole_on_undo(qtbot: QtBot, page: QbrPage,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    window = main_window(page)
    assert page.account_id is not None
    account_id = page.account_id
    qbr = newest(page)
    prep = page.panels["qbr_preparation"]
    assert prep.model.setData(prep.model.index(prep.model.item_row("health_trend"), 0),
                              Qt.CheckState.Checked, Check)
    page.book.actions.add(account_id, {"title": "Recap", "qbr_id": qbr.id})
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    page.list_table.setFocus()
    qtbot.keyClick(page.list_table, Qt.Key.Key_Delete)
    assert "Delete the QBR of 1 Dec 2025" in asked[0]
    assert window.undo_action.text() == "Undo delete the QBR of 1 Dec 2025"
    assert listed(page) == [] and page.empty.isVisibleTo(page)
    assert not page.export_button.isEnabled()
    assert recap(page.book, account_id).qbr_id is None  # the action stays

    window.undo_action.trigger()
    assert listed(page) == ["1 Dec 2025"]
    back = newest(page)
    assert (back.achievements, back.attendees) == ("SSO live", ["Dana Lee"])
    assert page.panels["qbr_preparation"].counts.text() == "1 of 5 done"
    assert recap(page.book, account_id).qbr_id == back.id
    window.redo_action.trigger()
    assert listed(page) == []
    window.undo_action.trigger()  # the same QBR again
    assert listed(page) == ["1 Dec 2025"]


def recap(book: Book, account_id: uuid.UUID) -> ActionView:
    return next(a for a in book.actions.list(account_id) if a.title == "Recap")


def test_the_qbr_date_is_moved_in_the_list(page: QbrPage) -> None:
    window = main_window(page)
    model = page.list_model
    assert model.setData(model.index(0, 0), QDate(2025, 12, 3))
    assert window.undo_action.text() == "Undo move the QBR of 1 Dec 2025 to 3 Dec 2025"
    assert listed(page) == ["3 Dec 2025"]
    assert not model.setData(model.index(0, 0), None)  # a QBR keeps a date


def qbr(held_on: dt.date, attendees: list[str]) -> QbrView:
    return QbrView(id=uuid.uuid4(), account_id=uuid.uuid4(), held_on=held_on,
                   attendees=attendees, achievements="", roi_promised=None,
                   roi_achieved=None, cost_savings=None, success_stories="", challenges="",
                   feedback="", roadmap="", expansion_topics="", notes="")


def test_the_qbr_list_model_shows_the_newest_first() -> None:
    model = QbrListModel(TODAY)
    model.set_qbrs([qbr(dt.date(2025, 9, 1), ["A", "B"]), qbr(TODAY, []),
                    qbr(TODAY + dt.timedelta(days=12), ["C"]),
                    qbr(TODAY + dt.timedelta(days=1), [])])
    rows = [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]
    assert rows == [["14 Mar 2026", "in 12 days", "1"], ["3 Mar 2026", "tomorrow", "0"],
                    ["2 Mar 2026", "today", "0"], ["1 Sep 2025", "held", "2"]]
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()  # still ahead
    assert model.index(3, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(3, 2).data(Qt.ItemDataRole.ToolTipRole) == "A\nB"
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable


def days_pass(book: Book, days: int) -> None:
    """The CSM comes back to it another day: every repository's clock moves on."""
    later = TODAY + dt.timedelta(days=days)
    for repo in vars(book).values():
        if isinstance(repo, Repository):
            repo.today = lambda: later


def press_undo(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    """Ctrl+Z, as the CSM presses it, in the focused widget of the active window."""
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_undoing_a_deletion_days_later_keeps_ticked_items_and_their_dates(
        qtbot: QtBot, page: QbrPage, monkeypatch: pytest.MonkeyPatch) -> None:
    window = main_window(page)
    assert page.account_id is not None
    account_id = page.account_id
    qbr = newest(page)
    prep = page.panels["qbr_preparation"]
    row = prep.model.item_row("health_trend")
    prep.table.setFocus()
    prep.table.setCurrentIndex(prep.model.index(row, 0))
    qtbot.keyClick(prep.table, Qt.Key.Key_Space)
    assert prep.model.index(row, 0).data(Tip) == "Done on 2 Mar 2026"
    page.book.actions.add(account_id, {"title": "Recap", "qbr_id": qbr.id})
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.Yes)
    page.list_table.setFocus()
    qtbot.keyClick(page.list_table, Qt.Key.Key_Delete)
    assert listed(page) == []

    days_pass(page.book, 12)  # undone on 14 Mar, not on the day it was ticked
    press_undo(qtbot, window, page.list_table)

    assert listed(page) == ["1 Dec 2025"]
    prep = page.panels["qbr_preparation"]
    row = prep.model.item_row("health_trend")
    assert prep.counts.text() == "1 of 5 done"
    assert prep.model.index(row, 0).data(Check) == Qt.CheckState.Checked
    assert prep.model.index(row, 0).data(Tip) == "Done on 2 Mar 2026"
    assert newest(page).id == qbr.id  # the same QBR, not a copy
    assert [a.title for a in page.action_model.rows] == ["Recap"]
    assert recap(page.book, account_id).qbr_id == qbr.id

    window.redo_action.trigger()  # deleted again, and brought back again, unchanged
    assert listed(page) == []
    press_undo(qtbot, window, page.list_table)
    prep = page.panels["qbr_preparation"]
    assert prep.model.index(prep.model.item_row("health_trend"), 0).data(Tip) \
        == "Done on 2 Mar 2026"
