# mypy: disable-error-code="import-untyped"
"""The QBR deck: 16:9 landscape slides following the playbook's 90-minute agenda.

``build_qbr_deck(book, account_id, target)`` reads the account through the store's
repositories (scores, statuses and signals as the playbook computed them) and writes
the deck atomically. Slides: title, agenda, then the sections of ``forms/agendas/qbr.toml``
in order (executive summary, usage and performance, success stories and challenges,
roadmap and innovation, growth and expansion, action items and next steps), then an
appendix with the renewal readiness checklist. A section with nothing recorded says so.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from csdesk.playbook.form_loader import FormSet
from csdesk.playbook.journey import PhaseProgress, implementation_progress
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
from csdesk.reports.fonts import BOLD, REGULAR
from csdesk.reports.style import (
    ACCENT,
    FAINT,
    MUTED,
    RULE,
    SLIDE,
    SLIDE_SCALE,
    Styles,
    make_styles,
)
from csdesk.reports.text import (
    bullet,
    change_text,
    date_text,
    fit_text,
    label_of,
    money_text,
    nothing,
    number_text,
    paragraphs,
    percent_text,
    safe,
    score_text,
)
from csdesk.store.book import Book
from csdesk.store.views import (
    AccountView,
    ActionView,
    ChecklistView,
    OpportunityView,
    QbrView,
    SnapshotView,
    StakeholderView,
    WorkflowView,
)

DECK_TITLE = "Quarterly Business Review"
APPENDIX = "Appendix: Renewal Readiness"
NEXT_QBR_DAYS = 91  # a quarter, when no later QBR is on record


@dataclass(frozen=True)
class DeckData:
    """Everything the deck shows, read from the book once."""

    forms: FormSet
    account: AccountView
    today: dt.date
    qbr: QbrView | None
    previous_qbr: QbrView | None
    next_qbr: QbrView | None
    history: list[SnapshotView]  # one per as-of date, oldest first
    latest: SnapshotView | None
    baseline: SnapshotView | None  # in force on the previous QBR's date
    signals: Signals | None
    workflows: list[WorkflowView]
    in_production: int
    actions: list[ActionView]  # open ones
    opportunities: list[OpportunityView]
    renewal: ChecklistView | None
    stakeholders: list[StakeholderView]
    progress: PhaseProgress | None

    @property
    def deck_date(self) -> dt.date:
        return self.qbr.held_on if self.qbr else self.today


def gather(book: Book, account_id: uuid.UUID, qbr_id: uuid.UUID | None = None,
           today: dt.date | None = None) -> DeckData:
    """Read what the deck needs; the QBR is ``qbr_id`` or the account's latest one."""
    account = book.accounts.get(account_id)
    today = today or book.accounts.today()
    qbrs = book.qbrs.list(account_id)
    index: int | None = None
    if qbr_id is not None:
        index = next((i for i, q in enumerate(qbrs) if q.id == qbr_id), None)
        if index is None:
            from csdesk.store.repos.base import NotFound

            raise NotFound(f"no QBR with id {qbr_id} for account {account.name!r}")
    elif qbrs:
        index = len(qbrs) - 1
    qbr = qbrs[index] if index is not None else None
    previous = qbrs[index - 1] if index is not None and index > 0 else None
    later = qbrs[index + 1] if index is not None and index + 1 < len(qbrs) else None
    history = chart_data.one_per_day(book.snapshots.history(account_id))
    latest = book.snapshots.latest(account_id)
    baseline = chart_data.snapshot_on(history, previous.held_on) if previous else None
    checklists = book.checklists.for_account(account_id)
    renewal = next((c for c in checklists if c.checklist_id == "renewal_readiness"), None)
    progress = None
    if account.onboarding_started is not None:
        progress = implementation_progress(account.onboarding_started, today,
                                           book.forms.journey)
    actions = [a for a in book.actions.list(account_id) if a.status == "open"]
    actions.sort(key=lambda a: (a.due_date is None, a.due_date or today, a.title))
    return DeckData(
        forms=book.forms, account=account, today=today, qbr=qbr, previous_qbr=previous,
        next_qbr=later, history=history, latest=latest, baseline=baseline,
        signals=book.snapshots.signals(account_id), workflows=book.workflows.list(account_id),
        in_production=book.workflows.in_production(account_id), actions=actions,
        opportunities=book.opportunities.list(account_id), renewal=renewal,
        stakeholders=book.stakeholders.list(account_id), progress=progress)


