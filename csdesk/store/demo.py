"""A demo book of business: realistic, deterministic, and fast enough for 5,000 accounts.

Why it exists: a CSM trying csdesk, a reviewer, a screenshot and a benchmark all need a
full book, with history that makes every screen meaningful: accounts in every journey
stage, two years of weekly health snapshots that improve, hold, decline, crash or swing,
and at the latest snapshot every risk rule, intervention trigger, expansion trigger and
upsell row of ``forms/signals.toml`` firing somewhere in a 200-account book.

How it stays honest: every score, status and next review is computed by the playbook
engine (``score_and_status``, ``next_review_date``, ``readiness_score``, ``evaluate_signals``)
and the rule-raised risks and playbook actions are built by the same functions
``SnapshotRepository`` uses when a snapshot is recorded. Nothing derived is hard-coded.

How it stays reproducible: each account draws from its own ``random.Random`` seeded by
(seed, account number), and every UUID comes from that generator, so the same seed and
the same ``today`` give the same book, id for id (on the same Python version: the
``random`` module's algorithms are its own). Record times are derived from the records'
own dates; only the audit entries carry the real time the book was generated.

How it stays fast: rows are plain dicts inserted by executemany on the session's own
connection (the driver's, on SQLite; SQLAlchemy Core elsewhere) in one transaction, a
batch of accounts at a time, with the progress callback between batches (returning
False rolls it all back). The ORM, its identity map and the per-object audit hook are
not involved, so the demo writes one audit entry per account instead of one per row.
Every snapshot is scored by the engine's lean path (``score_and_status``: the same
score, without the breakdown no one reads here).
"""

from __future__ import annotations

import datetime as dt
import gc
import math
import random
import sqlite3
import unicodedata
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, fields
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Float, Uuid, func, insert, select
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from csdesk.errors import InputProblem
from csdesk.playbook.checklist_form import ChecklistForm, ChecklistSection
from csdesk.playbook.form_loader import FormSet
from csdesk.playbook.health import score_and_status
from csdesk.playbook.journey_form import Phase
from csdesk.playbook.readiness import readiness_score
from csdesk.playbook.records import (
    OPERATIONAL_FIGURES,
    READINESS_DIMENSIONS,
    AccountFacts,
    HealthMetrics,
    OperationalFigures,
    PlanTier,
    ReadinessAssessment,
    Snapshot,
)
from csdesk.playbook.signals import Signals, evaluate_signals, next_review_date
from csdesk.store.audit import jsonable
from csdesk.store.engine import Store
from csdesk.store.orm import Account
from csdesk.store.orm.base import Base
from csdesk.store.repos.snapshots import (
    raised_risk_values,
    started_action_values,
    trend_window,
)

Row = dict[str, Any]
Batch = dict[str, list[Row]]
Progress = Callable[[int, int], bool]

# Insert order: parents before children (foreign keys are on).
TABLES: tuple[str, ...] = (
    "accounts", "stakeholders", "readiness_assessments", "readiness_votes",
    "health_snapshots", "qbrs", "checklist_instances", "checklist_items", "workflows",
    "risks", "action_items", "opportunities", "charters", "audit_entries",
)
BATCH_ACCOUNTS = 20  # accounts per executemany round, and between progress reports
DEMO_ACTOR = "demo"

TRENDS: tuple[str, ...] = ("improving", "steady", "declining", "crashing", "volatile")
# Plan tier by the account's round (index // len(TRENDS)): every trend meets every tier.
TIER_CYCLE: tuple[PlanTier, ...] = ("Starter", "Professional", "Starter", "Professional",
                                    "Enterprise")
# (licensed users, price per user per year, monthly execution limit; None = unlimited)
TIERS: dict[str, tuple[tuple[int, int], tuple[float, float], int | None]] = {
    "Starter": ((8, 60), (360.0, 600.0), 100_000),
    "Professional": ((40, 400), (600.0, 950.0), 1_000_000),
    "Enterprise": ((250, 3000), (900.0, 1400.0), None),
}
# Half-width of the weekly noise on each metric, by trend.
NOISE: dict[str, float] = {"improving": 3.0, "steady": 1.2, "declining": 3.0,
                           "crashing": 3.0, "volatile": 7.0}

OWNERS: tuple[str, ...] = (
    "Amélie Laurent", "Jonas Weiß", "Priya Raman", "Kenji Watanabe", "Sofía Núñez",
    "Oluwaseun Adébáyọ̀",
)

# Names that always open the book: they show at once that any Unicode name works.
SHOWCASE_NAMES: tuple[str, ...] = (
    "Zoë Ångström AB", "Łódź Logistics", "Müller & Søn GmbH", "株式会社さくら精機",
    "Crème Brûlée Pâtisserie SARL", "Østergaard Fjernvarme A/S", "São Bento Pagamentos Ltda.",
    "Dvořák Akustika s.r.o.", "Þingvellir Seafood ehf.", "Ñandú Tecnología S.A.",
    "İzmir Yazılım A.Ş.", "東京データシステムズ株式会社", "Αθηνά Ναυτιλιακή Α.Ε.",
    "Jyväskylä Metsä Oy", "Zürichsee Rückversicherung AG", "한빛 데이터 주식회사",
)
# (root, legal forms of its country) and sectors, combined for the rest of the book.
ROOTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Ångström", ("AB",)), ("Björkdahl", ("AB",)), ("Göteborgs", ("AB",)),
    ("Kraków", ("sp. z o.o.", "S.A.")), ("Gdańsk", ("sp. z o.o.",)),
    ("Müller", ("GmbH", "AG")), ("Schäfer & Jünger", ("GmbH", "KG")), ("Straßburger", ("GmbH",)),
    ("Nørrebro", ("ApS", "A/S")), ("Ærø", ("ApS",)), ("Château Lumière", ("SAS", "SARL")),
    ("Élan", ("SAS",)), ("Côte d'Émeraude", ("SARL",)), ("Málaga", ("S.L.",)),
    ("Córdoba", ("S.A.", "S.L.")), ("Peñalara", ("S.L.",)), ("Paraná", ("Ltda.",)),
    ("Brno", ("s.r.o.", "a.s.")), ("Štěpánek", ("s.r.o.",)), ("Çukurova", ("A.Ş.",)),
    ("Akureyri", ("ehf.",)), ("Tampere", ("Oy",)), ("Ōsaka Seimitsu", ("K.K.",)),
    ("Kōbe", ("K.K.",)), ("Székely", ("Kft.",)), ("Vilnius", ("UAB",)),
    ("Northwind", ("Inc.", "LLC")), ("Bluefin", ("Ltd", "Inc.")), ("Granite Peak", ("Inc.",)),
    ("Cedar & Vine", ("LLC",)), ("Meridian", ("plc", "Ltd")), ("Juniper", ("Pty Ltd",)),
    ("Halcyon", ("Inc.",)), ("Keystone", ("LLC",)), ("Tidewater", ("Inc.",)),
    ("Van der Berg", ("B.V.",)), ("Lumen", ("B.V.", "N.V.")), ("Aurora", ("AS", "Oy")),
    ("Fjordline", ("AS",)), ("Maple Leaf", ("Ltd",)), ("Kiwi Coast", ("Ltd",)),
    ("Harbourview", ("Ltd",)), ("Redwood", ("Inc.",)), ("Saffron", ("Pvt Ltd",)),
    ("Kilimanjaro", ("Ltd",)), ("Pampas", ("S.A.",)), ("Adriatica", ("S.p.A.", "S.r.l.")),
)
SECTORS: tuple[str, ...] = (
    "Logistics", "Analytics", "Robotics", "Pharma", "Foods", "Energy", "Freight",
    "Insurance", "Health", "Retail", "Software", "Textiles", "Maritime", "Telecom", "Media",
    "Biotech", "Aerospace", "Construction", "Consulting", "Payments", "Semiconductors",
    "Agritech", "Hospitality", "Mobility",
)
QUALIFIERS: tuple[str, ...] = ("Nord", "Süd", "International", "Group", "Holding", "Digital",
                               "Partners", "Systems")

