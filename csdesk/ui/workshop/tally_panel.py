"""The live result on the projector: the readiness score and level as the votes arrive,
and how many dimensions the room disagrees on."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from csdesk.playbook.workshop import WorkshopTally


class TallyPanel(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "panel")
        self.score = QLabel(self)
        self.score.setObjectName("liveScore")
        self.score.setProperty("role", "big")
        self.score.setAccessibleName(self.tr("Live readiness score"))
        self.level = QLabel(self)
        self.level.setObjectName("liveLevel")
        self.level.setProperty("role", "title")
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.disagree = QLabel(self)
        self.disagree.setObjectName("disagreement")
        self.disagree.setProperty("role", "alert")
        self.disagree.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Readiness, live"), self))
        layout.addWidget(self.score)
        layout.addWidget(self.level)
        layout.addWidget(self.detail)
        layout.addWidget(self.disagree)
        layout.addStretch(1)

    def show_tally(self, tally: WorkshopTally) -> None:
        """Only what changed is set (a vote that moves nothing repaints nothing here)."""
        if tally.score is None:
            score, level = "–", self.tr("Waiting for votes")
            detail = self.tr("{n} of {total} dimensions still without a vote").format(
                n=len(tally.missing), total=len(tally.dimensions))
        else:
            score = f"{tally.score:.1f}"
            level = self.tr("{level} readiness").format(level=tally.level)
            detail = self.tr("{n} participants voting").format(n=tally.participants)
        split = [d.label for d in tally.dimensions if d.disagreement]
        disagree = self.tr("⚠ The room disagrees on: {dims}").format(dims=", ".join(split))
        for label, text in ((self.score, score), (self.level, level),
                            (self.detail, detail), (self.disagree, disagree)):
            if label.text() != text:
                label.setText(text)
                label.setAccessibleDescription(text)
        if self.disagree.isHidden() == bool(split):
            self.disagree.setVisible(bool(split))
