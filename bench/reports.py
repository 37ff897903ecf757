"""The PDF reports of one account with two years (104 weeks) of weekly history.

(a) The QBR deck (charts included, written to disk), best of 3: 1.0 s.
(b) The project charter, best of 3: 0.5 s.

The account is ``csdesk.reports.sample``'s realistic one (stakeholders, workflows,
risks, QBRs, assessments, charter texts), in a temporary SQLite book.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from bench.harness import Figure, best_of
from csdesk import config
from csdesk.playbook.form_loader import load_forms
from csdesk.reports.charter import build_charter
from csdesk.reports.qbr_deck import build_qbr_deck
from csdesk.reports.sample import create_sample_account
from csdesk.store.book import open_book

TODAY = dt.date(2026, 11, 28)
WEEKS = 104


def run() -> list[Figure]:
    forms = load_forms(config.shipped_forms_dir())
    with tempfile.TemporaryDirectory(prefix="csdesk-bench-") as tmp:
        folder = Path(tmp)
        with open_book(forms, folder / "book.sqlite3", auto_backup=False,
                       today=lambda: TODAY) as book:
            account = create_sample_account(book, TODAY, weeks=WEEKS)
            deck = best_of(lambda: build_qbr_deck(book, account.id, folder / "deck.pdf"),
                           repeat=3)
            charter = best_of(lambda: build_charter(book, account.id, folder / "charter.pdf"),
                              repeat=3)
            kib = (folder / "deck.pdf").stat().st_size // 1024
    return [
        Figure(f"QBR deck, {WEEKS} weekly snapshots (PDF, {kib} KiB)", deck, 1.0, "s"),
        Figure("project charter (PDF, A4)", charter, 0.5, "s"),
    ]
