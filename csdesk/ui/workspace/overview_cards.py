"""Cards: a titled white panel with a big figure, a line under it, and an optional link
button, as the Overview (and the Expansion page) lay them out."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from csdesk.reports.colours import INK, MUTED, RULE

CARD_STYLE = (
    f"QFrame#card {{ background: white; border: 1px solid {RULE}; border-radius: 6px; }}"
    f" QFrame#card QLabel {{ color: {INK}; background: transparent; border: none; }}"
    f" QFrame#card QLabel#cardTitle {{ color: {MUTED}; font-weight: bold; }}"
    f" QFrame#card QLabel#cardNote {{ color: {MUTED}; }}"
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Overview", text)


def overdue_text(days: int) -> str:
    """``overdue by 3 days`` (``overdue by 1 day``)."""
    return _tr("overdue by 1 day") if days == 1 else _tr("overdue by {n} days").format(n=days)


def text_label(parent: QWidget, rich: bool = False, selectable: bool = True) -> QLabel:
    """A wrapping label whose text can be selected (and read by a screen reader)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class Card(QFrame):
    """``title`` on top, then whatever the owner adds to ``body``."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(CARD_STYLE)
        self.title = QLabel(title.upper(), self)
        self.title.setObjectName("cardTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        font.setLetterSpacing(font.SpacingType.PercentageSpacing, 106)
        self.title.setFont(font)
        self.setAccessibleName(title)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 10, 14, 12)
        self.body.setSpacing(6)
        self.body.addWidget(self.title)


class FigureCard(Card):
    """A headline figure (``value``), a line of detail (``note``) and a link button."""

    def __init__(self, title: str, link: str = "", parent: QWidget | None = None):
        super().__init__(title, parent)
        self.value = text_label(self)
        self.value.setObjectName("cardValue")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setAccessibleName(title)
        self.note = text_label(self, rich=True)
        self.note.setObjectName("cardNote")
        self.body.addWidget(self.value)
        self.body.addWidget(self.note)
        self.body.addStretch(1)
        self.link = QPushButton(link, self)
        self.link.setAccessibleName(link)
        self.link.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.link.setVisible(False)
        self.body.addWidget(self.link)

    def show_figure(self, value: str, note: str = "", colour: str | None = None) -> None:
        self.value.setText(value)
        self.value.setAccessibleName(f"{self.accessibleName()}: {value}")
        self.value.setStyleSheet(f"color: {colour};" if colour else "")
        self.note.setText(note)
        self.note.setVisible(bool(note))
