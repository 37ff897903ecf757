"""Accounts and health snapshots from CSV and XLSX, with a preview; tables out to CSV/XLSX.

Import: ``plan_spreadsheet`` reads every table (a CSV file, or each sheet of a workbook),
matches its columns by header (the playbook's field names in snake_case or camelCase or
its labels, any case: "Platform adoption", "platform_adoption", "platformAdoption"),
validates every row, and returns a ``SheetPlan``: the column mapping, what will be
created, updated, recorded or skipped, and each rejected row with the reason per column
("row 7, platform_adoption: 140 is above 100"). Nothing is written until
``apply_spreadsheet``, which does it all in one transaction or nothing.

A table with health metric columns holds snapshots (one per row: account, date, the
twelve metrics, optionally the operational figures, flags and a note); they are scored
by the playbook engine when recorded. Any other table with an account name or id column
holds accounts, matched to the book's by id, else by name (case-insensitive): matched
ones are updated with the row's non-empty cells, others created. In a workbook the
accounts sheets are applied first, so a snapshots sheet may name accounts they create.
A row already recorded (same account, date and values) is skipped, so importing the
same sheet twice records nothing twice.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from csdesk.errors import InputProblem
from csdesk.exchange.errors import Progress, Ticker
from csdesk.exchange.tables import Table, read_tables, write_table
from csdesk.playbook.form_loader import FormSet
from csdesk.playbook.inputs import describe_error, snake_key
from csdesk.playbook.records import (
    HEALTH_METRICS,
    OPERATIONAL_FIGURES,
    PLAN_TIERS,
    HealthMetrics,
    OperationalFigures,
)
from csdesk.store.backup import backup_database
from csdesk.store.batch import AccountEdit, NewSnapshot, snapshots_of, write_batch
from csdesk.store.book import Book
from csdesk.store.inputs import AccountFields
from csdesk.store.views import AccountView, PortfolioRow, SnapshotView

INT_MAX = 2**31 - 1
ACCOUNT_FIELDS: tuple[str, ...] = tuple(AccountFields.model_fields)
SNAPSHOT_FIELDS: tuple[str, ...] = ("account", "as_of", *HEALTH_METRICS, *OPERATIONAL_FIGURES,
                                    "flags", "note")
COMPUTED = frozenset({"score", "health_score", "status", "health_status", "next_review",
                      "form_id", "form_version", "score_change", "change", "days_to_renewal",
                      "open_risks", "readiness", "readiness_level", "archived", "created_at",
                      "updated_at"})
_ALIASES = {
    "account_name": "account", "customer": "account", "customer_name": "account",
    "company": "account", "account_id": "id", "uuid": "id",
    "date": "as_of", "as_of_date": "as_of", "snapshot_date": "as_of", "week": "as_of",
    "week_of": "as_of", "plan": "plan_tier", "tier": "plan_tier",
    "licenses": "licensed_users", "licences": "licensed_users", "seats": "licensed_users",
    "users": "licensed_users", "renewal": "renewal_date", "sponsor": "executive_sponsor",
    "csm": "owner", "execution_limit": "monthly_execution_limit",
}
_DATES = {"stage_started", "onboarding_started", "contract_start", "renewal_date", "as_of"}
_FLOATS = {"arr", *HEALTH_METRICS, "avg_response_seconds", "error_rate_pct",
           "roi_achieved_pct"}
_INTS = {"licensed_users", "monthly_execution_limit", "recent_support_tickets",
         "escalated_tickets", "monthly_executions", "active_users"}
_LISTS = {"indicators", "flags"}
_THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")  # 1,200,000.50
_EUROPEAN = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?")  # 1.200.000,50
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")  # 72,5


def normalise(header: str) -> str:
    """'Platform adoption', 'platformAdoption', 'PLATFORM-ADOPTION' -> 'platform_adoption'."""
    key = snake_key(header) if any(c.islower() for c in header) else header.strip().lower()
    return re.sub(r"[^0-9a-z]+", "_", key.lower()).strip("_")


# -------------------------------------------------------------------------------- plan
@dataclass(frozen=True)
class Column:
    header: str
    position: int  # 0-based
    field: str | None  # None: ignored
    note: str = ""

    def describe(self) -> str:
        target = self.field or f"(ignored: {self.note})"
        return f"{self.header or '(no header)'!r} -> {target}"


@dataclass(frozen=True)
class Rejected:
    table: str
    row: int
    field: str | None
    reason: str

    def where(self) -> str:
        return f"row {self.row}" + (f", {self.field}" if self.field else "")

    def __str__(self) -> str:
        return f"{self.table}: {self.where()}: {self.reason}"


@dataclass
class TablePlan:
    name: str
    kind: str  # "accounts" | "snapshots" | "unknown"
    columns: list[Column]
    rows: int
    problems: list[str] = field(default_factory=list)  # the table cannot be imported
    rejected: list[Rejected] = field(default_factory=list)
    accepted: int = 0
    skipped: int = 0


@dataclass
class SheetPlan:
    source: str
    tables: list[TablePlan]
    accounts: list[AccountEdit]
    account_names: dict[uuid.UUID, str]
    snapshots: list[NewSnapshot]
    skipped: int = 0

    @property
    def rejected(self) -> list[Rejected]:
        return [r for t in self.tables for r in t.rejected]

    @property
    def problems(self) -> list[str]:
        """Everything that stops the import as it is, one line each."""
        return [p for t in self.tables for p in t.problems] + [str(r) for r in self.rejected]

    @property
    def writes(self) -> int:
        return len(self.accounts) + len(self.snapshots)

    def summary(self) -> str:
        lines = []
        for t in self.tables:
            what = {"accounts": "accounts", "snapshots": "health snapshots"}.get(t.kind,
                                                                                 "unknown")
            lines.append(f"{self.source} [{t.name}]: {what}, {t.rows} row(s)")
            lines.extend(f"  column {c.describe()}" for c in t.columns)
            lines.extend(f"  cannot import: {p}" for p in t.problems)
            if t.kind != "unknown":
                lines.append(f"  rows accepted: {t.accepted}, already in the book: {t.skipped}"
                             f", rejected: {len(t.rejected)}")
            lines.extend(f"  rejected: {r.where()}: {r.reason}" for r in t.rejected[:200])
            if len(t.rejected) > 200:
                lines.append(f"  ... and {len(t.rejected) - 200} more rejected rows")
        created = sum(1 for a in self.accounts if a.create)
        lines.append(f"accounts: {created} new, {len(self.accounts) - created} updated; "
                     f"snapshots: {len(self.snapshots)} to record, {self.skipped} skipped as "
                     "already recorded or unchanged")
        return "\n".join(lines)


@dataclass
class SheetReport:
    source: str
    accounts_created: int
    accounts_updated: int
    snapshots: int
    skipped_rows: int
    backup: Path | None

    def summary(self) -> str:
        text = (f"imported {self.source}: {self.accounts_created} account(s) created, "
                f"{self.accounts_updated} updated, {self.snapshots} snapshot(s) recorded")
        if self.skipped_rows:
            text += f", {self.skipped_rows} rejected row(s) left out"
        return text


class _Matcher:
    """Header text -> field, for one book's forms."""

    def __init__(self, forms: FormSet):
        self.labels: dict[str, str] = {}
        for metric in forms.health.metrics:
            self.labels[normalise(metric.label)] = metric.id
        self.stages = {normalise(s.label): s.id for s in forms.journey.stages}
        self.stages.update({s.id: s.id for s in forms.journey.stages})
        self.flags: dict[str, dict[str, str]] = {"account": {}, "snapshot": {}}
        for flag in forms.signals.flags:
            self.flags[flag.scope][normalise(flag.label)] = flag.id
            self.flags[flag.scope][normalise(flag.id)] = flag.id

    def field_for(self, header: str) -> str | None:
        key = normalise(header)
        if key in ACCOUNT_FIELDS or key in SNAPSHOT_FIELDS or key in ("id", "name"):
            return key
        return _ALIASES.get(key) or self.labels.get(key)


