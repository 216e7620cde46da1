"""Render the app icon set from the master SVG, resources/icons/ideaforge.svg.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/icons.py [--out DIR]

Writes, under DIR (default resources/icons):

- ``hicolor/<N>x<N>/apps/io.github.ideaforge.IdeaForge.png`` for N in 16 24 32 48 64 128 256 512
  (the freedesktop icon theme layout: install.sh, Flatpak and distribution packages copy it as is)
- ``hicolor/scalable/apps/io.github.ideaforge.IdeaForge.svg`` (a copy of the master)
- ``ideaforge.ico`` (Windows: 16 to 256 px) and ``ideaforge.icns`` (macOS: 16 to 1024 px)

Every size is rendered from the SVG by Qt's own renderer (QtSvg, offscreen), not scaled down
from a big bitmap, so the small sizes stay sharp. The .ico and .icns are written here with the
standard library: both formats are a small table of contents in front of PNG images (Windows
Vista and later, macOS 10.7 and later read PNG entries), so no image library is needed. The
output depends only on the SVG and the Qt version: running this twice gives identical files.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from collections.abc import Iterable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6 import QtCore, QtGui, QtSvg

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
MASTER = ICONS / "ideaforge.svg"
APP_ID = "io.github.ideaforge.IdeaForge"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, and their pixel sizes (the @2x ones are Retina sizes);
# the same set as Apple's iconutil and Pillow write.
ICNS_TYPES = (
    (b"ic11", 32),  # 16x16@2x
    (b"ic12", 64),  # 32x32@2x
    (b"ic07", 128),
    (b"ic13", 256),  # 128x128@2x
    (b"ic08", 256),
    (b"ic14", 512),  # 256x256@2x
    (b"ic09", 512),
    (b"ic10", 1024),  # 512x512@2x
)
DOTS_PER_METRE = 3780  # 96 dpi, written into each PNG; fixed so the files do not vary by machine


def hicolor_png(size: int, root: Path = ICONS) -> Path:
    return root / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def hicolor_svg(root: Path = ICONS) -> Path:
    return root / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"


def render(renderer: QtSvg.QSvgRenderer, size: int) -> QtGui.QImage:
    """The SVG drawn into a transparent size x size image (straight, not premultiplied, alpha)."""
    image = QtGui.QImage(size, size, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(image)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QtCore.QRectF(0, 0, size, size))
    painter.end()
    image = image.convertToFormat(QtGui.QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(DOTS_PER_METRE)
    image.setDotsPerMeterY(DOTS_PER_METRE)
    return image


def png_bytes(image: QtGui.QImage) -> bytes:
    data = QtCore.QByteArray()
    buffer = QtCore.QBuffer(data)
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG image")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico: ICONDIR, one 16-byte ICONDIRENTRY per size, then the PNG images."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        blob = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in a byte-sized field
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def icns_bytes(elements: Iterable[tuple[bytes, bytes]]) -> bytes:
    """A macOS .icns: 'icns' and the file length, a table of contents, then the elements
    (type, big-endian length including the 8-byte header, data)."""
    body = [kind + struct.pack(">I", 8 + len(data)) + data for kind, data in elements]
    toc_entries = b"".join(chunk[:8] for chunk in body)
    toc = b"TOC " + struct.pack(">I", 8 + len(toc_entries)) + toc_entries
    content = toc + b"".join(body)
    return b"icns" + struct.pack(">I", 8 + len(content)) + content


def build(svg: Path = MASTER) -> dict[Path, bytes]:
    """Every output file (relative to the icons folder) and its bytes."""
    renderer = QtSvg.QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not an SVG image Qt can read")
    sizes = sorted({*SIZES, *ICO_SIZES, *(size for _, size in ICNS_TYPES)})
    pngs = {size: png_bytes(render(renderer, size)) for size in sizes}
    base = Path()
    files = {hicolor_png(size, base): pngs[size] for size in SIZES}
    files[hicolor_svg(base)] = svg.read_bytes()
    files[base / "ideaforge.ico"] = ico_bytes({size: pngs[size] for size in ICO_SIZES})
    files[base / "ideaforge.icns"] = icns_bytes((kind, pngs[size]) for kind, size in ICNS_TYPES)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--out", type=Path, default=ICONS, help="folder to write (default: %(default)s)"
    )
    parser.add_argument(
        "--svg", type=Path, default=MASTER, help="master SVG (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    _app = QtGui.QGuiApplication.instance() or QtGui.QGuiApplication(sys.argv[:1])
    for relative, data in build(args.svg).items():
        path = args.out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() and path.read_bytes() == data:
            continue
        path.write_bytes(data)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
