"""Undoable changes to an account's QBRs: add one (its pre-QBR and post-QBR checklists
come with it), set one of its fields, delete it.

A deleted QBR takes its checklists with it (the database cascades) and lets go of its
action items (their link is cleared). The deletion keeps all of it
(``QbrRepository.delete_restorably``), and undo puts it back exactly: the same QBR id,
every checklist item as it was (ticked items keep the day they were done) and the action
items tied to it again. Undoing an addition is such a deletion too, so a redo brings
back the very QBR that was added, with whatever was ticked on it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from csdesk.store.book import Book
from csdesk.store.repos.record_archive import RecordArchive
from csdesk.store.views import QbrView
from csdesk.ui.undo import Editor


class QbrEdits:
    def __init__(self, editor: Editor, book: Book):
        self.editor = editor
        self.book = book

    def add(self, text: str, account_id: uuid.UUID, held_on: dt.date) -> QbrView | None:
        qbrs = self.book.qbrs
        undone: list[RecordArchive[QbrView]] = []  # the undone addition, for redo

        def do() -> QbrView:
            if undone:
                return qbrs.restore(undone.pop())
            return qbrs.add(account_id, {"held_on": held_on})

        def undo(view: QbrView) -> None:
            undone.append(qbrs.delete_restorably(view.id))

        result = self.editor.edit(text, do, undo)
        assert result is None or isinstance(result, QbrView)
        return result

    def change(self, text: str, qbr: QbrView, changes: dict[str, Any]) -> QbrView | None:
        qbrs = self.book.qbrs
        before = {key: getattr(qbr, key) for key in changes}
        after = dict(changes)

        def do() -> QbrView:
            return qbrs.update(qbr.id, after)

        def undo(_view: Any) -> None:
            qbrs.update(qbr.id, before)

        result = self.editor.edit(text, do, undo)
        assert result is None or isinstance(result, QbrView)
        return result

    def delete(self, text: str, qbr: QbrView) -> RecordArchive[QbrView] | None:
        qbrs = self.book.qbrs

        def do() -> RecordArchive[QbrView]:
            return qbrs.delete_restorably(qbr.id)

        def undo(archive: RecordArchive[QbrView]) -> None:
            qbrs.restore(archive)

        result = self.editor.edit(text, do, undo)
        assert result is None or isinstance(result, RecordArchive)
        return result
