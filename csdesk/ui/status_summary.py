"""The status-bar line: how many accounts are shown, how many at risk, how many critical."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QWidget

from csdesk.playbook.health_form import HealthForm
from csdesk.store.views import PortfolioRow


class StatusSummary(QLabel):
    """``5,000 accounts · 1,711 at risk · 1,261 critical`` (counts of the rows shown)."""

    def __init__(self, form: HealthForm, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statusSummary")
        self.setAccessibleName(self.tr("Portfolio summary"))
        # Every status but the best is worth counting out loud.
        self._watched = [s.name for s in form.statuses[1:]]

    def update_counts(self, shown: Sequence[PortfolioRow], total: int) -> None:
        if len(shown) == total:
            parts = [self.tr("{n} accounts").format(n=f"{total:,}") if total != 1
                     else self.tr("1 account")]
        else:
            parts = [self.tr("{shown} of {total} accounts").format(shown=f"{len(shown):,}",
                                                                  total=f"{total:,}")]
        counts = Counter(r.status for r in shown)
        for name in self._watched:
            parts.append(self.tr("{n} {status}").format(n=f"{counts[name]:,}",
                                                        status=name.lower()))
        unscored = counts[None]
        if unscored:
            parts.append(self.tr("{n} not scored").format(n=f"{unscored:,}"))
        self.setText(" · ".join(parts))
