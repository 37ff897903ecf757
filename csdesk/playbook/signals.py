"""The health monitor: risks, interventions, next review, expansion and upsell signals.

``evaluate_signals`` reads an account's dated snapshots (the latest is the one judged,
the earlier ones feed the trend rules) and the account's facts, and returns everything
the rules in ``forms/signals.toml`` say, each with the rule that fired and on what.
"""

import datetime as dt
from collections.abc import Sequence

from csdesk.playbook.base import OPERATORS, ResultModel
from csdesk.playbook.conditions import Facts, fires
from csdesk.playbook.health import HealthResult, health_score
from csdesk.playbook.health_form import HealthForm
from csdesk.playbook.records import HEALTH_METRICS, OPERATIONAL_FIGURES, AccountFacts, Snapshot
from csdesk.playbook.signals_form import SignalsForm


class Risk(ResultModel):
    rule_id: str
    type: str
    severity: str
    description: str
    impact: str
    mitigation: str
    observed: list[str]


class TriggeredIntervention(ResultModel):
    rule_id: str
    level: str
    level_label: str
    label: str
    respond_within: str
    respond_by: dt.date
    playbook: str | None
    observed: list[str]


class PlannedAction(ResultModel):
    playbook: str
    playbook_title: str
    step: str
    task: str
    due: dt.date
    owner: str


class ExpansionSignal(ResultModel):
    rule_id: str
    type: str
    event: str
    score: int
    timeline: str
    owner: str
    observed: list[str]


class UpsellSuggestion(ResultModel):
    rule_id: str
    indicator: str
    opportunity: str
    value: str
    observed: list[str]


class KpiStatus(ResultModel):
    id: str
    label: str
    op: str
    target: float
    unit: str
    actual: float | None
    met: bool | None


class Signals(ResultModel):
    as_of: dt.date
    health: HealthResult
    risks: list[Risk]
    interventions: list[TriggeredIntervention]
    actions: list[PlannedAction]
    next_review: dt.date
    expansion: list[ExpansionSignal]
    upsell: list[UpsellSuggestion]
    kpis: list[KpiStatus]


def next_review_date(status: str, as_of: dt.date, form: SignalsForm) -> dt.date:
    """calculateNextReview: the status's review interval after the as-of date."""
    return as_of + dt.timedelta(days=form.review_interval_days[status])


def build_facts(history: Sequence[Snapshot], account: AccountFacts, health: HealthResult,
                health_form: HealthForm) -> Facts:
    """The figures, flags and series the rules read, as of the latest snapshot."""
    by_date: dict[dt.date, Snapshot] = {}
    for snap in sorted(history, key=lambda s: s.as_of):
        by_date[snap.as_of] = snap  # one per date: the last recorded wins
    ordered = list(by_date.values())
    latest = ordered[-1]
    figures: dict[str, float | None] = {**latest.metrics.__dict__, **latest.figures.__dict__}
    figures["health_score"] = health.score
    figures["license_utilization"] = _utilization(latest, account)
    figures["days_to_renewal"] = (
        None if account.renewal_date is None else (account.renewal_date - latest.as_of).days
    )
    series: dict[str, list[tuple[dt.date, float]]] = {}
    # each name read where it lives (a miss on a pydantic model raises inside, and this
    # runs for every figure of every snapshot each time a snapshot is recorded)
    for names, part in ((HEALTH_METRICS, "metrics"), (OPERATIONAL_FIGURES, "figures")):
        for name in names:
            points = []
            for snap in ordered:
                value = getattr(getattr(snap, part), name, None)
                if value is not None:
                    points.append((snap.as_of, float(value)))
            series[name] = points
    labels = {m.id: m.label for m in health_form.metrics}
    return Facts(latest.as_of, figures, latest.flags | account.indicators, series, labels)


def _utilization(snap: Snapshot, account: AccountFacts) -> float | None:
    shares = []
    if snap.figures.active_users is not None and account.licensed_users:
        shares.append(100.0 * snap.figures.active_users / account.licensed_users)
    if snap.figures.monthly_executions is not None and account.monthly_execution_limit:
        shares.append(100.0 * snap.figures.monthly_executions / account.monthly_execution_limit)
    return max(shares) if shares else None


def evaluate_signals(history: Sequence[Snapshot], account: AccountFacts,
                     health_form: HealthForm, form: SignalsForm,
                     labels: dict[str, str] | None = None) -> Signals:
    if not history:
        raise ValueError("signals need at least one health snapshot")
    latest = max(history, key=lambda s: s.as_of)
    health = health_score(latest.metrics, health_form)
    facts = build_facts(history, account, health, health_form)
    if labels:
        facts.labels.update(labels)
    for flag in form.flags:
        facts.labels.setdefault(flag.id, flag.label)
    as_of = facts.as_of

    risks = []
    for rrule in form.risk_rules:
        seen = fires(rrule, facts)
        if seen is not None:
            risks.append(Risk(rule_id=rrule.id, type=rrule.type, severity=rrule.severity,
                              description=rrule.description, impact=rrule.impact,
                              mitigation=rrule.mitigation, observed=seen))

    interventions = []
    for iv in form.interventions:
        seen = fires(iv, facts)
        if seen is None:
            continue
        level = form.level(iv.level)
        interventions.append(TriggeredIntervention(
            rule_id=iv.id, level=level.id, level_label=level.label, label=iv.label,
            respond_within=level.respond_within,
            respond_by=as_of + dt.timedelta(days=level.respond_within_days),
            playbook=level.playbook, observed=seen))

    actions = []
    started: set[str] = set()
    for trig in interventions:
        if trig.playbook is None or trig.playbook in started:
            continue
        started.add(trig.playbook)
        pb = form.playbook(trig.playbook)
        for step in pb.steps:
            for task in step.tasks:
                actions.append(PlannedAction(
                    playbook=pb.id, playbook_title=pb.title, step=step.title, task=task,
                    due=as_of + dt.timedelta(days=step.due_days), owner=step.owner))

    expansion = []
    for ex in form.expansion_triggers:
        seen = fires(ex, facts)
        if seen is not None:
            expansion.append(ExpansionSignal(rule_id=ex.id, type=ex.type, event=ex.event,
                                             score=ex.score, timeline=ex.timeline,
                                             owner=ex.owner, observed=seen))
    expansion.sort(key=lambda e: -e.score)

    upsell = []
    for up in form.upsell:
        if up.plans and account.plan_tier not in up.plans:
            continue
        seen = fires(up, facts)
        if seen is not None:
            upsell.append(UpsellSuggestion(rule_id=up.id, indicator=up.indicator,
                                           opportunity=up.opportunity, value=up.value,
                                           observed=seen))

    kpis = []
    for kpi in form.kpis:
        actual = facts.figures.get(kpi.field)
        met = None if actual is None else OPERATORS[kpi.op](actual, kpi.target)
        kpis.append(KpiStatus(id=kpi.id, label=kpi.label, op=kpi.op, target=kpi.target,
                              unit=kpi.unit, actual=actual, met=met))

    return Signals(as_of=as_of, health=health, risks=risks, interventions=interventions,
                   actions=actions, next_review=next_review_date(health.status, as_of, form),
                   expansion=expansion, upsell=upsell, kpis=kpis)
