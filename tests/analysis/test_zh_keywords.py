"""Chinese theme labels are whole words: the real tokenizer on real idea texts, no mocks."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

from ideaforge.analysis import keywords

pytest.importorskip("opencc_jieba_pyo3")

NONPROFIT = [
    "邀請非營利組織到社區大樓回收舊衣",
    "和非營利組織合作，把剩食送到需要的家庭",
    "非營利組織派志工教住戶垃圾分類",
    "讓非營利組織認養大樓的回收站",
]
BINS = [
    "在每層樓電梯旁放一個垃圾桶和回收桶",
    "把垃圾桶換成有分類標示的款式",
    "垃圾桶上貼清楚的分類說明",
    "大廳的垃圾桶改成腳踏式，住戶不用碰蓋子",
]
CYCLING = [
    "替新手騎士舉辦自行車通勤教學",
    "在自行車道旁加裝照明",
    "公司提供自行車停車位和淋浴間",
    "自行車通勤族每月可以領交通補助",
]


def labels(*groups: list[str], ignore: str = "") -> list[tuple[str, ...]]:
    return keywords.theme_keywords(list(groups), ignore=ignore)


def test_tokenizer_splits_words_not_characters() -> None:
    cut = keywords.tokenizer()
    assert cut is not None
    assert list(cut("讓非營利組織回收垃圾桶")) == ["讓", "非營利", "組織", "回收", "垃圾桶"]
    # Taiwan words the dictionary splits are joined again; other words are left alone.
    assert (
        " ".join(cut("用悠遊卡搭捷運，博愛座加裝扶手")) == "用 悠遊卡 搭 捷運 ， 博愛座 加裝 扶手"
    )
    assert keywords.join_user_words(["他", "長", "照顧"]) == ["他", "長", "照顧"]
    joined = keywords.join_user_words(["零", "廢棄", "的", "便利", "貼"])
    assert joined == ["零廢棄", "的", "便利貼"]


def test_chinese_labels_are_whole_words() -> None:
    kw = labels(NONPROFIT, BINS, CYCLING)
    assert kw[0][0] == "非營利組織"  # "非營利" + "組織": always together here, shown whole
    assert kw[1][0] == "垃圾桶"
    assert kw[2][0] == "自行車"
    terms = [t for k in kw for t in k]
    for fragment in ("利組織", "營利組織", "營利", "圾桶", "垃圾", "自行", "行車"):
        assert fragment not in terms
    assert all(len(t) > 1 for t in terms)
    # Every Chinese term is a word of its texts as the tokenizer cut them, or two such words.
    cut = keywords.tokenizer()
    assert cut is not None
    for group, k in zip((NONPROFIT, BINS, CYCLING), kw, strict=True):
        words = [list(cut(text)) for text in group]
        pairs = {a + b for w in words for a, b in itertools.pairwise(w)}
        for term in k:
            assert any(term in w for w in words) or term in pairs, term


def test_a_compound_is_shown_whole_only_where_its_words_never_stand_alone() -> None:
    mixed = ["非營利組織回收舊衣", "非營利組織派志工", "社區組織舉辦講座", "組織住戶開會"]
    kw = labels(mixed, BINS)
    assert "非營利組織" not in kw[0]  # 組織 also stands alone: 組織 names the theme
    assert kw[0][0] == "組織"


def test_no_single_characters_stop_words_or_quantities() -> None:
    texts = [
        "我們可以在夜市提供一個租借餐具的攤位",
        "每週在夜市設置一個餐具回收站",
        "夜市的每個攤位都可以使用環保餐具",
    ]
    kw = labels(texts, BINS)
    terms = [t for k in kw for t in k]
    assert all(len(t) > 1 for t in terms)
    for stop in ("我們", "可以", "一個", "每週", "每個", "提供", "使用"):
        assert stop not in terms
    assert "夜市" in kw[0] and any("餐具" in t for t in kw[0])


def test_the_challenges_words_are_left_out() -> None:
    challenge = "我們可以如何提高社區大樓的資源回收率？"
    groups = [
        ["在社區大樓設置資源回收站", "社區大樓的回收桶加上分類圖示", "大樓住戶資源回收集點換獎品"],
        ["社區大樓舉辦二手市集", "大樓大廳設二手交換架", "社區大樓每月舉辦二手衣交換"],
    ]
    kw = labels(*groups, ignore=challenge)
    terms = [t for k in kw for t in k]
    # Neither the words nor compounds made with them ("社區大樓", "資源回收"); other words
    # that contain one (回收桶, 回收站) are words of their own.
    for word in ("社區", "大樓", "資源", "回收", "提高", "社區大樓", "資源回收", "大樓住戶"):
        assert word not in terms, word
    assert kw[1][0] == "二手"
    assert {"回收桶", "回收站"} <= set(kw[0])
    # A word inside a challenge word is the challenge's too: 回收 of 回收率.
    recycling = ["回收日前一天提醒住戶回收", "回收物在大廳分類", "每月公布回收量"]
    kw = labels(recycling, groups[1], ignore="我們可以如何提高回收率？")
    assert "回收" not in kw[0] and "回收" in labels(recycling, groups[1])[0]
    # Without the challenge, its words name the themes.
    assert "大樓" in {t for k in labels(*groups) for t in k} or "社區大樓" in labels(*groups)[1]


def test_mixed_english_and_chinese_texts() -> None:
    groups = [
        ["用 LINE 群組通知住戶回收日", "建立 LINE 群組提醒垃圾車時間", "LINE 群組分享二手物資"],
        ["Podcast 介紹圖書館新書", "青少年錄製 podcast 節目", "圖書館開設 podcast 錄音室"],
    ]
    kw = labels(*groups)
    assert "line" in kw[0] and "群組" in kw[0]
    assert "podcast" in kw[1] and "圖書館" in kw[1]
    # English behaviour is unchanged by the tokenizer.
    english = [["Pair new hires with a buddy", "New hire buddy program", "A buddy for each hire"]]
    assert set(labels(*english)[0][:2]) == {"hire", "buddy"}
    assert labels(*english, ignore="How might we welcome new hires?")[0] == ("buddy",)


def test_ngram_path_is_kept_for_when_the_tokenizer_is_missing() -> None:
    groups = [["夜市推廣環保餐具", "提供環保餐具租借服務", "環保餐具押金制度"], BINS]
    kw = keywords.theme_keywords(groups, segment=keywords.NGRAMS)
    assert kw[0][0] == "環保餐具"
    assert "保餐" not in kw[0]


def test_importing_keywords_does_not_import_the_tokenizer() -> None:
    code = (
        "import sys\n"
        "import ideaforge.analysis.keywords as k\n"
        "assert 'opencc_jieba_pyo3' not in sys.modules\n"
        "k.theme_keywords([['夜市環保餐具', '環保餐具租借']])\n"
        "assert 'opencc_jieba_pyo3' in sys.modules\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""  # the tokenizer loads silently


def test_without_the_tokenizer_labels_fall_back_to_ngrams_and_say_so() -> None:
    code = (
        "import logging, sys\n"
        "sys.modules['opencc_jieba_pyo3'] = None  # as if it were not installed\n"
        "logging.basicConfig(level=logging.WARNING, format='%(message)s')\n"
        "from ideaforge.analysis import keywords as k\n"
        "kw = k.theme_keywords([['夜市推廣環保餐具', '提供環保餐具租借服務', '環保餐具押金制度']])\n"
        "print(kw[0][0])\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "環保餐具"
    assert "opencc-jieba-pyo3 is not installed" in res.stderr
    assert res.stderr.count("not installed") == 1  # logged once, not per text
