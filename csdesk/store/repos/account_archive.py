"""Everything one account holds, captured before it is deleted, so the deletion can be
undone exactly: the same rows come back with the same ids and timestamps.

Rows are read and written through ``csdesk.store.transfer`` (the same code that moves
accounts between laptops), every kind in foreign-key order, parents first. The audit
trail is not captured: it has no foreign key and outlives the account, so it stays as it
is; a restore adds one ``create`` entry for the account, as an import by hand would.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from csdesk.store.audit import SKIPPED, jsonable
from csdesk.store.orm import AuditEntry
from csdesk.store.orm.base import utcnow
from csdesk.store.transfer import KINDS, THROUGH, RecordSession, Row, table
from csdesk.store.views import AccountView

# Every kind an account holds but its audit trail, parents before children.
CAPTURED: tuple[str, ...] = tuple(kind for kind in KINDS if kind != "audit")


@dataclass(frozen=True)
class AccountArchive:
    """An account as it was just before it was deleted: its view and all its rows."""

    account: AccountView
    rows: Mapping[str, tuple[Row, ...]] = field(default_factory=dict)

    @property
    def account_id(self) -> uuid.UUID:
        return self.account.id

    def count(self, kind: str) -> int:
        return len(self.rows.get(kind, ()))

    @property
    def counts(self) -> dict[str, int]:
        """How many records of each kind (the account itself left out)."""
        return {kind: self.count(kind) for kind in CAPTURED if kind != "accounts"}


def capture(session: Session, account: AccountView) -> AccountArchive:
    """Read every row of the account, inside the transaction that is about to delete it."""
    found = RecordSession(session).records_of([account.id])
    rows = {kind: tuple(dict(r) for r in found[kind]) for kind in CAPTURED}
    return AccountArchive(account, MappingProxyType(rows))


def put_back(session: Session, archive: AccountArchive, actor: str) -> None:
    """Insert the archived rows again (same ids, same times), recompute the account's
    pointers to its newest history, and audit the account as created again."""
    records = RecordSession(session)
    for kind in CAPTURED:
        records.insert(kind, list(archive.rows.get(kind, ())))
    records.refresh_pointers([archive.account_id])
    [account_row] = archive.rows["accounts"]
    changes = {name: [None, jsonable(value)] for name, value in account_row.items()
               if name not in SKIPPED and value not in (None, "", [], {})}
    session.add(AuditEntry(
        id=uuid.uuid4(), account_id=archive.account_id, at=utcnow(), actor=actor or "csdesk",
        entity=table("accounts").name, entity_id=archive.account_id, action="create",
        changes=changes))


def holdings(session: Session, account_id: uuid.UUID) -> dict[str, int]:
    """How many records of each kind the account holds (what a deletion removes)."""
    counts: dict[str, int] = {}
    for kind in CAPTURED:
        if kind == "accounts":
            continue
        t = table(kind)
        query = select(func.count()).select_from(t)
        if kind in THROUGH:  # a child of a record of the account (items, votes, ...)
            column, parent_kind = THROUGH[kind]
            parent = table(parent_kind)
            query = query.where(t.c[column].in_(
                select(parent.c.id).where(parent.c.account_id == account_id)))
        else:
            query = query.where(t.c.account_id == account_id)
        counts[kind] = session.scalar(query) or 0
    return counts
