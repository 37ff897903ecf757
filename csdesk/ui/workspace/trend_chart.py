"""A matplotlib chart in the window, drawn by the same code as the PDFs.

matplotlib (and its Qt canvas) is imported when the first chart is drawn, never at
start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class ChartView(QWidget):
    """Holds one figure; ``show_figure(make)`` draws what ``make()`` returns."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.canvas: Any = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(160)

    def show_figure(self, make: Callable[[], Figure]) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        figure = make()
        if self.canvas is not None:
            self._layout.removeWidget(self.canvas)
            self.canvas.setParent(None)
            self.canvas.deleteLater()
        self.canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
        self.canvas.setParent(self)
        self._layout.addWidget(self.canvas)
        self.canvas.draw_idle()
