"""Desktop integration: the app icon set, the freedesktop .desktop entry, the AppStream metainfo
and its screenshots, the user install script, and the running app's icon and desktop name."""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from ideaforge.ui.icons import app_icon, icon_files
from ideaforge.ui.qt import QtGui

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.github.ideaforge.IdeaForge"
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        f"ideaforge_{name}", ROOT / "packaging" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    assert parser.sections() == ["Desktop Entry"]
    return parser["Desktop Entry"]


def pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def argb(image: QtGui.QImage) -> QtGui.QImage:
    return image.convertToFormat(QtGui.QImage.Format.Format_ARGB32)


# --- the .desktop entry -----------------------------------------------------------------------


def test_desktop_entry_has_the_keys_in_english_and_chinese() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        assert entry[key].strip() and entry[f"{key}[zh_TW]"].strip(), key
    assert any("\u4e00" <= ch <= "\u9fff" for ch in entry["Comment[zh_TW]"])
    assert entry["Keywords"].endswith(";") and entry["Keywords[zh_TW]"].endswith(";")
    assert entry["Terminal"] == "false" and entry["StartupNotify"] == "true"
    categories = entry["Categories"].rstrip(";").split(";")
    assert "Office" in categories and "ProjectManagement" in categories
    # The app opens no files, so the entry claims no MIME types and passes none (%f, %F, %u).
    assert "MimeType" not in entry and "%" not in entry["Exec"]


def test_desktop_entry_starts_an_installed_gui_script() -> None:
    entry = desktop_entry()
    project = pyproject()
    gui_scripts = project["gui-scripts"]
    assert isinstance(gui_scripts, dict)
    command = shlex.split(entry["Exec"])[0]
    assert command == entry["TryExec"] == "ideaforge"
    assert gui_scripts[command] == "ideaforge.ui.app:main"


