"""The three implementation phases of forms/journey.toml side by side: days, weeks and
activities, the current phase and week highlighted, and each phase's success criteria
(the phase_success checklist items of that phase) as tick boxes."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from csdesk.playbook.journey import PhaseProgress
from csdesk.playbook.journey_form import JourneyForm, Phase
from csdesk.store.views import ChecklistItemView

CURRENT = "#1565c0"
CURRENT_WEEK_BACKGROUND = "#e3f0fd"


class PhaseBox(QGroupBox):
    ticked = Signal(object, bool)  # checklist item, done

    def __init__(self, phase: Phase, parent: QWidget | None = None):
        super().__init__(parent)
        self.phase = phase
        self.setObjectName("phaseBox")
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.weeks: list[QLabel] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        for _week in phase.weeks:
            label = QLabel(self)
            label.setObjectName("weekBlock")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            layout.addWidget(label)
            self.weeks.append(label)
        layout.addSpacing(6)
        layout.addWidget(QLabel(self.tr("<b>Success criteria</b>"), self))
        self.criteria_box = QVBoxLayout()
        layout.addLayout(self.criteria_box)
        layout.addStretch(1)
        self.criteria: list[QCheckBox] = []
        self.show_progress(None)

    def week_text(self, n: int, now: int | None) -> str:
        week = self.phase.weeks[n]
        span = (self.tr("Week {w}").format(w=week.first) if week.first == week.last
                else self.tr("Weeks {a}-{b}").format(a=week.first, b=week.last))
        marker = self.tr(" · this week") if now is not None else ""
        items = "".join(f"<li>{html.escape(a)}</li>" for a in week.activities)
        return (f"<b>{span}: {html.escape(week.title)}</b>{marker}"
                f"<ul style='margin-top:0; margin-left:-20px'>{items}</ul>")

    def show_progress(self, progress: PhaseProgress | None) -> None:
        current = progress is not None and progress.phase == self.phase.number
        days = self.tr("days {a}-{b}").format(a=self.phase.first_day, b=self.phase.last_day)
        title = self.tr("Phase {n} · {label}").format(n=self.phase.number,
                                                       label=self.phase.label)
        suffix = (self.tr(" · current phase, day {d}").format(d=progress.day)
                  if current and progress is not None else "")
        self.heading.setText(f"<b>{html.escape(title)}</b><br>{days}{suffix}")
        self.setAccessibleName(title + suffix)
        border = CURRENT if current else "palette(mid)"
        width = 2 if current else 1
        self.setStyleSheet(f"QGroupBox#phaseBox {{ border: {width}px solid {border};"
                           " border-radius: 6px; margin-top: 4px; padding: 6px; }")
        for n, label in enumerate(self.weeks):
            week = self.phase.weeks[n]
            now = (progress.week if current and progress is not None and progress.week
                   is not None and week.first <= progress.week <= week.last else None)
            label.setText(self.week_text(n, now))
            label.setStyleSheet(f"background: {CURRENT_WEEK_BACKGROUND}; border-radius: 4px;"
                                f" border-left: 4px solid {CURRENT}; padding: 2px 4px;"
                                if now is not None else "padding: 2px 4px;")

    def show_criteria(self, items: list[ChecklistItemView]) -> None:
        if [c.property("itemId") for c in self.criteria] != [str(i.id) for i in items]:
            for box in self.criteria:
                box.deleteLater()
            self.criteria = []
            for item in items:
                box = QCheckBox(item.text, self)
                box.setProperty("itemId", str(item.id))
                box.setAccessibleName(item.text)
                box.clicked.connect(lambda on, it=item.id: self._clicked(it, on))
                self.criteria_box.addWidget(box)
                self.criteria.append(box)
        self.items = {str(i.id): i for i in items}
        for box, item in zip(self.criteria, items, strict=True):
            box.setChecked(item.state == "done")
            box.setEnabled(item.state != "na")
            box.setText(item.text + (self.tr(" (n/a)") if item.state == "na" else ""))

    def _clicked(self, item_id: object, on: bool) -> None:
        self.ticked.emit(self.items[str(item_id)], on)


class PhasePlan(QWidget):
    ticked = Signal(object, bool)

    def __init__(self, form: JourneyForm, parent: QWidget | None = None):
        super().__init__(parent)
        self.boxes: dict[int, PhaseBox] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for phase in form.phases:
            box = PhaseBox(phase, self)
            box.ticked.connect(self.ticked)
            layout.addWidget(box, 1)
            self.boxes[phase.number] = box

    def show_progress(self, progress: PhaseProgress | None) -> None:
        for box in self.boxes.values():
            box.show_progress(progress)

    def show_criteria(self, by_phase: dict[int, list[ChecklistItemView]]) -> None:
        for number, box in self.boxes.items():
            box.show_criteria(by_phase.get(number, []))
