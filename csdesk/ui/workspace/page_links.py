"""Links from one workspace page to another ("record one on the Health page").

A page does not know the workspace that holds it (the workspace imports the pages), so
it finds it among its parents: the first one that can ``show_page`` the key asked for.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def _workspace(widget: QWidget) -> QWidget | None:
    parent = widget.parentWidget()
    while parent is not None:
        if hasattr(parent, "show_page") and isinstance(getattr(parent, "pages", None), dict):
            return parent
        parent = parent.parentWidget()
    return None


def has_page(widget: QWidget, key: str) -> bool:
    """Whether the workspace around ``widget`` has a page ``key``."""
    workspace = _workspace(widget)
    return workspace is not None and key in getattr(workspace, "pages", {})


def go_to_page(widget: QWidget, key: str) -> bool:
    """Switch the workspace around ``widget`` to page ``key``; False if there is none."""
    workspace = _workspace(widget)
    if workspace is None or key not in getattr(workspace, "pages", {}):
        return False
    workspace.show_page(key)  # type: ignore[attr-defined]
    return True
