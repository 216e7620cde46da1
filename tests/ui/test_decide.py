"""The Decide view with real widgets (offscreen) on a real SQLite file: weigh the shortlist,
answer the responsibility checklist, record a decision."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ideaforge.core.model import DecisionStatus
from ideaforge.services.decisions import CONCERNS
from ideaforge.services.workspace import Change, Workspace
from ideaforge.store import open_store
from ideaforge.ui.decide import CHOSEN, CONSIDERED, IDEA, DecidePanel
from ideaforge.ui.qt import Qt, QtGui, QtWidgets

XSS = "Hand out lights <script>alert(1)</script> at night"


@pytest.fixture
def ws(sqlite_url: str) -> Iterator[Workspace]:
    workspace = Workspace(open_store(sqlite_url), "ada")
    yield workspace
    workspace.close()


@pytest.fixture
def session(ws: Workspace) -> dict[str, int]:
    s = ws.sessions.new(
        "How might we make bike commuting safer?",
        intent="More people cycle to work",
        values="Safety over speed; nobody left out",
    )
    a, b, c = ws.ideas.add_many(s.id, [XSS, "Protected lanes on main roads", "Free helmets"])
    ws.ideas.shortlist(a.id)
    ws.ideas.shortlist(b.id)
    return {"sid": s.id, "a": a.id, "b": b.id, "c": c.id}


@pytest.fixture
def panel(qtbot: QtBot, ws: Workspace, session: dict[str, int]) -> DecidePanel:
    p = DecidePanel(ws, QtGui.QUndoStack())
    qtbot.addWidget(p)
    p.resize(1100, 700)
    p.show()
    qtbot.waitExposed(p)
    p.set_session(session["sid"])
    return p


def answer_all(panel: DecidePanel, idea_id: int, answer: str = "none") -> None:
    for key in CONCERNS:
        panel.set_answer(idea_id, key, answer)


def fill(panel: DecidePanel, qtbot: QtBot, idea_id: int) -> None:
    qtbot.keyClicks(panel.title_edit, "Pilot night lights")
    qtbot.keyClicks(panel.rationale_edit, "Cheap, fast, and it helps at night.")
    panel.deciders_edit.end(False)
    qtbot.keyClicks(panel.deciders_edit, ", bob")
    panel.set_chosen([idea_id])
    answer_all(panel, idea_id)
    panel.set_answer(idea_id, "safety", "mitigated", "Lights meet the road standard.")


def shown_texts(panel: DecidePanel) -> list[str]:
    model = panel.options_model
    return [model.index(r, IDEA).data() for r in range(model.rowCount())]


def test_shortlist_shows_only_shortlisted_ideas_all_considered(
    panel: DecidePanel, session: dict[str, int]
) -> None:
    assert shown_texts(panel) == [f"★ {XSS}", "★ Protected lanes on main roads"]
    model = panel.options_model
    assert model.considered_ids() == [session["a"], session["b"]]
    assert model.chosen_ids() == []
    assert model.index(0, CONSIDERED).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert not panel.hint_label.isVisibleTo(panel)
    # Prefilled from the session and the acting person.
    assert panel.deciders_edit.text() == "ada"
    assert "bike commuting" in panel.context_edit.toPlainText()
    assert "More people cycle to work" in panel.context_edit.toPlainText()
    assert panel.values_edit.toPlainText() == "Safety over speed; nobody left out"


def test_ticking_chosen_builds_the_checklist_and_keeps_answers(
    panel: DecidePanel, session: dict[str, int]
) -> None:
    a, b = session["a"], session["b"]
    model = panel.options_model
    # A person's click on the Chosen box goes through setData like this.
    assert model.setData(
        model.index(1, CHOSEN), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    assert model.chosen_ids() == [b]
    assert panel.checklist.topLevelItemCount() == 1
    assert panel.checklist.topLevelItem(0).childCount() == len(CONCERNS)
    panel.set_answer(b, "privacy", "accepted", "Only counts, no names.")
    panel.set_chosen([a, b])
    assert panel.checklist.topLevelItemCount() == 2
    # The answer given before the rebuild is still there, in the widgets too.
    combo = panel.checklist.itemWidget(panel.checklist.topLevelItem(1).child(3), 1)
    note = panel.checklist.itemWidget(panel.checklist.topLevelItem(1).child(3), 2)
    assert isinstance(combo, QtWidgets.QComboBox) and isinstance(note, QtWidgets.QLineEdit)
    assert combo.currentData() == "accepted"
    assert note.text() == "Only counts, no names."
    # Unticking Considered also unchooses.
    model.setData(model.index(0, CONSIDERED), 0, Qt.ItemDataRole.CheckStateRole)
    assert model.considered_ids() == [b]
    assert model.chosen_ids() == [b]
    assert panel.checklist.topLevelItemCount() == 1


def test_record_is_blocked_until_the_checklist_is_answered(
    panel: DecidePanel, qtbot: QtBot, session: dict[str, int]
) -> None:
    a = session["a"]
    assert not panel.record_button.isEnabled()
    assert set(panel.missing()) >= {"a title", "a rationale"}
    qtbot.keyClicks(panel.title_edit, "Pilot")
    qtbot.keyClicks(panel.rationale_edit, "Because.")
    assert any("chosen idea" in m for m in panel.missing())
    panel.set_chosen([a])
    missing = panel.missing()
    assert len(missing) == len(CONCERNS)
    assert f"#{a} Privacy: unanswered" in missing
    assert f"#{a} Safety: unanswered" in missing
    assert not panel.record_button.isEnabled()
    assert "Privacy" in panel.record_button.toolTip()

    answer_all(panel, a)
    panel.set_answer(a, "privacy", "mitigated")  # a concern without a note blocks
    assert panel.missing() == [f"#{a} Privacy: a note on the concern"]
    assert not panel.record_button.isEnabled()
    panel.set_answer(a, "privacy", "mitigated", "No names are stored.")
    assert panel.missing() == []
    assert panel.record_button.isEnabled()
    panel.deciders_edit.clear()
    assert panel.missing() == ["at least one decider"]
    assert not panel.record_button.isEnabled()


def test_answering_through_the_checklist_widgets(
    panel: DecidePanel, session: dict[str, int]
) -> None:
    a = session["a"]
    panel.set_chosen([a])
    top = panel.checklist.topLevelItem(0)
    for i in range(top.childCount()):
        combo = panel.checklist.itemWidget(top.child(i), 1)
        assert isinstance(combo, QtWidgets.QComboBox)
        combo.setCurrentIndex(combo.findData("none"))
    assert not any(m.startswith(f"#{a}") for m in panel.missing())
    combo = panel.checklist.itemWidget(top.child(1), 1)
    assert isinstance(combo, QtWidgets.QComboBox)
    combo.setCurrentIndex(combo.findData("accepted"))
    assert panel.missing()[-1] == f"#{a} Bias and fairness: a note on the concern"
    note = panel.checklist.itemWidget(top.child(1), 2)
    assert isinstance(note, QtWidgets.QLineEdit)
    assert note.placeholderText().startswith("Required")
    note.setText("Tested with riders of all ages.")
    assert not any(m.startswith(f"#{a}") for m in panel.missing())


def test_record_stores_the_decision_and_the_timeline_escapes_it(
    panel: DecidePanel, qtbot: QtBot, ws: Workspace, session: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    asked: list[str] = []

    def yes(_parent: Any, _title: str, text: str, *_: Any) -> Any:
        asked.append(text)
        return QtWidgets.QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QtWidgets.QMessageBox, "question", yes)
    sid, a, b = session["sid"], session["a"], session["b"]
    fill(panel, qtbot, a)
    assert panel.record_button.isEnabled()
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)

    assert len(asked) == 1 and "cannot be undone" in asked[0]
    [d] = ws.decisions.list(sid)
    assert d.title == "Pilot night lights"
    assert d.status is DecisionStatus.ACCEPTED
    assert d.options == (a, b)
    assert d.chosen == (a,)
    assert d.deciders == ("ada", "bob")
    assert d.rationale == "Cheap, fast, and it helps at night."
    assert d.values == "Safety over speed; nobody left out"
    assert d.risks[str(a)]["safety"] == {
        "answer": "mitigated", "note": "Lights meet the road standard.",
    }  # fmt: skip
    assert d.risks[str(a)]["privacy"] == {"answer": "none", "note": ""}
    assert set(d.risks) == {str(a)}

    # The form is cleared, except who decides; the new record is on the timeline.
    assert panel.title_edit.text() == ""
    assert panel.rationale_edit.toPlainText() == ""
    assert panel.deciders_edit.text() == "ada, bob"
    assert panel.options_model.chosen_ids() == []
    assert not panel.record_button.isEnabled()
    html = panel.timeline.toHtml()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = panel.timeline.toPlainText()
    assert "Pilot night lights" in text and "accepted" in text
    assert XSS in text  # shown as the words it is, not run or swallowed
    assert "ada, bob" in text
    assert "Lights meet the road standard." in text


def test_a_later_decision_supersedes_and_the_timeline_says_so(
    panel: DecidePanel, qtbot: QtBot, ws: Workspace, session: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "question",
        lambda *_: QtWidgets.QMessageBox.StandardButton.Yes,
    )  # fmt: skip
    sid, a, b = session["sid"], session["a"], session["b"]
    fill(panel, qtbot, a)
    first = panel.record()
    assert first is not None
    qtbot.keyClicks(panel.title_edit, "Lanes instead")
    qtbot.keyClicks(panel.rationale_edit, "The council offered to pay.")
    panel.set_chosen([b])
    answer_all(panel, b)
    combo = panel.supersedes_combo
    combo.setCurrentIndex(combo.findData(first.id))
    panel.activateWindow()
    qtbot.waitActive(panel)
    panel.title_edit.setFocus()
    qtbot.keyClick(panel.title_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(ws.decisions.list(sid)) == 2)
    later = ws.decisions.list(sid)[-1]
    assert later.title == "Lanes instead" and later.supersedes_id == first.id
    text = panel.timeline.toPlainText()
    assert text.index("Lanes instead") < text.index("Pilot night lights")  # newest first
    assert f"Supersedes #{first.id}" in text
    assert f"Superseded by #{later.id}" in text


def test_service_error_shows_a_warning_and_records_nothing(
    panel: DecidePanel, qtbot: QtBot, ws: Workspace, session: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    warnings: list[str] = []
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "question",
        lambda *_: QtWidgets.QMessageBox.StandardButton.Yes,
    )  # fmt: skip
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "warning", lambda _p, _t, text, *_: warnings.append(text)
    )
    fill(panel, qtbot, session["a"])
    ws.ideas.restore(session["b"])  # un-shortlisted behind the panel's back
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    assert len(warnings) == 1
    assert f"Idea #{session['b']} is active" in warnings[0]
    assert "Traceback" not in warnings[0]
    assert ws.decisions.list(session["sid"]) == []
    # The form is kept, and the shortlist reloaded, so the person can try again.
    assert panel.title_edit.text() == "Pilot night lights"
    assert shown_texts(panel) == [f"★ {XSS}"]
    assert panel.record_button.isEnabled()


def test_declining_the_confirmation_records_nothing(
    panel: DecidePanel, qtbot: QtBot, ws: Workspace, session: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "question", lambda *_: QtWidgets.QMessageBox.StandardButton.No
    )
    fill(panel, qtbot, session["a"])
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    assert ws.decisions.list(session["sid"]) == []
    assert panel.title_edit.text() == "Pilot night lights"


def test_empty_shortlist_shows_the_hint(qtbot: QtBot, ws: Workspace) -> None:
    s = ws.sessions.new("How might we?")
    ws.ideas.add_many(s.id, ["One", "Two"])
    p = DecidePanel(ws, QtGui.QUndoStack())
    qtbot.addWidget(p)
    p.show()
    p.set_session(s.id)
    assert p.options_model.rowCount() == 0
    assert p.hint_label.isVisible()
    assert p.hint_label.text() == (
        "Shortlist ideas in Diverge or Converge (S) to decide between them."
    )
    assert not p.options_view.isVisible()
    assert not p.record_button.isEnabled()
    p.set_session(None)
    assert p.missing() == ["a session"]
    assert not p.title_edit.isEnabled()


def test_changes_reload_once_and_only_for_this_session(
    panel: DecidePanel, qtbot: QtBot, ws: Workspace, session: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    reloads: list[int] = []
    real_refresh = panel.refresh

    def counting_refresh() -> None:
        reloads.append(1)
        real_refresh()

    monkeypatch.setattr(panel, "refresh", counting_refresh)
    ws.subscribe(panel.on_change)
    other = ws.sessions.new("Another challenge")
    ws.ideas.shortlist(ws.ideas.add(other.id, "Elsewhere").id)
    qtbot.wait(250)
    assert reloads == []
    panel.set_chosen([session["a"]])
    panel.set_answer(session["a"], "bias", "none")
    ws.ideas.shortlist(session["c"])
    ws.scoring.vote(session["c"], 2)
    ws.emit(Change(None, sessions=True))
    qtbot.waitUntil(lambda: panel.options_model.rowCount() == 3)
    qtbot.wait(250)
    assert reloads == [1]  # three changes, one reload
    assert shown_texts(panel)[-1] == "★ Free helmets"
    assert panel.options_model.index(2, 4).data() == "2"  # the votes column
    # Form state survives the reload: the new idea is considered, the choice and answer kept.
    assert session["c"] in panel.options_model.considered_ids()
    assert panel.options_model.chosen_ids() == [session["a"]]
    assert f"#{session['a']} Bias and fairness: unanswered" not in panel.missing()


def test_screenshot(
    panel: DecidePanel, qtbot: QtBot, ws: Workspace, session: dict[str, int], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "question",
        lambda *_: QtWidgets.QMessageBox.StandardButton.Yes,
    )  # fmt: skip
    a, b = session["a"], session["b"]
    impact, effort = ws.scoring.ensure_defaults(session["sid"])
    for idea_id, i, e in ((a, 4, 2), (b, 5, 4)):
        ws.scoring.score(idea_id, impact.id, i)
        ws.scoring.score(idea_id, effort.id, e)
    ws.scoring.vote(b, 3)
    fill(panel, qtbot, a)
    assert panel.record() is not None
    qtbot.keyClicks(panel.title_edit, "Lanes and lights together")
    qtbot.keyClicks(panel.rationale_edit, "Lanes for the day, lights for the night.")
    qtbot.keyClicks(panel.bad_edit, "Lanes take a year to build")
    panel.set_chosen([a, b])
    answer_all(panel, a)
    panel.set_answer(b, "privacy", "accepted")
    panel.resize(1100, 700)
    qtbot.wait(50)
    assert panel.options_model.index(1, 3).data() == "75.0"  # the weighted total is shown
    path = tmp_path / "decide.png"
    assert panel.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_verify_log_says_intact_then_names_the_altered_record(
    panel: DecidePanel, qtbot: QtBot, ws: Workspace, session: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from sqlalchemy import text as sql

    from ideaforge.services.decisions import CONCERNS, DecisionDraft

    sid, a = session["sid"], session["a"]
    clear = {a: {k: {"answer": "none", "note": ""} for k in CONCERNS}}
    d = ws.decisions.record(DecisionDraft(sid, "Lights first", [a], [a], ["ada"], "Cheap", clear))
    panel.refresh()
    assert "log record 1" in panel.timeline.toPlainText()
    assert panel.verify_log() and panel.verify_label.text().startswith("✓")
    with ws.store.engine.begin() as conn:
        conn.execute(sql("UPDATE decisions SET title = 'Lanes first' WHERE id = :i"), {"i": d.id})
    warned: list[str] = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    qtbot.mouseClick(panel.verify_button, Qt.MouseButton.LeftButton)
    assert panel.verify_label.text().startswith("✗") and f"Record #{d.id}" in warned[0]
