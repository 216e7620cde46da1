"""The main window with real Qt widgets (offscreen): create a session, add ideas by typing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store
from ideaforge.ui.main_window import MainWindow, NewSessionDialog
from ideaforge.ui.models import IdRole
from ideaforge.ui.qt import Qt, QtCore, QtGui, QtWidgets


@pytest.fixture
def window(qtbot: QtBot, sqlite_url: str) -> MainWindow:
    ws = Workspace(open_store(sqlite_url), "ada")
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    ws.close()


def test_new_session_then_type_ideas(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def fill_and_accept(dialog: NewSessionDialog) -> int:
        dialog.challenge.setPlainText("How might we make bike commuting safer?")
        dialog.values.setPlainText("safety over speed")
        return QtWidgets.QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewSessionDialog, "exec", fill_and_accept)
    window.new_session()
    assert window.sessions.rowCount() == 1
    assert window.challenge_label.text() == "How might we make bike commuting safer?"
    assert window.idea_entry.isEnabled()

    qtbot.keyClicks(window.idea_entry, "Protected lanes on main roads")
    qtbot.keyClick(window.idea_entry, Qt.Key.Key_Return)
    # Chinese arrives through an input method, not as key presses: commit it like an IME does.
    ime = QtGui.QInputMethodEvent()
    ime.setCommitString("夜間騎乘燈具補助")
    QtWidgets.QApplication.sendEvent(window.idea_entry, ime)
    qtbot.keyClick(window.idea_entry, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: window.ideas.rowCount() == 2)
    texts = [window.ideas.index(r).data() for r in range(2)]
    assert texts == ["Protected lanes on main roads", "夜間騎乘燈具補助"]
    assert window.idea_entry.text() == ""
    tooltip = window.ideas.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "From: a person"
    # Saved at once: a second workspace on the same file sees them.
    other = Workspace(open_store(window.ws.store.engine.url.render_as_string()), "bob")
    sid = int(window.sessions.index(0).data(IdRole))
    assert [i.text for i in other.ideas.list(sid)] == texts
    other.close()
    assert "2 ideas" in window.sessions.index(0).data()
    assert window.grab().save(str(tmp_path / "main_window.png"))


def test_empty_idea_shows_a_message_not_a_crash(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = window.ws.sessions.new("How might we?")
    window.refresh_sessions()
    window.select_session(s.id)
    shown: list[str] = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    qtbot.keyClicks(window.idea_entry, "   ")
    qtbot.keyClick(window.idea_entry, Qt.Key.Key_Return)
    assert shown == ["The idea is empty. Type at least one word."]
    assert window.ideas.rowCount() == 0


def test_changes_from_another_thread_reach_the_view(window: MainWindow, qtbot: QtBot) -> None:
    s = window.ws.sessions.new("How might we?")
    window.refresh_sessions()
    window.select_session(s.id)
    thread = QtCore.QThread()
    thread.run = lambda: window.ws.ideas.add(s.id, "from a worker")  # type: ignore[method-assign]
    thread.start()
    qtbot.waitUntil(lambda: window.ideas.rowCount() == 1)
    thread.wait()
    assert window.ideas.index(0).data() == "from a worker"


def test_the_lens_button_says_what_a_chinese_session_uses(window: MainWindow, qtbot: QtBot) -> None:
    """With no lens ticked the services use every lens in English and the plain prompt in
    Chinese (lenses made Chinese ideas worse); the button says which."""
    en = window.ws.sessions.new("How might we make bike commuting safer?")
    zh = window.ws.sessions.new("我們可以如何讓新手騎腳踏車通勤更安全？")
    window.refresh_sessions()
    window.select_session(zh.id)
    qtbot.waitUntil(lambda: window.current_session == zh.id)
    assert window.lens_button.text() == "Plain (the default in Chinese)"
    assert "Chinese ideas worse" in window.lens_button.toolTip()
    window.select_session(en.id)
    qtbot.waitUntil(lambda: window.current_session == en.id)
    assert window.lens_button.text() == "All lenses"
    assert window.lens_button.toolTip().startswith("Lenses steer the model")
