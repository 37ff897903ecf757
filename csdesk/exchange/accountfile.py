"""Export accounts to a .csdesk file and read one back, validated whole.

``export_accounts`` writes the file atomically. ``read_account_file`` checks everything
the file alone can tell (container, JSON, every field of every record, duplicate ids,
references between its records) and returns a ``ParsedFile``; ``merge.plan_import``
then checks it against a book.
"""

from __future__ import annotations

import datetime as dt
import gc
import operator
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic_core
from pydantic import ValidationError

from csdesk import __version__
from csdesk.errors import InputProblem
from csdesk.exchange import container, document_reader, schema
from csdesk.exchange.document_reader import validate_document
from csdesk.exchange.errors import AccountFileProblem, Progress, Ticker
from csdesk.exchange.files import read_bounded, write_bytes_atomically
from csdesk.exchange.release import release_buffer, release_kinds, release_set
from csdesk.playbook.inputs import describe_error
from csdesk.store import transfer
from csdesk.store.book import Book

Row = dict[str, Any]


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    counts: dict[str, int]  # records written, by kind
    size: int  # bytes
    encrypted: bool

    @property
    def accounts(self) -> int:
        return self.counts.get("accounts", 0)


@dataclass
class ParsedFile:
    """A validated account file: its header and every record, by kind."""

    label: str  # how problems name the file
    exported_at: dt.datetime
    exported_by: str
    csdesk_version: str
    records: dict[str, list[Row]]
    encrypted: bool = False
    compressed: bool = False
    account_names: dict[uuid.UUID, str] = field(default_factory=dict)
    nul_at: int | None = None  # where text holds a NUL character (SQLite keeps one)

    @property
    def accounts(self) -> list[Row]:
        return self.records["accounts"]

    def counts(self) -> dict[str, int]:
        return {kind: len(rows) for kind, rows in self.records.items()}


# ------------------------------------------------------------------------------- export
def document_of(records: Mapping[str, Sequence[Mapping[str, Any]]], exported_by: str,
                exported_at: dt.datetime | None = None) -> dict[str, Any]:
    """The JSON-ready document for records read from the store, fields in format order."""
    doc: dict[str, Any] = {
        "format": schema.FORMAT,
        "version": schema.VERSION,
        "exported_at": (exported_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC),
        "exported_by": exported_by[:200],
        "csdesk_version": __version__,
    }
    for kind in schema.KINDS:
        names = schema.fields_of(kind)
        rows = records.get(kind, ())
        in_order = not rows or tuple(rows[0]) == names  # the store reads them in order
        doc[kind] = list(rows) if in_order else [{n: r[n] for n in names} for r in rows]
    return doc


ENCODE_ROWS = 1000  # records per to_json call (see encode)
_ID_SLICE = 50_000  # ids hashed per call while checking a file (see check_records)


def encode(document: Mapping[str, Any]) -> bytes:
    """``pydantic_core.to_json(document)``, byte for byte (see ``encode_parts``)."""
    return b"".join(encode_parts(document))


def encode_parts(document: Mapping[str, Any]) -> list[bytes]:
    """``pydantic_core.to_json(document)`` in parts, made a thousand records at a time:
    the serialiser holds the GIL while it runs, and on a 5,000-account book one call
    would stop every other thread (the window's) for many seconds."""
    parts = [b"{"]
    for n, (key, value) in enumerate(document.items()):
        parts.append(b"," if n else b"")
        parts.append(pydantic_core.to_json(key) + b":")
        if isinstance(value, list) and len(value) > ENCODE_ROWS:
            parts.append(b"[")
            for i in range(0, len(value), ENCODE_ROWS):
                if i:
                    parts.append(b",")
                parts.append(pydantic_core.to_json(value[i:i + ENCODE_ROWS])[1:-1])
            parts.append(b"]")
        else:
            parts.append(pydantic_core.to_json(value))
    parts.append(b"}")
    return parts


