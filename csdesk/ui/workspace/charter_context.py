"""What the charter page shows beside the charter, read-only: the implementation
roadmap's phases from forms/journey.toml (with their dates once onboarding has started,
and where the account is now)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QFont

from csdesk.playbook.journey import implementation_progress
from csdesk.playbook.journey_form import JourneyForm
from csdesk.ui.formatting import date_text
from csdesk.ui.workspace.record_table_model import Column, RecordTableModel, Role


@dataclass(frozen=True)
class PhaseRow:
    id: str
    phase: str  # "1 · Foundation"
    days: str  # "days 1–30"
    dates: str  # "2 Mar – 31 Mar 2026", or "" before onboarding started
    weeks: str  # the week titles, one per line
    state: str  # "done", "now (week 3)", "ahead"
    current: bool


def phase_rows(journey: JourneyForm, onboarding_started: dt.date | None,
               today: dt.date, tr: Any = str) -> list[PhaseRow]:
    progress = (implementation_progress(onboarding_started, today, journey)
                if onboarding_started is not None else None)
    rows = []
    for phase in journey.phases:
        dates = ""
        state = ""
        current = False
        if onboarding_started is not None and progress is not None:
            first = onboarding_started + dt.timedelta(days=phase.first_day - 1)
            last = onboarding_started + dt.timedelta(days=phase.last_day - 1)
            dates = f"{date_text(first)} – {date_text(last)}"
            if progress.day > phase.last_day:
                state = tr("done")
            elif progress.phase == phase.number:
                current = True
                state = tr("now (week {n})").format(n=progress.week)
            else:
                state = tr("ahead")
        rows.append(PhaseRow(
            id=phase.id, phase=f"{phase.number} · {phase.label}",
            days=tr("days {first}–{last}").format(first=phase.first_day, last=phase.last_day),
            dates=dates, weeks="\n".join(w.title for w in phase.weeks), state=state,
            current=current))
    return rows


class PhaseModel(RecordTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.columns = [
            Column("phase", self._tr("Phase")),
            Column("days", self._tr("Days")),
            Column("dates", self._tr("Dates")),
            Column("state", self._tr("Where")),
        ]

    def extra(self, record: Any, key: str, role: int) -> Any:
        if role == Role.FontRole and record.current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Role.ToolTipRole:
            return record.weeks
        return None
