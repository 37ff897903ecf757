"""Helpers shared by the account file tests (this module holds no tests itself).

``fill_account`` builds an account the way a CSM would over a few weeks: stakeholders,
weekly health snapshots, a workshop assessment with votes, checklists, a QBR, the
charter, a workflow, a risk, an opportunity. ``colleague_book`` opens a second, empty
book of the same kind as the test's (SQLite file or PostgreSQL database).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from csdesk.exchange import container
from csdesk.playbook.form_loader import FormSet
from csdesk.playbook.records import HealthMetrics, OperationalFigures, ReadinessAssessment
from csdesk.store.book import Book, open_book
from csdesk.store.repos.assessments import Vote
from csdesk.store.views import AccountView
from tests.conftest import TODAY, _postgres_database, dimensions_at, metrics_at

__test__ = False  # pytest: nothing to collect here


def week(n: int) -> dt.date:
    return TODAY - dt.timedelta(weeks=n)


def fill_account(book: Book, name: str = "Acme Logistics", weeks: int = 8) -> AccountView:
    acme = book.accounts.create({
        "name": name, "plan_tier": "Professional", "arr": 120_000, "licensed_users": 150,
        "monthly_execution_limit": 50_000, "renewal_date": TODAY + dt.timedelta(days=120),
        "owner": "Dana (CSM)", "executive_sponsor": "Zoë Ångström",
        "indicators": ["complex_integrations"]})
    cto = book.stakeholders.add(acme.id, {"name": "Łukasz Nowak", "role": "CTO",
                                          "email": "lukasz@acme.example", "is_sponsor": True})
    ops = book.stakeholders.add(acme.id, {"name": "Mei Chen", "role": "Ops lead"})
    for n in range(weeks, 0, -1):
        value = 55 + 3 * (weeks - n)
        book.snapshots.record(
            acme.id, week(n), HealthMetrics(**metrics_at(min(value, 100), system_uptime=99.5)),
            OperationalFigures(recent_support_tickets=n, monthly_executions=20_000 + n),
            flags=["positive_feedback"] if n % 3 == 0 else [], note=f"week {n}")
    book.assessments.record(
        acme.id, week(weeks), ReadinessAssessment(**dimensions_at(3.5, budget_approval=4),
                                                  potential_blockers=["SSO not ready"]),
        [Vote("Łukasz", "budget_approval", 4, cto.id), Vote("Mei", "budget_approval", 3,
                                                            ops.id)],
        source="workshop", note="kickoff day")
    first = book.checklists.for_account(acme.id)[0]
    book.checklists.set_item(first.sections[0][2][0].id, {"state": "done", "owner": "Mei"})
    qbr = book.qbrs.add(acme.id, {"held_on": TODAY - dt.timedelta(days=10),
                                  "attendees": ["Łukasz", "Dana"], "roi_achieved": 180})
    book.actions.add(acme.id, {"title": "Send the QBR deck", "qbr_id": qbr.id,
                               "due_date": TODAY})
    book.charters.update(acme.id, {"scope_objectives": "Automate order intake",
                                   "critical_path": "SSO → API → go-live"})
    book.workflows.add(acme.id, {"name": "Order intake", "priority": "high",
                                 "dependencies": ["ERP"], "phase": 1})
    book.risks.add(acme.id, {"type": "Champion leaving", "severity": "High",
                             "description": "Mei may move teams"})
    book.opportunities.add(acme.id, {"title": "Second department", "likelihood": 7,
                                     "value": 40_000})
    workshop = book.workshops.start(acme.id, [("Łukasz Nowak", cto.id)])
    guest = book.workshops.add_participant(workshop.id, "Priya (IT)")
    book.workshops.vote(workshop.participants[0].id, "technical_skills", 4)
    book.workshops.vote(guest.id, "technical_skills", 2)
    book.workshops.set_note(workshop.id, "scope_objectives", "Order intake first")
    book.workshops.advance(workshop.id)
    return book.accounts.get(acme.id)


def document(path: Path, passphrase: str | None = None) -> dict[str, Any]:
    """The JSON document inside an account file."""
    unpacked = container.unpack(path.read_bytes(), str(path), passphrase)
    return json.loads(unpacked.document)


def without_timestamp(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "exported_at"}


def write_document(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@contextmanager
def colleague_book(book: Book, tmp_path: Path, forms: FormSet,
                   name: str = "colleague") -> Iterator[Book]:
    """An empty book on a colleague's laptop, of the same kind as ``book``."""
    if book.store.path is not None:
        with open_book(forms, tmp_path / f"{name}.sqlite3", today=lambda: TODAY) as other:
            yield other
        return
    for url in _postgres_database(os.environ["CSDESK_TEST_PG_URL"]):
        with open_book(forms, url=url, today=lambda: TODAY) as other:
            yield other


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _by_id(rows: list[Any]) -> list[Any]:
    return sorted(rows, key=lambda r: str(r.id))  # ties in a list's order are the database's


def everything(book: Book) -> dict[str, Any]:
    """What a CSM sees of every account, to compare two books."""
    out: dict[str, Any] = {}
    for acc in book.accounts.all(include_archived=True):
        out[acc.name] = {
            "account": acc,
            "portfolio": [r for r in book.accounts.portfolio(include_archived=True)
                          if r.id == acc.id],
            "stakeholders": _by_id(book.stakeholders.list(acc.id)),
            "snapshots": book.snapshots.history(acc.id),
            "assessments": [(a, book.assessments.votes(a.id))
                            for a in book.assessments.history(acc.id)],
            "workflows": _by_id(book.workflows.list(acc.id)),
            "risks": _by_id(book.risks.list(acc.id)),
            "actions": _by_id(book.actions.list(acc.id)),
            "opportunities": _by_id(book.opportunities.list(acc.id)),
            "qbrs": _by_id(book.qbrs.list(acc.id)),
            "workshops": book.workshops.for_account(acc.id),
            "trail": _by_id(book.audit.trail(acc.id)),
        }
    return out
