"""Python's cyclic garbage collector during the csdesk process's start-up and exit.

Opening the window on a big book makes tens of thousands of objects in a burst (the
portfolio's rows, the ORM's, the window's) and none of them is garbage; yet each burst
sets off automatic collections that walk every object alive, again and again. Measured
on the 5,000-account book: ~0.2-0.3 s of the cold start. At exit the interpreter walks
the whole heap once more before the operating system takes the memory back anyway:
~0.6 s between the window closing and the process ending.

So the csdesk process (and only it: csdesk used as a library, as the tests do, keeps
Python's defaults) pauses automatic collection while the window is built, and once the
portfolio has been painted moves everything then alive into the permanent generation
(:func:`gc.freeze`) and collects as usual again: later collections only walk what is
made afterwards. The few hundred unreachable objects start-up leaves behind (835 on
that book) stay with the process. Before exit everything is frozen likewise, so the
interpreter's last collections have nothing to walk; files and the database are closed
explicitly before that, never by a collector.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused = False


def pause() -> None:
    """No automatic collection until :func:`resume`."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Collect as usual again, over what is made from now on (does nothing unless
    :func:`pause` paused the collector)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def before_exit() -> None:
    """Spare the interpreter's final walks over the heap: the process ends now."""
    gc.freeze()


class Hold:
    """Automatic collection held off from :meth:`start` to :meth:`end`, for a flow that
    makes millions of objects and keeps them a while (an import: the file's records,
    then the plan while the CSM reads the preview, then the writing). Collections would
    walk them all, each time holding the interpreter for up to a second, so the window
    would stand still. They are freed by reference counting when the flow lets them go;
    at :meth:`end` the collector is as it was at :meth:`start` (a second start is one)."""

    def __init__(self) -> None:
        self._was_enabled: bool | None = None

    def start(self) -> None:
        if self._was_enabled is None:
            self._was_enabled = gc.isenabled()
            gc.disable()

    def end(self) -> None:
        if self._was_enabled:
            gc.enable()
        self._was_enabled = None


@contextmanager
def held() -> Iterator[None]:
    """A :class:`Hold` for the duration of a ``with`` block."""
    hold = Hold()
    hold.start()
    try:
        yield
    finally:
        hold.end()
