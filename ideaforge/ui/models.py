"""Thin Qt item models over lists of core objects (no widget per row)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from ideaforge.core.model import Idea, IdeaStatus
from ideaforge.services.sessions import SessionSummary
from ideaforge.ui.qt import Qt, QtCore, QtGui

IdRole = int(Qt.ItemDataRole.UserRole) + 1
T = TypeVar("T")


class _RowsModel(QtCore.QAbstractListModel, Generic[T]):
    """A flat list model over a Python list of core objects."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def set_rows(self, rows: list[T]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Any = None) -> int:  # Qt's name
        return 0 if parent is not None and parent.isValid() else len(self._rows)


class SessionListModel(_RowsModel[SessionSummary]):
    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.session.title}\n{row.idea_count} ideas · {row.session.phase.value}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.session.challenge
        if role == Qt.ItemDataRole.SizeHintRole:
            # Two lines, tall enough for CJK fallback fonts (taller than the Latin default).
            metrics = QtGui.QFontMetrics(QtGui.QFont())
            return QtCore.QSize(-1, int(metrics.height() * 2.6))
        if role == IdRole:
            return row.session.id
        return None

    def row_of(self, session_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.session.id == session_id), -1)


class IdeaListModel(_RowsModel[Idea]):
    def row_of(self, idea_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == idea_id), -1)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        idea = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if idea.status is IdeaStatus.SHORTLISTED:
                return f"★ {idea.text}"
            if idea.status is IdeaStatus.PRUNED:
                return f"{idea.text}  [pruned: {idea.prune_reason}]"
            if idea.status is IdeaStatus.MERGED:
                return f"{idea.text}  [merged into #{idea.merged_into_id}]"
            return idea.text
        if role == Qt.ItemDataRole.ToolTipRole:
            extra = f"\nPruned: {idea.prune_reason}" if idea.prune_reason else ""
            return f"From: {idea.source_label}{extra}"
        if role == Qt.ItemDataRole.ForegroundRole and idea.status in (
            IdeaStatus.PRUNED,
            IdeaStatus.MERGED,
        ):
            return QtGui.QBrush(QtGui.QColor("#888888"))
        if role == IdRole:
            return idea.id
        return None