def test_desktop_entry_icon_exists_in_every_hicolor_size() -> None:
    icon = desktop_entry()["Icon"]
    assert icon == APP_ID == DESKTOP.stem
    for size in SIZES:
        png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{icon}.png"
        image = QtGui.QImage(str(png))
        assert not image.isNull(), png
        assert (image.width(), image.height()) == (size, size), png
        assert image.hasAlphaChannel()
        # A rounded tile with a transparent margin, something drawn in the middle.
        assert image.pixelColor(0, 0).alpha() == 0
        assert image.pixelColor(size // 2, size // 2).alpha() == 255
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{icon}.svg"
    assert scalable.read_bytes() == (ICONS / "ideaforge.svg").read_bytes()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate (desktop-file-utils) is not installed")  # fmt: skip
def test_desktop_entry_passes_desktop_file_validate() -> None:
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


# --- the running app --------------------------------------------------------------------------


def test_app_icon_has_each_rendered_size_and_scales_beyond(qtbot: object) -> None:
    icon = app_icon()
    assert not icon.isNull()
    svg, pngs = icon_files()
    assert svg.is_file() and sorted(pngs) == list(SIZES)
    for size, png in pngs.items():
        pixmap = icon.pixmap(size)
        assert (pixmap.width(), pixmap.height()) == (size, size)
        assert argb(pixmap.toImage()) == argb(QtGui.QImage(str(png))), (
            size
        )  # the PNG, not a scaled one
    big = icon.pixmap(1024)  # beyond the largest PNG: drawn from the SVG
    assert (big.width(), big.height()) == (1024, 1024)


def test_app_sets_the_icon_and_the_names_the_desktop_entry_expects(tmp_path: Path) -> None:
    """The real entry point, started as a person starts it; it reports and quits once shown.
    Qt's X11 plugin sets the window's WM_CLASS to (executable name, application name), which
    StartupWMClass matches; Wayland's app_id is the desktop file name."""
    probe = (
        "import json, sys\n"
        "from ideaforge.ui.qt import QtCore, QtWidgets\n"
        "from ideaforge.ui.app import main\n"
        "app = QtWidgets.QApplication(['ideaforge'])\n"
        "def report():\n"
        "    icon = app.windowIcon()\n"
        "    print(json.dumps({'name': app.applicationName(), 'desktop': app.desktopFileName(),\n"
        "        'null': icon.isNull(), 'sizes': [icon.pixmap(s).width() for s in (16, 48)]}))\n"
        "QtCore.QTimer.singleShot(0, report)\n"
        "sys.exit(main(['--db', sys.argv[1], '--data-dir', sys.argv[2]]))\n"
    )
    env = {**os.environ, "IDEAFORGE_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "app.db"), str(tmp_path / "data")],
        capture_output=True, text=True, env=env, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(next(line for line in done.stdout.splitlines() if line.startswith("{")))
    entry = desktop_entry()
    assert report["desktop"] == DESKTOP.stem
    assert report["name"] == entry["StartupWMClass"] == "IdeaForge"
    assert report["null"] is False and report["sizes"] == [16, 48]


# --- the AppStream metainfo -------------------------------------------------------------------


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def by_language(parent: ET.Element, tag: str) -> dict[str | None, list[str]]:
    found: dict[str | None, list[str]] = {}
    for element in parent.findall(tag):
        found.setdefault(element.get(LANG), []).append("".join(element.itertext()).strip())
    return found


def test_metainfo_matches_the_desktop_entry_and_the_project() -> None:
    root = metainfo()
    project = pyproject()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID == desktop_entry()["Icon"]
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == project["license"]
    scripts = {**project["scripts"], **project["gui-scripts"]}  # type: ignore[dict-item]
    assert sorted(b.text or "" for b in root.iterfind("provides/binary")) == sorted(scripts)
    releases = root.findall("releases/release")
    assert releases and releases[0].get("version") == project["version"]
    categories = [c.text for c in root.iterfind("categories/category")]
    desktop_categories = desktop_entry()["Categories"].rstrip(";").split(";")
    assert categories and set(categories) <= set(desktop_categories)
    assert root.find("content_rating").get("type") == "oars-1.1"  # type: ignore[union-attr]


def test_metainfo_says_everything_in_traditional_chinese_too() -> None:
    root = metainfo()
    for tag in ("name", "summary"):
        texts = by_language(root, tag)
        assert texts[None] and texts["zh-TW"] and texts["zh-TW"][0], tag
    assert any("\u4e00" <= ch <= "\u9fff" for ch in by_language(root, "summary")["zh-TW"][0])
    description = root.find("description")
    assert description is not None
    paragraphs = by_language(description, "p")
    items = by_language(description, "ul/li")
    assert len(paragraphs["zh-TW"]) == len(paragraphs[None]) >= 2
    assert len(items["zh-TW"]) == len(items[None]) >= 3
    # A line break inside Chinese text would show as a space between two characters.
    for text in paragraphs["zh-TW"] + items["zh-TW"]:
        assert "\n" not in text
    keywords = by_language(root, "keywords/keyword")
    assert keywords[None] and keywords["zh-TW"]


def test_metainfo_screenshots_are_real_pngs_of_the_declared_size() -> None:
    screenshots = load_script("screenshots")
    base = screenshots.SCREENSHOT_BASE_URL
    shots = metainfo().findall("screenshots/screenshot")
    assert len(shots) == len(screenshots.STORE_SHOTS) >= 4
    assert [s.get("type") for s in shots].count("default") == 1
    files = set()
    for shot in shots:
        captions = by_language(shot, "caption")
        assert captions[None] and captions["zh-TW"]
        images = shot.findall("image")
        assert {i.get(LANG) for i in images} == {None, "zh-TW"}
        for image in images:
            url = image.text or ""
            assert url.startswith(base) and url.startswith("https://"), url
            path = LINUX / "screenshots" / url.removeprefix(base)
            files.add(path.name)
            assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path
            assert path.stat().st_size < 400_000, path
            read = QtGui.QImageReader(str(path))
            size = read.size()
            assert read.format() == b"png"
            assert (size.width(), size.height()) == (
                int(image.get("width", 0)),
                int(image.get("height", 0)),
            )
            assert (size.width(), size.height()) == (1280, 800)
    assert files == {p.name for p in (LINUX / "screenshots").glob("*.png")}  # none left over


def test_metainfo_screenshot_block_is_what_the_script_writes() -> None:
    """The block is generated from the PNGs: regenerating it changes nothing."""
    screenshots = load_script("screenshots")
    text = METAINFO.read_text(encoding="utf-8")
    assert screenshots.with_screenshots(text, screenshots.SCREENSHOT_BASE_URL) == text
    moved = screenshots.with_screenshots(text, "https://example.org/shots")
    assert "https://example.org/shots/diverge-zh-TW.png" in moved
    assert screenshots.SCREENSHOT_BASE_URL not in moved


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli (AppStream) is not installed")  # fmt: skip
def test_metainfo_passes_appstreamcli_validate() -> None:
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--no-color", str(METAINFO)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr  # errors and warnings fail it


# --- packaging/icons.py -----------------------------------------------------------------------


def test_icons_script_is_deterministic_and_matches_the_committed_files(tmp_path: Path) -> None:
    for out in ("a", "b"):
        done = subprocess.run(
            [sys.executable, str(ROOT / "packaging" / "icons.py"), "--out", str(tmp_path / out)],
            capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    made = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    committed = sorted(
        p.relative_to(ICONS) for p in ICONS.rglob("*") if p.is_file() and p.name != "ideaforge.svg"
    )
    assert made == committed
    for relative in made:  # twice the same bytes
        assert (tmp_path / "a" / relative).read_bytes() == (tmp_path / "b" / relative).read_bytes()
    for size in SIZES:  # the committed PNGs are what the SVG renders to (to within rounding,
        # so that another Qt release's anti-aliasing does not fail this)
        relative = Path("hicolor") / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        new = argb(QtGui.QImage(str(tmp_path / "a" / relative)))
        old = argb(QtGui.QImage(str(ICONS / relative)))
        assert new.size() == old.size()
        pairs = zip(bytes(new.constBits()), bytes(old.constBits()), strict=True)
        worst = max(abs(a - b) for a, b in pairs)
        assert worst <= 8, (size, worst)


def icns_entries(data: bytes) -> list[tuple[bytes, int]]:
    """(type, PNG side) of each image element of an .icns file, checking its lengths."""
    assert data[:4] == b"icns" and int.from_bytes(data[4:8], "big") == len(data)
    entries, at = [], 8
    while at < len(data):
        kind, length = data[at : at + 4], int.from_bytes(data[at + 4 : at + 8], "big")
        assert length >= 8 and at + length <= len(data)
        if kind != b"TOC ":
            image = QtGui.QImage.fromData(data[at + 8 : at + length], "PNG")
            assert not image.isNull() and image.width() == image.height()
            entries.append((kind, image.width()))
        at += length
    return entries


def test_windows_ico_and_macos_icns_hold_every_size() -> None:
    ico = (ICONS / "ideaforge.ico").read_bytes()
    reserved, kind, count = (int.from_bytes(ico[i : i + 2], "little") for i in (0, 2, 4))
    assert (reserved, kind) == (0, 1)
    sides = []
    for n in range(count):
        entry = ico[6 + 16 * n : 22 + 16 * n]
        width = entry[0] or 256
        length = int.from_bytes(entry[8:12], "little")
        offset = int.from_bytes(entry[12:16], "little")
        image = QtGui.QImage.fromData(ico[offset : offset + length], "PNG")
        assert (image.width(), image.height()) == (width, entry[1] or 256)
        sides.append(width)
    assert sides == [16, 24, 32, 48, 64, 128, 256]
    entries = icns_entries((ICONS / "ideaforge.icns").read_bytes())
    assert dict(entries) == {
        b"ic11": 32, b"ic12": 64, b"ic07": 128, b"ic13": 256,
        b"ic08": 256, b"ic14": 512, b"ic09": 512, b"ic10": 1024,
    }  # fmt: skip


# --- packaging/linux/install.sh ---------------------------------------------------------------


@pytest.mark.skipif(shutil.which("sh") is None, reason="install.sh needs a POSIX shell")
def test_install_script_installs_for_the_user_and_uninstalls(tmp_path: Path) -> None:
    program = tmp_path / "check out" / ".venv" / "bin" / "ideaforge"  # a path with a space
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    data = tmp_path / "share"
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    script = str(LINUX / "install.sh")

    done = subprocess.run(
        ["sh", script, "--exec", str(program)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    installed = data / "applications" / DESKTOP.name
    lines = installed.read_text(encoding="utf-8").splitlines()
    assert f'Exec="{program}"' in lines and f"TryExec={program}" in lines
    assert (data / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    for size in SIZES:
        relative = Path("hicolor") / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert (data / "icons" / relative).read_bytes() == (ICONS / relative).read_bytes()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(installed)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stdout

    done = subprocess.run(["sh", script, "--uninstall"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    left = [p for p in data.rglob("*") if p.is_file() and p.name != "mimeinfo.cache"]
    assert left == []


def test_install_script_says_what_to_do_without_a_set_up_checkout(tmp_path: Path) -> None:
    if shutil.which("sh") is None:
        pytest.skip("install.sh needs a POSIX shell")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    done = subprocess.run(
        ["sh", str(LINUX / "install.sh"), "--exec", str(tmp_path / "missing" / "ideaforge")],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert done.returncode == 1
    assert "bootstrap.py setup" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "share").exists()
