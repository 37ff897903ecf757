"""The day's agenda with the clock: the running block highlighted, the time left in it,
planned against actual times, and a button to move on early or late.

The clock reads the time from ``now`` (injected) on each ``tick()``; a one-second timer
drives it on screen and a test calls ``tick()`` after moving its own clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.playbook.agenda_form import WorkshopAgenda
from csdesk.playbook.workshop import AgendaClock, agenda_clock
from csdesk.store.repos.workshops import BlockView

Now = Callable[[], dt.datetime]


def clock_text(seconds: float) -> str:
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def local_hm(moment: dt.datetime | None) -> str:
    return "" if moment is None else moment.astimezone().strftime("%H:%M")


class AgendaClockWidget(QWidget):
    advanceRequested = Signal()

    def __init__(self, agenda: WorkshopAgenda, now: Now, parent: QWidget | None = None):
        super().__init__(parent)
        self.agenda = agenda
        self.now = now
        self.blocks: tuple[BlockView, ...] = ()
        self.state: AgendaClock | None = None
        self.block_title = QLabel(self)
        self.block_title.setProperty("role", "title")
        self.block_title.setWordWrap(True)
        self.left = QLabel(self)
        self.left.setProperty("role", "big")
        self.left.setObjectName("timeLeft")
        self.left.setAccessibleName(self.tr("Time left in this block"))
        self.topics = QLabel(self)
        self.topics.setProperty("role", "muted")
        self.topics.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("agendaList")
        self.list.setAccessibleName(self.tr("Agenda: planned and actual times"))
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.next = QPushButton(self.tr("Next block ▶"), self)
        self.next.setAccessibleName(self.tr("End this block and start the next"))
        self.next.setToolTip(self.tr("End this block now and start the next (Ctrl+N)"))
        self.next.clicked.connect(self.advanceRequested)
        row = QHBoxLayout()
        row.addWidget(self.left, 1)
        row.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.block_title)
        layout.addLayout(row)
        layout.addWidget(self.topics)
        layout.addWidget(self.list, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)

    def set_blocks(self, blocks: Sequence[BlockView]) -> None:
        self.blocks = tuple(blocks)
        self.tick()

    def tick(self) -> None:
        log = [(b.block_id, b.started_at, b.ended_at) for b in self.blocks
               if b.started_at is not None]
        state = agenda_clock(self.agenda, log, self.now())
        self.state = state
        if state.current is None:
            self.block_title.setText(self.tr("The agenda is done") if state.finished
                                     else self.tr("Not started"))
            self.left.setText("")
            self.topics.setText("")
            self.next.setEnabled(False)
        else:
            block = state.timings[state.current].block
            self.block_title.setText(block.title)
            left = state.seconds_left or 0.0
            over = left < 0
            self.left.setText(self.tr("{t} over").format(t=clock_text(left)) if over
                              else self.tr("{t} left").format(t=clock_text(left)))
            self.left.setProperty("role", "over" if over else "big")
            self.left.style().polish(self.left)
            self.topics.setText(" · ".join(block.topics))
            self.next.setEnabled(True)
        self._fill_list(state)

    def _fill_list(self, state: AgendaClock) -> None:
        texts = []
        for n, timing in enumerate(state.timings):
            b = timing.block
            planned = f"{b.start:%H:%M}–{b.end:%H:%M}"
            actual = ""
            if timing.started is not None:
                actual = self.tr("\n   actual {start}–{end}").format(
                    start=local_hm(timing.started), end=local_hm(timing.ended) or "…")
                if timing.actual_minutes is not None:
                    actual += self.tr(" ({m:.0f} of {p} min)").format(
                        m=timing.actual_minutes, p=timing.planned_minutes)
            mark = "▶ " if n == state.current else ("✓ " if timing.ended else "   ")
            texts.append(f"{mark}{planned}  {b.title}{actual}")
            if n != state.current and timing.started is None:
                texts[-1] = f"{mark}{planned}  {b.title}"
        if self.list.count() != len(texts):
            self.list.clear()
            for text in texts:
                QListWidgetItem(text, self.list)
        else:
            for n, text in enumerate(texts):
                item = self.list.item(n)
                if item.text() != text:
                    item.setText(text)
        if state.current is not None:
            self.list.setCurrentRow(state.current)
        else:
            self.list.clearSelection()
