"""Undoable changes to an account's QBRs: add one (its pre-QBR and post-QBR checklists
come with it), set one of its fields, delete it.

A deleted QBR takes its checklists with it (the database cascades) and lets go of its
action items (their link is cleared). Undo adds it back under a new id, restores every
checklist item as it was (state, owner, due date, note) and ties the action items to it
again; ``ids`` follows the QBR to its new id so older commands still find it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from csdesk.store.book import Book
from csdesk.store.inputs import QbrFields
from csdesk.store.views import ChecklistItemView, ChecklistView, QbrView
from csdesk.ui.undo import Editor
from csdesk.ui.workspace.record_edits import RecordIds

ITEM_FIELDS = ("state", "owner", "due_date", "note")


@dataclass
class DeletedQbr:
    """What a deletion removed, kept so undo can put all of it back."""

    qbr: QbrView
    checklists: list[ChecklistView]
    action_ids: list[uuid.UUID] = field(default_factory=list)


def qbr_fields(qbr: QbrView) -> dict[str, Any]:
    return {name: getattr(qbr, name) for name in QbrFields.model_fields}


class QbrEdits:
    def __init__(self, editor: Editor, book: Book, action_ids: RecordIds | None = None):
        self.editor = editor
        self.book = book
        self.ids = RecordIds()
        self.action_ids = action_ids or RecordIds()

    def current(self, qbr_id: uuid.UUID) -> uuid.UUID:
        return self.ids.current(qbr_id)

    def add(self, text: str, account_id: uuid.UUID, held_on: dt.date) -> QbrView | None:
        first: list[uuid.UUID] = []
        qbrs, ids = self.book.qbrs, self.ids

        def do() -> QbrView:
            view = qbrs.add(account_id, {"held_on": held_on})
            if first:
                ids.moved(first[0], view.id)
            else:
                first.append(view.id)
            return view

        def undo(_view: Any) -> None:
            qbrs.delete(ids.current(first[0]))

        result = self.editor.edit(text, do, undo)
        assert result is None or isinstance(result, QbrView)
        return result

    def change(self, text: str, qbr: QbrView, changes: dict[str, Any]) -> QbrView | None:
        qbrs, ids = self.book.qbrs, self.ids
        before = {key: getattr(qbr, key) for key in changes}
        after = dict(changes)

        def do() -> QbrView:
            return qbrs.update(ids.current(qbr.id), after)

        def undo(_view: Any) -> None:
            qbrs.update(ids.current(qbr.id), before)

        result = self.editor.edit(text, do, undo)
        assert result is None or isinstance(result, QbrView)
        return result

    def delete(self, text: str, qbr: QbrView) -> DeletedQbr | None:
        book, ids, action_ids = self.book, self.ids, self.action_ids

        def do() -> DeletedQbr:
            qbr_id = ids.current(qbr.id)
            now = book.qbrs.get(qbr_id)
            gone = DeletedQbr(
                qbr=now, checklists=book.checklists.for_qbr(now.account_id, qbr_id),
                action_ids=[a.id for a in book.actions.list(now.account_id)
                            if a.qbr_id == qbr_id])
            book.qbrs.delete(qbr_id)
            return gone

        def undo(gone: DeletedQbr) -> None:
            back = book.qbrs.add(gone.qbr.account_id, qbr_fields(gone.qbr))
            ids.moved(qbr.id, back.id)
            restore_checklists(book, gone.checklists,
                               book.checklists.for_qbr(back.account_id, back.id))
            for action_id in gone.action_ids:
                book.actions.update(action_ids.current(action_id), {"qbr_id": back.id})

        result = self.editor.edit(text, do, undo)
        assert result is None or isinstance(result, DeletedQbr)
        return result


def _items(checklists: list[ChecklistView]) -> dict[tuple[str, str, str], ChecklistItemView]:
    return {(c.checklist_id, section, item.item_id): item
            for c in checklists for section, _label, items in c.sections for item in items}


def restore_checklists(book: Book, old: list[ChecklistView], new: list[ChecklistView]) -> None:
    """Give the items of the re-created checklists ``new`` the values they had in ``old``."""
    before = _items(old)
    for key, item in _items(new).items():
        was = before.get(key)
        if was is None:
            continue
        changes = {f: getattr(was, f) for f in ITEM_FIELDS if getattr(was, f) != getattr(item, f)}
        if changes:
            book.checklists.set_item(item.id, changes)
