"""Health snapshots: record one (scored by the playbook engine, its signals applied to the
risk register and action items), read the history, delete a mistaken one."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVarTuple

from sqlalchemy import (
    Date,
    Row,
    Select,
    Uuid,
    bindparam,
    func,
    insert,
    literal,
    literal_column,
    null,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from csdesk.errors import InputProblem
from csdesk.playbook.health import health_score
from csdesk.playbook.records import (
    HEALTH_METRICS,
    OPERATIONAL_FIGURES,
    AccountFacts,
    HealthMetrics,
    OperationalFigures,
    Snapshot,
)
from csdesk.playbook.signals import Risk, Signals, evaluate_signals, next_review_date
from csdesk.playbook.signals_form import SignalsForm
from csdesk.store import audit, summary
from csdesk.store.orm import Account, ActionItem, HealthSnapshot, RiskEntry
from csdesk.store.orm.base import table_of, utcnow
from csdesk.store.repos.accounts import facts_of
from csdesk.store.repos.base import NotFound, Repository, fetch, require_account
from csdesk.store.views import SnapshotView

Ts = TypeVarTuple("Ts")

# One account's history: the view's fields but the account (which the caller knows),
# oldest first; the statement is built once, not on every read.
_HISTORY_FIELDS: tuple[str, ...] = tuple(f for f in SnapshotView.model_fields
                                         if f != "account_id")
_HISTORY = (select(*(getattr(HealthSnapshot, name) for name in _HISTORY_FIELDS))
            .where(HealthSnapshot.account_id == bindparam("account_id", type_=Uuid))
            .order_by(HealthSnapshot.as_of, HealthSnapshot.created_at))


@dataclass
class RecordedSnapshot:
    snapshot: SnapshotView
    signals: Signals | None  # None when a back-dated snapshot is not the latest
    risks_raised: list[str] = field(default_factory=list)
    risks_closed: list[str] = field(default_factory=list)
    actions_created: int = 0
    actions_cleared: int = 0


def to_domain(row: Any) -> Snapshot:
    """A stored snapshot (a mapped row, a view or a Core row of its columns) as the
    playbook's ``Snapshot``."""
    metrics = HealthMetrics.model_construct(**{m: getattr(row, m) for m in HEALTH_METRICS})
    figures = OperationalFigures.model_construct(
        **{f: getattr(row, f) for f in OPERATIONAL_FIGURES})
    return Snapshot.model_construct(as_of=row.as_of, metrics=metrics, figures=figures,
                                    flags=frozenset(row.flags or ()))


def newest_first(query: Select[*Ts], up_to: bool = False) -> Select[*Ts]:
    """``query`` limited to one account's newest snapshots (by date, then by creation
    time), optionally those dated up to a day; bind it with ``newest_params``.

    The (account, date) index orders by date but not by creation time, so sorting on
    both reads every snapshot the account has: years of weekly history to keep two or
    eight rows. The ``count``-th newest date is found in the index alone first; only
    snapshots from that date on are read and sorted. Same rows, same order. Built once
    with bound parameters, the statement is not rebuilt on every snapshot recorded.
    """
    where = [HealthSnapshot.account_id == bindparam("account_id")]
    if up_to:
        where.append(HealthSnapshot.as_of <= bindparam("up_to"))
    boundary = (select(HealthSnapshot.as_of).where(*where)
                .order_by(HealthSnapshot.as_of.desc()).limit(1).offset(bindparam("skip"))
                .scalar_subquery())
    # fewer snapshots than ``count``: no boundary, every snapshot qualifies
    earliest = func.coalesce(boundary, literal(dt.date.min, Date))
    return (query.where(*where, HealthSnapshot.as_of >= earliest)
            .order_by(HealthSnapshot.as_of.desc(), HealthSnapshot.created_at.desc())
            .limit(bindparam("count")))


def newest_params(account_id: uuid.UUID, count: int,
                  up_to: dt.date | None = None) -> dict[str, Any]:
    """The parameters of a ``newest_first`` statement: ``count`` snapshots of the account
    (dated ``up_to`` or earlier, for a statement built with ``up_to=True``)."""
    params: dict[str, Any] = {"account_id": account_id, "count": count, "skip": count - 1}
    if up_to is not None:
        params["up_to"] = up_to
    return params


_LATEST_TWO_IDS = newest_first(select(HealthSnapshot.id))
# What a recording reads of the account (the rules' facts and the two pointers) and
# writes: Core statements, audited by the repository itself (see ``record``).
_RECORDING_ACCOUNT = select(
    Account.latest_snapshot_id, Account.previous_snapshot_id, Account.plan_tier,
    Account.licensed_users, Account.monthly_execution_limit, Account.renewal_date,
    Account.stage, Account.stage_started, Account.onboarding_started, Account.indicators,
).where(Account.id == bindparam("account_id", type_=Uuid))
_INSERT_SNAPSHOT = insert(table_of(HealthSnapshot))
_POINT = (update(table_of(Account))
          .where(Account.id == bindparam("account_id", type_=Uuid))
          .values(latest_snapshot_id=bindparam("latest", type_=Uuid),
                  previous_snapshot_id=bindparam("previous", type_=Uuid)))

