"""Where the csdesk process starts: the console script, ``python -m csdesk`` and the
bundle all call :func:`main`.

It is small on purpose: the collector is paused (:mod:`csdesk.gc_policy`) before
SQLAlchemy, pydantic and the ORM models are imported. Importing them makes a few hundred
thousand objects, none of them garbage, and each burst set off collections that walked
them all again: ~0.15 s of the cold start on this project's benchmark machine. A command
of the CLI gets the collector back as soon as its arguments are read; the window gets
it back once the portfolio has been painted.
"""

from __future__ import annotations

from csdesk import gc_policy


def main() -> int:
    gc_policy.pause()
    from csdesk.cli import process_main  # the heavy imports, with the collector paused

    return process_main()
