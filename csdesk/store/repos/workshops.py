"""The kickoff workshop in the store: every vote and note written the moment it is made.

A running workshop is the account's until it ends; reopening the account finds it with
``active`` and the screen resumes from its rows. ``end`` turns it into a readiness
assessment (with every vote), fills the charter and ticks the agenda's checklist items,
all in one transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from csdesk.errors import InputProblem
from csdesk.playbook.records import READINESS_DIMENSIONS, ReadinessAssessment
from csdesk.playbook.workshop import CHARTER_TOPICS, NOTE_TOPICS, RISK_TOPICS, note_lines
from csdesk.store.orm import (
    Charter,
    ChecklistItemState,
    Stakeholder,
    Workshop,
    WorkshopBlock,
    WorkshopNote,
    WorkshopParticipant,
    WorkshopVote,
)
from csdesk.store.orm.base import utcnow
from csdesk.store.repos.assessments import AssessmentRepository, Vote
from csdesk.store.repos.base import Repository, fetch, require_account
from csdesk.store.repos.checklists import ensure_instance
from csdesk.store.views import AssessmentView

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True, slots=True)
class BlockView:
    block_id: str
    planned_start: str
    planned_end: str
    started_at: dt.datetime | None
    ended_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class ParticipantView:
    id: uuid.UUID
    name: str
    stakeholder_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class WorkshopView:
    id: uuid.UUID
    account_id: uuid.UUID
    status: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    current_block: str | None
    assessment_id: uuid.UUID | None
    blocks: tuple[BlockView, ...]
    participants: tuple[ParticipantView, ...]
    votes: Mapping[uuid.UUID, Mapping[str, int]]  # participant id -> dimension -> 1..5
    notes: Mapping[str, str]

    @property
    def log(self) -> list[tuple[str, dt.datetime, dt.datetime | None]]:
        """(block, started, ended) for ``csdesk.playbook.workshop.agenda_clock``."""
        return [(b.block_id, b.started_at, b.ended_at) for b in self.blocks
                if b.started_at is not None]


@dataclass(frozen=True, slots=True)
class WorkshopOutcome:
    assessment: AssessmentView
    ticked: int  # checklist items newly marked done


class WorkshopRepository(Repository):
    def __init__(self, *args: object, assessments: AssessmentRepository,
                 now: Clock = utcnow) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.assessments = assessments
        self.now = now

    # reading ---------------------------------------------------------------------------
    def active(self, account_id: uuid.UUID) -> WorkshopView | None:
        """The account's running workshop, if one was started and not ended."""
        with self.store.reader() as s:
            row = s.scalar(select(Workshop).where(Workshop.account_id == account_id,
                                                  Workshop.status == "running")
                           .order_by(Workshop.started_at.desc()).limit(1))
            return None if row is None else _view(s, row)

    def get(self, workshop_id: uuid.UUID) -> WorkshopView:
        with self.store.reader() as s:
            return _view(s, fetch(s, Workshop, workshop_id, "workshop"))

    def for_account(self, account_id: uuid.UUID) -> list[WorkshopView]:
        with self.store.reader() as s:
            rows = s.scalars(select(Workshop).where(Workshop.account_id == account_id)
                             .order_by(Workshop.started_at))
            return [_view(s, r) for r in rows]

    # writing ---------------------------------------------------------------------------
    def start(self, account_id: uuid.UUID,
              participants: Sequence[tuple[str, uuid.UUID | None]] = ()) -> WorkshopView:
        """Open the day: the agenda's blocks planned, the first one running from now."""
        agenda = self.forms.workshop
        now = self.now()
        with self.store.transaction() as s:
            require_account(s, account_id)
            if s.scalar(select(Workshop.id).where(Workshop.account_id == account_id,
                                                  Workshop.status == "running")):
                raise InputProblem(["this account already has a workshop running: resume it"])
            first = agenda.blocks[0]
            row = Workshop(id=uuid.uuid4(), account_id=account_id, agenda_id=agenda.id,
                           agenda_version=agenda.version, status="running", started_at=now,
                           current_block=first.id)
            s.add(row)
            s.flush()
            for n, block in enumerate(agenda.blocks):
                s.add(WorkshopBlock(id=uuid.uuid4(), workshop_id=row.id, block_id=block.id,
                                    position=n, planned_start=block.start.strftime("%H:%M"),
                                    planned_end=block.end.strftime("%H:%M"),
                                    started_at=now if n == 0 else None))
            for n, (name, stakeholder_id) in enumerate(participants):
                s.add(_participant(s, row.id, name, stakeholder_id, n))
            s.flush()
            return _view(s, row)

    def add_participant(self, workshop_id: uuid.UUID, name: str,
                        stakeholder_id: uuid.UUID | None = None) -> ParticipantView:
        with self.store.transaction() as s:
            _running(s, workshop_id)
            count = len(list(s.scalars(select(WorkshopParticipant.id).where(
                WorkshopParticipant.workshop_id == workshop_id))))
            person = _participant(s, workshop_id, name, stakeholder_id, count)
            s.add(person)
            s.flush()
            return ParticipantView(person.id, person.name, person.stakeholder_id)

    def vote(self, participant_id: uuid.UUID, dimension: str, value: int | None) -> None:
        """Set (or with None, withdraw) one participant's vote on one dimension."""
        if dimension not in READINESS_DIMENSIONS:
            raise InputProblem([f"dimension: {dimension!r} is not a readiness dimension"])
        if value is not None and (not isinstance(value, int) or not 1 <= value <= 5):
            raise InputProblem([f"vote: {value!r} is not a whole number 1-5"])
        with self.store.transaction() as s:
            person = fetch(s, WorkshopParticipant, participant_id, "workshop participant")
            _running(s, person.workshop_id)
            row = s.scalar(select(WorkshopVote).where(
                WorkshopVote.participant_id == participant_id,
                WorkshopVote.dimension == dimension))
            if value is None:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(WorkshopVote(id=uuid.uuid4(), workshop_id=person.workshop_id,
                                   participant_id=participant_id, dimension=dimension,
                                   value=value))
            elif row.value != value:
                row.value = value

    def set_note(self, workshop_id: uuid.UUID, topic: str, text: str) -> None:
        if topic not in NOTE_TOPICS:
            raise InputProblem([f"note: {topic!r} is not a workshop deliverable"])
        if len(text) > 20_000:
            raise InputProblem([f"{topic}: longer than 20,000 characters"])
        with self.store.transaction() as s:
            _running(s, workshop_id)
            row = s.scalar(select(WorkshopNote).where(WorkshopNote.workshop_id == workshop_id,
                                                      WorkshopNote.topic == topic))
            if row is None:
                s.add(WorkshopNote(id=uuid.uuid4(), workshop_id=workshop_id, topic=topic,
                                   text=text))
            elif row.text != text:
                row.text = text

    def advance(self, workshop_id: uuid.UUID) -> WorkshopView:
        """End the running block now and start the next (early or late, as the room is);
        after the last block none runs."""
        now = self.now()
        with self.store.transaction() as s:
            row = _running(s, workshop_id)
            blocks = _blocks(s, workshop_id)
            ids = [b.block_id for b in blocks]
            if row.current_block is None or row.current_block not in ids:
                raise InputProblem(["the last block of the agenda has already ended"])
            n = ids.index(row.current_block)
            blocks[n].ended_at = now
            if n + 1 < len(blocks):
                blocks[n + 1].started_at = now
                row.current_block = blocks[n + 1].block_id
            else:
                row.current_block = None
            s.flush()
            return _view(s, row)

    def end(self, workshop_id: uuid.UUID, consensus: Mapping[str, float] | None = None,
            assessed_on: dt.date | None = None) -> WorkshopOutcome:
        """Record the assessment (``consensus`` per dimension, the mean of the votes where
        not given) with every vote, fill the charter, tick the agenda's checklist items."""
        now = self.now()
        with self.store.transaction() as s:
            row = _running(s, workshop_id)
            view = _view(s, row)
            names = {p.id: p for p in view.participants}
            scores: dict[str, float] = {}
            missing = []
            for dim in READINESS_DIMENSIONS:
                cast = [v[dim] for v in view.votes.values() if dim in v]
                given = (consensus or {}).get(dim)
                if given is not None:
                    scores[dim] = float(given)
                elif cast:
                    scores[dim] = sum(cast) / len(cast)
                else:
                    missing.append(dim)
            if missing:
                raise InputProblem([f"{d}: nobody has voted yet" for d in missing])
            risks = {t: note_lines(view.notes.get(t, "")) for t in RISK_TOPICS}
            try:
                assessment = ReadinessAssessment.model_validate({**scores, **risks})
            except ValueError as exc:
                raise InputProblem([f"consensus: {exc}"]) from None
            votes = [Vote(names[pid].name, dim, value, names[pid].stakeholder_id)
                     for pid, cast in view.votes.items() for dim, value in cast.items()]
            recorded = self.assessments.record_in(
                s, row.account_id, assessed_on or self.today(), assessment, votes,
                source="workshop", note=f"Kickoff workshop, {len(names)} participants")
            _fill_charter(s, row.account_id, view.notes)
            ticked = self._tick(s, row.account_id)
            for block in _blocks(s, workshop_id):
                if block.started_at is not None and block.ended_at is None:
                    block.ended_at = now
            row.status, row.ended_at, row.current_block = "ended", now, None
            row.assessment_id = recorded.id
            return WorkshopOutcome(recorded, ticked)

    def _tick(self, s: Session, account_id: uuid.UUID) -> int:
        ticked = 0
        for tick in self.forms.workshop.ticks:
            form = self.forms.checklists.get(tick.checklist)
            if form is None:
                continue
            inst = ensure_instance(s, account_id, form)
            s.flush()
            item = s.scalar(select(ChecklistItemState).where(
                ChecklistItemState.instance_id == inst.id,
                ChecklistItemState.section_id == tick.section,
                ChecklistItemState.item_id == tick.item))
            if item is not None and item.state != "done":
                item.state, item.done_on = "done", self.today()
                ticked += 1
        return ticked


