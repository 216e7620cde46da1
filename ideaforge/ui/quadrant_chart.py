"""The impact/effort 2x2 chart of the Score panel: every idea with both scores as a dot, in
Quick wins, Big bets, Fill-ins or Money pits. Painted, so 10,000 dots stay cheap."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from ideaforge.core.model import Criterion
from ideaforge.ui.converge import PALETTE
from ideaforge.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal


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
