"""Reading the audit trail."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from csdesk.store.orm import AuditEntry
from csdesk.store.repos.base import Repository
from csdesk.store.views import AuditView


class AuditRepository(Repository):
    def trail(self, account_id: uuid.UUID, limit: int = 1000) -> list[AuditView]:
        """The account's changes, newest first."""
        with self.store.reader() as s:
            rows = s.scalars(select(AuditEntry).where(AuditEntry.account_id == account_id)
                             .order_by(AuditEntry.at.desc(), AuditEntry.entity).limit(limit))
            return [AuditView.model_validate(r) for r in rows]
