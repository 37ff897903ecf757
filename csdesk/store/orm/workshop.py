"""The kickoff workshop as it runs: the day's blocks, the room, its votes and notes.

Every vote and note is its own row, written the moment it is entered, so a workshop
survives a crash and resumes where it was. Ending it records a readiness assessment
(``assessment_id``) and the workshop keeps its votes as they were cast.
"""

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from csdesk.store.orm.base import Base, Record, UTCDateTime


class Workshop(Record, Base):
    __tablename__ = "workshops"
    __table_args__ = (Index("ix_workshops_account_status", "account_id", "status"),)

    account_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("accounts.id", ondelete="CASCADE"))
    agenda_id: Mapped[str] = mapped_column(String(40))
    agenda_version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="running")  # running | ended
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    current_block: Mapped[str | None] = mapped_column(String(60))
    assessment_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("readiness_assessments.id", ondelete="SET NULL"))


class WorkshopBlock(Record, Base):
    """One block of the agenda: planned wall-clock times and when it really ran."""

    __tablename__ = "workshop_blocks"
    __table_args__ = (UniqueConstraint("workshop_id", "block_id",
                                       name="uq_workshop_blocks_workshop_block"),)

    workshop_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    block_id: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(Integer)
    planned_start: Mapped[str] = mapped_column(String(5))  # "HH:MM", local
    planned_end: Mapped[str] = mapped_column(String(5))
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class WorkshopParticipant(Record, Base):
    __tablename__ = "workshop_participants"

    workshop_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    stakeholder_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("stakeholders.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer)


class WorkshopVote(Record, Base):
    """A participant's 1-5 on one dimension; voting again replaces it."""

    __tablename__ = "workshop_votes"
    __table_args__ = (UniqueConstraint("participant_id", "dimension",
                                       name="uq_workshop_votes_participant_dimension"),)

    workshop_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("workshop_participants.id", ondelete="CASCADE"))
    dimension: Mapped[str] = mapped_column(String(40))
    value: Mapped[int] = mapped_column(Integer)


class WorkshopNote(Record, Base):
    """What the room agreed on one deliverable (scope, success criteria, risks, ...)."""

    __tablename__ = "workshop_notes"
    __table_args__ = (UniqueConstraint("workshop_id", "topic",
                                       name="uq_workshop_notes_workshop_topic"),)

    workshop_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
