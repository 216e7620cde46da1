"""Reload a view once changes settle, and only while it is on screen."""

from __future__ import annotations

from collections.abc import Callable

from ideaforge.ui.qt import QtCore, QtWidgets


class DeferredReload(QtCore.QObject):
    """Coalesces change notices into one reload of ``widget``, run while it is shown. A view
    behind another tab need not follow every edit: it is marked stale and reloads as soon as it
    is shown. ``busy()`` true postpones the reload (e.g. while the view's own job runs)."""

    def __init__(
        self, widget: QtWidgets.QWidget, reload: Callable[[], object], interval_ms: int = 100,
        *, busy: Callable[[], bool] = lambda: False,
    ) -> None:  # fmt: skip
        super().__init__(widget)
        self._widget, self._reload, self._busy = widget, reload, busy
        self.stale = False
        self.timer = QtCore.QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._due)
        widget.installEventFilter(self)

    def request(self, interval_ms: int | None = None) -> None:
        """Something changed: reload after ``interval_ms`` of quiet (or when next shown)."""
        if interval_ms is not None:
            self.timer.setInterval(interval_ms)
        self.stale = True
        self.timer.start()

    def mark_stale(self) -> None:
        """Reload when next shown (or when the pending timer fires while shown)."""
        self.stale = True

    def done(self) -> None:
        """The view has just reloaded by itself: nothing is pending."""
        self.stale = False
        self.timer.stop()

    def _due(self) -> None:
        if self.stale and not self._busy() and self._widget.isVisible():
            self.stale = False
            self._reload()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if watched is self._widget and event.type() == QtCore.QEvent.Type.Show and self.stale:
            self._due()
        return False
