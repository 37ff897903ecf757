"""An account file's JSON is written a thousand records at a time (so the window keeps
breathing on a big book), and is byte for byte what one call would write."""

from __future__ import annotations

import datetime as dt
import uuid

import pydantic_core
import pytest

from csdesk.exchange import accountfile, container
from csdesk.exchange.errors import AccountFileProblem


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
    monkeypatch.setattr(container, "FEED_STEP", 97)
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


@pytest.mark.parametrize("feed", [1, 97, 2**20])
def test_input_given_a_step_at_a_time_still_finds_what_follows_or_is_missing(
        monkeypatch: pytest.MonkeyPatch, feed: int) -> None:
    """Whatever the step, data after the document and a file cut short are refused."""
    monkeypatch.setattr(container, "FEED_STEP", feed)
    monkeypatch.setattr(container, "INFLATE_STEP", 512)
    whole = b'{"format": "csdesk-accounts", "rows": [' + b"1, " * 3000 + b"2]}"
    packed = container.pack(whole)
    assert container.unpack(packed, "ok.csdesk").document == whole
    for extra in (b"x", b"trailing" * 100):
        with pytest.raises(AccountFileProblem, match="unexpected data after"):
            container.unpack(packed + extra, "more.csdesk")
    with pytest.raises(AccountFileProblem, match="is truncated"):
        container.unpack(packed[:-9], "cut.csdesk")
