"""Accounts and their stakeholders."""

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from csdesk.store.orm.base import Base, Record


class Account(Record, Base):
    __tablename__ = "accounts"

    name: Mapped[str] = mapped_column(String(200), index=True)
    plan_tier: Mapped[str] = mapped_column(String(20), default="Starter")
    arr: Mapped[float] = mapped_column(Float, default=0.0)
    licensed_users: Mapped[int | None] = mapped_column(Integer)
    monthly_execution_limit: Mapped[int | None] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(40), default="onboarding")
    stage_started: Mapped[dt.date | None] = mapped_column(Date)
    onboarding_started: Mapped[dt.date | None] = mapped_column(Date)
    contract_start: Mapped[dt.date | None] = mapped_column(Date)
    renewal_date: Mapped[dt.date | None] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(String(200), default="", index=True)
    executive_sponsor: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    indicators: Mapped[list[Any]] = mapped_column(JSON, default=list)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    # Pointers to the newest history rows: a cache the repositories refresh in the same
    # transaction as every history write (no foreign key: history is the truth), so the
    # portfolio is one query joining by primary key.
    latest_snapshot_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    previous_snapshot_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    latest_assessment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # The portfolio's summary of those rows (and of the open risks): another cache,
    # recomputed by ``csdesk.store.summary`` after every flush that touches the account's
    # history or risks and by every bulk write, so the portfolio reads one table.
    latest_score: Mapped[float | None] = mapped_column(Float)
    latest_status: Mapped[str | None] = mapped_column(String(20))
    latest_as_of: Mapped[dt.date | None] = mapped_column(Date)
    latest_next_review: Mapped[dt.date | None] = mapped_column(Date)
    previous_score: Mapped[float | None] = mapped_column(Float)
    readiness_level: Mapped[str | None] = mapped_column(String(20))
    open_risks: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Stakeholder(Record, Base):
    __tablename__ = "stakeholders"

    account_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    is_sponsor: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