def export_accounts(book: Book, account_ids: Iterable[uuid.UUID] | None, target: Path | str,
                    passphrase: str | None = None,
                    progress: Progress | None = None) -> ExportSummary:
    """Write these accounts (all of them when None), with everything the book holds for
    them, to ``target``: atomically, compressed, and encrypted when a passphrase is
    given. ``progress(done, total)`` returning False cancels (raises ``Cancelled``)
    before anything is written."""
    target = Path(target)
    if passphrase is not None:
        container.check_passphrase(passphrase)
    ids = None if account_ids is None else list(dict.fromkeys(account_ids))
    with transfer.records(book.store) as rs:
        if ids is not None:
            known = rs.existing_ids("accounts", ids)
            missing = [str(i) for i in ids if i not in known]
            if missing:
                raise InputProblem([f"no account with id {i} in this book" for i in missing])
        ticker = Ticker(progress, rs.count_of(ids) + 1)
        ticker()
        records = rs.records_for_file(ids, ticker)
    counts = {k: len(v) for k, v in records.items()}
    try:
        data = container.pack_parts(encode_parts(document_of(records, book.store.actor)),
                                    passphrase)
    finally:
        release_kinds(records)
    ticker.finish()  # the last moment to cancel: nothing written yet
    write_bytes_atomically(target, data)
    return ExportSummary(target, counts, len(data), passphrase is not None)


# -------------------------------------------------------------------------------- read
def read_account_file(path: Path | str, passphrase: str | None = None,
                      progress: Progress | None = None) -> ParsedFile:
    """Read and validate a .csdesk file. Raises ``AccountFileProblem`` (``PassphraseNeeded``
    for an encrypted file without a passphrase) naming every problem found and where.
    ``progress(done, total)`` follows the validation; returning False raises
    ``Cancelled``."""
    path = Path(path)
    try:
        raw = read_bounded(path, schema.MAX_FILE_BYTES, "csdesk account file")
    except AccountFileProblem:
        raise
    except InputProblem as exc:
        raise AccountFileProblem(exc.problems) from None
    return parse_account_bytes(raw, str(path), passphrase, progress)


def file_is_encrypted(path: Path | str) -> bool:
    """Whether the file is an encrypted account file (so a passphrase must be asked)."""
    try:
        with Path(path).open("rb") as fh:
            return container.is_encrypted(fh.read(len(container.MAGIC)))
    except OSError:
        return False


_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")  # an escaped NUL, not an escaped backslash


def parse_account_bytes(raw: bytes, label: str, passphrase: str | None = None,
                        progress: Progress | None = None) -> ParsedFile:
    unpacked = container.unpack(raw, label, passphrase)
    try:
        nul_at = None
        if document_reader.find(unpacked.document, b"\\u0000") >= 0:
            found = _NUL.search(unpacked.document)
            nul_at = None if found is None else found.end() - 6
        with gc_paused():
            doc = validate_document(unpacked.document, progress)
    except ValidationError as exc:
        raise AccountFileProblem(describe_document_errors(exc, label)) from None
    except RecursionError:
        raise AccountFileProblem([f"{label}: the JSON is nested too deeply"]) from None
    finally:
        if isinstance(unpacked.document, bytearray):  # ours alone: decompressed here
            release_buffer(unpacked.document)
    records: dict[str, list[Row]] = {k: doc.get(k, []) for k in schema.KINDS}
    problems = check_records(records, label)
    if problems:
        raise AccountFileProblem(limit_problems(problems))
    return ParsedFile(
        label=label, exported_at=doc["exported_at"], exported_by=doc["exported_by"],
        csdesk_version=doc["csdesk_version"], records=records, encrypted=unpacked.encrypted,
        compressed=unpacked.compressed, nul_at=nul_at,
        account_names={a["id"]: a["name"] for a in records["accounts"]})


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a million acyclic records are made."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def limit_problems(problems: list[str]) -> list[str]:
    if len(problems) <= schema.MAX_PROBLEMS:
        return problems
    more = len(problems) - schema.MAX_PROBLEMS
    return [*problems[:schema.MAX_PROBLEMS], f"... and {more} more problem(s)"]


