"""The desktop UI on the 5,000-account x 104-week demo book (``bench.big_book``).

(a) Cold start to a painted portfolio, whole process: ``python -m csdesk --db BOOK
    --exit-after-paint`` against ``bench/bare_window.py`` (a bare PySide6 window showing
    the same rows read with ``sqlite3``), both offscreen, alternated, median of
    ``STARTS`` runs each. Target: csdesk within 3x of the bare window.
    Fairness: both read the same file, warm in the OS cache, with their byte code
    compiled (one untimed start of each first, into a private ``PYTHONPYCACHEPREFIX``;
    ``PYTHONDONTWRITEBYTECODE`` is dropped for the children). The first start of a day
    takes the daily backup of the book before the window is built (SQLite's backup API
    copying the whole file, ~470 MiB here): the untimed first csdesk start takes it, so
    the timed starts are the usual ones; that first start's time is in the note.
    ``CSDESK_HOME`` and ``XDG_CONFIG_HOME`` point at a fresh temporary folder, so the
    user's log and window settings are not involved, and every start is a first start
    for the window layout (the columns are fitted to their text: csdesk's slowest case).
(b) Peak memory (maximum resident set size) of that csdesk process, from ``wait4``'s
    resource usage of the child itself: 250 MiB.
(c)-(e) In this process, a real ``MainWindow`` (offscreen) on the book:
(c) live score update: a metric's value changes on the Health page until the score card
    shows the new score and the window has repainted; median of ``CHANGES``: 16 ms.
(d) opening an account on its Overview page, from the portfolio, until the health trend
    chart has been drawn and painted, after a first chart has been drawn once (that one
    loads matplotlib); median over ``OPENINGS`` accounts: 250 ms.
(e) a keystroke in the portfolio's search box until the filtered portfolio (and the
    status-bar summary) has repainted; ``FilterBar`` applies the search at once (no
    debounce timer), so this is the whole delay a CSM sees; median over the keystrokes
    of typing ``SEARCHES`` words: 30 ms.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.big_book import copy_to
from bench.harness import Figure

STARTS = 5
CHANGES = 60
OPENINGS = 10
SEARCHES = 6
MiB = 1024 * 1024
_BARE = Path(__file__).resolve().parent / "bare_window.py"
_ROOT = Path(__file__).resolve().parent.parent


# -- (a), (b): whole processes ---------------------------------------------------------------

_RUNNER = """
import json, os, subprocess, sys, time
argv = json.loads(sys.argv[1])
start = time.perf_counter()
process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_pid, status, usage = os.wait4(process.pid, 0)
wall = time.perf_counter() - start
errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
rss = usage.ru_maxrss * 1024 if sys.platform != "darwin" else usage.ru_maxrss
print(json.dumps([wall, usage.ru_utime + usage.ru_stime, rss,
                  os.waitstatus_to_exitcode(status), errors]))
"""


def _child(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Run one process to its end: (wall seconds, CPU seconds, peak RSS in bytes).

    ``os.wait4`` returns the resource usage of that very child (``RUSAGE_CHILDREN``
    would give the largest of all children so far). It is started by a small runner
    process, not by this one: Linux counts in a child's peak RSS the memory of the
    process it was forked from, and after the big-book suites this one holds gigabytes
    (a run of ``make bench`` reported 2.9 GB for a csdesk that peaks at 131 MiB)."""
    done = subprocess.run([sys.executable, "-c", _RUNNER, json.dumps(argv)], env=env,
                          cwd=_ROOT, capture_output=True, text=True, check=True)
    wall, cpu, rss, code, errors = json.loads(done.stdout)
    if code != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {code}: {errors}")
    return wall, cpu, rss


