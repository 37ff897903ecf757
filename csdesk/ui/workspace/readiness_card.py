"""The live readiness score: number, level badge, distance to the next level, how the
score is made, the biggest levers and the recommendations, as the playbook computed
them."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from csdesk.playbook.readiness import ReadinessResult
from csdesk.playbook.readiness_form import ReadinessForm
from csdesk.ui.status_style import readable_text_on

# best level first, as the form lists them: green, amber, red (more levels: greys between)
LEVEL_COLOURS = ("#2e7d32", "#f0a202", "#c62828")


def level_colour(form: ReadinessForm, level: str) -> QColor:
    names = [lv.name for lv in form.levels]
    rank = names.index(level) if level in names else len(names) - 1
    if rank == len(names) - 1:
        return QColor(LEVEL_COLOURS[-1])
    return QColor(LEVEL_COLOURS[min(rank, len(LEVEL_COLOURS) - 2)])


def _wrapping(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ReadinessCard(QFrame):
    def __init__(self, form: ReadinessForm, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = form
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.score = QLabel(self)
        self.score.setObjectName("liveReadiness")
        font = self.score.font()
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.score.setFont(font)
        self.score.setAccessibleName(self.tr("Readiness score"))
        self.level = QLabel(self)
        self.level.setObjectName("liveLevel")
        self.level.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.level.setAccessibleName(self.tr("Readiness level"))
        self.next = _wrapping(self)
        self.breakdown = _wrapping(self)
        self.levers = _wrapping(self)
        self.recommendations = _wrapping(self)
        self.recommendations.setAccessibleName(self.tr("Recommendations"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.score)
        layout.addWidget(self.level)
        layout.addWidget(self.next)
        for title, widget in ((self.tr("How the score is made"), self.breakdown),
                              (self.tr("Biggest levers"), self.levers),
                              (self.tr("Recommendations"), self.recommendations)):
            layout.addSpacing(6)
            layout.addWidget(QLabel(f"<b>{title}</b>", self))
            layout.addWidget(widget)
        layout.addStretch(1)
        self.setMinimumWidth(300)

    def show_result(self, result: ReadinessResult) -> None:
        self.score.setText(f"{result.score:.2f}")
        colour = level_colour(self.form, result.level)
        self.level.setText(result.level)
        help_text = next((lv.help for lv in self.form.levels if lv.name == result.level), "")
        self.level.setToolTip(help_text)
        self.level.setStyleSheet(
            f"QLabel#liveLevel {{ background: {colour.name()};"
            f" color: {readable_text_on(colour).name()}; border-radius: 8px; padding: 4px;"
            " font-weight: bold; }")
        if result.points_to_next_level is None:
            self.next.setText(html.escape(help_text) + "<br>"
                              + self.tr("The best level the form defines."))
        else:
            self.next.setText(html.escape(help_text) + "<br>" + self.tr(
                "{pts:.2f} points to the next level.").format(pts=result.points_to_next_level))
        self.breakdown.setText("<br>".join(
            self.tr("{label}: {value:g} × {weight:.2f} = <b>{points:.2f}</b>").format(
                label=html.escape(b.label), value=b.value, weight=b.weight,
                points=b.contribution)
            for b in result.breakdown if b.weight))
        self.levers.setText("<br>".join(
            self.tr("{label} to {top}: <b>+{gain:.2f}</b>").format(
                label=html.escape(lv.label), top=self.form.scale_max, gain=lv.headroom)
            for lv in result.levers) or self.tr("Every scored dimension is at the top."))
        self.recommendations.setText("".join(f"<p>• {html.escape(text)}</p>"
                                             for text in result.recommendations))
