"""Votes written to the store on a thread of their own, in the order they were cast.

A vote shows on the projector at once; its transaction (an fsync on SQLite) follows a
few milliseconds later on this thread, once the screen has painted it (a zero timer on
the GUI thread hands it over), so a quick round of the room never waits on the disk.
``drain()`` waits until every vote cast is stored: the window drains before it ends the
workshop and when it closes, and the application drains when it quits. A vote the
store refuses comes back as ``failed`` (delivered on the GUI thread) and the window
shows the stored votes again.
"""

from __future__ import annotations

import queue
import threading
import uuid
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

StoreVote = Callable[[uuid.UUID, str, int | None], None]
Cast = tuple[uuid.UUID, str, int | None]


class VoteWriter(QObject):
    failed = Signal(object)  # the exception the store raised

    def __init__(self, store_vote: StoreVote, parent: QObject | None = None):
        super().__init__(parent)
        self.store_vote = store_vote
        self._pending = 0
        self._idle = threading.Condition()
        self._held: list[Cast] = []
        self._queue: queue.Queue[Cast | None] = queue.Queue()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._send)
        # a daemon: an interpreter that exits never waits on it (drain() first)
        self._worker = threading.Thread(target=self._run, name="voteWriter", daemon=True)
        self._worker.start()
        app = QCoreApplication.instance()
        if app is not None:  # quitting with the window open still stores every vote
            app.aboutToQuit.connect(self.drain)

    def submit(self, participant_id: uuid.UUID, dimension: str, value: int | None) -> None:
        if not self._worker.is_alive():
            raise RuntimeError("the workshop window was closed: reopen it to vote")
        with self._idle:
            self._pending += 1
        self._held.append((participant_id, dimension, value))
        if not self._timer.isActive():
            self._timer.start()

    def _send(self) -> None:
        self._timer.stop()
        held, self._held = self._held, []
        for cast in held:
            self._queue.put(cast)

    def _run(self) -> None:
        while True:
            cast = self._queue.get()
            if cast is None:
                return
            participant_id, dimension, value = cast
            try:
                self.store_vote(participant_id, dimension, value)
            except Exception as exc:  # refused (or a bug): reported on the GUI thread
                self.failed.emit(exc)
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()

    def drain(self, timeout: float = 30.0) -> bool:
        """Wait until every submitted vote is stored (or refused); False on timeout."""
        self._send()
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def stop(self) -> None:
        """Store everything cast, then let the worker end (a later vote is refused)."""
        self.drain()
        if self._worker.is_alive():
            self._queue.put(None)
            self._worker.join(timeout=5)
