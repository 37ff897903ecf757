"""The window's look: the system's own, or Fusion with a light or a dark palette.

The choice is remembered in QSettings (``appearance/theme``) and applied at start.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")
KEY = "appearance/theme"

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

# What the application looked like before a theme was first applied: "system" returns here.
_original: dict[str, object] = {}


def saved_theme(settings: QSettings) -> str:
    value = settings.value(KEY, "system")
    return value if isinstance(value, str) and value in THEMES else "system"


def save_theme(settings: QSettings, theme: str) -> None:
    settings.setValue(KEY, theme if theme in THEMES else "system")


def palette(theme: str) -> QPalette:
    """The Fusion palette of the light or the dark theme."""
    dark = theme == "dark"
    colours = {
        _Role.Window: "#2b2d30" if dark else "#f3f4f6",
        _Role.WindowText: "#e8e8e8" if dark else "#1f2328",
        _Role.Base: "#1e1f22" if dark else "#ffffff",
        _Role.AlternateBase: "#26282b" if dark else "#f6f8fa",
        _Role.ToolTipBase: "#3c3f41" if dark else "#ffffdc",
        _Role.ToolTipText: "#e8e8e8" if dark else "#1f2328",
        _Role.PlaceholderText: "#8b8f96" if dark else "#6e7781",
        _Role.Text: "#e8e8e8" if dark else "#1f2328",
        _Role.Button: "#3c3f41" if dark else "#eceef1",
        _Role.ButtonText: "#e8e8e8" if dark else "#1f2328",
        _Role.BrightText: "#ff6b6b",
        _Role.Light: "#4a4d50" if dark else "#ffffff",
        _Role.Midlight: "#3f4245" if dark else "#e6e8eb",
        _Role.Mid: "#35383b" if dark else "#c8ccd1",
        _Role.Dark: "#1b1c1e" if dark else "#a0a5ab",
        _Role.Shadow: "#000000" if dark else "#6e7781",
        _Role.Highlight: "#3d7bd9" if dark else "#2f6fd0",
        _Role.HighlightedText: "#ffffff",
        _Role.Link: "#7aa9ff" if dark else "#0b57d0",
        _Role.LinkVisited: "#b58cff" if dark else "#6f42c1",
    }
    result = QPalette()
    for role, colour in colours.items():
        result.setColor(role, QColor(colour))
    disabled = QColor("#7a7d82" if dark else "#9aa0a6")
    for role in (_Role.WindowText, _Role.Text, _Role.ButtonText, _Role.HighlightedText):
        result.setColor(_Group.Disabled, role, disabled)
    result.setColor(_Group.Disabled, _Role.Highlight, QColor("#505357" if dark else "#c8ccd1"))
    return result


def apply_theme(app: QApplication, theme: str) -> None:
    """Show the application in this theme at once (every open window follows)."""
    if not _original:
        _original["style"] = app.style().name()
        _original["palette"] = QPalette(app.palette())
    if theme in ("light", "dark"):
        app.setStyle("Fusion")
        app.setPalette(palette(theme))
        return
    app.setStyle(str(_original["style"]))  # an unknown name changes nothing
    original = _original["palette"]
    assert isinstance(original, QPalette)
    app.setPalette(original)
