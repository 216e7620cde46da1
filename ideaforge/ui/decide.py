"""The Decide view: people weigh the shortlist, choose, answer the responsibility checklist for
every chosen idea and record the decision. The model never decides.

Records are permanent (the log is append-only: a later record supersedes an earlier one), so
recording is confirmed and never goes on the undo stack. Which ideas are considered or chosen,
and the checklist answers, are form state until the record is made.
"""

from __future__ import annotations

import html
from functools import partial
from typing import Any

from ideaforge.core.errors import IdeaForgeError
from ideaforge.core.model import Decision, DecisionStatus, IdeaStatus, Session
from ideaforge.services.decisions import ANSWERS, CONCERNS, NEEDS_NOTE, DecisionDraft
from ideaforge.services.scoring import MatrixRow
from ideaforge.services.workspace import Change, Workspace
from ideaforge.ui.lazy import DeferredReload
from ideaforge.ui.models import source_text
from ideaforge.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal

IdeaIdRole = int(Qt.ItemDataRole.UserRole) + 20
CONSIDERED, CHOSEN, IDEA, SCORE, VOTES, SOURCE = range(6)
_AnswerWidgets = tuple[QtWidgets.QComboBox, QtWidgets.QLineEdit]
_CHECK = {True: Qt.CheckState.Checked, False: Qt.CheckState.Unchecked}


def _is_checked(value: Any) -> bool:
    """PySide passes check states as the enum or as its int value, depending on the caller."""
    return int(getattr(value, "value", value)) == Qt.CheckState.Checked.value


def _names(text: str) -> list[str]:
    text = text.replace("，", ",").replace("、", ",")
    return [n.strip() for n in text.split(",") if n.strip()]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class OptionsModel(QtCore.QAbstractTableModel):
    """The shortlist with two checkable columns: considered in this decision, and chosen.

    Chosen implies considered. Ideas new to the list start considered and not chosen; the marks
    of ideas still on the list survive a reload."""

    marks_changed = Signal()

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MatrixRow] = []
        self._considered: set[int] = set()
        self._chosen: set[int] = set()
        self._headers = [
            self.tr("Considered"), self.tr("Chosen"), self.tr("Idea"), self.tr("Score"),
            self.tr("Votes"), self.tr("Source"),
        ]  # fmt: skip

    def set_rows(self, rows: list[MatrixRow]) -> None:
        known = {r.idea.id for r in self._rows}
        self.beginResetModel()
        self._rows = list(rows)
        ids = {r.idea.id for r in self._rows}
        self._considered = (self._considered & ids) | (ids - known)
        self._chosen &= ids
        self.endResetModel()

    def reset_marks(self) -> None:
        """Every idea considered, none chosen (a fresh form)."""
        self._considered = {r.idea.id for r in self._rows}
        self._chosen = set()
        self._marks_reset()

    def set_chosen(self, idea_ids: list[int]) -> None:
        ids = {r.idea.id for r in self._rows}
        self._chosen = set(idea_ids) & ids
        self._considered |= self._chosen
        self._marks_reset()

    def _marks_reset(self) -> None:
        if self._rows:
            self.dataChanged.emit(
                self.index(0, CONSIDERED), self.index(len(self._rows) - 1, CHOSEN)
            )
        self.marks_changed.emit()

    def considered_ids(self) -> list[int]:
        return [r.idea.id for r in self._rows if r.idea.id in self._considered]

    def chosen_ids(self) -> list[int]:
        return [r.idea.id for r in self._rows if r.idea.id in self._chosen]

    def rows(self) -> list[MatrixRow]:
        return list(self._rows)

    def rowCount(self, parent: Any = None) -> int:  # Qt's name
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: Any = None) -> int:  # Qt's name
        return 0 if parent is not None and parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Any, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: Any) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() in (CONSIDERED, CHOSEN):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], index.column()
        idea = row.idea
        if role == IdeaIdRole:
            return idea.id
        if role == Qt.ItemDataRole.CheckStateRole:
            if col == CONSIDERED:
                return _CHECK[idea.id in self._considered]
            if col == CHOSEN:
                return _CHECK[idea.id in self._chosen]
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if col == IDEA:
                return f"★ {idea.text}"
            if col == SCORE:
                return "–" if row.total is None else f"{row.total:.1f}"
            if col == VOTES:
                return str(row.votes)
            if col == SOURCE:
                return source_text(idea)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (SCORE, VOTES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = {
                CONSIDERED: self.tr("Weighed in this decision"),
                CHOSEN: self.tr("Chosen in this decision (answer its checklist)"),
                SCORE: self.tr("Weighted total 0–100, resting on %1% of the criteria weight")
                .replace("%1", f"{100 * row.coverage:.0f}"),
                VOTES: self.tr("Dot votes from everyone"),
            }  # fmt: skip
            source = self.tr("From: %1").replace("%1", source_text(idea))
            return tips.get(col, f"#{idea.id} {idea.text}\n{source}")
        return None

    def setData(self, index: Any, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        idea_id, on = self._rows[index.row()].idea.id, _is_checked(value)
        if index.column() == CONSIDERED:
            (self._considered.add if on else self._considered.discard)(idea_id)
            if not on:
                self._chosen.discard(idea_id)
        elif index.column() == CHOSEN:
            (self._chosen.add if on else self._chosen.discard)(idea_id)
            if on:
                self._considered.add(idea_id)
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), CONSIDERED), self.index(index.row(), CHOSEN))
        self.marks_changed.emit()
        return True


