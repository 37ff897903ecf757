"""calculateHealthScore, with the breakdown that explains it.

The score reproduces the playbook's TypeScript operation for operation (see
``forms/health.toml``), so it equals it bit for bit. The breakdown gives each metric's
effective weight (category weight x metric weight), the points it contributes, and the
points it leaves on the table (its headroom): the levers, largest first.

Breakdown rows are slotted dataclasses rather than models: a portfolio rescoring builds
hundreds of thousands of them, and pydantic serialises them like models all the same.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from csdesk.playbook.base import ResultModel
from csdesk.playbook.health_form import HealthForm
from csdesk.playbook.records import HealthMetrics

LEVER_COUNT = 3


@dataclass(slots=True)
class MetricContribution:
    metric: str
    label: str
    category: str
    value: float
    weight: float  # effective weight in the overall score
    contribution: float  # points this metric adds to the score
    headroom: float  # points gained if this metric reached the top of its range


@dataclass(slots=True)
class CategoryScore:
    category: str
    label: str
    weight: float
    score: float
    contribution: float


class HealthResult(ResultModel):
    score: float
    status: str
    recommendations: list[str]
    categories: list[CategoryScore]
    breakdown: list[MetricContribution]
    levers: list[MetricContribution]
    points_to_next_status: float | None
    form_id: str
    form_version: int


# The form flattened once into plain tuples, so the hot loop reads no pydantic attributes:
# categories as (id, label, weight, ((metric id, label, weight, effective weight), ...)),
# and the recommendation rules as (metric, below, text).
_CategoryPlan = tuple[str, str, float, tuple[tuple[str, str, float, float], ...]]
_Plan = tuple[tuple[_CategoryPlan, ...], tuple[tuple[str, float, str], ...]]
_PLANS: dict[int, tuple[HealthForm, _Plan]] = {}


def _plan(form: HealthForm) -> _Plan:
    cached = _PLANS.get(id(form))
    if cached is not None and cached[0] is form:
        return cached[1]
    categories = tuple(
        (c.id, c.label, c.weight,
         tuple((m.id, m.label, m.weight, c.weight * m.weight) for m in c.metrics))
        for c in form.categories
    )
    rules = tuple((r.metric, r.below, r.text) for r in form.recommendations)
    plan = (categories, rules)
    _PLANS[id(form)] = (form, plan)
    return plan


def status_for(score: float, form: HealthForm) -> str:
    for status in form.statuses:
        if status.min is None or score >= status.min:
            return status.name
    return form.statuses[-1].name  # unreachable: the last status has no min


def score_and_status(values: Mapping[str, float], form: HealthForm) -> tuple[float, str]:
    """``health_score``'s score and status alone, from the twelve metric values.

    The same operations in the same order (so the same score, bit for bit) without the
    breakdown, levers and recommendations: for scoring a whole book of history at once,
    where only the score and status are kept. ``values`` must already be valid metrics.
    """
    overall = 0.0
    for _, _, cat_weight, cat_metrics in _plan(form)[0]:
        cat_score = 0.0
        for metric_id, _, weight, _ in cat_metrics:
            cat_score = cat_score + values[metric_id] * weight
        overall = overall + cat_score * cat_weight
    return overall, status_for(overall, form)


def health_score(metrics: HealthMetrics, form: HealthForm) -> HealthResult:
    values = metrics.__dict__
    top = form.metric_max
    overall = 0.0
    categories: list[CategoryScore] = []
    breakdown: list[MetricContribution] = []
    plan, rules = _plan(form)
    for cat_id, cat_label, cat_weight, cat_metrics in plan:
        cat_score = 0.0
        for metric_id, label, weight, effective in cat_metrics:
            value = values[metric_id]
            cat_score = cat_score + value * weight
            breakdown.append(MetricContribution(
                metric_id, label, cat_id, value, effective, value * effective,
                (top - value) * effective))
        overall = overall + cat_score * cat_weight
        categories.append(
            CategoryScore(cat_id, cat_label, cat_weight, cat_score, cat_score * cat_weight))
    status = status_for(overall, form)
    levers = sorted(breakdown, key=_by_headroom)
    return HealthResult.model_construct(
        score=overall,
        status=status,
        recommendations=_recommend(values, status, breakdown, rules, form),
        categories=categories,
        breakdown=breakdown,
        levers=[lv for lv in levers[:LEVER_COUNT] if lv.headroom > 0],
        points_to_next_status=_points_to_next(overall, status, form),
        form_id=form.id,
        form_version=form.version,
    )


def _by_headroom(row: MetricContribution) -> float:
    return -row.headroom


def _points_to_next(score: float, status: str, form: HealthForm) -> float | None:
    for better, current in zip(form.statuses, form.statuses[1:], strict=False):
        if current.name == status:
            assert better.min is not None
            return better.min - score
    return None


def health_recommendations(metrics: HealthMetrics, form: HealthForm) -> list[str]:
    """generateHealthRecommendations(metrics, overallScore), as csdesk defines it."""
    return health_score(metrics, form).recommendations


def _recommend(
    values: dict[str, float],
    status: str,
    breakdown: list[MetricContribution],
    rules: tuple[tuple[str, float, str], ...],
    form: HealthForm,
) -> list[str]:
    """The status text, then one text per weak metric, costliest first (forms/health.toml)."""
    fired: dict[str, tuple[float, int, str]] = {}
    headroom: dict[str, float] | None = None
    for order, (metric, below, text) in enumerate(rules):
        if metric not in fired and values[metric] < below:
            if headroom is None:
                headroom = {b.metric: b.headroom for b in breakdown}
            fired[metric] = (-headroom[metric], order, text)
    ranked = [text for _, _, text in sorted(fired.values())]
    return [form.status_recommendations[status], *ranked]


def what_if(metrics: HealthMetrics, form: HealthForm, **changes: float) -> HealthResult:
    """The result the account would have with some metrics changed (validated)."""
    return health_score(HealthMetrics.model_validate({**metrics.model_dump(), **changes}), form)
