"""The Qt binding must keep Python's reference counts right. PySide6 6.12.0 on Python 3.11
dropped a reference to None on every call that returns nothing, so a window that paints a few
thousand dots aborted with "none_dealloc". This guards the pinned version."""

from __future__ import annotations

import sys

from pytestqt.qtbot import QtBot

from ideaforge.ui.qt import Qt, QtCore, QtGui, QtWidgets


def test_calls_returning_none_keep_none_alive(qtbot: QtBot) -> None:
    image = QtGui.QImage(64, 64, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    painter = QtGui.QPainter(image)
    point = QtCore.QPointF(5, 5)
    label = QtWidgets.QLabel()
    before = sys.getrefcount(None)
    for _ in range(2_000):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(point, 2, 2)
        label.setText("x")
    painter.end()
    after = sys.getrefcount(None)
    # A leak would show as a drop of at least 6,000; allow noise from the interpreter itself.
    assert after - before > -100, f"None lost {before - after} references in 6,000 Qt calls"
