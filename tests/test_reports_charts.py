"""The charts: plain data in, a matplotlib Figure out (never pyplot), shared by screen
and PDF; written as SVG or 200 dpi PNG; nothing loads matplotlib until one is drawn."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pytest
from matplotlib.figure import Figure
from PIL import Image

from csdesk.playbook.form_loader import FormSet
from csdesk.playbook.records import HealthMetrics
from csdesk.reports import chart_data, charts
from csdesk.store.book import Book
from tests.conftest import TODAY, dimensions_at, metrics_at

BANDS: list[charts.Band] = [("Healthy", 80.0, "#2e7d32"), ("At Risk", 60.0, "#ef8f00"),
                            ("Critical", None, "#c62828")]


def texts(fig: Figure) -> list[str]:
    found = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        found += [t.get_text() for t in ax.texts]
        found += [t.get_text() for t in ax.get_yticklabels()]
        legend = ax.get_legend()
        if legend is not None:
            found += [t.get_text() for t in legend.get_texts()]
    for legend in fig.legends:
        found += [t.get_text() for t in legend.get_texts()]
    return found


def weekly(n: int, start: float = 50.0) -> list[charts.Point]:
    return [(TODAY - dt.timedelta(weeks=n - 1 - i), start + i * 0.3) for i in range(n)]


def test_importing_the_reports_loads_no_matplotlib_and_drawing_never_pyplot() -> None:
    code = (
        "import sys\n"
        "import csdesk.reports, csdesk.reports.qbr_deck, csdesk.reports.charter\n"
        "import csdesk.reports.charts as c, csdesk.cli\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib loaded on import'\n"
        "import datetime as dt\n"
        "fig = c.health_trend([(dt.date(2026, 1, 1), 70.0)], [('Healthy', 80.0, '#2e7d32')])\n"
        "c.to_png(fig)\n"
        "assert 'matplotlib' in sys.modules\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_health_trend_shades_and_names_the_status_bands() -> None:
    fig = charts.health_trend(weekly(104), BANDS, markers=[(TODAY, "QBR")])
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_ylim() == (0, 100)
    words = texts(fig)
    for name in ("Healthy", "At Risk", "Critical", "QBR"):
        assert any(name in w for w in words), name
    assert len(ax.patches) == len(BANDS)  # one shaded band per status
    colours = {line.get_color() for line in ax.get_lines()}
    assert "#2e7d32" in colours and "#ef8f00" in colours  # the 80 and 60 lines
    assert f"{weekly(104)[-1][1]:.1f}" in words  # the latest score is labelled


def test_health_trend_can_overlay_metrics() -> None:
    fig = charts.health_trend(weekly(10), BANDS,
                              overlays={"Platform adoption": weekly(10, 30.0)})
    assert "Platform adoption" in texts(fig)


def test_charts_say_nothing_recorded_yet_without_data() -> None:
    for fig in (charts.health_trend([], BANDS), charts.metric_trends({"A": []}),
                charts.kpi_bars([], met_colour="#0f0", missed_colour="#f00"),
                charts.readiness_bars([]), charts.phase_timeline([])):
        assert charts.NOTHING_YET in texts(fig)


def test_readiness_bars_show_nine_dimensions_in_three_groups(book: Book, forms: FormSet) -> None:
    from csdesk.playbook.records import ReadinessAssessment

    account = book.accounts.create({"name": "Zoë AB"})
    view = book.assessments.record(account.id, TODAY, ReadinessAssessment(
        **dimensions_at(3, executive_sponsorship=5, integration_complexity=1.5)))
    groups = chart_data.readiness_groups(view, forms)
    fig = charts.readiness_bars(groups)
    ax = fig.axes[0]
    assert len(ax.patches) == 9
    assert [g for g, _ in groups] == [g.label for g in forms.readiness.groups]
    words = texts(fig)
    for group in forms.readiness.groups:
        assert group.label in words
    assert ax.get_xticks().tolist() == [1, 2, 3, 4, 5]
    widths = sorted(p.get_width() for p in ax.patches)
    assert widths[0] == 1.5 and widths[-1] == 5
    in_score = [bar for _g, bars in groups for bar in bars if bar.in_score]
    assert len(in_score) == len(forms.readiness.score_dimensions)


def test_phase_timeline_marks_today(forms: FormSet) -> None:
    fig = charts.phase_timeline(chart_data.phase_bars(forms), today_day=45,
                                start=dt.date(2026, 10, 15))
    words = texts(fig)
    assert "Today · day 45" in words
    ax = fig.axes[0]
    assert ax.get_xlim() == (0, 90)
    done = charts.phase_timeline(chart_data.phase_bars(forms), today_day=120)
    assert "Implementation complete" in texts(done)


def test_kpi_bars_compare_each_kpi_with_its_target(book: Book) -> None:
    from csdesk.playbook.records import OperationalFigures

    account = book.accounts.create({"name": "KPI AB"})
    book.snapshots.record(account.id, TODAY,
                          HealthMetrics(**metrics_at(90, system_uptime=99.95,
                                                     workflow_success_rate=96)),
                          OperationalFigures(avg_response_seconds=12.5))
    signals = book.snapshots.signals(account.id)
    assert signals is not None
    rows = chart_data.kpi_rows(signals.kpis)
    assert [r.target for r in rows] == [99.9, 98, 30, 1]
    assert [r.met for r in rows] == [True, False, True, None]
    fig = charts.kpi_bars(rows, met_colour="#2e7d32", missed_colour="#c62828")
    words = " ".join(texts(fig))
    for row in rows:
        assert row.label in words
    assert "target ≥ 99.9%" in words and "target < 30 s" in words and "No data" in words


def test_a_figure_writes_as_svg_and_as_a_200_dpi_png() -> None:
    fig = charts.health_trend(weekly(20), BANDS, size=(8.0, 3.4))
    png = charts.to_png(fig)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1600, 680)
    svg = charts.to_svg(fig)
    assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg
    assert charts.to_svg(fig) == svg  # no timestamp, stable ids
    assert charts.to_png(fig) == png


def test_chart_data_keeps_one_snapshot_per_day(book: Book) -> None:
    account = book.accounts.create({"name": "Twice AB"})
    book.snapshots.record(account.id, TODAY, HealthMetrics(**metrics_at(50)))
    book.snapshots.record(account.id, TODAY, HealthMetrics(**metrics_at(70)))
    book.snapshots.record(account.id, TODAY - dt.timedelta(days=7),
                          HealthMetrics(**metrics_at(60)))
    points = chart_data.score_points(book.snapshots.history(account.id))
    assert [p[0] for p in points] == [TODAY - dt.timedelta(days=7), TODAY]
    assert points[-1][1] == pytest.approx(70)
    history = book.snapshots.history(account.id)
    assert chart_data.snapshot_on(history, TODAY - dt.timedelta(days=1)) is not None
    assert chart_data.snapshot_on(history, TODAY - dt.timedelta(days=30)) is None


def test_status_bands_come_from_the_health_form(forms: FormSet) -> None:
    bands = chart_data.status_bands(forms.health)
    assert bands == [(s.name, s.min, s.colour) for s in forms.health.statuses]
    assert [b[1] for b in bands] == [80.0, 60.0, None]
