"""Two kinds of failure, told apart (as qutebrowser does).

``EnvironmentFault``: the machine's or the user's situation stops us (disk full, folder
read-only, database locked by another csdesk, a file from a newer csdesk). The message
says what to do; no log entry is needed.

Anything else is our bug: ``log_bug`` writes the traceback with context to the log file
in the data folder, and the user sees a short message pointing at it.
"""

from __future__ import annotations

import datetime as dt
import logging
import platform
import sys
import traceback
from pathlib import Path

from csdesk import __version__, config

LOG_FILENAME = "csdesk.log"
_log = logging.getLogger("csdesk")


class EnvironmentFault(Exception):
    """Not a bug: something about the environment that the user can act on."""


class InputProblem(ValueError):
    """Bad input from the user: one line per problem, naming the place."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def log_file() -> Path:
    return config.log_dir() / LOG_FILENAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Log to the data folder; return the file, or None if it cannot be written.

    The data folder can change within a process (``CSDESK_HOME``, tests), so a handler on
    another file is replaced rather than kept."""
    path = log_file()
    root = logging.getLogger("csdesk")
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler):
            if Path(handler.baseFilename) == path.resolve():
                root.setLevel(level)
                return path
            root.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        new_handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    new_handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(new_handler)
    root.setLevel(level)
    return path


def log_bug(exc: BaseException, context: str = "") -> Path | None:
    """Record an unexpected error with its traceback; return the log file if written."""
    path = setup_logging()
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    _log.error(
        "unexpected error%s at %s (csdesk %s, Python %s, %s)\n%s",
        f" while {context}" if context else "",
        dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        __version__,
        sys.version.split()[0],
        platform.platform(),
        details,
    )
    for handler in logging.getLogger("csdesk").handlers:
        handler.flush()
    return path


def environment_message(exc: OSError) -> str:
    """An OSError in words: what failed, on which file."""
    target = f" ({exc.filename})" if exc.filename else ""
    reasons = {
        28: "the disk is full",
        13: "permission denied",
        30: "the file system is read-only",
        2: "no such file or folder",
        21: "it is a folder, not a file",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return f"{reason}{target}"
