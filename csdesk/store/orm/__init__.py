"""SQLAlchemy ORM models of every record csdesk keeps (typed, ``Mapped[...]``)."""

from csdesk.store.orm.account import Account, Stakeholder
from csdesk.store.orm.audit import AuditEntry
from csdesk.store.orm.base import Base
from csdesk.store.orm.documents import Charter, Qbr
from csdesk.store.orm.scores import HealthSnapshot, ReadinessAssessment, ReadinessVote
from csdesk.store.orm.work import (
    ActionItem,
    ChecklistInstance,
    ChecklistItemState,
    Opportunity,
    RiskEntry,
    Workflow,
)
from csdesk.store.orm.workshop import (
    Workshop,
    WorkshopBlock,
    WorkshopNote,
    WorkshopParticipant,
    WorkshopVote,
)

__all__ = [
    "Account",
    "ActionItem",
    "AuditEntry",
    "Base",
    "Charter",
    "ChecklistInstance",
    "ChecklistItemState",
    "HealthSnapshot",
    "Opportunity",
    "Qbr",
    "ReadinessAssessment",
    "ReadinessVote",
    "RiskEntry",
    "Stakeholder",
    "Workflow",
    "Workshop",
    "WorkshopBlock",
    "WorkshopNote",
    "WorkshopParticipant",
    "WorkshopVote",
]
