"""Scores kept as history: snapshots and assessments, with the rules' risks and actions."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.errors import InputProblem
from csdesk.playbook.health import health_score
from csdesk.playbook.records import HealthMetrics, OperationalFigures, ReadinessAssessment
from csdesk.store.repos.assessments import Vote
from tests.conftest import TODAY, dimensions_at, metrics_at

HEALTHY = metrics_at(90, system_uptime=99.95, workflow_success_rate=99)


@pytest.fixture
def acme(book):
    return book.accounts.create({"name": "Acme", "licensed_users": 100,
                                 "renewal_date": TODAY + dt.timedelta(days=200)})


def week(n: int) -> dt.date:
    return TODAY - dt.timedelta(weeks=n)


def test_a_snapshot_is_scored_by_the_playbook_and_keeps_its_form_version(book, acme, forms):
    metrics = HealthMetrics(**metrics_at(72, roi_achievement=55))
    recorded = book.snapshots.record(acme.id, TODAY, metrics, OperationalFigures(
        recent_support_tickets=4, monthly_executions=12_000), note="after the outage")
    snap = recorded.snapshot
    assert snap.score == health_score(metrics, forms.health).score
    assert snap.status == "At Risk"
    assert (snap.form_id, snap.form_version) == ("health", forms.health.version)
    assert snap.next_review == TODAY + dt.timedelta(days=14)
    assert snap.recent_support_tickets == 4 and snap.note == "after the outage"


def test_history_is_never_overwritten(book, acme):
    book.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(70)))
    book.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(75)))
    history = book.snapshots.history(acme.id)
    assert [s.score for s in history] == pytest.approx([70, 75])
    assert book.snapshots.latest(acme.id).score == pytest.approx(75)


def test_rules_raise_risks_and_close_them_when_they_clear(book, acme):
    low = HealthMetrics(**{**HEALTHY, "platform_adoption": 40})
    first = book.snapshots.record(acme.id, week(1), low)
    assert first.risks_raised == ["Low Adoption"]
    again = book.snapshots.record(acme.id, week(0) - dt.timedelta(days=3), low)
    assert again.risks_raised == []  # still open: not raised twice
    [risk] = book.risks.list(acme.id)
    assert (risk.rule_id, risk.status, risk.observed) == (
        "low_adoption", "open", ["Platform adoption 40 < 50"])
    cleared = book.snapshots.record(acme.id, TODAY, HealthMetrics(**HEALTHY))
    assert cleared.risks_closed == ["Low Adoption"]
    [risk] = book.risks.list(acme.id)
    assert (risk.status, risk.closed_on) == ("closed", TODAY)


def test_a_risk_seen_again_differently_keeps_what_was_seen_last(book, acme):
    book.snapshots.record(acme.id, week(1), HealthMetrics(**{**HEALTHY, "platform_adoption": 40}))
    again = book.snapshots.record(acme.id, TODAY,
                                  HealthMetrics(**{**HEALTHY, "platform_adoption": 45}))
    assert (again.risks_raised, again.risks_closed) == ([], [])
    [risk] = book.risks.list(acme.id)
    assert (risk.status, risk.observed) == ("open", ["Platform adoption 45 < 50"])
    [seen] = [e for e in book.audit.trail(acme.id)
              if (e.entity, e.action) == ("risks", "update")]
    assert seen.changes == {"observed": [["Platform adoption 40 < 50"],
                                         ["Platform adoption 45 < 50"]]}


def test_recording_a_snapshot_is_audited_with_everything_it_changed(book, acme):
    first = book.snapshots.record(acme.id, week(1), HealthMetrics(**metrics_at(35)))
    before = {e.id for e in book.audit.trail(acme.id)}
    healthy = book.snapshots.record(acme.id, TODAY, HealthMetrics(**HEALTHY))
    new_id = str(healthy.snapshot.id)
    recorded = [e for e in book.audit.trail(acme.id) if e.id not in before]
    kinds = sorted((e.entity, e.action) for e in recorded)
    assert kinds.count(("action_items", "update")) == healthy.actions_cleared == 12
    assert ("action_items", "create") in kinds  # the growth playbook starts
    [created] = [e for e in recorded if e.entity == "health_snapshots"]
    assert (created.action, created.entity_id) == ("create", healthy.snapshot.id)
    assert created.changes["platform_adoption"] == [None, 90]
    [pointed] = [e for e in recorded if e.entity == "accounts"]
    assert pointed.changes == {"latest_snapshot_id": [str(first.snapshot.id), new_id],
                               "previous_snapshot_id": [None, str(first.snapshot.id)]}
    closed = [e.changes for e in recorded if e.entity == "risks"]
    assert closed and all(c["status"] == ["open", "closed"] for c in closed)
    assert len(closed) == len(healthy.risks_closed)


def test_several_readings_on_one_day_the_last_recorded_is_the_latest(book, acme):
    for adoption in (60, 70, 80):
        book.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(adoption)))
    [row] = book.accounts.portfolio()
    assert row.score == pytest.approx(80) and row.score_change == pytest.approx(10)
    assert book.snapshots.latest(acme.id).score == pytest.approx(80)


def test_a_manual_risk_is_left_alone_by_the_rules(book, acme):
    book.risks.add(acme.id, {"type": "Champion leaving", "severity": "High",
                             "description": "Our champion resigned"})
    book.snapshots.record(acme.id, TODAY, HealthMetrics(**HEALTHY))
    [risk] = book.risks.list(acme.id)
    assert risk.status == "open" and risk.rule_id is None and risk.raised_on == TODAY


def test_a_critical_trigger_starts_the_recovery_plan_once_and_clears_it(book, acme):
    critical = HealthMetrics(**metrics_at(35))
    started = book.snapshots.record(acme.id, week(2), critical)
    assert started.actions_created == 12
    assert book.snapshots.record(acme.id, week(1), critical).actions_created == 0
    actions = book.actions.list(acme.id)
    assert {a.playbook for a in actions} == {"critical_recovery"}
    first = actions[0]
    assert (first.step, first.due_date, first.trigger_rule) == (
        "Immediate Assessment", week(2) + dt.timedelta(days=1), "health_below_40")
    book.actions.update(first.id, {"status": "done"})
    healthy = book.snapshots.record(acme.id, TODAY, HealthMetrics(**HEALTHY))
    assert healthy.actions_cleared == 11
    statuses = {a.status for a in book.actions.list(acme.id) if a.playbook == "critical_recovery"}
    assert statuses == {"done", "cleared"}
    assert any(a.playbook == "growth_opportunity" for a in book.actions.list(acme.id))


def test_a_back_dated_snapshot_does_not_touch_todays_risks(book, acme):
    book.snapshots.record(acme.id, TODAY, HealthMetrics(**HEALTHY))
    late_entry = book.snapshots.record(acme.id, week(5), HealthMetrics(**metrics_at(30)))
    assert late_entry.signals is None
    assert book.risks.list(acme.id) == []
    assert book.snapshots.latest(acme.id).as_of == TODAY
    assert [s.as_of for s in book.snapshots.history(acme.id)] == [week(5), TODAY]


def test_trend_rules_read_the_stored_history(book, acme):
    for n, adoption in zip((3, 2, 1, 0), (80, 76, 72, 68), strict=True):
        result = book.snapshots.record(acme.id, week(n), HealthMetrics(
            **{**HEALTHY, "platform_adoption": adoption}))
    fired = {i.rule_id: i.observed for i in result.signals.interventions}
    assert fired["adoption_declining"] == [
        "Platform adoption fell 12 points over the last 4 snapshots"]
    assert book.snapshots.signals(acme.id).interventions == result.signals.interventions


def test_unknown_flags_are_refused(book, acme):
    with pytest.raises(InputProblem, match="'lunch' is not one of"):
        book.snapshots.record(acme.id, TODAY, HealthMetrics(**HEALTHY), flags=["lunch"])
    assert book.snapshots.history(acme.id) == []


def test_deleting_a_mistaken_snapshot_moves_the_portfolio_back(book, acme):
    book.snapshots.record(acme.id, week(1), HealthMetrics(**metrics_at(70)))
    wrong = book.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(20)))
    book.snapshots.delete(wrong.snapshot.id)
    [row] = book.accounts.portfolio()
    assert row.score == pytest.approx(70) and row.score_change is None


def test_readiness_assessment_with_votes(book, acme, forms):
    zoe = book.stakeholders.add(acme.id, {"name": "Zoë"})
    votes = [Vote("Zoë", "executive_sponsorship", 4, zoe.id),
             Vote("Sam", "executive_sponsorship", 2)]
    assessment = ReadinessAssessment(**dimensions_at(3, executive_sponsorship=3.0),
                                     potential_blockers=["Security review"])
    saved = book.assessments.record(acme.id, TODAY, assessment, votes, source="workshop")
    assert (saved.score, saved.level, saved.source) == (3.0, "Medium", "workshop")
    assert saved.form_version == forms.readiness.version
    assert [(v.participant, v.value) for v in book.assessments.votes(saved.id)] == [
        ("Sam", 2), ("Zoë", 4)]
    assert book.assessments.history(acme.id)[0].potential_blockers == ["Security review"]


def test_bad_votes_are_refused_before_anything_is_written(book, acme):
    with pytest.raises(InputProblem) as info:
        book.assessments.record(acme.id, TODAY, ReadinessAssessment(**dimensions_at(3)),
                                [Vote("Sam", "vibes", 3), Vote("", "change_readiness", 7)])
    assert info.value.problems == [
        "votes[0].dimension: 'vibes' is not a dimension",
        "votes[1].value: 7 is not a whole number 1-5",
        "votes[1].participant: must not be empty",
    ]
    assert book.assessments.history(acme.id) == []
