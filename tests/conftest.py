"""Shared fixtures: every test runs with its own data folder (CSDESK_HOME) and forms."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from csdesk import config
from csdesk.active_forms import active_forms
from csdesk.playbook.form_loader import FormSet, load_forms
from csdesk.playbook.records import HEALTH_METRICS, READINESS_DIMENSIONS


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
