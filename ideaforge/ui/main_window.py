"""The main window: session library on the left, the open session on the right."""

from __future__ import annotations

from ideaforge.core.errors import IdeaForgeError
from ideaforge.services.workspace import Change, Workspace
from ideaforge.ui.models import IdeaListModel, IdRole, SessionListModel
from ideaforge.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal


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


class MainWindow(QtWidgets.QMainWindow):
    changed = Signal(object)  # Change, re-emitted on the GUI thread

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.ws = workspace
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
        right = QtWidgets.QWidget()
        rv = QtWidgets.QVBoxLayout(right)
        rv.addWidget(self.challenge_label)
        rv.addWidget(self.idea_view, 1)
        rv.addWidget(self.idea_entry)

        splitter = QtWidgets.QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
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
        self.statusBar().showMessage(self.tr("Database: %1").replace("%1", self.ws.store.where))

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
        self._refresh_ideas()

    def _refresh_ideas(self) -> None:
        if self.current_session is not None:
            self.ideas.set_rows(self.ws.ideas.list(self.current_session))

    def _on_change(self, change: Change) -> None:
        if change.sessions or change.ideas:
            self.sessions.set_rows(self.ws.sessions.list())
            if self.current_session is not None:
                row = self.sessions.row_of(self.current_session)
                if row >= 0:
                    self.session_view.selectionModel().blockSignals(True)
                    self.session_view.setCurrentIndex(self.sessions.index(row))
                    self.session_view.selectionModel().blockSignals(False)
        if change.ideas and change.session_id == self.current_session:
            self._refresh_ideas()
