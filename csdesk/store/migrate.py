"""Schema migrations with Alembic: check where a database stands, upgrade it.

The scripts live in ``csdesk/store/migrations`` (found as package data from a wheel).
A database stamped with a revision this csdesk does not know comes from a newer csdesk:
it is refused, untouched.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from csdesk.errors import EnvironmentFault

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str = "") -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def is_empty(conn: Connection) -> bool:
    """No tables but (perhaps) Alembic's own bookkeeping."""
    return not set(inspect(conn).get_table_names()) - {"alembic_version"}


def needs_upgrade(engine: Engine) -> bool:
    """True if the schema is behind; raises ``EnvironmentFault`` if it is ahead."""
    script = ScriptDirectory.from_config(alembic_config())
    with engine.connect() as conn:
        current = current_revision(conn)
        if current is None:
            if not is_empty(conn) and "accounts" not in inspect(conn).get_table_names():
                raise EnvironmentFault(
                    f"{engine.url.database or engine.url} is not a csdesk database")
            return True
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise EnvironmentFault(
            f"this database was written by a newer version of csdesk (schema {current}); "
            "install the newer csdesk to open it. Nothing was changed.")
    return current != script.get_current_head()


def upgrade(engine: Engine) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