FIRST_NAMES: tuple[str, ...] = (
    "Zoë", "Łukasz", "Søren", "Jürgen", "Amélie", "José", "Ngozi", "Aiko", "Hiroshi", "Björn",
    "Inês", "Małgorzata", "Siobhán", "Ørjan", "François", "Chloé", "Dagný", "Mateo", "Priya",
    "Wei", "Fatima", "Anaïs", "Tomáš", "Ayşe", "Yuki", "Émile", "Raúl", "Kofi", "Lena",
    "Sofía", "Marek", "Hana", "Jonas", "Greta", "Nikolaj", "Ioana", "Dmitri", "Aroha",
    "Thandiwe", "Camille",
)
LAST_NAMES: tuple[str, ...] = (
    "Ångström", "Kowalczyk", "Jørgensen", "Müller", "Lefèvre", "García", "Okafor", "Tanaka",
    "Yamamoto", "Lindqvist", "Gonçalves", "Wiśniewska", "Ó Briain", "Løvås", "Dubois",
    "Moreau", "Sigurðardóttir", "Fernández", "Iyer", "Zhang", "Haddad", "Novák", "Yılmaz",
    "Nakamura", "Peña", "Mensah", "Schröder", "Dvořák", "Kim", "Andersen", "Popescu",
    "Ivanova", "Ngata", "Dlamini", "Rossi", "Virtanen", "Fischer", "Kovač", "Brennan",
    "Nguyễn",
)
KANJI_NAMES: tuple[str, ...] = ("佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 健太", "伊藤 さくら")
SPONSOR_ROLES: tuple[str, ...] = (
    "Chief Operating Officer", "VP Operations", "Chief Information Officer", "VP Engineering",
    "Head of Digital Transformation", "Chief Financial Officer",
)
TEAM_ROLES: tuple[str, ...] = (
    "IT Lead", "Automation Engineer", "Platform Administrator", "Finance Controller",
    "Head of Customer Service", "Security Officer", "Data Engineer", "Project Manager",
    "Process Owner",
)
TECHNICAL_ROLES = frozenset({"IT Lead", "Automation Engineer", "Platform Administrator",
                             "Security Officer", "Data Engineer"})

ACCOUNT_NOTES: dict[str, tuple[str, ...]] = {
    "improving": ("Strong champion in operations; finance wants in next quarter.",
                  "Second wave of workflows went live early; sponsor very engaged.",
                  "Turned around after the adoption workshop; keep the momentum."),
    "steady": ("Stable, low-touch account; quarterly check-ins are enough.",
               "Happy with the core workflows; little appetite for new features yet.",
               "Solid usage in one department; the others have not been approached."),
    "declining": ("Sponsor changed jobs in spring; the new VP is not yet convinced.",
                  "Usage slipping since the reorganisation; budget review coming.",
                  "Competitor evaluation rumoured; ROI story needs rebuilding."),
    "crashing": ("Major incident after their cloud migration; escalated to engineering.",
                 "Integration broke with the ERP upgrade; users back on spreadsheets.",
                 "Executive complaint about outages; recovery plan agreed with the CTO."),
    "volatile": ("Seasonal business: usage peaks at month end and around audits.",
                 "Project-driven usage; health swings with each new initiative.",
                 "Frequent team changes on the customer side; retraining often needed."),
}
SNAPSHOT_NOTES: dict[str, str] = {
    "executive_complaint": "The COO wrote to our CEO about failed runs and slow support.",
    "renewal_at_risk": "Procurement asked for a competitive quote before renewing.",
    "positive_feedback": "Users praised the new approval workflow in the monthly survey.",
    "additional_use_cases": "Finance wants to automate month-end reconciliation too.",
    "feature_request": "Asked about premium connectors and AI-assisted routing.",
    "new_department_interest": "HR heard about the results and asked for a demo.",
}
WORKFLOW_NAMES: tuple[str, ...] = (
    "Invoice Reconciliation", "Purchase Order Approval", "Employee Onboarding",
    "Support Ticket Triage", "Lead Routing", "Nightly ERP to CRM Sync", "SLA Breach Alerting",
    "Monthly KPI Report", "Contract Renewal Reminder", "Expense Approval",
    "Inventory Replenishment", "GDPR Data Request", "Vendor Onboarding",
    "Churn Alert Notification", "Order-to-Cash Sync", "Credit Check", "Shipment Tracking Update",
    "Quarterly Board Pack",
)
WORKFLOW_DEPENDENCIES: tuple[str, ...] = (
    "CRM integration", "Email service", "Document storage", "ERP connector", "SSO (SAML)",
    "Data warehouse", "Ticketing system API", "Payment gateway",
)
WORKFLOW_CRITERIA: tuple[str, ...] = (
    "100% automated processing", "<30 second response time", "Zero data loss",
    "Audit trail compliance", "Error rate below 1%", "No manual re-keying",
    "Same-day completion",
)
WORKFLOW_HOURS: dict[str, tuple[int, int]] = {"low": (4, 12), "medium": (12, 32),
                                              "high": (32, 80)}
DEPENDENCIES: tuple[str, ...] = (
    "CRM integration (Salesforce)", "SSO through the customer's identity provider",
    "ERP data export", "Kubernetes cluster upgrade to v1.24+", "Security review sign-off",
    "Network change window for the VPN", "Data warehouse access",
)
BLOCKERS: tuple[str, ...] = (
    "Security review pending", "Key engineer on parental leave in Q3",
    "Budget freeze until the fiscal year starts", "Competing ERP migration project",
    "Legacy scripts nobody owns", "Works council approval needed",
)
MITIGATIONS: tuple[str, ...] = (
    "Weekly steering call with the sponsor", "Start with read-only integrations",
    "Our solutions engineer pairs with their admin", "Phase the rollout by department",
    "Pre-approved security questionnaire", "Train two internal champions first",
)
MANUAL_RISKS: tuple[tuple[str, str, str, str, str], ...] = (
    ("Key Person Dependency", "High",
     "The customer's only automation engineer is leaving at the end of the quarter.",
     "Workflow maintenance stalls", "Train a second admin; document the top workflows"),
    ("Budget Pressure", "Medium", "Finance announced a 15% cut in software spend.",
     "Downgrade or churn at renewal", "Rebuild the ROI case with the CFO"),
    ("Competitive Threat", "High", "A competitor is running a free pilot in one department.",
     "Partial displacement", "Executive sponsor meeting; show the roadmap"),
    ("Integration Fragility", "Medium", "The ERP vendor deprecates the API we rely on.",
     "Failed syncs after their upgrade", "Plan the migration to the new API with support"),
    ("Sponsor Change", "High", "The executive sponsor moved to another role.",
     "Loss of executive attention", "Introduce ourselves to the new VP within two weeks"),
    ("Data Residency", "Low", "Legal asks whether data can stay in the EU region.",
     "Delayed expansion to the German entity", "Share the data processing addendum"),
)
CHECKLIST_NOTES: tuple[str, ...] = (
    "Waiting on the customer's security team.", "Scheduled for the next steering call.",
    "Blocked by the ERP upgrade.", "Customer owner on holiday; follow up next week.",
)
MANUAL_OPPORTUNITIES: tuple[tuple[str, str], ...] = (
    ("Roll out to the EMEA subsidiary", "won"), ("Premium support package", "lost"),
    ("Advanced analytics add-on", "won"), ("Second production environment", "lost"),
)

# Snapshot flags a CSM records, with the weekly chance while the account's level is in
# range, and the account indicators (forms/signals.toml).
SNAPSHOT_FLAGS: tuple[str, ...] = ("executive_complaint", "renewal_at_risk",
                                   "positive_feedback", "additional_use_cases",
                                   "feature_request", "new_department_interest")
GOOD_NEWS: tuple[str, ...] = ("positive_feedback", "feature_request", "new_department_interest",
                              "additional_use_cases")
INDICATORS: tuple[str, ...] = ("high_manual_processes", "complex_integrations",
                               "compliance_requirements")
_TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ł": "l", "Ł": "L",
                           "ß": "ss", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "đ": "d",
                           "ı": "i", "œ": "oe"})


