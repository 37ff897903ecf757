"""Has anything been committed to the book since a given moment? (``ChangeMark``)

An import is previewed, then applied: the plan is only good for the book as it was at
the preview. Working the plan out again at the apply, to compare, costs as much as the
preview (seconds on a big book); a mark taken before the preview answers "nothing has
changed since" at almost no cost, and only when it cannot say so is the plan redone.

On SQLite the mark is a connection of its own that never writes, and SQLite's
``PRAGMA data_version``, which changes whenever any other connection (of this process
or of any other program) commits to the file. It may also change without a change of
the data (a checkpoint of the write-ahead log): the mark then answers "maybe changed",
never "unchanged" wrongly. On a server database the mark always answers "maybe
changed" (other people may be writing).
"""

from __future__ import annotations

import sqlite3

from csdesk.store.engine import Store


class ChangeMark:
    """A moment in the life of a book: ``unchanged()`` is True only while nothing at all
    has been committed to it since the mark was made. ``close()`` when done (its
    connection is also closed when the mark is dropped)."""

    def __init__(self, store: Store):
        self._watcher: sqlite3.Connection | None = None
        self._version: int | None = None
        if not store.is_sqlite or store.path is None:
            return
        try:
            watcher = sqlite3.connect(store.path, isolation_level=None,
                                      check_same_thread=False)
            self._version = _data_version(watcher)
        except sqlite3.Error:
            return  # no mark: every question is answered "maybe changed"
        self._watcher = watcher  # closed with the mark, if not before

    def unchanged(self) -> bool:
        if self._watcher is None:
            return False
        try:
            return _data_version(self._watcher) == self._version
        except sqlite3.Error:
            return False

    def close(self) -> None:
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None


def _data_version(connection: sqlite3.Connection) -> int:
    row = connection.execute("PRAGMA data_version").fetchone()
    return int(row[0])


def mark_changes(store: Store) -> ChangeMark:
    """A mark of the book as it is now: make it before reading what it should vouch for."""
    return ChangeMark(store)
