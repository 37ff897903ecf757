"""The portfolio as Qt models: one row per account, sorted and filtered in Python.

``PortfolioModel`` shows the ``PortfolioRow`` values that ``book.accounts.portfolio()``
hands out; it never computes a score. It holds every row, sorted by raw values
(``SORT_ROLE``; ``None`` last in either direction, ties by name), and shows those a
``RowFilter`` keeps. A filter change replaces the shown rows in one layout change, so a
keystroke in the search box costs one pass over the rows in Python, not a call per row
from Qt, and the selection stays on its account. ``PortfolioFilter`` is the thin view of
it that the window's table and filter bar use.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import operator
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from csdesk.playbook.form_loader import FormSet
from csdesk.playbook.records import PLAN_TIERS
from csdesk.store.views import PortfolioRow
from csdesk.ui import formatting
from csdesk.ui.portfolio_order import Column, PortfolioOrder, PreparedRows, Sort, prepare
from csdesk.ui.row_filter import NOT_SCORED, RowFilter, search_text
from csdesk.ui.status_style import StatusStyle, status_styles, status_tooltip

AnyIndex = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # raw value to sort by (None: no value)
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the whole PortfolioRow
ID_ROLE = Qt.ItemDataRole.UserRole + 3  # the account's uuid.UUID
_SORTED_ROWS = QAbstractItemModel.LayoutChangeHint.VerticalSortHint  # columns stay put
# The overload of the layout signals that carries a hint (PySide picks the bare one else).
_WITH_HINT = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")

__all__ = ["ID_ROLE", "NOT_SCORED", "ROW_ROLE", "SORT_ROLE", "Column", "PortfolioFilter",
           "PortfolioModel", "PreparedRows", "RowFilter"]


_NUMERIC = {Column.HEALTH, Column.CHANGE, Column.OPEN_RISKS, Column.ARR}
_COLUMNS = tuple(Column)
_COLUMN_COUNT = len(_COLUMNS)
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ALIGNMENT = tuple(
    int((Qt.AlignmentFlag.AlignRight if column in _NUMERIC else Qt.AlignmentFlag.AlignLeft)
        | Qt.AlignmentFlag.AlignVCenter) for column in _COLUMNS)


def _emit_sorted_rows(signal: Any) -> None:
    """``layoutAboutToBeChanged`` or ``layoutChanged``: the rows change, not the columns
    (the header keeps its sections without looking)."""
    signal[_WITH_HINT].emit([], _SORTED_ROWS)


class PortfolioModel(QAbstractTableModel):
    """Read-only table of ``PortfolioRow``: replace the rows with ``set_rows``, choose
    the ones shown with ``set_filter``."""

    def __init__(self, forms: FormSet, today: Callable[[], dt.date] = dt.date.today,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._forms = forms
        self._today = today
        self._all: list[PortfolioRow] = []  # every row, in the sort order
        self._haystacks: list[str] = []  # haystack(row) of each row of _all
        self._hay: dict[int, str] = {}  # by id() of a row of _all
        self._rows: list[PortfolioRow] = []  # those the filter keeps, in that order
        self._filter = RowFilter()
        self._texts: dict[int, tuple[str, ...]] = {}  # by id() of a row of _rows
        self._row_of: tuple[list[PortfolioRow], dict[uuid.UUID, int]] | None = None
        self._bold: QFont | None = None
        self._sort: tuple[Column, Qt.SortOrder] | None = None
        self._styles: dict[str, StatusStyle] = status_styles(forms.health)
        self._stage_labels = {s.id: s.label for s in forms.journey.stages}
        self._order = PortfolioOrder(
            stage_rank={s.id: i for i, s in enumerate(forms.journey.stages)},
            status_rank={name: style.rank for name, style in self._styles.items()},
            level_rank={lv.name: i for i, lv in enumerate(forms.readiness.levels)},
            plan_rank={p: i for i, p in enumerate(PLAN_TIERS)})
        self._answers = self._role_answers()
        # Each column's text: a formatting of one attribute of the row (so a column's
        # distinct texts can be made from its distinct values: see ``distinct_texts``).
        self._displays: tuple[tuple[Callable[[PortfolioRow], Any], Callable[[Any], str]],
                              ...] = (
            (operator.attrgetter("name"), str),
            (operator.attrgetter("plan_tier"), str),
            (operator.attrgetter("stage"), lambda v: self._stage_labels.get(v, v)),
            (operator.attrgetter("score"), formatting.score_text),
            (operator.attrgetter("status"), lambda v: v or ""),
            (operator.attrgetter("score_change"), formatting.change_text),
            (operator.attrgetter("days_to_renewal"), formatting.days_text),
            (operator.attrgetter("next_review"), formatting.date_text),
            (operator.attrgetter("open_risks"), str),
            (operator.attrgetter("readiness_level"), lambda v: v or ""),
            (operator.attrgetter("owner"), str),
            (operator.attrgetter("arr"), formatting.money_text),
        )
        self._headers = {
            Column.ACCOUNT: (self.tr("Account"), self.tr("The customer account")),
            Column.PLAN: (self.tr("Plan"), self.tr("Plan tier")),
            Column.STAGE: (self.tr("Stage"), self.tr("Customer journey stage")),
            Column.HEALTH: (self.tr("Health"),
                            self.tr("Health score (0-100) of the latest snapshot")),
            Column.STATUS: (self.tr("Status"), self.tr("Health status of the latest snapshot")),
            Column.CHANGE: (self.tr("Change"),
                            self.tr("Change in health score since the previous snapshot")),
            Column.RENEWAL: (self.tr("Renewal"), self.tr("Days until the contract renews")),
            Column.NEXT_REVIEW: (self.tr("Next review"),
                                 self.tr("When the health score is due for review")),
            Column.OPEN_RISKS: (self.tr("Open risks"),
                                self.tr("Risks in the register that are still open")),
            Column.READINESS: (self.tr("Readiness"),
                               self.tr("Level of the latest readiness assessment")),
            Column.OWNER: (self.tr("Owner"), self.tr("The CSM who owns the account")),
            Column.ARR: (self.tr("ARR"), self.tr("Annual recurring revenue")),
        }

    # -- the rows ---------------------------------------------------------------------
    def set_rows(self, rows: Sequence[PortfolioRow] | PreparedRows) -> None:
        """Hold these rows (in the current sort order) and show those the filter keeps.
        Rows made ready by ``preparer()`` off the GUI thread need no work here unless
        the sort changed meanwhile."""
        prepared = rows if isinstance(rows, PreparedRows) else self.preparer()(rows)
        self.beginResetModel()
        if prepared.sort != self._sort_spec():
            prepared = self.preparer()(prepared.rows)
        self._hay = dict(zip(map(id, prepared.rows), prepared.haystacks, strict=True))
        self._all = prepared.rows
        self._haystacks = prepared.haystacks
        self._rows = self._filter.keep(self._all, self._haystacks)
        self._texts = {}
        self.endResetModel()

    def preparer(self) -> Callable[[Sequence[PortfolioRow]], PreparedRows]:
        """What puts rows in this model's current order, callable on any thread."""
        return functools.partial(prepare, order=self._order, sort=self._sort_spec())

    def _sort_spec(self) -> Sort | None:
        if self._sort is None:
            return None
        column, order = self._sort
        return column, order == Qt.SortOrder.DescendingOrder

    def _set_all(self, rows: list[PortfolioRow]) -> None:
        self._all = rows
        hay = self._hay
        self._haystacks = [hay[id(r)] for r in rows]

    @property
    def rows(self) -> list[PortfolioRow]:
        """Every row, shown or not, in the sort order."""
        return list(self._all)

    def shown_rows(self) -> list[PortfolioRow]:
        """The rows the filter keeps, in the order shown."""
        return list(self._rows)

    @property
    def total(self) -> int:
        """How many rows there are, shown or not."""
        return len(self._all)

    def row_at(self, row: int) -> PortfolioRow:
        """The row shown at ``row``."""
        return self._rows[row]

    def row_of(self, account_id: uuid.UUID) -> int | None:
        """Where the account's row is shown (``None``: not shown)."""
        if self._row_of is None or self._row_of[0] is not self._rows:
            self._row_of = (self._rows, {r.id: n for n, r in enumerate(self._rows)})
        return self._row_of[1].get(account_id)

    def stage_label(self, stage_id: str) -> str:
        return self._stage_labels.get(stage_id, stage_id)

    @property
    def styles(self) -> dict[str, StatusStyle]:
        return self._styles

    # -- filtering --------------------------------------------------------------------
    @property
    def row_filter(self) -> RowFilter:
        return self._filter

    def set_filter(self, row_filter: RowFilter) -> None:
        """Show only the rows this filter keeps (in one layout change; the selection and
        the current row stay on their accounts if those are still shown)."""
        before, self._filter = self._filter, row_filter
        if row_filter == before:
            return
        if before.search in row_filter.search and row_filter == dataclasses.replace(
                before, search=row_filter.search):
            # A search typed further can only narrow what is shown: look through that.
            hay = self._hay
            shown = self._rows
            self._show(row_filter.keep(shown, [hay[id(r)] for r in shown]))
        else:
            self._show(row_filter.keep(self._all, self._haystacks))

    def _show(self, rows: list[PortfolioRow]) -> None:
        """Show these rows instead; persistent indexes follow their accounts."""
        if len(rows) == len(self._rows) and all(map(operator.is_, rows, self._rows)):
            return  # the same rows in the same order: nothing to lay out or paint
        _emit_sorted_rows(self.layoutAboutToBeChanged)
        old = self.persistentIndexList()
        shown = self._rows
        ids = [shown[i.row()].id if 0 <= i.row() < len(shown) else None for i in old]
        self._rows = rows
        new = []
        for index, account in zip(old, ids, strict=True):
            row = None if account is None else self.row_of(account)
            new.append(QModelIndex() if row is None else self.index(row, index.column()))
        self.changePersistentIndexList(old, new)
        _emit_sorted_rows(self.layoutChanged)

    # -- sorting ---------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``sort_key``: rows without a value last, ties by account name.

        Sorting happens here, in one Python ``list.sort``, rather than in a proxy's
        ``lessThan`` (a Python call per comparison): thousands of rows sort at once.
        """
        if not 0 <= column < len(Column):
            self._sort = None
            return
        self._sort = (Column(column), order)
        self._set_all(self._sorted(self._all))
        self._show(self._filter.keep(self._all, self._haystacks))

    @property
    def sort_column(self) -> Column | None:
        return None if self._sort is None else self._sort[0]

    @property
    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.AscendingOrder if self._sort is None else self._sort[1]

    def _sorted(self, rows: list[PortfolioRow]) -> list[PortfolioRow]:
        return self._order.sorted(rows, self._sort_spec())

    # -- QAbstractTableModel ----------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMN_COUNT

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        title, tip = self._headers[Column(section)]
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks about eight roles of every visible cell on every paint: one
        # lookup for the role, none for the column (an IntEnum call is slow).
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < _COLUMN_COUNT):
            return None
        answer = self._answers.get(role)
        return None if answer is None else answer(self._rows[row], _COLUMNS[column])

    def _role_answers(self) -> dict[int, Callable[[PortfolioRow, Column], Any]]:
        role = Qt.ItemDataRole
        return {
            role.DisplayRole: self.display,
            SORT_ROLE: self.sort_key,
            role.ToolTipRole: self._tooltip,
            role.TextAlignmentRole: lambda _row, column: _ALIGNMENT[column],
            role.ForegroundRole: self._foreground,
            role.BackgroundRole: self._background,
            role.FontRole: self._font,
            role.AccessibleTextRole: lambda row, column:
                f"{self._headers[column][0]}: {self.display(row, column)}",
            ROW_ROLE: lambda row, _column: row,
            ID_ROLE: lambda row, _column: row.id,
        }

    # -- one value, several ways ------------------------------------------------------
    def display(self, row: PortfolioRow, column: Column) -> str:
        return self.texts(row)[column]

    def texts(self, row: PortfolioRow) -> tuple[str, ...]:
        """A row's texts, column by column (made once: every paint asks for them again)."""
        texts = self._texts.get(id(row))
        if texts is None:
            texts = self._texts[id(row)] = tuple(show(get(row)) for get, show in self._displays)
        return texts

    def distinct_texts(self, rows: Sequence[PortfolioRow]) -> list[set[str]]:
        """Each column's distinct texts over ``rows``, made from its distinct values: a
        few hundred formattings for thousands of rows (sizing the columns at start-up)."""
        return [{show(value) for value in set(map(get, rows))} for get, show in self._displays]

    def sort_key(self, row: PortfolioRow, column: Column) -> Any:
        """The raw value a column sorts by; ``None`` means "no value" (always last).

        Stage sorts in journey order, status from best to worst, readiness from High to
        Low and plan from Starter to Enterprise, as the forms list them.
        """
        return self._order.key(row, column)

    def cell_look(self, row: int, column: int) -> tuple[str, int, QColor | None, QFont | None]:
        """A shown cell's text, alignment, text colour and font in one call: what
        DisplayRole, TextAlignmentRole, ForegroundRole and FontRole answer (a delegate
        painting many cells asks once instead of a call per role)."""
        shown, at = self._rows[row], _COLUMNS[column]
        return (self.display(shown, at), _ALIGNMENT[column], self._foreground(shown, at),
                self._font(shown, at))

    def _font(self, row: PortfolioRow, column: Column) -> QFont | None:
        return self._bold_font() if column == Column.NEXT_REVIEW and self._review_due(row) \
            else None

    def _bold_font(self) -> QFont:
        if self._bold is None:  # made on first use: a QFont needs a QGuiApplication
            self._bold = QFont()
            self._bold.setBold(True)
        return self._bold

    def _review_due(self, row: PortfolioRow) -> bool:
        return row.next_review is not None and row.next_review <= self._today()

    def _foreground(self, row: PortfolioRow, column: Column) -> QColor | None:
        if column == Column.STATUS:
            style = self._styles.get(row.status) if row.status is not None else None
            return None if style is None else style.foreground
        if column == Column.CHANGE and self._styles:
            arrow = formatting.trend_arrow(row.score_change)
            if arrow == formatting.UP:  # the best status's colour; the worst's for down
                return next(iter(self._styles.values())).background
            if arrow == formatting.DOWN:
                return next(reversed(self._styles.values())).background
        return None

    def _background(self, row: PortfolioRow, column: Column) -> QColor | None:
        if column == Column.STATUS and row.status is not None:
            style = self._styles.get(row.status)
            return None if style is None else style.background
        return None

    def _tooltip(self, row: PortfolioRow, column: Column) -> str | None:
        match column:
            case Column.STATUS | Column.HEALTH:
                text = status_tooltip(self._styles.get(row.status or ""), row.status, self.tr)
                if row.as_of is not None:
                    text += "\n" + self.tr("Latest snapshot: {date}").format(
                        date=formatting.date_text(row.as_of))
                return text
            case Column.CHANGE:
                if row.score_change is None:
                    return self.tr("No earlier snapshot to compare with")
                return self.tr("Change since the previous snapshot: {change}").format(
                    change=formatting.change_text(row.score_change))
            case Column.RENEWAL:
                if row.renewal_date is None:
                    return self.tr("No renewal date recorded")
                return self.tr("Renews on {date}").format(
                    date=formatting.date_text(row.renewal_date))
            case Column.NEXT_REVIEW:
                if row.next_review is None:
                    return None
                if self._review_due(row):
                    return self.tr("Review due since {date}").format(
                        date=formatting.date_text(row.next_review))
                return self.tr("Review due on {date}").format(
                    date=formatting.date_text(row.next_review))
            case Column.ACCOUNT:
                return row.name
        return None


