"""The health monitor's rules: risks, interventions (trend ones included), next review,
playbook actions, expansion triggers, upsell suggestions and KPI targets."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.playbook.records import AccountFacts, HealthMetrics, OperationalFigures, Snapshot
from csdesk.playbook.signals import evaluate_signals, next_review_date
from tests.conftest import metrics_at

START = dt.date(2026, 9, 7)


def weekly(values: list[dict[str, float]], figures: list[dict[str, int]] | None = None,
           flags: frozenset[str] = frozenset()) -> list[Snapshot]:
    snaps = []
    for week, metrics in enumerate(values):
        extra = figures[week] if figures else {}
        snaps.append(Snapshot(
            as_of=START + dt.timedelta(weeks=week), metrics=HealthMetrics(**metrics),
            figures=OperationalFigures(**extra),
            flags=flags if week == len(values) - 1 else frozenset()))
    return snaps


def signals(forms, history, **account):
    return evaluate_signals(history, AccountFacts(**account), forms.health, forms.signals)


def fired(result) -> set[str]:
    return {i.rule_id for i in result.interventions}


def test_the_three_health_monitor_risks(forms):
    history = weekly([metrics_at(70, platform_adoption=49, workflow_success_rate=94.9)],
                     [{"recent_support_tickets": 11}])
    result = signals(forms, history)
    assert [(r.type, r.severity) for r in result.risks] == [
        ("Low Adoption", "High"), ("Performance Issues", "Medium"), ("Support Volume", "Medium")]
    assert result.risks[0].observed == ["Platform adoption 49 < 50"]
    assert result.risks[0].mitigation == "Schedule adoption workshop"


def test_risks_stay_quiet_at_their_lines(forms):
    history = weekly([metrics_at(70, platform_adoption=50, workflow_success_rate=95)],
                     [{"recent_support_tickets": 10}])
    assert signals(forms, history).risks == []


def test_critical_triggers_and_the_recovery_plan(forms):
    history = weekly([metrics_at(30, system_uptime=94)], [{"escalated_tickets": 2}],
                     flags=frozenset({"executive_complaint"}))
    result = signals(forms, history)
    assert {"health_below_40", "uptime_below_95", "escalated_tickets",
            "executive_complaint"} <= fired(result)
    critical = next(i for i in result.interventions if i.rule_id == "health_below_40")
    assert critical.respond_by == START + dt.timedelta(days=2)
    assert result.health.score == pytest.approx(37.68)  # 30 + (94 - 30) x 0.12
    assert critical.observed == ["Health score 37.7 < 40"]
    steps = {(a.step, a.due) for a in result.actions}
    assert ("Immediate Assessment", START + dt.timedelta(days=1)) in steps
    assert ("Stabilization & Monitoring", START + dt.timedelta(days=14)) in steps
    assert len(result.actions) == 12  # three steps of four tasks, the plan started once


def test_renewal_at_risk_by_flag_or_by_date_and_score(forms):
    by_date = signals(forms, weekly([metrics_at(55)]), renewal_date=START + dt.timedelta(days=90))
    assert "renewal_at_risk" in fired(by_date)
    far = signals(forms, weekly([metrics_at(55)]), renewal_date=START + dt.timedelta(days=91))
    assert "renewal_at_risk" not in fired(far)
    flagged = signals(forms, weekly([metrics_at(90)], flags=frozenset({"renewal_at_risk"})))
    assert "renewal_at_risk" in fired(flagged)


def test_declining_adoption_is_read_from_the_trend(forms):
    falling = [metrics_at(75, platform_adoption=v) for v in (80, 78, 76, 74)]
    result = signals(forms, weekly(falling))
    trigger = next(i for i in result.interventions if i.rule_id == "adoption_declining")
    assert trigger.level == "warning"
    assert trigger.observed == ["Platform adoption fell 6 points over the last 4 snapshots"]
    gentle = [metrics_at(75, platform_adoption=v) for v in (80, 79, 78, 77)]
    assert "adoption_declining" not in fired(signals(forms, weekly(gentle)))


def test_a_trend_needs_a_full_window(forms):
    falling = [metrics_at(75, platform_adoption=v) for v in (80, 60, 40)]
    assert "adoption_declining" not in fired(signals(forms, weekly(falling)))


def test_stagnating_feature_usage_and_rising_tickets(forms):
    flat = [metrics_at(75, feature_usage=v) for v in (50, 51, 50, 51)]
    tickets = [{"recent_support_tickets": n} for n in (2, 3, 5, 6)]
    result = signals(forms, weekly(flat, tickets))
    assert {"feature_usage_stagnating", "ticket_volume_increasing"} <= fired(result)
    high_flat = [metrics_at(75, feature_usage=v) for v in (90, 90, 90, 90)]
    assert "feature_usage_stagnating" not in fired(signals(forms, weekly(high_flat)))


def test_opportunity_triggers_start_the_growth_plan(forms):
    result = signals(forms, weekly([metrics_at(90, system_uptime=99.95)]))
    assert {"high_health", "strong_feature_adoption", "positive_feedback",
            "reference_potential"} <= fired(result)
    assert not [i for i in result.interventions if i.level != "opportunity"]
    assert {a.playbook for a in result.actions} == {"growth_opportunity"}
    assert result.health.status == "Healthy"


@pytest.mark.parametrize(("value", "days"), [(90, 30), (70, 14), (50, 7)])
def test_next_review_follows_the_status(forms, value, days):
    result = signals(forms, weekly([metrics_at(value)]))
    assert result.next_review == START + dt.timedelta(days=days)
    assert next_review_date(result.health.status, START, forms.signals) == result.next_review


def test_expansion_triggers(forms):
    history = weekly([metrics_at(80)], [{"active_users": 85, "monthly_executions": 1000}],
                     flags=frozenset({"feature_request", "new_department_interest"}))
    result = signals(forms, history, licensed_users=100)
    assert [(e.rule_id, e.score) for e in result.expansion] == [
        ("license_limits", 9), ("feature_request", 9), ("new_department", 7)]
    assert result.expansion[0].observed == ["License utilization (%) 85 > 80"]
    roi = signals(forms, weekly([metrics_at(80)], [{"roi_achieved_pct": 150}]))
    assert [e.rule_id for e in roi.expansion] == ["roi_exceeded"]


@pytest.mark.parametrize(
    ("plan", "executions", "expected"),
    [("Starter", 80_001, ["starter_to_professional"]), ("Starter", 80_000, []),
     ("Professional", 800_001, ["professional_to_enterprise"]),
     ("Professional", 90_000, []), ("Enterprise", 5_000_000, [])],
)
def test_upsell_matrix_by_plan_and_volume(forms, plan, executions, expected):
    result = signals(forms, weekly([metrics_at(80)], [{"monthly_executions": executions}]),
                     plan_tier=plan)
    assert [u.rule_id for u in result.upsell] == expected


def test_upsell_for_any_plan_from_account_indicators(forms):
    result = signals(forms, weekly([metrics_at(80)]), plan_tier="Enterprise",
                     indicators=frozenset({"compliance_requirements", "complex_integrations"}))
    assert [u.opportunity for u in result.upsell] == ["Custom Connectors", "Governance Add-on"]


def test_kpis_against_their_targets(forms):
    history = weekly([metrics_at(80, system_uptime=99.9, workflow_success_rate=97.9)],
                     [{"avg_response_seconds": 30, "error_rate_pct": 0.5}])
    kpis = {k.id: k.met for k in signals(forms, history).kpis}
    assert kpis == {"uptime": True, "success_rate": False, "response_time": False,
                    "error_rate": True}
    unknown = {k.id: k.met for k in signals(forms, weekly([metrics_at(80)])).kpis}
    assert unknown["response_time"] is None


def test_the_latest_snapshot_is_judged_whatever_the_order(forms):
    history = weekly([metrics_at(30), metrics_at(90)])
    result = signals(forms, list(reversed(history)))
    assert result.as_of == history[-1].as_of
    assert result.health.status == "Healthy"


def test_no_history_is_a_clear_error(forms):
    with pytest.raises(ValueError, match="at least one health snapshot"):
        signals(forms, [])
