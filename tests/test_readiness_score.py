"""The readiness score: mean of four dimensions, levels, recommendations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from csdesk.playbook.inputs import parse_record
from csdesk.playbook.readiness import readiness_score
from csdesk.playbook.records import READINESS_DIMENSIONS, ReadinessAssessment
from tests.conftest import dimensions_at

GOLDEN = json.loads((Path(__file__).parent / "golden" / "playbook_scores.json").read_text())


@pytest.mark.parametrize("case", GOLDEN["readiness"], ids=lambda c: str(c["expected"]["score"]))
def test_score_equals_the_playbooks_typescript(forms, case):
    assessment = parse_record(case["input"], ReadinessAssessment)
    assert isinstance(assessment, ReadinessAssessment)
    result = readiness_score(assessment, forms.readiness)
    assert result.score == case["expected"]["score"]
    assert result.level == case["expected"]["readinessLevel"]


@pytest.mark.parametrize(
    ("scores", "level"),
    [((4, 4, 4, 4), "High"), ((5, 4, 4, 3), "High"), ((4, 4, 4, 3.99), "Medium"),
     ((3, 3, 3, 3), "Medium"), ((3, 3, 3, 2.99), "Low"), ((1, 1, 1, 1), "Low")],
)
def test_levels_at_their_boundaries(forms, scores, level):
    sponsor, strategic, skills, change = scores
    assessment = ReadinessAssessment(**dimensions_at(
        1, executive_sponsorship=sponsor, strategic_importance=strategic,
        technical_skills=skills, change_readiness=change))
    assert readiness_score(assessment, forms.readiness).level == level


def test_only_the_four_playbook_dimensions_move_the_score(forms):
    base = readiness_score(ReadinessAssessment(**dimensions_at(3)), forms.readiness)
    budget = readiness_score(ReadinessAssessment(**dimensions_at(3, budget_approval=5)),
                             forms.readiness)
    sponsor = readiness_score(ReadinessAssessment(**dimensions_at(3, executive_sponsorship=5)),
                              forms.readiness)
    assert budget.score == base.score == 3.0
    assert sponsor.score == 3.5
    weights = {row.dimension: row.weight for row in base.breakdown}
    assert weights["executive_sponsorship"] == 0.25
    assert weights["budget_approval"] == 0.0
    assert {lv.dimension for lv in base.levers} <= {
        "executive_sponsorship", "strategic_importance", "technical_skills", "change_readiness"}


def test_a_weak_dimension_produces_a_concrete_next_step(forms):
    assessment = ReadinessAssessment(**dimensions_at(4, executive_sponsorship=1,
                                                     stakeholder_buy_in=2))
    result = readiness_score(assessment, forms.readiness)
    assert len(result.recommendations) == 2
    assert "executive sponsor" in result.recommendations[0]  # weakest first
    assert "stakeholders" in result.recommendations[1]


def test_blockers_without_mitigations_are_called_out(forms):
    assessment = ReadinessAssessment(
        **dimensions_at(5), potential_blockers=["Security review backlog", "Q3 freeze"],
        mitigation_strategies=["Book the review now"])
    result = readiness_score(assessment, forms.readiness)
    assert result.recommendations == [
        "Write a mitigation strategy for every potential blocker: there are more blockers"
        " than mitigations."]


def test_all_clear_when_nothing_needs_attention(forms):
    result = readiness_score(ReadinessAssessment(**dimensions_at(5)), forms.readiness)
    assert result.level == "High"
    assert result.recommendations == [forms.readiness.all_clear]
    assert result.points_to_next_level is None


@given(st.fixed_dictionaries(
    {d: st.floats(min_value=1, max_value=5, allow_nan=False) for d in READINESS_DIMENSIONS}))
def test_score_stays_on_the_scale(forms, values):
    result = readiness_score(ReadinessAssessment(**values), forms.readiness)
    assert 1 <= result.score <= 5
    assert result.recommendations


@pytest.mark.parametrize("bad", [0, 6, 0.5, "3", False, float("nan")])
def test_a_dimension_outside_1_to_5_is_refused(bad):
    with pytest.raises(ValidationError):
        ReadinessAssessment(**dimensions_at(3, change_readiness=bad))


def test_risk_lists_hold_text_only():
    with pytest.raises(ValidationError):
        ReadinessAssessment(**dimensions_at(3), potential_blockers=[42])
    with pytest.raises(ValidationError):
        ReadinessAssessment(**dimensions_at(3), potential_blockers=[""])
