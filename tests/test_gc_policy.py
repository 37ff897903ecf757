"""The collector during a csdesk process's start-up: paused while the window is built,
then back on, over only what is made afterwards."""

from __future__ import annotations

import gc
from collections.abc import Iterator

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
