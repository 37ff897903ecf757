# mypy: disable-error-code="import-untyped"
"""Words in the reports: how values read, and free text turned into paragraphs.

Presentation only (the same rules as the screen's formatting): numbers were computed by
``playbook`` and handed out by ``store``. Dates and month names do not depend on the
machine's locale, so a PDF is the same wherever it is built.
"""

from __future__ import annotations

import datetime as dt
import re
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from csdesk.reports.charts import NOTHING_YET, date_label
from csdesk.reports.style import Styles

MINUS = "−"  # U+2212
UP, DOWN, FLAT = "▲", "▼", "–"
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def date_text(day: dt.date | None, empty: str = "not set") -> str:
    return empty if day is None else date_label(day)


def score_text(score: float | None) -> str:
    """A health score with one decimal, as on screen."""
    return "–" if score is None else f"{score:.1f}"


def change_text(change: float | None) -> str:
    """``▲ +3.2``, ``▼ −1.5`` or ``– 0.0``."""
    if change is None:
        return ""
    rounded = round(change, 1)
    if rounded > 0:
        return f"{UP} +{abs(change):.1f}"
    if rounded < 0:
        return f"{DOWN} {MINUS}{abs(change):.1f}"
    return f"{FLAT} 0.0"


def money_text(amount: float | None) -> str:
    """An amount with thousands grouped and no cents: ``120,000``."""
    return "–" if amount is None else f"{amount:,.0f}"


def percent_text(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def number_text(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}"


def label_of(identifier: str) -> str:
    """``in_production`` -> ``In production``."""
    text = identifier.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so it prints within ``width`` points on one
    line (for running headers and footers; the full text is in the document)."""
    text = clean(text)
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        mid = (low + high + 1) // 2
        if stringWidth(text[:mid].rstrip() + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…" if low else ""


def clean(text: str) -> str:
    """Text without control characters (they print as nothing, or as boxes)."""
    return _CONTROL.sub("", text.replace("\t", " "))


def safe(text: str) -> str:
    """Plain text made safe for reportlab's paragraph markup."""
    return escape(clean(text))


def paragraphs(text: str, styles: Styles, style: str = "body",
               empty: str = NOTHING_YET) -> list[Flowable]:
    """Free text as paragraphs: blank lines separate paragraphs, lines that start with
    ``-``, ``*``, ``•`` or ``1.`` become bullets. Empty text says ``empty``."""
    text = text.strip()
    if not text:
        return [nothing(styles, empty)]
    out: list[Flowable] = []
    block: list[str] = []

    def flush() -> None:
        if block:
            out.append(Paragraph("<br/>".join(safe(line) for line in block), styles[style]))
            block.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
        elif _BULLET.match(line):
            flush()
            out.append(bullet(_BULLET.sub("", line, count=1), styles))
        else:
            block.append(line.strip())
    flush()
    return out


def bullet(text: str, styles: Styles, markup: bool = False) -> Paragraph:
    return Paragraph(text if markup else safe(text), styles["bullet"], bulletText="•")


def nothing(styles: Styles, text: str = NOTHING_YET) -> Paragraph:
    return Paragraph(safe(text), styles["nothing"])
