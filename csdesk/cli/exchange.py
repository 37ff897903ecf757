"""``csdesk export`` and ``csdesk import``: account files, and spreadsheets.

    csdesk export ACCOUNT ... -o acme.csdesk [--encrypt]   the accounts, whole
    csdesk export --all -o book.csdesk                      every account
    csdesk export --all -o portfolio.xlsx                   the portfolio table
    csdesk export ACCOUNT -o history.csv                    one account's snapshot history
    csdesk import FILE [--dry-run]                          .csdesk, .csv or .xlsx

The passphrase of an encrypted file is read from CSDESK_PASSPHRASE when set (for
scripts), else asked for without echo.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk import config, gc_policy
from csdesk.cli.common import book_from_args
from csdesk.errors import InputProblem
from csdesk.store.book import Book
from csdesk.store.repos.base import NotFound

if TYPE_CHECKING:
    from csdesk.exchange.merge import ImportReport

# csdesk.exchange (openpyxl, numpy: half a second) is imported by the commands that use
# it, not here: every start of the desktop app builds this parser.

PASSPHRASE_ENV = "CSDESK_PASSPHRASE"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export", help="write accounts to a .csdesk account file (or the portfolio or an "
                       "account's snapshot history to .csv/.xlsx)")
    p.add_argument("accounts", nargs="*", metavar="ACCOUNT", help="account names or ids")
    p.add_argument("--all", action="store_true", help="every account of the book")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="the file to write (.csdesk; .csv or .xlsx for a table)")
    p.add_argument("--encrypt", action="store_true",
                   help=f"encrypt with a passphrase (asked for, or ${PASSPHRASE_ENV})")
    p.set_defaults(handler=run_export)

    p = sub.add_parser(
        "import", help="import a .csdesk account file, or accounts and health snapshots "
                       "from a .csv/.xlsx file, after a preview")
    p.add_argument("file", metavar="FILE", help="a .csdesk, .csv or .xlsx file")
    p.add_argument("--dry-run", action="store_true",
                   help="show what the import would do, change nothing")
    p.set_defaults(handler=run_import)


def _passphrase(prompt: str, confirm: bool) -> str:
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env is not None:
        if not from_env:
            raise InputProblem([f"{PASSPHRASE_ENV} is set but empty"])
        return from_env
    if not sys.stdin.isatty():
        raise InputProblem([f"a passphrase is needed: set {PASSPHRASE_ENV} or run csdesk "
                            "in a terminal"])
    first = getpass.getpass(prompt)
    if not first:
        raise InputProblem(["the passphrase must not be empty"])
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise InputProblem(["the two passphrases differ; nothing was written"])
    return first


def _find(book: Book, names: list[str]) -> list[Any]:
    found = []
    for name in names:
        try:
            found.append(book.accounts.find(name))
        except NotFound as exc:
            raise InputProblem([f"account {name!r}: {exc}"]) from None
    return found


def run_export(args: argparse.Namespace) -> int:
    from csdesk.exchange.accountfile import export_accounts
    from csdesk.exchange.spreadsheets import export_portfolio, export_snapshot_history
    from csdesk.exchange.tables import SPREADSHEET_SUFFIXES

    if args.all == bool(args.accounts):
        raise InputProblem(["name the accounts to export, or give --all (not both)"])
    target = Path(args.output).expanduser()
    table = SPREADSHEET_SUFFIXES.get(target.suffix.lower())
    if table is not None and args.encrypt:
        raise InputProblem(["--encrypt is for .csdesk account files, not spreadsheets"])
    if table is not None and not args.all and len(args.accounts) != 1:
        raise InputProblem([f"{target.suffix} export: --all for the portfolio table, or one "
                            "account for its snapshot history"])
    if not target.parent.is_dir():
        raise InputProblem([f"{target}: the folder {target.parent} does not exist"])
    passphrase = _passphrase("Passphrase for the file: ", True) if args.encrypt else None
    with book_from_args(args) as book:
        if table is not None:
            if args.all:
                rows = book.accounts.portfolio(include_archived=True)
                export_portfolio(rows, target, book.forms)
                print(f"wrote the portfolio ({len(rows)} accounts) to {target}")
            else:
                [account] = _find(book, args.accounts)
                export_snapshot_history(book, account.id, target)
                print(f"wrote the snapshot history of {account.name} to {target}")
            return 0
        ids = None if args.all else [a.id for a in _find(book, args.accounts)]
        summary = export_accounts(book, ids, target, passphrase)
    records = sum(summary.counts.values())
    print(f"exported {summary.accounts} account(s), {records} records in all, to {target} "
          f"({summary.size / 1024:.1f} KiB{', encrypted' if summary.encrypted else ''})")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from csdesk.exchange.accountfile import file_is_encrypted
    from csdesk.exchange.tables import spreadsheet_kind

    path = Path(args.file).expanduser()
    if not path.is_file():
        raise InputProblem([f"{path}: no such file" if not path.exists()
                            else f"{path}: is not a file"])
    if spreadsheet_kind(path) is not None:
        return _import_sheet(args, path)
    passphrase = (_passphrase(f"Passphrase for {path.name}: ", False)
                  if file_is_encrypted(path) else None)
    with gc_policy.held():  # the file's million records: no collections walk them
        return _import_account_file(args, path, passphrase)


def _import_account_file(args: argparse.Namespace, path: Path, passphrase: str | None) -> int:
    from csdesk.exchange.accountfile import read_account_file
    from csdesk.exchange.merge import apply_import, plan_import

    parsed = read_account_file(path, passphrase)  # all checks the file alone allows first
    with book_from_args(args) as book:
        plan = plan_import(book, parsed)
        print(f"{path}: {len(parsed.accounts)} account(s) exported "
              f"{parsed.exported_at:%Y-%m-%d %H:%M} UTC by {parsed.exported_by or 'unknown'}")
        print(plan.summary())
        if args.dry_run:
            print("dry run: nothing was imported")
            return 0
        if plan.changes_nothing:
            print("nothing to import: this book already holds everything in the file")
            return 0
        report = apply_import(book, plan)
        print(f"imported {report.changed} record(s) from {path}")
        if report.backup is not None:
            print(f"the book as it was before is backed up in {report.backup}")
        if report.superseded:
            saved = _save_report(book, report)
            print(f"{len(report.superseded)} losing version(s) kept in {saved}")
    return 0


def _save_report(book: Book, report: ImportReport) -> Path:
    folder = (book.store.path.parent if book.store.path else config.data_dir())
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    return report.write(folder / "import-reports" / f"import-{stamp}.json")


def _import_sheet(args: argparse.Namespace, path: Path) -> int:
    from csdesk.exchange.spreadsheets import apply_spreadsheet, plan_spreadsheet

    with book_from_args(args) as book:
        plan = plan_spreadsheet(book, path)
        print(plan.summary())
        if plan.problems:
            raise InputProblem([*plan.problems, "nothing was imported"])
        if args.dry_run:
            print("dry run: nothing was imported")
            return 0
        if not plan.writes:
            print("nothing to import: this book already holds every row")
            return 0
        report = apply_spreadsheet(book, plan)
        print(report.summary())
        if report.backup is not None:
            print(f"the book as it was before is backed up in {report.backup}")
    return 0
