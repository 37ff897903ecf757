"""The collector during a csdesk process's start-up: paused while the window is built,
then back on, over only what is made afterwards."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from csdesk import gc_policy


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    yield
    gc_policy.resume()
    gc.unfreeze()
    gc.enable()


def test_start_up_pauses_the_collector_and_resumes_it_with_start_up_frozen() -> None:
    gc_policy.pause()
    assert not gc.isenabled()
    built_at_start = [object() for _ in range(3)]
    frozen_before = gc.get_freeze_count()

    gc_policy.resume()

    assert gc.isenabled()
    assert gc.get_freeze_count() > frozen_before  # the start-up's objects: left alone
    assert built_at_start


def test_resuming_without_a_pause_leaves_the_collector_as_it_was() -> None:
    frozen_before = gc.get_freeze_count()
    gc_policy.resume()
    assert gc.isenabled() and gc.get_freeze_count() == frozen_before

    gc.disable()  # switched off by someone else: not ours to switch on
    gc_policy.pause()
    gc_policy.resume()
    assert not gc.isenabled()


def test_a_held_block_has_no_automatic_collection_and_gives_it_back() -> None:
    with gc_policy.held():
        assert not gc.isenabled()
        with gc_policy.held():  # nested: the outer one gives it back
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()

    with pytest.raises(ValueError, match="the import failed"), gc_policy.held():
        raise ValueError("the import failed")
    assert gc.isenabled()


def test_the_process_imports_with_the_collector_paused_and_a_command_gets_it_back(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``csdesk.launch`` pauses the collector before the heavy imports; a CLI command
    (here ``csdesk db info``) runs with it on again, over what was made after them."""
    import csdesk.cli
    from csdesk import launch
    from csdesk.cli import db

    seen: list[bool] = []
    real_import = csdesk.cli.process_main

    def process_main() -> int:
        seen.append(gc.isenabled())  # as the imports ran
        return real_import()

    def run_info(_args: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(csdesk.cli, "process_main", process_main)
    monkeypatch.setattr(db, "run_info", run_info)
    monkeypatch.setattr(sys, "argv", ["csdesk", "--db", str(tmp_path / "b.sqlite3"),
                                      "db", "info"])
    frozen_before = gc.get_freeze_count()
    assert launch.main() == 0
    assert seen == [False, True]
    assert gc.isenabled() and gc.get_freeze_count() > frozen_before
