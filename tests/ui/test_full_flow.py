"""The whole brainstorm in one window, with the real tiny model and the real embedder:
type a challenge, generate, add an idea, analyse, prune with a reason, score, shortlist,
record a decision, undo and redo. Real widgets (offscreen), a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ideaforge.core.model import IdeaStatus, Phase
from ideaforge.services.decisions import CONCERNS
from ideaforge.services.workspace import Workspace
from ideaforge.ui.main_window import MainWindow, NewSessionDialog, PruneDialog
from ideaforge.ui.qt import Qt, QtCore, QtWidgets


@pytest.fixture
def window(qtbot: QtBot, gen_workspace: Workspace) -> Iterator[MainWindow]:
    gen_workspace.models.use("smollm2-135m")
    w = MainWindow(gen_workspace)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def _ideas(w: MainWindow) -> dict[str, Any]:
    return {i.text: i for i in w.ws.ideas.list(w.current_session or 0)}


def test_challenge_to_decision_with_undo_and_redo(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    w, ws = window, window.ws

    # 1. A new session: the dialog asks for the challenge, intent and values.
    def fill(dialog: NewSessionDialog) -> int:
        qtbot.keyClicks(dialog.challenge, "How might we make bike commuting safer for new riders?")
        qtbot.keyClicks(dialog.values, "Safety over speed")
        return QtWidgets.QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewSessionDialog, "exec", fill)
    w.new_session()
    sid = w.current_session
    assert sid is not None and w.ws.sessions.get(sid).values == "Safety over speed"
    assert "Diverge" in w.phase_label.text()

    # 2. Generate three ideas with the tiny model; they stream into the list.
    w.count_box.setValue(3)
    w._set_lenses(["plain"])
    qtbot.mouseClick(w.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w._worker is None, timeout=120_000)
    assert w.ideas.rowCount() == 3
    assert all(i.provenance and i.provenance.lens == "plain" for i in _ideas(w).values())

    # 3. Add one by hand (Enter adds).
    qtbot.keyClicks(w.idea_entry, "Free bike lights for every new rider")
    qtbot.keyClick(w.idea_entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.ideas.rowCount() == 4)
    mine = _ideas(w)["Free bike lights for every new rider"]
    assert mine.origin.value == "human"

    # 4. Analyse in Converge (real MiniLM embedder, off the GUI thread).
    w.move_phase(+1)
    assert w.ws.sessions.get(sid).phase is Phase.CONVERGE and w.tabs.currentIndex() == 1
    w.converge.analyse_button.click()
    qtbot.waitUntil(lambda: w.converge.report is not None and w.converge._worker is None,
                    timeout=120_000)  # fmt: skip
    assert len(w.converge.map.points) == 4

    # 5. Prune the first model idea with a reason, by key.
    w.tabs.setCurrentIndex(0)
    w.idea_view.setFocus()
    first = w.ideas.row(0)
    assert first.id != mine.id
    w.idea_view.setCurrentIndex(w.ideas.index(0))
    monkeypatch.setattr(PruneDialog, "ask", classmethod(lambda cls, parent: "Too vague to act on"))
    qtbot.keyClick(w.idea_view, Qt.Key.Key_X)
    assert w.ws.ideas.get(first.id).status is IdeaStatus.PRUNED
    assert w.ws.ideas.get(first.id).prune_reason == "Too vague to act on"

    # 6. Score my idea 5 on Impact (key 5), then shortlist it (S).
    w.idea_view.setCurrentIndex(w.ideas.index(w.ideas.row_of(mine.id)))
    qtbot.keyClick(w.idea_view, Qt.Key.Key_5)
    impact = ws.scoring.criteria(sid)[0]
    row = next(r for r in ws.scoring.matrix(sid).rows if r.idea.id == mine.id)
    assert impact.name == "Impact" and row.mine == {impact.id: 5.0}
    w.idea_view.setCurrentIndex(w.ideas.index(w.ideas.row_of(mine.id)))
    qtbot.keyClick(w.idea_view, Qt.Key.Key_S)
    assert ws.ideas.get(mine.id).status is IdeaStatus.SHORTLISTED

    # 7. Undo the shortlist and the score; redo both.
    w.undo_action.trigger()
    assert ws.ideas.get(mine.id).status is IdeaStatus.ACTIVE
    w.undo_action.trigger()
    row = next(r for r in ws.scoring.matrix(sid).rows if r.idea.id == mine.id)
    assert row.mine == {}
    w.redo_action.trigger()
    w.redo_action.trigger()
    assert ws.ideas.get(mine.id).status is IdeaStatus.SHORTLISTED
    row = next(r for r in ws.scoring.matrix(sid).rows if r.idea.id == mine.id)
    assert row.mine == {impact.id: 5.0} and row.total is not None

    # 8. Decide: the shortlist is there; fill the record and the checklist, then record.
    w.move_phase(+1)
    assert w.tabs.currentIndex() == 2
    panel = w.decide
    panel.refresh()
    assert [r.idea.id for r in panel.options_model.rows()] == [mine.id]
    panel.set_chosen([mine.id])
    qtbot.keyClicks(panel.title_edit, "Hand out free lights")
    qtbot.keyClicks(panel.rationale_edit, "Highest impact; cheap; helps at night.")
    assert not panel.record_button.isEnabled() and panel.missing()
    for concern in CONCERNS:
        panel.set_answer(mine.id, concern, "none")
    panel.set_answer(mine.id, "safety", "mitigated", "Lights meet the road standard.")
    assert panel.missing() == [] and panel.record_button.isEnabled()
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "question",
        lambda *_a, **_k: QtWidgets.QMessageBox.StandardButton.Yes,
    )  # fmt: skip
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    [decision] = ws.decisions.list(sid)
    assert decision.chosen == (mine.id,) and decision.values == "Safety over speed"
    assert decision.risks[str(mine.id)]["safety"]["note"] == "Lights meet the road standard."
    assert decision.option_details[0]["origin"] == "human"
    qtbot.waitUntil(lambda: "Hand out free lights" in panel.timeline.toPlainText())

    # 9. Undo walks back through the phases and edits; everything was saved as it happened.
    w.undo_action.trigger()  # the move to Decide
    assert ws.sessions.get(sid).phase is Phase.CONVERGE
    w.redo_action.trigger()
    assert ws.sessions.get(sid).phase is Phase.DECIDE
    assert w.grab().save(str(tmp_path / "flow.png"))


@pytest.mark.slow
def test_a_chinese_brainstorm_in_the_chinese_window(
    qapp: QtWidgets.QApplication, qtbot: QtBot, gen_workspace: Workspace, default_model: object,
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:  # fmt: skip
    """The same path in Traditional Chinese, interface and content: the default model writes
    the ideas, the multilingual embedder groups them under Chinese labels, the criteria are
    named in Chinese, and the decision is exported as a record whose file name is Chinese."""
    from ideaforge.core.model import Language
    from ideaforge.ui.app import install_translators

    translators = install_translators(qapp, "zh-TW")
    ws = gen_workspace
    ws.models.use("qwen2.5-1.5b")
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    try:
        assert w.generate_button.text() == "產生點子"

        def fill(dialog: NewSessionDialog) -> int:
            # Typed Chinese arrives through an input method, as committed text; QTest can only
            # press keys, so the text is inserted as an input method would commit it.
            dialog.challenge.insertPlainText("我們可以如何讓新手騎腳踏車通勤更安全？")
            dialog.values.insertPlainText("安全優先於速度")
            return QtWidgets.QDialog.DialogCode.Accepted

        monkeypatch.setattr(NewSessionDialog, "exec", fill)
        w.new_session()
        sid = w.current_session
        assert sid is not None and ws.sessions.get(sid).language is Language.ZH_TW

        w.count_box.setValue(2)
        qtbot.mouseClick(w.generate_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: w._worker is None, timeout=300_000)
        assert w.ideas.rowCount() >= 2
        w.idea_entry.insert("在通勤路線上畫出明顯的自行車專用道")
        qtbot.keyClick(w.idea_entry, Qt.Key.Key_Return)
        mine = _ideas(w)["在通勤路線上畫出明顯的自行車專用道"]
        assert all(i.language is Language.ZH_TW for i in _ideas(w).values())

        w.move_phase(+1)
        w.converge.analyse_button.click()
        qtbot.waitUntil(lambda: w.converge.report is not None and w.converge._worker is None,
                        timeout=120_000)  # fmt: skip
        report = w.converge.report
        assert report is not None and report.embedder == "use-multilingual-v3"
        labels = [t.theme.label for t in report.themes]
        assert labels and all(any("\u4e00" <= ch <= "\u9fff" for ch in x) for x in labels)

        w.tabs.setCurrentIndex(0)
        w.idea_view.setFocus()
        w.idea_view.setCurrentIndex(w.ideas.index(w.ideas.row_of(mine.id)))
        qtbot.keyClick(w.idea_view, Qt.Key.Key_5)
        assert [c.name for c in ws.scoring.criteria(sid)] == ["影響力", "所需心力"]
        w.idea_view.setCurrentIndex(w.ideas.index(w.ideas.row_of(mine.id)))
        qtbot.keyClick(w.idea_view, Qt.Key.Key_S)
        assert ws.ideas.get(mine.id).status is IdeaStatus.SHORTLISTED

        w.move_phase(+1)
        panel = w.decide
        panel.refresh()
        panel.set_chosen([mine.id])
        panel.title_edit.insert("先畫自行車專用道：從主要通勤路線開始")
        panel.rationale_edit.insertPlainText("影響最大，而且市府已有預算。")
        for concern in CONCERNS:
            panel.set_answer(mine.id, concern, "none")
        assert panel.missing() == [] and panel.record_button.isEnabled()
        monkeypatch.setattr(
            QtWidgets.QMessageBox, "question",
            lambda *_a, **_k: QtWidgets.QMessageBox.StandardButton.Yes,
        )  # fmt: skip
        qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
        [decision] = ws.decisions.list(sid)
        assert decision.values == "安全優先於速度"
        qtbot.waitUntil(lambda: "先畫自行車專用道" in panel.timeline.toPlainText())

        labels = [w.tr(str(label)) for _, label in w.EXPORTS]
        assert labels[0] == "決策紀錄（MADR Markdown，一個資料夾）"
        monkeypatch.setattr(QtWidgets.QInputDialog, "getItem",
                            lambda *_a, **_k: (labels[0], True))  # fmt: skip
        monkeypatch.setattr(QtWidgets.QFileDialog, "getExistingDirectory",
                            lambda *_a, **_k: str(tmp_path))  # fmt: skip
        w.export_action.trigger()
        folder = tmp_path / f"ideaforge-session-{sid}-decisions" / "decisions"
        [record] = folder.glob("0001-*.md")
        assert record.name == "0001-先畫自行車專用道-從主要通勤路線開始.md"
        text = record.read_text(encoding="utf-8")
        assert "影響最大，而且市府已有預算。" in text and mine.text in text
        assert w.statusBar().currentMessage().startswith("已匯出")
        assert w.grab().save(str(tmp_path / "flow-zh.png"))
    finally:
        w.close()
        for t in translators:
            QtCore.QCoreApplication.removeTranslator(t)
        install_translators(qapp, "en")
