"""One csdesk process per database file: a lock file beside it.

The lock is an OS-level file lock (released by the OS if the process dies, so a crash
never leaves a stale lock behind). A second process gets a clear message instead.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from csdesk.errors import EnvironmentFault


class DatabaseLock:
    def __init__(self, db_path: Path):
        self.path = db_path.with_name(db_path.name + ".lock")
        self._lock = FileLock(str(self.path), timeout=0, thread_local=False)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout:
            raise EnvironmentFault(
                f"{self.path.with_suffix('')} is open in another csdesk window or command; "
                "close that one first (only one csdesk can use a database at a time)"
            ) from None
        except OSError as exc:
            raise EnvironmentFault(
                f"cannot create the lock file {self.path}: {exc.strerror or exc}") from None

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    @property
    def held(self) -> bool:
        return self._lock.is_locked
