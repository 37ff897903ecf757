"""The reports' palette: one accent colour, neutral inks, and the status colours.

Plain hex strings, so matplotlib (charts) and reportlab (documents) read the same
values. Status colours are not defined here: they come from ``forms/health.toml``
(see :func:`status_colour`), so a tailored form recolours the reports too.
"""

from __future__ import annotations

from collections.abc import Iterable

ACCENT = "#1d4e89"  # the one accent colour: titles, the health line, bars
ACCENT_LIGHT = "#d6e2f0"  # a tint of the accent for fills behind it
INK = "#1f2933"  # body text
MUTED = "#5f6b7a"  # captions, labels, footers
FAINT = "#9aa5b1"  # grid lines, secondary series, "no data"
RULE = "#d5dbe3"  # table rules
PANEL = "#f2f5f9"  # tile and table header backgrounds
WHITE = "#ffffff"
NEUTRAL_STATUS = "#777777"  # a status the form does not know


def status_colour(status: str | None, statuses: Iterable[tuple[str, float | None, str]]) -> str:
    """The colour ``forms/health.toml`` gives a status (grey for an unknown one)."""
    for name, _minimum, colour in statuses:
        if name == status:
            return colour
    return NEUTRAL_STATUS


def tint(colour: str, share: float) -> str:
    """``colour`` mixed with white: ``share`` 0 gives white, 1 the colour itself."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - c) * share) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)
