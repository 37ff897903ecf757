"""One csdesk per book: a file opened while csdesk already runs goes to that csdesk.

The running csdesk listens on a local socket named after its book (the database file,
or the server URL); ``csdesk FILE`` first tries to hand FILE to that socket and, when the
running one answers, exits without touching the store (whose lock file the running one
holds). The message is one line: the file's absolute path, UTF-8; the answer is "ok".
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from csdesk import config

_log = logging.getLogger(__name__)
CONNECT_MS = 500
ANSWER_MS = 3000
MAX_LINE = 64 * 1024


def server_name(db: str | None = None, db_url: str | None = None) -> str:
    """The socket's name for the book that ``--db``/``--db-url`` (or neither) opens."""
    if db_url:
        key = f"url:{db_url}"
    else:
        path = Path(db).expanduser() if db else config.default_db_path()
        key = f"file:{path.resolve()}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    return f"csdesk-{digest}"


def hand_over(name: str, path: Path) -> bool:
    """Give ``path`` to the csdesk listening on ``name``; True once it has taken it.
    False when no csdesk listens there (or it did not answer): open the book yourself."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    try:
        socket.write(f"{path.expanduser().resolve()}\n".encode())
        socket.flush()
        # (waitForBytesWritten says False when everything went out already: only wait
        # for what is left)
        if socket.bytesToWrite() and not socket.waitForBytesWritten(ANSWER_MS):
            return False
        answer = b""
        while not answer.endswith(b"\n"):
            # the answer may be buffered already (read while the path was written)
            if not socket.bytesAvailable() and not socket.waitForReadyRead(ANSWER_MS):
                return False
            answer += bytes(socket.readAll().data())
        return answer.strip() == b"ok"
    finally:
        socket.disconnectFromServer()


class HandoffServer(QObject):
    """Listens for files handed over by a second csdesk; ``fileReceived(Path)``."""

    fileReceived = Signal(object)  # Path

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening. Call it only while holding the book (its lock): a socket
        left behind by a csdesk that crashed is then stale and is removed."""
        if self.server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        if self.server.listen(self.name):
            return True
        _log.warning("cannot listen for files from other csdesk starts: %s",
                     self.server.errorString())
        return False

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > MAX_LINE:
            socket.abort()
            return
        while b"\n" in data:
            line, data = data.split(b"\n", 1)
            text = line.decode("utf-8", errors="replace").strip()
            if text:
                socket.write(b"ok\n")
                socket.flush()
                self.fileReceived.emit(Path(text))
        self._buffers[socket] = data

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


class DesktopOpenFilter(QObject):
    """On macOS the desktop hands a double-clicked file to the running application as a
    FileOpen event, not on the command line: ``fileReceived(Path)`` for each."""

    fileReceived = Signal(object)  # Path

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            name = event.file()
            if name:
                self.fileReceived.emit(Path(name))
                return True
        return super().eventFilter(watched, event)
