"""The customer journey as a horizontal track: the stages of forms/journey.toml as dots on
a line, the ones passed filled, the current one ringed and named in bold (in the
warning colour when it runs over its duration)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from csdesk.reports.colours import ACCENT, FAINT, INK, MUTED, RULE

DOT = 7.0  # radius of a stage's dot
TOP = 14.0  # the line's distance from the top


class JourneyTrack(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.labels: list[str] = []
        self.current = -1
        self.alert: str | None = None  # the current stage's colour when it is overdue
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader can land on it

    def set_stages(self, labels: list[str], current: int, alert: str | None = None) -> None:
        self.labels = list(labels)
        self.current = current
        self.alert = alert
        if 0 <= current < len(labels):
            self.setAccessibleName(self.tr("Journey: stage {n} of {total}, {label}").format(
                n=current + 1, total=len(labels), label=labels[current]))
        self.setToolTip(" → ".join(labels))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(100 * max(len(self.labels), 1), int(TOP + DOT + 8 + line * 2 + 6))

    def minimumSizeHint(self) -> QSize:
        return QSize(60 * max(len(self.labels), 1), self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.labels:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        n = len(self.labels)
        step = self.width() / n
        xs = [step * (i + 0.5) for i in range(n)]
        accent = QColor(ACCENT)
        current_colour = QColor(self.alert) if self.alert else accent
        # the line: done up to the current stage, faint after it
        for i in range(n - 1):
            done = i < self.current
            painter.setPen(QPen(accent if done else QColor(RULE), 3 if done else 2))
            painter.drawLine(QPointF(xs[i] + DOT, TOP), QPointF(xs[i + 1] - DOT, TOP))
        base = self.font()
        for i, (x, label) in enumerate(zip(xs, self.labels, strict=True)):
            centre = QPointF(x, TOP)
            if i < self.current:
                painter.setPen(QPen(accent, 2))
                painter.setBrush(accent)
                painter.drawEllipse(centre, DOT - 1, DOT - 1)
            elif i == self.current:
                painter.setPen(QPen(current_colour, 3))
                painter.setBrush(QColor("white"))
                painter.drawEllipse(centre, DOT + 2, DOT + 2)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(current_colour)
                painter.drawEllipse(centre, DOT - 2.5, DOT - 2.5)
            else:
                painter.setPen(QPen(QColor(FAINT), 2))
                painter.setBrush(QColor("white"))
                painter.drawEllipse(centre, DOT - 1, DOT - 1)
            font = QFont(base)
            font.setBold(i == self.current)
            painter.setFont(font)
            painter.setPen(current_colour if i == self.current
                           else QColor(INK if i < self.current else MUTED))
            box = QRectF(x - step / 2 + 2, TOP + DOT + 8, step - 4, self.height())
            painter.drawText(box, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                                      | Qt.TextFlag.TextWordWrap), label)
        painter.end()
