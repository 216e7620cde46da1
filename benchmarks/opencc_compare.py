"""Which OpenCC conversion to use for zh-TW sessions: measured on phrases, model output, and text
that is already Traditional.

    .venv/bin/python benchmarks/opencc_compare.py [--ideas benchmarks/out/quality-*.jsonl]
        [--traditional 300] [--examples 10]

Candidates: OpenCC's s2t, s2tw and s2twp (the one filters.py uses), and variants of s2twp
built from OpenCC's own pieces:
  s2twp-if-simplified - convert only an output that has a Simplified-only character
                        (zh_script.py), leave a fully Traditional one as the model wrote it;
  t2s+s2twp           - first to Simplified, then s2twp: a mixed-script output is read as
                        one script before the phrase tables look at it;
  s2twp+keep          - the app's converter (ideaforge.gen.filters): s2twp with the Taiwan
                        words of resources/opencc/s2twp-keep.txt that s2twp's Taiwan phrase
                        table rewrites wrongly protected;
  t2s+s2twp+keep, s2twp+keep-if-simplified - the combinations.
Three measurements:
  1. PHRASES: Simplified words typical of ideas, with the Taiwan usage judged correct as gold
     (a few are traps: the Simplified word has the same meaning in Taiwan, and rewriting it is
     wrong). Share converted to the gold.
  2. Raw zh-TW model outputs saved by idea_quality.py (before cleaning and normalisation):
     how many each candidate changes, relative to the raw text and to s2t, and how many keep
     a Simplified-only character; example diffs.
  3. Text that is already Traditional: the first N sentences of the STS-B zh-Hant set in
     ../shared/eval (a machine translation converted with s2twp, so s2twp should be close to
     idempotent on it) and NATIVE, sentences in ordinary Taiwan usage written for this
     benchmark. Any change here rewrites what was already right.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import zh_script

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval" / "stsb_zh_test.zh-Hant-opencc.tsv"

# (Simplified, Taiwan gold forms, note). The gold is the usual Taiwan word in an idea.
PHRASES: list[tuple[str, set[str], str]] = [
    ("自行车", {"自行車", "腳踏車"}, ""),
    ("软件", {"軟體"}, ""),
    ("视频", {"影片"}, ""),
    ("短视频", {"短影片", "短影音"}, ""),
    ("视频会议", {"視訊會議"}, ""),
    ("信息", {"資訊", "訊息"}, ""),
    ("网络", {"網路"}, ""),
    ("在线", {"線上"}, ""),
    ("打印机", {"印表機"}, ""),
    ("出租车", {"計程車"}, ""),
    ("服务器", {"伺服器"}, ""),
    ("内存", {"記憶體"}, ""),
    ("鼠标", {"滑鼠"}, ""),
    ("屏幕", {"螢幕"}, ""),
    ("质量", {"品質"}, "quality; 質量 is physical mass in Taiwan"),
    ("应用程序", {"應用程式"}, ""),
    ("数据库", {"資料庫"}, ""),
    ("人工智能", {"人工智慧"}, ""),
    ("智能手机", {"智慧型手機", "智慧手機"}, ""),
    ("志愿者", {"志工"}, "志願者 is understood but not usual"),
    ("公交车", {"公車"}, ""),
    ("地铁", {"捷運"}, ""),
    ("塑料袋", {"塑膠袋"}, ""),
    ("垃圾分类", {"垃圾分類"}, ""),
    ("充电宝", {"行動電源"}, ""),
    ("外卖", {"外送"}, ""),
    ("博客", {"部落格"}, ""),
    ("短信", {"簡訊"}, ""),
    ("便利店", {"便利商店", "超商"}, ""),
    ("幼儿园", {"幼兒園"}, ""),
    ("社区", {"社區"}, "trap: residential community is 社區 in Taiwan too (社群 = online group)"),
    ("社区活动中心", {"社區活動中心"}, "trap"),
    ("菜单", {"菜單"}, "trap: a restaurant's menu is 菜單 (選單 = software menu)"),
    ("申请程序", {"申請程序"}, "trap: procedure is 程序 in Taiwan (程式 = computer program)"),
    ("比赛项目", {"比賽項目"}, "trap: an event is 項目 (專案 = project)"),
    ("在公园设置饮水机", {"在公園設置飲水機"}, "trap: to install is 設置 (設定 = a setting)"),
    ("设置回收站", {"設置回收站"}, "trap"),
    ("循环经济", {"循環經濟"}, "trap: 迴圈 is a programming loop"),
    ("支持减塑政策", {"支持減塑政策"}, "trap: to back a cause is 支持 (支援 = to assist, back up)"),
    ("回收程序", {"回收程序", "回收流程"}, "trap: procedure"),
]

# Already Traditional, ordinary Taiwan usage; written for this benchmark (not from a corpus).
NATIVE = [
    "在社區活動中心設置自行車道地圖，請里長協助宣傳。",
    "請志工在夜市入口發放可重複使用的餐具，減少干擾攤商作業。",
    "學校把閱讀列為社團的比賽項目，由老師說明報名程序。",
    "捷運站設置長輩專用的詢問台，由志工協助查詢公車路線。",
    "餐廳在菜單上標示份量，讓顧客點餐時減少浪費。",
    "台灣的國中可以在午餐時間播放有聲書，培養閱讀習慣。",
    "物理課上用天平測量物體的質量。",
    "推動夜市攤商的循環經濟，支持使用可重複清洗的餐具。",
    "用簡訊通知長輩復康巴士的預約時間。",
    "里民大會上討論如何設置資源回收站。",
    "這個專案的目標是改善後台系統的效能。",
    "製作一份夜市攤商的塑膠袋減量手冊，由區公所發放。",
    "讓學生在網路上分享讀書心得，老師每週回饋。",
    "在公園裡設置乾淨的飲水機，鼓勵民眾自備水壺。",
    "圖書館每月舉辦一次桌遊之夜，由青少年自己規劃。",
    "請醫院的志工陪伴長輩搭乘復康巴士回診。",
]


# Taiwan words that s2twp's Taiwan phrase table turns into other words (the traps above; each
# was seen in real output): 設置 (to install, common in ideas) would become 設定 (a setting),
# 循環 迴圈 (a code loop), 支持 支援, 程序 (procedure) 程式, 社區 社群, 菜單 選單. The
# software compounds keep s2twp's Taiwan form. 項目 -> 專案 is left to s2twp: in ideas it
# mostly means a project.
def keep(text: str) -> str:
    """The app's own converter: s2twp with the keep list (resources/opencc/s2twp-keep.txt)."""
    from ideaforge.gen.filters import traditional_converter

    return str(traditional_converter().convert(text))  # type: ignore[attr-defined]


