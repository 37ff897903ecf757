"""Whole accounts in and out of the store: the SQL side of account files.

The exchange layer (``csdesk.exchange``) names record kinds (``"accounts"``,
``"snapshots"``, ...) and hands rows around as plain dicts of column values (UUIDs,
dates, timezone-aware datetimes, lists); it never sees SQL. This module reads every
record of some accounts, looks records up by id, and writes a merge in one transaction.

Imported rows are written with Core statements, not ORM objects: they carry their own
ids, created/updated times and audit trail, so the import itself adds no audit entries
(importing the same file twice changes nothing; a round trip gives the same document).
The accounts' cached pointers to their newest snapshots and assessment are recomputed
in the same transaction, exactly as the repositories order them.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import operator
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence, Sized
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ColumnElement,
    Date,
    Float,
    Integer,
    String,
    Table,
    Update,
    Uuid,
    bindparam,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from csdesk.store.engine import Store
from csdesk.store.orm import (
    Account,
    ActionItem,
    AuditEntry,
    Charter,
    ChecklistInstance,
    ChecklistItemState,
    HealthSnapshot,
    Opportunity,
    Qbr,
    ReadinessAssessment,
    ReadinessVote,
    RiskEntry,
    Stakeholder,
    Workflow,
    Workshop,
    WorkshopBlock,
    WorkshopNote,
    WorkshopParticipant,
    WorkshopVote,
)
from csdesk.store.orm.base import Base, UTCDateTime
from csdesk.store.summary import refresh_summary

Row = dict[str, Any]

# Every kind of record an account holds, in an order that satisfies the foreign keys
# (parents before children): the order rows are inserted in.
KINDS: dict[str, type[Base]] = {
    "accounts": Account,
    "stakeholders": Stakeholder,
    "qbrs": Qbr,
    "charters": Charter,
    "checklists": ChecklistInstance,
    "checklist_items": ChecklistItemState,
    "workflows": Workflow,
    "risks": RiskEntry,
    "actions": ActionItem,
    "opportunities": Opportunity,
    "snapshots": HealthSnapshot,
    "assessments": ReadinessAssessment,
    "votes": ReadinessVote,
    "workshops": Workshop,
    "workshop_blocks": WorkshopBlock,
    "workshop_participants": WorkshopParticipant,
    "workshop_votes": WorkshopVote,
    "workshop_notes": WorkshopNote,
    "audit": AuditEntry,
}

# Caches the store recomputes; they never travel in a file: the pointers to the newest
# history rows and the portfolio's summary of them (``csdesk.store.summary``).
POINTER_COLUMNS = frozenset({"latest_snapshot_id", "previous_snapshot_id",
                             "latest_assessment_id", "latest_score", "latest_status",
                             "latest_as_of", "latest_next_review", "previous_score",
                             "readiness_level", "open_risks"})

# Kinds reached through a parent rather than an ``account_id`` column of their own.
THROUGH = {"checklist_items": ("instance_id", "checklists"),
           "votes": ("assessment_id", "assessments"),
           "workshop_blocks": ("workshop_id", "workshops"),
           "workshop_participants": ("workshop_id", "workshops"),
           "workshop_votes": ("workshop_id", "workshops"),
           "workshop_notes": ("workshop_id", "workshops")}

_COMMON = ("id", "created_at", "updated_at")
CHUNK = 500  # ids per IN (...) list: far below every database's limit on parameters

Tick = Callable[[int], None]
_RELEASE_SLICE = 5_000  # records freed at once (as csdesk.exchange.release does)


def table(kind: str) -> Table:
    t = KINDS[kind].__table__
    assert isinstance(t, Table)
    return t


def columns(kind: str) -> tuple[str, ...]:
    """The columns a record of this kind carries in a file: the id, the record's own
    columns in table order, then created_at and updated_at."""
    own = [c.name for c in table(kind).columns
           if c.name not in POINTER_COLUMNS and c.name not in _COMMON]
    return ("id", *own, "created_at", "updated_at")


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


# _ORDERED: each kind's records are read ordered by (created_at, id) by the database,
# which sorts without holding the interpreter; the sort in Python that follows then
# only merges the few runs that several queries give (or checks one). Sorting them all
# in Python held the interpreter for ~0.7 s per 500,000 records: the window stood still.
def _sort(rows: list[Row], key: Callable[[Row], Any]) -> None:
    """Sort ``rows`` by ``key``, checking first (in Python, so the lock is free now and
    then) whether the database's order already is that order: sorting half a million
    rows, even in order, is one call that held the lock ~0.2 s."""
    # One key at a time, never a list of them: freeing half a million keys at once is
    # itself one long call.
    previous = None
    for row in rows:
        current = key(row)
        if previous is not None and previous > current:
            rows.sort(key=key)
            return
        previous = current


def _order_key(row: Row) -> tuple[Any, str]:
    return row["created_at"], str(row["id"])


class RecordSession:
    """Reads and writes of whole records inside one session (one transaction)."""

    def __init__(self, session: Session):
        self.session = session
        self._empty: dict[str, bool] = {}

    # reading -------------------------------------------------------------------------
    def _select(self, kind: str, where: ColumnElement[bool] | None = None) -> list[Row]:
        t = table(kind)
        names = columns(kind)
        query = select(*(t.c[n] for n in names))
        if where is not None:
            query = query.where(where)
        query = query.order_by(t.c.created_at, t.c.id)  # see _ORDERED
        return [dict(zip(names, r, strict=True)) for r in self.session.execute(query)]

    def is_empty(self, kind: str) -> bool:
        if kind not in self._empty:
            t = table(kind)
            self._empty[kind] = self.session.execute(
                select(t.c.id).limit(1)).first() is None
        return self._empty[kind]

    def account_ids(self) -> list[uuid.UUID]:
        t = table("accounts")
        return list(self.session.scalars(select(t.c.id)))

    def records_of(self, account_ids: Collection[uuid.UUID] | None,
                   tick: Tick | None = None) -> dict[str, list[Row]]:
        """Every record of these accounts (all accounts when None), by kind, each kind
        ordered by (created_at, id)."""
        ids = None if account_ids is None else sorted(set(account_ids))
        out: dict[str, list[Row]] = {}
        for kind in KINDS:
            rows: list[Row] = []
            if ids is None:
                rows = self._select(kind)
            elif kind == "accounts":
                for chunk in _chunks(ids):
                    rows += self._select(kind, table(kind).c.id.in_(chunk))
            elif kind in THROUGH:
                column, parent = THROUGH[kind]
                parents = [r["id"] for r in out[parent]]
                for chunk in _chunks(parents):
                    rows += self._select(kind, table(kind).c[column].in_(chunk))
            else:
                for chunk in _chunks(ids):
                    rows += self._select(kind, table(kind).c.account_id.in_(chunk))
            _sort(rows, _order_key)
            out[kind] = rows
            if tick is not None:
                tick(len(rows))
        return out

    def records_for_file(self, account_ids: Collection[uuid.UUID] | None,
                         tick: Tick | None = None) -> dict[str, list[Row]]:
        """``records_of`` with values ready for JSON: on SQLite the stored text is turned
        into the file's text directly (UUIDs, dates and times as strings), which is
        several times faster than building Python objects first. The JSON written is the
        same either way."""
        if not self._is_sqlite():
            return self.records_of(account_ids, tick)
        out: dict[str, list[Row]] = {}
        ids = None if account_ids is None else sorted({i.hex for i in account_ids})
        with _gc_paused():
            for kind in KINDS:
                rows: list[Row] = []
                if ids is None:
                    rows = self._select_text(kind, None, ())
                elif kind == "accounts":
                    for chunk in _chunks(ids):
                        rows += self._select_text(kind, "id", chunk)
                elif kind in THROUGH:
                    column, parent = THROUGH[kind]
                    parents = [r["id"].replace("-", "") for r in out[parent]]
                    for chunk in _chunks(parents):
                        rows += self._select_text(kind, column, chunk)
                else:
                    for chunk in _chunks(ids):
                        rows += self._select_text(kind, "account_id", chunk)
                _sort(rows, lambda r: (r["created_at"], r["id"]))
                out[kind] = rows
                if tick is not None:
                    tick(len(rows))
        return out

    def _is_sqlite(self) -> bool:
        return self.session.get_bind().dialect.name == "sqlite"

    def _select_text(self, kind: str, column: str | None, values: Sequence[str]) -> list[Row]:
        names = columns(kind)
        t = table(kind)
        sql = f"SELECT {', '.join(names)} FROM {t.name}"
        if column is not None:
            sql += f" WHERE {column} IN ({', '.join('?' for _ in values)})"
        sql += " ORDER BY created_at, id"  # see _ORDERED
        readers = [(i, r) for i, r in enumerate(_text_reader(t.c[n].type) for n in names)
                   if r is not None]
        out: list[Row] = []
        cursor = self.session.connection().exec_driver_sql(sql, tuple(values))
        for raw in cursor:
            cells = list(raw)
            for i, read in readers:
                if cells[i] is not None:
                    cells[i] = read(cells[i])
            out.append(dict(zip(names, cells, strict=True)))
        return out

    def count_of(self, account_ids: Collection[uuid.UUID] | None) -> int:
        """How many records ``records_of`` would return (for progress)."""
        total = 0
        ids = None if account_ids is None else sorted(set(account_ids))
        for kind in KINDS:
            t = table(kind)
            query = select(func.count()).select_from(t)
            if ids is None:
                total += self.session.scalar(query) or 0
                continue
            for chunk in _chunks(ids):
                if kind == "accounts":
                    where = t.c.id.in_(chunk)
                elif kind in THROUGH:
                    column, parent = THROUGH[kind]
                    p = table(parent)
                    where = t.c[column].in_(select(p.c.id).where(p.c.account_id.in_(chunk)))
                else:
                    where = t.c.account_id.in_(chunk)
                total += self.session.scalar(query.where(where)) or 0
        return total

    def where_in(self, kind: str, column: str, values: Iterable[Any],
                 tick: Tick | None = None) -> list[Row]:
        """Records of ``kind`` whose ``column`` is one of ``values``, in no promised
        order; ``tick(n)`` after each chunk of ``n`` values looked up (all of them at
        once if the kind is empty). The values are not sorted first: sorting half a
        million ids was one call that held the lock for ~0.3 s."""
        if self.is_empty(kind):  # before hashing a million ids for nothing
            if tick is not None:
                tick(len(values) if isinstance(values, Sized) else 0)
            return []
        wanted = list(set(values))
        t = table(kind)
        rows: list[Row] = []
        try:
            for chunk in _chunks(wanted):
                rows += self._select(kind, t.c[column].in_(chunk))
                if tick is not None:
                    tick(len(chunk))
        except BaseException:  # cancelled: what was read goes a slice at a time
            while rows:
                del rows[-_RELEASE_SLICE:]
            raise
        return rows

    def by_id(self, kind: str, ids: Iterable[uuid.UUID],
              tick: Tick | None = None) -> dict[uuid.UUID, Row]:
        return {r["id"]: r for r in self.where_in(kind, "id", ids, tick)}

    def existing_ids(self, kind: str, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
        if self.is_empty(kind):
            return set()
        wanted = sorted(set(ids), key=str)
        if not wanted:
            return set()
        t = table(kind)
        found: set[uuid.UUID] = set()
        for chunk in _chunks(wanted):
            found.update(self.session.scalars(select(t.c.id).where(t.c.id.in_(chunk))))
        return found

    # writing -------------------------------------------------------------------------
    def insert(self, kind: str, rows: Sequence[Mapping[str, Any]],
               tick: Tick | None = None, batch: int = 2000) -> None:
        """Insert whole records. On SQLite the values are converted with SQLAlchemy's own
        bind processors (so they are stored exactly as the ORM stores them) and handed
        to the driver's executemany in one go, without SQLAlchemy's per-row work."""
        t = table(kind)
        if self._is_sqlite():
            names = columns(kind)
            dialect = self.session.get_bind().dialect
            cells = [(operator.itemgetter(n), _column_writer(t.c[n].type, dialect))
                     for n in names]
            sql = (f"INSERT INTO {t.name} ({', '.join(names)}) "
                   f"VALUES ({', '.join('?' for _ in names)})")
            connection = self.session.connection()
            with _gc_paused():
                for chunk in _chunks(rows, batch):
                    # Column by column: the values that need no conversion are picked in
                    # C, and the rows' tuples are made in C by zip.
                    values = [map(pick, chunk) if write is None
                              else write(list(map(pick, chunk))) for pick, write in cells]
                    connection.exec_driver_sql(sql, list(zip(*values, strict=True)))
                    if tick is not None:
                        tick(len(chunk))
        else:
            for chunk in _chunks(rows, batch):
                self.session.execute(insert(t), list(chunk))
                if tick is not None:
                    tick(len(chunk))
        if rows:
            self._empty[kind] = False

    def update(self, kind: str, rows: Sequence[Mapping[str, Any]],
               tick: Tick | None = None, batch: int = 2000) -> None:
        """Replace records whole (every column but the id and the pointers)."""
        if not rows:
            return
        t = table(kind)
        names = [n for n in columns(kind) if n != "id"]
        statement = (update(t).where(t.c.id == bindparam("_id"))
                     .values({n: bindparam(f"_v_{n}") for n in names}))
        for chunk in _chunks(rows, batch):
            params = [{"_id": r["id"], **{f"_v_{n}": r[n] for n in names}} for r in chunk]
            self.session.execute(statement, params)
            if tick is not None:
                tick(len(chunk))

    def refresh_pointers(self, account_ids: Collection[uuid.UUID]) -> None:
        """Point each account at its newest two snapshots and newest assessment, ordered
        as SnapshotRepository and AssessmentRepository order them (date, then created),
        and recompute the portfolio's summary of them and of the open risks."""
        if not account_ids:
            return
        ids = sorted(set(account_ids), key=str)
        for chunk in _chunks(ids):
            self.session.execute(_POINTERS, {"ids": list(chunk)})
        refresh_summary(self.session, ids)


