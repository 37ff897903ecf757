"""The account workspace: a header with the account and its health, a side navigation,
and the pages. Edits anywhere refresh the page in view and the header."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from csdesk.store.repos.base import NotFound
from csdesk.ui.status_style import status_styles, status_tooltip
from csdesk.ui.workspace.page import PageContext, WorkspacePage
from csdesk.ui.workspace.pages import page_classes


class AccountHeader(QWidget):
    """Account name, plan and stage, and the health status as a coloured badge."""

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.back = QPushButton(self.tr("← Portfolio"), self)
        self.back.setAccessibleName(self.tr("Back to the portfolio"))
        self.back.setToolTip(self.tr("Back to the portfolio (Alt+Left)"))
        self.name = QLabel(self)
        self.name.setObjectName("accountName")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel(self)
        self.badge = QLabel(self)
        self.badge.setObjectName("statusBadge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.back)
        layout.addSpacing(12)
        layout.addWidget(self.name)
        layout.addSpacing(12)
        layout.addWidget(self.badge)
        layout.addSpacing(12)
        layout.addWidget(self.details, 1)
        self.styles = status_styles(context.book.forms.health)

    def show_account(self, account_id: uuid.UUID) -> None:
        book = self.context.book
        account = book.accounts.get(account_id)
        latest = book.snapshots.latest(account_id)
        stage = book.forms.journey.stage(account.stage).label
        self.name.setText(account.name + (self.tr(" (archived)") if account.archived else ""))
        self.details.setText(self.tr("{plan} · {stage} · owner {owner}").format(
            plan=account.plan_tier, stage=stage, owner=account.owner or self.tr("nobody")))
        if latest is None:
            self.badge.setText(self.tr("no health score yet"))
            self.badge.setStyleSheet("")
            self.badge.setToolTip(status_tooltip(None, None))
        else:
            style = self.styles.get(latest.status)
            self.badge.setText(f"{latest.score:.1f}  {latest.status}")
            self.badge.setToolTip(status_tooltip(style, latest.status))
            if style is not None:
                self.badge.setStyleSheet(
                    f"QLabel#statusBadge {{ background: {style.background.name()};"
                    f" color: {style.foreground.name()}; border-radius: 8px;"
                    " padding: 3px 10px; font-weight: bold; }")
        self.badge.setAccessibleName(self.badge.text())


class AccountWorkspace(QWidget):
    """Shows one account; ``back`` asks the window to return to the portfolio."""

    back = Signal()
    pageChanged = Signal(str)  # the page's key, remembered between sessions

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.account_id: uuid.UUID | None = None
        self.header = AccountHeader(context, self)
        self.header.back.clicked.connect(self.back)
        self.nav = QListWidget(self)
        self.nav.setAccessibleName(self.tr("Account pages"))
        self.nav.setObjectName("workspaceNav")
        self.stack = QStackedWidget(self)
        self.pages: dict[str, WorkspacePage] = {}
        for key, cls in page_classes():
            page = cls(context, self.stack)
            self.pages[key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(page.title, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, key)
        self.nav.setFixedWidth(max(160, self.nav.sizeHintForColumn(0) + 28))
        self.nav.currentRowChanged.connect(self._show_row)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)
        back_key = QShortcut(QKeySequence("Alt+Left"), self)
        back_key.activated.connect(self.back.emit)
        context.editor.changed.connect(self.refresh)

    def open_account(self, account_id: uuid.UUID, page: str | None = None) -> None:
        self.account_id = account_id
        self.header.show_account(account_id)
        for p in self.pages.values():
            p.account_id = account_id
        if page is not None and page in self.pages:
            self.show_page(page)
        else:
            self.current_page().load(account_id)
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)

    def show_page(self, key: str) -> None:
        row = list(self.pages).index(key)
        self.nav.setCurrentRow(row)

    def current_key(self) -> str:
        return list(self.pages)[max(self.stack.currentIndex(), 0)]

    def current_page(self) -> WorkspacePage:
        return self.pages[self.current_key()]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        page = self.current_page()
        if self.account_id is not None:
            page.load(self.account_id)
        self.pageChanged.emit(self.current_key())

    def refresh(self) -> None:
        """After an edit, undo or redo: the header and the page in view read again."""
        if self.account_id is None:
            return
        try:
            self.header.show_account(self.account_id)
            self.current_page().refresh()
        except NotFound:  # the account was deleted (or its deletion redone)
            self.account_id = None
            self.back.emit()