def candidates() -> dict[str, Callable[[str], str]]:
    c = zh_script.convert
    return {
        "s2t": lambda t: c("s2t", t),
        "s2tw": lambda t: c("s2tw", t),
        "s2twp": lambda t: c("s2twp", t),
        "s2twp-if-simplified": lambda t: c("s2twp", t) if zh_script.simplified_only(t) else t,
        "t2s+s2twp": lambda t: c("s2twp", c("t2s", t)),
        "s2twp+keep": keep,
        "t2s+s2twp+keep": lambda t: keep(c("t2s", t)),
        "s2twp+keep-if-simplified": lambda t: keep(t) if zh_script.simplified_only(t) else t,
    }


def changes(a: str, b: str) -> list[str]:
    """The replaced pieces from a to b, as 'old→new' (a few characters of context when short)."""
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(f"{a[i1:i2]}→{b[j1:j2]}")
    return out


def pct(n: int, d: int) -> str:
    return f"{n / d:.0%} ({n}/{d})" if d else "-"


def latest_ideas(out_dir: Path) -> list[Path]:
    found = []
    for path in sorted(out_dir.glob("quality-*.jsonl"), reverse=True):
        with path.open(encoding="utf-8") as fh:
            if any('"kind": "output"' in line and '"zh-TW"' in line for line in fh):
                found.append(path)
                break
    return found


def load_outputs(paths: list[Path]) -> list[str]:
    """Distinct raw zh-TW outputs (cleaned of numbering, not normalised), in file order."""
    seen: dict[str, None] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("kind") != "output" or row.get("lang") != "zh-TW":
                continue
            text = row.get("cleaned") or ""
            if zh_script.han_count(text):
                seen.setdefault(text, None)
    return list(seen)


def phrase_section(cands: dict[str, Callable[[str], str]]) -> None:
    print(f"\n### 1. Simplified phrases typical of ideas ({len(PHRASES)}), Taiwan gold\n")
    print("| candidate | converted to the Taiwan gold | traps kept right |")
    print("|---|---:|---:|")
    traps = [p for p in PHRASES if p[2].startswith("trap")]
    for name, fn in cands.items():
        hit = sum(fn(s) in gold for s, gold, _ in PHRASES)
        trap_hit = sum(fn(s) in gold for s, gold, _ in traps)
        print(f"| {name} | {pct(hit, len(PHRASES))} | {trap_hit}/{len(traps)} |")
    shown = ["s2t", "s2tw", "s2twp", "s2twp+keep", "s2twp-if-simplified"]
    print(f"\n| Simplified | gold | {' | '.join(shown)} | note |")
    print("|---|---|" + "---|" * len(shown) + "---|")
    for s, gold, note in PHRASES:
        cells = []
        for name in shown:
            got = cands[name](s)
            cells.append(f"{got} {'✓' if got in gold else '✗'}")
        print(f"| {s} | {'/'.join(sorted(gold))} | {' | '.join(cells)} | {note} |")


