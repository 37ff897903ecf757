"""A big account file is validated a slice at a time, so the window keeps the
interpreter between slices, and the result is always what one validation gives."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from csdesk.exchange import document_reader, schema
from csdesk.exchange.accountfile import (
    document_of,
    encode,
    parse_account_bytes,
    read_account_file,
)
from csdesk.exchange.errors import AccountFileProblem, Cancelled
from csdesk.store import transfer
from csdesk.store.book import Book
from tests.test_exchange_support import fill_account

EXPORTED = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def written(book: Book) -> bytes:
    """Two accounts' document, as csdesk writes it."""
    fill_account(book, weeks=12)
    fill_account(book, name="Globex", weeks=9)
    with transfer.records(book.store) as rs:
        return encode(document_of(rs.records_of(None), "Dana (CSM)", EXPORTED))


@pytest.fixture
def small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document_reader, "SLICE_BYTES", 300)  # many slices, few records


def one_call(document: bytes) -> dict[str, Any]:
    return dict(schema.document_adapter().validate_json(document))


@pytest.mark.usefixtures("small_slices")
@pytest.mark.parametrize("step", [1, 5, 7, 64])
def test_a_search_in_steps_finds_what_one_search_finds(
        monkeypatch: pytest.MonkeyPatch, step: int) -> None:
    """Even a needle cut by a step's end is found, at its first place."""
    monkeypatch.setattr(document_reader, "FIND_STEP", step)
    text = bytearray(b"....,\"snapshots\":[..,\"snapshots\":[" + b"." * 50 + b"\\u0000")
    for needle in (b',"snapshots":[', b"\\u0000", b"missing", b"."):
        for start in (0, 3, 9, len(text)):
            assert document_reader.find(text, needle, start) == text.find(needle, start)


def test_csdesks_own_file_is_read_in_slices_to_the_same_records(written: bytes) -> None:
    seen: list[tuple[int, int]] = []
    doc = document_reader.validate_document(written, lambda done, total: seen.append(
        (done, total)) is None)
    assert doc == one_call(written)
    assert len(doc["snapshots"]) == 21
    assert len(seen) > 10, "validated in one go: the window would wait for all of it"
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[-1] == (len(written), len(written))


@pytest.mark.usefixtures("small_slices")
def test_a_file_laid_out_by_hand_reads_the_same(written: bytes) -> None:
    pretty = json.dumps(json.loads(written), indent=2, ensure_ascii=False).encode()
    assert document_reader.validate_document(pretty) == one_call(written)


@pytest.mark.usefixtures("small_slices")
def test_an_audit_value_that_looks_like_a_record_start_is_no_cut(written: bytes) -> None:
    doc = json.loads(written)
    doc["audit"][0]["changes"] = {"timeline": [[{"id": "a"}, {"id": "b"}], []]}
    document = encode(doc)
    assert b'},{"id":' in document[document.index(b'"audit":['):]
    assert document_reader.validate_document(document) == one_call(document)


@pytest.mark.usefixtures("small_slices")
def test_a_bad_record_deep_in_a_list_is_named_as_one_validation_names_it(
        written: bytes) -> None:
    doc = json.loads(written)
    doc["snapshots"][17]["system_uptime"] = 140
    document = encode(doc)
    with pytest.raises(ValidationError) as sliced:
        document_reader.validate_document(document)
    with pytest.raises(ValidationError) as whole:
        one_call(document)
    assert sliced.value.errors() == whole.value.errors()
    with pytest.raises(AccountFileProblem) as problem:
        parse_account_bytes(document, "acme.csdesk")
    assert problem.value.problems == [
        "acme.csdesk: snapshots[17].system_uptime: 140 is above 100"]


@pytest.mark.usefixtures("small_slices")
def test_a_list_given_twice_is_read_as_one_validation_reads_it(written: bytes) -> None:
    document = written[:-1] + b',"qbrs":[]}'
    assert document_reader.validate_document(document) == one_call(document)


@pytest.mark.usefixtures("small_slices")
def test_cancel_while_a_big_file_is_checked_stops_the_reading(
        written: bytes, tmp_path: Path) -> None:
    path = tmp_path / "book.csdesk"
    path.write_bytes(written)
    calls: list[int] = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return len(calls) < 5  # the CSM presses Cancel during the check

    with pytest.raises(Cancelled):
        read_account_file(path, progress=progress)
    assert len(calls) == 5
