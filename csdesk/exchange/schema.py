"""The .csdesk document, version 1: one validated model per kind of record.

Every record is a JSON object with exactly the fields below (unknown fields are
refused, none may be left out), identified by a UUID and carrying its created/updated
times. Numbers, text lengths and choices are held to what the store keeps, so a file
that validates here always fits in the database (SQLite or PostgreSQL).

The models are ``TypedDict``s: validating the whole document yields plain dicts of
Python values that go straight to the store. docs/account-file-format.md describes the
format for people.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import uuid
from typing import Annotated, Any, Literal, NotRequired

from pydantic import AfterValidator, AwareDatetime, ConfigDict, Field, TypeAdapter, with_config
from typing_extensions import TypedDict

FORMAT = "csdesk-account-file"
VERSION = 1

# Limits (documented in docs/account-file-format.md).
MAX_FILE_BYTES = 1024 * 2**20  # the file on disk, compressed and/or encrypted or not
MAX_DOCUMENT_BYTES = 1024 * 2**20  # the JSON document once decompressed
MAX_ACCOUNTS = 100_000
MAX_RECORDS = 5_000_000  # of each kind
MAX_DEPTH = 200  # JSON nesting the parser accepts (a valid document needs 5)
MAX_PROBLEMS = 100  # problems listed before "... and N more"
INT_MAX = 2**31 - 1  # the store's integer columns are 32-bit on PostgreSQL

_STRICT = ConfigDict(extra="forbid", strict=True)


Id = uuid.UUID
Time = AwareDatetime
Name = Annotated[str, Field(min_length=1, max_length=200)]
Short = Annotated[str, Field(max_length=200)]
Code = Annotated[str, Field(min_length=1, max_length=60)]  # ids of forms, rules, flags...
Label = Annotated[str, Field(min_length=1, max_length=20)]  # statuses, levels, kinds
FormId = Annotated[str, Field(min_length=1, max_length=40)]
Text = Annotated[str, Field(max_length=20_000)]
Entry = Annotated[str, Field(min_length=1, max_length=2000)]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Scale = Annotated[float, Field(ge=1, le=5, allow_inf_nan=False)]
Amount = Annotated[float, Field(ge=0, le=1e15, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=INT_MAX)]
Version = Annotated[int, Field(ge=1, le=INT_MAX)]


def _json_value(value: Any, depth: int = 0) -> Any:
    """A before/after value of the audit trail: JSON scalars, and lists or objects of
    them (two levels at most), no NaN or infinity."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("is not a finite number")
    if isinstance(value, list | dict):
        if depth >= 2:
            raise ValueError("is nested too deeply")
        items = value.values() if isinstance(value, dict) else value
        for item in items:
            _json_value(item, depth + 1)
    return value


AuditValue = Annotated[Any, AfterValidator(_json_value)]
Change = Annotated[list[AuditValue], Field(min_length=2, max_length=2)]
FieldName = Annotated[str, Field(min_length=1, max_length=100)]