def _classify(table: Table, matcher: _Matcher) -> TablePlan:
    fields = [matcher.field_for(h) for h in table.headers]
    kind = ("snapshots" if any(f in HEALTH_METRICS for f in fields)
            else "accounts" if any(f in ("name", "account", "id") for f in fields)
            else "unknown")
    wanted = set(SNAPSHOT_FIELDS) | {"id"} if kind == "snapshots" else (
        set(ACCOUNT_FIELDS) | {"id"})
    columns: list[Column] = []
    taken: dict[str, str] = {}
    problems: list[str] = []
    for position, (header, name) in enumerate(zip(table.headers, fields, strict=True)):
        if kind == "snapshots" and name == "name":
            name = "account"
        if kind == "accounts" and name == "account":
            name = "name"
        key = normalise(header)
        if name is None or name not in wanted:
            note = ("computed by the playbook" if key in COMPUTED or name in COMPUTED
                    else "not an account field" if kind == "snapshots" and name
                    else "not a snapshot field" if name else "unknown column")
            if not header:
                note = "no header"
            columns.append(Column(header, position, None, note))
            continue
        if name in taken:
            problems.append(f"{table.name}: columns {taken[name]!r} and {header!r} both "
                            f"give {name}")
        taken[name] = header
        columns.append(Column(header, position, name))
    plan = TablePlan(table.name, kind, columns, len(table.rows), problems)
    if kind == "unknown":
        plan.problems.append(f"{table.name}: cannot tell what it holds: name an account "
                             "column (accounts) or the health metric columns (snapshots)")
    elif kind == "snapshots":
        missing = [f for f in ("as_of", *HEALTH_METRICS) if f not in taken]
        if "account" not in taken and "id" not in taken:
            missing.insert(0, "account")
        if missing:
            plan.problems.append(f"{table.name}: no column for {', '.join(missing)}")
    return plan


