"""The main window: session library on the left, the open session on the right."""

from __future__ import annotations

import time

from ideaforge.core.commands import SetIdeaStatus
from ideaforge.core.errors import IdeaForgeError
from ideaforge.core.model import GenerationRun, IdeaStatus
from ideaforge.core.rules import IN_PLAY
from ideaforge.services.diverge import REJECTION_REASONS as REASONS
from ideaforge.services.diverge import DivergeRequest, DivergeResult
from ideaforge.services.workspace import Change, Workspace
from ideaforge.ui.models import IdeaListModel, IdRole, SessionListModel
from ideaforge.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ideaforge.ui.workers import GenerateWorker, describe_run, start_in_thread


class NewSessionDialog(QtWidgets.QDialog):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New session"))
        self.challenge = QtWidgets.QPlainTextEdit()
        self.challenge.setPlaceholderText(self.tr("How might we …?"))
        self.intent = QtWidgets.QPlainTextEdit()
        self.intent.setPlaceholderText(self.tr("Optional: what should the chosen idea achieve?"))
        self.values = QtWidgets.QPlainTextEdit()
        self.values.setPlaceholderText(self.tr("Optional: the values that should guide the choice"))
        for box in (self.intent, self.values):
            box.setMaximumHeight(70)
        form = QtWidgets.QFormLayout(self)
        form.addRow(self.tr("Challenge"), self.challenge)
        form.addRow(self.tr("Intent"), self.intent)
        form.addRow(self.tr("Values"), self.values)
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, 340)