def outputs_section(
    cands: dict[str, Callable[[str], str]], outputs: list[str], examples: int
) -> None:
    print(f"\n### 2. Raw zh-TW model outputs ({len(outputs)} distinct, before normalisation)\n")
    if not outputs:
        print("(none found: run idea_quality.py on the zh-TW challenges first)")
        return
    simp = sum(bool(zh_script.simplified_only(t)) for t in outputs)
    lenient = sum(bool(zh_script.s2t_changes(t)) for t in outputs)
    print(
        f"Raw: {pct(simp, len(outputs))} have a Simplified-only character (strict); "
        f"{pct(lenient, len(outputs))} have a character s2t changes (lenient).\n"
    )
    print(
        "| candidate | outputs changed | changed relative to s2t | still with Simplified-only chars | lenient: still with s2t-changed chars | changed although fully Traditional (no Simplified-only char) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    base = {t: cands["s2t"](t) for t in outputs}
    n = len(outputs)
    converted: dict[str, dict[str, str]] = {}
    for name, fn in cands.items():
        conv = {t: fn(t) for t in outputs}
        converted[name] = conv
        changed = sum(conv[t] != t for t in outputs)
        vs_s2t = sum(conv[t] != base[t] for t in outputs)
        left = sum(bool(zh_script.simplified_only(conv[t])) for t in outputs)
        left_lenient = sum(bool(zh_script.s2t_changes(conv[t])) for t in outputs)
        trad_changed = sum(conv[t] != t for t in outputs if not zh_script.simplified_only(t))
        print(
            f"| {name} | {pct(changed, n)} | {pct(vs_s2t, n)} | {pct(left, n)} | {pct(left_lenient, n)} | {pct(trad_changed, n - simp)} |"
        )
    for name in (
        "s2twp",
        "s2twp+keep",
        "s2twp-if-simplified",
        "t2s+s2twp",
        "s2twp+keep-if-simplified",
    ):
        subs = Counter(c for t in outputs for c in changes(base[t], converted[name][t]))
        print(f"\nWhat {name} does beyond s2t (substitutions, most frequent first):")
        print(", ".join(f"{k} ×{v}" for k, v in subs.most_common(25)) or "(nothing)")
    print(f"\nExamples, s2t → s2twp (first {examples} outputs where they differ):\n")
    diffs = [t for t in outputs if base[t] != converted["s2twp"][t]]
    for t in diffs[:examples]:
        print(f"- raw:   {t}")
        print(f"  s2t:   {base[t]}")
        print(
            f"  s2twp: {converted['s2twp'][t]}   [{', '.join(changes(base[t], converted['s2twp'][t]))}]"
        )
    rt = [t for t in outputs if converted["t2s+s2twp"][t] != converted["s2twp"][t]]
    print(f"\nExamples, s2twp vs t2s+s2twp ({len(rt)} outputs differ; first {examples}):\n")
    for t in rt[:examples]:
        print(f"- raw:       {t}")
        print(
            f"  s2twp:     {converted['s2twp'][t]}\n  t2s+s2twp: {converted['t2s+s2twp'][t]}   [{', '.join(changes(converted['s2twp'][t], converted['t2s+s2twp'][t]))}]"
        )


def traditional_section(
    cands: dict[str, Callable[[str], str]], sentences: list[str], title: str, examples: int
) -> None:
    print(f"\n### 3. {title} ({len(sentences)} sentences)\n")
    print("| candidate | sentences changed | substitutions, most frequent first |")
    print("|---|---:|---|")
    rows = {}
    for name, fn in cands.items():
        conv = [(s, fn(s)) for s in sentences]
        changed = [(s, c) for s, c in conv if s != c]
        subs = Counter(x for s, c in changed for x in changes(s, c))
        rows[name] = changed
        top = ", ".join(f"{k} ×{v}" for k, v in subs.most_common(12))
        print(f"| {name} | {pct(len(changed), len(sentences))} | {top} |")
    print(f"\nExamples changed by s2twp (first {examples}):\n")
    for s, c in rows["s2twp"][:examples]:
        print(f"- {s}\n  → {c}   [{', '.join(changes(s, c))}]")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ideas", type=Path, nargs="*", help="idea_quality.py JSONL; default newest")
    ap.add_argument("--traditional", type=int, default=300, help="STS-B zh-Hant sentences")
    ap.add_argument("--examples", type=int, default=10)
    args = ap.parse_args()
    paths = args.ideas or latest_ideas(Path(__file__).with_name("out"))
    cands = candidates()
    print("## OpenCC configs for zh-TW output")
    print(f"\n{zh_script.characters_report()}")
    print(f"ideas: {', '.join(map(str, paths)) or '(none)'}")
    phrase_section(cands)
    outputs_section(cands, load_outputs(paths), args.examples)
    with EVAL.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        stsb = [row["sentence1"] for _, row in zip(range(args.traditional), reader, strict=False)]
    traditional_section(
        cands, stsb, "Already Traditional: STS-B zh-Hant (DeepL + OpenCC s2twp)", args.examples
    )
    traditional_section(
        cands, NATIVE, "Already Traditional: Taiwan-usage sentences written for this benchmark", 15
    )


if __name__ == "__main__":
    main()
