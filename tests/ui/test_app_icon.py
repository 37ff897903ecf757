"""The window carries csdesk's icon, in every size, on the task bar and in dialogs."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from csdesk.ui.app import application
from csdesk.ui.app_icon import ICON_SIZES, app_icon


def test_the_application_shows_the_csdesk_icon(qapp: QApplication) -> None:
    app = application()
    icon = app.windowIcon()
    assert not icon.isNull()
    assert app.desktopFileName() == "io.github.csdesk.csdesk"


def test_every_rendered_size_is_offered_so_small_icons_stay_sharp(qapp: QApplication) -> None:
    sizes = app_icon().availableSizes()
    assert sorted(s.width() for s in sizes) == list(ICON_SIZES)
    assert QSize(16, 16) in sizes and QSize(512, 512) in sizes
