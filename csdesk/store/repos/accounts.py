"""Accounts: create, edit, archive, delete, find, and the portfolio in one query."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Integer, Row, String, func, or_, select, type_coerce

from csdesk.errors import InputProblem
from csdesk.playbook.records import AccountFacts
from csdesk.store.inputs import AccountFields
from csdesk.store.orm import Account
from csdesk.store.repos.account_archive import AccountArchive, capture, holdings, put_back
from csdesk.store.repos.base import NotFound, Repository, apply, field_values, validate
from csdesk.store.views import AccountView, PortfolioRow


class AccountRepository(Repository):
    def _check(self, fields: AccountFields) -> None:
        problems = []
        stages = self.forms.journey.stage_ids
        if fields.stage not in stages:
            problems.append(f"account: stage: {fields.stage!r} is not one of {', '.join(stages)}")
        known = {f.id for f in self.forms.signals.flags if f.scope == "account"}
        for flag in fields.indicators:
            if flag not in known:
                problems.append(f"account: indicators: {flag!r} is not one of "
                                f"{', '.join(sorted(known))}")
        if problems:
            raise InputProblem(problems)

    def create(self, data: Mapping[str, Any] | AccountFields) -> AccountView:
        fields = data if isinstance(data, AccountFields) else validate(AccountFields, data,
                                                                       "account")
        self._check(fields)
        values = fields.model_dump()
        today = self.today()
        values["stage_started"] = values["stage_started"] or today
        if values["stage"] == "onboarding" and values["onboarding_started"] is None:
            values["onboarding_started"] = values["stage_started"]
        with self.store.transaction() as s:
            account = Account(id=uuid.uuid4(), **values)
            s.add(account)
            s.flush()
            return AccountView.model_validate(account)

    def update(self, account_id: uuid.UUID, changes: Mapping[str, Any]) -> AccountView:
        with self.store.transaction() as s:
            account = self._fetch(s, account_id)
            before_stage = account.stage
            merged = {**field_values(account, AccountFields), **changes}
            fields = validate(AccountFields, merged, "account")
            self._check(fields)
            apply(account, fields)
            if account.stage != before_stage and "stage_started" not in changes:
                account.stage_started = self.today()
            if (account.stage == "onboarding" and before_stage != "onboarding"
                    and "onboarding_started" not in changes):
                account.onboarding_started = account.stage_started
            s.flush()
            return AccountView.model_validate(account)

    def set_archived(self, account_id: uuid.UUID, archived: bool) -> AccountView:
        with self.store.transaction() as s:
            account = self._fetch(s, account_id)
            account.archived = archived
            s.flush()
            return AccountView.model_validate(account)

    def delete(self, account_id: uuid.UUID) -> AccountArchive:
        """Delete the account and everything it holds (its audit trail stays). Returns
        what was deleted, every row of it: ``restore`` puts it back exactly."""
        with self.store.transaction() as s:
            account = self._fetch(s, account_id)
            archive = capture(s, AccountView.model_validate(account))
            s.delete(account)
            return archive

    def restore(self, archive: AccountArchive) -> AccountView:
        """Undo a ``delete``: the same rows, ids and timestamps again, in one transaction
        (audited as the account's ``create``)."""
        with self.store.transaction() as s:
            if s.get(Account, archive.account_id) is not None:
                raise InputProblem([f"account: {archive.account.name!r} exists already"])
            put_back(s, archive, str(s.info.get("actor") or ""))
            s.flush()
            return AccountView.model_validate(self._fetch(s, archive.account_id))

    def holdings(self, account_id: uuid.UUID) -> dict[str, int]:
        """How many records of each kind the account holds, by kind (``snapshots``,
        ``assessments``, ``stakeholders``, ...): what deleting it removes."""
        with self.store.reader() as s:
            self._fetch(s, account_id)
            return holdings(s, account_id)

    def get(self, account_id: uuid.UUID) -> AccountView:
        with self.store.reader() as s:
            return AccountView.model_validate(self._fetch(s, account_id))

    def find(self, name_or_id: str) -> AccountView:
        """By UUID, or by name: exact, then ignoring case, then a unique prefix (matched in
        Python with casefold, so "łódź" finds "Łódź Logistics" on any database)."""
        text = name_or_id.strip()
        with self.store.reader() as s:
            try:
                found = s.get(Account, uuid.UUID(text))
            except ValueError:
                found = None
            if found is not None:
                return AccountView.model_validate(found)
            names = s.execute(select(Account.id, Account.name)).all()
            folded = text.casefold()
            exact = [i for i, n in names if n == text]
            same = [i for i, n in names if n.casefold() == folded]
            prefix = [i for i, n in names if n.casefold().startswith(folded)]
            for hits in (exact, same, prefix):
                if len(hits) == 1:
                    return AccountView.model_validate(s.get(Account, hits[0]))
                if len(hits) > 1:
                    raise NotFound(f"more than one account matches {text!r}; use its id")
        raise NotFound(f"no account named {text!r}")

    def all(self, include_archived: bool = False) -> list[AccountView]:
        with self.store.reader() as s:
            query = select(Account).order_by(Account.name)
            if not include_archived:
                query = query.where(Account.archived.is_(False))
            return [AccountView.model_validate(a) for a in s.scalars(query)]

    def count(self) -> int:
        with self.store.reader() as s:
            return s.scalar(select(func.count()).select_from(Account)) or 0

    def facts(self, account_id: uuid.UUID) -> AccountFacts:
        return facts_of(self.get(account_id))

    def portfolio(self, today: dt.date | None = None, include_archived: bool = False,
                  search: str = "") -> list[PortfolioRow]:
        """Every account's line of the portfolio: one narrow read of the accounts table.

        Built for thousands of accounts: the latest scores, readiness and open risks are
        the summary columns every write keeps current (``csdesk.store.summary``), so
        nothing is joined; the rows come from the driver as they are and dates stored as
        text are parsed with date.fromisoformat (SQLAlchemy's SQLite date processor is
        several times slower). The rows are sorted here: walking the name index would
        cost a random read per account.
        """
        today = today or self.today()
        query = _PORTFOLIO if include_archived else _PORTFOLIO_ACTIVE
        if search.strip():
            needle = f"%{search.strip().lower()}%"
            query = query.where(or_(func.lower(Account.name).like(needle),
                                    func.lower(Account.owner).like(needle)))
        with self.store.reader() as s:
            rows = s.connection().execute(query).all()
        out: list[PortfolioRow] = []
        append = out.append
        dates: dict[object, dt.date | None] = {None: None}  # the same few hundred dates
        for (id_, name, tier, arr, stage, owner, renewal_text, archived, score, status, as_of,
             review, previous, level, risks) in rows:
            renewal = dates.get(renewal_text, _MISSING)
            if renewal is _MISSING:
                renewal = dates[renewal_text] = _date(renewal_text)
            as_of_day = dates.get(as_of, _MISSING)
            if as_of_day is _MISSING:
                as_of_day = dates[as_of] = _date(as_of)
            review_day = dates.get(review, _MISSING)
            if review_day is _MISSING:
                review_day = dates[review] = _date(review)
            append(PortfolioRow(
                _uuid(id_), name, tier, arr, stage, owner, renewal,
                None if renewal is None else (renewal - today).days,
                score, status,
                None if score is None or previous is None else score - previous,
                as_of_day, review_day, risks or 0, level, bool(archived)))
        out.sort(key=_by_name)
        return out

    def _fetch(self, s: Any, account_id: uuid.UUID) -> Account:
        account = s.get(Account, account_id)
        if account is None:
            raise NotFound(f"no account with id {account_id}")
        assert isinstance(account, Account)
        return account


# Columns read raw (as the driver hands them): UUIDs, dates and booleans are converted
# in ``portfolio`` itself, once per value, rather than through SQLAlchemy's processors.
_PORTFOLIO = select(
    type_coerce(Account.id, String), Account.name, Account.plan_tier, Account.arr,
    Account.stage, Account.owner, type_coerce(Account.renewal_date, String),
    type_coerce(Account.archived, Integer), Account.latest_score, Account.latest_status,
    type_coerce(Account.latest_as_of, String), type_coerce(Account.latest_next_review, String),
    Account.previous_score, Account.readiness_level, Account.open_risks)
_PORTFOLIO_ACTIVE = _PORTFOLIO.where(Account.archived.is_(False))


_MISSING: Any = object()


def _uuid(value: object) -> uuid.UUID:
    """An id read as text (SQLite: 32 hex digits) or as a UUID (PostgreSQL)."""
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str) and len(value) == 32:
        return uuid.UUID(int=int(value, 16))  # half the time of parsing the text
    return uuid.UUID(str(value))


def _date(value: object) -> dt.date | None:
    """A date column read as text (SQLite: '2026-11-28') or as a date (PostgreSQL)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _by_name(row: PortfolioRow) -> str:
    return row.name


def facts_of(account: AccountView | Account | Row[Any]) -> AccountFacts:
    """What the signal rules need to know about an account."""
    return AccountFacts(
        plan_tier=account.plan_tier,
        licensed_users=account.licensed_users,
        monthly_execution_limit=account.monthly_execution_limit,
        renewal_date=account.renewal_date,
        stage=account.stage,
        stage_started=account.stage_started,
        onboarding_started=account.onboarding_started,
        indicators=frozenset(account.indicators or ()),
    )
