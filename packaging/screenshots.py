"""Write screenshots of the real window to a folder, so a person can look at what it shows.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots.py [OUT_DIR] [--generate N]

Uses a throwaway database in OUT_DIR with a sample session; with --generate, the active model
(prepared on first use) writes N ideas first, exactly as the Generate button does.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ideaforge.services.config import load_settings
from ideaforge.services.workspace import Workspace
from ideaforge.ui.qt import QtWidgets

SAMPLE_IDEAS = [
    "Protected bike lanes on the main roads to the city centre",
    "Separate cyclists from cars with concrete kerbs on busy streets",
    "Free front and rear lights for anyone who registers a bike",
    "Hand out reflective vests at train stations in winter",
    "A weekly group ride for beginners led by experienced volunteers",
    "Mentor rides: an experienced cyclist rides the route with a newcomer",
    "Lower the speed limit to 30 km/h on streets with schools",
    "Speed cameras on roads where cyclists were hit last year",
    "A map app that routes new riders along the quietest streets",
    "Colour-coded signs showing the calmest routes to work",
    "Bike safety lessons in every secondary school",
    "Free evening course on riding in traffic for adults",
    "Secure bike parking with cameras at the central station",
    "Helmet lending boxes at bike-share docks",
    "Traffic lights that give cyclists a four-second head start",
    "Mirrors at junctions so lorry drivers can see cyclists",
    "Side guards on all council lorries",
    "Report potholes from the app and get them fixed within a week",
    "Better street lighting on bike paths after dark",
    "Pay new riders a small bonus for their first 100 km",
    "騎乘安全課程納入國中健康教育",
    "在路口設置自行車專用號誌",
]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", default="screenshots")
    ap.add_argument("--generate", type=int, default=0)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "shots.db").unlink(missing_ok=True)
    app = QtWidgets.QApplication(sys.argv[:1])
    settings = load_settings(db=f"sqlite:///{out / 'shots.db'}", data_dir=out / "data")
    ws = Workspace.open(settings)
    if args.model:
        ws.models.use(args.model)
    from ideaforge.ui.main_window import MainWindow

    s = ws.sessions.new(
        "How might we make bike commuting safer for new riders?", values="safety first"
    )
    ws.ideas.add_many(
        s.id,
        ["Pair new riders with a volunteer bike buddy for their first week", "夜間騎乘燈具補助"],
    )
    ws.sessions.new("我們如何減少學校午餐的食物浪費？")
    window = MainWindow(ws)
    window.resize(1200, 760)
    window.show()
    window.refresh_sessions()
    window.select_session(s.id)
    if args.generate:
        window.count_box.setValue(args.generate)
        from ideaforge.ui.qt import QtCore

        loop = QtCore.QEventLoop()
        poll = QtCore.QTimer()
        poll.timeout.connect(lambda: loop.quit() if window._worker is None else None)
        window.generate()
        poll.start(100)
        loop.exec()
    app.processEvents()
    path = out / "main-window.png"
    window.grab().save(str(path))
    print(path)

    # The Converge tab after an analysis of the session's ideas.
    from ideaforge.ui.qt import QtCore

    ws.ideas.add_many(s.id, SAMPLE_IDEAS)
    window.tabs.setCurrentIndex(1)
    window.converge.analyse()
    loop = QtCore.QEventLoop()
    poll = QtCore.QTimer()
    poll.timeout.connect(lambda: loop.quit() if window.converge._worker is None else None)
    poll.start(100)
    loop.exec()
    window.converge.theme_view.expand(window.converge.themes.index(0, 0))
    app.processEvents()
    path = out / "converge.png"
    window.grab().save(str(path))
    print(path)
    window.close()
    ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
