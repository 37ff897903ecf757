"""The QBRs page: every QBR of the account, newest first (previous ones are kept), and
the selected one in three tabs: its review (date, attendees, ROI, achievements, stories,
challenges, feedback, roadmap, expansion topics), its action items (owner and due date,
tied to the QBR) and its pre-QBR and post-QBR checklists with their progress. Every
change is saved at once and undoable by name ("Undo set QBR achievements"); a deleted
QBR comes back whole on undo. "Export QBR deck…" writes the selected QBR as a PDF."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csdesk.store.inputs import ACTION_STATUSES
from csdesk.store.views import ActionView, ChecklistItemView, ChecklistView, QbrView
from csdesk.ui.account_dialog import from_qdate
from csdesk.ui.formatting import date_text, money_text
from csdesk.ui.report_export import ReportExporter
from csdesk.ui.workspace.action_model import ActionModel
from csdesk.ui.workspace.cell_editors import ChoiceDelegate, DateDelegate
from csdesk.ui.workspace.checklist_edits import change_item
from csdesk.ui.workspace.checklists_page import ChecklistPanel
from csdesk.ui.workspace.page import PageContext, WorkspacePage
from csdesk.ui.workspace.qbr_edits import QbrEdits
from csdesk.ui.workspace.qbr_list_model import QbrListModel
from csdesk.ui.workspace.qbr_review import QbrReview
from csdesk.ui.workspace.record_edits import RecordEdits
from csdesk.ui.workspace.record_forms import ActionForm
from csdesk.ui.workspace.risks_page import _table, fit_columns


def _scrolled(parent: QWidget, body: QWidget) -> QScrollArea:
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(body)
    return scroll


class QbrPage(WorkspacePage):
    title = "QBRs"

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.title = self.tr("QBRs")
        today = context.today()
        self.action_edits = RecordEdits(self.editor)
        self.qbr_edits = QbrEdits(self.editor, self.book)
        self.exporter = ReportExporter(self.book, self)
        self.selected_id: uuid.UUID | None = None
        self.qbrs: list[QbrView] = []
        self.panels: dict[str, ChecklistPanel] = {}

        # -- the list of QBRs ---------------------------------------------------------
        self.list_model = QbrListModel(today, self)
        self.list_model.editRequested.connect(self._change_from_list)
        self.list_table = _table(self, self.list_model, self.tr("QBRs, newest first"))
        self.list_table.setItemDelegateForColumn(0, DateDelegate(today, self.list_table))
        self.list_table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.new_date = QDateEdit(self)
        self.new_date.setCalendarPopup(True)
        self.new_date.setDisplayFormat("d MMM yyyy")
        self.new_date.setAccessibleName(self.tr("Date of the new QBR"))
        self.new_date.setDate(QDate(today.year, today.month, today.day).addDays(14))
        self.new_button = QPushButton(self.tr("&New QBR"), self)
        self.new_button.setToolTip(self.tr(
            "Add a QBR on this date, with its preparation and follow-up checklists"))
        self.new_button.clicked.connect(self.new_qbr)
        self.delete_button = QPushButton(self.tr("Delete QBR…"), self)
        self.delete_button.setAccessibleName(self.tr("Delete the selected QBR"))
        self.delete_button.clicked.connect(self.delete_selected)
        delete_key = QShortcut(QKeySequence.StandardKey.Delete, self.list_table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_selected)
        self.export_button = QPushButton(self.tr("E&xport QBR deck…"), self)
        self.export_button.setToolTip(self.tr("Write the selected QBR as a PDF deck"))
        self.export_button.clicked.connect(self.export_deck)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_date, 1)
        new_row.addWidget(self.new_button)
        list_box = QGroupBox(self.tr("QBRs"), self)
        ll = QVBoxLayout(list_box)
        ll.addLayout(new_row)
        ll.addWidget(self.list_table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        ll.addLayout(buttons)

        # -- the selected QBR -----------------------------------------------------------
        self.review = QbrReview(self)
        self.review.edited.connect(self.change)
        self.action_model = ActionModel(self.book.forms.signals, today, self)
        self.action_model.editRequested.connect(self._change_action)
        self.action_table = _table(self, self.action_model, self.tr("Action items of the QBR"))
        self.action_table.setItemDelegateForColumn(
            self.action_model.column_of("status"),
            ChoiceDelegate([(s, self.tr(s)) for s in ACTION_STATUSES], self.action_table))
        self.action_table.setItemDelegateForColumn(
            self.action_model.column_of("due_date"), DateDelegate(today, self.action_table))
        self.action_table.hideColumn(self.action_model.column_of("source"))
        self.action_form = ActionForm(today, self)
        self.action_form.submitted.connect(self.add_action)
        self.done_button = QPushButton(self.tr("Mark done"), self)
        self.done_button.clicked.connect(self.mark_selected_done)
        actions = QWidget(self)
        al = QVBoxLayout(actions)
        hint = QLabel(self.tr(
            "What was agreed, with an owner and a due date. Edit in place (F2); they also "
            "appear on the Risks & actions page."), actions)
        hint.setWordWrap(True)
        al.addWidget(hint)
        al.addWidget(self.action_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.done_button)
        row.addStretch(1)
        al.addLayout(row)
        al.addWidget(self.action_form)

        self.checks_body = QWidget(self)
        self.checks_layout = QVBoxLayout(self.checks_body)
        self.checks_layout.addStretch(1)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("The selected QBR"))
        self.tabs.addTab(_scrolled(self, self.review), self.tr("&Review"))
        self.tabs.addTab(actions, self.tr("Action &items"))
        self.tabs.addTab(_scrolled(self, self.checks_body), self.tr("&Preparation && follow-up"))
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.empty = QLabel(self.tr(
            "No QBR yet. Pick its date and press New QBR: it comes with the pre-QBR "
            "preparation and post-QBR follow-up checklists."), self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        detail = QWidget(self)
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.heading)
        dl.addWidget(self.tabs, 1)
        dl.addWidget(self.empty, 1)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(list_box)
        split.addWidget(detail)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([320, 1000])
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    # -- reading ------------------------------------------------------------------------
    def selected(self) -> QbrView | None:
        if self.selected_id is None:
            return None
        return next((q for q in self.qbrs if q.id == self.selected_id), None)

    def refresh(self) -> None:
        if self.account_id is None:
            return
        self.qbrs = self.book.qbrs.list(self.account_id)
        chosen = self.selected()
        self.list_model.set_qbrs(self.qbrs)
        if chosen is None and self.list_model.rows:
            chosen = self.list_model.rows[0]  # the newest
        self.selected_id = chosen.id if chosen else None
        if chosen is not None:  # re-selected quietly: nothing is saved by re-reading
            selection = self.list_table.selectionModel()
            selection.blockSignals(True)
            self.list_table.setCurrentIndex(self.list_model.index(
                self.list_model.row_of(chosen.id), 0))
            selection.blockSignals(False)
            self.list_table.viewport().update()
        fit_columns(self.list_table, self.list_model.column_of("attendees"))
        self._show_selected()
        self.summary.setText(self.tr(
            "{n} QBRs on record. The selected QBR's fields are saved as you leave them; "
            "every change can be undone.").format(n=len(self.qbrs)))

    def _row_changed(self, current: Any, _previous: Any) -> None:
        if not current.isValid() or current.row() >= len(self.list_model.rows):
            return
        self.review.texts.commit_all()  # a box left by clicking the list is saved first
        self.selected_id = self.list_model.rows[current.row()].id
        self._show_selected()

    def _show_selected(self) -> None:
        qbr = self.selected()
        self.tabs.setVisible(qbr is not None)
        self.heading.setVisible(qbr is not None)
        self.delete_button.setEnabled(qbr is not None)
        self.export_button.setEnabled(qbr is not None)
        self.empty.setVisible(qbr is None)
        if qbr is None or self.account_id is None:
            return
        self.heading.setText(self.tr("QBR of {date}").format(date=date_text(qbr.held_on)))
        self.review.show_qbr(qbr, self.book.stakeholders.list(self.account_id))
        actions = [a for a in self.book.actions.list(self.account_id) if a.qbr_id == qbr.id]
        self.action_model.set_actions(actions)
        fit_columns(self.action_table, self.action_model.column_of("title"))
        self.tabs.setTabText(1, self.tr("Action &items ({n})").format(
            n=sum(1 for a in actions if a.status == "open")))
        checklists = self.book.checklists.for_qbr(self.account_id, qbr.id)
        checklists.sort(key=self._order)
        self._show_checklists(checklists)
        done = sum(c.done for c in checklists)
        applicable = sum(c.applicable for c in checklists)
        self.tabs.setTabText(2, self.tr("&Preparation && follow-up ({done}/{all})").format(
            done=done, all=applicable))

    def _order(self, checklist: ChecklistView) -> int:
        form = self.book.forms.checklists.get(checklist.checklist_id)
        return form.order if form else 1000

    def _show_checklists(self, checklists: list[ChecklistView]) -> None:
        if [c.checklist_id for c in checklists] != list(self.panels):
            for panel in self.panels.values():
                panel.deleteLater()
            self.panels = {}
            for n, checklist in enumerate(checklists):
                panel = ChecklistPanel(self, checklist, self.checks_body)
                self.checks_layout.insertWidget(n, panel)
                self.panels[checklist.checklist_id] = panel
        else:
            for checklist in checklists:
                self.panels[checklist.checklist_id].show_checklist(checklist)

    # -- QBRs -------------------------------------------------------------------------------
    def new_qbr(self) -> QbrView | None:
        if self.account_id is None:
            return None
        day = from_qdate(self.new_date.date())
        if day is None:
            return None
        self.review.texts.commit_all()
        added = self.qbr_edits.add(self.tr("add the QBR of {date}").format(
            date=date_text(day)), self.account_id, day)
        if added is not None:
            self.selected_id = added.id
            self.refresh()
            self.tabs.setCurrentIndex(0)
        return added

    def change(self, key: str, value: Any, text: str = "") -> QbrView | None:
        qbr = self.selected()
        if qbr is None or value == getattr(qbr, key):
            return None
        label = self.review.labels[key]
        if not text:
            if key == "held_on":
                text = self.tr("move the QBR of {old} to {new}").format(
                    old=date_text(qbr.held_on), new=date_text(value))
            elif key in ("roi_promised", "roi_achieved", "cost_savings"):
                text = (self.tr("clear QBR {field}").format(field=label.lower()) if value is None
                        else self.tr("set QBR {field} to {value}").format(
                            field=label.lower(), value=money_text(value)))
            else:
                text = self.tr("set QBR {field}").format(field=label.lower())
        elif key == "attendees":
            text = self.tr("{change} of the QBR").format(change=text)
        saved = self.qbr_edits.change(text, qbr, {key: value})
        if saved is None:
            self.refresh()  # refused: show what is stored
        return saved

    def _change_from_list(self, qbr: QbrView, key: str, value: Any) -> None:
        self.selected_id = qbr.id
        self.change(key, value)

    def delete_selected(self) -> None:
        qbr = self.selected()
        if qbr is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete QBR"),
            self.tr("Delete the QBR of {date} with its checklists? Its action items stay "
                    "on the Risks & actions page. You can undo this.").format(
                        date=date_text(qbr.held_on)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.selected_id = None
        self.qbr_edits.delete(self.tr("delete the QBR of {date}").format(
            date=date_text(qbr.held_on)), qbr)

    def export_deck(self) -> bool:
        qbr = self.selected()
        if qbr is None or self.account_id is None:
            return False
        self.review.texts.commit_all()
        return self.exporter.export("qbr", self.account_id, qbr.id)

    # -- checklists and actions -------------------------------------------------------------
    def save_item(self, item: ChecklistItemView, field: str, value: Any) -> None:
        if change_item(self.editor, self.book, item, field, value) is None:
            self.refresh()

    def add_action(self, fields: dict[str, Any]) -> ActionView | None:
        qbr = self.selected()
        if qbr is None or self.account_id is None:
            return None
        text = self.tr("add QBR action {title}").format(title=fields["title"])
        added = self.action_edits.add(text, self.book.actions, self.account_id,
                                      {**fields, "qbr_id": qbr.id})
        if added is not None:
            self.action_form.clear()
        assert added is None or isinstance(added, ActionView)
        return added

    def mark_selected_done(self) -> None:
        index = self.action_table.currentIndex()
        if index.isValid():
            action = self.action_model.rows[index.row()]
            if action.status != "done":
                self._change_action(action, "status", "done")

    def _change_action(self, action: ActionView, field: str, value: Any) -> None:
        shown = (date_text(value) if isinstance(value, dt.date)
                 else value or self.tr("nobody"))
        text = (self.tr("mark {title} done").format(title=action.title)
                if (field, value) == ("status", "done")
                else self.tr("set {field} of {title} to {value}").format(
                    field=self.action_model.columns[
                        self.action_model.column_of(field)].header.lower(),
                    title=action.title, value=shown))
        self.action_edits.change(text, self.book.actions, action.id, {field: value},
                                 {field: getattr(action, field)})
