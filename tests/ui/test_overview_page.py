"""The Overview: a CSM opens an account and sees its health, readiness, review and renewal
dates, license use, the journey with the time in stage, the trend, the interventions with
the values that fired them and the open risks; an unscored account says what to do."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from csdesk.playbook.records import HealthMetrics, OperationalFigures, ReadinessAssessment
from csdesk.store.book import Book
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workspace.overview_page import OverviewPage
from tests.conftest import dimensions_at, metrics_at
from tests.ui.conftest import TODAY

CRITICAL = "#c62828"  # forms/health.toml


def open_overview(qtbot: QtBot, book: Book, settings: QSettings, name: str) -> OverviewPage:
    window = MainWindow(book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_account(book.accounts.find(name).id)  # no page remembered: the first
    page = window.workspace.current_page()
    assert isinstance(page, OverviewPage)
    return page


def test_overview_is_first_in_the_navigation(qtbot: QtBot, portfolio_book: Book,
                                             settings: QSettings) -> None:
    page = open_overview(qtbot, portfolio_book, settings, "Acme Robotics")
    workspace = page.window().workspace  # type: ignore[attr-defined]
    assert workspace.nav.item(0).text() == "Overview"
    assert list(workspace.pages)[:2] == ["overview", "health"]


def test_a_healthy_onboarding_account(qtbot: QtBot, portfolio_book: Book,
                                      settings: QSettings) -> None:
    page = open_overview(qtbot, portfolio_book, settings, "Acme Robotics")
    assert page.health.value.text() == "86.0"
    assert page.badge.text() == "Healthy"
    assert "▲ +8.0 since 16 Feb 2026" in page.health.note.text()
    assert page.readiness.value.text() == "Not assessed"
    assert page.review.value.text() == "25 Mar 2026"  # Healthy: 30 days after the reading
    assert page.review.note.text() == "in 23 days"
    assert page.renewal.value.text() == "in 45 days"
    assert "ARR 250,000" in page.renewal.note.text()
    assert page.journey.track.labels[page.journey.track.current] == "Onboarding"
    assert page.journey.track.alert is None
    stage = page.journey.stage.text()
    assert "<b>Onboarding</b> · 0 of 90 days · 90 days left" in stage
    assert "overdue" not in stage
    implementation = page.journey.implementation.text()
    assert "Phase 1 · Foundation Setup</b>, week 1: Environment Preparation" in implementation
    assert "(day 1 of 90)" in implementation
    # all twelve metrics at 86: the opportunity interventions fire, and uptime is low
    shown = page.interventions.plain
    assert "High health score (>85): Health score 86 > 85" in shown
    assert "Strong feature adoption: Feature usage 86 >= 80" in shown
    assert "System uptime < 95%: System uptime 86 < 95" in shown
    text = page.interventions.text()
    assert "Warning Interventions" not in text
    assert text.index("Critical Interventions") < text.index("Opportunity Interventions")
    assert "respond by 9 Mar 2026 (in 7 days)" in text
    risks = page.risks.text()
    assert "1 open risk" in risks and "Performance Issues" in risks
    assert "Workflow success rate 86 &lt; 95 · raised 16 Feb 2026" in risks
    assert page.usage.texts["users"].text() == "Active users: not recorded"
    assert page.chart.canvas is not None and page.chart.isVisible()
    assert not page.no_trend.isVisible()


def test_a_critical_account_shows_what_fired_and_its_risks(
        qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> None:
    page = open_overview(qtbot, portfolio_book, settings, "Cobalt Health")
    assert page.health.value.text() == "40.0"
    assert page.badge.text() == "Critical"
    assert "The first reading" in page.health.note.text()
    shown = page.interventions.plain
    assert "System uptime < 95%: System uptime 40 < 95" in shown
    assert "Health score drops below 60: Health score 40 < 60" in shown
    assert ("Contract renewal at risk: Days to renewal 27 <= 90; Health score 40 < 60"
            in shown)
    text = page.interventions.text()
    assert text.index("Critical Interventions") < text.index("Warning Interventions")
    # the reading is a week old: the 24-48 hour response is overdue
    assert "respond by 25 Feb 2026, overdue by 5 days" in text
    risks = page.risks.text()
    assert "2 open risks" in risks
    assert risks.index("Low Adoption") < risks.index("Performance Issues")  # High first
    assert "Platform adoption 40 &lt; 50" in risks
    assert page.renewal.value.text() == "in 20 days"


def test_an_overdue_stage_and_renewal_read_in_the_critical_colour(
        qtbot: QtBot, portfolio_book: Book, settings: QSettings) -> None:
    delta = portfolio_book.accounts.find("Delta Logistics")
    portfolio_book.accounts.update(delta.id, {"stage_started": TODAY - dt.timedelta(days=130)})
    page = open_overview(qtbot, portfolio_book, settings, "Delta Logistics")
    stage = page.journey.stage.text()
    assert "Value Realization</b> · 130 days in stage, planned 120" in stage
    assert f'<b style="color:{CRITICAL}">overdue by 10 days</b>' in stage
    assert page.journey.track.alert == CRITICAL
    assert not page.journey.implementation.isVisible()  # not onboarding
    assert page.renewal.value.text() == "overdue by 10 days"
    assert CRITICAL in page.renewal.value.styleSheet()
    assert "▲" not in page.health.note.text() and "– 0.0 since" in page.health.note.text()


def test_license_utilization_and_readiness(qtbot: QtBot, portfolio_book: Book,
                                          settings: QSettings) -> None:
    acme = portfolio_book.accounts.find("Acme Robotics")
    portfolio_book.accounts.update(acme.id, {"licensed_users": 200,
                                             "monthly_execution_limit": 100_000})
    portfolio_book.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(90)),
                                    OperationalFigures(active_users=168,
                                                       monthly_executions=45_000))
    portfolio_book.assessments.record(acme.id, TODAY - dt.timedelta(days=3),
                                      ReadinessAssessment(**dimensions_at(4.5)))
    page = open_overview(qtbot, portfolio_book, settings, "Acme Robotics")
    assert page.usage.texts["users"].text() == "Active users: 168 of 200 (84%)"
    assert page.usage.texts["executions"].text() == \
        "Executions this month: 45,000 of 100,000 (45%)"
    assert page.usage.bars["users"].value() == 168 and page.usage.bars["users"].isVisible()
    assert page.readiness.value.text() == "High"
    assert page.readiness.note.text() == "4.50 of 5 · assessed 27 Feb 2026"
    assert not page.readiness.link.isVisible()
    assert "+4.0 since 23 Feb 2026" in page.health.note.text()


def test_an_unscored_account_says_what_to_do(qtbot: QtBot, portfolio_book: Book,
                                            settings: QSettings) -> None:
    page = open_overview(qtbot, portfolio_book, settings, "Evergreen Bank")
    assert page.health.value.text() == "No reading"
    assert page.health.note.text() == "No health reading yet — record one on the Health page."
    assert not page.badge.isVisible()
    assert page.interventions.text() == \
        "Interventions appear once a health reading is recorded."
    assert page.review.value.text() == "Not planned"
    assert page.renewal.value.text() == "Not set"
    assert page.no_trend.isVisible() and not page.chart.isVisible()
    assert page.journey.track.labels[page.journey.track.current] == "Discovery"
    link = page.health.link
    assert link.isVisible() and link.text() == "Record a health reading"
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    workspace = page.window().workspace  # type: ignore[attr-defined]
    assert workspace.current_key() == "health"


def test_the_overview_follows_an_edit_and_its_undo(qtbot: QtBot, portfolio_book: Book,
                                                   settings: QSettings) -> None:
    page = open_overview(qtbot, portfolio_book, settings, "Acme Robotics")
    window = page.window()
    assert isinstance(window, MainWindow)
    acme = page.account_id
    assert acme is not None
    metrics = HealthMetrics(**metrics_at(30))
    window.editor.edit("record a bad reading",
                       lambda: portfolio_book.snapshots.record(acme, TODAY, metrics),
                       lambda rec: portfolio_book.snapshots.delete(rec.snapshot.id))
    assert page.health.value.text() == "30.0"
    assert page.badge.text() == "Critical"
    assert "Health score drops below 40: Health score 30 < 40" in page.interventions.plain
    assert "Warning Interventions" in page.interventions.text()
    window.undo_action.trigger()
    assert page.health.value.text() == "86.0"
    assert "Warning Interventions" not in page.interventions.text()


@pytest.mark.parametrize("name", ["Borealis Foods", "fjord media"])
def test_every_account_opens_cleanly(qtbot: QtBot, portfolio_book: Book,
                                     settings: QSettings, name: str) -> None:
    page = open_overview(qtbot, portfolio_book, settings, name)
    assert page.health.value.text()
    assert page.journey.stage.text()
