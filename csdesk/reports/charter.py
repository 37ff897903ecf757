# mypy: disable-error-code="import-untyped"
"""The project charter: a portrait document following the kickoff workshop deliverables.

``build_charter(book, account_id, target, page_size="A4")`` writes, atomically: a cover
with the project team, then scope and objectives, success criteria and metrics, timeline
and milestones (with the phase chart), the readiness assessment summary (with the nine
dimensions chart), the risk register, architecture notes, the implementation roadmap
(phases and weeks from forms/journey.toml, workflows by phase, resources, dependencies,
critical path) and a sign-off table. Empty parts say "Nothing recorded yet".
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from csdesk.errors import InputProblem
from csdesk.playbook.form_loader import FormSet
from csdesk.playbook.journey import PhaseProgress, implementation_progress
from csdesk.playbook.readiness import readiness_recommendations
from csdesk.playbook.signals import Signals
from csdesk.reports import chart_data, charts
from csdesk.reports.document import (
    TABLE_FONT,
    SectionMark,
    SectionTracker,
    data_table,
    numbered_canvas,
    reproducible,
    tiles,
    within_lines,
    write_atomically,
)
from csdesk.reports.figure_flowable import FigureFlowable
from csdesk.reports.fonts import REGULAR
from csdesk.reports.style import (
    ACCENT,
    MUTED,
    PAGE_SCALE,
    PAGE_SIZES,
    RULE,
    Geometry,
    Styles,
    make_styles,
    page_geometry,
)
from csdesk.reports.text import (
    bullet,
    date_text,
    fit_text,
    label_of,
    nothing,
    paragraphs,
    safe,
)
from csdesk.store.book import Book
from csdesk.store.repos.assessments import to_domain
from csdesk.store.views import (
    AccountView,
    AssessmentView,
    CharterView,
    ChecklistView,
    RiskView,
    StakeholderView,
    WorkflowView,
)

DOC_TITLE = "Project Charter"
SECTIONS = (
    "Scope and Objectives",
    "Success Criteria and Metrics",
    "Timeline and Milestones",
    "Readiness Assessment Summary",
    "Risk Register",
    "Architecture Notes",
    "Implementation Roadmap",
    "Sign-off",
)
SEVERITY_ORDER = {"High": 0, "Medium": 1, "Low": 2}
STATUS_ORDER = {"open": 0, "mitigated": 1, "closed": 2, "dismissed": 3}


@dataclass(frozen=True)
class CharterData:
    forms: FormSet
    account: AccountView
    today: dt.date
    charter: CharterView
    stakeholders: list[StakeholderView]
    assessment: AssessmentView | None
    participants: int
    risks: list[RiskView]
    workflows: list[WorkflowView]
    checklists: dict[str, ChecklistView]
    signals: Signals | None
    progress: PhaseProgress | None


def gather(book: Book, account_id: uuid.UUID, today: dt.date | None = None) -> CharterData:
    account = book.accounts.get(account_id)
    today = today or book.accounts.today()
    assessments = book.assessments.history(account_id)
    latest = assessments[-1] if assessments else None
    participants = len({v.participant for v in book.assessments.votes(latest.id)}) if latest \
        else 0
    risks = book.risks.list(account_id)
    risks.sort(key=lambda r: (STATUS_ORDER.get(r.status, 9), SEVERITY_ORDER.get(r.severity, 9),
                              -r.raised_on.toordinal(), r.type.lower()))
    progress = None
    if account.onboarding_started is not None:
        progress = implementation_progress(account.onboarding_started, today,
                                           book.forms.journey)
    return CharterData(
        forms=book.forms, account=account, today=today,
        charter=book.charters.get(account_id),
        stakeholders=book.stakeholders.list(account_id), assessment=latest,
        participants=participants, risks=risks, workflows=book.workflows.list(account_id),
        checklists={c.checklist_id: c for c in book.checklists.for_account(account_id)},
        signals=book.snapshots.signals(account_id), progress=progress)


def build_charter(book: Book, account_id: uuid.UUID, target: Path, page_size: str = "A4",
                  today: dt.date | None = None) -> Path:
    """Write the account's project charter to ``target`` (atomically); ``page_size`` is
    ``A4`` or ``letter``."""
    if page_size.upper() not in PAGE_SIZES:
        raise InputProblem([f"page size: {page_size!r} is not one of A4, letter"])
    data = gather(book, account_id, today)
    with reproducible():
        return write_atomically(Path(target),
                                lambda handle: render(data, handle, page_size.upper()))


class Charter:
    def __init__(self, data: CharterData, geometry: Geometry):
        self.data = data
        self.g = geometry
        self.width = geometry.frame_width
        self.styles: Styles = make_styles(PAGE_SCALE)
        self.tracker = SectionTracker()

    def story(self) -> list[Flowable]:
        out = self.cover()
        out += self.scope()
        out += self.success()
        out += self.timeline()
        out += self.readiness()
        out += self.risk_register()
        out += self.architecture()
        out += self.roadmap()
        out += self.sign_off()
        return out

    # --- helpers
    def section(self, n: int, room: float = 140) -> list[Flowable]:
        """The section's title; a new page first unless ``room`` points are left."""
        title = SECTIONS[n - 1]
        return [CondPageBreak(room), SectionMark(self.tracker, title, outline=f"{n}. {title}"),
                Paragraph(f"{n}. {safe(title)}", self.styles["title"])]

    def sub(self, text: str) -> Paragraph:
        return Paragraph(safe(text), self.styles["heading"])

    def text(self, value: str) -> list[Flowable]:
        return paragraphs(value, self.styles)

    def table(self, header: list[str], rows: list[list[str | Flowable]],
              widths: list[float]) -> Table:
        return data_table(header, rows, widths, self.styles, total_width=self.width,
                          max_row_height=self.g.frame_height * 0.8)

    def cell(self, text: str, style: str = "cell") -> Paragraph:
        return Paragraph(text, self.styles[style])

    # --- parts
    def cover(self) -> list[Flowable]:
        d = self.data
        s = self.styles
        a = d.account
        out: list[Flowable] = [
            SectionMark(self.tracker, DOC_TITLE, outline=f"{DOC_TITLE}: {a.name}"),
            Spacer(1, 40),
            Paragraph(DOC_TITLE.upper(), s["cover_note"]),
            Paragraph(safe(a.name), within_lines(s["cover"], a.name, self.width)),
            Paragraph(f"Onboarding and implementation · {safe(date_text(d.today))}",
                      s["cover_sub"]),
            Spacer(1, 18),
        ]
        end = (a.onboarding_started + dt.timedelta(days=self.last_day - 1)
               if a.onboarding_started else None)
        facts = [
            ("Executive sponsor", a.executive_sponsor or "–"),
            ("Customer Success Manager", a.owner or "–"),
            ("Plan", a.plan_tier),
            ("Journey stage", label_of(a.stage)),
            ("Implementation", f"{date_text(a.onboarding_started)} to {date_text(end)}"
             if a.onboarding_started else "start date not set"),
            ("Renewal", date_text(a.renewal_date)),
        ]
        rows = [[Paragraph(safe(k), s["cell_bold"]), Paragraph(safe(v), s["cell"])]
                for k, v in facts]
        table = Table(rows, colWidths=[self.width * 0.3, self.width * 0.7], hAlign="LEFT")
        table.setStyle(TableStyle([*TABLE_FONT, ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("TOPPADDING", (0, 0), (-1, -1), 4),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        out.append(table)
        out.append(Spacer(1, 16))
        out.append(self.sub("Project team"))
        if d.stakeholders:
            trows: list[list[str | Flowable]] = [
                [p.name + (" (sponsor)" if p.is_sponsor else ""), p.role or "–", p.email or "–"]
                for p in d.stakeholders]
            out.append(self.table(["Name", "Role", "Email"], trows, [3, 3, 3.4]))
        else:
            out.append(nothing(s))
        out.append(Spacer(1, 12))
        deliverables = [x for x in d.forms.workshop.deliverables]
        if deliverables:
            out.append(Paragraph(
                "This charter records the deliverables of the kickoff workshop: "
                + "; ".join(safe(x.title) for x in deliverables) + ".", s["muted"]))
        out += [NextPageTemplate("page"), PageBreak()]
        return out

    @property
    def last_day(self) -> int:
        return max((p.last_day for p in self.data.forms.journey.phases), default=90)

    def scope(self) -> list[Flowable]:
        return [*self.section(1), *self.text(self.data.charter.scope_objectives)]

    def success(self) -> list[Flowable]:
        d = self.data
        out = [*self.section(2), *self.text(d.charter.success_criteria)]
        stage = d.checklists.get("stage_success")
        if stage is not None:
            for _sid, label, items in stage.sections:
                if _sid != d.account.stage and _sid != "onboarding":
                    continue
                out.append(self.sub(label))
                out += [self.check_line(i.text, i.state) for i in items]
        out.append(self.sub("Technical performance targets"))
        rows: list[list[str | Flowable]] = []
        kpis = d.signals.kpis if d.signals else []
        by_id = {k.id: k for k in kpis}
        for kpi in d.forms.signals.kpis:
            sign = "≥" if kpi.op in (">", ">=") else "<"
            current = by_id.get(kpi.id)
            actual = "–" if current is None or current.actual is None else \
                fmt_unit(current.actual, kpi.unit)
            verdict = "–" if current is None or current.met is None else \
                ("Met" if current.met else "Not met")
            rows.append([kpi.label, self.cell(f"{sign} {fmt_unit(kpi.target, kpi.unit)}",
                                              "cell_right"),
                         self.cell(safe(actual), "cell_right"), verdict])
        out.append(self.table(["KPI", "Target", "Current", "Status"], rows, [4, 1.6, 1.6, 1.6]))
        return out

    def check_line(self, text: str, state: str) -> Paragraph:
        mark = {"done": "✓", "na": "–"}.get(state, "☐")
        return Paragraph(safe(text), self.styles["bullet"], bulletText=mark)

    def timeline(self) -> list[Flowable]:
        d = self.data
        s = self.styles
        out = [*self.section(3), *self.text(d.charter.timeline_milestones)]
        progress = d.progress
        fig = charts.phase_timeline(chart_data.phase_bars(d.forms),
                                    today_day=progress.day if progress else None,
                                    start=d.account.onboarding_started,
                                    size=(self.width / 72, 1.8), font_size=PAGE_SCALE.chart)
        if progress is None:
            where = "The onboarding start date is not set: the phases are shown without dates."
        elif progress.phase is not None:
            where = (f"Today is day {progress.day}: phase {progress.phase} "
                     f"({safe(progress.phase_label or '')}), week {progress.week}, "
                     f"{safe(progress.week_title or '')}.")
        elif progress.complete:
            where = f"Implementation complete (day {progress.day})."
        else:
            where = f"Implementation starts in {1 - progress.day} days."
        out.append(KeepTogether([self.sub("Implementation phases"), FigureFlowable(fig),
                                 Paragraph(where, s["muted"])]))
        phase_checks = d.checklists.get("phase_success")
        checks = {sid: items for sid, _label, items in phase_checks.sections} \
            if phase_checks else {}
        start = d.account.onboarding_started
        rows: list[list[str | Flowable]] = []
        for phase in d.forms.journey.phases:
            dates = (f"{date_text(start + dt.timedelta(days=phase.first_day - 1))} – "
                     f"{date_text(start + dt.timedelta(days=phase.last_day - 1))}"
                     if start else "–")
            criteria = checks.get(f"phase_{phase.number}", [])
            crit = "<br/>".join(("✓ " if i.state == "done" else "☐ ") + safe(i.text)
                                for i in criteria) or "–"
            rows.append([self.cell(f"<b>Phase {phase.number}</b><br/>{safe(phase.label)}"),
                         self.cell(f"Days {phase.first_day}–{phase.last_day}<br/>"
                                   f"{safe(dates)}"),
                         self.cell(crit)])
        out.append(self.sub("Milestones and phase success criteria"))
        out.append(self.table(["Phase", "When", "Success criteria"], rows, [2.2, 2.6, 5]))
        milestones = d.forms.journey.workflow_template.milestones
        if milestones:
            out.append(Spacer(1, 6))
            out += [bullet(f"{label_of(m.stage)}: {m.workflows_in_production}+ workflows in "
                           "production", s) for m in milestones]
        return out

    def readiness(self) -> list[Flowable]:
        d = self.data
        s = self.styles
        a = d.assessment
        out = self.section(4, room=3.5 * 72 + 150 if a is not None else 140)
        if a is None:
            out.append(nothing(s))
            return out
        out.append(tiles([
            (f"{a.score:.2f}", "Readiness score (1-5)", "", ACCENT),
            (a.level, "Readiness level", "", ACCENT),
            (date_text(a.assessed_on), "Assessed on", safe(label_of(a.source)), ACCENT),
            (str(d.participants or "–"), "Participants", "", ACCENT),
        ], s, total_width=self.width, gap=8))
        out.append(Spacer(1, 8))
        fig = charts.readiness_bars(chart_data.readiness_groups(a, d.forms),
                                    scale=(d.forms.readiness.scale_min,
                                           d.forms.readiness.scale_max),
                                    size=(self.width / 72, 3.5), font_size=PAGE_SCALE.chart)
        out.append(FigureFlowable(fig))
        out.append(self.sub("Recommendations"))
        recs = readiness_recommendations(to_domain(a), d.forms.readiness)
        out += [bullet(r, s) for r in recs]
        lists = {rl.id: rl.label for rl in d.forms.readiness.risk_lists}
        for list_id in ("critical_dependencies", "potential_blockers", "mitigation_strategies"):
            entries: list[str] = getattr(a, list_id)
            out.append(self.sub(lists.get(list_id, label_of(list_id))))
            out += [bullet(e, s) for e in entries] if entries else [nothing(s)]
        if a.note:
            out.append(Paragraph(f"Note: {safe(a.note)}", s["muted"]))
        return out

    def risk_register(self) -> list[Flowable]:
        d = self.data
        s = self.styles
        out = self.section(5)
        if not d.risks:
            out.append(nothing(s))
            return out
        open_count = sum(1 for r in d.risks if r.status == "open")
        out.append(Paragraph(f"{len(d.risks)} risks, {open_count} open. Open risks first, "
                             "highest severity first.", s["muted"]))
        rows: list[list[str | Flowable]] = []
        for n, r in enumerate(d.risks, start=1):
            risk = f"<b>{safe(r.type)}</b><br/>{safe(r.description)}"
            if r.observed:
                risk += f"<br/><font color='#5f6b7a'>Observed: {safe('; '.join(r.observed))}" \
                        "</font>"
            status = label_of(r.status)
            if r.closed_on is not None:
                status += f"<br/>{date_text(r.closed_on)}"
            rows.append([str(n), self.cell(risk), self.cell(self.severity(r.severity)),
                         r.impact or "–", r.mitigation or "–", self.cell(status),
                         date_text(r.raised_on)])
        out.append(self.table(["#", "Risk", "Severity", "Impact", "Mitigation", "Status",
                               "Raised"], rows, [0.45, 3.2, 1.35, 2.3, 2.6, 1.25, 1.25]))
        return out

    def severity(self, severity: str) -> str:
        bands = chart_data.status_bands(self.data.forms.health)
        colours = {"High": bands[-1][2], "Medium": bands[1][2] if len(bands) > 2
                   else bands[-1][2], "Low": "#5f6b7a"}
        return f"<font color='{colours.get(severity, '#5f6b7a')}'><b>{safe(severity)}</b></font>"

    def architecture(self) -> list[Flowable]:
        d = self.data
        out = [*self.section(6)]
        diagram = next((x for x in d.forms.workshop.deliverables
                        if x.id == "technical_architecture_diagram"), None)
        if diagram is not None:
            out.append(Paragraph("Covers: " + ", ".join(safe(i) for i in diagram.items)
                                 + ".", self.styles["muted"]))
        out += self.text(d.charter.architecture_notes)
        return out

    def roadmap(self) -> list[Flowable]:
        d = self.data
        s = self.styles
        out = [*self.section(7), *self.text(d.charter.roadmap)]
        out.append(self.sub("Phase breakdown"))
        rows: list[list[str | Flowable]] = []
        for phase in d.forms.journey.phases:
            for n, w in enumerate(phase.weeks):
                weeks = f"Week {w.first}" if w.first == w.last else f"Weeks {w.first}–{w.last}"
                rows.append([self.cell(f"<b>Phase {phase.number}</b><br/>{safe(phase.label)}"
                                       if n == 0 else ""), weeks,
                             self.cell(f"<b>{safe(w.title)}</b><br/>"
                                       + "<br/>".join("• " + safe(x) for x in w.activities))])
        out.append(self.table(["Phase", "Weeks", "Focus and activities"], rows, [2.4, 1.4, 6]))
        out.append(self.sub("Workflows by phase"))
        if d.workflows:
            by_phase = sorted(d.workflows, key=lambda w: (w.phase or 99, w.name.lower()))
            wrows: list[list[str | Flowable]] = []
            for flow in by_phase:
                wrows.append(["–" if flow.phase is None else str(flow.phase), flow.name,
                              label_of(flow.priority), label_of(flow.complexity),
                              self.cell(f"{flow.estimated_hours:g}", "cell_right"),
                              label_of(flow.status), ", ".join(flow.dependencies) or "–"])
            total = sum(w.estimated_hours for w in d.workflows)
            wrows.append(["", self.cell("<b>Total</b>"), "", "",
                          self.cell(f"<b>{total:g}</b>", "cell_right"), "", ""])
            out.append(self.table(["Phase", "Workflow", "Priority", "Complexity", "Hours",
                                   "Status", "Dependencies"], wrows,
                                  [1.05, 2.9, 1.1, 1.5, 0.95, 1.7, 2.7]))
        else:
            out.append(nothing(s))
        for title, value in (("Resource requirements", d.charter.resources),
                             ("Dependency mapping", d.charter.dependencies),
                             ("Critical path analysis", d.charter.critical_path)):
            out.append(self.sub(title))
            out += self.text(value)
        return out

    def sign_off(self) -> list[Flowable]:
        d = self.data
        s = self.styles
        head = self.section(8)
        out: list[Flowable] = [head[0]]
        keep = [*head[1:], Paragraph("By signing, the parties agree to the scope, success "
                                     "criteria, timeline and plan of this charter.", s["body"])]
        sponsor = next((p for p in d.stakeholders if p.is_sponsor), None)
        people = [("Executive sponsor", sponsor.name if sponsor else d.account.executive_sponsor),
                  ("Customer Success Manager", d.account.owner),
                  ("Customer project lead", ""), ("Technical lead", "")]
        rows: list[list[str | Flowable]] = [[role, name or "", "", ""] for role, name in people]
        table = self.table(["Role", "Name", "Signature", "Date"], rows, [2.6, 2.8, 3, 1.6])
        table.setStyle(TableStyle([("TOPPADDING", (0, 1), (-1, -1), 16),
                                   ("BOTTOMPADDING", (0, 1), (-1, -1), 16)]))
        out.append(KeepTogether([*keep, table]))
        return out


def fmt_unit(value: float, unit: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def render(data: CharterData, handle: IO[bytes], page_size: str) -> None:
    g = page_geometry(page_size)
    charter = Charter(data, g)
    header = f"{DOC_TITLE}  ·  {data.account.name}"

    def cover_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(0, g.height - 10 * 2.835, g.width, 10 * 2.835, stroke=0, fill=1)
        canvas.restoreState()

    def page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(0, g.height - 3, g.width, 3, stroke=0, fill=1)
        canvas.setFont(REGULAR, PAGE_SCALE.small)
        canvas.setFillColor(MUTED)
        y = g.height - g.top + 14
        day = date_text(data.today)
        room = g.frame_width - stringWidth(day, REGULAR, PAGE_SCALE.small) - 24
        canvas.drawString(g.left, y, fit_text(header, REGULAR, PAGE_SCALE.small, room))
        canvas.drawRightString(g.width - g.right, y, day)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(g.left, y - 5, g.width - g.right, y - 5)
        canvas.restoreState()

    def stamp(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, PAGE_SCALE.small)
        canvas.setFillColor(MUTED)
        text = f"Page {number} of {total}"
        canvas.drawRightString(g.width - g.right, g.bottom - 22, text)
        if number > 1:
            room = g.frame_width - stringWidth(text, REGULAR, PAGE_SCALE.small) - 24
            canvas.drawString(g.left, g.bottom - 22,
                              fit_text(data.account.name, REGULAR, PAGE_SCALE.small, room))
        canvas.restoreState()

    doc = BaseDocTemplate(
        handle, pagesize=(g.width, g.height), leftMargin=g.left, rightMargin=g.right,
        topMargin=g.top, bottomMargin=g.bottom, title=f"{DOC_TITLE}: {data.account.name}",
        author=data.account.owner or "csdesk", subject=date_text(data.today),
        creator="csdesk", invariant=1, pageCompression=1)
    frame = Frame(g.left, g.bottom, g.frame_width, g.frame_height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([
        PageTemplate(id="cover", frames=[frame], onPage=cover_page,
                     autoNextPageTemplate="page"),
        PageTemplate(id="page", frames=[frame], onPage=page),
    ])
    doc.build(charter.story(), canvasmaker=numbered_canvas(stamp))

