"""Every path csdesk uses, in one place.

Order of precedence for the data folder: an explicit path given by the caller (the
global ``--db`` option), the ``CSDESK_HOME`` environment variable, then the per-OS user
folders from platformdirs. ``forms/`` and ``resources/`` are found in a PyInstaller
bundle (``sys._MEIPASS``), inside the package (``csdesk/_data``) in an installed wheel,
and beside the package in a source checkout.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "csdesk"
DB_FILENAME = "csdesk.sqlite3"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _search_roots() -> list[Path]:
    """Folders that may hold ``forms``/``resources``, most specific first."""
    roots = []
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:  # the PyInstaller bundle (packaging/)
        roots.append(Path(bundle))
    roots += [_PACKAGE_DIR / "_data", _PACKAGE_DIR.parent]  # wheel, then source checkout
    return roots


def _bundled(name: str) -> Path:
    """The shipped ``forms``/``resources`` folder: bundle, wheel, then checkout."""
    roots = _search_roots()
    for root in roots:
        if (root / name).is_dir():
            return root / name
    looked = ", ".join(str(root) for root in roots)
    raise FileNotFoundError(
        f"csdesk is installed without its {name}/ folder (looked in {looked}); reinstall csdesk"
    )


def shipped_forms_dir() -> Path:
    return _bundled("forms")


def resources_dir() -> Path:
    return _bundled("resources")


def home_override() -> Path | None:
    value = os.environ.get("CSDESK_HOME", "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Where the database, backups and logs live."""
    override = home_override()
    if override is not None:
        return override
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Where a CS operations lead drops tailored forms (``forms/`` inside it)."""
    override = home_override()
    if override is not None:
        return override / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_forms_dir() -> Path:
    return config_dir() / "forms"


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def log_dir() -> Path:
    return data_dir() / "logs"
