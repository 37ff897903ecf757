"""Open the store: engine and session set-up, lock, migrations, automatic backups.

SQLite (the default, one file in the data folder) runs in WAL mode with foreign keys on
and ``synchronous=FULL`` on every connection. The same code runs on PostgreSQL through a
SQLAlchemy URL (``--db-url``); locking and file backups then belong to the server.
"""

from __future__ import annotations

import getpass
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from csdesk import config
from csdesk.errors import EnvironmentFault
from csdesk.store import audit, backup, schema_revision, summary
from csdesk.store.lock import DatabaseLock

_log = logging.getLogger(__name__)
CACHE_KIB = 64 * 1024  # SQLite page cache per connection


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    # 64 MiB of page cache (SQLite's default is 2 MiB): the portfolio of a 5,000-account
    # book reads two snapshots per account, and with the default those pages were read
    # from the operating system again on every refresh.
    cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    # Sorts too big for the cache (an export reads every record ordered) stay in memory
    # rather than going through temporary files: ~40 % quicker there.
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


@dataclass
class Store:
    """An open store: hands out sessions; ``close()`` releases the database."""

    engine: Engine
    path: Path | None  # None on a server database
    lock: DatabaseLock | None = None
    actor: str = ""
    factory: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.factory = sessionmaker(self.engine, expire_on_commit=False)
        audit.install(self.factory)
        summary.install(self.factory)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self, actor: str | None = None) -> Iterator[Session]:
        """One unit of work: committed whole at the end, rolled back whole on error."""
        try:
            with self.factory() as session, session.begin():
                session.info["actor"] = actor or self.actor
                yield session
        except OperationalError as exc:
            fault = environment_fault(exc, self.path)
            if fault is None:
                raise
            raise fault from exc

    @contextmanager
    def reader(self) -> Iterator[Session]:
        with self.factory() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(
    path: Path | None = None,
    url: str | None = None,
    *,
    actor: str = "",
    auto_backup: bool = True,
) -> Store:
    """Open (creating or upgrading) the store at ``path``, ``url`` or the default file."""
    if url:
        engine = make_engine(url)
        _upgrade_if_needed(engine, None)
        return Store(engine, None, actor=actor or default_actor())
    db_path = (path or config.default_db_path()).expanduser().resolve()
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentFault(
            f"cannot create the data folder {db_path.parent}: {exc.strerror or exc}") from None
    if db_path.exists() and not _looks_like_sqlite(db_path):
        raise EnvironmentFault(f"{db_path} is not a csdesk database (not an SQLite file)")
    lock = DatabaseLock(db_path)
    lock.acquire()
    try:
        engine = make_engine(f"sqlite:///{db_path}")
        existed = db_path.exists() and db_path.stat().st_size > 0
        _upgrade_if_needed(engine, db_path if existed else None)
        store = Store(engine, db_path, lock, actor=actor or default_actor())
        if auto_backup and existed:
            backup.backup_if_due(db_path)
        return store
    except OperationalError as exc:
        lock.release()
        raise EnvironmentFault(f"cannot open {db_path}: {exc.orig}") from None
    except BaseException:
        lock.release()
        raise


_ENVIRONMENT_ERRORS = {
    "database or disk is full": "the disk is full",
    "attempt to write a readonly database": "the database file is read-only",
    "database is locked": "another program is holding the database",
    "unable to open database file": "the database file cannot be opened",
    "disk i/o error": "the disk reported an input/output error",
}


def environment_fault(exc: OperationalError, path: Path | None) -> EnvironmentFault | None:
    """An OperationalError that is the machine's fault, in words; None for anything else."""
    message = str(exc.orig).lower()
    for needle, words in _ENVIRONMENT_ERRORS.items():
        if needle in message:
            where = f" ({path})" if path else ""
            return EnvironmentFault(f"cannot save: {words}{where}. Nothing was changed.")
    return None


def _upgrade_if_needed(engine: Engine, existing: Path | None) -> None:
    if schema_revision.is_current(engine):
        return
    # Imported here, not at the top: Alembic is only needed when the schema is not the
    # newest (a third of a second of every start otherwise). No import cycle involved.
    from csdesk.store import migrate

    if not migrate.needs_upgrade(engine):
        return
    if existing is not None:
        made = backup.backup_database(existing, reason="before-upgrade")
        _log.info("backed up %s to %s before upgrading its schema", existing, made)
    migrate.upgrade(engine)


def _looks_like_sqlite(path: Path) -> bool:
    if path.stat().st_size == 0:
        return True
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "csdesk"
