"""The application icon, from resources/icons (rendered by packaging/icons.py)."""

from __future__ import annotations

from pathlib import Path

from ideaforge.ui.qt import QtCore, QtGui

# Found relative to the package, as app.py finds resources/i18n, so that a source checkout and a
# PyInstaller bundle (which keeps resources/ beside the ideaforge package) find the same files.
ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
APP_ID = "io.github.ideaforge.IdeaForge"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_files() -> tuple[Path, dict[int, Path]]:
    """The scalable SVG and the PNG of each standard size, in the freedesktop hicolor layout."""
    hicolor = ICONS / "hicolor"
    svg = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    pngs = {size: hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in SIZES}
    return svg, pngs


def app_icon() -> QtGui.QIcon:
    """IdeaForge's icon: the rendered PNG at each standard size (pixel for pixel what the
    desktop's icon theme shows), the SVG at any other size (a high-DPI title bar, a large dock).
    Null only where resources/icons is missing."""
    svg, pngs = icon_files()
    icon = QtGui.QIcon()
    # The SVG first: the icon then uses Qt's SVG icon engine, which draws sizes it was not given
    # from the SVG and keeps the PNGs added next for theirs. Where that engine plugin is missing
    # (a trimmed bundle), Qt falls back to plain pixmaps and the PNGs still cover every size.
    if svg.is_file():
        icon.addFile(str(svg))
    for size, png in pngs.items():
        if png.is_file():
            icon.addFile(str(png), QtCore.QSize(size, size))
    return icon
