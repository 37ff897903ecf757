"""The live health score: number, status badge, distance to the next status, category
scores, the biggest levers and the recommendations, as the playbook engine computed
them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from csdesk.playbook.health import HealthResult
from csdesk.playbook.health_form import HealthForm
from csdesk.ui.status_style import status_styles, status_tooltip


def _wrapping(parent: QWidget, text_format: Qt.TextFormat = Qt.TextFormat.RichText) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(text_format)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _show(label: QLabel, text: str) -> None:
    """A new text only if it is new: every ``setText`` of a word-wrapped label lays the
    card out and repaints it again (milliseconds per keystroke of a live score)."""
    if label.text() != text:
        label.setText(text)


class ScoreCard(QFrame):
    def __init__(self, form: HealthForm, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.styles = status_styles(form)
        self.score = QLabel(self)
        self.score.setObjectName("liveScore")
        font = self.score.font()
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.score.setFont(font)
        self.score.setAccessibleName(self.tr("Health score"))
        self.status = QLabel(self)
        self.status.setObjectName("liveStatus")
        self._styled: str | None = None  # the status the badge's style sheet is for
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next = _wrapping(self)
        self.categories = _wrapping(self)
        self.levers = _wrapping(self)
        # Plain text: sentences without markup, and a plain label lays out with less work
        # than a rich one (about a fifth less CPU per change, measured offscreen).
        self.recommendations = _wrapping(self, Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.score)
        layout.addWidget(self.status)
        layout.addWidget(self.next)
        for title, widget in ((self.tr("By category"), self.categories),
                              (self.tr("Biggest levers"), self.levers),
                              (self.tr("Recommendations"), self.recommendations)):
            heading = QLabel(f"<b>{title}</b>", self)
            layout.addSpacing(6)
            layout.addWidget(heading)
            layout.addWidget(widget)
        layout.addStretch(1)
        self.setMinimumWidth(300)

    def show_result(self, result: HealthResult) -> None:
        _show(self.score, f"{result.score:.1f}")
        style = self.styles.get(result.status)
        _show(self.status, result.status)
        self.status.setToolTip(status_tooltip(style, result.status))
        if style is not None and result.status != self._styled:
            self._styled = result.status  # a new style sheet re-polishes: only on a change
            self.status.setStyleSheet(
                f"QLabel#liveStatus {{ background: {style.background.name()};"
                f" color: {style.foreground.name()}; border-radius: 8px; padding: 4px;"
                " font-weight: bold; }")
        if result.points_to_next_status is None:
            _show(self.next, self.tr("The best status the form defines."))
        else:
            _show(self.next, self.tr("{pts:.1f} points to the next status.").format(
                pts=result.points_to_next_status))
        _show(self.categories, "<br>".join(
            self.tr("{label}: {score:.1f} × {weight:g} = <b>{points:.1f}</b>").format(
                label=c.label, score=c.score, weight=c.weight, points=c.contribution)
            for c in result.categories))
        _show(self.levers, "<br>".join(
            self.tr("{label} to 100: <b>+{gain:.1f}</b> points").format(
                label=lv.label, gain=lv.headroom) for lv in result.levers)
            or self.tr("Every metric is at 100."))
        _show(self.recommendations, "\n\n".join(f"• {text}" for text in result.recommendations))
