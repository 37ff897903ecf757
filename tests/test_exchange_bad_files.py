"""Bad account files are refused with the place named, and the book is never touched."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import gzip
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csdesk.exchange import container, schema
from csdesk.exchange.accountfile import export_accounts, parse_account_bytes, read_account_file
from csdesk.exchange.errors import AccountFileProblem
from csdesk.exchange.merge import apply_import, plan_import
from csdesk.playbook.records import HealthMetrics, ReadinessAssessment
from csdesk.store import transfer
from csdesk.store.book import open_book
from csdesk.store.repos.assessments import Vote
from tests.conftest import TODAY, dimensions_at, metrics_at
from tests.test_exchange_support import everything, write_document


def _small_book_document(forms: Any, folder: Path) -> dict[str, Any]:
    """One account with a little of everything, exported: the file the tests spoil."""
    with open_book(forms, folder / "source.sqlite3", today=lambda: TODAY) as source:
        acme = source.accounts.create({"name": "Acme", "licensed_users": 10})
        jo = source.stakeholders.add(acme.id, {"name": "Jo", "role": "CTO"})
        for days in (14, 7):
            source.snapshots.record(acme.id, TODAY - dt.timedelta(days=days),
                                    HealthMetrics(**metrics_at(75)))
        source.assessments.record(acme.id, TODAY, ReadinessAssessment(**dimensions_at(3)),
                                  [Vote("Jo", "budget_approval", 4, jo.id)])
        qbr = source.qbrs.add(acme.id, {"held_on": TODAY})
        source.actions.add(acme.id, {"title": "Follow up", "qbr_id": qbr.id})
        source.charters.update(acme.id, {"roadmap": "Q1: SSO"})
        export_accounts(source, None, folder / "acme.csdesk")
    return json.loads(container.unpack((folder / "acme.csdesk").read_bytes(), "x").document)


@pytest.fixture(scope="module")
def valid(forms, tmp_path_factory) -> dict[str, Any]:
    return _small_book_document(forms, tmp_path_factory.mktemp("valid"))


@pytest.fixture
def doc(valid) -> dict[str, Any]:
    return copy.deepcopy(valid)


@pytest.fixture
def other(book):
    """The colleague's book already holds an account of their own."""
    return book.accounts.create({"name": "Their own account"})


def refused(book, path: Path, passphrase: str | None = None) -> str:
    """Import the file; it must be refused, the book unchanged. Returns the message."""
    before = everything(book)
    with pytest.raises(AccountFileProblem) as caught:
        plan_import(book, read_account_file(path, passphrase))
    assert everything(book) == before
    return str(caught.value)


def test_the_valid_file_imports(book, other, doc, tmp_path):
    plan = plan_import(book, read_account_file(write_document(tmp_path / "ok.csdesk", doc)))
    apply_import(book, plan)
    assert book.accounts.find("Acme").licensed_users == 10


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"   \n", "is empty"),
    (b"hello, this is a letter", "is not a csdesk account file"),
    (b"\x89PNG\r\n\x1a\n....", "is not a csdesk account file"),
    (b"[1, 2, 3]", "is not a csdesk account file"),
    (b'{"format": "something-else", "version": 1}', 'has no "format": "csdesk-account-file"'),
    (b'{"version": 1}', 'has no "format": "csdesk-account-file"'),
    (b'{"format": "csdesk-account-file", "version": "one"}', '"one" is not a known'),
    (b'{"format": "csdesk-account-file", "version": 0}', "0 is not a known account file"),
    (b'{"format": "csdesk-account-file"', "is truncated or not valid JSON"),
    (b"{'format': 'csdesk-account-file'}", "is not valid JSON"),
    (container.MAGIC[:9], "is truncated"),
    (container.MAGIC + b"\x01\x01", "is truncated"),
    (b"\x1f\x8b\x08\x00", "is truncated"),
    (b"\x1f\x8bnot really gzip", "compressed data is damaged"),
    (gzip.compress(b"not json"), "is not a csdesk account file"),
    (gzip.compress(b'{"a": 1}') + b"trailing", "unexpected data after the compressed"),
])
def test_what_is_not_an_account_file_is_refused(book, tmp_path, content, message):
    path = tmp_path / "bad.csdesk"
    path.write_bytes(content)
    text = refused(book, path)
    assert message in text and str(path) in text


def test_a_missing_file_or_a_folder_is_refused(book, tmp_path):
    assert "no such file" in refused(book, tmp_path / "nowhere.csdesk")
    assert "is a folder" in refused(book, tmp_path)