def _cold_starts(book: Path, folder: Path) -> tuple[list[Figure], dict[str, float]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "CSDESK_HOME": str(folder / "home"), "XDG_CONFIG_HOME": str(folder / "xdg"),
           "PYTHONPATH": os.pathsep.join(
               p for p in (str(_ROOT), os.environ.get("PYTHONPATH", "")) if p),
           # Byte code as an installed csdesk has it (written by the untimed first runs):
           # compiling every module from source on each start is no start a user sees.
           "PYTHONPYCACHEPREFIX": str(folder / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    csdesk = [sys.executable, "-m", "csdesk", "--db", str(book), "--exit-after-paint"]
    bare = [sys.executable, str(_BARE), str(book)]
    _child(bare, env)  # untimed: the file into the OS cache, Qt's fonts found
    first, _cpu, _rss = _child(csdesk, env)  # untimed: takes the daily backup
    walls: dict[str, list[float]] = {"csdesk": [], "bare": []}
    cpus: dict[str, list[float]] = {"csdesk": [], "bare": []}
    peaks: list[float] = []
    for _ in range(STARTS):
        for name, argv in (("bare", bare), ("csdesk", csdesk)):
            wall, cpu, rss = _child(argv, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
            if name == "csdesk":
                peaks.append(rss)
    app_s, bare_s = statistics.median(walls["csdesk"]), statistics.median(walls["bare"])
    app_cpu, bare_cpu = statistics.median(cpus["csdesk"]), statistics.median(cpus["bare"])
    figures = [
        Figure("cold start to a painted portfolio / bare PySide6 window", app_s / bare_s,
               3.0, "x", f"median of {STARTS}: csdesk {app_s:.2f} s, bare {bare_s:.2f} s; "
               f"CPU {app_cpu:.2f} s / {bare_cpu:.2f} s; first start of the day with its "
               f"daily backup {first:.2f} s; load average {os.getloadavg()[0]:.2f}"),
        Figure("peak memory of that csdesk process", max(peaks) / MiB, 250.0, "MiB",
               f"largest of {STARTS}"),
    ]
    return figures, {"csdesk_s": app_s, "bare_s": bare_s}


# -- (c)-(e): one window in this process ----------------------------------------------------

def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _settle(app: Any) -> None:
    """Deliver what is pending (layouts, timers due now, paints)."""
    for _ in range(3):
        app.processEvents()


def _until(app: Any, done: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()


def _quiet_offscreen(kind: Any, context: Any, message: str) -> None:
    """Qt's messages, less the offscreen platform's note on every window shown."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def _in_process(book_path: Path, folder: Path) -> list[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, QSettings, qInstallMessageHandler
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from csdesk import config
    from csdesk.playbook.form_loader import load_forms
    from csdesk.playbook.records import HEALTH_METRICS
    from csdesk.store.book import open_book
    from csdesk.ui.main_window import MainWindow
    from csdesk.ui.workspace.health_page import HealthPage
    from csdesk.ui.workspace.overview_page import OverviewPage

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    previous = qInstallMessageHandler(_quiet_offscreen)
    forms = load_forms(config.shipped_forms_dir())
    settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
    with open_book(forms, book_path, auto_backup=False) as book:
        window = MainWindow(book, settings)
        window.show()
        _until(app, lambda: window.table._painted)
        _settle(app)
        model = window.model
        ids = [model.row_at(n).id for n in range(0, model.rowCount(), model.rowCount() // 40)]

        # (d) the account page with its trend chart, after a first chart
        class Painted(QObject):
            seen = False

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.seen = True
                return False

        overview = window.workspace.pages["overview"]
        assert isinstance(overview, OverviewPage)

        open_cpu: list[float] = []

        def open_and_draw(account_id: Any) -> float:
            window.show_portfolio()
            _settle(app)
            watcher = Painted()
            start, start_cpu = time.perf_counter(), time.process_time()
            window.open_account(account_id, "overview")
            canvas = overview.chart.canvas
            if canvas is None:
                raise RuntimeError("the overview drew no chart")
            canvas.installEventFilter(watcher)
            _until(app, lambda: watcher.seen)
            elapsed = time.perf_counter() - start
            open_cpu.append(time.process_time() - start_cpu)
            canvas.removeEventFilter(watcher)
            return elapsed

        first_chart = open_and_draw(ids[0])
        openings = [open_and_draw(account_id) for account_id in ids[1:1 + OPENINGS]]

        # (c) the live score on the Health page
        window.open_account(ids[-1], "health")
        _settle(app)
        health = window.workspace.pages["health"]
        assert isinstance(health, HealthPage)
        score = health.card.score
        changes: list[float] = []
        changes_cpu: list[float] = []
        for n in range(CHANGES):
            spin = health.inputs.metric_spins[HEALTH_METRICS[n % len(HEALTH_METRICS)]]
            value = 5.0 + (spin.value() + 37.25 + n) % 90  # always a different value
            before = score.text()
            start, start_cpu = time.perf_counter(), time.process_time()
            spin.setValue(value)
            app.processEvents()  # the repaint of the card
            elapsed = time.perf_counter() - start
            changes_cpu.append(time.process_time() - start_cpu)
            if score.text() == before and n < 3:
                raise RuntimeError("the live score did not change")
            changes.append(elapsed)

        # (e) search keystrokes on the portfolio
        window.show_portfolio()
        _settle(app)
        search = window.filters.search
        search.setFocus()
        starts = [model.row_at(n).name.split()[0][:5].lower()
                  for n in range(7, model.rowCount(), 97)]
        words = [w for w in starts if w.isascii() and w.isalpha()][:SEARCHES]
        keystrokes: list[float] = []
        keystrokes_cpu: list[float] = []
        shown: list[int] = []
        for word in words:
            for char in word:
                start, start_cpu = time.perf_counter(), time.process_time()
                QTest.keyClicks(search, char)
                app.processEvents()  # the proxy has filtered: the table and summary paint
                keystrokes.append(time.perf_counter() - start)
                keystrokes_cpu.append(time.process_time() - start_cpu)
            shown.append(window.proxy.rowCount())
            search.clear()
            _settle(app)
        if window.proxy.rowCount() != model.rowCount() or not all(shown):
            raise RuntimeError(f"the search did not filter as expected: {words} {shown}")
        rows = model.rowCount()
        window.close()
        window.deleteLater()
        _settle(app)
    qInstallMessageHandler(previous)
    return [
        Figure("live score update after an input change", _median_ms(changes), 16.0, "ms",
               f"median of {CHANGES}, worst {max(changes) * 1000:.1f} ms; CPU "
               f"{_median_ms(changes_cpu):.1f} ms; load average {os.getloadavg()[0]:.2f}"),
        Figure("open an account with its trend chart", _median_ms(openings), 250.0, "ms",
               f"median of {len(openings)} accounts, CPU {_median_ms(open_cpu[1:]):.0f} ms; "
               f"the first chart {first_chart:.2f} s"),
        Figure(f"search keystroke to filtered view ({rows:,} rows)", _median_ms(keystrokes),
               30.0, "ms", f"median of {len(keystrokes)}, worst "
               f"{max(keystrokes) * 1000:.1f} ms, CPU {_median_ms(keystrokes_cpu):.1f} ms; "
               f"words {', '.join(words)}"),
    ]


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="csdesk-bench-ui-") as tmp:
        folder = Path(tmp)
        today = dt.date.today()
        book = copy_to(folder / "book" / "csdesk.sqlite3", today)
        figures, _ = _cold_starts(book, folder)
        figures += _in_process(book, folder)
    return figures
