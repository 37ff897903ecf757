"""Paints a health status as a coloured badge inside its cell (colours from the model).

A portfolio shows a handful of statuses in one column width, thousands of times: each
look of a cell (status, colours, size, selection, palette, font) is painted once into a
pixmap and then only copied, so a repaint of the table costs little Python.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

_CACHED = 64  # looks kept; a table needs a few per status (selected or not, alternate or not)
_DISPLAY = Qt.ItemDataRole.DisplayRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole


class StatusDelegate(QStyledItemDelegate):
    """The cell's BackgroundRole colour becomes a rounded badge with the status in it, so a
    selected row still shows each status in its own colour."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._looks: dict[tuple[object, ...], QPixmap] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        background = index.data(_BACKGROUND)
        if not isinstance(background, QColor):
            super().paint(painter, option, index)
            return
        rect = option.rect
        ratio = painter.device().devicePixelRatioF()
        key = (index.data(_DISPLAY), background.rgba(), rect.width(), rect.height(),
               option.state.value, option.features.value, option.palette.cacheKey(),
               option.font.key(), ratio)
        look = self._looks.get(key)
        if look is None:
            if len(self._looks) >= _CACHED:
                self._looks.clear()
            look = self._looks[key] = self._draw(option, index, background, ratio)
        painter.drawPixmap(rect.topLeft(), look)

    def _draw(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex,
              background: QColor, ratio: float) -> QPixmap:
        """The cell as any other (selection, focus; the view has painted the alternating
        row colour beneath), without its text, and the badge on it."""
        size = option.rect.size()
        look = QPixmap(size * ratio)
        look.setDevicePixelRatio(ratio)
        look.fill(Qt.GlobalColor.transparent)
        painter = QPainter(look)
        try:
            plain = QStyleOptionViewItem(option)
            self.initStyleOption(plain, index)
            plain.rect = QRect(0, 0, size.width(), size.height())
            plain.text = ""
            plain.backgroundBrush = QBrush(Qt.BrushStyle.NoBrush)
            style = option.widget.style() if option.widget is not None else None
            if style is not None:
                style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter,
                                  option.widget)
            text = str(index.data(_DISPLAY) or "")
            foreground = index.data(_FOREGROUND)
            metrics = option.fontMetrics
            pad_x = metrics.averageCharWidth()
            pad_y = max(2, (size.height() - metrics.height()) // 2 - 2)
            width = min(size.width() - 4, metrics.horizontalAdvance(text) + 2 * pad_x)
            badge = QRectF(4, pad_y, width, size.height() - 2 * pad_y)
            painter.setFont(option.font)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.setPen(foreground if isinstance(foreground, QColor)
                           else option.palette.text().color())
            elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                        int(badge.width()) - pad_x)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, elided)
        finally:
            painter.end()
        return look
