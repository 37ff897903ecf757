"""Export options for an account file: which accounts, and an optional passphrase."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


class ExportDialog(QDialog):
    """``all_count``/``shown_count`` offer the whole book or the accounts the filters
    show; with ``account_name`` the one account is named and there is no choice."""

    def __init__(self, all_count: int, shown_count: int, account_name: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export account file") if account_name
                            else self.tr("Export portfolio"))
        layout = QVBoxLayout(self)

        self.all_accounts = QRadioButton(self.tr("&All {n} accounts of the book").format(
            n=all_count), self)
        self.shown_accounts = QRadioButton(
            self.tr("Only the {n} accounts &shown with the current filters").format(
                n=shown_count), self)
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.all_accounts)
        self.scope.addButton(self.shown_accounts)
        self.all_accounts.setChecked(True)
        self.shown_accounts.setEnabled(shown_count > 0)
        if account_name is None:
            box = QGroupBox(self.tr("Accounts"), self)
            inner = QVBoxLayout(box)
            inner.addWidget(self.all_accounts)
            inner.addWidget(self.shown_accounts)
            layout.addWidget(box)
        else:
            self.all_accounts.hide()
            self.shown_accounts.hide()
            what = QLabel(self.tr(
                "{name}, with everything csdesk holds for it: health and readiness "
                "history, checklists, plans, risks, stakeholders and notes.").format(
                    name=account_name), self)
            what.setWordWrap(True)
            layout.addWidget(what)

        self.encrypt = QCheckBox(self.tr("&Encrypt with a passphrase"), self)
        self.encrypt.setToolTip(self.tr(
            "Whoever imports the file must type the same passphrase. Keep it safe: without "
            "it the file cannot be opened."))
        self.passphrase = QLineEdit(self)
        self.repeat = QLineEdit(self)
        for field, name in ((self.passphrase, self.tr("Passphrase")),
                            (self.repeat, self.tr("Repeat the passphrase"))):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
            field.textChanged.connect(self._check)
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow(self.tr("&Repeat:"), self.repeat)
        self.hint = QLabel(self, wordWrap=True)
        self.hint.setObjectName("passphraseHint")
        layout.addWidget(self.encrypt)
        layout.addLayout(form)
        layout.addWidget(self.hint)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("E&xport…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.encrypt.toggled.connect(self._check)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self._check()

    def _check(self) -> None:
        on = self.encrypt.isChecked()
        self.passphrase.setEnabled(on)
        self.repeat.setEnabled(on)
        hint = ""
        if on and not self.passphrase.text():
            hint = self.tr("Type a passphrase, then the same again.")
        elif on and self.repeat.text() != self.passphrase.text():
            hint = self.tr("The two passphrases differ.")
        self.hint.setText(hint)
        self.ok.setEnabled(not hint)

    def only_shown(self) -> bool:
        return self.shown_accounts.isChecked()

    def chosen_passphrase(self) -> str | None:
        return self.passphrase.text() if self.encrypt.isChecked() else None