# --------------------------------------------------------------------------- cell values
class _BadCell(ValueError):
    pass


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise _BadCell(f"{_shown(value)} is not a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().lstrip("$€£").rstrip("%").strip()
        text = re.sub(r"(?<=\d)[ \u00a0\u202f'](?=\d{3})", "", text)  # 1 200 000
        if _THOUSANDS.fullmatch(text):
            text = text.replace(",", "")
        elif _EUROPEAN.fullmatch(text):
            text = text.replace(".", "").replace(",", ".")
        elif _DECIMAL_COMMA.fullmatch(text):
            text = text.replace(",", ".")
        try:
            number = float(text.replace(" ", ""))
        except ValueError:
            raise _BadCell(f"{_shown(value)} is not a number") from None
    if not math.isfinite(number):
        raise _BadCell(f"{_shown(value)} is not a finite number")
    return number


def _plain(number: float) -> float | int:
    """140.0 -> 140, so a message quotes what the cell showed."""
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _whole(value: Any) -> int:
    number = _number(value)
    if not number.is_integer():
        raise _BadCell(f"{_shown(value)} is not a whole number")
    if not 0 <= number <= INT_MAX:
        raise _BadCell(f"{_shown(value)} is outside 0 to {INT_MAX}")
    return int(number)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10] if len(text) > 10 and text[10] in " T"
                                     else text)
    except ValueError:
        raise _BadCell(f"{_shown(value)} is not a date (write it as YYYY-MM-DD)") from None


