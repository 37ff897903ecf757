"""An account file's JSON document validated a slice at a time.

pydantic validates JSON in one call that holds the interpreter lock until it returns:
on a whole-book file (5,000 accounts with two years of history, ~0.5 GB of JSON) that
is many seconds in which the window, waiting for the lock, cannot repaint or take a
click. So a document laid out as csdesk writes it (``document_of`` then ``encode``: the
header, then every kind's list in ``schema.KINDS`` order, compact) is cut into pieces
found with plain byte searches: a *skeleton*, the document with each list emptied, and
runs of whole records of about ``SLICE_BYTES`` each (each record starts ``{"id":``). The
skeleton is validated as a ``Document`` and each run as a list of that kind's records;
between two runs the lock is free, progress is reported and Cancel is heard.

The pieces partition the bytes: when each is valid, the whole is the same valid JSON
with the same values, so the result is what one call would give. When any piece fails
(a file with a problem, or laid out differently: hand-edited, whitespace, a nested
``{"id":`` in an audit value), the whole document is validated again in one call, so a
file's problems are always named as that one call names them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from pydantic import TypeAdapter, ValidationError

from csdesk.exchange import schema
from csdesk.exchange.errors import Progress, Ticker

SLICE_BYTES = 256 * 1024  # ~3 ms of validation: the window never waits longer for the lock
FIND_STEP = 8 * 2**20  # bytes searched per call by ``find`` (a few milliseconds)
_RECORD_START = b'},{"id":'


@functools.cache
def _records_adapter(kind: str) -> TypeAdapter[list[Any]]:
    model = schema.RECORD_MODELS[kind]
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def validate_document(document: bytes | bytearray,
                      progress: Progress | None = None) -> dict[str, Any]:
    """The document validated, as ``schema.document_adapter().validate_json(document)``
    gives it (and raising its ``ValidationError``). ``progress(done, total)`` counts
    bytes; returning False raises ``Cancelled``."""
    tick = Ticker(progress, len(document))
    lists = _lists(document)
    if lists is not None:
        try:
            return _by_slices(document, lists, tick)
        except ValidationError:
            pass  # a problem, or not csdesk's layout: the one call below names it
    doc: dict[str, Any] = dict(schema.document_adapter().validate_json(document))
    tick.finish()
    return doc


def find(document: bytes | bytearray, needle: bytes, start: int = 0) -> int:
    """``document.find(needle, start)``, searched ``FIND_STEP`` bytes per call: one search
    through half a gigabyte holds the interpreter lock for a tenth of a second."""
    overlap = len(needle) - 1
    while start < len(document):
        end = start + FIND_STEP
        at = document.find(needle, start, end + overlap)
        if at >= 0:
            return at
        start = end
    return document.find(needle, start)  # (an empty needle at the end)


def _lists(document: bytes | bytearray) -> list[tuple[str, int, int]] | None:
    """Each kind's list as (kind, first byte of its content, end of its content), when
    the document is laid out as csdesk writes it; else None."""
    found: list[tuple[str, int]] = []
    at = 0
    for kind in schema.KINDS:
        key = b',"' + kind.encode() + b'":['
        at = find(document, key, at)
        if at < 0:
            return None
        at += len(key)
        found.append((kind, at))
    if not document.endswith(b"]}"):
        return None
    ends = [start - len(kind) - 6 for kind, start in found[1:]] + [len(document) - 2]
    lists = [(kind, start, end) for (kind, start), end in zip(found, ends, strict=True)]
    if any(end < start or document[end:end + 1] != b"]" for _kind, start, end in lists):
        return None
    return lists


def _by_slices(document: bytes | bytearray, lists: list[tuple[str, int, int]],
               tick: Ticker) -> dict[str, Any]:
    parts, previous = [], 0
    for _kind, start, end in lists:
        parts.append(document[previous:start])
        previous = end
    parts.append(document[previous:])
    skeleton = b"".join(parts)
    doc: dict[str, Any] = dict(schema.document_adapter().validate_json(skeleton))
    for kind in schema.KINDS:  # a kind twice in the skeleton: not csdesk's layout
        if doc.get(kind) != [] or skeleton.count(b'"' + kind.encode() + b'":[') != 1:
            return dict(schema.document_adapter().validate_json(document))
    tick(len(skeleton))
    for kind, start, end in lists:
        adapter = _records_adapter(kind)
        rows: list[Any] = []
        for first, last in _slices(document, start, end):
            rows.extend(adapter.validate_json(b"[" + document[first:last] + b"]"))
            tick(last - first + 1)
        doc[kind] = rows
    tick.finish()
    return doc


def _slices(document: bytes | bytearray, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Runs of whole records in ``document[start:end]``, ``SLICE_BYTES`` or so each."""
    first = start
    while first < end:
        cut = document.find(_RECORD_START, first + SLICE_BYTES, end)
        last = end if cut < 0 else cut + 1  # after the record's closing brace
        yield first, last
        first = last + 1  # past the comma
