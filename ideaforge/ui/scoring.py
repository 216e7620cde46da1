"""The Score panel of Converge: the session's criteria, everyone's scores in one matrix, and an
impact/effort 2x2 chart.

People score here (the model never does). Keys 1-9 score the current cell and move down, so a
facilitator can walk a long list without the mouse. Every edit goes through the services and onto
the window's undo stack; the views redraw from the changes the services report.
"""

from __future__ import annotations

from typing import Any

from ideaforge.core.errors import IdeaForgeError
from ideaforge.core.model import Criterion, IdeaStatus
from ideaforge.services.scoring import DeletedCriterion, Matrix
from ideaforge.services.workspace import Change, Workspace
from ideaforge.ui.lazy import DeferredReload
from ideaforge.ui.qt import Qt, QtCore, QtGui, QtWidgets
from ideaforge.ui.quadrant_chart import (
    ChartPoint,
    ImpactEffortChart,
)
from ideaforge.ui.scoring_models import (
    CriteriaDelegate,
    CriteriaModel,
    CriterionDialog,
    IdeaRole,
    ScoreFilterProxy,
    ScoreMatrixModel,
    ScoreMatrixView,
)
from ideaforge.ui.undo import push_edit, push_score


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
        self._reloader = DeferredReload(self, lambda: self.refresh())  # a burst: one reload

        # Criteria editor.
        self.criteria_model = CriteriaModel(self.edit_criterion, self)
        self.criteria_view = QtWidgets.QTableView()
        self.criteria_view.setModel(self.criteria_model)
        self.criteria_view.setItemDelegate(CriteriaDelegate(self.criteria_view))
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
            self._reloader.mark_stale()
        else:
            self.refresh()

    def on_change(self, change: Change) -> None:
        """A service changed something (on the GUI thread): reload soon if it is ours."""
        if self.session_id is None:
            return
        if change.session_id is None or change.session_id == self.session_id:
            # A big session takes a moment to reload: wait for a pause in the typing.
            rows = self.matrix_model.rowCount()
            self._reloader.request(100 if rows < 2000 else min(1000, 100 + rows // 20))

    def refresh(self) -> None:
        """Reload criteria, matrix and chart from the services now."""
        self._reloader.done()
        matrix: Matrix | None = None
        problem = ""
        if self.session_id is not None:
            try:
                matrix = self.ws.scoring.matrix(self.session_id)
            except IdeaForgeError as error:  # e.g. the session was deleted meanwhile
                problem = str(error)
        self._set_enabled(matrix is not None)
        if matrix is not None and self.session_id is not None:
            # Criteria are the facilitator's to set (the services refuse anyone else).
            lead = self.ws.workshop.can_facilitate(self.session_id)
            for b in (self.add_button, self.delete_button):
                b.setEnabled(lead)
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
        done = push_score(
            self.undo_stack, self.ws, idea_id, criterion_id, name, value, self._show_error
        )
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
