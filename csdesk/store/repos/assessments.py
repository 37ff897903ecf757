"""Readiness assessments with their per-participant votes."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from csdesk.errors import InputProblem
from csdesk.playbook.readiness import readiness_score
from csdesk.playbook.records import READINESS_DIMENSIONS, ReadinessAssessment
from csdesk.store.orm import Account, ReadinessVote
from csdesk.store.orm import ReadinessAssessment as AssessmentRow
from csdesk.store.repos.base import Repository, fetch, require_account
from csdesk.store.views import AssessmentView, VoteView


@dataclass(frozen=True)
class Vote:
    participant: str
    dimension: str
    value: int
    stakeholder_id: uuid.UUID | None = None


def to_domain(row: AssessmentRow | AssessmentView) -> ReadinessAssessment:
    return ReadinessAssessment.model_validate(
        {name: getattr(row, name) for name in ReadinessAssessment.model_fields})


def check_votes(votes: Sequence[Vote]) -> None:
    """Every vote names a dimension, a participant and a whole number 1-5."""
    problems = []
    for i, vote in enumerate(votes):
        if vote.dimension not in READINESS_DIMENSIONS:
            problems.append(f"votes[{i}].dimension: {vote.dimension!r} is not a dimension")
        if not (isinstance(vote.value, int) and 1 <= vote.value <= 5):
            problems.append(f"votes[{i}].value: {vote.value!r} is not a whole number 1-5")
        if not vote.participant.strip():
            problems.append(f"votes[{i}].participant: must not be empty")
    if problems:
        raise InputProblem(problems)


class AssessmentRepository(Repository):
    def record(self, account_id: uuid.UUID, assessed_on: dt.date,
               assessment: ReadinessAssessment, votes: Sequence[Vote] = (),
               source: str = "manual", note: str = "",
               assessment_id: uuid.UUID | None = None) -> AssessmentView:
        """A new assessment, scored now. ``assessment_id`` lets an undone recording be
        redone under the same id (so later edits of it still find it)."""
        check_votes(votes)
        with self.store.transaction() as s:
            return self.record_in(s, account_id, assessed_on, assessment, votes, source,
                                  note, assessment_id)

    def record_in(self, s: Session, account_id: uuid.UUID, assessed_on: dt.date,
                  assessment: ReadinessAssessment, votes: Sequence[Vote] = (),
                  source: str = "manual", note: str = "",
                  assessment_id: uuid.UUID | None = None) -> AssessmentView:
        """``record`` inside a transaction the caller holds (the workshop's end writes the
        assessment, the charter and the checklist in one)."""
        check_votes(votes)
        result = readiness_score(assessment, self.forms.readiness)
        account = require_account(s, account_id)
        row = AssessmentRow(
            id=assessment_id or uuid.uuid4(), account_id=account_id, assessed_on=assessed_on,
            **assessment.model_dump(), source=source, note=note, score=result.score,
            level=result.level, form_id=self.forms.readiness.id,
            form_version=self.forms.readiness.version)
        s.add(row)
        s.flush()
        s.add_all(ReadinessVote(id=uuid.uuid4(), assessment_id=row.id,
                                participant=v.participant.strip(), dimension=v.dimension,
                                value=v.value, stakeholder_id=v.stakeholder_id)
                  for v in votes)
        self._refresh_pointer(s, account)
        return AssessmentView.model_validate(row)

    def update(self, assessment_id: uuid.UUID, assessment: ReadinessAssessment,
               note: str | None = None) -> AssessmentView:
        """Correct an assessment (same date, source and votes): rescored with the forms in
        force now. ``note`` None keeps the note. The audit trail keeps what it was."""
        result = readiness_score(assessment, self.forms.readiness)
        with self.store.transaction() as s:
            row = fetch(s, AssessmentRow, assessment_id, "readiness assessment")
            values: dict[str, object] = {
                **assessment.model_dump(), "score": result.score, "level": result.level,
                "form_id": self.forms.readiness.id,
                "form_version": self.forms.readiness.version}
            if note is not None:
                values["note"] = note
            for name, value in values.items():
                if getattr(row, name) != value:
                    setattr(row, name, value)
            s.flush()
            return AssessmentView.model_validate(row)

    def on_date(self, account_id: uuid.UUID, day: dt.date) -> AssessmentView | None:
        """The newest assessment recorded for that date, if any."""
        with self.store.reader() as s:
            row = s.scalars(select(AssessmentRow).where(
                AssessmentRow.account_id == account_id, AssessmentRow.assessed_on == day)
                .order_by(AssessmentRow.created_at.desc()).limit(1)).first()
            return None if row is None else AssessmentView.model_validate(row)

    def _refresh_pointer(self, s: Session, account: Account) -> None:
        latest = s.scalar(select(AssessmentRow.id).where(AssessmentRow.account_id == account.id)
                          .order_by(AssessmentRow.assessed_on.desc(),
                                    AssessmentRow.created_at.desc()).limit(1))
        if account.latest_assessment_id != latest:
            account.latest_assessment_id = latest

    def history(self, account_id: uuid.UUID) -> list[AssessmentView]:
        with self.store.reader() as s:
            rows = s.scalars(select(AssessmentRow).where(AssessmentRow.account_id == account_id)
                             .order_by(AssessmentRow.assessed_on, AssessmentRow.created_at))
            return [AssessmentView.model_validate(r) for r in rows]

    def votes(self, assessment_id: uuid.UUID) -> list[VoteView]:
        with self.store.reader() as s:
            rows = s.scalars(select(ReadinessVote).where(
                ReadinessVote.assessment_id == assessment_id)
                .order_by(ReadinessVote.participant, ReadinessVote.dimension))
            return [VoteView.model_validate(r) for r in rows]

    def delete(self, assessment_id: uuid.UUID) -> AssessmentView:
        with self.store.transaction() as s:
            row = fetch(s, AssessmentRow, assessment_id, "readiness assessment")
            gone = AssessmentView.model_validate(row)
            account = require_account(s, row.account_id)
            s.delete(row)
            s.flush()
            self._refresh_pointer(s, account)
            return gone
