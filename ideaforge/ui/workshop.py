"""The workshop panel: who is here, the activity and its timer, voting rules, reveals, the join
code, and who is acting on this machine.

Everything a participant may not do is disabled here too, but the services are what refuse
it; the panel only shows what they allow.
"""

from __future__ import annotations

import time
from typing import Any

from ideaforge.core.errors import IdeaForgeError
from ideaforge.core.model import Role
from ideaforge.core.workshop import Activity
from ideaforge.services.workshop import WorkshopStatus
from ideaforge.services.workspace import Change, Workspace
from ideaforge.ui.lazy import DeferredReload
from ideaforge.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal


def activity_names() -> dict[Activity, str]:
    t = QtCore.QCoreApplication
    return {
        Activity.IDEATE: t.translate("Workshop", "Silent ideation"),
        Activity.GENERATE: t.translate("Workshop", "Model generation"),
        Activity.THEMES: t.translate("Workshop", "Dedupe and themes"),
        Activity.VOTE: t.translate("Workshop", "Dot voting"),
        Activity.SCORE: t.translate("Workshop", "Criteria scoring"),
        Activity.DISCUSS: t.translate("Workshop", "Discussion"),
        Activity.DECIDE: t.translate("Workshop", "Decision"),
    }


def clock(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    s = max(0, int(seconds + 0.999))  # 0.2 s left still shows 00:01
    return f"{s // 60:02d}:{s % 60:02d}"


class TimerModel(QtCore.QObject):
    """The countdown as of the last status read, ticking locally between reads."""

    ticked = Signal(str, bool)  # mm:ss, whether time is up

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._left: float | None = None
        self._running = False
        self._read_at = time.monotonic()
        self._tick = QtCore.QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._emit)

    def update(self, status: WorkshopStatus | None) -> None:
        self._left = status.seconds_left if status else None
        self._running = bool(status and status.state.timer_ends_at is not None)
        self._read_at = time.monotonic()
        if self._running:
            self._tick.start()
        else:
            self._tick.stop()
        self._emit()

    def left(self) -> float | None:
        if self._left is None:
            return None
        if not self._running:
            return self._left
        return max(0.0, self._left - (time.monotonic() - self._read_at))

    def _emit(self) -> None:
        left = self.left()
        self.ticked.emit(clock(left), left is not None and left <= 0)


