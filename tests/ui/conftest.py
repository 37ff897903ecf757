"""Fixtures for the desktop UI: a fresh book per test on tmp_path / 'x.sqlite3', a small
portfolio a CSM would recognise, and Qt settings kept in the test's own folder."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from csdesk.active_forms import active_forms
from csdesk.playbook.form_loader import FormSet
from csdesk.playbook.records import HealthMetrics
from csdesk.store.book import Book, open_book
from tests.conftest import metrics_at

TODAY = dt.date(2026, 3, 2)

# name, owner, stage, plan, ARR, days to renewal, health scores oldest first
PORTFOLIO = [
    ("Acme Robotics", "Dana Lee", "onboarding", "Enterprise", 250_000, 45, [78, 86]),
    ("Borealis Foods", "Sam Ortiz", "adoption", "Professional", 90_000, 150, [75, 68]),
    ("Cobalt Health", "Dana Lee", "renewal", "Starter", 30_000, 20, [40]),
    ("Delta Logistics", "Priya Shah", "value_realization", "Enterprise", 400_000, -10,
     [55, 55]),
    ("Evergreen Bank", "Sam Ortiz", "discovery", "Starter", 12_000, None, []),
    ("fjord media", "", "expansion", "Professional", 150_000, 300, [92]),
]


@pytest.fixture(autouse=True)
def qt_settings(tmp_path: Path, qapp: QApplication) -> Iterator[Path]:
    """Every QSettings() of the test writes under tmp_path: nothing leaks to the user's
    own configuration or into the next test."""
    folder = tmp_path / "qt-settings"
    qapp.setOrganizationName("csdesk")
    qapp.setApplicationName("csdesk")
    previous = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    QSettings.setDefaultFormat(previous)


@pytest.fixture
def settings(qt_settings: Path) -> QSettings:
    return QSettings(str(qt_settings / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "x.sqlite3"


@pytest.fixture
def empty_book(db_path: Path) -> Iterator[Book]:
    with open_book(active_forms(), db_path, auto_backup=False, today=lambda: TODAY) as book:
        yield book


def fill(book: Book) -> dict[str, object]:
    """The PORTFOLIO accounts with weekly snapshots ending a week ago; name -> id."""
    ids: dict[str, object] = {}
    for name, owner, stage, plan, arr, days, scores in PORTFOLIO:
        account = book.accounts.create({
            "name": name, "owner": owner, "stage": stage, "plan_tier": plan, "arr": arr,
            "renewal_date": None if days is None else TODAY + dt.timedelta(days=days),
        })
        for weeks_ago, score in zip(range(len(scores), 0, -1), scores, strict=True):
            book.snapshots.record(account.id, TODAY - dt.timedelta(weeks=weeks_ago),
                                  HealthMetrics(**metrics_at(float(score))))
        ids[name] = account.id
    return ids


@pytest.fixture(scope="session")
def portfolio_template(tmp_path_factory: pytest.TempPathFactory, forms: FormSet) -> Path:
    """The PORTFOLIO book, built once per run and closed; tests work on copies of it."""
    path = tmp_path_factory.mktemp("portfolio") / "template.sqlite3"
    with open_book(forms, path, auto_backup=False, today=lambda: TODAY) as book:
        fill(book)
    return path


@pytest.fixture
def portfolio_db(portfolio_template: Path, db_path: Path) -> Path:
    """This test's own copy of the PORTFOLIO book at tmp_path / 'x.sqlite3' (closed)."""
    shutil.copyfile(portfolio_template, db_path)
    return db_path


@pytest.fixture
def portfolio_book(portfolio_db: Path) -> Iterator[Book]:
    """A book holding the six PORTFOLIO accounts, open on this test's own copy."""
    with open_book(active_forms(), portfolio_db, auto_backup=False,
                   today=lambda: TODAY) as book:
        yield book


@pytest.fixture(autouse=True)
def fresh_log_handlers() -> Iterator[None]:
    """``setup_logging`` adds one file handler per process; a test that writes the log must
    write to its own data folder, so file handlers do not outlive the test."""
    logger = logging.getLogger("csdesk")
    kept = [h for h in logger.handlers if isinstance(h, logging.FileHandler)]
    for handler in kept:
        logger.removeHandler(handler)
    yield
    for handler in [h for h in logger.handlers if isinstance(h, logging.FileHandler)]:
        logger.removeHandler(handler)
        handler.close()
    for handler in kept:
        logger.addHandler(handler)