def test_a_truncated_file_is_refused(book, doc, tmp_path):
    path = tmp_path / "whole.csdesk"
    path.write_bytes(container.pack(json.dumps(doc).encode()))
    data = path.read_bytes()
    for cut in (len(data) // 3, len(data) - 9):
        path.write_bytes(data[:cut])
        assert "is truncated" in refused(book, path)
    path.write_bytes(json.dumps(doc).encode()[:500])
    assert "is truncated or not valid JSON" in refused(book, path)


def test_a_file_from_a_newer_csdesk_says_so(book, doc, tmp_path):
    doc["version"] = 2
    doc["accounts"][0]["colour"] = "blue"  # newer fields: not reported as problems
    text = refused(book, write_document(tmp_path / "new.csdesk", doc))
    assert text == (f"{tmp_path / 'new.csdesk'}: was made by a newer csdesk (account file "
                    "format version 2; this csdesk reads version 1): update csdesk to "
                    "import it")


def test_an_encrypted_file_from_a_newer_csdesk_says_so(book, tmp_path):
    raw = bytearray(container.MAGIC + bytes([2, 1, 17, 8, 1]) + bytes(60))
    (tmp_path / "new.csdesk").write_bytes(bytes(raw))
    assert "encrypted by a newer csdesk" in refused(book, tmp_path / "new.csdesk", "x")


def test_a_forged_header_cannot_make_scrypt_eat_the_machine(book, tmp_path):
    raw = container.MAGIC + bytes([1, 1, 24, 8, 1]) + bytes(60)  # n = 2**24: 2 GiB
    (tmp_path / "forged.csdesk").write_bytes(raw)
    assert "scrypt parameters csdesk does not accept" in refused(
        book, tmp_path / "forged.csdesk", "x")


def test_values_out_of_range_are_named_by_record_and_field(book, doc, tmp_path):
    doc["snapshots"][1]["platform_adoption"] = 140
    doc["snapshots"][0]["recent_support_tickets"] = -1
    doc["accounts"][0]["plan_tier"] = "Gold"
    doc["votes"][0]["value"] = 6
    doc["assessments"][0]["budget_approval"] = "high"
    doc["accounts"][0]["licensed_users"] = 10**12
    text = refused(book, write_document(tmp_path / "bad.csdesk", doc))
    assert "snapshots[1].platform_adoption: 140 is above 100" in text
    assert "snapshots[0].recent_support_tickets: -1 is below 0" in text
    assert "accounts[0].plan_tier:" in text and "Gold" in text
    assert "votes[0].value: 6 is above 5" in text
    assert 'assessments[0].budget_approval: "high" is not a number' in text
    assert "accounts[0].licensed_users: 1000000000000 is above 2147483647" in text


def test_unknown_and_missing_fields_are_refused(book, doc, tmp_path):
    doc["accounts"][0]["colour"] = "blue"
    doc["accounts"][0]["platfrom_adoption"] = 1
    del doc["snapshots"][0]["as_of"]
    doc["stakeholders"][0]["naem"] = doc["stakeholders"][0].pop("name")
    doc["mood"] = "sunny"
    text = refused(book, write_document(tmp_path / "bad.csdesk", doc))
    assert "accounts[0].colour: is not a known field" in text
    assert "snapshots[0].as_of: is missing" in text
    assert "stakeholders[0].naem: is not a known field (did you mean name?)" in text
    assert "stakeholders[0].name: is missing" in text
    assert "mood: is not a known field" in text


def test_wrong_types_are_refused(book, doc, tmp_path):
    doc["accounts"] = {"not": "a list"}
    doc["snapshots"][0] = "a snapshot"
    doc["risks"] = [None]
    doc["audit"][0]["changes"] = {"name": [None, float("nan")]}
    text = json.dumps(doc).replace("NaN", "1e999")  # infinite once parsed
    (tmp_path / "bad.csdesk").write_text(text)
    message = refused(book, tmp_path / "bad.csdesk")
    assert "accounts: {...} is not a list" in message
    assert 'snapshots[0]: "a snapshot" is not an object' in message
    assert "risks[0]: null is not an object" in message
    assert "audit[0].changes.name[1]: is not a finite number" in message


def test_duplicate_ids_are_refused(book, doc, tmp_path):
    doc["snapshots"][1]["id"] = doc["snapshots"][0]["id"]
    doc["risks"].append(dict(doc["risks"][0]) if doc["risks"] else None)
    doc["votes"][0]["id"] = doc["accounts"][0]["id"]
    doc["risks"] = [r for r in doc["risks"] if r]
    text = refused(book, write_document(tmp_path / "bad.csdesk", doc))
    assert f"snapshots[1].id: {doc['snapshots'][0]['id']} is used twice (also by snapshots[0])" \
        in text
    assert "votes[0].id:" in text and "(also by accounts[0])" in text


def test_two_charters_for_one_account_are_refused(book, doc, tmp_path):
    doc["charters"].append({**doc["charters"][0], "id": str(uuid.uuid4())})
    text = refused(book, write_document(tmp_path / "bad.csdesk", doc))
    assert "charters[1]: the same charter as charters[0]" in text


def test_one_checklist_item_twice_under_two_ids_is_refused(book, doc, tmp_path):
    doc["checklist_items"].append({**doc["checklist_items"][2], "id": str(uuid.uuid4())})
    last = len(doc["checklist_items"]) - 1
    text = refused(book, write_document(tmp_path / "bad.csdesk", doc))
    assert (f"checklist_items[{last}]: the same checklist item as checklist_items[2] (same "
            "instance_id, section_id, item_id) under another id") in text


def test_references_to_records_nowhere_are_refused(book, other, doc, tmp_path):
    nowhere = str(uuid.uuid4())
    doc["snapshots"][0]["account_id"] = nowhere
    doc["votes"][0]["stakeholder_id"] = nowhere
    doc["actions"][0]["qbr_id"] = nowhere
    doc["stakeholders"][0]["account_id"] = str(other.id)  # in the book: fine
    doc["votes"][0]["stakeholder_id"] = nowhere
    text = refused(book, write_document(tmp_path / "bad.csdesk", doc))
    assert f"snapshots[0].account_id: no account {nowhere} in the file or in this book" in text
    assert f"votes[0].stakeholder_id: no stakeholder {nowhere}" in text
    assert f"actions[0].qbr_id: no QBR {nowhere}" in text
    assert "stakeholders[0]" not in text


def test_a_reference_across_accounts_is_refused(book, doc, tmp_path):
    second = {**doc["accounts"][0], "id": str(uuid.uuid4()), "name": "Other"}
    doc["accounts"].append(second)
    doc["qbrs"][0]["account_id"] = second["id"]
    text = refused(book, write_document(tmp_path / "bad.csdesk", doc))
    [index] = [i for i, a in enumerate(doc["actions"]) if a["qbr_id"]]
    assert f"actions[{index}].qbr_id: the QBR belongs to another account" in text


def test_values_this_books_playbook_does_not_know_are_refused(book, doc, tmp_path):
    doc["accounts"][0]["stage"] = "pilot"
    doc["accounts"][0]["indicators"] = ["likes_cake"]
    text = refused(book, write_document(tmp_path / "bad.csdesk", doc))
    assert "accounts[0].stage: 'pilot' is not one of discovery, evaluation" in text
    assert "accounts[0].indicators: 'likes_cake' is not one of" in text


def test_naive_times_and_text_over_the_limits_are_refused(book, doc, tmp_path):
    doc["accounts"][0]["created_at"] = "2026-01-01T10:00:00"
    doc["accounts"][0]["name"] = "x" * 201
    doc["accounts"][0]["notes"] = "y" * 20_001
    text = refused(book, write_document(tmp_path / "bad.csdesk", doc))
    assert 'accounts[0].created_at: "2026-01-01T10:00:00" has no time zone' in text
    assert "accounts[0].name: is longer than 200 characters" in text
    assert "accounts[0].notes: is longer than 20000 characters" in text


def test_many_problems_are_listed_up_to_a_limit(book, doc, tmp_path):
    snapshot = doc["snapshots"][0]
    doc["snapshots"] = [{**snapshot, "id": str(uuid.uuid4()), "feature_usage": 101}
                        for _ in range(schema.MAX_PROBLEMS + 20)]
    text = refused(book, write_document(tmp_path / "bad.csdesk", doc))
    assert text.count("is above 100") == schema.MAX_PROBLEMS
    assert text.endswith("... and 20 more problem(s)")


def test_a_huge_file_is_refused_before_it_is_read(book, tmp_path):
    path = tmp_path / "huge.csdesk"
    with path.open("wb") as fh:
        fh.truncate(schema.MAX_FILE_BYTES + 1)  # sparse: no disk space used
    assert "is larger than 1024 MiB" in refused(book, path)


def test_a_document_over_the_size_limit_is_refused(book, doc, tmp_path, monkeypatch):
    monkeypatch.setattr(schema, "MAX_DOCUMENT_BYTES", 2000)
    path = write_document(tmp_path / "big.csdesk", doc)
    assert "the document is larger than" in refused(book, path)


def test_too_many_records_are_refused(book, doc, tmp_path, monkeypatch):
    monkeypatch.setattr(schema, "MAX_RECORDS", 1)
    text = refused(book, write_document(tmp_path / "many.csdesk", doc))
    assert "snapshots: 2 records, more than the 1 a file may hold" in text


def test_deeply_nested_json_is_refused(book, tmp_path):
    deep = b'{"format": "csdesk-account-file", "version": 1, "accounts": ' + \
        b"[" * 100_000 + b"]" * 100_000 + b"}"
    (tmp_path / "deep.csdesk").write_bytes(deep)
    assert "nested too deeply" in refused(book, tmp_path / "deep.csdesk")


def test_a_compression_bomb_is_refused_without_inflating_it(book, tmp_path, monkeypatch):
    monkeypatch.setattr(schema, "MAX_DOCUMENT_BYTES", 10 * 2**20)
    bomb = gzip.compress(b"{" + b" " * (200 * 2**20) + b"}", compresslevel=9)
    assert len(bomb) < 300_000
    (tmp_path / "bomb.csdesk").write_bytes(bomb)
    assert "decompresses to more than 10 MiB" in refused(book, tmp_path / "bomb.csdesk")


def test_lone_surrogates_never_reach_the_database(book, doc, tmp_path):
    text = json.dumps(doc).replace('"Q1: SSO"', '"Q1: \\ud800"')
    (tmp_path / "bad.csdesk").write_text(text)
    assert "is not valid JSON" in refused(book, tmp_path / "bad.csdesk")


def test_a_nul_character_goes_where_the_database_can_keep_it(book, doc, tmp_path):
    doc["charters"][0]["roadmap"] = "Q1:\x00 SSO"
    path = write_document(tmp_path / "nul.csdesk", doc)
    if book.store.is_sqlite:  # SQLite keeps it, so a book holding one can hand it over
        apply_import(book, plan_import(book, read_account_file(path)))
        assert book.charters.get(book.accounts.find("Acme").id).roadmap == "Q1:\x00 SSO"
    else:
        assert "a PostgreSQL book cannot store" in refused(book, path)


# ------------------------------------------------------------------------------- fuzzing
def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(doc: dict[str, Any], path: tuple[Any, ...], action: str, new: Any) -> None:
    parent: Any = doc
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    if action == "drop":
        del parent[key]
    else:
        parent[key] = new


def all_rows(book) -> dict[str, list[dict[str, Any]]]:
    with transfer.records(book.store) as rs:
        return rs.records_of(None)


junk = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
                 st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30),
                 st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5),
                                                                      st.integers(),
                                                                      max_size=2))


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_fuzzed_files_only_ever_raise_the_clear_error(book, valid, data):
    """Mutated valid files (bytes flipped, keys dropped, types changed, compressed or
    not) either import or are refused with AccountFileProblem, nothing else; a refused
    file leaves the book as it was."""
    doc = copy.deepcopy(valid)
    paths = _paths(doc)
    for _ in range(data.draw(st.integers(0, 3), label="edits")):
        path = data.draw(st.sampled_from(paths), label="path")
        action = data.draw(st.sampled_from(["drop", "set"]), label="action")
        value = data.draw(junk, label="value")
        with contextlib.suppress(KeyError, IndexError, TypeError):
            _mutate(doc, path, action, value)  # unless an earlier edit removed the parent
        paths = _paths(doc)
    raw = json.dumps(doc, allow_nan=False).encode()
    if data.draw(st.booleans(), label="gzip"):
        raw = gzip.compress(raw)
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(raw) - 1), st.integers(1, 255)),
                               max_size=3), label="flips")
    spoiled = bytearray(raw)
    for at, bits in flips:
        spoiled[at] ^= bits
    before = all_rows(book)
    problems: list[str] = []
    try:
        plan = plan_import(book, parse_account_bytes(bytes(spoiled), "fuzzed.csdesk"))
        apply_import(book, plan, backup=False)  # what survives validation must fit the book
    except AccountFileProblem as exc:
        problems = exc.problems or [""]
    if problems:
        assert all(isinstance(p, str) and p for p in problems)
        assert all_rows(book) == before
