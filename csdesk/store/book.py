"""A book of business: an open store with its repositories, one per kind of record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from csdesk.playbook.form_loader import FormSet
from csdesk.store.engine import Store, open_store
from csdesk.store.orm.base import utcnow
from csdesk.store.repos.accounts import AccountRepository
from csdesk.store.repos.assessments import AssessmentRepository
from csdesk.store.repos.audit import AuditRepository
from csdesk.store.repos.checklists import ChecklistRepository
from csdesk.store.repos.documents import CharterRepository, QbrRepository
from csdesk.store.repos.records import (
    ActionRepository,
    OpportunityRepository,
    RiskRepository,
    StakeholderRepository,
    WorkflowRepository,
)
from csdesk.store.repos.snapshots import SnapshotRepository
from csdesk.store.repos.workshops import Clock, WorkshopRepository


class Book:
    """The repositories over one store; ``close()`` releases the database."""

    def __init__(self, store: Store, forms: FormSet,
                 today: Callable[[], dt.date] = dt.date.today, now: Clock = utcnow):
        self.store = store
        self.forms = forms
        args = (store, forms, today)
        self.accounts = AccountRepository(*args)
        self.stakeholders = StakeholderRepository(*args)
        self.snapshots = SnapshotRepository(*args)
        self.assessments = AssessmentRepository(*args)
        self.checklists = ChecklistRepository(*args)
        self.workflows = WorkflowRepository(*args)
        self.risks = RiskRepository(*args)
        self.actions = ActionRepository(*args)
        self.opportunities = OpportunityRepository(*args)
        self.qbrs = QbrRepository(*args)
        self.charters = CharterRepository(*args)
        self.audit = AuditRepository(*args)
        self.workshops = WorkshopRepository(*args, assessments=self.assessments, now=now)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_book(forms: FormSet, path: Path | None = None, url: str | None = None, *,
              actor: str = "", auto_backup: bool = True,
              today: Callable[[], dt.date] = dt.date.today) -> Book:
    return Book(open_store(path, url, actor=actor, auto_backup=auto_backup), forms, today)
