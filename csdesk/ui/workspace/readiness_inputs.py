"""The readiness assessment form, rendered from forms/readiness.toml: the nine dimensions
in their three groups, each a 1-5 choice with the chosen level's anchor sentence beside
it, the dimensions that feed the score marked; and the three risk lists.

A choice emits ``liveChanged`` (for the live score) and then ``committed(text)`` with the
undo text ("set Executive sponsorship to 4") for the page to save.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.playbook.readiness import ReadinessResult
from csdesk.playbook.readiness_form import Dimension, ReadinessForm
from csdesk.ui.workspace.entry_list_editor import EntryListEditor

SCORE_MARK = "◆"


class LevelPicker(QWidget):
    """Five checkable buttons for one dimension. Tab reaches the row, the arrow keys move
    between levels, Space or a digit 1-5 picks one."""

    picked = Signal(int)

    def __init__(self, dimension: Dimension, parent: QWidget | None = None):
        super().__init__(parent)
        self.dimension = dimension
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.buttons: list[QToolButton] = []
        for level, anchor in enumerate(dimension.anchors, start=1):
            button = QToolButton(self)
            button.setText(str(level))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setMinimumSize(30, 28)
            button.setToolTip(f"{level}: {anchor}")
            button.setAccessibleName(self.tr("{label}: {level}").format(
                label=dimension.label, level=level))
            button.setAccessibleDescription(anchor)
            button.installEventFilter(self)
            self.group.addButton(button, level)
            layout.addWidget(button)
            self.buttons.append(button)
        self.group.idClicked.connect(self.picked)

    def set_value(self, value: float) -> None:
        """Check the level's button; a fractional (workshop mean) value checks none."""
        self.group.setExclusive(False)
        for level, button in enumerate(self.buttons, start=1):
            button.setChecked(float(level) == value)
        self.group.setExclusive(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            if text.isdigit() and 1 <= int(text) <= len(self.buttons):
                button = self.buttons[int(text) - 1]
                button.setFocus()
                button.click()
                return True
        return super().eventFilter(watched, event)


class ReadinessInputs(QWidget):
    liveChanged = Signal()
    committed = Signal(str)  # the undo text of the change

    def __init__(self, form: ReadinessForm, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = form
        self.values: dict[str, float] = {d.id: float(form.scale_min) for d in form.dimensions}
        self.pickers: dict[str, LevelPicker] = {}
        self.anchors: dict[str, QLabel] = {}
        self.points: dict[str, QLabel] = {}
        self.lists: dict[str, EntryListEditor] = {}
        share = 1 / len(form.score_dimensions)
        self.setStyleSheet(
            "LevelPicker QToolButton:checked { background: palette(highlight);"
            " color: palette(highlighted-text); font-weight: bold;"
            " border: 1px solid palette(dark); border-radius: 3px; }")
        metrics = self.fontMetrics()
        label_width = max(metrics.horizontalAdvance(f"{d.label} {SCORE_MARK}")
                          for d in form.dimensions) + 12
        layout = QVBoxLayout(self)
        for group in form.groups:
            box = QGroupBox(group.label, self)
            grid = QGridLayout(box)
            grid.setColumnStretch(2, 1)
            grid.setHorizontalSpacing(10)
            for row, dim in enumerate(group.dimensions):
                scored = dim.id in form.score_dimensions
                caption = f"{dim.label} {SCORE_MARK}" if scored else dim.label
                label = QLabel(caption, box)
                label.setFixedWidth(label_width)
                label.setToolTip(self._all_anchors(dim, scored, share))
                picker = LevelPicker(dim, box)
                picker.picked.connect(lambda level, d=dim.id: self._picked(d, level))
                picker.setToolTip(label.toolTip())
                label.setBuddy(picker.buttons[0])
                anchor = QLabel(box)
                anchor.setWordWrap(True)
                anchor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
                anchor.setAccessibleName(self.tr("{label}, chosen level").format(label=dim.label))
                points = QLabel(box)
                points.setObjectName("dimensionPoints")
                points.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(label, row, 0)
                grid.addWidget(picker, row, 1)
                grid.addWidget(anchor, row, 2)
                grid.addWidget(points, row, 3)
                self.pickers[dim.id] = picker
                self.anchors[dim.id] = anchor
                self.points[dim.id] = points
            layout.addWidget(box)
        legend = QLabel(self.tr("{mark} feeds the readiness score (the mean of the marked "
                                "dimensions); every dimension drives the recommendations.")
                        .format(mark=SCORE_MARK), self)
        legend.setWordWrap(True)
        layout.addWidget(legend)
        lists = QHBoxLayout()
        for risk_list in form.risk_lists:
            editor = EntryListEditor(risk_list.label, risk_list.help, self)
            editor.committed.connect(lambda _text: self.liveChanged.emit())
            editor.committed.connect(self.committed)
            lists.addWidget(editor)
            self.lists[risk_list.id] = editor
        layout.addLayout(lists)
        layout.addStretch(1)

    def _all_anchors(self, dim: Dimension, scored: bool, share: float) -> str:
        lines = "".join(f"<li><b>{n}</b>: {html.escape(a)}</li>"
                        for n, a in enumerate(dim.anchors, start=1))
        weight = (self.tr("Feeds the readiness score: weight {w:.0%}.").format(w=share)
                  if scored else self.tr("Not in the score; drives the recommendations."))
        return f"<p>{html.escape(dim.help)}</p><ol style='margin:0'>{lines}</ol><p>{weight}</p>"

    # -- values -------------------------------------------------------------------------
    def assessment_values(self) -> dict[str, Any]:
        return {**self.values, **{name: ed.entries() for name, ed in self.lists.items()}}

    def set_values(self, values: dict[str, Any]) -> None:
        """Show an assessment without emitting edits."""
        for dim in self.form.dimensions:
            value = float(values.get(dim.id, self.form.scale_min))
            self.values[dim.id] = value
            self.pickers[dim.id].set_value(value)
            self._show_anchor(dim, value)
        for name, editor in self.lists.items():
            editor.set_entries(list(values.get(name, [])))
        self.liveChanged.emit()

    def _show_anchor(self, dim: Dimension, value: float) -> None:
        nearest = min(max(round(value), 1), len(dim.anchors))
        text = dim.anchors[nearest - 1]
        if value != nearest:
            text = self.tr("{value:g}, the workshop's mean: nearest {text}").format(
                value=value, text=text)
        self.anchors[dim.id].setText(text)

    def show_result(self, result: ReadinessResult) -> None:
        """Each scored dimension's points in the score."""
        for row in result.breakdown:
            label = self.points[row.dimension]
            label.setText(self.tr("{pts:.2f} pts").format(pts=row.contribution)
                          if row.weight else "")

    # -- edits ----------------------------------------------------------------------------
    def _picked(self, dimension: str, level: int) -> None:
        if self.values[dimension] == level:
            return
        self.values[dimension] = float(level)
        dim = self.form.dimension(dimension)
        self._show_anchor(dim, level)
        self.liveChanged.emit()
        self.committed.emit(self.tr("set {label} to {level}").format(
            label=dim.label, level=level))
