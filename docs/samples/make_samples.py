"""Rebuild the sample PDFs and their PNG renders in this folder.

    .venv/bin/python docs/samples/make_samples.py

The deck comes from an account with two years of weekly history; the charter from an
account 45 days into its onboarding (so the phase chart shows today's marker). Both are
``csdesk.reports.sample`` accounts in a throw-away SQLite book, dated 28 Nov 2026. The
PNGs need ``pdftoppm`` (Debian: poppler-utils).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from csdesk import config  # noqa: E402
from csdesk.playbook.form_loader import load_forms  # noqa: E402
from csdesk.reports.charter import build_charter  # noqa: E402
from csdesk.reports.qbr_deck import build_qbr_deck  # noqa: E402
from csdesk.reports.sample import create_sample_account  # noqa: E402
from csdesk.store.book import open_book  # noqa: E402

TODAY = dt.date(2026, 11, 28)
# (pdf, first page, last page, png name): the title slide, the executive summary with the
# trend chart, the KPI slide; the charter's cover, its timeline and readiness pages.
RENDERS = [
    ("qbr-deck.pdf", 1, 1, "qbr-deck-title.png"),
    ("qbr-deck.pdf", 3, 3, "qbr-deck-executive-summary.png"),
    ("qbr-deck.pdf", 6, 6, "qbr-deck-kpis.png"),
    ("charter.pdf", 1, 1, "charter-cover.png"),
    ("charter.pdf", 2, 2, "charter-timeline.png"),
    ("charter.pdf", 3, 3, "charter-readiness.png"),
]


def main() -> int:
    forms = load_forms(config.shipped_forms_dir())
    with tempfile.TemporaryDirectory() as tmp, open_book(
            forms, Path(tmp) / "samples.sqlite3", auto_backup=False,
            today=lambda: TODAY) as book:
        mature = create_sample_account(book, TODAY, weeks=104)
        onboarding = create_sample_account(book, TODAY, weeks=6, onboarding_day=45,
                                           name="Nordhavn Søe Freight")
        build_qbr_deck(book, mature.id, HERE / "qbr-deck.pdf")
        build_charter(book, onboarding.id, HERE / "charter.pdf")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm not found: PDFs rebuilt, PNG renders left as they were")
        return 0
    for pdf, first, last, png in RENDERS:
        stem = HERE / png.removesuffix(".png")
        subprocess.run([pdftoppm, "-png", "-r", "110", "-f", str(first), "-l", str(last),
                        "-singlefile", str(HERE / pdf), str(stem)], check=True)
    print(f"samples written to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
