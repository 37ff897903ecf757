"""Undoable add, change and delete of an account's simple records (workflows, risks,
actions, stakeholders) through ``Editor.edit``.

A deletion keeps everything it removed (``ChildRepository.delete_restorably``): undo
puts the record back exactly as it was, same id, same dates (a done action keeps the
day it was done), with what the database deleted or untied with it. Undoing an
addition is such a deletion too, so a redo brings back the very record that was added.
Ids therefore never change; ``RecordIds`` stays as the one place commands look their
record up, should a record ever come back under another id.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from csdesk.ui.undo import Editor


class RecordIds:
    """Follows a record from the id a command knew to the id it has now."""

    def __init__(self) -> None:
        self._moved: dict[uuid.UUID, uuid.UUID] = {}

    def current(self, record_id: uuid.UUID) -> uuid.UUID:
        while record_id in self._moved:
            record_id = self._moved[record_id]
        return record_id

    def moved(self, old: uuid.UUID, new: uuid.UUID) -> None:
        old = self.current(old)
        if old != new:
            self._moved[old] = new


class RecordEdits:
    """``add``, ``change`` and ``delete`` on a ``ChildRepository``, each one undoable."""

    def __init__(self, editor: Editor) -> None:
        self.editor = editor
        self.ids = RecordIds()

    def add(self, text: str, repo: Any, account_id: uuid.UUID,
            fields: Mapping[str, Any]) -> Any:
        """Add; undo deletes the record keeping it, redo puts that same record back."""
        undone: list[Any] = []  # the archive of the undone addition, for redo
        ids = self.ids

        def do() -> Any:
            if undone:
                return repo.restore(undone.pop())
            return repo.add(account_id, dict(fields))

        def undo(view: Any) -> None:
            undone.append(repo.delete_restorably(ids.current(view.id)))

        return self.editor.edit(text, do, undo)

    def change(self, text: str, repo: Any, record_id: uuid.UUID,
               changes: Mapping[str, Any], before: Mapping[str, Any]) -> Any:
        ids = self.ids
        new, old = dict(changes), dict(before)

        def do() -> Any:
            return repo.update(ids.current(record_id), new)

        def undo(_view: Any) -> None:
            repo.update(ids.current(record_id), old)

        return self.editor.edit(text, do, undo)

    def delete(self, text: str, repo: Any, record_id: uuid.UUID) -> Any:
        """Delete; undo puts the record back exactly as it was (``RecordArchive``)."""
        ids = self.ids

        def do() -> Any:
            return repo.delete_restorably(ids.current(record_id))

        def undo(archive: Any) -> None:
            repo.restore(archive)

        return self.editor.edit(text, do, undo)
