"""Deleting an account can be undone: the store keeps every row of it (the archive) and
puts them back exactly, same ids and timestamps, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.errors import InputProblem
from csdesk.playbook.records import HealthMetrics, ReadinessAssessment
from csdesk.store.repos.assessments import Vote
from csdesk.store.repos.base import NotFound
from csdesk.store.transfer import records
from tests.conftest import TODAY, dimensions_at, metrics_at


@pytest.fixture
def acme(book):
    """An account with a bit of everything: history, checklists ticked, votes, a QBR."""
    acme = book.accounts.create({"name": "Acme Robotics", "owner": "Dana",
                                 "arr": 250_000, "indicators": []})
    zoe = book.stakeholders.add(acme.id, {"name": "Zoë Ångström", "is_sponsor": True})
    for weeks, score in ((3, 60), (2, 45), (1, 30)):
        book.snapshots.record(acme.id, TODAY - dt.timedelta(weeks=weeks),
                              HealthMetrics(**metrics_at(score)))
    book.assessments.record(acme.id, TODAY, ReadinessAssessment(**dimensions_at(3)),
                            [Vote("Zoë", "executive_sponsorship", 4, zoe.id)],
                            source="workshop")
    technical = book.checklists.for_account(acme.id)[0]
    book.checklists.set_item(technical.sections[0][2][0].id,
                             {"state": "done", "owner": "Łukasz"})
    qbr = book.qbrs.add(acme.id, {"held_on": "2026-12-10", "attendees": ["Zoë"]})
    book.actions.add(acme.id, {"title": "Send the recap", "qbr_id": qbr.id})
    book.risks.add(acme.id, {"type": "Champion leaving", "description": "Zoë moves on"})
    book.charters.update(acme.id, {"scope_objectives": "Automate order intake"})
    book.workflows.add(acme.id, {"name": "Order intake"})
    book.opportunities.add(acme.id, {"title": "Workflow AI add-on", "value": 20_000})
    return book.accounts.get(acme.id)


def everything(book, account_id):
    """Every row the account holds (its audit trail aside), as the store reads it."""
    with records(book.store) as session:
        rows = session.records_of([account_id])
    rows.pop("audit")
    return rows


def checklist_states(book, account_id):
    return [(i.item_id, i.state, i.owner) for c in book.checklists.for_account(account_id)
            for _sid, _label, items in c.sections for i in items]


def test_delete_then_restore_gives_the_account_back_exactly(book, acme):
    other = book.accounts.create({"name": "Initech"})
    before_rows = everything(book, acme.id)
    portfolio = book.accounts.portfolio()
    history = book.snapshots.history(acme.id)
    assessments = book.assessments.history(acme.id)
    states = checklist_states(book, acme.id)
    trail = book.audit.trail(acme.id)

    archive = book.accounts.delete(acme.id)
    assert archive.account.name == "Acme Robotics"
    assert archive.counts["snapshots"] == 3
    assert archive.counts["votes"] == 1
    with pytest.raises(NotFound):
        book.accounts.get(acme.id)
    assert [r.name for r in book.accounts.portfolio()] == ["Initech"]
    assert book.snapshots.history(acme.id) == []
    assert everything(book, acme.id) == {kind: [] for kind in before_rows}

    restored = book.accounts.restore(archive)
    assert restored == book.accounts.get(acme.id)
    assert restored.updated_at == acme.updated_at  # the same row, not a new edit
    assert book.accounts.portfolio() == portfolio
    assert book.snapshots.history(acme.id) == history
    assert book.assessments.history(acme.id) == assessments
    assert checklist_states(book, acme.id) == states
    assert everything(book, acme.id) == before_rows
    assert book.accounts.get(other.id).name == "Initech"

    # the trail keeps all it had, and grows by the delete and the re-creation
    after = book.audit.trail(acme.id)
    assert {e.id for e in trail} < {e.id for e in after}
    added = [(e.entity, e.action) for e in after if e.id not in {t.id for t in trail}]
    assert sorted(added) == [("accounts", "create"), ("accounts", "delete")]


def test_the_restored_account_works_like_any_other(book, acme):
    book.accounts.restore(book.accounts.delete(acme.id))
    book.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(80)))
    [row] = book.accounts.portfolio()
    assert row.score == pytest.approx(80) and row.score_change == pytest.approx(50)
    archive = book.accounts.delete(acme.id)  # deleted again, and back again
    assert archive.counts["snapshots"] == 4
    assert book.accounts.restore(archive).name == "Acme Robotics"


def test_restore_refuses_an_account_that_exists(book, acme):
    archive = book.accounts.delete(acme.id)
    book.accounts.restore(archive)
    with pytest.raises(InputProblem, match="exists already"):
        book.accounts.restore(archive)


def test_holdings_count_what_a_delete_removes(book, acme):
    held = book.accounts.holdings(acme.id)
    assert held["snapshots"] == 3
    assert held["assessments"] == 1
    assert held["stakeholders"] == 1
    assert held["qbrs"] == 1
    assert held["checklists"] >= 3
    assert held["checklist_items"] > held["checklists"]
    assert "accounts" not in held and "audit" not in held
    with pytest.raises(NotFound):
        book.accounts.holdings(book.accounts.delete(acme.id).account_id)
