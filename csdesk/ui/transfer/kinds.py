"""The names of record kinds as a CSM reads them, one and many."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecordKinds", text)


def kind_names() -> dict[str, tuple[str, str]]:
    """Record kind (as in the account file) -> (one, many), in the file's order."""
    return {
        "accounts": (_tr("account"), _tr("accounts")),
        "stakeholders": (_tr("stakeholder"), _tr("stakeholders")),
        "qbrs": (_tr("QBR"), _tr("QBRs")),
        "charters": (_tr("project charter"), _tr("project charters")),
        "checklists": (_tr("checklist"), _tr("checklists")),
        "checklist_items": (_tr("checklist item"), _tr("checklist items")),
        "workflows": (_tr("workflow"), _tr("workflows")),
        "risks": (_tr("risk"), _tr("risks")),
        "actions": (_tr("action item"), _tr("action items")),
        "opportunities": (_tr("opportunity"), _tr("opportunities")),
        "snapshots": (_tr("health reading"), _tr("health readings")),
        "assessments": (_tr("readiness assessment"), _tr("readiness assessments")),
        "votes": (_tr("readiness vote"), _tr("readiness votes")),
        "audit": (_tr("audit entry"), _tr("audit entries")),
    }


def counted(n: int, kind: str) -> str:
    """'1 account', '3 health readings'."""
    one, many = kind_names()[kind]
    return f"{n:,} {one if n == 1 else many}"
