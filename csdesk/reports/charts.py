# mypy: disable-error-code="import-untyped"
"""The charts, drawn with matplotlib's Figure API (never pyplot), shared by screen and PDF.

Every function takes plain data (dates, numbers, labels: see ``chart_data`` for the
conversions from the store's views) and returns a ``matplotlib.figure.Figure``. The UI
shows it through FigureCanvasQTAgg; the PDFs embed it as vector graphics with
``figure_flowable.FigureFlowable``; ``to_svg``/``to_png`` write it as a file.

matplotlib is imported inside the functions: importing ``csdesk.reports`` costs nothing
until a chart is drawn.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from csdesk.reports.colours import ACCENT, FAINT, INK, MUTED, RULE, tint
from csdesk.reports.fonts import FAMILY

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Point = tuple[dt.date, float]
# A status band of forms/health.toml: (name, lower bound or None for the floor, colour),
# best status first, as the form lists them.
Band = tuple[str, float | None, str]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NOTHING_YET = "Nothing recorded yet"
PNG_DPI = 200


@dataclass(frozen=True)
class PhaseBar:
    """One implementation phase: number, label and its days (1-based, inclusive)."""

    number: int
    label: str
    first_day: int
    last_day: int


@dataclass(frozen=True)
class KpiBar:
    """One KPI: its label, actual figure (None when unknown), target and direction."""

    label: str
    actual: float | None
    target: float
    unit: str
    higher_is_better: bool
    met: bool | None


@dataclass(frozen=True)
class DimensionBar:
    label: str
    value: float
    in_score: bool  # one of the dimensions the readiness score averages


# --- the charts -------------------------------------------------------------------------

def health_trend(points: Sequence[Point], bands: Sequence[Band], *,
                 overlays: Mapping[str, Sequence[Point]] | None = None,
                 markers: Sequence[tuple[dt.date, str]] = (),
                 size: tuple[float, float] = (8.0, 3.4), font_size: float = 9.0) -> Figure:
    """The health score over time on a 0-100 scale, over the shaded status bands.

    ``bands`` come from forms/health.toml (Healthy from 80, At Risk from 60, Critical
    below); each threshold is a labelled line. ``overlays`` adds thin per-metric lines,
    ``markers`` dated vertical marks (for example the QBRs).
    """
    fig, ax = _figure(size, font_size, left=_width("100", font_size) + 10,
                      bottom=_line(font_size) * 2 + 8, right=_band_margin(bands, font_size))
    _shade_bands(ax, bands, font_size)
    ax.set_ylim(0, 100)
    ax.set_yticks(range(0, 101, 20))
    if not points:
        _nothing_yet(ax, font_size)
        ax.set_xticks([])
        return fig
    dates = [p[0] for p in points]
    first, last = min(dates), max(dates)
    pad = dt.timedelta(days=max(3, (last - first).days // 40))
    ax.set_xlim(_num(first - pad), _num(last + pad * 4))
    for n, (label, series) in enumerate(sorted((overlays or {}).items())):
        if series:
            ax.plot(_nums(p[0] for p in series), [p[1] for p in series],
                    color=_series_grey(n), linewidth=1.0, label=label, zorder=2)
    for day, label in markers:
        if first - pad <= day <= last + pad * 4:
            ax.axvline(_num(day), color=MUTED, linewidth=0.8, linestyle=(0, (2, 2)), zorder=1)
            ax.text(_num(day), 99, f" {label}", color=MUTED, fontsize=font_size * 0.85,
                    va="top", ha="left", zorder=4)
    ax.plot(_nums(dates), [p[1] for p in points], color=ACCENT, linewidth=2.0, zorder=3,
            label="Health score" if overlays else None, solid_joinstyle="round")
    end_day, end_score = points[-1]
    ax.plot([_num(end_day)], [end_score], marker="o", markersize=5, color=ACCENT, zorder=5)
    ax.annotate(f"{end_score:.1f}", (_num(end_day), end_score), xytext=(6, 0),
                textcoords="offset points", va="center", ha="left", color=ACCENT,
                fontsize=font_size * 1.15, fontweight="bold", zorder=5)
    _date_axis(ax, first, last)
    if overlays:
        ax.legend(loc="lower left", fontsize=font_size * 0.85, frameon=False,
                  ncols=min(4, len(overlays) + 1))
    return fig


def metric_trends(series: Mapping[str, Sequence[Point]], *,
                  size: tuple[float, float] = (8.0, 3.0), font_size: float = 9.0,
                  y_range: tuple[float, float] = (0, 100)) -> Figure:
    """Several 0-100 metrics over time: the first in the accent colour, the rest in greys."""
    fig, ax = _figure(size, font_size, left=_width("100", font_size) + 10,
                      bottom=_line(font_size) * 2 + 8, top=_line(font_size) + 8)
    ax.set_ylim(*y_range)
    ax.grid(axis="y", color=RULE, linewidth=0.6)
    drawn = [(label, pts) for label, pts in series.items() if pts]
    if not drawn:
        _nothing_yet(ax, font_size)
        ax.set_xticks([])
        return fig
    styles = ["-", (0, (4, 2)), (0, (1, 1.5)), (0, (6, 2, 1, 2))]
    dates = [p[0] for _, pts in drawn for p in pts]
    first, last = min(dates), max(dates)
    for n, (label, pts) in enumerate(drawn):
        colour = ACCENT if n == 0 else _series_grey(n - 1)
        ax.plot(_nums(p[0] for p in pts), [p[1] for p in pts], color=colour,
                linewidth=2.0 if n == 0 else 1.4, linestyle=styles[n % len(styles)],
                label=f"{label} ({pts[-1][1]:.0f})")
    pad = dt.timedelta(days=max(3, (last - first).days // 40))
    ax.set_xlim(_num(first - pad), _num(last + pad))
    _date_axis(ax, first, last)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=font_size * 0.9,
              frameon=False, ncols=len(drawn), borderaxespad=0.2, borderpad=0.1,
              handlelength=2.2)  # above the plot, clear of the lines
    return fig


def readiness_bars(groups: Sequence[tuple[str, Sequence[DimensionBar]]], *,
                   scale: tuple[int, int] = (1, 5), size: tuple[float, float] = (6.5, 3.6),
                   font_size: float = 9.0) -> Figure:
    """The nine readiness dimensions as horizontal bars on the 1-5 scale, by group."""
    label_width = max([_width(d.label, font_size) for _, dims in groups for d in dims]
                      + [_width(g, font_size, bold=True) for g, _ in groups] + [0.0])
    fig, ax = _figure(size, font_size, left=label_width + 12,
                      bottom=_line(font_size) * 2.2 + 8, top=_line(font_size) + 4)
    low, high = scale
    labels: list[str] = []
    y = 0.0
    ys: list[float] = []
    values: list[float] = []
    colours: list[str] = []
    header_ys: list[tuple[float, str]] = []
    for group_label, dims in groups:
        header_ys.append((y, group_label))
        y += 1
        for dim in dims:
            ys.append(y)
            labels.append(dim.label)
            values.append(dim.value)
            colours.append(ACCENT if dim.in_score else tint(ACCENT, 0.4))
            ax.text(dim.value + 0.06, y, f"{dim.value:.1f}".rstrip("0").rstrip("."),
                    va="center", ha="left", fontsize=font_size, color=INK, zorder=4)
            y += 1
        y += 0.35
    if ys:
        ax.barh(ys, values, height=0.64, color=colours, zorder=3)  # one call: cheaper
    ax.set_yticks([])  # labels as plain texts: far cheaper to build than nine ticks
    for ly, text in zip(ys, labels, strict=True):
        ax.text(-0.012, ly, text, transform=ax.get_yaxis_transform(), ha="right",
                va="center", fontsize=font_size, color=INK)
    for hy, text in header_ys:
        ax.text(-0.012, hy, text, transform=ax.get_yaxis_transform(), ha="right",
                va="center", fontsize=font_size, fontweight="bold", color=ACCENT)
    ax.set_ylim(y - 0.6, -0.7)
    ax.set_xlim(0, high + 0.45)
    ax.set_xticks(range(low, high + 1))
    ax.grid(axis="x", color=RULE, linewidth=0.6, zorder=0)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    if not ys:
        _nothing_yet(ax, font_size)
    else:
        from matplotlib.patches import Patch

        fig.legend(handles=[Patch(color=ACCENT, label="Counts towards the readiness score"),
                            Patch(color=tint(ACCENT, 0.4), label="Guides the recommendations")],
                   loc="lower right", bbox_to_anchor=(1.0, 0.0), ncols=2, frameon=False,
                   fontsize=font_size * 0.9, handlelength=1.2, columnspacing=1.2,
                   borderaxespad=0.2)
    ax.set_title(f"Scale: {low} = not in place, {high} = fully in place", loc="right",
                 color=MUTED, fontsize=font_size * 0.9, pad=4)
    return fig


def phase_timeline(phases: Sequence[PhaseBar], *, today_day: int | None = None,
                   start: dt.date | None = None, size: tuple[float, float] = (6.5, 2.2),
                   font_size: float = 9.0) -> Figure:
    """The implementation phases over days 1-90, with today's marker.

    ``today_day`` is the implementation day (1 on the day onboarding started), from
    ``playbook.journey.implementation_progress``; ``start`` dates the axis when known.
    The elapsed part of each phase is drawn in the accent colour, the rest in a tint.
    """
    labels = [f"Phase {p.number}\n{p.label}" for p in phases]
    fig, ax = _figure(size, font_size,
                      left=max([_width(t, font_size) for t in labels] + [30.0]) + 12,
                      bottom=_line(font_size) * (2 if start else 1) + 8,
                      top=_line(font_size) + 6, right=_width("Day 90", font_size) / 2 + 4)
    if not phases:
        _nothing_yet(ax, font_size)
        return fig
    last_day = max(p.last_day for p in phases)
    rows = range(len(phases))
    starts = [p.first_day - 1 for p in phases]
    ax.barh(rows, [p.last_day - s for p, s in zip(phases, starts, strict=True)], left=starts,
            height=0.6, color=tint(ACCENT, 0.3), edgecolor="white", linewidth=1.5, zorder=3)
    if today_day is not None:
        begun = [(n, s, min(today_day, p.last_day) - s)
                 for n, (p, s) in enumerate(zip(phases, starts, strict=True))
                 if today_day >= p.first_day]
        if begun:
            ax.barh([b[0] for b in begun], [b[2] for b in begun], left=[b[1] for b in begun],
                    height=0.6, color=ACCENT, edgecolor="white", linewidth=1.5, zorder=3)
    ax.set_yticks(range(len(phases)), labels)
    ax.set_ylim(len(phases) - 0.5, -0.5)
    ax.set_xlim(0, last_day)
    ticks = sorted({0, *(p.last_day for p in phases)})
    tick_labels = []
    for t in ticks:
        text = f"Day {max(t, 1)}"
        if start is not None:
            text += "\n" + date_label(start + dt.timedelta(days=max(t, 1) - 1))
        tick_labels.append(text)
    ax.set_xticks(ticks, tick_labels)
    ax.vlines(range(7, last_day, 7), -0.5, len(phases) - 0.5, color=RULE, linewidth=0.5,
              zorder=0)  # the weeks (lines, not minor ticks: much cheaper)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    if today_day is not None:
        if 1 <= today_day <= last_day:
            ax.axvline(today_day - 0.5, color=INK, linewidth=1.4, zorder=5)
            ax.text(today_day - 0.5, 1.02, f"Today · day {today_day}", ha="center",
                    va="bottom", transform=ax.get_xaxis_transform(),
                    fontsize=font_size * 0.9, color=INK, fontweight="bold", zorder=6)
        else:
            note = ("Implementation complete" if today_day > last_day
                    else f"Starts in {1 - today_day} day{'s' if 1 - today_day != 1 else ''}")
            ax.text(last_day, 1.02, note, ha="right", va="bottom", color=MUTED,
                    transform=ax.get_xaxis_transform(), fontsize=font_size * 0.9)
    return fig


def kpi_bars(kpis: Sequence[KpiBar], *, met_colour: str, missed_colour: str,
             size: tuple[float, float] = (5.0, 3.0), font_size: float = 9.0) -> Figure:
    """Each KPI's actual figure against its target, on its own scale, one row each:
    the bar in the status colour (met or missed), the target as a black line, the
    figures on the right.

    One axes in row units, each row scaled to its own range (cheaper to build and draw
    than an axes per KPI, and the same picture).
    """
    from matplotlib.ticker import MaxNLocator

    small = font_size * 0.85
    targets = [f"target {'≥' if k.higher_is_better else '<'} {_fmt(k.target, k.unit)}"
               for k in kpis]
    fig, ax = _figure(size, font_size,
                      left=max([_width(k.label, font_size) for k in kpis] + [0.0]) + 12,
                      right=max([_width(t, small) for t in targets] + [0.0]) + 14,
                      bottom=4, top=4)
    if not kpis:
        _nothing_yet(ax, font_size)
        return fig
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(len(kpis) - 0.5, -0.5)
    edge = ax.get_yaxis_transform()  # x in axes fractions, y in rows
    bar = 0.3  # half the bar's height, in rows
    for n, (kpi, target_text) in enumerate(zip(kpis, targets, strict=True)):
        lo, hi = _kpi_range(kpi)

        def at(value: float, lo: float = lo, hi: float = hi) -> float:
            return (value - lo) / (hi - lo)

        y = n - 0.12
        eps = (hi - lo) * 1e-6
        ticks = [t for t in MaxNLocator(nbins=3).tick_values(lo, hi)
                 if lo - eps <= t <= hi + eps]
        ax.vlines([at(t) for t in ticks], y - bar, y + bar, color=RULE, linewidth=0.5,
                  zorder=0)
        ax.hlines(y + bar, 0, 1, color=FAINT, linewidth=0.8, zorder=1)
        for t in ticks:
            ax.text(at(t), y + bar + 0.06, _fmt(t, kpi.unit), ha="center", va="top",
                    color=MUTED, fontsize=small * 0.95)
        ax.text(-0.015, y, kpi.label, transform=edge, ha="right", va="center",
                color=INK, fontsize=font_size)
        if kpi.actual is None:
            ax.text(0.5, y, "No data", ha="center", va="center", color=MUTED,
                    fontsize=font_size)
            value_text, colour = "No data", MUTED
        else:
            colour = met_colour if kpi.met else missed_colour
            ax.barh(y, at(min(max(kpi.actual, lo), hi)), left=0, height=bar * 1.8,
                    color=colour, zorder=3)
            value_text = _fmt(kpi.actual, kpi.unit)
        ax.vlines(at(kpi.target), y - bar * 1.15, y + bar * 1.15, color=INK, linewidth=1.8,
                  zorder=4)
        ax.text(1.015, y - 0.02, value_text, transform=edge, ha="left", va="bottom",
                color=colour, fontsize=font_size, fontweight="bold")
        ax.text(1.015, y + 0.02, target_text, transform=edge, ha="left", va="top",
                color=MUTED, fontsize=small)
    return fig


# --- writing a figure out ---------------------------------------------------------------

def to_svg(figure: Figure) -> bytes:
    """The figure as SVG (vector), without a timestamp: the same data gives the same bytes."""
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "csdesk", "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def to_png(figure: Figure, dpi: int = PNG_DPI) -> bytes:
    """The figure as a PNG at ``dpi`` (200 by default: sharp in print)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def date_label(day: dt.date) -> str:
    """``4 Mar 2025``, the same in every locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --- helpers ------------------------------------------------------------------------------

def _figure(size: tuple[float, float], font_size: float, *, left: float = 30.0,
            bottom: float = 24.0, top: float = 8.0, right: float = 10.0) -> tuple[Figure, Axes]:
    """A figure with one axes and fixed margins in points (measured, not searched for:
    constrained layout costs a third of a second per chart)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=size)
    width, height = size[0] * 72, size[1] * 72
    ax = fig.add_axes((left / width, bottom / height, 1 - (left + right) / width,
                       1 - (bottom + top) / height))
    _style(ax, font_size)
    return fig, ax


