"""Schema of ``forms/health.toml``."""

import math
from typing import Self

from pydantic import Field, model_validator

from csdesk.playbook.base import FormModel, check_descending_thresholds
from csdesk.playbook.records import HEALTH_METRICS


class Status(FormModel):
    name: str
    min: float | None = None
    colour: str = Field(default="#777777", pattern=r"^#[0-9a-fA-F]{6}$")
    help: str = ""


class Metric(FormModel):
    id: str
    label: str
    help: str = ""
    weight: float = Field(ge=0, le=1)


class Category(FormModel):
    id: str
    label: str
    weight: float = Field(ge=0, le=1)
    metrics: list[Metric] = Field(min_length=1)


class MetricRule(FormModel):
    metric: str
    below: float
    text: str


class HealthForm(FormModel):
    id: str
    version: int = Field(ge=1)
    title: str
    help: str = ""
    metric_min: float = 0
    metric_max: float = 100
    statuses: list[Status] = Field(min_length=1)
    categories: list[Category] = Field(min_length=1)
    status_recommendations: dict[str, str]
    recommendations: list[MetricRule] = []

    @property
    def metrics(self) -> list[Metric]:
        return [m for c in self.categories for m in c.metrics]

    def metric(self, metric_id: str) -> Metric:
        for m in self.metrics:
            if m.id == metric_id:
                return m
        raise KeyError(metric_id)

    def category_of(self, metric_id: str) -> Category:
        for c in self.categories:
            if any(m.id == metric_id for m in c.metrics):
                return c
        raise KeyError(metric_id)

    def status(self, name: str) -> Status:
        for s in self.statuses:
            if s.name == name:
                return s
        raise KeyError(name)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        ids = [m.id for m in self.metrics]
        if sorted(ids) != sorted(HEALTH_METRICS):
            missing = sorted(set(HEALTH_METRICS) - set(ids))
            extra = sorted(set(ids) - set(HEALTH_METRICS))
            raise ValueError(
                f"the metrics must be the twelve of the playbook, once each "
                f"(missing: {missing or 'none'}, unknown: {extra or 'none'})"
            )
        total = math.fsum(c.weight for c in self.categories)
        if not math.isclose(total, 1.0, abs_tol=1e-9):
            raise ValueError(f"category weights must add up to 1, not {total:g}")
        for c in self.categories:
            sub = math.fsum(m.weight for m in c.metrics)
            if not math.isclose(sub, 1.0, abs_tol=1e-9):
                raise ValueError(f"metric weights in category {c.id!r} add up to {sub:g}, not 1")
        check_descending_thresholds([s.min for s in self.statuses], "status")
        names = {s.name for s in self.statuses}
        if set(self.status_recommendations) != names:
            raise ValueError(f"status_recommendations needs one text for each of {sorted(names)}")
        for rule in self.recommendations:
            if rule.metric not in ids:
                raise ValueError(f"a recommendation names unknown metric {rule.metric!r}")
        return self
