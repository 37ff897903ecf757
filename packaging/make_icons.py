"""Render the application icon's PNG sizes from resources/icons/csdesk.svg.

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py

The PNGs are committed (the desktop and the bundles use them; nothing renders SVG at run
time). Run this again after editing the SVG.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return ICONS / f"csdesk-{size}.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "csdesk.svg"))
    if not renderer.isValid():
        print(f"make_icons: {ICONS / 'csdesk.svg'} is not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        if not render(renderer, size).save(str(png_path(size)), "PNG"):
            print(f"make_icons: could not write {png_path(size)}", file=sys.stderr)
            return 1
        print(f"wrote {png_path(size).relative_to(ICONS.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
