"""What every workspace page shares: the book, the editor, the account it shows."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from csdesk.store.book import Book
from csdesk.ui.undo import Editor


@dataclass
class PageContext:
    book: Book
    editor: Editor

    def today(self) -> dt.date:
        return self.book.accounts.today()


class WorkspacePage(QWidget):
    """A page of the workspace. ``load`` shows an account; ``refresh`` re-reads it after
    an edit, an undo or a redo (the workspace calls it on the visible page)."""

    title = "Page"

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.book = context.book
        self.editor = context.editor
        self.account_id: uuid.UUID | None = None

    def load(self, account_id: uuid.UUID) -> None:
        self.account_id = account_id
        self.refresh()

    def refresh(self) -> None:
        """Re-read what the page shows from the store."""