class DecidePanel(QtWidgets.QWidget):
    """Shortlist and earlier decisions on the left; the decision form and checklist on the
    right."""

    recorded = Signal(object)  # Decision

    def __init__(
        self, ws: Workspace, undo_stack: QtGui.QUndoStack,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.ws = ws
        self.undo_stack = undo_stack  # recording is permanent: nothing here goes on the stack
        self.session_id: int | None = None
        self.decisions: list[Decision] = []
        self.facilitates = True  # the acting person may record (checked on each reload)
        self.results_hidden = False  # a workshop has not revealed its votes or scores yet
        self._answers: dict[int, dict[str, dict[str, str]]] = {}
        self._answer_widgets: dict[tuple[int, str], _AnswerWidgets] = {}
        self._checklist_ids: list[int] = []
        self._prefill = ("", "")  # the context and values last put in the form
        self.concern_labels = {
            "misinformation": self.tr("Misinformation or false claims"),
            "bias": self.tr("Bias and fairness"),
            "copyright": self.tr("Copyright and IP"),
            "privacy": self.tr("Privacy"),
            "safety": self.tr("Safety"),
        }
        self.answer_labels = {
            "": self.tr("— unanswered —"),
            "none": self.tr("No concern"),
            "mitigated": self.tr("Concern, mitigated"),
            "accepted": self.tr("Concern, risk accepted"),
        }

        self._reloader = DeferredReload(self, lambda: self.refresh())  # a burst: one reload

        # --- left: the shortlist and the timeline ---
        self.hint_label = QtWidgets.QLabel()
        self.hint_label.setWordWrap(True)
        self.options_model = OptionsModel(self)
        self.options_model.marks_changed.connect(self._marks_changed)
        self.options_view = QtWidgets.QTableView()
        self.options_view.setModel(self.options_model)
        self.options_view.setSelectionBehavior(QtWidgets.QTableView.SelectionBehavior.SelectRows)
        self.options_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.options_view.verticalHeader().hide()
        self.options_view.setToolTip(
            self.tr(
                "The shortlist: tick Considered for each option weighed, Chosen for each one chosen"
            )
        )
        header = self.options_view.horizontalHeader()
        for col in (CONSIDERED, CHOSEN, SCORE, VOTES, SOURCE):
            header.setSectionResizeMode(col, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(IDEA, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.timeline = QtWidgets.QTextBrowser()
        self.timeline.setOpenLinks(False)
        self.timeline.setToolTip(self.tr("Earlier decisions in this session, newest first"))
        left = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        top = QtWidgets.QWidget()
        tl = QtWidgets.QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(QtWidgets.QLabel(self.tr("<b>Shortlist</b>")))
        tl.addWidget(self.hint_label)
        tl.addWidget(self.options_view, 1)
        bottom = QtWidgets.QWidget()
        bl = QtWidgets.QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        self.verify_button = QtWidgets.QPushButton(self.tr("Verify log"))
        self.verify_button.setToolTip(
            self.tr(
                "Recompute the log's SHA-256 hash chain: proves no record was altered, "
                "inserted or removed since it was recorded"
            )
        )
        self.verify_button.clicked.connect(self.verify_log)
        self.verify_label = QtWidgets.QLabel()
        self.verify_label.setWordWrap(True)
        head = QtWidgets.QHBoxLayout()
        head.addWidget(QtWidgets.QLabel(self.tr("<b>Decisions so far</b>")), 1)
        head.addWidget(self.verify_button)
        bl.addLayout(head)
        bl.addWidget(self.timeline, 1)
        bl.addWidget(self.verify_label)
        left.addWidget(top)
        left.addWidget(bottom)
        left.setSizes([330, 330])

        # --- right: the form ---
        def text_edit(tip: str, lines: int = 3) -> QtWidgets.QPlainTextEdit:
            edit = QtWidgets.QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setToolTip(tip)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
            return edit

        def line_edit(tip: str) -> QtWidgets.QLineEdit:
            edit = QtWidgets.QLineEdit()
            edit.setToolTip(tip)
            return edit

        self.title_edit = line_edit(self.tr("A short title for the decision (required)"))
        self.context_edit = text_edit(self.tr("The problem and its circumstances"))
        self.rationale_edit = text_edit(self.tr("Why these options were chosen (required)"))
        self.good_edit = text_edit(self.tr("Good consequences, one per line"), 2)
        self.bad_edit = text_edit(self.tr("Bad consequences, one per line"), 2)
        self.deciders_edit = line_edit(self.tr("Who decides, comma-separated (at least one)"))
        self.deciders_edit.setText(ws.actor)
        self.consulted_edit = line_edit(self.tr("Whose opinion was sought, comma-separated"))
        self.informed_edit = line_edit(self.tr("Who is kept up to date, comma-separated"))
        self.values_edit = text_edit(self.tr("The values this decision should honour"), 2)
        self.status_combo = QtWidgets.QComboBox()
        self.status_combo.setToolTip(self.tr("Accepted decisions choose at least one option"))
        for status, label in (
            (DecisionStatus.ACCEPTED, self.tr("accepted")),
            (DecisionStatus.PROPOSED, self.tr("proposed")),
            (DecisionStatus.REJECTED, self.tr("rejected")),
            (DecisionStatus.DEPRECATED, self.tr("deprecated")),
        ):
            self.status_combo.addItem(label, status.value)
        self.supersedes_combo = QtWidgets.QComboBox()
        self.supersedes_combo.setToolTip(
            self.tr("An earlier record this one replaces (records are never edited)")
        )
        form = QtWidgets.QFormLayout()
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in (
            (self.tr("&Title:"), self.title_edit),
            (self.tr("Conte&xt:"), self.context_edit),
            (self.tr("&Rationale:"), self.rationale_edit),
            (self.tr("Good consequences:"), self.good_edit),
            (self.tr("Bad consequences:"), self.bad_edit),
            (self.tr("&Deciders:"), self.deciders_edit),
            (self.tr("Consulted:"), self.consulted_edit),
            (self.tr("Informed:"), self.informed_edit),
            (self.tr("&Values:"), self.values_edit),
            (self.tr("Status:"), self.status_combo),
            (self.tr("Supersedes:"), self.supersedes_combo),
        ):
            form.addRow(label, widget)
        form_widget = QtWidgets.QWidget()
        form_widget.setLayout(form)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidget(form_widget)

        self.checklist = QtWidgets.QTreeWidget()
        self.checklist.setColumnCount(3)
        self.checklist.setHeaderLabels([self.tr("Concern"), self.tr("Answer"), self.tr("Note")])
        self.checklist.setToolTip(
            self.tr("Answer every concern for every chosen idea; a concern needs a note")
        )
        self.checklist.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        self.checklist.header().setStretchLastSection(True)
        check_box = QtWidgets.QWidget()
        cl = QtWidgets.QVBoxLayout(check_box)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(QtWidgets.QLabel(self.tr("<b>Responsibility checklist</b>")))
        cl.addWidget(self.checklist, 1)

        self.missing_label = QtWidgets.QLabel()
        self.missing_label.setWordWrap(True)
        self.record_button = QtWidgets.QPushButton(self.tr("Record decision"))
        self.record_button.setShortcut(QtGui.QKeySequence("Ctrl+Return"))
        self.record_button.clicked.connect(self.record)
        enter = QtGui.QShortcut(QtGui.QKeySequence("Ctrl+Enter"), self)
        enter.activated.connect(self._shortcut_record)
        actions = QtWidgets.QHBoxLayout()
        actions.addWidget(self.missing_label, 1)
        actions.addWidget(self.record_button)

        right_split = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(scroll)
        right_split.addWidget(check_box)
        right_split.setSizes([380, 220])
        right = QtWidgets.QWidget()
        rl = QtWidgets.QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(right_split, 1)
        rl.addLayout(actions)

        split = QtWidgets.QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([480, 620])
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(split)

        for edit in (self.title_edit, self.deciders_edit):
            edit.textChanged.connect(self._update_state)
        self.rationale_edit.textChanged.connect(self._update_state)
        self.status_combo.currentIndexChanged.connect(self._update_state)
        self.set_session(None)

    # --- session and reloading --------------------------------------------------------------

    def set_session(self, session_id: int | None, *, lazy: bool = False) -> None:
        """Show another session with a fresh form (deciders are kept). ``lazy``: the panel is
        hidden, so it loads when it is next shown."""
        self._reloader.done()
        self.session_id = session_id
        self._answers = {}
        self._prefill = ("", "")
        self._clear_fields()
        if lazy and not self.isVisible():
            self._reloader.mark_stale()
        else:
            self.refresh()
        self.options_model.reset_marks()

    def on_change(self, change: Change) -> None:
        """Called on the GUI thread for every service change; reloads once per burst."""
        if self.session_id is not None and change.session_id in (None, self.session_id):
            self._reloader.request()

    def refresh(self) -> None:
        """Reload the shortlist, the earlier decisions and the prefilled texts now."""
        self._reloader.done()
        enabled = self.session_id is not None
        rows: list[MatrixRow] = []
        self.decisions = []
        session: Session | None = None
        problem = ""
        if self.session_id is not None:
            try:
                session = self.ws.sessions.get(self.session_id)
                self.facilitates = self.ws.workshop.can_facilitate(self.session_id)
                state = self.ws.workshop.state(self.session_id)
                self.results_hidden = not (state.votes_visible and state.scores_visible)
                rows = self.ws.scoring.matrix(self.session_id, [IdeaStatus.SHORTLISTED]).rows
                self.decisions = self.ws.decisions.list(self.session_id)
            except IdeaForgeError as error:
                problem, enabled = str(error), False
        self.options_model.set_rows(rows)
        self._show_prefill(session)
        self._show_timeline()
        self._show_supersedes()
        if problem:
            self.hint_label.setText(problem)
        elif self.session_id is None:
            self.hint_label.setText(self.tr("Choose a session to record a decision."))
        elif not rows:
            self.hint_label.setText(
                self.tr("Shortlist ideas in Diverge or Converge (S) to decide between them.")
            )
        self.hint_label.setVisible(bool(problem) or not rows)
        self.options_view.setVisible(bool(rows))
        for w in self._form_widgets():
            w.setEnabled(enabled)
        self._marks_changed()

    def _form_widgets(self) -> list[QtWidgets.QWidget]:
        return [
            self.title_edit, self.context_edit, self.rationale_edit, self.good_edit,
            self.bad_edit, self.deciders_edit, self.consulted_edit, self.informed_edit,
            self.values_edit, self.status_combo, self.supersedes_combo, self.checklist,
        ]  # fmt: skip

    def _show_prefill(self, session: Session | None) -> None:
        """Put the session's challenge, intent and values in the form, unless a person has
        already changed what was put there."""
        if session is None:
            return
        context = session.challenge
        if session.intent:
            context += "\n\n" + self.tr("Intent:") + " " + session.intent
        old_context, old_values = self._prefill
        if self.context_edit.toPlainText() == old_context:
            self.context_edit.setPlainText(context)
        if self.values_edit.toPlainText() == old_values:
            self.values_edit.setPlainText(session.values)
        self._prefill = (context, session.values)

    def _show_supersedes(self) -> None:
        keep = self.supersedes_combo.currentData()
        self.supersedes_combo.clear()
        self.supersedes_combo.addItem(self.tr("(none)"), None)
        for d in sorted(self.decisions, key=lambda d: d.id, reverse=True):
            self.supersedes_combo.addItem(f"#{d.id} {d.title} ({d.decided_on.isoformat()})", d.id)
        self.supersedes_combo.setCurrentIndex(max(0, self.supersedes_combo.findData(keep)))

    def verify_log(self) -> bool:
        """Check the hash chain and say so; a broken chain is a warning naming the record."""
        if self.session_id is None:
            return False
        try:
            check = self.ws.decisions.verify(self.session_id)
        except IdeaForgeError as error:
            QtWidgets.QMessageBox.warning(self, self.tr("IdeaForge"), str(error))
            return False
        if check.ok:
            text = self.tr("Intact: %1 record(s), every hash verified.").replace(
                "%1", str(check.records)
            )
            self.verify_label.setText(f"✓ {text}")
            return True
        self.verify_label.setText(f"✗ {check.message}")
        QtWidgets.QMessageBox.warning(
            self, self.tr("Decision log altered"),
            self.tr("The decision log does not verify:") + "\n\n" + check.message,
        )  # fmt: skip
        return False

    def _status_names(self) -> dict[str, str]:
        return {
            "accepted": self.tr("accepted"), "proposed": self.tr("proposed"),
            "rejected": self.tr("rejected"), "deprecated": self.tr("deprecated"),
            "superseded": self.tr("superseded"),
        }  # fmt: skip

    def _show_timeline(self) -> None:
        if not self.decisions:
            none_yet = self.tr("No decision recorded yet.")
            self.timeline.setHtml(f"<p><i>{html.escape(none_yet)}</i></p>")
            return
        e = html.escape
        superseded_by = {d.supersedes_id: d.id for d in self.decisions if d.supersedes_id}
        parts = []
        for d in sorted(self.decisions, key=lambda d: d.id, reverse=True):
            texts = {int(o.get("idea_id", 0)): str(o.get("text", "")) for o in d.option_details}
            chosen = "<br>".join(f"#{i} {e(texts.get(i, ''))}" for i in d.chosen) or e(
                self.tr("none")
            )
            status = self._status_names().get(d.status.value, d.status.value)
            chosen_label, weighed = self.tr("Chosen:"), self.tr("Weighed:")
            deciders = self.tr("Deciders:")
            record_no = self.tr("log record %1")
            lines = [
                f"<b>#{d.id} {e(d.title)}</b> — {e(status)} · {d.decided_on.isoformat()}"
                f" · <small>{e(record_no.replace('%1', str(d.seq)))}, "
                f"sha256 {e(d.record_hash[:12])}…</small>",
                f"{e(chosen_label)}<br>{chosen}",
                f"{e(weighed)} " + ", ".join(f"#{i}" for i in d.options),
                f"{e(deciders)} {e(', '.join(d.deciders))}",
            ]
            if d.supersedes_id is not None:
                lines.append(e(self.tr("Supersedes #%1").replace("%1", str(d.supersedes_id))))
            if d.id in superseded_by:
                later = self.tr("Superseded by #%1").replace("%1", str(superseded_by[d.id]))
                lines.append(f"<i>{e(later)}</i>")
            for idea_id, per in sorted(d.risks.items()):
                for key, entry in per.items():
                    if entry.get("answer") in NEEDS_NOTE:
                        label = self.concern_labels.get(key, CONCERNS.get(key, key))
                        answer = self.answer_labels.get(entry["answer"], entry["answer"])
                        lines.append(
                            f"⚠ #{e(str(idea_id))} {e(label)}: {e(answer)} — "
                            f"{e(entry.get('note', ''))}"
                        )
            parts.append("<p>" + "<br>".join(lines) + "</p>")
        self.timeline.setHtml("<hr>".join(parts))

    # --- the chosen ideas and their checklist ----------------------------------------------

    def set_chosen(self, idea_ids: list[int]) -> None:
        """Mark these shortlisted ideas as chosen (and considered); the others not chosen."""
        self.options_model.set_chosen(list(idea_ids))

    def set_answer(self, idea_id: int, concern: str, answer: str, note: str = "") -> None:
        """Answer one checklist question for one idea ("" for unanswered)."""
        if concern not in CONCERNS or (answer and answer not in ANSWERS):
            raise ValueError(f"unknown concern or answer: {concern!r}, {answer!r}")
        self._answers.setdefault(idea_id, {})[concern] = {"answer": answer, "note": note}
        widgets = self._answer_widgets.get((idea_id, concern))
        if widgets is not None:
            combo, edit = widgets
            for w in widgets:
                w.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(answer)))
            edit.setText(note)
            for w in widgets:
                w.blockSignals(False)
            self._style_note(idea_id, concern)
        self._update_state()

    def _marks_changed(self) -> None:
        if self.options_model.chosen_ids() != self._checklist_ids:
            self._rebuild_checklist()
        self._update_state()

    def _rebuild_checklist(self) -> None:
        self._checklist_ids = self.options_model.chosen_ids()
        self._answer_widgets = {}
        self.checklist.clear()
        ideas = {r.idea.id: r.idea for r in self.options_model.rows()}
        if not self._checklist_ids:
            hint = self.tr("Tick Chosen for an idea to answer its checklist.")
            item = QtWidgets.QTreeWidgetItem([hint])
            item.setDisabled(True)
            self.checklist.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)
            return
        for idea_id in self._checklist_ids:
            top = QtWidgets.QTreeWidgetItem([f"#{idea_id} ★ {ideas[idea_id].text}"])
            top.setToolTip(0, ideas[idea_id].text)
            self.checklist.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for key in CONCERNS:
                entry = self._answers.get(idea_id, {}).get(key, {})
                child = QtWidgets.QTreeWidgetItem([self.concern_labels.get(key, CONCERNS[key])])
                top.addChild(child)
                combo = QtWidgets.QComboBox()
                for value, label in self.answer_labels.items():
                    combo.addItem(label, value)
                combo.setCurrentIndex(max(0, combo.findData(entry.get("answer", ""))))
                combo.setToolTip(self.tr("Is there a concern, and how is it handled?"))
                note = QtWidgets.QLineEdit(entry.get("note", ""))
                self._answer_widgets[(idea_id, key)] = (combo, note)
                combo.currentIndexChanged.connect(partial(self._widget_answer, idea_id, key))
                note.textChanged.connect(partial(self._widget_answer, idea_id, key))
                self.checklist.setItemWidget(child, 1, combo)
                self.checklist.setItemWidget(child, 2, note)
                self._style_note(idea_id, key)
        self.checklist.expandAll()
        self.checklist.resizeColumnToContents(0)
        self.checklist.resizeColumnToContents(1)

    def _widget_answer(self, idea_id: int, concern: str, *_: object) -> None:
        combo, note = self._answer_widgets[(idea_id, concern)]
        self._answers.setdefault(idea_id, {})[concern] = {
            "answer": str(combo.currentData() or ""), "note": note.text(),
        }  # fmt: skip
        self._style_note(idea_id, concern)
        self._update_state()

    def _style_note(self, idea_id: int, concern: str) -> None:
        _, note = self._answer_widgets[(idea_id, concern)]
        answer = self._answers.get(idea_id, {}).get(concern, {}).get("answer", "")
        if answer in NEEDS_NOTE:
            note.setPlaceholderText(self.tr("Required: how it is handled, or why it is accepted"))
        else:
            note.setPlaceholderText(self.tr("Optional note"))
        note.setToolTip(note.placeholderText())

    # --- completeness and recording ---------------------------------------------------------

    def missing(self) -> list[str]:
        """What still blocks recording, in words a person can act on."""
        if self.session_id is None:
            return [self.tr("a session")]
        out = []
        if not self.title_edit.text().strip():
            out.append(self.tr("a title"))
        if not self.rationale_edit.toPlainText().strip():
            out.append(self.tr("a rationale"))
        if not _names(self.deciders_edit.text()):
            out.append(self.tr("at least one decider"))
        if not self.options_model.considered_ids():
            out.append(self.tr("at least one considered option from the shortlist"))
        chosen = self.options_model.chosen_ids()
        if self._status() is DecisionStatus.ACCEPTED and not chosen:
            out.append(self.tr("at least one chosen idea (an accepted decision chooses one)"))
        for idea_id in chosen:
            for key in CONCERNS:
                entry = self._answers.get(idea_id, {}).get(key, {})
                label = self.concern_labels.get(key, CONCERNS[key])
                answer = entry.get("answer", "")
                if answer not in ANSWERS:
                    out.append(self.tr("#%1 %2: unanswered").replace("%1", str(idea_id))
                               .replace("%2", label))  # fmt: skip
                elif answer in NEEDS_NOTE and not entry.get("note", "").strip():
                    out.append(self.tr("#%1 %2: a note on the concern").replace("%1", str(idea_id))
                               .replace("%2", label))  # fmt: skip
        return out

    def _update_state(self, *_: object) -> None:
        missing = self.missing()
        self.record_button.setEnabled(not missing and self.facilitates)
        if not self.facilitates:  # the services would refuse it; say so before the work
            note = self.tr("Only the facilitator records decisions; you can prepare the record.")
            self.record_button.setToolTip(note)
            self.missing_label.setText(note)
        elif missing:
            shown = missing[:8]
            if len(missing) > 8:
                shown.append(self.tr("… and %n more", "", len(missing) - 8))
            self.record_button.setToolTip(
                self.tr("Still missing:") + "\n" + "\n".join(f"• {m}" for m in shown)
            )
            self.missing_label.setText(
                self.tr("Still missing: %1").replace("%1", "; ".join(missing[:3]))
                + (" …" if len(missing) > 3 else "")
            )
        else:
            self.record_button.setToolTip(self.tr("Record this decision permanently (Ctrl+Return)"))
            self.missing_label.setText(self.tr("Ready to record."))
            if self.results_hidden:  # the record keeps the totals, for everyone to read
                self.missing_label.setText(
                    self.tr("Ready to record. Votes or scores are still hidden: the record will "
                            "show their totals to everyone. Reveal them first in the Workshop "
                            "panel if the room should see them before the decision.")
                )  # fmt: skip

    def _status(self) -> DecisionStatus:
        return DecisionStatus(str(self.status_combo.currentData()))

    def _shortcut_record(self) -> None:
        if self.record_button.isEnabled():
            self.record()

    def draft(self) -> DecisionDraft:
        """The form as a draft for the decision service."""
        assert self.session_id is not None
        chosen = self.options_model.chosen_ids()
        return DecisionDraft(
            session_id=self.session_id,
            title=self.title_edit.text(),
            options=self.options_model.considered_ids(),
            chosen=chosen,
            deciders=_names(self.deciders_edit.text()),
            rationale=self.rationale_edit.toPlainText(),
            risks={i: dict(self._answers.get(i, {})) for i in chosen},
            context=self.context_edit.toPlainText(),
            consequences_good=_lines(self.good_edit.toPlainText()),
            consequences_bad=_lines(self.bad_edit.toPlainText()),
            status=self._status(),
            consulted=_names(self.consulted_edit.text()),
            informed=_names(self.informed_edit.text()),
            values=self.values_edit.toPlainText(),
            supersedes_id=self.supersedes_combo.currentData(),
        )

    def record(self) -> Decision | None:
        """Confirm, then record the decision; returns it, or None if nothing was recorded."""
        if self.session_id is None or self.missing():
            return None
        title = self.title_edit.text().strip()
        box = QtWidgets.QMessageBox
        answer = box.question(
            self,
            self.tr("Record decision"),
            self.tr(
                "Record “%1”?\n\nDecision records are permanent: this cannot be undone or "
                "edited later. To change it, record a later decision that supersedes it."
            ).replace("%1", title),
            box.StandardButton.Yes | box.StandardButton.No,
            box.StandardButton.No,
        )
        if answer != box.StandardButton.Yes:
            return None
        try:
            decision = self.ws.decisions.record(self.draft())
        except IdeaForgeError as error:
            box.warning(self, self.tr("IdeaForge"), str(error))
            self.refresh()  # the shortlist may have changed behind the form
            return None
        self._answers = {}
        self._clear_fields()
        self.refresh()
        self.options_model.reset_marks()
        done = self.tr("Recorded decision #%1.").replace("%1", str(decision.id))
        self.missing_label.setText(done)
        self.recorded.emit(decision)
        return decision

    def _clear_fields(self) -> None:
        """Empty the form except the deciders; context and values go back to the session's."""
        for edit in (self.title_edit, self.consulted_edit, self.informed_edit):
            edit.clear()
        for text in (self.rationale_edit, self.good_edit, self.bad_edit):
            text.clear()
        old_context, old_values = self._prefill
        self.context_edit.setPlainText(old_context)
        self.values_edit.setPlainText(old_values)
        self.status_combo.setCurrentIndex(0)
        self.supersedes_combo.setCurrentIndex(0)
        if not self.deciders_edit.text().strip():
            self.deciders_edit.setText(self.ws.actor)
