"""Session library (rename, duplicate, delete with confirmation), phases, search, the help
panel and the restored window layout, on real widgets (offscreen) and a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ideaforge.core.model import Phase
from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store
from ideaforge.ui.main_window import HelpDialog, MainWindow, NewSessionDialog
from ideaforge.ui.qt import QtWidgets


@pytest.fixture
def ws(sqlite_url: str) -> Iterator[Workspace]:
    w = Workspace(open_store(sqlite_url), "ada")
    yield w
    w.close()


def open_window(qtbot: QtBot, ws: Workspace) -> MainWindow:
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def titles(w: MainWindow) -> list[str]:
    return [w.sessions.row(r).session.title for r in range(w.sessions.rowCount())]


def test_rename_duplicate_delete_with_undo_and_confirmation(
    qtbot: QtBot, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = ws.sessions.new("How might we cut queues at the canteen?")
    ws.ideas.add_many(s.id, ["Pre-order by app", "Stagger lunch breaks"])
    w = open_window(qtbot, ws)
    w.select_session(s.id)

    def rename(dialog: NewSessionDialog) -> int:
        assert dialog.challenge.toPlainText() == s.challenge  # editing shows what is there
        assert dialog.language.currentData() == "en"
        dialog.language.setCurrentIndex(dialog.language.findData("mixed"))
        dialog.title.setText("Canteen queues")
        dialog.values.setPlainText("Nobody skips lunch")
        return QtWidgets.QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewSessionDialog, "exec", rename)
    w.edit_session_action.trigger()
    assert ws.sessions.get(s.id).title == "Canteen queues"
    assert ws.sessions.get(s.id).values == "Nobody skips lunch"
    assert ws.sessions.get(s.id).language.value == "mixed"
    qtbot.waitUntil(lambda: titles(w) == ["Canteen queues"])
    w.undo_action.trigger()
    assert ws.sessions.get(s.id).title == s.title and ws.sessions.get(s.id).values == ""
    assert ws.sessions.get(s.id).language.value == "en"
    w.redo_action.trigger()
    assert ws.sessions.get(s.id).title == "Canteen queues"

    w.duplicate_action.trigger()
    copy = w.current_session
    assert copy is not None and copy != s.id
    assert [i.text for i in ws.ideas.list(copy)] == ["Pre-order by app", "Stagger lunch breaks"]
    qtbot.waitUntil(lambda: sorted(titles(w)) == ["Canteen queues", "Canteen queues (copy)"])

    asked: list[str] = []
    answer = QtWidgets.QMessageBox.StandardButton.No

    def question(_parent: Any, _title: str, text: str, *_a: Any) -> Any:
        asked.append(text)
        return answer

    monkeypatch.setattr(QtWidgets.QMessageBox, "question", question)
    w.delete_action.trigger()  # declined: nothing happens
    assert "2 ideas" in asked[0] and "cannot be undone" in asked[0]
    assert {x.session.id for x in ws.sessions.list()} == {s.id, copy}
    answer = QtWidgets.QMessageBox.StandardButton.Yes
    w.delete_action.trigger()
    assert {x.session.id for x in ws.sessions.list()} == {s.id}
    qtbot.waitUntil(lambda: titles(w) == ["Canteen queues"])
    assert w.current_session == s.id  # the library moved on to the remaining session
    w.close()


def test_phase_bar_moves_the_session_and_undo_moves_it_back(qtbot: QtBot, ws: Workspace) -> None:
    s = ws.sessions.new("How might we?")
    w = open_window(qtbot, ws)
    w.select_session(s.id)
    assert w.next_phase_button.text().startswith("Move on to Converge")
    assert not w.back_phase_button.isVisible()
    w.next_phase_button.click()
    assert ws.sessions.get(s.id).phase is Phase.CONVERGE and w.tabs.currentIndex() == 1
    qtbot.waitUntil(lambda: "Converge" in w.phase_label.text())
    assert w.tabs.tabText(1).startswith("●") and not w.tabs.tabText(0).startswith("●")
    w.undo_action.trigger()
    assert ws.sessions.get(s.id).phase is Phase.DIVERGE
    w.close()


def test_search_and_source_filter(qtbot: QtBot, ws: Workspace) -> None:
    from ideaforge.core.model import Provenance

    s = ws.sessions.new("How might we?")
    ws.ideas.add_many(s.id, ["Night buses", "Bike lights"])
    ws.ideas.add_generated(s.id, ["Night markets for lights"], [Provenance("tiny", "plain")])
    w = open_window(qtbot, ws)
    w.select_session(s.id)
    assert w.ideas.rowCount() == 3
    qtbot.keyClicks(w.search_edit, "night")
    qtbot.waitUntil(lambda: w.ideas.rowCount() == 2)
    w.origin_filter.setCurrentIndex(w.origin_filter.findData("model"))
    qtbot.waitUntil(lambda: w.ideas.rowCount() == 1)
    assert w.ideas.row(0).text == "Night markets for lights"
    w.search_edit.clear()
    w.origin_filter.setCurrentIndex(w.origin_filter.findData("human"))
    qtbot.waitUntil(lambda: w.ideas.rowCount() == 2)
    w.close()


def test_help_lists_every_shortcut(qtbot: QtBot, ws: Workspace) -> None:
    w = open_window(qtbot, ws)
    rows = dict(w.shortcut_rows())
    for keys in ("Ctrl+N", "F2", "Ctrl+Z", "Ctrl+F", "Ctrl+1", "Ctrl+3", "F1", "K", "X", "S",
                 "5", "Ctrl+Q", "Ctrl+G", "Ctrl+Shift+A"):  # fmt: skip
        assert keys in rows, keys
    dialog = HelpDialog(w.shortcut_rows(), w)
    assert dialog.table.rowCount() == len(w.shortcut_rows())
    assert dialog.table.item(0, 0).text() == w.shortcut_rows()[0][0]
    w.close()


def test_layout_and_choices_are_restored(qtbot: QtBot, ws: Workspace) -> None:
    s = ws.sessions.new("How might we?")
    other = ws.sessions.new("How might we not?")
    w = open_window(qtbot, ws)
    qtbot.waitUntil(lambda: bool(w.lens_actions))
    w.select_session(other.id)
    w.tabs.setCurrentIndex(2)
    w.converge_tabs.setCurrentIndex(1)
    w.count_box.setValue(77)
    w.creativity.setValue(1.2)
    w._set_lenses(["scamper-combine", "plain"])
    w.show_set_aside.setChecked(True)
    w.splitter.setSizes([200, 900])
    w.close()  # saves

    again = open_window(qtbot, ws)
    qtbot.waitUntil(lambda: bool(again.lens_actions))
    assert again.current_session == other.id != s.id
    assert again.tabs.currentIndex() == 2 and again.converge_tabs.currentIndex() == 1
    assert again.count_box.value() == 77 and again.creativity.value() == pytest.approx(1.2)
    assert sorted(again.chosen_lenses() or []) == ["plain", "scamper-combine"]
    assert again.show_set_aside.isChecked()
    assert (ws.settings.data_dir / "window.ini").exists()
    again.close()


def test_export_and_import_from_the_file_menu(
    qtbot: QtBot, ws: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    s = ws.sessions.new("How might we cut queues?")
    ws.ideas.add(s.id, 'Pre-order <script>alert("x")</script> by app')
    w = open_window(qtbot, ws)
    w.select_session(s.id)
    monkeypatch.setattr(QtWidgets.QInputDialog, "getItem",
                        lambda *_a, **_k: (w.tr("Report (one HTML file)"), True))  # fmt: skip
    out = tmp_path / "report.html"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(out), ""))  # fmt: skip
    w.export_action.trigger()
    page = out.read_text(encoding="utf-8")
    assert "How might we cut queues?" in page and "<script>" not in page
    source = tmp_path / "more.txt"
    source.write_text("Stagger lunch breaks\n午餐分流\n", encoding="utf-8")
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName",
                        lambda *_a, **_k: (str(source), ""))  # fmt: skip
    w.import_action.trigger()
    texts = [i.text for i in ws.ideas.list(s.id)]
    assert texts[-2:] == ["Stagger lunch breaks", "午餐分流"]
    imported = ws.ideas.list(s.id)[-1]
    assert imported.origin.value == "imported"
    qtbot.waitUntil(lambda: w.ideas.rowCount() == 3)
    w.close()
