"""Undoable changes to a checklist item (state, owner, due date, note), named for what
they do: "tick Kubernetes cluster available (v1.24+)", "set owner of … to Dana"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from csdesk.store.book import Book
from csdesk.store.views import ChecklistItemView
from csdesk.ui.formatting import date_text
from csdesk.ui.undo import Editor


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChecklistEdits", text)


def state_label(state: str) -> str:
    return {"open": _tr("open"), "done": _tr("done"), "na": _tr("n/a")}.get(state, state)


def edit_text(item: ChecklistItemView, field: str, value: Any) -> str:
    if field == "state":
        if value == "done":
            return _tr("tick {item}").format(item=item.text)
        if value == "na":
            return _tr("mark {item} not applicable").format(item=item.text)
        if item.state == "done":
            return _tr("untick {item}").format(item=item.text)
        return _tr("reopen {item}").format(item=item.text)
    if field == "owner":
        if not value:
            return _tr("clear the owner of {item}").format(item=item.text)
        return _tr("set owner of {item} to {owner}").format(item=item.text, owner=value)
    if field == "due_date":
        if value is None:
            return _tr("clear the due date of {item}").format(item=item.text)
        return _tr("set {item} due {date}").format(item=item.text, date=date_text(value))
    return _tr("edit the note of {item}").format(item=item.text)


def change_item(editor: Editor, book: Book, item: ChecklistItemView, field: str,
                value: Any) -> Any:
    """Save one field of a checklist item through the undo stack."""
    before = {field: getattr(item, field)}
    after = {field: value}
    checklists = book.checklists

    def do() -> Any:
        return checklists.set_item(item.id, after)

    def undo(_view: Any) -> None:
        checklists.set_item(item.id, before)

    return editor.edit(edit_text(item, field, value), do, undo)
