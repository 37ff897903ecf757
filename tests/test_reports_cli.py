"""``csdesk report qbr|charter ACCOUNT -o FILE.pdf``."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from csdesk.cli import main
from csdesk.playbook.form_loader import FormSet
from csdesk.playbook.records import HealthMetrics
from csdesk.store.book import open_book
from tests.conftest import TODAY, metrics_at


@pytest.fixture
def db(tmp_path: Path, forms: FormSet) -> Path:
    path = tmp_path / "book.sqlite3"
    with open_book(forms, path, auto_backup=False) as book:
        account = book.accounts.create({"name": "Łódź Müller Logistics",
                                        "owner": "Dana Okafor"})
        book.snapshots.record(account.id, TODAY, HealthMetrics(**metrics_at(82.5)))
        book.qbrs.add(account.id, {"held_on": TODAY, "attendees": ["Zoë Ångström"]})
    return path


def test_the_deck_by_account_name(db: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "deck.pdf"
    code = main(["--db", str(db), "report", "qbr", "Łódź Müller Logistics", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert f"wrote {out}" in capsys.readouterr().out
    reader = PdfReader(out)
    assert float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)
    assert "82.5" in " ".join(p.extract_text() for p in reader.pages)


def test_the_charter_by_id_in_letter(db: Path, tmp_path: Path, forms: FormSet) -> None:
    with open_book(forms, db, auto_backup=False) as book:
        account_id = book.accounts.all()[0].id
    out = tmp_path / "charter.pdf"
    code = main(["--db", str(db), "report", "charter", str(account_id), "-o", str(out),
                 "--page-size", "letter", "--date", "2026-12-01"])
    assert code == 0
    page = PdfReader(out).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    assert "1 Dec 2026" in page.extract_text()


def test_an_unknown_account_is_bad_input(db: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "deck.pdf"
    code = main(["--db", str(db), "report", "qbr", "Nobody Ltd", "-o", str(out)])
    assert code == 2
    assert "no account named 'Nobody Ltd'" in capsys.readouterr().err
    assert not out.exists()


def test_a_missing_folder_or_qbr_date_is_bad_input(db: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--db", str(db), "report", "charter", "Łódź Müller Logistics",
                 "-o", str(tmp_path / "nowhere" / "c.pdf")])
    assert code == 2
    assert "does not exist" in capsys.readouterr().err
    code = main(["--db", str(db), "report", "qbr", "Łódź Müller Logistics",
                 "-o", str(tmp_path / "d.pdf"), "--qbr", "2020-01-01"])
    assert code == 2
    assert "no QBR on 2020-01-01" in capsys.readouterr().err


def test_the_page_size_is_checked_by_the_parser(db: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(db), "report", "charter", "x", "-o", str(tmp_path / "c.pdf"),
              "--page-size", "A5"])
    assert exit_info.value.code == 2
