"""Is a database's schema this csdesk's newest? Answered without importing Alembic.

Opening the store happens at every start, and importing Alembic costs about a third of a
second; almost always the schema is already current. The migration scripts are named
``NNNN_what.py`` with ``revision = "NNNN"`` (a test holds them to it), so the newest
revision is the highest number among the file names. Anything but an exact match (no
table yet, an older or a newer revision) goes to ``csdesk.store.migrate`` and Alembic.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
_SCRIPT = re.compile(r"^(\d{4})_\w+\.py$")


@cache
def newest_revision() -> str:
    """The highest-numbered migration script's revision."""
    revisions = [m.group(1) for p in VERSIONS.iterdir() if (m := _SCRIPT.match(p.name))]
    if not revisions:
        raise RuntimeError(f"no migration scripts in {VERSIONS}")
    return max(revisions)


def is_current(engine: Engine) -> bool:
    """True if the database is stamped with exactly the newest revision."""
    try:
        with engine.connect() as conn:
            stamped = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:  # no alembic_version table: a new or a foreign database
        return False
    return [row[0] for row in stamped] == [newest_revision()]
