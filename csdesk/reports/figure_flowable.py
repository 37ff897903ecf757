# mypy: disable-error-code="import-untyped"
"""A matplotlib Figure inside a reportlab document, as vector graphics and real text.

``FigureFlowable`` replays the figure through a small matplotlib renderer that draws on
the reportlab canvas: paths become PDF paths, text becomes PDF text in the embedded
DejaVu fonts (searchable, crisp at any zoom), and nothing is rasterised. Chart code
stays plain matplotlib (the Figure API), so the same figure shows on screen through
FigureCanvasQTAgg.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable

from csdesk.reports.fonts import font_for

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from reportlab.pdfgen.canvas import Canvas

POINTS_PER_INCH = 72.0
_CAPS = {"butt": 0, "round": 1, "projecting": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}


class FigureFlowable(Flowable):  # type: ignore[misc]
    """Draws ``figure`` at its own size in points (scaled down if the frame is narrower)."""

    def __init__(self, figure: Figure, h_align: str = "CENTER"):
        super().__init__()
        self.figure = figure
        w_in, h_in = figure.get_size_inches()
        self.fig_width = float(w_in) * POINTS_PER_INCH
        self.fig_height = float(h_in) * POINTS_PER_INCH
        self.scale = 1.0
        self.hAlign = h_align

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.scale = min(1.0, avail_width / self.fig_width) if self.fig_width else 1.0
        self.width = self.fig_width * self.scale
        self.height = self.fig_height * self.scale
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.scale(self.scale, self.scale)
        draw_figure(self.figure, canvas)
        canvas.restoreState()


def draw_figure(figure: Figure, canvas: Canvas) -> None:
    """Draw the figure with its lower left corner at the canvas origin, 1 unit = 1 pt."""
    dpi = figure.dpi
    figure.set_dpi(POINTS_PER_INCH)  # display units become points
    try:
        renderer = _renderer_class()(canvas, figure.bbox.width, figure.bbox.height)
        figure.draw(renderer)
    finally:
        figure.set_dpi(dpi)


_RENDERER: type | None = None


def _renderer_class() -> type:
    """The renderer class, built on first use so matplotlib loads only when drawing."""
    global _RENDERER
    if _RENDERER is None:
        _RENDERER = _make_renderer_class()
    return _RENDERER


def _make_renderer_class() -> type:
    from matplotlib.backend_bases import GraphicsContextBase, RendererBase
    from matplotlib.path import Path as MplPath

    class ReportlabRenderer(RendererBase):
        def __init__(self, canvas: Canvas, width: float, height: float):
            super().__init__()
            self.canvas = canvas
            self.width = width
            self.height = height

        # --- what matplotlib asks of a renderer -----------------------------------------
        def flipy(self) -> bool:
            return False

        def get_canvas_width_height(self) -> tuple[float, float]:
            return self.width, self.height

        def points_to_pixels(self, points: Any) -> Any:
            return points

        def new_gc(self) -> GraphicsContextBase:
            return GraphicsContextBase()

        def option_image_nocomposite(self) -> bool:
            return True

        def get_text_width_height_descent(self, s: str, prop: Any,
                                          ismath: Any) -> tuple[float, float, float]:
            if ismath:
                return super().get_text_width_height_descent(s, prop, ismath)
            # The PDF font's own metrics: what the text will really measure, and fast.
            name = font_for(_is_bold(prop))
            size = prop.get_size_in_points()
            face = getFont(name).face
            descent = -face.descent * size / 1000.0
            return (stringWidth(s, name, size), face.ascent * size / 1000.0 + descent,
                    descent)

        # --- drawing ---------------------------------------------------------------------
        def draw_path(self, gc: GraphicsContextBase, path: Any, transform: Any,
                      rgbFace: Any = None) -> None:
            canvas = self.canvas
            stroke = gc.get_linewidth() > 0 and gc.get_rgb()[3] > 0
            fill = rgbFace is not None and (len(rgbFace) < 4 or rgbFace[3] > 0)
            if not (stroke or fill):
                return
            canvas.saveState()
            self._clip(gc)
            pdf_path = canvas.beginPath()
            clip = None if fill else (0.0, 0.0, self.width, self.height)
            last = (0.0, 0.0)
            for points, code in path.iter_segments(transform, clip=clip,
                                                   simplify=path.should_simplify and not fill,
                                                   curves=True):
                if code == MplPath.MOVETO:
                    pdf_path.moveTo(points[0], points[1])
                elif code == MplPath.LINETO:
                    pdf_path.lineTo(points[0], points[1])
                elif code == MplPath.CURVE3:
                    (cx, cy), (ex, ey) = (points[0], points[1]), (points[2], points[3])
                    x0, y0 = last
                    pdf_path.curveTo(x0 + 2 / 3 * (cx - x0), y0 + 2 / 3 * (cy - y0),
                                     ex + 2 / 3 * (cx - ex), ey + 2 / 3 * (cy - ey), ex, ey)
                elif code == MplPath.CURVE4:
                    pdf_path.curveTo(*points[:6])
                elif code == MplPath.CLOSEPOLY:
                    pdf_path.close()
                if code != MplPath.CLOSEPOLY and len(points) >= 2:
                    last = (points[-2], points[-1])
            if fill:
                r, g, b = rgbFace[:3]
                alpha = (gc.get_alpha() if gc.get_forced_alpha()
                         else (rgbFace[3] if len(rgbFace) > 3 else 1.0))
                canvas.setFillColorRGB(r, g, b, alpha)
            if stroke:
                self._stroke_style(gc)
            canvas.drawPath(pdf_path, stroke=1 if stroke else 0, fill=1 if fill else 0)
            canvas.restoreState()

        def draw_text(self, gc: GraphicsContextBase, x: float, y: float, s: str, prop: Any,
                      angle: float, ismath: Any = False, mtext: Any = None) -> None:
            if ismath:  # mathtext: the base class draws it as paths
                super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
                return
            canvas = self.canvas
            canvas.saveState()
            self._clip(gc)
            r, g, b, a = gc.get_rgb()
            canvas.setFillColorRGB(r, g, b, a)
            canvas.translate(x, y)
            if angle:
                canvas.rotate(angle)
            canvas.setFont(font_for(_is_bold(prop)), prop.get_size_in_points())
            canvas.drawString(0, 0, s)
            canvas.restoreState()

        def draw_image(self, gc: GraphicsContextBase, x: float, y: float, im: Any,
                       transform: Any = None) -> None:
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            h, w = im.shape[:2]
            self.canvas.saveState()
            self._clip(gc)
            self.canvas.drawImage(ImageReader(Image.fromarray(im[::-1], "RGBA")), x, y, w, h,
                                  mask="auto")
            self.canvas.restoreState()

        # --- graphics state ---------------------------------------------------------------
        def _clip(self, gc: GraphicsContextBase) -> None:
            canvas = self.canvas
            rect = gc.get_clip_rectangle()
            if rect is not None:
                x0, y0, w, h = rect.bounds
                p = canvas.beginPath()
                p.rect(x0, y0, w, h)
                canvas.clipPath(p, stroke=0, fill=0)
            clip: Any = gc.get_clip_path()  # (Path, transform), whatever the stubs say
            clip_path, clip_transform = clip
            if clip_path is not None:
                p = canvas.beginPath()
                for points, code in clip_path.iter_segments(clip_transform, simplify=False,
                                                            curves=False):
                    if code == MplPath.MOVETO:
                        p.moveTo(points[0], points[1])
                    elif code == MplPath.CLOSEPOLY:
                        p.close()
                    elif len(points) >= 2:
                        p.lineTo(points[-2], points[-1])
                canvas.clipPath(p, stroke=0, fill=0)

        def _stroke_style(self, gc: GraphicsContextBase) -> None:
            canvas = self.canvas
            r, g, b, a = gc.get_rgb()
            canvas.setStrokeColorRGB(r, g, b, a)
            canvas.setLineWidth(gc.get_linewidth())
            canvas.setLineCap(_CAPS.get(gc.get_capstyle(), 0))
            canvas.setLineJoin(_JOINS.get(gc.get_joinstyle(), 0))
            offset, dashes = cast(tuple[Any, Any], gc.get_dashes())
            if dashes:
                canvas.setDash([float(d) for d in dashes], float(offset or 0))

    return ReportlabRenderer


def _is_bold(prop: Any) -> bool:
    weight = prop.get_weight()
    if isinstance(weight, str):
        return weight in ("bold", "heavy", "black", "extra bold", "semibold", "demibold",
                          "demi")
    return int(weight) >= 600
