"""One record of an account, captured before it is deleted, so the deletion can be undone
exactly: the same rows come back with the same ids, timestamps and derived dates
(``done_on``, ``closed_on``, ``raised_on``...), not a copy made today.

Deleting a record makes the database delete more than the record: rows whose foreign
key to it is ``ON DELETE CASCADE`` go with it (a QBR's checklists, and their items), and
rows whose key is ``ON DELETE SET NULL`` let go of it (action items tied to the QBR,
readiness votes cast by a stakeholder). ``capture`` follows those keys, read from the
tables themselves, and keeps both: the rows that will be gone and the links that will be
cleared. ``put_back`` inserts the rows again (through ``csdesk.store.transfer``, as the
account restore does) and ties the links again, in the caller's transaction.

The audit trail is not captured: deleting wrote one ``delete`` entry for the record, and
putting it back writes one ``create`` entry for it, as the account restore does.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Generic, TypeVar

from sqlalchemy import update
from sqlalchemy.orm import Session

from csdesk.errors import InputProblem
from csdesk.store.audit import SKIPPED, jsonable
from csdesk.store.orm import AuditEntry
from csdesk.store.orm.base import Base, utcnow
from csdesk.store.transfer import KINDS, RecordSession, Row, table

V = TypeVar("V")

# Kinds a record can take with it: every kind an account holds but the account itself and
# the audit trail (which has no foreign key and outlives what it tells of).
_HELD: tuple[str, ...] = tuple(kind for kind in KINDS if kind not in ("accounts", "audit"))


@dataclass(frozen=True)
class Link:
    """A row whose ``column`` pointed at a deleted record and was cleared with it."""

    kind: str
    row_id: uuid.UUID
    column: str
    target: uuid.UUID


@dataclass(frozen=True)
class RecordArchive(Generic[V]):
    """A record as it was just before it was deleted: its view as the page showed it,
    its row and the rows deleted with it (by kind), and the links cleared by it."""

    view: V
    kind: str
    record_id: uuid.UUID
    account_id: uuid.UUID
    rows: Mapping[str, tuple[Row, ...]]
    links: tuple[Link, ...] = ()

    def count(self, kind: str) -> int:
        return len(self.rows.get(kind, ()))


def kind_of(orm: type[Base]) -> str:
    """The transfer kind (``"actions"``, ``"qbrs"``...) of an ORM class."""
    for kind, cls in KINDS.items():
        if cls is orm:
            return kind
    raise KeyError(f"{orm.__name__} is not a record kind")


@cache
def _referrers(kind: str) -> tuple[tuple[str, str, str], ...]:
    """(kind, column, ondelete) of every foreign key of a held kind that points at
    ``kind``'s rows, as the tables declare them."""
    target = table(kind)
    out = []
    for other in _HELD:
        for fk in table(other).foreign_keys:
            if fk.column.table is target and fk.column.name == "id":
                out.append((other, fk.parent.name, (fk.ondelete or "").upper()))
    return tuple(out)


def capture(session: Session, kind: str, record_id: uuid.UUID, view: V) -> RecordArchive[V]:
    """Read the record, everything deleting it would cascade to and every link deleting it
    would clear, inside the transaction that is about to delete it."""
    records = RecordSession(session)
    found: dict[str, dict[uuid.UUID, Row]] = {}
    cleared: list[Link] = []
    pending: list[tuple[str, list[Row]]] = [(kind, records.where_in(kind, "id", [record_id]))]
    if not pending[0][1]:
        raise LookupError(f"no {kind} with id {record_id}")
    while pending:
        parent_kind, rows = pending.pop()
        fresh = [r for r in rows if r["id"] not in found.setdefault(parent_kind, {})]
        if not fresh:
            continue
        for row in fresh:
            found[parent_kind][row["id"]] = row
        ids = [r["id"] for r in fresh]
        for child_kind, column, ondelete in _referrers(parent_kind):
            children = records.where_in(child_kind, column, ids)
            if ondelete == "CASCADE":
                pending.append((child_kind, children))
            elif ondelete == "SET NULL":
                cleared += [Link(child_kind, c["id"], column, c[column]) for c in children]
    # A link from a row that goes too is not cleared: the row comes back whole.
    links = tuple(link for link in cleared if link.row_id not in found.get(link.kind, {}))
    [top] = found[kind].values()
    kept = {k: tuple(sorted(found[k].values(), key=lambda r: (r["created_at"], str(r["id"]))))
            for k in KINDS if found.get(k)}
    return RecordArchive(view, kind, record_id, top["account_id"], MappingProxyType(kept),
                         links)


def put_back(session: Session, archive: RecordArchive[V], actor: str,
             what: str = "record") -> None:
    """Insert the archived rows again (same ids, same times, same derived values), tie the
    cleared links again, audit the record as created again and recompute the account's
    cached pointers and portfolio summary (Core writes do not trigger the ORM's hooks)."""
    records = RecordSession(session)
    if records.existing_ids(archive.kind, [archive.record_id]):
        raise InputProblem([f"{what}: it exists already (it was put back before)"])
    if not records.existing_ids("accounts", [archive.account_id]):
        raise InputProblem([f"{what}: its account no longer exists"])
    for kind in KINDS:
        records.insert(kind, list(archive.rows.get(kind, ())))
    for link in archive.links:
        t = table(link.kind)
        session.execute(
            update(t).where(t.c.id == link.row_id, t.c[link.column].is_(None))
            .values({link.column: link.target,
                     "updated_at": t.c.updated_at}))  # tying back is not an edit
    [row] = archive.rows[archive.kind]
    changes = {name: [None, jsonable(value)] for name, value in row.items()
               if name not in SKIPPED and value not in (None, "", [], {})}
    session.add(AuditEntry(
        id=uuid.uuid4(), account_id=archive.account_id, at=utcnow(), actor=actor or "csdesk",
        entity=table(archive.kind).name, entity_id=archive.record_id, action="create",
        changes=changes))
    records.refresh_pointers([archive.account_id])
