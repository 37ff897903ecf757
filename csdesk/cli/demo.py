"""``csdesk demo``: fill an empty book with realistic demo accounts to explore csdesk.

The same generator the first start of the window offers; here for a terminal, a script
or a benchmark (``--accounts 5000`` gives a large book to try speed on).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from csdesk.cli.common import book_from_args
from csdesk.errors import InputProblem
from csdesk.store.demo import generate_demo

MAX_ACCOUNTS = 100_000
MAX_WEEKS = 520  # ten years of weekly snapshots


def register(sub: Any) -> None:
    parser = sub.add_parser("demo", help="fill an empty book with demo accounts")
    parser.add_argument("--accounts", type=int, default=200, metavar="N",
                        help="how many accounts (default 200, at most 100,000)")
    parser.add_argument("--weeks", type=int, default=104, metavar="W",
                        help="weekly health snapshots per account, ending today "
                             "(default 104, at most 520)")
    parser.add_argument("--seed", type=int, default=7, metavar="S",
                        help="the same seed on the same day gives the same book (default 7)")
    parser.set_defaults(handler=run)


def check(args: argparse.Namespace) -> None:
    problems = []
    if args.accounts < 1:
        problems.append(f"--accounts must be at least 1 (got {args.accounts})")
    elif args.accounts > MAX_ACCOUNTS:
        problems.append(f"--accounts must be at most {MAX_ACCOUNTS:,} (got {args.accounts:,})")
    if args.weeks < 1:
        problems.append(f"--weeks must be at least 1 (got {args.weeks})")
    elif args.weeks > MAX_WEEKS:
        problems.append(f"--weeks must be at most {MAX_WEEKS} (ten years; got {args.weeks:,})")
    if problems:
        raise InputProblem(problems)


def run(args: argparse.Namespace) -> int:
    check(args)
    show = sys.stderr.isatty()

    def progress(done: int, total: int) -> bool:
        if show:
            print(f"\rbuilding the demo book: {done:,}/{total:,} accounts", end="",
                  file=sys.stderr, flush=True)
        return True

    start = time.perf_counter()
    with book_from_args(args) as book:
        summary = generate_demo(book.store, book.forms, accounts=args.accounts,
                                weeks=args.weeks, seed=args.seed, progress=progress)
        where = book.store.path or "the server database"
    if show:
        print(file=sys.stderr)
    print(f"demo book in {where}: {summary.describe()} "
          f"({summary.rows:,} rows in {time.perf_counter() - start:.1f} s)")
    return 0
