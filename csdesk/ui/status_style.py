"""The colours and words of a health status, as ``forms/health.toml`` defines them.

A CS operations lead who tailors the statuses (names, thresholds, colours) changes what
the table, the side panel and the status bar show, with no code change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from csdesk.playbook.health_form import HealthForm


def _tr(text: str) -> str:
    return QCoreApplication.translate("StatusStyle", text)


@dataclass(frozen=True)
class StatusStyle:
    name: str
    rank: int  # 0 for the best status, as listed in the form
    background: QColor
    foreground: QColor  # black or white, whichever reads better on the background
    help: str
    band: str  # the score range in words, e.g. "60 to under 80"


def readable_text_on(background: QColor) -> QColor:
    """Black or white, whichever has the higher contrast ratio (WCAG) on ``background``."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = (0.2126 * channel(background.redF()) + 0.7152 * channel(background.greenF())
           + 0.0722 * channel(background.blueF()))
    on_white = 1.05 / (lum + 0.05)
    on_black = (lum + 0.05) / 0.05
    return QColor("#ffffff") if on_white >= on_black else QColor("#000000")


def _number(value: float) -> str:
    return f"{value:g}"


def status_styles(form: HealthForm) -> dict[str, StatusStyle]:
    """One style per status name, best first (the form lists them by descending minimum)."""
    styles: dict[str, StatusStyle] = {}
    upper: float | None = None
    for rank, status in enumerate(form.statuses):
        low = status.min
        if low is None and upper is None:
            band = _tr("any score")
        elif low is None:
            band = _tr("under {high}").format(high=_number(upper or 0))
        elif upper is None:
            band = _tr("{low} or more").format(low=_number(low))
        else:
            band = _tr("{low} to under {high}").format(low=_number(low), high=_number(upper))
        colour = QColor(status.colour)
        styles[status.name] = StatusStyle(status.name, rank, colour, readable_text_on(colour),
                                          status.help, band)
        if low is not None:
            upper = low
    return styles


def status_tooltip(style: StatusStyle | None, status: str | None,
                   tr: Callable[[str], str] = _tr) -> str:
    """Why an account has its status, in plain words."""
    if status is None:
        return tr("Not scored yet: record a health snapshot to see a status.")
    if style is None:
        return tr("{status}: a status the current health form does not define.").format(
            status=status)
    text = tr("{status}: health score {band}.").format(status=style.name, band=style.band)
    return f"{text}\n{style.help}" if style.help else text
