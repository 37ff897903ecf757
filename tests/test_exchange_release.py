"""A whole book's records are let go of a slice at a time, never in one go."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from csdesk.exchange import release
from csdesk.exchange.accountfile import export_accounts, read_account_file
from csdesk.exchange.merge import apply_import, plan_import
from csdesk.playbook.form_loader import FormSet
from csdesk.store.book import Book
from tests.test_exchange_support import colleague_book, fill_account


@pytest.fixture
def colleague(book: Book, tmp_path: Path, forms: FormSet) -> Iterator[Book]:
    with colleague_book(book, tmp_path, forms) as other:
        yield other


def test_rows_are_emptied_a_slice_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(release, "SLICE", 3)
    rows = [{"id": n} for n in range(10)]
    sizes: list[int] = []

    class Watched(list):  # type: ignore[type-arg]
        def __delitem__(self, key: object) -> None:
            sizes.append(len(self))
            super().__delitem__(key)  # type: ignore[arg-type]

    watched = Watched(rows)
    records = {"snapshots": watched, "accounts": [{"id": 1}]}
    release.release_kinds(records)
    assert sizes == [10, 7, 4, 1] and not watched and records == {}


def test_a_set_and_a_buffer_are_emptied_in_steps() -> None:
    ids = set(range(12_345))
    release.release_set(ids)
    assert ids == set()
    buffer = bytearray(b"x" * (5 * 2**20 + 7))
    sizes: list[int] = []

    class Watched(bytearray):
        def __delitem__(self, key: object) -> None:
            sizes.append(len(self))
            super().__delitem__(key)  # type: ignore[arg-type]

    watched = Watched(buffer)
    release.release_buffer(watched)
    assert not watched and sizes == [5 * 2**20 + 7, 2_621_443, 1_310_721]


def test_an_applied_plan_holds_nothing_of_the_file_once_released(
        book: Book, colleague: Book, tmp_path: Path) -> None:
    fill_account(book, weeks=3)
    export_accounts(book, None, tmp_path / "a.csdesk")
    plan = plan_import(colleague, read_account_file(tmp_path / "a.csdesk"))
    assert plan.inserts["snapshots"]
    apply_import(colleague, plan)
    plan.release()
    assert all(not rows for rows in plan.source.records.values())
    assert not plan.inserts and not plan.updates and not plan.matched
    assert colleague.accounts.count() == 1
