"""The idea list model changes row by row (no reset) for merges and appends, so long lists
keep their place and selection; it resets only when the order changes."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from ideaforge.core.model import Idea, IdeaStatus
from ideaforge.core.rules import IN_PLAY
from ideaforge.ui.models import IdeaListModel


def _ideas(n: int) -> list[Idea]:
    return [Idea(i, 1, f"idea {i}") for i in range(1, n + 1)]


def test_merge_appends_repaints_and_removes_without_reset(qtbot: QtBot) -> None:
    model = IdeaListModel()
    model.set_rows(_ideas(3))
    events: list[str] = []
    model.modelReset.connect(lambda: events.append("reset"))
    model.rowsInserted.connect(lambda _p, a, b: events.append(f"insert {a}-{b}"))
    model.rowsRemoved.connect(lambda _p, a, b: events.append(f"remove {a}-{b}"))
    model.dataChanged.connect(lambda a, b: events.append(f"change {a.row()}-{b.row()}"))
    shown = lambda i: i.status in IN_PLAY  # noqa: E731
    rows = _ideas(3)
    model.merge([Idea(4, 1, "idea 4"), replace(rows[1], status=IdeaStatus.SHORTLISTED)], shown)
    assert events == ["insert 3-3", "change 1-1"]
    assert [model.row(i).id for i in range(4)] == [1, 2, 3, 4]
    assert model.index(1).data().startswith("★")
    model.merge([replace(rows[0], status=IdeaStatus.PRUNED, prune_reason="Off-topic")], shown)
    assert events[-1] == "remove 0-0" and model.rowCount() == 3
    model.merge([Idea(9, 1, "gone", status=IdeaStatus.MERGED)], shown)  # not shown: no row
    assert model.rowCount() == 3 and "reset" not in events


def test_update_rows_appends_or_resets(qtbot: QtBot) -> None:
    model = IdeaListModel()
    model.set_rows(_ideas(2))
    events: list[str] = []
    model.modelReset.connect(lambda: events.append("reset"))
    model.rowsInserted.connect(lambda _p, a, b: events.append(f"insert {a}-{b}"))
    model.update_rows(_ideas(5), key=lambda i: i.id)
    assert events == ["insert 2-4"]
    model.update_rows(list(reversed(_ideas(5))), key=lambda i: i.id)
    assert events[-1] == "reset" and model.row(0).id == 5
