"""The History page: every change to an account, newest first, with who made it and each
field's before and after, and a filter box."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate, QSettings, Qt
from pytestqt.qtbot import QtBot

from csdesk.store.book import Book
from csdesk.store.views import AuditView
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workspace.health_page import HealthPage
from csdesk.ui.workspace.history_model import AuditFilter, AuditTrailModel, value_text
from csdesk.ui.workspace.history_page import HistoryPage
from tests.ui.conftest import TODAY

ACCOUNT = uuid.uuid4()
SNAPSHOT = uuid.uuid4()
UTC_NOON = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


def entry(action: str, changes: dict[str, list[object]], minutes: int,
          entity: str = "health_snapshots", entity_id: uuid.UUID = SNAPSHOT,
          actor: str = "dana") -> AuditView:
    return AuditView(id=uuid.uuid4(), account_id=ACCOUNT,
                     at=UTC_NOON + dt.timedelta(minutes=minutes), actor=actor,
                     entity=entity, entity_id=entity_id, action=action, changes=changes)


def trail() -> list[AuditView]:
    return [
        entry("create", {"id": [None, str(SNAPSHOT)], "as_of": [None, "2026-02-23"],
                         "platform_adoption": [None, 86.0], "score": [None, 86.0]}, 0),
        entry("update", {"platform_adoption": [86.0, 72.0], "score": [86.0, 83.76]}, 5),
        entry("create", {"title": [None, "Workflow AI add-on"], "value": [None, 12000.0]},
              9, entity="opportunities", entity_id=uuid.uuid4(), actor="sam"),
    ]


def texts(model: object, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(5)]  # type: ignore[attr-defined]


def test_the_trail_model_reads_newest_first_in_local_time() -> None:
    model = AuditTrailModel({"platform_adoption": "Platform adoption"})
    model.set_trail(trail())
    assert model.rowCount() == 3
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "When", "Who", "Record", "Action", "Changes"]
    newest = texts(model, 0)
    local = (UTC_NOON + dt.timedelta(minutes=9)).astimezone()
    assert newest[0] == local.strftime("%d %b %Y %H:%M")
    assert newest[1:4] == ["sam", "Opportunity “Workflow AI add-on”", "Created"]
    assert newest[4] == "Title: Workflow AI add-on\nValue: 12,000"
    update = texts(model, 1)
    assert update[2] == "Health snapshot “23 Feb 2026”"  # named by its creation
    assert update[3] == "Changed"
    assert update[4] == "Platform adoption: 86 → 72\nScore: 86 → 83.76"
    created = texts(model, 2)
    assert "Id" not in created[4]  # ids say nothing to a person


def test_long_changes_are_cut_in_the_table_and_whole_in_the_tooltip() -> None:
    many = {f"metric_{n}": [n, n + 1] for n in range(7)}
    model = AuditTrailModel()
    model.set_trail([entry("update", many, 0)])
    lines = model.index(0, 4).data().splitlines()
    assert len(lines) == 4 and lines[-1] == "… and 4 more"
    assert len(model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole).splitlines()) == 7


def test_values_read_as_people_write_them() -> None:
    assert value_text(None) == "—"
    assert value_text(["a", "b"]) == "a, b"
    assert value_text(True) == "yes"
    assert value_text(1_500_000) == "1,500,000"
    assert value_text("2026-03-02") == "2 Mar 2026"
    assert value_text("x" * 100).endswith("…") and len(value_text("x" * 100)) == 60


def test_the_filter_matches_every_word_in_any_column() -> None:
    model = AuditTrailModel({"platform_adoption": "Platform adoption"})
    model.set_trail(trail())
    proxy = AuditFilter()
    proxy.setSourceModel(model)
    proxy.set_text("ADOPTION")
    assert proxy.rowCount() == 2
    proxy.set_text("adoption 72")
    assert proxy.rowCount() == 1
    proxy.set_text("sam")
    assert proxy.rowCount() == 1 and proxy.index(0, 1).data() == "sam"
    proxy.set_text("")
    assert proxy.rowCount() == 3


def click_nav(qtbot: QtBot, window: MainWindow, title: str) -> None:
    nav = window.workspace.nav
    [item] = nav.findItems(title, Qt.MatchFlag.MatchExactly)
    nav.scrollToItem(item)
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton,
                     pos=nav.visualItemRect(item).center())


def test_an_edit_on_the_health_page_shows_in_the_history(
        qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> None:
    window = MainWindow(portfolio_book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_account(portfolio_book.accounts.find("Acme Robotics").id, "health")
    health = window.workspace.current_page()
    assert isinstance(health, HealthPage)
    last_week = TODAY - dt.timedelta(weeks=1)
    health.date.setDate(QDate(last_week.year, last_week.month, last_week.day))
    adoption = health.inputs.metric_spins["platform_adoption"]
    adoption.setFocus()
    adoption.selectAll()
    qtbot.keyClicks(adoption, "72")
    qtbot.keyClick(adoption, Qt.Key.Key_Return)

    click_nav(qtbot, window, "History")
    page = window.workspace.current_page()
    assert isinstance(page, HistoryPage)
    newest = texts(page.proxy, 0)
    assert newest[2] == "Health snapshot “23 Feb 2026”"
    assert newest[3] == "Changed"
    assert "Platform adoption: 86 → 72" in newest[4].splitlines()
    assert "Score: 86 → 83.76" in newest[4].splitlines()
    assert "Platform adoption: 86 → 72" in page.detail.toPlainText()  # the first is selected
    total = page.proxy.rowCount()
    assert page.count.text() == f"{total} changes"

    qtbot.keyClicks(page.filter, "adoption 72")
    assert page.proxy.rowCount() == 1
    assert page.count.text() == f"1 of {total} changes"
    page.filter.clear()
    qtbot.keyClicks(page.filter, "no such words")
    assert page.proxy.rowCount() == 0

    window.undo_action.trigger()  # the history follows an undo at once
    page.filter.clear()
    assert "Platform adoption: 72 → 86" in texts(page.proxy, 0)[4].splitlines()
