"""Account files: export and import speed.

``exchange`` (quick): one account with two years of weekly history (the demo generator's
account: 104 snapshots, assessments with votes, checklists, QBRs, workflows, risks,
actions, its audit trail). Export to a .csdesk file, best of 10: 100 ms. Import into an
empty store (read, validate, plan, back up, apply), best of 5, each into a fresh store:
250 ms.

``exchange_big`` (slow, minutes): the 5,000-account x 104-week demo book (the cached one
of ``bench.big_book``, built once a day) exported whole,
then imported whole into an empty store, each against a raw ``sqlite3`` executemany of
the very same rows (read back from the book as stored) into an identical empty schema:
the figure is the ratio, target 3x.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.big_book import copy_to
from bench.harness import Figure, best_of
from csdesk import config
from csdesk.exchange.accountfile import export_accounts, read_account_file
from csdesk.exchange.merge import apply_import, plan_import
from csdesk.playbook.form_loader import FormSet, load_forms
from csdesk.store.book import Book, open_book
from csdesk.store.demo import generate_demo
from csdesk.store.engine import _sqlite_pragmas, open_store
from csdesk.store.transfer import KINDS, table


def _book(forms: FormSet, path: Path, today: dt.date) -> Book:
    return open_book(forms, path, auto_backup=False, today=lambda: today)


def _import_once(forms: FormSet, source: Path, target: Path, today: dt.date) -> float:
    with _book(forms, target, today) as empty:
        start = time.perf_counter()
        apply_import(empty, plan_import(empty, read_account_file(source)))
        return time.perf_counter() - start


def run() -> list[Figure]:
    forms = load_forms(config.shipped_forms_dir())
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="csdesk-bench-") as tmp:
        folder = Path(tmp)
        with _book(forms, folder / "one.sqlite3", today) as book:
            generate_demo(book.store, forms, accounts=1, weeks=104, seed=7, today=today)
            target = folder / "one.csdesk"
            export_s = best_of(lambda: export_accounts(book, None, target), 10)
            summary = export_accounts(book, None, target)
        import_s = min(_import_once(forms, target, folder / f"empty-{n}.sqlite3", today)
                       for n in range(5))
    records = sum(summary.counts.values())
    note = (f"{summary.counts['snapshots']} snapshots, {records:,} records in all, "
            f"{summary.size / 1024:.0f} KiB")
    return [
        Figure("export one account, 2 years of weekly history", export_s, 0.100, "s", note),
        Figure("import it into an empty store", import_s, 0.250, "s",
               "read, validate, plan, back up, apply"),
    ]


def _raw_copy(source: Path, target: Path) -> tuple[float, int]:
    """Seconds for sqlite3 executemany + commit of every row of ``source`` (as stored)
    into an empty store schema at ``target``, with the store's connection settings."""
    open_store(target, auto_backup=False).close()
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target, isolation_level=None)
    _sqlite_pragmas(dst, None)
    spent, rows = 0.0, 0
    try:
        dst.execute("BEGIN")
        for kind in KINDS:
            name = table(kind).name
            data = src.execute(f"SELECT * FROM {name}").fetchall()
            if not data:
                continue
            marks = ", ".join("?" for _ in data[0])
            start = time.perf_counter()
            dst.executemany(f"INSERT INTO {name} VALUES ({marks})", data)
            spent += time.perf_counter() - start
            rows += len(data)
        start = time.perf_counter()
        dst.execute("COMMIT")
        spent += time.perf_counter() - start
    finally:
        src.close()
        dst.close()
    return spent, rows


def run_big() -> list[Figure]:
    forms = load_forms(config.shipped_forms_dir())
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="csdesk-bench-") as tmp:
        folder = Path(tmp)
        # The same 5,000 x 104 demo book the store bench builds, built once a day and
        # cached (bench.big_book): building it again here took minutes before anything
        # was timed. Neither side's timing changes.
        copy_to(folder / "big.sqlite3", today)
        with _book(forms, folder / "big.sqlite3", today) as book:
            start = time.perf_counter()
            summary = export_accounts(book, None, folder / "big.csdesk")
            export_s = time.perf_counter() - start
        raw_s, rows = _raw_copy(folder / "big.sqlite3", folder / "raw.sqlite3")
        import_s = _import_once(forms, folder / "big.csdesk", folder / "empty.sqlite3", today)
    size = summary.size / 2**20
    return [
        Figure("export 5,000 x 104 weeks / raw sqlite3 executemany", export_s / raw_s, 3.0,
               "x", f"export {export_s:.1f} s, {size:.0f} MiB file; raw {raw_s:.1f} s for "
                    f"{rows:,} rows"),
        Figure("import 5,000 x 104 weeks / raw sqlite3 executemany", import_s / raw_s, 3.0,
               "x", f"import {import_s:.1f} s into an empty store"),
    ]