def build_qbr_deck(book: Book, account_id: uuid.UUID, target: Path,
                   qbr_id: uuid.UUID | None = None, today: dt.date | None = None) -> Path:
    """Write the account's QBR deck to ``target`` (atomically) and return the path."""
    data = gather(book, account_id, qbr_id, today)
    with reproducible():
        return write_atomically(Path(target), lambda handle: render(data, handle))


# --- rendering ------------------------------------------------------------------------------

class Deck:
    """Builds the slides of one deck."""

    def __init__(self, data: DeckData):
        self.data = data
        self.styles: Styles = make_styles(SLIDE_SCALE)
        self.tracker = SectionTracker()
        self.width = SLIDE.frame_width
        self.height = SLIDE.frame_height
        self.bands = chart_data.status_bands(data.forms.health)
        self.last_title = ""

    # --- helpers
    def status_colour(self, status: str | None) -> Color:
        from reportlab.lib.colors import HexColor

        return HexColor(charts_colour(status, self.bands))

    def slide(self, title: str, subtitle: str = "") -> list[Flowable]:
        """A new slide; a second slide of the same section nests under it in the outline."""
        nested = title == self.last_title
        self.last_title = title
        return [PageBreak(), SectionMark(self.tracker, title, subtitle, level=int(nested),
                                         outline=subtitle if nested and subtitle else None)]

    def sub(self, text: str) -> Paragraph:
        return Paragraph(safe(text), self.styles["heading"])

    def table(self, header: list[str], rows: list[list[str | Flowable]], widths: list[float],
              total: float | None = None) -> Table:
        return data_table(header, rows, widths, self.styles,
                          total_width=total or self.width, max_row_height=self.height * 0.8)

    def side_by_side(self, left: list[Flowable], right: list[Flowable],
                     left_share: float = 0.42, gap: float = 24) -> Table:
        lw = (self.width - gap) * left_share
        rw = self.width - gap - lw
        table = Table([[left, "", right]], colWidths=[lw, gap, rw], hAlign="LEFT")
        table.setStyle(TableStyle([*TABLE_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        return table

    # --- slides
    def story(self) -> list[Flowable]:
        """The slides: title, agenda, each agenda section in the form's order, appendix."""
        builders: dict[str, Callable[[str], list[Flowable]]] = {
            "executive_summary": self.executive_summary,
            "usage_performance": self.usage_performance,
            "stories_challenges": self.stories_challenges,
            "roadmap_innovation": self.roadmap_innovation,
            "growth_expansion": self.growth_expansion,
            "action_items": self.action_items,
        }
        out = self.title_slide()
        out += self.agenda_slide()
        for section in self.data.forms.qbr.sections:
            build = builders.get(section.id)
            if build is not None:
                out += build(section.title)
            else:  # a section a tailored agenda added: its topics, to discuss live
                out += self.slide(section.title)
                out += [bullet(topic, self.styles) for topic in section.topics]
                out.append(nothing(self.styles))
        out += self.appendix()
        return out

    def title_slide(self) -> list[Flowable]:
        d = self.data
        s = self.styles
        out: list[Flowable] = [SectionMark(self.tracker, d.account.name, level=0,
                                           outline=f"{d.account.name}: {DECK_TITLE}"),
                               Spacer(1, 100),
                               Paragraph(safe(DECK_TITLE.upper()), s["cover_note"]),
                               Paragraph(safe(d.account.name),
                                         within_lines(s["cover"], d.account.name,
                                                      self.width - 0.5 * 72)),
                               Paragraph(safe(date_text(d.deck_date)), s["cover_sub"]),
                               Spacer(1, 18)]
        attendees = d.qbr.attendees if d.qbr else []
        out.append(Paragraph("Attendees", s["subheading"]))
        if attendees:
            out.append(Paragraph(safe(" · ".join(attendees)), s["body"]))
        else:
            out.append(nothing(s))
        facts = []
        if d.account.owner:
            facts.append(f"Customer Success Manager: {d.account.owner}")
        if d.account.executive_sponsor:
            facts.append(f"Executive sponsor: {d.account.executive_sponsor}")
        account = d.account
        plan = [f"{account.plan_tier} plan"]
        if account.contract_start is not None:
            plan.append(f"customer since {date_text(account.contract_start)}")
        out.append(Spacer(1, 8))
        for line in (facts, plan):
            if line:
                out.append(Paragraph(safe("   ·   ".join(line)), s["muted"]))
        out += [NextPageTemplate("slide")]
        return out

    def agenda_slide(self) -> list[Flowable]:
        form = self.data.forms.qbr
        rows: list[list[str | Flowable]] = []
        for n, section in enumerate(form.sections, start=1):
            rows.append([str(n), Paragraph(safe(section.title), self.styles["cell_bold"]),
                         Paragraph(f"{section.minutes} min", self.styles["cell_right"]),
                         " · ".join(section.topics)])
        rows.append(["", Paragraph("Total", self.styles["cell_bold"]),
                     Paragraph(f"<b>{form.total_minutes} min</b>", self.styles["cell_right"]),
                     ""])
        return [*self.slide("Agenda"), self.table(["", "Section", "Time", "Topics"], rows,
                                                  [0.4, 3.2, 1.0, 7.4])]

    def executive_summary(self, title: str) -> list[Flowable]:
        d = self.data
        s = self.styles
        out = self.slide(title)
        latest = d.latest
        if latest is not None:
            score_note = (f"<font color='{charts_colour(latest.status, self.bands)}'><b>"
                          f"{safe(latest.status)}</b></font> · as of {date_text(latest.as_of)}")
            score_tile = (score_text(latest.score), score_note,
                          self.status_colour(latest.status))
        else:
            score_tile = ("–", safe(charts.NOTHING_YET), FAINT)
        if d.previous_qbr is None:
            change_tile = ("–", "First QBR on record: nothing to compare yet", FAINT)
        elif latest is None or d.baseline is None:
            change_tile = ("–", f"No health snapshot on {date_text(d.previous_qbr.held_on)}",
                           FAINT)
        else:
            delta = latest.score - d.baseline.score
            change_tile = (change_text(delta),
                           f"from {score_text(d.baseline.score)} at the QBR of "
                           f"{date_text(d.previous_qbr.held_on)}", ACCENT)
        roi_tile = self.roi_tile()
        wf = d.forms.journey.workflow_template
        milestone = next((m for m in wf.milestones if m.stage == d.account.stage), None)
        prod_note = (f"milestone for {label_of(d.account.stage).lower()}: "
                     f"{milestone.workflows_in_production}" if milestone
                     else f"{len(d.workflows)} tracked in total")
        out.append(tiles([
            (score_tile[0], "Health score", score_tile[1], score_tile[2]),
            (change_tile[0], "Change since the last QBR", safe(change_tile[1]), change_tile[2]),
            (roi_tile[0], "ROI achieved vs promised", roi_tile[1], ACCENT),
            (str(d.in_production), "Workflows in production", safe(prod_note), ACCENT),
        ], s, total_width=self.width))
        out.append(Spacer(1, 14))
        if d.history:
            markers = [(q.held_on, "QBR") for q in (d.previous_qbr, d.qbr) if q is not None]
            fig = charts.health_trend(chart_data.score_points(d.history), self.bands,
                                      markers=markers,
                                      size=(self.width / 72, 4.1),
                                      font_size=SLIDE_SCALE.chart)
            out.append(FigureFlowable(fig))
        else:
            out.append(self.sub("Health score trend"))
            out.append(nothing(s))
        # Second slide: achievements and ROI.
        out += self.slide(title, "Key achievements and ROI")
        left: list[Flowable] = [self.sub("Key achievements and milestones")]
        left += paragraphs(d.qbr.achievements if d.qbr else "", s, "body")
        right: list[Flowable] = [self.sub("ROI realization vs targets")]
        right.append(self.roi_table())
        right.append(Spacer(1, 10))
        right.append(self.sub("Health by category"))
        right.append(self.category_table())
        out += text_beside(self, left, right)
        return out

    def roi_tile(self) -> tuple[str, str]:
        qbr = self.data.qbr
        latest = self.data.latest
        metric = (f"ROI achievement metric: {latest.roi_achievement:.0f}/100"
                  if latest is not None else "")
        if qbr is None or qbr.roi_achieved is None:
            return "–", safe(metric or charts.NOTHING_YET)
        promised = (f" of {money_text(qbr.roi_promised)}" if qbr.roi_promised is not None
                    else "")
        return money_text(qbr.roi_achieved), safe(
            (f"{promised.strip()} promised" if promised else "achieved")
            + (f" · {metric}" if metric else ""))

    def roi_table(self) -> Flowable:
        qbr = self.data.qbr
        latest = self.data.latest
        rows: list[list[str | Flowable]] = []
        if qbr is not None:
            if qbr.roi_promised is not None:
                rows.append(["ROI promised", money_text(qbr.roi_promised)])
            if qbr.roi_achieved is not None:
                rows.append(["ROI achieved", money_text(qbr.roi_achieved)])
            if qbr.cost_savings is not None:
                rows.append(["Cost savings", money_text(qbr.cost_savings)])
        if latest is not None:
            rows.append(["ROI achievement (health metric)", f"{latest.roi_achievement:.0f} / 100"])
            if latest.roi_achieved_pct is not None:
                rows.append(["Share of promised ROI achieved",
                             percent_text(latest.roi_achieved_pct, 0)])
        if not rows:
            return nothing(self.styles)
        return self.table(["Measure", "Value"], [[r[0], self.right(r[1])] for r in rows],
                          [3, 1.4], total=self.width * 0.42)

    def category_table(self) -> Flowable:
        signals = self.data.signals
        if signals is None:
            return nothing(self.styles)
        rows: list[list[str | Flowable]] = [
            [c.label, self.right(f"{c.weight * 100:.0f}%"), self.right(f"{c.score:.1f}")]
            for c in signals.health.categories]
        return self.table(["Category", "Weight", "Score"], rows, [3, 1.1, 1.1],
                          total=self.width * 0.42)

    def right(self, text: str) -> Paragraph:
        return Paragraph(safe(text), self.styles["cell_right"])

    def usage_performance(self, title: str) -> list[Flowable]:
        d = self.data
        s = self.styles
        out = self.slide(title, "Adoption and utilization")
        latest = d.latest
        if latest is None:
            out.append(nothing(s))
        else:
            acct = d.account
            rows: list[list[str | Flowable]] = [
                ["Platform adoption", self.right(percent_text(latest.platform_adoption, 0))],
                ["Active users", self.right(
                    number_text(latest.active_users)
                    + (f" of {number_text(acct.licensed_users)}" if acct.licensed_users
                       else ""))],
                ["Workflow utilization", self.right(
                    percent_text(latest.workflow_utilization, 0))],
                ["Workflows in production", self.right(
                    f"{d.in_production} of {len(d.workflows)}")],
                ["Feature usage", self.right(percent_text(latest.feature_usage, 0))],
                ["Monthly executions", self.right(
                    number_text(latest.monthly_executions)
                    + (f" of {number_text(acct.monthly_execution_limit)}"
                       if acct.monthly_execution_limit else ""))],
            ]
            left: list[Flowable] = [self.sub("Platform utilization"),
                                    self.table(["Measure", f"As of {date_text(latest.as_of)}"],
                                               rows, [1.9, 1.9], total=self.width * 0.38)]
            series = {label: chart_data.metric_points(d.history, metric)
                      for metric, label in (("platform_adoption", "Platform adoption"),
                                            ("workflow_utilization", "Workflow utilization"),
                                            ("feature_usage", "Feature usage"))}
            right_width = self.width * 0.62 - 24
            fig = charts.metric_trends(series, size=(right_width / 72, 4.3),
                                       font_size=SLIDE_SCALE.chart)
            right: list[Flowable] = [self.sub("Usage trend (0-100)"), FigureFlowable(fig)]
            out.append(self.side_by_side(left, right, left_share=0.38))
        # Performance against the KPI targets.
        out += self.slide(title, "Workflow performance and cost")
        if d.signals is None:
            out.append(nothing(s))
            return out
        kpi_rows: list[list[str | Flowable]] = []
        for k in d.signals.kpis:
            sign = "≥" if k.op in (">", ">=") else "<" if k.op in ("<", "<=") else k.op
            target = f"{sign} {fmt_unit(k.target, k.unit)}"
            actual = "no data" if k.actual is None else fmt_unit(k.actual, k.unit)
            verdict = ("<font color='#777777'>No data</font>" if k.met is None else
                       f"<font color='{self.met_hex(k.met)}'><b>"
                       f"{'Met' if k.met else 'Not met'}</b></font>")
            kpi_rows.append([k.label, self.right(target), self.right(actual),
                             Paragraph(verdict, s["cell"])])
        left = [self.sub("KPIs against targets"),
                self.table(["KPI", "Target", "Actual", "Status"], kpi_rows,
                           [2.6, 1.2, 1.2, 1.1], total=self.width * 0.48)]
        left.append(Spacer(1, 12))
        left.append(self.sub("Cost optimization"))
        latest = d.latest
        cost_rows: list[list[str | Flowable]] = []
        if latest is not None:
            cost_rows.append(["Cost optimization (health metric)",
                              self.right(f"{latest.cost_optimization:.0f} / 100")])
            cost_rows.append(["Performance targets met (SLA)",
                              self.right(percent_text(latest.performance_targets, 0))])
        if d.qbr is not None and d.qbr.cost_savings is not None:
            cost_rows.append(["Cost savings recorded", self.right(money_text(d.qbr.cost_savings))])
        left.append(self.table(["Measure", "Value"], cost_rows, [3.5, 1.5],
                               total=self.width * 0.48) if cost_rows else nothing(s))
        right_width = self.width * 0.52 - 24
        fig = charts.kpi_bars(chart_data.kpi_rows(d.signals.kpis),
                              met_colour=charts_colour("Healthy", self.bands, first=True),
                              missed_colour=charts_colour("Critical", self.bands, last=True),
                              size=(right_width / 72, 3.9), font_size=SLIDE_SCALE.chart)
        out.append(self.side_by_side(left, [self.sub("Actual vs target"), FigureFlowable(fig)],
                                     left_share=0.48))
        return out

    def met_hex(self, met: bool) -> str:
        return charts_colour("Healthy", self.bands, first=True) if met else \
            charts_colour("Critical", self.bands, last=True)

    def stories_challenges(self, title: str) -> list[Flowable]:
        qbr = self.data.qbr
        out = self.slide(title)
        for heading, text in (("Notable achievements and wins", qbr.success_stories if qbr else ""),
                              ("Challenges faced and resolved", qbr.challenges if qbr else ""),
                              ("User feedback and testimonials", qbr.feedback if qbr else "")):
            out.append(self.sub(heading))
            out += paragraphs(text, self.styles)
        return out

    def roadmap_innovation(self, title: str) -> list[Flowable]:
        d = self.data
        s = self.styles
        out = self.slide(title)
        out.append(self.sub("Upcoming features and strategic alignment"))
        out += paragraphs(d.qbr.roadmap if d.qbr else "", s)
        production = d.forms.journey.workflow_template.production_status
        pipeline = [w for w in d.workflows if w.status != production]
        out.append(CondPageBreak(120))
        out.append(self.sub("Workflow pipeline"))
        if pipeline:
            pipeline.sort(key=lambda w: (w.phase or 99, w.name.lower()))
            rows: list[list[str | Flowable]] = [
                [w.name, "–" if w.phase is None else f"Phase {w.phase}", label_of(w.priority),
                 label_of(w.complexity), label_of(w.status),
                 ", ".join(w.dependencies) or "–"] for w in pipeline]
            out.append(self.table(["Workflow", "Phase", "Priority", "Complexity", "Status",
                                   "Dependencies"], rows, [3.2, 1.0, 1.0, 1.1, 1.1, 3.6]))
        else:
            out.append(nothing(s, "Nothing recorded yet: every tracked workflow is live"
                               if d.workflows else charts.NOTHING_YET))
        progress = d.progress
        if progress is not None and not progress.complete and progress.day >= 1:
            fig = charts.phase_timeline(chart_data.phase_bars(d.forms), today_day=progress.day,
                                        start=d.account.onboarding_started,
                                        size=(self.width / 72, 2.4),
                                        font_size=SLIDE_SCALE.chart)
            out.append(CondPageBreak(2.9 * 72))
            out.append(self.sub(f"Implementation plan: day {progress.day}, "
                                f"phase {progress.phase} ({progress.phase_label})"))
            out.append(FigureFlowable(fig))
        return out

    def growth_expansion(self, title: str) -> list[Flowable]:
        d = self.data
        s = self.styles
        out = self.slide(title)
        sig = d.signals
        out.append(self.sub("Expansion signals"))
        if sig is not None and sig.expansion:
            rows: list[list[str | Flowable]] = [
                [e.event, self.right(f"{e.score}/10"), e.timeline, e.owner] for e in sig.expansion]
            out.append(self.table(["Signal", "Likelihood", "When to engage", "Owner"], rows,
                                  [5, 1.3, 2.6, 2.6]))
        else:
            out.append(nothing(s))
        out.append(self.sub("Upsell opportunities"))
        if sig is not None and sig.upsell:
            rows = [[u.opportunity, u.indicator, u.value] for u in sig.upsell]
            out.append(self.table(["Opportunity", "Indicator", "Value proposition"], rows,
                                  [3, 3.5, 5]))
        else:
            out.append(nothing(s))
        growth = [i for i in (sig.interventions if sig else []) if i.level == "opportunity"]
        if growth:
            out.append(Spacer(1, 4))
            out.append(Paragraph("<b>Growth indicators:</b> "
                                 + " · ".join(safe(i.label) for i in growth), s["body"]))
        out.append(self.sub("Opportunity pipeline"))
        if d.opportunities:
            rows = [[o.title, label_of(o.kind),
                     self.right("–" if o.likelihood is None else f"{o.likelihood}/10"),
                     self.right(money_text(o.value)), label_of(o.status), o.owner or "–"]
                    for o in d.opportunities]
            out.append(self.table(["Opportunity", "Kind", "Likelihood", "Value", "Status",
                                   "Owner"], rows, [4, 1.6, 1.3, 1.4, 1.4, 2.3]))
        else:
            out.append(nothing(s))
        out.append(self.sub("Use cases and departments discussed"))
        out += paragraphs(d.qbr.expansion_topics if d.qbr else "", s)
        return out

    def action_items(self, title: str) -> list[Flowable]:
        d = self.data
        s = self.styles
        out = self.slide(title)
        out.append(self.sub("Open action items"))
        if d.actions:
            rows: list[list[str | Flowable]] = []
            for a in d.actions:
                overdue = a.due_date is not None and a.due_date < d.today
                due = date_text(a.due_date, "–")
                if overdue:
                    due = (f"<font color='{charts_colour('Critical', self.bands, last=True)}'>"
                           f"<b>{due}</b> (overdue)</font>")
                source = (a.step or label_of(a.playbook or "")) if a.playbook else \
                    ("This QBR" if d.qbr and a.qbr_id == d.qbr.id else "Manual")
                rows.append([a.title, a.owner or "–", Paragraph(due, s["cell"]), source])
            out.append(self.table(["Action", "Owner", "Due", "From"], rows,
                                  [5.6, 3.0, 2.1, 2.3]))
        else:
            out.append(nothing(s))
        out.append(CondPageBreak(90))
        out.append(self.sub("Next steps"))
        if d.next_qbr is not None:
            out.append(bullet(f"Next QBR: {date_text(d.next_qbr.held_on)}", s))
        else:
            proposed = d.deck_date + dt.timedelta(days=NEXT_QBR_DAYS)
            out.append(bullet(f"Next QBR: to schedule, around {date_text(proposed)}", s))
        if d.signals is not None:
            out.append(bullet(f"Next health review: {date_text(d.signals.next_review)}", s))
        if d.account.renewal_date is not None:
            out.append(bullet(f"Renewal date: {date_text(d.account.renewal_date)}", s))
        return out

    def appendix(self) -> list[Flowable]:
        d = self.data
        s = self.styles
        out = self.slide(APPENDIX)
        checklist = d.renewal
        if checklist is None or not checklist.sections:
            out.append(nothing(s))
            return out
        out.append(Paragraph(
            f"<b>{checklist.done} of {checklist.applicable}</b> items done"
            + (f" · <font color='{charts_colour('Critical', self.bands, last=True)}'>"
               f"{checklist.overdue} overdue</font>" if checklist.overdue else "")
            + (f" · renewal on {date_text(d.account.renewal_date)}"
               if d.account.renewal_date else ""), s["body"]))
        rows: list[list[str | Flowable]] = []
        for _section_id, label, items in checklist.sections:
            for n, item in enumerate(items):
                state = {"done": "✓ Done", "na": "N/A"}.get(item.state, "Open")
                colour = (charts_colour("Healthy", self.bands, first=True)
                          if item.state == "done" else "#5f6b7a")
                rows.append([Paragraph(safe(label), s["cell_bold"]) if n == 0 else "",
                             item.text,
                             Paragraph(f"<font color='{colour}'>{state}</font>", s["cell"]),
                             item.owner or "–", date_text(item.due_date, "–")])
        out.append(self.table(["Area", "Item", "Status", "Owner", "Due"], rows,
                              [2.4, 5.2, 1.3, 2.2, 1.6]))
        return out


def text_beside(deck: Deck, left: list[Flowable], right: list[Flowable]) -> list[Flowable]:
    """Two columns when the free text fits beside the fixed content, else one after the
    other (free text never sits in a table cell it could overflow)."""
    gap = 24.0
    lw = (deck.width - gap) * 0.56
    need = 0.0
    for f in left:
        _w, h = f.wrap(lw, deck.height)
        need += h + f.getSpaceBefore() + f.getSpaceAfter()
    if need <= deck.height - 30:
        return [deck.side_by_side(left, right, left_share=0.56, gap=gap)]
    return [*left, CondPageBreak(deck.height * 0.5), *right]


def charts_colour(status: str | None, bands: list[charts.Band], *, first: bool = False,
                  last: bool = False) -> str:
    """The form's colour for ``status``; ``first``/``last`` fall back to the best/worst
    status when a tailored form renamed it."""
    for name, _minimum, colour in bands:
        if name == status:
            return colour
    if bands and first:
        return bands[0][2]
    if bands and last:
        return bands[-1][2]
    return "#777777"


def fmt_unit(value: float, unit: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def render(data: DeckData, handle: IO[bytes]) -> None:
    deck = Deck(data)
    footer = f"{data.account.name}  ·  {DECK_TITLE}  ·  {date_text(data.deck_date)}"
    g = SLIDE

    def title_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(0, 0, 0.28 * 72, g.height, stroke=0, fill=1)
        canvas.restoreState()

    def slide_page_end(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        title = deck.tracker.title
        subtitle = deck.tracker.subtitle
        if deck.tracker.continued(canvas):
            subtitle = f"{subtitle} (continued)" if subtitle else "(continued)"
        canvas.setFillColor(ACCENT)
        canvas.rect(0, g.height - 0.14 * 72, g.width, 0.14 * 72, stroke=0, fill=1)
        room = g.frame_width
        size = SLIDE_SCALE.title  # a long (tailored) title shrinks, then is shortened
        size = max(size * 0.7, min(size, size * room / max(stringWidth(title, BOLD, size), 1)))
        title = fit_text(title, BOLD, size, room)
        canvas.setFont(BOLD, size)
        baseline = g.height - 0.72 * 72
        canvas.drawString(g.left, baseline, title)
        if subtitle:
            sub_size = SLIDE_SCALE.subheading + 1
            x = g.left + stringWidth(title, BOLD, size) + 14
            subtitle = fit_text(subtitle, REGULAR, sub_size, g.width - g.right - x)
            canvas.setFillColor(MUTED)
            canvas.setFont(REGULAR, sub_size)
            canvas.drawString(x, baseline, subtitle)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.8)
        canvas.line(g.left, g.height - 0.92 * 72, g.width - g.right, g.height - 0.92 * 72)
        canvas.restoreState()

    def stamp(canvas: Canvas, page: int, total: int) -> None:
        if page == 1:
            return
        canvas.saveState()
        canvas.setFont(REGULAR, SLIDE_SCALE.small)
        canvas.setFillColor(MUTED)
        y = 0.3 * 72
        number = f"{page} / {total}"
        room = g.frame_width - stringWidth(number, REGULAR, SLIDE_SCALE.small) - 24
        canvas.drawString(g.left, y, fit_text(footer, REGULAR, SLIDE_SCALE.small, room))
        canvas.drawRightString(g.width - g.right, y, number)
        canvas.restoreState()

    doc = BaseDocTemplate(
        handle, pagesize=(g.width, g.height), leftMargin=g.left, rightMargin=g.right,
        topMargin=g.top, bottomMargin=g.bottom, title=f"{DECK_TITLE}: {data.account.name}",
        author=data.account.owner or "csdesk", subject=date_text(data.deck_date),
        creator="csdesk", invariant=1, pageCompression=1)
    title_frame = Frame(g.left + 0.5 * 72, g.bottom, g.frame_width - 0.5 * 72,
                        g.height - g.bottom - 0.5 * 72, id="title", leftPadding=0,
                        rightPadding=0, topPadding=0, bottomPadding=0)
    frame = Frame(g.left, g.bottom, g.frame_width, g.frame_height, id="slide",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([
        PageTemplate(id="title", frames=[title_frame], onPage=title_page,
                     autoNextPageTemplate="slide"),
        PageTemplate(id="slide", frames=[frame], onPageEnd=slide_page_end),
    ])
    doc.build(deck.story(), canvasmaker=numbered_canvas(stamp))

