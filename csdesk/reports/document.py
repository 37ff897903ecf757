# mypy: disable-error-code="import-untyped"
"""What both PDFs share: atomic, reproducible writing; sections with bookmarks; page
numbers "n / total"; tables that split with their header repeated; key-figure tiles."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from csdesk.reports.fonts import register_fonts
from csdesk.reports.style import ACCENT, PANEL, RULE, Styles
from csdesk.reports.text import clean, safe

# --- writing ----------------------------------------------------------------------------

@contextmanager
def reproducible() -> Iterator[None]:
    """reportlab's invariant mode while building: no creation time, no random document
    id, so the same data gives the same bytes."""
    before = rl_config.invariant, rl_config.useA85
    rl_config.invariant = 1
    rl_config.useA85 = 0  # binary streams: smaller, and faster to write
    try:
        yield
    finally:
        rl_config.invariant, rl_config.useA85 = before


def write_atomically(target: Path, build: Callable[[IO[bytes]], None]) -> Path:
    """Run ``build`` on a temporary file beside ``target`` and move it into place.

    The move is atomic: ``target`` is either the complete new file or untouched (its old
    version, or nothing); a failure leaves no partial or temporary file behind.
    """
    target = Path(target)
    # A fresh name beside the target (same file system, so the rename is atomic); "x"
    # refuses to reuse one, and the file gets the ordinary permissions (umask).
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.part")
    handle = open(temp, "xb")  # noqa: SIM115 (closed below, before the rename)
    try:
        with handle:
            build(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with suppress(OSError):
            temp.unlink()
        raise
    return target


# --- sections and page numbers ------------------------------------------------------------

class SectionTracker:
    """Which section the page being drawn belongs to, and where it started."""

    def __init__(self) -> None:
        self.title = ""
        self.subtitle = ""
        self.first_page = 0
        self._count = 0

    def enter(self, canvas: Canvas, title: str, subtitle: str, level: int,
              outline: str) -> None:
        self._count += 1
        key = f"section-{self._count}"
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(outline, key, level=level, closed=False)
        self.title = title
        self.subtitle = subtitle
        self.first_page = canvas.getPageNumber()

    def continued(self, canvas: Canvas) -> bool:
        return bool(canvas.getPageNumber() > self.first_page)


class SectionMark(Flowable):  # type: ignore[misc]
    """Zero-size marker: a section starts here (bookmark, outline entry, page header)."""

    def __init__(self, tracker: SectionTracker, title: str, subtitle: str = "",
                 level: int = 0, outline: str | None = None):
        super().__init__()
        self.tracker = tracker
        self.title = title
        self.subtitle = subtitle
        self.level = level
        self.outline = outline or (f"{title}: {subtitle}" if subtitle else title)
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.tracker.enter(self.canv, self.title, self.subtitle, self.level, self.outline)


def numbered_canvas(stamp: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas class that calls ``stamp(canvas, page, total)`` on every page once the
    page count is known (for "3 / 12").

    Pages are held back until the end; so are their bookmarks, which must point at the
    page they are on once it is really written.
    """

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Only the embedded fonts appear in the file, not even reportlab's default.
            if not kwargs.get("initialFontName"):
                kwargs["initialFontName"] = register_fonts()[0]
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._bookmarks: list[tuple[str, dict[str, Any]]] = []

        def bookmarkPage(self, key: str, **kwargs: Any) -> None:
            self._bookmarks.append((key, kwargs))

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._bookmarks = []
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                for key, kwargs in state["_bookmarks"]:
                    super().bookmarkPage(key, **kwargs)
                stamp(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


# --- tables and tiles ---------------------------------------------------------------------

# reportlab sets each cell's font even when the cell holds a paragraph: make it ours, so
# the file never refers to a non-embedded base font.
TABLE_FONT: tuple[tuple[Any, ...], ...] = (("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),)

def data_table(header: Sequence[str], rows: Sequence[Sequence[str | Flowable]],
               widths: Sequence[float], styles: Styles, *, total_width: float,
               max_row_height: float, row_styles: Sequence[tuple[Any, ...]] = ()) -> Table:
    """A table that wraps every cell and splits across pages, header repeated.

    ``widths`` are shares of ``total_width``; strings become wrapped paragraphs. A row
    is never split across pages, except one taller than ``max_row_height`` (a page's
    worth): its long cells continue in the rows below it, so no text is ever cut off.
    """
    unit = total_width / sum(widths)
    col_widths = [w * unit for w in widths]
    pad = styles.scale.table * 0.28
    right = {n for n in range(len(header))
             if _right_aligned([row[n] for row in rows if n < len(row)])}
    head = [Paragraph(safe(h), styles["cell_head_right" if n in right else "cell_head"])
            for n, h in enumerate(header)]
    cell = styles["cell"]
    room = [w - 2.4 * pad for w in col_widths]

    def fitted_cell(value: str | Flowable, width: float) -> str | Flowable:
        """A string that fits on one line stays a string (drawn directly, far cheaper
        than a paragraph); anything longer becomes a wrapping paragraph."""
        if not isinstance(value, str):
            return value
        value = clean(value)
        if "\n" not in value and stringWidth(value, cell.fontName, cell.fontSize) <= width:
            return value
        return Paragraph(safe(value), cell)

    body = [[fitted_cell(c, w) for c, w in zip(row, room, strict=True)] for row in rows]
    body = [part for row in body
            for part in _split_tall_row(row, col_widths, pad, max_row_height)]
    table = Table([head, *body], colWidths=col_widths, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        *TABLE_FONT,
        ("FONTSIZE", (0, 0), (-1, -1), cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), cell.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), cell.textColor),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), PANEL),
        ("LINEBELOW", (0, 0), (-1, 0), 1.0, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LEFTPADDING", (0, 0), (-1, -1), pad * 1.2),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad * 1.2),
        *row_styles,
    ]
    table.setStyle(TableStyle(commands))
    return table


