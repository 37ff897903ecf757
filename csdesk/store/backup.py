"""Backups of the SQLite store, with SQLite's online backup API (never a file copy of a
live database), pruned like Anki's: every backup of the last two days, and the newest
backup of each of the last 12 days, of each of the last 10 weeks and of each of the
last 9 months are kept.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from csdesk import config
from csdesk.errors import EnvironmentFault

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
KEEP_ALL_WITHIN = dt.timedelta(days=2)
AUTO_BACKUP_EVERY = dt.timedelta(days=1)
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken: dt.datetime
    reason: str


def list_backups(db_path: Path) -> list[BackupFile]:
    """Backups of this database, newest first."""
    folder = config.backups_dir(db_path)
    found = []
    for p in folder.glob("csdesk-*.sqlite3") if folder.is_dir() else []:
        parts = p.stem.split("-", 3)  # csdesk, date, time, reason
        try:
            taken = dt.datetime.strptime(f"{parts[1]}-{parts[2]}", _STAMP).replace(tzinfo=dt.UTC)
        except (IndexError, ValueError):
            continue
        found.append(BackupFile(p, taken, parts[3] if len(parts) > 3 else ""))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def copy_database(source: Path, target: Path) -> None:
    """Copy a (possibly live) SQLite database with the backup API, atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".partial-", suffix=".sqlite3")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def backup_database(db_path: Path, reason: str = "manual", now: dt.datetime | None = None,
                    *, prune_after: bool = True) -> Path:
    """Take a backup now; returns its path. Prunes old ones afterwards."""
    now = now or dt.datetime.now(dt.UTC)
    name = f"csdesk-{now.strftime(_STAMP)}-{reason}.sqlite3"
    target = config.backups_dir(db_path) / name
    try:
        copy_database(db_path, target)
    except sqlite3.Error as exc:
        raise EnvironmentFault(f"cannot back up {db_path}: {exc}") from None
    except OSError as exc:
        raise EnvironmentFault(
            f"cannot write the backup {target}: {exc.strerror or exc}") from None
    if prune_after:
        prune(db_path, now)
    return target


def backup_if_due(db_path: Path, now: dt.datetime | None = None) -> Path | None:
    now = now or dt.datetime.now(dt.UTC)
    existing = list_backups(db_path)
    if existing and now - existing[0].taken < AUTO_BACKUP_EVERY:
        return None
    return backup_database(db_path, "daily", now)


def to_prune(backups: list[BackupFile], now: dt.datetime) -> list[BackupFile]:
    """Which backups the daily/weekly/monthly counts no longer keep."""
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    months: set[tuple[int, int]] = set()
    drop = []
    for b in sorted(backups, key=lambda b: b.taken, reverse=True):
        day = b.taken.date()
        week = tuple(day.isocalendar())[:2]
        month = (day.year, day.month)
        keep = now - b.taken < KEEP_ALL_WITHIN
        if day not in days and len(days) < KEEP_DAILY:
            days.add(day)
            keep = True
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.add((week[0], week[1]))
            keep = True
        if month not in months and len(months) < KEEP_MONTHLY:
            months.add(month)
            keep = True
        if not keep:
            drop.append(b)
    return drop


def prune(db_path: Path, now: dt.datetime | None = None) -> list[Path]:
    removed = []
    for b in to_prune(list_backups(db_path), now or dt.datetime.now(dt.UTC)):
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
    return removed


def check_database(db_path: Path) -> list[str]:
    """integrity_check and foreign_key_check; an empty list means healthy."""
    problems: list[str] = []
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [f"cannot open {db_path}: {exc}"]
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        problems += [str(r[0]) for r in rows if r[0] != "ok"]
        for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"{table} row {rowid} points to a missing {parent} record")
    except sqlite3.DatabaseError as exc:
        problems.append(f"{db_path} is damaged: {exc}")
    finally:
        conn.close()
    return problems


def is_csdesk_database(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return {"accounts", "alembic_version"} <= names


def restore_database(backup_file: Path, db_path: Path) -> Path:
    """Replace the live database with a backup; the current one is backed up first."""
    if not backup_file.is_file():
        raise EnvironmentFault(f"{backup_file} does not exist")
    if not is_csdesk_database(backup_file):
        raise EnvironmentFault(f"{backup_file} is not a csdesk database backup")
    problems = check_database(backup_file)
    if problems:
        raise EnvironmentFault(f"{backup_file} is damaged: {problems[0]}")
    # no pruning now: it could remove the very backup being restored
    safety = (backup_database(db_path, "before-restore", prune_after=False)
              if db_path.exists() else db_path)
    src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(db_path)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return safety
