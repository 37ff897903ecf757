"""Undoable add, change and delete of an account's simple records (workflows, risks,
actions) through ``Editor.edit``.

A deleted record comes back on undo as a new row with a new id (the repositories hand
out ids), and so does an added record on redo. ``RecordIds`` remembers where each id
went, so an older command on the undo stack still finds its record.
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
        first: list[uuid.UUID] = []
        ids = self.ids

        def do() -> Any:
            view = repo.add(account_id, dict(fields))
            if first:
                ids.moved(first[0], view.id)
            else:
                first.append(view.id)
            return view

        def undo(_view: Any) -> None:
            repo.delete(ids.current(first[0]))

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
        """Delete; undo adds the record back with the fields it had."""
        ids = self.ids
        names = list(repo.fields.model_fields)

        def do() -> Any:
            return repo.delete(ids.current(record_id))

        def undo(gone: Any) -> None:
            view = repo.add(gone.account_id, {n: getattr(gone, n) for n in names
                                              if hasattr(gone, n)})
            ids.moved(record_id, view.id)

        return self.editor.edit(text, do, undo)
