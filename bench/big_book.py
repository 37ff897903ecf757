"""The 5,000-account x 104-week demo book that the store bench times building, built once
a day and kept, for the benchmarks that only read it (the UI suite).

Building it takes minutes (scoring every snapshot with the engine, on purpose), so the
finished file is cached under ``$XDG_CACHE_HOME/csdesk-bench`` (or ``~/.cache``), named
for the day it was generated for, the seed, the size and the schema's migration files:
a new day or a new migration builds a fresh one. ``copy_to`` hands each benchmark its
own copy (SQLite's backup API), so nothing a benchmark does ever reaches the cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
import time
from pathlib import Path

from bench.store import ACCOUNTS, SEED, WEEKS
from csdesk import config
from csdesk.playbook.form_loader import load_forms
from csdesk.store.backup import copy_database
from csdesk.store.book import open_book
from csdesk.store.demo import generate_demo

_MIGRATIONS = Path(__file__).resolve().parent.parent / "csdesk" / "store" / "migrations"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "csdesk-bench"


def _schema_key() -> str:
    digest = hashlib.sha256()
    for path in sorted(_MIGRATIONS.rglob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def cached_book(today: dt.date | None = None) -> Path:
    """The cached demo book for ``today`` (built now if it is not there yet)."""
    today = today or dt.date.today()
    folder = cache_dir()
    path = folder / (f"demo-{ACCOUNTS}x{WEEKS}-seed{SEED}-{today:%Y%m%d}"
                     f"-{_schema_key()}.sqlite3")
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f"demo-{ACCOUNTS}x{WEEKS}-*.sqlite3"):
        stale.unlink(missing_ok=True)  # an older day's or schema's book: one is enough
    partial = folder / f".building-{os.getpid()}.sqlite3"
    print(f"building the {ACCOUNTS:,} x {WEEKS} demo book once for today "
          f"(a few minutes; cached in {folder})...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    forms = load_forms(config.shipped_forms_dir())
    try:
        with open_book(forms, partial, auto_backup=False, today=lambda: today) as book:
            generate_demo(book.store, forms, ACCOUNTS, WEEKS, SEED, today)
        copy_database(partial, path)  # one self-contained file, no WAL beside it
    finally:
        for leftover in folder.glob(f".building-{os.getpid()}.sqlite3*"):
            leftover.unlink(missing_ok=True)
    print(f"built in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return path


def copy_to(target: Path, today: dt.date | None = None) -> Path:
    """A private copy of today's demo book at ``target``."""
    copy_database(cached_book(today), target)
    return target
