"""What the rules say about an account, in words: the triggered interventions grouped by
level with the values that fired them and the date to respond by, and the open risks
(most severe first). Everything here was decided by ``playbook.signals``; this only
writes it out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from csdesk.playbook.form_loader import FormSet
from csdesk.playbook.signals import TriggeredIntervention
from csdesk.reports.colours import FAINT, MUTED
from csdesk.store.views import RiskView
from csdesk.ui import formatting
from csdesk.ui.status_style import readable_text_on, status_styles
from csdesk.ui.workspace.overview_cards import overdue_text

SEVERITY_ORDER = ("High", "Medium", "Low")
TOP_RISKS = 3


def pill(text: str, colour: str) -> str:
    """``text`` on a coloured background, in black or white, whichever reads better."""
    ink = readable_text_on(QColor(colour)).name()
    return (f'<span style="background-color:{colour}; color:{ink}; font-weight:bold;">'
            f"&nbsp;{escape(text)}&nbsp;</span>")


def worst_first_colours(forms: FormSet) -> list[str]:
    """The status colours of forms/health.toml, worst status first."""
    return [s.background.name() for s in
            sorted(status_styles(forms.health).values(), key=lambda s: -s.rank)]


class _RichList(QLabel):
    def __init__(self, forms: FormSet, parent: QWidget | None = None):
        super().__init__(parent)
        self.forms = forms
        self.colours = worst_first_colours(forms)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def colour(self, rank_from_worst: int) -> str:
        return self.colours[min(rank_from_worst, len(self.colours) - 1)]


class InterventionList(_RichList):
    """Critical, warning and opportunity interventions, each with what fired it."""

    def __init__(self, forms: FormSet, parent: QWidget | None = None):
        super().__init__(forms, parent)
        self.setAccessibleName(self.tr("Triggered interventions"))
        self.plain: list[str] = []  # one line per intervention, as a screen reader reads it

    def show_interventions(self, triggered: Sequence[TriggeredIntervention] | None,
                           today: dt.date) -> None:
        self.plain = []
        if triggered is None:
            self.setText(self.tr("Interventions appear once a health reading is recorded."))
            return
        if not triggered:
            self.setText(self.tr("No intervention triggered: nothing needs a response now."))
            return
        parts = []
        for rank, level in enumerate(self.forms.signals.intervention_levels):
            group = [t for t in triggered if t.level == level.id]
            if not group:
                continue
            due = group[0].respond_by
            days = (due - today).days
            if days < 0:
                when = self.tr("respond by {date}, {late}").format(
                    date=formatting.date_text(due), late=overdue_text(-days))
                when = f'<b style="color:{self.colour(0)}">{escape(when)}</b>'
            else:
                when = escape(self.tr("respond by {date} ({days})").format(
                    date=formatting.date_text(due), days=formatting.days_text(days)))
            parts.append(f"<p style='margin-top:8px'>{pill(level.label, self.colour(rank))}"
                         f" &nbsp;<span style='color:{MUTED}'>{when}</span></p>")
            for t in group:
                fired = "; ".join(o for o in t.observed if o != t.label)
                self.plain.append(f"{t.label}: {fired}" if fired else t.label)
                seen = f" <span style='color:{MUTED}'>— {escape(fired)}</span>" if fired else ""
                parts.append(f"<p style='margin-left:10px; margin-top:3px'>"
                             f"<b>{escape(t.label)}</b>{seen}</p>")
        self.setText("".join(parts))


class RiskList(_RichList):
    """The count of open risks and the most severe of them."""

    def __init__(self, forms: FormSet, parent: QWidget | None = None):
        super().__init__(forms, parent)
        self.setAccessibleName(self.tr("Open risks"))

    def show_risks(self, risks: Sequence[RiskView]) -> None:
        open_risks = [r for r in risks if r.status == "open"]
        if not open_risks:
            self.setText(self.tr("No open risks."))
            return
        ranked = sorted(open_risks, key=lambda r: (
            SEVERITY_ORDER.index(r.severity) if r.severity in SEVERITY_ORDER else 9,
            -r.raised_on.toordinal()))
        count = (self.tr("1 open risk") if len(open_risks) == 1
                 else self.tr("{n} open risks").format(n=len(open_risks)))
        parts = [f"<p><b>{escape(count)}</b></p>"]
        for risk in ranked[:TOP_RISKS]:
            severity = SEVERITY_ORDER.index(risk.severity) if risk.severity in SEVERITY_ORDER \
                else len(SEVERITY_ORDER)
            colour = self.colour(severity) if severity < 2 else FAINT
            since = self.tr("raised {date}").format(date=formatting.date_text(risk.raised_on))
            detail = " · ".join([*risk.observed, since])
            parts.append(f"<p style='margin-top:6px'>{pill(risk.severity, colour)} "
                         f"<b>{escape(risk.type)}</b> · {escape(risk.description)}<br>"
                         f"<span style='color:{MUTED}'>{escape(detail)}</span></p>")
        more = len(open_risks) - TOP_RISKS
        if more > 0:
            parts.append(f"<p style='color:{MUTED}'>"
                         f"{escape(self.tr('and {n} more').format(n=more))}</p>")
        self.setText("".join(parts))
