"""Merge an account file into a book: preview (``plan_import``), then apply.

Merge rules, by record UUID:

* a record the book does not have is added;
* a record the book has with the same content is skipped;
* a record the book has with other content: the version with the newer ``updated_at``
  wins (the book's on a tie), and the losing version is kept in the plan and the report
  (``superseded``), so nothing is lost;
* nothing is ever deleted: history (snapshots, assessments, votes, audit entries) is the
  union of both sides;
* the one-per-account records are matched by what makes them one: the charter by its
  account, a checklist by account, checklist and QBR, a checklist item by checklist,
  section and item; a file's copy under another id merges into the book's record.

Applying runs in one transaction, after a backup of an SQLite book: all or nothing.
Importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import operator
import uuid
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, Literal

import pydantic_core

from csdesk.exchange import schema
from csdesk.exchange.accountfile import ParsedFile, limit_problems
from csdesk.exchange.errors import AccountFileProblem, Progress, Ticker
from csdesk.exchange.files import write_bytes_atomically
from csdesk.exchange.release import release_kinds, release_mapping, release_rows, release_set
from csdesk.playbook.form_loader import FormSet
from csdesk.store import transfer
from csdesk.store.backup import backup_database
from csdesk.store.book import Book
from csdesk.store.changes import ChangeMark, mark_changes
from csdesk.store.transfer import RecordSession

Row = dict[str, Any]
_HAS_POINTERS = ("snapshots", "assessments")  # the accounts cache their newest ones


class StalePlan(AccountFileProblem):
    """The book changed between the preview and the import: preview again."""


@dataclass(frozen=True)
class KindCounts:
    added: int = 0
    updated: int = 0  # the file's newer version replaces the book's
    skipped: int = 0  # identical
    conflicts: int = 0  # the book's version is newer (or as new): kept

    @property
    def total(self) -> int:
        return self.added + self.updated + self.skipped + self.conflicts


@dataclass(frozen=True)
class Superseded:
    """One record both sides hold in different versions, and the version that lost."""

    kind: str
    id: uuid.UUID
    account: str  # the account's name, for people
    kept: Literal["file", "book"]  # whose version the book holds after the import
    differs: tuple[str, ...]  # the fields that differ
    losing: dict[str, Any]  # the version that lost, JSON-ready

    def describe(self) -> str:
        what = schema.SINGULAR[self.kind]
        where = f" of {self.account}" if self.account and self.kind != "accounts" else ""
        name = f" {self.account}" if self.kind == "accounts" else ""
        winner = ("the file's newer version replaces this book's" if self.kept == "file"
                  else "this book's version is newer and is kept")
        return f"{what}{name}{where} ({self.id}): {winner}; differs in {', '.join(self.differs)}"


@dataclass
class ImportPlan:
    """What importing a file into a book will do. Nothing is written until
    ``apply_import``; the plan is re-checked there against the book as it is then
    (worked out again, unless ``since`` vouches that nothing was committed to the book
    since the preview began)."""

    source: ParsedFile
    counts: dict[str, KindCounts]
    inserts: dict[str, list[Row]]
    updates: dict[str, list[Row]]
    superseded: list[Superseded]
    new_accounts: list[tuple[uuid.UUID, str]]
    known_accounts: list[tuple[uuid.UUID, str]]
    warnings: list[str] = field(default_factory=list)
    touched_accounts: set[uuid.UUID] = field(default_factory=set)
    matched: AbstractSet[tuple[str, uuid.UUID, str]] = frozenset()  # found in the book: how
    since: ChangeMark | None = field(default=None, repr=False, compare=False)

    @property
    def writes(self) -> int:
        return sum(len(v) for v in self.inserts.values()) + sum(
            len(v) for v in self.updates.values())

    @property
    def changes_nothing(self) -> bool:
        return self.writes == 0

    def release(self) -> None:
        """Let go of the file's records a slice at a time (``csdesk.exchange.release``):
        the plan is spent (applied, or not to be)."""
        self.close()
        for records in (self.inserts, self.updates, self.source.records):
            release_kinds(records)
        matched, self.matched = self.matched, frozenset()
        if isinstance(matched, set):
            release_set(matched)
        else:
            release_rows(list(matched))

    def count_of(self, kind: str) -> KindCounts:
        return self.counts.get(kind) or KindCounts()

    def total(self) -> KindCounts:
        """The counts of every kind, summed."""
        c = list(self.counts.values())
        return KindCounts(sum(k.added for k in c), sum(k.updated for k in c),
                          sum(k.skipped for k in c), sum(k.conflicts for k in c))

    @property
    def conflicts(self) -> list[Superseded]:
        return [s for s in self.superseded if s.kept == "book"]

    def decisions(self) -> tuple[object, ...]:
        """What the plan does to which record: two plans of the same file with equal
        decisions write the same rows. (Every record of the file is added, updated,
        skipped or kept; with the same counts and the same records found in the book,
        the same ones are added.)"""
        return (self.counts, self.matched)

    def summary(self) -> str:
        return render_summary(self.counts, self.superseded, self.warnings)

    def close(self) -> None:
        """Let go of the book's change mark (a plan not to be applied: its connection
        closes now, not whenever the plan is dropped). Applied after all, the plan is
        worked out again first."""
        if self.since is not None:
            self.since.close()
            self.since = None


@dataclass
class ImportReport:
    """What an import did, with every losing version kept."""

    source: str
    counts: dict[str, KindCounts]
    superseded: list[Superseded]
    backup: Path | None
    imported_at: dt.datetime
    accounts: list[tuple[uuid.UUID, str]]

    @property
    def changed(self) -> int:
        return sum(c.added + c.updated for c in self.counts.values())

    def summary(self) -> str:
        return render_summary(self.counts, self.superseded, [])

    def to_json(self) -> bytes:
        return pydantic_core.to_json({
            "source": self.source,
            "imported_at": self.imported_at,
            "backup": str(self.backup) if self.backup else None,
            "counts": {k: {"added": c.added, "updated": c.updated, "skipped": c.skipped,
                           "conflicts": c.conflicts} for k, c in self.counts.items()},
            "superseded": [{"kind": s.kind, "id": s.id, "account": s.account,
                            "kept": s.kept, "differs": list(s.differs),
                            "losing_version": s.losing} for s in self.superseded],
        }, indent=2)

    def write(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(path, self.to_json())
        return path


def render_summary(counts: Mapping[str, KindCounts], superseded: list[Superseded],
                   warnings: list[str]) -> str:
    head = f"{'records':<24}{'added':>8}{'updated':>9}{'skipped':>9}{'conflicts':>11}"
    lines = [head, "-" * len(head)]
    total = KindCounts()
    for kind in schema.KINDS:
        c = counts.get(kind, KindCounts())
        if not c.total:
            continue
        lines.append(f"{kind.replace('_', ' '):<24}{c.added:>8}{c.updated:>9}{c.skipped:>9}"
                     f"{c.conflicts:>11}")
        total = KindCounts(total.added + c.added, total.updated + c.updated,
                           total.skipped + c.skipped, total.conflicts + c.conflicts)
    lines.append(f"{'total':<24}{total.added:>8}{total.updated:>9}{total.skipped:>9}"
                 f"{total.conflicts:>11}")
    if superseded:
        lines.append("")
        lines.append("Edited on both sides (the newer version wins; the other is kept in "
                     "the import report):")
        lines.extend(f"  {s.describe()}" for s in superseded[:50])
        if len(superseded) > 50:
            lines.append(f"  ... and {len(superseded) - 50} more")
    lines.extend(f"Note: {w}" for w in warnings)
    return "\n".join(lines)


# ---------------------------------------------------------------------------- planning
def plan_import(book: Book, parsed: ParsedFile, progress: Progress | None = None) -> ImportPlan:
    """Check the file against the book (references, the book's forms) and work out what
    importing it will add, update, skip and which conflicts it resolves how. Reads only.
    Raises ``AccountFileProblem`` naming every problem. ``progress(done, total)`` counts
    the file's records looked up in the book; returning False raises ``Cancelled``."""
    if parsed.nul_at is not None and not book.store.is_sqlite:
        raise AccountFileProblem([
            f"{parsed.label}: holds a NUL character (\\u0000) at byte {parsed.nul_at}, which "
            "a PostgreSQL book cannot store"])
    since = mark_changes(book.store)  # before reading: it vouches for what is read after
    try:
        with transfer.records(book.store) as rs:
            plan = _plan(rs, book.forms, parsed, Ticker(progress, _lookups(parsed)))
    except BaseException:
        since.close()
        raise
    plan.since = since
    return plan


def _form_problems(parsed: ParsedFile, forms: FormSet) -> list[str]:
    label = parsed.label
    problems: list[str] = []
    stages = forms.journey.stage_ids
    indicators = {f.id for f in forms.signals.flags if f.scope == "account"}
    for i, acc in enumerate(parsed.records["accounts"]):
        if acc["stage"] not in stages:
            problems.append(f"{label}: accounts[{i}].stage: {acc['stage']!r} is not one of "
                            f"{', '.join(stages)} (the journey stages of this csdesk)")
        for flag in acc["indicators"]:
            if flag not in indicators:
                problems.append(f"{label}: accounts[{i}].indicators: {flag!r} is not one of "
                                f"{', '.join(sorted(indicators))}")
    template = forms.journey.workflow_template
    allowed = {"priority": template.priorities, "complexity": template.complexities,
               "status": template.statuses}
    for i, wf in enumerate(parsed.records["workflows"]):
        for name, values in allowed.items():
            if wf[name] not in values:
                problems.append(f"{label}: workflows[{i}].{name}: {wf[name]!r} is not one of "
                                f"{', '.join(values)}")
    return problems


def _remap_singletons(rs: RecordSession, records: dict[str, list[Row]],
                      tick: Ticker) -> set[uuid.UUID]:
    """Give the file's charter/checklist/checklist item the id of the book's record that
    is the same one (same account, same checklist, same item) under another id; returns
    the ids so adopted."""
    adopted_ids: set[uuid.UUID] = set()
    charters = records["charters"]
    if charters:
        local = _by_age(rs.where_in("charters", "account_id",
                                    [c["account_id"] for c in charters], tick),
                        operator.itemgetter("account_id"), newest=True)
        if local:
            records["charters"] = [_adopt(c, local.get(c["account_id"]), adopted_ids)
                                   for c in charters]

    instances = records["checklists"]
    moved: dict[uuid.UUID, uuid.UUID] = {}
    if instances:
        local_inst = _by_age(rs.where_in("checklists", "account_id",
                                         [c["account_id"] for c in instances], tick),
                             operator.itemgetter("account_id", "checklist_id", "qbr_id"))
        adopted = []
        for inst in instances:
            twin = local_inst.get((inst["account_id"], inst["checklist_id"], inst["qbr_id"]))
            new = _adopt(inst, twin, adopted_ids)
            if new["id"] != inst["id"]:
                moved[inst["id"]] = new["id"]
            adopted.append(new)
        records["checklists"] = adopted
        release_mapping(local_inst)

    items = records["checklist_items"]
    if items:
        if moved:
            items = [{**i, "instance_id": moved[i["instance_id"]]}
                     if i["instance_id"] in moved else i for i in items]
        local_items = _by_age(rs.where_in("checklist_items", "instance_id",
                                          {i["instance_id"] for i in items}, tick),
                              operator.itemgetter("instance_id", "section_id", "item_id"))
        records["checklist_items"] = [
            _adopt(i, local_items.get((i["instance_id"], i["section_id"], i["item_id"])),
                   adopted_ids)
            for i in items] if local_items else items
        release_mapping(local_items)  # a whole book's items: not freed in one go

    # A workshop carried to a second laptop and carried on there: the same block, note or
    # participant's vote gets a new UUID on each side; one row per natural key survives.
    for kind, parent, key in _WORKSHOP_TWINS:
        rows = records[kind]
        if not rows:
            continue
        local_rows = _by_age(rs.where_in(kind, parent, [row[parent] for row in rows]),
                             operator.itemgetter(*key))
        natural = operator.itemgetter(*key)
        records[kind] = [_adopt(row, local_rows.get(natural(row)), adopted_ids)
                         for row in rows]
    return adopted_ids


_WORKSHOP_TWINS = (("workshop_blocks", "workshop_id", ("workshop_id", "block_id")),
                   ("workshop_votes", "participant_id", ("participant_id", "dimension")),
                   ("workshop_notes", "workshop_id", ("workshop_id", "topic")))


def _age(row: Row) -> tuple[Any, str]:
    return row["created_at"], str(row["id"])


def _by_age(rows: Iterable[Row], key: Callable[[Row], Any],
            newest: bool = False) -> dict[Any, Row]:
    """Each key's oldest row (its newest with ``newest``), by ``_age``, in one pass:
    sorting a whole book's rows by age first was one long call holding the lock."""
    chosen: dict[Any, Row] = {}
    for row in rows:
        k = key(row)
        held = chosen.get(k)
        if held is None or (_age(row) > _age(held) if newest else _age(row) < _age(held)):
            chosen[k] = row
    return chosen


def _adopt(row: Row, twin: Row | None, adopted: set[uuid.UUID]) -> Row:
    if twin is None or twin["id"] == row["id"]:
        return row
    adopted.add(twin["id"])
    return {**row, "id": twin["id"], "created_at": twin["created_at"]}


def _untouched(kind: str, row: Row) -> bool:
    """A charter or checklist item as csdesk creates it, before anyone wrote in it."""
    if kind == "charters":
        return not any(row[n] for n in schema.fields_of(kind)
                       if n not in ("id", "account_id", "created_at", "updated_at"))
    if kind == "checklist_items":
        return (row["state"] == "open" and not row["owner"] and not row["note"]
                and row["done_on"] is None)
    return False


def _file_wins(kind: str, row: Row, local: Row, twin: bool) -> bool:
    """Newer wins; but of two copies created apart (twins), an untouched one never
    overrides one somebody wrote in."""
    if twin:
        mine, theirs = _untouched(kind, row), _untouched(kind, local)
        if mine != theirs:
            return theirs
    return bool(row["updated_at"] > local["updated_at"])


def _reference_problems(rs: RecordSession, parsed: ParsedFile,
                        records: Mapping[str, list[Row]]) -> list[str]:
    problems: list[str] = []
    in_file: dict[str, set[int]] = {}  # ids by their numbers: see _distinct
    for kind in schema.KINDS:
        for column, target, _optional in schema.REFERENCES[kind]:
            rows = records[kind]
            if target not in in_file:
                in_file[target] = {r["id"].int for r in records[target]}
            pointed = {v.int for r in rows if (v := r[column]) is not None}
            missing = {uuid.UUID(int=i) for i in pointed - in_file[target]}
            if not missing:
                continue
            absent = missing - rs.existing_ids(target, missing)
            if not absent:
                continue
            for index, row in enumerate(rows):
                if row[column] in absent:
                    what = schema.SINGULAR[target]
                    problems.append(f"{parsed.label}: {kind}[{index}].{column}: no {what} "
                                    f"{row[column]} in the file or in this book")
    return problems


def _lookups(parsed: ParsedFile) -> int:
    """How many values ``_plan`` looks up in the book (for its progress): every record's
    id, and the owners of the singletons (see ``_remap_singletons``)."""
    records = parsed.records
    return (sum(len(records[k]) for k in schema.KINDS)
            + len({c["account_id"] for c in records["charters"]})
            + len({c["account_id"] for c in records["checklists"]})
            + len({i["instance_id"] for i in records["checklist_items"]}))


def _plan(rs: RecordSession, forms: FormSet, parsed: ParsedFile,
          tick: Ticker | None = None) -> ImportPlan:
    tick = tick or Ticker(None, 0)
    records = dict(parsed.records)
    problems = _form_problems(parsed, forms)
    twins = _remap_singletons(rs, records, tick)
    problems += _reference_problems(rs, parsed, records)
    if problems:
        raise AccountFileProblem(limit_problems(problems))

    names = dict(parsed.account_names)
    counts: dict[str, KindCounts] = {}
    inserts: dict[str, list[Row]] = {}
    updates: dict[str, list[Row]] = {}
    superseded: list[Superseded] = []
    touched: set[uuid.UUID] = set()
    matched: set[tuple[str, uuid.UUID, str]] = set()
    account_of_parent: dict[uuid.UUID, uuid.UUID] = {}
    existing: dict[uuid.UUID, Row] = {}
    try:
        for kind in schema.KINDS:
            rows = records[kind]
            release_mapping(existing)  # the previous kind's book records, a slice at a time
            existing = rs.by_id(kind, [r["id"] for r in rows], tick)
            if kind == "accounts":
                names.update({i: r["name"] for i, r in existing.items() if i not in names})
            added: list[Row] = [] if existing else list(rows)  # none in the book: all new
            changed: list[Row] = []
            same = kept = 0
            for row in rows if existing else ():
                local = existing.get(row["id"])
                if local is None:
                    added.append(row)
                    continue
                differs = tuple(n for n in schema.fields_of(kind) if row[n] != local[n])
                if not differs:
                    same += 1
                    matched.add((kind, row["id"], "same"))
                    continue
                file_wins = _file_wins(kind, row, local, row["id"] in twins)
                owner = _account_of(kind, row, account_of_parent)
                superseded.append(Superseded(
                    kind=kind, id=row["id"], account=names.get(owner, "") if owner else "",
                    kept="file" if file_wins else "book", differs=differs,
                    losing=pydantic_core.to_jsonable_python(local if file_wins else row)))
                matched.add((kind, row["id"], "file" if file_wins else "book"))
                if file_wins:
                    changed.append(row)
                    if kind in _HAS_POINTERS:
                        touched.add(local["account_id"])  # it may have moved
                else:
                    kept += 1
            if kind in ("checklists", "assessments", "workshops"):
                account_of_parent.update((r["id"], r["account_id"]) for r in rows)
            if kind in _HAS_POINTERS:
                touched.update(_distinct(r["account_id"] for r in chain(added, changed)))
            elif kind == "accounts":
                touched.update(r["id"] for r in added)
            counts[kind] = KindCounts(len(added), len(changed), same, kept)
            inserts[kind] = added
            updates[kind] = changed
    except BaseException:  # cancelled, or a problem: no freeing them all at once
        release_mapping(existing)
        release_set(matched)
        raise
    release_mapping(existing)

    new_accounts = [(r["id"], r["name"]) for r in inserts["accounts"]]
    new_ids = {i for i, _ in new_accounts}
    known = [(r["id"], r["name"]) for r in records["accounts"] if r["id"] not in new_ids]
    warnings = []
    if new_accounts:
        same_name = {r["name"]: r for r in rs.where_in(
            "accounts", "name", (n for _, n in new_accounts))}
        for _, name in new_accounts:
            if name in same_name:
                warnings.append(f"this book already has an account named {name!r} under "
                                "another id: the file's is added beside it, not merged")
    tick.finish()
    return ImportPlan(parsed, counts, inserts, updates, superseded, new_accounts, known,
                      warnings, touched, matched)  # (no frozen copy: one long call)


def _distinct(ids: Iterable[uuid.UUID]) -> Iterable[uuid.UUID]:
    """The distinct ids among many (half a million snapshots of 5,000 accounts), told
    apart by their numbers: a UUID's hash runs Python code, an int's does not."""
    return {i.int: i for i in ids}.values()


def _account_of(kind: str, row: Row, parents: Mapping[uuid.UUID, uuid.UUID]) -> uuid.UUID | None:
    if kind == "accounts":
        return row["id"]  # type: ignore[no-any-return]
    if "account_id" in row:
        return row["account_id"]  # type: ignore[no-any-return]
    parent = row.get("instance_id") or row.get("assessment_id") or row.get("workshop_id")
    return parents.get(parent) if parent else None


# ---------------------------------------------------------------------------- applying
def apply_import(book: Book, plan: ImportPlan, progress: Progress | None = None,
                 *, backup: bool = True) -> ImportReport:
    """Apply a previewed plan: one transaction, after a backup of an SQLite book (reason
    ``before-import``). All or nothing: on any error, or when ``progress`` returns False
    (``Cancelled``), the book is left as it was."""
    since, plan.since = plan.since, None  # a plan is applied once
    try:
        return _apply(book, plan, since, progress, backup)
    finally:
        if since is not None:
            since.close()


def _apply(book: Book, plan: ImportPlan, since: ChangeMark | None,
           progress: Progress | None, backup: bool) -> ImportReport:
    ticker = Ticker(progress, plan.writes + 1)
    ticker()
    now = dt.datetime.now(dt.UTC)
    accounts = [*plan.new_accounts, *plan.known_accounts]
    if plan.changes_nothing:
        ticker.finish()
        return ImportReport(plan.source.label, plan.counts, plan.superseded, None, now,
                            accounts)
    made = None
    if backup and book.store.path is not None:
        made = backup_database(book.store.path, "before-import")
    with transfer.records(book.store, write=True) as rs:
        fresh = _checked(rs, book.forms, plan, since)
        for kind in schema.KINDS:
            rs.insert(kind, fresh.inserts[kind], ticker)
            rs.update(kind, fresh.updates[kind], ticker)
        rs.refresh_pointers(fresh.touched_accounts)
        if fresh is plan and since is not None and not since.unchanged():
            # Another connection committed between the check and this one's first write
            # (which holds the book from then on): this is not the book previewed.
            raise _stale(plan)
        ticker.finish()  # the last moment to cancel: the transaction is not committed yet
    return ImportReport(plan.source.label, fresh.counts, fresh.superseded, made, now,
                        accounts)


def _checked(rs: RecordSession, forms: FormSet, plan: ImportPlan,
             since: ChangeMark | None) -> ImportPlan:
    """The plan to apply: ``plan`` itself when nothing was committed to the book since
    its preview began; otherwise the plan worked out again, which must decide the same
    for every record (``StalePlan`` if not)."""
    if since is not None and since.unchanged():
        return plan
    fresh = _plan(rs, forms, plan.source)
    if fresh.decisions() != plan.decisions():
        raise _stale(plan)
    return fresh


def _stale(plan: ImportPlan) -> StalePlan:
    return StalePlan([f"{plan.source.label}: this book changed since the preview; "
                      "nothing was imported: preview the file again"])


def import_account_file(book: Book, path: Path | str, passphrase: str | None = None,
                        progress: Progress | None = None) -> ImportReport:
    """Read, plan and apply in one go (for scripts; the GUI previews the plan first)."""
    from csdesk.exchange.accountfile import read_account_file

    return apply_import(book, plan_import(book, read_account_file(path, passphrase)), progress)
