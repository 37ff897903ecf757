"""The journey card of the Overview: the eight stages as a track, how long the account
has been in its stage (and by how much it is overdue), and, during onboarding, the
implementation phase and week. Timing comes from ``playbook.journey``."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtWidgets import QWidget

from csdesk.playbook.journey import implementation_progress, stage_timing
from csdesk.playbook.journey_form import JourneyForm
from csdesk.reports.colours import MUTED
from csdesk.store.views import AccountView
from csdesk.ui import formatting
from csdesk.ui.workspace.journey_track import JourneyTrack
from csdesk.ui.workspace.overview_cards import Card, overdue_text, text_label


class JourneyCard(Card):
    def __init__(self, form: JourneyForm, alert: str, parent: QWidget | None = None):
        super().__init__(self.tr("Customer journey"), parent)
        self.form = form
        self.alert = alert
        self.track = JourneyTrack(self)
        self.stage = text_label(self, rich=True)
        self.stage.setObjectName("stageTiming")
        self.stage.setAccessibleName(self.tr("Time in stage"))
        self.implementation = text_label(self, rich=True)
        self.implementation.setObjectName("implementationProgress")
        self.implementation.setAccessibleName(self.tr("Implementation progress"))
        self.body.addWidget(self.track)
        self.body.addWidget(self.stage)
        self.body.addWidget(self.implementation)

    def show_account(self, account: AccountView, today: dt.date) -> None:
        timing = stage_timing(account.stage, account.stage_started, today, self.form)
        labels = [s.label for s in self.form.stages]
        self.track.set_stages(labels, timing.index, self.alert if timing.overdue else None)
        label = f"<b>{escape(timing.label)}</b>"
        days = timing.days_in_stage
        if days is None:
            text = self.tr("{stage}: the stage's start date is not recorded").format(stage=label)
        elif timing.duration_days is None:
            text = self.tr("{stage} · {days} days in stage (ongoing)").format(
                stage=label, days=days)
        elif timing.overdue:
            late = escape(overdue_text(-(timing.days_left or 0)))
            text = self.tr("{stage} · {days} days in stage, planned {planned} · {late}").format(
                stage=label, days=days, planned=timing.duration_days,
                late=f'<b style="color:{self.alert}">{late}</b>')
        else:
            text = self.tr("{stage} · {days} of {planned} days · {left} days left").format(
                stage=label, days=days, planned=timing.duration_days, left=timing.days_left)
        if timing.started is not None:
            text += escape(self.tr(" · since {date}").format(
                date=formatting.date_text(timing.started)))
        if timing.next_stage is not None:
            text += f" <span style='color:{MUTED}'>" + escape(self.tr("· next: {stage}").format(
                stage=self.form.stage(timing.next_stage).label)) + "</span>"
        self.stage.setText(text)
        self._show_implementation(account, today)

    def _show_implementation(self, account: AccountView, today: dt.date) -> None:
        started = account.onboarding_started
        if account.stage != "onboarding" or started is None:
            self.implementation.setVisible(False)
            return
        self.implementation.setVisible(True)
        progress = implementation_progress(started, today, self.form)
        last_day = self.form.phases[-1].last_day
        if progress.phase is not None:
            text = self.tr("Implementation: <b>Phase {n} · {phase}</b>, week {week}: {title} "
                           "(day {day} of {last})").format(
                n=progress.phase, phase=escape(progress.phase_label or ""),
                week=progress.week, title=escape(progress.week_title or ""),
                day=progress.day, last=last_day)
            if progress.activities:
                text += (f"<br><span style='color:{MUTED}'>"
                         + escape(self.tr("This week: {list}").format(
                             list="; ".join(progress.activities))) + "</span>")
        elif progress.complete:
            text = self.tr("Implementation: all phases complete (day {day} of {last})").format(
                day=progress.day, last=last_day)
        else:
            text = self.tr("Implementation starts in {n} days").format(n=1 - progress.day)
        self.implementation.setText(text)
