"""The presenter view: for a projector. Large type, the timer, how many have voted or scored
(never what), then the results once the facilitator reveals them."""

from __future__ import annotations

from html import escape

from ideaforge.core.errors import IdeaForgeError
from ideaforge.core.workshop import Activity
from ideaforge.services.workshop import Results, WorkshopStatus
from ideaforge.services.workspace import Workspace
from ideaforge.ui.qt import Qt, QtGui, QtWidgets
from ideaforge.ui.workshop import WorkshopPanel, activity_names, clock

TOP = 8


class PresenterView(QtWidgets.QWidget):
    """A window that follows the workshop panel's session, status and timer."""

    def __init__(self, ws: Workspace, panel: WorkshopPanel) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.ws, self.panel = ws, panel
        self.setWindowTitle(self.tr("IdeaForge · Presenter"))
        self.setStyleSheet("background: #101418; color: #f5f5f5;")
        self.challenge = QtWidgets.QLabel()
        self.challenge.setWordWrap(True)
        self.activity = QtWidgets.QLabel()
        self.clock = QtWidgets.QLabel("--:--")
        self.counts = QtWidgets.QLabel()
        self.counts.setWordWrap(True)
        self.results = QtWidgets.QLabel()
        self.results.setWordWrap(True)
        self.results.setTextFormat(Qt.TextFormat.RichText)
        self.results.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        for label, scale, bold in (
            (self.challenge, 2.0, True), (self.activity, 1.6, False), (self.clock, 6.0, True),
            (self.counts, 1.8, False), (self.results, 1.6, False),
        ):  # fmt: skip
            f = label.font()
            f.setPointSizeF(max(8.0, f.pointSizeF()) * scale)
            f.setBold(bold)
            label.setFont(f)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top = QtWidgets.QHBoxLayout()
        left = QtWidgets.QVBoxLayout()
        left.addWidget(self.challenge)
        left.addWidget(self.activity)
        left.addWidget(self.counts)
        top.addLayout(left, 3)
        top.addWidget(self.clock, 2)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addLayout(top)
        layout.addWidget(self.results, 1)
        hint = QtWidgets.QLabel(self.tr("F11 full screen · Esc close"))
        hint.setStyleSheet("color: #8a949e;")
        layout.addWidget(hint)
        panel.timer.ticked.connect(self._tick)
        panel.status_changed.connect(self.show_status)
        self.resize(1280, 720)
        self.show_status(panel.status)
        remaining = panel.timer.left()
        self._tick(clock(remaining), remaining is not None and remaining <= 0)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
        elif event.key() == Qt.Key.Key_F11:
            self.toggle_full_screen()
        else:
            super().keyPressEvent(event)

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def _tick(self, text: str, up: bool) -> None:
        self.clock.setText(text)
        self.clock.setStyleSheet("color: #ff6f60;" if up else "")

    def show_status(self, status: WorkshopStatus | None) -> None:
        if status is None:
            self.challenge.setText(self.tr("No session"))
            for label in (self.activity, self.counts, self.results):
                label.clear()
            return
        self.challenge.setText(status.session.challenge)
        act = status.state.activity
        self.activity.setText(activity_names()[act] if act else "")
        people = len(status.people)
        scorers = sum(1 for p in status.people if p.scored)
        lines = []
        if act in (None, Activity.IDEATE, Activity.GENERATE, Activity.THEMES):
            lines.append(self.tr("%1 ideas in play").replace("%1", str(status.ideas_in_play)))
            if status.private_ideas:
                writers = sum(1 for p in status.people if p.private_ideas)
                lines.append(
                    self.tr("%1 private ideas from %2 people, until they are revealed")
                    .replace("%1", str(status.private_ideas)).replace("%2", str(writers))
                )  # fmt: skip
        if act in (None, Activity.VOTE, Activity.DISCUSS, Activity.DECIDE):
            lines.append(
                self.tr("%1 of %2 have voted").replace("%1", str(status.voters))
                .replace("%2", str(people))
            )  # fmt: skip
        if act in (Activity.SCORE, Activity.DISCUSS, Activity.DECIDE):
            lines.append(
                self.tr("%1 of %2 have scored").replace("%1", str(scorers))
                .replace("%2", str(people))
            )  # fmt: skip
        self.counts.setText("<br>".join(lines))
        try:
            results = self.ws.workshop.results(status.session.id, top=TOP)
        except IdeaForgeError as error:
            self.results.setText(escape(str(error)))
            return
        self.results.setText(self._results_html(results, status))

    def _results_html(self, results: Results, status: WorkshopStatus) -> str:
        parts: list[str] = []
        dot_votes = self.tr("Dot votes")
        divided = self.tr("Where people disagree most")
        waiting = self.tr("Results appear here once the facilitator reveals them.")
        if results.votes is not None and status.state.hide_results:
            parts.append(f"<h3>{escape(dot_votes)}</h3><table cellpadding='4'>")
            for v in results.votes:
                who = f" <span style='color:#8a949e'>({escape(', '.join(v.voters))})</span>"
                parts.append(
                    f"<tr><td align='right'><b>{v.dots}</b></td>"
                    f"<td>{'●' * min(v.dots, 12)}</td><td>{escape(v.idea.text)}"
                    f"{who if v.voters else ''}</td></tr>"
                )
            parts.append("</table>")
        if results.disagreements and status.state.hide_results:
            criteria = {c.id: c.name for c in self.ws.scoring.criteria(status.session.id)}
            # every disagreement is one of the revealed scores, which carry their idea
            texts = {r.idea.id: r.idea.text for r in results.scores or []}
            parts.append(f"<h3>{escape(divided)}</h3><ul>")
            for d in results.disagreements[:5]:
                parts.append(
                    f"<li>{escape(texts.get(d.idea_id, '#' + str(d.idea_id)))} · "
                    f"{escape(criteria.get(d.criterion_id, ''))} "
                    f"{d.aggregate.mean:.1f} ± {d.spread:.1f} "
                    f"({d.aggregate.low:g}–{d.aggregate.high:g})</li>"
                )
            parts.append("</ul>")
        if not parts and status.state.hide_results:
            parts.append(f"<p style='color:#8a949e'>{escape(waiting)}</p>")
        return "".join(parts)
