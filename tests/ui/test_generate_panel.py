"""Generating from the window with the real tiny model: streaming in, Cancel, footprint shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ideaforge.services.workspace import Workspace
from ideaforge.ui.main_window import MainWindow
from ideaforge.ui.qt import Qt


@pytest.fixture
def window(qtbot: QtBot, gen_workspace: Workspace) -> MainWindow:
    gen_workspace.models.use("smollm2-135m")
    w = MainWindow(gen_workspace)
    qtbot.addWidget(w)
    w.show()
    s = gen_workspace.sessions.new("How might we make bike commuting safer for new riders?")
    w.refresh_sessions()
    w.select_session(s.id)
    return w


def test_generate_streams_ideas_into_the_list(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window.count_box.setValue(4)
    assert window.generate_button.isEnabled() and not window.cancel_button.isEnabled()
    qtbot.mouseClick(window.generate_button, Qt.MouseButton.LeftButton)
    assert window.cancel_button.isEnabled() and not window.generate_button.isEnabled()
    qtbot.waitUntil(lambda: window._worker is None, timeout=60_000)
    assert window.ideas.rowCount() == 4
    assert "Finished: 4 ideas kept" in window.run_label.text()
    assert "on CPU" in window.run_label.text() and "Wh" in window.run_label.text()
    assert window.device_label.text().startswith("CPU")
    tooltip = window.ideas.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("From: smollm2-135m · ")
    assert window.grab().save(str(tmp_path / "generated.png"))
    assert window._last_run is not None and window._last_run.kept == 4


def test_rejected_outputs_dialog(qtbot: QtBot) -> None:
    from ideaforge.core.model import GenerationRun
    from ideaforge.ui.main_window import RejectedDialog

    run = GenerationRun(
        "r1", 1, "smollm2-135m", "cpu", rejected={"echo": 1, "restatement": 1},
        rejected_samples=[{"text": "Sure! Here are ideas:", "reason": "echo", "lens": "plain"},
                          {"text": "Make commuting safer.", "reason": "restatement", "lens": "wild"}],
    )  # fmt: skip
    dialog = RejectedDialog(run)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert [dialog.table.item(r, 0).text() for r in range(2)] == [
        "repeats the instructions or chats instead of giving an idea",
        "restates the challenge without a concrete idea of its own",
    ]
    assert dialog.table.item(1, 2).text() == "Make commuting safer."
    assert dialog.table.item(0, 0).toolTip() == "echo"


def test_cancel_keeps_what_was_generated(window: MainWindow, qtbot: QtBot) -> None:
    window.count_box.setValue(1000)
    window.generate()
    qtbot.waitUntil(lambda: window.ideas.rowCount() >= 1, timeout=60_000)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window._worker is None, timeout=10_000)
    assert window.run_label.text().startswith("Cancelled:")
    sid = window.current_session
    assert sid is not None
    assert window.ideas.rowCount() == len(window.ws.ideas.list(sid)) >= 1
