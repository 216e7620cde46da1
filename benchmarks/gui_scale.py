"""Does the window stay smooth with 10,000 ideas? Times the GUI thread for what a person does
with a big session: open it, scroll the idea list, triage a key, repaint the map, sort and
filter the score matrix, redraw the 2x2 chart.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_scale.py [--ideas 10000]

Ideas are synthetic sentences (no model needed); map positions are random. Each figure is the
wall time of one GUI-thread call, i.e. how long the window cannot react.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ideaforge.services.config import load_settings  # noqa: E402
from ideaforge.services.workspace import Workspace  # noqa: E402
from ideaforge.ui.qt import Qt, QtCore, QtWidgets  # noqa: E402

WORDS = ("bike lane light school route helmet night bus safe map lesson parking camera "
         "speed mentor group ride signal kerb lorry mirror pothole app reward winter").split()  # fmt: skip


def timed(label: str, fn: object, rows: list[tuple[str, float]]) -> object:
    app = QtWidgets.QApplication.instance()
    settle = time.perf_counter() + 1.5  # let earlier changes' coalesced redraws run first
    while time.perf_counter() < settle:
        app.processEvents()  # type: ignore[union-attr]
        time.sleep(0.01)
    t = time.perf_counter()
    result = fn()  # type: ignore[operator]
    app.processEvents()  # type: ignore[union-attr]
    rows.append((label, time.perf_counter() - t))
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ideas", type=int, default=10_000)
    args = ap.parse_args()
    app = QtWidgets.QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp(prefix="ideaforge-scale-"))
    ws = Workspace.open(load_settings(db=f"sqlite:///{tmp / 's.db'}", data_dir=tmp / "data"))
    rng = random.Random(1)
    sid = ws.sessions.new("How might we make bike commuting safer for new riders?").id
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))).capitalize() + "."
             for _ in range(args.ideas)]  # fmt: skip
    ws.ideas.add_many(sid, texts)
    impact, effort = ws.scoring.ensure_defaults(sid)
    from ideaforge.ui.main_window import MainWindow

    small = ws.sessions.new("How might we keep this one small?").id
    window = MainWindow(ws)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    rows: list[tuple[str, float]] = []
    window.select_session(small)
    timed("open the session (list of all ideas)", lambda: window.select_session(sid), rows)
    view = window.idea_view
    bar = view.verticalScrollBar()
    timed("scroll the idea list to the end", lambda: bar.setValue(bar.maximum()), rows)
    timed("scroll back to the middle", lambda: bar.setValue(bar.maximum() // 2), rows)
    view.setFocus()
    view.setCurrentIndex(window.ideas.index(args.ideas // 2))
    timed("shortlist one idea (S key, saved)", window.shortlist_current, rows)
    timed("score one idea (5 key, saved)", lambda: window.score_current(5), rows)
    # The map: positions as the analysis would store them.
    from ideaforge.services.analysis import MapPoint

    ideas = ws.ideas.list(sid)
    points = [MapPoint(i.id, rng.random(), rng.random(), rng.randrange(12)) for i in ideas]
    window.tabs.setCurrentIndex(1)
    panel = window.converge
    timed("map: set 10k points and repaint",
          lambda: (panel.map.set_points(points, {t: "#0072B2" for t in range(12)},
                                        {i.id: i.text for i in ideas}), panel.map.repaint()),
          rows)  # fmt: skip
    timed("map: repaint", panel.map.repaint, rows)
    timed("map: hover look-up", lambda: panel.map.point_at(QtCore.QPointF(200, 150)), rows)
    window.converge_tabs.setCurrentIndex(1)
    score = window.scoring
    for i in ideas[:: max(1, len(ideas) // 800)]:
        ws.scoring.score(i.id, impact.id, rng.randint(1, 5))
        ws.scoring.score(i.id, effort.id, rng.randint(1, 5))
    timed("score panel: reload matrix and chart", score.refresh, rows)
    total_col = score.matrix_model.columnCount() - 3
    timed("score matrix: sort by total",
          lambda: score.matrix_view.sortByColumn(total_col, Qt.SortOrder.DescendingOrder), rows)  # fmt: skip
    timed("score matrix: filter by text", lambda: score.filter_edit.setText("helmet night"), rows)
    timed("score matrix: clear filter", lambda: score.filter_edit.setText(""), rows)
    timed("2x2 chart: repaint", score.chart.repaint, rows)
    print(f"{args.ideas:,} ideas, window 1400x900, offscreen, this machine's CPU\n")
    print("| action | GUI thread busy (ms) |")
    print("|---|---:|")
    for label, seconds in rows:
        print(f"| {label} | {seconds * 1000:.0f} |")
    window.close()
    ws.close()


if __name__ == "__main__":
    main()
