# mypy: disable-error-code="import-untyped"
"""The reports' shared look: page sizes and margins, the type scale, paragraph styles.

Two scales: slides (read on a projector from across a room) and the portrait charter
(read on paper). Both use the one accent colour and the embedded DejaVu fonts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm

from csdesk.reports import colours as palette
from csdesk.reports.fonts import register_fonts

SLIDE_SIZE = (13.333 * inch, 7.5 * inch)  # 16:9 widescreen, as presentation software
PAGE_SIZES = {"A4": A4, "LETTER": LETTER}

ACCENT = colors.HexColor(palette.ACCENT)
ACCENT_LIGHT = colors.HexColor(palette.ACCENT_LIGHT)
INK = colors.HexColor(palette.INK)
MUTED = colors.HexColor(palette.MUTED)
FAINT = colors.HexColor(palette.FAINT)
RULE = colors.HexColor(palette.RULE)
PANEL = colors.HexColor(palette.PANEL)
WHITE = colors.white


@dataclass(frozen=True)
class Scale:
    """Font sizes in points, from the largest title to the footer."""

    cover: float
    title: float
    heading: float
    subheading: float
    body: float
    table: float
    small: float
    figure: float  # tile figures (the health score)
    chart: float  # text inside charts


SLIDE_SCALE = Scale(cover=40, title=26, heading=17, subheading=14, body=14, table=11.5,
                    small=10, figure=34, chart=11)
PAGE_SCALE = Scale(cover=30, title=18, heading=13, subheading=11, body=10, table=8.5,
                   small=8, figure=22, chart=8.5)


@dataclass(frozen=True)
class Geometry:
    """A page: its size and the frame the content flows in (points)."""

    width: float
    height: float
    left: float
    right: float
    top: float  # from the top edge to the top of the frame
    bottom: float  # from the bottom edge to the bottom of the frame

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom


SLIDE = Geometry(SLIDE_SIZE[0], SLIDE_SIZE[1], left=0.6 * inch, right=0.6 * inch, top=1.1 * inch,
                 bottom=0.62 * inch)


def page_geometry(page_size: str) -> Geometry:
    size = PAGE_SIZES[page_size.upper()]
    return Geometry(size[0], size[1], left=20 * mm, right=20 * mm, top=24 * mm, bottom=20 * mm)


@dataclass
class Styles:
    """Paragraph styles for one scale."""

    scale: Scale
    by_name: dict[str, ParagraphStyle] = field(default_factory=dict)

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.by_name[name]


def make_styles(scale: Scale) -> Styles:
    regular, bold = register_fonts()
    lead = 1.3

    def style(name: str, size: float, *, font: str = regular, colour: colors.Color = INK,
              before: float = 0, after: float = 0, align: int = TA_LEFT,
              leading: float | None = None, **extra: object) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size,
                              leading=leading or size * lead,
                              textColor=colour, spaceBefore=before, spaceAfter=after,
                              alignment=align, splitLongWords=True, **extra)

    s = scale
    styles = [
        style("cover", s.cover, font=bold, colour=ACCENT, after=s.cover * 0.3),
        style("cover_sub", s.heading, colour=INK, after=s.body * 0.4),
        style("cover_note", s.body, colour=MUTED, after=s.body * 0.3),
        style("title", s.title, font=bold, colour=ACCENT, before=s.title * 0.6,
              after=s.title * 0.35, keepWithNext=True),
        style("heading", s.heading, font=bold, colour=ACCENT, before=s.heading * 0.5,
              after=s.heading * 0.3, keepWithNext=True),
        style("subheading", s.subheading, font=bold, colour=INK, before=s.subheading * 0.5,
              after=s.subheading * 0.25, keepWithNext=True),
        style("body", s.body, after=s.body * 0.45),
        style("bullet", s.body, after=s.body * 0.25, leftIndent=s.body * 1.2,
              bulletIndent=s.body * 0.2, bulletFontName=regular),
        style("muted", s.body, colour=MUTED, after=s.body * 0.45),
        style("nothing", s.body, colour=MUTED, after=s.body * 0.45),
        style("small", s.small, colour=MUTED),
        style("cell", s.table, leading=s.table * 1.2),
        style("cell_bold", s.table, font=bold, leading=s.table * 1.2),
        style("cell_right", s.table, align=TA_RIGHT, leading=s.table * 1.2),
        style("cell_center", s.table, align=TA_CENTER, leading=s.table * 1.2),
        style("cell_head", s.table, font=bold, colour=ACCENT, leading=s.table * 1.2),
        style("cell_head_right", s.table, font=bold, colour=ACCENT, leading=s.table * 1.2,
              align=TA_RIGHT),
        style("figure", s.figure, font=bold, colour=ACCENT, leading=s.figure * 1.1),
        style("figure_label", s.small, colour=MUTED),
        style("figure_note", s.small * 1.05, colour=INK),
    ]
    return Styles(scale, {st.name: st for st in styles})
