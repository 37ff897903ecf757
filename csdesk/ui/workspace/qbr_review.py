"""The selected QBR's own record: its date, attendees (picked from the stakeholders or
typed), ROI promised and achieved, cost savings, and what was said: achievements and
milestones, success stories, challenges, user feedback, roadmap items, expansion topics
and notes. ``edited(key, value, text)`` asks the page to save one field ("" text: the
page names the change)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.store.views import QbrView, StakeholderView
from csdesk.ui.account_dialog import from_qdate, qdate
from csdesk.ui.workspace.entry_list_editor import EntryListEditor
from csdesk.ui.workspace.text_fields import TextBox, TextBoxes

NOT_SET = -1.0
MONEY = ("roi_promised", "roi_achieved", "cost_savings")


class QbrReview(QWidget):
    edited = Signal(str, object, str)  # field, new value, undo text ("" for the page's)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False
        self.labels = {
            "held_on": self.tr("QBR date"), "attendees": self.tr("Attendees"),
            "roi_promised": self.tr("ROI promised"), "roi_achieved": self.tr("ROI achieved"),
            "cost_savings": self.tr("Cost savings"),
            "achievements": self.tr("Key achievements and milestones"),
            "success_stories": self.tr("Success stories"),
            "challenges": self.tr("Challenges faced and resolved"),
            "feedback": self.tr("User feedback"), "roadmap": self.tr("Roadmap items"),
            "expansion_topics": self.tr("Expansion topics"), "notes": self.tr("Notes"),
        }
        hints = {
            "achievements": self.tr("Goals reached, milestones passed, adoption wins"),
            "success_stories": self.tr("A team or a workflow that shows the value"),
            "challenges": self.tr("What got in the way, and how it was resolved"),
            "feedback": self.tr("What users say: survey results, quotes, requests"),
            "roadmap": self.tr("Product roadmap items to present"),
            "expansion_topics": self.tr("New use cases, teams, seats or plans to discuss"),
            "notes": self.tr("Anything else worth keeping from this QBR"),
        }

        facts = QGroupBox(self.tr("The meeting and its value"), self)
        self.held_on = QDateEdit(facts)
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("d MMM yyyy")
        self.held_on.setKeyboardTracking(False)
        self.held_on.setAccessibleName(self.labels["held_on"])
        self.held_on.dateChanged.connect(
            lambda d: self._emit("held_on", from_qdate(d)))
        self.money: dict[str, QDoubleSpinBox] = {}
        form = QFormLayout(facts)
        form.addRow(self.tr("&Date:"), self.held_on)
        for key in MONEY:
            spin = QDoubleSpinBox(facts)
            spin.setRange(NOT_SET, 1e11)
            spin.setDecimals(0)
            spin.setSingleStep(1000)
            spin.setGroupSeparatorShown(True)
            spin.setSpecialValueText(self.tr("not set"))
            spin.setKeyboardTracking(False)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.setAccessibleName(self.labels[key])
            spin.valueChanged.connect(
                lambda v, k=key: self._emit(k, None if v <= NOT_SET else float(v)))
            self.money[key] = spin
            form.addRow(self.labels[key] + ":", spin)

        self.attendees = EntryListEditor(
            self.labels["attendees"],
            self.tr("Who came: pick a stakeholder or type a name and press Enter"), self)
        self.attendees.committed.connect(
            lambda text: self._emit("attendees", self.attendees.entries(), text))
        self.pick = QComboBox(self.attendees)
        self.pick.setAccessibleName(self.tr("Stakeholder to add as an attendee"))
        self.pick_button = QPushButton(self.tr("Add stakeholder"), self.attendees)
        self.pick_button.setAccessibleName(self.tr("Add the chosen stakeholder as an attendee"))
        self.pick_button.clicked.connect(self.add_picked)
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.pick, 1)
        pick_row.addWidget(self.pick_button)
        attendee_layout = self.attendees.layout()
        assert isinstance(attendee_layout, QVBoxLayout)
        attendee_layout.addLayout(pick_row)

        self.texts = TextBoxes(self)
        self.texts.committed.connect(lambda key, text: self._emit(key, text))
        grid = QGridLayout()
        grid.setSpacing(8)
        for n, key in enumerate(hints):
            box = self.texts.add(TextBox(key, self.labels[key], hints[key], self))
            grid.addWidget(box, n // 2, n % 2)

        top = QHBoxLayout()
        top.addWidget(facts, 1)
        top.addWidget(self.attendees, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(grid, 1)

    def _emit(self, key: str, value: Any, text: str = "") -> None:
        if not self._loading:
            self.edited.emit(key, value, text)

    def add_picked(self) -> None:
        name = self.pick.currentData()
        if not name or name in self.attendees.entries():
            return
        self.attendees.new_entry.setText(name)
        self.attendees.add_typed()

    def show_qbr(self, qbr: QbrView, stakeholders: list[StakeholderView]) -> None:
        self._loading = True
        try:
            self.held_on.setDate(qdate(qbr.held_on))
            for key, spin in self.money.items():
                value = getattr(qbr, key)
                spin.setValue(NOT_SET if value is None else value)
            self.attendees.set_entries(list(qbr.attendees))
            self.texts.show({key: getattr(qbr, key) for key in self.texts.boxes})
            self.pick.clear()
            for person in stakeholders:
                shown = f"{person.name} ({person.role})" if person.role else person.name
                if person.name not in qbr.attendees:
                    self.pick.addItem(shown, person.name)
            self.pick.setPlaceholderText(  # shown when nobody is left to pick
                self.tr("Every stakeholder is an attendee") if stakeholders
                else self.tr("No stakeholders recorded"))
            self.pick.setCurrentIndex(0 if self.pick.count() else -1)
            self.pick.setEnabled(self.pick.count() > 0)
            self.pick_button.setEnabled(self.pick.count() > 0)
        finally:
            self._loading = False
