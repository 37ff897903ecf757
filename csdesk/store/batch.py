"""Many edits in one transaction: the spreadsheet import's accounts and snapshots.

Each account is created or edited as ``AccountRepository`` does it, each snapshot scored
by the playbook engine as ``SnapshotRepository.record`` does it (form id and version
kept); the rules' risks and actions are applied once per account, for its newest
snapshot, after its history is in. Everything is audited like any edit. All or nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from csdesk.playbook.health import health_score
from csdesk.playbook.records import HealthMetrics, OperationalFigures
from csdesk.playbook.signals import next_review_date
from csdesk.store.book import Book
from csdesk.store.inputs import AccountFields
from csdesk.store.orm import Account, HealthSnapshot
from csdesk.store.repos.accounts import facts_of
from csdesk.store.repos.base import apply, require_account
from csdesk.store.repos.snapshots import RecordedSnapshot
from csdesk.store.views import SnapshotView


@dataclass(frozen=True)
class AccountEdit:
    """A new account (``create``) or changes to one: ``given`` names the fields the
    input set (a stage change moves ``stage_started`` unless it was given too)."""

    id: uuid.UUID
    fields: AccountFields
    create: bool
    given: frozenset[str] = frozenset()


@dataclass(frozen=True)
class NewSnapshot:
    account_id: uuid.UUID
    as_of: dt.date
    metrics: HealthMetrics
    figures: OperationalFigures = field(default_factory=OperationalFigures)
    flags: tuple[str, ...] = ()
    note: str = ""


@dataclass
class BatchResult:
    accounts_created: int = 0
    accounts_updated: int = 0
    snapshots: int = 0
    risks_raised: int = 0
    actions_created: int = 0
    signals_for: list[uuid.UUID] = field(default_factory=list)


def write_batch(book: Book, accounts: Sequence[AccountEdit], snapshots: Sequence[NewSnapshot],
                tick: Callable[[int], None] | None = None,
                before_commit: Callable[[], None] | None = None) -> BatchResult:
    """Create/edit the accounts, then record the snapshots, in one transaction. ``tick``
    is called as work is done and ``before_commit`` last; an exception from either rolls
    everything back."""
    result = BatchResult()
    today = book.accounts.today()
    health = book.forms.health
    with book.store.transaction() as s:
        for edit in accounts:
            values = edit.fields.model_dump()
            if edit.create:
                values["stage_started"] = values["stage_started"] or today
                if values["stage"] == "onboarding" and values["onboarding_started"] is None:
                    values["onboarding_started"] = values["stage_started"]
                s.add(Account(id=edit.id, **values))
                result.accounts_created += 1
            else:
                account = require_account(s, edit.id)
                before = account.stage
                apply(account, edit.fields)
                if account.stage != before and "stage_started" not in edit.given:
                    account.stage_started = today
                if (account.stage == "onboarding" and before != "onboarding"
                        and "onboarding_started" not in edit.given):
                    account.onboarding_started = account.stage_started
                result.accounts_updated += 1
            if tick is not None:
                tick(1)
        s.flush()
        by_account: dict[uuid.UUID, list[HealthSnapshot]] = {}
        for snap in sorted(snapshots, key=lambda x: x.as_of):
            scored = health_score(snap.metrics, health)
            row = HealthSnapshot(
                id=uuid.uuid4(), account_id=snap.account_id, as_of=snap.as_of,
                **snap.metrics.model_dump(), **snap.figures.model_dump(),
                flags=sorted(set(snap.flags)), note=snap.note, score=scored.score,
                status=scored.status,
                next_review=next_review_date(scored.status, snap.as_of, book.forms.signals),
                form_id=health.id, form_version=health.version)
            s.add(row)
            by_account.setdefault(snap.account_id, []).append(row)
            result.snapshots += 1
            if tick is not None:
                tick(1)
        s.flush()
        _refresh(book, s, by_account, result)
        if before_commit is not None:
            before_commit()
    return result


def _refresh(book: Book, s: Session, by_account: dict[uuid.UUID, list[HealthSnapshot]],
             result: BatchResult) -> None:
    repo = book.snapshots
    for account_id, rows in by_account.items():
        account = require_account(s, account_id)
        repo._refresh_pointers(s, account)
        new_ids = {r.id for r in rows}
        if account.latest_snapshot_id in new_ids:
            latest = next(r for r in rows if r.id == account.latest_snapshot_id)
            recorded = RecordedSnapshot(SnapshotView.model_validate(latest), None)
            repo._apply_signals(s, account.id, facts_of(account), latest.as_of, recorded)
            result.risks_raised += len(recorded.risks_raised)
            result.actions_created += recorded.actions_created
            result.signals_for.append(account_id)


def snapshots_of(book: Book, account_ids: Collection[uuid.UUID]) -> list[SnapshotView]:
    """Every snapshot of these accounts (to tell a row already recorded from a new one)."""
    if not account_ids:
        return []
    ids = sorted(set(account_ids), key=str)
    out: list[SnapshotView] = []
    with book.store.reader() as s:
        for start in range(0, len(ids), 500):
            rows = s.scalars(select(HealthSnapshot).where(
                HealthSnapshot.account_id.in_(ids[start:start + 500])))
            out.extend(SnapshotView.model_validate(r) for r in rows)
    return out
