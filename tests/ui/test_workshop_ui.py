"""The workshop panel and presenter view with real widgets (offscreen): two windows on one
SQLite file, as two people on two machines sharing a database (or one machine with two
windows). The facilitator runs the room; the participant's window follows within moments."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ideaforge.core.model import Phase
from ideaforge.core.workshop import Activity
from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store
from ideaforge.ui.main_window import MainWindow
from ideaforge.ui.models import SourceRole
from ideaforge.ui.qt import Qt, QtWidgets
from ideaforge.ui.workshop import clock

CHALLENGE = "How might we make the town square lively in winter?"


def _window(qtbot: QtBot, url: str, actor: str) -> MainWindow:
    w = MainWindow(Workspace(open_store(url), actor))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def room(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[MainWindow, MainWindow, int]]:
    warnings: list[str] = []  # a modal box would stop an offscreen test: record it instead
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "warning", lambda _p, _t, text: warnings.append(text)
    )
    ada = _window(qtbot, sqlite_url, "ada")
    sid = ada.ws.sessions.new(CHALLENGE).id
    ada.ws.ideas.add_many(sid, ["Ice rink <b>with</b> music", "Mulled cider stalls"])
    bo = _window(qtbot, sqlite_url, "bo")
    bo.ws.workshop.join(sid)
    for w in (ada, bo):
        w.refresh_sessions()
        w.select_session(sid)
        w.workshop_action.trigger()  # View > Workshop panel
        assert w.workshop_dock.isVisible()
    yield ada, bo, sid
    for w in (ada, bo):
        w.close()
        w.ws.close()


def test_facilitator_runs_the_room_and_the_participant_follows(
    room: tuple[MainWindow, MainWindow, int], qtbot: QtBot
) -> None:
    ada, bo, sid = room
    fp, pp = ada.workshop, bo.workshop
    # only the facilitator's controls are live, here and in the other views
    assert fp.start_button.isEnabled() and not pp.start_button.isEnabled()
    assert ada.next_phase_button.isEnabled() and not bo.next_phase_button.isEnabled()
    bo.tabs.setCurrentIndex(2)
    bo.decide.refresh()
    assert not bo.decide.record_button.isEnabled()
    assert "Only the facilitator records" in bo.decide.missing_label.text()
    bo.tabs.setCurrentIndex(1)
    bo.converge_tabs.setCurrentIndex(1)
    bo.scoring.refresh()
    assert not bo.scoring.add_button.isEnabled()
    bo.tabs.setCurrentIndex(0)
    assert not pp.activity_list.isEnabled() and not pp.reveal_votes.isEnabled()
    assert "Only the facilitator" in pp.timer_start.toolTip()

    fp.budget_box.setValue(4)
    fp.per_idea_box.setValue(2)
    fp.start_button.click()
    st = ada.ws.workshop.state(sid)
    assert st.hide_results and st.vote_budget == 4 and st.activity is Activity.IDEATE
    # bo's window hears of it from the database (polling a shared SQLite file)
    qtbot.waitUntil(lambda: pp.status is not None and pp.status.state.hide_results, timeout=10000)
    assert pp.finish_button.isVisible() and not pp.finish_button.isEnabled()
    assert "Silent ideation" in pp.mode_label.text()

    # silent ideation: bo's idea is private; ada's list does not show it
    bo.idea_entry.setText("Lantern walk for kids")
    bo.add_idea()
    qtbot.waitUntil(lambda: fp.status is not None and fp.status.private_ideas == 1, timeout=10000)
    assert "Lantern walk for kids" not in [i.text for i in ada.ws.ideas.list(sid)]
    qtbot.waitUntil(lambda: bo.ideas.rowCount() == 3, timeout=10000)
    sources = [str(bo.ideas.index(r).data(SourceRole)) for r in range(bo.ideas.rowCount())]
    assert sum("private until revealed" in s for s in sources) == 1

    # the facilitator moves the room to dot voting with a 5-minute timer
    item = next(
        fp.activity_list.item(i)
        for i in range(fp.activity_list.count())
        if fp.activity_list.item(i).data(Qt.ItemDataRole.UserRole) == "vote"
    )
    fp.activity_list.itemClicked.emit(item)
    assert ada.ws.sessions.get(sid).phase is Phase.CONVERGE
    fp.minutes_box.setValue(5)
    fp.timer_start.click()
    assert fp.clock_label.text() in ("05:00", "04:59")
    qtbot.waitUntil(lambda: pp.clock_label.text() in ("05:00", "04:59", "04:58"), timeout=10000)

    # bo votes from the keyboard: V puts a dot on the current idea, Shift+V takes it back
    bo.idea_view.setFocus()
    bo.idea_view.setCurrentIndex(bo.ideas.index(0))
    qtbot.keyClick(bo.idea_view, Qt.Key.Key_V)
    qtbot.keyClick(bo.idea_view, Qt.Key.Key_V)
    qtbot.keyClick(bo.idea_view, Qt.Key.Key_V)  # over the per-idea limit: refused, shown
    assert "At most 2 dots" in bo.statusBar().currentMessage()
    assert sum(v.dots for v in bo.ws.store.read(lambda u: u.votes.list(sid))) == 2
    qtbot.waitUntil(lambda: fp.status is not None and fp.status.voters == 1, timeout=10000)
    assert bo.undo_action.isEnabled()
    bo.undo_action.trigger()
    assert sum(v.dots for v in bo.ws.store.read(lambda u: u.votes.list(sid))) == 1
    bo.idea_view.setCurrentIndex(bo.ideas.index(0))
    qtbot.keyClick(bo.idea_view, Qt.Key.Key_V, Qt.KeyboardModifier.ShiftModifier)
    assert sum(v.dots for v in bo.ws.store.read(lambda u: u.votes.list(sid))) == 0
    bo.undo_action.trigger()
    assert sum(v.dots for v in bo.ws.store.read(lambda u: u.votes.list(sid))) == 1

    # votes stay hidden from ada's matrix until revealed, then both see them
    assert not ada.ws.scoring.matrix(sid).votes_visible
    fp.reveal_votes.click()
    assert ada.ws.workshop.state(sid).votes_revealed
    qtbot.waitUntil(lambda: pp.status is not None and pp.status.state.votes_revealed, timeout=10000)
    assert pp.reveal_votes.isChecked()


def test_presenter_view_counts_then_shows_revealed_results(
    room: tuple[MainWindow, MainWindow, int], qtbot: QtBot
) -> None:
    ada, bo, sid = room
    ada.ws.workshop.start(sid, budget=3, per_idea=3, anonymous=False)
    ada.ws.workshop.set_activity(sid, Activity.VOTE)
    ideas = {i.text: i.id for i in ada.ws.ideas.list(sid)}
    bo.ws.scoring.vote(ideas["Ice rink <b>with</b> music"], 3)
    ada.workshop.refresh()
    assert ada.presenter_action.shortcut().toString() == "F5"
    ada.presenter_action.trigger()
    presenter = ada.presenter
    assert presenter is not None and presenter.isVisible()
    qtbot.addWidget(presenter)
    assert presenter.challenge.text() == CHALLENGE
    assert presenter.activity.text() == "Dot voting"
    assert "1 of 2 have voted" in presenter.counts.text()
    assert "Ice rink" not in presenter.results.text()  # not revealed: counts only
    assert "reveals them" in presenter.results.text()
    ada.ws.workshop.reveal(sid, "votes")
    ada.workshop.refresh()
    # the facilitator is warned that recording now would show the still hidden scores
    ada.ws.ideas.shortlist(ideas["Mulled cider stalls"])
    ada.decide.refresh()
    ada.decide._update_state()
    assert ada.decide.results_hidden
    html = presenter.results.text()
    # the idea's text is escaped: a model or a person cannot inject markup
    assert "Ice rink &lt;b&gt;with&lt;/b&gt; music" in html and "(bo)" in html
    ada.ws.workshop.start_timer(sid, 90)
    ada.workshop.refresh()
    assert presenter.clock.text() in ("01:30", "01:29")
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible()


def test_several_people_on_one_machine_switch_the_acting_participant(
    room: tuple[MainWindow, MainWindow, int], qtbot: QtBot
) -> None:
    ada, _bo, sid = room
    panel = ada.workshop
    ada.ws.workshop.start(sid)
    ada.ws.workshop.set_activity(sid, Activity.VOTE)
    ada.idea_entry.setText("Skating lessons for grown-ups")
    ada.add_idea()
    assert ada.undo_action.isEnabled()
    panel.actor_box.setEditText("Chen 陳")
    panel.switch_actor(panel.actor_box.currentText())
    assert ada.ws.actor == "Chen 陳"
    assert not ada.undo_action.isEnabled()  # Chen cannot undo what ada did
    names = [p.participant.name for p in ada.ws.workshop.status(sid).people]
    assert names == ["ada", "bo", "Chen 陳"]
    assert not panel.start_button.isEnabled()  # Chen is a participant
    with pytest.raises(Exception, match="Only the facilitator"):
        ada.ws.workshop.reveal(sid, "votes")
    panel.switch_actor("ada")
    assert panel.finish_button.isEnabled()


def test_clock_format() -> None:
    assert clock(None) == "--:--"
    assert clock(0) == "00:00"
    assert clock(0.2) == "00:01"
    assert clock(299.5) == "05:00"
    assert clock(3599) == "59:59"


def test_workshop_panel_without_a_session(qtbot: QtBot, tmp_path: Path) -> None:
    from ideaforge.ui.workshop import WorkshopPanel

    ws = Workspace(open_store(f"sqlite:///{tmp_path / 'w.db'}"), "ada")
    panel = WorkshopPanel(ws)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.status is None and panel.mode_label.text() == "Pick a session."
    assert all(not w.isEnabled() for w in (panel.start_button, panel.reveal_votes))
    assert isinstance(panel.people, QtWidgets.QListWidget) and panel.people.count() == 0
    ws.close()


def test_join_a_workshop_by_code_opens_its_database_in_a_new_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the facilitator's database (another machine's PostgreSQL in real life; a file here)
    host = Workspace(open_store(f"sqlite:///{tmp_path / 'room.db'}"), "ada")
    sid = host.sessions.new(CHALLENGE).id
    host.workshop.start(sid)
    code = host.workshop.join_code(sid)
    mine = _window(qtbot, f"sqlite:///{tmp_path / 'mine.db'}", "bo")
    asked: list[str] = []

    def get_text(_parent: object, title: str, _label: str) -> tuple[str, bool]:
        asked.append(title)
        return code, True

    monkeypatch.setattr(QtWidgets.QInputDialog, "getText", get_text)
    joined = mine.join_workshop()
    assert joined is not None and asked == ["Join a workshop"]
    qtbot.addWidget(joined)
    assert joined.ws.store.url == host.store.url and joined.current_session == sid
    assert joined.workshop_dock.isVisible() and not mine.isVisible()
    people = [(p.participant.name, p.participant.role.value)
              for p in host.workshop.status(sid).people]  # fmt: skip
    assert people == [("ada", "facilitator"), ("bo", "participant")]
    # a mistyped code is refused with the reason, and nothing opens
    errors: list[str] = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda _p, _t, text: errors.append(text))
    monkeypatch.setattr(QtWidgets.QInputDialog, "getText", lambda *_: (code[:-2] + "ZZ", True))
    assert joined.join_workshop() is None and "mistyped" in errors[0]
    joined.close()
    mine.ws.close()
    host.close()