def _right_aligned(column: Sequence[Any]) -> bool:
    """A column of figures: every cell that has content is a right-aligned paragraph."""
    filled = [c for c in column if not (isinstance(c, str) and not c)]
    return bool(filled) and all(isinstance(c, Paragraph) and c.style.alignment == TA_RIGHT
                                for c in filled)


def _split_tall_row(row: list[Any], widths: Sequence[float], pad: float,
                    max_height: float) -> list[list[Any]]:
    """``row``, or, when a cell is taller than ``max_height``, the row cut into pieces
    that fit: the long paragraphs continue in the next piece, other cells stay empty."""
    pieces: list[list[Any]] = []
    pending = row
    limit = max_height - 2 * pad
    for _ in range(1000):  # each round moves at least one page of text
        heights = [_cell_height(c, w - 2.4 * pad, limit)
                   for c, w in zip(pending, widths, strict=True)]
        if max(heights, default=0.0) <= limit:
            break
        head: list[Any] = []
        tail: list[Any] = []
        for cell, width, height in zip(pending, widths, heights, strict=True):
            parts = (cell.split(width - 2.4 * pad, limit)
                     if height > limit and isinstance(cell, Flowable) else [])
            if len(parts) >= 2:
                head.append(parts[0])
                tail.append(parts[1] if len(parts) == 2 else parts[1:])
            else:
                head.append(cell)
                tail.append("")
        if all(t == "" for t in tail):
            break  # nothing can be split: leave the row to reportlab
        pieces.append(head)
        pending = tail
    pieces.append(pending)
    return pieces


def _cell_height(cell: Any, width: float, limit: float) -> float:
    """The cell's height, or 0 when it is surely below ``limit``."""
    if isinstance(cell, Paragraph) and _surely_short(cell, width, limit):
        return 0.0
    if isinstance(cell, Flowable):
        return float(cell.wrap(width, 1e9)[1])
    if isinstance(cell, list):
        return sum(_cell_height(c, width, 0.0) for c in cell)
    return 0.0


def _surely_short(para: Paragraph, width: float, limit: float) -> bool:
    """True when the paragraph cannot reach ``limit``, judged from its length alone
    (every character as narrow as an "i"): most cells skip the costly line breaking."""
    style = para.style
    text = getattr(para, "text", None)
    if not isinstance(text, str):  # the second half of a split paragraph: measure it
        return False
    per_line = max(1.0, width / (style.fontSize * 0.25))
    lines = len(text) / per_line + text.count("<br/>") + 1
    return bool(lines * style.leading < limit * 0.9)


def tiles(items: Sequence[tuple[str, str, str, colors.Color | None]], styles: Styles, *,
          total_width: float, gap: float = 10.0) -> Table:
    """Key figures side by side: (figure, label, note, colour of the left bar)."""
    from reportlab.platypus import Spacer

    n = len(items)
    width = (total_width - gap * (n - 1)) / n
    cells: list[Any] = []
    commands: list[tuple[Any, ...]] = [*TABLE_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                       ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
    for i, (figure, label, note, colour) in enumerate(items):
        col = i * 2
        cell: list[Flowable] = [Paragraph(safe(label), styles["figure_label"]),
                                Paragraph(safe(figure), fitted(styles["figure"], figure,
                                                               width - 16))]
        if note:
            cell.append(Paragraph(note, styles["figure_note"]))
        cells.append(cell)
        if i < n - 1:
            cells.append(Spacer(gap, 1))
        commands += [("BACKGROUND", (col, 0), (col, 0), PANEL),
                     ("LINEBEFORE", (col, 0), (col, 0), 4, colour or ACCENT),
                     ("LEFTPADDING", (col, 0), (col, 0), 10),
                     ("RIGHTPADDING", (col, 0), (col, 0), 6),
                     ("TOPPADDING", (col, 0), (col, 0), 7),
                     ("BOTTOMPADDING", (col, 0), (col, 0), 9)]
    col_widths: list[float] = []
    for i in range(n):
        col_widths.append(width)
        if i < n - 1:
            col_widths.append(gap)
    table = Table([cells], colWidths=col_widths, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def within_lines(style: ParagraphStyle, text: str, width: float,
                 lines: int = 3) -> ParagraphStyle:
    """``style``, its font shrunk (down to half) so ``text`` takes about ``lines`` lines
    of ``width``: a very long name still leaves room for the rest of a cover."""
    needed = stringWidth(text, style.fontName, style.fontSize) * 1.1  # word-wrap slack
    if needed <= width * lines:
        return style
    size = max(style.fontSize * 0.5, style.fontSize * width * lines / needed)
    return ParagraphStyle(f"{style.name}-shrunk", parent=style, fontSize=size,
                          leading=size * style.leading / style.fontSize)


def fitted(style: ParagraphStyle, text: str, width: float) -> ParagraphStyle:
    """``style``, its font shrunk (down to 60 %) so ``text`` fits ``width`` on one line."""
    size = style.fontSize
    needed = stringWidth(text, style.fontName, size)
    if needed <= width:
        return style
    size = max(size * 0.6, size * width / needed)
    return ParagraphStyle(f"{style.name}-fitted", parent=style, fontSize=size,
                          leading=size * style.leading / style.fontSize)

