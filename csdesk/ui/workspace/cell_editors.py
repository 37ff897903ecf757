"""Item delegates for table cells: a choice from a list, a date that may be empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from csdesk.ui.workspace.record_table_model import to_date

Index = QModelIndex | QPersistentModelIndex
NO_DATE = QDate(2000, 1, 1)  # the bottom of the range reads "no date"


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of (value, label) pairs; the model gets the value."""

    def __init__(self, choices: Sequence[tuple[Any, str]], parent: Any = None):
        super().__init__(parent)
        self.choices = list(choices)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        for value, label in self.choices:
            combo.addItem(label, value)
        combo.setAccessibleName(str(index.model().headerData(
            index.column(), Qt.Orientation.Horizontal)))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(max(0, editor.findData(value)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    """A date with a calendar; the first date of the range means "no date"."""

    def __init__(self, today: dt.date, parent: Any = None):
        super().__init__(parent)
        self.today = today

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        edit = QDateEdit(parent)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("no date"))
        edit.setAccessibleName(str(index.model().headerData(
            index.column(), Qt.Orientation.Horizontal)))
        edit.setToolTip(self.tr("Pick a date; the first date of the range clears it"))
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QDateEdit)
        day = to_date(index.data(Qt.ItemDataRole.EditRole))
        if day is None:
            editor.setDate(NO_DATE)
            editor.calendarWidget().setSelectedDate(
                QDate(self.today.year, self.today.month, self.today.day))
        else:
            editor.setDate(QDate(day.year, day.month, day.day))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QDateEdit)
        day = editor.date()
        model.setData(index, None if day == NO_DATE else to_date(day),
                      Qt.ItemDataRole.EditRole)
