"""License utilization: active users against licensed users and monthly executions
against the execution limit, from the latest snapshot's figures and the account."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QWidget

from csdesk.reports.colours import ACCENT, PANEL, RULE
from csdesk.store.views import AccountView, SnapshotView
from csdesk.ui.workspace.overview_cards import Card

INT_LIMIT = 2_000_000_000  # QProgressBar counts in 32-bit ints
BAR_STYLE = (f"QProgressBar {{ border: 1px solid {RULE}; border-radius: 4px;"
             f" background: {PANEL};}}"
             f" QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}")


class UsageCard(Card):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("License utilization"), parent)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        self.bars: dict[str, QProgressBar] = {}
        self.texts: dict[str, QLabel] = {}
        for row, (key, label) in enumerate((("users", self.tr("Active users")),
                                            ("executions", self.tr("Executions this month")))):
            bar = QProgressBar(self)
            bar.setStyleSheet(BAR_STYLE)
            bar.setAccessibleName(label)
            bar.setTextVisible(False)
            bar.setFixedHeight(10)
            text = QLabel(self)
            text.setObjectName("cardNote")
            grid.addWidget(text, row * 2, 0)
            grid.addWidget(bar, row * 2 + 1, 0)
            self.bars[key] = bar
            self.texts[key] = text
        self.body.addLayout(grid)
        self.body.addStretch(1)

    def show_usage(self, account: AccountView, latest: SnapshotView | None) -> None:
        self._show("users", self.tr("Active users"),
                   None if latest is None else latest.active_users, account.licensed_users,
                   self.tr("licensed"))
        self._show("executions", self.tr("Executions this month"),
                   None if latest is None else latest.monthly_executions,
                   account.monthly_execution_limit, self.tr("limit"))

    def _show(self, key: str, label: str, used: int | None, limit: int | None,
              limit_word: str) -> None:
        bar, text = self.bars[key], self.texts[key]
        if used is None and limit is None:
            text.setText(self.tr("{label}: not recorded").format(label=label))
            bar.hide()
            return
        if used is None:
            text.setText(self.tr("{label}: not recorded · {limit:,} {word}").format(
                label=label, limit=limit, word=limit_word))
            bar.hide()
            return
        if not limit:
            text.setText(self.tr("{label}: {used:,} · no {word} set").format(
                label=label, used=used, word=limit_word))
            bar.hide()
            return
        share = round(100 * used / limit)
        text.setText(self.tr("{label}: {used:,} of {limit:,} ({share}%)").format(
            label=label, used=used, limit=limit, share=share))
        scale = max(1, -(-max(used, limit) // INT_LIMIT))
        bar.setRange(0, limit // scale)
        bar.setValue(min(used, limit) // scale)
        bar.setAccessibleDescription(text.text())
        bar.show()
