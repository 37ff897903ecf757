"""Deleting one record can be undone exactly: the store keeps the record, the rows the
database deletes with it and the links it clears, and puts them all back with the same
ids, timestamps and derived dates, even days later, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.errors import InputProblem
from csdesk.playbook.records import ReadinessAssessment
from csdesk.store.repos.assessments import Vote
from csdesk.store.repos.base import NotFound, Repository
from csdesk.store.transfer import records
from tests.conftest import TODAY, dimensions_at

LATER = TODAY + dt.timedelta(days=9)


def everything(book, account_id):
    """Every row the account holds, every column (its audit trail aside)."""
    with records(book.store) as session:
        rows = session.records_of([account_id])
    rows.pop("audit")
    return rows


def days_pass(book, day=LATER):
    """The CSM undoes the deletion on another day: every repository's clock moves on."""
    for repo in vars(book).values():
        if isinstance(repo, Repository):
            repo.today = lambda: day


@pytest.fixture
def acme(book):
    account = book.accounts.create({"name": "Acme Robotics", "owner": "Dana"})
    book.accounts.create({"name": "Initech"})  # a neighbour that must not change
    return account


def delete_and_restore(book, repo, record_id, account_id):
    before = everything(book, account_id)
    archive = repo.delete_restorably(record_id)
    with pytest.raises(NotFound):
        repo.get(record_id)
    days_pass(book)
    back = repo.restore(archive)
    after = everything(book, account_id)
    assert after == before  # every row, every column: ids, times, derived dates
    return archive, back


def test_a_done_action_comes_back_with_its_done_date_and_id(book, acme):
    action = book.actions.add(acme.id, {"title": "Send the recap", "status": "done",
                                        "owner": "Dana"})
    assert action.done_on == TODAY
    archive, back = delete_and_restore(book, book.actions, action.id, acme.id)
    assert back.id == action.id
    assert back.done_on == TODAY  # not the day of the undo
    assert archive.view == action


def test_a_closed_risk_comes_back_with_its_dates_and_the_portfolio_counts_it(book, acme):
    risk = book.risks.add(acme.id, {"type": "Champion leaving",
                                    "description": "Zoë moves on", "status": "closed"})
    still_open = book.risks.add(acme.id, {"type": "Budget cut",
                                          "description": "Q3 freeze"})
    archive, back = delete_and_restore(book, book.risks, risk.id, acme.id)
    assert (back.raised_on, back.closed_on) == (TODAY, TODAY)
    # an open risk restored is counted again in the account's summary and the portfolio
    def open_risks():
        [row] = [r for r in book.accounts.portfolio() if r.id == acme.id]
        return row.open_risks

    archive = book.risks.delete_restorably(still_open.id)
    assert open_risks() == 0
    book.risks.restore(archive)
    assert open_risks() == 1


def test_a_qbr_comes_back_with_its_ticked_checklists_and_its_action_items(book, acme):
    qbr = book.qbrs.add(acme.id, {"held_on": "2026-12-10", "attendees": ["Zoë"]})
    [pre, post] = sorted(book.checklists.for_qbr(acme.id, qbr.id), key=lambda c: c.checklist_id)
    ticked = [pre.sections[0][2][0], post.sections[0][2][0]]
    for item in ticked:
        book.checklists.set_item(item.id, {"state": "done", "owner": "Łukasz"})
    tied = book.actions.add(acme.id, {"title": "Send the deck", "qbr_id": qbr.id})
    loose = book.actions.add(acme.id, {"title": "Call Zoë"})

    archive, back = delete_and_restore(book, book.qbrs, qbr.id, acme.id)

    assert archive.count("checklists") == 2 and archive.count("checklist_items") > 2
    assert [link.row_id for link in archive.links] == [tied.id]
    assert back.id == qbr.id
    assert book.actions.get(tied.id).qbr_id == qbr.id
    assert book.actions.get(loose.id).qbr_id is None
    items = {i.id: i for c in book.checklists.for_qbr(acme.id, qbr.id)
             for _sid, _label, section in c.sections for i in section}
    for item in ticked:
        assert (items[item.id].state, items[item.id].done_on) == ("done", TODAY)


def test_a_stakeholder_who_voted_comes_back_tied_to_the_votes(book, acme):
    zoe = book.stakeholders.add(acme.id, {"name": "Zoë Ångström", "is_sponsor": True})
    assessment = book.assessments.record(
        acme.id, TODAY, ReadinessAssessment(**dimensions_at(3)),
        [Vote("Zoë", "executive_sponsorship", 4, zoe.id)], source="workshop")
    workshop = book.workshops.start(acme.id, [("Zoë Ångström", zoe.id)])

    archive, back = delete_and_restore(book, book.stakeholders, zoe.id, acme.id)

    assert {link.kind for link in archive.links} == {"votes", "workshop_participants"}
    assert back == zoe
    [vote] = book.assessments.votes(assessment.id)
    assert vote.stakeholder_id == zoe.id
    assert book.workshops.get(workshop.id).participants[0].stakeholder_id == zoe.id


def test_undo_redo_undo_gives_the_same_record_each_time(book, acme):
    action = book.actions.add(acme.id, {"title": "Send the recap", "status": "done"})
    before = everything(book, acme.id)
    for _ in range(2):
        archive = book.actions.delete_restorably(action.id)
        days_pass(book)
        book.actions.restore(archive)
    assert everything(book, acme.id) == before


def test_restoring_is_audited_as_a_create_of_the_same_record(book, acme):
    action = book.actions.add(acme.id, {"title": "Send the recap", "status": "done"})
    book.actions.restore(book.actions.delete_restorably(action.id))
    trail = [(e.action, e.entity_id) for e in book.audit.trail(acme.id)
             if e.entity == "action_items"]
    assert sorted(trail) == sorted([("create", action.id), ("delete", action.id),
                                    ("create", action.id)])
    [latest] = [e for e in book.audit.trail(acme.id, limit=1)]
    assert latest.action == "create" and latest.changes["done_on"] == [None, "2026-11-28"]


def test_a_record_cannot_be_restored_twice_or_without_its_account(book, acme):
    action = book.actions.add(acme.id, {"title": "Send the recap"})
    archive = book.actions.delete_restorably(action.id)
    book.actions.restore(archive)
    with pytest.raises(InputProblem, match="exists already"):
        book.actions.restore(archive)
    archive = book.actions.delete_restorably(action.id)
    book.accounts.delete(acme.id)
    with pytest.raises(InputProblem, match="action item: its account no longer exists"):
        book.actions.restore(archive)
