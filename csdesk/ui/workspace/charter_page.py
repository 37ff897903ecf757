"""The Project charter page: the kickoff workshop's deliverables, editable at any time
(scope and objectives, success criteria and metrics, timeline and milestones,
architecture notes, implementation roadmap, resources, dependencies, critical path),
each saved when the CSM leaves the box and undoable by name ("Undo set charter critical
path"). Beside it, read-only: the risk register and the roadmap's phases from the
journey form. "Export charter…" writes the charter as a PDF."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from csdesk.store.views import CharterView
from csdesk.ui.report_export import ReportExporter
from csdesk.ui.workspace.charter_context import PhaseModel, phase_rows
from csdesk.ui.workspace.page import PageContext, WorkspacePage
from csdesk.ui.workspace.page_links import go_to_page
from csdesk.ui.workspace.risk_model import RiskModel
from csdesk.ui.workspace.risks_page import _table, fit_columns
from csdesk.ui.workspace.text_fields import TextBox, TextBoxes


class CharterPage(WorkspacePage):
    title = "Project charter"

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.title = self.tr("Project charter")
        self.charter: CharterView | None = None
        self.exporter = ReportExporter(self.book, self)
        self.labels = {
            "scope_objectives": self.tr("Scope and objectives"),
            "success_criteria": self.tr("Success criteria and metrics"),
            "timeline_milestones": self.tr("Timeline and milestones"),
            "architecture_notes": self.tr("Architecture notes"),
            "roadmap": self.tr("Implementation roadmap"),
            "resources": self.tr("Resources"),
            "dependencies": self.tr("Dependencies"),
            "critical_path": self.tr("Critical path"),
        }
        hints = {
            "scope_objectives": self.tr("What is in and out of scope; the business goals"),
            "success_criteria": self.tr("How success is measured: metrics and targets"),
            "timeline_milestones": self.tr("Key dates and milestones agreed in the workshop"),
            "architecture_notes": self.tr("Systems, integrations, environments, security"),
            "roadmap": self.tr("The phases of the rollout and what each delivers"),
            "resources": self.tr("People and time on both sides"),
            "dependencies": self.tr("What must be in place first, and from whom"),
            "critical_path": self.tr("The chain of work that sets the go-live date"),
        }
        self.texts = TextBoxes(self)
        self.texts.committed.connect(self.change)
        fields = QWidget(self)
        grid = QGridLayout(fields)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        for n, key in enumerate(self.labels):
            box = self.texts.add(TextBox(key, self.labels[key], hints[key], fields))
            grid.addWidget(box, n // 2, n % 2)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(fields)

        self.risk_model = RiskModel(self.book.forms.signals, self)
        self.risk_table = _table(self, self.risk_model, self.tr("Risk register (read-only)"))
        self.risk_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for key in ("impact", "mitigation", "raised_by", "raised_on", "closed_on"):
            self.risk_table.hideColumn(self.risk_model.column_of(key))
        self.risk_summary = QLabel(self)
        self.risk_summary.setWordWrap(True)
        self.risk_summary.setTextFormat(Qt.TextFormat.RichText)
        self.risk_summary.linkActivated.connect(lambda key: go_to_page(self, key))
        risk_box = QGroupBox(self.tr("Risk register"), self)
        rl = QVBoxLayout(risk_box)
        rl.addWidget(self.risk_summary)
        rl.addWidget(self.risk_table, 1)

        self.phase_model = PhaseModel(self)
        self.phase_table = _table(self, self.phase_model, self.tr("Roadmap phases (read-only)"))
        self.phase_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.phase_note = QLabel(self)
        self.phase_note.setWordWrap(True)
        phase_box = QGroupBox(self.tr("Roadmap phases"), self)
        pl = QVBoxLayout(phase_box)
        pl.addWidget(self.phase_note)
        pl.addWidget(self.phase_table, 1)

        side = QSplitter(Qt.Orientation.Vertical, self)
        side.addWidget(risk_box)
        side.addWidget(phase_box)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(scroll)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([900, 560])

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.export_button = QPushButton(self.tr("E&xport charter…"), self)
        self.export_button.setToolTip(self.tr("Write the project charter as a PDF"))
        self.export_button.clicked.connect(self.export_charter)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    # -- reading ------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.account_id is None:
            return
        self.charter = self.book.charters.get(self.account_id)
        self.texts.show({key: getattr(self.charter, key) for key in self.labels})
        filled = sum(1 for key in self.labels if getattr(self.charter, key).strip())
        self.summary.setText(self.tr(
            "The kickoff workshop's deliverables: {filled} of {n} sections written. Each "
            "box is saved when you leave it and can be undone; edit it any time.").format(
                filled=filled, n=len(self.labels)))
        risks = self.book.risks.list(self.account_id)
        self.risk_model.set_risks(risks)
        fit_columns(self.risk_table, self.risk_model.column_of("description"))
        open_risks = [r for r in risks if r.status == "open"]
        high = sum(1 for r in open_risks if r.severity == "High")
        self.risk_summary.setText(self.tr(
            "Open risks: {n} ({high} high) of {all}. Change them on the {link} page.").format(
                n=len(open_risks), high=high, all=len(risks),
                link="<a href=\"risks\">" + self.tr("Risks &amp; actions") + "</a>"))
        account = self.book.accounts.get(self.account_id)
        self.phase_model.set_rows(phase_rows(self.book.forms.journey,
                                             account.onboarding_started,
                                             self.context.today(), self.tr))
        self.phase_table.setColumnHidden(1, account.onboarding_started is not None)
        fit_columns(self.phase_table, 0)
        self.phase_note.setText(
            self.tr("The phases of forms/journey.toml. Onboarding has not started: set its "
                    "date on the Stakeholders & details page to see the phases' dates.")
            if account.onboarding_started is None else
            self.tr("The phases of forms/journey.toml, from the onboarding start."))

    # -- editing ------------------------------------------------------------------------
    def change(self, key: str, value: str) -> CharterView | None:
        if self.account_id is None:
            return None
        account_id = self.account_id
        charters = self.book.charters
        before = {key: getattr(charters.get(account_id), key)}
        if before[key] == value:
            return None
        text = (self.tr("clear charter {field}") if not value.strip()
                else self.tr("set charter {field}")).format(field=self.labels[key].lower())

        def undo(_view: Any) -> None:
            charters.update(account_id, before)

        saved = self.editor.edit(text, lambda: charters.update(account_id, {key: value}), undo)
        if saved is None:
            self.refresh()
        assert saved is None or isinstance(saved, CharterView)
        return saved

    def export_charter(self) -> bool:
        if self.account_id is None:
            return False
        self.texts.commit_all()
        return self.exporter.export("charter", self.account_id)