def _items(value: Any, known: Mapping[str, str], what: str) -> list[str]:
    out = []
    for part in re.split(r"[,;|]", str(value)):
        if not part.strip():
            continue
        flag = known.get(normalise(part))
        if flag is None:
            raise _BadCell(f"{part.strip()!r} is not one of the {what}: "
                           f"{', '.join(sorted(set(known.values())))}")
        out.append(flag)
    return out


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cells(plan: TablePlan, cells: Sequence[Any], number: int, matcher: _Matcher,
           scope: str) -> tuple[dict[str, Any], list[Rejected]]:
    values: dict[str, Any] = {}
    bad: list[Rejected] = []
    for column in plan.columns:
        name = column.field
        if name is None or column.position >= len(cells):
            continue
        raw = cells[column.position]
        if _blank(raw):
            continue
        try:
            if name in _DATES:
                values[name] = _date(raw)
            elif name in _INTS:
                values[name] = _whole(raw)
            elif name in _FLOATS:
                values[name] = _plain(_number(raw))
            elif name in _LISTS:
                values[name] = _items(raw, matcher.flags[scope], f"{scope} flags")
            elif name == "stage":
                stage = matcher.stages.get(normalise(str(raw)))
                if stage is None:
                    raise _BadCell(f"{_shown(raw)} is not one of "
                                   f"{', '.join(sorted(set(matcher.stages.values())))}")
                values[name] = stage
            elif name == "plan_tier":
                tiers = {t.lower(): t for t in PLAN_TIERS}
                tier = tiers.get(str(raw).strip().lower())
                if tier is None:
                    raise _BadCell(f"{_shown(raw)} is not one of {', '.join(PLAN_TIERS)}")
                values[name] = tier
            elif name == "id":
                try:
                    values[name] = uuid.UUID(str(raw).strip())
                except ValueError:
                    raise _BadCell(f"{_shown(raw)} is not an account id") from None
            else:
                values[name] = (str(raw) if not isinstance(raw, float) or not raw.is_integer()
                                else str(int(raw))).strip()
        except _BadCell as exc:
            bad.append(Rejected(plan.name, number, name, str(exc)))
    return values, bad


def _validate(model: type[BaseModel], data: Mapping[str, Any], plan: TablePlan,
              number: int) -> tuple[Any, list[Rejected]]:
    try:
        return model.model_validate(dict(data)), []
    except ValidationError as exc:
        known = list(model.model_fields)
        return None, [Rejected(plan.name, number, ".".join(str(p) for p in e["loc"]) or None,
                               describe_error(e, known))
                      for e in exc.errors(include_url=False)]


# ---------------------------------------------------------------------- the whole sheet
class _Accounts:
    """The book's accounts by id and by name, plus those the plan creates."""

    def __init__(self, existing: Iterable[AccountView]):
        self.by_id: dict[uuid.UUID, AccountView | None] = {}
        self.names: dict[str, list[uuid.UUID]] = {}
        self.label: dict[uuid.UUID, str] = {}
        for acc in existing:
            self.add(acc.id, acc.name, acc)

    def add(self, account_id: uuid.UUID, name: str, view: AccountView | None) -> None:
        self.by_id[account_id] = view
        self.names.setdefault(name.strip().lower(), []).append(account_id)
        self.label[account_id] = name

    def find(self, text: str) -> uuid.UUID:
        try:
            wanted = uuid.UUID(text.strip())
        except ValueError:
            pass
        else:
            if wanted in self.by_id:
                return wanted
            raise _BadCell(f"no account with id {wanted}")
        found = self.names.get(text.strip().lower(), [])
        if len(found) > 1:
            raise _BadCell(f"more than one account is named {text.strip()!r}: use its id")
        if not found:
            raise _BadCell(f"no account named {text.strip()!r} in this book or this file")
        return found[0]


def plan_spreadsheet(book: Book, path: Path | str) -> SheetPlan:
    """Read and check a CSV or XLSX file against the book: the preview. Reads only.
    Raises ``InputProblem`` only when the file cannot be read as a spreadsheet at all;
    problems with its columns or rows are in the plan."""
    path = Path(path)
    tables = read_tables(path)
    matcher = _Matcher(book.forms)
    accounts = _Accounts(book.accounts.all(include_archived=True))
    plans = [_classify(t, matcher) for t in tables]
    order = sorted(range(len(tables)), key=lambda i: plans[i].kind != "accounts")
    edits: list[AccountEdit] = []
    snaps: list[NewSnapshot] = []
    skipped = 0
    for i in order:
        table, plan = tables[i], plans[i]
        if plan.problems:
            continue
        if plan.kind == "accounts":
            edits += _plan_accounts(table, plan, matcher, accounts)
        else:
            snaps += _plan_snapshots(book, table, plan, matcher, accounts)
        skipped += plan.skipped
    return SheetPlan(str(path), plans, edits, dict(accounts.label), snaps, skipped)


