# mypy: disable-error-code="import-untyped"
"""The Unicode TrueType fonts embedded in every PDF (DejaVu Sans, regular and bold).

The PDF base fonts cover Latin-1 only; DejaVu Sans covers the names customers have
("Zoë Ångström", "Łódź", "Müller", Greek, Cyrillic...). The files ship in
``resources/fonts`` with their licence; reportlab embeds the glyphs used (a subset).
They are also matplotlib's default font, so chart text measures and prints the same.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from csdesk import config
from csdesk.errors import EnvironmentFault

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FAMILY = "DejaVu Sans"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


def fonts_dir() -> Path:
    return config.resources_dir() / "fonts"


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the fonts with reportlab once per process; return (regular, bold)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in _FILES.items():
        path = fonts_dir() / filename
        if not path.is_file():
            raise EnvironmentFault(f"the PDF font {path} is missing; reinstall csdesk")
        font = TTFont(name, str(path))
        # reportlab measures every word of every line break in pure Python (its C
        # accelerator is a separate package): remember the widths, words recur a lot.
        font.stringWidth = lru_cache(maxsize=16_384)(font.stringWidth)
        pdfmetrics.registerFont(font)
    # <b> and <i> inside paragraphs: bold is DejaVu Bold; italic falls back to upright.
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR,
                                  boldItalic=BOLD)
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
        addMapping(REGULAR, bold, italic, name)
        addMapping(BOLD, bold, italic, name)
    return REGULAR, BOLD


def font_for(bold: bool) -> str:
    register_fonts()
    return BOLD if bold else REGULAR
