"""The Overview: everything a CSM wants to know about an account at a glance.

Health score with its status and change, readiness, next review, renewal countdown,
license utilization, the journey with the time in stage, the health trend, the triggered
interventions with what fired them, and the open risks. Every figure comes from the
store and the playbook (``book.snapshots.signals`` and friends); nothing is scored here.
An account without a health reading yet says so, and links to the page that records one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from csdesk.reports.chart_data import score_points, status_bands
from csdesk.reports.charts import health_trend
from csdesk.store.views import AccountView, AssessmentView, SnapshotView
from csdesk.ui import formatting
from csdesk.ui.status_style import status_styles, status_tooltip
from csdesk.ui.workspace.overview_cards import Card, FigureCard, overdue_text, text_label
from csdesk.ui.workspace.overview_journey import JourneyCard
from csdesk.ui.workspace.overview_signals import InterventionList, RiskList, worst_first_colours
from csdesk.ui.workspace.overview_usage import UsageCard
from csdesk.ui.workspace.page import PageContext, WorkspacePage
from csdesk.ui.workspace.page_links import go_to_page, has_page
from csdesk.ui.workspace.trend_chart import ChartView


class OverviewPage(WorkspacePage):
    title = "Overview"

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.title = self.tr("Overview")
        forms = self.book.forms
        self.styles = status_styles(forms.health)
        colours = worst_first_colours(forms)
        self.bad, self.good = colours[0], colours[-1]
        self.history: list[SnapshotView] = []

        self.health = FigureCard(self.tr("Health score"), self.tr("Record a health reading"))
        self.health.link.clicked.connect(lambda: go_to_page(self, "health"))
        self.badge = QLabel(self.health)
        self.badge.setObjectName("overviewBadge")
        self.badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.health.body.removeWidget(self.health.value)
        score_row = QHBoxLayout()
        score_row.addWidget(self.health.value)
        score_row.addWidget(self.badge)
        score_row.addStretch(1)
        self.health.body.insertLayout(1, score_row)
        self.readiness = FigureCard(self.tr("Readiness"), self.tr("Assess readiness"))
        self.readiness.link.clicked.connect(lambda: go_to_page(self, "readiness"))
        self.review = FigureCard(self.tr("Next review"))
        self.renewal = FigureCard(self.tr("Renewal"))
        self.usage = UsageCard()
        tiles = QGridLayout()
        tiles.setSpacing(12)
        for n, card in enumerate((self.health, self.readiness, self.review, self.renewal,
                                  self.usage)):
            tiles.addWidget(card, 0, n)
            tiles.setColumnStretch(n, 5 if card is self.usage else 4)

        self.journey = JourneyCard(forms.journey, self.bad)

        self.trend = Card(self.tr("Health trend"))
        self.chart = ChartView(self.trend)
        self.chart.setMinimumHeight(280)
        self.chart.setAccessibleName(self.tr("Health score trend"))
        self.no_trend = self._empty_trend()
        self.trend.body.addWidget(self.chart, 1)
        self.trend.body.addWidget(self.no_trend, 1)

        self.intervention_card = Card(self.tr("Interventions"))
        self.interventions = InterventionList(forms, self.intervention_card)
        self.intervention_card.body.addWidget(self.interventions)
        self.intervention_card.body.addStretch(1)
        self.risk_card = Card(self.tr("Open risks"))
        self.risks = RiskList(forms, self.risk_card)
        self.risk_link = QPushButton(self.tr("Open the risk register"), self.risk_card)
        self.risk_link.setAccessibleName(self.risk_link.text())
        self.risk_link.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.risk_link.clicked.connect(lambda: go_to_page(self, "risks"))
        self.risk_card.body.addWidget(self.risks)
        self.risk_card.body.addWidget(self.risk_link)
        self.risk_card.body.addStretch(1)

        side = QVBoxLayout()
        side.setSpacing(12)
        side.addWidget(self.intervention_card, 3)
        side.addWidget(self.risk_card, 2)
        lower = QHBoxLayout()
        lower.setSpacing(12)
        lower.addWidget(self.trend, 3)
        lower.addLayout(side, 2)

        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(12, 12, 12, 12)
        column.setSpacing(12)
        column.addLayout(tiles)
        column.addWidget(self.journey)
        column.addLayout(lower, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _empty_trend(self) -> QWidget:
        """What the trend card says before the first reading, with the way to record it."""
        box = QWidget(self.trend)
        column = QVBoxLayout(box)
        column.addStretch(1)
        heading = QLabel(self.tr("No health reading yet"), box)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        text = text_label(box)
        text.setObjectName("cardNote")
        text.setText(self.tr(
            "Record the twelve health metrics on the Health page: the score, its trend, the "
            "interventions to make and the next review date appear here."))
        text.setFixedWidth(440)  # wraps to a known width: its height follows
        button = QPushButton(self.tr("Record the first health reading"), box)
        button.setAccessibleName(button.text())
        button.clicked.connect(lambda: go_to_page(self, "health"))
        for widget in (heading, text, button):
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
            if isinstance(widget, QLabel):
                widget.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        return box

    # -- reading ------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.account_id is None:
            return
        book = self.book
        today = self.context.today()
        account = book.accounts.get(self.account_id)
        self.history = book.snapshots.history(self.account_id)
        latest = self.history[-1] if self.history else None
        signals = None if latest is None else book.snapshots.signals(self.account_id)
        assessments = book.assessments.history(self.account_id)
        self._show_health(latest)
        self._show_readiness(assessments[-1] if assessments else None)
        self._show_review(latest, today)
        self._show_renewal(account, today)
        self.usage.show_usage(account, latest)
        self.journey.show_account(account, today)
        self.interventions.show_interventions(
            None if signals is None else signals.interventions, today)
        self.risks.show_risks(book.risks.list(self.account_id))
        self.risk_link.setVisible(has_page(self, "risks"))
        self.chart.setVisible(latest is not None)
        self.no_trend.setVisible(latest is None)
        if latest is not None and (self.isVisible() or self.chart.canvas is not None):
            self.draw_chart()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.history and self.chart.canvas is None:
            self.draw_chart()

    def draw_chart(self) -> None:
        points = score_points(self.history)
        bands = status_bands(self.book.forms.health)
        self.chart.show_figure(lambda: health_trend(points, bands, size=(7.5, 3.0)))

    # -- the tiles ----------------------------------------------------------------------
    def _show_health(self, latest: SnapshotView | None) -> None:
        card = self.health
        card.link.setVisible(latest is None)
        if latest is None:
            card.show_figure(self.tr("No reading"),
                             self.tr("No health reading yet — record one on the Health page."))
            self.badge.hide()
            return
        previous = self.history[-2] if len(self.history) > 1 else None
        note = self.tr("as of {date}").format(date=formatting.date_text(latest.as_of))
        if previous is not None:
            change = latest.score - previous.score
            arrow = formatting.trend_arrow(change)
            colour = {formatting.UP: self.good, formatting.DOWN: self.bad}.get(arrow)
            text = self.tr("{change} since {date}").format(
                change=formatting.change_text(change),
                date=formatting.date_text(previous.as_of))
            text = f'<span style="color:{colour}">{text}</span>' if colour else text
            note = f"{text}<br>{note}"
        else:
            note += "<br>" + self.tr("The first reading: no change to show yet.")
        card.show_figure(formatting.score_text(latest.score), note)
        style = self.styles.get(latest.status)
        self.badge.setText(latest.status)
        self.badge.setAccessibleName(self.tr("Health status: {status}").format(
            status=latest.status))
        self.badge.setToolTip(status_tooltip(style, latest.status, self.tr))
        self.badge.setStyleSheet(
            "" if style is None else
            f"QLabel#overviewBadge {{ background: {style.background.name()};"
            f" color: {style.foreground.name()}; border-radius: 8px; padding: 3px 10px;"
            " font-weight: bold; }")
        self.badge.show()

    def _show_readiness(self, latest: AssessmentView | None) -> None:
        card = self.readiness
        card.link.setVisible(latest is None and has_page(self, "readiness"))
        if latest is None:
            card.show_figure(self.tr("Not assessed"),
                             self.tr("No readiness assessment yet."))
            card.value.setToolTip("")
            return
        form = self.book.forms.readiness
        card.show_figure(latest.level, self.tr("{score:.2f} of {top} · assessed {date}").format(
            score=latest.score, top=form.scale_max,
            date=formatting.date_text(latest.assessed_on)))
        helps = {level.name: level.help for level in form.levels}
        card.value.setToolTip(helps.get(latest.level, ""))

    def _show_review(self, latest: SnapshotView | None, today: dt.date) -> None:
        review = None if latest is None else latest.next_review
        if review is None:
            self.review.show_figure(self.tr("Not planned"),
                                    self.tr("Set by the first health reading."))
            return
        days = (review - today).days
        if days < 0:
            self.review.show_figure(formatting.date_text(review), overdue_text(-days), self.bad)
        else:
            self.review.show_figure(formatting.date_text(review), formatting.days_text(days))

    def _show_renewal(self, account: AccountView, today: dt.date) -> None:
        arr = self.tr("ARR {amount}").format(amount=formatting.money_text(account.arr))
        if account.renewal_date is None:
            self.renewal.show_figure(self.tr("Not set"), arr)
            return
        days = (account.renewal_date - today).days
        note = f"{formatting.date_text(account.renewal_date)} · {arr}"
        if days < 0:
            self.renewal.show_figure(overdue_text(-days), note, self.bad)
        else:
            self.renewal.show_figure(formatting.days_text(days), note)