@with_config(_STRICT)
class AccountRecord(TypedDict):
    id: Id
    name: Name
    plan_tier: Literal["Starter", "Professional", "Enterprise"]
    arr: Amount
    licensed_users: Count | None
    monthly_execution_limit: Count | None
    stage: Annotated[str, Field(min_length=1, max_length=40)]
    stage_started: dt.date | None
    onboarding_started: dt.date | None
    contract_start: dt.date | None
    renewal_date: dt.date | None
    owner: Short
    executive_sponsor: Short
    notes: Text
    indicators: list[Code]
    archived: bool
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class StakeholderRecord(TypedDict):
    id: Id
    account_id: Id
    name: Name
    role: Short
    email: Annotated[str, Field(max_length=320)]
    is_sponsor: bool
    notes: Text
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class QbrRecord(TypedDict):
    id: Id
    account_id: Id
    held_on: dt.date
    attendees: list[Short]
    achievements: Text
    roi_promised: Amount | None
    roi_achieved: Amount | None
    cost_savings: Amount | None
    success_stories: Text
    challenges: Text
    feedback: Text
    roadmap: Text
    expansion_topics: Text
    notes: Text
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class CharterRecord(TypedDict):
    id: Id
    account_id: Id
    scope_objectives: Text
    success_criteria: Text
    timeline_milestones: Text
    architecture_notes: Text
    roadmap: Text
    resources: Text
    dependencies: Text
    critical_path: Text
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class ChecklistRecord(TypedDict):
    id: Id
    account_id: Id
    checklist_id: Code
    form_version: Version
    qbr_id: Id | None
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class ChecklistItemRecord(TypedDict):
    id: Id
    instance_id: Id
    section_id: Code
    item_id: Code
    text: Text
    state: Literal["open", "done", "na"]
    owner: Short
    due_date: dt.date | None
    done_on: dt.date | None
    note: Text
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class WorkflowRecord(TypedDict):
    id: Id
    account_id: Id
    name: Name
    priority: Label
    complexity: Label
    estimated_hours: Amount
    dependencies: list[Short]
    success_criteria: list[Short]
    phase: Annotated[int, Field(ge=1, le=3)] | None
    status: Label
    go_live_date: dt.date | None
    notes: Text
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class RiskRecord(TypedDict):
    id: Id
    account_id: Id
    type: Annotated[str, Field(min_length=1, max_length=100)]
    severity: Literal["High", "Medium", "Low"]
    description: Text
    impact: Text
    mitigation: Text
    status: Literal["open", "mitigated", "closed", "dismissed"]
    rule_id: Code | None
    observed: list[Annotated[str, Field(max_length=2000)]]
    raised_on: dt.date
    closed_on: dt.date | None
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class ActionRecord(TypedDict):
    id: Id
    account_id: Id
    title: Entry
    playbook: Code | None
    step: Short
    trigger_rule: Code | None
    qbr_id: Id | None
    due_date: dt.date | None
    owner: Short
    status: Literal["open", "done", "dismissed", "cleared"]
    done_on: dt.date | None
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class OpportunityRecord(TypedDict):
    id: Id
    account_id: Id
    title: Name
    kind: Label
    source_rule: Code | None
    likelihood: Annotated[int, Field(ge=1, le=10)] | None
    value: Amount
    status: Literal["identified", "qualified", "proposed", "won", "lost"]
    owner: Short
    notes: Text
    archived: bool
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class SnapshotRecord(TypedDict):
    id: Id
    account_id: Id
    as_of: dt.date
    platform_adoption: Percent
    workflow_utilization: Percent
    feature_usage: Percent
    system_uptime: Percent
    workflow_success_rate: Percent
    performance_targets: Percent
    roi_achievement: Percent
    business_objectives: Percent
    cost_optimization: Percent
    user_satisfaction: Percent
    support_tickets: Percent
    reference_willingness: Percent
    recent_support_tickets: Count | None
    escalated_tickets: Count | None
    monthly_executions: Count | None
    active_users: Count | None
    avg_response_seconds: Amount | None
    error_rate_pct: Percent | None
    roi_achieved_pct: Amount | None
    flags: list[Code]
    note: Text
    score: Percent
    status: Label
    next_review: dt.date | None
    form_id: FormId
    form_version: Version
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class AssessmentRecord(TypedDict):
    id: Id
    account_id: Id
    assessed_on: dt.date
    executive_sponsorship: Scale
    strategic_importance: Scale
    budget_approval: Scale
    infrastructure_maturity: Scale
    technical_skills: Scale
    integration_complexity: Scale
    change_readiness: Scale
    process_documentation: Scale
    stakeholder_buy_in: Scale
    critical_dependencies: list[Entry]
    potential_blockers: list[Entry]
    mitigation_strategies: list[Entry]
    source: Label
    note: Text
    score: Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)]
    level: Label
    form_id: FormId
    form_version: Version
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class VoteRecord(TypedDict):
    id: Id
    assessment_id: Id
    participant: Name
    stakeholder_id: Id | None
    dimension: Literal["executive_sponsorship", "strategic_importance", "budget_approval",
                       "infrastructure_maturity", "technical_skills",
                       "integration_complexity", "change_readiness",
                       "process_documentation", "stakeholder_buy_in"]
    value: Annotated[int, Field(ge=1, le=5)]
    created_at: Time
    updated_at: Time


Dimension = Literal["executive_sponsorship", "strategic_importance", "budget_approval",
                    "infrastructure_maturity", "technical_skills", "integration_complexity",
                    "change_readiness", "process_documentation", "stakeholder_buy_in"]
