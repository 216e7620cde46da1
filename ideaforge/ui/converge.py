"""The Converge view: run the analysis off the GUI thread, then show themes, duplicate groups,
a 2-D map of the ideas coloured by theme, and the session's diversity figures.

People act here; the machine only suggests: a duplicate group merges when a person accepts it
(and splits back from the same view), a theme is renamed by editing its name.
"""

from __future__ import annotations

import math
from typing import Any

from ideaforge.core.errors import IdeaForgeError
from ideaforge.services.analysis import AnalysisReport, MapPoint
from ideaforge.services.workspace import Workspace
from ideaforge.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ideaforge.ui.workers import Worker

# Colour-blind-safe categorical palette (Okabe-Ito, then Tableau's extra hues).
PALETTE = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
    "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#76B7B2", "#EDC948", "#FF9DA7",
]  # fmt: skip
UNTHEMED = "#9A9A9A"
IdeaRole = int(Qt.ItemDataRole.UserRole) + 10
ThemeRole = int(Qt.ItemDataRole.UserRole) + 11


class AnalyzeWorker(Worker):
    """Runs ``ws.analysis.analyze`` off the GUI thread."""

    finished = Signal(object)  # AnalysisReport
    failed = Signal(str)  # "" when cancelled on request

    def __init__(self, ws: Workspace, session_id: int, threshold: float | None) -> None:
        super().__init__(ws)
        self.session_id = session_id
        self.threshold = threshold

    @QtCore.Slot()
    def run(self) -> None:
        self._run_job(
            lambda: self.ws.analysis.analyze(
                self.session_id, self.threshold, self._progress, self.cancel_token
            ),
            QtCore.QCoreApplication.translate("Workers", "Analysis stopped unexpectedly: %1"),
        )


