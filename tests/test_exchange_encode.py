"""An account file's JSON is written a thousand records at a time (so the window keeps
breathing on a big book), and is byte for byte what one call would write."""

from __future__ import annotations

import datetime as dt
import uuid

import pydantic_core
import pytest

from csdesk.exchange import accountfile, container


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


def test_a_big_document_is_packed_and_unpacked_in_parts_to_the_same_bytes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Compressed part by part, and decompressed a step at a time into one buffer,
    never joined whole: the same file, and the same document read back."""
    monkeypatch.setattr(accountfile, "ENCODE_ROWS", 50)
    monkeypatch.setattr(container, "INFLATE_STEP", 4096)
    document = {"format": "csdesk-accounts", "version": 1,
                "snapshots": [{"id": str(uuid.UUID(int=i)), "score": i / 7, "note": "ok"}
                              for i in range(2000)]}
    parts = accountfile.encode_parts(document)
    assert len(parts) > 40
    whole = b"".join(parts)
    assert whole == pydantic_core.to_json(document)
    packed = container.pack_parts(parts)
    assert packed == container.pack(whole) and packed.startswith(container.GZIP_MAGIC)
    unpacked = container.unpack(packed, "big.csdesk")
    assert unpacked.compressed and unpacked.document == whole
