"""The Expansion page: what the rules see (expansion triggers and upsell suggestions, with
what fired them) and the opportunities the CSM tracks, added, edited in place and
deleted through the undo stack. "Track as opportunity" turns a signal into an
opportunity pre-filled from it (its ``source_rule`` is the rule's id).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csdesk.playbook.signals import ExpansionSignal, UpsellSuggestion
from csdesk.store.inputs import OpportunityFields
from csdesk.store.views import OpportunityView
from csdesk.ui.workspace.expansion_editing import OpportunityEdits
from csdesk.ui.workspace.expansion_models import (
    ExpansionSignalModel,
    RuleTable,
    UpsellModel,
    fired,
)
from csdesk.ui.workspace.expansion_opportunities import (
    FIELDS,
    OpportunityDelegate,
    OpportunityModel,
)
from csdesk.ui.workspace.overview_cards import Card, text_label
from csdesk.ui.workspace.page import PageContext, WorkspacePage


def _table(parent: QWidget, name: str) -> QTableView:
    table = QTableView(parent)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)  # Tab moves on to the buttons
    return table


def _fill(table: QTableView, model: RuleTable[Any], rows: Sequence[Any],
          tracked: Collection[str]) -> None:
    """Show the fired rules, keep the row selected, the long last text stretched."""
    current = table.currentIndex().row()
    model.set_rows(rows, tracked)
    if current < 0:  # first look: the first signal not tracked yet, ready to track
        current = next((n for n in range(len(rows)) if not model.is_tracked(n)), 0)
    if rows:
        table.selectRow(min(current, len(rows) - 1))
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(model.columnCount() - 2, QHeaderView.ResizeMode.Stretch)
    _fit_height(table)


def _fit_height(table: QTableView) -> None:
    """As tall as its rows (the signals are few): the opportunities get the rest."""
    rows = table.model().rowCount()
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(rows))
    if table.horizontalScrollBar().isVisible():
        height += table.horizontalScrollBar().height()
    table.setFixedHeight(height + 2)


class ExpansionPage(WorkspacePage):
    title = "Expansion"

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.title = self.tr("Expansion")
        self.signals: list[ExpansionSignal] = []
        self.upsell: list[UpsellSuggestion] = []
        self.edits = OpportunityEdits(self.book.opportunities, self.editor, self)

        self.signal_card = Card(self.tr("Expansion signals"))
        self.signal_model = ExpansionSignalModel(self)
        self.signal_table = _table(self.signal_card, self.tr("Expansion signals"))
        self.signal_table.setModel(self.signal_model)
        self.signal_hint = text_label(self.signal_card)
        self.signal_hint.setObjectName("cardNote")
        self.track_signal = self._track_button(self.signal_card, self.signal_table)
        self.track_signal.clicked.connect(self._track_selected_signal)
        self._add_rows(self.signal_card, self.signal_hint, self.signal_table, self.track_signal)

        self.upsell_card = Card(self.tr("Upsell suggestions"))
        self.upsell_model = UpsellModel(self)
        self.upsell_table = _table(self.upsell_card, self.tr("Upsell suggestions"))
        self.upsell_table.setModel(self.upsell_model)
        self.upsell_hint = text_label(self.upsell_card)
        self.upsell_hint.setObjectName("cardNote")
        self.track_upsell = self._track_button(self.upsell_card, self.upsell_table)
        self.track_upsell.clicked.connect(self._track_selected_upsell)
        self._add_rows(self.upsell_card, self.upsell_hint, self.upsell_table, self.track_upsell)

        self.opp_card = Card(self.tr("Opportunities"))
        self.new_title = QLineEdit(self.opp_card)
        self.new_title.setPlaceholderText(self.tr("New opportunity, e.g. Workflow AI add-on"))
        self.new_title.setAccessibleName(self.tr("Title of a new opportunity"))
        self.new_title.setMaxLength(200)
        self.new_title.returnPressed.connect(self.add_typed)
        self.add_button = QPushButton(self.tr("Add opportunity"), self.opp_card)
        self.add_button.setAccessibleName(self.tr("Add opportunity"))
        self.add_button.clicked.connect(self.add_typed)
        self.new_title.textChanged.connect(
            lambda text: self.add_button.setEnabled(bool(text.strip())))
        self.delete_button = QPushButton(self.tr("Delete"), self.opp_card)
        self.delete_button.setAccessibleName(self.tr("Delete the selected opportunity"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.opp_model = OpportunityModel(self)
        self.opp_model.edited.connect(self.save_edit)
        self.opp_table = _table(self.opp_card, self.tr("Opportunities"))
        self.opp_table.setModel(self.opp_model)
        kinds = [*dict.fromkeys(t.type for t in self.book.forms.signals.expansion_triggers),
                 "upsell", "opportunity"]
        self.opp_table.setItemDelegate(OpportunityDelegate(kinds, self.opp_table))
        self.opp_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                       | QAbstractItemView.EditTrigger.EditKeyPressed
                                       | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.opp_table.selectionModel().selectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence.StandardKey.Delete, self.opp_table, self.delete_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.opp_hint = text_label(self.opp_card)
        self.opp_hint.setObjectName("cardNote")
        adding = QHBoxLayout()
        adding.addWidget(self.new_title, 1)
        adding.addWidget(self.add_button)
        adding.addSpacing(24)
        adding.addWidget(self.delete_button)
        self.opp_card.body.addLayout(adding)
        self.opp_card.body.addWidget(self.opp_table, 1)
        self.opp_card.body.addWidget(self.opp_hint)

        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(12, 12, 12, 12)
        column.setSpacing(12)
        column.addWidget(self.signal_card)
        column.addWidget(self.upsell_card)
        column.addWidget(self.opp_card, 1)
        scroll = QScrollArea(self)  # a small window scrolls rather than squeezing tables
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._update_buttons()

    @staticmethod
    def _add_rows(card: Card, hint: QWidget, table: QTableView, button: QPushButton) -> None:
        card.body.addWidget(hint)
        card.body.addWidget(table)
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        card.body.addLayout(row)

    def _track_button(self, card: Card, table: QTableView) -> QPushButton:
        button = QPushButton(self.tr("Track as opportunity"), card)
        button.setAccessibleName(self.tr("Track the selected {what} as an opportunity").format(
            what=card.accessibleName().lower()))
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        table.activated.connect(lambda _i: button.click())
        return button

    # -- reading ------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.account_id is None:
            return
        signals = self.book.snapshots.signals(self.account_id)
        opportunities = self.book.opportunities.list(self.account_id)
        tracked = {o.source_rule for o in opportunities if o.source_rule}
        self.signals = [] if signals is None else list(signals.expansion)
        self.upsell = [] if signals is None else list(signals.upsell)
        _fill(self.signal_table, self.signal_model, self.signals, tracked)
        _fill(self.upsell_table, self.upsell_model, self.upsell, tracked)
        self.opp_model.set_rows(opportunities)
        self.opp_table.resizeColumnsToContents()
        self._show_hints(signals is not None)
        self._update_buttons()

    def _show_hints(self, scored: bool) -> None:
        if not scored:
            text = self.tr("No health reading yet — signals come from the latest reading.")
            self.signal_hint.setText(text)
            self.upsell_hint.setText(text)
        else:
            self.signal_hint.setText(self.tr(
                "No expansion trigger fired on the latest reading.") if not self.signals else
                self.tr("Triggers that fired on the latest reading, strongest first."))
            self.upsell_hint.setText(self.tr(
                "No upsell suggestion for this plan and these indicators.") if not self.upsell
                else self.tr("Suggestions of the upsell matrix for this account."))
        self.signal_table.setVisible(bool(self.signals))
        self.upsell_table.setVisible(bool(self.upsell))
        self.opp_hint.setText(self.tr(
            "No opportunities yet: add one above, or track a signal.") if not self.opp_model.rows
            else self.tr("Double-click a cell (or press F2) to edit it; every change can be "
                         "undone."))

    def _update_buttons(self) -> None:
        pairs: tuple[tuple[QPushButton, QTableView, RuleTable[Any]], ...] = (
            (self.track_signal, self.signal_table, self.signal_model),
            (self.track_upsell, self.upsell_table, self.upsell_model))
        for button, table, model in pairs:
            row = self._selected(table)
            tracked = row is not None and model.is_tracked(row)
            button.setEnabled(row is not None and not tracked)
            button.setVisible(bool(model.rows))
            button.setText(self.tr("Already tracked") if tracked
                           else self.tr("Track as opportunity"))
        self.add_button.setEnabled(bool(self.new_title.text().strip()))
        self.delete_button.setEnabled(self._selected(self.opp_table) is not None)

    @staticmethod
    def _selected(table: QTableView) -> int | None:
        rows = table.selectionModel().selectedRows() if table.selectionModel() else []
        return rows[0].row() if rows else None

    # -- editing ------------------------------------------------------------------------
    def add(self, fields: OpportunityFields) -> OpportunityView | None:
        assert self.account_id is not None
        added = self.edits.add(self.account_id, fields)
        if added is not None:
            row = self.opp_model.row_of(added.title)
            if row is not None:
                self.opp_table.selectRow(row)
        return added

    def add_typed(self) -> None:
        title = self.new_title.text().strip()
        if not title or self.account_id is None:
            return
        owner = self.book.accounts.get(self.account_id).owner
        if self.add(OpportunityFields(title=title, owner=owner)) is not None:
            self.new_title.clear()

    def save_edit(self, opp: OpportunityView, name: str, value: Any) -> None:
        label = self.opp_model.headers[FIELDS.index(name)].lower()
        if self.edits.update(opp, name, value, label) is None:
            self.refresh()  # refused: show what is stored

    def delete_selected(self) -> None:
        row = self._selected(self.opp_table)
        if row is not None:
            self.edits.delete(self.opp_model.rows[row])

    # -- tracking a signal --------------------------------------------------------------
    def _track_selected_signal(self) -> None:
        row = self._selected(self.signal_table)
        if row is not None and not self.signal_model.is_tracked(row):
            self.track(self.signals[row])

    def _track_selected_upsell(self) -> None:
        row = self._selected(self.upsell_table)
        if row is not None and not self.upsell_model.is_tracked(row):
            self.track(self.upsell[row])

    def track(self, signal: ExpansionSignal | UpsellSuggestion) -> OpportunityView | None:
        """An opportunity pre-filled from a fired expansion trigger or upsell row."""
        if isinstance(signal, ExpansionSignal):
            fields = OpportunityFields(
                title=signal.event, kind=signal.type, source_rule=signal.rule_id,
                likelihood=signal.score, owner=signal.owner,
                notes=self.tr("What fired: {fired}. Timeline: {timeline}.").format(
                    fired=fired(signal.observed), timeline=signal.timeline))
        else:
            fields = OpportunityFields(
                title=signal.opportunity, kind="upsell", source_rule=signal.rule_id,
                notes=self.tr("{value}. Indicator: {indicator}. What fired: {fired}.").format(
                    value=signal.value, indicator=signal.indicator,
                    fired=fired(signal.observed)))
        return self.add(fields)
