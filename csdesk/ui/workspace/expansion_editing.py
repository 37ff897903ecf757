"""Adding, editing and deleting opportunities through the undo stack.

Undoing a deletion (or redoing an addition) creates the record again, and the store
gives it a new id. Commands further along the stack still hold the old one, so every
re-created record's old id is mapped to its new one, and each command looks its record
up through that map when it runs: undo and redo work in any order, however long the
chain.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QObject

from csdesk.store.inputs import OpportunityFields
from csdesk.store.repos.records import OpportunityRepository
from csdesk.store.views import OpportunityView
from csdesk.ui.undo import Editor


class OpportunityEdits(QObject):
    def __init__(self, repo: OpportunityRepository, editor: Editor,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.repo = repo
        self.editor = editor
        self.moved: dict[uuid.UUID, uuid.UUID] = {}  # a re-created record: old id -> new

    def current_id(self, record_id: uuid.UUID) -> uuid.UUID:
        while record_id in self.moved:
            record_id = self.moved[record_id]
        return record_id

    def add(self, account_id: uuid.UUID, fields: OpportunityFields) -> OpportunityView | None:
        repo = self.repo
        first: list[uuid.UUID] = []

        def do() -> OpportunityView:
            view = repo.add(account_id, fields)
            if first:  # a redo: later commands find the record under its new id
                self.moved[self.current_id(first[0])] = view.id
            else:
                first.append(view.id)
            return view

        def undo(_view: Any) -> None:
            repo.delete(self.current_id(first[0]))

        added: OpportunityView | None = self.editor.edit(
            self.tr("add opportunity {title}").format(title=fields.title), do, undo)
        return added

    def update(self, opp: OpportunityView, name: str, value: Any,
               label: str) -> OpportunityView | None:
        repo, old = self.repo, getattr(opp, name)
        shown = "—" if value is None else (f"{value:,.0f}" if isinstance(value, float)
                                           else str(value))
        text = self.tr("set {field} of {title} to {value}").format(
            field=label, title=opp.title, value=shown)

        def do() -> OpportunityView:
            return repo.update(self.current_id(opp.id), {name: value})

        def undo(_view: Any) -> None:
            repo.update(self.current_id(opp.id), {name: old})

        updated: OpportunityView | None = self.editor.edit(text, do, undo)
        return updated

    def delete(self, opp: OpportunityView) -> OpportunityView | None:
        repo = self.repo

        def do() -> OpportunityView:
            return repo.delete(self.current_id(opp.id))

        def undo(gone: OpportunityView) -> None:
            fields = OpportunityFields.model_validate(
                {name: getattr(gone, name) for name in OpportunityFields.model_fields})
            self.moved[gone.id] = repo.add(gone.account_id, fields).id

        deleted: OpportunityView | None = self.editor.edit(
            self.tr("delete opportunity {title}").format(title=opp.title), do, undo)
        return deleted
