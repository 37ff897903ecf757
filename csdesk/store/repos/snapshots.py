"""Health snapshots: record one (scored by the playbook engine, its signals applied to the
risk register and action items), read the history, delete a mistaken one."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from csdesk.errors import InputProblem
from csdesk.playbook.health import health_score
from csdesk.playbook.records import (
    HEALTH_METRICS,
    OPERATIONAL_FIGURES,
    HealthMetrics,
    OperationalFigures,
    Snapshot,
)
from csdesk.playbook.signals import Signals, evaluate_signals, next_review_date
from csdesk.store.orm import Account, ActionItem, HealthSnapshot, RiskEntry
from csdesk.store.repos.accounts import facts_of
from csdesk.store.repos.base import NotFound, Repository, fetch, require_account
from csdesk.store.views import SnapshotView


@dataclass
class RecordedSnapshot:
    snapshot: SnapshotView
    signals: Signals | None  # None when a back-dated snapshot is not the latest
    risks_raised: list[str] = field(default_factory=list)
    risks_closed: list[str] = field(default_factory=list)
    actions_created: int = 0
    actions_cleared: int = 0


def to_domain(row: HealthSnapshot | SnapshotView) -> Snapshot:
    metrics = HealthMetrics.model_construct(**{m: getattr(row, m) for m in HEALTH_METRICS})
    figures = OperationalFigures.model_construct(
        **{f: getattr(row, f) for f in OPERATIONAL_FIGURES})
    return Snapshot.model_construct(as_of=row.as_of, metrics=metrics, figures=figures,
                                    flags=frozenset(row.flags or ()))


class SnapshotRepository(Repository):
    @property
    def trend_window(self) -> int:
        windows = [c.window for rule in self.forms.signals.interventions
                   for c in (*rule.when, *rule.or_when) if c.window]
        return max(windows, default=1)

    def record(self, account_id: uuid.UUID, as_of: dt.date, metrics: HealthMetrics,
               figures: OperationalFigures | None = None, flags: Iterable[str] = (),
               note: str = "") -> RecordedSnapshot:
        figures = figures or OperationalFigures()
        flag_set = sorted(set(flags))
        known = {f.id for f in self.forms.signals.flags if f.scope == "snapshot"}
        unknown = [f for f in flag_set if f not in known]
        if unknown:
            raise InputProblem([f"snapshot: flags: {f!r} is not one of {', '.join(sorted(known))}"
                                for f in unknown])
        result = health_score(metrics, self.forms.health)
        with self.store.transaction() as s:
            account = require_account(s, account_id)
            row = HealthSnapshot(
                id=uuid.uuid4(), account_id=account_id, as_of=as_of, **metrics.model_dump(),
                **figures.model_dump(), flags=flag_set, note=note, score=result.score,
                status=result.status,
                next_review=next_review_date(result.status, as_of, self.forms.signals),
                form_id=self.forms.health.id, form_version=self.forms.health.version)
            s.add(row)
            s.flush()
            self._refresh_pointers(s, account)
            recorded = RecordedSnapshot(SnapshotView.model_validate(row), None)
            if account.latest_snapshot_id == row.id:
                self._apply_signals(s, account, as_of, recorded)
            return recorded

    def _refresh_pointers(self, s: Session, account: Account) -> None:
        ids = list(s.scalars(
            select(HealthSnapshot.id).where(HealthSnapshot.account_id == account.id)
            .order_by(HealthSnapshot.as_of.desc(), HealthSnapshot.created_at.desc()).limit(2)))
        latest = ids[0] if ids else None
        previous = ids[1] if len(ids) > 1 else None
        if account.latest_snapshot_id != latest:
            account.latest_snapshot_id = latest
        if account.previous_snapshot_id != previous:
            account.previous_snapshot_id = previous

    def _tail(self, s: Session, account_id: uuid.UUID, as_of: dt.date) -> list[Snapshot]:
        rows = s.scalars(
            select(HealthSnapshot)
            .where(HealthSnapshot.account_id == account_id, HealthSnapshot.as_of <= as_of)
            .order_by(HealthSnapshot.as_of.desc(), HealthSnapshot.created_at.desc())
            .limit(self.trend_window * 2))
        by_date: dict[dt.date, Snapshot] = {}
        for r in rows:
            by_date.setdefault(r.as_of, to_domain(r))  # newest of each date
        return sorted(by_date.values(), key=lambda x: x.as_of)

    def _apply_signals(self, s: Session, account: Account, as_of: dt.date,
                       out: RecordedSnapshot) -> None:
        """Raise and close rule risks, start and clear playbook actions, as the rules say."""
        signals = evaluate_signals(self._tail(s, account.id, as_of), facts_of(account),
                                   self.forms.health, self.forms.signals)
        out.signals = signals
        open_risks = {r.rule_id: r for r in s.scalars(select(RiskEntry).where(
            RiskEntry.account_id == account.id, RiskEntry.status == "open",
            RiskEntry.rule_id.is_not(None)))}
        for risk in signals.risks:
            existing = open_risks.pop(risk.rule_id, None)
            if existing is None:
                s.add(RiskEntry(id=uuid.uuid4(), account_id=account.id, type=risk.type,
                                severity=risk.severity, description=risk.description,
                                impact=risk.impact, mitigation=risk.mitigation, status="open",
                                rule_id=risk.rule_id, observed=risk.observed, raised_on=as_of))
                out.risks_raised.append(risk.type)
            elif existing.observed != risk.observed:
                existing.observed = risk.observed
        for cleared in open_risks.values():
            cleared.status = "closed"
            cleared.closed_on = as_of
            out.risks_closed.append(cleared.type)

        open_actions = list(s.scalars(select(ActionItem).where(
            ActionItem.account_id == account.id, ActionItem.status == "open",
            ActionItem.playbook.is_not(None))))
        running = {a.playbook for a in open_actions}
        wanted = {a.playbook for a in signals.actions}
        trigger_of: dict[str | None, str] = {}
        for trig in signals.interventions:  # the first rule that started each playbook
            trigger_of.setdefault(trig.playbook, trig.rule_id)
        for planned in signals.actions:
            if planned.playbook in running:
                continue
            s.add(ActionItem(id=uuid.uuid4(), account_id=account.id,
                             title=planned.task, playbook=planned.playbook, step=planned.step,
                             trigger_rule=trigger_of.get(planned.playbook),
                             due_date=planned.due, owner=planned.owner, status="open"))
            out.actions_created += 1
        for action in open_actions:
            if action.playbook not in wanted:
                action.status = "cleared"
                out.actions_cleared += 1

    def delete(self, snapshot_id: uuid.UUID) -> SnapshotView:
        with self.store.transaction() as s:
            row = fetch(s, HealthSnapshot, snapshot_id, "health snapshot")
            gone = SnapshotView.model_validate(row)
            account = require_account(s, row.account_id)
            s.delete(row)
            s.flush()
            self._refresh_pointers(s, account)
            return gone

    def history(self, account_id: uuid.UUID) -> list[SnapshotView]:
        """Every snapshot of the account, oldest first."""
        with self.store.reader() as s:
            rows = s.scalars(select(HealthSnapshot)
                             .where(HealthSnapshot.account_id == account_id)
                             .order_by(HealthSnapshot.as_of, HealthSnapshot.created_at))
            return [SnapshotView.model_validate(r) for r in rows]

    def latest(self, account_id: uuid.UUID) -> SnapshotView | None:
        with self.store.reader() as s:
            account = require_account(s, account_id)
            if account.latest_snapshot_id is None:
                return None
            row = s.get(HealthSnapshot, account.latest_snapshot_id)
            return None if row is None else SnapshotView.model_validate(row)

    def signals(self, account_id: uuid.UUID) -> Signals | None:
        """What the rules say now, from the latest snapshot and its history."""
        with self.store.reader() as s:
            account = require_account(s, account_id)
            if account.latest_snapshot_id is None:
                return None
            latest = s.get(HealthSnapshot, account.latest_snapshot_id)
            if latest is None:
                raise NotFound(f"snapshot {account.latest_snapshot_id} is missing")
            return evaluate_signals(self._tail(s, account.id, latest.as_of), facts_of(account),
                                    self.forms.health, self.forms.signals)
