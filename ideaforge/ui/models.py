"""Thin Qt item models over lists of core objects (no widget per row)."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from ideaforge.core.model import Idea, IdeaStatus
from ideaforge.services.sessions import SessionSummary
from ideaforge.ui.qt import Qt, QtCore, QtGui, QtWidgets

IdRole = int(Qt.ItemDataRole.UserRole) + 1
T = TypeVar("T")


def source_text(idea: Idea) -> str:
    """Where an idea came from, in the interface language: a person, imported, or the model
    and lens that wrote it."""
    if idea.private:
        return QtCore.QCoreApplication.translate("IdeaSource", "you · private until revealed")
    if idea.source_label == "human":
        return QtCore.QCoreApplication.translate("IdeaSource", "a person")
    if idea.source_label == "imported":
        return QtCore.QCoreApplication.translate("IdeaSource", "imported")
    return idea.source_label


class _RowsModel(QtCore.QAbstractListModel, Generic[T]):
    """A flat list model over a Python list of core objects."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def set_rows(self, rows: list[T]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def update_rows(self, rows: list[T], key: Any) -> None:
        """Replace the rows with as small a change as possible, so views keep their scroll
        position and selection and a long list is not rebuilt for every new idea: rows added
        at the end are inserted, unchanged order only repaints; anything else resets."""
        old = [key(r) for r in self._rows]
        new = [key(r) for r in rows]
        n = len(old)
        if new[:n] == old and len(new) >= n:
            changed = [i for i in range(n) if self._rows[i] != rows[i]]
            if len(new) > n:
                self.beginInsertRows(QtCore.QModelIndex(), n, len(new) - 1)
                self._rows = rows
                self.endInsertRows()
            else:
                self._rows = rows
            if changed:
                self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))
            return
        if len(new) == n - 1:  # one row left the list (pruned, merged): remove just that one
            i = next((j for j in range(len(new)) if new[j] != old[j]), len(new))
            if new == old[:i] + old[i + 1 :]:
                self.beginRemoveRows(QtCore.QModelIndex(), i, i)
                self._rows = rows
                self.endRemoveRows()
                return
        self.set_rows(rows)

    def row(self, i: int) -> T:
        return self._rows[i]

    def rowCount(self, parent: Any = None) -> int:  # Qt's name
        return 0 if parent is not None and parent.isValid() else len(self._rows)


class SessionListModel(_RowsModel[SessionSummary]):
    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            phase = {"diverge": self.tr("diverge"), "converge": self.tr("converge"),
                     "decide": self.tr("decide"), "closed": self.tr("closed")}  # fmt: skip
            count = self.tr("%n ideas", "", row.idea_count)
            return f"{row.session.title}\n{count} · {phase.get(row.session.phase.value, '')}"
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

    def merge(self, ideas: list[Idea], shown: Any) -> None:
        """Apply a few changed ideas without rebuilding the list: changed rows repaint, new
        ones that ``shown(idea)`` accepts are appended, rows that no longer pass leave."""
        where = {r.id: i for i, r in enumerate(self._rows)}
        gone = []
        for idea in ideas:
            i = where.get(idea.id)
            if i is None:
                if shown(idea):
                    n = len(self._rows)
                    self.beginInsertRows(QtCore.QModelIndex(), n, n)
                    self._rows.append(idea)
                    where[idea.id] = n
                    self.endInsertRows()
            elif shown(idea):
                self._rows[i] = idea
                self.dataChanged.emit(self.index(i), self.index(i))
            else:
                gone.append(i)
        for i in sorted(gone, reverse=True):
            self.beginRemoveRows(QtCore.QModelIndex(), i, i)
            del self._rows[i]
            self.endRemoveRows()

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        idea = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if idea.status is IdeaStatus.SHORTLISTED:
                return f"★ {idea.text}"
            if idea.status is IdeaStatus.PRUNED:
                pruned = self.tr("pruned: %1").replace("%1", idea.prune_reason)
                return f"{idea.text}  [{pruned}]"
            if idea.status is IdeaStatus.MERGED:
                merged = self.tr("merged into #%1").replace("%1", str(idea.merged_into_id))
                return f"{idea.text}  [{merged}]"
            return idea.text
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self.tr("From: %1").replace("%1", source_text(idea))
            if idea.prune_reason:
                tip += "\n" + self.tr("Pruned: %1").replace("%1", idea.prune_reason)
            return tip
        if role == Qt.ItemDataRole.ForegroundRole and idea.status in (
            IdeaStatus.PRUNED,
            IdeaStatus.MERGED,
        ):
            return QtGui.QBrush(QtGui.QColor("#888888"))
        if role == SourceRole:
            if idea.provenance is not None and idea.origin.value == "model":
                lens = f" · {idea.provenance.lens}" if idea.provenance.lens else ""
                return (
                    self.tr("#%1 · model %2")
                    .replace("%1", str(idea.id))
                    .replace("%2", idea.provenance.model + lens)
                )
            if idea.private:
                return self.tr("#%1 · you · private until revealed").replace("%1", str(idea.id))
            return self.tr("#%1 · a person").replace("%1", str(idea.id))
        if role == IdRole:
            return idea.id
        return None