def _width(text: str, font_size: float, bold: bool = False) -> float:
    """The printed width of ``text`` in points (the PDF's own font metrics)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from csdesk.reports.fonts import font_for

    return float(max((stringWidth(line, font_for(bold), font_size)
                      for line in text.splitlines()), default=0.0))


def _line(font_size: float) -> float:
    return font_size * 1.25


def _style(ax: Axes, font_size: float) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(FAINT)
        ax.spines[side].set_linewidth(0.8)
    ax.tick_params(colors=MUTED, labelsize=font_size, labelcolor=INK, length=3,
                   width=0.6, labelfontfamily=FAMILY)
    ax.set_facecolor("white")


def _shade_bands(ax: Axes, bands: Sequence[Band], font_size: float) -> None:
    """Shade each status's range, draw each threshold line, and name the bands in the
    right margin (see ``_band_margin``), clear of the data."""
    top = 100.0
    for name, minimum, colour in bands:
        bottom = 0.0 if minimum is None else minimum
        ax.axhspan(bottom, top, color=colour, alpha=0.09, linewidth=0, zorder=0)
        if minimum is not None:
            ax.axhline(minimum, color=colour, linewidth=1.0, linestyle=(0, (5, 3)), zorder=1)
        ax.text(1.012, (bottom + top) / 2, name, transform=ax.get_yaxis_transform(),
                ha="left", va="center", color=colour, fontsize=font_size * 0.95,
                fontweight="bold", clip_on=False)
        top = bottom


def _band_margin(bands: Sequence[Band], font_size: float) -> float:
    return max([_width(name, font_size * 0.95, bold=True) for name, _m, _c in bands]
               + [0.0]) + 14


def _date_axis(ax: Axes, first: dt.date, last: dt.date) -> None:
    """Month ticks labelled ``Mar`` and ``Jan 2026`` (locale-independent)."""
    from matplotlib.dates import AutoDateLocator, num2date
    from matplotlib.ticker import FuncFormatter

    locator = AutoDateLocator(minticks=3, maxticks=9)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    span = (last - first).days
    seen_years: set[int] = set()

    def label(value: float, _pos: int | None) -> str:
        day = num2date(value).date()  # type: ignore[no-untyped-call]
        if span <= 45:
            return f"{day.day} {MONTHS[day.month - 1]}"
        text = MONTHS[day.month - 1]
        if day.month == 1 or day.year not in seen_years:
            seen_years.add(day.year)
            text += f"\n{day.year}"
        return text

    class Formatter(FuncFormatter):
        def format_ticks(self, values: Any) -> list[str]:
            seen_years.clear()
            return [label(v, i) for i, v in enumerate(values)]

    ax.xaxis.set_major_formatter(Formatter(label))


def _num(day: dt.date) -> float:
    """A date as matplotlib's date number (days since its epoch)."""
    from matplotlib.dates import date2num

    return float(date2num(day))  # type: ignore[no-untyped-call]


def _nums(days: Iterable[dt.date]) -> list[float]:
    return [_num(d) for d in days]


def _nothing_yet(ax: Axes, font_size: float) -> None:
    ax.text(0.5, 0.5, NOTHING_YET, transform=ax.transAxes, ha="center", va="center",
            color=MUTED, fontsize=font_size * 1.2)


def _series_grey(n: int) -> str:
    return ("#6b7785", "#9aa5b1", "#3e4c59", "#b8c2cc")[n % 4]


def _kpi_range(kpi: KpiBar) -> tuple[float, float]:
    values = [kpi.target] + ([kpi.actual] if kpi.actual is not None else [])
    if kpi.higher_is_better and kpi.unit == "%":
        low = min(values)
        spread = max(100.0 - low, 0.5)
        floor = max(0.0, low - spread * 1.5)
        return float(int(floor)), 100.0
    top = max(values) * 1.35 or 1.0
    return 0.0, top


def _fmt(value: float, unit: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".") if value < 100 else f"{value:,.0f}"
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"
