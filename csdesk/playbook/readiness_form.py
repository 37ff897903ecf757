"""Schema of ``forms/readiness.toml``."""

from typing import Self

from pydantic import Field, model_validator

from csdesk.playbook.base import FormModel, check_descending_thresholds
from csdesk.playbook.records import READINESS_DIMENSIONS, RISK_LISTS


class Level(FormModel):
    name: str
    min: float | None = None
    help: str = ""


class Dimension(FormModel):
    id: str
    label: str
    help: str = ""
    anchors: list[str] = Field(min_length=5, max_length=5)


class Group(FormModel):
    id: str
    label: str
    dimensions: list[Dimension] = Field(min_length=1)


class RiskList(FormModel):
    id: str
    label: str
    help: str = ""


class DimensionRule(FormModel):
    dimension: str
    below: float
    text: str


class ListRule(FormModel):
    list: str
    more_than: str | None = None
    min_items: int | None = Field(default=None, ge=1)
    text: str

    @model_validator(mode="after")
    def _one_condition(self) -> Self:
        if (self.more_than is None) == (self.min_items is None):
            raise ValueError("a list rule needs exactly one of more_than or min_items")
        return self


class ReadinessForm(FormModel):
    id: str
    version: int = Field(ge=1)
    title: str
    help: str = ""
    scale_min: int = 1
    scale_max: int = 5
    score_dimensions: list[str] = Field(min_length=1)
    all_clear: str
    levels: list[Level] = Field(min_length=1)
    groups: list[Group] = Field(min_length=1)
    risk_lists: list[RiskList]
    recommendations: list[DimensionRule] = []
    list_rules: list[ListRule] = []

    @property
    def dimensions(self) -> list[Dimension]:
        return [d for g in self.groups for d in g.dimensions]

    def dimension(self, dimension_id: str) -> Dimension:
        for d in self.dimensions:
            if d.id == dimension_id:
                return d
        raise KeyError(dimension_id)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        ids = [d.id for d in self.dimensions]
        if sorted(ids) != sorted(READINESS_DIMENSIONS):
            missing = sorted(set(READINESS_DIMENSIONS) - set(ids))
            extra = sorted(set(ids) - set(READINESS_DIMENSIONS))
            dup = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(
                f"the dimensions must be the nine of the playbook, once each "
                f"(missing: {missing or 'none'}, unknown: {extra or 'none'}, "
                f"repeated: {dup or 'none'})"
            )
        for sid in self.score_dimensions:
            if sid not in ids:
                raise ValueError(f"score_dimensions names unknown dimension {sid!r}")
        if sorted(r.id for r in self.risk_lists) != sorted(RISK_LISTS):
            raise ValueError(f"risk_lists must be exactly {list(RISK_LISTS)}")
        for rule in self.recommendations:
            if rule.dimension not in ids:
                raise ValueError(f"a recommendation names unknown dimension {rule.dimension!r}")
        for lrule in self.list_rules:
            for name in (lrule.list, lrule.more_than):
                if name is not None and name not in RISK_LISTS:
                    raise ValueError(f"a list rule names unknown risk list {name!r}")
        check_descending_thresholds([lv.min for lv in self.levels], "level")
        return self

