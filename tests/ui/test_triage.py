"""Keyboard-first triage of the idea list, with undo and redo, on real widgets (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from ideaforge.core.model import IdeaStatus
from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store
from ideaforge.ui.main_window import MainWindow, PruneDialog
from ideaforge.ui.models import IdRole
from ideaforge.ui.qt import Qt


@pytest.fixture
def window(qtbot: QtBot, sqlite_url: str) -> Iterator[MainWindow]:
    ws = Workspace(open_store(sqlite_url), "ada")
    sid = ws.sessions.new("How might we make bike commuting safer?").id
    ws.ideas.add_many(sid, ["Protected lanes", "Free lights", "Group rides", "Helmet library"])
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.select_session(sid)
    w.idea_view.setFocus()
    w.idea_view.setCurrentIndex(w.ideas.index(0))
    yield w
    w.close()
    ws.close()


def shown(w: MainWindow) -> list[str]:
    return [w.ideas.index(r).data() for r in range(w.ideas.rowCount())]


def status(w: MainWindow, text: str) -> IdeaStatus:
    return next(i.status for i in w.ws.ideas.list(w.current_session or 0) if i.text == text)


def test_prune_shortlist_keep_by_keys_with_undo_redo(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    monkeypatch.setattr(PruneDialog, "ask", classmethod(lambda cls, parent: "Off-topic"))
    qtbot.keyClick(w.idea_view, Qt.Key.Key_X)  # prune "Protected lanes"
    assert status(w, "Protected lanes") is IdeaStatus.PRUNED
    assert "Protected lanes" not in shown(w)  # hidden, one click away
    pruned = next(i for i in w.ws.ideas.list(w.current_session or 0) if i.text == "Protected lanes")
    assert pruned.prune_reason == "Off-topic"
    # The cursor moved on to the next idea: S shortlists it.
    assert w.idea_view.currentIndex().data() == "Free lights"
    qtbot.keyClick(w.idea_view, Qt.Key.Key_S)
    assert status(w, "Free lights") is IdeaStatus.SHORTLISTED
    assert "★ Free lights" in shown(w)
    # Undo twice, redo once: the store follows each step.
    w.undo_action.trigger()
    assert status(w, "Free lights") is IdeaStatus.ACTIVE
    w.undo_action.trigger()
    assert status(w, "Protected lanes") is IdeaStatus.ACTIVE
    w.redo_action.trigger()
    assert status(w, "Protected lanes") is IdeaStatus.PRUNED
    # Show set-aside ideas, select the pruned one, K keeps it (restores).
    w.show_set_aside.setChecked(True)
    row = next(r for r in range(w.ideas.rowCount()) if "Protected lanes" in w.ideas.index(r).data())
    w.idea_view.setCurrentIndex(w.ideas.index(row))
    qtbot.keyClick(w.idea_view, Qt.Key.Key_K)
    assert status(w, "Protected lanes") is IdeaStatus.ACTIVE
    actions = [e.action for e in w.ws.history(w.current_session)]
    assert actions.count("prune") == 2 and "shortlist" in actions and "restore" in actions


def test_prune_needs_a_reason(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PruneDialog, "ask", classmethod(lambda cls, parent: ""))
    first = window.idea_view.currentIndex().data(IdRole)
    qtbot.keyClick(window.idea_view, Qt.Key.Key_X)  # cancelled dialog: nothing happens
    assert window.ws.ideas.get(int(first)).status is IdeaStatus.ACTIVE
    assert not window.undo_stack.canUndo()
