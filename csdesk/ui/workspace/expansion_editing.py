"""Adding, editing and deleting opportunities through the undo stack.

A deletion keeps the record it removed (``delete_restorably``), and undo puts that very
record back: same id, same dates. Undoing an addition is such a deletion too, so a redo
brings back the record that was added. Ids never change, so commands further along the
stack find their record by the id they knew, whatever the order of undo and redo.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QObject

from csdesk.store.inputs import OpportunityFields
from csdesk.store.repos.record_archive import RecordArchive
from csdesk.store.repos.records import OpportunityRepository
from csdesk.store.views import OpportunityView
from csdesk.ui.undo import Editor


class OpportunityEdits(QObject):
    def __init__(self, repo: OpportunityRepository, editor: Editor,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.repo = repo
        self.editor = editor

    def add(self, account_id: uuid.UUID, fields: OpportunityFields) -> OpportunityView | None:
        repo = self.repo
        undone: list[RecordArchive[OpportunityView]] = []  # the undone addition, for redo

        def do() -> OpportunityView:
            if undone:  # a redo: the very record added, same id
                return repo.restore(undone.pop())
            return repo.add(account_id, fields)

        def undo(view: OpportunityView) -> None:
            undone.append(repo.delete_restorably(view.id))

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
            return repo.update(opp.id, {name: value})

        def undo(_view: Any) -> None:
            repo.update(opp.id, {name: old})

        updated: OpportunityView | None = self.editor.edit(text, do, undo)
        return updated

    def delete(self, opp: OpportunityView) -> RecordArchive[OpportunityView] | None:
        repo = self.repo

        def do() -> RecordArchive[OpportunityView]:
            return repo.delete_restorably(opp.id)

        def undo(archive: RecordArchive[OpportunityView]) -> None:
            repo.restore(archive)

        deleted: RecordArchive[OpportunityView] | None = self.editor.edit(
            self.tr("delete opportunity {title}").format(title=opp.title), do, undo)
        return deleted
