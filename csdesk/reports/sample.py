"""Realistic sample accounts, written through the repositories: for the sample PDFs in
the documentation, the report benchmarks and the report tests.

Deterministic (no randomness, no clock but ``today``), with the names customers really
have ("Zoë Ångström", "Łódź", "Müller"), so the fonts and the layout are exercised.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Mapping

from csdesk.playbook.records import HealthMetrics, OperationalFigures, ReadinessAssessment
from csdesk.store.book import Book
from csdesk.store.repos.assessments import Vote
from csdesk.store.views import AccountView

STAKEHOLDERS = [
    ("Zoë Ångström", "Chief Financial Officer", "zoe.angstrom@example.com", True),
    ("Jürgen Weiß", "Director of IT", "j.weiss@example.com", False),
    ("Ana María Núñez", "Head of Operations", "ana.nunez@example.com", False),
    ("Mikołaj Wiśniewski", "Platform lead", "m.wisniewski@example.com", False),
]

WORKFLOWS = [
    ("Customer onboarding process", 1, "high", "medium", 16, "in_production",
     ["CRM integration", "Email service", "Document storage"]),
    ("Nightly ERP → warehouse data sync", 1, "high", "low", 12, "in_production",
     ["ERP read access"]),
    ("Shipment delay alerts", 2, "high", "low", 10, "in_production", ["Carrier API"]),
    ("Weekly operations report", 2, "medium", "low", 8, "in_production", ["Data warehouse"]),
    ("Purchase order approval", 2, "medium", "medium", 20, "in_production",
     ["SSO", "ERP write access"]),
    ("Invoice matching (Łódź plant)", 2, "high", "high", 40, "testing",
     ["ERP write access", "OCR service"]),
    ("Returns handling", 3, "medium", "medium", 24, "building", ["CRM integration"]),
    ("Supplier onboarding", 3, "medium", "high", 32, "planned",
     ["Supplier portal", "Compliance review"]),
    ("Customs documentation", 3, "low", "high", 36, "planned", ["Customs gateway"]),
    ("Fleet maintenance scheduling", 3, "low", "medium", 18, "planned", ["Telematics feed"]),
]

RISKS = [
    ("Key person dependency", "High",
     "Only one administrator (Mikołaj Wiśniewski) knows the integration set-up.",
     "Changes stall when he is away; the Łódź plant roll-out depends on him.",
     "Train a second administrator and document the connector configuration."),
    ("ERP upgrade overlaps phase 3", "Medium",
     "The customer's ERP upgrade is planned for the same weeks as the phase 3 migrations.",
     "Write access to the ERP may be frozen for three weeks.",
     "Move the invoice matching go-live before the freeze; keep read-only syncs running."),
    ("Security review backlog", "Medium",
     "The security team reviews new connectors once a month.",
     "Each new integration can wait up to four weeks for approval.",
     "Batch the connector requests and book a standing review slot."),
    ("Budget for phase 3 services", "Low",
     "Professional services hours for phase 3 are not yet approved by finance.",
     "Phase 3 may slip by a month.",
     "Present the phase 1-2 ROI to Zoë Ångström before the budget round."),
]

CHARTER = {
    "scope_objectives": (
        "Automate {name}'s order-to-cash and shipment workflows on the Maestro "
        "platform within 90 days.\n\n"
        "- Replace the nightly spreadsheet hand-offs between ERP and warehouse\n"
        "- Alert customers about shipment delays automatically\n"
        "- Cut invoice matching effort at the Łódź plant by half\n\n"
        "Out of scope: the customs gateway replacement (planned for next year)."),
    "success_criteria": (
        "- 3+ workflows in production by day 60, 10+ by the end of adoption\n"
        "- Platform adoption above 80% of licensed users\n"
        "- ROI of 250,000 a year, measured on hours saved and fewer late-shipment credits\n"
        "- User satisfaction above 8/10 in the quarterly survey"),
    "timeline_milestones": (
        "- Day 1: kickoff workshop in Łódź\n"
        "- Day 14: platform deployed, SSO configured\n"
        "- Day 30: first workflow in production, team trained\n"
        "- Day 60: priority workflows live, security validation passed\n"
        "- Day 90: ten workflows live, ROI review with the sponsor"),
    "architecture_notes": (
        "Maestro runs in the customer's Kubernetes cluster (v1.28) in the Frankfurt "
        "region, with PostgreSQL 15 and Redis 7 managed by the customer's platform team.\n\n"
        "- Integrations: SAP ERP (RFC, read and write), Salesforce CRM, the carriers' "
        "REST APIs, SharePoint for documents\n"
        "- Security: SSO through Entra ID, secrets in the customer's vault, audit logs "
        "shipped to their SIEM\n"
        "- Data flows: ERP → data warehouse nightly; shipment events → alerts in near "
        "real time"),
    "roadmap": (
        "Phase 1 sets up the platform and the first sync; phase 2 brings the priority "
        "workflows live; phase 3 adds the cross-department workflows and tuning."),
    "resources": (
        "- Customer: platform lead (50%), two workflow builders (full time), ERP analyst "
        "(20%)\n"
        "- Vendor: CSM, solutions engineer (phase 1-2), professional services (phase 3)"),
    "dependencies": (
        "- ERP write access approved by the security team\n"
        "- Carrier API credentials for the three main carriers\n"
        "- SSO group mapping from the identity team"),
    "critical_path": (
        "Platform deployment → SSO → ERP read sync → ERP write access → invoice matching "
        "→ phase 3 cross-department workflows"),
}


def _wave(n: int, scale: float) -> float:
    """Deterministic week-to-week noise."""
    return scale * (math.sin(n * 1.71) * 0.6 + math.sin(n * 0.53 + 1.0) * 0.4)


def _metrics(n: int, weeks: int) -> tuple[HealthMetrics, OperationalFigures]:
    t = n / max(weeks - 1, 1)
    dip = -9.0 * math.exp(-((t - 0.55) / 0.08) ** 2)  # a rough quarter mid-way

    def pct(start: float, end: float, noise: float = 2.0) -> float:
        value = start + (end - start) * (1 - math.exp(-3 * t)) / (1 - math.exp(-3)) + dip
        return round(min(100.0, max(0.0, value + _wave(n + int(start), noise))), 1)

    metrics = HealthMetrics(
        platform_adoption=pct(38, 86), workflow_utilization=pct(20, 78),
        feature_usage=pct(30, 82), system_uptime=round(min(100.0, 99.5 + t * 0.45
                                                           + _wave(n, 0.04)), 2),
        workflow_success_rate=round(min(100.0, 95.0 + t * 3.8 + _wave(n, 0.5)), 1),
        performance_targets=pct(70, 92), roi_achievement=pct(25, 88, 1.5),
        business_objectives=pct(40, 84), cost_optimization=pct(20, 72),
        user_satisfaction=pct(62, 86), support_tickets=pct(55, 80),
        reference_willingness=pct(40, 82))
    figures = OperationalFigures(
        recent_support_tickets=max(0, round(12 - 8 * t + _wave(n, 2))),
        escalated_tickets=0 if t > 0.2 else 1,
        monthly_executions=round(120_000 + 700_000 * t + _wave(n, 20_000)),
        active_users=round(metrics.platform_adoption * 5),
        avg_response_seconds=round(max(3.0, 24 - 14 * t + _wave(n, 1.5)), 1),
        error_rate_pct=round(max(0.1, 2.4 - 1.9 * t + _wave(n, 0.15)), 2),
        roi_achieved_pct=round(metrics.roi_achievement * 1.02, 1))
    return metrics, figures


def create_sample_account(book: Book, today: dt.date, *, weeks: int = 104,
                          name: str = "Łódź Müller Logistics",
                          onboarding_day: int | None = None) -> AccountView:
    """A realistic account: ``weeks`` weekly health snapshots up to ``today``, readiness
    assessments with votes, stakeholders, workflows, risks, QBRs, opportunities, actions,
    a filled charter and renewal checklist progress.

    ``onboarding_day`` puts the account that many days into its onboarding (for the
    charter's timeline); by default it onboarded when its history began.
    """
    started = (today - dt.timedelta(days=onboarding_day - 1) if onboarding_day
               else today - dt.timedelta(weeks=weeks, days=30))
    stage = "onboarding" if onboarding_day and onboarding_day <= 90 else "expansion"
    account = book.accounts.create({
        "name": name, "plan_tier": "Professional", "arr": 240_000, "licensed_users": 500,
        "monthly_execution_limit": 1_000_000, "stage": stage,
        "stage_started": today - dt.timedelta(days=40) if stage == "expansion" else started,
        "onboarding_started": started, "contract_start": started - dt.timedelta(days=14),
        "renewal_date": today + dt.timedelta(days=150), "owner": "Dana Okafor",
        "executive_sponsor": "Zoë Ångström",
        "notes": "Logistics group, HQ in Łódź, warehouses in Poland and Germany.",
        "indicators": ["complex_integrations", "compliance_requirements"]})
    aid = account.id
    people = {}
    for person, role, email, sponsor in STAKEHOLDERS:
        people[person] = book.stakeholders.add(aid, {"name": person, "role": role,
                                                     "email": email, "is_sponsor": sponsor})

    _assessment(book, aid, started - dt.timedelta(days=7), people, first=True)
    if weeks >= 26:
        _assessment(book, aid, today - dt.timedelta(days=60), people, first=False)

    for n in range(weeks):
        as_of = today - dt.timedelta(weeks=weeks - 1 - n)
        metrics, figures = _metrics(n, weeks)
        flags = ["feature_request", "positive_feedback"] if n == weeks - 1 else []
        book.snapshots.record(aid, as_of, metrics, figures, flags=flags)

    for wf_name, phase, priority, complexity, hours, status, deps in WORKFLOWS:
        book.workflows.add(aid, {
            "name": wf_name, "phase": phase, "priority": priority, "complexity": complexity,
            "estimated_hours": hours, "status": status, "dependencies": deps,
            "success_criteria": ["100% automated processing", "<30 second response time"],
            "go_live_date": (started + dt.timedelta(days=20 + 12 * phase)
                             if status == "in_production" else None)})
    for rtype, severity, description, impact, mitigation in RISKS:
        book.risks.add(aid, {"type": rtype, "severity": severity, "description": description,
                             "impact": impact, "mitigation": mitigation,
                             "raised_on": started + dt.timedelta(days=3)})
    book.charters.update(aid, {k: v.replace("{name}", name) for k, v in CHARTER.items()})

    qbr = None
    if weeks >= 13:
        qbr = _qbrs(book, aid, today, weeks)
    book.opportunities.add(aid, {"title": "Governance add-on for the audit team",
                                 "kind": "upsell", "likelihood": 7, "value": 36_000,
                                 "status": "qualified", "owner": "Dana Okafor"})
    book.opportunities.add(aid, {"title": "Finance department: accounts payable workflows",
                                 "kind": "expansion", "likelihood": 6, "value": 60_000,
                                 "status": "identified", "owner": "Ravi Patel (AE)"})
    for title, owner, days in (
            ("Send the QBR summary and action list to Zoë Ångström", "Dana Okafor", 3),
            ("Book the invoice matching go-live review with Jürgen Weiß", "Dana Okafor", 10),
            ("Scope the accounts payable workflows with the finance team",
             "Ravi Patel (AE)", 21),
            ("Enrol Mikołaj Wiśniewski in the advanced administrator course",
             "Ana María Núñez", 30)):
        book.actions.add(aid, {"title": title, "owner": owner,
                               "due_date": today + dt.timedelta(days=days),
                               "qbr_id": None if qbr is None else qbr})

    for action in book.actions.list(aid):  # the CSM worked through the older playbooks
        if action.playbook and action.due_date and action.due_date < today - dt.timedelta(
                days=20):
            book.actions.update(action.id, {"status": "done"})
    renewal = next(c for c in book.checklists.for_account(aid)
                   if c.checklist_id == "renewal_readiness")
    owners = ["Dana Okafor", "Zoë Ångström", "Jürgen Weiß", "Ana María Núñez"]
    for s, (_sid, _label, items) in enumerate(renewal.sections):
        for i, item in enumerate(items):
            change: dict[str, object] = {"owner": owners[(s + i) % len(owners)]}
            if (s + i) % 3 != 2:
                change["state"] = "done"
            else:
                change["due_date"] = today + dt.timedelta(days=30 + 7 * i)
            book.checklists.set_item(item.id, change)
    return book.accounts.get(aid)


def _assessment(book: Book, aid: uuid.UUID, day: dt.date, people: Mapping[str, object],
                first: bool) -> None:
    base = {"executive_sponsorship": 4, "strategic_importance": 4, "budget_approval": 3,
            "infrastructure_maturity": 3, "technical_skills": 3, "integration_complexity": 2,
            "change_readiness": 3, "process_documentation": 2, "stakeholder_buy_in": 4}
    if not first:
        base = {k: min(5, v + 1) for k, v in base.items()}
    votes = []
    for p, person in enumerate(people):
        for d, (dim, value) in enumerate(base.items()):
            shift = ((p + d) % 3) - 1
            votes.append(Vote(person, dim, max(1, min(5, value + shift))))
    means = {dim: round(sum(v.value for v in votes if v.dimension == dim) / len(people), 2)
             for dim in base}
    book.assessments.record(aid, day, ReadinessAssessment(
        **means,
        critical_dependencies=["ERP write access", "SSO group mapping"],
        potential_blockers=["ERP upgrade in the same quarter", "Monthly security review"],
        mitigation_strategies=["Agree a change freeze calendar with IT",
                               "Book a standing security review slot"]),
        votes=votes, source="workshop" if first else "manual",
        note="Kickoff workshop in Łódź" if first else "Six-month reassessment")


def _qbrs(book: Book, aid: uuid.UUID, today: dt.date, weeks: int) -> uuid.UUID:
    """Quarterly reviews over the history; the last one is twelve days ahead."""
    days = [today + dt.timedelta(days=12) - dt.timedelta(weeks=13 * k)
            for k in range(weeks // 13)]
    days.reverse()
    last = None
    for n, held in enumerate(days):
        latest = n == len(days) - 1
        qbr = book.qbrs.add(aid, {
            "held_on": held,
            "attendees": ["Zoë Ångström (CFO)", "Jürgen Weiß (IT)", "Ana María Núñez (Ops)",
                          "Dana Okafor (CSM)", "Ravi Patel (AE)"],
            "achievements": (
                "- Ten workflows tracked, six in production across two sites\n"
                "- Platform adoption above 80% of licensed users for the first time\n"
                "- Shipment delay alerts cut late-delivery credits by 31% since June\n"
                "- Nightly ERP → warehouse sync replaced four spreadsheets"
                if latest else f"Quarter {n + 1}: steady progress on the workflow plan."),
            "roi_promised": 250_000, "roi_achieved": 95_000 + 20_000 * n if not latest
            else 221_000, "cost_savings": 30_000 + 12_000 * n,
            "success_stories": (
                "The Łódź warehouse team built the returns workflow themselves after the "
                "hands-on training, two weeks ahead of plan.\n\n"
                "Müller Transport, their largest carrier, now receives delay alerts "
                "automatically; customer complaints about missed slots fell by a third."
                if latest else ""),
            "challenges": (
                "- ERP write access took five weeks to approve; resolved with a standing "
                "review slot\n"
                "- Two outages of the carrier API in September; retries and alerts added"
                if latest else ""),
            "feedback": ("“Dispatchers finally trust the ETA they see.” (Ana María Núñez, "
                         "Head of Operations)" if latest else ""),
            "roadmap": (
                "- AI-assisted routing suggestions (beta in Q1)\n"
                "- Native SAP S/4HANA connector replaces the RFC bridge\n"
                "- Governance add-on: audit trails for the compliance team"
                if latest else ""),
            "expansion_topics": (
                "Finance wants the accounts payable approvals on the platform; the Berlin "
                "warehouse asked for the same delay alerts." if latest else ""),
        })
        last = qbr.id
    assert last is not None
    return last
