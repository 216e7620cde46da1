"""The Score panel of Converge: the session's criteria, everyone's scores in one matrix, and an
impact/effort 2x2 chart.

People score here (the model never does). Keys 1-9 score the current cell and move down, so a
facilitator can walk a long list without the mouse. Every edit goes through the services and onto
the window's undo stack; the views redraw from the changes the services report.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ideaforge.core.errors import IdeaForgeError, InvalidInput
from ideaforge.core.model import Criterion, IdeaStatus
from ideaforge.services.scoring import DeletedCriterion, Matrix, MatrixRow
from ideaforge.services.workspace import Change, Workspace
from ideaforge.ui.converge import PALETTE
from ideaforge.ui.dialogs import ok_cancel
from ideaforge.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ideaforge.ui.undo import push_edit

IdeaRole = int(Qt.ItemDataRole.UserRole) + 20
SortRole = int(Qt.ItemDataRole.UserRole) + 21
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_TIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_CHECK = Qt.ItemDataRole.CheckStateRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_MISSING = -math.inf  # sort key of an empty cell: last when sorting high to low


def _num(value: float) -> str:
    """A score as people write it: 4, 3.5, 3.33."""
    return f"{round(value, 2):g}"


# --- the 2x2 ------------------------------------------------------------------------------------


class Quadrant(enum.StrEnum):
    QUICK_WINS = "Quick wins"  # low effort, high impact
    BIG_BETS = "Big bets"  # high effort, high impact
    FILL_INS = "Fill-ins"  # low effort, low impact
    MONEY_PITS = "Money pits"  # high effort, low impact


def midpoint(c: Criterion) -> float:
    return (c.scale_min + c.scale_max) / 2


def quadrant(x: float, y: float, x_mid: float, y_mid: float) -> Quadrant:
    """The quadrant of a point with effort ``x`` and impact ``y``; a point on a midline counts
    as low (an idea must be clearly above the middle to be called high impact)."""
    if y > y_mid:
        return Quadrant.BIG_BETS if x > x_mid else Quadrant.QUICK_WINS
    return Quadrant.MONEY_PITS if x > x_mid else Quadrant.FILL_INS


def jitter(idea_id: int) -> tuple[float, float]:
    """A fixed offset in -0.5..0.5 per idea, so ideas with equal scores do not hide each other
    and do not jump about between redraws."""
    h = ((idea_id + 0x9E3779B9) * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    h ^= h >> 16
    return (h & 0xFFFF) / 0xFFFF - 0.5, (h >> 16) / 0xFFFF - 0.5


@dataclass(frozen=True, slots=True)
class ChartPoint:
    idea_id: int
    x: float  # mean score on the x (effort) criterion
    y: float  # mean score on the y (impact) criterion
    text: str
    shortlisted: bool = False


class ImpactEffortChart(QtWidgets.QWidget):
    """Ideas on an effort (x) / impact (y) plane split into four quadrants.

    Painted directly, positions cached per size, hits found through a coarse grid: 10,000
    points stay cheap."""

    selected = Signal(int)  # idea id

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumSize(300, 260)
        self.points: list[ChartPoint] = []
        self.x_criterion: Criterion | None = None
        self.y_criterion: Criterion | None = None
        self.current: int | None = None
        self._pos: list[QtCore.QPointF] = []
        self._index: dict[int, int] = {}
        self._cells: dict[tuple[int, int], list[int]] = {}
        self._laid_out = False

    def set_data(self, points: list[ChartPoint], x: Criterion | None, y: Criterion | None) -> None:
        self.points, self.x_criterion, self.y_criterion = points, x, y
        self._index = {p.idea_id: i for i, p in enumerate(points)}
        self._laid_out = False
        self.update()

    def set_current(self, idea_id: int | None) -> None:
        if idea_id != self.current:
            self.current = idea_id
            self.update()

    # --- geometry ----------------------------------------------------------------------------

    def plot_rect(self) -> QtCore.QRectF:
        fm = self.fontMetrics()
        left = fm.height() + fm.horizontalAdvance("100") + 12
        bottom = 2 * fm.height() + 12
        return QtCore.QRectF(
            left, 8, max(1, self.width() - left - 10), max(1, self.height() - 8 - bottom)
        )

    def _ranges(self) -> tuple[float, float, float, float]:
        assert self.x_criterion is not None and self.y_criterion is not None
        out = []
        for c in (self.x_criterion, self.y_criterion):
            pad = max(0.3, 0.08 * (c.scale_max - c.scale_min))
            out += [c.scale_min - pad, c.scale_max + pad]
        return out[0], out[1], out[2], out[3]

    def to_widget(self, x: float, y: float) -> QtCore.QPointF:
        """Where a score pair lies (without jitter)."""
        r = self.plot_rect()
        x0, x1, y0, y1 = self._ranges()
        return QtCore.QPointF(
            r.left() + (x - x0) / (x1 - x0) * r.width(),
            r.bottom() - (y - y0) / (y1 - y0) * r.height(),
        )

    def _layout(self) -> None:
        if self._laid_out:
            return
        self._laid_out = True
        self._pos, self._cells = [], {}
        if not self.points or self.x_criterion is None or self.y_criterion is None:
            return
        r = self.plot_rect()
        x0, x1, y0, y1 = self._ranges()
        sx, sy = r.width() / (x1 - x0), r.height() / (y1 - y0)
        xm, ym = midpoint(self.x_criterion), midpoint(self.y_criterion)
        mid = self.to_widget(xm, ym)
        amp_x, amp_y = min(12.0, 0.25 * sx), min(12.0, 0.25 * sy)  # a quarter of a scale step
        for i, p in enumerate(self.points):
            jx, jy = jitter(p.idea_id)
            px = r.left() + (p.x - x0) * sx + jx * 2 * amp_x
            py = r.bottom() - (p.y - y0) * sy + jy * 2 * amp_y
            # Jitter never carries a point across a midline: its quadrant stays what it is.
            # (A point right on a midline spreads to both sides of it.)
            if p.x != xm:
                px = max(px, mid.x() + 1) if p.x > xm else min(px, mid.x() - 1)
            if p.y != ym:
                py = min(py, mid.y() - 1) if p.y > ym else max(py, mid.y() + 1)
            self._pos.append(QtCore.QPointF(px, py))
            self._cells.setdefault((int(px // 16), int(py // 16)), []).append(i)

    def position_of(self, idea_id: int) -> QtCore.QPointF | None:
        """Where the idea's dot is drawn, or None when it is not on the chart."""
        self._layout()
        i = self._index.get(idea_id)
        return None if i is None or not self._pos else QtCore.QPointF(self._pos[i])

    def point_at(self, pos: QtCore.QPointF, radius: float = 7.0) -> ChartPoint | None:
        self._layout()
        cx, cy = int(pos.x() // 16), int(pos.y() // 16)
        best, best_d = None, radius
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for i in self._cells.get((cx + dx, cy + dy), ()):
                    q = self._pos[i]
                    d = math.hypot(q.x() - pos.x(), q.y() - pos.y())
                    if d <= best_d:
                        best, best_d = self.points[i], d
        return best

    def quadrant_of(self, idea_id: int) -> Quadrant | None:
        i = self._index.get(idea_id)
        if i is None or self.x_criterion is None or self.y_criterion is None:
            return None
        p = self.points[i]
        return quadrant(p.x, p.y, midpoint(self.x_criterion), midpoint(self.y_criterion))

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        self._laid_out = False
        super().resizeEvent(event)

    # --- painting ----------------------------------------------------------------------------

    def quadrant_names(self) -> dict[Quadrant, str]:
        return {
            Quadrant.QUICK_WINS: self.tr("Quick wins"),
            Quadrant.BIG_BETS: self.tr("Big bets"),
            Quadrant.FILL_INS: self.tr("Fill-ins"),
            Quadrant.MONEY_PITS: self.tr("Money pits"),
        }

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QtGui.QPalette.ColorRole.Base))
        muted = pal.color(QtGui.QPalette.ColorRole.PlaceholderText)
        xc, yc = self.x_criterion, self.y_criterion
        if xc is None or yc is None:
            painter.setPen(muted)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter,
                self.tr("Add two criteria to see the impact/effort chart"),
            )  # fmt: skip
            return
        r = self.plot_rect()
        mid = self.to_widget(midpoint(xc), midpoint(yc))
        a = Qt.AlignmentFlag
        left_mid, right_mid = QtCore.QPointF(r.left(), mid.y()), QtCore.QPointF(r.right(), mid.y())
        top_mid, bottom_mid = QtCore.QPointF(mid.x(), r.top()), QtCore.QPointF(mid.x(), r.bottom())
        quads = [
            (
                Quadrant.QUICK_WINS,
                QtCore.QRectF(r.topLeft(), mid),
                "#2E7D32",
                a.AlignLeft | a.AlignTop,
            ),
            (
                Quadrant.BIG_BETS,
                QtCore.QRectF(top_mid, right_mid),
                "#1565C0",
                a.AlignRight | a.AlignTop,
            ),
            (
                Quadrant.FILL_INS,
                QtCore.QRectF(left_mid, bottom_mid),
                "#757575",
                a.AlignLeft | a.AlignBottom,
            ),
            (
                Quadrant.MONEY_PITS,
                QtCore.QRectF(mid, r.bottomRight()),
                "#C62828",
                a.AlignRight | a.AlignBottom,
            ),
        ]
        names = self.quadrant_names()
        bold = QtGui.QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        for q, rect, colour, align in quads:
            tint = QtGui.QColor(colour)
            tint.setAlpha(22)
            painter.fillRect(rect, tint)
            label = QtGui.QColor(colour)
            label.setAlpha(190)
            painter.setPen(label)
            painter.drawText(rect.adjusted(6, 4, -6, -4), int(align), names[q])
        painter.setFont(self.font())
        self._draw_axes(painter, r, mid, xc, yc, muted)

        self._layout()
        if not self.points:
            text = self.tr("No idea is scored on both yet")
            box = QtCore.QRectF(self.fontMetrics().boundingRect(text)).adjusted(-8, -4, 8, 4)
            box.moveCenter(r.center())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QtGui.QPalette.ColorRole.Base))
            painter.drawRoundedRect(box, 4, 4)  # keeps the midlines from striking it through
            painter.setPen(muted)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            return
        size = 7.0 if len(self.points) < 2000 else 4.0
        groups: dict[bool, QtGui.QPolygonF] = {False: QtGui.QPolygonF(), True: QtGui.QPolygonF()}
        for p, xy in zip(self.points, self._pos, strict=True):
            groups[p.shortlisted].append(xy)
        for shortlisted, polygon in groups.items():
            dot = QtGui.QColor(PALETTE[1] if shortlisted else PALETTE[0])
            dot.setAlpha(210)
            pen = QtGui.QPen(dot, size)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawPoints(polygon)
        if self.current is not None and (at := self.position_of(self.current)) is not None:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QtGui.QPen(pal.color(QtGui.QPalette.ColorRole.Text), 2))
            painter.drawEllipse(at, size / 2 + 4, size / 2 + 4)

    def _draw_axes(
        self, painter: QtGui.QPainter, r: QtCore.QRectF, mid: QtCore.QPointF,
        xc: Criterion, yc: Criterion, muted: QtGui.QColor,
    ) -> None:  # fmt: skip
        fm = self.fontMetrics()
        painter.setPen(QtGui.QPen(muted, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(r)
        painter.setPen(QtGui.QPen(muted, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QtCore.QPointF(mid.x(), r.top()), QtCore.QPointF(mid.x(), r.bottom()))
        painter.drawLine(QtCore.QPointF(r.left(), mid.y()), QtCore.QPointF(r.right(), mid.y()))
        painter.setPen(muted)
        for c, horizontal in ((xc, True), (yc, False)):
            step = max(1, math.ceil((c.scale_max - c.scale_min) / 10))
            for v in range(c.scale_min, c.scale_max + 1, step):
                text = str(v)
                if horizontal:
                    x = self.to_widget(v, yc.scale_min).x()
                    w = fm.horizontalAdvance(text)
                    painter.drawText(QtCore.QPointF(x - w / 2, r.bottom() + fm.ascent() + 3), text)
                else:
                    y = self.to_widget(xc.scale_min, v).y()
                    w = fm.horizontalAdvance(text)
                    painter.drawText(
                        QtCore.QPointF(r.left() - w - 4, y + fm.ascent() / 2 - 1), text
                    )
        x_title = self.tr("%1 →").replace("%1", xc.name)
        painter.drawText(
            QtCore.QRectF(r.left(), r.bottom() + fm.height() + 4, r.width(), fm.height() + 4),
            int(Qt.AlignmentFlag.AlignHCenter), x_title,
        )  # fmt: skip
        painter.save()
        painter.translate(2, r.center().y())
        painter.rotate(-90)
        y_title = self.tr("%1 →").replace("%1", yc.name)
        painter.drawText(
            QtCore.QRectF(-r.height() / 2, 0, r.height(), fm.height() + 2),
            int(Qt.AlignmentFlag.AlignHCenter), y_title,
        )  # fmt: skip
        painter.restore()

    # --- mouse -------------------------------------------------------------------------------

    def _idea_tip(self, p: ChartPoint) -> str:
        assert self.x_criterion is not None and self.y_criterion is not None
        return (
            f"#{p.idea_id} {p.text}\n"
            f"{self.x_criterion.name} {_num(p.x)} · {self.y_criterion.name} {_num(p.y)}"
        )

    def event(self, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.ToolTip and isinstance(event, QtGui.QHelpEvent):
            p = self.point_at(QtCore.QPointF(event.pos()))
            if p is not None:
                QtWidgets.QToolTip.showText(event.globalPos(), self._idea_tip(p), self)
                return True
        return super().event(event)

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:
        p = self.point_at(event.position())
        if p is not None:
            QtWidgets.QToolTip.showText(event.globalPosition().toPoint(), self._idea_tip(p), self)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        p = self.point_at(event.position())
        if p is not None and event.button() == Qt.MouseButton.LeftButton:
            self.set_current(p.idea_id)
            self.selected.emit(p.idea_id)
        super().mousePressEvent(event)


# --- criteria editor ----------------------------------------------------------------------------

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


class _CriteriaDelegate(QtWidgets.QStyledItemDelegate):
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
            return {self.total_column: self.tr("Total"), self.votes_column: self.tr("Votes"),
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
            return {
                self.total_column: self.tr("Weighted total of everyone's scores, 0–100"),
                self.votes_column: self.tr("Dot votes from everyone"),
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
            if role == _TIP:
                tip = self.tr("%1 %2–%3 · keys 1–9 score, 0 clears, F2 types any value")
                return (
                    tip.replace("%1", c.name)
                    .replace("%2", str(c.scale_min))
                    .replace("%3", str(c.scale_max))
                )
            return None
        if col == 0:
            if role == _DISPLAY:
                return row.idea.text
            if role == _TIP:
                names = {"human": self.tr("a person"), "imported": self.tr("imported")}
                source = names.get(row.idea.source_label, row.idea.source_label)
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


class ScorePanel(QtWidgets.QWidget):
    """Criteria editor and score matrix on the left, impact/effort chart on the right."""

    def __init__(
        self, ws: Workspace, undo_stack: QtGui.QUndoStack,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.ws = ws
        self.undo_stack = undo_stack
        self.session_id: int | None = None
        self.matrix: Matrix | None = None
        self._defaults_ensured: set[int] = set()
        self._stale = False
        self._reload_timer = QtCore.QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(100)  # coalesce bursts of changes into one reload
        self._reload_timer.timeout.connect(self._reload_if_visible)

        # Criteria editor.
        self.criteria_model = CriteriaModel(self.edit_criterion, self)
        self.criteria_view = QtWidgets.QTableView()
        self.criteria_view.setModel(self.criteria_model)
        self.criteria_view.setItemDelegate(_CriteriaDelegate(self.criteria_view))
        self.criteria_view.setSelectionBehavior(
            QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows
        )
        self.criteria_view.setSelectionMode(
            QtWidgets.QAbstractItemView.SelectionMode.SingleSelection
        )
        self.criteria_view.verticalHeader().hide()
        self.criteria_view.horizontalHeader().setSectionResizeMode(
            0, QtWidgets.QHeaderView.ResizeMode.Stretch
        )
        self.criteria_view.setToolTip(
            self.tr("The criteria ideas are scored on. Double-click a cell to change it.")
        )
        self.add_button = QtWidgets.QPushButton(self.tr("Add criterion…"))
        self.add_button.setToolTip(self.tr("Add a criterion such as cost, risk or reach"))
        self.add_button.clicked.connect(self.add_criterion)
        self.delete_button = QtWidgets.QPushButton(self.tr("Delete criterion"))
        self.delete_button.setToolTip(
            self.tr("Delete the selected criterion and its scores (Undo brings them back)")
        )
        self.delete_button.clicked.connect(self.delete_criterion)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        criteria_box = QtWidgets.QWidget()
        cl = QtWidgets.QVBoxLayout(criteria_box)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.criteria_view, 1)
        cl.addLayout(buttons)

        # Score matrix.
        self.matrix_model = ScoreMatrixModel(self.set_score, self._show_error, self)
        self.proxy = ScoreFilterProxy(self)
        self.proxy.setSourceModel(self.matrix_model)
        self.matrix_view = ScoreMatrixView()
        self.matrix_view.setModel(self.proxy)
        self.matrix_view.setWordWrap(False)
        self.matrix_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.matrix_view.setAlternatingRowColors(True)
        self.matrix_view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.matrix_view.setEditTriggers(
            QtWidgets.QAbstractItemView.EditTrigger.DoubleClicked
            | QtWidgets.QAbstractItemView.EditTrigger.EditKeyPressed
        )
        rows = self.matrix_view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.matrix_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setDefaultSectionSize(96)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # start in the order written
        self.matrix_view.setSortingEnabled(True)
        self.matrix_view.setToolTip(
            self.tr("Keys 1–9 score the current cell and move down; 0 or Delete clears; "
                    "F2 or double-click types any value")
        )  # fmt: skip
        self.matrix_view.score_typed.connect(self.score_current)
        self.matrix_view.selectionModel().currentChanged.connect(self._current_changed)
        self.matrix_model.modelReset.connect(self._size_columns)

        self.filter_edit = QtWidgets.QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter ideas…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setToolTip(self.tr("Show only ideas containing this text"))
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.shortlisted_only = QtWidgets.QCheckBox(self.tr("Shortlisted only"))
        self.shortlisted_only.setToolTip(self.tr("Show only shortlisted (★) ideas"))
        self.shortlisted_only.toggled.connect(self._filter_changed)
        self.count_label = QtWidgets.QLabel()
        self.count_label.setToolTip(self.tr("Ideas shown / ideas in play"))
        tools = QtWidgets.QHBoxLayout()
        tools.addWidget(self.filter_edit, 1)
        tools.addWidget(self.shortlisted_only)
        tools.addWidget(self.count_label)
        matrix_box = QtWidgets.QWidget()
        ml = QtWidgets.QVBoxLayout(matrix_box)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.addLayout(tools)
        ml.addWidget(self.matrix_view, 1)

        # Chart.
        self.chart = ImpactEffortChart()
        self.chart.setToolTip(
            self.tr("Each dot is an idea at everyone's average scores; orange dots are "
                    "shortlisted. Click a dot to find it in the matrix.")
        )  # fmt: skip
        self.chart.selected.connect(self.select_idea)
        self.x_combo = QtWidgets.QComboBox()
        self.x_combo.setToolTip(self.tr("Criterion across (effort-like: cost to do it)"))
        self.y_combo = QtWidgets.QComboBox()
        self.y_combo.setToolTip(self.tr("Criterion up (impact-like: what it changes)"))
        for combo in (self.x_combo, self.y_combo):
            combo.currentIndexChanged.connect(self._update_chart)
        self.unscored_label = QtWidgets.QLabel()
        self.unscored_label.setToolTip(self.tr("Ideas need an average on both criteria to appear"))
        axes = QtWidgets.QHBoxLayout()
        axes.addWidget(QtWidgets.QLabel(self.tr("Across:")))
        axes.addWidget(self.x_combo, 1)
        axes.addWidget(QtWidgets.QLabel(self.tr("Up:")))
        axes.addWidget(self.y_combo, 1)
        chart_box = QtWidgets.QWidget()
        chl = QtWidgets.QVBoxLayout(chart_box)
        chl.setContentsMargins(0, 0, 0, 0)
        chl.addLayout(axes)
        chl.addWidget(self.chart, 1)
        chl.addWidget(self.unscored_label)

        left = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        left.addWidget(criteria_box)
        left.addWidget(matrix_box)
        left.setSizes([150, 450])
        left.setStretchFactor(1, 1)
        self.splitter = QtWidgets.QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(chart_box)
        self.splitter.setSizes([620, 440])
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._set_enabled(False)

    # --- state ------------------------------------------------------------------------------

    def set_session(self, session_id: int | None, *, lazy: bool = False) -> None:
        """Show a session; ``lazy``: the panel is hidden, so it loads when next shown."""
        self.session_id = session_id
        if session_id is not None and session_id not in self._defaults_ensured:
            try:
                self.ws.scoring.ensure_defaults(session_id)
            except IdeaForgeError as error:
                self._show_error(error)
            else:
                self._defaults_ensured.add(session_id)
        if lazy and not self.isVisible():
            self._stale = True
        else:
            self.refresh()

    def on_change(self, change: Change) -> None:
        """A service changed something (on the GUI thread): reload soon if it is ours."""
        if self.session_id is None:
            return
        if change.session_id is None or change.session_id == self.session_id:
            # A big session takes a moment to reload: wait for a pause in the typing.
            rows = self.matrix_model.rowCount()
            self._reload_timer.setInterval(100 if rows < 2000 else min(1000, 100 + rows // 20))
            self._reload_timer.start()

    def _reload_if_visible(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # reload when shown: a hidden tab need not follow every edit

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Reload criteria, matrix and chart from the services now."""
        self._reload_timer.stop()
        self._stale = False
        matrix: Matrix | None = None
        problem = ""
        if self.session_id is not None:
            try:
                matrix = self.ws.scoring.matrix(self.session_id)
            except IdeaForgeError as error:  # e.g. the session was deleted meanwhile
                problem = str(error)
        self._set_enabled(matrix is not None)
        self.matrix = matrix if matrix is not None else Matrix([], [])
        self.criteria_model.set_criteria(self.matrix.criteria)
        current = self._current_key()
        if self.matrix_model.set_matrix(self.matrix):  # reset: put the sort arrow and place back
            m = self.matrix_model
            header = self.matrix_view.horizontalHeader()
            if header.sortIndicatorSection() != m.sort_column:
                header.blockSignals(True)  # the model is sorted already
                header.setSortIndicator(m.sort_column, m.sort_order)
                header.blockSignals(False)
            self._restore_current(current)
        self._fill_axis_combos(self.matrix.criteria)
        self._update_chart()
        self._update_count()
        if problem:
            self.count_label.setText(problem)

    def _set_enabled(self, on: bool) -> None:
        for w in (self.add_button, self.delete_button, self.filter_edit, self.shortlisted_only,
                  self.x_combo, self.y_combo):  # fmt: skip
            w.setEnabled(on)

    def _current_key(self) -> tuple[int, tuple[str, int]] | None:
        index = self.matrix_view.currentIndex()
        if not index.isValid():
            return None
        return int(index.data(IdeaRole)), self.matrix_model.column_key(index.column())

    def _restore_current(self, key: tuple[int, tuple[str, int]] | None) -> None:
        if key is None:
            return
        source_row = self.matrix_model.row_of(key[0])
        if source_row < 0:
            return
        column = max(0, self.matrix_model.column_for_key(key[1]))
        index = self.proxy.mapFromSource(self.matrix_model.index(source_row, column))
        if index.isValid():
            self.matrix_view.setCurrentIndex(index)

    def _size_columns(self) -> None:
        header = self.matrix_view.horizontalHeader()
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
        for col in range(1, self.matrix_model.columnCount()):
            header.setSectionResizeMode(col, QtWidgets.QHeaderView.ResizeMode.Interactive)
        m = self.matrix_model
        narrow = self.fontMetrics().horizontalAdvance("00000") + 16
        for col in (m.votes_column, m.status_column):
            header.resizeSection(col, narrow)
        header.resizeSection(m.total_column, self.fontMetrics().horizontalAdvance("100.0") + 24)
        for col in range(1, m.total_column):
            header.resizeSection(col, self.fontMetrics().horizontalAdvance("4 (avg 3.25)") + 16)

    def _filter_changed(self) -> None:
        self.proxy.set_filter(self.filter_edit.text(), self.shortlisted_only.isChecked())
        self._update_count()

    def _update_count(self) -> None:
        total = self.matrix_model.rowCount()
        shown = self.proxy.rowCount()
        self.count_label.setText(
            self.tr("%n ideas", "", total)
            if shown == total
            else self.tr("%1 of %2").replace("%1", str(shown)).replace("%2", str(total))
        )

    def _current_changed(self, current: QtCore.QModelIndex, _previous: Any) -> None:
        self.chart.set_current(int(current.data(IdeaRole)) if current.isValid() else None)

    # --- chart ------------------------------------------------------------------------------

    def _fill_axis_combos(self, criteria: list[Criterion]) -> None:
        wanted = [(c.id, c.name) for c in criteria]
        have = [(self.x_combo.itemData(i), self.x_combo.itemText(i))
                for i in range(self.x_combo.count())]  # fmt: skip
        if wanted == have:
            return
        by_name = {c.name.casefold(): c.id for c in criteria}
        ids = [c.id for c in criteria]
        y_default = by_name.get("impact")
        x_default = by_name.get("effort")
        rest = [i for i in ids if i not in (x_default, y_default)]
        if y_default is None and rest:
            y_default = rest.pop(0)
        if x_default is None and rest:
            x_default = rest.pop(0)
        for combo, default in ((self.x_combo, x_default), (self.y_combo, y_default)):
            keep = combo.currentData() if have else None
            combo.blockSignals(True)
            combo.clear()
            for cid, name in wanted:
                combo.addItem(name, cid)
            chosen = keep if keep in ids else default
            combo.setCurrentIndex(combo.findData(chosen) if chosen is not None else -1)
            combo.blockSignals(False)

    def _update_chart(self) -> None:
        matrix = self.matrix or Matrix([], [])
        by_id = {c.id: c for c in matrix.criteria}
        x = by_id.get(self.x_combo.currentData())
        y = by_id.get(self.y_combo.currentData())
        points: list[ChartPoint] = []
        if x is not None and y is not None:
            for r in matrix.rows:
                mx, my = r.mean.get(x.id), r.mean.get(y.id)
                if mx is not None and my is not None:
                    points.append(ChartPoint(
                        r.idea.id, mx, my, r.idea.text, r.idea.status is IdeaStatus.SHORTLISTED
                    ))  # fmt: skip
        self.chart.set_data(points, x, y)
        missing = len(matrix.rows) - len(points)
        self.unscored_label.setText(
            self.tr("%n ideas not yet scored on both", "", missing) if missing else ""
        )

    def select_idea(self, idea_id: int) -> None:
        """Make the idea the matrix's current row (clearing filters that hide it)."""
        source_row = self.matrix_model.row_of(idea_id)
        if source_row < 0:
            return
        current = self.matrix_view.currentIndex()
        column = current.column() if current.isValid() else 0
        source = self.matrix_model.index(source_row, column)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.filter_edit.clear()
            self.shortlisted_only.setChecked(False)
            index = self.proxy.mapFromSource(source)
        self.matrix_view.setCurrentIndex(index)
        self.matrix_view.scrollTo(index)

    # --- scoring ----------------------------------------------------------------------------

    def score_current(self, value: int | None) -> None:
        """A key typed on the matrix: score the current cell's criterion (the first criterion
        when the current column is not one) for the current idea, then move down a row."""
        m = self.matrix_model
        if not m.criteria or self.proxy.rowCount() == 0:
            return
        index = self.matrix_view.currentIndex()
        if not index.isValid():
            index = self.proxy.index(0, 1)
        source = self.proxy.mapToSource(index)
        c = m.criterion_at(source.column()) or m.criteria[0]
        row = m.rows[source.row()]
        if row.mine.get(c.id) != value and not self.set_score(row.idea.id, c.id, value):
            return
        if index.row() + 1 < self.proxy.rowCount():
            self.matrix_view.setCurrentIndex(self.proxy.index(index.row() + 1, index.column()))

    def set_score(self, idea_id: int, criterion_id: int, value: float | None) -> bool:
        """My score on one criterion, undoably; None clears it."""
        name = next((c.name for c in self.matrix_model.criteria if c.id == criterion_id), "")
        old: list[float | None] = []  # filled by the first redo: the value before the edit

        def redo() -> None:
            previous = self.ws.scoring.score(idea_id, criterion_id, value)
            if not old:
                old.append(previous)

        def undo() -> None:
            self.ws.scoring.score(idea_id, criterion_id, old[0])

        if value is None:
            text = self.tr("Clear score of idea #%1 on %2")
        else:
            text = self.tr("Score idea #%1 on %2")
        text = text.replace("%1", str(idea_id)).replace("%2", name)
        done = push_edit(self.undo_stack, self.ws, text, redo, undo, self._show_error)
        if done:
            self.matrix_model.set_mine(idea_id, criterion_id, value)
            self.on_change(Change(self.session_id))
        return done

    # --- criteria ---------------------------------------------------------------------------

    def edit_criterion(self, criterion_id: int, **changes: Any) -> bool:
        """Change a criterion's name, weight, scale or direction, undoably."""
        before: list[Criterion] = []

        def redo() -> None:
            old, _ = self.ws.scoring.update_criterion(criterion_id, **changes)
            if not before:
                before.append(old)

        def undo() -> None:
            b = before[0]
            self.ws.scoring.update_criterion(
                criterion_id, name=b.name, weight=b.weight, scale_min=b.scale_min,
                scale_max=b.scale_max, higher_is_better=b.higher_is_better,
            )  # fmt: skip

        name = next((c.name for c in self.criteria_model.criteria if c.id == criterion_id), "")
        text = self.tr("Change criterion %1").replace("%1", name)
        done = push_edit(self.undo_stack, self.ws, text, redo, undo, self._show_error)
        if done:
            self.on_change(Change(self.session_id))
        return done

    def add_criterion(self) -> None:
        """Ask for a new criterion and add it, undoably."""
        if self.session_id is None:
            return
        dialog = CriterionDialog(self)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        session_id, name = self.session_id, dialog.name.text()
        weight, low, high = (
            dialog.weight.value(),
            dialog.scale_min.value(),
            dialog.scale_max.value(),
        )
        higher = dialog.higher_is_better.isChecked()
        state: dict[str, Any] = {}

        def redo() -> None:
            if "gone" in state:  # redo after undo: the same criterion, same id, back
                self.ws.scoring.restore_criterion(state.pop("gone"))
            else:
                state["id"] = self.ws.scoring.add_criterion(
                    session_id, name, weight=weight, scale_min=low, scale_max=high,
                    higher_is_better=higher,
                ).id  # fmt: skip

        def undo() -> None:
            state["gone"] = self.ws.scoring.delete_criterion(state["id"])

        text = self.tr("Add criterion %1").replace("%1", name.strip())
        if push_edit(self.undo_stack, self.ws, text, redo, undo, self._show_error):
            self.refresh()

    def selected_criterion(self) -> Criterion | None:
        index = self.criteria_view.currentIndex()
        if not index.isValid():
            return None
        return self.criteria_model.criteria[index.row()]

    def delete_criterion(self) -> None:
        """Delete the selected criterion after asking; undo restores it with its scores."""
        c = self.selected_criterion()
        if c is None:
            self._show_error(self.tr("Select a criterion to delete first."))
            return
        answer = QtWidgets.QMessageBox.question(
            self,
            self.tr("Delete criterion"),
            self.tr("Delete the criterion '%1' and everyone's scores on it? Undo brings "
                    "them back.").replace("%1", c.name),
        )  # fmt: skip
        if answer != QtWidgets.QMessageBox.StandardButton.Yes:
            return
        state: dict[str, DeletedCriterion] = {}

        def redo() -> None:
            state["gone"] = self.ws.scoring.delete_criterion(c.id)

        def undo() -> None:
            self.ws.scoring.restore_criterion(state["gone"])

        text = self.tr("Delete criterion %1").replace("%1", c.name)
        if push_edit(self.undo_stack, self.ws, text, redo, undo, self._show_error):
            self.refresh()

    def _show_error(self, error: Exception | str) -> None:
        QtWidgets.QMessageBox.warning(self, self.tr("IdeaForge"), str(error))
