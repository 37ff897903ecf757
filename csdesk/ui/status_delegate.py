"""Paints a health status as a coloured badge inside its cell (colours from the model)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem


class StatusDelegate(QStyledItemDelegate):
    """The cell's BackgroundRole colour becomes a rounded badge with the status in it, so a
    selected row still shows each status in its own colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if not isinstance(background, QColor):
            super().paint(painter, option, index)
            return
        # The cell itself as any other (selection, alternating rows), without its text.
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        plain.backgroundBrush = QBrush(Qt.BrushStyle.NoBrush)
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter,
                              option.widget)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        metrics = option.fontMetrics
        pad_x, pad_y = metrics.averageCharWidth(), max(2, (option.rect.height()
                                                          - metrics.height()) // 2 - 2)
        width = min(option.rect.width() - 4, metrics.horizontalAdvance(text) + 2 * pad_x)
        badge = QRectF(option.rect.x() + 4, option.rect.y() + pad_y, width,
                       option.rect.height() - 2 * pad_y)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setPen(foreground if isinstance(foreground, QColor)
                       else option.palette.text().color())
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                    int(badge.width()) - pad_x)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, elided)
        painter.restore()
