"""Readiness assessments corrected in place: rescored, audited, found by date."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from csdesk.playbook.readiness import readiness_score
from csdesk.playbook.records import ReadinessAssessment
from csdesk.store.repos.assessments import Vote
from csdesk.store.repos.base import NotFound
from tests.conftest import TODAY, dimensions_at


@pytest.fixture
def acme(book):
    return book.accounts.create({"name": "Acme"})


def test_a_correction_is_rescored_and_keeps_date_source_and_votes(book, acme, forms):
    saved = book.assessments.record(acme.id, TODAY, ReadinessAssessment(**dimensions_at(3)),
                                    [Vote("Sam", "executive_sponsorship", 3)],
                                    source="workshop", note="kickoff")
    better = ReadinessAssessment(**dimensions_at(3, executive_sponsorship=5, technical_skills=5),
                                 potential_blockers=["Security review"])
    fixed = book.assessments.update(saved.id, better)
    assert fixed.id == saved.id
    assert fixed.score == readiness_score(better, forms.readiness).score == 4.0
    assert fixed.level == "High"
    assert (fixed.assessed_on, fixed.source, fixed.note) == (TODAY, "workshop", "kickoff")
    assert fixed.potential_blockers == ["Security review"]
    assert (fixed.form_id, fixed.form_version) == ("readiness", forms.readiness.version)
    assert [v.participant for v in book.assessments.votes(saved.id)] == ["Sam"]
    [only] = book.assessments.history(acme.id)
    assert only.executive_sponsorship == 5
    assert book.assessments.update(saved.id, better, note="").note == ""


def test_a_correction_lands_in_the_audit_trail_with_before_and_after(book, acme):
    saved = book.assessments.record(acme.id, TODAY, ReadinessAssessment(**dimensions_at(2)))
    book.assessments.update(saved.id, ReadinessAssessment(
        **dimensions_at(2, change_readiness=4), critical_dependencies=["SSO"]))
    [entry] = [e for e in book.audit.trail(acme.id)
               if e.entity == "readiness_assessments" and e.action == "update"]
    assert entry.entity_id == saved.id
    assert entry.changes["change_readiness"] == [2.0, 4.0]
    assert entry.changes["critical_dependencies"] == [[], ["SSO"]]
    assert entry.changes["score"] == [2.0, 2.5]
    assert "note" not in entry.changes  # unchanged fields are not listed


def test_an_unchanged_correction_writes_no_audit_entry(book, acme):
    values = ReadinessAssessment(**dimensions_at(4))
    saved = book.assessments.record(acme.id, TODAY, values)
    before = len(book.audit.trail(acme.id))
    book.assessments.update(saved.id, values)
    assert len(book.audit.trail(acme.id)) == before


def test_correcting_a_missing_assessment_is_not_found(book):
    with pytest.raises(NotFound):
        book.assessments.update(uuid.uuid4(), ReadinessAssessment(**dimensions_at(3)))


def test_on_date_finds_the_newest_of_that_day_only(book, acme):
    assert book.assessments.on_date(acme.id, TODAY) is None
    book.assessments.record(acme.id, TODAY - dt.timedelta(days=7),
                            ReadinessAssessment(**dimensions_at(2)))
    assert book.assessments.on_date(acme.id, TODAY) is None
    book.assessments.record(acme.id, TODAY, ReadinessAssessment(**dimensions_at(3)))
    second = book.assessments.record(acme.id, TODAY, ReadinessAssessment(**dimensions_at(4)))
    found = book.assessments.on_date(acme.id, TODAY)
    assert found is not None and found.id == second.id and found.score == 4.0


def test_a_recording_can_be_redone_under_its_own_id(book, acme):
    new_id = uuid.uuid4()
    first = book.assessments.record(acme.id, TODAY, ReadinessAssessment(**dimensions_at(3)),
                                    assessment_id=new_id)
    book.assessments.delete(first.id)
    again = book.assessments.record(acme.id, TODAY, ReadinessAssessment(**dimensions_at(3)),
                                    assessment_id=new_id)
    assert first.id == again.id == new_id
    [row] = book.accounts.portfolio()
    assert row.readiness_level == "Medium"
