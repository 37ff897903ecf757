"""``csdesk export`` and ``csdesk import`` from a terminal or a script."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from csdesk.cli import main
from csdesk.exchange import container, merge
from csdesk.store.book import open_book
from tests.conftest import TODAY
from tests.test_exchange_support import digest, fill_account


@pytest.fixture
def mine(tmp_path, forms) -> Path:
    """My laptop's book, with two accounts, closed again (as between two commands)."""
    path = tmp_path / "mine.sqlite3"
    with open_book(forms, path, today=lambda: TODAY) as book:
        fill_account(book, "Acme Logistics", weeks=3)
        fill_account(book, "Globex", weeks=2)
    return path


@pytest.fixture
def theirs(tmp_path, forms) -> Path:
    path = tmp_path / "theirs.sqlite3"
    with open_book(forms, path, today=lambda: TODAY) as book:
        book.accounts.create({"name": "Their own"})
    return path


def accounts_in(path: Path, forms) -> list[str]:
    with open_book(forms, path) as book:
        return [a.name for a in book.accounts.all()]


def test_export_one_account_and_import_it_after_a_dry_run(mine, theirs, tmp_path, capsys,
                                                          forms):
    out = tmp_path / "acme.csdesk"
    assert main(["--db", str(mine), "export", "acme log", "-o", str(out)]) == 0
    assert "exported 1 account(s)" in capsys.readouterr().out

    before = digest(theirs)
    assert main(["--db", str(theirs), "import", str(out), "--dry-run"]) == 0
    preview = capsys.readouterr().out
    assert "records" in preview and "added" in preview and "conflicts" in preview
    assert "snapshots" in preview and "dry run: nothing was imported" in preview
    assert digest(theirs) == before

    assert main(["--db", str(theirs), "import", str(out)]) == 0
    done = capsys.readouterr().out
    assert preview.split("dry run")[0] == done.split("imported ")[0]  # the same summary
    assert "backed up in" in done
    assert accounts_in(theirs, forms) == ["Acme Logistics", "Their own"]

    assert main(["--db", str(theirs), "import", str(out)]) == 0
    assert "nothing to import" in capsys.readouterr().out


def test_export_all_encrypted_for_a_script(mine, theirs, tmp_path, capsys, monkeypatch,
                                           forms):
    monkeypatch.setattr(container, "SCRYPT_LOG2_N", 12)
    monkeypatch.setenv("CSDESK_PASSPHRASE", "team secret")
    out = tmp_path / "book.csdesk"
    assert main(["--db", str(mine), "export", "--all", "-o", str(out), "--encrypt"]) == 0
    assert "exported 2 account(s)" in capsys.readouterr().out
    assert out.read_bytes().startswith(container.MAGIC)
    assert main(["--db", str(theirs), "import", str(out)]) == 0
    assert accounts_in(theirs, forms) == ["Acme Logistics", "Globex", "Their own"]


def test_an_encrypted_file_without_a_passphrase_is_refused(mine, theirs, tmp_path, capsys,
                                                           monkeypatch):
    monkeypatch.setattr(container, "SCRYPT_LOG2_N", 12)
    monkeypatch.setenv("CSDESK_PASSPHRASE", "team secret")
    out = tmp_path / "book.csdesk"
    main(["--db", str(mine), "export", "--all", "-o", str(out), "--encrypt"])
    capsys.readouterr()
    monkeypatch.delenv("CSDESK_PASSPHRASE")
    assert main(["--db", str(theirs), "import", str(out)]) == 2
    assert "set CSDESK_PASSPHRASE" in capsys.readouterr().err
    monkeypatch.setenv("CSDESK_PASSPHRASE", "wrong")
    before = digest(theirs)
    assert main(["--db", str(theirs), "import", str(out)]) == 2
    assert "wrong passphrase" in capsys.readouterr().err
    assert digest(theirs) == before