def _plan_accounts(table: Table, plan: TablePlan, matcher: _Matcher,
                   accounts: _Accounts) -> list[AccountEdit]:
    edits: list[AccountEdit] = []
    seen: dict[uuid.UUID, int] = {}
    for number, cells in table.rows:
        values, bad = _cells(plan, cells, number, matcher, "account")
        if bad:
            plan.rejected += bad
            continue
        given_id = values.pop("id", None)
        target: uuid.UUID | None = None
        if given_id is not None and given_id in accounts.by_id:
            target = given_id
        elif given_id is None and "name" in values:
            ids = accounts.names.get(str(values["name"]).strip().lower(), [])
            if len(ids) > 1:
                plan.rejected.append(Rejected(plan.name, number, "name",
                                              f"more than one account is named "
                                              f"{values['name']!r}: add an id column"))
                continue
            target = ids[0] if ids else None
        if target is not None and target in seen:
            plan.rejected.append(Rejected(plan.name, number, None,
                                          f"the same account as row {seen[target]}"))
            continue
        current = accounts.by_id.get(target) if target is not None else None
        if target is not None and current is None:  # created by an earlier row
            plan.rejected.append(Rejected(plan.name, number, None, "the account is created "
                                          "by another row of this file"))
            continue
        base = ({} if current is None else
                {k: getattr(current, k) for k in ACCOUNT_FIELDS})
        fields, bad = _validate(AccountFields, {**base, **values}, plan, number)
        if bad:
            plan.rejected += bad
            continue
        if current is not None and fields.model_dump() == AccountFields.model_validate(
                base).model_dump():
            plan.skipped += 1
            seen[current.id] = number
            continue
        account_id = target or given_id or uuid.uuid4()
        seen[account_id] = number
        if current is None:
            accounts.add(account_id, fields.name, None)
        edits.append(AccountEdit(account_id, fields, create=current is None,
                                 given=frozenset(values)))
        plan.accepted += 1
    return edits


def _plan_snapshots(book: Book, table: Table, plan: TablePlan, matcher: _Matcher,
                    accounts: _Accounts) -> list[NewSnapshot]:
    parsed: list[tuple[int, dict[str, Any]]] = []
    for number, cells in table.rows:
        values, bad = _cells(plan, cells, number, matcher, "snapshot")
        by_id, by_name = values.pop("id", None), values.pop("account", None)
        ref = by_id or by_name
        if ref is None and not any(b.field in ("account", "id") for b in bad):
            bad.append(Rejected(plan.name, number, "account", "is missing"))
        elif ref is not None:
            try:
                values["account_id"] = accounts.find(str(ref))
            except _BadCell as exc:
                bad.append(Rejected(plan.name, number, "account", str(exc)))
        if "as_of" not in values and not any(b.field == "as_of" for b in bad):
            bad.append(Rejected(plan.name, number, "as_of", "is missing"))
        if bad:
            plan.rejected += bad
            continue
        parsed.append((number, values))
    existing: dict[tuple[uuid.UUID, dt.date], list[SnapshotView]] = {}
    for view in snapshots_of(book, {v["account_id"] for _, v in parsed}):
        existing.setdefault((view.account_id, view.as_of), []).append(view)
    out: list[NewSnapshot] = []
    done: set[tuple[Any, ...]] = set()
    for number, values in parsed:
        metrics, bad = _validate(HealthMetrics, {m: values.get(m) for m in HEALTH_METRICS
                                                 if m in values}, plan, number)
        figures, bad_f = _validate(OperationalFigures, {f: values[f] for f in
                                                        OPERATIONAL_FIGURES if f in values},
                                   plan, number)
        if bad or bad_f:
            plan.rejected += bad + bad_f
            continue
        snap = NewSnapshot(values["account_id"], values["as_of"], metrics, figures,
                           tuple(sorted(set(values.get("flags", ())))),
                           str(values.get("note", ""))[:20_000])
        key = _key(snap)
        if key in done or any(_key_of(v) == key for v in
                              existing.get((snap.account_id, snap.as_of), [])):
            plan.skipped += 1
            continue
        done.add(key)
        out.append(snap)
        plan.accepted += 1
    plan.rejected.sort(key=lambda r: r.row)
    return out


def _key(snap: NewSnapshot) -> tuple[Any, ...]:
    return (snap.account_id, snap.as_of, tuple(snap.metrics.model_dump().values()),
            tuple(snap.figures.model_dump().values()), snap.flags, snap.note)


