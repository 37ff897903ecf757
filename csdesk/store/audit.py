"""The audit trail, written automatically: every insert, update and delete made through
a store session adds an ``AuditEntry`` in the same transaction (who, when, what, and each
changed field's before and after).

The entries of one flush go in as one Core ``INSERT`` (an executemany) on the session's
connection, before the flush's own statements: building and flushing an ORM object per
entry cost more than the change it records (recording a snapshot writes ten of them).

A repository that writes a row through Core instead (recording a snapshot, the most
frequent write) audits it itself with ``creation``, ``entry`` and ``add_entries``: the
same entries the hook would have written for the same change.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Mapping
from functools import cache
from typing import Any

from sqlalchemy import Insert, Table, event, insert, inspect
from sqlalchemy.orm import Mapper, Session, sessionmaker

from csdesk.store.orm import (
    AuditEntry,
    ChecklistInstance,
    ChecklistItemState,
    ReadinessAssessment,
    ReadinessVote,
    Workshop,
)
from csdesk.store.orm.base import Base, utcnow

SKIPPED = frozenset({"created_at", "updated_at"})


def _insert_entries() -> Insert:
    table = AuditEntry.__table__
    assert isinstance(table, Table)
    return insert(table)


_INSERT = _insert_entries()  # ids and times come from the columns' defaults when not given


def jsonable(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def _account_of(session: Session, obj: Base) -> uuid.UUID | None:
    if obj.__class__.__name__ == "Account":
        return getattr(obj, "id", None)
    account = getattr(obj, "account_id", None)
    if account is not None:
        return account  # type: ignore[no-any-return]
    if isinstance(obj, ChecklistItemState):
        inst = session.get(ChecklistInstance, obj.instance_id)
        return inst.account_id if inst else None
    if isinstance(obj, ReadinessVote):
        parent = session.get(ReadinessAssessment, obj.assessment_id)
        return parent.account_id if parent else None
    workshop_id = getattr(obj, "workshop_id", None)
    if workshop_id is not None:
        workshop = session.get(Workshop, workshop_id)
        return workshop.account_id if workshop else None
    return None


@cache
def _audited(mapper: Mapper[Any]) -> tuple[str, ...]:
    """The column attributes of a mapped class that the trail records, in column order."""
    return tuple(a.key for a in mapper.column_attrs if a.key not in SKIPPED)


def creation(entity: type[Base], values: Mapping[str, Any]) -> dict[str, Any]:
    """What the trail lists for a new row of ``entity`` holding ``values``: each audited
    field that holds something, in column order."""
    return _created(_audited(inspect(entity)), values)


def _created(keys: tuple[str, ...], values: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in keys:
        value = values.get(key)
        if value not in (None, "", [], {}):
            out[key] = [None, jsonable(value)]
    return out


def _changes(obj: Base, action: str) -> dict[str, Any]:
    state = inspect(obj)
    out: dict[str, Any] = {}
    keys = _audited(state.mapper)
    if action == "create":
        # a pending object: what it holds is what it inserts (unset attributes read None)
        return _created(keys, state.dict)
    if action == "delete":
        for key in keys:
            out[key] = [jsonable(getattr(obj, key)), None]
    else:
        # only attributes set since the load have a history (their value then is kept
        # in ``committed_state``): the others need not be looked at
        committed = state.committed_state
        for key in keys:
            if key not in committed:
                continue
            hist = state.attrs[key].history
            if hist.has_changes():
                before = hist.deleted[0] if hist.deleted else None
                after = hist.added[0] if hist.added else None
                if before != after:
                    out[key] = [jsonable(before), jsonable(after)]
    return out


def entry(session: Session, at: dt.datetime, account_id: uuid.UUID | None, entity: str,
          entity_id: uuid.UUID, action: str, changes: dict[str, Any]) -> dict[str, Any]:
    """One audit row (for ``add_entries``), by the session's actor."""
    return {"id": uuid.uuid4(), "account_id": account_id, "at": at,
            "actor": str(session.info.get("actor") or "csdesk"), "entity": entity,
            "entity_id": entity_id, "action": action, "changes": changes}


def add_entries(session: Session, entries: list[dict[str, Any]]) -> None:
    """Write audit rows in the session's transaction, in one statement."""
    if entries:
        session.connection().execute(_INSERT, entries)


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    now = utcnow()
    entries: list[dict[str, Any]] = []
    for action, objects in (("create", session.new), ("update", session.dirty),
                            ("delete", session.deleted)):
        for obj in list(objects):
            if isinstance(obj, AuditEntry) or not isinstance(obj, Base):
                continue
            if action == "create" and getattr(obj, "id", None) is None:
                obj.id = uuid.uuid4()  # type: ignore[attr-defined]
            changes = _changes(obj, action)
            if action == "update" and not changes:
                continue  # touched, but no audited field differs
            entries.append(entry(session, now, _account_of(session, obj), obj.__tablename__,
                                 obj.id, action, changes))  # type: ignore[attr-defined]
    add_entries(session, entries)


def install(factory: sessionmaker[Session]) -> None:
    if factory.__dict__.get("_csdesk_audit"):  # not event.contains(): see summary.install
        return
    factory.__dict__["_csdesk_audit"] = True
    event.listen(factory, "before_flush", _before_flush)
