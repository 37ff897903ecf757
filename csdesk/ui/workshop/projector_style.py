"""Projector colours and type: large, high contrast, readable from the back of a room.

Two palettes (light for a bright room, dark for a dimmed one), applied as one style
sheet on the workshop window so nothing else in the application changes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    name: str
    background: str
    text: str
    muted: str
    panel: str
    grid: str
    current: str  # the running block / the cell being entered
    current_text: str
    alert: str  # participants disagree
    alert_text: str
    accent: str


LIGHT = Palette("light", background="#ffffff", text="#000000", muted="#333333",
                panel="#f0f0f0", grid="#000000", current="#ffd500", current_text="#000000",
                alert="#b00020", alert_text="#ffffff", accent="#0038a8")
DARK = Palette("dark", background="#000000", text="#ffffff", muted="#d0d0d0",
               panel="#1a1a1a", grid="#ffffff", current="#ffd500", current_text="#000000",
               alert="#ff5a5a", alert_text="#000000", accent="#7ab8ff")
PALETTES = {"light": LIGHT, "dark": DARK}

BASE_PT = 22  # body text: readable at 8-10 m on a 1080p projector
GRID_PT = 26
BIG_PT = 54  # the clock and the live score


def style_sheet(p: Palette) -> str:
    """Every rule starts at the window's id, so it outranks the window's own defaults."""
    w = "#workshopWindow"
    return f"""
QWidget{w}, QWidget{w} QWidget {{
    background: {p.background}; color: {p.text}; font-size: {BASE_PT}pt; }}
{w} QLabel[role="big"] {{ font-size: {BIG_PT}pt; font-weight: bold; }}
{w} QLabel[role="title"] {{ font-size: {BASE_PT + 6}pt; font-weight: bold; }}
{w} QLabel[role="muted"] {{ color: {p.muted}; }}
{w} QLabel[role="over"] {{ font-size: {BIG_PT}pt; font-weight: bold;
    background: {p.alert}; color: {p.alert_text}; padding: 0 12px; border-radius: 6px; }}
{w} QFrame[role="panel"] {{ background: {p.panel}; border: 2px solid {p.grid};
    border-radius: 8px; }}
{w} QFrame[role="panel"] QLabel {{ background: transparent; border: none; }}
{w} QLabel[role="alert"], {w} QFrame[role="panel"] QLabel[role="alert"] {{
    background: {p.alert}; color: {p.alert_text}; font-weight: bold; padding: 4px 12px;
    border-radius: 6px; }}
{w} QPushButton {{ background: {p.panel}; color: {p.text}; border: 3px solid {p.grid};
    border-radius: 8px; padding: 6px 18px; font-size: {BASE_PT - 4}pt; font-weight: bold; }}
{w} QPushButton:focus {{ border-color: {p.accent}; }}
{w} QPushButton:pressed {{ background: {p.current}; color: {p.current_text}; }}
{w} QTableView {{ background: {p.background}; color: {p.text};
    gridline-color: {p.grid}; font-size: {GRID_PT}pt; border: 2px solid {p.grid};
    selection-background-color: {p.current}; selection-color: {p.current_text}; }}
{w} QHeaderView::section {{ background: {p.panel}; color: {p.text};
    font-size: {BASE_PT - 2}pt; font-weight: bold; border: 1px solid {p.grid};
    padding: 4px 8px; }}
{w} QPlainTextEdit, {w} QLineEdit, {w} QListWidget {{ background: {p.background};
    color: {p.text}; border: 2px solid {p.grid}; border-radius: 6px;
    font-size: {BASE_PT - 2}pt; }}
{w} QPlainTextEdit:focus, {w} QLineEdit:focus, {w} QListWidget:focus {{
    border: 3px solid {p.accent}; }}
{w} QTabBar::tab {{ background: {p.panel}; color: {p.text}; padding: 8px 18px;
    font-size: {BASE_PT - 4}pt; font-weight: bold; border: 2px solid {p.grid}; }}
{w} QTabBar::tab:selected {{ background: {p.current}; color: {p.current_text}; }}
{w} QListWidget::item {{ padding: 4px; }}
{w} QListWidget::item:selected {{ background: {p.current}; color: {p.current_text}; }}
"""
