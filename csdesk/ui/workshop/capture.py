"""Capture of the day's deliverables: one large editor per topic, chosen from a list,
and the phase 1 workflow selection from the account's workflow tracker.

Notes are saved as they are typed (after a second's pause, and at once when the editor
loses focus or the window closes): a crash loses at most the last second of typing,
and the audit trail holds one entry per pause rather than one per key.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from csdesk.playbook.workshop import NOTE_TOPICS, RISK_TOPICS
from csdesk.store.views import WorkflowView

SaveNote = Callable[[str, str], None]
SetPhase = Callable[[uuid.UUID, bool], None]
PHASE_1 = "phase_1_workflows"


def topic_titles(obj: QObject) -> dict[str, str]:
    tr = obj.tr
    return {
        "scope_objectives": tr("Scope and objectives"),
        "success_criteria": tr("Success criteria and metrics"),
        "timeline_milestones": tr("Timeline and milestones"),
        "critical_dependencies": tr("Risks: critical dependencies"),
        "potential_blockers": tr("Risks: potential blockers"),
        "mitigation_strategies": tr("Risks: mitigations"),
        "architecture_notes": tr("Architecture notes"),
        PHASE_1: tr("Phase 1 workflows"),
        "resources": tr("Resources"),
        "dependencies": tr("Dependencies"),
    }


class DeliverablesCapture(QWidget):
    def __init__(self, save_note: SaveNote, set_phase: SetPhase,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.save_note = save_note
        self.set_phase = set_phase
        self.titles = topic_titles(self)
        self.editors: dict[str, QPlainTextEdit] = {}
        self.saved: dict[str, str] = {}
        self.topics = QListWidget(self)
        self.topics.setAccessibleName(self.tr("Deliverables"))
        self.stack = QStackedWidget(self)
        order = [*NOTE_TOPICS[:7], PHASE_1, *NOTE_TOPICS[7:]]
        self.workflows = QListWidget(self)
        self.workflows.setAccessibleName(self.tr("Workflows chosen for phase 1"))
        self.workflows.itemChanged.connect(self._workflow_ticked)
        for topic in order:
            item = QListWidgetItem(self.titles[topic], self.topics)
            item.setData(Qt.ItemDataRole.UserRole, topic)
            if topic == PHASE_1:
                self.stack.addWidget(self._page(topic, self.workflows))
                continue
            editor = QPlainTextEdit(self)
            editor.setAccessibleName(self.titles[topic])
            if topic in RISK_TOPICS:
                editor.setPlaceholderText(self.tr("One per line"))
            editor.installEventFilter(self)
            editor.textChanged.connect(self._due)
            self.editors[topic] = editor
            self.stack.addWidget(self._page(topic, editor))
        self.topics.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.topics.setCurrentRow(0)
        self.topics.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.topics.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.topics, 2)
        layout.addWidget(self.stack, 5)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.flush)

    def _page(self, topic: str, body: QWidget) -> QWidget:
        page = QWidget(self)
        title = QLabel(self.titles[topic], page)
        title.setProperty("role", "title")
        title.setBuddy(body)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(body, 1)
        return page

    def load(self, notes: Mapping[str, str], workflows: Sequence[WorkflowView]) -> None:
        for topic, editor in self.editors.items():
            editor.blockSignals(True)
            editor.setPlainText(notes.get(topic, ""))
            editor.blockSignals(False)
        self.saved = {t: notes.get(t, "") for t in self.editors}
        self.workflows.blockSignals(True)
        self.workflows.clear()
        for wf in workflows:
            item = QListWidgetItem(wf.name, self.workflows)
            item.setData(Qt.ItemDataRole.UserRole, wf.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if wf.phase == 1
                               else Qt.CheckState.Unchecked)
        if not workflows:
            empty = QListWidgetItem(self.tr("No workflows yet: add them on the "
                                            "Implementation page"), self.workflows)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
        self.workflows.blockSignals(False)

    def show_topic(self, topic: str) -> None:
        keys = [self.topics.item(n).data(Qt.ItemDataRole.UserRole)
                for n in range(self.topics.count())]
        self.topics.setCurrentRow(keys.index(topic))

    def _due(self) -> None:
        self.timer.start()

    def flush(self) -> None:
        """Save every note that changed since it was last saved."""
        self.timer.stop()
        for topic, editor in self.editors.items():
            text = editor.toPlainText()
            if text != self.saved.get(topic, ""):
                self.save_note(topic, text)
                self.saved[topic] = text

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def _workflow_ticked(self, item: QListWidgetItem) -> None:
        workflow_id = item.data(Qt.ItemDataRole.UserRole)
        if workflow_id is not None:
            self.set_phase(workflow_id, item.checkState() == Qt.CheckState.Checked)
