"""Account files on the 5,000-account book (minutes): see ``bench.exchange``."""

from __future__ import annotations

from bench.exchange import run_big as run

__all__ = ["run"]
