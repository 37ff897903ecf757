"""Letting go of a whole book's records a slice at a time.

Freeing a million records is one cascade of deallocations in C that holds the
interpreter lock from start to end: 2.3 s for the 1.17 million records of the
5,000-account book, in which the window (which needs the lock to paint) stood still.
Emptying their lists a slice at a time frees the same memory with the lock free
between two slices.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

SLICE = 5_000  # records freed at once: a few milliseconds


def release_rows(rows: list[Any]) -> None:
    """Empty ``rows`` from the end, ``SLICE`` items at a time."""
    while rows:
        del rows[-SLICE:]


def release_mapping(items: dict[Any, Any]) -> None:
    """Empty ``items`` an entry at a time (from Python, so the lock is free between)."""
    popitem = items.popitem
    while items:
        for _ in range(min(SLICE, len(items))):
            popitem()


def release_set(items: set[Any]) -> None:
    """Empty ``items`` a member at a time (from Python, so the lock is free between)."""
    pop = items.pop
    while items:
        for _ in range(min(SLICE, len(items))):
            pop()


def release_buffer(buffer: bytearray) -> None:
    """Give back a big buffer's memory by halves: freeing half a gigabyte in one call
    held the lock ~75 ms, the first half alone ~40 ms."""
    while len(buffer) > 2**20:
        del buffer[len(buffer) // 2:]
    buffer.clear()


def release_kinds(records: Mapping[str, list[Any]]) -> None:
    """Empty every list of a by-kind mapping (and the mapping, when it can be)."""
    for rows in records.values():
        release_rows(rows)
    if isinstance(records, MutableMapping):
        records.clear()
