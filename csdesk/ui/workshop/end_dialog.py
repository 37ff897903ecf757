"""Ending the workshop: the consensus per dimension (the mean of the votes), shown and
editable before it is saved, with the score and level it gives."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from csdesk.playbook.readiness import level_for
from csdesk.playbook.readiness_form import ReadinessForm
from csdesk.playbook.workshop import WorkshopTally


class ConsensusDialog(QDialog):
    def __init__(self, tally: WorkshopTally, form: ReadinessForm,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("End the workshop"))
        self.form = form
        self.spins: dict[str, QDoubleSpinBox] = {}
        intro = QLabel(self.tr(
            "The consensus is the mean of the room's votes. Adjust it where the room "
            "agreed otherwise, then save: the assessment is recorded with every vote, "
            "the charter is filled and the checklist items are ticked."), self)
        intro.setWordWrap(True)
        grid = QFormLayout()
        for row in tally.dimensions:
            spin = QDoubleSpinBox(self)
            spin.setRange(form.scale_min, form.scale_max)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setAccessibleName(row.label)
            if row.mean is None:
                spin.setSpecialValueText(self.tr("no vote"))
                spin.setValue(form.scale_min)
            else:
                spin.setValue(round(row.mean, 1))
            spin.valueChanged.connect(lambda _v: self._update())
            votes = ", ".join(str(v) for v in row.votes) or self.tr("no votes")
            grid.addRow(self.tr("{label} ({votes})").format(label=row.label, votes=votes),
                        spin)
            self.spins[row.dimension] = spin
        self.result_label = QLabel(self)
        self.result_label.setObjectName("consensusResult")
        buttons = QDialogButtonBox(self)
        self.save = buttons.addButton(self.tr("Save assessment and end"),
                                      QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)
        self._update()

    def consensus(self) -> dict[str, float]:
        return {dim: spin.value() for dim, spin in self.spins.items()}

    def _update(self) -> None:
        values = self.consensus()
        score = sum(values[d] for d in self.form.score_dimensions) / len(
            self.form.score_dimensions)
        self.result_label.setText(self.tr("Readiness {score:.1f}: {level}").format(
            score=score, level=level_for(score, self.form)))
