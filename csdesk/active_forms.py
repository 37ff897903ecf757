"""The forms in force on this machine: shipped ones, overridden by tailored copies."""

from __future__ import annotations

from functools import lru_cache

from csdesk import config
from csdesk.playbook.form_loader import FormSet, load_forms


@lru_cache(maxsize=1)
def active_forms() -> FormSet:
    """Loaded once per process; raises ``FormError`` naming a broken tailored file."""
    return load_forms(config.shipped_forms_dir(), config.user_forms_dir())