def _pointers() -> Update:
    """One UPDATE of the accounts' pointers: each a correlated ``ORDER BY ... LIMIT 1``
    that the (account, date) indexes answer reading a row or two per account (ranking
    every snapshot of every account with a window function read them all)."""
    acc, snaps, assessed = table("accounts"), table("snapshots"), table("assessments")

    def newest(t: Table, day: str, skip: int = 0) -> Any:
        query = (select(t.c.id).where(t.c.account_id == acc.c.id)
                 .order_by(t.c[day].desc(), t.c.created_at.desc(), t.c.id.desc()).limit(1))
        return (query.offset(skip) if skip else query).scalar_subquery()

    return (update(acc).where(acc.c.id.in_(bindparam("ids", expanding=True))).values(
        latest_snapshot_id=newest(snaps, "as_of"),
        previous_snapshot_id=newest(snaps, "as_of", skip=1),
        latest_assessment_id=newest(assessed, "assessed_on"),
        updated_at=acc.c.updated_at))  # a cache refresh is not an edit of the account


_POINTERS = _pointers()


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while millions of acyclic rows are made: the
    collector would walk the growing heap again and again for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _dashed(hex32: str) -> str:
    return f"{hex32[:8]}-{hex32[8:12]}-{hex32[12:16]}-{hex32[16:20]}-{hex32[20:]}"


