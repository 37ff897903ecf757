"""How values read on screen: scores, changes, dates, days to renewal, money.

Presentation only: every number shown here was computed by ``playbook`` and handed out by
``store``; these functions turn it into words. Strings go through Qt's translation
context ``Formatting`` so a translation file can replace them.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLocale

UP, DOWN, FLAT = "▲", "▼", "–"
MINUS = "−"  # U+2212, the typographic minus: lines up with the plus sign


def _tr(text: str) -> str:
    return QCoreApplication.translate("Formatting", text)


def score_text(score: float | None) -> str:
    """A health score with one decimal, or nothing when the account has no snapshot."""
    return "" if score is None else f"{score:.1f}"


def trend_arrow(change: float | None) -> str:
    """▲, ▼ or – for a change in score (a change that rounds to 0.0 is flat)."""
    if change is None:
        return ""
    if round(change, 1) > 0:
        return UP
    if round(change, 1) < 0:
        return DOWN
    return FLAT


def change_text(change: float | None) -> str:
    """The arrow and the signed change, for example ``▲ +3.2`` or ``▼ −1.5``."""
    if change is None:
        return ""
    arrow = trend_arrow(change)
    if arrow == FLAT:
        return f"{FLAT} 0.0"
    sign = "+" if arrow == UP else MINUS
    return f"{arrow} {sign}{abs(change):.1f}"


def days_text(days: int | None) -> str:
    """Days to a date in words: ``in 45 days``, ``tomorrow``, ``today``, ``3 days ago``."""
    if days is None:
        return ""
    if days == 0:
        return _tr("today")
    if days == 1:
        return _tr("tomorrow")
    if days == -1:
        return _tr("yesterday")
    if days > 0:
        return _tr("in {n} days").format(n=days)
    return _tr("{n} days ago").format(n=-days)


def date_text(day: dt.date | None) -> str:
    """A date as people read it (``4 Mar 2025``), in the user's language."""
    if day is None:
        return ""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def money_text(amount: float) -> str:
    """A yearly amount with thousands grouped and no cents: ``120,000``."""
    return f"{amount:,.0f}"
