"""``csdesk report qbr|charter ACCOUNT -o FILE.pdf``: the PDF QBR deck or project charter."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from csdesk.cli.common import book_from_args
from csdesk.errors import InputProblem
from csdesk.store.book import Book
from csdesk.store.repos.base import NotFound
from csdesk.store.views import AccountView


def register(sub: Any) -> None:
    parser = sub.add_parser("report", help="write an account's QBR deck or project charter (PDF)")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    qbr = kinds.add_parser("qbr", help="the 16:9 QBR deck, following the 90-minute agenda")
    charter = kinds.add_parser("charter", help="the project charter (portrait)")
    for p in (qbr, charter):
        p.add_argument("account", metavar="ACCOUNT", help="the account's name or id")
        p.add_argument("-o", "--output", metavar="FILE", required=True,
                       help="the PDF to write (replaced in one step if it exists)")
        p.add_argument("--date", metavar="YYYY-MM-DD", type=_date,
                       help="the date the document is made on (default: today)")
        p.set_defaults(handler=run)
    qbr.add_argument("--qbr", metavar="YYYY-MM-DD", type=_date,
                     help="the QBR to present, by its date (default: the latest on record)")
    charter.add_argument("--page-size", choices=["A4", "letter"], default="A4",
                         type=lambda v: {"a4": "A4", "letter": "letter"}.get(v.lower(), v),
                         help="paper size (default: A4)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-31") from None


def find_account(book: Book, name_or_id: str) -> AccountView:
    try:
        return book.accounts.find(name_or_id)
    except NotFound as exc:
        raise InputProblem([f"account: {exc}"]) from None


def run(args: argparse.Namespace) -> int:
    from csdesk.reports.charter import build_charter
    from csdesk.reports.qbr_deck import build_qbr_deck

    target = Path(args.output).expanduser()
    if target.is_dir():
        raise InputProblem([f"output: {target} is a folder; name the PDF file to write"])
    if not target.parent.is_dir():
        raise InputProblem([f"output: the folder {target.parent} does not exist"])
    with book_from_args(args) as book:
        account = find_account(book, args.account)
        if args.kind == "qbr":
            qbr_id = None
            if args.qbr is not None:
                held = [q for q in book.qbrs.list(account.id) if q.held_on == args.qbr]
                if not held:
                    raise InputProblem([f"qbr: {account.name} has no QBR on {args.qbr}"])
                qbr_id = held[-1].id
            written = build_qbr_deck(book, account.id, target, qbr_id=qbr_id, today=args.date)
        else:
            written = build_charter(book, account.id, target, page_size=args.page_size,
                                    today=args.date)
    print(f"wrote {written}")
    return 0
