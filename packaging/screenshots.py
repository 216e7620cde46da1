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
from typing import Any

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
SAMPLE_IDEAS_ZH = [
    "在通往市中心的主要道路設置實體分隔的自行車道",
    "繁忙路段用水泥緣石把自行車和汽車隔開",
    "登記自行車就免費送前後車燈",
    "冬天在火車站發放反光背心",
    "每週一次由資深志工帶領的新手團騎",
    "陪騎計畫：資深騎士陪新手騎一趟通勤路線",
    "學校周邊道路速限降到每小時三十公里",
    "在去年發生自行車事故的路段設置測速照相",
    "幫新手規劃最安靜街道的導航應用程式",
    "用顏色標示最安靜通勤路線的路牌",
    "每所國中都開自行車安全課程",
    "為成人開設免費的夜間道路騎乘課程",
    "在中央車站設置有監視器的安全停車場",
    "在公共自行車站放置安全帽借用箱",
    "號誌讓自行車比汽車早四秒起步",
    "在路口裝反射鏡，讓大貨車司機看得到自行車",
    "市府所有大貨車加裝側邊護欄",
    "用應用程式通報坑洞，一週內修好",
    "改善自行車道的夜間照明",
    "新手騎滿一百公里就發小額獎勵金",
    "Bike safety lessons in every secondary school",
    "A weekly group ride for beginners",
]
SAMPLE_SCORES_ZH = {
    "登記自行車就免費送前後車燈": (5, 1),
    "在通往市中心的主要道路設置實體分隔的自行車道": (5, 5),
    "每週一次由資深志工帶領的新手團騎": (4, 2),
    "學校周邊道路速限降到每小時三十公里": (4, 3),
    "新手騎滿一百公里就發小額獎勵金": (2, 2),
    "在去年發生自行車事故的路段設置測速照相": (3, 4),
    "用顏色標示最安靜通勤路線的路牌": (2, 1),
    "市府所有大貨車加裝側邊護欄": (4, 4),
}
SHORTLIST_ZH = [
    "登記自行車就免費送前後車燈",
    "每週一次由資深志工帶領的新手團騎",
    "在通往市中心的主要道路設置實體分隔的自行車道",
]
SAMPLE_SCORES = {
    "Free front and rear lights for anyone who registers a bike": (5, 1),
    "Protected bike lanes on the main roads to the city centre": (5, 5),
    "A weekly group ride for beginners led by experienced volunteers": (4, 2),
    "Lower the speed limit to 30 km/h on streets with schools": (4, 3),
    "Pay new riders a small bonus for their first 100 km": (2, 2),
    "Speed cameras on roads where cyclists were hit last year": (3, 4),
    "Colour-coded signs showing the calmest routes to work": (2, 1),
    "Side guards on all council lorries": (4, 4),
}
SHORTLIST = [
    "Free front and rear lights for anyone who registers a bike",
    "A weekly group ride for beginners led by experienced volunteers",
    "Protected bike lanes on the main roads to the city centre",
]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", default="screenshots")
    ap.add_argument("--generate", type=int, default=0)
    ap.add_argument("--model", default=None)
    ap.add_argument("--lang", default="en", help="interface language: en or zh-TW")
    ap.add_argument("--content", choices=sorted(CONTENT),
                    help="language of the sample session (default: the interface's)")  # fmt: skip
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "shots.db").unlink(missing_ok=True)
    app = QtWidgets.QApplication(sys.argv[:1])
    from ideaforge.ui.app import install_translators

    translators = install_translators(app, args.lang)  # noqa: F841 (kept alive)
    settings = load_settings(db=f"sqlite:///{out / 'shots.db'}", data_dir=out / "data")
    ws = Workspace.open(settings)
    if args.model:
        ws.models.use(args.model)
    from ideaforge.ui.main_window import MainWindow

    c = CONTENT[args.content or args.lang]
    s = ws.sessions.new(c["challenge"], values=c["values"])
    ws.ideas.add_many(s.id, c["first"])
    ws.sessions.new(c["other"])
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
    shot(window, out / "main-window.png")

    # The Converge tab after an analysis of the session's ideas.
    from ideaforge.ui.qt import QtCore

    ws.ideas.add_many(s.id, c["ideas"])
    window.tabs.setCurrentIndex(1)
    window.converge.analyse()
    loop = QtCore.QEventLoop()
    poll = QtCore.QTimer()
    poll.timeout.connect(lambda: loop.quit() if window.converge._worker is None else None)
    poll.start(100)
    loop.exec()
    window.converge.theme_view.expand(window.converge.themes.index(0, 0))
    app.processEvents()
    shot(window, out / "converge.png")

    # Score: people score a few ideas on Impact and Effort and shortlist three.
    ideas = {i.text: i for i in ws.ideas.list(s.id)}
    impact, effort = ws.scoring.ensure_defaults(s.id)
    for text, (imp, eff) in c["scores"].items():
        ws.scoring.score(ideas[text].id, impact.id, imp)
        ws.scoring.score(ideas[text].id, effort.id, eff)
    for text in c["shortlist"]:
        ws.ideas.shortlist(ideas[text].id)
    window.tabs.setCurrentIndex(1)
    window.converge_tabs.setCurrentIndex(1)
    window.scoring.refresh()
    shot(window, out / "score.png")

    # Decide: the shortlist, a half-filled record and the checklist.
    window.tabs.setCurrentIndex(2)
    panel = window.decide
    panel.refresh()
    chosen = ideas[c["shortlist"][0]].id
    panel.set_chosen([chosen])
    panel.title_edit.setText(c["title"])
    panel.rationale_edit.setPlainText(c["rationale"])
    for concern in ("misinformation", "bias", "copyright", "privacy"):
        panel.set_answer(chosen, concern, "none")
    panel.set_answer(chosen, "safety", "mitigated", c["note"])
    shot(window, out / "decide.png")

    # A workshop: three people, votes revealed, two of them far apart on one idea.
    from ideaforge.core.workshop import Activity

    others = [Workspace(ws.store, name) for name in c["people"]]
    for o in others:
        o.workshop.join(s.id)
    ws.workshop.start(s.id, budget=5, per_idea=3, anonymous=False)
    ws.workshop.set_activity(s.id, Activity.VOTE)
    picks = [ideas[t].id for t in c["shortlist"]]
    for who, dots in zip([ws, *others], ([3, 2, 0], [2, 1, 2], [3, 0, 1]), strict=True):
        for idea_id, n in zip(picks, dots, strict=True):
            if n:
                who.scoring.vote(idea_id, n)
    others[0].scoring.score(picks[1], impact.id, 1)
    others[1].scoring.score(picks[1], impact.id, 5)
    ws.workshop.reveal(s.id, "votes")
    ws.workshop.reveal(s.id, "scores")
    ws.workshop.set_activity(s.id, Activity.DISCUSS)
    ws.workshop.start_timer(s.id, 600)
    window.tabs.setCurrentIndex(0)
    window.workshop_dock.show()
    window.workshop.refresh()
    window._refresh_all()  # the phase bar follows the activity (normally 0.1 s later)
    shot(window, out / "workshop.png")
    window.show_presenter()
    presenter = window.presenter
    assert presenter is not None
    shot(presenter, out / "presenter.png")
    presenter.close()
    window.workshop_dock.hide()

    # The help panel lists every shortcut.
    from ideaforge.ui.main_window import HelpDialog

    dialog = HelpDialog(window.shortcut_rows(), window)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(out / "help.png"))
    print(out / "help.png")
    dialog.close()
    window.close()
    ws.close()
    return 0