class RejectedDialog(QtWidgets.QDialog):
    """The outputs a run's filters rejected, each with its reason and lens."""

    def __init__(self, run: GenerationRun, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rejected outputs"))
        counts = ", ".join(f"{n} {REASONS.get(k, k)}" for k, n in sorted(run.rejected.items()))
        summary = QtWidgets.QLabel(counts)
        summary.setWordWrap(True)
        self.table = QtWidgets.QTableWidget(len(run.rejected_samples), 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Reason"), self.tr("Lens"), self.tr("Output")]
        )
        for row, sample in enumerate(run.rejected_samples):
            for col, key in enumerate(("reason", "lens", "text")):
                item = QtWidgets.QTableWidgetItem(str(sample.get(key, "")))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if key == "reason":
                    item.setToolTip(REASONS.get(str(sample.get(key)), ""))
                self.table.setItem(row, col, item)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(900, 500)


PRUNE_REASONS = (
    "Duplicate of another idea", "Off-topic", "Too vague to act on", "Not feasible for us",
    "Against our values", "Unsafe or harmful",
)  # fmt: skip


class PruneDialog(QtWidgets.QDialog):
    """Why this idea is set aside: pick a common reason or type one (a reason is required)."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Prune idea"))
        self.reason = QtWidgets.QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems([self.tr(r) for r in PRUNE_REASONS])
        self.reason.setCurrentText("")
        line = self.reason.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Why is it set aside?"))
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(QtWidgets.QLabel(self.tr("Reason (recorded with the decision):")))
        layout.addWidget(self.reason)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QtWidgets.QWidget) -> str:
        dialog = cls(parent)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return ""
        return dialog.reason.currentText().strip()


class MainWindow(QtWidgets.QMainWindow):
    changed = Signal(object)  # Change, re-emitted on the GUI thread

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.ws = workspace
        self.ws.models.separate_process = True  # generation must not hold the GUI thread
        self.current_session: int | None = None
        self.setWindowTitle("IdeaForge")
        self.resize(1100, 700)

        self.sessions = SessionListModel(self)
        self.session_view = QtWidgets.QListView()
        self.session_view.setModel(self.sessions)
        self.session_view.setAlternatingRowColors(True)
        self.session_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.session_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.session_view.setSpacing(2)
        self.session_view.selectionModel().currentChanged.connect(self._session_selected)
        new_button = QtWidgets.QPushButton(self.tr("New session…"))
        new_button.clicked.connect(self.new_session)
        left = QtWidgets.QWidget()
        lv = QtWidgets.QVBoxLayout(left)
        lv.addWidget(QtWidgets.QLabel(self.tr("<b>Sessions</b>")))
        lv.addWidget(self.session_view)
        lv.addWidget(new_button)

        self.challenge_label = QtWidgets.QLabel(self.tr("Create or pick a session to start."))
        self.challenge_label.setWordWrap(True)
        font = self.challenge_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.challenge_label.setFont(font)
        self.ideas = IdeaListModel(self)
        self.idea_view = QtWidgets.QListView()
        self.idea_view.setModel(self.ideas)
        self.idea_view.setWordWrap(True)
        self.idea_view.setUniformItemSizes(False)
        self.idea_view.setSpacing(3)
        self.idea_entry = QtWidgets.QLineEdit()
        self.idea_entry.setPlaceholderText(self.tr("Add your own idea and press Enter"))
        self.idea_entry.returnPressed.connect(self.add_idea)
        self.idea_entry.setEnabled(False)
        self.show_set_aside = QtWidgets.QCheckBox(self.tr("Show pruned and merged"))
        self.show_set_aside.setToolTip(self.tr("Pruned and merged ideas are hidden, not deleted"))
        self.show_set_aside.toggled.connect(self._refresh_ideas)
        self.idea_view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.idea_view.setToolTip(
            self.tr("K keep · X prune (with a reason) · S shortlist · arrows move · Ctrl+Z undo")
        )
        for key, slot, text in (
            ("K", self.keep_current, self.tr("Keep (restore if set aside)")),
            ("X", self.prune_current, self.tr("Prune with a reason…")),
            ("S", self.shortlist_current, self.tr("Shortlist")),
        ):
            action = QtGui.QAction(text, self.idea_view)
            action.setShortcut(QtGui.QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.idea_view.addAction(action)
        self.idea_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        # Generation: count, Generate / Cancel, progress, and what the last run cost.
        self.count_box = QtWidgets.QSpinBox()
        self.count_box.setRange(1, 2000)
        self.count_box.setValue(20)
        self.count_box.setToolTip(self.tr("How many ideas the model should add"))
        self.generate_button = QtWidgets.QPushButton(self.tr("Generate ideas"))
        self.generate_button.setShortcut(QtGui.QKeySequence("Ctrl+G"))
        self.generate_button.setToolTip(self.tr("Let the local model write ideas (Ctrl+G)"))
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel"))
        self.cancel_button.setShortcut(QtGui.QKeySequence("Esc"))
        self.cancel_button.clicked.connect(self.cancel_generation)
        self.cancel_button.setEnabled(False)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        self.run_label = QtWidgets.QLabel()
        self.run_label.setWordWrap(True)
        self.rejected_button = QtWidgets.QPushButton(self.tr("Rejected outputs…"))
        self.rejected_button.setToolTip(
            self.tr("What the filters threw away in the last run, and why")
        )
        self.rejected_button.clicked.connect(self.show_rejected)
        self.rejected_button.setVisible(False)
        self._last_run: GenerationRun | None = None
        self.device_label = QtWidgets.QLabel()
        gen_row = QtWidgets.QHBoxLayout()
        gen_row.addWidget(QtWidgets.QLabel(self.tr("Ideas:")))
        gen_row.addWidget(self.count_box)
        gen_row.addWidget(self.generate_button)
        gen_row.addWidget(self.cancel_button)
        gen_row.addWidget(self.progress, 1)
        self.generate_button.setEnabled(False)

        right = QtWidgets.QWidget()
        rv = QtWidgets.QVBoxLayout(right)
        rv.addWidget(self.challenge_label)
        rv.addLayout(gen_row)
        run_row = QtWidgets.QHBoxLayout()
        run_row.addWidget(self.run_label, 1)
        run_row.addWidget(self.rejected_button)
        rv.addLayout(run_row)
        rv.addWidget(self.idea_view, 1)
        entry_row = QtWidgets.QHBoxLayout()
        entry_row.addWidget(self.idea_entry, 1)
        entry_row.addWidget(self.show_set_aside)
        rv.addLayout(entry_row)

        from ideaforge.ui.converge import ConvergePanel

        self.undo_stack = QtGui.QUndoStack(self)
        self.converge = ConvergePanel(self.ws, undo_stack=self.undo_stack)
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.addTab(right, self.tr("Diverge"))
        self.tabs.addTab(self.converge, self.tr("Converge"))
        self.tabs.setTabToolTip(0, self.tr("Generate and add ideas (Ctrl+1)"))
        self.tabs.setTabToolTip(1, self.tr("Themes, duplicates, map and metrics (Ctrl+2)"))
        for n in (0, 1):
            shortcut = QtGui.QShortcut(QtGui.QKeySequence(f"Ctrl+{n + 1}"), self)
            shortcut.activated.connect(lambda n=n: self.tabs.setCurrentIndex(n))
        rv.removeWidget(self.challenge_label)  # the challenge heads both tabs
        outer = QtWidgets.QWidget()
        ov = QtWidgets.QVBoxLayout(outer)
        ov.addWidget(self.challenge_label)
        ov.addWidget(self.tabs, 1)

        splitter = QtWidgets.QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(outer)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 800])
        self.setCentralWidget(splitter)

        new_action = QtGui.QAction(self.tr("&New session…"), self)
        new_action.setShortcut(QtGui.QKeySequence.StandardKey.New)
        new_action.triggered.connect(self.new_session)
        quit_action = QtGui.QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QtGui.QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addAction(new_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        edit = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QtGui.QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts(
            [
                QtGui.QKeySequence(QtGui.QKeySequence.StandardKey.Redo),
                QtGui.QKeySequence("Ctrl+Shift+Z"),
            ]
        )
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        self.statusBar().showMessage(self.tr("Database: %1").replace("%1", self.ws.store.where))
        self.statusBar().addPermanentWidget(self.device_label)
        self._worker: GenerateWorker | None = None
        self._thread: QtCore.QThread | None = None
        self._started = 0.0
        self._refresh_timer = QtCore.QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(100)  # coalesce bursts of changes into one redraw
        self._refresh_timer.timeout.connect(self._refresh_all)

        # Services may report changes from worker threads; hop to the GUI thread first.
        self.changed.connect(self._on_change, Qt.ConnectionType.QueuedConnection)
        self.ws.subscribe(self.changed.emit)
        self.refresh_sessions()

    # --- actions ----------------------------------------------------------------------------

    def show_error(self, error: Exception) -> None:
        QtWidgets.QMessageBox.warning(self, self.tr("IdeaForge"), str(error))

    def new_session(self) -> None:
        dialog = NewSessionDialog(self)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        try:
            s = self.ws.sessions.new(
                dialog.challenge.toPlainText(),
                intent=dialog.intent.toPlainText(),
                values=dialog.values.toPlainText(),
            )
        except IdeaForgeError as error:
            self.show_error(error)
            return
        self.refresh_sessions()
        self.select_session(s.id)

    def generate(self) -> None:
        if self.current_session is None or self._worker is not None:
            return
        request = DivergeRequest(self.current_session, count=self.count_box.value())
        self._worker = GenerateWorker(self.ws, request)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_generated)
        self._worker.failed.connect(self._on_generate_failed)
        self._started = time.monotonic()
        self.generate_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Starting the model…"))
        self.run_label.setText("")
        self._thread = start_in_thread(self._worker, self)

    def cancel_generation(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.progress.setFormat(self.tr("Stopping…"))

    def _on_progress(self, done: int, total: int, message: str) -> None:
        elapsed = time.monotonic() - self._started
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            frac = done / total
            left = f" · about {elapsed / frac - elapsed:.0f} s left" if 0.02 < frac < 1 else ""
            self.progress.setFormat(f"{message}{left}")
        else:
            self.progress.setRange(0, 0)
            self.progress.setFormat(message)

    def _generation_ended(self) -> None:
        self._worker = None
        self._thread = None
        self.cancel_button.setEnabled(False)
        self.generate_button.setEnabled(self.current_session is not None)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)

    def _on_generated(self, result: DivergeResult) -> None:
        self._generation_ended()
        self.progress.setFormat(self.tr("Done"))
        self.run_label.setText(describe_run(result))
        self._last_run = result.run
        self.rejected_button.setVisible(bool(result.run.rejected_samples))
        self.device_label.setText(result.run.message)
        self._refresh_all()

    def show_rejected(self) -> None:
        if self._last_run is not None:
            RejectedDialog(self._last_run, self).exec()

    def _on_generate_failed(self, message: str) -> None:
        self._generation_ended()
        self.progress.setFormat(self.tr("Failed"))
        QtWidgets.QMessageBox.warning(self, self.tr("Generation failed"), message)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        """Stop a running generation before the window goes; what was finished is kept."""
        if self._worker is not None and self._thread is not None:
            self._worker.cancel()
            self._thread.quit()
            self._thread.wait(5000)
        self.converge.cancel()
        self.converge.wait(5000)
        super().closeEvent(event)

    def add_idea(self) -> None:
        if self.current_session is None:
            return
        try:
            self.ws.ideas.add(self.current_session, self.idea_entry.text())
        except IdeaForgeError as error:
            self.show_error(error)
            return
        self.idea_entry.clear()

    # --- views ------------------------------------------------------------------------------

    def refresh_sessions(self) -> None:
        self.sessions.set_rows(self.ws.sessions.list())
        if self.current_session is not None:
            self.select_session(self.current_session)

    def select_session(self, session_id: int) -> None:
        row = self.sessions.row_of(session_id)
        if row >= 0:
            self.session_view.setCurrentIndex(self.sessions.index(row))

    def _session_selected(self, current: QtCore.QModelIndex, _previous: QtCore.QModelIndex) -> None:
        if not current.isValid():
            return
        session_id = int(current.data(IdRole))
        if session_id == self.current_session and self.ideas.rowCount() > 0:
            return
        self.current_session = session_id
        s = self.ws.sessions.get(session_id)
        self.challenge_label.setText(s.challenge)
        self.idea_entry.setEnabled(True)
        self.generate_button.setEnabled(self._worker is None)
        self._refresh_ideas()
        self.converge.set_session(session_id)

    def _refresh_ideas(self) -> None:
        if self.current_session is None:
            return
        keep = self._current_idea_id()
        statuses = None if self.show_set_aside.isChecked() else IN_PLAY
        self.ideas.set_rows(self.ws.ideas.list(self.current_session, statuses=statuses))
        if keep is not None:
            self._select_idea(keep)

    # --- keyboard-first pruning (undoable) ----------------------------------------------------

    def _current_idea_id(self) -> int | None:
        index = self.idea_view.currentIndex()
        return int(index.data(IdRole)) if index.isValid() else None

    def _select_idea(self, idea_id: int, row_hint: int = 0) -> None:
        row = self.ideas.row_of(idea_id)
        if row < 0:
            row = min(row_hint, self.ideas.rowCount() - 1)
        if row >= 0:
            self.idea_view.setCurrentIndex(self.ideas.index(row))

    def _set_status(self, forward: SetIdeaStatus) -> None:
        from ideaforge.ui.undo import StatusCommand, status_text

        row = self.idea_view.currentIndex().row()
        try:
            backward = self.ws.ideas.apply(forward)
        except IdeaForgeError as error:
            self.show_error(error)
            return
        self.undo_stack.push(
            StatusCommand(self.ws, forward, backward,
                          status_text(forward.status, forward.idea_id), self.show_error)
        )  # fmt: skip
        self._refresh_ideas()
        # On to the next idea, so a list can be triaged key by key.
        nxt = row + 1 if self.ideas.row_of(forward.idea_id) >= 0 else row
        self._select_idea(-1, nxt)

    def keep_current(self) -> None:
        idea_id = self._current_idea_id()
        if idea_id is None:
            return
        idea = self.ws.ideas.get(idea_id)
        if idea.status in (IdeaStatus.PRUNED, IdeaStatus.MERGED):
            self._set_status(SetIdeaStatus(idea_id, IdeaStatus.ACTIVE))
        else:
            self._select_idea(-1, self.idea_view.currentIndex().row() + 1)

    def prune_current(self) -> None:
        idea_id = self._current_idea_id()
        if idea_id is None:
            return
        reason = PruneDialog.ask(self)
        if reason:
            self._set_status(SetIdeaStatus(idea_id, IdeaStatus.PRUNED, reason))

    def shortlist_current(self) -> None:
        idea_id = self._current_idea_id()
        if idea_id is not None:
            self._set_status(SetIdeaStatus(idea_id, IdeaStatus.SHORTLISTED))

    def _on_change(self, change: Change) -> None:
        self._refresh_timer.start()

    def _refresh_all(self) -> None:
        self.sessions.set_rows(self.ws.sessions.list())
        if self.current_session is not None:
            row = self.sessions.row_of(self.current_session)
            if row >= 0:
                self.session_view.selectionModel().blockSignals(True)
                self.session_view.setCurrentIndex(self.sessions.index(row))
                self.session_view.selectionModel().blockSignals(False)
        self._refresh_ideas()
