"""Render the application icon's PNG sizes from resources/icons/csdesk.svg.

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py

Also writes the Windows .ico (packaging/windows/csdesk.ico) and the macOS .icns
(packaging/macos/csdesk.icns) that the PyInstaller spec uses, each frame rendered from
the SVG at its own size (with Pillow, which matplotlib already brings). Everything is
committed (nothing renders SVG at run time); run this again after editing the SVG.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
ICONS = HERE.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows uses; 256 is the largest
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # 1024 is the 512@2x Retina frame


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


def pillow_image(image: QImage) -> Image.Image:
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return Image.frombytes("RGBA", (rgba.width(), rgba.height()),
                           bytes(rgba.constBits())[: rgba.sizeInBytes()], "raw", "RGBA",
                           rgba.bytesPerLine())


def write_platform_icons(renderer: QSvgRenderer) -> None:
    """The .ico and .icns, every frame rendered at its size rather than scaled down."""
    for path, sizes in ((HERE / "windows" / "csdesk.ico", ICO_SIZES),
                        (HERE / "macos" / "csdesk.icns", ICNS_SIZES)):
        frames = [pillow_image(render(renderer, size)) for size in sizes]
        path.parent.mkdir(exist_ok=True)
        largest = frames[-1]
        if path.suffix == ".ico":
            largest.save(path, sizes=[(s, s) for s in sizes], append_images=frames[:-1])
        else:
            largest.save(path, append_images=frames[:-1])
        print(f"wrote {path.relative_to(HERE.parent)}")


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
    write_platform_icons(renderer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