# What the rules raised and started that is still open, both in one Core read: most
# recordings change none of it, and then no mapped object is built. Rows: kind ("risk" or
# "action"), id, key (rule id or playbook), observed and type (risks only).
_OPEN_RULE_WORK = union_all(
    select(literal_column("'risk'").label("kind"), RiskEntry.id,
           RiskEntry.rule_id.label("key"), RiskEntry.observed, RiskEntry.type)
    .where(RiskEntry.account_id == bindparam("account_id", type_=Uuid),
           RiskEntry.status == "open", RiskEntry.rule_id.is_not(None)),
    select(literal_column("'action'"), ActionItem.id, ActionItem.playbook, null(), null())
    .where(ActionItem.account_id == bindparam("account_id", type_=Uuid),
           ActionItem.status == "open", ActionItem.playbook.is_not(None)))
# the rows among those that a recording changes, as mapped objects (so they are audited)
_RISKS_BY_ID = select(RiskEntry).where(RiskEntry.id.in_(bindparam("ids", expanding=True)))
_ACTIONS_BY_ID = select(ActionItem).where(
    ActionItem.id.in_(bindparam("ids", expanding=True)))

# What the pointers and the rules read of the newest snapshots: Core rows, not ORM
# objects (nothing is written to them, and building eight mapped objects per recording
# cost more than reading them).
_TAIL_COLUMNS = (HealthSnapshot.id, HealthSnapshot.as_of, HealthSnapshot.created_at,
                 HealthSnapshot.flags,
                 *(getattr(HealthSnapshot, name) for name in (*HEALTH_METRICS,
                                                              *OPERATIONAL_FIGURES)))
_TAIL = newest_first(select(*_TAIL_COLUMNS), up_to=True)
_NEWEST = newest_first(select(*_TAIL_COLUMNS))


def trend_window(form: SignalsForm) -> int:
    """The longest history window a trend rule reads (1 when no rule reads a trend)."""
    windows = [c.window for rule in form.interventions
               for c in (*rule.when, *rule.or_when) if c.window]
    return max(windows, default=1)


def raised_risk_values(account_id: uuid.UUID, as_of: dt.date, risk: Risk) -> dict[str, Any]:
    """The register row (without id and times) that a fired risk rule opens.

    Shared with the demo book, so a generated register holds exactly what recording the
    latest snapshot would have raised.
    """
    return {"account_id": account_id, "type": risk.type, "severity": risk.severity,
            "description": risk.description, "impact": risk.impact,
            "mitigation": risk.mitigation, "status": "open", "rule_id": risk.rule_id,
            "observed": risk.observed, "raised_on": as_of}


def started_action_values(account_id: uuid.UUID, signals: Signals,
                          running: Collection[str | None]) -> list[dict[str, Any]]:
    """The action items (without ids and times) that the triggered playbooks start.

    A playbook already ``running`` (it has open actions) starts nothing new; each new
    action names the first rule that started its playbook. Shared with the demo book.
    """
    trigger_of: dict[str | None, str] = {}
    for trig in signals.interventions:  # the first rule that started each playbook
        trigger_of.setdefault(trig.playbook, trig.rule_id)
    return [{"account_id": account_id, "title": planned.task, "playbook": planned.playbook,
             "step": planned.step, "trigger_rule": trigger_of.get(planned.playbook),
             "due_date": planned.due, "owner": planned.owner, "status": "open"}
            for planned in signals.actions if planned.playbook not in running]


def _tail_of(rows: Iterable[Any]) -> list[Snapshot]:
    """Newest-first snapshots as the rules' history: the newest reading of each date,
    oldest first."""
    by_date: dict[dt.date, Any] = {}
    for r in rows:
        by_date.setdefault(r.as_of, r)
    return [to_domain(r) for r in sorted(by_date.values(), key=lambda x: x.as_of)]


def _flush_if_auto(s: Session) -> None:
    """Flush what an ORM query would have flushed first (unless autoflush is off)."""
    if s.autoflush and (s.new or s.dirty or s.deleted):
        s.flush()