@dataclass(frozen=True)
class DemoSummary:
    """What ``generate_demo`` wrote (all zero, ``cancelled`` True, if it was cancelled)."""

    accounts: int = 0
    stakeholders: int = 0
    snapshots: int = 0
    assessments: int = 0
    votes: int = 0
    checklists: int = 0
    checklist_items: int = 0
    workflows: int = 0
    risks: int = 0
    actions: int = 0
    opportunities: int = 0
    qbrs: int = 0
    charters: int = 0
    audit_entries: int = 0
    cancelled: bool = False

    @property
    def rows(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self) if f.name != "cancelled")

    def describe(self) -> str:
        if self.cancelled:
            return "cancelled: nothing was written"
        return (f"{self.accounts:,} accounts, {self.snapshots:,} health snapshots, "
                f"{self.assessments:,} readiness assessments ({self.votes:,} votes), "
                f"{self.checklist_items:,} checklist items, {self.workflows:,} workflows, "
                f"{self.risks:,} risks, {self.actions:,} action items, "
                f"{self.opportunities:,} opportunities, {self.qbrs:,} QBRs, "
                f"{self.charters:,} charters")


# table -> DemoSummary field
_COUNTED: dict[str, str] = {
    "accounts": "accounts", "stakeholders": "stakeholders", "health_snapshots": "snapshots",
    "readiness_assessments": "assessments", "readiness_votes": "votes",
    "checklist_instances": "checklists", "checklist_items": "checklist_items",
    "workflows": "workflows", "risks": "risks", "action_items": "actions",
    "opportunities": "opportunities", "qbrs": "qbrs", "charters": "charters",
    "audit_entries": "audit_entries",
}


class _Cancelled(Exception):
    """Raised inside the transaction when the progress callback says stop: rolls back."""


def check_size(accounts: int, weeks: int) -> None:
    """A demo book has at least one account and one weekly snapshot."""
    problems = []
    if accounts < 1:
        problems.append(f"demo: accounts: {accounts} is below 1")
    if weeks < 1:
        problems.append(f"demo: weeks: {weeks} is below 1")
    if problems:
        raise InputProblem(problems)


def generate_demo(store: Store, forms: FormSet, accounts: int = 200, weeks: int = 104,
                  seed: int = 7, today: dt.date | None = None,
                  progress: Progress | None = None) -> DemoSummary:
    """Fill an empty store with a demo book, in one transaction.

    ``progress(done, total)`` is called after each batch of accounts; when it returns
    False everything is rolled back and the summary comes back with ``cancelled`` set.
    A store that already holds accounts is refused (``InputProblem``): demo data never
    mixes with real data.
    """
    check_size(accounts, weeks)
    today = today or dt.date.today()
    counts: dict[str, Any] = dict.fromkeys(_COUNTED.values(), 0)
    try:
        with store.transaction(actor=DEMO_ACTOR) as s:
            held = s.scalar(select(func.count()).select_from(Account)) or 0
            if held:
                raise InputProblem([f"the store already holds {held:,} "
                                    f"account{'' if held == 1 else 's'}; demo data goes "
                                    "into an empty store"])
            loader = _Loader(s)
            with _collector_paused(), closing(loader):
                done = 0
                for batch in iter_demo_batches(forms, accounts, weeks, seed, today):
                    for name in TABLES:
                        rows = batch[name]
                        if rows:
                            loader.insert(name, rows)
                            counts[_COUNTED[name]] += len(rows)
                    done += len(batch["accounts"])
                    if progress is not None and progress(done, accounts) is False:
                        raise _Cancelled
    except _Cancelled:
        return DemoSummary(cancelled=True)
    _fold_log(store)
    return DemoSummary(**counts)


def _fold_log(store: Store) -> None:
    """Fold the bulk load's write-ahead log into the database file and shrink it.

    A 5,000-account book leaves a WAL of half a gigabyte that would otherwise sit on
    disk until csdesk closes; a reader still open elsewhere just leaves it for later.
    """
    if store.is_sqlite:
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


class _Loader:
    """A batch's rows, table by table, by executemany on the session's own connection.

    On SQLite the rows go straight to the driver (``sqlite3`` executemany on the DBAPI
    connection, inside the session's transaction): SQLAlchemy's per-row parameter
    building cost as much as SQLite's own work. Each value is first converted by the
    column's own SQLAlchemy bind processor (UUIDs to hex, dates and times to text, lists
    to JSON), remembering the result for values that repeat (the same dates, times and
    flag lists come back thousands of times), so the stored values are byte for byte
    what the ORM would write. Floats are left alone: SQLite's REAL affinity stores them
    as SQLAlchemy would. On other databases rows go to ``insert(table)`` untouched.
    """

    def __init__(self, session: Session):
        self.session = session
        dialect = session.get_bind().dialect
        self.sqlite = dialect.name == "sqlite"
        self.statements: dict[str, Any] = {}
        self.plans: dict[str, tuple[str, Callable[[Row], tuple[Any, ...]],
                                    list[tuple[int, Callable[[Any], Any]]]]] = {}
        for name in TABLES:
            table = Base.metadata.tables[name]
            if not self.sqlite:
                self.statements[name] = insert(table)
                continue
            names = [c.name for c in table.columns]
            sql = (f"INSERT INTO {name} ({', '.join(names)}) "
                   f"VALUES ({', '.join('?' for _ in names)})")
            converters = []
            for index, column in enumerate(table.columns):
                convert = _converter(column.type, dialect)
                if convert is not None:
                    converters.append((index, convert))
            self.plans[name] = (sql, itemgetter(*names), converters)
        self.cursor: Any = None

    def insert(self, name: str, rows: list[Row]) -> None:
        if not self.sqlite:
            self.session.execute(self.statements[name], rows)
            return
        if self.cursor is None:
            driver = self.session.connection().connection.driver_connection
            assert driver is not None
            self.cursor = driver.cursor()
        sql, values_of, converters = self.plans[name]
        params = []
        for row in rows:
            values = list(values_of(row))
            for index, convert in converters:
                values[index] = convert(values[index])
            params.append(values)
        try:
            self.cursor.executemany(sql, params)
        except sqlite3.Error as exc:  # as SQLAlchemy would raise it (a full disk, ...)
            raise DBAPIError.instance(sql, None, exc, sqlite3.Error) from exc

    def close(self) -> None:
        if self.cursor is not None:
            self.cursor.close()


