"""Whether anything was committed to a book since a moment (an import's preview)."""

from __future__ import annotations

import sqlite3

import pytest

from csdesk.store.changes import mark_changes
from tests.test_exchange_support import fill_account


def test_reading_the_book_leaves_it_unchanged(book):
    acme = fill_account(book, weeks=2)
    mark = mark_changes(book.store)
    book.accounts.get(acme.id)
    book.snapshots.history(acme.id)
    if book.store.path is None:
        assert not mark.unchanged()  # a server's book: others may write, it never vouches
    else:
        assert mark.unchanged()
    mark.close()


def test_an_edit_in_the_window_changes_the_book(book):
    acme = fill_account(book, weeks=1)
    mark = mark_changes(book.store)
    book.accounts.update(acme.id, {"notes": "called the sponsor"})
    assert not mark.unchanged()
    assert not mark.unchanged()  # and stays changed
    mark.close()


def test_an_edit_by_another_program_changes_the_book(book):
    if book.store.path is None:
        pytest.skip("an SQLite book's file")
    acme = fill_account(book, weeks=1)
    mark = mark_changes(book.store)
    with sqlite3.connect(book.store.path) as other:
        other.execute("UPDATE accounts SET notes = 'edited elsewhere' WHERE id = ?",
                      (acme.id.hex,))
    assert not mark.unchanged()
    mark.close()


def test_a_closed_mark_no_longer_vouches(book):
    mark = mark_changes(book.store)
    mark.close()
    assert not mark.unchanged()
    mark.close()  # twice is harmless
