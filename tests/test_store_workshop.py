"""The kickoff workshop in the store: votes and notes kept at once, the day's clock, and
its end as one transaction (assessment with votes, charter, checklist ticks)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from csdesk.errors import InputProblem
from csdesk.playbook.records import READINESS_DIMENSIONS
from csdesk.store.book import Book
from csdesk.store.orm import AuditEntry, WorkshopVote
from csdesk.store.repos.account_archive import holdings
from tests.conftest import TODAY


class Clock:
    def __init__(self) -> None:
        self.at = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.at

    def wait(self, minutes: float) -> None:
        self.at += dt.timedelta(minutes=minutes)


@pytest.fixture
def clock(book: Book) -> Clock:
    c = Clock()
    book.workshops.now = c
    return c


@pytest.fixture
def acme(book):
    account = book.accounts.create({"name": "Acme"})
    book.stakeholders.add(account.id, {"name": "Dana Sponsor", "role": "VP Ops"})
    return account


def _room(book, acme):
    [dana] = book.stakeholders.list(acme.id)
    ws = book.workshops.start(acme.id, [("Dana Sponsor", dana.id)])
    lee = book.workshops.add_participant(ws.id, "Lee (IT)")
    kim = book.workshops.add_participant(ws.id, "Kim")
    return book.workshops.get(ws.id), lee, kim


def test_every_vote_is_kept_at_once_and_a_revote_replaces_it(book, acme, clock):
    ws, lee, kim = _room(book, acme)
    dana = ws.participants[0]
    book.workshops.vote(dana.id, "budget_approval", 4)
    book.workshops.vote(lee.id, "budget_approval", 2)
    book.workshops.vote(lee.id, "budget_approval", 3)  # changed her mind
    book.workshops.vote(kim.id, "technical_skills", 5)
    book.workshops.vote(kim.id, "technical_skills", None)  # withdrawn
    again = book.workshops.active(acme.id)
    assert again is not None and again.id == ws.id
    assert [p.name for p in again.participants] == ["Dana Sponsor", "Lee (IT)", "Kim"]
    assert again.participants[0].stakeholder_id == dana.stakeholder_id
    assert again.votes[dana.id] == {"budget_approval": 4}
    assert again.votes[lee.id] == {"budget_approval": 3}
    assert again.votes[kim.id] == {}
    with book.store.reader() as s:
        assert s.scalar(select(func.count()).select_from(WorkshopVote)) == 2
        audited = s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "workshop_votes", AuditEntry.account_id == acme.id))
        assert audited == 5  # three creates, one change, one delete


def test_bad_votes_and_notes_are_refused_with_the_reason(book, acme, clock):
    ws, lee, _kim = _room(book, acme)
    with pytest.raises(InputProblem, match="whole number 1-5"):
        book.workshops.vote(lee.id, "budget_approval", 6)
    with pytest.raises(InputProblem, match="not a readiness dimension"):
        book.workshops.vote(lee.id, "vibes", 3)
    with pytest.raises(InputProblem, match="not a workshop deliverable"):
        book.workshops.set_note(ws.id, "lunch", "pizza")
    with pytest.raises(InputProblem, match="name"):
        book.workshops.add_participant(ws.id, "   ")
    with pytest.raises(InputProblem, match="already has a workshop running"):
        book.workshops.start(acme.id)


def test_the_clock_keeps_planned_and_actual_times_block_by_block(book, acme, clock):
    ws = book.workshops.start(acme.id)
    assert ws.current_block == "welcome"
    assert [(b.block_id, b.planned_start, b.planned_end) for b in ws.blocks][:2] == [
        ("welcome", "09:00", "10:30"), ("current_state", "10:45", "12:00")]
    clock.wait(80)  # the welcome ran 10 minutes short
    ws = book.workshops.advance(ws.id)
    assert ws.current_block == "current_state"
    welcome, current = ws.blocks[0], ws.blocks[1]
    assert (welcome.ended_at - welcome.started_at) == dt.timedelta(minutes=80)
    assert current.started_at == clock.at and current.ended_at is None
    for _ in range(4):
        clock.wait(60)
        ws = book.workshops.advance(ws.id)
    assert ws.current_block is None and all(b.ended_at for b in ws.blocks)
    with pytest.raises(InputProblem, match="last block"):
        book.workshops.advance(ws.id)


def test_ending_records_the_assessment_with_every_vote_fills_the_charter_and_ticks(
        book, acme, clock, forms):
    ws, lee, kim = _room(book, acme)
    dana = ws.participants[0]
    for dim in READINESS_DIMENSIONS:
        book.workshops.vote(dana.id, dim, 4)
        book.workshops.vote(lee.id, dim, 3)
    book.workshops.vote(kim.id, "technical_skills", 1)
    book.workshops.set_note(ws.id, "scope_objectives", "Automate order intake")
    book.workshops.set_note(ws.id, "success_criteria", "80% straight-through")
    book.workshops.set_note(ws.id, "potential_blockers", "- Security review\n\n* SSO setup")
    book.workshops.set_note(ws.id, "architecture_notes", "Kubernetes on-prem")
    outcome = book.workshops.end(ws.id, {"budget_approval": 3.0})
    saved = outcome.assessment
    assert saved.source == "workshop" and saved.assessed_on == TODAY
    assert saved.budget_approval == 3.0  # the edited consensus
    assert saved.executive_sponsorship == 3.5  # the mean of 4 and 3
    assert saved.technical_skills == pytest.approx(8 / 3)
    assert saved.potential_blockers == ["Security review", "SSO setup"]
    votes = book.assessments.votes(saved.id)
    assert len(votes) == 9 + 9 + 1
    assert {v.participant for v in votes} == {"Dana Sponsor", "Lee (IT)", "Kim"}
    assert {v.stakeholder_id for v in votes if v.participant == "Dana Sponsor"} == {
        dana.stakeholder_id}
    charter = book.charters.get(acme.id)
    assert charter.scope_objectives == "Automate order intake"
    assert charter.success_criteria == "80% straight-through"
    assert charter.architecture_notes == "Kubernetes on-prem"
    assert outcome.ticked == len(forms.workshop.ticks) == 4
    tech = next(c for c in book.checklists.for_account(acme.id)
                if c.checklist_id == "technical_readiness")
    done = {i.item_id for _sid, _label, items in tech.sections for i in items
            if i.state == "done"}
    assert done == {t.item for t in forms.workshop.ticks}
    assert book.workshops.active(acme.id) is None
    [ended] = book.workshops.for_account(acme.id)
    assert (ended.status, ended.assessment_id) == ("ended", saved.id)
    assert book.assessments.history(acme.id)[-1].id == saved.id
    with pytest.raises(InputProblem, match="has ended"):
        book.workshops.vote(lee.id, "budget_approval", 2)


def test_ending_without_a_vote_on_every_dimension_changes_nothing(book, acme, clock):
    ws, lee, _kim = _room(book, acme)
    book.workshops.vote(lee.id, "budget_approval", 3)
    book.workshops.set_note(ws.id, "scope_objectives", "Keep me")
    with pytest.raises(InputProblem, match="executive_sponsorship: nobody has voted yet"):
        book.workshops.end(ws.id)
    assert book.assessments.history(acme.id) == []
    assert book.charters.get(acme.id).scope_objectives == ""
    assert book.workshops.active(acme.id) is not None


def test_a_deleted_account_takes_its_workshop_along_and_undo_brings_it_back(
        book, acme, clock):
    ws, lee, _kim = _room(book, acme)
    book.workshops.vote(lee.id, "budget_approval", 2)
    book.workshops.set_note(ws.id, "resources", "Two engineers")
    with book.store.reader() as s:
        counts = holdings(s, acme.id)
    assert (counts["workshops"], counts["workshop_participants"], counts["workshop_votes"],
            counts["workshop_notes"], counts["workshop_blocks"]) == (1, 3, 1, 1, 5)
    archive = book.accounts.delete(acme.id)
    assert book.workshops.active(acme.id) is None
    book.accounts.restore(archive)
    back = book.workshops.active(acme.id)
    assert back is not None and back.id == ws.id
    assert back.votes[lee.id] == {"budget_approval": 2}
    assert back.notes == {"resources": "Two engineers"}
