"""An account file's JSON is written a thousand records at a time (so the window keeps
breathing on a big book), and is byte for byte what one call would write."""

from __future__ import annotations

import datetime as dt
import uuid

import pydantic_core
import pytest

from csdesk.exchange import accountfile


@pytest.mark.parametrize("rows", [0, 1, 3, 7, 8])
def test_encoding_in_chunks_writes_the_same_bytes(monkeypatch: pytest.MonkeyPatch,
                                                  rows: int) -> None:
    monkeypatch.setattr(accountfile, "ENCODE_ROWS", 3)
    document = {
        "format": "csdesk-accounts", "version": 1,
        "exported_at": dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.UTC),
        "accounts": [{"id": uuid.UUID(int=i), "name": f"Zoë \"{i}\" ✓", "arr": i * 1.5,
                      "tags": ["a", None], "on": dt.date(2026, 1, 1 + i)}
                     for i in range(rows)],
        "snapshots": [],
    }
    assert accountfile.encode(document) == pydantic_core.to_json(document)
