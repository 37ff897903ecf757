"""The Stakeholders & details page: the account's facts edited in place (each finished
change saved at once and undoable by name, "Undo set ARR to 250,000"), its account
indicators as check boxes, its notes, and the stakeholders table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from csdesk.store.views import AccountView, StakeholderView
from csdesk.ui.account_dialog import PLAN_TIERS, from_qdate, qdate
from csdesk.ui.formatting import date_text, money_text
from csdesk.ui.workspace.cell_editors import NO_DATE
from csdesk.ui.workspace.page import PageContext, WorkspacePage
from csdesk.ui.workspace.record_edits import RecordEdits
from csdesk.ui.workspace.stakeholder_table import StakeholderPanel

NOT_SET = -1  # the bottom of an optional number's range reads "not set"
DATES = ("stage_started", "onboarding_started", "contract_start", "renewal_date")
NUMBERS = ("licensed_users", "monthly_execution_limit")
PROBLEM_STYLE = "color: #b3261e; font-weight: bold;"


def _date_edit(parent: QWidget, empty: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(empty)
    edit.setKeyboardTracking(False)  # saved when typing is done, not at every digit
    return edit


class _FocusOut(QObject):
    """Calls ``then()`` when the watched widget loses the keyboard focus."""

    def __init__(self, widget: QWidget, then: Any):
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.then()
        return False


class DetailsPage(WorkspacePage):
    title = "Stakeholders & details"

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.title = self.tr("Stakeholders & details")
        self.account: AccountView | None = None
        self.edits = RecordEdits(self.editor)
        forms = self.book.forms
        self.labels = {
            "name": self.tr("Name"), "plan_tier": self.tr("Plan tier"),
            "arr": self.tr("ARR"), "licensed_users": self.tr("Licensed users"),
            "monthly_execution_limit": self.tr("Monthly execution limit"),
            "stage": self.tr("Journey stage"), "stage_started": self.tr("Stage started"),
            "onboarding_started": self.tr("Onboarding started"),
            "contract_start": self.tr("Contract start"),
            "renewal_date": self.tr("Renewal date"), "owner": self.tr("Owner"),
            "executive_sponsor": self.tr("Executive sponsor"), "notes": self.tr("Notes"),
        }
        self.stage_labels = {s.id: s.label for s in forms.journey.stages}
        self.flags = [f for f in forms.signals.flags if f.scope == "account"]

        box = QGroupBox(self.tr("Account details"), self)
        self.name = self._line(box, "name")
        self.owner = self._line(box, "owner")
        self.sponsor = self._line(box, "executive_sponsor")
        self.plan = QComboBox(box)
        for tier in PLAN_TIERS:
            self.plan.addItem(self.tr(tier), tier)
        self.plan.activated.connect(lambda _i: self.change("plan_tier", self.plan.currentData()))
        self.stage = QComboBox(box)
        for stage in forms.journey.stages:
            self.stage.addItem(stage.label, stage.id)
        self.stage.activated.connect(lambda _i: self.change("stage", self.stage.currentData()))
        self.stage.setToolTip(self.tr("Moving the stage restarts its clock today"))
        self.arr = QDoubleSpinBox(box)
        self.arr.setRange(0, 1e10)
        self.arr.setDecimals(0)
        self.arr.setSingleStep(1000)
        self.arr.setGroupSeparatorShown(True)
        self.arr.setKeyboardTracking(False)
        self.arr.valueChanged.connect(lambda v: self.change("arr", float(v)))
        self.numbers: dict[str, QSpinBox] = {}
        for key in NUMBERS:
            spin = QSpinBox(box)
            spin.setRange(NOT_SET, 2_000_000_000)
            spin.setSpecialValueText(self.tr("not set"))
            spin.setGroupSeparatorShown(True)
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(
                lambda v, k=key: self.change(k, None if v == NOT_SET else int(v)))
            self.numbers[key] = spin
        self.dates: dict[str, QDateEdit] = {}
        for key in DATES:
            edit = _date_edit(box, self.tr("no date"))
            edit.dateChanged.connect(lambda d, k=key: self.change(k, from_qdate(d)))
            self.dates[key] = edit
        self.widgets: dict[str, QWidget] = {
            "name": self.name, "plan_tier": self.plan, "arr": self.arr,
            **self.numbers, "stage": self.stage, **self.dates,
            "owner": self.owner, "executive_sponsor": self.sponsor}
        for key, widget in self.widgets.items():
            widget.setAccessibleName(self.labels[key])
            if isinstance(widget, QAbstractSpinBox):
                widget.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(12)
        grid.setColumnMinimumWidth(2, 24)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(4, 1)
        mnemonics = {"name": self.tr("&Name"), "plan_tier": self.tr("&Plan tier"),
                     "arr": self.tr("A&RR"), "stage": self.tr("Journey &stage"),
                     "owner": self.tr("O&wner"), "renewal_date": self.tr("Ren&ewal date"),
                     "executive_sponsor": self.tr("E&xecutive sponsor")}
        left = ("name", "plan_tier", "arr", "licensed_users", "monthly_execution_limit",
                "owner", "executive_sponsor")
        right = ("stage", "stage_started", "onboarding_started", "contract_start",
                 "renewal_date")
        for column, keys in ((0, left), (3, right)):
            for row, key in enumerate(keys):
                label = QLabel(mnemonics.get(key, self.labels[key]) + ":", box)
                label.setBuddy(self.widgets[key])
                grid.addWidget(label, row, column)
                grid.addWidget(self.widgets[key], row, column + 1)
        self.stage_note = QLabel(box)
        self.stage_note.setWordWrap(True)
        self.stage_note.setObjectName("stageNote")
        grid.addWidget(self.stage_note, len(right), 3, 2, 2)
        self.problem = QLabel(box)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("Why nothing was saved"))
        self.problem.hide()
        grid.addWidget(self.problem, len(left), 0, 1, 5)
        grid.setRowStretch(len(left) + 1, 1)  # the fields stay together at the top

        side = QWidget(self)
        indicators = QGroupBox(self.tr("Account indicators"), side)
        indicators.setToolTip(self.tr("Facts about the account the signal rules read "
                                      "(risks, upsell suggestions)"))
        self.checks: dict[str, QCheckBox] = {}
        il = QVBoxLayout(indicators)
        for flag in self.flags:
            check = QCheckBox(flag.label, indicators)
            check.setAccessibleName(flag.label)
            check.clicked.connect(lambda on, f=flag.id: self.set_indicator(f, on))
            self.checks[flag.id] = check
            il.addWidget(check)
        if not self.flags:
            il.addWidget(QLabel(self.tr("The playbook defines no account indicators."),
                                indicators))
        notes_box = QGroupBox(self.tr("Notes"), side)
        self.notes = QPlainTextEdit(notes_box)
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setPlaceholderText(self.tr(
            "Anything worth remembering about this account; saved when you leave the box."))
        self.notes.setTabChangesFocus(True)
        _FocusOut(self.notes, lambda: self.change("notes", self.notes.toPlainText()))
        nl = QVBoxLayout(notes_box)
        nl.addWidget(self.notes)
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(indicators)
        sl.addWidget(notes_box, 1)

        people = QGroupBox(self.tr("Stakeholders"), self)
        self.stakeholders = StakeholderPanel(people)
        self.stakeholders.addRequested.connect(self.add_stakeholder)
        self.stakeholders.deleteRequested.connect(self.delete_stakeholder)
        self.stakeholders.model.editRequested.connect(self.change_stakeholder)
        pl = QVBoxLayout(people)
        pl.addWidget(self.stakeholders)

        top = QHBoxLayout()
        top.addWidget(box, 3)
        top.addWidget(side, 2)
        content = QWidget(self)
        column_layout = QVBoxLayout(content)
        column_layout.setContentsMargins(12, 12, 12, 12)
        column_layout.setSpacing(12)
        column_layout.addLayout(top)
        column_layout.addWidget(people, 1)
        people.setMinimumHeight(260)
        scroll = QScrollArea(self)  # a small window scrolls rather than squeezing
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._loading = False

    def _line(self, parent: QWidget, key: str) -> QLineEdit:
        edit = QLineEdit(parent)
        edit.setMaxLength(200)
        edit.editingFinished.connect(lambda: self.change(key, edit.text()))
        return edit

    # -- reading ------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.account_id is None:
            return
        account = self.book.accounts.get(self.account_id)
        self.account = account
        self._loading = True
        try:
            self._show(account)
        finally:
            self._loading = False
        self.stakeholders.set_stakeholders(self.book.stakeholders.list(self.account_id))

    def _show(self, account: AccountView) -> None:
        for widget in (self.name, self.owner, self.sponsor):
            widget.blockSignals(True)
        self.name.setText(account.name)
        self.owner.setText(account.owner)
        self.sponsor.setText(account.executive_sponsor)
        for widget in (self.name, self.owner, self.sponsor):
            widget.blockSignals(False)
        self.plan.setCurrentIndex(max(0, self.plan.findData(account.plan_tier)))
        self.stage.setCurrentIndex(max(0, self.stage.findData(account.stage)))
        self.arr.setValue(account.arr)
        for key, spin in self.numbers.items():
            value = getattr(account, key)
            spin.setValue(NOT_SET if value is None else value)
        for key, edit in self.dates.items():
            day = getattr(account, key)
            edit.setDate(NO_DATE if day is None else qdate(day))
        if not self.notes.hasFocus() or self.notes.toPlainText() == account.notes:
            self.notes.setPlainText(account.notes)
        for flag, check in self.checks.items():
            check.setChecked(flag in account.indicators)
        started = account.stage_started
        self.stage_note.setText("" if started is None else self.tr(
            "In {stage} for {days} days. Moving the stage restarts this clock.").format(
                stage=self.stage_labels.get(account.stage, account.stage),
                days=max(0, (self.context.today() - started).days)))

    # -- editing the account ------------------------------------------------------------
    def shown(self, key: str, value: Any) -> str:
        """A value as the undo name says it: ``250,000``, ``4 Mar 2027``, ``Adoption``."""
        if key == "arr":
            return money_text(float(value))
        if key == "stage":
            return self.stage_labels.get(value, str(value))
        if key == "plan_tier":
            return self.tr(str(value))
        if value is None:
            return self.tr("not set")
        if isinstance(value, dt.date):
            return date_text(value)
        if isinstance(value, int):
            return f"{value:,}"
        text = str(value)
        return text if len(text) <= 40 else text[:39] + "…"

    def change(self, key: str, value: Any) -> AccountView | None:
        """Save one field of the account through the undo stack (nothing when unchanged)."""
        if self._loading or self.account_id is None:
            return None
        account = self.book.accounts.get(self.account_id)
        if isinstance(value, str):
            value = value.strip() if key != "notes" else value.rstrip()
        if value == getattr(account, key):
            return None
        if key == "name" and not value:
            self.show_problem(self.tr("An account needs a name: the name was not changed."))
            self.refresh()
            return None
        self.show_problem("")
        before: dict[str, Any] = {key: getattr(account, key)}
        if key == "stage":  # the store restarts the stage clock: undo puts it back
            before.update(stage_started=account.stage_started,
                          onboarding_started=account.onboarding_started)
        if key == "notes":
            text = self.tr("edit the notes")
        elif isinstance(value, str) and not value:
            text = self.tr("clear {field}").format(field=self.labels[key])
        else:
            text = self.tr("set {field} to {value}").format(
                field=self.labels[key], value=self.shown(key, value))
        return self._edit(text, {key: value}, before)

    def set_indicator(self, flag: str, on: bool) -> AccountView | None:
        if self._loading or self.account_id is None:
            return None
        account = self.book.accounts.get(self.account_id)
        current = list(account.indicators)
        if (flag in current) == on:
            return None
        wanted = [*current, flag] if on else [f for f in current if f != flag]
        label = next(f.label for f in self.flags if f.id == flag)
        text = (self.tr("turn on {indicator}") if on
                else self.tr("turn off {indicator}")).format(indicator=label)
        return self._edit(text, {"indicators": wanted}, {"indicators": current})

    def _edit(self, text: str, changes: dict[str, Any],
              before: dict[str, Any]) -> AccountView | None:
        account_id = self.account_id
        assert account_id is not None
        accounts = self.book.accounts

        def undo(_view: Any) -> None:
            accounts.update(account_id, before)

        saved = self.editor.edit(text, lambda: accounts.update(account_id, changes), undo)
        if saved is None:
            self.refresh()  # refused: show what is stored
        assert saved is None or isinstance(saved, AccountView)
        return saved

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    # -- stakeholders -------------------------------------------------------------------
    def add_stakeholder(self, fields: dict[str, Any]) -> StakeholderView | None:
        assert self.account_id is not None
        text = self.tr("add stakeholder {name}").format(name=fields["name"])
        added = self.edits.add(text, self.book.stakeholders, self.account_id, fields)
        if added is not None:
            self.stakeholders.clear_form()
            self.stakeholders.select(added.name)
        assert added is None or isinstance(added, StakeholderView)
        return added

    def change_stakeholder(self, person: StakeholderView, key: str, value: Any) -> None:
        if key == "is_sponsor":
            text = (self.tr("mark {name} as sponsor") if value
                    else self.tr("unmark {name} as sponsor")).format(name=person.name)
        else:
            header = self.stakeholders.model.columns[
                self.stakeholders.model.column_of(key)].header.lower()
            text = self.tr("set {field} of {name} to {value}").format(
                field=header, name=person.name, value=self.shown(key, value))
        if self.edits.change(text, self.book.stakeholders, person.id, {key: value},
                             {key: getattr(person, key)}) is None:
            self.refresh()

    def delete_stakeholder(self, person: StakeholderView) -> None:
        self.edits.delete(self.tr("delete stakeholder {name}").format(name=person.name),
                          self.book.stakeholders, person.id)
