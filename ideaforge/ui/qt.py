"""The single Qt import point. Everything in ideaforge.ui takes Qt from here."""

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot

__all__ = ["QT_TRANSLATE_NOOP", "Qt", "QtCore", "QtGui", "QtWidgets", "Signal", "Slot"]
