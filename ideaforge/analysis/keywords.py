"""Theme labels from distinctive words: class-based TF-IDF (as in BERTopic's c-TF-IDF).

weight(term, theme) = tf(term, theme) / words(theme) * log(1 + mean words per theme / tf(term))

English is split into words (stop words dropped, plurals folded onto a singular that also
occurs). Chinese has no spaces and we ship no segmenter, so runs of Han characters become
overlapping 2- to 4-character terms, counted once per text; those with a function character
(的, 了, 是, ...) in a pair or at an edge are dropped, and a term is dropped where a longer one
that contains it is as frequent in the theme. Labels read "word · word · word".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

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
# Characters that make a two-character Chinese term uninformative.
STOP_ZH_CHARS = frozenset(
    "的了是在和與及或等以為讓可能會將把被對於也都並而且就其之這那個一些有我們你他她它"
)
# Generic verbs and connectives that name no theme (the Chinese side of STOP_EN's "provide",
# "create", "encourage", ...).
STOP_ZH = frozenset(
    """使用 提供 進行 通過 透過 以及 例如 可以 需要 鼓勵 推廣 建立 設定 設立 實施 採用 利用 推行
    增加 提高 加強 如何 如果 因為 所以 方式 方法 相關 一起 他們 我們 自己 活動 計劃 系統""".split()
)


def terms(text: str, cut: Sequence[str] = ()) -> list[str]:
    """The label vocabulary of one text: English words; Chinese 2- to 4-character n-grams.

    Chinese terms in ``cut`` (longest first) are cut out of the text before n-grams are taken,
    so no fragment of them ("圾桶" from "垃圾桶" when "垃圾" is cut) becomes a term.
    """
    for term in cut:
        text = text.replace(term, " ")
    out = [w.lower().strip("'-") for w in _WORD.findall(text)]
    out = [w for w in out if len(w) > 2 and w not in STOP_EN]
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


def _drop_subsumed(c: Counter[str]) -> Counter[str]:
    """Drop a Chinese n-gram when a longer one containing it is just as frequent: of "環保",
    "保餐", "餐具" and "環保餐具", each seen twice, only "環保餐具" is a word worth showing."""
    han = [t for t in c if _HAN.fullmatch(t)]
    longer = sorted(han, key=len, reverse=True)
    out = Counter(c)
    for t in han:
        if any(len(o) > len(t) and t in o and c[o] >= c[t] for o in longer):
            del out[t]
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
    groups: Sequence[Sequence[str]], top: int = 4, ignore: str = ""
) -> list[tuple[str, ...]]:
    """The ``top`` most distinctive terms of each group of texts, best first.

    Terms of ``ignore`` (the session's challenge: every idea is about it, so its words name no
    theme) are left out, in singular and plural.
    """
    skip = set(terms(ignore)) | STOP_ZH
    skip |= {w[:-1] for w in skip if w.endswith("s")} | {w + "s" for w in skip}
    cut = sorted((k for k in skip if _HAN.fullmatch(k)), key=len, reverse=True)
    per_group = [
        _drop_subsumed(Counter(t for text in texts for t in terms(text, cut) if t not in skip))
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