class MapWidget(QtWidgets.QWidget):
    """Ideas as dots on the 2-D map, coloured by theme; hover shows the text, click selects.

    Painted directly (no item or widget per idea), so 10,000 points stay cheap."""

    selected = Signal(int)  # idea id
    selected_many = Signal(list)  # idea ids inside a dragged box

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumSize(280, 240)
        self.points: list[MapPoint] = []
        self.colours: dict[int | None, QtGui.QColor] = {}
        self.texts: dict[int, str] = {}
        self.current: int | None = None
        self._cells: dict[tuple[int, int], list[int]] = {}
        self._pos: list[QtCore.QPointF] = []  # widget positions, computed once per size
        self._bounds = (-1.0, 1.0, -1.0, 1.0)
        self.chosen: set[int] = set()  # box-selected ideas
        self._band: QtWidgets.QRubberBand | None = None
        self._band_origin = QtCore.QPoint()
        self.setToolTip(self.tr("Hover for the text · click to select · drag a box to select many"))

    def set_points(
        self, points: list[MapPoint], colours: dict[int | None, str], texts: dict[int, str]
    ) -> None:
        self.points = points
        self.colours = {k: QtGui.QColor(v) for k, v in colours.items()}
        self.texts = texts
        self.current = None
        self.chosen = set()
        self._cells = {}
        self._pos = []
        if points:
            xs, ys = [p.x for p in points], [p.y for p in points]
            self._bounds = (min(xs), max(xs), min(ys), max(ys))
        self.update()

    def _xy(self, p: MapPoint) -> QtCore.QPointF:
        """Widget position: each axis stretched to fill the widget (PCA's second axis is
        usually much shorter than its first)."""
        m = 14.0
        w, h = max(1.0, self.width() - 2 * m), max(1.0, self.height() - 2 * m)
        x0, x1, y0, y1 = self._bounds
        fx = (p.x - x0) / (x1 - x0) if x1 > x0 else 0.5
        fy = (p.y - y0) / (y1 - y0) if y1 > y0 else 0.5
        return QtCore.QPointF(m + fx * w, m + (1 - fy) * h)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        self._cells = {}
        self._pos = []
        super().resizeEvent(event)

    def positions(self) -> list[QtCore.QPointF]:
        if not self._pos and self.points:
            self._pos = [self._xy(p) for p in self.points]
        return self._pos

    def _grid(self) -> dict[tuple[int, int], list[int]]:
        if not self._cells and self.points:
            for i, q in enumerate(self.positions()):
                self._cells.setdefault((int(q.x() // 16), int(q.y() // 16)), []).append(i)
        return self._cells

    def point_at(self, pos: QtCore.QPointF, radius: float = 8.0) -> MapPoint | None:
        grid = self._grid()
        cx, cy = int(pos.x() // 16), int(pos.y() // 16)
        best, best_d = None, radius
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for i in grid.get((cx + dx, cy + dy), ()):
                    q = self._pos[i]
                    d = math.hypot(q.x() - pos.x(), q.y() - pos.y())
                    if d <= best_d:
                        best, best_d = self.points[i], d
        return best

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().color(QtGui.QPalette.ColorRole.Base))
        if not self.points:
            painter.setPen(self.palette().color(QtGui.QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Analyse to see the map")
            )
            return
        radius = 4.0 if len(self.points) < 2000 else 2.0
        grey = QtGui.QColor(UNTHEMED)
        # One pre-rendered dot stamped per idea: 10,000 dots in about 35 ms on a slow CPU,
        # where an antialiased ellipse (or round-capped point) each took 130-250 ms.
        pos = self.positions()
        stamps: dict[int | None, QtGui.QPixmap] = {}
        half = radius + 0.5
        for p, q in zip(self.points, pos, strict=True):
            stamp = stamps.get(p.theme_id)
            if stamp is None:
                stamp = stamps[p.theme_id] = self._stamp(self.colours.get(p.theme_id, grey), radius)
            painter.drawPixmap(QtCore.QPointF(q.x() - half, q.y() - half), stamp)
        if self.chosen:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QtGui.QPen(QtGui.QColor("#000000"), 1.2))
            for p, q in zip(self.points, pos, strict=True):
                if p.idea_id in self.chosen:
                    painter.drawEllipse(q, radius + 2, radius + 2)
        if self.current is not None:
            chosen = next((p for p in self.points if p.idea_id == self.current), None)
            if chosen is not None:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QtGui.QPen(QtGui.QColor("#000000"), 2))
                painter.drawEllipse(self._xy(chosen), radius + 3, radius + 3)

    def _stamp(self, colour: QtGui.QColor, radius: float) -> QtGui.QPixmap:
        ratio = self.devicePixelRatioF()
        size = 2 * radius + 1
        pixmap = QtGui.QPixmap(int(size * ratio + 0.5), int(size * ratio + 0.5))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QtGui.QPainter(pixmap)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(QtCore.QRectF(0.5, 0.5, 2 * radius, 2 * radius))
        painter.end()
        return pixmap

    def ids_in(self, rect: QtCore.QRectF) -> list[int]:
        """The ideas whose dots lie inside ``rect`` (widget coordinates)."""
        pos = self.positions()
        return [p.idea_id for p, q in zip(self.points, pos, strict=True) if rect.contains(q)]

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:
        if self._band is not None:
            self._band.setGeometry(
                QtCore.QRect(self._band_origin, event.position().toPoint()).normalized()
            )
            return
        p = self.point_at(event.position())
        if p is None:
            QtWidgets.QToolTip.hideText()
        else:
            QtWidgets.QToolTip.showText(
                event.globalPosition().toPoint(), f"#{p.idea_id} {self.texts.get(p.idea_id, '')}"
            )

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        p = self.point_at(event.position())
        if p is not None:
            self.current = p.idea_id
            self.update()
            self.selected.emit(p.idea_id)
            return
        self._band_origin = event.position().toPoint()
        self._band = QtWidgets.QRubberBand(QtWidgets.QRubberBand.Shape.Rectangle, self)
        self._band.setGeometry(QtCore.QRect(self._band_origin, QtCore.QSize()))
        self._band.show()

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:
        if self._band is None:
            return
        rect = QtCore.QRectF(self._band.geometry())
        self._band.hide()
        self._band.deleteLater()
        self._band = None
        self.chosen = set(self.ids_in(rect)) if rect.width() > 3 and rect.height() > 3 else set()
        self.update()
        self.selected_many.emit(sorted(self.chosen))


class ConvergePanel(QtWidgets.QWidget):
    """Themes, duplicate groups, map and metrics of one session."""

    def __init__(
        self, ws: Workspace, parent: QtWidgets.QWidget | None = None,
        undo_stack: QtGui.QUndoStack | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.ws = ws
        self.undo_stack = undo_stack
        self.session_id: int | None = None
        self.report: AnalysisReport | None = None
        self._worker: AnalyzeWorker | None = None
        self._thread: QtCore.QThread | None = None
        self._filling = False

        self.analyse_button = QtWidgets.QPushButton(self.tr("Analyse"))
        self.analyse_button.setShortcut(QtGui.QKeySequence("Ctrl+Shift+A"))
        self.analyse_button.setToolTip(
            self.tr(
                "Embed new ideas, suggest duplicates, group themes, draw the map (Ctrl+Shift+A)"
            )
        )
        self.analyse_button.clicked.connect(self.analyse)
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.threshold = QtWidgets.QDoubleSpinBox()
        self.threshold.setRange(0.50, 0.99)
        self.threshold.setSingleStep(0.01)
        self.threshold.setDecimals(2)
        self.threshold.setToolTip(
            self.tr("Cosine similarity at or above which two ideas are suggested as duplicates")
        )
        self.progress = QtWidgets.QProgressBar()
        self.progress.setFormat("")
        self.metrics_label = QtWidgets.QLabel()
        self.metrics_label.setWordWrap(True)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.analyse_button)
        top.addWidget(self.cancel_button)
        top.addWidget(QtWidgets.QLabel(self.tr("Duplicate similarity:")))
        top.addWidget(self.threshold)
        top.addWidget(self.progress, 1)

        self.themes = QtGui.QStandardItemModel(self)
        self.themes.setHorizontalHeaderLabels([self.tr("Themes")])
        self.themes.itemChanged.connect(self._theme_edited)
        self.theme_view = QtWidgets.QTreeView()
        self.theme_view.setModel(self.themes)
        self.theme_view.setWordWrap(True)
        self.theme_view.setToolTip(
            self.tr("Double-click a theme's name to rename it; right-click an idea to move it")
        )
        self.theme_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.theme_view.customContextMenuRequested.connect(self._theme_menu)

        self.groups = QtGui.QStandardItemModel(self)
        self.groups.setHorizontalHeaderLabels([self.tr("Suggested duplicates")])
        self.group_view = QtWidgets.QTreeView()
        self.group_view.setModel(self.groups)
        self.group_view.setWordWrap(True)
        self.group_view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.accept_button = QtWidgets.QPushButton(self.tr("Merge group"))
        self.accept_button.setToolTip(
            self.tr("Merge the selected group into its first idea (reversible: Split)")
        )
        self.accept_button.clicked.connect(self.accept_selected)
        self.accept_all_button = QtWidgets.QPushButton(self.tr("Merge all"))
        self.accept_all_button.clicked.connect(self.accept_all)
        self.distinct_button = QtWidgets.QPushButton(self.tr("Not a duplicate"))
        self.distinct_button.setToolTip(
            self.tr("The selected idea is different from its group's first idea")
        )
        self.distinct_button.clicked.connect(self.mark_distinct)
        self.split_button = QtWidgets.QPushButton(self.tr("Split merged…"))
        self.split_button.setToolTip(self.tr("Bring back ideas merged into the selected idea"))
        self.split_button.clicked.connect(self.split_selected)
        group_buttons = QtWidgets.QHBoxLayout()
        for b in (self.accept_button, self.accept_all_button, self.distinct_button,
                  self.split_button):  # fmt: skip
            group_buttons.addWidget(b)
        group_box = QtWidgets.QWidget()
        gl = QtWidgets.QVBoxLayout(group_box)
        gl.setContentsMargins(0, 0, 0, 0)
        gl.addWidget(self.group_view, 1)
        gl.addLayout(group_buttons)

        self.map = MapWidget()
        self.map.selected.connect(self._select_in_themes)
        self.map.selected_many.connect(self._map_selection)
        self.selection_label = QtWidgets.QLabel()
        self.shortlist_selection_button = QtWidgets.QPushButton(self.tr("Shortlist"))
        self.shortlist_selection_button.setToolTip(self.tr("Shortlist the ideas in the box"))
        self.shortlist_selection_button.clicked.connect(self.shortlist_selection)
        self.move_selection_button = QtWidgets.QPushButton(self.tr("Move to theme…"))
        self.move_selection_button.setToolTip(self.tr("Put the ideas in the box into one theme"))
        self.move_selection_button.clicked.connect(self._move_selection_menu)
        selection_row = QtWidgets.QHBoxLayout()
        selection_row.addWidget(self.selection_label, 1)
        selection_row.addWidget(self.shortlist_selection_button)
        selection_row.addWidget(self.move_selection_button)
        map_box = QtWidgets.QWidget()
        mb = QtWidgets.QVBoxLayout(map_box)
        mb.setContentsMargins(0, 0, 0, 0)
        mb.addWidget(self.map, 1)
        mb.addLayout(selection_row)
        self._map_selection([])

        lists = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        lists.addWidget(self.theme_view)
        lists.addWidget(group_box)
        split = QtWidgets.QSplitter()
        split.addWidget(lists)
        split.addWidget(map_box)
        split.setSizes([520, 420])

        from ideaforge.ui.lazy import DeferredReload

        # The running analysis redraws everything when it ends: no reload while it runs.
        self._reloader = DeferredReload(
            self, self._reload_quietly, 150, busy=lambda: self._worker is not None
        )

        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.metrics_label)
        layout.addWidget(split, 1)
        self.set_session(None)

    # --- state ------------------------------------------------------------------------------

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id
        self.report = None
        self.themes.removeRows(0, self.themes.rowCount())
        self.groups.removeRows(0, self.groups.rowCount())
        self.map.set_points([], {}, {})
        self.metrics_label.setText(
            self.tr("Press Analyse to group this session's ideas into themes and find duplicates.")
            if session_id is not None
            else ""
        )
        busy = self._worker is not None
        self.analyse_button.setEnabled(session_id is not None and not busy)
        for b in (self.accept_button, self.accept_all_button, self.distinct_button,
                  self.split_button):  # fmt: skip
            b.setEnabled(session_id is not None)
        if session_id is not None:
            try:
                self.threshold.setValue(self.ws.analysis.default_threshold(session_id))
                views, unthemed = self.ws.analysis.themes(session_id)
            except IdeaForgeError as error:
                self.metrics_label.setText(str(error))
                return
            self._show_themes(views, unthemed)

    def on_change(self, change: Any) -> None:
        """A service changed something (the window calls this on the GUI thread): redraw the
        themes once things settle, and only while this view is on screen."""
        if self.session_id is not None and change.session_id in (None, self.session_id):
            self._reloader.request()

    def _reload_quietly(self) -> None:
        if self.session_id is None:
            return
        try:
            self._reload_themes()
        except IdeaForgeError as error:
            self.metrics_label.setText(str(error))

    # --- analysis ---------------------------------------------------------------------------

    def analyse(self) -> None:
        if self.session_id is None or self._worker is not None:
            return
        from ideaforge.ui.workers import start_in_thread

        worker = AnalyzeWorker(self.ws, self.session_id, self.threshold.value())
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self._worker = worker
        self.analyse_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Starting…"))
        self._thread = start_in_thread(worker, self)

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.progress.setFormat(self.tr("Stopping…"))

    def wait(self, ms: int = 30_000) -> None:
        if self._thread is not None:
            self._thread.wait(ms)

    def _ended(self) -> None:
        self._worker = None
        self.analyse_button.setEnabled(self.session_id is not None)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)
        self.progress.setFormat(message)

    def _on_failed(self, message: str) -> None:
        self._ended()
        if message:
            self._show_error(message)
        else:
            self.metrics_label.setText(self.tr("Analysis cancelled; finished embeddings are kept."))

    def _on_finished(self, report: AnalysisReport) -> None:
        self._ended()
        if report.session_id != self.session_id:
            return  # the person moved to another session meanwhile
        self.report = report
        self._reloader.done()
        self._show_themes(report.themes, report.unthemed)
        self._show_groups(report)
        self._show_map(report)
        m = report.metrics
        parts = [self.tr("%n ideas", "", m.ideas)]
        if m.diversity is not None:
            parts.append(self.tr("diversity %1").replace("%1", f"{m.diversity:.3f}"))
        if m.share_unique is not None:
            parts.append(self.tr("%1% unique").replace("%1", f"{100 * m.share_unique:.0f}"))
        if m.mean_novelty is not None:
            parts.append(self.tr("mean novelty %1").replace("%1", f"{m.mean_novelty:.3f}"))
        parts.append(self.tr("%n themes", "", len(m.theme_sizes)))
        parts.append(self.tr("%n duplicate groups", "", len(report.groups)))
        self.metrics_label.setText(" · ".join(parts) + f"  ({report.embedder})")

    # --- views ------------------------------------------------------------------------------

    def _colours(self, views: Any) -> dict[int | None, str]:
        return {v.theme.id: PALETTE[i % len(PALETTE)] for i, v in enumerate(views)}

    def _show_themes(self, views: Any, unthemed: Any) -> None:
        colours = self._colours(views)
        self._filling = True  # itemChanged fires while filling: not a person's rename
        self.themes.removeRows(0, self.themes.rowCount())
        for v in views:
            if not v.ideas:
                continue
            item = QtGui.QStandardItem(v.theme.label)
            item.setData(v.theme.id, ThemeRole)
            item.setToolTip(
                self.tr("%n ideas · keywords: ", "", len(v.ideas)) + ", ".join(v.theme.keywords)
            )
            pix = QtGui.QPixmap(12, 12)
            pix.fill(QtGui.QColor(colours[v.theme.id]))
            item.setIcon(QtGui.QIcon(pix))
            for idea in v.ideas:
                child = QtGui.QStandardItem(idea.text)
                child.setData(idea.id, IdeaRole)
                child.setEditable(False)
                child.setToolTip(f"#{idea.id} · {idea.source_label}")
                item.appendRow(child)
            item.setText(f"{v.theme.label}  ({len(v.ideas)})")
            self.themes.appendRow(item)
        if unthemed:
            item = QtGui.QStandardItem(self.tr("No theme  (%1)").replace("%1", str(len(unthemed))))
            item.setEditable(False)
            for idea in unthemed:
                child = QtGui.QStandardItem(idea.text)
                child.setData(idea.id, IdeaRole)
                child.setEditable(False)
                item.appendRow(child)
            self.themes.appendRow(item)
        self._filling = False

    def _show_groups(self, report: AnalysisReport) -> None:
        self.groups.removeRows(0, self.groups.rowCount())
        for g in report.groups:
            head = QtGui.QStandardItem(f"#{g.canonical.id} {g.canonical.text}")
            head.setData(g.canonical.id, IdeaRole)
            for member, sim in g.members:
                child = QtGui.QStandardItem(f"= #{member.id} ({sim:.2f}) {member.text}")
                child.setData(member.id, IdeaRole)
                head.appendRow(child)
            self.groups.appendRow(head)
        self.group_view.expandAll()

    def _show_map(self, report: AnalysisReport) -> None:
        texts = {i.id: i.text for v in report.themes for i in v.ideas}
        texts.update({i.id: i.text for i in report.unthemed})
        self.map.set_points(report.points, self._colours(report.themes), texts)

    def _theme_edited(self, item: QtGui.QStandardItem) -> None:
        theme_id = item.data(ThemeRole)
        if theme_id is None or self._filling:
            return
        name = item.text().rsplit("  (", 1)[0].strip()
        tid = int(theme_id)
        old = next((v.theme for v in self.ws.analysis.themes(self.session_id or 0)[0]
                    if v.theme.id == tid), None)  # fmt: skip
        if old is not None and name != old.label:
            self._edit(
                self.tr("Rename theme to '%1'").replace("%1", name),
                lambda: self.ws.analysis.rename_theme(tid, name),
                lambda: self.ws.analysis.rename_theme(tid, old.label, user_label=old.user_label),
            )
        self._reload_themes()

    def _edit(self, text: str, redo: Any, undo: Any) -> bool:
        """Make an edit through the services and put it on the window's undo stack."""
        from ideaforge.ui.undo import push_edit

        if self.undo_stack is None:
            try:
                redo()
            except IdeaForgeError as error:
                self._show_error(error)
                return False
            return True
        return push_edit(self.undo_stack, self.ws, text, redo, undo, self._show_error)

    def _select_in_themes(self, idea_id: int) -> None:
        for r in range(self.themes.rowCount()):
            parent = self.themes.item(r)
            for c in range(parent.rowCount()):
                if parent.child(c).data(IdeaRole) == idea_id:
                    index = self.themes.indexFromItem(parent.child(c))
                    self.theme_view.expand(index.parent())
                    self.theme_view.setCurrentIndex(index)
                    self.theme_view.scrollTo(index)
                    return

    # --- box selection on the map -------------------------------------------------------

    def _map_selection(self, ids: list[int]) -> None:
        self.selection = list(ids)
        self.selection_label.setText(
            self.tr("%n idea(s) selected on the map", "", len(ids))
            if ids
            else self.tr("Drag a box on the map to select several ideas")
        )
        self.shortlist_selection_button.setEnabled(bool(ids))
        self.move_selection_button.setEnabled(bool(ids))

    def shortlist_selection(self) -> None:
        from ideaforge.core.commands import SetIdeaStatus
        from ideaforge.core.model import IdeaStatus

        todo = [i for i in map(self.ws.ideas.get, self.selection)
                if i.status is IdeaStatus.ACTIVE]  # fmt: skip
        if not todo:
            return
        forward = [SetIdeaStatus(i.id, IdeaStatus.SHORTLISTED) for i in todo]
        backward = [SetIdeaStatus(i.id, IdeaStatus.ACTIVE) for i in todo]
        self._edit(
            self.tr("Shortlist %n idea(s)", "", len(todo)),
            lambda: [self.ws.ideas.apply(c) for c in forward],
            lambda: [self.ws.ideas.apply(c) for c in backward],
        )

    def _move_selection_menu(self) -> None:
        if not self.selection:
            return
        menu = QtWidgets.QMenu(self)
        for r in range(self.themes.rowCount()):
            item = self.themes.item(r)
            theme_id = item.data(ThemeRole)
            if theme_id is not None:
                a = menu.addAction(item.text())
                a.triggered.connect(
                    lambda _=False, t=int(theme_id): self.move_ideas(self.selection, t)
                )
        menu.addSeparator()
        none = menu.addAction(self.tr("No theme"))
        none.triggered.connect(lambda: self.move_ideas(self.selection, None))
        menu.exec(QtGui.QCursor.pos())

    # --- people's decisions -----------------------------------------------------------------

    def _theme_menu(self, pos: QtCore.QPoint) -> None:
        index = self.theme_view.indexAt(pos)
        idea_id = index.data(IdeaRole) if index.isValid() else None
        if idea_id is None or self.session_id is None:
            return
        menu = QtWidgets.QMenu(self)
        move = menu.addMenu(self.tr("Move to theme"))
        for r in range(self.themes.rowCount()):
            item = self.themes.item(r)
            theme_id = item.data(ThemeRole)
            if theme_id is not None:
                action = move.addAction(item.text())
                action.triggered.connect(
                    lambda _=False, t=int(theme_id): self.move_idea(int(idea_id), t)
                )
        move.addSeparator()
        new = move.addAction(self.tr("New theme…"))
        new.triggered.connect(lambda: self.move_to_new_theme(int(idea_id)))
        none = move.addAction(self.tr("No theme"))
        none.triggered.connect(lambda: self.move_idea(int(idea_id), None))
        release = menu.addAction(self.tr("Let re-clustering place it"))
        release.triggered.connect(lambda: self._release(int(idea_id)))
        menu.exec(self.theme_view.viewport().mapToGlobal(pos))

    def move_idea(self, idea_id: int, theme_id: int | None) -> None:
        """A person's placement: pinned, so re-clustering leaves it there."""
        self.move_ideas([idea_id], theme_id)

    def move_ideas(self, idea_ids: list[int], theme_id: int | None) -> None:
        before = [(i.id, i.theme_id, i.theme_pinned) for i in map(self.ws.ideas.get, idea_ids)]

        def redo() -> None:
            for i in idea_ids:
                self.ws.analysis.move(i, theme_id)

        def undo() -> None:
            for i, t, pinned in before:
                self.ws.analysis.move(i, t, pin=pinned)

        self._edit(self.tr("Move %n idea(s)", "", len(idea_ids)), redo, undo)
        self._reload_themes()

    def move_to_new_theme(self, idea_id: int) -> None:
        if self.session_id is None:
            return
        name, ok = QtWidgets.QInputDialog.getText(self, self.tr("New theme"), self.tr("Name:"))
        if not ok or not name.strip():
            return
        try:
            theme = self.ws.analysis.new_theme(self.session_id, name)
        except IdeaForgeError as error:
            self._show_error(error)
            return
        self.move_idea(idea_id, theme.id)

    def _release(self, idea_id: int) -> None:
        try:
            self.ws.analysis.release(idea_id)
        except IdeaForgeError as error:
            self._show_error(error)

    def _reload_themes(self) -> None:
        if self.session_id is not None:
            self._show_themes(*self.ws.analysis.themes(self.session_id))

    def _selected_group(self) -> tuple[int | None, int | None]:
        """(canonical idea id, selected member id or None) of the selected row."""
        index = self.group_view.currentIndex()
        if not index.isValid():
            return None, None
        if index.parent().isValid():
            return index.parent().data(IdeaRole), index.data(IdeaRole)
        return index.data(IdeaRole), None

    def _after_change(self) -> None:
        self.analyse()  # suggestions and themes follow what people decided

    def accept_selected(self) -> None:
        canonical, _ = self._selected_group()
        if canonical is None or self.session_id is None:
            return
        self._merge([int(canonical)])

    def accept_all(self) -> None:
        if self.session_id is not None and self.groups.rowCount():
            self._merge(None)

    def _merge(self, ids: list[int] | None) -> None:
        assert self.session_id is not None
        try:
            merged = self.ws.analysis.accept(self.session_id, ids, self.threshold.value())
        except IdeaForgeError as error:
            self._show_error(error)
            return
        pairs = [(m.id, g.canonical.id) for g in merged for m, _ in g.members]
        if pairs and self.undo_stack is not None:
            from ideaforge.ui.undo import MergeCommand

            text = self.tr("Merge %n ideas", "", len(pairs))
            self.undo_stack.push(MergeCommand(self.ws, pairs, text, self._show_error))
        self._after_change()

    def _show_error(self, error: Exception | str) -> None:
        QtWidgets.QMessageBox.warning(self, self.tr("IdeaForge"), str(error))

    def mark_distinct(self) -> None:
        canonical, member = self._selected_group()
        if canonical is None or member is None:
            return
        a, b = int(canonical), int(member)
        if self._edit(
            self.tr("#%1 is not a duplicate").replace("%1", str(b)),
            lambda: self.ws.analysis.mark_distinct(a, b),
            lambda: self.ws.analysis.forget_distinct(a, b),
        ):
            self._after_change()

    def split_selected(self) -> None:
        index = self.theme_view.currentIndex()
        idea_id = index.data(IdeaRole) if index.isValid() else None
        if idea_id is None:
            canonical, member = self._selected_group()
            idea_id = member or canonical
        if idea_id is None:
            return
        from ideaforge.core.commands import SetIdeaStatus
        from ideaforge.core.model import IdeaStatus

        target = int(idea_id)
        merged = [
            (i.id, i.merged_into_id)
            for i in self.ws.ideas.list(self.session_id or 0, statuses=[IdeaStatus.MERGED])
            if i.id == target or i.merged_into_id == target
        ]

        def undo() -> None:
            for i, into in merged:
                self.ws.ideas.apply(SetIdeaStatus(i, IdeaStatus.MERGED, merged_into_id=into))

        if not merged:
            self._show_error(self.tr("Nothing is merged into #%1.").replace("%1", str(target)))
            return
        if self._edit(
            self.tr("Split %n merged idea(s)", "", len(merged)),
            lambda: self.ws.analysis.split(target), undo,
        ):  # fmt: skip
            self.metrics_label.setText(
                self.tr("Brought back: ") + ", ".join(f"#{i}" for i, _ in merged)
            )
            self._after_change()
