"""The health snapshot form, rendered from forms/health.toml and forms/signals.toml: the
twelve metrics by category (with weights and help), the operational figures the signal
rules read, the events of the period, a note.

Typing updates the live score at once (``liveChanged``); a finished edit (Enter, Tab,
leaving the field, a tick) emits ``committed(field, label, old, new)`` for the page to
save through the undo stack.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from csdesk.playbook.health import HealthResult
from csdesk.playbook.health_form import HealthForm
from csdesk.playbook.records import OPERATIONAL_FIGURES
from csdesk.playbook.signals_form import SignalsForm

UNKNOWN = -1.0

# label, decimals, maximum, suffix of each operational figure
FIGURES: dict[str, tuple[str, int, float, str]] = {
    "recent_support_tickets": ("Support tickets this period", 0, 1e6, ""),
    "escalated_tickets": ("Escalated tickets", 0, 1e6, ""),
    "monthly_executions": ("Monthly executions", 0, 1e12, ""),
    "active_users": ("Active users", 0, 1e9, ""),
    "avg_response_seconds": ("Average response time", 1, 1e6, " s"),
    "error_rate_pct": ("Error rate", 2, 100, " %"),
    "roi_achieved_pct": ("ROI achieved (% of promised)", 0, 1e6, " %"),
}


def _spin(minimum: float, maximum: float, decimals: int, suffix: str = "") -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(minimum, maximum)
    spin.setDecimals(decimals)
    spin.setSuffix(suffix)
    spin.setKeyboardTracking(True)
    spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    spin.setMinimumWidth(90)
    spin.setMaximumWidth(130)
    return spin


def _fix_size(label: QLabel, widest: str) -> None:
    """A label whose size never changes with its text, so that a new text repaints the
    label alone: a label of another size has its page laid out again on every keystroke
    of a live score."""
    label.setFixedSize(max(130, label.fontMetrics().horizontalAdvance(widest) + 4),
                       label.sizeHint().height())


class HealthInputs(QWidget):
    liveChanged = Signal()
    committed = Signal(str, str, object, object)  # field, label, old value, new value

    def __init__(self, form: HealthForm, signals: SignalsForm, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = form
        self.metric_spins: dict[str, QDoubleSpinBox] = {}
        self.points: dict[str, QLabel] = {}
        self.figure_spins: dict[str, QDoubleSpinBox] = {}
        self.flag_boxes: dict[str, QCheckBox] = {}
        self.saved: dict[str, Any] = {}
        self._loading = False

        grid = QGridLayout()
        for n, cat in enumerate(form.categories):
            box = QGroupBox(self.tr("{label} · {weight:.0%} of the score").format(
                label=cat.label, weight=cat.weight), self)
            rows = QFormLayout(box)
            for m in cat.metrics:
                spin = _spin(form.metric_min, form.metric_max, 2)
                spin.setAccessibleName(m.label)
                spin.setToolTip(self.tr("{help}. Weight in the score: {w:.1%}").format(
                    help=m.help, w=cat.weight * m.weight))
                spin.valueChanged.connect(self._live)
                spin.editingFinished.connect(lambda name=m.id: self._finished(name))
                points = QLabel(box)
                _fix_size(points, self._points_text(-100.0, 100.0))
                row = QWidget(box)
                line = QGridLayout(row)
                line.setContentsMargins(0, 0, 0, 0)
                line.addWidget(spin, 0, 0)
                line.addWidget(points, 0, 1, Qt.AlignmentFlag.AlignVCenter)
                line.setColumnStretch(2, 1)
                label = QLabel(m.label, box)
                label.setToolTip(m.help)
                label.setBuddy(spin)
                rows.addRow(label, row)
                self.metric_spins[m.id] = spin
                self.points[m.id] = points
            grid.addWidget(box, n // 2, n % 2)

        figures = QGroupBox(self.tr("Operational figures (the signal rules read these)"), self)
        frows = QFormLayout(figures)
        for name in OPERATIONAL_FIGURES:
            caption, decimals, maximum, suffix = FIGURES[name]
            fspin = _spin(UNKNOWN, maximum, decimals, suffix)
            fspin.setSpecialValueText(self.tr("unknown"))
            fspin.setAccessibleName(caption)
            fspin.editingFinished.connect(lambda name=name: self._finished(name))
            frows.addRow(self.tr(caption), fspin)
            self.figure_spins[name] = fspin
        events = QGroupBox(self.tr("Events this period"), self)
        erows = QVBoxLayout(events)
        for flag in signals.flags:
            if flag.scope != "snapshot":
                continue
            tick = QCheckBox(flag.label, events)
            tick.toggled.connect(lambda _on, name=flag.id: self._finished(name))
            erows.addWidget(tick)
            self.flag_boxes[flag.id] = tick
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("A note on this reading (optional)"))
        self.note.setAccessibleName(self.tr("Note"))
        self.note.editingFinished.connect(lambda: self._finished("note"))
        erows.addWidget(self.note)
        grid.addWidget(figures, 2, 0)
        grid.addWidget(events, 2, 1)
        self.setLayout(grid)

    # -- values -------------------------------------------------------------------------
    def metrics(self) -> dict[str, float]:
        return {name: spin.value() for name, spin in self.metric_spins.items()}

    def figures(self) -> dict[str, float | int | None]:
        out: dict[str, float | int | None] = {}
        for name, spin in self.figure_spins.items():
            value = spin.value()
            if value <= UNKNOWN:
                out[name] = None
            else:
                out[name] = int(value) if spin.decimals() == 0 else value
        return out

    def flags(self) -> list[str]:
        return sorted(name for name, box in self.flag_boxes.items() if box.isChecked())

    def value_of(self, name: str) -> Any:
        if name in self.metric_spins:
            return self.metric_spins[name].value()
        if name in self.figure_spins:
            return self.figures()[name]
        if name in self.flag_boxes:
            return self.flag_boxes[name].isChecked()
        return self.note.text().strip()

    def label_of(self, name: str) -> str:
        if name in self.metric_spins:
            return self.form.metric(name).label
        if name in FIGURES:
            return self.tr(FIGURES[name][0])
        if name in self.flag_boxes:
            return self.flag_boxes[name].text()
        return self.tr("Note")

    def set_values(self, metrics: dict[str, float], figures: dict[str, Any],
                   flags: list[str], note: str) -> None:
        """Show a reading without emitting edits."""
        self._loading = True
        try:
            for name, spin in self.metric_spins.items():
                spin.setValue(metrics.get(name, 0.0))
            for name, spin in self.figure_spins.items():
                value = figures.get(name)
                spin.setValue(UNKNOWN if value is None else float(value))
            for name, box in self.flag_boxes.items():
                box.setChecked(name in flags)
            self.note.setText(note)
        finally:
            self._loading = False
        self.saved = {name: self.value_of(name) for name in
                      (*self.metric_spins, *self.figure_spins, *self.flag_boxes, "note")}
        self.liveChanged.emit()

    def show_result(self, result: HealthResult) -> None:
        """Each metric's points in the score and what it leaves on the table."""
        for row in result.breakdown:
            self.points[row.metric].setText(self._points_text(row.contribution, row.headroom))

    def _points_text(self, points: float, lever: float) -> str:
        return self.tr("{pts:+.1f} pts · {lever:.1f} to gain").format(pts=points, lever=lever)

    # -- edits ----------------------------------------------------------------------------
    def _live(self) -> None:
        if not self._loading:
            self.liveChanged.emit()

    def _finished(self, name: str) -> None:
        if self._loading:
            return
        new = self.value_of(name)
        old = self.saved.get(name)
        if new == old:
            return
        self.saved[name] = new
        self.committed.emit(name, self.label_of(name), old, new)