ClockTime = Annotated[str, Field(max_length=5, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]


@with_config(_STRICT)
class WorkshopRecord(TypedDict):
    id: Id
    account_id: Id
    agenda_id: FormId
    agenda_version: Version
    status: Literal["running", "ended"]
    started_at: Time
    ended_at: Time | None
    current_block: Code | None
    assessment_id: Id | None
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class WorkshopBlockRecord(TypedDict):
    id: Id
    workshop_id: Id
    block_id: Code
    position: Count
    planned_start: ClockTime
    planned_end: ClockTime
    started_at: Time | None
    ended_at: Time | None
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class WorkshopParticipantRecord(TypedDict):
    id: Id
    workshop_id: Id
    name: Name
    stakeholder_id: Id | None
    position: Count
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class WorkshopVoteRecord(TypedDict):
    id: Id
    workshop_id: Id
    participant_id: Id
    dimension: Dimension
    value: Annotated[int, Field(ge=1, le=5)]
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class WorkshopNoteRecord(TypedDict):
    id: Id
    workshop_id: Id
    topic: Literal["scope_objectives", "success_criteria", "timeline_milestones",
                   "critical_dependencies", "potential_blockers", "mitigation_strategies",
                   "architecture_notes", "resources", "dependencies"]
    text: Text
    created_at: Time
    updated_at: Time


@with_config(_STRICT)
class AuditRecord(TypedDict):
    id: Id
    account_id: Id | None
    at: Time
    actor: Short
    entity: FormId
    entity_id: Id
    action: Literal["create", "update", "delete"]
    changes: Annotated[dict[FieldName, Change], Field(max_length=200)]
    created_at: Time
    updated_at: Time


# Each kind: its key in the document, its model, what one record is called, and which of
# its fields point at records of which kind (None: the pointer may be empty).
RECORD_MODELS: dict[str, type[Any]] = {
    "accounts": AccountRecord,
    "stakeholders": StakeholderRecord,
    "qbrs": QbrRecord,
    "charters": CharterRecord,
    "checklists": ChecklistRecord,
    "checklist_items": ChecklistItemRecord,
    "workflows": WorkflowRecord,
    "risks": RiskRecord,
    "actions": ActionRecord,
    "opportunities": OpportunityRecord,
    "snapshots": SnapshotRecord,
    "assessments": AssessmentRecord,
    "votes": VoteRecord,
    "workshops": WorkshopRecord,
    "workshop_blocks": WorkshopBlockRecord,
    "workshop_participants": WorkshopParticipantRecord,
    "workshop_votes": WorkshopVoteRecord,
    "workshop_notes": WorkshopNoteRecord,
    "audit": AuditRecord,
}
KINDS: tuple[str, ...] = tuple(RECORD_MODELS)

SINGULAR = {
    "accounts": "account", "stakeholders": "stakeholder", "qbrs": "QBR",
    "charters": "charter", "checklists": "checklist", "checklist_items": "checklist item",
    "workflows": "workflow", "risks": "risk", "actions": "action item",
    "opportunities": "opportunity", "snapshots": "health snapshot",
    "assessments": "readiness assessment", "votes": "readiness vote",
    "workshops": "kickoff workshop", "workshop_blocks": "workshop agenda block",
    "workshop_participants": "workshop participant", "workshop_votes": "workshop vote",
    "workshop_notes": "workshop note",
    "audit": "audit entry",
}

# (field, kind it points at, may it be empty). The audit trail points at nothing: the
# trail of a deleted record stays readable.
REFERENCES: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "accounts": (),
    "stakeholders": (("account_id", "accounts", False),),
    "qbrs": (("account_id", "accounts", False),),
    "charters": (("account_id", "accounts", False),),
    "checklists": (("account_id", "accounts", False), ("qbr_id", "qbrs", True)),
    "checklist_items": (("instance_id", "checklists", False),),
    "workflows": (("account_id", "accounts", False),),
    "risks": (("account_id", "accounts", False),),
    "actions": (("account_id", "accounts", False), ("qbr_id", "qbrs", True)),
    "opportunities": (("account_id", "accounts", False),),
    "snapshots": (("account_id", "accounts", False),),
    "assessments": (("account_id", "accounts", False),),
    "votes": (("assessment_id", "assessments", False),
              ("stakeholder_id", "stakeholders", True)),
    "workshops": (("account_id", "accounts", False), ("assessment_id", "assessments", True)),
    "workshop_blocks": (("workshop_id", "workshops", False),),
    "workshop_participants": (("workshop_id", "workshops", False),
                              ("stakeholder_id", "stakeholders", True)),
    "workshop_votes": (("workshop_id", "workshops", False),
                       ("participant_id", "workshop_participants", False)),
    "workshop_notes": (("workshop_id", "workshops", False),),
    "audit": (),
}

# Kinds whose records are history: never edited, only added (a differing copy of one is
# still merged by the newer-wins rule, and reported).
HISTORY = frozenset({"snapshots", "assessments", "votes", "audit"})


def fields_of(kind: str) -> tuple[str, ...]:
    """The fields of one record of ``kind``, in document order."""
    return tuple(RECORD_MODELS[kind].__annotations__)


@with_config(_STRICT)
class Document(TypedDict):
    format: Literal["csdesk-account-file"]
    version: Literal[1]
    exported_at: Time
    exported_by: Short
    csdesk_version: Annotated[str, Field(max_length=40)]
    accounts: NotRequired[list[AccountRecord]]
    stakeholders: NotRequired[list[StakeholderRecord]]
    qbrs: NotRequired[list[QbrRecord]]
    charters: NotRequired[list[CharterRecord]]
    checklists: NotRequired[list[ChecklistRecord]]
    checklist_items: NotRequired[list[ChecklistItemRecord]]
    workflows: NotRequired[list[WorkflowRecord]]
    risks: NotRequired[list[RiskRecord]]
    actions: NotRequired[list[ActionRecord]]
    opportunities: NotRequired[list[OpportunityRecord]]
    snapshots: NotRequired[list[SnapshotRecord]]
    assessments: NotRequired[list[AssessmentRecord]]
    votes: NotRequired[list[VoteRecord]]
    workshops: NotRequired[list[WorkshopRecord]]
    workshop_blocks: NotRequired[list[WorkshopBlockRecord]]
    workshop_participants: NotRequired[list[WorkshopParticipantRecord]]
    workshop_votes: NotRequired[list[WorkshopVoteRecord]]
    workshop_notes: NotRequired[list[WorkshopNoteRecord]]
    audit: NotRequired[list[AuditRecord]]


@functools.cache
def document_adapter() -> TypeAdapter[Document]:
    """The validator of a whole document, built at the first file read (building it
    takes ~0.1 s: not at start-up, which imports this module with the window)."""
    return TypeAdapter(Document)
