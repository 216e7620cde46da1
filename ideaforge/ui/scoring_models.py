"""The Score panel's models and small widgets: the criteria table, the score matrix (with its
sort and filter proxy and keyboard-scoring view) and the add-criterion dialog."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ideaforge.core.errors import InvalidInput
from ideaforge.core.model import Criterion, IdeaStatus
from ideaforge.core.workshop import DISAGREEMENT
from ideaforge.services.scoring import Matrix, MatrixRow
from ideaforge.ui.dialogs import ok_cancel
from ideaforge.ui.models import source_text
from ideaforge.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ideaforge.ui.quadrant_chart import _num

IdeaRole = int(Qt.ItemDataRole.UserRole) + 20
SortRole = int(Qt.ItemDataRole.UserRole) + 21
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_TIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_CHECK = Qt.ItemDataRole.CheckStateRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_DIVIDED = QtGui.QColor(255, 224, 178)  # a warm highlight on cells where people disagree
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_MISSING = -math.inf  # sort key of an empty cell: last when sorting high to low
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def text_sort_keys(texts: list[str]) -> list[Any]:
    """Sort keys for texts as their readers expect: Traditional Chinese by stroke count (the
    zh_TW collation Taiwan's dictionaries and lists use: 一 二 十 三 … 腳 號), Latin text
    case-insensitively with numbers by value ("Idea 2" before "Idea 10"). The zh_TW collation
    applies when the window is in Chinese or any of the texts has Chinese in it (it puts Latin
    after Han); otherwise the English one."""
    from ideaforge.ui.app import interface_language

    chinese = interface_language() == "zh-TW" or any(_HAN.search(t) for t in texts)
    collator = QtCore.QCollator(QtCore.QLocale("zh_TW" if chinese else "en_US"))
    collator.setNumericMode(True)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return [collator.sortKey(t) for t in texts]


CriterionEdit = Callable[..., bool]  # (criterion id, **changed fields) -> accepted


class CriteriaModel(QtCore.QAbstractTableModel):
    """The session's criteria: name, weight, scale min and max, higher is better."""

    NAME, WEIGHT, MIN, MAX, HIGHER = range(5)
    _FIELDS = ("name", "weight", "scale_min", "scale_max", "higher_is_better")

    def __init__(self, edit: CriterionEdit, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.criteria: list[Criterion] = []
        self._edit = edit

    def set_criteria(self, criteria: list[Criterion]) -> None:
        if [c.id for c in criteria] == [c.id for c in self.criteria]:
            self.criteria = list(criteria)  # same rows: keep selection and an open editor
            if criteria:
                self.dataChanged.emit(self.index(0, 0), self.index(len(criteria) - 1, 4))
            return
        self.beginResetModel()
        self.criteria = list(criteria)
        self.endResetModel()

    def rowCount(self, parent: Any = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.criteria)

    def columnCount(self, parent: Any = None) -> int:
        return 0 if parent is not None and parent.isValid() else 5

    def headerData(self, section: int, orientation: Any, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == _DISPLAY:
            return (self.tr("Criterion"), self.tr("Weight"), self.tr("Min"), self.tr("Max"),
                    self.tr("Higher is better"))[section]  # fmt: skip
        if role == _TIP:
            return (
                self.tr("What ideas are scored on"),
                self.tr("How much this criterion counts in the weighted total"),
                self.tr("Lowest score on the scale"),
                self.tr("Highest score on the scale"),
                self.tr("Checked: a high score is good (impact). Unchecked: a high score is "
                        "bad (effort, cost, risk)"),
            )[section]  # fmt: skip
        return None

    def flags(self, index: Any) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.HIGHER:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Any, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        c, col = self.criteria[index.row()], index.column()
        if role in (_DISPLAY, _EDIT):
            if col == self.NAME:
                return c.name
            if col == self.WEIGHT:
                return c.weight if role == _EDIT else _num(c.weight)
            if col == self.MIN:
                return c.scale_min
            if col == self.MAX:
                return c.scale_max
            return None
        if role == _CHECK and col == self.HIGHER:
            return Qt.CheckState.Checked if c.higher_is_better else Qt.CheckState.Unchecked
        if role == _ALIGN and col in (self.WEIGHT, self.MIN, self.MAX):
            return _RIGHT
        if role == _TIP:
            way = self.tr("higher is better") if c.higher_is_better else self.tr("lower is better")
            return (
                self.tr("%1: weight %2, scale %3–%4, %5")
                .replace("%1", c.name).replace("%2", _num(c.weight))
                .replace("%3", str(c.scale_min)).replace("%4", str(c.scale_max)).replace("%5", way)
            )  # fmt: skip
        if role == IdeaRole:
            return c.id
        return None

    def setData(self, index: Any, value: Any, role: int = _EDIT) -> bool:
        if not index.isValid():
            return False
        c, col = self.criteria[index.row()], index.column()
        if col == self.HIGHER and role == _CHECK:
            new: Any = Qt.CheckState(value) == Qt.CheckState.Checked
        elif col != self.HIGHER and role == _EDIT:
            new = str(value).strip() if col == self.NAME else value
        else:
            return False
        field = self._FIELDS[col]
        if getattr(c, field) == new:
            return False
        return self._edit(c.id, **{field: new})


class CriteriaDelegate(QtWidgets.QStyledItemDelegate):
    """Spin boxes with sensible ranges for weight and scale."""

    def createEditor(self, parent: QtWidgets.QWidget, option: Any, index: Any) -> QtWidgets.QWidget:
        if index.column() == CriteriaModel.WEIGHT:
            spin = QtWidgets.QDoubleSpinBox(parent)
            spin.setRange(0.1, 100.0)
            spin.setDecimals(2)
            spin.setSingleStep(0.5)
            return spin
        if index.column() in (CriteriaModel.MIN, CriteriaModel.MAX):
            box = QtWidgets.QSpinBox(parent)
            box.setRange(-1000, 1000)
            return box
        return super().createEditor(parent, option, index)


class CriterionDialog(QtWidgets.QDialog):
    """Name, weight and scale of a new criterion."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add criterion"))
        self.name = QtWidgets.QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Cost, Risk, Fit with our values"))
        self.name.setToolTip(self.tr("What ideas will be scored on"))
        self.weight = QtWidgets.QDoubleSpinBox()
        self.weight.setRange(0.1, 100.0)
        self.weight.setValue(1.0)
        self.weight.setSingleStep(0.5)
        self.weight.setToolTip(self.tr("How much it counts in the weighted total"))
        self.scale_min = QtWidgets.QSpinBox()
        self.scale_min.setRange(-1000, 1000)
        self.scale_min.setValue(1)
        self.scale_min.setToolTip(self.tr("Lowest score"))
        self.scale_max = QtWidgets.QSpinBox()
        self.scale_max.setRange(-1000, 1000)
        self.scale_max.setValue(5)
        self.scale_max.setToolTip(self.tr("Highest score"))
        self.higher_is_better = QtWidgets.QCheckBox(self.tr("Higher is better"))
        self.higher_is_better.setChecked(True)
        self.higher_is_better.setToolTip(
            self.tr("Uncheck for costs such as effort or risk, where a high score is bad")
        )
        form = QtWidgets.QFormLayout(self)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Weight:"), self.weight)
        form.addRow(self.tr("Scale from:"), self.scale_min)
        form.addRow(self.tr("to:"), self.scale_max)
        form.addRow("", self.higher_is_better)
        buttons = ok_cancel(self)
        form.addRow(buttons)


# --- score matrix -------------------------------------------------------------------------------

ScoreEdit = Callable[[int, int, float | None], bool]  # (idea id, criterion id, value) -> accepted


class ScoreMatrixModel(QtCore.QAbstractTableModel):
    """One row per idea in play: text, my score per criterion (with everyone's mean), weighted
    total, votes and status. Rows come precomputed from the service, so each cell is O(1).

    Sorting happens here, on the same keys ``data(SortRole)`` gives: one Python sort of
    precomputed keys instead of a proxy asking ``data()`` twice per comparison, which takes
    seconds on 10,000 rows. The proxy forwards ``sort()`` here and only filters."""

    def __init__(
        self, edit: ScoreEdit, on_error: Callable[[Exception], None],
        parent: QtCore.QObject | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._edit, self._on_error = edit, on_error
        self.criteria: list[Criterion] = []
        self.visible = (True, True)  # (votes, scores) of the last matrix shown
        self._base: list[MatrixRow] = []  # the service's order
        self.rows: list[MatrixRow] = []  # the order shown
        self.folded: list[str] = []  # casefolded idea texts of ``rows``, for the filter
        self._row_of: dict[int, int] = {}
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._avg = self.tr("%1 (avg %2)")
        self._only_avg = self.tr("(avg %1)")

    # --- columns ---------------------------------------------------------------------------

    @property
    def total_column(self) -> int:
        return len(self.criteria) + 1

    @property
    def votes_column(self) -> int:
        return len(self.criteria) + 2

    @property
    def status_column(self) -> int:
        return len(self.criteria) + 3

    def criterion_at(self, column: int) -> Criterion | None:
        return self.criteria[column - 1] if 1 <= column <= len(self.criteria) else None

    def column_of(self, criterion_id: int) -> int:
        return next((i + 1 for i, c in enumerate(self.criteria) if c.id == criterion_id), -1)

    def row_of(self, idea_id: int) -> int:
        return self._row_of.get(idea_id, -1)

    def column_key(self, column: int) -> tuple[str, int]:
        """What a column shows, independent of where it is (criteria come and go)."""
        c = self.criterion_at(column)
        if c is not None:
            return ("criterion", c.id)
        if column <= 0:
            return ("idea" if column == 0 else "none", 0)
        return ("tail", column - self.status_column)  # total, votes, status: -2, -1, 0

    def column_for_key(self, key: tuple[str, int]) -> int:
        kind, value = key
        if kind == "criterion":
            return self.column_of(value)
        return {"none": -1, "idea": 0}.get(kind, self.status_column + value)

    # --- content ---------------------------------------------------------------------------

    def set_matrix(self, matrix: Matrix) -> bool:
        """Show a new matrix; True when the model had to be reset (ideas or criteria changed)."""
        if (matrix.votes_visible, matrix.scores_visible) != self.visible:
            self.visible = (matrix.votes_visible, matrix.scores_visible)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.status_column)
        same_shape = [c.id for c in matrix.criteria] == [c.id for c in self.criteria] and [
            r.idea.id for r in matrix.rows
        ] == [r.idea.id for r in self._base]
        if not same_shape:
            sort_key = self.column_key(self.sort_column)
            self.beginResetModel()
            self.criteria, self._base = list(matrix.criteria), list(matrix.rows)
            self.sort_column = self.column_for_key(sort_key)
            self._set_rows(self._ordered())
            self.endResetModel()
            return True
        # Same ideas and criteria: update only what changed, so the current cell, the
        # selection and the scroll position stay where the person left them.
        before = {r.idea.id: r for r in self.rows}
        criteria_changed = matrix.criteria != self.criteria
        self.criteria, self._base = list(matrix.criteria), list(matrix.rows)
        if criteria_changed:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.status_column)
        ordered = self._ordered()
        if [r.idea.id for r in ordered] != [r.idea.id for r in self.rows]:
            self._relayout(ordered)
        else:
            self._set_rows(ordered)
        changed = [i for i, r in enumerate(self.rows) if criteria_changed or before[r.idea.id] != r]
        if len(changed) > 50:  # one signal, not thousands
            self.dataChanged.emit(
                self.index(changed[0], 0), self.index(changed[-1], self.status_column)
            )
        for i in changed if len(changed) <= 50 else ():
            self.dataChanged.emit(self.index(i, 0), self.index(i, self.status_column))
        return False

    def set_mine(self, idea_id: int, criterion_id: int, value: float | None) -> None:
        """Show my new score at once; means and totals follow with the next reload."""
        i = self.row_of(idea_id)
        if i < 0:
            return
        old = self.rows[i]
        mine = {k: v for k, v in old.mine.items() if k != criterion_id}
        if value is not None:
            mine[criterion_id] = float(value)
        new = replace(old, mine=mine)
        self.rows[i] = new
        self._base = [new if r is old else r for r in self._base]
        column = self.column_of(criterion_id)
        self.dataChanged.emit(self.index(i, column), self.index(i, column))

    def _set_rows(self, rows: list[MatrixRow]) -> None:
        self.rows = rows
        self.folded = [r.idea.text.casefold() for r in rows]
        self._row_of = {r.idea.id: i for i, r in enumerate(rows)}

    def _sort_key(self, row: MatrixRow, column: int) -> Any:
        c = self.criterion_at(column)
        if c is not None:
            mine = row.mine.get(c.id)
            return _MISSING if mine is None else mine
        if column == 0:
            return row.idea.text.casefold()
        if column == self.total_column:
            return _MISSING if row.total is None else row.total
        if column == self.votes_column:
            return row.votes
        return 1 if row.idea.status is IdeaStatus.SHORTLISTED else 0

    def _ordered(self) -> list[MatrixRow]:
        col = self.sort_column
        if not 0 <= col <= self.status_column:
            return list(self._base)
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        if col == 0:  # text: in the reader's collation, not code point order
            keys = text_sort_keys([r.idea.text for r in self._base])
            order = sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)
            return [self._base[i] for i in order]
        return sorted(self._base, key=lambda r: self._sort_key(r, col), reverse=descending)

    def _relayout(self, rows: list[MatrixRow]) -> None:
        """Reorder rows; indexes people hold (the current cell) follow their idea."""
        self.layoutAboutToBeChanged.emit()
        held = self.persistentIndexList()
        ids = [self.rows[i.row()].idea.id for i in held]
        self._set_rows(rows)
        moved = [
            self.index(self._row_of[idea_id], i.column())
            for idea_id, i in zip(ids, held, strict=True)
        ]
        self.changePersistentIndexList(held, moved)
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self._relayout(self._ordered())

    def rowCount(self, parent: Any = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: Any = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.criteria) + 4

    def headerData(self, section: int, orientation: Any, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        c = self.criterion_at(section)
        if role == _DISPLAY:
            if c is not None:
                return c.name
            if section == 0:
                return self.tr("Idea")
            votes = self.tr("Votes") if self.visible[0] else self.tr("Your dots")
            return {self.total_column: self.tr("Total"), self.votes_column: votes,
                    self.status_column: self.tr("★")}.get(section)  # fmt: skip
        if role == _TIP:
            if c is not None:
                way = (
                    self.tr("higher is better")
                    if c.higher_is_better
                    else self.tr("lower is better")
                )
                return (
                    self.tr("Your score on %1 (%2–%3, %4, weight %5); everyone's average "
                            "in brackets when it differs")
                    .replace("%1", c.name).replace("%2", str(c.scale_min))
                    .replace("%3", str(c.scale_max)).replace("%4", way)
                    .replace("%5", _num(c.weight))
                )  # fmt: skip
            if section == 0:
                return self.tr("The idea; hover a row for its full text and source")
            hidden = self.tr("Hidden until the facilitator reveals them")
            return {
                self.total_column: self.tr("Weighted total of everyone's scores, 0–100")
                if self.visible[1]
                else hidden,
                self.votes_column: self.tr("Dot votes from everyone")
                if self.visible[0]
                else self.tr(
                    "Your own dots; everyone's are hidden until the facilitator reveals them"
                ),
                self.status_column: self.tr("★ = shortlisted"),
            }.get(section)
        return None

    def flags(self, index: Any) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.criterion_at(index.column()) is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Any, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == IdeaRole:
            return row.idea.id
        if role == SortRole:
            return self._sort_key(row, col)
        c = self.criterion_at(col)
        if c is not None:
            mine, mean = row.mine.get(c.id), row.mean.get(c.id)
            if role == _DISPLAY:
                if mine is None:
                    return "" if mean is None else self._only_avg.replace("%1", _num(mean))
                if mean is None or abs(mean - mine) < 1e-9:
                    return _num(mine)
                return self._avg.replace("%1", _num(mine)).replace("%2", _num(mean))
            if role == _EDIT:
                return "" if mine is None else _num(mine)
            if role == _ALIGN:
                return _CENTRE
            spread = row.spread.get(c.id)
            divided = spread is not None and spread / (c.scale_max - c.scale_min) >= DISAGREEMENT
            if role == _BACKGROUND and divided:
                return _DIVIDED
            if role == _TIP:
                tip = self.tr("%1 %2–%3 · keys 1–9 score, 0 clears, F2 types any value")
                tip = (
                    tip.replace("%1", c.name)
                    .replace("%2", str(c.scale_min))
                    .replace("%3", str(c.scale_max))
                )
                if spread is not None and mean is not None:
                    note = self.tr("Everyone: %1 ± %2").replace("%1", _num(mean))
                    tip += "\n" + note.replace("%2", _num(spread))
                if divided:
                    tip += "\n" + self.tr("People disagree here: worth discussing")
                return tip
            return None
        if col == 0:
            if role == _DISPLAY:
                return row.idea.text
            if role == _TIP:
                source = source_text(row.idea)
                return f"{row.idea.text}\n\n" + self.tr("From: %1").replace("%1", source)
            return None
        if col == self.total_column:
            if role == _DISPLAY:
                return "" if row.total is None else f"{row.total:.1f}"
            if role == _ALIGN:
                return _RIGHT
            if role == _TIP:
                if row.total is None:
                    return self.tr("Not scored yet")
                return self.tr("Rests on %1% of the criteria weight").replace(
                    "%1", f"{100 * row.coverage:.0f}"
                )
            return None
        if col == self.votes_column:
            if role == _DISPLAY:
                return str(row.votes) if row.votes else ""
            if role == _ALIGN:
                return _RIGHT
            return None
        if col == self.status_column:
            shortlisted = row.idea.status is IdeaStatus.SHORTLISTED
            if role == _DISPLAY:
                return "★" if shortlisted else ""
            if role == _ALIGN:
                return _CENTRE
            if role == _TIP:
                return self.tr("Shortlisted") if shortlisted else self.tr("In play")
        return None

    def setData(self, index: Any, value: Any, role: int = _EDIT) -> bool:
        c = self.criterion_at(index.column()) if index.isValid() else None
        if c is None or role != _EDIT:
            return False
        row = self.rows[index.row()]
        text = str(value if value is not None else "").strip().replace(",", ".")
        if not text:
            new: float | None = None
        else:
            try:
                new = float(text)
            except ValueError:
                self._on_error(
                    InvalidInput(
                        self.tr("'%1' is not a number. Type a score from %2 to %3, or nothing to "
                                "clear it.")
                        .replace("%1", str(value)).replace("%2", str(c.scale_min))
                        .replace("%3", str(c.scale_max))
                    )
                )  # fmt: skip
                return False
        if row.mine.get(c.id) == new:
            return False
        return self._edit(row.idea.id, c.id, new)


class ScoreFilterProxy(QtCore.QSortFilterProxyModel):
    """Filters by idea text (case-insensitive) and, on request, shortlisted ideas only."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.shortlisted_only = False
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by the source model (see ScoreMatrixModel); the proxy keeps its order."""
        model = self.sourceModel()
        assert isinstance(model, ScoreMatrixModel)
        model.sort(column, order)

    def set_filter(self, text: str, shortlisted_only: bool) -> None:
        self.beginFilterChange()
        self.text, self.shortlisted_only = text.strip().casefold(), shortlisted_only
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Any) -> bool:
        if not self.text and not self.shortlisted_only:
            return True
        model = self.sourceModel()
        assert isinstance(model, ScoreMatrixModel)
        if self.text and self.text not in model.folded[source_row]:
            return False
        return (
            not self.shortlisted_only
            or model.rows[source_row].idea.status is IdeaStatus.SHORTLISTED
        )


class ScoreMatrixView(QtWidgets.QTableView):
    """The matrix, keyboard first: 1-9 score the current cell, 0 / Delete / Backspace clear."""

    score_typed = Signal(object)  # int 1..9, or None to clear

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier
        )  # fmt: skip
        if plain and self.state() != QtWidgets.QAbstractItemView.State.EditingState:
            key = int(event.key())
            if int(Qt.Key.Key_1) <= key <= int(Qt.Key.Key_9):
                self.score_typed.emit(key - int(Qt.Key.Key_0))
                event.accept()
                return
            if key in (int(Qt.Key.Key_0), int(Qt.Key.Key_Delete), int(Qt.Key.Key_Backspace)):
                self.score_typed.emit(None)
                event.accept()
                return
        super().keyPressEvent(event)


# --- the panel ----------------------------------------------------------------------------------
