"""The kickoff workshop on the projector: a CSM runs a short workshop with three people,
from the Readiness page to the saved assessment and the charter."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from csdesk.active_forms import active_forms
from csdesk.errors import InputProblem
from csdesk.playbook.records import READINESS_DIMENSIONS
from csdesk.store.book import Book, open_book
from csdesk.store.repos.workshops import ParticipantView
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workshop.end_dialog import ConsensusDialog
from csdesk.ui.workshop.vote_model import VoteGridModel
from csdesk.ui.workshop.vote_writer import VoteWriter
from csdesk.ui.workshop.window import WorkshopWindow
from tests.ui.conftest import TODAY

BUDGET = READINESS_DIMENSIONS.index("budget_approval")
TECH = READINESS_DIMENSIONS.index("technical_skills")  # one of the scored four


class Clock:
    def __init__(self) -> None:
        self.at = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.at

    def wait(self, minutes: float) -> None:
        self.at += dt.timedelta(minutes=minutes)


@pytest.fixture
def acme(empty_book: Book) -> uuid.UUID:
    account = empty_book.accounts.create({"name": "Acme Robotics", "stage": "onboarding"})
    empty_book.stakeholders.add(account.id, {"name": "Dana Lee", "role": "VP Operations"})
    empty_book.stakeholders.add(account.id, {"name": "Sam Ortiz", "role": "IT lead"})
    return account.id


@pytest.fixture
def clock(empty_book: Book) -> Clock:
    c = Clock()
    empty_book.workshops.now = c
    return c


def _main(qtbot: QtBot, book: Book, settings: QSettings) -> MainWindow:
    window = MainWindow(book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _start_from_readiness_page(qtbot: QtBot, main: MainWindow,
                               account_id: uuid.UUID) -> WorkshopWindow:
    main.open_account(account_id, "readiness")
    page = main.workspace.pages["readiness"]
    button = page.workshop_button  # type: ignore[attr-defined]
    assert button.text() == "Run kickoff workshop"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    window = main.workshops.window
    assert window is not None
    qtbot.waitExposed(window)
    window.confirm_leave = lambda _w: True  # the "Leave the workshop?" answer is Yes
    return window


def _vote_keys(qtbot: QtBot, window: WorkshopWindow, keys: str) -> None:
    for key in keys:
        qtbot.keyClick(window.grid, key)


def _spread_text(window: WorkshopWindow, row: int) -> str:
    model = window.model
    return str(model.index(row, model.spread_column).data())


def test_three_people_vote_the_room_disagrees_the_level_moves_and_a_reopen_loses_nothing(
        qtbot: QtBot, empty_book: Book, acme: uuid.UUID, clock: Clock, settings: QSettings,
        db_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    main = _main(qtbot, empty_book, settings)
    window = _start_from_readiness_page(qtbot, main, acme)
    assert window.isFullScreen()
    assert [p.name for p in window.model.participants] == ["Dana Lee", "Sam Ortiz"]

    # a third person joins in the room
    qtbot.keyClicks(window.new_person, "Priya (IT)")
    qtbot.keyClick(window.new_person, Qt.Key.Key_Return)
    assert window.model.headerData(2, Qt.Orientation.Horizontal) == "Priya (IT)"
    assert window.tally.level.text() == "Waiting for votes"

    # round the room, dimension by dimension: everybody says 4
    window.grid.setCurrentIndex(window.model.index(0, 0))
    _vote_keys(qtbot, window, "444" * len(READINESS_DIMENSIONS))
    assert window.tally.score.text() == "4.0"
    assert window.tally.level.text() == "High readiness"
    assert window.tally.disagree.isHidden()

    # back up to technical skills with the arrow keys: Priya is far less sure
    for _ in range(len(READINESS_DIMENSIONS) - 1 - TECH):
        qtbot.keyClick(window.grid, Qt.Key.Key_Up)
    assert window.grid.currentIndex().row() == TECH
    assert window.grid.currentIndex().column() == 2
    _vote_keys(qtbot, window, "1")
    assert _spread_text(window, TECH) == "3  ⚠"
    assert all("⚠" not in _spread_text(window, r)
               for r in range(len(READINESS_DIMENSIONS)) if r != TECH)
    assert window.tally.level.text() == "Medium readiness"  # live, as the vote arrived
    assert "Technical skills" in window.tally.disagree.text()
    assert not window.tally.disagree.isHidden()

    # the morning moves on, and the charter notes are typed in
    clock.wait(80)
    qtbot.mouseClick(window.clock.next, Qt.MouseButton.LeftButton)
    assert window.clock.block_title.text() == "Current State Assessment"
    window.tabs.setCurrentIndex(1)
    scope = window.capture.editors["scope_objectives"]
    scope.setFocus()
    qtbot.keyClicks(scope, "Automate order intake")
    window.capture.show_topic("potential_blockers")
    blockers = window.capture.editors["potential_blockers"]
    blockers.setFocus()  # scope loses focus: saved
    qtbot.keyClicks(blockers, "SSO not ready")

    # the laptop is closed mid-workshop: Esc, yes, and csdesk quits
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: main.workshops.window is None)
    main.close()
    empty_book.close()

    with open_book(active_forms(), db_path, auto_backup=False, today=lambda: TODAY) as book:
        book.workshops.now = clock
        again = _main(qtbot, book, settings)
        again.open_account(acme, "overview")
        resume = again.workshops.resume_button
        assert resume.isVisible() and resume.text() == "Resume kickoff workshop"
        qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)
        window = again.workshops.window
        assert window is not None
        window.confirm_leave = lambda _w: True
        # nothing lost: people, votes, the flag, the level, the block, the notes
        assert [p.name for p in window.model.participants] == [
            "Dana Lee", "Sam Ortiz", "Priya (IT)"]
        assert _spread_text(window, TECH) == "3  ⚠"
        assert window.tally.level.text() == "Medium readiness"
        assert window.clock.block_title.text() == "Current State Assessment"
        assert window.capture.editors["scope_objectives"].toPlainText() == (
            "Automate order intake")
        assert window.capture.editors["potential_blockers"].toPlainText() == "SSO not ready"

        # the end: the consensus is shown, budget approval is agreed at 3
        def agree() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, ConsensusDialog)
            assert dialog.spins["technical_skills"].value() == 3.0  # the mean of 4, 4, 1
            dialog.spins["technical_skills"].setValue(3.5)
            dialog.save.click()

        QTimer.singleShot(0, agree)
        qtbot.mouseClick(window.end_button, Qt.MouseButton.LeftButton)
        assert "Readiness 3.9 (Medium) is recorded with 27 votes from 3 participants" in (
            window.summary.text())
        [saved] = book.assessments.history(acme)
        assert (saved.source, saved.technical_skills) == ("workshop", 3.5)
        assert saved.potential_blockers == ["SSO not ready"]
        assert len(book.assessments.votes(saved.id)) == 27
        assert book.charters.get(acme).scope_objectives == "Automate order intake"
        tech = next(c for c in book.checklists.for_account(acme)
                    if c.checklist_id == "technical_readiness")
        assert tech.done == 4
        assert not resume.isVisible()

        # the charter PDF, right away
        target = tmp_path / "acme charter.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            lambda *_a, **_k: (str(target), "PDF (*.pdf)"))
        with qtbot.waitSignal(again.exporter.finished, timeout=30_000) as written, \
                qtbot.waitSignal(window.charterPdfRequested) as asked:
            qtbot.mouseClick(window.pdf_button, Qt.MouseButton.LeftButton)
        assert asked.args == [acme]
        assert written.args == [str(target)]
        assert target.read_bytes().startswith(b"%PDF")
        again.close()


def test_esc_asks_before_leaving_and_no_keeps_the_workshop_open(
        qtbot: QtBot, empty_book: Book, acme: uuid.UUID, clock: Clock,
        settings: QSettings) -> None:
    main = _main(qtbot, empty_book, settings)
    main.open_account(acme, "overview")
    main.workshops.action.trigger()  # Account > Run kickoff workshop…
    window = main.workshops.window
    assert window is not None
    asked: list[bool] = []
    window.confirm_leave = lambda _w: asked.append(True) or False  # "No"
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert asked == [True] and window.isVisible()
    assert main.workshops.action.text() == "Resume &kickoff workshop…"
    window.confirm_leave = lambda _w: True
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: main.workshops.window is None)
    assert empty_book.workshops.active(acme) is not None  # left, not ended


def test_the_clock_counts_down_runs_late_and_keeps_planned_against_actual(
        qtbot: QtBot, empty_book: Book, acme: uuid.UUID, clock: Clock,
        settings: QSettings) -> None:
    workshop = empty_book.workshops.start(acme)
    window = WorkshopWindow(empty_book, workshop, clock, settings, confirm=lambda _w: True)
    qtbot.addWidget(window)
    assert window.clock.left.text() == "1:30:00 left"
    clock.wait(60)
    window.clock.tick()
    assert window.clock.left.text() == "30:00 left"
    clock.wait(35)  # the introductions run long
    window.clock.tick()
    assert window.clock.left.text() == "5:00 over"
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.grid, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.clock.block_title.text() == "Current State Assessment"
    first = window.clock.list.item(0).text()
    assert "09:00–10:30" in first and "(95 of 90 min)" in first
    [welcome] = [b for b in empty_book.workshops.get(workshop.id).blocks
                 if b.block_id == "welcome"]
    assert welcome.ended_at - welcome.started_at == dt.timedelta(minutes=95)


def test_light_and_dark_switch_and_are_remembered(
        qtbot: QtBot, empty_book: Book, acme: uuid.UUID, clock: Clock,
        settings: QSettings) -> None:
    workshop = empty_book.workshops.start(acme)
    window = WorkshopWindow(empty_book, workshop, clock, settings, confirm=lambda _w: True)
    qtbot.addWidget(window)
    assert window.theme() == "dark" and "#000000" in window.styleSheet()
    qtbot.mouseClick(window.theme_button, Qt.MouseButton.LeftButton)
    assert window.theme() == "light" and "#ffffff" in window.styleSheet()
    assert settings.value("workshop/theme") == "light" or QSettings().value(
        "workshop/theme") == "light"


def test_vote_model_without_widgets() -> None:
    forms = active_forms()
    stored: list[tuple[uuid.UUID, str, int | None]] = []
    model = VoteGridModel(forms.readiness, forms.workshop,
                          lambda p, d, v: stored.append((p, d, v)))
    people = [ParticipantView(uuid.uuid4(), name, None) for name in ("A", "B", "C")]
    model.load(people, {})
    assert (model.rowCount(), model.columnCount()) == (9, 5)
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Mean"
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "B"
    levels: list[str | None] = []
    model.tallyChanged.connect(lambda t: levels.append(t.level))
    for row in range(9):
        for col in range(3):
            model.vote(row, col, 3)
    assert levels[-1] == "Medium"
    model.vote(BUDGET, 0, 5)
    assert model.index(BUDGET, model.mean_column).data() == "3.7"
    assert model.index(BUDGET, model.spread_column).data() == "2  ⚠"
    assert "disagrees" in model.index(BUDGET, model.spread_column).data(
        Qt.ItemDataRole.ToolTipRole)
    assert stored[-1] == (people[0].id, "budget_approval", 5)
    assert len(stored) == 28
    model.vote(BUDGET, 0, None)  # withdrawn
    assert model.index(BUDGET, 0).data() == ""
    assert model.index(BUDGET, model.spread_column).data() == "0"
    assert not model.vote(0, model.mean_column, 4)  # the mean is not a vote


def test_a_vote_the_store_refuses_comes_back_to_the_screen(qtbot: QtBot) -> None:
    stored: list[int | None] = []

    def store(_p: uuid.UUID, _d: str, value: int | None) -> None:
        if value == 9:
            raise InputProblem(["vote: 9 is not a whole number 1-5"])
        stored.append(value)

    writer = VoteWriter(store)
    writer.submit(uuid.uuid4(), "budget_approval", 3)
    with qtbot.waitSignal(writer.failed) as refused:
        writer.submit(uuid.uuid4(), "budget_approval", 9)
    assert "not a whole number" in str(refused.args[0])
    assert writer.drain() and stored == [3]  # in order, the good one kept
    writer.stop()
    with pytest.raises(RuntimeError, match="closed"):
        writer.submit(uuid.uuid4(), "budget_approval", 4)
