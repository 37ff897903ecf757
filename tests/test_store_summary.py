"""The portfolio reads each account's summary (latest score, status, date, next review,
change since the previous snapshot, readiness level, open risks) from columns every write
keeps current: after each kind of write the portfolio shows what the history says."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from csdesk.exchange.accountfile import export_accounts
from csdesk.exchange.merge import import_account_file
from csdesk.playbook.records import HealthMetrics, ReadinessAssessment
from csdesk.store.book import open_book
from csdesk.store.demo import generate_demo
from csdesk.store.summary import refresh_summary
from tests.conftest import TODAY, dimensions_at, metrics_at
from tests.test_exchange_support import colleague_book


def line(book, account_id):
    [row] = [r for r in book.accounts.portfolio(include_archived=True) if r.id == account_id]
    return row


def from_history(book, account_id):
    """What the portfolio must show, worked out from the history itself."""
    snaps = book.snapshots.history(account_id)  # oldest first
    latest = snaps[-1] if snaps else None
    previous = snaps[-2] if len(snaps) > 1 else None
    assessed = book.assessments.history(account_id)
    newest = assessed[-1] if assessed else None  # oldest first
    return {
        "score": latest and latest.score, "status": latest and latest.status,
        "as_of": latest and latest.as_of, "next_review": latest and latest.next_review,
        "score_change": (latest.score - previous.score) if latest and previous else None,
        "readiness_level": newest and newest.level,
        "open_risks": book.risks.open_count(account_id),
    }


def shown(book, account_id):
    row = line(book, account_id)
    return {name: getattr(row, name) for name in (
        "score", "status", "as_of", "next_review", "score_change", "readiness_level",
        "open_risks")}


def assert_current(book, account_id):
    assert shown(book, account_id) == from_history(book, account_id)
    before = book.accounts.portfolio(include_archived=True)
    with book.store.transaction() as s:  # recomputed from scratch: nothing changes
        refresh_summary(s)
    assert book.accounts.portfolio(include_archived=True) == before


def record(book, account_id, weeks_ago, value, **changes):
    return book.snapshots.record(account_id, TODAY - dt.timedelta(weeks=weeks_ago),
                                 HealthMetrics(**metrics_at(value, **changes)))


@pytest.fixture
def acme(book):
    return book.accounts.create({"name": "Acme Robotics", "owner": "Dana", "arr": 250_000})


def test_a_new_account_shows_no_score_and_no_risks(book, acme):
    assert shown(book, acme.id) == {
        "score": None, "status": None, "as_of": None, "next_review": None,
        "score_change": None, "readiness_level": None, "open_risks": 0}
    assert_current(book, acme.id)


def test_recording_snapshots_moves_the_score_and_its_change(book, acme):
    record(book, acme.id, 2, 85)
    assert line(book, acme.id).score == pytest.approx(85)
    assert line(book, acme.id).status == "Healthy"
    record(book, acme.id, 1, 40)  # critical: the rules raise risks
    row = line(book, acme.id)
    assert row.score == pytest.approx(40)
    assert row.status == "Critical"
    assert row.score_change == pytest.approx(-45)
    assert row.as_of == TODAY - dt.timedelta(weeks=1)
    assert row.open_risks > 0
    assert_current(book, acme.id)


def test_a_back_dated_snapshot_changes_only_the_previous_score(book, acme):
    record(book, acme.id, 1, 70)
    record(book, acme.id, 3, 90)
    row = line(book, acme.id)
    assert row.score == pytest.approx(70)
    assert row.score_change == pytest.approx(-20)
    assert_current(book, acme.id)


def test_correcting_the_latest_snapshot_rescores_the_line(book, acme):
    record(book, acme.id, 2, 85)
    latest = record(book, acme.id, 1, 82).snapshot
    book.snapshots.update(latest.id, HealthMetrics(**metrics_at(45)))
    row = line(book, acme.id)
    assert row.score == pytest.approx(45)
    assert row.status == "Critical"
    assert row.score_change == pytest.approx(-40)
    assert_current(book, acme.id)


def test_deleting_the_latest_snapshot_falls_back_to_the_one_before(book, acme):
    record(book, acme.id, 3, 75)
    record(book, acme.id, 2, 85)
    latest = record(book, acme.id, 1, 40).snapshot
    book.snapshots.delete(latest.id)
    row = line(book, acme.id)
    assert row.score == pytest.approx(85)
    assert row.score_change == pytest.approx(10)
    assert_current(book, acme.id)
    for snap in book.snapshots.history(acme.id):
        book.snapshots.delete(snap.id)
    assert line(book, acme.id).score is None
    assert_current(book, acme.id)


def test_assessments_set_the_readiness_level(book, acme):
    first = book.assessments.record(acme.id, TODAY - dt.timedelta(days=30),
                                    ReadinessAssessment(**dimensions_at(5)))
    assert line(book, acme.id).readiness_level == first.level
    second = book.assessments.record(acme.id, TODAY, ReadinessAssessment(**dimensions_at(1)))
    assert line(book, acme.id).readiness_level == second.level != first.level
    book.assessments.update(second.id, ReadinessAssessment(**dimensions_at(5)))
    assert line(book, acme.id).readiness_level == first.level
    assert_current(book, acme.id)
    book.assessments.delete(second.id)
    book.assessments.delete(first.id)
    assert line(book, acme.id).readiness_level is None
    assert_current(book, acme.id)


def test_opening_and_closing_risks_by_hand_counts_them(book, acme):
    one = book.risks.add(acme.id, {"type": "Champion leaving", "description": "Zoë moves"})
    two = book.risks.add(acme.id, {"type": "Budget", "description": "Cuts"})
    assert line(book, acme.id).open_risks == 2
    book.risks.update(one.id, {"status": "mitigated"})
    assert line(book, acme.id).open_risks == 1
    book.risks.update(one.id, {"status": "open"})
    assert line(book, acme.id).open_risks == 2
    book.risks.delete(two.id)
    assert line(book, acme.id).open_risks == 1
    assert_current(book, acme.id)


def test_risks_the_rules_close_are_no_longer_counted(book, acme):
    record(book, acme.id, 2, 40)
    raised = line(book, acme.id).open_risks
    assert raised > 0
    record(book, acme.id, 1, 95)  # recovered: the rules close their risks
    assert line(book, acme.id).open_risks < raised
    assert_current(book, acme.id)


def test_an_edit_of_the_account_keeps_its_summary(book, acme):
    record(book, acme.id, 1, 40)
    before = shown(book, acme.id)
    book.accounts.update(acme.id, {"name": "Acme Robotics GmbH"})
    book.accounts.set_archived(acme.id, True)
    assert shown(book, acme.id) == before
    assert_current(book, acme.id)


def test_a_restored_account_comes_back_with_its_summary(book, acme):
    record(book, acme.id, 2, 85)
    record(book, acme.id, 1, 40)
    book.assessments.record(acme.id, TODAY, ReadinessAssessment(**dimensions_at(4)))
    book.risks.add(acme.id, {"type": "Budget", "description": "Cuts"})
    before = shown(book, acme.id)
    archive = book.accounts.delete(acme.id)
    book.accounts.restore(archive)
    assert shown(book, acme.id) == before
    assert_current(book, acme.id)


def test_an_imported_account_arrives_with_its_summary(book, acme, tmp_path, forms):
    record(book, acme.id, 2, 85)
    record(book, acme.id, 1, 40)
    book.assessments.record(acme.id, TODAY, ReadinessAssessment(**dimensions_at(4)))
    book.risks.add(acme.id, {"type": "Budget", "description": "Cuts"})
    export_accounts(book, [acme.id], tmp_path / "acme.csdesk")
    with colleague_book(book, tmp_path, forms) as other:
        import_account_file(other, tmp_path / "acme.csdesk")
        assert shown(other, acme.id) == shown(book, acme.id)
        assert_current(other, acme.id)
        # a newer snapshot recorded on the colleague's laptop, merged back
        record(other, acme.id, 0, 90)
        export_accounts(other, [acme.id], tmp_path / "back.csdesk")
    import_account_file(book, tmp_path / "back.csdesk")
    assert line(book, acme.id).score == pytest.approx(90)
    assert_current(book, acme.id)


def test_the_demo_book_carries_the_summary_its_rows_give(book, forms):
    generate_demo(book.store, forms, accounts=12, weeks=20, seed=3, today=TODAY)
    for row in book.accounts.portfolio(include_archived=True):
        assert shown(book, row.id) == from_history(book, row.id)
    before = book.accounts.portfolio(include_archived=True)
    with book.store.transaction() as s:
        refresh_summary(s)
    assert book.accounts.portfolio(include_archived=True) == before


def test_a_store_gets_its_hooks_where_sqlalchemy_remembers_a_freed_one(
        tmp_path, forms, monkeypatch):
    """SQLAlchemy's event.contains() answers by the id() of a session factory, so a new
    store's factory, made where a closed store's was freed, can look hooked already
    (it happened: a fresh book's portfolio kept no scores). Installing never asks it."""
    monkeypatch.setattr(event, "contains", lambda *_a, **_k: True)  # a reused id's answer
    with open_book(forms, tmp_path / "book.sqlite3", today=lambda: TODAY) as book:
        acme = book.accounts.create({"name": "Acme"})
        book.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(70)))
        [row] = book.accounts.portfolio()
        assert row.score == pytest.approx(70) and row.status is not None
        assert "accounts" in [e.entity for e in book.audit.trail(acme.id)]
