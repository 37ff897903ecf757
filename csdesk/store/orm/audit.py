"""The audit trail: who changed what, when, from what to what."""

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from csdesk.store.orm.base import Base, Record, UTCDateTime


class AuditEntry(Record, Base):
    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_account_at", "account_id", "at"),)

    # no foreign key: the trail of a deleted account stays readable
    account_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    action: Mapped[str] = mapped_column(String(10))  # create | update | delete
    # {field: [before, after]} in JSON-safe values
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
