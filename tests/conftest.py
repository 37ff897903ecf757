"""Shared fixtures: every test runs with its own data folder (CSDESK_HOME) and forms."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from csdesk import config
from csdesk.active_forms import active_forms
from csdesk.playbook.form_loader import FormSet, load_forms
from csdesk.playbook.records import HEALTH_METRICS, READINESS_DIMENSIONS
from csdesk.store.book import Book, open_book


@pytest.fixture(autouse=True)
def csdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty data folder for every test: nothing leaks between tests."""
    home = tmp_path / "csdesk-home"
    monkeypatch.setenv("CSDESK_HOME", str(home))
    active_forms.cache_clear()
    yield home
    active_forms.cache_clear()


@pytest.fixture(scope="session")
def forms() -> FormSet:
    return load_forms(config.shipped_forms_dir())


def metrics_at(value: float, **changes: float) -> dict[str, float]:
    """All twelve health metrics at one value, some changed."""
    return {**{m: value for m in HEALTH_METRICS}, **changes}


def dimensions_at(value: float, **changes: float) -> dict[str, float]:
    return {**{d: value for d in READINESS_DIMENSIONS}, **changes}


TODAY = dt.date(2026, 11, 28)


def _postgres_database(admin_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    import sqlalchemy as sa

    name = f"csdesk_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def book(request: pytest.FixtureRequest, tmp_path: Path, forms: FormSet) -> Iterator[Book]:
    """A fresh, empty book for one test: SQLite always, PostgreSQL when CSDESK_TEST_PG_URL
    names a server (CI starts one); its clock stands on TODAY."""
    if request.param == "sqlite":
        with open_book(forms, tmp_path / "book.sqlite3", today=lambda: TODAY) as b:
            yield b
        return
    admin_url = os.environ.get("CSDESK_TEST_PG_URL")
    if not admin_url:
        pytest.skip("no PostgreSQL server (set CSDESK_TEST_PG_URL)")
    for url in _postgres_database(admin_url):
        with open_book(forms, url=url, today=lambda: TODAY) as b:
            yield b
