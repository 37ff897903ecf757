"""What the subcommands share: opening the book the global options point at."""

from __future__ import annotations

import argparse
from pathlib import Path

from csdesk.active_forms import active_forms
from csdesk.errors import EnvironmentFault
from csdesk.playbook.form_loader import FormError, FormSet
from csdesk.store.book import Book, open_book


def forms_or_fault() -> FormSet:
    try:
        return active_forms()
    except FormError as exc:
        raise EnvironmentFault(f"a form file is broken: {exc}") from None


def db_path(args: argparse.Namespace) -> Path | None:
    return Path(args.db).expanduser() if getattr(args, "db", None) else None


def book_from_args(args: argparse.Namespace, *, auto_backup: bool = True) -> Book:
    """The book at ``--db``/``--db-url``/``CSDESK_HOME``/the per-user data folder."""
    return open_book(forms_or_fault(), db_path(args), getattr(args, "db_url", None),
                     auto_backup=auto_backup)
