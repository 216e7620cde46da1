"""The Score panel with real widgets (offscreen) on a real SQLite file: criteria editor, score
matrix scored from the keyboard, undo and redo, filters, and the impact/effort chart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ideaforge.services.workspace import Change, Workspace
from ideaforge.store import open_store
from ideaforge.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ideaforge.ui.quadrant_chart import Quadrant, quadrant
from ideaforge.ui.scoring import ScorePanel
from ideaforge.ui.scoring_models import CriteriaModel, CriterionDialog, IdeaRole

IDEAS = [
    "Protected bike lanes on main roads",
    "Free bike lights at the station",
    "A bike bus to school on Fridays",
    "Covered parking for bikes at work",
    "Night rides with a ride leader",
]


class Relay(QtCore.QObject):
    """Hops service changes to the GUI thread, as the main window does."""

    changed = Signal(object)


@pytest.fixture
def ws(sqlite_url: str) -> Iterator[Workspace]:
    w = Workspace(open_store(sqlite_url), "ada")
    yield w
    w.close()


@pytest.fixture
def sid(ws: Workspace) -> int:
    s = ws.sessions.new("How might we get more people cycling to work?")
    ws.ideas.add_many(s.id, IDEAS)
    return s.id


@pytest.fixture
def panel(qtbot: QtBot, ws: Workspace, sid: int) -> Iterator[ScorePanel]:
    stack = QtGui.QUndoStack()
    p = ScorePanel(ws, stack)
    relay = Relay()
    relay.changed.connect(p.on_change, Qt.ConnectionType.QueuedConnection)
    ws.subscribe(relay.changed.emit)
    qtbot.addWidget(p)
    p.resize(1100, 650)
    p.show()
    qtbot.waitExposed(p)
    p.set_session(sid)
    yield p  # the relay lives as long as the panel does


def mine(ws: Workspace, sid: int, idea_id: int, criterion_id: int) -> float | None:
    row = next(r for r in ws.scoring.matrix(sid).rows if r.idea.id == idea_id)
    return row.mine.get(criterion_id)


def criteria(ws: Workspace, sid: int) -> dict[str, int]:
    return {c.name: c.id for c in ws.scoring.criteria(sid)}


def cell(panel: ScorePanel, row: int, column: int) -> str:
    return str(panel.proxy.index(row, column).data() or "")


def focus_cell(panel: ScorePanel, qtbot: QtBot, row: int, column: int) -> None:
    panel.matrix_view.setFocus()
    panel.matrix_view.setCurrentIndex(panel.proxy.index(row, column))
    assert panel.matrix_view.currentIndex().row() == row


def capture_warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text)
    )
    return shown


def test_default_criteria_appear(panel: ScorePanel, ws: Workspace, sid: int) -> None:
    cm = panel.criteria_model
    names = [cm.index(r, CriteriaModel.NAME).data() for r in range(cm.rowCount())]
    assert names == ["Impact", "Effort"]
    assert cm.index(1, CriteriaModel.HIGHER).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )  # effort: lower is better
    m = panel.matrix_model
    headers = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    assert headers == ["Idea", "Impact", "Effort", "Total", "Votes", "★"]
    assert m.rowCount() == len(IDEAS)
    assert panel.x_combo.currentText() == "Effort" and panel.y_combo.currentText() == "Impact"
    assert panel.unscored_label.text() == "5 ideas not yet scored on both"
    tip = panel.proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"{IDEAS[0]}\n\nFrom: a person"
    # Shown twice, added once.
    panel.set_session(sid)
    assert len(ws.scoring.criteria(sid)) == 2
    panel.set_session(None)
    assert panel.matrix_model.rowCount() == 0 and not panel.add_button.isEnabled()


def test_keys_score_the_current_cell_and_move_down(
    panel: ScorePanel, ws: Workspace, sid: int, qtbot: QtBot
) -> None:
    c = criteria(ws, sid)
    ids = [int(panel.proxy.index(r, 0).data(IdeaRole)) for r in range(len(IDEAS))]
    focus_cell(panel, qtbot, 0, 1)  # Impact of the first idea
    qtbot.keyClick(panel.matrix_view, Qt.Key.Key_4)
    assert mine(ws, sid, ids[0], c["Impact"]) == 4.0
    assert panel.matrix_view.currentIndex().row() == 1
    assert cell(panel, 0, 1) == "4"  # shown at once
    qtbot.keyClick(panel.matrix_view, Qt.Key.Key_2)
    assert mine(ws, sid, ids[1], c["Impact"]) == 2.0
    assert panel.matrix_view.currentIndex().row() == 2
    # Arrows move as usual; 0 and Delete clear.
    qtbot.keyClick(panel.matrix_view, Qt.Key.Key_Up)
    assert panel.matrix_view.currentIndex().row() == 1
    qtbot.keyClick(panel.matrix_view, Qt.Key.Key_0)
    assert mine(ws, sid, ids[1], c["Impact"]) is None
    qtbot.keyClick(panel.matrix_view, Qt.Key.Key_Up)
    qtbot.keyClick(panel.matrix_view, Qt.Key.Key_Up)
    qtbot.keyClick(panel.matrix_view, Qt.Key.Key_Delete)
    assert mine(ws, sid, ids[0], c["Impact"]) is None
    # On a column that is no criterion, the first criterion is scored.
    focus_cell(panel, qtbot, 3, 0)
    qtbot.keyClick(panel.matrix_view, Qt.Key.Key_5)
    assert mine(ws, sid, ids[3], c["Impact"]) == 5.0
    assert panel.matrix_view.currentIndex().row() == 4
    # The reload after the change keeps the place and shows the total.
    qtbot.waitUntil(lambda: cell(panel, 3, panel.matrix_model.total_column) == "100.0")
    assert panel.matrix_view.currentIndex().row() == 4


def test_typed_edit_and_everyones_average(
    panel: ScorePanel, ws: Workspace, sid: int, qtbot: QtBot, sqlite_url: str
) -> None:
    c = criteria(ws, sid)
    index = panel.proxy.index(0, 2)  # Effort of the first idea
    idea_id = int(index.data(IdeaRole))
    assert panel.proxy.setData(index, "2,5")  # a decimal comma is fine
    assert mine(ws, sid, idea_id, c["Effort"]) == 2.5
    bob = Workspace(open_store(sqlite_url), "bob")  # another person on the same database
    bob.scoring.score(idea_id, c["Effort"], 4)
    bob.close()
    panel.on_change(Change(sid, idea_ids=(idea_id,), meta={"scores": True}))
    qtbot.waitUntil(lambda: cell(panel, 0, 2) == "2.5 (avg 3.25)")
    assert panel.proxy.index(0, 2).data(Qt.ItemDataRole.EditRole) == "2.5"
    assert panel.proxy.setData(panel.proxy.index(0, 2), "")  # an empty edit clears mine
    assert mine(ws, sid, idea_id, c["Effort"]) is None
    qtbot.waitUntil(lambda: cell(panel, 0, 2) == "(avg 4)")


def test_changes_of_other_sessions_are_ignored(panel: ScorePanel, ws: Workspace) -> None:
    other = ws.sessions.new("Another challenge entirely?")
    QtCore.QCoreApplication.processEvents()  # changes already queued
    panel.refresh()
    panel.on_change(Change(other.id, ideas=True))
    assert not panel._reloader.timer.isActive()
    panel.on_change(Change(panel.session_id, ideas=True))
    assert panel._reloader.timer.isActive()


def test_weighted_total_and_numeric_sort(
    panel: ScorePanel, ws: Workspace, sid: int, qtbot: QtBot
) -> None:
    c = criteria(ws, sid)
    ids = [i.id for i in ws.ideas.list(sid)]
    # (impact, effort): Impact weighs 2, Effort 1 and lower effort is better.
    for idea_id, (impact, effort) in zip(ids, [(5, 1), (2, 5), (1, 4), (3, 3)], strict=False):
        ws.scoring.score(idea_id, c["Impact"], impact)
        ws.scoring.score(idea_id, c["Effort"], effort)
    ws.scoring.score(ids[4], c["Impact"], 4)  # partly scored
    panel.refresh()
    total = panel.matrix_model.total_column
    assert [cell(panel, r, total) for r in range(5)] == ["100.0", "16.7", "8.3", "50.0", "75.0"]
    tip = panel.proxy.index(4, total).data(Qt.ItemDataRole.ToolTipRole)
    assert "67%" in tip  # Impact is 2 of the 3 weight
    assert "100%" in panel.proxy.index(0, total).data(Qt.ItemDataRole.ToolTipRole)
    panel.matrix_view.sortByColumn(total, Qt.SortOrder.DescendingOrder)
    # As text "8.3" would come first; as numbers it is last.
    assert [cell(panel, r, total) for r in range(5)] == ["100.0", "75.0", "50.0", "16.7", "8.3"]
    panel.proxy.sort(total, Qt.SortOrder.AscendingOrder)
    assert [cell(panel, r, total) for r in range(5)] == ["8.3", "16.7", "50.0", "75.0", "100.0"]
    # An idea nobody scored sorts last from high to low.
    new = ws.ideas.add(sid, "Cycling breakfast once a month")
    panel.matrix_view.sortByColumn(total, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 6)
    assert panel.proxy.index(5, 0).data(IdeaRole) == new.id
    assert cell(panel, 5, total) == ""
    # Sorting by a criterion column is numeric too (my scores: 5, 4, 3, 2, 1).
    panel.proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert [cell(panel, r, 1) for r in range(5)] == ["5", "4", "3", "2", "1"]


def test_undo_and_redo_a_score(panel: ScorePanel, ws: Workspace, sid: int, qtbot: QtBot) -> None:
    c = criteria(ws, sid)
    focus_cell(panel, qtbot, 2, 1)
    idea_id = int(panel.proxy.index(2, 0).data(IdeaRole))
    qtbot.keyClick(panel.matrix_view, Qt.Key.Key_3)
    focus_cell(panel, qtbot, 2, 1)
    qtbot.keyClick(panel.matrix_view, Qt.Key.Key_5)
    stack = panel.undo_stack
    assert stack.count() == 2 and stack.undoText() == f"Score idea #{idea_id} on Impact"
    stack.undo()
    assert mine(ws, sid, idea_id, c["Impact"]) == 3.0
    stack.undo()
    assert mine(ws, sid, idea_id, c["Impact"]) is None
    qtbot.waitUntil(lambda: cell(panel, 2, 1) == "")
    stack.redo()
    stack.redo()
    assert mine(ws, sid, idea_id, c["Impact"]) == 5.0
    qtbot.waitUntil(lambda: cell(panel, 2, 1) == "5")


def test_undo_and_redo_criterion_edits(
    panel: ScorePanel, ws: Workspace, sid: int, qtbot: QtBot
) -> None:
    cm = panel.criteria_model
    impact_id = criteria(ws, sid)["Impact"]
    assert cm.setData(cm.index(0, CriteriaModel.NAME), "Benefit")
    assert cm.setData(cm.index(0, CriteriaModel.WEIGHT), 3.0)
    assert cm.setData(
        cm.index(0, CriteriaModel.HIGHER), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole
    )
    saved = next(x for x in ws.scoring.criteria(sid) if x.id == impact_id)
    assert (saved.name, saved.weight, saved.higher_is_better) == ("Benefit", 3.0, False)
    qtbot.waitUntil(lambda: cm.index(0, CriteriaModel.NAME).data() == "Benefit")
    assert panel.matrix_model.headerData(1, Qt.Orientation.Horizontal) == "Benefit"
    stack = panel.undo_stack
    assert stack.count() == 3
    for _ in range(3):
        stack.undo()
    saved = next(x for x in ws.scoring.criteria(sid) if x.id == impact_id)
    assert (saved.name, saved.weight, saved.higher_is_better) == ("Impact", 2.0, True)
    qtbot.waitUntil(lambda: cm.index(0, CriteriaModel.NAME).data() == "Impact")
    stack.redo()
    assert criteria(ws, sid) == {"Benefit": impact_id, "Effort": criteria(ws, sid)["Effort"]}


def test_refused_criterion_edit_shows_the_reason(
    panel: ScorePanel, ws: Workspace, sid: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = capture_warnings(monkeypatch)
    cm = panel.criteria_model
    assert not cm.setData(cm.index(1, CriteriaModel.NAME), "impact")  # taken, any case
    assert shown == ["This session already has a criterion called 'Impact'."]
    assert not cm.setData(cm.index(1, CriteriaModel.MIN), 9)  # min above max
    assert "must run from low to high" in shown[-1]
    assert panel.undo_stack.count() == 0
    assert sorted(criteria(ws, sid)) == ["Effort", "Impact"]


def test_delete_criterion_and_undo_brings_scores_back(
    panel: ScorePanel, ws: Workspace, sid: int, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = criteria(ws, sid)
    idea_id = int(panel.proxy.index(0, 0).data(IdeaRole))
    ws.scoring.score(idea_id, c["Effort"], 2)
    panel.refresh()
    asked: list[str] = []

    def answer_yes(*args: object) -> QtWidgets.QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QtWidgets.QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QtWidgets.QMessageBox, "question", answer_yes)
    panel.criteria_view.setCurrentIndex(panel.criteria_model.index(1, 0))
    panel.delete_button.click()
    assert "'Effort'" in asked[0]
    assert list(criteria(ws, sid)) == ["Impact"]
    assert panel.matrix_model.columnCount() == 5
    assert panel.chart.x_criterion is None  # one criterion left: no 2x2 to draw
    panel.undo_stack.undo()
    assert criteria(ws, sid)["Effort"] == c["Effort"]  # same id
    assert mine(ws, sid, idea_id, c["Effort"]) == 2.0  # with its scores
    qtbot.waitUntil(lambda: panel.matrix_model.columnCount() == 6)
    assert cell(panel, 0, 2) == "2"
    assert panel.x_combo.currentText() == "Effort"
    panel.undo_stack.redo()
    assert list(criteria(ws, sid)) == ["Impact"]


def test_add_criterion_through_the_dialog(
    panel: ScorePanel, ws: Workspace, sid: int, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(dialog: CriterionDialog) -> int:
        dialog.name.setText("Risk")
        dialog.weight.setValue(1.5)
        dialog.scale_min.setValue(1)
        dialog.scale_max.setValue(3)
        dialog.higher_is_better.setChecked(False)
        return QtWidgets.QDialog.DialogCode.Accepted

    monkeypatch.setattr(CriterionDialog, "exec", fill)
    panel.add_button.click()
    risk = next(x for x in ws.scoring.criteria(sid) if x.name == "Risk")
    assert (risk.weight, risk.scale_min, risk.scale_max, risk.higher_is_better) == (
        1.5, 1, 3, False,
    )  # fmt: skip
    assert panel.criteria_model.rowCount() == 3
    assert panel.matrix_model.headerData(3, Qt.Orientation.Horizontal) == "Risk"
    panel.undo_stack.undo()
    assert "Risk" not in criteria(ws, sid)
    panel.undo_stack.redo()
    assert criteria(ws, sid)["Risk"] == risk.id
    qtbot.waitUntil(lambda: panel.criteria_model.rowCount() == 3)


def test_score_out_of_scale_shows_the_error_and_stores_nothing(
    panel: ScorePanel, ws: Workspace, sid: int, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    risk = ws.scoring.add_criterion(sid, "Risk", scale_min=1, scale_max=3)
    panel.refresh()
    shown = capture_warnings(monkeypatch)
    column = panel.matrix_model.column_of(risk.id)
    focus_cell(panel, qtbot, 0, column)
    idea_id = int(panel.proxy.index(0, 0).data(IdeaRole))
    qtbot.keyClick(panel.matrix_view, Qt.Key.Key_4)
    assert shown == ["A score for 'Risk' must be between 1 and 3; got 4.0."]
    assert mine(ws, sid, idea_id, risk.id) is None
    assert panel.matrix_view.currentIndex().row() == 0  # stays on the refused cell
    assert panel.undo_stack.count() == 0
    assert not panel.proxy.setData(panel.proxy.index(0, column), "lots")
    assert shown[-1].startswith("'lots' is not a number")
    assert cell(panel, 0, column) == ""


def test_filter_and_shortlisted_only(
    panel: ScorePanel, ws: Workspace, sid: int, qtbot: QtBot
) -> None:
    qtbot.keyClicks(panel.filter_edit, "BIKE")
    assert panel.proxy.rowCount() == 4  # all but the night rides
    assert all("bike" in cell(panel, r, 0).lower() for r in range(4))
    assert panel.count_label.text() == "4 of 5"
    panel.filter_edit.clear()
    assert panel.proxy.rowCount() == 5
    bus = next(i for i in ws.ideas.list(sid) if "bus" in i.text)
    ws.ideas.shortlist(bus.id)
    status = panel.matrix_model.status_column
    qtbot.waitUntil(lambda: cell(panel, 2, status) == "★")
    panel.shortlisted_only.setChecked(True)
    assert panel.proxy.rowCount() == 1
    assert panel.proxy.index(0, 0).data(IdeaRole) == bus.id
    panel.filter_edit.setText("lights")
    assert panel.proxy.rowCount() == 0
    panel.shortlisted_only.setChecked(False)
    assert [cell(panel, r, 0) for r in range(panel.proxy.rowCount())] == [IDEAS[1]]


def test_quadrants() -> None:
    assert quadrant(1, 5, 3, 3) is Quadrant.QUICK_WINS
    assert quadrant(5, 5, 3, 3) is Quadrant.BIG_BETS
    assert quadrant(1, 1, 3, 3) is Quadrant.FILL_INS
    assert quadrant(5, 1, 3, 3) is Quadrant.MONEY_PITS
    assert quadrant(3, 3, 3, 3) is Quadrant.FILL_INS  # on the lines: not high
    assert quadrant(2.5, 3.5, 3, 3) is Quadrant.QUICK_WINS


def test_chart_places_ideas_and_a_click_selects_the_row(
    panel: ScorePanel, ws: Workspace, sid: int, qtbot: QtBot, tmp_path: Path
) -> None:
    c = criteria(ws, sid)
    ideas = ws.ideas.list(sid)
    plan = {0: (5, 1), 1: (5, 5), 2: (1, 1), 3: (2, 4)}  # (impact, effort)
    for i, (impact, effort) in plan.items():
        ws.scoring.score(ideas[i].id, c["Impact"], impact)
        ws.scoring.score(ideas[i].id, c["Effort"], effort)
    ws.scoring.score(ideas[4].id, c["Impact"], 3)  # not scored on effort: not drawn
    ws.ideas.shortlist(ideas[0].id)
    # Equal scores for two more ideas: jitter keeps their dots apart.
    twins = ws.ideas.add_many(sid, ["Bike repair café", "Bike repair workshop"])
    for t in twins:
        ws.scoring.score(t.id, c["Impact"], 4)
        ws.scoring.score(t.id, c["Effort"], 2)
    qtbot.waitUntil(lambda: len(panel.chart.points) == 6)
    chart = panel.chart
    assert panel.unscored_label.text() == "1 ideas not yet scored on both"
    assert chart.quadrant_of(ideas[0].id) is Quadrant.QUICK_WINS
    assert chart.quadrant_of(ideas[1].id) is Quadrant.BIG_BETS
    assert chart.quadrant_of(ideas[2].id) is Quadrant.FILL_INS
    assert chart.quadrant_of(ideas[3].id) is Quadrant.MONEY_PITS
    assert chart.quadrant_of(ideas[4].id) is None
    a, b = (chart.position_of(t.id) for t in twins)
    assert a is not None and b is not None and a != b
    # The quick win is drawn in the top-left quadrant, left of and above the midlines.
    at = chart.position_of(ideas[0].id)
    mid = chart.to_widget(3, 3)
    assert at is not None and at.x() < mid.x() and at.y() < mid.y()
    hit = chart.point_at(at)
    assert hit is not None and hit.idea_id == ideas[0].id
    # Hovering shows the idea's text.
    hover = QtGui.QHelpEvent(
        QtCore.QEvent.Type.ToolTip, at.toPoint(), chart.mapToGlobal(at.toPoint())
    )
    QtWidgets.QApplication.sendEvent(chart, hover)
    assert QtWidgets.QToolTip.text().startswith(f"#{ideas[0].id} {IDEAS[0]}\nEffort 1 · Impact 5")
    QtWidgets.QToolTip.hideText()
    # A click selects the idea in the matrix, even when a filter hid it.
    panel.filter_edit.setText("no idea says this")
    assert panel.proxy.rowCount() == 0
    with qtbot.waitSignal(chart.selected, timeout=1000) as blocker:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=at.toPoint())
    assert blocker.args == [ideas[0].id]
    current = panel.matrix_view.currentIndex()
    assert current.isValid() and current.data(IdeaRole) == ideas[0].id
    assert panel.filter_edit.text() == "" and panel.proxy.rowCount() == 7
    # Choosing other axes redraws at once.
    panel.x_combo.setCurrentIndex(panel.x_combo.findText("Impact"))
    assert chart.x_criterion is not None and chart.x_criterion.name == "Impact"
    panel.x_combo.setCurrentIndex(panel.x_combo.findText("Effort"))
    panel.matrix_view.setCurrentIndex(panel.proxy.index(1, 1))
    assert chart.current == panel.proxy.index(1, 0).data(IdeaRole)  # the row shows on the chart
    panel.resize(1100, 650)
    qtbot.wait(20)
    shot = tmp_path / "score.png"
    assert panel.grab().save(str(shot))
    assert shot.stat().st_size > 10_000


def test_ten_thousand_ideas_load(ws: Workspace, qtbot: QtBot, tmp_path: Path) -> None:
    s = ws.sessions.new("How might we sort a very long list of ideas?")
    ws.ideas.add_many(s.id, [f"Idea {i:05d} for a long session" for i in range(10_000)])
    p = ScorePanel(ws, QtGui.QUndoStack())
    qtbot.addWidget(p)
    p.resize(1100, 650)
    p.show()
    qtbot.waitExposed(p)
    p.set_session(s.id)
    assert p.matrix_model.rowCount() == 10_000
    assert p.proxy.rowCount() == 10_000
    assert p.unscored_label.text() == "10000 ideas not yet scored on both"
    p.filter_edit.setText("idea 0999")
    assert p.proxy.rowCount() == 10
    p.filter_edit.clear()
    p.proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert cell(p, 0, 0) == "Idea 09999 for a long session"
    focus_cell(p, qtbot, 0, 1)
    qtbot.keyClick(p.matrix_view, Qt.Key.Key_5)
    first = int(p.proxy.index(0, 0).data(IdeaRole))
    assert mine(ws, s.id, first, criteria(ws, s.id)["Impact"]) == 5.0
    assert p.matrix_view.currentIndex().row() == 1
    p.refresh()
    assert p.matrix_view.currentIndex().row() == 1 and cell(p, 0, 1) == "5"
    qtbot.wait(20)  # let the layouts settle before the picture
    assert p.grab().save(str(tmp_path / "score_10k.png"))


def test_ideas_sort_as_readers_expect(qtbot: QtBot, ws: Workspace) -> None:
    """Chinese by stroke count (Taiwan's zh_TW collation), not by code point; Latin text
    case-insensitively with numbers by value."""
    s = ws.sessions.new("我們可以如何讓新手騎腳踏車通勤更安全？")
    ws.ideas.add_many(s.id, ["號誌讓自行車先走", "一週一次團騎", "三輪車租借", "十字路口反射鏡",
                             "二手車檢查", "安全帽借用箱"])  # fmt: skip
    p = ScorePanel(ws, QtGui.QUndoStack())
    qtbot.addWidget(p)
    p.set_session(s.id)
    p.proxy.sort(0, Qt.SortOrder.AscendingOrder)
    texts = [cell(p, r, 0) for r in range(6)]
    # strokes of the first character: 一 1, 二 2, 十 2, 三 3, 安 6, 號 13
    assert texts == ["一週一次團騎", "二手車檢查", "十字路口反射鏡", "三輪車租借", "安全帽借用箱",
                     "號誌讓自行車先走"]  # fmt: skip
    assert sorted(texts) != texts  # code point order would differ (三 U+4E09 before 二 U+4E8C)
    e = ws.sessions.new("How might we get more people cycling?")
    ws.ideas.add_many(e.id, ["idea 10", "Idea 2", "bike buddies", "Apple-style bike racks"])
    p.set_session(e.id)
    p.proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert [cell(p, r, 0) for r in range(4)] == ["Apple-style bike racks", "bike buddies",
                                                 "Idea 2", "idea 10"]  # fmt: skip
