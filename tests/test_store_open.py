"""Opening the store: where it lives, how it is set up, upgrades, refusals, one process."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event, text

from csdesk import config
from csdesk.errors import EnvironmentFault
from csdesk.store import backup, schema_revision
from csdesk.store.book import open_book
from csdesk.store.engine import open_store
from csdesk.store.migrate import head_revision

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_store_lives_in_the_data_folder(csdesk_home):
    with open_store() as store:
        assert store.path == csdesk_home / "csdesk.sqlite3"
    assert (csdesk_home / "csdesk.sqlite3").is_file()


def test_every_connection_is_wal_with_foreign_keys_and_full_sync(tmp_path):
    with open_store(tmp_path / "x.sqlite3") as store, store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_a_second_csdesk_on_the_same_database_is_told_clearly(tmp_path):
    path = tmp_path / "x.sqlite3"
    with open_store(path):
        with pytest.raises(EnvironmentFault, match="open in another csdesk"):
            open_store(path)
        proc = subprocess.run(
            [sys.executable, "-c",
             "import sys; from csdesk.store.engine import open_store; "
             f"open_store(__import__('pathlib').Path({str(path)!r}))"],
            capture_output=True, text=True, timeout=60, check=False)
        assert proc.returncode != 0 and "open in another csdesk" in proc.stderr
    with open_store(path):  # released on close
        pass


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-*.sqlite3")),
                         ids=lambda p: p.stem)
def test_each_released_schema_upgrades_with_its_data_intact(tmp_path, forms, fixture):
    path = tmp_path / "old.sqlite3"
    shutil.copy(fixture, path)
    with open_book(forms, path, auto_backup=False) as book:
        with book.store.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                head_revision())
        rows = {r.name: r for r in book.accounts.portfolio()}
        assert set(rows) == {"Acme Corp", "Zoë Ångström AB"}
        assert rows["Acme Corp"].status == "Critical"
        assert rows["Acme Corp"].score == pytest.approx(58)
        assert rows["Zoë Ångström AB"].readiness_level == "High"
        acme = book.accounts.find("Acme Corp")
        history = book.snapshots.history(acme.id)
        assert [s.score for s in history] == pytest.approx([82, 74, 58])
        # the portfolio's summary columns (0003) were filled from the history they summarise
        assert rows["Acme Corp"].score_change == pytest.approx(58 - 74)
        assert rows["Acme Corp"].as_of == history[-1].as_of
        assert rows["Acme Corp"].next_review == history[-1].next_review
        assert rows["Acme Corp"].open_risks == book.risks.open_count(acme.id) > 0
        assert rows["Zoë Ångström AB"].score is None
        assert rows["Zoë Ångström AB"].open_risks == 0
        assert book.charters.get(acme.id).scope_objectives == "Automate order intake"
        assert book.checklists.for_account(acme.id)[0].done == 1
        assert book.audit.trail(acme.id)
        # the kickoff workshop (schema 0002) runs on an upgraded book
        assert book.workshops.active(acme.id) is None
        workshop = book.workshops.start(acme.id)
        person = book.workshops.add_participant(workshop.id, "Sam")
        book.workshops.vote(person.id, "budget_approval", 4)
        assert book.workshops.active(acme.id).votes[person.id] == {"budget_approval": 4}


def test_an_outdated_schema_is_backed_up_before_upgrading(tmp_path, forms):
    path = tmp_path / "x.sqlite3"
    with open_store(path, auto_backup=False):
        pass
    with sqlite3.connect(path) as conn:  # as if written by a csdesk before any schema
        conn.execute("DELETE FROM alembic_version")
        for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT IN ('alembic_version', 'sqlite_sequence')").fetchall():
            conn.execute(f'DROP TABLE "{name}"')
    with open_store(path, auto_backup=False):
        pass
    assert [b.reason for b in backup.list_backups(path)] == ["before-upgrade"]


def test_a_database_from_a_newer_csdesk_is_refused_untouched(tmp_path):
    path = tmp_path / "x.sqlite3"
    with open_store(path, auto_backup=False):
        pass
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    with pytest.raises(EnvironmentFault, match="newer version of csdesk"):
        open_store(path)
    assert path.read_bytes() == before
    with open_store(path.with_name("other.sqlite3")):  # and the lock was released
        pass


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("my notes, not a database")
    with pytest.raises(EnvironmentFault, match="not a csdesk database"):
        open_store(path)
    assert path.read_text() == "my notes, not a database"


def test_a_read_only_data_folder_is_the_environments_fault(tmp_path):
    if os.geteuid() == 0:
        blocker = tmp_path / "file"
        blocker.write_text("")
        target = blocker / "sub" / "x.sqlite3"  # a folder inside a file cannot exist
    else:
        folder = tmp_path / "ro"
        folder.mkdir(mode=0o500)
        target = folder / "sub" / "x.sqlite3"
    with pytest.raises(EnvironmentFault, match="cannot create the data folder"):
        open_store(target)


def test_the_paths_all_come_from_config(csdesk_home):
    assert config.data_dir() == csdesk_home
    assert config.backups_dir(config.default_db_path()) == csdesk_home / "backups"
    assert config.user_forms_dir() == csdesk_home / "config" / "forms"


def test_a_full_disk_is_the_environments_fault_and_nothing_is_half_written(tmp_path, forms):
    path = tmp_path / "x.sqlite3"
    with open_book(forms, path, auto_backup=False) as book:
        book.accounts.create({"name": "Acme"})
        with book.store.engine.connect() as conn:  # cap the file at its current size
            pages = conn.execute(text("PRAGMA page_count")).scalar()
        event.listen(book.store.engine, "connect",
                     lambda c, _r: c.execute(f"PRAGMA max_page_count={pages}"))
        book.store.engine.dispose()
        with pytest.raises(EnvironmentFault, match="the disk is full"):
            book.accounts.create({"name": "x" * 150, "notes": "y" * 20_000})
        assert [r.name for r in book.accounts.portfolio()] == ["Acme"]


def test_the_quick_schema_check_agrees_with_alembic(tmp_path):
    """Start-up skips Alembic when the stamp is the newest script's number: they agree."""
    assert schema_revision.newest_revision() == head_revision()
    for script in schema_revision.VERSIONS.glob("[0-9]*.py"):
        number = script.name[:4]
        assert f'revision = "{number}"' in script.read_text(encoding="utf-8"), script.name
