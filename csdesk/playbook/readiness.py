"""calculateReadinessScore, with the breakdown that explains it.

The score is the playbook's mean of four dimensions (see ``forms/readiness.toml``); the
breakdown gives every dimension's weight (1/4 for the four, 0 for the others), its
contribution, and the points it would add at the top of the scale.
"""

from dataclasses import dataclass

from csdesk.playbook.base import ResultModel
from csdesk.playbook.readiness_form import ReadinessForm
from csdesk.playbook.records import ReadinessAssessment

LEVER_COUNT = 3


@dataclass(slots=True)
class DimensionContribution:
    dimension: str
    label: str
    group: str
    value: float
    weight: float
    contribution: float
    headroom: float


class ReadinessResult(ResultModel):
    score: float
    level: str
    recommendations: list[str]
    breakdown: list[DimensionContribution]
    levers: list[DimensionContribution]
    points_to_next_level: float | None
    form_id: str
    form_version: int


def level_for(score: float, form: ReadinessForm) -> str:
    for level in form.levels:
        if level.min is None or score >= level.min:
            return level.name
    return form.levels[-1].name  # unreachable: the last level has no min


def readiness_score(assessment: ReadinessAssessment, form: ReadinessForm) -> ReadinessResult:
    values = assessment.__dict__
    total = 0.0
    for dim_id in form.score_dimensions:
        total = total + values[dim_id]
    score = total / len(form.score_dimensions)
    level = level_for(score, form)

    share = 1 / len(form.score_dimensions)
    breakdown: list[DimensionContribution] = []
    for group in form.groups:
        for dim in group.dimensions:
            weight = share if dim.id in form.score_dimensions else 0.0
            value = values[dim.id]
            breakdown.append(
                DimensionContribution(
                    dim.id, dim.label, group.id, value, weight, value * weight,
                    (form.scale_max - value) * weight,
                )
            )
    levers = sorted((b for b in breakdown if b.headroom > 0), key=lambda b: -b.headroom)
    names = [lv.name for lv in form.levels]
    index = names.index(level)
    next_min = form.levels[index - 1].min if index > 0 else None
    return ReadinessResult.model_construct(
        score=score,
        level=level,
        recommendations=readiness_recommendations(assessment, form),
        breakdown=breakdown,
        levers=levers[:LEVER_COUNT],
        points_to_next_level=None if next_min is None else next_min - score,
        form_id=form.id,
        form_version=form.version,
    )


def readiness_recommendations(assessment: ReadinessAssessment, form: ReadinessForm) -> list[str]:
    """generateRecommendations, as csdesk defines it (see forms/readiness.toml)."""
    values = assessment.__dict__
    fired: list[tuple[float, int, str]] = []
    seen: set[str] = set()
    for order, rule in enumerate(form.recommendations):
        if values[rule.dimension] < rule.below and rule.text not in seen:
            seen.add(rule.text)
            fired.append((values[rule.dimension], order, rule.text))
    texts = [text for _, _, text in sorted(fired)]
    for lrule in form.list_rules:
        count = len(values[lrule.list])
        if lrule.more_than is not None:
            hit = count > len(values[lrule.more_than])
        else:
            hit = lrule.min_items is not None and count >= lrule.min_items
        if hit and lrule.text not in seen:
            seen.add(lrule.text)
            texts.append(lrule.text)
    return texts or [form.all_clear]
