"""Cleaning and checking of raw model output: one idea each, on topic, readable, new.

Every rejected output keeps its reason so the person can see what was thrown away and why.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ideaforge.core.i18n import N_
from ideaforge.core.language import detect_language
from ideaforge.core.model import Language
from ideaforge.core.text import clean_text

log = logging.getLogger(__name__)

REASONS = {
    "empty": N_("nothing usable was written"),
    "echo": N_("repeats the instructions or chats instead of giving an idea"),
    "restatement": N_("restates the challenge without a concrete idea of its own"),
    "too_short": N_("too short to be an idea"),
    "too_long": N_("too long for one idea"),
    "not_words": N_("not readable text"),
    "wrong_language": N_("not in the session's language"),
    "fragment": N_("cut off mid-sentence"),
    "duplicate": N_("(nearly) the same as an idea already there"),
    "vague": N_("a goal or a reference to nothing, not an idea someone could act on"),
}

# "It makes it easy ...", "To make commuting faster.": no subject a reader can act on.
_VAGUE_START = re.compile(r"^(?:it|he|she|they|this|that|these|those)\b(?!\s*[-:])", re.IGNORECASE)
_GOAL_ONLY = re.compile(r"^to\s+\w+", re.IGNORECASE)

_ZH_NUM = r"[一二三四五六七八九十]{1,3}"
_NUMBERED = re.compile(
    r"^\s*(?:\(?\d{1,2}[.)、．:：]|\d{1,2}\s*[-–]|" + _ZH_NUM + r"[、.．]"
    # （3） (五) ④ ❹, and 第六、 第6點： (not 第一次: a separator must follow)
    r"|[（(]\s*(?:\d{1,2}|" + _ZH_NUM + r")\s*[）)][、.．:：]?|[\u2460-\u2473\u2776-\u277f]"
    r"|第\s*(?:\d{1,2}|" + _ZH_NUM + r")\s*[點个個]?\s*[、.．:：,，])\s*"
)
_BULLET = re.compile(r"^\s*(?:[-*•·・●▪]|#+)\s+")
_MARKUP = re.compile(r"\*\*|__|`|~~|^\s*>\s*")
_PREFIX = re.compile(
    r"^(?:(?:idea|ideas|solution|點子|想法|建議)\s*(?:\d{1,2}|" + _ZH_NUM + r")?\s*[:：]"
    r"|【\s*(?:idea|點子|想法|建議)\s*(?:\d{1,2}|" + _ZH_NUM + r")?\s*】)\s*",
    re.IGNORECASE,
)
_QUOTES = "\"'“”‘’「」『』"
_ECHO = re.compile(
    r"(?:^|\b)(?:challenge\s*:|angle\s*:|ideas we already have|number them|reply with the idea|"
    r"here are|here is|sure[,!]|certainly|as an ai|i hope|let me know|i can't|i cannot|"
    r"different ideas for this challenge)|"
    r"挑戰[：:]|挑戰描述|思考角度[：:]|我們已經有|以下是|好的[，,]|希望這些",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# In Chinese text, Latin words are usually the model slipping into another language ("fee",
# "licensed", "_easy"); acronyms and a few loanwords people really write are fine.
_LATIN_IN_ZH = re.compile(r"[A-Za-z_\u00c0-\u024f][A-Za-z_\u00c0-\u024f'-]*")
_ZH_LOANWORDS = frozenset(
    "app line wifi email qr code led diy ai ar vr ubike youbike google".split()
)
# Letters of scripts neither language uses here (Greek, Cyrillic, Hebrew, Arabic, Thai, kana,
# Hangul).
_FOREIGN = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0e00-\u0e7f\u3040-\u30ff\uac00-\ud7af]"
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
STOPWORDS = frozenset(
    """a an the and or but if then so to of in on at by for with from into onto about as is are
    was were be been being it its this that these those there their they them we our us you your
    i me my he she his her how might can could would should will may must do does did not no
    more most less very much many some any all each every other such than too also just only own
    same new way ways use using used make making made help helps get gets which who whom what when
    where why while within without through across over under up down out off again further once
    here one two three four five idea ideas""".split()
)
_TRAILING_WEAK = frozenset(
    "and or to the of with for by a an in on at that which who 和 與 及 或 的".split()
)


def _stem(word: str) -> str:
    """A crude stemmer, enough to see that 'commuting', 'commute' and 'commuters' are one word."""
    w = word.lower().strip("'-")
    for suffix in ("ing", "ies", "ers", "er", "es", "ed", "ly", "s"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            w = w[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return w[:-1] if len(w) > 4 and w.endswith("e") else w


def content_words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS and len(w) > 2}


def han_bigrams(text: str) -> set[str]:
    chars = "".join(_HAN.findall(text))
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def normal_key(text: str) -> str:
    """Lower case, letters and digits only: two ideas with the same key are the same idea."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if ch.isalnum())


