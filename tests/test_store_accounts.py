"""A CSM's accounts in the store: create, edit, find, archive, delete, the portfolio."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from csdesk.errors import InputProblem
from csdesk.playbook.records import HealthMetrics, ReadinessAssessment
from csdesk.store.repos.base import NotFound
from tests.conftest import TODAY, dimensions_at, metrics_at


def test_create_an_account_with_defaults(book):
    acme = book.accounts.create({"name": "  Acme Corp ", "plan_tier": "Professional",
                                 "arr": 240_000, "renewal_date": "2027-03-31"})
    assert acme.name == "Acme Corp"
    assert acme.stage == "onboarding"
    assert acme.stage_started == TODAY and acme.onboarding_started == TODAY
    assert acme.renewal_date == dt.date(2027, 3, 31)
    assert acme.created_at.tzinfo is not None
    assert book.accounts.get(acme.id) == acme


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"name": ""}, "account: name: must not be empty"),
        ({"name": "X", "arr": -5}, "account: arr: -5 is below 0"),
        ({"name": "X", "plan_tier": "Gold"}, "account: plan_tier:"),
        ({"name": "X", "stage": "honeymoon"}, "account: stage: 'honeymoon' is not one of"),
        ({"name": "X", "renewal_date": "next year"}, "account: renewal_date:"),
        ({"name": "X", "indicators": ["vip"]}, "account: indicators: 'vip' is not one of"),
    ],
)
def test_bad_account_fields_are_refused_by_name(book, data, problem):
    with pytest.raises(InputProblem) as info:
        book.accounts.create(data)
    assert any(line.startswith(problem) for line in info.value.problems), info.value.problems
    assert book.accounts.count() == 0


def test_moving_stage_restarts_the_stage_clock(book):
    acme = book.accounts.create({"name": "Acme", "stage": "purchase",
                                 "stage_started": "2026-10-01"})
    assert acme.onboarding_started is None
    moved = book.accounts.update(acme.id, {"stage": "onboarding"})
    assert moved.stage_started == TODAY
    assert moved.onboarding_started == TODAY


def test_find_by_id_name_case_and_prefix(book):
    acme = book.accounts.create({"name": "Acme Corp"})
    book.accounts.create({"name": "Acme Logistics"})
    book.accounts.create({"name": "Zoë Ångström AB"})
    assert book.accounts.find(str(acme.id)).id == acme.id
    assert book.accounts.find("acme corp").id == acme.id
    assert book.accounts.find("zoë").name == "Zoë Ångström AB"
    with pytest.raises(NotFound, match="more than one"):
        book.accounts.find("acme")
    with pytest.raises(NotFound, match="no account named 'Initech'"):
        book.accounts.find("Initech")


def test_portfolio_row_tells_the_whole_story(book):
    acme = book.accounts.create({"name": "Acme", "renewal_date": TODAY + dt.timedelta(days=45)})
    book.snapshots.record(acme.id, TODAY - dt.timedelta(days=7),
                          HealthMetrics(**metrics_at(70)))
    book.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(65, platform_adoption=40)))
    book.assessments.record(acme.id, TODAY, ReadinessAssessment(**dimensions_at(4)))
    [row] = book.accounts.portfolio()
    assert row.name == "Acme"
    assert row.status == "At Risk"
    assert row.score == pytest.approx(65 - 25 * 0.16)
    assert row.score_change == pytest.approx(row.score - 70)
    assert row.days_to_renewal == 45
    assert row.next_review == TODAY + dt.timedelta(days=14)
    assert row.open_risks == 2  # low adoption, and success rate below 95
    assert row.readiness_level == "High"


def test_an_account_without_history_still_lists(book):
    book.accounts.create({"name": "Fresh"})
    [row] = book.accounts.portfolio()
    assert (row.score, row.status, row.score_change, row.open_risks) == (None, None, None, 0)


def test_archived_accounts_leave_the_portfolio(book):
    acme = book.accounts.create({"name": "Acme"})
    book.accounts.create({"name": "Initech"})
    book.accounts.set_archived(acme.id, True)
    assert [r.name for r in book.accounts.portfolio()] == ["Initech"]
    assert len(book.accounts.portfolio(include_archived=True)) == 2


def test_search_in_the_portfolio(book):
    book.accounts.create({"name": "Acme", "owner": "Dana"})
    book.accounts.create({"name": "Initech", "owner": "Sam"})
    assert [r.name for r in book.accounts.portfolio(search="dan")] == ["Acme"]


def test_delete_takes_everything_but_the_audit_trail(book):
    acme = book.accounts.create({"name": "Acme"})
    book.stakeholders.add(acme.id, {"name": "Zoë", "is_sponsor": True})
    book.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(30)))
    assert book.actions.list(acme.id)
    book.accounts.delete(acme.id)
    with pytest.raises(NotFound):
        book.accounts.get(acme.id)
    assert book.snapshots.history(acme.id) == []
    assert book.actions.list(acme.id) == []
    trail = book.audit.trail(acme.id)
    assert ("accounts", "delete") in {(e.entity, e.action) for e in trail}
    assert ("accounts", "create") in {(e.entity, e.action) for e in trail}


def test_stakeholders(book):
    acme = book.accounts.create({"name": "Acme"})
    book.stakeholders.add(acme.id, {"name": "Łukasz Nowak", "role": "CTO"})
    zoe = book.stakeholders.add(acme.id, {"name": "Zoë Ångström", "is_sponsor": True})
    book.stakeholders.update(zoe.id, {"role": "VP Operations"})
    # the order of names is the database's collation; the window sorts for the user
    assert {(s.name, s.role) for s in book.stakeholders.list(acme.id)} == {
        ("Zoë Ångström", "VP Operations"), ("Łukasz Nowak", "CTO")}
    with pytest.raises(InputProblem, match="stakeholder: name"):
        book.stakeholders.add(acme.id, {"name": " "})


def test_child_records_need_an_existing_account(book):
    with pytest.raises(NotFound, match="no account"):
        book.workflows.add(uuid.uuid4(), {"name": "Sync"})


def test_find_ignores_case_beyond_ascii(book):
    lodz = book.accounts.create({"name": "Łódź Logistics"})
    assert book.accounts.find("łódź logistics").id == lodz.id
    assert book.accounts.find("ŁÓDŹ").id == lodz.id


def test_nul_characters_are_refused_before_the_database_sees_them(book):
    with pytest.raises(InputProblem, match="NUL character"):
        book.accounts.create({"name": "Acme\x00"})
    acme = book.accounts.create({"name": "Acme"})
    with pytest.raises(InputProblem, match="NUL character"):
        book.stakeholders.add(acme.id, {"name": "Zoë", "notes": "a\x00b"})
