"""A read-only summary of one account beside the portfolio (until the workspace exists)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from csdesk.playbook.form_loader import FormSet
from csdesk.store.views import AccountView, SnapshotView
from csdesk.ui import formatting
from csdesk.ui.status_style import status_styles, status_tooltip


class AccountPanel(QFrame):
    """Name, plan, stage, health score and status, open risks and renewal of one account."""

    def __init__(self, forms: FormSet, parent: QWidget | None = None):
        super().__init__(parent)
        self._forms = forms
        self._styles = status_styles(forms.health)
        self.setObjectName("accountPanel")
        self.setAccessibleName(self.tr("Account summary"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)

        self.title = QLabel(self)
        self.title.setObjectName("accountName")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel(self.tr("Press Enter or double-click an account to see it here."),
                           self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("accountHint")

        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: value below
        for key, label in (("plan", self.tr("Plan")), ("stage", self.tr("Stage")),
                           ("owner", self.tr("Owner")), ("health", self.tr("Health")),
                           ("status", self.tr("Status")), ("as_of", self.tr("Scored on")),
                           ("next_review", self.tr("Next review")),
                           ("risks", self.tr("Open risks")), ("renewal", self.tr("Renewal"))):
            value = QLabel(self)
            value.setObjectName(f"account_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        # The status reads as a coloured badge, as wide as its word.
        self.fields["status"].setWordWrap(False)
        self.fields["status"].setSizePolicy(QSizePolicy.Policy.Fixed,
                                            QSizePolicy.Policy.Preferred)
        self.details = QWidget(self)
        self.details.setLayout(form)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 14)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.details)
        layout.addStretch(1)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.title.setText(self.tr("No account open"))
        self.hint.show()
        self.details.hide()

    def show_account(self, account: AccountView, snapshot: SnapshotView | None,
                     open_risks: int, today: dt.date) -> None:
        self.hint.hide()
        self.details.show()
        self.title.setText(account.name)
        f = self.fields
        f["plan"].setText(account.plan_tier)
        try:
            stage = self._forms.journey.stage(account.stage).label
        except KeyError:
            stage = account.stage
        f["stage"].setText(stage)
        f["owner"].setText(account.owner or self.tr("nobody yet"))
        status = f["status"]
        if snapshot is None:
            f["health"].setText(self.tr("not scored yet"))
            status.setText(self.tr("none"))
            status.setStyleSheet("")
            f["as_of"].setText("")
            f["next_review"].setText("")
        else:
            f["health"].setText(formatting.score_text(snapshot.score))
            style = self._styles.get(snapshot.status)
            status.setText(snapshot.status)
            if style is not None:
                status.setStyleSheet(
                    f"QLabel {{ background: {style.background.name()};"
                    f" color: {style.foreground.name()}; padding: 2px 8px;"
                    " border-radius: 3px; font-weight: bold; }")
            f["as_of"].setText(formatting.date_text(snapshot.as_of))
            review = snapshot.next_review
            f["next_review"].setText(
                "" if review is None else f"{formatting.date_text(review)} "
                f"({formatting.days_text((review - today).days)})")
        status.setToolTip(status_tooltip(self._styles.get(snapshot.status) if snapshot else None,
                                         snapshot.status if snapshot else None, self.tr))
        f["risks"].setText(str(open_risks))
        renewal = account.renewal_date
        f["renewal"].setText(
            self.tr("not set") if renewal is None else
            f"{formatting.date_text(renewal)} ({formatting.days_text((renewal - today).days)})")
