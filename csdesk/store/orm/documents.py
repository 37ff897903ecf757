"""What the CSM writes for the customer: QBR records and the project charter."""

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Date, Float, ForeignKey, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from csdesk.store.orm.base import Base, Record


class Qbr(Record, Base):
    __tablename__ = "qbrs"

    account_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    attendees: Mapped[list[Any]] = mapped_column(JSON, default=list)
    achievements: Mapped[str] = mapped_column(Text, default="")
    roi_promised: Mapped[float | None] = mapped_column(Float)
    roi_achieved: Mapped[float | None] = mapped_column(Float)
    cost_savings: Mapped[float | None] = mapped_column(Float)
    success_stories: Mapped[str] = mapped_column(Text, default="")
    challenges: Mapped[str] = mapped_column(Text, default="")
    feedback: Mapped[str] = mapped_column(Text, default="")
    roadmap: Mapped[str] = mapped_column(Text, default="")
    expansion_topics: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Charter(Record, Base):
    """The kickoff workshop's deliverables for one account (one charter per account)."""

    __tablename__ = "charters"

    account_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("accounts.id", ondelete="CASCADE"), unique=True)
    scope_objectives: Mapped[str] = mapped_column(Text, default="")
    success_criteria: Mapped[str] = mapped_column(Text, default="")
    timeline_milestones: Mapped[str] = mapped_column(Text, default="")
    architecture_notes: Mapped[str] = mapped_column(Text, default="")
    roadmap: Mapped[str] = mapped_column(Text, default="")
    resources: Mapped[str] = mapped_column(Text, default="")
    dependencies: Mapped[str] = mapped_column(Text, default="")
    critical_path: Mapped[str] = mapped_column(Text, default="")
