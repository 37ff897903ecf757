"""Undoable add, change and delete of an account's simple records (workflows, risks,
actions, stakeholders) through ``Editor.edit``.

A deletion keeps everything it removed (``ChildRepository.delete_restorably``): undo
puts the record back exactly as it was, same id, same dates (a done action keeps the
day it was done), with what the database deleted or untied with it. Undoing an
addition is such a deletion too, so a redo brings back the very record that was added.
A record keeps its id through any order of undo and redo, so every command on the stack
finds its record by the id it knew.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from csdesk.ui.undo import Editor


class RecordEdits:
    """``add``, ``change`` and ``delete`` on a ``ChildRepository``, each one undoable."""

    def __init__(self, editor: Editor) -> None:
        self.editor = editor

    def add(self, text: str, repo: Any, account_id: uuid.UUID,
            fields: Mapping[str, Any]) -> Any:
        """Add; undo deletes the record keeping it, redo puts that same record back."""
        undone: list[Any] = []  # the archive of the undone addition, for redo

        def do() -> Any:
            if undone:
                return repo.restore(undone.pop())
            return repo.add(account_id, dict(fields))

        def undo(view: Any) -> None:
            undone.append(repo.delete_restorably(view.id))

        return self.editor.edit(text, do, undo)

    def change(self, text: str, repo: Any, record_id: uuid.UUID,
               changes: Mapping[str, Any], before: Mapping[str, Any]) -> Any:
        new, old = dict(changes), dict(before)

        def do() -> Any:
            return repo.update(record_id, new)

        def undo(_view: Any) -> None:
            repo.update(record_id, old)

        return self.editor.edit(text, do, undo)

    def delete(self, text: str, repo: Any, record_id: uuid.UUID) -> Any:
        """Delete; undo puts the record back exactly as it was (``RecordArchive``)."""
        def do() -> Any:
            return repo.delete_restorably(record_id)

        def undo(archive: Any) -> None:
            repo.restore(archive)

        return self.editor.edit(text, do, undo)
