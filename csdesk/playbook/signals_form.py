"""Schema of ``forms/signals.toml``: rules and their conditions."""

from typing import Literal, Self

from pydantic import Field, model_validator

from csdesk.playbook.base import FormModel, Op
from csdesk.playbook.records import HEALTH_METRICS, OPERATIONAL_FIGURES, PLAN_TIERS

DERIVED_FIGURES: tuple[str, ...] = ("health_score", "license_utilization", "days_to_renewal")
KNOWN_FIGURES: frozenset[str] = frozenset(HEALTH_METRICS + OPERATIONAL_FIGURES + DERIVED_FIGURES)
TRENDABLE: frozenset[str] = frozenset(HEALTH_METRICS + OPERATIONAL_FIGURES + ("health_score",))


class Condition(FormModel):
    """One test; exactly one of the three kinds (see the comment in signals.toml)."""

    field: str | None = None
    op: Op | None = None
    value: float | None = None
    flag: str | None = None
    trend: str | None = None
    window: int | None = Field(default=None, ge=2)
    direction: Literal["declining", "increasing", "stagnating"] | None = None
    change: float | None = Field(default=None, gt=0)

    @property
    def kind(self) -> Literal["threshold", "flag", "trend"]:
        if self.field is not None:
            return "threshold"
        if self.flag is not None:
            return "flag"
        return "trend"

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        kinds = [self.field is not None, self.flag is not None, self.trend is not None]
        if sum(kinds) != 1:
            raise ValueError("a condition needs exactly one of field, flag or trend")
        if self.field is not None:
            if self.op is None or self.value is None:
                raise ValueError(f"condition on {self.field!r} needs op and value")
            if self.field not in KNOWN_FIGURES:
                raise ValueError(f"unknown figure {self.field!r}")
        if self.trend is not None:
            if self.window is None or self.direction is None or self.change is None:
                raise ValueError(f"trend on {self.trend!r} needs window, direction and change")
            if self.trend not in TRENDABLE:
                raise ValueError(f"unknown figure for a trend {self.trend!r}")
        return self


class Rule(FormModel):
    """Fires when all of ``when`` hold, or all of ``or_when``."""

    id: str
    when: list[Condition] = Field(min_length=1)
    or_when: list[Condition] = []


class FlagDef(FormModel):
    id: str
    label: str
    scope: Literal["snapshot", "account"]


class RiskRule(Rule):
    type: str
    severity: Literal["High", "Medium", "Low"]
    description: str
    impact: str
    mitigation: str


class InterventionLevel(FormModel):
    id: str
    label: str
    respond_within: str
    respond_within_days: int = Field(ge=0)
    playbook: str | None = None


class Intervention(Rule):
    level: str
    label: str


class PlaybookStep(FormModel):
    title: str
    window: str
    due_days: int = Field(ge=0)
    owner: str
    tasks: list[str] = Field(min_length=1)


class InterventionPlaybook(FormModel):
    id: str
    title: str
    steps: list[PlaybookStep] = Field(min_length=1)


class ExpansionTrigger(Rule):
    type: Literal["usage", "success", "request", "opportunity"]
    event: str
    score: int = Field(ge=1, le=10)
    timeline: str
    owner: str


class UpsellRule(Rule):
    plans: list[str]
    indicator: str
    opportunity: str
    value: str


class KpiTarget(FormModel):
    id: str
    label: str
    field: str
    op: Op
    target: float
    unit: str


class SignalsForm(FormModel):
    id: str
    version: int = Field(ge=1)
    title: str
    help: str = ""
    flags: list[FlagDef] = []
    review_interval_days: dict[str, int]
    risk_rules: list[RiskRule] = []
    intervention_levels: list[InterventionLevel] = Field(min_length=1)
    interventions: list[Intervention] = []
    playbooks: list[InterventionPlaybook] = []
    expansion_triggers: list[ExpansionTrigger] = []
    upsell: list[UpsellRule] = []
    kpis: list[KpiTarget] = []

    def level(self, level_id: str) -> InterventionLevel:
        for lv in self.intervention_levels:
            if lv.id == level_id:
                return lv
        raise KeyError(level_id)

    def playbook(self, playbook_id: str) -> InterventionPlaybook:
        for pb in self.playbooks:
            if pb.id == playbook_id:
                return pb
        raise KeyError(playbook_id)

    @model_validator(mode="after")
    def _references(self) -> Self:
        flag_ids = {f.id for f in self.flags}
        level_ids = {lv.id for lv in self.intervention_levels}
        playbook_ids = {pb.id for pb in self.playbooks}
        rules: list[Rule] = [*self.risk_rules, *self.interventions, *self.expansion_triggers,
                             *self.upsell]
        for rule in rules:
            for cond in (*rule.when, *rule.or_when):
                if cond.flag is not None and cond.flag not in flag_ids:
                    raise ValueError(f"rule {rule.id!r} uses undeclared flag {cond.flag!r}")
        for iv in self.interventions:
            if iv.level not in level_ids:
                raise ValueError(f"intervention {iv.id!r} has unknown level {iv.level!r}")
        for lv in self.intervention_levels:
            if lv.playbook is not None and lv.playbook not in playbook_ids:
                raise ValueError(f"level {lv.id!r} names unknown playbook {lv.playbook!r}")
        for up in self.upsell:
            for plan in up.plans:
                if plan not in PLAN_TIERS:
                    raise ValueError(f"upsell {up.id!r} names unknown plan {plan!r}")
        for kpi in self.kpis:
            if kpi.field not in KNOWN_FIGURES:
                raise ValueError(f"KPI {kpi.id!r} reads unknown figure {kpi.field!r}")
        for group in (self.risk_rules, self.interventions, self.expansion_triggers, self.upsell):
            ids = [r.id for r in group]
            dup = sorted({i for i in ids if ids.count(i) > 1})
            if dup:
                raise ValueError(f"rule ids must be unique: {dup}")
        return self