def _key_of(view: SnapshotView) -> tuple[Any, ...]:
    return (view.account_id, view.as_of, tuple(getattr(view, m) for m in HEALTH_METRICS),
            tuple(getattr(view, f) for f in OPERATIONAL_FIGURES), tuple(sorted(view.flags)),
            view.note)


def apply_spreadsheet(book: Book, plan: SheetPlan, progress: Progress | None = None, *,
                      skip_rejected: bool = False, backup: bool = True) -> SheetReport:
    """Apply a previewed plan in one transaction (after a backup of an SQLite book).
    Refused (``InputProblem``) while any row is rejected, unless ``skip_rejected``; a
    table that cannot be read at all is always refused."""
    table_problems = [p for t in plan.tables for p in t.problems]
    if table_problems or (plan.rejected and not skip_rejected):
        raise InputProblem(table_problems or [str(r) for r in plan.rejected])
    ticker = Ticker(progress, plan.writes + 1)
    ticker()
    made = None
    if plan.writes:
        if backup and book.store.path is not None:
            made = backup_database(book.store.path, "before-import")
        write_batch(book, plan.accounts, plan.snapshots, ticker, ticker.finish)
    else:
        ticker.finish()
    created = sum(1 for a in plan.accounts if a.create)
    return SheetReport(plan.source, created, len(plan.accounts) - created,
                       len(plan.snapshots), len({(r.table, r.row) for r in plan.rejected}),
                       made)


# ------------------------------------------------------------------------------ export
PORTFOLIO_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Account", "name"), ("Plan tier", "plan_tier"), ("ARR", "arr"), ("Stage", "stage"),
    ("Owner", "owner"), ("Renewal date", "renewal_date"),
    ("Days to renewal", "days_to_renewal"), ("Health score", "score"), ("Status", "status"),
    ("Score change", "score_change"), ("As of", "as_of"), ("Next review", "next_review"),
    ("Open risks", "open_risks"), ("Readiness", "readiness_level"),
    ("Archived", "archived"), ("Account id", "id"),
)


def export_portfolio(rows: Iterable[PortfolioRow], target: Path | str,
                     forms: FormSet | None = None) -> Path:
    """The portfolio table as the caller shows it (its rows, in its order) to CSV/XLSX."""
    stage_label = {s.id: s.label for s in forms.journey.stages} if forms else {}

    def line(row: PortfolioRow) -> list[Any]:
        out = []
        for _, name in PORTFOLIO_COLUMNS:
            value = getattr(row, name)
            if name == "stage":
                value = stage_label.get(value, value)
            elif name == "id":
                value = str(value)
            elif name in ("score", "score_change") and value is not None:
                value = round(value, 2)
            out.append(value)
        return out

    return write_table(Path(target), [h for h, _ in PORTFOLIO_COLUMNS],
                       (line(r) for r in rows), "Portfolio")


def history_columns(forms: FormSet) -> list[tuple[str, str]]:
    labels = {m.id: m.label for m in forms.health.metrics}
    return [("Account", "account"), ("As of", "as_of"),
            *((labels.get(m, m), m) for m in HEALTH_METRICS),
            *((f.replace("_", " ").capitalize().replace("Roi ", "ROI "), f)
              for f in OPERATIONAL_FIGURES),
            ("Flags", "flags"), ("Note", "note"), ("Score", "score"), ("Status", "status"),
            ("Next review", "next_review"), ("Form version", "form_version")]


def export_snapshot_history(book: Book, account_id: uuid.UUID, target: Path | str) -> Path:
    """One account's health snapshots, oldest first, to CSV/XLSX (importable again)."""
    account = book.accounts.get(account_id)
    columns = history_columns(book.forms)

    def line(view: SnapshotView) -> list[Any]:
        values: list[Any] = []
        for _, name in columns:
            if name == "account":
                values.append(account.name)
            elif name == "flags":
                values.append(", ".join(view.flags))
            else:
                values.append(getattr(view, name))
        return values

    return write_table(Path(target), [h for h, _ in columns],
                       (line(v) for v in book.snapshots.history(account_id)),
                       account.name or "History")

