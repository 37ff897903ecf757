"""The demo book: a CSM opens csdesk for the first time and explores a realistic book.

Every rule of the playbook shows up somewhere, every stored figure is the engine's, the
same seed on the same day gives the same book, and a cancelled or refused demo leaves
the store as it was.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from csdesk.cli import main
from csdesk.errors import InputProblem
from csdesk.playbook.health import health_score
from csdesk.playbook.records import HEALTH_METRICS, HealthMetrics
from csdesk.playbook.signals import next_review_date
from csdesk.store.book import Book, open_book
from csdesk.store.demo import generate_demo, iter_demo_batches
from csdesk.store.orm import HealthSnapshot
from csdesk.store.repos.snapshots import newest_first, newest_params
from csdesk.store.views import SnapshotView
from tests.conftest import metrics_at

TODAY = dt.date(2026, 11, 28)
ACCOUNTS, WEEKS = 60, 30


def fresh_book(forms, path: Path) -> Book:
    return open_book(forms, path, today=lambda: TODAY)


@pytest.fixture(scope="module")
def demo(forms, tmp_path_factory):
    """One 60-account, 30-week demo book, shared by the read-only tests below."""
    book = fresh_book(forms, tmp_path_factory.mktemp("demo") / "x.sqlite3")
    summary = generate_demo(book.store, forms, ACCOUNTS, WEEKS, seed=7, today=TODAY)
    yield book, summary
    book.close()


@pytest.fixture(scope="module")
def signals(demo):
    book, _ = demo
    return {row.id: book.snapshots.signals(row.id) for row in book.accounts.portfolio()}


def test_the_demo_fills_the_book(demo):
    book, summary = demo
    assert not summary.cancelled
    assert summary.accounts == book.accounts.count() == ACCOUNTS
    assert summary.snapshots == ACCOUNTS * WEEKS
    assert summary.audit_entries == ACCOUNTS
    assert summary.assessments >= ACCOUNTS and summary.votes > 0
    assert summary.checklist_items > 0 and summary.workflows > 0 and summary.qbrs > 0
    assert summary.charters > 0 and summary.opportunities > 0
    assert summary.rows == sum(v for k, v in vars(summary).items() if k != "cancelled")
    assert "60 accounts" in summary.describe()


def test_the_book_looks_like_a_real_one(demo, forms):
    book, _ = demo
    accounts = book.accounts.all()
    names = [a.name for a in accounts]
    assert len(set(names)) == len(names)
    assert {"Zoë Ångström AB", "Łódź Logistics", "Müller & Søn GmbH"} <= set(names)
    assert any(any("\u3040" <= ch <= "\u9fff" for ch in n) for n in names)  # Japanese
    assert {a.plan_tier for a in accounts} == {"Starter", "Professional", "Enterprise"}
    assert {a.stage for a in accounts} == set(forms.journey.stage_ids)
    assert len({a.owner for a in accounts}) > 3
    for a in accounts:
        assert a.stage_started is not None and a.onboarding_started is not None
        assert a.renewal_date is not None
        assert TODAY < a.renewal_date <= TODAY + dt.timedelta(days=730)
        assert a.arr > 0 and a.licensed_users
        people = book.stakeholders.list(a.id)
        assert 2 <= len(people) <= 5
        assert [p.name for p in people if p.is_sponsor] == [a.executive_sponsor]
    assert any(a.renewal_date <= TODAY + dt.timedelta(days=90) for a in accounts)
    assert any(a.indicators for a in accounts)
    trail = book.audit.trail(accounts[0].id)
    assert [(e.actor, e.entity, e.action) for e in trail] == [("demo", "accounts", "create")]
    assert trail[0].changes["name"] == [None, accounts[0].name]
    assert trail[0].changes["demo_records"][1]["health_snapshots"] == WEEKS


def test_every_rule_of_the_playbook_fires_for_some_account(signals, forms):
    risks, interventions, expansion, upsell = Counter(), Counter(), Counter(), Counter()
    for result in signals.values():
        risks.update(r.rule_id for r in result.risks)
        interventions.update(i.rule_id for i in result.interventions)
        expansion.update(e.rule_id for e in result.expansion)
        upsell.update(u.rule_id for u in result.upsell)
    assert set(risks) == {r.id for r in forms.signals.risk_rules}
    assert set(interventions) == {i.id for i in forms.signals.interventions}
    assert set(expansion) == {e.id for e in forms.signals.expansion_triggers}
    assert set(upsell) == {u.id for u in forms.signals.upsell}


def test_stored_scores_are_the_engines(demo, forms):
    book, _ = demo
    for row in book.accounts.portfolio()[::7]:
        for snap in book.snapshots.history(row.id):
            metrics = HealthMetrics(**{m: getattr(snap, m) for m in HEALTH_METRICS})
            result = health_score(metrics, forms.health)
            assert (snap.score, snap.status) == (result.score, result.status)
            assert snap.next_review == next_review_date(snap.status, snap.as_of, forms.signals)
            assert (snap.form_id, snap.form_version) == (forms.health.id, forms.health.version)


def test_weekly_history_ends_today_and_the_pointers_follow_it(demo):
    book, _ = demo
    for row in book.accounts.portfolio():
        history = book.snapshots.history(row.id)
        assert [s.as_of for s in history] == [
            TODAY - dt.timedelta(weeks=WEEKS - 1 - w) for w in range(WEEKS)]
        assert book.snapshots.latest(row.id) == history[-1]
        assert (row.as_of, row.score, row.status) == (
            TODAY, history[-1].score, history[-1].status)
        assert row.score_change == pytest.approx(history[-1].score - history[-2].score)
        assessments = book.assessments.history(row.id)
        assert 1 <= len(assessments) <= 3
        assert row.readiness_level == assessments[-1].level


def test_the_register_and_actions_are_what_recording_the_latest_snapshot_raises(demo,
                                                                              signals):
    book, _ = demo
    for account_id, result in signals.items():
        rule_risks = [r for r in book.risks.list(account_id) if r.rule_id]
        assert sorted((r.rule_id, r.status, tuple(r.observed)) for r in rule_risks) == sorted(
            (r.rule_id, "open", tuple(r.observed)) for r in result.risks)
        played = [a for a in book.actions.list(account_id) if a.playbook]
        assert sorted((a.playbook, a.title, a.due_date, a.status) for a in played) == sorted(
            (p.playbook, p.task, p.due, "open") for p in result.actions)
    assert any(r.rule_id is None for a in signals for r in book.risks.list(a))


def test_the_portfolio_shows_every_status(demo, forms):
    book, _ = demo
    rows = book.accounts.portfolio()
    assert {r.status for r in rows} == {s.name for s in forms.health.statuses}
    assert sum(r.open_risks for r in rows) > 0


def test_checklists_are_partly_done_with_some_overdue(demo):
    book, _ = demo
    ids = [row.id for row in book.accounts.portfolio()]
    lists = [c for a in ids[:12] for c in book.checklists.for_account(a)]
    assert any(0 < c.done < c.applicable for c in lists)
    assert any(c.overdue for c in lists)
    assert all(c.done <= c.applicable for c in lists)


def test_workflows_workshops_qbrs_and_charters(demo, forms):
    book, _ = demo
    ids = [row.id for row in book.accounts.portfolio()]
    statuses = {w.status for a in ids for w in book.workflows.list(a)}
    assert statuses == set(forms.journey.workflow_template.statuses)
    workshops = [x for a in ids for x in book.assessments.history(a) if x.source == "workshop"]
    assert workshops
    votes = book.assessments.votes(workshops[0].id)
    assert {v.participant for v in votes} and all(v.stakeholder_id for v in votes)
    assert any(book.qbrs.list(a) for a in ids)
    qbr_account = next(a for a in ids if book.qbrs.list(a))
    assert book.checklists.for_qbr(qbr_account, book.qbrs.list(qbr_account)[0].id)


def test_the_same_seed_on_the_same_day_gives_the_same_book(forms, tmp_path):
    books = []
    for name in ("a", "b"):
        book = fresh_book(forms, tmp_path / f"{name}.sqlite3")
        generate_demo(book.store, forms, 8, 8, seed=3, today=TODAY)
        books.append(book)
    try:
        one, two = (b.accounts.portfolio() for b in books)
        assert one == two
        for row in one:
            assert ([s.id for s in books[0].snapshots.history(row.id)]
                    == [s.id for s in books[1].snapshots.history(row.id)])
    finally:
        for book in books:
            book.close()
    other = next(iter_demo_batches(forms, 8, 8, seed=4, today=TODAY))
    assert {a["id"] for a in other["accounts"]}.isdisjoint({r.id for r in one})


def test_the_demo_goes_only_into_an_empty_store(forms, tmp_path):
    with fresh_book(forms, tmp_path / "x.sqlite3") as book:
        book.accounts.create({"name": "Real Customer GmbH"})
        with pytest.raises(InputProblem,
                           match="already holds 1 account; demo data goes into an empty"):
            generate_demo(book.store, forms, 3, 4, today=TODAY)
        assert book.accounts.count() == 1
        with pytest.raises(InputProblem, match="accounts: 0 is below 1"):
            generate_demo(book.store, forms, 0, 4, today=TODAY)


def test_cancelling_leaves_the_store_empty(forms, tmp_path):
    calls = []

    def stop_after_first(done, total):
        calls.append((done, total))
        return False

    with fresh_book(forms, tmp_path / "x.sqlite3") as book:
        summary = generate_demo(book.store, forms, 30, 6, today=TODAY,
                                progress=stop_after_first)
        assert summary.cancelled and summary.rows == 0
        assert calls == [(20, 30)]
        assert book.accounts.count() == 0
        assert book.accounts.portfolio() == []
        # and the book is usable afterwards: the demo can still be built
        reports = []
        done = generate_demo(book.store, forms, 25, 6, today=TODAY,
                             progress=lambda d, t: reports.append((d, t)) is None)
        assert not done.cancelled and book.accounts.count() == 25
        assert reports == [(20, 25), (25, 25)]


def test_the_demo_command(tmp_path, capsys):
    path = tmp_path / "cli.sqlite3"
    assert main(["--db", str(path), "demo", "--accounts", "5", "--weeks", "8"]) == 0
    out = capsys.readouterr().out
    assert "5 accounts, 40 health snapshots" in out and " s)" in out
    assert main(["--db", str(path), "demo", "--accounts", "5", "--weeks", "8"]) == 2
    assert "already holds 5 accounts" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "message"), [
    (["--accounts", "0"], "--accounts must be at least 1 (got 0)"),
    (["--accounts", "100001"], "--accounts must be at most 100,000"),
    (["--weeks", "0"], "--weeks must be at least 1 (got 0)"),
    (["--weeks", "521"], "--weeks must be at most 520"),
])
def test_the_demo_command_refuses_impossible_sizes(tmp_path, capsys, args, message):
    path = tmp_path / "cli.sqlite3"
    assert main(["--db", str(path), "demo", *args]) == 2
    assert message in capsys.readouterr().err
    assert not path.exists()


# ---- the store speed-ups a 5,000-account book needed keep the store's behaviour -------

def test_history_reads_the_same_views_as_the_orm(demo):
    book, _ = demo
    account_id = book.accounts.portfolio()[0].id
    with book.store.reader() as s:
        rows = s.scalars(select(HealthSnapshot).where(HealthSnapshot.account_id == account_id)
                         .order_by(HealthSnapshot.as_of, HealthSnapshot.created_at))
        expected = [SnapshotView.model_validate(r) for r in rows]
    assert book.snapshots.history(account_id) == expected


def test_newest_snapshots_are_found_as_a_full_sort_finds_them(forms, tmp_path):
    start = TODAY - dt.timedelta(days=60)
    with fresh_book(forms, tmp_path / "x.sqlite3") as book:
        acme = book.accounts.create({"name": "Acme"})
        for n, day in enumerate((0, 7, 7, 14, 21, 21, 21, 28)):  # same-day re-recordings
            book.snapshots.record(acme.id, start + dt.timedelta(days=day),
                                  HealthMetrics(**metrics_at(50 + n)))
        everything = (select(HealthSnapshot.id).where(HealthSnapshot.account_id == acme.id)
                      .order_by(HealthSnapshot.as_of.desc(), HealthSnapshot.created_at.desc()))
        with book.store.reader() as s:
            for up_to in (None, start - dt.timedelta(days=1), start, start + dt.timedelta(days=7),
                          start + dt.timedelta(days=21), TODAY):
                query = everything if up_to is None else everything.where(
                    HealthSnapshot.as_of <= up_to)
                for count in range(1, 11):
                    found = s.scalars(newest_first(select(HealthSnapshot.id), up_to is not None),
                                      newest_params(acme.id, count, up_to))
                    assert list(found) == list(s.scalars(query.limit(count)))


def test_the_demo_fills_a_server_database_too(book, forms):
    """The ``book`` fixture: SQLite always, PostgreSQL when CSDESK_TEST_PG_URL names one."""
    summary = generate_demo(book.store, forms, 6, 5, today=TODAY)
    rows = book.accounts.portfolio()
    assert len(rows) == summary.accounts == 6
    assert all(r.as_of == TODAY and r.score is not None for r in rows)
    for row in rows:
        history = book.snapshots.history(row.id)
        assert [s.as_of for s in history][-1] == TODAY and len(history) == 5
        assert book.snapshots.signals(row.id) is not None
    assert sum(len(book.checklists.for_account(r.id)) for r in rows) == 6 * 4


def test_whatever_the_csm_edits_today_is_newer_than_the_demo(demo):
    """An import keeps the newer ``updated_at``: no demo row may be stamped later today."""
    book, _ = demo
    start_of_today = dt.datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=dt.UTC)
    with book.store.reader() as s:
        newest = s.scalar(select(HealthSnapshot.updated_at)
                          .order_by(HealthSnapshot.updated_at.desc()).limit(1))
    assert newest is not None and newest.replace(tzinfo=dt.UTC) <= start_of_today
    rows = book.accounts.portfolio()
    details = [book.accounts.get(r.id) for r in rows[:10]]
    assert all(a.updated_at.replace(tzinfo=dt.UTC) <= start_of_today for a in details)