class SnapshotRepository(Repository):
    @property
    def trend_window(self) -> int:
        return trend_window(self.forms.signals)

    def _checked_flags(self, flags: Iterable[str]) -> list[str]:
        flag_set = sorted(set(flags))
        known = {f.id for f in self.forms.signals.flags if f.scope == "snapshot"}
        unknown = [f for f in flag_set if f not in known]
        if unknown:
            allowed = ", ".join(sorted(known))
            raise InputProblem([f"snapshot: flags: {f!r} is not one of {allowed}"
                                for f in unknown])
        return flag_set

    @staticmethod
    def _checked_note(note: str) -> str:
        if "\x00" in note:
            raise InputProblem(["snapshot: note: contains a NUL character"])
        return note.strip()

    def record(self, account_id: uuid.UUID, as_of: dt.date, metrics: HealthMetrics,
               figures: OperationalFigures | None = None, flags: Iterable[str] = (),
               note: str = "", snapshot_id: uuid.UUID | None = None) -> RecordedSnapshot:
        """A new reading, scored now. ``snapshot_id`` lets an undone recording be redone
        under the same id (so later edits of it still find it)."""
        figures = figures or OperationalFigures()
        flag_set = self._checked_flags(flags)
        note = self._checked_note(note)
        result = health_score(metrics, self.forms.health)
        values: dict[str, Any] = {
            "id": snapshot_id or uuid.uuid4(), "account_id": account_id, "as_of": as_of,
            **metrics.model_dump(), **figures.model_dump(), "flags": flag_set, "note": note,
            "score": result.score, "status": result.status,
            "next_review": next_review_date(result.status, as_of, self.forms.signals),
            "form_id": self.forms.health.id, "form_version": self.forms.health.version}
        # The most frequent write of all, so the snapshot and the account's pointers go
        # through Core, audited here with the entries the ORM hook would have written,
        # and the summary is refreshed at the commit as for any write; the rules' risks
        # and actions (most recordings change none) stay mapped objects. Autoflush is off:
        # what the ORM has pending is written by one flush at the commit.
        with self.store.transaction() as s, s.no_autoflush:
            conn = s.connection()
            account = conn.execute(_RECORDING_ACCOUNT, {"account_id": account_id}).first()
            if account is None:
                raise NotFound(f"no account with id {account_id}")
            now = utcnow()
            values["created_at"] = now
            conn.execute(_INSERT_SNAPSHOT, values)
            entries = [audit.entry(s, now, account_id, HealthSnapshot.__tablename__, values["id"],
                                   "create", audit.creation(HealthSnapshot, values))]
            # one read of the newest snapshots: the pointers, and the rules' history
            newest = conn.execute(_NEWEST, newest_params(account_id, self._tail_size)).all()
            latest = self._point_by_core(s, account_id, account, newest, now, entries)
            audit.add_entries(s, entries)
            summary.touch(s, account_id)
            recorded = RecordedSnapshot(SnapshotView.model_validate(values), None)
            if latest == values["id"]:  # the newest: so ``newest`` is its tail
                self._apply_signals(s, account_id, facts_of(account), as_of, recorded,
                                    _tail_of(newest))
            return recorded

    def update(self, snapshot_id: uuid.UUID, metrics: HealthMetrics,
               figures: OperationalFigures | None = None, flags: Iterable[str] = (),
               note: str = "") -> RecordedSnapshot:
        """Correct a reading (same date): rescored with the forms in force now, its signals
        applied again if it is the latest. The audit trail keeps what it was."""
        figures = figures or OperationalFigures()
        flag_set = self._checked_flags(flags)
        note = self._checked_note(note)
        result = health_score(metrics, self.forms.health)
        with self.store.transaction() as s:
            row = fetch(s, HealthSnapshot, snapshot_id, "health snapshot")
            account = require_account(s, row.account_id)
            values = {**metrics.model_dump(), **figures.model_dump(), "flags": flag_set,
                      "note": note, "score": result.score, "status": result.status,
                      "next_review": next_review_date(result.status, row.as_of,
                                                      self.forms.signals),
                      "form_id": self.forms.health.id,
                      "form_version": self.forms.health.version}
            for name, value in values.items():
                if getattr(row, name) != value:
                    setattr(row, name, value)
            s.flush()
            recorded = RecordedSnapshot(SnapshotView.model_validate(row), None)
            if account.latest_snapshot_id == row.id:
                self._apply_signals(s, account.id, facts_of(account), row.as_of, recorded)
            return recorded

    def on_date(self, account_id: uuid.UUID, day: dt.date) -> SnapshotView | None:
        """The newest reading recorded for that date, if any."""
        with self.store.reader() as s:
            row = s.scalars(select(HealthSnapshot).where(
                HealthSnapshot.account_id == account_id, HealthSnapshot.as_of == day)
                .order_by(HealthSnapshot.created_at.desc()).limit(1)).first()
            return None if row is None else SnapshotView.model_validate(row)

    @property
    def _tail_size(self) -> int:
        """How many of the newest snapshots the rules read (two per trend week: a date
        may hold more than one reading), and never fewer than the two pointers need."""
        return max(2, self.trend_window * 2)

    def _refresh_pointers(self, s: Session, account: Account) -> None:
        self._point(account, list(s.scalars(_LATEST_TWO_IDS, newest_params(account.id, 2))))

    @staticmethod
    def _point(account: Account, newest: list[Any]) -> None:
        """Point the account at the first two of its ``newest`` snapshots (or their ids)."""
        ids = [getattr(r, "id", r) for r in newest[:2]]
        latest = ids[0] if ids else None
        previous = ids[1] if len(ids) > 1 else None
        if account.latest_snapshot_id != latest:
            account.latest_snapshot_id = latest
        if account.previous_snapshot_id != previous:
            account.previous_snapshot_id = previous

    @staticmethod
    def _point_by_core(s: Session, account_id: uuid.UUID, account: Row[Any],
                       newest: Sequence[Row[Any]], at: dt.datetime,
                       entries: list[dict[str, Any]]) -> uuid.UUID | None:
        """Point the account (read as a Core row) at the first two of its ``newest``, as
        ``_point`` does to a mapped account, adding the audit entry of that change to
        ``entries``. Returns the latest snapshot's id."""
        ids = [r.id for r in newest[:2]]
        pointers = {"latest_snapshot_id": ids[0] if ids else None,
                    "previous_snapshot_id": ids[1] if len(ids) > 1 else None}
        changes = {name: [audit.jsonable(getattr(account, name)), audit.jsonable(value)]
                   for name, value in pointers.items() if getattr(account, name) != value}
        if changes:  # the ORM would set updated_at too: so does _POINT (onupdate)
            s.connection().execute(_POINT, {"account_id": account_id,
                                            "latest": pointers["latest_snapshot_id"],
                                            "previous": pointers["previous_snapshot_id"]})
            entries.append(audit.entry(s, at, account_id, Account.__tablename__, account_id,
                                       "update", changes))
        return pointers["latest_snapshot_id"]

    def _tail(self, s: Session, account_id: uuid.UUID, as_of: dt.date) -> list[Snapshot]:
        _flush_if_auto(s)  # a Core read: it sees only what is flushed
        return _tail_of(s.connection().execute(
            _TAIL, newest_params(account_id, self._tail_size, as_of)))

    def _apply_signals(self, s: Session, account_id: uuid.UUID, facts: AccountFacts,
                       as_of: dt.date, out: RecordedSnapshot,
                       tail: list[Snapshot] | None = None) -> None:
        """Raise and close rule risks, start and clear playbook actions, as the rules say
        (from ``tail``, the snapshots up to ``as_of``, when the caller has read them)."""
        if tail is None:
            tail = self._tail(s, account_id, as_of)
        signals = evaluate_signals(tail, facts, self.forms.health, self.forms.signals)
        out.signals = signals
        _flush_if_auto(s)  # a Core read: it sees only what is flushed
        work = s.connection().execute(_OPEN_RULE_WORK, {"account_id": account_id}).all()
        open_risks = {r.key: r for r in work if r.kind == "risk"}
        observed: dict[uuid.UUID, list[Any]] = {}  # open risks seen again, differently
        for risk in signals.risks:
            existing = open_risks.pop(risk.rule_id, None)
            if existing is None:
                s.add(RiskEntry(id=uuid.uuid4(), **raised_risk_values(account_id, as_of, risk)))
                out.risks_raised.append(risk.type)
            elif existing.observed != risk.observed:
                observed[existing.id] = risk.observed
        out.risks_closed.extend(r.type for r in open_risks.values())
        closed = {r.id for r in open_risks.values()}
        if observed or closed:
            for entry in s.scalars(_RISKS_BY_ID, {"ids": [*observed, *closed]}):
                if entry.id in closed:
                    entry.status = "closed"
                    entry.closed_on = as_of
                elif entry.observed != observed[entry.id]:
                    entry.observed = observed[entry.id]

        open_actions = [r for r in work if r.kind == "action"]
        running = {a.key for a in open_actions}
        wanted = {a.playbook for a in signals.actions}
        for values in started_action_values(account_id, signals, running):
            s.add(ActionItem(id=uuid.uuid4(), **values))
            out.actions_created += 1
        cleared = [a.id for a in open_actions if a.key not in wanted]
        if cleared:
            for action in s.scalars(_ACTIONS_BY_ID, {"ids": cleared}):
                action.status = "cleared"
            out.actions_cleared += len(cleared)

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
        # Core rows straight into views: two years of weekly history is read whenever an
        # account opens, and building ORM objects first costs several times the query.
        with self.store.reader() as s:
            rows = s.connection().execute(_HISTORY, {"account_id": account_id}).all()
        validate = SnapshotView.model_validate
        fields = _HISTORY_FIELDS
        return [validate({"account_id": account_id, **dict(zip(fields, r, strict=True))})
                for r in rows]

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