def path_of(loc: Sequence[Any]) -> str:
    """('snapshots', 3, 'platform_adoption') -> 'snapshots[3].platform_adoption'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _tame(err: Mapping[str, Any]) -> dict[str, Any]:
    """The error with a large input replaced: messages never dump a whole list."""
    tamed = dict(err)
    value = tamed.get("input")
    if isinstance(value, dict):
        tamed["input"] = "{...}"
    elif isinstance(value, list):
        tamed["input"] = "[...]"
    elif isinstance(value, str) and len(value) > 60:
        tamed["input"] = value[:57] + "..."
    elif isinstance(value, bytes):
        tamed["input"] = "<bytes>"
    return tamed


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) and value in ("{...}", "[...]") else (
        pydantic_core.to_json(value, fallback=repr).decode())
    return text if len(text) <= 40 else text[:37] + "..."


_TYPE_WORDS = {
    "uuid_parsing": "is not a UUID", "uuid_type": "is not a UUID",
    "date_parsing": "is not a date (YYYY-MM-DD)", "date_type": "is not a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "is not a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "is not a date (YYYY-MM-DD)",
    "datetime_parsing": "is not a date and time (ISO 8601)",
    "datetime_from_date_parsing": "is not a date and time (ISO 8601)",
    "datetime_type": "is not a date and time (ISO 8601)",
    "timezone_aware": "has no time zone (write it in UTC, ending in Z)",
    "bool_type": "is not true or false", "bool_parsing": "is not true or false",
    "dict_type": "is not an object", "typed_dict_type": "is not an object",
    "model_type": "is not an object", "none_required": "must be null",
    "list_type": "is not a list", "string_type": "is not text",
}


def explain(err: Mapping[str, Any], known: list[str]) -> str:
    """One validation error in words, without its place."""
    kind = err.get("type", "")
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "literal_error":
        return f"{_shown(value)} is not one of {ctx.get('expected', '')}"
    if kind in _TYPE_WORDS:
        return f"{_shown(value)} {_TYPE_WORDS[kind]}"
    if kind == "too_long":
        return f"has more than {ctx.get('max_length')} items"
    if kind == "too_short":
        return f"has fewer than {ctx.get('min_length')} items"
    return describe_error(err, known)


def _json_problem(err: Mapping[str, Any], label: str) -> str:
    detail = str((err.get("ctx") or {}).get("error", err.get("msg", "")))
    if "recursion limit" in detail:
        return (f"{label}: the JSON is nested too deeply (more than {schema.MAX_DEPTH} "
                "levels; an account file needs five)")
    if "EOF while parsing" in detail:
        return f"{label}: is truncated or not valid JSON ({detail})"
    return f"{label}: is not valid JSON ({detail})"


def _header_problems(errors: Sequence[Mapping[str, Any]], label: str) -> list[str]:
    by_field = {e["loc"][0]: e for e in errors if len(e["loc"]) == 1
                and e["loc"][0] in ("format", "version")}
    if "format" in by_field:
        return [f'{label}: is not a csdesk account file (it has no "format": '
                f'"{schema.FORMAT}")']
    err = by_field.get("version")
    if err is None:
        return []
    value = err.get("input")
    if isinstance(value, int) and not isinstance(value, bool) and value > schema.VERSION:
        return [f"{label}: was made by a newer csdesk (account file format version {value}; "
                f"this csdesk reads version {schema.VERSION}): update csdesk to import it"]
    if err["type"] == "missing":
        return [f"{label}: version: is missing (the format version of the file)"]
    return [f"{label}: version: {pydantic_core.to_json(value).decode()[:40]} is not a known "
            f"account file format version (this csdesk reads version {schema.VERSION})"]


def describe_document_errors(exc: ValidationError, label: str) -> list[str]:
    errors = exc.errors(include_url=False)
    for err in errors:
        if err["type"] == "json_invalid":
            return [_json_problem(err, label)]
        if not err["loc"]:
            return [f"{label}: is not a csdesk account file (the JSON is not an object)"]
    header = _header_problems(errors, label)
    if header:
        return header
    lines = []
    for err in errors[:schema.MAX_PROBLEMS]:
        loc = err["loc"]
        known = list(schema.fields_of(loc[0])) if loc and loc[0] in schema.RECORD_MODELS else (
            ["format", "version", "exported_at", "exported_by", "csdesk_version",
             *schema.KINDS])
        lines.append(f"{label}: {path_of(loc)}: {explain(_tame(err), known)}")
    more = exc.error_count() - len(lines)
    if more > 0:
        lines.append(f"... and {more} more problem(s)")
    return lines


# ------------------------------------------------------------------ checks beyond fields
_UNIQUE_KEYS = {"charters": ("account_id",),
                "checklists": ("account_id", "checklist_id", "qbr_id"),
                "checklist_items": ("instance_id", "section_id", "item_id"),
                "workshop_blocks": ("workshop_id", "block_id"),
                "workshop_votes": ("participant_id", "dimension"),
                "workshop_notes": ("workshop_id", "topic")}


def check_records(records: Mapping[str, Sequence[Row]], label: str) -> list[str]:
    """What the file alone can tell beyond each record's fields: counts, duplicate ids,
    one charter per account, one checklist per account/QBR, references between records
    of the file that cross accounts."""
    problems: list[str] = []
    for kind, rows in records.items():
        limit = schema.MAX_ACCOUNTS if kind == "accounts" else schema.MAX_RECORDS
        if len(rows) > limit:
            problems.append(f"{label}: {kind}: {len(rows):,} records, more than the "
                            f"{limit:,} a file may hold")
    if problems:
        return problems
    # A million ids: first only whether any repeats, by their numbers (hashing a UUID
    # runs Python code, hashing its int does not); where and which only if one does.
    # Hashed and let go a slice at a time: one set() call held the lock ~0.3 s, and
    # freeing the million ints at once another ~0.1 s.
    distinct: set[int] = set()
    for rows in records.values():
        for start in range(0, len(rows), _ID_SLICE):
            distinct.update([row["id"].int for row in rows[start:start + _ID_SLICE]])
    repeated = len(distinct) != sum(map(len, records.values()))
    release_set(distinct)
    if repeated:
        seen: dict[uuid.UUID, tuple[str, int]] = {}
        for kind, rows in records.items():
            for index, row in enumerate(rows):
                first = seen.setdefault(row["id"], (kind, index))
                if first != (kind, index):
                    problems.append(f"{label}: {kind}[{index}].id: {row['id']} is used "
                                    f"twice (also by {first[0]}[{first[1]}])")
    for kind, key in _UNIQUE_KEYS.items():
        rows = records[kind]
        get = operator.itemgetter(*key)
        keys: set[Any] = set()
        for start in range(0, len(rows), _ID_SLICE):  # as for the ids above
            keys.update(map(get, rows[start:start + _ID_SLICE]))
        repeated = len(keys) != len(rows)
        release_set(keys)
        if not repeated:
            continue
        firsts: dict[tuple[Any, ...], int] = {}
        for index, row in enumerate(rows):
            at = firsts.setdefault(tuple(row[k] for k in key), index)
            if at != index:
                problems.append(f"{label}: {kind}[{index}]: the same {schema.SINGULAR[kind]} "
                                f"as {kind}[{at}] (same {', '.join(key)}) under another id")
    account_of = {kind: {r["id"]: r["account_id"] for r in records[kind]}
                  for kind in ("qbrs", "stakeholders", "assessments")}
    for kind in ("checklists", "actions"):
        for index, row in enumerate(records[kind]):
            owner = account_of["qbrs"].get(row["qbr_id"])
            if owner is not None and owner != row["account_id"]:
                problems.append(f"{label}: {kind}[{index}].qbr_id: the QBR belongs to "
                                "another account")
    for index, row in enumerate(records["votes"]):
        owner = account_of["stakeholders"].get(row["stakeholder_id"])
        assessed = account_of["assessments"].get(row["assessment_id"])
        if owner is not None and assessed is not None and owner != assessed:
            problems.append(f"{label}: votes[{index}].stakeholder_id: the stakeholder "
                            "belongs to another account than the assessment")
    return problems
