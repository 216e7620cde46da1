"""The main window: session library on the left, the open session on the right."""

from __future__ import annotations

import time

from ideaforge.core.commands import SetIdeaStatus
from ideaforge.core.errors import IdeaForgeError
from ideaforge.core.i18n import localize
from ideaforge.core.model import GenerationRun, IdeaStatus, Language, Phase, Session
from ideaforge.core.rules import IN_PLAY
from ideaforge.services.diverge import REJECTION_REASONS as REASONS
from ideaforge.services.diverge import DivergeRequest, DivergeResult
from ideaforge.services.models import ModelInfo
from ideaforge.services.workspace import Change, Workspace
from ideaforge.ui.dialogs import ok_cancel
from ideaforge.ui.first_run import ModelPrepBanner
from ideaforge.ui.models import IdeaListModel, IdRole, SessionListModel
from ideaforge.ui.models_window import ModelsWindow
from ideaforge.ui.qt import QT_TRANSLATE_NOOP, Qt, QtCore, QtGui, QtWidgets, Signal
from ideaforge.ui.workers import GenerateWorker, describe_run, start_in_thread


class NewSessionDialog(QtWidgets.QDialog):
    """Asks for the challenge and, optionally, the intent and values; with ``session`` given it
    edits that session's title, challenge, intent and values instead."""

    def __init__(
        self, parent: QtWidgets.QWidget | None = None, session: Session | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit session") if session else self.tr("New session"))
        self.title = QtWidgets.QLineEdit()
        self.title.setPlaceholderText(self.tr("Optional: a short name (else the challenge)"))
        self.challenge = QtWidgets.QPlainTextEdit()
        self.challenge.setPlaceholderText(self.tr("How might we …?"))
        self.intent = QtWidgets.QPlainTextEdit()
        self.intent.setPlaceholderText(self.tr("Optional: what should the chosen idea achieve?"))
        self.values = QtWidgets.QPlainTextEdit()
        self.values.setPlaceholderText(self.tr("Optional: the values that should guide the choice"))
        for box in (self.intent, self.values):
            box.setMaximumHeight(70)
        self.language = QtWidgets.QComboBox()
        self.language.addItem(self.tr("Detect from the challenge"), None)
        self.language.addItem(self.tr("English"), Language.EN.value)
        self.language.addItem(self.tr("Traditional Chinese (繁體中文)"), Language.ZH_TW.value)
        self.language.addItem(self.tr("Mixed (English and Chinese)"), Language.MIXED.value)
        self.language.setToolTip(
            self.tr("The language ideas are generated, checked and grouped in")
        )
        form = QtWidgets.QFormLayout(self)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Challenge"), self.challenge)
        form.addRow(self.tr("Intent"), self.intent)
        form.addRow(self.tr("Values"), self.values)
        form.addRow(self.tr("Language"), self.language)
        if session is not None:
            self.title.setText(session.title)
            self.challenge.setPlainText(session.challenge)
            self.intent.setPlainText(session.intent)
            self.values.setPlainText(session.values)
            self.language.setCurrentIndex(self.language.findData(session.language.value))
        buttons = ok_cancel(self)
        form.addRow(buttons)
        self.resize(520, 380)


class RejectedDialog(QtWidgets.QDialog):
    """The outputs a run's filters rejected, each with its reason and lens."""

    def __init__(self, run: GenerationRun, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rejected outputs"))
        counts = ", ".join(
            f"{n} {localize(REASONS.get(k, k))}" for k, n in sorted(run.rejected.items())
        )
        summary = QtWidgets.QLabel(counts)
        summary.setWordWrap(True)
        self.table = QtWidgets.QTableWidget(len(run.rejected_samples), 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Reason"), self.tr("Lens"), self.tr("Output")]
        )
        for row, sample in enumerate(run.rejected_samples):
            for col, key in enumerate(("reason", "lens", "text")):
                value = str(sample.get(key, ""))
                shown = localize(REASONS[value]) if key == "reason" and value in REASONS else value
                item = QtWidgets.QTableWidgetItem(shown)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if key == "reason":
                    item.setToolTip(value)  # the filter's own name for the reason
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
    str(QT_TRANSLATE_NOOP("PruneDialog", "Duplicate of another idea")),
    str(QT_TRANSLATE_NOOP("PruneDialog", "Off-topic")),
    str(QT_TRANSLATE_NOOP("PruneDialog", "Too vague to act on")),
    str(QT_TRANSLATE_NOOP("PruneDialog", "Not feasible for us")),
    str(QT_TRANSLATE_NOOP("PruneDialog", "Against our values")),
    str(QT_TRANSLATE_NOOP("PruneDialog", "Unsafe or harmful")),
)


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
        buttons = ok_cancel(self)
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


class HelpDialog(QtWidgets.QDialog):
    """Every shortcut of the window, read from its actions, and how the phases fit together."""

    def __init__(self, rows: list[tuple[str, str]], parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Help: shortcuts"))
        intro = QtWidgets.QLabel(
            self.tr(
                "<b>Diverge</b>: the local model and people write ideas. "
                "<b>Converge</b>: analyse to find duplicates and themes, then people prune, "
                "score and shortlist. <b>Decide</b>: people record what they chose, why, and "
                "what they checked. Every edit is saved at once; Ctrl+Z undoes it."
            )
        )
        intro.setWordWrap(True)
        self.table = QtWidgets.QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        for r, (keys, text) in enumerate(rows):
            for c, value in enumerate((keys, text)):
                item = QtWidgets.QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        self.table.verticalHeader().setVisible(False)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(620, 560)


PHASES = (Phase.DIVERGE, Phase.CONVERGE, Phase.DECIDE)


class MainWindow(QtWidgets.QMainWindow):
    changed = Signal(object)  # Change, re-emitted on the GUI thread

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.ws = workspace
        self.ws.models.separate_process = True  # generation must not hold the GUI thread
        self.current_session: int | None = None
        self.setWindowTitle("IdeaForge")
        self.resize(1200, 760)
        self.undo_stack = QtGui.QUndoStack(self)
        # Window layout and generation settings live beside the database, never in the registry.
        self.prefs = QtCore.QSettings(
            str(self.ws.settings.data_dir / "window.ini"), QtCore.QSettings.Format.IniFormat
        )
        self._build_library()
        diverge = self._build_diverge()

        from ideaforge.ui.converge import ConvergePanel
        from ideaforge.ui.decide import DecidePanel
        from ideaforge.ui.scoring import ScorePanel

        self.converge = ConvergePanel(self.ws, undo_stack=self.undo_stack)
        self.scoring = ScorePanel(self.ws, self.undo_stack)
        self.decide = DecidePanel(self.ws, self.undo_stack)
        self.converge_tabs = QtWidgets.QTabWidget()
        self.converge_tabs.addTab(self.converge, self.tr("Themes and duplicates"))
        self.converge_tabs.addTab(self.scoring, self.tr("Score"))
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.addTab(diverge, self.tr("1 · Diverge"))
        self.tabs.addTab(self.converge_tabs, self.tr("2 · Converge"))
        self.tabs.addTab(self.decide, self.tr("3 · Decide"))
        self.tabs.setTabToolTip(0, self.tr("Generate and add ideas (Ctrl+1)"))
        self.tabs.setTabToolTip(
            1, self.tr("Themes, duplicates, map, metrics, criteria and scores (Ctrl+2)")
        )
        self.tabs.setTabToolTip(2, self.tr("Shortlist, decision record and checklist (Ctrl+3)"))

        self.challenge_label = QtWidgets.QLabel(self.tr("Create or pick a session to start."))
        self.challenge_label.setWordWrap(True)
        self.challenge_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.challenge_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.challenge_label.setFont(font)
        self.phase_label = QtWidgets.QLabel()
        self.phase_label.setToolTip(self.tr("The phase the session is in; tabs show any phase"))
        self.back_phase_button = QtWidgets.QPushButton()
        self.back_phase_button.clicked.connect(lambda: self.move_phase(-1))
        self.next_phase_button = QtWidgets.QPushButton()
        self.next_phase_button.clicked.connect(lambda: self.move_phase(+1))
        phase_row = QtWidgets.QHBoxLayout()
        phase_row.addWidget(self.challenge_label, 1)
        phase_row.addWidget(self.phase_label)
        phase_row.addWidget(self.back_phase_button)
        phase_row.addWidget(self.next_phase_button)
        outer = QtWidgets.QWidget()
        ov = QtWidgets.QVBoxLayout(outer)
        # First run: the model is prepared in the background; this strip says how it goes.
        self.prep_banner = ModelPrepBanner(self.ws, self)
        self.prep_banner.open_sample.connect(self.open_sample)
        self.prep_banner.show_models.connect(self.show_models)
        self.prep_banner.model_ready.connect(self._models_changed)
        ov.addWidget(self.prep_banner)
        ov.addLayout(phase_row)
        ov.addWidget(self.tabs, 1)

        self.splitter = QtWidgets.QSplitter()
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(outer)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([280, 920])
        self.setCentralWidget(self.splitter)
        from ideaforge.ui.workshop import WorkshopPanel

        self.workshop = WorkshopPanel(self.ws)
        self.workshop.presenter_button.clicked.connect(self.show_presenter)
        # Undo steps act as the person who made them: a new person starts with a clean stack.
        self.workshop.actor_switched.connect(lambda _name: self.undo_stack.clear())
        self.workshop_dock = QtWidgets.QDockWidget(self.tr("Workshop"), self)
        self.workshop_dock.setObjectName("workshop_dock")
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.workshop)
        scroll.setMinimumWidth(self.workshop.minimumSizeHint().width() + 24)
        self.workshop_dock.setWidget(scroll)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.workshop_dock)
        self.workshop_dock.hide()  # solo use needs none of it; View > Workshop shows it
        self.presenter: QtWidgets.QWidget | None = None
        self.owns_workspace = False
        self._build_menus()
        self.statusBar().showMessage(self.tr("Database: %1").replace("%1", self.ws.store.where))
        self.download_status = QtWidgets.QLabel()  # a model download, while one runs
        self.statusBar().addPermanentWidget(self.download_status)
        self.statusBar().addPermanentWidget(self.device_label)
        self.models_window: ModelsWindow | None = None

        self._worker: GenerateWorker | None = None
        self._thread: QtCore.QThread | None = None
        self._started = 0.0
        self._refresh_timer = QtCore.QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(100)  # coalesce bursts of changes into one redraw
        self._refresh_timer.timeout.connect(self._refresh_changed)
        self._pending_ids: set[int] = set()
        self._full_refresh = False
        self._ideas_stale = False
        self.tabs.currentChanged.connect(self._tab_changed)
        self._search_timer = QtCore.QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self._refresh_ideas)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())

        # Services may report changes from worker threads; hop to the GUI thread first.
        self.changed.connect(self._on_change, Qt.ConnectionType.QueuedConnection)
        self.ws.subscribe(self.changed.emit)
        # Other clients' changes (other machines, or other windows on a shared file).
        self.ws.watch()
        self._update_phase_bar(None)
        self.refresh_sessions()
        self._restore_layout()
        # Slow look-ups (models on disk, the GPU driver) wait until the window is on screen.
        QtCore.QTimer.singleShot(0, self._load_generation_choices)

    # --- building -----------------------------------------------------------------------

    def _build_library(self) -> None:
        self.sessions = SessionListModel(self)
        self.session_view = QtWidgets.QListView()
        self.session_view.setModel(self.sessions)
        self.session_view.setAlternatingRowColors(True)
        self.session_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.session_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.session_view.setSpacing(2)
        self.session_view.selectionModel().currentChanged.connect(self._session_selected)
        self.session_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.new_action = self._action(self.tr("&New session…"), self.new_session,
                                       QtGui.QKeySequence.StandardKey.New)  # fmt: skip
        self.edit_session_action = self._action(
            self.tr("&Rename or edit session…"), self.edit_session, "F2"
        )
        self.duplicate_action = self._action(
            self.tr("D&uplicate session"), self.duplicate_session, "Ctrl+Shift+D"
        )
        self.delete_action = self._action(
            self.tr("&Delete session…"), self.delete_session, "Ctrl+Shift+Del"
        )
        for a in (self.edit_session_action, self.duplicate_action, self.delete_action):
            self.session_view.addAction(a)
        buttons = QtWidgets.QGridLayout()
        short = (self.tr("New…"), self.tr("Edit…"), self.tr("Duplicate"), self.tr("Delete…"))
        for n, (action, label) in enumerate(zip(
            (self.new_action, self.edit_session_action, self.duplicate_action, self.delete_action),
            short, strict=True,
        )):  # fmt: skip
            b = QtWidgets.QPushButton(label)
            keys = action.shortcut().toString(QtGui.QKeySequence.SequenceFormat.NativeText)
            b.setToolTip(f"{action.text().replace('&', '')} ({keys})")
            b.clicked.connect(action.trigger)
            action.enabledChanged.connect(b.setEnabled)
            buttons.addWidget(b, n // 2, n % 2)
        self.library = QtWidgets.QWidget()
        lv = QtWidgets.QVBoxLayout(self.library)
        lv.addWidget(QtWidgets.QLabel(self.tr("<b>Sessions</b>")))
        lv.addWidget(self.session_view, 1)
        lv.addLayout(buttons)

    def _build_diverge(self) -> QtWidgets.QWidget:
        self.ideas = IdeaListModel(self)
        self.idea_view = QtWidgets.QListView()
        self.idea_view.setModel(self.ideas)
        from ideaforge.ui.models import IdeaDelegate

        self.idea_view.setItemDelegate(IdeaDelegate(self.idea_view))
        self.idea_view.setWordWrap(True)
        self.idea_view.setUniformItemSizes(False)
        self.idea_view.setSpacing(3)
        self.idea_view.setLayoutMode(QtWidgets.QListView.LayoutMode.Batched)
        self.idea_view.setBatchSize(200)  # lay out long lists in slices, between events
        self.idea_entry = QtWidgets.QLineEdit()
        self.idea_entry.setPlaceholderText(self.tr("Add your own idea and press Enter"))
        self.idea_entry.returnPressed.connect(self.add_idea)
        self.idea_entry.setEnabled(False)
        self.show_set_aside = QtWidgets.QCheckBox(self.tr("Show pruned and merged"))
        self.show_set_aside.setToolTip(self.tr("Pruned and merged ideas are hidden, not deleted"))
        self.show_set_aside.toggled.connect(self._refresh_ideas)
        self.search_edit = QtWidgets.QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search ideas (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.origin_filter = QtWidgets.QComboBox()
        self.origin_filter.addItem(self.tr("All sources"), None)
        self.origin_filter.addItem(self.tr("People"), "human")
        self.origin_filter.addItem(self.tr("Model"), "model")
        self.origin_filter.setToolTip(self.tr("Show ideas from people, from the model, or both"))
        self.origin_filter.currentIndexChanged.connect(lambda _i: self._refresh_ideas())
        self.idea_view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.idea_view.setToolTip(
            self.tr(
                "K keep · X prune (with a reason) · S shortlist · 1-5 score Impact · "
                "V vote · Shift+V unvote · arrows move · Ctrl+Z undo"
            )
        )
        self.triage_actions: list[QtGui.QAction] = []
        for key, slot, text in (
            ("K", self.keep_current, self.tr("Keep (restore if set aside)")),
            ("X", self.prune_current, self.tr("Prune with a reason…")),
            ("S", self.shortlist_current, self.tr("Shortlist")),
            ("V", lambda: self.vote_current(+1), self.tr("Vote: put a dot on it")),
            ("Shift+V", lambda: self.vote_current(-1), self.tr("Take a dot back")),
        ):
            self.triage_actions.append(self._idea_action(text, slot, key))
        for n in range(1, 6):
            self.triage_actions.append(
                self._idea_action(
                    self.tr("Score %1 on the first criterion").replace("%1", str(n)),
                    lambda _c=False, n=n: self.score_current(n),
                    str(n),
                )
            )
        self.idea_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        # Generation settings: count, lenses, creativity, model; the device is shown.
        self.count_box = QtWidgets.QSpinBox()
        self.count_box.setRange(1, 2000)
        self.count_box.setValue(int(str(self.prefs.value("generate/count", 20))))
        self.count_box.setToolTip(self.tr("How many ideas the model should add"))
        self.lens_button = QtWidgets.QPushButton(self.tr("All lenses"))
        self.lens_button.setToolTip(
            self.tr("Lenses steer the model: SCAMPER, personas, analogies, constraints, reversal")
        )
        self.lens_menu = QtWidgets.QMenu(self.lens_button)
        self.lens_button.setMenu(self.lens_menu)
        self.lens_actions: dict[str, QtGui.QAction] = {}
        self.creativity = QtWidgets.QDoubleSpinBox()
        self.creativity.setRange(0.1, 1.5)
        self.creativity.setSingleStep(0.1)
        self.creativity.setDecimals(1)
        self.creativity.setValue(float(str(self.prefs.value("generate/creativity", 0.9))))
        self.creativity.setToolTip(
            self.tr("Creativity (sampling temperature): higher gives wilder, less safe ideas")
        )
        self.model_box = QtWidgets.QComboBox()
        self.model_box.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model_box.setToolTip(
            self.tr("The local model that writes ideas; it is prepared on first use")
        )
        self.model_box.activated.connect(self._model_chosen)
        self.models_button = QtWidgets.QToolButton()
        self.models_button.setText(self.tr("More models…"))
        self.models_button.setToolTip(
            self.tr("The model catalogue: what fits this computer, downloads (Ctrl+Shift+M)")
        )
        self.models_button.clicked.connect(self.show_models)
        self.generate_button = QtWidgets.QPushButton(self.tr("Generate ideas"))
        self.generate_button.setShortcut(QtGui.QKeySequence("Ctrl+G"))
        self.generate_button.setToolTip(self.tr("Let the local model write ideas (Ctrl+G)"))
        self.generate_button.clicked.connect(self.generate)
        self.generate_button.setEnabled(False)
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel"))
        self.cancel_button.setShortcut(QtGui.QKeySequence("Esc"))
        self.cancel_button.setToolTip(self.tr("Stop; ideas already written are kept (Esc)"))
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

        settings_row = QtWidgets.QHBoxLayout()
        for label, widget in (
            (self.tr("Ideas:"), self.count_box),
            (self.tr("Lenses:"), self.lens_button),
            (self.tr("Creativity:"), self.creativity),
            (self.tr("Model:"), self.model_box),
        ):
            settings_row.addWidget(QtWidgets.QLabel(label))
            settings_row.addWidget(widget)
        settings_row.addWidget(self.models_button)
        settings_row.addStretch(1)
        gen_row = QtWidgets.QHBoxLayout()
        gen_row.addWidget(self.generate_button)
        gen_row.addWidget(self.cancel_button)
        gen_row.addWidget(self.progress, 1)
        run_row = QtWidgets.QHBoxLayout()
        run_row.addWidget(self.run_label, 1)
        run_row.addWidget(self.rejected_button)
        filter_row = QtWidgets.QHBoxLayout()
        filter_row.addWidget(self.search_edit, 1)
        filter_row.addWidget(self.origin_filter)
        filter_row.addWidget(self.show_set_aside)

        page = QtWidgets.QWidget()
        rv = QtWidgets.QVBoxLayout(page)
        rv.addLayout(settings_row)
        rv.addLayout(gen_row)
        rv.addLayout(run_row)
        rv.addLayout(filter_row)
        rv.addWidget(self.idea_view, 1)
        rv.addWidget(self.idea_entry)
        return page

    def _action(
        self, text: str, slot: object, keys: str | QtGui.QKeySequence.StandardKey | None = None
    ) -> QtGui.QAction:
        action = QtGui.QAction(text, self)
        if keys is not None:
            action.setShortcut(QtGui.QKeySequence(keys))
        action.triggered.connect(slot)
        return action

    def _idea_action(self, text: str, slot: object, key: str) -> QtGui.QAction:
        action = QtGui.QAction(text, self.idea_view)
        action.setShortcut(QtGui.QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.idea_view.addAction(action)
        return action

    def _build_menus(self) -> None:
        quit_action = self._action(self.tr("&Quit"), self.close, "Ctrl+Q")
        menu = self.menuBar().addMenu(self.tr("&File"))
        for a in (self.new_action, self.edit_session_action, self.duplicate_action):
            menu.addAction(a)
        menu.addSeparator()
        self.join_action = self._action(
            self.tr("&Join a workshop…"), self.join_workshop, "Ctrl+Shift+J"
        )
        menu.addAction(self.join_action)
        self.import_action = self._action(self.tr("&Import ideas…"), self.import_ideas, "Ctrl+I")
        self.export_action = self._action(self.tr("&Export…"), self.export_session, "Ctrl+E")
        menu.addAction(self.import_action)
        menu.addAction(self.export_action)
        self.sample_action = self._action(self.tr("Open the &sample session"), self.open_sample)
        menu.addAction(self.sample_action)
        menu.addSeparator()
        self.models_action = self._action(self.tr("&Models…"), self.show_models, "Ctrl+Shift+M")
        menu.addAction(self.models_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
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
        edit.addSeparator()
        find = self._action(self.tr("&Find ideas"), self._focus_search, "Ctrl+F")
        edit.addAction(find)
        view = self.menuBar().addMenu(self.tr("&View"))
        self.phase_actions = []
        for n in range(len(PHASES)):
            a = self._action(
                self.tabs.tabText(n), lambda _c=False, n=n: self.tabs.setCurrentIndex(n),
                f"Ctrl+{n + 1}",
            )  # fmt: skip
            view.addAction(a)
            self.phase_actions.append(a)
        view.addSeparator()
        view.addAction(self.show_set_aside_action())
        view.addSeparator()
        self.workshop_action = self.workshop_dock.toggleViewAction()
        self.workshop_action.setText(self.tr("&Workshop panel"))
        self.workshop_action.setShortcut(QtGui.QKeySequence("Ctrl+Shift+W"))
        view.addAction(self.workshop_action)
        self.presenter_action = self._action(self.tr("&Presenter view"), self.show_presenter, "F5")
        view.addAction(self.presenter_action)
        view.addSeparator()
        language = view.addMenu(self.tr("&Language"))
        from ideaforge.services.config import read_prefs
        from ideaforge.ui.app import LANGUAGES

        current = str(read_prefs(self.ws.settings.data_dir).get("language", ""))
        group = QtGui.QActionGroup(self)
        for code, name in LANGUAGES.items():
            a = language.addAction(name)
            a.setCheckable(True)
            a.setChecked(code == current)
            a.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            group.addAction(a)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_action = self._action(self.tr("&Shortcuts and help"), self.show_help,
                                        QtGui.QKeySequence.StandardKey.HelpContents)  # fmt: skip
        help_menu.addAction(self.help_action)
        self.extra_shortcuts = [
            (self.tr("Enter"), self.tr("Add the idea typed in the field")),
            (self.tr("Esc"), self.tr("Cancel generation")),
            (self.tr("Ctrl+G"), self.tr("Generate ideas")),
            (self.tr("Ctrl+Shift+A"), self.tr("Analyse: duplicates, themes, map")),
            (self.tr("1-9, 0, Del"), self.tr("Score matrix: score the current cell, or clear it")),
            (self.tr("Ctrl+Return"), self.tr("Decide: record the decision")),
        ]

    def set_language(self, code: str) -> None:
        """Remember the interface language; Qt loads translations at start, so it applies on
        the next start."""
        from ideaforge.services.config import write_prefs

        write_prefs(self.ws.settings.data_dir, language=code)
        english = self.tr("&File") == "&File"  # no translation loaded now
        QtWidgets.QMessageBox.information(
            self, "IdeaForge",
            self.tr("The interface language changes the next time IdeaForge starts.")
            + ("\n介面語言會在下次啟動 IdeaForge 時變更。" if code == "zh-TW" and english else ""),
        )  # fmt: skip

    def show_set_aside_action(self) -> QtGui.QAction:
        a = QtGui.QAction(self.tr("Show &pruned and merged ideas"), self)
        a.setCheckable(True)
        a.toggled.connect(self.show_set_aside.setChecked)
        self.show_set_aside.toggled.connect(a.setChecked)
        return a

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """Every action with a shortcut, as the help panel lists them."""
        rows: list[tuple[str, str]] = []
        actions = [a for m in self.menuBar().findChildren(QtWidgets.QMenu) for a in m.actions()]
        for a in [*actions, *self.triage_actions]:
            keys = a.shortcut().toString(QtGui.QKeySequence.SequenceFormat.NativeText)
            if keys:
                rows.append((keys, a.text().replace("&", "")))
        return rows + self.extra_shortcuts

    def show_help(self) -> None:
        HelpDialog(self.shortcut_rows(), self).exec()

    def _focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # --- layout -------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.prefs.value("window/geometry")
        if isinstance(geometry, QtCore.QByteArray):
            self.restoreGeometry(geometry)
        state = self.prefs.value("window/splitter")
        if isinstance(state, QtCore.QByteArray):
            self.splitter.restoreState(state)
        else:  # first start: the library narrow, the session wide
            self.splitter.setStretchFactor(0, 0)
            self.splitter.setStretchFactor(1, 1)
            QtCore.QTimer.singleShot(
                0, lambda: self.splitter.setSizes([280, max(600, self.width() - 280)])
            )
        for key, tabs in (("window/tab", self.tabs), ("window/converge_tab", self.converge_tabs)):
            value = str(self.prefs.value(key, 0))
            tabs.setCurrentIndex(int(value) if value.isdigit() else 0)
        self.show_set_aside.setChecked(
            str(self.prefs.value("window/show_set_aside")).lower() == "true"
        )

    def save_layout(self) -> None:
        self.prefs.setValue("window/geometry", self.saveGeometry())
        self.prefs.setValue("window/splitter", self.splitter.saveState())
        self.prefs.setValue("window/tab", self.tabs.currentIndex())
        self.prefs.setValue("window/converge_tab", self.converge_tabs.currentIndex())
        self.prefs.setValue("window/show_set_aside", self.show_set_aside.isChecked())
        self.prefs.setValue("generate/count", self.count_box.value())
        self.prefs.setValue("generate/creativity", self.creativity.value())
        self.prefs.setValue("generate/lenses", self.chosen_lenses() or ["plain"])
        if self.current_session is not None:
            self.prefs.setValue("window/session", self.current_session)
        self.prefs.sync()

    # --- generation choices -------------------------------------------------------------

    def _load_generation_choices(self) -> None:
        try:
            from ideaforge.ui.app import interface_language

            lenses = self.ws.diverge.lenses(interface_language())
            models = self.ws.models.available()
            device = self.ws.models.device()
        except IdeaForgeError as error:
            self.show_error(error)
            return
        self.lens_menu.clear()
        self.lens_actions.clear()
        saved = self.prefs.value("generate/lenses")
        chosen = set(saved if isinstance(saved, list) else [saved] if saved else [])
        all_action = self.lens_menu.addAction(self.tr("All lenses (varied)"))
        all_action.triggered.connect(lambda: self._set_lenses(None))
        self.lens_menu.addSeparator()
        group = ""
        for lens in lenses:
            if lens.group != group and group:
                self.lens_menu.addSeparator()
            group = lens.group
            a = self.lens_menu.addAction(lens.title + (" ⚡" if lens.wild else ""))
            a.setCheckable(True)
            a.setChecked(lens.id in chosen)
            a.setData(lens.id)
            a.toggled.connect(lambda _on: self._update_lens_button())
            self.lens_actions[lens.id] = a
        self._update_lens_button()
        self._fill_model_box(models)
        self.device_label.setText(device.reason)
        self.device_label.setToolTip(
            self.tr("Where the model runs (set with --device or IDEAFORGE_DEVICE)")
        )
        self.prep_banner.start_if_needed()  # first run: prepare the model in the background

    def _fill_model_box(self, models: list[ModelInfo]) -> None:
        self.model_box.clear()
        for m in models:
            self.model_box.addItem(m.title, m.name)
            self.model_box.setItemData(
                self.model_box.count() - 1, m.state_text, Qt.ItemDataRole.ToolTipRole
            )
            if m.active:
                self.model_box.setCurrentIndex(self.model_box.count() - 1)

    def _models_changed(self) -> None:
        """The Models window installed, removed or chose a model: list them again."""
        try:
            self._fill_model_box(self.ws.models.available())
        except IdeaForgeError as error:
            self.show_error(error)

    def show_models(self) -> None:
        """The Models window: not modal, so work goes on beside it (and beside a download)."""
        from ideaforge.ui.app import interface_language

        if self.models_window is None:
            language = self._session_language()
            code = (
                "zh-TW" if language in (Language.ZH_TW, Language.MIXED)
                else "en" if language is Language.EN else interface_language()
            )  # fmt: skip
            window = ModelsWindow(self.ws, self, language=code)
            window.models_changed.connect(self._models_changed)
            window.download_status.connect(self.download_status.setText)
            self.models_window = window
        self.models_window.show()
        self.models_window.raise_()
        self.models_window.activateWindow()

    def chosen_lenses(self) -> list[str] | None:
        """Lens ids ticked in the menu; None means every lens (the default mix)."""
        ids = [lens_id for lens_id, a in self.lens_actions.items() if a.isChecked()]
        return ids or None

    def _set_lenses(self, ids: list[str] | None) -> None:
        for lens_id, a in self.lens_actions.items():
            a.blockSignals(True)
            a.setChecked(ids is not None and lens_id in ids)
            a.blockSignals(False)
        self._update_lens_button()

    def _update_lens_button(self) -> None:
        ids = self.chosen_lenses()
        if ids is None and self._session_language() in (Language.ZH_TW, Language.MIXED):
            # The services' default for Chinese: lenses made Chinese ideas far worse (measured)
            self.lens_button.setText(self.tr("Plain (the default in Chinese)"))
            self.lens_button.setToolTip(
                self.tr("Lenses made the model's Chinese ideas worse, so sessions in Chinese use "
                        "the plain prompt unless you tick lenses.")
            )  # fmt: skip
            return
        self.lens_button.setToolTip(
            self.tr("Lenses steer the model: SCAMPER, personas, analogies, constraints, reversal")
        )
        if ids is None:
            self.lens_button.setText(self.tr("All lenses"))
        elif len(ids) == 1:
            self.lens_button.setText(self.lens_actions[ids[0]].text())
        else:
            self.lens_button.setText(self.tr("%1 lenses").replace("%1", str(len(ids))))

    def _session_language(self) -> Language | None:
        session_id = getattr(self, "current_session", None)  # None while the window is built
        if session_id is None:
            return None
        try:
            return self.ws.sessions.get(session_id).language
        except IdeaForgeError:
            return None

    def _model_chosen(self, index: int) -> None:
        name = self.model_box.itemData(index)
        if not name:
            return
        try:
            self.ws.models.use(str(name))
        except IdeaForgeError as error:
            self.show_error(error)
            return
        if self.models_window is not None and self.models_window.isVisible():
            self.models_window.refresh()

    # --- actions ------------------------------------------------------------------------

    def show_error(self, error: Exception | str) -> None:
        QtWidgets.QMessageBox.warning(self, self.tr("IdeaForge"), str(error))

    def new_session(self) -> None:
        dialog = NewSessionDialog(self)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        try:
            title = dialog.title.text().strip() or None
            s = self.ws.sessions.new(
                dialog.challenge.toPlainText(),
                title=title,
                intent=dialog.intent.toPlainText(),
                values=dialog.values.toPlainText(),
                language=dialog.language.currentData(),
            )
        except IdeaForgeError as error:
            self.show_error(error)
            return
        self.refresh_sessions()
        self.select_session(s.id)
        self.tabs.setCurrentIndex(0)

    def edit_session(self) -> None:
        if self.current_session is None:
            return
        from ideaforge.ui.undo import push_edit

        old = self.ws.sessions.get(self.current_session)
        dialog = NewSessionDialog(self, old)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        new = {
            "title": dialog.title.text(),
            "challenge": dialog.challenge.toPlainText(),
            "intent": dialog.intent.toPlainText(),
            "values": dialog.values.toPlainText(),
            "language": dialog.language.currentData(),  # None: detect again if the text changed
        }
        before = {"title": old.title, "challenge": old.challenge, "intent": old.intent,
                  "values": old.values, "language": old.language.value}  # fmt: skip
        sid = old.id
        push_edit(
            self.undo_stack, self.ws, self.tr("Edit session '%1'").replace("%1", old.title),
            lambda: self.ws.sessions.update(sid, **new),
            lambda: self.ws.sessions.update(sid, **before), self.show_error,
        )  # fmt: skip

    EXPORTS = (
        ("md", QT_TRANSLATE_NOOP("MainWindow", "Decision records (MADR Markdown, a folder)")),
        ("html", QT_TRANSLATE_NOOP("MainWindow", "Report (one HTML file)")),
        ("csv", QT_TRANSLATE_NOOP("MainWindow", "Ideas table (CSV for spreadsheets)")),
        ("json", QT_TRANSLATE_NOOP("MainWindow", "Whole session (IdeaForge JSON)")),
    )

    def export_session(self) -> None:
        """Write the session as MADR records, an HTML report, CSV or JSON."""
        if self.current_session is None:
            return
        labels = [self.tr(str(label)) for _, label in self.EXPORTS]
        choice, ok = QtWidgets.QInputDialog.getItem(
            self, self.tr("Export"), self.tr("What to write:"), labels, 0, False
        )
        if not ok:
            return
        fmt = self.EXPORTS[labels.index(choice)][0]
        s = self.ws.sessions.get(self.current_session)
        base = str(QtCore.QDir.homePath()) + f"/ideaforge-session-{s.id}"
        if fmt == "md":
            path = QtWidgets.QFileDialog.getExistingDirectory(
                self, self.tr("Folder for the decision records"), str(QtCore.QDir.homePath())
            )
            if path:
                path = f"{path}/ideaforge-session-{s.id}-decisions"
        else:
            path, _ = QtWidgets.QFileDialog.getSaveFileName(
                self, self.tr("Export to"), f"{base}.{fmt}", f"*.{fmt}"
            )
        if not path:
            return
        from pathlib import Path

        try:
            written = self.ws.exports.export(s.id, fmt, Path(path), bom=fmt == "csv")  # type: ignore[arg-type]
        except IdeaForgeError as error:
            self.show_error(error)
            return
        self.statusBar().showMessage(
            self.tr("Exported %n file(s) to %1", "", len(written)).replace("%1", path), 8000
        )

    def import_ideas(self) -> None:
        """Add ideas from a text, CSV or IdeaForge JSON file (all or nothing)."""
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, self.tr("Import ideas"), str(QtCore.QDir.homePath()),
            self.tr("Ideas (*.txt *.csv *.json);;All files (*)"),
        )  # fmt: skip
        if not path:
            return
        from pathlib import Path

        target = None if path.lower().endswith(".json") else self.current_session
        try:
            result = self.ws.exports.import_ideas(
                Path(path), session_id=target,
                challenge=None if target else Path(path).stem,
            )  # fmt: skip
        except IdeaForgeError as error:
            self.show_error(error)
            return
        self.refresh_sessions()
        self.select_session(result.session_id)
        self.statusBar().showMessage(
            self.tr("Imported %n idea(s) (encoding %1)", "", result.imported).replace(
                "%1", result.encoding
            ),
            8000,
        )

    def open_sample(self) -> None:
        """The sample session in the interface language: imported the first time, then the
        same session again (a finished brainstorm to look around in)."""
        from ideaforge.ui.app import interface_language

        try:
            sid = self.ws.exports.open_sample(interface_language())
        except IdeaForgeError as error:
            self.show_error(error)
            return
        self.refresh_sessions()
        self.select_session(sid)

    def duplicate_session(self) -> None:
        if self.current_session is None:
            return
        try:
            s = self.ws.sessions.duplicate(self.current_session)
        except IdeaForgeError as error:
            self.show_error(error)
            return
        self.refresh_sessions()
        self.select_session(s.id)

    def delete_session(self) -> None:
        if self.current_session is None:
            return
        s = self.ws.sessions.get(self.current_session)
        n = self.ws.sessions.overview(s.id).counts
        answer = QtWidgets.QMessageBox.question(
            self,
            self.tr("Delete session"),
            self.tr(
                "Delete '%1' with its %2 ideas, scores and decisions?\n\n"
                "This cannot be undone. The audit log keeps a note that it existed."
            )
            .replace("%1", s.title)
            .replace("%2", str(sum(n.values()))),
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
            QtWidgets.QMessageBox.StandardButton.No,
        )
        if answer != QtWidgets.QMessageBox.StandardButton.Yes:
            return
        try:
            self.ws.sessions.delete(s.id)
        except IdeaForgeError as error:
            self.show_error(error)
            return
        self.undo_stack.clear()  # earlier steps may refer to what was deleted
        self.current_session = None
        self._show_session(None)
        self.refresh_sessions()
        if self.sessions.rowCount():
            self.session_view.setCurrentIndex(self.sessions.index(0))

    def move_phase(self, step: int) -> None:
        if self.current_session is None:
            return
        from ideaforge.ui.undo import push_edit

        s = self.ws.sessions.get(self.current_session)
        i = PHASES.index(s.phase) if s.phase in PHASES else len(PHASES) - 1
        j = i + step
        if not 0 <= j < len(PHASES):
            return
        sid, old, new = s.id, s.phase, PHASES[j]
        if push_edit(
            self.undo_stack, self.ws,
            self.tr("Move to %1").replace("%1", self._phase_name(new)),
            lambda: self.ws.sessions.set_phase(sid, new),
            lambda: self.ws.sessions.set_phase(sid, old), self.show_error,
        ):  # fmt: skip
            self.tabs.setCurrentIndex(j)

    def _phase_name(self, phase: Phase) -> str:
        return {
            Phase.DIVERGE: self.tr("Diverge"),
            Phase.CONVERGE: self.tr("Converge"),
            Phase.DECIDE: self.tr("Decide"),
            Phase.CLOSED: self.tr("Closed"),
        }[phase]

    def _update_phase_bar(self, s: Session | None) -> None:
        for b in (self.back_phase_button, self.next_phase_button):
            b.setVisible(s is not None)
        self.phase_label.setVisible(s is not None)
        if s is None:
            return
        self.phase_label.setText(
            self.tr("Phase: <b>%1</b>").replace("%1", self._phase_name(s.phase))
        )
        i = PHASES.index(s.phase) if s.phase in PHASES else len(PHASES)
        self.back_phase_button.setVisible(0 < i <= len(PHASES))
        if 0 < i <= len(PHASES):
            self.back_phase_button.setText(
                self.tr("◂ Back to %1").replace("%1", self._phase_name(PHASES[i - 1]))
            )
        self.next_phase_button.setVisible(i + 1 < len(PHASES))
        if i + 1 < len(PHASES):
            self.next_phase_button.setText(
                self.tr("Move on to %1 ▸").replace("%1", self._phase_name(PHASES[i + 1]))
            )
        try:  # only a facilitator moves the phase; others see where the session is
            lead = self.ws.workshop.can_facilitate(s.id)
        except IdeaForgeError:
            lead = False
        for b in (self.back_phase_button, self.next_phase_button):
            b.setEnabled(lead)
        for n in range(len(PHASES)):
            label = self.tabs.tabText(n).lstrip("● ")
            self.tabs.setTabText(n, f"● {label}" if n == i else label)

    def generate(self) -> None:
        if self.current_session is None or self._worker is not None:
            return
        request = DivergeRequest(
            self.current_session,
            count=self.count_box.value(),
            lenses=self.chosen_lenses(),
            temperature=round(self.creativity.value(), 2),
        )
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
            left = (
                " · " + self.tr("about %1 s left").replace("%1", f"{elapsed / frac - elapsed:.0f}")
                if 0.02 < frac < 1
                else ""
            )
            rate = (
                " · " + self.tr("%1 ideas/s").replace("%1", f"{done / elapsed:.1f}")
                if elapsed > 1 and done
                else ""
            )
            self.progress.setFormat(f"{message}{rate}{left}")
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
        self._load_models_only()
        self._refresh_all()

    def _load_models_only(self) -> None:
        """The model may have been prepared by this run: refresh its state in the menu."""
        try:
            models = self.ws.models.available()
        except IdeaForgeError:
            return
        for i, m in enumerate(models[: self.model_box.count()]):
            self.model_box.setItemData(i, m.state_text, Qt.ItemDataRole.ToolTipRole)

    def show_rejected(self) -> None:
        if self._last_run is not None:
            RejectedDialog(self._last_run, self).exec()

    def _on_generate_failed(self, message: str) -> None:
        self._generation_ended()
        self.progress.setFormat(self.tr("Failed"))
        QtWidgets.QMessageBox.warning(self, self.tr("Generation failed"), message)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        """Stop a running generation before the window goes; what was finished is kept."""
        self.save_layout()
        if self._worker is not None and self._thread is not None:
            self._worker.cancel()
            self._thread.quit()
            self._thread.wait(5000)
        self.converge.cancel()
        self.converge.wait(5000)
        self.prep_banner.shutdown()  # nothing half-built is kept; it starts again next time
        if self.models_window is not None:  # a download stops; what it fetched is kept
            self.models_window.shutdown()
            self.models_window.close()
        self.ws.stop_watching()
        if self.presenter is not None:
            self.presenter.close()
        if self.owns_workspace:  # opened by Join a workshop: nobody else closes it
            self.ws.close()
        super().closeEvent(event)

    def add_idea(self) -> None:
        if self.current_session is None:
            return
        from ideaforge.ui.undo import push_edit

        text, sid = self.idea_entry.text(), self.current_session
        added: list[int] = []

        def add() -> None:  # first time adds; a redo after undo brings the same idea back
            if added:
                self.ws.ideas.restore(added[0])
            else:
                added.append(self.ws.ideas.add(sid, text).id)

        def withdraw() -> None:  # ideas are never deleted: undo sets it aside, with the reason
            self.ws.ideas.prune(added[0], "Withdrawn by its author (undo)")

        if push_edit(self.undo_stack, self.ws, self.tr("Add idea"), add, withdraw, self.show_error):
            self.idea_entry.clear()

    # --- views --------------------------------------------------------------------------

    def refresh_sessions(self) -> None:
        self.sessions.update_rows(self.ws.sessions.list(), key=lambda r: r.session.id)
        if self.current_session is not None:
            self.select_session(self.current_session)
        elif self.sessions.rowCount():
            saved = self.prefs.value("window/session")
            row = self.sessions.row_of(int(str(saved))) if str(saved).isdigit() else -1
            if row >= 0:
                self.session_view.setCurrentIndex(self.sessions.index(row))

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
        self._show_session(session_id)

    def _show_session(self, session_id: int | None) -> None:
        self.current_session = session_id
        s = self.ws.sessions.get(session_id) if session_id is not None else None
        self.challenge_label.setText(
            s.challenge if s else self.tr("Create or pick a session to start.")
        )
        for a in (self.edit_session_action, self.duplicate_action, self.delete_action,
                  self.export_action):  # fmt: skip
            a.setEnabled(s is not None)
        self.idea_entry.setEnabled(s is not None)
        self.generate_button.setEnabled(s is not None and self._worker is None)
        self._update_phase_bar(s)
        self._update_lens_button()
        if s is None:
            self.ideas.set_rows([])
        else:
            self._refresh_ideas()
        self.converge.set_session(session_id)
        self.scoring.set_session(session_id, lazy=True)  # hidden panels load when shown
        self.decide.set_session(session_id, lazy=True)
        self.workshop.set_session(session_id)

    def _refresh_ideas(self) -> None:
        if self.current_session is None:
            return
        from ideaforge.core.model import Origin

        keep = self._current_idea_id()
        statuses = None if self.show_set_aside.isChecked() else IN_PLAY
        origin = self.origin_filter.currentData()
        origins = [Origin(origin)] if origin else None
        search = self.search_edit.text().strip() or None
        rows = self.ws.ideas.list(
            self.current_session, statuses=statuses, origins=origins, search=search
        )
        self.ideas.update_rows(rows, key=lambda i: i.id)
        if keep is not None:
            self._select_idea(keep)

    # --- keyboard-first pruning and scoring (undoable) ----------------------------------

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
        self._merge_ideas([forward.idea_id])
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

    def score_current(self, value: int) -> None:
        """Score the current idea on the session's first criterion (Impact by default)."""
        idea_id, sid = self._current_idea_id(), self.current_session
        if idea_id is None or sid is None:
            return
        from ideaforge.ui.undo import push_score

        try:
            criteria = self.ws.scoring.criteria(sid) or self.ws.scoring.ensure_defaults(sid)
        except IdeaForgeError as error:
            self.show_error(error)
            return
        criterion = criteria[0]
        if push_score(
            self.undo_stack, self.ws, idea_id, criterion.id, criterion.name, value,
            self.show_error,
        ):  # fmt: skip
            self.statusBar().showMessage(
                self.tr("Scored %1 on %2").replace("%1", str(value)).replace("%2", criterion.name),
                3000,
            )
            self._select_idea(-1, self.idea_view.currentIndex().row() + 1)

    def vote_current(self, step: int) -> None:
        """Put a dot on the current idea (step +1) or take one back (-1), undoably."""
        idea_id = self._current_idea_id()
        if idea_id is None:
            return
        from ideaforge.ui.undo import push_edit

        done: list[tuple[int, int]] = []

        def redo() -> None:
            if done:
                self.ws.scoring.vote(idea_id, done[0][1])
            else:
                done.append(self.ws.scoring.add_dots(idea_id, step))

        def undo() -> None:
            self.ws.scoring.vote(idea_id, done[0][0])

        text = self.tr("Vote on idea #%1") if step > 0 else self.tr("Take a dot from idea #%1")

        def refused(error: Exception | str) -> None:  # voting is quick: no dialog to dismiss
            self.statusBar().showMessage(str(error), 8000)
            QtWidgets.QApplication.beep()

        if push_edit(self.undo_stack, self.ws, text.replace("%1", str(idea_id)), redo, undo,
                     refused):  # fmt: skip
            self.statusBar().showMessage(
                self.tr("Your dots on #%1: %2").replace("%1", str(idea_id))
                .replace("%2", str(done[0][1])), 4000,
            )  # fmt: skip

    def join_workshop(self) -> MainWindow | None:
        """Ask for a join code, open the database it names and join its session, in a new
        window (this one closes). Returns the new window."""
        code, ok = QtWidgets.QInputDialog.getText(
            self, self.tr("Join a workshop"),
            self.tr("Join code from the facilitator (IF1-…):"),
        )  # fmt: skip
        if not ok or not code.strip():
            return None
        from dataclasses import replace

        from ideaforge.core.joincode import decode

        try:
            url, session_id = decode(code)
            ws = Workspace.open(replace(self.ws.settings, db_url=url))
        except IdeaForgeError as error:
            self.show_error(error)
            return None
        try:
            ws.workshop.join(session_id)
        except IdeaForgeError as error:
            ws.close()
            self.show_error(error)
            return None
        window = MainWindow(ws)
        window.owns_workspace = True
        window.show()
        window.select_session(session_id)
        window.workshop_dock.show()
        self.close()
        return window

    def show_presenter(self) -> None:
        """Open (or bring forward) the presenter view for a projector."""
        from ideaforge.ui.presenter import PresenterView

        self.workshop_dock.show()  # the presenter follows the panel's status and timer
        if self.presenter is None:
            self.presenter = PresenterView(self.ws, self.workshop)
        self.presenter.show()
        self.presenter.raise_()
        self.presenter.activateWindow()

    def _on_change(self, change: Change) -> None:
        """Services report every change; redraw once things settle. A change that names its
        ideas (a generated batch, a status change) is merged into the list row by row; only
        other changes reload the session (a reload of 10,000 ideas takes a third of a second)."""
        filtered = bool(self.search_edit.text().strip()) or self.origin_filter.currentData()
        if (
            change.session_id == self.current_session
            and change.idea_ids
            and not change.sessions
            and not filtered
        ):
            self._pending_ids.update(change.idea_ids)
        elif change.session_id in (None, self.current_session) or change.sessions:
            self._full_refresh = True
        self._refresh_timer.start()
        for panel in (self.converge, self.scoring, self.decide, self.workshop):
            panel.on_change(change)

    def _refresh_changed(self) -> None:
        if self._full_refresh or self.current_session is None:
            self._full_refresh = False
            self._pending_ids.clear()
            self._refresh_all()
            return
        ids, self._pending_ids = sorted(self._pending_ids), set()
        if ids:
            self._merge_ideas(ids)
            try:
                summaries = self.ws.sessions.list()  # idea counts in the library
            except IdeaForgeError as error:
                self.statusBar().showMessage(str(error), 5000)
                return
            self.sessions.update_rows(summaries, key=lambda r: r.session.id)

    def _merge_ideas(self, ids: list[int]) -> None:
        if self.current_session is None:
            return
        statuses = None if self.show_set_aside.isChecked() else set(IN_PLAY)
        try:
            changed = self.ws.ideas.list(self.current_session, ids=ids)
        except IdeaForgeError as error:
            self.statusBar().showMessage(str(error), 5000)
            return
        self.ideas.merge(changed, lambda i: statuses is None or i.status in statuses)

    def _refresh_all(self) -> None:
        self.sessions.update_rows(self.ws.sessions.list(), key=lambda r: r.session.id)
        if self.current_session is not None:
            row = self.sessions.row_of(self.current_session)
            if row < 0:  # deleted elsewhere
                self._show_session(None)
                return
            self.session_view.selectionModel().blockSignals(True)
            self.session_view.setCurrentIndex(self.sessions.index(row))
            self.session_view.selectionModel().blockSignals(False)
            self._update_phase_bar(self.sessions.row(row).session)
            self.challenge_label.setText(self.sessions.row(row).session.challenge)
        if self.tabs.currentIndex() == 0 or not self.isVisible():
            self._refresh_ideas()
        else:  # the list is behind another tab: reload it when it is shown again
            self._ideas_stale = True

    def _tab_changed(self, index: int) -> None:
        if index == 0 and self._ideas_stale:
            self._ideas_stale = False
            self._refresh_ideas()
