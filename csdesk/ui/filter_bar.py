"""The search box and filters above the portfolio, wired to a ``PortfolioFilter``."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from csdesk.playbook.form_loader import FormSet
from csdesk.ui.portfolio_model import NOT_SCORED, PortfolioFilter

RENEWAL_WINDOWS = (90, 180)  # days, as the renewal filter offers them


class FilterBar(QWidget):
    """Search text and four combos; every change applies at once to the proxy."""

    def __init__(self, proxy: PortfolioFilter, forms: FormSet, parent: QWidget | None = None):
        super().__init__(parent)
        self._proxy = proxy
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search accounts or owners"))
        self.search.setAccessibleName(self.tr("Search accounts or owners"))
        self.search.setToolTip(self.tr("Type part of an account name or an owner (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        self.search.textChanged.connect(proxy.set_search)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search,
                  context=Qt.ShortcutContext.WindowShortcut)

        self.status = self._combo("statusFilter", self.tr("Filter by health status"))
        self.status.addItem(self.tr("All statuses"), None)
        for style in forms.health.statuses:
            self.status.addItem(style.name, style.name)
        self.status.addItem(self.tr("Not scored"), NOT_SCORED)

        self.stage = self._combo("stageFilter", self.tr("Filter by journey stage"))
        self.stage.addItem(self.tr("All stages"), None)
        for stage in forms.journey.stages:
            self.stage.addItem(stage.label, stage.id)

        self.owner = self._combo("ownerFilter", self.tr("Filter by owner"))
        self.owner.addItem(self.tr("All owners"), None)

        self.renewal = self._combo("renewalFilter", self.tr("Filter by renewal date"))
        self.renewal.addItem(self.tr("Any renewal date"), None)
        for days in RENEWAL_WINDOWS:
            self.renewal.addItem(self.tr("Renewing within {days} days").format(days=days), days)

        self.status.currentIndexChanged.connect(
            lambda _i: proxy.set_status(self.status.currentData()))
        self.stage.currentIndexChanged.connect(
            lambda _i: proxy.set_stage(self.stage.currentData()))
        self.owner.currentIndexChanged.connect(
            lambda _i: proxy.set_owner(self.owner.currentData()))
        self.renewal.currentIndexChanged.connect(
            lambda _i: proxy.set_renewal_within(self.renewal.currentData()))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(8)
        layout.addWidget(self.search, 3)
        for combo in (self.status, self.stage, self.owner, self.renewal):
            layout.addWidget(combo, 1)
        layout.addStretch(0)

    def _combo(self, name: str, label: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(label)
        combo.setToolTip(label)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def set_owners(self, owners: Iterable[str]) -> None:
        """Offer these owners; keep the chosen one if it is still there."""
        chosen = self.owner.currentData()
        self.owner.blockSignals(True)
        try:
            while self.owner.count() > 1:
                self.owner.removeItem(1)
            for owner in sorted({o for o in owners if o}, key=str.casefold):
                self.owner.addItem(owner, owner)
            index = self.owner.findData(chosen) if chosen is not None else 0
            self.owner.setCurrentIndex(max(index, 0))
        finally:
            self.owner.blockSignals(False)
        self._proxy.set_owner(self.owner.currentData())

    def clear(self) -> None:
        """Show every account again."""
        self.search.clear()
        for combo in (self.status, self.stage, self.owner, self.renewal):
            combo.setCurrentIndex(0)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
