"""Backups: taken with SQLite's backup API, automatic, pruned like Anki, restorable, and
the database check that finds damage."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from csdesk.cli import main
from csdesk.store import backup
from csdesk.store.backup import BackupFile, to_prune
from csdesk.store.book import open_book

NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


def names(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM accounts ORDER BY name")]


@pytest.fixture
def db(tmp_path, forms):
    path = tmp_path / "csdesk.sqlite3"
    with open_book(forms, path, auto_backup=False) as book:
        book.accounts.create({"name": "Acme"})
    return path


def test_a_backup_holds_the_data_while_the_store_is_open(db, forms):
    with open_book(forms, db, auto_backup=False) as book:
        book.accounts.create({"name": "Initech"})
        made = backup.backup_database(db, "manual")
    assert names(made) == ["Acme", "Initech"]
    assert backup.check_database(made) == []
    assert not list(made.parent.glob(".partial-*"))


def test_opening_takes_a_daily_backup_once_a_day(db, forms):
    with open_book(forms, db):
        pass
    with open_book(forms, db):
        pass
    assert [b.reason for b in backup.list_backups(db)] == ["daily"]


def _series(days: int) -> list[BackupFile]:
    return [BackupFile(Path(f"b{n}"), NOW - dt.timedelta(days=n, hours=1), "daily")
            for n in range(days)]


def test_pruning_keeps_recent_days_weeks_and_months():
    series = _series(400)
    kept = [b for b in series if b not in to_prune(series, NOW)]
    ages = sorted((NOW - b.taken).days for b in kept)
    assert ages[:12] == list(range(12))  # the last 12 days, one each
    assert len(kept) <= 12 + 10 + 9
    assert max(ages) > 200  # monthly ones reach far back
    assert len(to_prune(series, NOW)) == 400 - len(kept)


def test_pruning_never_removes_the_last_two_days():
    burst = [BackupFile(Path(f"b{n}"), NOW - dt.timedelta(minutes=n), "before-import")
             for n in range(30)]
    assert to_prune(burst, NOW) == []


def test_restore_brings_the_old_data_back_and_keeps_the_current(db, forms):
    made = backup.backup_database(db, "manual")
    with open_book(forms, db, auto_backup=False) as book:
        book.accounts.create({"name": "Initech"})
    safety = backup.restore_database(made, db)
    assert names(db) == ["Acme"]
    assert names(safety) == ["Acme", "Initech"]


def test_restore_refuses_what_is_not_a_csdesk_backup(db, tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(Exception, match="not a csdesk database backup"):
        backup.restore_database(other, db)
    assert names(db) == ["Acme"]


def test_check_finds_damage(db, tmp_path):
    assert backup.check_database(db) == []
    broken = tmp_path / "broken.sqlite3"
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 6)):
        data[offset] = 0x5A
    broken.write_bytes(bytes(data))
    assert backup.check_database(broken)


def test_check_finds_dangling_references(db):
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("INSERT INTO stakeholders (id, account_id, name, role, email, is_sponsor,"
                     " notes, created_at, updated_at) VALUES ('00000000000000000000000000000001',"
                     " '00000000000000000000000000000099', 'Ghost', '', '', 0, '',"
                     " '2026-01-01', '2026-01-01')")
    assert backup.check_database(db) == [
        "stakeholders row 1 points to a missing accounts record"]


def test_db_commands(db, capsys):
    assert main(["--db", str(db), "db", "check"]) == 0
    assert "ok" in capsys.readouterr().out
    assert main(["--db", str(db), "db", "backup"]) == 0
    made = capsys.readouterr().out.split(" to ")[-1].strip()
    assert Path(made).is_file()
    assert main(["--db", str(db), "db", "restore", made, "--yes"]) == 0
    assert "restored" in capsys.readouterr().out
    assert main(["--db", str(db), "db", "info"]) == 0
    assert "before-restore" in capsys.readouterr().out


def test_db_check_exit_code_on_damage(db, capsys):
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE health_snapshots SET account_id = account_id")
        conn.execute("INSERT INTO risks (id, account_id, type, severity, description, impact,"
                     " mitigation, status, observed, raised_on, created_at, updated_at) VALUES"
                     " ('00000000000000000000000000000002', '00000000000000000000000000000098',"
                     " 'x', 'High', 'x', '', '', 'open', '[]', '2026-01-01', '2026-01-01',"
                     " '2026-01-01')")
    assert main(["--db", str(db), "db", "check"]) == 1
    assert "problem: risks row" in capsys.readouterr().out


def test_restore_without_confirmation_is_refused_when_not_interactive(db, monkeypatch, capsys):
    made = backup.backup_database(db, "manual")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["--db", str(db), "db", "restore", str(made)]) == 3
    assert "confirm with --yes" in capsys.readouterr().err
