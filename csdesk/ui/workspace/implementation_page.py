"""The Implementation page: the three phases of forms/journey.toml with their weeks and
activities (the current phase and week highlighted while the account is onboarding),
each phase's success criteria to tick, the progress toward the workflow milestones
("3+ workflows in production"), and the workflow tracker, edited in place. Every change
is saved at once and undoable by name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csdesk.playbook.journey import PhaseProgress, implementation_progress
from csdesk.store.views import ChecklistItemView, WorkflowView
from csdesk.ui.formatting import date_text
from csdesk.ui.workspace.cell_editors import ChoiceDelegate, DateDelegate
from csdesk.ui.workspace.checklist_edits import change_item
from csdesk.ui.workspace.page import PageContext, WorkspacePage
from csdesk.ui.workspace.phase_plan import PhasePlan
from csdesk.ui.workspace.record_edits import RecordEdits
from csdesk.ui.workspace.workflow_model import WorkflowModel, status_label


class ImplementationPage(WorkspacePage):
    title = "Implementation"

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.title = self.tr("Implementation")
        journey = self.book.forms.journey
        template = journey.workflow_template
        self.edits = RecordEdits(self.editor)
        self.progress: PhaseProgress | None = None
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.RichText)

        self.plan = PhasePlan(journey, self)
        self.plan.ticked.connect(self._ticked)
        plan_scroll = QScrollArea(self)
        plan_scroll.setWidgetResizable(True)
        plan_scroll.setWidget(self.plan)
        plan_scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.milestones: list[tuple[int, QProgressBar, QLabel]] = []
        bars = QHBoxLayout()
        for milestone in template.milestones:
            bar = QProgressBar(self)
            bar.setRange(0, milestone.workflows_in_production)
            bar.setFormat("%v / %m")
            bar.setMaximumWidth(260)
            label = QLabel(self)
            bars.addWidget(label)
            bars.addWidget(bar)
            bars.addSpacing(16)
            self.milestones.append((milestone.workflows_in_production, bar, label))
            bar.setProperty("stage", milestone.stage)
        bars.addStretch(1)

        self.model = WorkflowModel(journey, self)
        self.model.editRequested.connect(self._change)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Workflows"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setMinimumSectionSize(10)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        column = self.model.column_of
        for key, values in (("priority", template.priorities),
                            ("complexity", template.complexities),
                            ("status", template.statuses)):
            self.table.setItemDelegateForColumn(column(key), ChoiceDelegate(
                [(v, status_label(v)) for v in values], self.table))
        self.table.setItemDelegateForColumn(column("phase"), ChoiceDelegate(
            self.model.phase_choices(), self.table))
        self.table.setItemDelegateForColumn(column("go_live_date"), DateDelegate(
            context.today(), self.table))
        delete_key = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_selected)

        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText(self.tr("New workflow name"))
        self.new_name.setAccessibleName(self.tr("New workflow name"))
        self.new_name.returnPressed.connect(self.add_typed)
        self.add_button = QPushButton(self.tr("Add workflow"), self)
        self.add_button.clicked.connect(self.add_typed)
        self.delete_button = QPushButton(self.tr("Delete workflow"), self)
        self.delete_button.setToolTip(self.tr("Delete the selected workflow (Delete)"))
        self.delete_button.clicked.connect(self.delete_selected)
        actions = QHBoxLayout()
        actions.addWidget(self.new_name, 1)
        actions.addWidget(self.add_button)
        actions.addSpacing(24)
        actions.addWidget(self.delete_button)

        lower = QWidget(self)
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(self.tr("<b>Workflows</b> (edit in place: F2 or double-click)"),
                            lower))
        ll.addLayout(bars)
        ll.addWidget(self.table, 1)
        ll.addLayout(actions)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(plan_scroll)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.split = split
        self._sized = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(split, 1)

    # -- reading ------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._sized:  # first show: the plan as tall as it needs, the rest for the table
            self._sized = True
            total = sum(self.split.sizes())
            plan = min(self.plan.sizeHint().height() + 4, total * 3 // 5)
            self.split.setSizes([plan, total - plan])

    def refresh(self) -> None:
        if self.account_id is None:
            return
        account = self.book.accounts.get(self.account_id)
        today = self.context.today()
        self.progress = None
        if account.stage == "onboarding" and account.onboarding_started is not None:
            self.progress = implementation_progress(account.onboarding_started, today,
                                                    self.book.forms.journey)
        self.state.setText(self._state_text(account.stage, account.onboarding_started, today))
        self.plan.show_progress(self.progress)
        self.plan.show_criteria(self._criteria())
        workflows = self.book.workflows.list(self.account_id)
        self.model.set_rows(workflows)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, max(self.table.columnWidth(0), 220))
        live = self.book.workflows.in_production(self.account_id)
        for target, bar, label in self.milestones:
            stage = self.book.forms.journey.stage(str(bar.property("stage"))).label
            bar.setValue(min(live, target))
            bar.setFormat(f"{live} / {target}")
            label.setText(self.tr("{stage}: {n}+ workflows in production").format(
                stage=stage, n=target) + (" ✓" if live >= target else ""))
            bar.setAccessibleName(label.text())
            bar.setAccessibleDescription(self.tr("{live} of {n} in production").format(
                live=live, n=target))

    def _state_text(self, stage: str, started: dt.date | None, today: dt.date) -> str:
        label = self.book.forms.journey.stage(stage).label
        progress = self.progress
        if progress is not None and progress.phase is not None:
            return self.tr("<b>Day {day} of {last}</b> · Phase {phase}: {plabel} · "
                           "Week {week}: {wtitle}").format(
                day=progress.day, last=self.book.forms.journey.phases[-1].last_day,
                phase=progress.phase, plabel=progress.phase_label, week=progress.week,
                wtitle=progress.week_title)
        if progress is not None and progress.complete:
            return self.tr("Day {day}: the 90-day implementation plan is complete; move the "
                           "account on when the onboarding criteria are met.").format(
                day=progress.day)
        if progress is not None:
            return self.tr("Onboarding starts on {date}.").format(date=date_text(started))
        return self.tr("The account is in {stage}: the plan below is for reference; the "
                       "current week is shown while the account is onboarding.").format(
            stage=label)

    def _criteria(self) -> dict[int, list[ChecklistItemView]]:
        assert self.account_id is not None
        by_phase: dict[int, list[ChecklistItemView]] = {}
        wanted = {p.success_checklist for p in self.book.forms.journey.phases}
        for checklist in self.book.checklists.for_account(self.account_id):
            if checklist.checklist_id not in wanted:
                continue
            form = self.book.forms.checklists.get(checklist.checklist_id)
            phase_of = {s.id: s.phase for s in form.sections} if form else {}
            for section_id, _label, items in checklist.sections:
                number = phase_of.get(section_id)
                if number is not None:
                    by_phase.setdefault(number, []).extend(items)
        return by_phase

    # -- editing ------------------------------------------------------------------------
    def _ticked(self, item: ChecklistItemView, on: bool) -> None:
        if change_item(self.editor, self.book, item, "state", "done" if on else "open") is None:
            self.refresh()

    def add_typed(self) -> None:
        name = self.new_name.text().strip()
        if not name or self.account_id is None:
            return
        phase = self.progress.phase if self.progress is not None else None
        added = self.edits.add(self.tr("add workflow {name}").format(name=name),
                               self.book.workflows, self.account_id,
                               {"name": name, "phase": phase})
        if added is not None:
            self.new_name.clear()
            row = self.model.row_of(added.id)
            self.table.setCurrentIndex(self.model.index(row, 0))

    def _change(self, workflow: WorkflowView, field: str, value: Any) -> None:
        self.edits.change(self._change_text(workflow, field, value), self.book.workflows,
                          workflow.id, {field: value}, {field: getattr(workflow, field)})

    def _change_text(self, workflow: WorkflowView, field: str, value: Any) -> str:
        if field == "name":
            return self.tr("rename workflow {old} to {new}").format(old=workflow.name,
                                                                    new=value)
        header = self.model.columns[self.model.column_of(field)].header.lower()
        if isinstance(value, dt.date):
            shown = date_text(value)
        elif isinstance(value, list):
            shown = "; ".join(value) or self.tr("nothing")
        elif value is None:
            shown = self.tr("none")
        else:
            shown = status_label(f"{value:g}" if isinstance(value, float) else str(value))
        return self.tr("set {field} of {name} to {value}").format(
            field=header, name=workflow.name, value=shown)

    def delete_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        workflow = self.model.rows[index.row()]
        self.edits.delete(self.tr("delete workflow {name}").format(name=workflow.name),
                          self.book.workflows, workflow.id)