class WorkshopPanel(QtWidgets.QWidget):
    """Facilitation controls and the room's live status, for the current session."""

    status_changed = Signal(object)  # WorkshopStatus, after each reload
    actor_switched = Signal(str)  # someone else acts on this machine from now on

    def __init__(self, ws: Workspace, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.session_id: int | None = None
        self.status: WorkshopStatus | None = None
        self.timer = TimerModel(self)
        self._reloader = DeferredReload(self, self.refresh, 100)

        self.mode_label = QtWidgets.QLabel()
        self.mode_label.setWordWrap(True)
        self.start_button = QtWidgets.QPushButton(self.tr("Start workshop"))
        self.start_button.setToolTip(
            self.tr("Hide votes and scores until you reveal them, and begin with silent ideation")
        )
        self.start_button.clicked.connect(self.start_workshop)
        self.finish_button = QtWidgets.QPushButton(self.tr("Finish workshop"))
        self.finish_button.setToolTip(self.tr("Reveal everything and work as a solo session"))
        self.finish_button.clicked.connect(self.finish_workshop)

        self.actor_box = QtWidgets.QComboBox()
        self.actor_box.setEditable(True)
        self.actor_box.setInsertPolicy(QtWidgets.QComboBox.InsertPolicy.NoInsert)
        self.actor_box.setToolTip(
            self.tr("Several people on one machine: pick who is acting, or type a new name")
        )
        self.actor_box.activated.connect(lambda _i: self.switch_actor(self.actor_box.currentText()))
        line = self.actor_box.lineEdit()
        if line is not None:
            line.returnPressed.connect(lambda: self.switch_actor(self.actor_box.currentText()))

        self.code_edit = QtWidgets.QLineEdit()
        self.code_edit.setReadOnly(True)
        self.code_edit.setToolTip(
            self.tr("Others join with this code (it holds the connection string and session)")
        )
        self.copy_button = QtWidgets.QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy_code)

        self.activity_list = QtWidgets.QListWidget()
        self.activity_list.setMaximumHeight(170)
        for activity, name in activity_names().items():
            item = QtWidgets.QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, activity.value)
            self.activity_list.addItem(item)
        self.activity_list.itemActivated.connect(self._activity_chosen)
        self.activity_list.itemClicked.connect(self._activity_chosen)

        self.clock_label = QtWidgets.QLabel("--:--")
        font = self.clock_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        self.clock_label.setFont(font)
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer.ticked.connect(self._show_clock)
        self.minutes_box = QtWidgets.QSpinBox()
        self.minutes_box.setRange(1, 240)
        self.minutes_box.setValue(5)
        self.minutes_box.setSuffix(self.tr(" min"))
        self.timer_start = QtWidgets.QPushButton(self.tr("Start"))
        self.timer_start.clicked.connect(
            lambda: self._do(self.ws.workshop.start_timer, self.minutes_box.value() * 60.0)
        )
        self.timer_pause = QtWidgets.QPushButton(self.tr("Pause"))
        self.timer_pause.clicked.connect(self.pause_or_resume)
        self.timer_more = QtWidgets.QPushButton(self.tr("+1 min"))
        self.timer_more.clicked.connect(lambda: self._do(self.ws.workshop.add_time, 60.0))
        self.timer_stop = QtWidgets.QPushButton(self.tr("Stop"))
        self.timer_stop.clicked.connect(lambda: self._do(self.ws.workshop.clear_timer))

        self.budget_box = QtWidgets.QSpinBox()
        self.budget_box.setRange(1, 100)
        self.per_idea_box = QtWidgets.QSpinBox()
        self.per_idea_box.setRange(1, 100)
        self.anonymous_box = QtWidgets.QCheckBox(self.tr("Anonymous votes"))
        self.apply_voting = QtWidgets.QPushButton(self.tr("Apply"))
        self.apply_voting.clicked.connect(self.apply_voting_rules)

        self.reveal_ideas = QtWidgets.QPushButton(self.tr("Reveal ideas"))
        self.reveal_ideas.setToolTip(self.tr("Show everyone's private ideas to all (for good)"))
        self.reveal_ideas.clicked.connect(lambda: self._do(self.ws.workshop.reveal, "ideas"))
        self.reveal_votes = QtWidgets.QPushButton(self.tr("Reveal votes"))
        self.reveal_votes.setCheckable(True)
        self.reveal_votes.clicked.connect(
            lambda on: self._do(self.ws.workshop.reveal, "votes", bool(on))
        )
        self.reveal_scores = QtWidgets.QPushButton(self.tr("Reveal scores"))
        self.reveal_scores.setCheckable(True)
        self.reveal_scores.clicked.connect(
            lambda on: self._do(self.ws.workshop.reveal, "scores", bool(on))
        )

        self.people = QtWidgets.QListWidget()
        self.people.setToolTip(self.tr("Who has joined, and how far along they are"))
        self.dots_label = QtWidgets.QLabel()
        self.dots_label.setWordWrap(True)
        self.presenter_button = QtWidgets.QPushButton(self.tr("Presenter view (F5)"))

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.mode_label)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.start_button)
        row.addWidget(self.finish_button)
        layout.addLayout(row)
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Acting as:"), self.actor_box)
        code_row = QtWidgets.QHBoxLayout()
        code_row.addWidget(self.code_edit, 1)
        code_row.addWidget(self.copy_button)
        form.addRow(self.tr("Join code:"), code_row)
        layout.addLayout(form)
        layout.addWidget(QtWidgets.QLabel(self.tr("<b>Activity</b>")))
        layout.addWidget(self.activity_list)
        layout.addWidget(self.clock_label)
        timer_row = QtWidgets.QHBoxLayout()
        for w in (self.minutes_box, self.timer_start, self.timer_pause, self.timer_more,
                  self.timer_stop):  # fmt: skip
            timer_row.addWidget(w)
        layout.addLayout(timer_row)
        layout.addWidget(QtWidgets.QLabel(self.tr("<b>Dot voting</b>")))
        vote_row = QtWidgets.QHBoxLayout()
        vote_row.addWidget(QtWidgets.QLabel(self.tr("Dots each:")))
        vote_row.addWidget(self.budget_box)
        vote_row.addWidget(QtWidgets.QLabel(self.tr("Per idea:")))
        vote_row.addWidget(self.per_idea_box)
        layout.addLayout(vote_row)
        vote_row2 = QtWidgets.QHBoxLayout()
        vote_row2.addWidget(self.anonymous_box, 1)
        vote_row2.addWidget(self.apply_voting)
        layout.addLayout(vote_row2)
        layout.addWidget(self.dots_label)
        reveal_row = QtWidgets.QHBoxLayout()
        for b in (self.reveal_ideas, self.reveal_votes, self.reveal_scores):
            reveal_row.addWidget(b)
        layout.addLayout(reveal_row)
        layout.addWidget(QtWidgets.QLabel(self.tr("<b>People</b>")))
        layout.addWidget(self.people, 1)
        layout.addWidget(self.presenter_button)
        self._facilitator_widgets: list[QtWidgets.QWidget] = [
            self.start_button, self.finish_button, self.activity_list, self.minutes_box,
            self.timer_start, self.timer_pause, self.timer_more, self.timer_stop,
            self.budget_box, self.per_idea_box, self.anonymous_box, self.apply_voting,
            self.reveal_ideas, self.reveal_votes, self.reveal_scores,
        ]  # fmt: skip
        self._tips = {id(w): w.toolTip() for w in self._facilitator_widgets}
        self.refresh()

    # --- loading ------------------------------------------------------------------------------

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id
        self.code_edit.setText(self._code() if session_id is not None else "")  # fixed per session
        self.refresh()

    def on_change(self, change: Change) -> None:
        if change.session_id in (None, self.session_id) or "actor" in change.meta:
            self._reloader.request()

    def refresh(self) -> None:
        self._reloader.done()
        status: WorkshopStatus | None = None
        if self.session_id is not None:
            try:
                status = self.ws.workshop.status(self.session_id)
            except IdeaForgeError as error:
                self.mode_label.setText(str(error))
        self.status = status
        self._show(status)
        self.timer.update(status)
        self.status_changed.emit(status)

    def _show(self, status: WorkshopStatus | None) -> None:
        names = activity_names()
        on = status is not None and status.state.hide_results
        if status is None:
            self.mode_label.setText(self.tr("Pick a session."))
        elif not on:
            self.mode_label.setText(
                self.tr("Solo session: everything is visible. Start a workshop to run it "
                        "with others (results stay hidden until you reveal them).")
            )  # fmt: skip
        else:
            act = names.get(status.state.activity) if status.state.activity else None
            self.mode_label.setText(
                self.tr("<b>Workshop</b> · %1").replace("%1", act or self.tr("no activity"))
            )
        facilitator = status is not None and status.is_facilitator
        for w in self._facilitator_widgets:
            w.setEnabled(facilitator)
            w.setToolTip(
                self._tips[id(w)] if facilitator else self.tr("Only the facilitator can do this")
            )
        self.start_button.setVisible(not on)
        self.finish_button.setVisible(on)
        for b in (self.reveal_ideas, self.reveal_votes, self.reveal_scores):
            b.setVisible(on)
        self.actor_box.blockSignals(True)
        self.actor_box.clear()
        for p in status.people if status else []:
            self.actor_box.addItem(p.participant.name)
        if self.actor_box.findText(self.ws.actor) < 0:
            self.actor_box.addItem(self.ws.actor)
        self.actor_box.setCurrentText(self.ws.actor)
        self.actor_box.blockSignals(False)
        for i in range(self.activity_list.count()):
            item = self.activity_list.item(i)
            current = (
                status is not None
                and status.state.activity is not None
                and (item.data(Qt.ItemDataRole.UserRole) == status.state.activity.value)
            )
            f = item.font()
            f.setBold(current)
            item.setFont(f)
            name = names[Activity(item.data(Qt.ItemDataRole.UserRole))]
            item.setText(("▶ " if current else "   ") + name)
        if status is None:
            self.people.clear()
            self.dots_label.clear()
            return
        st = status.state
        self.budget_box.setValue(st.vote_budget)
        self.per_idea_box.setValue(st.votes_per_idea)
        self.anonymous_box.setChecked(st.anonymous_votes)
        self.reveal_votes.setChecked(st.votes_revealed)
        self.reveal_scores.setChecked(st.scores_revealed)
        self.reveal_ideas.setEnabled(facilitator and status.private_ideas > 0)
        self.timer_pause.setText(
            self.tr("Resume") if st.timer_paused_left is not None else self.tr("Pause")
        )
        self.people.clear()
        for p in status.people:
            bits = [p.participant.name]
            if p.participant.role is Role.FACILITATOR:
                bits.append(self.tr("facilitator"))
            if p.voted:
                bits.append(self.tr("voted"))
            if p.scored:
                bits.append(self.tr("scored %1").replace("%1", str(p.scored)))
            if p.private_ideas:
                bits.append(self.tr("private ideas: %1").replace("%1", str(p.private_ideas)))
            item = QtWidgets.QListWidgetItem(" · ".join(bits))
            if status.me is not None and p.participant.id == status.me.id:
                f = item.font()
                f.setBold(True)
                item.setFont(f)
            self.people.addItem(item)
        self.dots_label.setText(
            self.tr("You have %1 of %2 dots left (%3 on one idea at most). V puts a dot on the "
                    "selected idea, Shift+V takes one back.")
            .replace("%1", str(status.dots_left)).replace("%2", str(st.vote_budget))
            .replace("%3", str(st.votes_per_idea))
        )  # fmt: skip

    def _code(self) -> str:
        try:
            return self.ws.workshop.join_code(self.session_id or 0)
        except IdeaForgeError:
            return ""

    def _show_clock(self, text: str, up: bool) -> None:
        self.clock_label.setText(text)
        self.clock_label.setStyleSheet("color: #c62828;" if up else "")

    # --- actions ------------------------------------------------------------------------------

    def _do(self, fn: Any, *args: Any) -> bool:
        if self.session_id is None:
            return False
        try:
            fn(self.session_id, *args)
        except IdeaForgeError as error:
            QtWidgets.QMessageBox.warning(self, self.tr("Workshop"), str(error))
            self.refresh()
            return False
        self.refresh()
        return True

    def _voting_rules(self) -> dict[str, Any]:
        return {
            "budget": self.budget_box.value(),
            "per_idea": self.per_idea_box.value(),
            "anonymous": self.anonymous_box.isChecked(),
        }

    def start_workshop(self) -> None:
        self._do(lambda sid: self.ws.workshop.start(sid, **self._voting_rules()))

    def finish_workshop(self) -> None:
        self._do(self.ws.workshop.finish)

    def apply_voting_rules(self) -> None:
        self._do(lambda sid: self.ws.workshop.set_voting(sid, **self._voting_rules()))

    def pause_or_resume(self) -> None:
        paused = self.status is not None and self.status.state.timer_paused_left is not None
        self._do(self.ws.workshop.resume_timer if paused else self.ws.workshop.pause_timer)

    def _activity_chosen(self, item: QtWidgets.QListWidgetItem) -> None:
        wanted = str(item.data(Qt.ItemDataRole.UserRole))
        if self.status is not None and self.status.state.activity == wanted:
            return
        self._do(self.ws.workshop.set_activity, wanted)

    def switch_actor(self, name: str) -> None:
        name = name.strip()
        if not name or name == self.ws.actor:
            return
        try:
            self.ws.switch_actor(name)
            self.actor_switched.emit(self.ws.actor)
            if self.session_id is not None:
                self.ws.workshop.join(self.session_id)
        except IdeaForgeError as error:
            QtWidgets.QMessageBox.warning(self, self.tr("Workshop"), str(error))
        self.refresh()

    def copy_code(self) -> None:
        QtGui.QGuiApplication.clipboard().setText(self.code_edit.text())
