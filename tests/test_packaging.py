"""The desktop integration files agree with each other and the icons exist; forms and
resources are found inside a PyInstaller bundle."""

from __future__ import annotations

import configparser
import re
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from csdesk import config

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.csdesk.csdesk"
MIME = "application/x-csdesk"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep case
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_menu_entry_opens_a_double_clicked_csdesk_file_in_csdesk() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "csdesk %f"
    assert entry["Icon"] == APP_ID
    assert entry["MimeType"] == f"{MIME};"
    assert "Office" in entry["Categories"].split(";")
    assert entry["Terminal"] == "false"


def test_the_metainfo_names_the_same_app_desktop_file_and_file_type() -> None:
    component = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert component.tag == "component" and component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("name") == "csdesk"
    assert component.findtext("summary")
    assert component.find("description/p") is not None
    assert component.findtext("launchable[@type='desktop-id']") == f"{APP_ID}.desktop"
    assert component.findtext("icon[@type='stock']") == APP_ID
    assert component.findtext("provides/mediatype") == MIME
    assert component.findtext("provides/binary") == "csdesk"
    assert component.find("content_rating").get("type") == "oars-1.1"  # type: ignore[union-attr]
    screenshots = [img.text or "" for img in component.iter("image")]
    assert screenshots and all(s.startswith("https://") for s in screenshots)
    for url in screenshots:  # each points at a screenshot that is in the repository
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[-1]).is_file(), url
    from csdesk import __version__
    assert component.find("releases/release").get("version") == __version__  # type: ignore[union-attr]


def test_the_mime_type_knows_csdesk_files_by_name_and_by_their_first_bytes() -> None:
    from csdesk.exchange.container import MAGIC

    root = ET.parse(LINUX / f"{APP_ID}.mime.xml").getroot()
    mime_type = root.find(f"{MIME_NS}mime-type")
    assert mime_type is not None and mime_type.get("type") == MIME
    assert [g.get("pattern") for g in mime_type.iter(f"{MIME_NS}glob")] == ["*.csdesk"]
    assert mime_type.find(f"{MIME_NS}generic-icon").get("name") == APP_ID  # type: ignore[union-attr]
    values = [m.get("value") for m in mime_type.iter(f"{MIME_NS}match")]
    assert MAGIC.decode().replace("\n", "\\n") in values
    assert '"csdesk-account-file"' in values


@pytest.mark.parametrize("size", SIZES)
def test_every_icon_size_is_a_png_of_that_size(size: int) -> None:
    data = (ROOT / "resources" / "icons" / f"csdesk-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert (width, height) == (size, size)


def test_the_windows_and_macos_icons_are_there_for_their_builds() -> None:
    ico = (ROOT / "packaging" / "windows" / "csdesk.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00"  # ICONDIR, type 1 = icon
    assert struct.unpack("<H", ico[4:6])[0] == 7  # 16, 24, 32, 48, 64, 128, 256
    icns = (ROOT / "packaging" / "macos" / "csdesk.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_the_svg_icon_is_well_formed() -> None:
    root = ET.parse(ROOT / "resources" / "icons" / "csdesk.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 256 256"


def test_forms_and_resources_are_found_in_a_pyinstaller_bundle(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "forms").mkdir()
    (tmp_path / "resources").mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert config.shipped_forms_dir() == tmp_path / "forms"
    assert config.resources_dir() == tmp_path / "resources"


def test_a_bundle_without_its_resources_says_where_it_looked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(config, "_PACKAGE_DIR", tmp_path / "csdesk")
    with pytest.raises(FileNotFoundError, match="without its resources/ folder") as caught:
        config.resources_dir()
    assert str(tmp_path) in str(caught.value)


def test_outside_a_bundle_meipass_alone_is_not_trusted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "forms").mkdir()
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert config.shipped_forms_dir() != tmp_path / "forms"
    assert (config.shipped_forms_dir() / "health.toml").is_file()


def test_the_bundle_keeps_every_qt_module_csdesk_imports():
    """The spec leaves unused Qt modules out; one csdesk needs must never be among them
    (the bundle failed to start when the file hand-over brought in QtNetwork)."""
    spec = (ROOT / "packaging" / "csdesk.spec").read_text(encoding="utf-8")
    excluded = set(re.findall(r'"(PySide6\.Qt\w+)"', spec))
    used = {m for source in (ROOT / "csdesk").rglob("*.py")
            for m in re.findall(r"PySide6\.Qt\w+", source.read_text(encoding="utf-8"))}
    assert "PySide6.QtWidgets" in used
    assert used & excluded == set()
