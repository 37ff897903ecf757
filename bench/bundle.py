"""Start-up of the desktop bundle (``make package``) against the source venv.

The window opens a demo book of 200 accounts offscreen and quits once the portfolio is
painted (``--exit-after-paint``): once as ``dist/csdesk/csdesk``, once as
``python -m csdesk`` from this checkout. Runs alternate, after one warm-up each, and the
figure is the median of five. Target: the bundle within 1.2x of the source start-up.

Builds the bundle first when ``dist/csdesk/csdesk`` is missing (needs the ``package``
extra: ``pip install -e '.[package]'``); without PyInstaller the suite says so and
reports nothing.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import Figure

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "csdesk" / "csdesk"
ACCOUNTS = 200
RUNS = 5
TARGET_RATIO = 1.2


def build_bundle() -> bool:
    if BUNDLE.exists():
        return True
    if importlib.util.find_spec("PyInstaller") is None:
        print("bundle: PyInstaller is not installed (pip install -e '.[package]'); skipped",
              file=sys.stderr)
        return False
    print("bundle: building dist/csdesk with PyInstaller (a few minutes)...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(ROOT / "dist"),
                    "--workpath", str(ROOT / "build" / "pyinstaller"),
                    str(ROOT / "packaging" / "csdesk.spec")], check=True, cwd=ROOT)
    return True


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=cwd,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def run() -> list[Figure]:
    if not build_bundle():
        return []
    with tempfile.TemporaryDirectory(prefix="csdesk-bench-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "CSDESK_HOME": str(folder / "home"),
               "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
        db = folder / "book.sqlite3"
        source = [sys.executable, "-m", "csdesk", "--db", str(db)]
        bundle = [str(BUNDLE), "--db", str(db)]
        subprocess.run([*source, "demo", "--accounts", str(ACCOUNTS)], check=True, env=env,
                       cwd=ROOT, stdout=subprocess.DEVNULL)
        times: dict[str, list[float]] = {"bundle": [], "source": []}
        for i in range(RUNS + 1):  # run 0 warms the disk cache and matplotlib's font list
            for name, command, cwd in (("bundle", bundle, folder), ("source", source, ROOT)):
                seconds = timed([*command, "--exit-after-paint"], env, cwd)
                if i:
                    times[name].append(seconds)
    frozen, venv = statistics.median(times["bundle"]), statistics.median(times["source"])
    return [Figure(f"start-up to first paint, bundle ({ACCOUNTS} accounts)", frozen,
                   TARGET_RATIO * venv, "s",
                   f"source venv {venv:.2f} s, bundle/source {frozen / venv:.2f}x; "
                   f"median of {RUNS}")]
