"""The Converge tab with real widgets (offscreen) and the real English embedder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ideaforge.core.model import IdeaStatus
from ideaforge.services.config import load_settings
from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store
from ideaforge.ui.converge import IdeaRole, ThemeRole
from ideaforge.ui.main_window import MainWindow
from ideaforge.ui.qt import QtCore

IDEAS = [
    "Pair each new hire with a buddy for the first month.",
    "Give every new hire a buddy during their first month.",
    "Send a welcome box with company swag before day one.",
    "Record short videos of each team explaining what they work on.",
    "Create a searchable wiki of how-to guides for internal tools.",
    "Set up an onboarding checklist with clear goals for the first 30 days.",
    "Organise a monthly online game night for the whole department.",
    "Hold a weekly open question hour with a senior engineer.",
]


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, model_dir: Path) -> Iterator[MainWindow]:
    url = f"sqlite:///{tmp_path / 'ui.db'}"
    settings = load_settings(
        db=url, data_dir=tmp_path / "data", model_dir=model_dir, device="cpu", user="ada"
    )
    ws = Workspace(open_store(url), "ada", settings)
    sid = ws.sessions.new("How might we help remote new hires feel at home?").id
    ws.ideas.add_many(sid, IDEAS)
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.select_session(sid)
    yield w
    w.close()
    ws.close()


def analyse(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.converge
    with qtbot.waitSignal(panel.analyse_button.clicked, timeout=1000):
        panel.analyse_button.click()
    qtbot.waitUntil(lambda: panel.report is not None and panel._worker is None, timeout=60_000)


def test_analyse_shows_themes_groups_map_and_merges(window: MainWindow, qtbot: QtBot) -> None:
    window.tabs.setCurrentIndex(1)
    panel = window.converge
    assert panel.threshold.value() == pytest.approx(0.70)
    analyse(window, qtbot)
    report = panel.report
    assert report is not None
    # Themes list: one row per non-empty theme (+ "No theme"), each holding its ideas.
    shown = sum(panel.themes.item(r).rowCount() for r in range(panel.themes.rowCount()))
    assert shown == len(IDEAS)
    assert panel.themes.item(0).data(ThemeRole) == report.themes[0].theme.id
    # The buddy pair is the suggested group.
    assert panel.groups.rowCount() == 1
    head = panel.groups.item(0)
    assert head.data(IdeaRole) == 1 and head.child(0).data(IdeaRole) == 2
    # Map: a point per idea, hover finds the text.
    assert len(panel.map.points) == len(IDEAS)
    p = panel.map.points[0]
    assert panel.map.point_at(panel.map._xy(p)) is not None
    assert "diversity" in panel.metrics_label.text()
    # A person merges the group; the store records it and the view re-analyses.
    panel.group_view.setCurrentIndex(panel.groups.indexFromItem(head))
    panel.accept_button.click()
    assert window.ws.ideas.get(2).status is IdeaStatus.MERGED
    qtbot.waitUntil(lambda: panel._worker is None and panel.groups.rowCount() == 0, timeout=60_000)
    # Undo brings the merged idea back; redo merges it again.
    window.undo_action.trigger()
    assert window.ws.ideas.get(2).status is IdeaStatus.ACTIVE
    window.redo_action.trigger()
    assert window.ws.ideas.get(2).merged_into_id == 1
    # Rename a theme in place: the service keeps the person's name.
    item = panel.themes.item(0)
    theme_id = item.data(ThemeRole)
    item.setText("Belonging")
    assert window.ws.store.read(lambda uow: uow.themes.get(theme_id)).label == "Belonging"
    # Move an idea into another theme (as the context menu does): pinned, and shown there.
    idea_id = int(panel.themes.item(1).child(0).data(IdeaRole))
    panel.move_idea(idea_id, int(theme_id))
    assert window.ws.ideas.get(idea_id).theme_id == theme_id
    assert window.ws.ideas.get(idea_id).theme_pinned
    first = panel.themes.item(0)
    assert idea_id in [first.child(c).data(IdeaRole) for c in range(first.rowCount())]


def test_cancel_keeps_the_window_usable(window: MainWindow, qtbot: QtBot) -> None:
    window.tabs.setCurrentIndex(1)
    panel = window.converge
    panel.analyse()
    panel.cancel()
    qtbot.waitUntil(lambda: panel._worker is None, timeout=60_000)
    assert panel.analyse_button.isEnabled()
    assert not panel.cancel_button.isEnabled()
    QtCore.QCoreApplication.processEvents()
