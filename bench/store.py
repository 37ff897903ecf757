"""The store on a large book: 5,000 accounts with 104 weekly snapshots each.

(a) Building the demo book, against a raw ``sqlite3`` executemany of the very same rows
    into an identical empty schema, on a connection set up as the store's: the figure is
    the ratio, so it measures csdesk's own overhead (generating, scoring every snapshot
    with the engine, SQLAlchemy) rather than the machine. Target 3x.
(b) The portfolio (one row per account), best of 5: 0.1 s.
(c) One account's snapshot history (104 rows), best of 20: 5 ms.
(d) Recording one snapshot with its signals and audit, best of 20 on different
    accounts: 10 ms.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.harness import Figure, best_of
from csdesk import config
from csdesk.playbook.form_loader import FormSet, load_forms
from csdesk.playbook.records import HEALTH_METRICS, HealthMetrics, OperationalFigures
from csdesk.store.book import open_book
from csdesk.store.demo import TABLES, generate_demo, iter_demo_batches
from csdesk.store.engine import _sqlite_pragmas, make_engine, open_store
from csdesk.store.orm.base import Base

ACCOUNTS = 5_000
WEEKS = 104
SEED = 7


def _raw_load(forms: FormSet, path: Path, today: dt.date,
              now: dt.datetime) -> tuple[float, float]:
    """Seconds (elapsed, and CPU) spent in sqlite3 executemany + commit for the demo
    book's rows, into an identical empty schema on a connection set up exactly as the
    store sets up its own.

    The rows come from the same generator as ``generate_demo`` and are converted to
    SQLite values with SQLAlchemy's own bind processors beforehand (not timed), so both
    databases end up holding the same values.
    """
    open_store(path, auto_backup=False).close()  # the schema, by the same migrations
    dialect = make_engine(f"sqlite:///{path}").dialect
    plans: dict[str, tuple[str, list[tuple[str, Callable[[Any], Any] | None]]]] = {}
    for name in TABLES:
        table = Base.metadata.tables[name]
        columns: list[tuple[str, Callable[[Any], Any] | None]] = [
            (c.name, c.type.dialect_impl(dialect).bind_processor(dialect))
            for c in table.columns]
        sql = (f"INSERT INTO {name} ({', '.join(c for c, _ in columns)}) "
               f"VALUES ({', '.join('?' for _ in columns)})")
        plans[name] = (sql, columns)
    conn = sqlite3.connect(path, isolation_level=None)
    _sqlite_pragmas(conn, None)  # WAL, foreign keys, synchronous=FULL, the page cache
    spent = cpu = 0.0
    try:
        conn.execute("BEGIN")
        for batch in iter_demo_batches(forms, ACCOUNTS, WEEKS, SEED, today, now):
            for name in TABLES:
                rows = batch[name]
                if not rows:
                    continue
                sql, columns = plans[name]
                params = [tuple(r[c] if p is None else p(r[c]) for c, p in columns)
                          for r in rows]
                start, start_cpu = time.perf_counter(), time.process_time()
                conn.executemany(sql, params)
                spent += time.perf_counter() - start
                cpu += time.process_time() - start_cpu
        start, start_cpu = time.perf_counter(), time.process_time()
        conn.execute("COMMIT")
        spent += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
    finally:
        conn.close()
    return spent, cpu


def run() -> list[Figure]:
    forms = load_forms(config.shipped_forms_dir())
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="csdesk-bench-") as tmp:
        folder = Path(tmp)
        book = open_book(forms, folder / "demo.sqlite3", auto_backup=False,
                         today=lambda: today)
        try:
            start, start_cpu = time.perf_counter(), time.process_time()
            summary = generate_demo(book.store, forms, ACCOUNTS, WEEKS, SEED, today)
            demo_s = time.perf_counter() - start
            demo_cpu = time.process_time() - start_cpu
            raw_s, raw_cpu = _raw_load(forms, folder / "raw.sqlite3", today,
                                       dt.datetime.now(dt.UTC))

            ids = [row.id for row in book.accounts.portfolio()]
            portfolio_s = best_of(book.accounts.portfolio, 5)
            history_s = best_of(lambda: book.snapshots.history(ids[len(ids) // 2]), 20)

            latest = book.snapshots.latest(ids[0])
            assert latest is not None
            metrics = HealthMetrics(**{m: getattr(latest, m) for m in HEALTH_METRICS})
            figures = OperationalFigures(recent_support_tickets=4, escalated_tickets=0,
                                         monthly_executions=42_000, active_users=30)
            targets = iter(ids[1:21])
            next_week = today + dt.timedelta(days=7)

            def record() -> None:
                book.snapshots.record(next(targets), next_week, metrics, figures,
                                      ["feature_request"])

            record_s = best_of(record, 20)
        finally:
            book.close()
    return [
        Figure("demo book 5,000 x 104 weeks / raw sqlite3 executemany", demo_s / raw_s, 3.0,
               "x", f"demo {demo_s:.1f} s, raw {raw_s:.1f} s, {summary.rows:,} rows; CPU "
               f"demo {demo_cpu:.1f} s, raw {raw_cpu:.1f} s: {demo_cpu / raw_cpu:.2f} x"),
        Figure("portfolio of 5,000 accounts", portfolio_s, 0.100, "s"),
        Figure("one account's history (104 snapshots)", history_s, 0.005, "s"),
        Figure("record a snapshot with signals and audit", record_s, 0.010, "s"),
    ]
