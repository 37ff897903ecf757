"""The portfolio's summary columns on ``accounts``: kept right in the same transaction.

Each account carries its latest snapshot's score, status, date and next review, the
previous snapshot's score, its latest readiness level and its count of open risks, so
the portfolio of thousands of accounts is one narrow read of one table. These columns
are a cache, like the pointers they are read through (``latest_snapshot_id``,
``previous_snapshot_id``, ``latest_assessment_id``): the history is the truth.

They are recomputed by one Core ``UPDATE`` from the rows themselves:
- when a transaction commits, for every account that its ORM flushes wrote (the account
  itself, a snapshot, an assessment or a risk), whichever repository made the change
  (``install`` hooks the store's sessions), or that a Core write named with ``touch``:
  once per transaction, not once per flush;
- by the bulk writers that bypass the ORM (import, account restore, the demo book),
  which call ``refresh_summary`` themselves.
The update leaves ``updated_at`` alone (a cache refresh is not an edit of the account)
and writes no audit entry.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    Table,
    Update,
    Uuid,
    bindparam,
    event,
    func,
    select,
    update,
)
from sqlalchemy.orm import Session, sessionmaker

from csdesk.store.orm import Account, HealthSnapshot, ReadinessAssessment, RiskEntry
from csdesk.store.orm.base import Base

CHUNK = 500  # account ids per IN (...) list

def _table(entity: type[Base]) -> Table:
    t = entity.__table__
    assert isinstance(t, Table)
    return t


def _summary_update() -> Update:
    accounts = _table(Account)
    snap, risk, assessed = (_table(HealthSnapshot), _table(RiskEntry),
                            _table(ReadinessAssessment))
    latest = snap.c.id == accounts.c.latest_snapshot_id

    def of_latest(column: Any) -> Any:
        return select(column).where(latest).scalar_subquery()

    return update(accounts).values(
        latest_score=of_latest(snap.c.score),
        latest_status=of_latest(snap.c.status),
        latest_as_of=of_latest(snap.c.as_of),
        latest_next_review=of_latest(snap.c.next_review),
        previous_score=select(snap.c.score).where(
            snap.c.id == accounts.c.previous_snapshot_id).scalar_subquery(),
        readiness_level=select(assessed.c.level).where(
            assessed.c.id == accounts.c.latest_assessment_id).scalar_subquery(),
        open_risks=select(func.count()).select_from(risk).where(
            risk.c.account_id == accounts.c.id, risk.c.status == "open").scalar_subquery(),
        updated_at=accounts.c.updated_at,  # not an edit: no onupdate time
    )


_EVERY = _summary_update()
_SOME = _EVERY.where(_table(Account).c.id.in_(bindparam("ids", expanding=True)))
# one account (every single edit): no IN list, so its SQL is compiled once and reused,
# where an expanding list is rendered again on every execution
_ONE = _EVERY.where(_table(Account).c.id == bindparam("account_id", type_=Uuid))


def _chunks(values: Sequence[uuid.UUID]) -> Iterator[Sequence[uuid.UUID]]:
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def refresh_summary(conn: Connection | Session,
                    account_ids: Collection[uuid.UUID] | None = None) -> None:
    """Recompute the summary of these accounts (of every account when None) from their
    pointers and risks, in the caller's transaction. Call it after the pointers are
    right."""
    if account_ids is None:
        conn.execute(_EVERY)
        return
    ids = sorted(set(account_ids), key=str)
    if len(ids) == 1:
        conn.execute(_ONE, {"account_id": ids[0]})
        return
    for chunk in _chunks(ids):
        conn.execute(_SOME, {"ids": list(chunk)})


def _touched(session: Session) -> set[uuid.UUID]:
    out: set[uuid.UUID] = set()
    for objects in (session.new, session.dirty, session.deleted):
        for obj in objects:
            if isinstance(obj, Account):
                account_id = obj.id
            elif isinstance(obj, HealthSnapshot | ReadinessAssessment | RiskEntry):
                account_id = obj.account_id
            else:
                continue
            if account_id is not None:
                out.add(account_id)
    return out


_TOUCHED = "summary_touched"  # session.info: accounts whose summary is due


def touch(session: Session, account_id: uuid.UUID) -> None:
    """Have the session's commit recompute this account's summary: for a write made
    through Core, which the flush hook does not see."""
    session.info.setdefault(_TOUCHED, set()).add(account_id)


def _after_flush(session: Session, _ctx: Any) -> None:
    session.info.setdefault(_TOUCHED, set()).update(_touched(session))


def _before_commit(session: Session) -> None:
    """Once per transaction, after its last flush: recompute what its flushes touched."""
    if session.new or session.dirty or session.deleted:
        session.flush()
    touched = session.info.pop(_TOUCHED, None)
    if touched:
        refresh_summary(session.connection(), touched)


def _after_rollback(session: Session, _previous: Any) -> None:
    session.info.pop(_TOUCHED, None)


def install(factory: sessionmaker[Session]) -> None:
    # Marked on the factory itself: event.contains() looks hooks up by the id() of the
    # factory's session class, and a class of an earlier store, freed, can leave its id
    # to a new one's; the new store's commits then went without a summary refresh.
    if factory.__dict__.get("_csdesk_summary"):
        return
    factory.__dict__["_csdesk_summary"] = True
    for name, hook in (("after_flush", _after_flush), ("before_commit", _before_commit),
                       ("after_soft_rollback", _after_rollback)):
        event.listen(factory, name, hook)