@pytest.mark.parametrize("spoil", ["value", "truncate", "version", "reference"])
def test_a_refused_import_leaves_the_book_byte_for_byte(mine, theirs, tmp_path, capsys,
                                                        spoil):
    out = tmp_path / "acme.csdesk"
    main(["--db", str(mine), "export", "--all", "-o", str(out)])
    doc = json.loads(container.unpack(out.read_bytes(), "x").document)
    if spoil == "value":
        doc["snapshots"][3]["platform_adoption"] = 140
        expected = "snapshots[3].platform_adoption: 140 is above 100"
    elif spoil == "version":
        doc["version"] = 7
        expected = "was made by a newer csdesk (account file format version 7"
    elif spoil == "reference":
        doc["accounts"] = doc["accounts"][1:]
        expected = "in the file or in this book"
    if spoil == "truncate":
        out.write_bytes(out.read_bytes()[:-100])
        expected = "is truncated"
    else:
        out.write_text(json.dumps(doc))
    capsys.readouterr()
    before = digest(theirs)
    assert main(["--db", str(theirs), "import", str(out)]) == 2
    err = capsys.readouterr().err
    assert expected in err and str(out) in err
    assert digest(theirs) == before


def test_spreadsheets_through_the_same_commands(mine, tmp_path, capsys, forms):
    table = tmp_path / "portfolio.xlsx"
    assert main(["--db", str(mine), "export", "--all", "-o", str(table)]) == 0
    assert "wrote the portfolio (2 accounts)" in capsys.readouterr().out
    history = tmp_path / "acme.csv"
    assert main(["--db", str(mine), "export", "Acme Logistics", "-o", str(history)]) == 0
    assert "snapshot history of Acme Logistics" in capsys.readouterr().out

    sheet = tmp_path / "new.csv"
    sheet.write_text("Name,ARR,Plan tier\nInitech,5000,Starter\nHooli,lots,Starter\n")
    before = digest(mine)
    assert main(["--db", str(mine), "import", str(sheet)]) == 2
    captured = capsys.readouterr()
    assert "'Name' -> name" in captured.out
    assert "new.csv: row 3, arr: 'lots' is not a number" in captured.err
    assert digest(mine) == before

    sheet.write_text("Name,ARR,Plan tier\nInitech,5000,Starter\n")
    assert main(["--db", str(mine), "import", str(sheet), "--dry-run"]) == 0
    assert "accounts: 1 new" in capsys.readouterr().out
    assert main(["--db", str(mine), "import", str(sheet)]) == 0
    assert "1 account(s) created" in capsys.readouterr().out
    assert "Initech" in accounts_in(mine, forms)


@pytest.mark.parametrize(("argv", "message"), [
    (["export", "-o", "x.csdesk"], "name the accounts to export, or give --all"),
    (["export", "Nobody", "-o", "x.csdesk"], "account 'Nobody': no account named"),
    (["export", "--all", "-o", "x.csv", "--encrypt"], "--encrypt is for .csdesk"),
    (["export", "--all", "-o", "no/such/folder/x.csdesk"], "does not exist"),
    (["import", "nowhere.csdesk"], "nowhere.csdesk: no such file"),
])
def test_usage_mistakes_exit_with_2(mine, tmp_path, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    assert main(["--db", str(mine), *argv]) == 2
    assert message in capsys.readouterr().err


def test_an_import_runs_without_automatic_garbage_collection(mine, theirs, tmp_path,
                                                              capsys, monkeypatch, forms):
    """A whole book's records are not walked by the collector again and again while
    they are read, planned and written; it is on again once the import is done."""
    out = tmp_path / "book.csdesk"
    assert main(["--db", str(mine), "export", "--all", "-o", str(out)]) == 0
    seen: list[bool] = []
    real_apply = merge.apply_import

    def apply_import(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(merge, "apply_import", apply_import)
    assert main(["--db", str(theirs), "import", str(out)]) == 0
    assert seen == [False] and gc.isenabled()
    assert accounts_in(theirs, forms) == ["Acme Logistics", "Globex", "Their own"]