def shot(window: QtWidgets.QWidget, path: Path) -> None:
    for _ in range(3):  # a text set in the last pass (the status bar's device) lays out in the next
        QtWidgets.QApplication.processEvents()
    window.grab().save(str(path))
    print(path)


CONTENT: dict[str, dict[str, Any]] = {
    "en": {
        "challenge": "How might we make bike commuting safer for new riders?",
        "values": "safety first",
        "first": [
            "Pair new riders with a volunteer bike buddy for their first week",
            "夜間騎乘燈具補助",
        ],
        "other": "我們如何減少學校午餐的食物浪費？",
        "ideas": SAMPLE_IDEAS,
        "scores": SAMPLE_SCORES,
        "shortlist": SHORTLIST,
        "title": "Pilot free lights for new riders this winter",
        "rationale": "Highest impact for the least effort; helps at night.",
        "note": "Lights meet the road standard.",
        "people": ("Bo 林", "Chen"),
    },
    "zh-TW": {
        "challenge": "我們可以如何讓新手騎腳踏車通勤更安全？",
        "values": "安全第一",
        "first": [
            "新手第一週由志工騎士陪騎通勤路線",
            "Free lights for anyone who registers a bike",
        ],
        "other": "How might we reduce food waste in school cafeterias?",
        "ideas": SAMPLE_IDEAS_ZH,
        "scores": SAMPLE_SCORES_ZH,
        "shortlist": SHORTLIST_ZH,
        "title": "今年冬天先試辦新手免費車燈",
        "rationale": "影響最大、所需心力最小，而且夜間最有幫助。",
        "note": "車燈符合道路安全標準。",
        "people": ("柏翰", "陳怡君"),
    },
}


if __name__ == "__main__":
    sys.exit(main())
