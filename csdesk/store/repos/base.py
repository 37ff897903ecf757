"""What every repository shares: validation of changes, lookups, the clock."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from csdesk.errors import InputProblem
from csdesk.playbook.form_loader import FormSet
from csdesk.playbook.inputs import describe_validation
from csdesk.store.engine import Store
from csdesk.store.orm import Account
from csdesk.store.orm.base import Base
from csdesk.store.repos.record_archive import RecordArchive, capture, kind_of, put_back

R = TypeVar("R", bound=Base)
F = TypeVar("F", bound=BaseModel)
V = TypeVar("V", bound=BaseModel)


class NotFound(LookupError):
    """The record asked for does not exist (any more)."""


def validate(model: type[F], data: Mapping[str, Any], where: str) -> F:
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        raise InputProblem(describe_validation(exc, where, list(model.model_fields))) from None


def fetch(session: Session, orm: type[R], record_id: uuid.UUID, what: str) -> R:
    obj = session.get(orm, record_id)
    if obj is None:
        raise NotFound(f"no {what} with id {record_id}")
    return obj


def require_account(session: Session, account_id: uuid.UUID) -> Account:
    return fetch(session, Account, account_id, "account")


def field_values(obj: Base, model: type[BaseModel]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in model.model_fields if hasattr(obj, name)}


def apply(obj: Base, fields: BaseModel) -> None:
    """Set only the attributes whose value changes (so the audit lists real changes)."""
    for name, value in fields.model_dump().items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)


class Repository:
    def __init__(self, store: Store, forms: FormSet, today: Callable[[], dt.date] = dt.date.today):
        self.store = store
        self.forms = forms
        self.today = today


class ChildRepository(Repository, Generic[R, F, V]):
    """Add, edit, delete and list the simple records that belong to one account."""

    orm: type[R]
    fields: type[F]
    view: type[V]
    what: str = "record"

    def order(self) -> Any:
        return self.orm.created_at  # type: ignore[attr-defined]

    def check(self, fields: F) -> None:
        """Rules beyond the field types (values the forms define); raise InputProblem."""

    def before_save(self, obj: R, fields: F, session: Session) -> None:
        """Derived values (closed_on, done_on, ...) set after the fields are applied."""

    def add(self, account_id: uuid.UUID, data: Mapping[str, Any] | F) -> V:
        fields = data if isinstance(data, BaseModel) else validate(self.fields, data, self.what)
        self.check(fields)
        with self.store.transaction() as s:
            require_account(s, account_id)
            obj = self.orm(id=uuid.uuid4(), account_id=account_id, **fields.model_dump())
            self.before_save(obj, fields, s)
            s.add(obj)
            s.flush()
            return self.view.model_validate(obj)

    def update(self, record_id: uuid.UUID, changes: Mapping[str, Any]) -> V:
        with self.store.transaction() as s:
            obj = fetch(s, self.orm, record_id, self.what)
            merged = {**field_values(obj, self.fields), **changes}
            fields = validate(self.fields, merged, self.what)
            self.check(fields)
            apply(obj, fields)
            self.before_save(obj, fields, s)
            s.flush()
            return self.view.model_validate(obj)

    def delete(self, record_id: uuid.UUID) -> V:
        with self.store.transaction() as s:
            obj = fetch(s, self.orm, record_id, self.what)
            gone = self.view.model_validate(obj)
            s.delete(obj)
            return gone

    def delete_restorably(self, record_id: uuid.UUID) -> RecordArchive[V]:
        """``delete``, keeping every row it removes (the record, what the database
        deletes with it) and every link it clears: ``restore`` puts it all back."""
        with self.store.transaction() as s:
            obj = fetch(s, self.orm, record_id, self.what)
            archive = capture(s, kind_of(self.orm), record_id, self.view.model_validate(obj))
            s.delete(obj)
            return archive

    def restore(self, archive: RecordArchive[V]) -> V:
        """Undo a ``delete_restorably``: the same rows, ids, timestamps and derived dates
        again, and the links tied again, in one transaction (audited as a ``create``)."""
        with self.store.transaction() as s:
            put_back(s, archive, str(s.info.get("actor") or ""), self.what)
            s.flush()
            return self.view.model_validate(fetch(s, self.orm, archive.record_id, self.what))

    def get(self, record_id: uuid.UUID) -> V:
        with self.store.reader() as s:
            return self.view.model_validate(fetch(s, self.orm, record_id, self.what))

    def list(self, account_id: uuid.UUID) -> list[V]:
        with self.store.reader() as s:
            rows = s.scalars(select(self.orm)
                             .where(self.orm.account_id == account_id)  # type: ignore[attr-defined]
                             .order_by(self.order()))
            return [self.view.model_validate(r) for r in rows]
