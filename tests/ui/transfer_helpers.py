"""What a CSM does in the file dialogs and the transfer dialogs, for the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from csdesk.ui.transfer.export_dialog import ExportDialog
from csdesk.ui.transfer.import_preview import ImportPreviewDialog
from csdesk.ui.transfer.passphrase_dialog import PassphraseDialog
from csdesk.ui.transfer.sheet_preview import SheetPreviewDialog

ACCEPTED = QDialog.DialogCode.Accepted.value
REJECTED = QDialog.DialogCode.Rejected.value


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path, asked: list[str] | None = None) -> None:
    """The save dialog answers with ``path``."""
    def get(_parent: Any, title: str, start: str, filters: str) -> tuple[str, str]:
        if asked is not None:
            asked.append(start)
        return str(path), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get)


def open_with(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_a: (str(path), "All files (*)"))


def export_options(monkeypatch: pytest.MonkeyPatch, *, only_shown: bool = False,
                   passphrase: str | None = None, seen: list[dict[str, str]] | None = None
                   ) -> None:
    """The export dialog's choices; what it offers is noted in ``seen`` (the dialog is
    gone once the export has started)."""
    def exec_(dialog: ExportDialog) -> int:
        if seen is not None:
            seen.append({"all": dialog.all_accounts.text(),
                         "shown": dialog.shown_accounts.text()})
        if only_shown:
            dialog.shown_accounts.setChecked(True)
        if passphrase is not None:
            dialog.encrypt.setChecked(True)
            dialog.passphrase.setText(passphrase)
            assert not dialog.ok.isEnabled(), "the passphrase must be typed twice"
            dialog.repeat.setText(passphrase)
        assert dialog.ok.isEnabled()
        return ACCEPTED

    monkeypatch.setattr(ExportDialog, "exec", exec_)


def preview_answers(monkeypatch: pytest.MonkeyPatch, seen: list[dict[str, Any]],
                    apply: bool = True) -> None:
    """The import preview: what it shows is noted in ``seen``; Import or Cancel."""
    def exec_(dialog: ImportPreviewDialog) -> int:
        table = dialog.counts
        seen.append({
            "headline": dialog.headline.text(),
            "accounts": dialog.accounts.text(),
            "import_enabled": dialog.apply_button.isEnabled(),
            "conflicts": [dialog.conflicts.topLevelItem(i).text(0) + " | "
                          + dialog.conflicts.topLevelItem(i).text(2)
                          for i in range(dialog.conflicts.topLevelItemCount())],
            "rows": [[table.item(r, c).text() for c in range(table.columnCount())]
                     for r in range(table.rowCount())],
        })
        return ACCEPTED if apply and dialog.apply_button.isEnabled() else REJECTED

    monkeypatch.setattr(ImportPreviewDialog, "exec", exec_)


def sheet_answers(monkeypatch: pytest.MonkeyPatch, seen: list[dict[str, Any]]) -> None:
    """The spreadsheet preview: what it shows is noted in ``seen`` (the dialog is gone
    once answered); Import when it can."""
    def exec_(dialog: SheetPreviewDialog) -> int:
        table = dialog.rejected_rows
        seen.append({
            "import_enabled": dialog.apply_button.isEnabled(),
            "headline": dialog.headline.text(),
            "verdict": dialog.verdict.text(),
            "tabs": [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())],
            "rejected": [[table.item(r, c).text() for c in range(table.columnCount())]
                         for r in range(table.rowCount())],
        })
        return ACCEPTED if dialog.apply_button.isEnabled() else REJECTED

    monkeypatch.setattr(SheetPreviewDialog, "exec", exec_)


def passphrases(monkeypatch: pytest.MonkeyPatch, answers: list[str],
                problems: list[str]) -> None:
    """The passphrase dialog is answered with each of ``answers`` in turn; the problem it
    shows each time is noted (empty the first time)."""
    def exec_(dialog: PassphraseDialog) -> int:
        problems.append(dialog.problem.text() if dialog.problem.isVisibleTo(dialog) else "")
        if not answers:
            return REJECTED
        dialog.passphrase.setText(answers.pop(0))
        assert dialog.ok.isEnabled()
        return ACCEPTED

    monkeypatch.setattr(PassphraseDialog, "exec", exec_)


def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warn(_parent: Any, title: str, text: str, *_a: Any) -> Any:
        shown.append(f"{title}\n{text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warn)
    monkeypatch.setattr(QMessageBox, "information", warn)
    return shown