SourceRole = int(Qt.ItemDataRole.UserRole) + 2


class IdeaDelegate(QtWidgets.QStyledItemDelegate):
    """An idea as its text with, under it in small grey type, where it came from (a person,
    or the model and lens), so provenance is visible without hovering."""

    PAD = 4

    def _small(self, option: QtWidgets.QStyleOptionViewItem) -> QtGui.QFont:
        font = QtGui.QFont(option.font)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.82))
        return font

    _heights: ClassVar[dict[tuple[str, str], int]] = {}  # (font, non-ASCII characters) -> height

    @classmethod
    def _line_height(cls, font: QtGui.QFont, text: str) -> int:
        """The height of one line of ``text``: the font's own, or more where a fallback font
        draws some of it (Chinese in a Latin UI font is taller, and was cut off). Which
        fallback fonts a line needs depends only on its non-ASCII characters, so the layout
        is measured once per font and set of them, not once per row (sizeHint is on the
        path of every relayout of the list)."""
        wide = "".join(sorted({ch for ch in text if ord(ch) > 127}))
        key = (font.key(), wide)
        height = cls._heights.get(key)
        if height is None:
            fm = QtGui.QFontMetrics(font)
            sample = "Ag#0" + wide
            laid_out = fm.boundingRect(QtCore.QRect(0, 0, 100_000, 1_000), 0, sample).height()
            height = cls._heights[key] = max(fm.height(), laid_out)
        return height

    def sizeHint(self, option: QtWidgets.QStyleOptionViewItem, index: Any) -> QtCore.QSize:
        width = max(80, option.rect.width() or 600) - 2 * self.PAD
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        flags = int(Qt.TextFlag.TextWordWrap)
        body = QtGui.QFontMetrics(option.font).boundingRect(0, 0, width, 10_000, flags, text)
        small = self._line_height(self._small(option), str(index.data(SourceRole) or ""))
        return QtCore.QSize(width, body.height() + small + 2 * self.PAD)

    def paint(self, painter: QtGui.QPainter, option: QtWidgets.QStyleOptionViewItem,
              index: Any) -> None:  # fmt: skip
        opt = QtWidgets.QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QtWidgets.QApplication.style()
        style.drawControl(QtWidgets.QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QtWidgets.QStyle.StateFlag.State_Selected)
        role = (
            QtGui.QPalette.ColorRole.HighlightedText if selected else QtGui.QPalette.ColorRole.Text
        )
        colour = index.data(Qt.ItemDataRole.ForegroundRole)
        pen = colour.color() if isinstance(colour, QtGui.QBrush) else opt.palette.color(role)
        r = opt.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        small = self._small(opt)
        source = str(index.data(SourceRole) or "")
        small_h = self._line_height(small, source)
        painter.save()
        painter.setPen(pen)
        painter.setFont(opt.font)
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignTop)
        painter.drawText(r.adjusted(0, 0, 0, -small_h), flags, text)
        painter.setFont(small)
        grey = opt.palette.color(role if selected else QtGui.QPalette.ColorRole.PlaceholderText)
        painter.setPen(grey)
        line = QtCore.QRect(r.left(), r.bottom() - small_h + 1, r.width(), small_h)
        elided = QtGui.QFontMetrics(small).elidedText(
            source, Qt.TextElideMode.ElideRight, r.width()
        )
        painter.drawText(line, int(Qt.AlignmentFlag.AlignLeft), elided)
        painter.restore()