def _converter(type_: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The column's SQLAlchemy bind processor, remembering results of repeated values."""
    if isinstance(type_, Float):
        return None
    process = type_.dialect_impl(dialect).bind_processor(dialect)
    if process is None or isinstance(type_, Uuid):
        return process  # UUIDs never repeat: nothing to remember
    memo: dict[Any, Any] = {}
    if isinstance(type_, JSON):
        def convert_json(value: Any) -> Any:
            if type(value) is not list or not all(type(v) is str for v in value):
                return process(value)  # only lists of text are remembered
            key = tuple(value)
            hit = memo.get(key)
            if hit is None:
                hit = memo[key] = process(value)
            return hit
        return convert_json

    def convert(value: Any) -> Any:
        hit = memo.get(value)
        if hit is None:
            hit = memo[value] = process(value)
        return hit
    return convert


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector during the bulk load.

    The rows are plain dicts without reference cycles, yet every few hundred of them
    the collector would walk the growing heap: about a fifth of the generation time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def iter_demo_batches(forms: FormSet, accounts: int, weeks: int, seed: int,
                      today: dt.date, now: dt.datetime | None = None,
                      batch_accounts: int = BATCH_ACCOUNTS) -> Iterator[Batch]:
    """The demo book's rows, a batch of accounts at a time, by table in insert order.

    Pure computation (no database): ``generate_demo`` inserts these batches, and the
    store benchmark inserts the very same rows with raw sqlite3 to compare.
    """
    check_size(accounts, weeks)
    maker = _BookMaker(forms, weeks, seed, today, now or dt.datetime.now(dt.UTC))
    for first in range(0, accounts, batch_accounts):
        batch: Batch = {name: [] for name in TABLES}
        for index in range(first, min(first + batch_accounts, accounts)):
            maker.account(index, batch)
        yield batch


def _pct(value: float) -> float:
    """A 0-100 figure to one decimal, the way a CSM would type it."""
    if value <= 0.0:
        return 0.0
    if value >= 100.0:
        return 100.0
    return int(value * 10.0 + 0.5) / 10.0


def _ascii(text: str) -> str:
    """Letters and digits of ``text`` in plain ASCII, lower case (for e-mail addresses)."""
    flat = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    return "".join(c for c in flat.encode("ascii", "ignore").decode().lower() if c.isalnum())


def _levels(trend: str, weeks: int, rng: random.Random) -> list[float]:
    """The account's overall level (about its health) for each week, oldest first.

    improving: a climb that flattens near the top; steady: flat with a slight drift;
    declining: a slow slide; crashing: a plateau, then a fall over the last 6-10 weeks
    (steep enough for the trend rules to see); volatile: a wave around the middle.
    """
    span = max(weeks - 1, 1)
    ts = [1.0 - (weeks - 1 - w) / span for w in range(weeks)]  # 0 .. 1, the last week 1
    if trend == "improving":
        start, end = rng.uniform(45, 62), rng.uniform(85, 96)
        levels = [start + (end - start) * (1 - (1 - t) ** 2) for t in ts]
    elif trend == "steady":
        level, drift = rng.uniform(62, 91), rng.uniform(-3, 3)
        levels = [level + drift * (t - 1) for t in ts]
    elif trend == "declining":
        start, end = rng.uniform(78, 90), rng.uniform(45, 60)
        levels = [start + (end - start) * t ** 1.4 for t in ts]
    elif trend == "crashing":
        plateau, end = rng.uniform(70, 86), rng.uniform(6, 20)
        fall = min(rng.randint(6, 10), max(weeks - 1, 1))
        begin = weeks - 1 - fall
        levels = [plateau + 1.5 * math.sin(w / 3) if w <= begin
                  else plateau + (end - plateau) * (w - begin) / fall for w in range(weeks)]
        levels[-1] = end
    else:  # volatile
        middle, size = rng.uniform(58, 84), rng.uniform(7, 12)
        period, phase = rng.uniform(5, 11), rng.uniform(0, 2 * math.pi)
        levels = [middle + size * math.sin(2 * math.pi * w / period + phase)
                  for w in range(weeks)]
    return [min(99.0, max(3.0, g)) for g in levels]


@dataclass(slots=True)
class _Person:
    id: uuid.UUID
    name: str
    role: str
    is_sponsor: bool


class _BookMaker:
    """Builds one account at a time into a batch; knows the forms and the calendar."""

    def __init__(self, forms: FormSet, weeks: int, seed: int, today: dt.date,
                 now: dt.datetime):
        self.forms = forms
        self.weeks = weeks
        self.seed = seed
        self.today = today
        self.now = now
        self.dates = [today - dt.timedelta(weeks=weeks - 1 - w) for w in range(weeks)]
        self.stamps: dict[dt.date, dt.datetime] = {}
        self.week_stamps = [self.at(d, 16) for d in self.dates]  # snapshots: recorded at 16:00
        self.names: set[str] = set()
        journey = forms.journey
        self.stages = journey.stage_ids
        self.durations = [s.duration_days for s in journey.stages]
        self.onboarding = self.stages.index("onboarding") if "onboarding" in self.stages else 0
        self.stage_weights = [3 if k < self.onboarding else 15 for k in range(len(self.stages))]
        self.template = journey.workflow_template
        snapshot_flags = {f.id for f in forms.signals.flags if f.scope == "snapshot"}
        account_flags = {f.id for f in forms.signals.flags if f.scope == "account"}
        self.flag_ok = {f: f in snapshot_flags for f in SNAPSHOT_FLAGS}
        self.good_news = [f for f in GOOD_NEWS if f in snapshot_flags]
        self.indicators = [f for f in INDICATORS if f in account_flags]
        ordered = sorted(forms.checklists.values(), key=lambda f: (f.order, f.id))
        self.account_lists = [f for f in ordered if f.applies_to == "account"]
        self.qbr_lists = [f for f in ordered if f.applies_to == "qbr"]
        self.tail = trend_window(forms.signals) * 2
        self.health_id, self.health_version = forms.health.id, forms.health.version
        self.expansion_types = {e.id: e.type for e in forms.signals.expansion_triggers}

    # -- helpers -------------------------------------------------------------------
    def at(self, day: dt.date, hour: int = 9) -> dt.datetime:
        """A deterministic record time on ``day``, never after the first moment of today:
        anything the CSM edits in the demo book is newer than the demo's own writing (an
        import compares ``updated_at``, and a demo row stamped 16:00 today would win over
        a real edit made at 10:00)."""
        if day >= self.today:
            return self.stamps.setdefault(self.today, dt.datetime(
                self.today.year, self.today.month, self.today.day, tzinfo=dt.UTC))
        stamp = self.stamps.get(day)
        if stamp is None:
            stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
            self.stamps[day] = stamp
        return stamp + dt.timedelta(hours=hour)

    def company_name(self, index: int, rng: random.Random) -> str:
        if index < len(SHOWCASE_NAMES) and SHOWCASE_NAMES[index] not in self.names:
            return self._take(SHOWCASE_NAMES[index])
        root, legal_forms = rng.choice(ROOTS)
        legal, sector = rng.choice(legal_forms), rng.choice(SECTORS)
        shape = rng.random()
        name = (f"{root} {sector} {legal}" if shape < 0.45 else
                f"{root} {sector}" if shape < 0.7 else f"{root} {legal}")
        for _ in range(8):
            if name not in self.names:
                return self._take(name)
            name = f"{root} {rng.choice(SECTORS)} {legal}"
        for qualifier in QUALIFIERS:
            name = f"{root} {sector} {qualifier} {legal}"
            if name not in self.names:
                return self._take(name)
        number = 2
        while f"{root} {sector} {number} {legal}" in self.names:
            number += 1
        return self._take(f"{root} {sector} {number} {legal}")

    def _take(self, name: str) -> str:
        self.names.add(name)
        return name

    # -- one account ---------------------------------------------------------------
    def account(self, index: int, out: Batch) -> None:
        rng = random.Random(f"csdesk-demo:{self.seed}:{index}")

        def new_id() -> uuid.UUID:
            return uuid.UUID(int=rng.getrandbits(128), version=4)

        before = {name: len(rows) for name, rows in out.items()}
        today, weeks = self.today, self.weeks
        trend = TRENDS[index % len(TRENDS)]
        round_ = index // len(TRENDS)
        tier = TIER_CYCLE[round_ % len(TIER_CYCLE)]
        power = round_ % 2 == 0  # runs close to its execution limit
        account_id = new_id()
        name = self.company_name(index, rng)
        owner = rng.choice(OWNERS)

        # journey: stage, when it started, when onboarding started (or is planned)
        k = index if index < len(self.stages) else rng.choices(
            range(len(self.stages)), self.stage_weights)[0]
        stage = self.stages[k]
        duration = self.durations[k]
        in_stage = rng.randint(0, int(duration * 1.15)) if duration else rng.randint(0, 400)
        stage_started = today - dt.timedelta(days=in_stage)
        if k > self.onboarding:
            back = sum(int((self.durations[j] or 182) * rng.uniform(0.9, 1.2))
                       for j in range(self.onboarding, k))
            onboarding_started = stage_started - dt.timedelta(days=back)
        elif k == self.onboarding:
            onboarding_started = stage_started
        else:
            ahead = max(7, (duration or 0) - in_stage) + sum(
                self.durations[j] or 0 for j in range(k + 1, self.onboarding))
            onboarding_started = today + dt.timedelta(days=ahead)
        started = onboarding_started <= today
        contract_start = (onboarding_started - dt.timedelta(days=rng.randint(7, 21))
                          if started else None)
        if stage == "renewal":
            to_renewal = rng.randint(14, 180)
        elif trend == "crashing" and round_ % 3 == 0:
            to_renewal = rng.randint(20, 85)  # a crisis right before the renewal
        elif not started:
            to_renewal = (onboarding_started - today).days + 365
        elif rng.random() < 0.12:
            to_renewal = rng.randint(7, 90)
        else:
            to_renewal = rng.randint(91, 730)
        renewal = today + dt.timedelta(days=to_renewal)

        # plan, size, money
        (low, high), (price_low, price_high), limit = TIERS[tier]
        users = rng.randint(low, high)
        arr = float(round(users * rng.uniform(price_low, price_high), -2))
        indicators = sorted(flag for n, flag in enumerate(self.indicators)
                            if index % 6 == n or rng.random()
                            < (0.25 if tier == "Enterprise" else 0.1))

        # people
        people = self._stakeholders(rng, new_id, name)
        sponsor = people[0]
        created = self.at(min(contract_start or stage_started, self.dates[0]))
        for person in people:
            out["stakeholders"].append({
                "id": person.id, "account_id": account_id, "name": person.name,
                "role": person.role, "email": self._email(person.name, name, rng),
                "is_sponsor": person.is_sponsor, "notes": "", "created_at": created,
                "updated_at": created})

        # weekly health history
        levels = _levels(trend, weeks, rng)
        snaps = self._snapshots(rng, new_id, account_id, trend, round_, tier, power, users,
                                limit, levels, renewal, out["health_snapshots"])

        # readiness
        latest_assessment = self._assessments(rng, new_id, account_id, levels[0], people,
                                              stage_started, onboarding_started, out)

        # implementation work
        self._checklists(rng, new_id, account_id, owner, people, k, in_stage, stage_started,
                         onboarding_started, renewal, out)
        in_production = self._workflows(rng, new_id, account_id, k, onboarding_started, out)
        qbrs = self._qbrs(rng, new_id, account_id, owner, people, onboarding_started,
                          snaps, in_production, arr, out)
        if started:
            self._charter(new_id, account_id, name, onboarding_started, people, owner, out)
        self._manual_risks(rng, new_id, account_id, stage_started, out)

        # what the rules say at the latest snapshot: the register, the playbooks, growth
        facts = AccountFacts(
            plan_tier=tier, licensed_users=users, monthly_execution_limit=limit,
            renewal_date=renewal, stage=stage, stage_started=stage_started,
            onboarding_started=onboarding_started, indicators=frozenset(indicators))
        signals = evaluate_signals(snaps.tail, facts, self.forms.health, self.forms.signals)
        self._signal_records(rng, new_id, account_id, signals, arr, qbrs, owner, out)

        account: Row = {
            "id": account_id, "name": name, "plan_tier": tier, "arr": arr,
            "licensed_users": users, "monthly_execution_limit": limit, "stage": stage,
            "stage_started": stage_started, "onboarding_started": onboarding_started,
            "contract_start": contract_start, "renewal_date": renewal, "owner": owner,
            "executive_sponsor": sponsor.name,
            "notes": rng.choice(ACCOUNT_NOTES[trend]), "indicators": indicators,
            "archived": False, "latest_snapshot_id": snaps.ids[-1],
            "previous_snapshot_id": snaps.ids[-2] if len(snaps.ids) > 1 else None,
            "latest_assessment_id": latest_assessment, "created_at": created,
            "updated_at": self.at(today),
        }
        # the portfolio's summary of those rows (what csdesk.store.summary computes)
        latest_snapshot = out["health_snapshots"][-1]
        account.update(
            latest_score=latest_snapshot["score"], latest_status=latest_snapshot["status"],
            latest_as_of=latest_snapshot["as_of"],
            latest_next_review=latest_snapshot["next_review"],
            previous_score=snaps.scores[-2] if len(snaps.scores) > 1 else None,
            readiness_level=next((a["level"] for a in out["readiness_assessments"][
                                      before["readiness_assessments"]:]
                                  if a["id"] == latest_assessment), None),
            open_risks=sum(1 for r in out["risks"][before["risks"]:] if r["status"] == "open"))
        out["accounts"].append(account)
        made = {name: len(out[name]) - before[name] for name in TABLES
                if name not in ("accounts", "audit_entries") and len(out[name]) > before[name]}
        out["audit_entries"].append(self._audit(new_id, account, made))

    # -- parts of an account ---------------------------------------------------------
    def _stakeholders(self, rng: random.Random, new_id: Callable[[], uuid.UUID],
                      company: str) -> list[_Person]:
        people: list[_Person] = []
        taken: set[str] = set()
        for n in range(rng.randint(2, 5)):
            for _ in range(10):
                if rng.random() < 0.08:
                    person = rng.choice(KANJI_NAMES)
                else:
                    person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                if person not in taken:
                    break
            taken.add(person)
            role = rng.choice(SPONSOR_ROLES) if n == 0 else rng.choice(TEAM_ROLES)
            people.append(_Person(new_id(), person, role, n == 0))
        return people

    def _email(self, person: str, company: str, rng: random.Random) -> str:
        parts = [_ascii(p) for p in person.split()]
        local = ".".join(p for p in parts if p) or f"contact{rng.randint(1, 99)}"
        words = [_ascii(w) for w in company.split()[:2]]
        domain = "-".join(w for w in words if w) or f"customer{rng.randint(100, 999)}"
        return f"{local}@{domain}.example"

    def _snapshots(self, rng: random.Random, new_id: Callable[[], uuid.UUID],
                   account_id: uuid.UUID, trend: str, round_: int, tier: str, power: bool,
                   users: int, limit: int | None, levels: Sequence[float],
                   renewal: dt.date, rows: list[Row]) -> _History:
        """The weekly snapshots, scored by the engine; returns what later parts need."""
        rnd, uniform = rng.random, rng.uniform
        amp = NOISE[trend]
        o_pa, o_wu, o_fu, o_pt, o_bo, o_co, o_us, o_rw = (uniform(-7, 7) for _ in range(8))
        overachiever = trend in ("improving", "steady") and round_ % 3 == 0
        roi_mult = uniform(1.85, 2.1) if overachiever else uniform(0.85, 1.2)
        o_roi = 0.0 if overachiever else uniform(-6, 6)
        up_base, sr_base = uniform(99.5, 99.99), uniform(96.5, 99.6)
        err_k, resp_base = uniform(0.3, 0.6), uniform(4, 18)
        big = tier == "Enterprise"
        t_base, t_rate = uniform(0.5, 3.5) * (1.6 if big else 1.0), 0.36 if big else 0.3
        intensity = uniform(0.97, 1.12) if power else uniform(0.3, 0.72)
        per_user = uniform(600, 2500)
        flag_ok = self.flag_ok
        forced: str | None = None
        if trend == "crashing" and round_ % 2 == 0:
            forced = "executive_complaint"
        elif trend == "declining" and round_ % 2 == 1:
            forced = "renewal_at_risk"
        elif trend == "improving" and self.good_news:
            forced = self.good_news[round_ % len(self.good_news)]
        health_form, signals_form = self.forms.health, self.forms.signals
        health_id, health_version = self.health_id, self.health_version
        validate = HealthMetrics.model_validate
        history = _History()
        tail_from = self.weeks - self.tail
        last = self.weeks - 1
        spread = 2.0 * amp  # uniform noise in +-amp
        stamps = self.week_stamps
        for w, as_of in enumerate(self.dates):
            g = levels[w]
            tickets = max(0, int(t_base + max(0.0, 80.0 - g) * t_rate + (rnd() - 0.5) * 3.0
                                 + 0.5))
            escalated = (min(tickets, int(tickets * uniform(0.15, 0.3) + 0.5)) if g < 50
                         else (1 if rnd() < 0.04 else 0))
            success = _pct(sr_base - max(0.0, 70.0 - g) * 0.18 + (rnd() - 0.5) * 0.6)
            roi_pct = max(0.0, int((g * roi_mult + o_roi + (rnd() - 0.5) * spread) * 10 + 0.5)
                          / 10)
            adoption = _pct(g + o_pa + (rnd() - 0.5) * spread)
            utilization = _pct(g + o_wu + (rnd() - 0.5) * spread)
            # the row starts as the twelve metrics (validated for the engine as they are)
            row: Row = {
                "platform_adoption": adoption,
                "workflow_utilization": utilization,
                "feature_usage": _pct(g - 2.0 + o_fu + (rnd() - 0.5) * spread),
                "system_uptime": int(min(100.0, up_base - max(0.0, 55.0 - g) * 0.2
                                         - rnd() * 0.05) * 100 + 0.5) / 100,
                "workflow_success_rate": success,
                "performance_targets": _pct(g + 4.0 + o_pt + (rnd() - 0.5) * spread),
                "roi_achievement": min(100.0, roi_pct),
                "business_objectives": _pct(g + o_bo + (rnd() - 0.5) * spread),
                "cost_optimization": _pct(g - 10.0 + o_co + (rnd() - 0.5) * spread),
                "user_satisfaction": _pct(g + o_us + (rnd() - 0.5) * spread),
                "support_tickets": _pct(100.0 - tickets * 4.0 - rnd() * 2.0),
                "reference_willingness": _pct(g - 4.0 + o_rw + (rnd() - 0.5) * spread * 1.3),
            }
            score, status = score_and_status(row, health_form)
            # the latest few as domain records, validated, for the signal rules
            metrics = validate(row) if w >= tail_from else None
            if limit is not None:
                executions = int(limit * min(1.15, intensity * (0.5 + 0.005 * utilization)
                                             * (0.97 + rnd() * 0.06)))
            else:
                executions = int(users * per_user * (0.3 + 0.007 * utilization))
            flags: list[str] = []
            if g < 40 and rnd() < 0.2:
                flags.append("executive_complaint")
            if g < 60 and (renewal - as_of).days < 120 and rnd() < 0.3:
                flags.append("renewal_at_risk")
            if g > 80 and rnd() < 0.1:
                flags.append("positive_feedback")
            if g > 72 and rnd() < 0.05:
                flags.append("additional_use_cases")
            if g > 65 and rnd() < 0.05:
                flags.append("feature_request")
            if g > 78 and rnd() < 0.03:
                flags.append("new_department_interest")
            if w == last and forced is not None and forced not in flags:
                flags.append(forced)
            if flags:
                flags = sorted(f for f in flags if flag_ok[f])
            snapshot_id = new_id()
            stamp = stamps[w]
            row["recent_support_tickets"] = tickets
            row["escalated_tickets"] = escalated
            row["monthly_executions"] = executions
            row["active_users"] = int(users * adoption / 100.0 + 0.5)
            row["avg_response_seconds"] = int((resp_base + max(0.0, 60.0 - g) * 0.5
                                               + rnd() * 2.0) * 10 + 0.5) / 10
            row["error_rate_pct"] = int((100.0 - success) * err_k * 100 + 0.5) / 100
            row["roi_achieved_pct"] = roi_pct
            if metrics is not None:
                history.tail.append(Snapshot.model_construct(
                    as_of=as_of, metrics=metrics,
                    figures=OperationalFigures.model_construct(
                        **{f: row[f] for f in OPERATIONAL_FIGURES}),
                    flags=frozenset(flags)))
            row["id"] = snapshot_id
            row["account_id"] = account_id
            row["as_of"] = as_of
            row["flags"] = flags
            row["note"] = SNAPSHOT_NOTES.get(flags[0], "") if flags else ""
            row["score"] = score
            row["status"] = status
            row["next_review"] = next_review_date(status, as_of, signals_form)
            row["form_id"] = health_id
            row["form_version"] = health_version
            row["created_at"] = stamp
            row["updated_at"] = stamp
            rows.append(row)
            history.ids.append(snapshot_id)
            history.scores.append(score)
            history.statuses.append(status)
            history.adoption.append(adoption)
            history.roi.append(roi_pct)
        return history

    def _assessments(self, rng: random.Random, new_id: Callable[[], uuid.UUID],
                     account_id: uuid.UUID, first_level: float, people: list[_Person],
                     stage_started: dt.date, onboarding_started: dt.date,
                     out: Batch) -> uuid.UUID:
        """1-3 readiness assessments (a kickoff workshop with votes for most); the latest id."""
        today = self.today
        base = min(4.7, max(1.3, 1.5 + (first_level - 40.0) / 55.0 * 3.0))
        plan: list[tuple[dt.date, str, float]] = []
        if onboarding_started <= today:
            plan.append((onboarding_started - dt.timedelta(days=rng.randint(14, 45)), "manual",
                         base - 0.3))
            if rng.random() < 0.75:
                plan.append((onboarding_started, "workshop", base))
            later = onboarding_started + dt.timedelta(days=rng.randint(60, 120))
            if later <= today and rng.random() < 0.5:
                plan.append((later, "manual", base + 0.4))
        else:
            span = max(0, (today - stage_started).days)
            plan.append((stage_started + dt.timedelta(days=rng.randint(0, span)), "manual",
                         base - 0.3))
        latest = account_id
        for assessed_on, source, level in plan:
            assessment_id = new_id()
            latest = assessment_id
            stamp = self.at(assessed_on, 14)
            values: dict[str, Any]
            if source == "workshop":
                votes = {d: [min(5, max(1, round(level + rng.uniform(-1.4, 1.4))))
                             for _ in people] for d in READINESS_DIMENSIONS}
                values = {d: sum(v) / len(v) for d, v in votes.items()}
                for d, cast in votes.items():
                    for person, value in zip(people, cast, strict=True):
                        out["readiness_votes"].append({
                            "id": new_id(), "assessment_id": assessment_id,
                            "participant": person.name, "stakeholder_id": person.id,
                            "dimension": d, "value": value, "created_at": stamp,
                            "updated_at": stamp})
                note = f"Kickoff workshop with {len(people)} participants."
            else:
                values = {d: float(min(5, max(1, round(level + rng.uniform(-1.2, 1.2)))))
                          for d in READINESS_DIMENSIONS}
                note = "Assessed with the sponsor before the kickoff." \
                    if assessed_on < onboarding_started else "Re-assessed after phase 2."
            values["critical_dependencies"] = rng.sample(DEPENDENCIES, rng.randint(0, 3))
            values["potential_blockers"] = rng.sample(BLOCKERS, rng.randint(0, 3))
            values["mitigation_strategies"] = rng.sample(MITIGATIONS, rng.randint(0, 3))
            result = readiness_score(ReadinessAssessment.model_validate(values),
                                     self.forms.readiness)
            out["readiness_assessments"].append({
                "id": assessment_id, "account_id": account_id, "assessed_on": assessed_on,
                **values, "source": source, "note": note, "score": result.score,
                "level": result.level, "form_id": self.forms.readiness.id,
                "form_version": self.forms.readiness.version, "created_at": stamp,
                "updated_at": stamp})
        return latest

    def _checklists(self, rng: random.Random, new_id: Callable[[], uuid.UUID],
                    account_id: uuid.UUID, owner: str, people: list[_Person], k: int,
                    in_stage: int, stage_started: dt.date, onboarding_started: dt.date,
                    renewal: dt.date, out: Batch) -> None:
        """Every account checklist, ticked as far as the account's journey has come."""
        today = self.today
        technical = [p.name for p in people if p.role in TECHNICAL_ROLES] or [owner]
        day = (today - onboarding_started).days + 1
        phases = {p.number: p for p in self.forms.journey.phases}
        stage_index = {s: n for n, s in enumerate(self.stages)}
        for form in self.account_lists:
            instance_id = new_id()
            created = self.at(min(stage_started, onboarding_started))
            out["checklist_instances"].append({
                "id": instance_id, "account_id": account_id, "checklist_id": form.id,
                "form_version": form.version, "qbr_id": None, "created_at": created,
                "updated_at": created})
            for section in form.sections:
                due, share = self._section_timing(
                    form, section, rng, k, in_stage, stage_started, onboarding_started,
                    renewal, day, phases, stage_index)
                owners = technical if form.id == "technical_readiness" else [owner, owner,
                                                                             *technical]
                self._items(rng, new_id, instance_id, section, due, share, owners,
                            out["checklist_items"], created)

    def _section_timing(self, form: ChecklistForm, section: ChecklistSection,
                        rng: random.Random, k: int, in_stage: int, stage_started: dt.date,
                        onboarding_started: dt.date, renewal: dt.date, day: int,
                        phases: dict[int, Phase], stage_index: dict[str, int],
                        ) -> tuple[dt.date | None, float]:
        """When a section is due and what share of it is done by today."""
        today = self.today
        if section.stage is not None and section.stage in stage_index:
            s = stage_index[section.stage]
            if s < k:
                return stage_started - dt.timedelta(days=rng.randint(7, 60)), 0.92
            if s > k:
                return None, 0.0
            duration = self.durations[k]
            if duration is None:
                return None, 0.5
            return stage_started + dt.timedelta(days=duration), min(0.9, in_stage / duration)
        if section.phase is not None and section.phase in phases:
            phase = phases[section.phase]
            due = onboarding_started + dt.timedelta(days=phase.last_day - 1)
            if day > phase.last_day:
                return due, 0.9
            if day >= phase.first_day:
                return due, 0.9 * (day - phase.first_day + 1) / (
                    phase.last_day - phase.first_day + 1)
            return due, 0.0
        if form.starts_days_before_renewal is not None:
            start = renewal - dt.timedelta(days=form.starts_days_before_renewal)
            due = max(start, renewal - dt.timedelta(days=30))
            if today < start:
                return due, 0.0
            return due, min(0.9, (today - start).days / max(1, (due - start).days))
        due = onboarding_started - dt.timedelta(days=3)
        return due, (0.93 if onboarding_started <= today else 0.25 + 0.4 * rng.random())

    def _items(self, rng: random.Random, new_id: Callable[[], uuid.UUID],
               instance_id: uuid.UUID, section: ChecklistSection, due: dt.date | None,
               share: float, owners: Sequence[str], rows: list[Row],
               created: dt.datetime) -> None:
        today = self.today
        for item in section.items:
            r = rng.random()
            state = "na" if r < 0.03 else "done" if r < 0.03 + 0.97 * share else "open"
            done_on = None
            if state == "done":
                done_on = min(today, due or today) - dt.timedelta(days=rng.randint(0, 20))
            note = ""
            if state == "open" and due is not None and due < today and rng.random() < 0.3:
                note = rng.choice(CHECKLIST_NOTES)
            rows.append({
                "id": new_id(), "instance_id": instance_id, "section_id": section.id,
                "item_id": item.id, "text": item.text, "state": state,
                "owner": rng.choice(owners) if state != "na" and rng.random() < 0.8 else "",
                "due_date": due, "done_on": done_on, "note": note, "created_at": created,
                "updated_at": self.at(done_on) if done_on else created})

    def _workflows(self, rng: random.Random, new_id: Callable[[], uuid.UUID],
                   account_id: uuid.UUID, k: int, onboarding_started: dt.date,
                   out: Batch) -> int:
        """Workflows in the template's fields and statuses; returns how many are live."""
        template, today = self.template, self.today
        statuses = template.statuses
        production = template.production_status
        day = (today - onboarding_started).days + 1
        if day <= 0:
            count, live_share = rng.randint(0, 2), 0.0
        elif day <= 90:
            count, live_share = rng.randint(3, 8), min(0.7, day / 120)
        elif k <= self.onboarding + 1:
            count, live_share = rng.randint(5, 10), 0.7
        else:
            count, live_share = rng.randint(8, 16), 0.85
        names = rng.sample(WORKFLOW_NAMES, min(count, len(WORKFLOW_NAMES)))
        if names and rng.random() < 0.5:
            names[0] = template.example.name
        live = 0
        not_live = [s for s in statuses if s != production] or [production]
        for n, name in enumerate(names):
            if name == template.example.name:
                priority, complexity = template.example.priority, template.example.complexity
                hours = template.example.estimated_hours
                dependencies = list(template.example.dependencies)
                criteria = list(template.example.success_criteria)
            else:
                priority = rng.choice(template.priorities)
                complexity = rng.choice(template.complexities)
                low, high = WORKFLOW_HOURS.get(complexity, (8, 24))
                hours = float(rng.randint(low, high))
                dependencies = rng.sample(WORKFLOW_DEPENDENCIES, rng.randint(0, 3))
                criteria = rng.sample(WORKFLOW_CRITERIA, rng.randint(1, 3))
            if day > 0 and rng.random() < live_share:
                status = production
            elif day <= 0:
                status = not_live[0]
            else:
                status = not_live[min(len(not_live) - 1, int(rng.random() * len(not_live)))]
            go_live = None
            if status == production:
                live += 1
                go_live = onboarding_started + dt.timedelta(
                    days=rng.randint(min(14, day - 1), max(0, day - 1)))
            phase = 1 + min(2, n * 3 // max(1, len(names)))
            created = self.at(min(onboarding_started, today))
            out["workflows"].append({
                "id": new_id(), "account_id": account_id, "name": name, "priority": priority,
                "complexity": complexity, "estimated_hours": hours,
                "dependencies": dependencies, "success_criteria": criteria, "phase": phase,
                "status": status, "go_live_date": go_live,
                "notes": "Template example from the playbook." if name == template.example.name
                else "", "created_at": created,
                "updated_at": self.at(go_live) if go_live else created})
        return live

    def _qbrs(self, rng: random.Random, new_id: Callable[[], uuid.UUID],
              account_id: uuid.UUID, owner: str, people: list[_Person],
              onboarding_started: dt.date, snaps: _History, in_production: int, arr: float,
              out: Batch) -> list[tuple[uuid.UUID, dt.date]]:
        """0-4 QBRs (past ones with their story, perhaps one coming up), with checklists."""
        today = self.today
        quarters = max(0, (today - onboarding_started).days // 91)
        past = min(quarters, rng.randint(0, 4))
        dates = []
        if past:
            latest = today - dt.timedelta(days=rng.randint(5, 80))
            dates = [latest - dt.timedelta(days=91 * q) for q in range(past)][::-1]
        if quarters >= 1 and len(dates) < 4 and rng.random() < 0.3:
            dates.append(today + dt.timedelta(days=rng.randint(3, 20)))
        held: list[tuple[uuid.UUID, dt.date]] = []
        for held_on in dates:
            qbr_id = new_id()
            held.append((qbr_id, held_on))
            week = self._week_of(held_on)
            attendees = [p.name for p in people[: rng.randint(2, len(people))]] + [owner]
            created = self.at(held_on - dt.timedelta(days=10))
            row: Row = {
                "id": qbr_id, "account_id": account_id, "held_on": held_on,
                "attendees": attendees, "achievements": "", "roi_promised": None,
                "roi_achieved": None, "cost_savings": None, "success_stories": "",
                "challenges": "", "feedback": "", "roadmap": "", "expansion_topics": "",
                "notes": "", "created_at": created, "updated_at": created}
            if held_on > today:
                row["notes"] = (f"Agenda sent to {people[0].name}; pre-read with the usage "
                                "figures goes out a week before.")
            else:
                score, status = snaps.scores[week], snaps.statuses[week]
                promised = float(round(arr * rng.uniform(1.5, 3.0), -3))
                achieved = float(round(promised * snaps.roi[week] / 100.0, -2))
                row.update({
                    "achievements": (f"{max(1, in_production - rng.randint(0, 3))} workflows in "
                                     f"production; health score {score:.0f} ({status}); "
                                     f"platform adoption {snaps.adoption[week]:.0f}%."),
                    "roi_promised": promised, "roi_achieved": achieved,
                    "cost_savings": float(round(achieved * rng.uniform(0.3, 0.6), -2)),
                    "success_stories": rng.choice((
                        "Invoice processing time cut from 5 days to 6 hours.",
                        "Onboarding of new hires is fully automated: zero missed accounts.",
                        "Support triage answers 40% of tickets without an agent.")),
                    "challenges": rng.choice((
                        "ERP connector timeouts at month end.",
                        "Two teams still keep shadow spreadsheets.",
                        "Change approvals slow down new workflows.")),
                    "feedback": rng.choice((
                        "Users like the approvals UI; admins want better error messages.",
                        "The sponsor wants a monthly value report.",
                        "Power users ask for versioned workflows.")),
                    "roadmap": "Next quarter: AI-assisted routing, the new ERP connector.",
                    "expansion_topics": rng.choice((
                        "Finance department rollout.", "Premium connectors.",
                        "A second region for the EU entity.")),
                    "notes": "Deck and recording shared with the attendees."})
            out["qbrs"].append(row)
            for form in self.qbr_lists:
                due = held_on
                if form.due_days_before_qbr is not None:
                    due = held_on - dt.timedelta(days=form.due_days_before_qbr)
                elif form.due_days_after_qbr is not None:
                    due = held_on + dt.timedelta(days=form.due_days_after_qbr)
                instance_id = new_id()
                out["checklist_instances"].append({
                    "id": instance_id, "account_id": account_id, "checklist_id": form.id,
                    "form_version": form.version, "qbr_id": qbr_id, "created_at": created,
                    "updated_at": created})
                share = (0.95 if due <= today - dt.timedelta(days=14)
                         else 0.6 if due <= today else 0.25)
                for section in form.sections:
                    self._items(rng, new_id, instance_id, section, due, share, [owner],
                                out["checklist_items"], created)
        return held

    def _week_of(self, day: dt.date) -> int:
        """The index of the last snapshot on or before ``day`` (0 if none)."""
        weeks_back = (self.today - day).days // 7 + (1 if (self.today - day).days % 7 else 0)
        return max(0, self.weeks - 1 - weeks_back)

    def _charter(self, new_id: Callable[[], uuid.UUID], account_id: uuid.UUID, name: str,
                 onboarding_started: dt.date, people: list[_Person], owner: str,
                 out: Batch) -> None:
        """The kickoff workshop's deliverables (every account whose onboarding started)."""
        phases = self.forms.journey.phases
        timeline = "\n".join(
            f"Phase {p.number} {p.label}: "
            f"{onboarding_started + dt.timedelta(days=p.first_day - 1):%d %b %Y} to "
            f"{onboarding_started + dt.timedelta(days=p.last_day - 1):%d %b %Y}"
            for p in phases)
        team = ", ".join(f"{p.name} ({p.role})" for p in people)
        stamp = self.at(onboarding_started, 17)
        out["charters"].append({
            "id": new_id(), "account_id": account_id,
            "scope_objectives": (f"Automate {name}'s highest-volume manual processes, starting "
                                 "with approvals and data synchronisation."),
            "success_criteria": ("3+ workflows in production by day 60; 10+ by day 90; "
                                 "platform adoption above 80%; ROI targets met by month six."),
            "timeline_milestones": timeline,
            "architecture_notes": ("Platform on the customer's Kubernetes cluster; PostgreSQL "
                                   "13+ and Redis 6+; SSO through their identity provider."),
            "roadmap": "Quarter 1: foundation and priority workflows. Quarter 2: scale out to "
                       "finance and HR; advanced monitoring.",
            "resources": f"Customer team: {team}. Customer Success Manager: {owner}.",
            "dependencies": "CRM integration; e-mail service; document storage.",
            "critical_path": "Security review, then SSO, then the first production workflow.",
            "created_at": stamp, "updated_at": stamp})

    def _manual_risks(self, rng: random.Random, new_id: Callable[[], uuid.UUID],
                      account_id: uuid.UUID, stage_started: dt.date, out: Batch) -> None:
        if rng.random() >= 0.3:
            return
        for kind, severity, description, impact, mitigation in rng.sample(
                MANUAL_RISKS, rng.randint(1, 2)):
            raised = self.today - dt.timedelta(days=rng.randint(3, 200))
            r = rng.random()
            status = "open" if r < 0.6 else "mitigated" if r < 0.85 else "closed"
            closed = (None if status == "open"
                      else min(self.today, raised + dt.timedelta(days=rng.randint(5, 60))))
            out["risks"].append({
                "id": new_id(), "account_id": account_id, "type": kind, "severity": severity,
                "description": description, "impact": impact, "mitigation": mitigation,
                "status": status, "rule_id": None, "observed": [], "raised_on": raised,
                "closed_on": closed, "created_at": self.at(raised),
                "updated_at": self.at(closed or raised)})

    def _signal_records(self, rng: random.Random, new_id: Callable[[], uuid.UUID],
                        account_id: uuid.UUID, signals: Signals, arr: float,
                        qbrs: list[tuple[uuid.UUID, dt.date]], owner: str,
                        out: Batch) -> None:
        """Risks and playbook actions as recording the latest snapshot raises them, QBR
        follow-ups, and the expansion and upsell opportunities the rules point at."""
        as_of = signals.as_of
        stamp = self.at(as_of, 16)
        for risk in signals.risks:
            out["risks"].append({"id": new_id(), **raised_risk_values(account_id, as_of, risk),
                                 "closed_on": None, "created_at": stamp, "updated_at": stamp})
        for values in started_action_values(account_id, signals, ()):
            out["action_items"].append({"id": new_id(), **values, "qbr_id": None,
                                        "done_on": None, "created_at": stamp,
                                        "updated_at": stamp})
        past = [(q, d) for q, d in qbrs if d <= self.today]
        if past:
            qbr_id, held_on = past[-1]
            for title in rng.sample(("Send the QBR deck and notes to all attendees",
                                     "Book the technical deep-dive on connector errors",
                                     "Share the expansion proposal with the sponsor"),
                                    rng.randint(1, 3)):
                due = held_on + dt.timedelta(days=7)
                done = due < self.today and rng.random() < 0.6
                out["action_items"].append({
                    "id": new_id(), "account_id": account_id, "title": title,
                    "playbook": None, "step": "", "trigger_rule": None, "qbr_id": qbr_id,
                    "due_date": due, "owner": owner, "status": "done" if done else "open",
                    "done_on": due if done else None, "created_at": self.at(held_on, 18),
                    "updated_at": self.at(due if done else held_on, 18)})
        for ex in signals.expansion:
            out["opportunities"].append(self._opportunity(
                new_id, account_id, ex.event, self.expansion_types.get(ex.rule_id, "opportunity"),
                ex.rule_id, ex.score, float(round(arr * rng.uniform(0.1, 0.4), -2)), ex.owner,
                "; ".join(ex.observed), stamp, rng))
        for up in signals.upsell:
            out["opportunities"].append(self._opportunity(
                new_id, account_id, up.opportunity, "upsell", up.rule_id, rng.randint(5, 8),
                float(round(arr * rng.uniform(0.2, 0.6), -2)), owner,
                f"{up.indicator}: {up.value}", stamp, rng))
        if rng.random() < 0.25:
            title, status = rng.choice(MANUAL_OPPORTUNITIES)
            when = self.at(self.today - dt.timedelta(days=rng.randint(30, 300)))
            out["opportunities"].append({
                "id": new_id(), "account_id": account_id, "title": title,
                "kind": "opportunity", "source_rule": None, "likelihood": None,
                "value": float(round(arr * rng.uniform(0.1, 0.3), -2)), "status": status,
                "owner": owner, "notes": "", "archived": False, "created_at": when,
                "updated_at": when})

    def _opportunity(self, new_id: Callable[[], uuid.UUID], account_id: uuid.UUID,
                     title: str, kind: str, rule: str, likelihood: int, value: float,
                     owner: str, notes: str, stamp: dt.datetime, rng: random.Random) -> Row:
        return {"id": new_id(), "account_id": account_id, "title": title, "kind": kind,
                "source_rule": rule, "likelihood": min(10, max(1, likelihood)),
                "value": value, "status": "qualified" if rng.random() < 0.3 else "identified",
                "owner": owner, "notes": notes, "archived": False, "created_at": stamp,
                "updated_at": stamp}

    def _audit(self, new_id: Callable[[], uuid.UUID], account: Row,
               made: dict[str, int]) -> Row:
        """One entry per account: what the account was created with, and how many records
        the demo gave it (one entry per row would triple the book for no reader)."""
        changes = {key: [None, jsonable(value)] for key, value in account.items()
                   if key not in ("created_at", "updated_at") and value not in (None, "", [])}
        changes["demo_records"] = [None, made]
        return {"id": new_id(), "account_id": account["id"], "at": self.now,
                "actor": DEMO_ACTOR, "entity": "accounts", "entity_id": account["id"],
                "action": "create", "changes": changes, "created_at": self.now,
                "updated_at": self.now}


@dataclass(slots=True)
class _History:
    """Per week: snapshot ids, scores, statuses and figures the QBR texts quote; the
    latest few snapshots as domain records for the signal rules."""

    ids: list[uuid.UUID] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    adoption: list[float] = field(default_factory=list)
    roi: list[float] = field(default_factory=list)
    tail: list[Snapshot] = field(default_factory=list)
