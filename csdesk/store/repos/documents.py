"""QBR records (with their preparation and follow-up checklists) and the charter."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from csdesk.store.inputs import CharterFields, QbrFields
from csdesk.store.orm import Charter, Qbr
from csdesk.store.repos.base import (
    ChildRepository,
    Repository,
    apply,
    field_values,
    require_account,
    validate,
)
from csdesk.store.repos.checklists import ensure_instance
from csdesk.store.views import CharterView, QbrView


class QbrRepository(ChildRepository[Qbr, QbrFields, QbrView]):
    orm, fields, view, what = Qbr, QbrFields, QbrView, "QBR"

    def order(self) -> Any:
        return Qbr.held_on

    def add(self, account_id: uuid.UUID, data: Mapping[str, Any] | QbrFields) -> QbrView:
        """A QBR with its pre-QBR and post-QBR checklists, due a week either side."""
        fields = data if isinstance(data, BaseModel) else validate(QbrFields, data, "QBR")
        with self.store.transaction() as s:
            require_account(s, account_id)
            qbr = Qbr(id=uuid.uuid4(), account_id=account_id, **fields.model_dump())
            s.add(qbr)
            s.flush()
            self._checklists(s, qbr)
            return QbrView.model_validate(qbr)

    def _checklists(self, s: Session, qbr: Qbr) -> None:
        for form in self.forms.checklists.values():
            if form.applies_to != "qbr":
                continue
            due = None
            if form.due_days_before_qbr is not None:
                due = qbr.held_on - dt.timedelta(days=form.due_days_before_qbr)
            elif form.due_days_after_qbr is not None:
                due = qbr.held_on + dt.timedelta(days=form.due_days_after_qbr)
            ensure_instance(s, qbr.account_id, form, qbr_id=qbr.id, due=due)


class CharterRepository(Repository):
    def get(self, account_id: uuid.UUID) -> CharterView:
        """The account's charter (an empty one is created on first use)."""
        with self.store.transaction() as s:
            return CharterView.model_validate(self._charter(s, account_id))

    def update(self, account_id: uuid.UUID, changes: Mapping[str, Any]) -> CharterView:
        with self.store.transaction() as s:
            charter = self._charter(s, account_id)
            fields = validate(CharterFields, {**field_values(charter, CharterFields), **changes},
                              "charter")
            apply(charter, fields)
            s.flush()
            return CharterView.model_validate(charter)

    def _charter(self, s: Session, account_id: uuid.UUID) -> Charter:
        require_account(s, account_id)
        charter = s.scalar(select(Charter).where(Charter.account_id == account_id))
        if charter is None:
            charter = Charter(id=uuid.uuid4(), account_id=account_id)
            s.add(charter)
            s.flush()
        return charter
