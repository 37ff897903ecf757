"""``csdesk db backup|restore|check|info``: care of the local database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from csdesk import config
from csdesk.errors import EnvironmentFault
from csdesk.store import backup
from csdesk.store.lock import DatabaseLock


def register(sub: Any) -> None:
    parser = sub.add_parser("db", help="back up, restore and check the database")
    verbs = parser.add_subparsers(dest="verb", metavar="ACTION", required=True)
    verbs.add_parser("backup", help="take a backup now").set_defaults(handler=run_backup)
    p = verbs.add_parser("restore", help="replace the database with a backup")
    p.add_argument("file", metavar="FILE", help="a backup file (see 'csdesk db info')")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=run_restore)
    verbs.add_parser("check", help="integrity and foreign key check (exit 1 on a problem)"
                     ).set_defaults(handler=run_check)
    verbs.add_parser("info", help="where the database and its backups are"
                     ).set_defaults(handler=run_info)


def _sqlite_path(args: argparse.Namespace) -> Path:
    if getattr(args, "db_url", None):
        raise EnvironmentFault("backups of a server database are the server's job "
                               "(for PostgreSQL: pg_dump); this command works on SQLite files")
    path = Path(args.db).expanduser() if args.db else config.default_db_path()
    return path.resolve()


def run_backup(args: argparse.Namespace) -> int:
    path = _sqlite_path(args)
    if not path.exists():
        raise EnvironmentFault(f"there is no database at {path} yet")
    made = backup.backup_database(path, "manual")
    print(f"backed up {path} to {made}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = _sqlite_path(args)
    source = Path(args.file).expanduser().resolve()
    if not source.is_file():
        raise EnvironmentFault(f"{source} does not exist")
    if not args.yes:
        if not sys.stdin.isatty():
            raise EnvironmentFault("restore replaces the whole database: confirm with --yes")
        answer = input(f"Replace {path} with {source}? The current data is backed up first. "
                       "[y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing changed")
            return 0
    lock = DatabaseLock(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock.acquire()
    try:
        safety = backup.restore_database(source, path)
    finally:
        lock.release()
    print(f"restored {path} from {source}")
    if safety != path:
        print(f"the data it replaced is in {safety}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    path = _sqlite_path(args)
    if not path.exists():
        raise EnvironmentFault(f"there is no database at {path}")
    problems = backup.check_database(path)
    for line in problems:
        print(f"problem: {line}")
    if problems:
        print(f"{path}: {len(problems)} problem(s); restore a backup with 'csdesk db restore'")
        return 1
    print(f"{path}: ok")
    return 0


def run_info(args: argparse.Namespace) -> int:
    path = _sqlite_path(args)
    print(f"database: {path}{'' if path.exists() else ' (not created yet)'}")
    print(f"backups:  {config.backups_dir(path)}")
    for b in backup.list_backups(path):
        print(f"  {b.taken:%Y-%m-%d %H:%M} UTC  {b.reason:<16} {b.path.name}")
    print(f"forms:    {config.shipped_forms_dir()} (tailored copies in {config.user_forms_dir()})")
    print(f"log:      {config.log_dir()}")
    return 0
