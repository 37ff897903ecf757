"""The account file format matches the store it carries and the page that documents it."""

from __future__ import annotations

import datetime as dt
import re
import typing
from pathlib import Path

import pytest
from pydantic import TypeAdapter
from sqlalchemy import String

from csdesk.exchange import container, schema
from csdesk.exchange.accountfile import document_of, encode, parse_account_bytes
from csdesk.playbook.records import READINESS_DIMENSIONS
from csdesk.store import inputs, transfer
from tests.test_exchange_support import fill_account

EXPORTED = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.UTC)
DOC = Path(__file__).resolve().parent.parent / "docs" / "account-file-format.md"


def test_every_kind_of_record_of_the_store_travels_in_the_file():
    assert tuple(transfer.KINDS) == schema.KINDS
    for kind in schema.KINDS:
        assert schema.fields_of(kind) == transfer.columns(kind), kind
        assert schema.fields_of(kind)[0] == "id"
        assert schema.fields_of(kind)[-2:] == ("created_at", "updated_at")


@pytest.mark.parametrize("kind", schema.KINDS)
def test_no_text_the_file_accepts_is_too_long_for_the_store(kind):
    table = transfer.table(kind)
    hints = typing.get_type_hints(schema.RECORD_MODELS[kind], include_extras=True)
    for name, hint in hints.items():
        column_type = table.c[name].type
        if not isinstance(column_type, String) or column_type.length is None:
            continue
        choices = typing.get_args(hint) if typing.get_origin(hint) is typing.Literal else ()
        assert all(len(c) <= column_type.length for c in choices), (kind, name)
        too_long = "x" * (column_type.length + 1)
        with pytest.raises(ValueError, match=r"at most|Input should be"):
            TypeAdapter(hint).validate_python(too_long, strict=True)


def test_the_choices_are_the_stores():
    hints = {k: typing.get_type_hints(m) for k, m in schema.RECORD_MODELS.items()}
    assert typing.get_args(hints["risks"]["status"]) == inputs.RISK_STATUSES
    assert typing.get_args(hints["actions"]["status"]) == inputs.ACTION_STATUSES
    assert typing.get_args(hints["checklist_items"]["state"]) == inputs.CHECK_STATES
    assert typing.get_args(hints["opportunities"]["status"]) == inputs.OPPORTUNITY_STATUSES
    assert typing.get_args(hints["votes"]["dimension"]) == READINESS_DIMENSIONS


def test_the_documented_example_is_a_valid_file():
    [example] = re.findall(r"```json\n(.*?)\n```", DOC.read_text(encoding="utf-8"), re.S)
    parsed = parse_account_bytes(example.encode(), "the example")
    assert parsed.accounts[0]["name"] == "Acme Logistics"
    assert parsed.counts()["snapshots"] == 1


def test_the_documented_limits_are_the_codes():
    text = DOC.read_text(encoding="utf-8")
    assert schema.MAX_FILE_BYTES == schema.MAX_DOCUMENT_BYTES == 2**30
    assert "| file size on disk | 1 GiB |" in text
    assert f"| accounts per file | {schema.MAX_ACCOUNTS:,} |" in text
    assert f"| records of one kind per file | {schema.MAX_RECORDS:,} |" in text
    assert f"`{container.MAGIC.decode().strip()}\\n`" in text
    assert container.HEADER_BYTES == 50 and "The 50 header bytes" in text
    assert (container.SCRYPT_LOG2_N, container.SCRYPT_R, container.SCRYPT_P) == (17, 8, 1)


def test_the_quick_way_sqlite_is_read_writes_the_same_json(book):
    """On SQLite an export turns stored text into the file's text directly; it must
    write exactly what converting through Python values writes."""
    fill_account(book, weeks=3)
    book.accounts.create({"name": "Bare", "notes": "Ünïcödé ✓", "indicators": []})
    with transfer.records(book.store) as rs:
        quick = encode(document_of(rs.records_for_file(None), "me", EXPORTED))
        generic = encode(document_of(rs.records_of(None), "me", EXPORTED))
    assert quick == generic
