"""Whole accounts from the window: create, archive or unarchive, delete. Each one goes
through the undo stack: undoing a creation deletes the account, undoing a deletion puts
back every row it held (the store keeps them for the session).

The New account dialog is imported where it opens (``_dialogs_late``): no import cycle,
only start-up time."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from csdesk.store.book import Book
from csdesk.store.repos.account_archive import AccountArchive
from csdesk.store.views import AccountView
from csdesk.ui.undo import Editor


class AccountActions(QObject):
    def __init__(self, book: Book, editor: Editor, parent: QWidget | None = None):
        super().__init__(parent)
        self.book = book
        self.editor = editor
        self.parent_widget = parent
        # what a deletion removes, in the order the question names it: (one, many)
        self.kind_names = {
            "snapshots": (self.tr("health reading"), self.tr("health readings")),
            "assessments": (self.tr("readiness assessment"), self.tr("readiness assessments")),
            "stakeholders": (self.tr("stakeholder"), self.tr("stakeholders")),
            "checklists": (self.tr("checklist"), self.tr("checklists")),
            "workflows": (self.tr("workflow"), self.tr("workflows")),
            "risks": (self.tr("risk"), self.tr("risks")),
            "actions": (self.tr("action item"), self.tr("action items")),
            "opportunities": (self.tr("opportunity"), self.tr("opportunities")),
            "qbrs": (self.tr("QBR"), self.tr("QBRs")),
            "charters": (self.tr("project charter"), self.tr("project charters")),
        }

    # -- creating -------------------------------------------------------------------------
    def ask_new_account(self, owner: str = "") -> AccountView | None:
        """The New account dialog; the account created, or None when cancelled."""
        # _dialogs_late: the dialog's module (and its form editors) loads when it is
        # first opened, not with the window: one of the costs of every start otherwise.
        from csdesk.ui.account_dialog import NewAccountDialog

        dialog = NewAccountDialog(self.book.forms, self.book.accounts.today(), owner,
                                  self.parent_widget)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            created = self.create(dialog.fields())
            if created is not None:
                return created
        return None

    def create(self, fields: dict[str, Any]) -> AccountView | None:
        """Create the account; undo deletes it, redo brings the same account back."""
        accounts = self.book.accounts
        kept: list[AccountArchive] = []

        def do() -> AccountView:
            if kept:
                return accounts.restore(kept.pop())
            return accounts.create(fields)

        def undo(view: AccountView) -> None:
            kept.append(accounts.delete(view.id))

        text = self.tr("create account {name}").format(name=fields.get("name", ""))
        created = self.editor.edit(text, do, undo)
        assert created is None or isinstance(created, AccountView)
        return created

    # -- archiving ------------------------------------------------------------------------
    def set_archived(self, account_id: uuid.UUID, archived: bool) -> AccountView | None:
        accounts = self.book.accounts
        name = accounts.get(account_id).name
        text = (self.tr("archive {name}") if archived
                else self.tr("unarchive {name}")).format(name=name)

        def undo(_view: Any) -> None:
            accounts.set_archived(account_id, not archived)

        done = self.editor.edit(text, lambda: accounts.set_archived(account_id, archived), undo)
        assert done is None or isinstance(done, AccountView)
        return done

    # -- deleting -------------------------------------------------------------------------
    def what_goes(self, account_id: uuid.UUID) -> str:
        """``12 health readings, 1 readiness assessment, ...``: what a deletion removes."""
        held = self.book.accounts.holdings(account_id)
        parts = [f"{held[kind]:,} {one if held[kind] == 1 else many}"
                 for kind, (one, many) in self.kind_names.items() if held.get(kind)]
        return ", ".join(parts) if parts else self.tr("no records yet")

    def confirm_text(self, account: AccountView) -> str:
        return self.tr(
            "Delete the account {name} and everything it holds: {what}?\n\n"
            "Its audit trail stays. You can undo this (Edit > Undo) until you close "
            "csdesk.").format(name=account.name, what=self.what_goes(account.id))

    def delete(self, account_id: uuid.UUID, confirm: bool = True) -> AccountArchive | None:
        """Ask (naming the account and what it holds), then delete it undoably."""
        accounts = self.book.accounts
        account = accounts.get(account_id)
        if confirm:
            answer = QMessageBox.question(
                self.parent_widget, self.tr("Delete {name}?").format(name=account.name),
                self.confirm_text(account),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return None
        text = self.tr("delete account {name}").format(name=account.name)

        def undo(archive: AccountArchive) -> None:
            accounts.restore(archive)

        gone = self.editor.edit(text, lambda: accounts.delete(account_id), undo)
        assert gone is None or isinstance(gone, AccountArchive)
        return gone