def _running(s: Session, workshop_id: uuid.UUID) -> Workshop:
    row = fetch(s, Workshop, workshop_id, "workshop")
    if row.status != "running":
        raise InputProblem(["this workshop has ended; its votes are in the assessment"])
    return row


def _participant(s: Session, workshop_id: uuid.UUID, name: str,
                 stakeholder_id: uuid.UUID | None, position: int) -> WorkshopParticipant:
    name = name.strip()
    if not name or len(name) > 200:
        raise InputProblem(["participant: give a name of 1 to 200 characters"])
    if stakeholder_id is not None and s.get(Stakeholder, stakeholder_id) is None:
        raise InputProblem([f"participant {name}: no stakeholder with id {stakeholder_id}"])
    return WorkshopParticipant(id=uuid.uuid4(), workshop_id=workshop_id, name=name,
                               stakeholder_id=stakeholder_id, position=position)


def _blocks(s: Session, workshop_id: uuid.UUID) -> list[WorkshopBlock]:
    return list(s.scalars(select(WorkshopBlock).where(WorkshopBlock.workshop_id == workshop_id)
                          .order_by(WorkshopBlock.position)))


def _fill_charter(s: Session, account_id: uuid.UUID, notes: Mapping[str, str]) -> None:
    charter = s.scalar(select(Charter).where(Charter.account_id == account_id))
    if charter is None:
        charter = Charter(id=uuid.uuid4(), account_id=account_id)
        s.add(charter)
    for topic in CHARTER_TOPICS:
        text = notes.get(topic, "").strip()
        if text and getattr(charter, topic) != text:
            setattr(charter, topic, text)


def _view(s: Session, row: Workshop) -> WorkshopView:
    people = list(s.scalars(select(WorkshopParticipant).where(
        WorkshopParticipant.workshop_id == row.id).order_by(WorkshopParticipant.position)))
    votes: dict[uuid.UUID, dict[str, int]] = {p.id: {} for p in people}
    for v in s.scalars(select(WorkshopVote).where(WorkshopVote.workshop_id == row.id)):
        votes.setdefault(v.participant_id, {})[v.dimension] = v.value
    notes = {n.topic: n.text for n in s.scalars(
        select(WorkshopNote).where(WorkshopNote.workshop_id == row.id))}
    return WorkshopView(
        id=row.id, account_id=row.account_id, status=row.status, started_at=row.started_at,
        ended_at=row.ended_at, current_block=row.current_block,
        assessment_id=row.assessment_id,
        blocks=tuple(BlockView(b.block_id, b.planned_start, b.planned_end, b.started_at,
                               b.ended_at) for b in _blocks(s, row.id)),
        participants=tuple(ParticipantView(p.id, p.name, p.stakeholder_id) for p in people),
        votes=votes, notes=notes)
