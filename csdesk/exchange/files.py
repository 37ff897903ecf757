"""Reading and writing files safely: bounded reads, atomic writes."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from csdesk.errors import EnvironmentFault, InputProblem, environment_message


def read_bounded(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of ``path``; ``InputProblem`` if it is missing, a folder, unreadable or
    larger than ``limit`` (checked before reading, so a huge file costs nothing)."""
    label = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputProblem([f"{label}: is a folder, not a {what}"])
        if size > limit:
            raise InputProblem([f"{label}: is larger than {limit / 2**20:g} MiB, more than a "
                                f"{what} may be"])
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputProblem([f"{label}: no such file"]) from None
    except OSError as exc:
        raise InputProblem([f"{label}: cannot be read: {environment_message(exc)}"]) from None
    if len(data) > limit:  # grew while we looked
        raise InputProblem([f"{label}: is larger than {limit / 2**20:g} MiB"])
    return data


def write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(temporary path)`` beside ``target``, then rename it over ``target``:
    readers see the old file or the whole new one, never half of it."""
    folder = target.parent
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".partial")
    except OSError as exc:
        raise EnvironmentFault(f"cannot write {target}: {environment_message(exc)}") from None
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise EnvironmentFault(f"cannot write {target}: {environment_message(exc)}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes_atomically(target: Path, data: bytes) -> None:
    write_atomically(target, lambda tmp: tmp.write_bytes(data))
