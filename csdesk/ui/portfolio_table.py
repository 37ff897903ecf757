"""The portfolio table: sortable, one selected row at a time, usable from the keyboard."""

from __future__ import annotations

import heapq
import uuid

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFontMetrics, QKeyEvent, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from csdesk.ui.portfolio_model import ID_ROLE, Column, PortfolioFilter, PortfolioModel
from csdesk.ui.status_delegate import StatusDelegate

# Widest a column grows to fit its text, in average characters (names can be long).
_MAX_CHARS = {Column.ACCOUNT: 44, Column.OWNER: 26}
_MIN_ACCOUNT_CHARS = 30  # names matter most: the other columns scroll first
_SAMPLE_ROWS = 2000  # enough rows to find the widest text, few enough to stay quick
# Texts measured per column, the longest in characters: the widest in pixels is among
# them (digits are all as wide; a name is not wider than ones with many more letters).
# Measuring every distinct amount or score of 2,000 rows took ~60 ms of a first start.
_MEASURED = 64
_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_ALIGNMENTS: dict[int, Qt.AlignmentFlag] = {}  # int -> flag, made once each
PADDING = 8  # pixels after a cell's text: room between a right-aligned number and the next



def _alignment(value: int) -> Qt.AlignmentFlag:
    flag = _ALIGNMENTS.get(value)
    if flag is None:
        flag = _ALIGNMENTS[value] = Qt.AlignmentFlag(value)
    return flag


class PaddedDelegate(QStyledItemDelegate):
    """Qt's own cell painting with ``PADDING`` more room on the right of the text.

    (A style sheet ``QTableView::item { padding-right: 8px }`` looks the same, but puts
    every cell, header and scroll bar of the table through Qt's style-sheet style: some
    milliseconds on each repaint of a search keystroke.)

    Over a portfolio, the style option is filled from ``PortfolioModel.cell_look``: one
    Python call per cell instead of one per role (Qt asks seven) on every repaint.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._source: tuple[QAbstractItemModel, PortfolioModel | None] | None = None

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        source = self._portfolio(index.model())
        if source is None:
            super().initStyleOption(option, index)
        else:
            text, alignment, foreground, font = source.cell_look(index.row(), index.column())
            option.index = index  # type: ignore[assignment]
            if font is not None:
                option.font = font.resolve(option.font)
                option.fontMetrics = QFontMetrics(option.font)
            option.displayAlignment = _alignment(alignment)
            if foreground is not None:
                palette = option.palette
                palette.setBrush(QPalette.ColorRole.Text, QBrush(foreground))
                option.palette = palette
            option.features |= _HAS_DISPLAY
            option.text = text
        option.rect = option.rect.adjusted(0, 0, -PADDING, 0)

    def _portfolio(self, model: QAbstractItemModel) -> PortfolioModel | None:
        """The ``PortfolioModel`` whose rows the cells show as they are, if any."""
        if self._source is None or self._source[0] is not model:
            source = model.source() if isinstance(model, PortfolioFilter) else model
            self._source = (model, source if isinstance(source, PortfolioModel) else None)
        return self._source[1]


def _texts(model: QAbstractItemModel, rows: int) -> list[set[str]]:
    """Each column's distinct texts in the first ``rows`` rows, as the view shows them:
    straight from the rows of a ``PortfolioFilter``'s model (from each column's distinct
    values), else cell by cell."""
    if isinstance(model, PortfolioFilter):
        return model.source().distinct_texts(model.shown_rows()[:rows])
    return [{str(model.index(row, column).data() or "") for row in range(rows)}
            for column in Column]


def _widest(metrics: QFontMetrics, texts: set[str], enough: int | None) -> int:
    """The width of the widest text among the ``_MEASURED`` longest (in characters),
    longest first, stopping once one is ``enough``."""
    widest = 0
    for text in heapq.nlargest(_MEASURED, texts, key=len):
        widest = max(widest, metrics.horizontalAdvance(text))
        if enough is not None and widest >= enough:
            break
    return widest


class PortfolioTable(QTableView):
    """Enter or a double-click on a row emits ``accountActivated`` with its account id."""

    accountActivated = Signal(object)  # uuid.UUID
    firstPainted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._painted = False
        self.setObjectName("portfolioTable")
        self.setAccessibleName(self.tr("Portfolio"))
        self.setAccessibleDescription(
            self.tr("One row per account. Press Enter to open the selected account."))
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab moves on to the next control
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        columns = self.horizontalHeader()
        columns.setSectionsMovable(True)
        columns.setHighlightSections(False)
        columns.setStretchLastSection(False)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setItemDelegate(PaddedDelegate(self))
        self.setItemDelegateForColumn(Column.STATUS, StatusDelegate(self))
        self.doubleClicked.connect(self._activate)

    def text_widths(self) -> dict[Column, int]:
        """Each column's widest text (header included, with room for the sort arrow),
        long names capped: the widths at which nothing is cut short.

        Each distinct text is measured once (a column of 5,000 rows holds far fewer, and
        a capped column stops at the first text that reaches the cap)."""
        model = self.model()
        if model is None:
            return {column: self.horizontalHeader().defaultSectionSize() for column in Column}
        metrics = self.fontMetrics()
        char = metrics.averageCharWidth()
        padding = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) \
            + PADDING + char  # the style's margins, the item padding, a little air
        arrow = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize) + 2 * char
        texts_of = _texts(model, min(model.rowCount(), _SAMPLE_ROWS))
        widths: dict[Column, int] = {}
        for column in Column:
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            cap = _MAX_CHARS.get(column)
            texts = texts_of[column]
            texts.discard("")
            widest = metrics.horizontalAdvance(title) + arrow
            if texts:
                widest = max(widest, _widest(metrics, texts, cap and cap * char - padding)
                             + padding)
            widths[column] = min(widest, cap * char) if cap else widest
        return widths

    def wanted_width(self, widths: dict[Column, int] | None = None) -> int:
        """How wide the table would like to be to show every column's text."""
        frame = 2 * self.frameWidth()
        widths = self.text_widths() if widths is None else widths
        return sum(widths.values()) + self.verticalScrollBar().sizeHint().width() + frame

    def fit_columns(self, widths: dict[Column, int] | None = None) -> None:
        """Widths that fit the text (first start; later starts restore the user's own).

        What is left of the view goes to the Account column, so the table fills its
        space; if the view is too narrow, the Account column gives way first, down to a
        readable minimum.
        """
        widths = dict(self.text_widths() if widths is None else widths)
        available = self.viewport().width()
        others = sum(w for c, w in widths.items() if c != Column.ACCOUNT)
        minimum = _MIN_ACCOUNT_CHARS * self.fontMetrics().averageCharWidth()
        widths[Column.ACCOUNT] = max(available - others, minimum)
        header = self.horizontalHeader()
        for section, width in widths.items():
            header.resizeSection(section, width)

    def current_account(self) -> uuid.UUID | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        value = index.siblingAtColumn(Column.ACCOUNT).data(ID_ROLE)
        return value if isinstance(value, uuid.UUID) else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activate(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.firstPainted.emit()

    def _activate(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        value = index.siblingAtColumn(Column.ACCOUNT).data(ID_ROLE)
        if isinstance(value, uuid.UUID):
            self.accountActivated.emit(value)
