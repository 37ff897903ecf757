"""The health score: the playbook's formula, its boundaries, breakdown and levers."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from csdesk.playbook.health import health_score, score_and_status, what_if
from csdesk.playbook.inputs import parse_record
from csdesk.playbook.records import HEALTH_METRICS, HealthMetrics
from tests.conftest import metrics_at

GOLDEN = json.loads((Path(__file__).parent / "golden" / "playbook_scores.json").read_text())
percent = st.floats(min_value=0, max_value=100, allow_nan=False)


@pytest.mark.parametrize("case", GOLDEN["health"], ids=lambda c: f"{c['expected']['score']:.4f}")
def test_score_equals_the_playbooks_typescript_bit_for_bit(forms, case):
    metrics = parse_record(case["input"], HealthMetrics)
    assert isinstance(metrics, HealthMetrics)
    result = health_score(metrics, forms.health)
    assert result.score == case["expected"]["score"]  # exact, not approximate
    assert result.status == case["expected"]["status"]


@pytest.mark.parametrize("case", GOLDEN["health"], ids=lambda c: f"{c['expected']['score']:.4f}")
def test_the_lean_score_equals_the_full_one_bit_for_bit(forms, case):
    metrics = parse_record(case["input"], HealthMetrics)
    assert isinstance(metrics, HealthMetrics)
    score, status = score_and_status(metrics.model_dump(), forms.health)
    assert score == case["expected"]["score"]
    assert status == case["expected"]["status"]


@given(st.lists(percent, min_size=12, max_size=12))
def test_the_lean_score_agrees_with_health_score_on_any_metrics(forms, values):
    metrics = HealthMetrics(**dict(zip(HEALTH_METRICS, values, strict=True)))
    full = health_score(metrics, forms.health)
    assert score_and_status(metrics.model_dump(), forms.health) == (full.score, full.status)


@pytest.mark.parametrize(
    ("value", "status"),
    [(100, "Healthy"), (80, "Healthy"), (79.99, "At Risk"), (60, "At Risk"),
     (59.99, "Critical"), (0, "Critical")],
)
def test_status_boundaries(forms, value, status):
    result = health_score(HealthMetrics(**metrics_at(value)), forms.health)
    assert result.score == pytest.approx(value)
    assert result.status == status


def test_a_score_of_exactly_80_is_healthy(forms):
    result = health_score(HealthMetrics(**metrics_at(80)), forms.health)
    assert result.score == 80.0
    assert result.status == "Healthy"
    assert result.points_to_next_status is None


def test_hand_computed_account(forms):
    # usage 72*.4+60*.4+50*.2 = 62.8; performance 99.5*.4+96*.4+88*.2 = 95.8;
    # business value 65*.5+70*.3+40*.2 = 61.5; satisfaction 75*.5+80*.3+55*.2 = 72.5
    # overall 62.8*.4 + 95.8*.3 + 61.5*.2 + 72.5*.1 = 25.12 + 28.74 + 12.3 + 7.25 = 73.41
    metrics = HealthMetrics(
        platform_adoption=72, workflow_utilization=60, feature_usage=50, system_uptime=99.5,
        workflow_success_rate=96, performance_targets=88, roi_achievement=65,
        business_objectives=70, cost_optimization=40, user_satisfaction=75,
        support_tickets=80, reference_willingness=55,
    )
    result = health_score(metrics, forms.health)
    assert result.score == pytest.approx(73.41)
    assert result.status == "At Risk"
    assert result.points_to_next_status == pytest.approx(6.59)
    assert [c.score for c in result.categories] == pytest.approx([62.8, 95.8, 61.5, 72.5])
    # the biggest lever: workflow utilization leaves (100-60) x 0.16 = 6.4 points
    assert result.levers[0].metric == "workflow_utilization"
    assert result.levers[0].headroom == pytest.approx(6.4)


def test_breakdown_weights_are_the_playbooks(forms):
    result = health_score(HealthMetrics(**metrics_at(50)), forms.health)
    weights = {row.metric: row.weight for row in result.breakdown}
    assert weights["platform_adoption"] == pytest.approx(0.4 * 0.4)
    assert weights["roi_achievement"] == pytest.approx(0.2 * 0.5)
    assert weights["support_tickets"] == pytest.approx(0.1 * 0.3)
    assert math.fsum(weights.values()) == pytest.approx(1.0)
    assert [c.weight for c in result.categories] == [0.4, 0.3, 0.2, 0.1]


def test_recommendations_start_with_the_status_and_rank_by_cost(forms):
    result = health_score(
        HealthMetrics(**metrics_at(100, platform_adoption=30, cost_optimization=20)), forms.health
    )
    assert result.status == "Healthy"
    assert result.recommendations[0].startswith("Health is strong")
    # adoption costs (100-30) x .16 = 11.2 points, cost optimization (100-20) x .04 = 3.2
    assert "adoption workshop" in result.recommendations[1]
    assert "cost optimisation review" in result.recommendations[2]
    assert len(result.recommendations) == 3  # one rule per metric, however many match


def test_what_if_shows_the_gain_of_a_lever(forms):
    metrics = HealthMetrics(**metrics_at(70))
    before = health_score(metrics, forms.health)
    after = what_if(metrics, forms.health, platform_adoption=100)
    assert after.score - before.score == pytest.approx(30 * 0.16)
    with pytest.raises(ValidationError):
        what_if(metrics, forms.health, platform_adoption=101)


@given(st.fixed_dictionaries({m: percent for m in HEALTH_METRICS}))
def test_score_stays_in_range_and_breakdown_adds_up(forms, values):
    result = health_score(HealthMetrics(**values), forms.health)
    assert 0 <= result.score <= 100 + 1e-9
    assert math.fsum(r.contribution for r in result.breakdown) == pytest.approx(result.score)


@given(st.fixed_dictionaries({m: percent for m in HEALTH_METRICS}),
       st.sampled_from(HEALTH_METRICS), st.floats(min_value=0, max_value=100))
def test_score_is_monotone_in_every_metric(forms, values, metric, raised):
    lower = health_score(HealthMetrics(**values), forms.health)
    higher_value = max(values[metric], raised)
    higher = health_score(HealthMetrics(**{**values, metric: higher_value}), forms.health)
    assert higher.score >= lower.score - 1e-9


@given(st.fixed_dictionaries({m: percent for m in HEALTH_METRICS}))
def test_status_matches_the_thresholds(forms, values):
    result = health_score(HealthMetrics(**values), forms.health)
    expected = "Healthy" if result.score >= 80 else "At Risk" if result.score >= 60 else "Critical"
    assert result.status == expected


@pytest.mark.parametrize("bad", [140, -1, "72", "abc", True, float("nan"), float("inf"), None])
def test_a_metric_outside_0_to_100_or_not_a_number_is_refused(bad):
    with pytest.raises(ValidationError):
        HealthMetrics(**metrics_at(50, platform_adoption=bad))


def test_assignment_is_validated_too():
    metrics = HealthMetrics(**metrics_at(50))
    with pytest.raises(ValidationError):
        metrics.system_uptime = 101
    metrics.system_uptime = 99.9
    assert metrics.system_uptime == 99.9


def test_unknown_metric_is_refused():
    with pytest.raises(ValidationError):
        HealthMetrics(**metrics_at(50), nps=7)
