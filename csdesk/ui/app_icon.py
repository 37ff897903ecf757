"""The application icon (window, task bar, dialogs), from the PNGs in resources/icons."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from csdesk import config

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """Every rendered size, so Qt picks a sharp one; empty if the icons are missing."""
    icon = QIcon()
    folder = config.resources_dir() / "icons"
    for size in ICON_SIZES:
        path = folder / f"csdesk-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon
