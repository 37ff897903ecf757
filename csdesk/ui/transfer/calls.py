"""What the transfer actions ask of the exchange package (mostly on a job's thread).

_exchange_late: the exchange modules (the account file's validators and schema, the
spreadsheet models) are imported here when a CSM first imports or exports a file, not
with the window: they cost ~65 ms of every start, and most starts move no file. No
import cycle is involved; the type names are imported for the checker only.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from csdesk.exchange.errors import Progress
from csdesk.playbook.form_loader import FormSet
from csdesk.store.book import Book
from csdesk.store.views import PortfolioRow
from csdesk.ui.jobs import stop_if_cancelled

if TYPE_CHECKING:
    from csdesk.exchange.accountfile import ExportSummary
    from csdesk.exchange.merge import ImportPlan, ImportReport
    from csdesk.exchange.spreadsheets import SheetPlan, SheetReport


def file_is_encrypted(path: Path) -> bool:
    from csdesk.exchange import accountfile  # see _exchange_late

    return accountfile.file_is_encrypted(path)


def plan_file(book: Book, path: Path, passphrase: str | None,
              progress: Progress) -> ImportPlan:
    """Read and check the whole file, then work out what importing it would do."""
    from csdesk.exchange.accountfile import read_account_file  # see _exchange_late
    from csdesk.exchange.merge import plan_import
    from csdesk.exchange.release import release_kinds

    parsed = read_account_file(path, passphrase, progress)
    try:
        stop_if_cancelled(progress)
        return plan_import(book, parsed, progress)  # (the bar starts again: a second count)
    except BaseException:  # cancelled, or a problem: the records go a slice at a time
        release_kinds(parsed.records)
        raise


def apply_plan(book: Book, plan: ImportPlan, progress: Progress) -> ImportReport:
    from csdesk.exchange.merge import apply_import  # see _exchange_late

    try:
        return apply_import(book, plan, progress)
    finally:
        plan.release()  # here, a slice at a time: not in one go on the window's time


def plan_sheet(book: Book, path: Path) -> SheetPlan:
    from csdesk.exchange.spreadsheets import plan_spreadsheet  # see _exchange_late

    return plan_spreadsheet(book, path)


def apply_sheet(book: Book, plan: SheetPlan, progress: Progress) -> SheetReport:
    from csdesk.exchange.spreadsheets import apply_spreadsheet  # see _exchange_late

    return apply_spreadsheet(book, plan, progress)


def export_file(book: Book, ids: Iterable[uuid.UUID] | None, target: Path,
                passphrase: str | None, progress: Progress) -> ExportSummary:
    from csdesk.exchange.accountfile import export_accounts  # see _exchange_late

    return export_accounts(book, ids, target, passphrase, progress)


def export_portfolio_table(rows: Iterable[PortfolioRow], target: Path,
                           forms: FormSet) -> Path:
    from csdesk.exchange.spreadsheets import export_portfolio  # see _exchange_late

    return export_portfolio(rows, target, forms)


def export_history_table(book: Book, account_id: uuid.UUID, target: Path) -> Path:
    from csdesk.exchange.spreadsheets import export_snapshot_history  # _exchange_late

    return export_snapshot_history(book, account_id, target)