def _iso_utc(stored: str) -> str:
    """'2026-11-28 10:00:00.123000' (SQLite, UTC) -> '2026-11-28T10:00:00.123000Z', as
    pydantic writes an aware UTC datetime (no fraction when it is zero)."""
    head, _, fraction = stored.partition(".")
    head = head.replace(" ", "T")
    return f"{head}Z" if not fraction or not fraction.strip("0") else f"{head}.{fraction}Z"


def _text_reader(type_: TypeEngine[Any]) -> Callable[[Any], Any] | None:
    """How a value stored by SQLite becomes the file's JSON value (None: as it is)."""
    if isinstance(type_, Uuid):
        return _dashed
    if isinstance(type_, UTCDateTime):
        return _iso_utc
    if isinstance(type_, Boolean):
        return bool
    if isinstance(type_, JSON):
        memo: dict[str, Any] = {}

        def parse(text: str) -> Any:
            hit = memo.get(text)
            if hit is None:
                hit = json.loads(text)
                if len(memo) < 10_000:
                    memo[text] = hit
            return hit
        return parse
    return None  # dates are stored as YYYY-MM-DD already; numbers and text as they are


def _stored_utc(value: dt.datetime) -> str:
    """What UTCDateTime stores on SQLite: '2026-11-28 10:00:00.000000' (UTC, always six
    digits of microseconds), without SQLAlchemy's three layers of processing."""
    if value.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    if value.utcoffset():
        value = value.astimezone(dt.UTC)
    text = value.isoformat(" ")[:-6]  # without the +00:00
    return text if value.microsecond else f"{text}.000000"