class PortfolioFilter(QIdentityProxyModel):
    """The window's view of a ``PortfolioModel``: its shown rows as they are, and the
    search and filters of the filter bar, which the model applies (in Python, at once).

    Sorting passes on to the model too (``QAbstractProxyModel.sort``).
    """

    # -- the filters ------------------------------------------------------------------
    def set_search(self, text: str) -> None:
        """Rows whose account name or owner contains ``text`` (any case)."""
        self._change(search=search_text(text))

    def set_status(self, status: str | None) -> None:
        """Only accounts with this status; ``NOT_SCORED`` for those without a snapshot."""
        self._change(status=status)

    def set_stage(self, stage_id: str | None) -> None:
        self._change(stage=stage_id)

    def set_owner(self, owner: str | None) -> None:
        self._change(owner=owner)

    def set_renewal_within(self, days: int | None) -> None:
        """Only accounts renewing in the next ``days`` days (today included)."""
        self._change(renewal_within=days)

    @property
    def is_filtering(self) -> bool:
        return self.source().row_filter.is_filtering

    def accepts(self, row: PortfolioRow) -> bool:
        return self.source().row_filter.accepts(row)

    def shown_rows(self) -> list[PortfolioRow]:
        """The rows that pass the filters, in the order shown."""
        return self.source().shown_rows()

    def _change(self, **changes: Any) -> None:
        model = self.source()
        model.set_filter(dataclasses.replace(model.row_filter, **changes))

    # -- QAbstractProxyModel ----------------------------------------------------------
    def source(self) -> PortfolioModel:
        model = self.sourceModel()
        if not isinstance(model, PortfolioModel):
            raise TypeError("PortfolioFilter works over a PortfolioModel")
        return model

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        if not isinstance(model, PortfolioModel):
            raise TypeError("PortfolioFilter works over a PortfolioModel")
        super().setSourceModel(model)