def trigrams(text: str) -> set[str]:
    key = normal_key(text)
    return {key[i : i + 3] for i in range(max(1, len(key) - 2))}


_TOP_BULLET = re.compile(r"^(?:[-*•·・●▪]\s+|\*\*)")  # a bullet or bold title at the line start


def split_list(text: str) -> list[str]:
    """Items of a list (the model's turn starts after a prefilled '1.').

    An item is a numbered line, or a line that starts with a bullet or a bold title at the
    left margin (models sometimes switch to those). Indented sub-points and commentary under
    an item are dropped: joined on, they turned short ideas into rambling ones. An item whose
    line is empty after the number takes the next line instead."""
    items: list[str] = []
    for line in text.replace("\r", "").split("\n"):
        if not line.strip():
            continue
        if _NUMBERED.match(line) or not items:
            items.append(_NUMBERED.sub("", line, count=1))
        elif not items[-1].strip():
            items[-1] = _BULLET.sub("", line)
        elif _TOP_BULLET.match(line):
            items.append(_BULLET.sub("", line))
    return items


def clean_item(raw: str) -> str:
    text = clean_text(raw, multiline=False)
    text = _NUMBERED.sub("", text, count=1)
    text = _BULLET.sub("", text)
    text = _MARKUP.sub("", text)
    text = _PREFIX.sub("", text).strip()
    while len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return re.sub(r"\s{2,}", " ", text).strip(" -–—:")


@dataclass(slots=True)
class Verdict:
    text: str
    ok: bool
    reason: str = ""  # a key of REASONS when rejected
    converted: bool = False  # Simplified characters were converted to Traditional


KEEP_TW = Path(__file__).resolve().parents[2] / "resources" / "opencc" / "s2twp-keep.txt"
_config_dir: tempfile.TemporaryDirectory[str] | None = None


@cache
def traditional_converter() -> object:
    """OpenCC s2twp (Simplified to Traditional with Taiwan phrases: 塑料 -> 塑膠, 信息 -> 資訊,
    软件 -> 軟體) with the words of resources/opencc/s2twp-keep.txt put first in its Taiwan
    phrase step. Measured (benchmarks/opencc_compare.py): on 133 Chinese model outputs, s2twp
    rewrote 21 words a Taiwan reader uses as they are (設置 -> 設定, 支持 -> 支援, 循環經濟 ->
    迴圈經濟, 社區 -> 社群); the keep list stops those and keeps every useful change (40
    phrases: 82% to the Taiwan word, against 57% for s2twp and 32% for s2t). Falls back to plain
    s2twp if the list cannot be read."""
    import opencc

    global _config_dir
    share = Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"
    try:
        config = json.loads((share / "s2twp.json").read_text(encoding="utf-8"))
        keep = KEEP_TW.read_text(encoding="utf-8")

        def absolute(node: object) -> None:  # the copy lives elsewhere: point at the package
            if isinstance(node, dict):
                if node.get("type") == "ocd2":
                    node["file"] = str(share / node["file"])
                for value in node.values():
                    absolute(value)
            elif isinstance(node, list):
                for value in node:
                    absolute(value)

        absolute(config)
        _config_dir = tempfile.TemporaryDirectory(prefix="ideaforge-opencc-")
        folder = Path(_config_dir.name)
        (folder / "keep.txt").write_text(keep, encoding="utf-8")
        config["conversion_chain"][1]["dict"]["dicts"].insert(
            0, {"type": "text", "file": str(folder / "keep.txt")}
        )
        (folder / "s2twp-keep.json").write_text(json.dumps(config), encoding="utf-8")
        return opencc.OpenCC(str(folder / "s2twp-keep.json"))
    except (OSError, ValueError, KeyError, IndexError, TypeError, RuntimeError) as error:
        log.warning("OpenCC keep list not used (%s); converting with plain s2twp", error)
        return opencc.OpenCC("s2twp")