def _uuid_hex(value: uuid.UUID) -> str:
    """What Uuid stores on SQLite (SQLAlchemy's processor, without its None check: the
    caller skips None)."""
    return value.hex


def _remembered(write: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``write`` remembering up to 10,000 results: times repeat across a book's records."""
    memo: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        hit = memo.get(value)
        if hit is None:
            hit = write(value)
            if len(memo) < 10_000:
                memo[value] = hit
        return hit
    return convert


def _hex_column(values: list[Any]) -> list[Any]:
    """What Uuid stores on SQLite, for a column of UUIDs (``UUID.hex`` without the call
    of its property, for a million ids)."""
    return [None if v is None else f"{v.int:032x}" for v in values]


def _column_writer(type_: TypeEngine[Any],
                   dialect: Dialect) -> Callable[[list[Any]], list[Any]] | None:
    """``_text_writer`` for a whole column of values (None: stored as they are)."""
    if isinstance(type_, Date | UTCDateTime):  # a few hundred days among a million rows
        return _remembering_column(_stored_utc if isinstance(type_, UTCDateTime) else
                                   type_.dialect_impl(dialect).bind_processor(dialect))
    write = _text_writer(type_, dialect)
    if write is None:
        return None
    if write is _uuid_hex:
        return _hex_column

    def column(values: list[Any]) -> list[Any]:
        return [None if v is None else write(v) for v in values]
    return column


def _remembering_column(write: Callable[[Any], Any] | None,
                        ) -> Callable[[list[Any]], list[Any]] | None:
    """A column writer remembering up to 10,000 values' text (never empty text)."""
    if write is None:
        return None
    memo: dict[Any, Any] = {}
    seen = memo.get

    def remember(value: Any) -> Any:
        text = write(value)
        if len(memo) < 10_000:
            memo[value] = text
        return text

    def column(values: list[Any]) -> list[Any]:
        return [None if v is None else seen(v) or remember(v) for v in values]
    return column


def _text_writer(type_: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """SQLAlchemy's bind processor for the column (None for floats, ints and text)."""
    if isinstance(type_, UTCDateTime):
        return _remembered(_stored_utc)
    if isinstance(type_, Uuid) and type_.as_uuid and not (
            dialect.supports_native_uuid and type_.native_uuid):
        return _uuid_hex
    if isinstance(type_, Float | Integer | String):
        return None
    process = type_.dialect_impl(dialect).bind_processor(dialect)
    if process is None or isinstance(type_, Uuid | UTCDateTime):
        return process
    memo: dict[Any, Any] = {}
    is_json = isinstance(type_, JSON)

    def convert(value: Any) -> Any:
        if is_json:  # remember only lists of text (true and 1 must not share an entry)
            if not isinstance(value, list) or not all(type(v) is str for v in value):
                return process(value)
            key: Any = tuple(value)
        else:
            key = value
        hit = memo.get(key)
        if hit is None:
            hit = process(value)
            if len(memo) < 10_000:
                memo[key] = hit
        return hit
    return convert


@contextmanager
def records(store: Store, *, write: bool = False) -> Iterator[RecordSession]:
    """A ``RecordSession`` to read from (``write=False``) or to write one merge in: the
    writes are committed whole when the block ends, rolled back whole on any error."""
    if write:
        with store.transaction() as session:
            yield RecordSession(session)
    else:
        with store.reader() as session:
            yield RecordSession(session)
