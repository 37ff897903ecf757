"""Entry point of the PyInstaller bundle: the same ``csdesk`` command as the wheel's.

Bare it starts the window; with a subcommand it runs headless and prints to stdout.
"""

import os
import sys
from pathlib import Path

import platformdirs

from csdesk.launch import main


def keep_matplotlib_cache() -> None:
    """Give matplotlib a lasting cache folder instead of a fresh one on every start.

    PyInstaller's matplotlib run-time hook points MPLCONFIGDIR at a new temporary folder
    each run (meant for one-file bundles, whose paths change), so matplotlib would
    rebuild its font list on every chart. A one-folder bundle stays put; should it be
    moved, matplotlib rebuilds the list when a cached font file is missing.
    """
    cache = Path(platformdirs.user_cache_dir("csdesk", appauthor=False)) / "matplotlib"
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a read-only home: the temporary folder still works, only slower
    os.environ["MPLCONFIGDIR"] = str(cache)


if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        keep_matplotlib_cache()
    sys.exit(main())