@dataclass(slots=True)
class IdeaFilter:
    """Checks outputs for one session. Remembers accepted ideas to catch near-duplicates."""

    challenge: str
    language: Language
    existing: list[str] = field(default_factory=list)
    dup_threshold: float = 0.7
    counts: Counter[str] = field(default_factory=Counter)
    converted: int = 0  # outputs that had Simplified characters (normalised to Traditional)
    _keys: set[str] = field(default_factory=set)
    _grams: list[set[str]] = field(default_factory=list)
    _challenge_words: set[str] = field(default_factory=set)
    _challenge_bigrams: set[str] = field(default_factory=set)
    _converter: object | None = None

    def __post_init__(self) -> None:
        self._challenge_words = content_words(self.challenge)
        self._challenge_bigrams = han_bigrams(self.challenge)
        for text in self.existing:
            self._remember(text)

    def _remember(self, text: str) -> None:
        self._keys.add(normal_key(text))
        self._grams.append(trigrams(text))

    def _to_traditional(self, text: str) -> str:
        if self._converter is None:
            self._converter = traditional_converter()
        return str(self._converter.convert(text))  # type: ignore[attr-defined]

    def check(self, raw: str, *, cut_off: bool = False) -> Verdict:
        verdict = self._check(raw, cut_off)
        self.counts["kept" if verdict.ok else verdict.reason] += 1
        self.converted += verdict.converted
        if verdict.ok:
            self._remember(verdict.text)
        return verdict

    def _check(self, raw: str, cut_off: bool) -> Verdict:
        text = clean_item(raw)
        converted = False
        if not text:
            return Verdict(text, False, "empty")
        if _HAN.search(text) and self.language is not Language.EN:
            traditional = self._to_traditional(text)
            converted, text = traditional != text, traditional
        if _ECHO.search(text):
            return Verdict(text, False, "echo", converted)
        letters = sum(ch.isalpha() for ch in text)
        visible = sum(not ch.isspace() for ch in text)
        if (
            visible == 0
            or letters / visible < 0.6
            or re.search(r"(.)\1{5,}", text)
            or "\ufffd" in text  # a character broken in decoding ("在家庭\ufffd", seen)
        ):
            return Verdict(text, False, "not_words", converted)
        words = text.split()
        if len(words) >= 6 and max(Counter(w.lower() for w in words).values()) > len(words) / 3:
            return Verdict(text, False, "not_words", converted)
        han = len(_HAN.findall(text))
        lang = detect_language(text)
        # A mixed session takes ideas in either language; each is judged by its own rules
        # (English word counts would call every Chinese sentence one word, too short).
        mostly_han = han >= 0.5 * letters
        zh = self.language is Language.ZH_TW or (self.language is Language.MIXED and mostly_han)
        if self.language is Language.ZH_TW and not mostly_han:
            return Verdict(text, False, "wrong_language", converted)
        if _FOREIGN.search(text):
            return Verdict(text, False, "wrong_language", converted)
        if zh and any(
            not (w.isalpha() and w.isupper() and len(w) <= 5) and w.lower() not in _ZH_LOANWORDS
            for w in _LATIN_IN_ZH.findall(text)
        ):
            return Verdict(text, False, "wrong_language", converted)
        if self.language is Language.EN and lang is not Language.EN:
            return Verdict(text, False, "wrong_language", converted)
        size = han + len(_WORD.findall(text))  # a Han character counts as a word here
        if (zh and han < 8) or (not zh and len(words) < 5):
            return Verdict(text, False, "too_short", converted)
        if (zh and han > 90) or (not zh and len(words) > 45) or size > 90:
            return Verdict(text, False, "too_long", converted)
        last = re.sub(r"[\W_]+$", "", text).split()[-1].lower() if text.split() else ""
        ends_clean = text[-1] in ".!?。！？)）」" or not cut_off
        if (
            not ends_clean
            or last in _TRAILING_WEAK
            # a heading with nothing after it ("制定偏好的閱讀故事：") announces an idea
            # it never gives
            or text.endswith(("的", "和", "與", "及", "，", ",", "：", ":", "、", "；", ";"))
        ):
            return Verdict(text, False, "fragment", converted)
        if self._is_restatement(text, zh):
            return Verdict(text, False, "restatement", converted)
        if not zh and (_VAGUE_START.match(text) or (_GOAL_ONLY.match(text) and "," not in text)):
            return Verdict(text, False, "vague", converted)
        key = normal_key(text)
        if key in self._keys:
            return Verdict(text, False, "duplicate", converted)
        grams = trigrams(text)
        for other in self._grams:
            union = len(grams | other)
            if union and len(grams & other) / union >= self.dup_threshold:
                return Verdict(text, False, "duplicate", converted)
        return Verdict(text, True, "", converted)

    def _is_restatement(self, text: str, zh: bool) -> bool:
        """Too close to the challenge, with too little content of its own (MODELS.md: the small
        models' typical failure, which an on-topic similarity check would pass)."""
        if zh or _HAN.search(self.challenge):
            new = han_bigrams(text) - self._challenge_bigrams
            if len(han_bigrams(text)) and len(new) < 4:
                return True
        words = content_words(text)
        if not words:
            return not zh
        new_words = words - self._challenge_words
        return not zh and (len(new_words) < 2 or len(new_words) / len(words) < 0.3)

    def report(self) -> dict[str, int]:
        return dict(self.counts)
