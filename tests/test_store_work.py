"""The CSM's working records: checklists, workflows, risks, actions, QBRs, charter, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.errors import InputProblem
from tests.conftest import TODAY


@pytest.fixture
def acme(book):
    return book.accounts.create({"name": "Acme"})


def test_every_account_checklist_is_there_in_playbook_order(book, acme):
    checklists = book.checklists.for_account(acme.id)
    assert [c.checklist_id for c in checklists] == [
        "technical_readiness", "stage_success", "phase_success", "renewal_readiness"]
    technical = checklists[0]
    assert [label for _, label, _ in technical.sections] == [
        "Infrastructure", "Security & Compliance", "Team & Resources"]
    assert technical.sections[0][2][0].text == "Kubernetes cluster available (v1.24+)"
    assert (technical.done, technical.applicable) == (0, 15)
    assert book.checklists.for_account(acme.id)[0].id == technical.id  # created once


def test_ticking_items_moves_progress_and_overdue_stands_out(book, acme):
    technical = book.checklists.for_account(acme.id)[0]
    kubernetes, database, queue = technical.sections[0][2][:3]
    done = book.checklists.set_item(kubernetes.id, {"state": "done", "owner": "Łukasz"})
    assert (done.state, done.done_on, done.owner) == ("done", TODAY, "Łukasz")
    book.checklists.set_item(database.id, {"state": "na", "note": "they use MySQL"})
    book.checklists.set_item(queue.id, {"due_date": TODAY - dt.timedelta(days=1)})
    technical = book.checklists.for_account(acme.id)[0]
    assert (technical.done, technical.applicable, technical.overdue) == (1, 14, 1)
    reopened = book.checklists.set_item(kubernetes.id, {"state": "open"})
    assert reopened.done_on is None
    with pytest.raises(InputProblem, match="checklist item: state"):
        book.checklists.set_item(kubernetes.id, {"state": "maybe"})


def test_workflows_follow_the_playbook_template(book, acme):
    flow = book.workflows.add(acme.id, {
        "name": "Customer Onboarding Process", "priority": "high", "complexity": "medium",
        "estimated_hours": 16, "dependencies": ["CRM integration", "Email service"],
        "success_criteria": ["Zero data loss"], "phase": 2})
    assert flow.status == "planned" and flow.go_live_date is None
    live = book.workflows.update(flow.id, {"status": "in_production"})
    assert live.go_live_date == TODAY
    assert book.workflows.in_production(acme.id) == 1
    with pytest.raises(InputProblem, match="workflow: priority: 'urgent' is not one of"):
        book.workflows.add(acme.id, {"name": "X", "priority": "urgent"})
    with pytest.raises(InputProblem, match="workflow: phase: 4 is above 3"):
        book.workflows.update(flow.id, {"phase": 4})
    assert book.workflows.get(flow.id).phase == 2  # the refused change left it as it was


def test_risk_register_and_actions(book, acme):
    risk = book.risks.add(acme.id, {"type": "Key person", "severity": "High",
                                    "description": "Only one admin knows the platform"})
    closed = book.risks.update(risk.id, {"status": "mitigated"})
    assert closed.closed_on == TODAY
    assert book.risks.open_count(acme.id) == 0
    action = book.actions.add(acme.id, {"title": "Train a second admin", "owner": "Dana",
                                        "due_date": "2026-12-15"})
    done = book.actions.update(action.id, {"status": "done"})
    assert done.done_on == TODAY


def test_qbr_brings_its_preparation_and_follow_up_checklists(book, acme):
    qbr = book.qbrs.add(acme.id, {"held_on": "2026-12-10", "attendees": ["Zoë", "Sam"],
                                  "achievements": "3 workflows live", "roi_promised": 100_000,
                                  "roi_achieved": 80_000})
    prep, follow_up = book.checklists.for_qbr(acme.id, qbr.id)
    assert prep.title == "QBR preparation" and follow_up.title == "QBR follow-up"
    assert prep.sections[0][2][0].due_date == dt.date(2026, 12, 3)
    assert follow_up.sections[0][2][0].due_date == dt.date(2026, 12, 17)
    assert len(prep.sections[0][2]) == 5
    assert [q.held_on for q in book.qbrs.list(acme.id)] == [dt.date(2026, 12, 10)]
    assert all(c.qbr_id is None for c in book.checklists.for_account(acme.id))


def test_charter_is_one_per_account_and_editable(book, acme):
    assert book.charters.get(acme.id).scope_objectives == ""
    book.charters.update(acme.id, {"scope_objectives": "Automate order intake in 90 days"})
    charter = book.charters.get(acme.id)
    assert charter.scope_objectives == "Automate order intake in 90 days"
    with pytest.raises(InputProblem, match="charter: scope"):
        book.charters.update(acme.id, {"scope_objectives": "x" * 20_001})


def test_every_change_lands_in_the_audit_trail_with_before_and_after(book, acme):
    book.accounts.update(acme.id, {"arr": 99_000, "owner": "Dana"})
    flow = book.workflows.add(acme.id, {"name": "Sync"})
    book.workflows.update(flow.id, {"status": "building"})
    item = book.checklists.for_account(acme.id)[0].sections[0][2][0]
    book.checklists.set_item(item.id, {"state": "done"})
    trail = book.audit.trail(acme.id)
    edits = {(e.entity, e.action): e.changes for e in trail}
    assert edits[("accounts", "update")] == {"arr": [0.0, 99000.0], "owner": ["", "Dana"]}
    assert edits[("workflows", "update")] == {"status": ["planned", "building"]}
    assert edits[("checklist_items", "update")]["state"] == ["open", "done"]
    assert ("workflows", "create") in edits
    assert {e.actor for e in trail} == {book.store.actor}
    assert all(e.at.tzinfo is not None for e in trail)


def test_a_refused_edit_writes_nothing_not_even_audit(book, acme):
    before = len(book.audit.trail(acme.id))
    with pytest.raises(InputProblem):
        book.accounts.update(acme.id, {"arr": -1})
    assert len(book.audit.trail(acme.id)) == before
    assert book.accounts.get(acme.id).arr == 0
