"""Write screenshots of the real window to a folder, so a person can look at what it shows.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots.py [OUT_DIR] [--generate N]
    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots.py --metainfo [--generate N]

Uses a throwaway database in OUT_DIR with a sample session; with --generate, the active model
(prepared on first use) writes N ideas first, exactly as the Generate button does.

--metainfo takes the app-store screenshots instead: Diverge (N ideas from the active model,
12 unless given), Converge after Analyse, Score and Decide, in English and in Traditional Chinese
(whose glyphs need a CJK font such as Debian's fonts-noto-cjk), 1280x800, into
packaging/linux/screenshots/, and rewrites the <screenshots> block of the AppStream metainfo to
list them under SCREENSHOT_BASE_URL. --reuse keeps the PNGs there and only rewrites the block
(after changing the base URL with --base-url).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ideaforge.services.config import load_settings
from ideaforge.services.workspace import Workspace
from ideaforge.ui.qt import QtCore, QtGui, QtWidgets

LINUX = Path(__file__).resolve().parent / "linux"
STORE_DIR = LINUX / "screenshots"
METAINFO = LINUX / "io.github.ideaforge.IdeaForge.metainfo.xml"
# Where packaging/linux/screenshots/ is served over https once the project is published.
# AppStream wants a web address for each screenshot image and the project has no public host
# yet. Rather than guess one, this is a reserved name (RFC 2606: ".invalid" never resolves): the
# metainfo validates offline, and any online check or software centre fails loudly, not
# quietly showing someone else's page, until it is set. Set it at publication (a release tag's
# raw file address, or the project site), then run `--metainfo --reuse`.
SCREENSHOT_BASE_URL = "https://ideaforge.invalid/screenshots/"
STORE_SIZE = "1280x800"
STORE_LANGUAGES = ("en", "zh-TW")
STORE_GENERATE = 12
STORE_SHOTS = (  # name in packaging/linux/screenshots, file the flow writes, captions en, zh-TW
    (
        "diverge",
        "main-window.png",
        "A local model writes ideas for the challenge, each marked with the model and lens",
        "本機模型為挑戰寫出點子，每個點子都標明寫出它的模型與視角",
    ),
    (
        "converge",
        "converge.png",
        "Analyse finds duplicates, names themes and maps the ideas, with diversity figures",
        "分析會找出重複的點子、為主題命名並畫出點子地圖，附上多樣性指標",
    ),
    (
        "score",
        "score.png",
        "Score ideas on weighted criteria and spot the quick wins on the impact/effort chart",
        "依加權準則為點子評分，並在影響／投入圖上找出快速見效的點子",
    ),
    (
        "decide",
        "decide.png",
        "Record the decision, its rationale and a responsibility checklist for each chosen idea",
        "記錄決策與理由，並為每個選定的點子填寫責任檢核清單",
    ),
)
MAX_STORE_BYTES = 400_000

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
    ap.add_argument("--generate", type=int, default=None, help="ideas the model writes first")
    ap.add_argument("--model", default=None)
    ap.add_argument("--lang", default="en", help="interface language: en or zh-TW")
    ap.add_argument("--content", choices=sorted(CONTENT),
                    help="language of the sample session (default: the interface's)")  # fmt: skip
    ap.add_argument("--size", default="1200x760", help="window size, WIDTHxHEIGHT")
    ap.add_argument(
        "--metainfo",
        action="store_true",
        help="take the app-store screenshots and list them in the metainfo",
    )
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="with --metainfo: keep the PNGs, only rewrite the metainfo",
    )
    ap.add_argument("--base-url", default=SCREENSHOT_BASE_URL, help="with --metainfo")
    # One app-store screenshot run (--metainfo starts one per language): a person's name, the
    # database named as a person's would be, the session's phase following the tabs, no
    # workshop or help views.
    ap.add_argument("--store", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.metainfo:
        return store_screenshots(args)
    width, height = (int(n) for n in args.size.lower().split("x"))
    generate = args.generate or 0
    c = CONTENT[args.content or args.lang]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db = out / ("ideaforge.db" if args.store else "shots.db")
    db.unlink(missing_ok=True)
    app = QtWidgets.QApplication(sys.argv[:1])
    from ideaforge.ui.app import install_translators

    translators = install_translators(app, args.lang)  # noqa: F841 (kept alive)
    user = c["user"] if args.store else None
    models = load_settings().model_dir if args.store else None  # the person's prepared models
    settings = load_settings(
        db=f"sqlite:///{db}", data_dir=out / "data", model_dir=models, user=user
    )
    ws = Workspace.open(settings)
    if args.model:
        ws.models.use(args.model)
    from ideaforge.ui.main_window import MainWindow

    s = ws.sessions.new(c["challenge"], values=c["values"])
    ws.ideas.add_many(s.id, c["first"])
    samples_added = args.store and not generate  # without a model, Diverge shows the samples
    if samples_added:
        ws.ideas.add_many(s.id, c["ideas"])
    ws.sessions.new(c["other"])
    window = MainWindow(ws)
    window.resize(width, height)
    window.show()
    window.refresh_sessions()
    window.select_session(s.id)
    if args.store:  # the opening note "Database: /tmp/…/ideaforge.db" is about this throwaway run
        window.statusBar().clearMessage()
    if generate:
        window.count_box.setValue(generate)
        loop = QtCore.QEventLoop()
        poll = QtCore.QTimer()
        poll.timeout.connect(lambda: loop.quit() if window._worker is None else None)
        window.generate()
        poll.start(100)
        loop.exec()
    shot(window, out / "main-window.png")

    # The Converge tab after an analysis of the session's ideas.
    if not samples_added:
        ws.ideas.add_many(s.id, c["ideas"])
    if args.store:
        ws.sessions.set_phase(s.id, "converge")
        window._refresh_all()
    window.tabs.setCurrentIndex(1)
    window.converge.analyse()
    loop = QtCore.QEventLoop()
    poll = QtCore.QTimer()
    poll.timeout.connect(lambda: loop.quit() if window.converge._worker is None else None)
    poll.start(100)
    loop.exec()
    # The biggest theme open; in a store shot the smallest named one, which fits beside the others.
    themes = window.converge.themes
    row = 0
    if args.store:
        from ideaforge.ui.converge import ThemeRole

        named = [r for r in range(themes.rowCount()) if themes.index(r, 0).data(ThemeRole)]
        row = named[-1] if named else 0
    window.converge.theme_view.expand(themes.index(row, 0))
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
    if args.store:  # the scored ideas first, as a person sorting by Total sees them
        model = window.scoring.matrix_model
        window.scoring.matrix_view.sortByColumn(
            model.total_column, QtCore.Qt.SortOrder.DescendingOrder
        )
    shot(window, out / "score.png")

    # Decide: the shortlist, a half-filled record and the checklist.
    if args.store:
        ws.sessions.set_phase(s.id, "decide")
        window._refresh_all()
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
    if args.store:  # the note from its start, as after a click elsewhere
        panel._answer_widgets[(chosen, "safety")][1].setCursorPosition(0)
    shot(window, out / "decide.png")
    if args.store:
        window.close()
        ws.close()
        return 0

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


def store_screenshots(args: argparse.Namespace) -> int:
    """The app-store screenshots: one run of this script per language, each in a throwaway
    folder, then the chosen views copied (recompressed) into packaging/linux/screenshots/."""
    if not args.reuse:
        STORE_DIR.mkdir(parents=True, exist_ok=True)
        generate = STORE_GENERATE if args.generate is None else args.generate
        for lang in STORE_LANGUAGES:
            with tempfile.TemporaryDirectory(prefix="ideaforge-shots-") as tmp:
                work = Path(tmp) / "IdeaForge"
                command = [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    str(work),
                    "--store",
                    "--lang",
                    lang,
                    "--size",
                    STORE_SIZE,
                    "--generate",
                    str(generate),
                ]
                if args.model:
                    command += ["--model", args.model]
                done = subprocess.run(command, check=False)
                if done.returncode:
                    print(f"The {lang} screenshots failed (exit status {done.returncode}).")
                    return done.returncode
                for name, source, *_ in STORE_SHOTS:
                    save_store_png(work / source, STORE_DIR / store_file(name, lang))
    missing = [
        store_file(n, lang)
        for n, *_ in STORE_SHOTS
        for lang in STORE_LANGUAGES
        if not (STORE_DIR / store_file(n, lang)).is_file()
    ]
    if missing:
        print(f"Missing in {STORE_DIR}: {', '.join(missing)}; run without --reuse.")
        return 1
    text = METAINFO.read_text(encoding="utf-8")
    METAINFO.write_text(with_screenshots(text, args.base_url), encoding="utf-8")
    print(METAINFO)
    return 0


def store_file(name: str, lang: str) -> str:
    return f"{name}-{lang}.png"


def save_store_png(source: Path, target: Path) -> None:
    """Opaque RGB, a fixed 96 dpi and zlib's strongest compression."""
    image = QtGui.QImage(str(source)).convertToFormat(QtGui.QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(3780)
    image.setDotsPerMeterY(3780)
    if not image.save(str(target), "PNG", 0):  # quality 0: the smallest PNG
        raise SystemExit(f"Could not write {target}")
    size = target.stat().st_size
    print(f"{target} ({size // 1000} KB)")
    if size > MAX_STORE_BYTES:
        print(f"  larger than {MAX_STORE_BYTES // 1000} KB: software centres download it")


def with_screenshots(metainfo: str, base_url: str) -> str:
    """The metainfo text with its <screenshots> block listing the PNGs in STORE_DIR: one
    screenshot per view (the first is the default), an image per language, captions in both."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    lines = ["<screenshots>"]
    for index, (name, _, caption, caption_zh) in enumerate(STORE_SHOTS):
        kind = ' type="default"' if index == 0 else ""
        lines += [
            f"    <screenshot{kind}>",
            f"      <caption>{escape(caption)}</caption>",
            f'      <caption xml:lang="zh-TW">{escape(caption_zh)}</caption>',
        ]
        for lang in STORE_LANGUAGES:
            file = store_file(name, lang)
            size = QtGui.QImageReader(str(STORE_DIR / file)).size()
            where = "" if lang == "en" else f' xml:lang="{lang}"'
            lines.append(
                f'      <image type="source" width="{size.width()}" '
                f'height="{size.height()}"{where}>{escape(base + file)}</image>'
            )
        lines.append("    </screenshot>")
    lines.append("  </screenshots>")
    block, count = re.subn(
        r"<screenshots>.*?</screenshots>", lambda _: "\n".join(lines), metainfo, flags=re.S
    )
    if count != 1:
        raise SystemExit(f"{METAINFO} needs one <screenshots> block (it has {count})")
    return block


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
        "user": "Ada",
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
        "user": "林美玲",
    },
}


if __name__ == "__main__":
    sys.exit(main())
