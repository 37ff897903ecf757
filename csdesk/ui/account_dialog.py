"""File > New account: the few facts an account starts with (name, plan, owner, journey
stage, renewal date). Everything else is edited on its Details page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from csdesk.playbook.form_loader import FormSet
from csdesk.ui.workspace.cell_editors import NO_DATE

PLAN_TIERS = ("Starter", "Professional", "Enterprise")


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date | None:
    return None if day == NO_DATE or not day.isValid() else dt.date(
        day.year(), day.month(), day.day())


class NewAccountDialog(QDialog):
    """``fields()`` is what to create; OK is enabled once the account has a name."""

    def __init__(self, forms: FormSet, today: dt.date, owner: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New account"))
        self.setObjectName("newAccountDialog")
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.name.setPlaceholderText(self.tr("Company name, e.g. Acme Robotics"))
        self.name.setAccessibleName(self.tr("Account name (required)"))
        self.plan = QComboBox(self)
        self.plan.setAccessibleName(self.tr("Plan tier"))
        for tier in PLAN_TIERS:
            self.plan.addItem(self.tr(tier), tier)
        self.owner = QLineEdit(owner, self)
        self.owner.setMaxLength(200)
        self.owner.setAccessibleName(self.tr("Owner"))
        self.stage = QComboBox(self)
        self.stage.setAccessibleName(self.tr("Journey stage"))
        for stage in forms.journey.stages:
            self.stage.addItem(stage.label, stage.id)
        self.stage.setCurrentIndex(max(0, self.stage.findData("onboarding")))
        self.renewal = QDateEdit(self)
        self.renewal.setCalendarPopup(True)
        self.renewal.setDisplayFormat("d MMM yyyy")
        self.renewal.setMinimumDate(NO_DATE)
        self.renewal.setSpecialValueText(self.tr("no renewal date"))
        self.renewal.setAccessibleName(self.tr("Renewal date"))
        self.renewal.setDate(qdate(today).addYears(1))
        self.problem = QLabel(self)
        self.problem.setObjectName("formProblem")
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        self.problem.hide()

        form = QFormLayout()
        for text, widget in ((self.tr("&Name:"), self.name), (self.tr("&Plan:"), self.plan),
                             (self.tr("&Owner:"), self.owner), (self.tr("&Stage:"), self.stage),
                             (self.tr("&Renewal date:"), self.renewal)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Create account"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)

    def _check(self) -> None:
        self.ok.setEnabled(bool(self.name.text().strip()))

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def fields(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "plan_tier": self.plan.currentData(),
                "owner": self.owner.text().strip(), "stage": self.stage.currentData(),
                "renewal_date": from_qdate(self.renewal.date())}
