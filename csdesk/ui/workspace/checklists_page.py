"""The Checklists page: every account checklist of forms/checklists, each with its
progress (done of applicable, n/a left out), its sections and items. State, owner, due
date and note are edited in place; overdue items stand out. Every change is saved at
once and undoable by name ("Undo tick Kubernetes cluster available (v1.24+)")."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csdesk.store.views import ChecklistItemView, ChecklistView
from csdesk.ui.workspace import overdue
from csdesk.ui.workspace.cell_editors import ChoiceDelegate, DateDelegate
from csdesk.ui.workspace.checklist_edits import change_item, state_label
from csdesk.ui.workspace.checklist_model import ChecklistModel
from csdesk.ui.workspace.page import PageContext, WorkspacePage

COLUMN_WIDTHS = (340, 70, 170, 180)  # item, state, owner, due (the note takes the rest)


def progress_text(checklist: ChecklistView, tr: Any) -> str:
    text: str = tr("{done} of {applicable} done").format(done=checklist.done,
                                                    applicable=checklist.applicable)
    na = sum(1 for _s, _l, items in checklist.sections for i in items if i.state == "na")
    if na:
        text += tr(" · {n} n/a").format(n=na)
    return text


class ChecklistHost(Protocol):
    """The page a panel belongs to: its context, and where item edits go."""

    context: PageContext

    def save_item(self, item: ChecklistItemView, field: str, value: Any) -> None: ...


class ChecklistPanel(QGroupBox):
    """One checklist: title, progress bar, overdue count, and its table (no inner scroll:
    the page scrolls). The Checklists page and the QBR page both show them."""

    def __init__(self, page: ChecklistHost, checklist: ChecklistView,
                 parent: QWidget | None = None):
        super().__init__(checklist.title, parent)
        self.checklist_id = checklist.checklist_id
        self.setAccessibleName(checklist.title)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("{title} progress").format(
            title=checklist.title))
        self.progress.setMaximumWidth(320)
        self.counts = QLabel(self)
        self.overdue = QLabel(self)
        self.overdue.setStyleSheet(
            f"color: {overdue.FOREGROUND.name()}; background: {overdue.BACKGROUND.name()};"
            " border-radius: 6px; padding: 1px 8px; font-weight: bold;")
        head = QHBoxLayout()
        head.addWidget(self.progress)
        head.addWidget(self.counts)
        head.addWidget(self.overdue)
        head.addStretch(1)
        self.model = ChecklistModel(page.context.today(), self)
        self.model.editRequested.connect(page.save_item)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("{title} items").format(title=checklist.title))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setMinimumSectionSize(10)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        states = [(s, state_label(s)) for s in ("open", "done", "na")]
        self.table.setItemDelegateForColumn(self.model.column_of("state"),
                                            ChoiceDelegate(states, self.table))
        self.table.setItemDelegateForColumn(self.model.column_of("due_date"),
                                            DateDelegate(page.context.today(), self.table))
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table)
        self.show_checklist(checklist)

    def show_checklist(self, checklist: ChecklistView) -> None:
        self.progress.setRange(0, max(checklist.applicable, 1))
        self.progress.setValue(checklist.done if checklist.applicable else 1)
        self.progress.setFormat(f"{checklist.progress:.0%}")
        self.counts.setText(progress_text(checklist, self.tr))
        self.progress.setAccessibleDescription(self.counts.text())
        self.overdue.setText(self.tr("⚠ {n} overdue").format(n=checklist.overdue))
        self.overdue.setVisible(checklist.overdue > 0)
        current = self.table.currentIndex()
        self.model.set_checklist(checklist)
        self.table.clearSpans()
        for row in self.model.section_rows():
            self.table.setSpan(row, 0, 1, self.model.columnCount())
        self.table.resizeColumnsToContents()
        for column, least in enumerate(COLUMN_WIDTHS):  # the same grid in every checklist
            self.table.setColumnWidth(column, max(self.table.columnWidth(column), least))
        height = (self.table.verticalHeader().length() + self.table.horizontalHeader().height()
                  + 2 * self.table.frameWidth() + 2)
        self.table.setFixedHeight(height)
        if current.isValid():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))


class ChecklistsPage(WorkspacePage):
    title = "Checklists"

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.title = self.tr("Checklists")
        self.panels: dict[str, ChecklistPanel] = {}
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.body = QWidget(self)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)

    def refresh(self) -> None:
        if self.account_id is None:
            return
        checklists = sorted(self.book.checklists.for_account(self.account_id),
                            key=self._order)
        if [c.checklist_id for c in checklists] != list(self.panels):
            for panel in self.panels.values():
                panel.deleteLater()
            self.panels = {}
            for n, checklist in enumerate(checklists):
                panel = ChecklistPanel(self, checklist, self.body)
                self.body_layout.insertWidget(n, panel)
                self.panels[checklist.checklist_id] = panel
        else:
            for checklist in checklists:
                self.panels[checklist.checklist_id].show_checklist(checklist)
        done = sum(c.done for c in checklists)
        applicable = sum(c.applicable for c in checklists)
        late = sum(c.overdue for c in checklists)
        self.summary.setText(self.tr(
            "{n} checklists · {done} of {applicable} items done · {late} overdue. "
            "Tick an item (Space), or edit its state, owner, due date or note in place "
            "(F2 or double-click); every change is saved and can be undone.").format(
                n=len(checklists), done=done, applicable=applicable, late=late))

    def _order(self, checklist: ChecklistView) -> int:
        form = self.book.forms.checklists.get(checklist.checklist_id)
        return form.order if form else 1000

    def save_item(self, item: ChecklistItemView, field: str, value: Any) -> None:
        if change_item(self.editor, self.book, item, field, value) is None:
            self.refresh()
